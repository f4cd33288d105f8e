/**
 * The built-in demo study: the expert interview of A.K. Amirova, "A vision of innovative civil
 * service through the lenses of state and business" (2020), https://doi.org/10.32523/2079-620X-2020-1-52-62,
 * as transcribed in the project's seed (shared/seed/README.md).
 *
 * What comes from where:
 * - the profile section is Table 1, the five questions are Table 2, the fifteen statements Table 3;
 * - answer options and words that the paper does not give (shown in [brackets] in the seed) are
 *   reconstructions: each question's hint and the study's description say which;
 * - the three Leadership statements are not in the paper: it recommends a Leadership factor after
 *   the pilot, and they are marked `added: true`;
 * - option D of Q3 ("freezing" of vacancies) is left out, as the paper recommends after the pilot.
 *
 * English and Russian texts are complete. Kazakh is given where we are confident of the wording; a
 * label without `kk` falls back to English in the UI. The interviews themselves were in Russian.
 * This is plain data: it passes parseInstrument (test/core/demo/demo-study.test.ts holds that).
 */
import type { Choice, Item, LocalizedText, Section, Instrument } from '../instrument/types';
import { DEMO_STUDY_ID, DEMO_STUDY_VERSION } from './meta';

const t = (en: string, ru: string, kk?: string): LocalizedText => (kk === undefined ? { en, ru } : { en, ru, kk });
const choice = (name: string, en: string, ru: string, kk?: string): Choice => ({ name, label: t(en, ru, kk) });


// ---------------------------------------------------------------------------------------------
// Choice lists

const choiceLists: Record<string, Choice[]> = {
  yes_no: [choice('yes', 'Yes', 'Да', 'Иә'), choice('no', 'No', 'Нет', 'Жоқ')],
  role: [
    choice('pm_public', 'Project manager, public sector', 'Руководитель проекта от государственного сектора', 'Мемлекеттік сектордан жоба жетекшісі'),
    choice('pm_private', 'Project manager, private sector', 'Руководитель проекта от частного сектора', 'Жеке сектордан жоба жетекшісі'),
    choice('central_gov', 'Central government representative', 'Представитель центрального государственного органа', 'Орталық мемлекеттік органның өкілі'),
    choice('local_gov', 'Local government representative', 'Представитель местного исполнительного органа', 'Жергілікті атқарушы органның өкілі'),
    choice('other', 'Other', 'Другое', 'Басқа'),
  ],
  sector: [
    choice('public', 'Public sector', 'Государственный сектор', 'Мемлекеттік сектор'),
    choice('private', 'Private sector', 'Частный сектор', 'Жеке сектор'),
  ],
  gov_level: [
    choice('central', 'Central', 'Центральный', 'Орталық'),
    choice('local', 'Local', 'Местный', 'Жергілікті'),
    choice('na', 'Not applicable', 'Не применимо', 'Қолданылмайды'),
  ],
  education: [
    choice('bachelor', 'Bachelor\u2019s degree', 'Бакалавр', 'Бакалавр'),
    choice('master', 'Master\u2019s degree', 'Магистр', 'Магистр'),
    choice('doctorate', 'Doctorate (PhD or equivalent)', 'Докторская степень (PhD или эквивалент)', 'Докторлық дәреже (PhD немесе оған балама)'),
    choice('other', 'Other', 'Другое', 'Басқа'),
  ],
  q1: [
    choice('A', 'Public authority strategy', 'Стратегия государственного органа', 'Мемлекеттік органның стратегиясы'),
    choice('B', 'Human capital (personnel)', 'Человеческий капитал (персонал)', 'Адами капитал (персонал)'),
    choice('C', 'Organizational structure and culture', 'Организационная структура и культура', 'Ұйымдық құрылым және мәдениет'),
    choice('D', 'Resources', 'Ресурсы', 'Ресурстар'),
  ],
  q2: [
    choice(
      'A',
      'Social protection of public servants (the benefits package and the Agency\u2019s initiatives to expand it)',
      'Социальная защищённость государственных служащих (социальный пакет и инициативы Агентства по его расширению)',
      'Мемлекеттік қызметшілерді әлеуметтік қорғау (әлеуметтік пакет және Агенттіктің оны кеңейту жөніндегі бастамалары)',
    ),
    choice('B', 'The strategy and objectives of your public authority', 'Стратегия и цели вашего государственного органа', 'Сіздің мемлекеттік органыңыздың стратегиясы мен мақсаттары'),
    choice('C', 'Salary and bonuses', 'Заработная плата и премии', 'Жалақы және сыйлықақылар'),
    choice('D', 'Public service and the possibility of self-realization', 'Государственная служба и возможность самореализации', 'Мемлекеттік қызмет және өзін-өзі жүзеге асыру мүмкіндігі'),
  ],
  q3: [
    choice('A', 'Management style', 'Стиль управления', 'Басқару стилі'),
    choice('B', 'Workload', 'Рабочая нагрузка', 'Жұмыс жүктемесі'),
    choice('C', 'Distribution of tasks in structural divisions', 'Распределение задач в структурных подразделениях', 'Құрылымдық бөлімшелердегі міндеттерді бөлу'),
  ],
  q4: [
    choice(
      'A',
      'When each employee knows which area of work they are personally responsible for',
      'Когда каждый сотрудник знает, за какой участок работы он несёт персональную ответственность',
      'Әр қызметкер жұмыстың қай бағытына жеке жауапты екенін білгенде',
    ),
    choice('B', 'When your opinion is taken into account by the management', 'Когда руководство учитывает ваше мнение', 'Басшылық сіздің пікіріңізді ескергенде'),
    choice(
      'E',
      'When the results of the work affect the welfare of the population / the economic situation in the country',
      'Когда результаты работы влияют на благосостояние населения / экономическую ситуацию в стране',
      'Жұмыс нәтижелері халықтың әл-ауқатына / елдегі экономикалық жағдайға әсер еткенде',
    ),
  ],
  q5: [
    choice('A', 'Political will of the Head of State', 'Политическая воля Главы государства', 'Мемлекет басшысының саяси еркі'),
    choice(
      'B',
      'Support of the initiative by the first head of the state body and their ability to change (transformational leader)',
      'Поддержка инициативы первым руководителем государственного органа и его способность к изменениям (трансформационный лидер)',
      'Бастаманы мемлекеттік органның бірінші басшысының қолдауы және оның өзгерістерге қабілеттілігі (трансформациялық көшбасшы)',
    ),
    choice(
      'C',
      'Initiatives on the part of employees, their commitment to the values of the public service and the objectives of the public authority',
      'Инициативы со стороны сотрудников, их приверженность ценностям государственной службы и целям государственного органа',
      'Қызметкерлер тарапынан бастамалар, олардың мемлекеттік қызмет құндылықтары мен мемлекеттік органның мақсаттарына берілгендігі',
    ),
    choice('D', 'The needs of society (including citizens\u2019 appeals)', 'Потребности общества (в том числе обращения граждан)', 'Қоғамның қажеттіліктері (соның ішінде азаматтардың өтініштері)'),
  ],
};

// ---------------------------------------------------------------------------------------------
// Section 1: profile (Table 1)

const profile: Section = {
  name: 'profile',
  label: t('Profile of the respondent', 'Профиль респондента', 'Респонденттің профилі'),
  hint: t('Table 1 of the paper. Filled in by the interviewer.', 'Таблица 1 статьи. Заполняет интервьюер.', 'Мақаланың 1-кестесі. Сұхбат алушы толтырады.'),
  who: 'interviewer',
  items: [
    {
      name: 'role',
      type: 'select_one',
      choices: 'role',
      required: true,
      label: t('Respondent\u2019s role in the project', 'Роль респондента в проекте', 'Респонденттің жобадағы рөлі'),
    },
    {
      name: 'sector',
      type: 'select_one',
      choices: 'sector',
      required: true,
      label: t('Sector', 'Сектор', 'Сектор'),
    },
    {
      name: 'gov_level',
      type: 'select_one',
      choices: 'gov_level',
      relevant: "${sector} = 'public'",
      label: t('Level of government', 'Уровень государственного управления', 'Мемлекеттік басқару деңгейі'),
      hint: t('Asked only for the public sector.', 'Только для государственного сектора.', 'Тек мемлекеттік сектор үшін.'),
    },
    {
      name: 'occupation',
      type: 'text',
      personal: true,
      label: t('Occupation (position and organization)', 'Занимаемая должность и организация', 'Атқаратын лауазымы және ұйымы'),
      hint: t(
        'Identifies the person: left out of pseudonymous exports.',
        'Позволяет установить личность: не включается в псевдонимизированные выгрузки.',
        'Тұлғаны анықтауға мүмкіндік береді: деректерді аты-жөнсіз экспорттағанда алынып тасталады.',
      ),
    },
    {
      name: 'interview_date',
      type: 'date',
      required: true,
      constraint: '. <= today()',
      constraintMessage: t('The date cannot be in the future.', 'Дата не может быть в будущем.', 'Күн болашақта болмауы керек.'),
      label: t('Date of the interview', 'Дата интервью', 'Сұхбат күні'),
    },
    {
      name: 'age',
      type: 'integer',
      constraint: '. >= 18 and . <= 90',
      constraintMessage: t('Age must be between 18 and 90.', 'Возраст должен быть от 18 до 90 лет.', 'Жасы 18 бен 90 аралығында болуы керек.'),
      label: t('Age (full years)', 'Возраст (полных лет)', 'Жасы (толық жыл)'),
    },
    {
      name: 'exp_total',
      type: 'decimal',
      note: true,
      constraint: '. >= 0',
      constraintMessage: t('Experience cannot be negative.', 'Стаж не может быть отрицательным.', 'Еңбек өтілі теріс сан болмауы керек.'),
      label: t('Total work experience (years)', 'Общий стаж работы (лет)', 'Жалпы еңбек өтілі (жыл)'),
      hint: t(
        'In years: 5 years 5 months = 5.42. Note anything the number does not say ("more than 10 years").',
        'В годах: 5 лет 5 месяцев = 5,42. То, что число не передаёт («более 10 лет»), запишите в заметке.',
      ),
    },
    {
      name: 'exp_position',
      type: 'decimal',
      note: true,
      constraint: '. >= 0',
      constraintMessage: t('Experience cannot be negative.', 'Стаж не может быть отрицательным.', 'Еңбек өтілі теріс сан болмауы керек.'),
      label: t('Experience in the current position (years)', 'Стаж на занимаемой должности (лет)', 'Қазіргі лауазымдағы еңбек өтілі (жыл)'),
      hint: t('In years: 4 months = 0.33, 1 year 6 months = 1.5.', 'В годах: 4 месяца = 0,33, 1 год 6 месяцев = 1,5.', 'Жыл есебімен: 4 ай = 0,33, 1 жыл 6 ай = 1,5.'),
    },
    {
      name: 'education',
      type: 'select_one',
      choices: 'education',
      label: t('Education', 'Образование', 'Білімі'),
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Section 2: the preliminary questions (Table 2)

const SEVERAL = t('Several answers are possible.', 'Возможно несколько ответов.', 'Бірнеше жауап беруге болады.');
const ONE = t('One answer.', 'Один ответ.', 'Бір жауап.');

const questions: Section = {
  name: 'questions',
  label: t('Preliminary interview questions', 'Предварительные вопросы интервью', 'Сұхбаттың алдын ала сұрақтары'),
  hint: t(
    'Table 2 of the paper. Read out each question and its options; record the answer and the respondent\u2019s reasoning.',
    'Таблица 2 статьи. Зачитайте вопрос и варианты ответа; запишите ответ и доводы респондента.',
    'Мақаланың 2-кестесі. Әр сұрақты және жауап нұсқаларын оқып беріңіз; жауапты және респонденттің дәлелдерін жазыңыз.',
  ),
  who: 'interviewer',
  items: [
    // Consent to the recording, apart from consent to the interview: without "yes" nothing records
    // (the recording item below is relevant only then; docs/interview-recording.md). Asked before
    // the open questions, whose answers the recording is for.
    {
      name: 'rec_consent',
      type: 'select_one',
      choices: 'yes_no',
      label: t(
        'Does the respondent agree to the interview being audio-recorded?',
        'Согласен ли респондент на аудиозапись интервью?',
        'Респондент сұхбаттың аудиоға жазылуына келісе ме?',
      ),
      hint: t(
        'Asked apart from the consent to the interview. Without "Yes" nothing is recorded; the interview goes on without a recording.',
        'Спрашивается отдельно от согласия на интервью. Без ответа «Да» ничего не записывается; интервью проходит без записи.',
        'Сұхбатқа келісімнен бөлек сұралады. «Иә» жауабынсыз ештеңе жазылмайды; сұхбат жазбасыз өтеді.',
      ),
    },
    {
      name: 'interview_audio',
      type: 'background-audio',
      relevant: "${rec_consent} = 'yes'",
      label: t('Recording of the interview', 'Запись интервью', 'Сұхбаттың жазбасы'),
    },
    {
      name: 'q1',
      type: 'select_multiple',
      choices: 'q1',
      other: true,
      note: true,
      label: t(
        'In your opinion, what factors influence the increase of the effective activity of the state apparatus?',
        'По вашему мнению, какие факторы влияют на повышение эффективности деятельности государственного аппарата?',
        'Сіздің ойыңызша, мемлекеттік аппарат қызметінің тиімділігін арттыруға қандай факторлар әсер етеді?',
      ),
      hint: SEVERAL,
      guidance: {
        en: 'Option D (Resources) is reconstructed: not in the paper\u2019s text.',
        ru: 'Вариант D (Ресурсы) реконструирован: его нет в тексте статьи.',
        kk: 'D нұсқасы (Ресурстар) қалпына келтірілген: ол мақала мәтінінде жоқ.',
      },
    },
    {
      name: 'q2',
      type: 'select_one',
      choices: 'q2',
      other: true,
      note: true,
      label: t(
        'What motivates you most to work in public service?',
        'Что вас больше всего мотивирует работать на государственной службе?',
        'Мемлекеттік қызметте жұмыс істеуге сізді ең алдымен не ынталандырады?',
      ),
      hint: ONE,
      guidance: {
        en: 'Option C (Salary and bonuses) is reconstructed: not in the paper\u2019s text.',
        ru: 'Вариант C (Заработная плата и премии) реконструирован: его нет в тексте статьи.',
        kk: 'C нұсқасы (Жалақы және сыйлықақылар) қалпына келтірілген: ол мақала мәтінінде жоқ.',
      },
    },
    {
      name: 'q3',
      type: 'select_one',
      choices: 'q3',
      other: true,
      note: true,
      label: t(
        'What would you like to change in your state body?',
        'Что бы вы хотели изменить в вашем государственном органе?',
        'Өз мемлекеттік органыңызда нені өзгерткіңіз келеді?',
      ),
      hint: ONE,
      guidance: {
        en: 'Options A (Management style) and B (Workload) are reconstructed: not in the paper\u2019s text. Option D, "freezing" of vacancies, was removed after the pilot, as the paper recommends.',
        ru: 'Варианты A (Стиль управления) и B (Рабочая нагрузка) реконструированы: их нет в тексте статьи. Вариант D, «замораживание» вакансий, исключён после пилотного этапа, как рекомендует статья.',
      },
    },
    {
      name: 'q4',
      type: 'select_one',
      choices: 'q4',
      note: true,
      label: t(
        'Under what working conditions, in your opinion, is the maximum efficiency of employees achieved?',
        'При каких условиях работы, на ваш взгляд, достигается максимальная эффективность сотрудников?',
        'Сіздің ойыңызша, қандай жұмыс жағдайында қызметкерлердің ең жоғары тиімділігіне қол жеткізіледі?',
      ),
      hint: ONE,
      guidance: {
        en: 'Options C and D are not given in the paper and are left out; the letters are the paper\u2019s.',
        ru: 'Варианты C и D в статье не приведены и опущены; буквы соответствуют статье.',
        kk: 'C және D нұсқалары мақалада келтірілмеген, сондықтан алынып тасталды; әріптер мақаладағыдай.',
      },
    },
    {
      name: 'q5',
      type: 'select_multiple',
      choices: 'q5',
      other: true,
      note: true,
      label: t(
        'What is the determining factor for transformations in the system of public administration?',
        'Что является определяющим фактором преобразований в системе государственного управления?',
        'Мемлекеттік басқару жүйесіндегі өзгерістердің шешуші факторы не?',
      ),
      hint: SEVERAL,
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Sections 3..7: the conceptual model (Table 3), rated on one Likert scale

const RATE = t(
  'To what extent do you agree or disagree with the following statements?',
  'В какой мере вы согласны или не согласны со следующими утверждениями?',
  'Келесі тұжырымдармен қаншалықты келісесіз немесе келіспейсіз?',
);

function statement(name: string, label: LocalizedText, extra?: Partial<Item>): Item {
  return { name, type: 'likert', likert: 'agree5', required: true, label, ...extra };
}

/** A section of Table 3: the respondent rates its statements alone (kiosk mode or a study link). */
function likertSection(name: string, label: LocalizedText, items: Item[], sectionHint: LocalizedText = RATE, guidance?: LocalizedText): Section {
  return { name, label, hint: sectionHint, who: 'respondent', items, ...(guidance ? { guidance } : {}) };
}

const strategy = likertSection('strategy', t('Strategy', 'Стратегия', 'Стратегия'), [
  statement(
    's1',
    t(
      'It is important to clearly define the strategy/mission/purpose of the public authority',
      'Важно чётко определить стратегию/миссию/цель государственного органа',
      'Мемлекеттік органның стратегиясын/миссиясын/мақсатын нақты айқындау маңызды',
    ),
  ),
  statement(
    's2',
    t(
      'It is important to systematically achieve the strategy/mission/goal of the state body',
      'Важно системно добиваться реализации стратегии/миссии/цели государственного органа',
      'Мемлекеттік органның стратегиясына/миссиясына/мақсатына жүйелі түрде қол жеткізу маңызды',
    ),
  ),
  statement(
    's3',
    t(
      'Joint responsibility for achieving the strategy/mission/goal of the state body is important',
      'Важна совместная ответственность за достижение стратегии/миссии/цели государственного органа',
      'Мемлекеттік органның стратегиясына/миссиясына/мақсатына қол жеткізу үшін бірлескен жауапкершілік маңызды',
    ),
  ),
]);

const humanCapital = likertSection('human_capital', t('Human capital (people)', 'Человеческий капитал (люди)', 'Адами капитал (адамдар)'), [
  statement(
    'h1',
    t(
      'It is important to take into account the qualification characteristics of the staff (level of education, knowledge of languages, etc.)',
      'Важно учитывать квалификационные характеристики персонала (уровень образования, знание языков и т. д.)',
      'Персоналдың біліктілік сипаттамаларын (білім деңгейі, тілдерді білуі және т.б.) ескеру маңызды',
    ),
    {
      guidance: {
        en: 'The words "qualification" and "etc." are reconstructed: not in the paper\u2019s text.',
        ru: 'Слова «квалификационные» и «и т. д.» реконструированы: их нет в тексте статьи.',
        kk: '«Біліктілік» және «т.б.» сөздері қалпына келтірілген: олар мақала мәтінінде жоқ.',
      },
    },
  ),
  statement(
    'h2',
    t(
      'It is important to take into account the competence approach in appointments (matching the employee\u2019s abilities and knowledge to the position)',
      'Важно учитывать компетентностный подход при назначении на должность (соответствие способностей и знаний сотрудника должности)',
      'Лауазымға тағайындау кезінде құзыреттілік тәсілді ескеру маңызды (қызметкердің қабілеті мен білімінің лауазымға сәйкестігі)',
    ),
  ),
  statement(
    'h3',
    t('A rational distribution of workload is important', 'Важно рациональное распределение рабочей нагрузки', 'Жұмыс жүктемесін ұтымды бөлу маңызды'),
  ),
  statement(
    'h4',
    t(
      'Staffing of the state body is important (timely filling of vacant positions)',
      'Важна укомплектованность государственного органа кадрами (своевременное заполнение вакантных должностей)',
      'Мемлекеттік органның кадрлармен жасақталуы маңызды (бос лауазымдарға уақтылы орналастыру)',
    ),
  ),
  statement(
    'h5',
    t(
      'It is important to avoid high staff turnover (preserving institutional memory)',
      'Важно избегать высокой текучести кадров (сохранение институциональной памяти)',
      'Кадрлардың жиі ауысуына жол бермеу маңызды (институционалдық жадты сақтау)',
    ),
  ),
]);

const organization = likertSection('organization', t('Organization (state body)', 'Организация (государственный орган)', 'Ұйым (мемлекеттік орган)'), [
  statement(
    'o1',
    t(
      'An effective organizational structure is important (ratio of executive and managerial staff, number of employees in structural units, etc.)',
      'Важна эффективная организационная структура (соотношение исполнительского и управленческого персонала, численность сотрудников в структурных подразделениях и т. д.)',
      'Тиімді ұйымдық құрылым маңызды (атқарушы және басқарушы персоналдың арақатынасы, құрылымдық бөлімшелердегі қызметкерлер саны және т.б.)',
    ),
  ),
  statement(
    'o2',
    t(
      'It is important to create conditions that make the employer more attractive',
      'Важно создавать условия для повышения привлекательности работодателя',
      'Жұмыс берушінің тартымдылығын арттыруға жағдай жасау маңызды',
    ),
  ),
  statement(
    'o3',
    t(
      'A properly organized organizational culture in the state body is important',
      'Важна правильно выстроенная организационная культура в государственном органе',
      'Мемлекеттік органда дұрыс ұйымдастырылған ұйымдық мәдениет маңызды',
    ),
  ),
]);

const resources = likertSection('resources', t('Resources', 'Ресурсы', 'Ресурстар'), [
  statement(
    'r1',
    t('It is important to have the necessary budgetary resources', 'Важно наличие необходимых бюджетных ресурсов', 'Қажетті бюджет ресурстарының болуы маңызды'),
  ),
  statement(
    'r2',
    t(
      'Material and technical provision of the state body is important (office equipment, furniture, etc.)',
      'Важна материально-техническая обеспеченность государственного органа (оргтехника, мебель и т. д.)',
      'Мемлекеттік органның материалдық-техникалық қамтамасыз етілуі маңызды (кеңсе техникасы, жиһаз және т.б.)',
    ),
  ),
  statement(
    'r3',
    t(
      'It is important to have sufficient space (e.g. a separate office, a separate building)',
      'Важно наличие достаточных площадей (например, отдельный кабинет, отдельное здание)',
      'Жеткілікті үй-жайдың болуы маңызды (мысалы, жеке кабинет, жеке ғимарат)',
    ),
  ),
  statement(
    'r4',
    t(
      'Centralization of support functions is important (accounting, legal support, public procurement)',
      'Важна централизация обеспечивающих функций (бухгалтерский учёт, юридическое сопровождение, государственные закупки)',
      'Қамтамасыз ететін функцияларды орталықтандыру маңызды (бухгалтерлік есеп, заңгерлік сүйемелдеу, мемлекеттік сатып алу)',
    ),
  ),
]);

const ADDED = t(
  'Added after the pilot, as the paper recommends (a Leadership factor): not rated by the paper\u2019s respondents.',
  'Добавлено после пилотного этапа, как рекомендует статья (фактор «Лидерство»): респонденты статьи это утверждение не оценивали.',
  'Мақаланың ұсынысы бойынша пилоттан кейін қосылды («Көшбасшылық» факторы): мақаладағы респонденттер бұл тұжырымды бағаламаған.',
);

const leadership = likertSection(
  'leadership',
  t('Leadership', 'Лидерство', 'Көшбасшылық'),
  [
    statement(
      'l1',
      t(
        'The support of the first head of the state body for change is important',
        'Важна поддержка изменений со стороны первого руководителя государственного органа',
        'Мемлекеттік органның бірінші басшысының өзгерістерді қолдауы маңызды',
      ),
      { added: true, guidance: ADDED },
    ),
    statement(
      'l2',
      t(
        'Management styles that take employees\u2019 opinions into account are important',
        'Важен стиль управления, учитывающий мнение сотрудников',
        'Қызметкерлердің пікірін ескеретін басқару стилі маңызды',
      ),
      { added: true, guidance: ADDED },
    ),
    statement(
      'l3',
      t(
        'Transformational leadership (the ability to lead change) is important',
        'Важно трансформационное лидерство (способность руководить изменениями)',
        'Трансформациялық көшбасшылық (өзгерістерге жетекшілік ете білу) маңызды',
      ),
      { added: true, guidance: ADDED },
    ),
  ],
  RATE,
  t(
    'Added after the pilot, as the paper recommends.',
    'Добавлено после пилотного этапа по рекомендации статьи.',
    'Мақаланың ұсынысы бойынша пилоттан кейін қосылды.',
  ),
);

const likertSections = [strategy, humanCapital, organization, resources, leadership];

// ---------------------------------------------------------------------------------------------
// The study

export const demoStudy: Instrument = {
  type: 'dala-instrument',
  version: 3,
  id: DEMO_STUDY_ID,
  studyVersion: DEMO_STUDY_VERSION,
  title: t(
    'Innovative civil service: expert interview',
    'Инновационная государственная служба: экспертное интервью',
    'Инновациялық мемлекеттік қызмет: сарапшымен сұхбат',
  ),
  description: t(
    'Demo study built from A.K. Amirova (2020), "A vision of innovative civil service through the lenses of state and business", ' +
      'https://doi.org/10.32523/2079-620X-2020-1-52-62. Expert interviews in Kazakhstan: a profile of the respondent (Table 1), ' +
      'five preliminary questions (Table 2) and the draft conceptual model rated on a 5-point Likert scale (Table 3). ' +
      'Answer options and words that the paper does not give were reconstructed from context; each is marked "reconstructed" ' +
      'in its question\u2019s hint. The three Leadership statements were added after the pilot, as the paper recommends; ' +
      'option D of question 3 ("freezing" of vacancies) was removed, as it also recommends. ' +
      'Credit: the questions, the four published interviews and the passages coded with the paper\u2019s themes are A.K. Amirova\u2019s ' +
      '(Academy of Public Administration under the President of the Republic of Kazakhstan), used here as example data with attribution.',
    'Демонстрационное исследование по статье А.К. Амировой (2020) «Видение инновационной государственной службы сквозь призму ' +
      'государства и бизнеса», https://doi.org/10.32523/2079-620X-2020-1-52-62. Экспертные интервью в Казахстане: профиль ' +
      'респондента (таблица 1), пять предварительных вопросов (таблица 2) и проект концептуальной модели, оцениваемый по ' +
      'пятибалльной шкале Лайкерта (таблица 3). Варианты ответов и слова, которых нет в статье, реконструированы по контексту; ' +
      'каждый из них отмечен как «реконструированный» в подсказке к вопросу. Три утверждения о лидерстве добавлены после ' +
      'пилотного этапа, как рекомендует статья; вариант D вопроса 3 («замораживание» вакансий) исключён, как она же рекомендует. ' +
      'Авторство: вопросы, четыре опубликованных интервью и фрагменты, закодированные темами статьи, принадлежат А.К. Амировой ' +
      '(Академия государственного управления при Президенте Республики Казахстан) и используются здесь как пример данных со ссылкой на источник.',
    'А.Қ. Әмірованың (2020) «Мемлекет пен бизнес призмасы арқылы инновациялық мемлекеттік қызметті пайымдау» мақаласы ' +
      'негізіндегі демонстрациялық зерттеу, https://doi.org/10.32523/2079-620X-2020-1-52-62. Қазақстандағы сарапшылармен ' +
      'сұхбат: респонденттің профилі (1-кесте), бес алдын ала сұрақ (2-кесте) және 5 балдық Ликерт шкаласы бойынша ' +
      'бағаланатын тұжырымдамалық модельдің жобасы (3-кесте). Мақалада жоқ жауап нұсқалары мен сөздер мәтінмән бойынша ' +
      'қалпына келтірілді; әрқайсысы сұрақтың түсініктемесінде «қалпына келтірілген» деп белгіленген. «Көшбасшылық» тұжырымдары мақаланың ұсынысы бойынша пилоттан кейін қосылды. ' +
      'Авторлық: сұрақтар, жарияланған төрт сұхбат және мақаланың тақырыптарымен кодталған үзінділер А.Қ. Әмірованікі ' +
      '(Қазақстан Республикасы Президентінің жанындағы Мемлекеттік басқару академиясы), мұнда дереккөзге сілтемемен мысал деректер ретінде пайдаланылады.',
  ),
  languages: ['en', 'ru', 'kk'],
  languageNames: { en: 'English', ru: 'Русский', kk: 'Қазақша' },
  consent: {
    version: '1',
    text: {
      en: [
        'You are invited to an expert interview for a study of innovative civil service in Kazakhstan: how representatives ' +
          'of state bodies and of business see the factors of an effective, innovative civil service (strategy, human ' +
          'capital, organization, resources and leadership). The study builds on the research of A.K. Amirova (Academy of ' +
          'Public Administration under the President of the Republic of Kazakhstan, 2020).',
        'Your participation is voluntary. You may decline to answer any question and you may stop the interview at any ' +
          'time, without giving a reason and without any consequences for you.',
        'Your privacy is protected. Your answers are recorded under a code, not under your name (pseudonymously), are used ' +
          'only for this research and are reported only in summary or without details that identify you. Your position ' +
          'is recorded to describe the respondents and is left out of pseudonymous exports of the data.',
        'You are free to say what you think: there are no right or wrong answers.',
        'The study follows the principles for protecting human research participants of the NIH Office of Extramural Research.',
        'Do you agree to take part?',
      ].join('\n\n'),
      ru: [
        'Приглашаем вас принять участие в экспертном интервью в рамках исследования инновационной государственной службы ' +
          'Казахстана: как представители государственных органов и бизнеса видят факторы эффективной и инновационной ' +
          'государственной службы (стратегия, человеческий капитал, организация, ресурсы и лидерство). Исследование ' +
          'опирается на работу А.К. Амировой (Академия государственного управления при Президенте Республики Казахстан, 2020).',
        'Участие добровольное. Вы можете не отвечать на любой вопрос и прекратить интервью в любой момент без объяснения ' +
          'причин и без каких-либо последствий для вас.',
        'Ваша конфиденциальность защищена. Ответы записываются под кодом, а не под вашим именем (псевдонимно), используются ' +
          'только для целей исследования и публикуются только в обобщённом виде или без сведений, позволяющих вас ' +
          'идентифицировать. Ваша должность записывается для описания профиля респондентов и не включается в ' +
          'псевдонимизированные выгрузки данных.',
        'Вы можете свободно высказывать своё мнение: правильных и неправильных ответов нет.',
        'Исследование следует принципам защиты участников исследований Управления внешних исследований ' +
          '(Office of Extramural Research) Национальных институтов здравоохранения США (NIH).',
        'Согласны ли вы принять участие?',
      ].join('\n\n'),
      kk: [
        'Сізді Қазақстанның инновациялық мемлекеттік қызметін зерттеу аясындағы сарапшымен сұхбатқа қатысуға шақырамыз: ' +
          'мемлекеттік органдар мен бизнес өкілдері тиімді және инновациялық мемлекеттік қызметтің факторларын ' +
          '(стратегия, адами капитал, ұйым, ресурстар және көшбасшылық) қалай көретіні зерттеледі. Зерттеу ' +
          'А.Қ. Әмірованың жұмысына негізделген (Қазақстан Республикасы Президенті жанындағы Мемлекеттік басқару академиясы, 2020).',
        'Қатысу ерікті. Сіз кез келген сұраққа жауап бермеуге және сұхбатты кез келген уақытта себебін түсіндірмей, ' +
          'ешқандай салдарсыз тоқтатуға құқылысыз.',
        'Сіздің жеке деректеріңіздің құпиялылығы қорғалады. Жауаптарыңыз аты-жөніңізбен емес, шартты кодпен жазылады, тек осы зерттеу үшін ' +
          'пайдаланылады және тек жинақталған түрде немесе сізді анықтауға мүмкіндік беретін мәліметтерсіз жарияланады. ' +
          'Лауазымыңыз респонденттерді сипаттау үшін жазылады және деректерді аты-жөнсіз экспорттағанда алынып тасталады.',
        'Сіз өз пікіріңізді еркін айта аласыз: дұрыс немесе бұрыс жауап жоқ.',
        'Зерттеу NIH Office of Extramural Research (АҚШ) белгілеген зерттеуге қатысушыларды қорғау қағидаттарын басшылыққа алады.',
        'Қатысуға келісесіз бе?',
      ].join('\n\n'),
    },
  },
  choiceLists,
  likertScales: {
    agree5: {
      points: [
        { value: 1, label: t('Strongly disagree', 'Полностью не согласен', 'Мүлдем келіспеймін') },
        { value: 2, label: t('Disagree', 'Не согласен', 'Келіспеймін') },
        { value: 3, label: t('Neutral', 'Нейтрально', 'Бейтарап') },
        { value: 4, label: t('Agree', 'Согласен', 'Келісемін') },
        { value: 5, label: t('Strongly agree', 'Полностью согласен', 'Толығымен келісемін') },
      ],
      nonSubstantive: [choice('dk', 'Prefer not to answer', 'Предпочитаю не отвечать', 'Жауап бергім келмейді')],
    },
  },
  sections: [profile, questions, ...likertSections],
  scales: likertSections.map((section) => ({
    name: section.name,
    label: section.label,
    items: section.items.map((item) => item.name),
    reversed: [],
  })),
};
