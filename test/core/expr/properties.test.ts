import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_FUNCTIONS } from '../../../src/core/expr/all-functions';
import {
  CATALOG,
  ExpressionError,
  answersContext,
  evaluate,
  evaluateBoolean,
  evaluateValue,
  parseExpression,
  arityAllows,
  references,
  type EvalContext,
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
  const v = onlyExpressionErrors(() => evaluate(expr, ctx, ALL_FUNCTIONS));
  if (v instanceof ExpressionError) return;
  expect(['string', 'number', 'boolean'].includes(typeof v) || Array.isArray(v)).toBe(true);
  // The same tree in the same context gives the same outcome, so these cannot throw either.
  expect(typeof evaluateBoolean(expr, ctx, ALL_FUNCTIONS)).toBe('boolean');
  const stored = evaluateValue(expr, ctx, ALL_FUNCTIONS);
  if (typeof stored === 'number') expect(Number.isFinite(stored)).toBe(true);
  expect(stored).not.toBe('');
}

/** Arguments for the functions whose arguments the grammar constrains; EXPR is any expression. */
const FIXED_ARGUMENTS: Record<string, string> = {
  count: '${a}',
  'count-non-empty': '${m}',
  sum: '${b}',
  randomize: '${m}, EXPR',
  'indexed-repeat': '${a}, ${b}, EXPR',
  position: '${m}',
  current: '',
  'jr:choice-name': "EXPR, '${m}'",
  'format-date': "EXPR, '%Y-%m-%d %a %b'",
  'format-date-time': "EXPR, '%H:%M:%S.%3'",
  digest: "EXPR, 'SHA-256', 'hex'",
  regex: "EXPR, '^[a-z]+$'",
  distance: "'0 0;0 1', EXPR",
  area: '${a}',
};

/** Every hook the context has, answering as a form with repeats and external data would. */
function withHooks(ctx: EvalContext): EvalContext {
  return {
    ...ctx,
    now: '2024-06-15T10:30:00.000+05:00',
    random: () => 0.5,
    newId: () => '0f8fad5b-d9cb-469f-a165-70867728950e',
    language: 'ru',
    formVersion: '7',
    nodeset: (name) => [ctx.get(name), null, '3'],
    position: () => 2,
    indexed: (name) => ctx.get(name),
    choiceLabel: (_item, code) => (code === 'E' ? 'Expert' : null),
    instance: (id) => (id === 'data' ? ([{ code: 'a', label: 'A' }, { code: 'E', label: 'E!' }, { ['__proto__']: 'x' }] as Record<string, string>[]) : null),
  };
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
        const out = onlyExpressionErrors(() => parseExpression(source, { functions: ALL_FUNCTIONS }));
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
    'toString', '/', '#', '‘', '[', ']', '|', '@', 'current()', "instance('data')", '/root', '/item', '/label', 'null',
    'position(', 'count(', 'sum(', 'jr:choice-name(', 'format-date(', "'%Y'", 'indexed-repeat(', 'pulldata(', 'once(',
  ];
  const soup = fc.array(fc.constantFrom(...pieces), { maxLength: 25 }).map((p) => p.join(''));

  it('glued pieces parse or are refused with an ExpressionError; what parses evaluates safely', () => {
    fc.assert(
      fc.property(soup, context, (source, answers) => {
        const expr = onlyExpressionErrors(() => parseExpression(source, { functions: ALL_FUNCTIONS }));
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
        .tuple(fc.constantFrom(...[...CATALOG.keys()].filter((k) => !Object.hasOwn(FIXED_ARGUMENTS, k) && k !== 'instance' && k !== 'last')), fc.array(tie('expr'), { maxLength: 3 }))
        .map(([name, args]) => {
          const def = CATALOG.get(name)!;
          let n = Math.min(Math.max(args.length, def.min), def.max);
          while (!arityAllows(def, n)) n++;
          const padded = [...args, '${a}', '${b}', '1', '${m}'].slice(0, n);
          return `${name}(${padded.join(', ')})`;
        }),
      // Functions whose arguments the grammar constrains, with arguments that fit.
      fc.constantFrom(...Object.entries(FIXED_ARGUMENTS)).chain(([name, fixed]) =>
        fc.array(tie('expr'), { maxLength: 2 }).map((more) => `${name}(${fixed.replace('EXPR', () => more[0] ?? '${b}')})`),
      ),
      tie('expr').map((e) => `instance('data')/root/item[code = ${e}]/label`),
      tie('expr').map((e) => `count(instance('data')/root/item[position() < ${e}])`),
      fc.constantFrom('/data/a', 'current()/../m', 'null', "${a} != null"),
    ),
  }));

  it('every expression the grammar allows parses, and evaluates without any other error, with or without hooks', () => {
    fc.assert(
      // position(..) outside any filter ('..' inside one is refused).
      fc.property(fc.oneof(wellFormed, wellFormed.map((e) => `position(..) * (${e})`)), context, (source, answers) => {
        const expr = parseExpression(source, { functions: ALL_FUNCTIONS });
        for (const name of references(expr)) expect(['a', 'b', 'm', '__proto__']).toContain(name);
        expect(JSON.parse(JSON.stringify(expr))).toEqual(expr);
        checkEvaluation(expr, toContext(answers));
        checkEvaluation(expr, withHooks(toContext(answers)));
      }),
      { numRuns: 2000 },
    );
  }, TIMEOUT);
});
