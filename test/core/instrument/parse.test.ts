import { describe, expect, it } from 'vitest';
import { formatProblem, type Problem } from '../../../src/core/errors';
import { INSTRUMENT_MIGRATIONS } from '../../../src/core/instrument/migrations';
import { MAX_PROBLEMS, parseInstrument, type ParseInstrumentResult } from '../../../src/core/instrument/parse';
import { INSTRUMENT_LIMITS } from '../../../src/core/instrument/schema';

/** A small valid instrument as JSON text would give it: a fresh copy each time, free to break. */
function fixture(): any {
  return {
    type: 'dala-instrument',
    version: 3,
    id: 'coffee-survey',
    studyVersion: '3',
    title: { en: 'Coffee at work', ru: 'Кофе на работе' },
    languages: ['en', 'ru'],
    languageNames: { en: 'English', ru: 'Русский' },
    consent: { version: '1', text: { en: 'Voluntary.', ru: 'Добровольно.' } },
    choiceLists: {
      yesno: [
        { name: 'yes', label: { en: 'Yes', ru: 'Да' } },
        { name: 'no', label: { en: 'No', ru: 'Нет' } },
      ],
    },
    likertScales: {
      agree3: {
        points: [
          { value: 1, label: { en: 'Disagree' } },
          { value: 2, label: { en: 'Neutral' } },
          { value: 3, label: { en: 'Agree' } },
        ],
        nonSubstantive: [{ name: 'dk', label: { en: "Don't know" } }],
      },
    },
    sections: [
      {
        name: 'habits',
        label: { en: 'Habits' },
        items: [
          { name: 'drinks', type: 'select_one', choices: 'yesno', other: true, label: { en: 'Do you drink coffee?' } },
          { name: 'cups', type: 'integer', relevant: "${drinks} = 'yes'", constraint: '. >= 0 and . <= 30', label: { en: 'Cups a day' } },
          { name: 'double', type: 'calculate', calculation: '${cups} * 2', label: {} },
        ],
      },
      {
        name: 'opinions',
        label: { en: 'Opinions' },
        who: 'respondent',
        items: [
          { name: 'good', type: 'likert', likert: 'agree3', required: true, label: { en: 'Coffee helps me work' } },
          { name: 'bad', type: 'likert', likert: 'agree3', required: true, label: { en: 'Coffee makes me nervous' } },
        ],
      },
    ],
    scales: [{ name: 'coffee_love', label: { en: 'Love of coffee' }, items: ['good', 'bad'], reversed: ['bad'] }],
  };
}

/** The messages of a failed parse (and fails the test if it did not fail). */
function problems(input: unknown): string[] {
  const result = parseInstrument(input);
  if (result.ok) throw new Error(`expected problems, got a valid instrument (warnings: ${JSON.stringify(result.warnings)})`);
  return result.problems.map((p) => p.message);
}

function errors(input: unknown): string[] {
  const result = parseInstrument(input);
  if (result.ok) throw new Error('expected problems, got a valid instrument');
  return result.problems.filter((p) => p.severity === 'error').map((p) => p.message);
}

function warnings(input: unknown): string[] {
  const result = parseInstrument(input);
  if (!result.ok) throw new Error(`expected a valid instrument, got ${JSON.stringify(result.problems)}`);
  return result.warnings.map((p) => p.message);
}

function valid(result: ParseInstrumentResult) {
  if (!result.ok) throw new Error(`expected a valid instrument, got ${JSON.stringify(result.problems)}`);
  return result;
}

describe('a valid instrument', () => {
  it('parses to the same instrument, with no warnings', () => {
    const result = valid(parseInstrument(fixture()));
    expect(result.warnings).toEqual([]);
    expect(result.instrument).toEqual(fixture());
  });

  it('survives a JSON round trip unchanged', () => {
    const once = valid(parseInstrument(JSON.parse(JSON.stringify(fixture()))));
    const twice = valid(parseInstrument(JSON.parse(JSON.stringify(once.instrument))));
    expect(twice.instrument).toEqual(once.instrument);
  });

  it('drops unknown fields instead of carrying them (a newer Dala may add some)', () => {
    const input = fixture();
    input.futureField = { anything: 1 };
    input.sections[0].items[0].colour = 'red';
    const { instrument } = valid(parseInstrument(input));
    expect(instrument).not.toHaveProperty('futureField');
    expect(instrument.sections[0]?.items[0]).not.toHaveProperty('colour');
  });

  it('may leave out choiceLists, likertScales, scales and reversed, which default to empty', () => {
    const input = fixture();
    input.sections = [{ name: 'only', label: { en: 'Only' }, items: [{ name: 'n', type: 'note', label: { en: 'Hello' } }] }];
    delete input.choiceLists;
    delete input.likertScales;
    delete input.scales;
    const { instrument } = valid(parseInstrument(input));
    expect(instrument.choiceLists).toEqual({});
    expect(instrument.likertScales).toEqual({});
    expect(instrument.scales).toEqual([]);

    const withScale = fixture();
    delete withScale.scales[0].reversed;
    expect(valid(parseInstrument(withScale)).instrument.scales[0]?.reversed).toEqual([]);
  });

  it('does not modify its input', () => {
    const input = fixture();
    const copy = JSON.parse(JSON.stringify(input));
    parseInstrument(input);
    expect(input).toEqual(copy);
  });

  it('names the source file in every problem', () => {
    const result = parseInstrument({ type: 'dala-instrument', version: 7 }, 'study.json');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems[0]).toEqual({
        severity: 'error',
        file: 'study.json',
        message: 'unknown instrument format version 7; this Dala reads versions 1, 2 and 3',
      } satisfies Problem);
      expect(formatProblem(result.problems[0]!)).toBe('study.json: unknown instrument format version 7; this Dala reads versions 1, 2 and 3');
    }
  });
});

describe('the guards: is it an instrument at all, and of a version this Dala reads', () => {
  it.each([
    [null, 'not a Dala instrument: expected a JSON object, got null'],
    [[], 'not a Dala instrument: expected a JSON object, got a list'],
    ['dala-instrument', "not a Dala instrument: expected a JSON object, got 'dala-instrument'"],
    [42, 'not a Dala instrument: expected a JSON object, got 42'],
    [undefined, 'not a Dala instrument: expected a JSON object, got nothing'],
    [{}, 'not a Dala instrument: it has no type "dala-instrument"'],
    [{ type: 'dala-bundle', version: 1 }, "not a Dala instrument: type is 'dala-bundle', expected 'dala-instrument'"],
    [{ type: 'dala-instrument' }, 'missing or invalid instrument format version: expected a whole number, got nothing'],
    [{ type: 'dala-instrument', version: '1' }, "missing or invalid instrument format version: expected a whole number, got '1'"],
    [{ type: 'dala-instrument', version: 1.5 }, 'missing or invalid instrument format version: expected a whole number, got 1.5'],
    [{ type: 'dala-instrument', version: 7 }, 'unknown instrument format version 7; this Dala reads versions 1, 2 and 3'],
    [{ type: 'dala-instrument', version: 0 }, 'unknown instrument format version 0; this Dala reads versions 1, 2 and 3'],
  ])('%j', (input, message) => {
    expect(problems(input)).toEqual([message]);
  });
});

describe('migrations', () => {
  it('has one entry per version this Dala reads: version 3, a no-op; version 2, which only says 3; and version 1', () => {
    expect(Object.keys(INSTRUMENT_MIGRATIONS)).toEqual(['1', '2', '3']);
    const input = fixture();
    expect(INSTRUMENT_MIGRATIONS[3]!(input)).toEqual(input);
    expect(INSTRUMENT_MIGRATIONS[3]!(input)).not.toBe(input);
    expect(INSTRUMENT_MIGRATIONS[2]!({ ...fixture(), version: 2 })).toEqual(input);
  });

  it('reads a version 2 study as the same study in version 3', () => {
    const v2 = { ...fixture(), version: 2 };
    const { instrument } = valid(parseInstrument(v2));
    expect(instrument).toEqual(fixture());
  });

  it('reads a version 1 instrument: a section\'s mode becomes who answers it, nothing else changes', () => {
    const v1 = fixture();
    v1.version = 1;
    delete v1.sections[1].who;
    v1.sections[1].mode = 'self';
    v1.sections[0].mode = 'interviewer';
    const copy = JSON.parse(JSON.stringify(v1));
    const { instrument } = valid(parseInstrument(v1));
    expect(v1).toEqual(copy);
    expect(instrument.version).toBe(3);
    expect(instrument.sections.map((s) => s.who)).toEqual(['interviewer', 'respondent']);
    expect(instrument.sections.map((s) => 'mode' in s)).toEqual([false, false]);
    const expected = fixture();
    expected.sections[0].who = 'interviewer';
    expect(instrument).toEqual(expected);
    // A section without a mode was answered by anyone: 'both', the default, left out.
    delete v1.sections[0].mode;
    expect(valid(parseInstrument(v1)).instrument.sections[0]!.who).toBeUndefined();
    v1.sections[0].mode = 'robot';
    expect(problems(v1)).toEqual(["sections[0] (habits): who: expected 'interviewer', 'respondent' or 'both', got 'robot'"]);
  });

  it('does not treat Object.prototype keys as versions', () => {
    expect(problems({ type: 'dala-instrument', version: Number('NaN') })[0]).toMatch(/^missing or invalid/);
  });
});

describe('the structure', () => {
  const cases: [string, (x: any) => void, string][] = [
    ['a missing field', (x) => delete x.sections[0].items[1].type, 'sections[0].items[1] (cups): type: missing'],
    ['a missing title', (x) => delete x.title, 'title: missing'],
    ['an unknown item type', (x) => (x.sections[0].items[1].type = 'hologram'),
      "sections[0].items[1] (cups): type: unknown item type 'hologram'; expected one of note, text, longtext, integer, decimal, date, time, select_one, select_multiple, likert, acknowledge, calculate, range, rank, datetime, barcode, hidden, meta, geopoint, geotrace, geoshape, image, audio, video, file, background-audio"],
    ['a label that is null', (x) => (x.sections[0].items[0].label = null), 'sections[0].items[0] (drinks): label: expected an object of texts by language, got null'],
    ['a label that is a text', (x) => (x.sections[0].label = 'Habits'), "sections[0] (habits): label: expected an object of texts by language, got 'Habits'"],
    ['a text that is a number', (x) => (x.title.en = 5), 'title.en: expected a text, got 5'],
    ['required as a text', (x) => (x.sections[1].items[0].required = 'yes'), "sections[1].items[0] (good): required: expected true or false, got 'yes'"],
    ['items that are not a list', (x) => (x.sections[0].items = { a: 1 }), 'sections[0] (habits): items: expected a list of items, got an object'],
    ['sections that are an object', (x) => (x.sections = {}), 'sections: expected a list of sections, got an object'],
    ['no sections', (x) => (x.sections = []), 'sections: must not be empty'],
    ['no languages', (x) => (x.languages = []), 'languages: must not be empty'],
    ['an item that is null', (x) => (x.sections[0].items[2] = null), 'sections[0] (habits): items[2]: expected an item, got null'],
    ['an unknown answerer', (x) => (x.sections[1].who = 'robot'), "sections[1] (opinions): who: expected 'interviewer', 'respondent' or 'both', got 'robot'"],
    ['a name with a space', (x) => (x.sections[0].items[1].name = 'cups a day'),
      "sections[0].items[1] (cups a day): name: 'cups a day' is not a valid name: use letters, digits, _ . - and start with a letter or _"],
    ['a name that starts with a digit', (x) => (x.sections[0].name = '1st'),
      "sections[0] (1st): name: '1st' is not a valid name: use letters, digits, _ . - and start with a letter or _"],
    ['a name of 65 characters', (x) => (x.sections[0].items[1].name = 'a'.repeat(65)),
      `sections[0].items[1] (${'a'.repeat(40)}...): name: a name of at most 64 characters, got 65`],
    ['a choice name that ends with a space', (x) => (x.choiceLists.yesno[0].name = 'yes '),
      "choiceLists.yesno[0] (yes ): name: 'yes ' is not a valid choice name: it must not be empty or start or end with a space"],
    ['a bad choice-list name', (x) => (x.choiceLists['yes no'] = x.choiceLists.yesno),
      "choiceLists: 'yes no' is not a valid name: use letters, digits, _ . - and start with a letter or _"],
    ['a bad language code', (x) => (x.languages = ['english!']), "languages[0]: 'english!' is not a language code (like en, ru, kk, pt-BR)"],
    ['a bad language key', (x) => (x.title['en_US'] = 'x'), "title: 'en_US' is not a language code (like en, ru, kk, pt-BR)"],
    ['a point value that is a text', (x) => (x.likertScales.agree3.points[0].value = '1'), "likertScales.agree3.points[0].value: expected a number, got '1'"],
    ['a Likert scale of one point', (x) => x.likertScales.agree3.points.splice(1), 'likertScales.agree3.points: at least 2 points, got 1'],
    ['an empty choice list', (x) => (x.choiceLists.yesno = []), 'choiceLists.yesno: must not be empty'],
    ['an empty consent version', (x) => (x.consent.version = ''), 'consent.version: must not be empty'],
    ['a recipient that is not an age key', (x) => (x.recipients = ['age1pq1xyz']), "recipients[0]: 'age1pq1xyz' is not an age X25519 recipient (age1 and 58 characters)"],
    ['a study id with a space', (x) => (x.id = 'my study'), "id: 'my study' is not a valid study id: use letters, digits, _ . -"],
  ];
  it.each(cases)('%s', (_, breakIt, message) => {
    const input = fixture();
    breakIt(input);
    expect(problems(input)).toEqual([message]);
  });

  it('accepts a real age recipient', () => {
    const input = fixture();
    input.recipients = ['age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p'];
    expect(valid(parseInstrument(input)).instrument.recipients).toEqual(input.recipients);
  });

  it('reports every structural problem, not only the first', () => {
    const input = fixture();
    input.title = null;
    input.sections[0].items[0].type = 'hologram';
    input.sections[1].items[1].required = 1;
    expect(problems(input)).toEqual([
      'title: expected an object of texts by language, got null',
      "sections[0].items[0] (drinks): type: unknown item type 'hologram'; expected one of note, text, longtext, integer, decimal, date, time, select_one, select_multiple, likert, acknowledge, calculate, range, rank, datetime, barcode, hidden, meta, geopoint, geotrace, geoshape, image, audio, video, file, background-audio",
      'sections[1].items[1] (bad): required: expected true or false, got 1',
    ]);
  });
});

describe('the references', () => {
  const cases: [string, (x: any) => void, string][] = [
    ['two items of one name in different sections', (x) => x.sections[1].items.push({ name: 'cups', type: 'note', label: { en: 'Cups' } }),
      "sections[1].items[2] (cups): name: item name 'cups' is already used by sections[0].items[1] (cups)"],
    ['two sections of one name', (x) => (x.sections[1].name = 'habits'),
      "sections[1] (habits): name: section name 'habits' is already used by sections[0] (habits)"],
    ['a language listed twice', (x) => x.languages.push('en'), "languages[2]: 'en' is listed twice"],
    ['a select item without a list', (x) => delete x.sections[0].items[0].choices,
      'sections[0].items[0] (drinks): choices: missing: a select_one item names its choice list'],
    ['a select item with an unknown list', (x) => (x.sections[0].items[0].choices = 'yesnomaybe'),
      "sections[0].items[0] (drinks): choices: unknown choice list 'yesnomaybe'"],
    ['a likert item without a scale', (x) => delete x.sections[1].items[0].likert,
      'sections[1].items[0] (good): likert: missing: a likert item names its Likert scale'],
    ['a likert item with an unknown scale', (x) => (x.sections[1].items[0].likert = 'agree7'),
      "sections[1].items[0] (good): likert: unknown Likert scale 'agree7'"],
    ['a calculate item without a calculation', (x) => delete x.sections[0].items[2].calculation,
      'sections[0].items[2] (double): calculation: missing: a calculate item needs a calculation (or a default)'],
    ['a choice listed twice', (x) => (x.choiceLists.yesno[1].name = 'yes'),
      "choiceLists.yesno[1] (yes): choice 'yes' is already used by choiceLists.yesno[0] (yes)"],
    ['two points of one value', (x) => (x.likertScales.agree3.points[2].value = 2),
      'likertScales.agree3.points[2]: value 2 is already used by likertScales.agree3.points[1]'],
    ['a non-substantive answer named like a point', (x) => (x.likertScales.agree3.nonSubstantive[0].name = '3'),
      "likertScales.agree3.nonSubstantive[0] (3): '3' is already used by likertScales.agree3.points[2]"],
    ['a scale item that does not exist', (x) => x.scales[0].items.push('ugly'), "scales[0] (coffee_love): items[2]: unknown item 'ugly'"],
    ['a scale item that is not likert', (x) => x.scales[0].items.push('cups'), "scales[0] (coffee_love): items[2]: 'cups' is an integer item, not a likert item"],
    ['a scale item listed twice', (x) => x.scales[0].items.push('good'), "scales[0] (coffee_love): items[2]: 'good' is listed twice"],
    ['a reversed item outside the scale', (x) => (x.scales[0].reversed = ['drinks']),
      "scales[0] (coffee_love): reversed[0]: 'drinks' is not one of the scale's items"],
    ['two scales of one name', (x) => x.scales.push({ ...x.scales[0], reversed: [] }),
      "scales[1] (coffee_love): name: scale name 'coffee_love' is already used by scales[0] (coffee_love)"],
    ['an "Other" text that would overwrite an item', (x) => (x.sections[0].items[2].name = 'drinks_other'),
      `sections[0].items[0] (drinks): other: the "Other (specify)" text is stored as 'drinks_other', which is the name of sections[0].items[2] (drinks_other)`],
  ];
  it.each(cases)('%s', (_, breakIt, message) => {
    const input = fixture();
    breakIt(input);
    expect(errors(input)).toEqual([message]);
  });
});

describe('expressions', () => {
  const at = (breakIt: (x: any) => void) => {
    const input = fixture();
    breakIt(input);
    return errors(input);
  };

  it('an unknown function, with its position (1-based, as the expression module words it)', () => {
    expect(at((x) => (x.sections[0].items[1].relevant = "foo(${drinks}) = 'yes'"))).toEqual([
      "sections[0].items[1] (cups): relevant: unknown function 'foo' at position 1",
    ]);
  });

  it('a syntax error in a constraint', () => {
    expect(at((x) => (x.sections[0].items[1].constraint = '. >= 0 and'))).toEqual([
      expect.stringMatching(/^sections\[0\]\.items\[1\] \(cups\): constraint: .+ at position \d+$/),
    ]);
  });

  it('a reference to an item that does not exist', () => {
    expect(at((x) => (x.sections[0].items[1].relevant = "${drink} = 'yes'"))).toEqual([
      "sections[0].items[1] (cups): relevant: unknown item 'drink' in ${drink}",
    ]);
  });

  it('a calculation that reads its own item', () => {
    expect(at((x) => (x.sections[0].items[2].calculation = '${double} + 1'))).toEqual([
      'sections[0].items[2] (double): calculation: refers to its own item ${double}',
    ]);
  });

  it('a section relevance', () => {
    expect(at((x) => (x.sections[1].relevant = '${nobody} > 1'))).toEqual([
      "sections[1] (opinions): relevant: unknown item 'nobody' in ${nobody}",
    ]);
  });

  it('an empty expression', () => {
    expect(at((x) => (x.sections[0].items[1].relevant = ''))).toEqual([
      'sections[0].items[1] (cups): relevant: empty expression at position 1',
    ]);
  });

  it('a reference to a later item is allowed (order is not checked here)', () => {
    const input = fixture();
    input.sections[0].items[0].relevant = '${cups} > 0';
    expect(valid(parseInstrument(input)).instrument.sections[0]?.items[0]?.relevant).toBe('${cups} > 0');
  });
});

describe('warnings do not stop an instrument from loading', () => {
  it('a language used but not declared, counted once per language', () => {
    const input = fixture();
    input.title.de = 'Kaffee';
    input.sections[0].label.de = 'Gewohnheiten';
    expect(warnings(input)).toEqual([
      "language 'de' is used (title and 1 more text) but not listed in languages; it is never shown",
    ]);
  });

  it('fields an item type ignores', () => {
    const input = fixture();
    Object.assign(input.sections[0].items[1], { choices: 'yesno', likert: 'agree3', other: true, calculation: '1' });
    expect(warnings(input)).toEqual([
      'sections[0].items[1] (cups): choices: ignored: an integer item has no choice list',
      'sections[0].items[1] (cups): other: ignored: only select_one and select_multiple items have "Other (specify)"',
      'sections[0].items[1] (cups): likert: ignored: an integer item has no Likert scale',
    ]);
  });

  it('an unused choice list or Likert scale, a consent without a language, a label without the default language', () => {
    const input = fixture();
    input.choiceLists.unused = [{ name: 'x', label: { en: 'X' } }];
    delete input.consent.text.ru;
    input.sections[1].items[0].label = { ru: 'Кофе помогает мне работать' };
    expect(warnings(input)).toEqual([
      "consent.text: no text in 'ru': the consent falls back to another language",
      "sections[1].items[0] (good): label: no text in the default language 'en'",
      'choiceLists.unused: not used by any item',
    ]);
  });

  it('a scale that mixes Likert scales', () => {
    const input = fixture();
    input.likertScales.agree5 = {
      points: [1, 2, 3, 4, 5].map((value) => ({ value, label: { en: String(value) } })),
    };
    input.sections[1].items[1].likert = 'agree5';
    expect(warnings(input)).toEqual([
      "scales[0] (coffee_love): mixes Likert scales 'agree3', 'agree5': reverse coding and means assume one",
    ]);
  });

  it('errors come with the warnings when the instrument fails', () => {
    const input = fixture();
    input.title.de = 'Kaffee';
    input.sections[0].items[0].choices = 'nope';
    const result = parseInstrument(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.severity)).toEqual(['error', 'warning', 'warning']);
  });
});

describe('hostile input', () => {
  it('refuses __proto__ as an item name', () => {
    const input = fixture();
    input.sections[0].items[1].name = '__proto__';
    expect(problems(input)).toEqual([
      "sections[0].items[1] (__proto__): name: '__proto__' is reserved (every JavaScript object has it) and cannot be used as a name",
    ]);
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf'])('refuses %s as a name of an item, a section or a choice', (name) => {
    const input = fixture();
    input.sections[0].items[1].name = name;
    input.sections[1].name = name;
    input.choiceLists.yesno[0].name = name;
    expect(problems(input)).toHaveLength(3);
    expect(problems(input).every((m) => m.includes(`'${name}' is reserved`))).toBe(true);
  });

  it('refuses __proto__ as a language code, a key of a text or of a map (as JSON.parse makes it)', () => {
    const text = JSON.stringify(fixture())
      .replace('"title":{', '"title":{"__proto__":{"polluted":"yes"},')
      .replace('"choiceLists":{', '"choiceLists":{"__proto__":[],')
      .replace('"languageNames":{', '"languageNames":{"constructor":"x",');
    const input = JSON.parse(text);
    expect(problems(input)).toEqual([
      "title: the key '__proto__' is not allowed",
      "languageNames: the key 'constructor' is not allowed",
      "choiceLists: the key '__proto__' is not allowed",
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses __proto__ in languages and prototype-named language codes', () => {
    const input = fixture();
    input.languages = ['__proto__', 'toString'];
    expect(problems(input)).toEqual([
      "languages[0]: '__proto__' is not a language code (like en, ru, kk, pt-BR)",
      "languages[1]: 'toString' is reserved (every JavaScript object has it) and cannot be used as a name",
    ]);
  });

  it('refuses an object with a prototype of its own', () => {
    const input = fixture();
    input.sections[0].items[0] = Object.assign(Object.create({ name: 'sneaky' }), input.sections[0].items[0]);
    expect(problems(input)).toEqual(['sections[0].items[0] (drinks): not plain JSON data (an object with a prototype)']);
  });

  it('counts a huge list before looking at its entries', () => {
    const input = fixture();
    input.sections[0].items = new Array(1_000_000).fill(null);
    // One problem, not a million: the entries are never visited.
    expect(problems(input)).toEqual([
      `sections: at most ${INSTRUMENT_LIMITS.items.toLocaleString('en-US')} items in all sections together, got 1,000,002`,
    ]);
  });

  it.each([
    ['items', (x: any) => (x.sections[0].items = Array.from({ length: 5001 }, (_, i) => ({ name: `i${i}`, type: 'note', label: { en: 'x' } }))),
      'sections: at most 5,000 items in all sections together, got 5,003'],
    ['choices', (x: any) => (x.choiceLists.yesno = Array.from({ length: 20_001 }, (_, i) => ({ name: `c${i}`, label: { en: 'x' } }))),
      'choiceLists.yesno: at most 20,000 choices, got 20,001'],
    ['languages', (x: any) => (x.languages = Array.from({ length: 65 }, (_, i) => `l${String.fromCharCode(97 + (i % 26))}${i}`)),
      'languages: at most 64 languages, got 65'],
    ['texts', (x: any) => (x.title.en = 'x'.repeat(10_001)), 'title.en: a text of at most 10,000 characters, got 10,001'],
    ['sections', (x: any) => (x.sections = new Array(501).fill({})), 'sections: at most 500 sections, got 501'],
    ['scales', (x: any) => (x.scales = new Array(501).fill(null)), 'scales: at most 500 scales, got 501'],
    ['Likert points', (x: any) => (x.likertScales.agree3.points = new Array(102).fill(0)), 'likertScales.agree3.points: at most 101 points, got 102'],
    ['keys of a text', (x: any) => (x.title = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`x${i}`, 'x']))),
      'title: at most 64 texts by language, got 65'],
  ])('caps %s', (_, breakIt, message) => {
    const input = fixture();
    breakIt(input);
    expect(problems(input)).toEqual([message]);
  });

  it('caps the texts of the whole instrument, not only each text (issue 14: one long text in every label)', () => {
    const input = fixture();
    const long = 'x'.repeat(9_000);
    input.sections[0].items = Array.from({ length: 500 }, (_, i) => ({ name: `q${i}`, type: 'text', label: { en: long, ru: long }, hint: { en: long } }));
    const [message] = problems(input);
    expect(message).toMatch(/^the instrument's texts, names and expressions have 13,5\d\d,\d\d\d characters in all; Dala reads at most 4,000,000 \(labels times languages times items\)$/);
    input.sections[0].items.length = 100;
    expect(parseInstrument(input).ok).toBe(true);
  });

  it('caps an expression at the expression module’s limit', () => {
    const input = fixture();
    input.sections[0].items[1].relevant = '1 + '.repeat(1500) + '1';
    expect(errors(input)[0]).toMatch(/^sections\[0\]\.items\[1\] \(cups\): relevant: expression longer than \d+ characters/);
  });

  it('lists at most MAX_PROBLEMS problems, and says how many more there were', () => {
    const input = fixture();
    input.sections[0].items = Array.from({ length: 300 }, () => ({ name: 1, type: 2, label: 3 }));
    const result = parseInstrument(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toHaveLength(MAX_PROBLEMS + 1);
      expect(result.problems[MAX_PROBLEMS]?.message).toBe('... and 800 more problems');
    }
  });

  it('does not choke on deep nesting in fields it ignores', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const input = fixture();
    input.extension = deep;
    expect(valid(parseInstrument(input)).instrument).not.toHaveProperty('extension');
  });

  it('refuses a deeply nested label without recursion trouble', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = { en: deep };
    const input = fixture();
    input.title = deep;
    expect(problems(input)).toEqual(['title.en: expected a text, got an object']);
  });

  it('does not pollute Object.prototype whatever it is given', () => {
    const evil = JSON.parse(
      '{"type":"dala-instrument","version":1,"__proto__":{"polluted":1},"sections":[{"__proto__":{"polluted":2}}],' +
        '"constructor":{"prototype":{"polluted":3}}}',
    );
    parseInstrument(evil);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('never throws on odd values anywhere', () => {
    const odd = [null, undefined, 0, -1, 1e308, '', 'x', true, [], {}, [null], { '': '' }];
    for (const value of odd) {
      for (const key of ['id', 'studyVersion', 'title', 'languages', 'languageNames', 'consent', 'choiceLists', 'likertScales', 'sections', 'scales', 'recipients']) {
        const input = fixture();
        input[key] = value;
        expect(() => parseInstrument(input)).not.toThrow();
      }
      const item = fixture();
      item.sections[0].items[1] = { name: 'cups', type: 'integer', label: { en: 'x' }, relevant: value, constraint: value, default: value };
      expect(() => parseInstrument(item)).not.toThrow();
    }
  });
});

describe('docs/instrument-format.md', () => {
  it('has an example that parses with no warnings', async () => {
    const { readFile } = await import('node:fs/promises');
    const doc = await readFile(new URL('../../../docs/instrument-format.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    expect(warnings(JSON.parse(example!))).toEqual([]);
  });
});

describe('many unsafe keys', () => {
  it('are listed up to MAX_PROBLEMS, with the exact count of the rest', () => {
    const input = fixture();
    const label = '{"__proto__":"x","en":"y"}';
    input.sections[0].items = Array.from({ length: 250 }, (_, i) => ({ name: `i${i}`, type: 'note', label: JSON.parse(label) }));
    const all = problems(input);
    expect(all).toHaveLength(MAX_PROBLEMS + 1);
    expect(all[0]).toBe("sections[0].items[0] (i0): label: the key '__proto__' is not allowed");
    expect(all[MAX_PROBLEMS]).toBe('... and 150 more problems');
  });
});

describe('version 2 additions: optional, so a version-1 document parses unchanged', () => {
  /** The fixture with every version-2 field used once. */
  function v2(): any {
    const x = fixture();
    x.allowChoiceDuplicates = true;
    x.style = 'pages';
    x.choiceLists.place = [
      { name: "Cox's Bazar", label: { en: "Cox's Bazar" }, attributes: { region: 'ctg' } },
      { name: 'Sadar', label: { en: 'Sadar' }, attributes: { region: 'ctg' } },
      { name: 'Sadar', label: { en: 'Sadar' }, attributes: { region: 'dhk' } },
    ];
    x.sections[0].appearance = 'field-list';
    x.sections[0].items.push(
      { name: 'started', type: 'meta', meta: 'start', label: {} },
      { name: 'instance_label', type: 'meta', meta: 'instanceName', calculation: "concat('cups-', ${cups})", label: {} },
      { name: 'pain', type: 'range', range: { start: 0, end: 10, step: 1 }, appearance: 'distress', label: { en: 'Pain' } },
      { name: 'order', type: 'rank', choices: 'place', label: { en: 'Rank the places' }, parameters: { randomize: 'true' } },
      { name: 'visit', type: 'datetime', label: { en: 'Visit' }, defaultExpression: 'today()', guidance: { en: 'As on the card' } },
      { name: 'code', type: 'barcode', label: { en: 'Code' }, requiredIf: "${drinks} = 'yes'", readOnlyIf: '${cups} > 3' },
      { name: 'secret', type: 'hidden', default: 'x', label: {} },
      { name: 'cups_again', type: 'integer', calculation: '${cups}', trigger: ['drinks'], label: { en: 'Cups again' } },
    );
    return x;
  }

  it('an instrument with every new type and field parses with them kept', () => {
    const input = v2();
    const { instrument, warnings: w } = valid(parseInstrument(input));
    expect(w.map((p) => p.message)).toEqual([]);
    expect(instrument).toEqual(input);
  });

  it('refuses a range without bounds or with a step that does not fit, a meta item without its kind, an unknown trigger', () => {
    const input = v2();
    const items = input.sections[0].items;
    const at = (name: string) => items.find((i: any) => i.name === name);
    delete at('pain').range;
    expect(errors(input)).toEqual(['sections[0].items[5] (pain): range: missing: a range item needs its start, end and step']);
    at('pain').range = { start: 0, end: 10, step: 3 };
    expect(errors(input)).toEqual(['sections[0].items[5] (pain): range.step: 3 does not divide the range from 0 to 10']);
    at('pain').range = { start: 0, end: 10, step: 0 };
    expect(problems(input)).toEqual(['sections[0].items[5] (pain): range.step: the step must be more than 0']);
    at('pain').range = { start: 10, end: 0, step: 2 };
    delete at('started').meta;
    at('cups_again').trigger = ['drnks', 'cups_again'];
    at('code').requiredIf = '${drinks} = ';
    expect(errors(input)).toEqual([
      'sections[0].items[3] (started): meta: missing: a meta item says which value it records',
      "sections[0].items[8] (code): requiredIf: expected a value, found the end of the expression at position 13",
      "sections[0].items[10] (cups_again): trigger[0]: unknown item 'drnks'",
      'sections[0].items[10] (cups_again): trigger[1]: an item cannot trigger itself',
    ]);
  });

  it('choice names are unique in their list unless the instrument allows duplicates', () => {
    const input = v2();
    delete input.allowChoiceDuplicates;
    expect(errors(input)).toEqual(["choiceLists.place[2] (Sadar): choice 'Sadar' is already used by choiceLists.place[1] (Sadar)"]);
  });
});
