/**
 * The demo study's codebook: the seed paper's themes (A.K. Amirova 2020, "Interview results"), and
 * the passages of the example interviews' notes that the paper quotes, coded with them. Fixed ids and
 * one fixed revision (device "demo"), so every device that ships them holds the same records and
 * they merge as one.
 */
import { spanOf } from '../coding/anchor';
import type { CodeRecord, PassageRecord } from '../coding/types';
import type { Revision } from '../bundle/types';
import { demoExampleResponses } from './example-data';
import { DEMO_STUDY_ID } from './meta';

const REV: Revision = { device: 'demo', at: '2020-03-01T00:00:00.000Z', vv: { demo: 1 } };

function code(key: string, name: string, color: string, description: string): CodeRecord {
  return { type: 'code', id: `demo-${key}`, studyId: DEMO_STUDY_ID, name, color, description, rev: REV };
}

export const DEMO_CODES: readonly CodeRecord[] = [
  code('leadership', 'leadership', '#1f77b4', 'The role of the leader (the first head) and the quality and style of management as a factor of change.'),
  code('apathy', 'apathy', '#7f7f7f', 'Employees\u2019 apathy: no understanding of the overall end goal, avoidance of responsibility.'),
  code('initiative', 'initiative', '#2ca02c', 'Offering and introducing innovations and ideas; "initiative is punishable".'),
  code('top-down', 'top-down', '#d62728', 'Change driven from above: political will, the first head, transformational leadership.'),
  code('bottom-up', 'bottom-up', '#ff7f0e', 'Change driven from below: the initiative of subordinates and their commitment.'),
  code('institutional-memory', 'institutional memory', '#9467bd', 'Preserving institutional memory: avoiding a high turnover of staff.'),
];

/** [respondent, item of the note, quoted words, codes]: the passages the paper quotes. */
const QUOTED: readonly [string, string, string, string[]][] = [
  ['R1', 'q5', '"initiative is punishable"', ['initiative']],
  ['R1', 'q5', 'Change has to come from the initiative of subordinates.', ['bottom-up', 'initiative']],
  ['R2', 'q1', 'leadership, namely the quality and style of management', ['leadership']],
  ['R2', 'q5', 'The role of the leader as a factor for innovation and transformation processes', ['leadership', 'top-down']],
  ['R3', 'q3', 'institutional memory of the state body', ['institutional-memory']],
  ['R3', 'q5', 'A lack of understanding of the overall end goal leads to employee apathy.', ['apathy']],
  ['R3', 'q5', 'All decisions are reduced to the decision of the first head.', ['top-down', 'leadership']],
  ['R4', 'q5', 'change rests on the initiative of subordinates', ['bottom-up']],
];

function passages(): PassageRecord[] {
  return QUOTED.map(([code, item, words, codes], n) => {
    const r = demoExampleResponses.find((x) => x.respondentCode === code)!;
    const note = r.notes?.[item] ?? '';
    const start = note.indexOf(words);
    if (start < 0) throw new Error(`demo coding: "${words}" is not in ${code}'s note on ${item}`);
    return {
      type: 'passage',
      id: `demo-passage-${n + 1}`,
      studyId: DEMO_STUDY_ID,
      responseId: r.id,
      source: { kind: 'note', item },
      ...spanOf(note, start, start + words.length),
      codes: codes.map((c) => `demo-${c}`).sort(),
      by: 'A.K. Amirova (paper)',
      rev: REV,
    };
  });
}

export const DEMO_PASSAGES: readonly PassageRecord[] = passages();
