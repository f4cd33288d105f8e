/**
 * The contract of the expression language (docs/expressions.md). Implemented in this folder.
 *
 * Expressions are parsed by our own recursive-descent parser into an AST and evaluated by a small
 * interpreter. There is no eval and no new Function anywhere: a hostile expression can at worst be
 * refused with an `ExpressionError` that says where and what.
 */
import type { AnswerValue } from '../responses/types';

/** What an expression can see while it is evaluated. */
export interface EvalContext {
  /**
   * The current answer of item `name` (null when unanswered or not relevant). `name` comes from the
   * expression's text and may be `__proto__` or `constructor`: read own properties or a Map only
   * (`answersContext` in ./context.ts does).
   */
  get(name: string): AnswerValue;
  /** The value `.` stands for (a constraint's own answer). */
  self?: AnswerValue;
  /** Today's date as yyyy-mm-dd (passed in: the core reads no clock). */
  today: string;
  /**
   * In a choice filter: the attribute `name` of the choice being filtered (`name` itself is its
   * code), or null when the choice has no such attribute (read as ''). Own properties only.
   */
  choice?(name: string): string | null;
}
