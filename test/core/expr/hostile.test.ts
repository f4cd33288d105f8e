import { describe, expect, it } from 'vitest';
import { ALL_FUNCTIONS } from '../../../src/core/expr/all-functions';
import {
  LIMITS,
  answersContext,
  evaluate as evaluateWith,
  evaluateBoolean,
  parseExpression,
  references,
  type EvalContext,
  type Expr,
} from '../../../src/core/expr/index';
import { TODAY, errorOf, holds, parse, parseError, value } from './helpers';

/** Evaluated with every function group, as in Node. */
const evaluate = (expr: Expr, ctx: EvalContext) => evaluateWith(expr, ctx, ALL_FUNCTIONS);

describe('hostile expressions are refused, cheaply and clearly', () => {
  it('a source longer than the cap is refused before it is read', () => {
    const long = '1' + ' + 1'.repeat(LIMITS.sourceLength);
    const err = parseError(long);
    expect(err.position).toBe(LIMITS.sourceLength);
    expect(err.reason).toBe(`expression longer than ${LIMITS.sourceLength} characters`);
  });

  it('a source exactly at the cap is read', () => {
    const terms = (LIMITS.sourceLength + 1) / 2; // "1+1+...+1"
    const source = Array.from({ length: Math.floor(terms) }, () => '1').join('+');
    expect(source.length).toBeLessThanOrEqual(LIMITS.sourceLength);
    // A left-leaning chain of ~2000 additions parses and evaluates without exhausting the stack.
    expect(value(source)).toBe(Math.floor(terms));
  });

  it(`parentheses nested deeper than ${LIMITS.depth} levels are refused at the first one too many`, () => {
    const ok = '('.repeat(LIMITS.depth) + '1' + ')'.repeat(LIMITS.depth);
    expect(value(ok)).toBe(1);
    const deep = '('.repeat(LIMITS.depth + 1) + '1' + ')'.repeat(LIMITS.depth + 1);
    const err = parseError(deep);
    expect(err.position).toBe(LIMITS.depth);
    expect(err.reason).toBe(`expression nested deeper than ${LIMITS.depth} levels`);
  });

  it('nesting by function calls and unary minus counts too', () => {
    const calls = 'not('.repeat(LIMITS.depth + 1) + '1' + ')'.repeat(LIMITS.depth + 1);
    expect(parseError(calls).position).toBe(4 * LIMITS.depth);
    const minus = '-'.repeat(LIMITS.depth + 1) + '1';
    expect(parseError(minus).position).toBe(LIMITS.depth);
    expect(value('-'.repeat(LIMITS.depth) + '1')).toBe(1);
  });

  it('a thousand unclosed parentheses stop at the depth cap, not the stack', () => {
    expect(parseError('('.repeat(1000)).reason).toContain('nested deeper');
  });

  it('non-text input is refused with an ExpressionError', () => {
    expect(errorOf(() => parseExpression(42 as unknown as string)).reason).toBe('an expression must be text');
    expect(errorOf(() => parseExpression(undefined as unknown as string)).position).toBe(0);
  });
});

describe('names that are properties of Object.prototype are only names', () => {
  const tricky = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];

  it.each(tricky)('${%s} is an unanswered item unless the form has it', (name) => {
    expect(holds(`\${${name}} = ''`, {})).toBe(true);
    expect(value(`string-length(\${${name}})`, {})).toBe(0);
    // A computed key makes an own property, even for __proto__: the form really has that item.
    expect(holds(`\${${name}} = 'x'`, { [name]: 'x' })).toBe(true);
  });

  it('an answer really named constructor is read', () => {
    expect(holds("${constructor} = 'x'", { constructor: 'x' })).toBe(true);
    const answers = new Map([['__proto__', 'y']]);
    expect(evaluateBoolean(parseExpression("${__proto__} = 'y'"), answersContext(answers, TODAY))).toBe(true);
  });

  it.each(tricky)('%s() is an unknown function', (name) => {
    const err = parseError(`${name}(1)`);
    expect(err.reason).toBe(`unknown function '${name}'`);
    expect(err.position).toBe(0);
  });

  it('references() lists such names without touching prototypes', () => {
    expect(references(parseExpression('${__proto__} + ${constructor} + ${__proto__}'))).toEqual([
      '__proto__',
      'constructor',
    ]);
  });
});

describe('regex() is compiled safely', () => {
  it('a broken literal pattern is refused at parse time, pointing at the pattern', () => {
    const err = parseError("${a} = 1 and regex(., '(?<')");
    expect(err.position).toBe(22);
    expect(err.reason).toContain('invalid regex pattern');
    expect(err.reason).toContain('(invalid group at character 1)');
    expect(err.cause).toBeInstanceOf(Error);
  });

  it(`a literal pattern longer than ${LIMITS.patternLength} characters is refused at parse time`, () => {
    const source = `regex(., '${'a'.repeat(LIMITS.patternLength + 1)}')`;
    const err = parseError(source);
    expect(err.position).toBe(9);
    expect(err.reason).toBe(`regex pattern longer than ${LIMITS.patternLength} characters`);
    expect(() => parse(`regex(., '${'a'.repeat(LIMITS.patternLength)}')`)).not.toThrow();
  });

  it('a broken pattern that comes from an answer is refused at evaluation, with the pattern position', () => {
    const expr = parse('regex(., ${pattern})');
    const err = errorOf(() => evaluate(expr, answersContext({ pattern: '[' }, TODAY, 'abc')));
    expect(err.code).toBe('expression');
    expect(err.position).toBe(9);
    expect(err.source).toBe('');
    expect(err.reason).toContain("invalid regex pattern '['");
  });

  it(`an input longer than ${LIMITS.regexInputLength} characters is refused, not searched`, () => {
    const expr = parse("regex(., '^(a|b)+$')");
    const long = 'a'.repeat(LIMITS.regexInputLength + 1);
    const err = errorOf(() => evaluate(expr, answersContext({}, TODAY, long)));
    expect(err.reason).toBe(`regex() input longer than ${LIMITS.regexInputLength} characters`);
    expect(err.position).toBe(0);
    expect(holds("regex(., '^a+$')", {}, 'a'.repeat(LIMITS.regexInputLength))).toBe(true);
  });

  it('a pattern is not a way to inject flags or code', () => {
    expect(holds("regex(., '/x/gi')", {}, 'X')).toBe(false);
    expect(holds("regex(., 'A')", {}, 'a')).toBe(false); // case-sensitive, no flags
  });
});

describe('evaluation of trees parseExpression could not make', () => {
  const ctx = answersContext({}, TODAY);

  it('an unknown function or a wrong arity in a hand-made tree is an ExpressionError', () => {
    const unknown = { kind: 'call', name: 'constructor', args: [], pos: 3 } as Expr;
    expect(errorOf(() => evaluate(unknown, ctx))).toMatchObject({ position: 3, reason: "unknown function 'constructor'" });
    const arity = { kind: 'call', name: 'not', args: [], pos: 0 } as Expr;
    expect(errorOf(() => evaluate(arity, ctx)).reason).toBe('not() takes 1 argument, not 0');
  });

  it('an unknown node kind or operator is an ExpressionError', () => {
    expect(errorOf(() => evaluate({ kind: 'eval', pos: 5 } as unknown as Expr, ctx)).position).toBe(5);
    const op = { kind: 'binary', op: '**', left: { kind: 'number', value: 2, pos: 0 }, right: { kind: 'number', value: 2, pos: 3 }, pos: 1 };
    expect(errorOf(() => evaluate(op as unknown as Expr, ctx)).reason).toBe("unknown operator '**'");
  });

  it('a hand-made tree deeper than any parsed one is refused, not a stack overflow', () => {
    let deep: Expr = { kind: 'number', value: 1, pos: 0 };
    for (let i = 0; i < 20_000; i++) deep = { kind: 'negate', operand: deep, pos: 0 };
    expect(errorOf(() => evaluate(deep, ctx)).reason).toBe('expression too deep to evaluate');
  });

  it('a context that returns junk reads as unanswered', () => {
    const junk: EvalContext = { get: () => ({ evil: true }) as unknown as string, today: TODAY };
    expect(evaluate(parseExpression("${a} = ''"), junk)).toBe(true);
    const mixed: EvalContext = { get: () => ['a', 1, null] as unknown as string[], today: TODAY };
    expect(evaluate(parseExpression('count-selected(${a})'), mixed)).toBe(1);
  });
});

describe('the ODK constructs are as safe', () => {
  it(`instance filters nested deeper than ${LIMITS.depth} levels are refused at the first one too many`, () => {
    const deep = "count(instance('d')/root/item[".repeat(LIMITS.depth + 1) + '1' + '])'.repeat(LIMITS.depth + 1);
    expect(parseError(deep).reason).toBe(`expression nested deeper than ${LIMITS.depth} levels`);
  });

  it('names of Object.prototype are only names, for external data, rows and repeats too', () => {
    const data = new Map([['__proto__', [{ constructor: 'c', toString: 't' }]]]);
    const hooks = { instance: (id: string) => data.get(id) ?? null, nodeset: (name: string) => (name === '__proto__' ? ['1', '2'] : []) };
    const run = (source: string) => evaluate(parseExpression(source), { ...answersContext({}, TODAY), ...hooks });
    expect(run("instance('__proto__')/root/item/constructor")).toBe('c');
    expect(run("instance('__proto__')/root/item[toString = 't']/hasOwnProperty")).toBe('');
    expect(run('sum(${__proto__})')).toBe(3);
    expect(errorOf(() => run("instance('constructor')/root/item/x")).reason).toBe("no external data named 'constructor'");
  });

  it('a node-set so large that reading it passes the step cap is refused', () => {
    const huge = Array.from({ length: LIMITS.evaluationSteps + 1 }, () => '1');
    const ctx = { ...answersContext({}, TODAY), nodeset: () => huge };
    expect(errorOf(() => evaluate(parseExpression('sum(${x})'), ctx)).reason).toBe(`expression takes more than ${LIMITS.evaluationSteps} steps to evaluate`);
  });

  it('hand-made trees with the new node kinds out of place are ExpressionErrors', () => {
    const ctx = answersContext({}, TODAY);
    expect(errorOf(() => evaluate({ kind: 'column', name: 'x', pos: 2 }, ctx)).reason).toContain('read in an instance filter only');
    expect(errorOf(() => evaluate({ kind: 'row', pos: 2 }, ctx)).reason).toContain('read in an instance filter only');
    expect(errorOf(() => evaluate({ kind: 'parent', levels: 1, pos: 2 }, ctx)).reason).toContain("'..' alone is supported only in position(..)");
    const junk = { kind: 'instance', id: 'd', root: 'r', item: 'i', filters: 'junk', field: null, pos: 0 } as unknown as Expr;
    expect(evaluate(junk, { ...ctx, instance: () => [{ a: '1' }] })).toBe('1');
    const position = { kind: 'call', name: 'position', args: [{ kind: 'number', value: 1, pos: 9 }], pos: 0 } as Expr;
    expect(errorOf(() => evaluate(position, { ...ctx, position: () => 1 })).reason).toBe('position() takes .., ../.. or ${repeat}');
  });

  it('a hook that throws is not hidden', () => {
    const ctx = { ...answersContext({}, TODAY), now: undefined, random: () => { throw new RangeError('no entropy'); } };
    expect(() => evaluate(parseExpression('random()'), ctx)).toThrow(RangeError);
  });
});
