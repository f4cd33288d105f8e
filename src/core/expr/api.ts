/**
 * The contract of the expression language (docs/expressions.md). Implemented in this folder.
 *
 * Expressions are parsed by our own recursive-descent parser into an AST and evaluated by a small
 * interpreter. There is no eval and no new Function anywhere: a hostile expression can at worst be
 * refused with an `ExpressionError` that says where and what.
 *
 * Everything an expression needs from outside comes through this context: the core reads no clock,
 * draws no random numbers and keeps no state. Only `get` and `today` are required; every other hook
 * is optional, and an expression that needs a hook the caller did not give fails with an
 * ExpressionError naming it (never a made-up value). docs/expressions.md, "The context", says which
 * functions read which hook.
 */
import type { AnswerValue } from '../responses/types';

export interface EvalContext {
  /**
   * The current answer of item `name` (null when unanswered or not relevant). `name` comes from the
   * expression's text and may be `__proto__` or `constructor`: read own properties or a Map only
   * (`answersContext` in ./context.ts does). Inside a repeat, the answer in the same instance.
   */
  get(name: string): AnswerValue;
  /** The value `.` and current() stand for: a constraint's answer, a calculation's current value (once()). */
  self?: AnswerValue;
  /** Today's date as yyyy-mm-dd (passed in: the core reads no clock). */
  today: string;
  /**
   * In a choice filter: the attribute `name` of the choice being filtered (`name` itself is its
   * code), or null when the choice has no such attribute (read as ''). Own properties only.
   */
  choice?(name: string): string | null;

  /** now(): the current date-time as ODK writes it, with its offset: `2024-06-15T10:30:00.000+05:00`. */
  now?: string;
  /** random(), uuid(n), randomize() without a seed: a number in [0, 1). */
  random?(): number;
  /** uuid(): a new RFC 4122 version 4 UUID (`crypto.randomUUID()` in the app). */
  newId?(): string;
  /** format-date()'s %b and %a: the language (BCP 47, 'ru', 'kk') of month and day names; English when absent. */
  language?: string;
  /** version(): the form's version ('' when it has none). */
  formVersion?: string;

  /**
   * Every value of item `name` that the expression sees, in document order, for count(), sum(),
   * min(), max(), join(), concat(), count-non-empty(), area(), distance(), checklist(), randomize():
   * outside a repeat, one value per instance of the repeat the item is in (an unanswered one as
   * null); inside the same repeat, the one of the current instance; for an item in no repeat, its
   * answer when it has one and nothing when not (as without the hook). For a repeat's own name
   * (`count(${members})`), one entry per instance. Without this hook, `${name}` in those functions
   * is its one answer from `get`, or nothing when it is unanswered (so count(${x}) is 1 when x is
   * answered, 0 when not, and max(${a}, ${b}) leaves out an unanswered one).
   */
  nodeset?(name: string): readonly AnswerValue[];
  /**
   * position(..) (`{ up: 1 }`; `{ up: 2 }` for position(../..)): the 1-based index of the repeat
   * instance `up` groups above the item whose expression this is. position(${repeat}) (`{ name }`):
   * the index of the current instance of that repeat.
   */
  position?(of: { up: number } | { name: string }): number;
  /**
   * indexed-repeat(${name}, ${repeat1}, i1, ${repeat2}, i2, ...): the answer of item `name` in
   * instance `index` (1-based, at least 1) of each repeat, outermost first; null when there is none.
   */
  indexed?(name: string, path: readonly { repeat: string; index: number }[]): AnswerValue;
  /** jr:choice-name(code, '${item}'): the label of choice `code` of item `item` in the current language; null if none. */
  choiceLabel?(item: string, code: string): string | null;
  /**
   * External data for instance('id')/root/item[...] and pulldata('id', ...): its rows (column -> text;
   * read with own properties only), or null when the form has no data named `id`.
   */
  instance?(id: string): readonly Readonly<Record<string, string>>[] | null;
}
