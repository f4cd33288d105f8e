import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ExpressionError,
  FUNCTIONS,
  answersContext,
  evaluate,
  evaluateBoolean,
  evaluateValue,
  parseExpression,
  references,
  type Expr,
} from '../../../src/core/expr/index';
import type { AnswerValue } from '../../../src/core/responses/types';
import { TODAY } from './helpers';

/** Runs `run`; anything thrown that is not an ExpressionError fails the property. */
function onlyExpressionErrors<T>(run: () => T): T | ExpressionError {
  try {
    return run();
  } catch (err) {
    if (err instanceof ExpressionError) return err;
    throw err;
  }
}

const answer: fc.Arbitrary<AnswerValue> = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 10 }),
  fc.constantFrom('', '4', ' 2.5 ', '2024-06-01', 'a b', '('),
  fc.double(),
  fc.integer(),
  fc.array(fc.constantFrom('a', 'b', 'E', 'none', ''), { maxLength: 4 }),
);
// A computed key: a literal `__proto__:` would set the prototype instead of adding an answer.
const context = fc.record({ a: answer, b: answer, m: answer, ['__proto__']: answer, self: answer });
const toContext = (c: Record<string, AnswerValue>) => answersContext(c, TODAY, c['self']);

/** Whatever evaluating `expr` in `ctx` gives, only ExpressionErrors are thrown and the types hold. */
function checkEvaluation(expr: Expr, ctx: ReturnType<typeof toContext>): void {
  const v = onlyExpressionErrors(() => evaluate(expr, ctx));
  if (v instanceof ExpressionError) return;
  expect(['string', 'number', 'boolean'].includes(typeof v) || Array.isArray(v)).toBe(true);
  // The same tree in the same context gives the same outcome, so these cannot throw either.
  expect(typeof evaluateBoolean(expr, ctx)).toBe('boolean');
  const stored = evaluateValue(expr, ctx);
  if (typeof stored === 'number') expect(Number.isFinite(stored)).toBe(true);
  expect(stored).not.toBe('');
}

// Generous timeouts: the whole unit suite runs these in parallel with everything else.
const TIMEOUT = 30_000;

describe('properties', () => {
  it('random text never makes parseExpression throw anything but an ExpressionError', () => {
    // Any UTF-16 unit (lone surrogates included), or the characters the grammar cares about.
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      fc.constantFrom(...'${}().,\'" -+*=!<>#/0123456789abdeinortvx'),
    );
    const text = fc.oneof(fc.string(), fc.string({ unit, maxLength: 40 }));
    fc.assert(
      fc.property(text, (source) => {
        const out = onlyExpressionErrors(() => parseExpression(source));
        // A refusal says what it refused and points inside it (or just past its end).
        return (
          !(out instanceof ExpressionError) ||
          (out.code === 'expression' && out.source === source && out.position >= 0 && out.position <= source.length)
        );
      }),
      { numRuns: 1000 },
    );
  }, TIMEOUT);

  // Pieces of expressions, whole and broken, glued at random: most results are refused, some parse.
  const pieces = [
    '${a}', '${b}', '${m}', '${__proto__}', '${', '}', '$', '.', '..', ' ', '(', ')', ',', "'", '"', "'x'", '"2024-01-01"',
    "''", '0', '1', '4.5', '.5', '1e9', '=', '!=', '<', '<=', '>', '>=', '+', '-', '*', ' div ', ' mod ', ' and ', ' or ',
    'not(', 'selected(', 'count-selected(', 'string-length(', 'regex(', "'^a'", "'['", 'if(', 'coalesce(', 'today()',
    'true()', 'false()', 'number(', 'string(', 'int(', 'round(', 'concat(', 'contains(', 'starts-with(', 'constructor(',
    'toString', '/', '#', '‘',
  ];
  const soup = fc.array(fc.constantFrom(...pieces), { maxLength: 25 }).map((p) => p.join(''));

  it('glued pieces parse or are refused with an ExpressionError; what parses evaluates safely', () => {
    fc.assert(
      fc.property(soup, context, (source, answers) => {
        const expr = onlyExpressionErrors(() => parseExpression(source));
        if (expr instanceof ExpressionError) {
          expect(expr.position).toBeLessThanOrEqual(source.length);
          return;
        }
        checkEvaluation(expr, toContext(answers));
      }),
      { numRuns: 3000 },
    );
  }, TIMEOUT);

  // Well-formed expressions, built from the grammar: these must all parse.
  const safeText = fc.string({ unit: fc.constantFrom('a', 'b', 'E', ' ', '1', '-', '.', '^', '$', 'é'), maxLength: 6 });
  const { expr: wellFormed } = fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', maxDepth: 6 },
      fc.constantFrom('${a}', '${b}', '${m}', '${__proto__}', '.', 'today()', 'true()'),
      fc.nat({ max: 1000 }).map(String),
      fc.constantFrom('0.5', '.25', '3.', '0'),
      safeText.map((s) => `'${s}'`),
      safeText.map((s) => `"${s}"`),
      tie('expr').map((e) => `-${e}`),
      tie('expr').map((e) => `(${e})`),
      fc
        .tuple(tie('expr'), fc.constantFrom('or', 'and', '=', '!=', '<', '<=', '>', '>=', '+', '-', '*', 'div', 'mod'), tie('expr'))
        .map(([l, op, r]) => `${l} ${op} ${r}`),
      fc
        .tuple(fc.constantFrom(...FUNCTIONS.keys()), fc.array(tie('expr'), { maxLength: 3 }))
        .map(([name, args]) => {
          const def = FUNCTIONS.get(name)!;
          const n = Math.min(Math.max(args.length, def.min), def.max);
          const padded = [...args, '${a}', '${b}', '1'].slice(0, n);
          return `${name}(${padded.join(', ')})`;
        }),
    ),
  }));

  it('every expression the grammar allows parses, and evaluates without any other error', () => {
    fc.assert(
      fc.property(wellFormed, context, (source, answers) => {
        const expr = parseExpression(source);
        for (const name of references(expr)) expect(['a', 'b', 'm', '__proto__']).toContain(name);
        expect(JSON.parse(JSON.stringify(expr))).toEqual(expr);
        checkEvaluation(expr, toContext(answers));
      }),
      { numRuns: 2000 },
    );
  }, TIMEOUT);
});
