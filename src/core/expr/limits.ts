/**
 * The caps that keep a hostile expression cheap to refuse (docs/expressions.md, "Limits").
 *
 * Every parsed expression is at most `sourceLength` characters and `depth` levels of parentheses,
 * function calls, filters and unary minus deep. One evaluation takes at most `evaluationSteps` steps
 * (a node evaluated, a value read from a node-set or a row), and no function builds a text longer
 * than `textLength`, so neither time nor memory grows without bound, whatever the answers and the
 * external data. regex() refuses patterns longer than `patternLength` and inputs longer than
 * `regexInputLength`; its engine (./groups/regex-engine.ts) cannot backtrack, so a search costs at most
 * about 2 x (pattern program size) x (input length) steps.
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
  /** Steps of one evaluation: nodes evaluated, values read from node-sets, rows filtered. */
  evaluationSteps: 1_000_000,
  /** Characters of a text that concat(), join(), uuid(n), format-date() build, and that digest() hashes. */
  textLength: 100_000,
} as const;
