/**
 * Function groups (docs/expressions.md, "Function groups"): the parser knows every function, the
 * implementations of all but the basic ones are loaded on demand, and nothing is evaluated with a
 * group that is not loaded.
 */
import { describe, expect, it } from 'vitest';
import { demoStudy } from '../../../src/core/demo/demo-study';
import { DalaError } from '../../../src/core/errors';
import { ALL_FUNCTIONS } from '../../../src/core/expr/all-functions';
import {
  BASIC_FUNCTIONS,
  CATALOG,
  ExpressionError,
  LAZY_GROUPS,
  answersContext,
  evaluate,
  functionGroups,
  loadFunctions,
  missingGroups,
  parseExpression,
  type FunctionGroup,
} from '../../../src/core/expr/index';
import type { Instrument } from '../../../src/core/instrument/types';
import { compileInstrument, computeFormState, isReady, prepareInstrument } from '../../../src/core/responses/form-state';
import { TODAY, errorOf } from './helpers';

/** One call of each group loaded on demand, with what it gives when the group is loaded. */
const ONE_OF_EACH: Record<(typeof LAZY_GROUPS)[number], { source: string; value: unknown }> = {
  dates: { source: "format-date('2024-06-15', '%d/%m/%Y')", value: '15/06/2024' },
  digest: { source: "digest('abc', 'MD5', 'hex')", value: '900150983cd24fb0d6963f7d28e17f72' },
  geo: { source: "distance('0 0; 0 1')", value: expect.closeTo(111_318.8, 0) },
  regex: { source: "regex('2024', '^[0-9]{4}$')", value: true },
  randomize: { source: 'count(randomize(${x}, 7))', value: 1 },
  external: { source: "pulldata('towns', 'name', 'code', 'k')", value: 'Karaganda' },
};
const ctx = { ...answersContext({ x: 'a' }, TODAY), instance: () => [{ code: 'k', name: 'Karaganda' }] };

describe('the catalog and the groups', () => {
  it('every function of the catalog has an implementation in its group, and no group has one the catalog lacks', () => {
    expect([...ALL_FUNCTIONS.functions.keys()].sort()).toEqual([...CATALOG.keys()].sort());
    expect([...ALL_FUNCTIONS.groups].sort()).toEqual(['basic', ...LAZY_GROUPS].sort());
    for (const [name, spec] of CATALOG) expect(spec.group === 'basic', name).toBe(BASIC_FUNCTIONS.functions.has(name));
  });

  it('the groups of an expression are those of the functions it calls, and external data for an instance path', () => {
    expect([...functionGroups(parseExpression(". <= today() and string-length(${a}) > 2"))]).toEqual([]);
    expect([...functionGroups(parseExpression("if(regex(., '^a'), format-date(today(), '%Y'), date(${d}))"))].sort()).toEqual(['dates', 'regex']);
    expect([...functionGroups(parseExpression("instance('towns')/root/item[name = digest(${a}, 'MD5')]/code"))].sort()).toEqual(['digest', 'external']);
  });

  it("the demo study calls the basic functions only: its first question needs no other chunk", () => {
    const compiled = compileInstrument(demoStudy);
    expect([...compiled.groups]).toEqual([]);
    expect(isReady(compiled)).toBe(true);
  });
});

describe('a function whose group is not loaded', () => {
  it('is known to the parser: its name and its number of arguments are checked all the same', () => {
    expect(() => parseExpression("format-date(today(), '%Y')")).not.toThrow();
    expect(errorOf(() => parseExpression('format-date(today())')).reason).toBe('format-date() takes 2 arguments, not 1');
    expect(errorOf(() => parseExpression("regex('a')")).reason).toBe('regex() takes 2 arguments, not 1');
    expect(errorOf(() => parseExpression('format-dates(1, 2)')).reason).toBe("unknown function 'format-dates'");
  });

  it('is refused when evaluated, with an ExpressionError that names its group, never a value', () => {
    for (const [group, { source }] of Object.entries(ONE_OF_EACH)) {
      const err = errorOf(() => evaluate(parseExpression(source), ctx));
      expect(err.reason, source).toContain(`in the function group '${group}', which is not loaded here`);
    }
  });

  it('gives its value once its group is loaded, and only that group is loaded', async () => {
    for (const [group, { source, value }] of Object.entries(ONE_OF_EACH) as [FunctionGroup, (typeof ONE_OF_EACH)['dates']][]) {
      const library = await loadFunctions([group]);
      expect([...library.groups].sort(), group).toEqual(['basic', group].sort());
      expect(evaluate(parseExpression(source), ctx, library), source).toEqual(value);
    }
  });

  it('a literal argument is checked by its group: when the group is there, or when the instrument is prepared', async () => {
    // Without the regex group the parser cannot compile the pattern; with it, the pattern is refused.
    expect(() => parseExpression("regex(., '(')")).not.toThrow();
    expect(errorOf(() => parseExpression("regex(., '(')", { functions: ALL_FUNCTIONS })).reason).toContain("invalid regex pattern '('");
    expect(errorOf(() => parseExpression("format-date(., '%q')", { functions: ALL_FUNCTIONS })).reason).toContain("unknown format-date() pattern '%q'");
    expect(errorOf(() => parseExpression("digest(., 'MD4')", { functions: ALL_FUNCTIONS })).reason).toContain('MD4');
    const broken = withConstraint("regex(., '(')");
    await expect(prepareInstrument(broken)).rejects.toThrow(ExpressionError);
  });
});

/** A one-item instrument whose item has this constraint. */
function withConstraint(constraint: string): Instrument {
  return {
    type: 'dala-instrument',
    version: 3,
    id: 'groups',
    studyVersion: '1',
    title: { en: 'Groups' },
    languages: ['en'],
    choiceLists: {},
    likertScales: {},
    sections: [{ name: 's', label: { en: 'S' }, items: [{ name: 'code', type: 'text', label: { en: 'Code' }, constraint }] }],
    scales: [],
  };
}

describe('an instrument that calls a group on demand', () => {
  const ins = withConstraint("regex(., '^[A-Z]-[0-9]{3}$')");

  it('compiles at once but is not ready, and its form state is refused rather than computed without the group', () => {
    const compiled = compileInstrument(ins);
    expect([...compiled.groups]).toEqual(['regex']);
    expect(isReady(compiled)).toBe(false);
    expect(missingGroups(compiled.groups, compiled.functions)).toEqual(['regex']);
    const err = (() => {
      try {
        computeFormState(compiled, { code: 'x' }, TODAY);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(DalaError);
    expect((err as DalaError).message).toBe("the instrument calls functions of the group 'regex', which is not loaded: compile it with prepareInstrument");
  });

  it('once prepared, checks its constraint with the group loaded', async () => {
    const compiled = await prepareInstrument(ins);
    expect(isReady(compiled)).toBe(true);
    expect(computeFormState(compiled, { code: 'A-123' }, TODAY).items.get('code')?.issue).toBeUndefined();
    expect(computeFormState(compiled, { code: 'a-123' }, TODAY).items.get('code')?.issue).toBe('constraint');
  });

  it('prepared with the groups loaded already, loads nothing more and keeps them', async () => {
    const compiled = await prepareInstrument(ins, ALL_FUNCTIONS);
    expect(compiled.functions).toBe(ALL_FUNCTIONS);
    expect(await loadFunctions(['regex', 'dates'], ALL_FUNCTIONS)).toBe(ALL_FUNCTIONS);
  });

  it('a name that is not a group is refused', async () => {
    await expect(loadFunctions(['hashes' as FunctionGroup])).rejects.toThrow("'hashes' is not a function group");
  });
});
