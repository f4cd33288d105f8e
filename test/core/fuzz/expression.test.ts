/**
 * Fuzz: the expression language (relevance, constraints, calculations, choice filters), from
 * untrusted forms. Expressions built from its grammar with every function and operator, from
 * the expressions of real forms with characters changed, and from random tokens; each parses or
 * fails with an ExpressionError (a DalaError) saying where; each that parses evaluates, against
 * answers of every shape and names such as `__proto__`, to a value or an ExpressionError.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoStudy } from '../../../src/core/demo/index';
import { DalaError } from '../../../src/core/errors';
import { ALL_FUNCTIONS } from '../../../src/core/expr/all-functions';
import { answersContext, evaluate, evaluateValue, parseExpression, references, type Expr } from '../../../src/core/expr/index';
import { allItems } from '../../../src/core/instrument/types';
import { importableFixtures } from '../link/helpers';
import { applyTextEdits, expectPrototypeClean, parsesOrRefuses, runs, textEdits } from './mutate';

const NAMES = ['a', 'b', 'age', 'langs', '__proto__', 'constructor', 'toString', 'x_1'];
const FUNCTION_NAMES = [...ALL_FUNCTIONS.functions.keys(), 'eval', 'constructor', '__proto__', 'once', 'concat'];
const OPERATORS = ['+', '-', '*', 'div', 'mod', '=', '!=', '<', '<=', '>', '>=', 'and', 'or', '|'];

const { expr } = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('1', '0', '-1', '2.5', '1e308', '0.0000001', "''", "'x'", '"a b"', "'2024-05-01'", '.', 'true()', 'false()', "'\u0000'"),
    fc.constantFrom(...NAMES).map((n) => `\${${n}}`),
    fc.tuple(tie('expr'), fc.constantFrom(...OPERATORS), tie('expr')).map(([l, op, r]) => `${l} ${op} ${r}`),
    tie('expr').map((e) => `(${e})`),
    tie('expr').map((e) => `-${e}`),
    fc.tuple(fc.constantFrom(...FUNCTION_NAMES), fc.array(tie('expr'), { maxLength: 4 })).map(([f, args]) => `${f}(${args.join(', ')})`),
    fc.tuple(fc.constantFrom("'a+'", "'(a|a)*b'", "'^[0-9]{3}$'", "'[a-'", "'(?=x)'", "'\\\\d+'", "'.*.*.*.*x'"), tie('expr')).map(([p, s]) => `regex(${s}, ${p})`),
  ),
}));

/** Answers of every shape an item can have, under hostile names too. */
const answers = fc.dictionary(
  fc.constantFrom(...NAMES),
  fc.oneof(fc.constant(null), fc.string({ maxLength: 20 }), fc.double(), fc.integer(), fc.array(fc.constantFrom('kk', 'ru', 'other', ''), { maxLength: 4 })),
);

function parsedAndRun(source: string, values: Record<string, unknown>, choiceFilter: boolean): void {
  const parsed = parsesOrRefuses(() => parseExpression(source, { choiceAttributes: choiceFilter, functions: ALL_FUNCTIONS }));
  if (parsed instanceof DalaError) {
    expect(parsed.code).toBe('expression');
    return;
  }
  references(parsed as Expr);
  const ctx = { ...answersContext(values as never, '2024-05-01', 'self'), choice: (name: string) => (name === 'state' ? 'kk' : null) };
  const out = parsesOrRefuses(() => evaluate(parsed as Expr, ctx, ALL_FUNCTIONS));
  if (out instanceof DalaError) expect(out.code).toBe('expression');
  parsesOrRefuses(() => evaluateValue(parsed as Expr, ctx, ALL_FUNCTIONS));
  expectPrototypeClean();
}

const REAL = [demoStudy, ...importableFixtures().map(([, i]) => i)].flatMap((ins) =>
  allItems(ins).flatMap(({ item }) => [item.relevant, item.constraint, item.calculation, item.choiceFilter].filter((e): e is string => typeof e === 'string')),
);

describe('fuzz: expressions', () => {
  it('built from the grammar: parsed and evaluated, or an ExpressionError', () => {
    fc.assert(fc.property(expr, answers, fc.boolean(), (source, values, cf) => parsedAndRun(source, values, cf)), runs(1500));
  }, 60_000);

  it('the expressions of real forms with characters changed: parsed and evaluated, or an ExpressionError', () => {
    expect(REAL.length).toBeGreaterThan(10);
    fc.assert(
      fc.property(fc.nat({ max: REAL.length - 1 }), textEdits, answers, (which, edits, values) => parsedAndRun(applyTextEdits(REAL[which]!, edits), values, which % 2 === 0)),
      runs(800),
    );
  }, 60_000);

  it('random tokens and deep nesting: an ExpressionError, never a crash or a stack overflow', () => {
    const token = fc.constantFrom('(', ')', ',', '${', '}', '${a}', "'", '"', '.', '..', '-', 'not', 'if', '1', 'div', 'and', ' ', '[', ']', '/', '@', '$', '\\', '\u0000', 'concat(');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), fc.constantFrom(0, 63, 64, 65, 1000, 3990), fc.constantFrom('(', '-', 'not(', 'if(1,'), (tokens, depth, open) => {
        parsedAndRun(tokens.join(''), {}, false);
        parsedAndRun(open.repeat(depth) + '1' + (open === '-' ? '' : ')'.repeat(depth)), {}, false);
      }),
      runs(500),
    );
  }, 60_000);
});
