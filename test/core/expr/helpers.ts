/**
 * Test helpers: a form's answers in, what the expression says out; and the error a source gets.
 * Expressions are parsed and evaluated with every function group loaded (`ALL_FUNCTIONS`), as in
 * Node; test/core/expr/groups.test.ts checks what happens without them.
 */
import { ALL_FUNCTIONS } from '../../../src/core/expr/all-functions';
import {
  ExpressionError,
  answersContext,
  evaluate,
  evaluateBoolean,
  evaluateValue,
  parseExpression,
  type EvalContext,
  type Expr,
  type ParseOptions,
  type Value,
} from '../../../src/core/expr/index';
import type { AnswerValue } from '../../../src/core/responses/types';

export const TODAY = '2024-06-15';
type Answers = Record<string, AnswerValue>;

/** parseExpression with every function group's checks. */
export const parse = (source: string, options: ParseOptions = {}): Expr => parseExpression(source, { ...options, functions: ALL_FUNCTIONS });

/** Is the item shown (relevance) or the answer accepted (constraint, with `self` as `.`)? */
export function holds(source: string, answers: Answers = {}, self?: AnswerValue): boolean {
  return evaluateBoolean(parse(source), answersContext(answers, TODAY, self), ALL_FUNCTIONS);
}

export function value(source: string, answers: Answers = {}, self?: AnswerValue): Value {
  return evaluate(parse(source), answersContext(answers, TODAY, self), ALL_FUNCTIONS);
}

export function calculate(source: string, answers: Answers = {}): AnswerValue {
  return evaluateValue(parse(source), answersContext(answers, TODAY), ALL_FUNCTIONS);
}

/** The ExpressionError `run` throws; fails the test if it throws nothing or something else. */
export function errorOf(run: () => unknown): ExpressionError {
  try {
    run();
  } catch (err) {
    if (err instanceof ExpressionError) return err;
    throw new Error(`expected an ExpressionError, got ${String(err)}`);
  }
  throw new Error('expected an ExpressionError, nothing was thrown');
}

export const parseError = (source: string) => errorOf(() => parse(source));

/** What `source` gives with the answers and the hooks of a context (now, random, repeats...). */
export function valueWith(source: string, answers: Answers, hooks: Omit<Partial<EvalContext>, 'get' | 'today'>): Value {
  return evaluate(parse(source), { ...answersContext(answers, TODAY), ...hooks }, ALL_FUNCTIONS);
}

/** The ExpressionError evaluating `source` gives (with hooks, if any). */
export const evalError = (source: string, answers: Answers = {}, hooks: Omit<Partial<EvalContext>, 'get' | 'today'> = {}) =>
  errorOf(() => valueWith(source, answers, hooks));
