/**
 * Example responses of the demo study: the four expert interviews as the paper publishes them
 * (A.K. Amirova 2020, Tables 1-3; transcribed in shared/seed/README.md). For demonstration only:
 * every record says `example: true`, and DEMO_EXAMPLE_NOTE says so in the study's languages.
 *
 * The tables below are laid out as in the paper, one column per respondent (R1..R4), so they can be
 * checked against it line by line; the responses are built from them. Conversions:
 * - experience is in years: 5 years 5 months = 5.42, 4 months = 0.33, 1 year 6 months = 1.5; the
 *   paper's "more than 10 years" is 10, with the paper's wording kept as the interviewer's note;
 * - the level of government is not a row of Table 1: it follows from each occupation (the Agency is
 *   a central body, the mayor's office a local one; not asked in the private sector);
 * - Table 3 ratings are stored as Likert codes "1".."5";
 * - the Leadership statements were added after the study, so no one answered them (null).
 */
import type { LocalizedText } from '../instrument/types';
import type { AnswerValue } from '../responses/types';

export interface DemoExampleResponse {
  /** Fixed, so loading the examples twice does not duplicate them. */
  id: string;
  respondentCode: string;
  /** Every item of the demo study, by name; null when not answered. */
  answers: Record<string, AnswerValue>;
  /** "Other (specify)" texts, by item name (stored as `<item>_other` in exports). */
  other?: Record<string, string>;
  /** Interviewer's notes, by item name (items with `note: true`). */
  notes?: Record<string, string>;
  example: true;
}

export const DEMO_EXAMPLE_NOTE: LocalizedText = {
  en:
    'Example data: the answers of the four experts as published in A.K. Amirova (2020), Tables 1\u20133, ' +
    'shown for demonstration only. The Leadership statements were added after that study and are unanswered.',
  ru:
    'Пример данных: ответы четырёх экспертов в том виде, в каком они опубликованы в статье А.К. Амировой (2020), ' +
    'таблицы 1\u20133; приводятся только для демонстрации. Утверждения о лидерстве добавлены после исследования ' +
    'и остались без ответа.',
  kk:
    'Мысал деректер: А.Қ. Әмірованың (2020) мақаласында жарияланған төрт сарапшының жауаптары, 1\u20133-кестелер; ' +
    'тек көрсету үшін берілген. «Көшбасшылық» тұжырымдары ол зерттеуден кейін қосылған, сондықтан оларға жауап жоқ.',
};

type Column<T> = readonly [T, T, T, T];

const CODES: Column<string> = ['R1', 'R2', 'R3', 'R4'];
const IDS: Column<string> = [
  '5eed2020-0000-4000-8000-000000000001',
  '5eed2020-0000-4000-8000-000000000002',
  '5eed2020-0000-4000-8000-000000000003',
  '5eed2020-0000-4000-8000-000000000004',
];

/** Table 1: profile of interviewees. */
const TABLE_1: Record<string, Column<AnswerValue>> = {
  role: ['pm_public', 'pm_private', 'central_gov', 'local_gov'],
  sector: ['public', 'private', 'public', 'public'],
  gov_level: ['central', null, 'central', 'local'],
  occupation: [
    'Deputy Director, Civil Service Department, Agency for Civil Service Affairs',
    'General Director, Hay Group branch in Kazakhstan',
    'Head of Division, Public Services Delivery Department, Agency for Civil Service Affairs',
    'Head of the Unified HR service, office of the mayor of Nur-Sultan',
  ],
  interview_date: ['2019-11-04', '2019-06-11', '2019-11-05', '2019-06-03'],
  age: [29, 35, 36, 30],
  exp_total: [5.42, 10, 13, 8],
  exp_position: [0.33, 2, 4, 1.5],
  education: ['master', 'master', 'bachelor', 'bachelor'],
};

/** The paper's wording of the experience rows, kept where the number does not say it all. */
const TABLE_1_NOTES: Record<string, Column<string | null>> = {
  exp_total: ['5 years 5 months', 'More than 10 years', null, null],
  exp_position: ['4 months', null, null, '1 year 6 months'],
};

/** Table 2: the preliminary questions. */
const TABLE_2: Record<string, Column<AnswerValue>> = {
  q1: [['A', 'B', 'C'], ['A', 'B', 'C', 'other'], ['A', 'B'], ['A', 'B', 'C']],
  q2: ['B', 'A', 'A', 'D'],
  q3: ['C', 'C', 'C', 'C'],
  q4: ['A', 'B', 'E', 'B'],
  q5: [['C', 'D'], ['B'], ['A'], ['C']],
};

/**
 * The interviewer's notes on the questions: the paper's own words about what the experts said
 * ("Interview results" and "Survey results"). The paper reports them as the experts' views; which
 * expert said which is reconstructed from its one attribution (the company's and the central body's
 * representatives stress leadership, top-down; the akimat's employee and the Agency's project
 * manager the initiative of subordinates, bottom-up), as the demo study's description says.
 */
const TABLE_2_NOTES: Record<string, Column<string | null>> = {
  q1: [
    null,
    'It is proposed to take into account leadership, namely the quality and style of management, as an additional factor.',
    null,
    null,
  ],
  q3: [
    null,
    null,
    'If the institutional memory of the state body is important, in other words, to prevent a high turnover of personnel.',
    null,
  ],
  q5: [
    'Relatively few employees are interested in offering innovations because of the risk of being punished ("initiative is punishable"). Change has to come from the initiative of subordinates.',
    'The role of the leader as a factor for innovation and transformation processes: support of the initiative by the first head and the ability to change.',
    'A lack of understanding of the overall end goal leads to employee apathy. All decisions are reduced to the decision of the first head.',
    'Due to the proactive role of the first head, transformational processes were launched in the mayor\u2019s office; but change rests on the initiative of subordinates.',
  ],
};

const TABLE_2_OTHER: Record<string, Column<string | null>> = {
  q1: [null, 'Leadership (management styles and quality)', null, null],
};

/** Table 3: the draft conceptual model, rated 1..5. */
const TABLE_3: Record<string, Column<number>> = {
  // Strategy
  s1: [5, 5, 5, 4],
  s2: [4, 5, 5, 5],
  s3: [3, 4, 5, 5],
  // Human capital
  h1: [5, 4, 5, 5],
  h2: [4, 5, 5, 4],
  h3: [3, 3, 4, 4],
  h4: [1, 3, 5, 3],
  h5: [2, 2, 5, 4],
  // Organization
  o1: [5, 4, 5, 4],
  o2: [3, 4, 4, 3],
  o3: [4, 5, 5, 3],
  // Resources
  r1: [4, 3, 4, 4],
  r2: [3, 4, 4, 4],
  r3: [2, 3, 4, 4],
  r4: [1, 4, 4, 3],
};

/** Not in the paper: no published answers (the paper's interviews have no recording in Dala either). */
const UNANSWERED = ['rec_consent', 'interview_audio', 'l1', 'l2', 'l3'] as const;

function column<T>(table: Record<string, Column<T>>, r: number): [string, T][] {
  return Object.entries(table).map(([name, values]) => [name, values[r] as T]);
}

function nonNull(entries: [string, string | null][]): Record<string, string> | undefined {
  const kept = entries.filter((e): e is [string, string] => e[1] !== null);
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

function respondent(r: number): DemoExampleResponse {
  const answers: Record<string, AnswerValue> = {
    ...Object.fromEntries(column(TABLE_1, r)),
    ...Object.fromEntries(column(TABLE_2, r)),
    ...Object.fromEntries(column(TABLE_3, r).map(([name, rating]) => [name, String(rating)])),
    ...Object.fromEntries(UNANSWERED.map((name) => [name, null])),
  };
  const out: DemoExampleResponse = { id: IDS[r] as string, respondentCode: CODES[r] as string, answers, example: true };
  const other = nonNull(column(TABLE_2_OTHER, r));
  const notes = nonNull([...column(TABLE_1_NOTES, r), ...column(TABLE_2_NOTES, r)]);
  if (other) out.other = other;
  if (notes) out.notes = notes;
  return out;
}

export const demoExampleResponses: readonly DemoExampleResponse[] = [0, 1, 2, 3].map(respondent);
