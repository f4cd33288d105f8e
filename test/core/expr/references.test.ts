import { describe, expect, it } from 'vitest';
import { answersContext, evaluate, parseExpression, references } from '../../../src/core/expr/index';
import { TODAY } from './helpers';

describe('references', () => {
  it('lists the items a calculation reads, once each, in order of first use', () => {
    const expr = parseExpression("if(${b} > 0, ${a} div ${b}, coalesce(${c}, ${a})) + count-selected(.)");
    expect(references(expr)).toEqual(['b', 'a', 'c']);
  });

  it('is empty for an expression that reads no item', () => {
    expect(references(parseExpression(". >= 18 and . < today()"))).toEqual([]);
  });
});

describe('a parsed expression is plain JSON', () => {
  it('survives JSON and structuredClone and evaluates the same after', () => {
    const expr = parseExpression("selected(${q1}, 'E') and -${n} * 2.5 < round(${m} div 3, 1)");
    const ctx = answersContext({ q1: ['E'], n: 1, m: 10 }, TODAY);
    const copy = JSON.parse(JSON.stringify(expr)) as typeof expr;
    expect(copy).toEqual(expr);
    expect(structuredClone(expr)).toEqual(expr);
    expect(evaluate(copy, ctx)).toBe(evaluate(expr, ctx));
  });

  it('records where each node came from', () => {
    expect(parseExpression("${a} = 'x'")).toEqual({
      kind: 'binary',
      op: '=',
      pos: 5,
      left: { kind: 'ref', name: 'a', pos: 0 },
      right: { kind: 'string', value: 'x', pos: 7 },
    });
    expect(parseExpression('-not(.)')).toEqual({
      kind: 'negate',
      pos: 0,
      operand: { kind: 'call', name: 'not', pos: 1, args: [{ kind: 'self', pos: 5 }] },
    });
  });
});
