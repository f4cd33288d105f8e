/**
 * The caps that keep a hostile expression cheap to refuse (docs/expressions.md, "Limits").
 *
 * Every parsed expression is at most `sourceLength` characters and `depth` levels of parentheses,
 * function calls and unary minus deep. regex() refuses patterns longer than `patternLength` and
 * inputs longer than `regexInputLength`, which bounds the work of ordinary patterns; patterns that
 * backtrack catastrophically are refused by ./regex-safety.ts.
 */
export const LIMITS = {
  /** Characters in one expression. */
  sourceLength: 4000,
  /** Nesting of parentheses, function calls and unary minus. */
  depth: 64,
  /** Characters in a regex() pattern. */
  patternLength: 200,
  /** Characters of the text regex() tests. */
  regexInputLength: 10_000,
} as const;
