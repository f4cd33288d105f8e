import { describe, expect, it } from 'vitest';
import { attributeReferences, evaluateBoolean, ExpressionError, parseExpression, references } from '../../../src/core/expr/index';
import { parseInstrument } from '../../../src/core/instrument/parse';
import type { Instrument } from '../../../src/core/instrument/types';
import { compileInstrument, computeFormState, prepareInstrument } from '../../../src/core/responses/form-state';
import type { AnswerValue } from '../../../src/core/responses/types';

/** Cascading selects: a region, then its districts (and the capital, offered in every region). */
const ins: Instrument = {
  type: 'dala-instrument',
  version: 3,
  id: 'cascade',
  studyVersion: '1',
  title: { en: 'Cascade' },
  languages: ['en'],
  choiceLists: {
    region: [
      { name: 'north', label: { en: 'North' } },
      { name: 'south', label: { en: 'South' } },
    ],
    district: [
      { name: 'n1', label: { en: 'North one' }, attributes: { region: 'north' } },
      { name: 'n2', label: { en: 'North two' }, attributes: { region: 'north' } },
      { name: 's1', label: { en: 'South one' }, attributes: { region: 'south' } },
      { name: 'capital', label: { en: 'Capital' } },
    ],
  },
  likertScales: {},
  sections: [
    {
      name: 'where',
      label: { en: 'Where' },
      items: [
        { name: 'region', type: 'select_one', choices: 'region', label: { en: 'Region' } },
        { name: 'district', type: 'select_one', choices: 'district', choiceFilter: "region = ${region} or name = 'capital'", label: { en: 'District' } },
        { name: 'visited', type: 'select_multiple', choices: 'district', other: true, choiceFilter: 'region = ${region}', label: { en: 'Visited' } },
      ],
    },
  ],
  scales: [],
};
const compiled = compileInstrument(ins);
const state = (answers: Record<string, AnswerValue>) => computeFormState(compiled, answers, '2026-11-29');

describe('choice filters in the expression language', () => {
  it('a bare name is a choice attribute only when asked for; elsewhere it stays an error', () => {
    const expr = parseExpression("region = ${region} or name = 'capital'", { choiceAttributes: true });
    expect(attributeReferences(expr)).toEqual(['region', 'name']);
    expect(references(expr)).toEqual(['region']);
    expect(() => parseExpression('region = ${region}')).toThrow("unexpected name 'region' (write ${region} to use an item's answer)");
  });

  it('reads the attribute of the choice being filtered; a missing one is empty', () => {
    const expr = parseExpression("region = 'north'", { choiceAttributes: true });
    const ctx = (attrs: Record<string, string>) => ({ get: () => null, today: '2026-11-29', choice: (n: string) => attrs[n] ?? null });
    expect(evaluateBoolean(expr, ctx({ region: 'north' }))).toBe(true);
    expect(evaluateBoolean(expr, ctx({ region: 'south' }))).toBe(false);
    expect(evaluateBoolean(parseExpression("region = ''", { choiceAttributes: true }), ctx({}))).toBe(true);
  });

  it('refuses what is not an attribute: prefixed names, word operators, and attributes outside a filter', () => {
    const parseError = (source: string) => {
      try {
        parseExpression(source, { choiceAttributes: true });
      } catch (e) {
        if (e instanceof ExpressionError) return e.message;
        throw e;
      }
      return 'parsed';
    };
    expect(parseError('jr:choice = 1')).toMatch(/unexpected name 'jr:choice': a choice's attribute is a plain column name/);
    expect(parseError('and = 1')).toMatch(/expected a value, found 'and'/);
    expect(() => evaluateBoolean(parseExpression('region', { choiceAttributes: true }), { get: () => null, today: '2026-11-29' })).toThrow(
      "'region' is a choice's attribute: it is read in a choice filter only",
    );
  });
});

describe('choice filters in the form state', () => {
  it('offers the districts of the region chosen, and the capital always', () => {
    expect(state({}).items.get('district')?.choices).toEqual(['capital']);
    expect(state({ region: 'north' }).items.get('district')?.choices).toEqual(['n1', 'n2', 'capital']);
    expect(state({ region: 'south' }).items.get('district')?.choices).toEqual(['s1', 'capital']);
    // An item without a filter has no list of offered codes: every choice is.
    expect(state({}).items.get('region')?.choices).toBeUndefined();
  });

  it('an answer the filter no longer offers is kept, and is an issue until it is changed', () => {
    const s = state({ region: 'south', district: 'n1', visited: ['s1', 'n2'] });
    expect(s.items.get('district')).toMatchObject({ issue: 'choice' });
    expect(s.items.get('visited')).toMatchObject({ issue: 'choice' });
    expect(s.effective.district).toBe('n1');
    expect(s.sections[0]!.issues).toBe(2);
    const fixed = state({ region: 'south', district: 's1', visited: ['s1', 'other'] });
    expect(fixed.items.get('district')?.issue).toBeUndefined();
    // "Other (specify)" is not in the list, and is always offered.
    expect(fixed.items.get('visited')?.issue).toBeUndefined();
  });

  it('a filter that fails to run offers every choice, and says so', async () => {
    // regex() is in a group loaded on demand: prepareInstrument loads it, as the app does.
    const broken = await prepareInstrument({
      ...ins,
      sections: [{ ...ins.sections[0]!, items: [{ name: 'region', type: 'text', label: { en: 'Pattern' } }, { ...ins.sections[0]!.items[1]!, choiceFilter: 'regex(name, ${region})' }] }],
    });
    // The pattern comes from a text answer, and this one is no pattern.
    const s = computeFormState(broken, { region: '(' }, '2026-11-29');
    expect(s.items.get('district')?.choices).toEqual(['n1', 'n2', 's1', 'capital']);
    expect(s.runtimeErrors.length).toBeGreaterThan(0);
  });

  it('attributes are read as own properties: __proto__ or constructor is no attribute', () => {
    const hostile = compileInstrument({
      ...ins,
      sections: [{ ...ins.sections[0]!, items: [{ ...ins.sections[0]!.items[1]!, choiceFilter: "constructor != '' or toString != ''" }] }],
    });
    expect(computeFormState(hostile, {}, '2026-11-29').items.get('district')?.choices).toEqual([]);
  });
});

describe('choice filters in the instrument format', () => {
  const withFilter = (filter: string, type: 'select_one' | 'text' = 'select_one') =>
    parseInstrument({
      ...ins,
      sections: [{ ...ins.sections[0]!, items: [ins.sections[0]!.items[0]!, { ...ins.sections[0]!.items[1]!, type, choiceFilter: filter }] }],
    });

  it('the cascade is a valid instrument', () => {
    expect(parseInstrument(ins)).toMatchObject({ ok: true });
  });

  it('refuses a filter that reads an attribute no choice of the list has, or its own answer', () => {
    const messages = (r: ReturnType<typeof parseInstrument>) => (r.ok ? [] : r.problems.map((p) => p.message));
    expect(messages(withFilter('county = ${region}'))).toEqual([
      "sections[0].items[1] (district): choiceFilter: no choice of list 'district' has an attribute 'county'",
    ]);
    expect(messages(withFilter('region = ${district}'))).toEqual(['sections[0].items[1] (district): choiceFilter: refers to its own item ${district}']);
    expect(messages(withFilter('region = ${region} and'))[0]).toMatch(/choiceFilter: .*expected a value, found the end of the expression/);
  });

  it('warns that a filter on an item without choices is ignored', () => {
    const r = withFilter('region = ${region}', 'text');
    expect(r.ok).toBe(true);
    expect(r.ok && r.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/choiceFilter: ignored: only select_one and select_multiple items have a choice filter/));
  });

  it('refuses attributes that are not texts or whose names are not names', () => {
    const list = (attributes: unknown) => parseInstrument({ ...ins, choiceLists: { ...ins.choiceLists, region: [{ name: 'north', label: { en: 'North' }, attributes }] } });
    expect(list({ region: 3 }).ok).toBe(false);
    expect(list({ 'two words': 'x' }).ok).toBe(false);
    expect(list({ __proto__: 'x', ok: 'y' }).ok).toBe(true); // a literal __proto__ sets no own key
    expect(list(JSON.parse('{"__proto__": "x"}')).ok).toBe(false);
  });
});
