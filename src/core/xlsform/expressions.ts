/**
 * Checking the expressions of an XLSForm (relevant, constraint, calculation, choice_filter) against
 * Dala's expression language (../expr, docs/expressions.md): each must parse, and every `${name}` it
 * reads must be a question of the form.
 *
 * XLSForm features Dala refuses (repeats) are named as such before the parser sees the text, so the
 * researcher reads "position() is not supported" rather than "unknown function 'position'".
 */
import { ALL_FUNCTIONS } from '../expr/all-functions';
import { attributeReferences, ExpressionError, parseExpression, references } from '../expr/index';

export interface ExpressionIssue {
  message: string;
  /** 0-based offset in the expression. */
  position?: number;
}

export interface CheckedExpression {
  /** Item names read through ${name}, each once. */
  references: string[];
  /** In a choice filter: the choice attributes it reads (bare names), each once. */
  attributes: string[];
  /** Empty when the expression parses and uses only supported features. */
  issues: ExpressionIssue[];
}

/**
 * XLSForm functions named as a feature rather than as a parse error, with the function's name:
 * "position() is not supported" reads better than "unknown function 'position'". search() (an
 * appearance, not a function) and repeats (indexed-repeat, position) are refused whatever the expression
 * module knows; the others only while it does not know them (../expr/functions.ts).
 */
const REFUSED_FUNCTIONS: [RegExp, string, string | null][] = [
  [/\bsearch\s*\(/, 'search() in an expression (it is an appearance: search(\'file\', ...))', null],
  [/\bindexed-repeat\s*\(/, 'repeats (indexed-repeat())', null],
  [/\bposition\s*\(/, 'repeats (position())', null],
  [/\bjr:choice-name\s*\(/, 'jr:choice-name() (the label of a choice)', 'jr:choice-name'],
  [/\binstance\s*\(/, 'instance() (secondary instances)', 'instance'],
  [/\bcurrent\s*\(/, 'current() (secondary instances)', 'current'],
];

/** The text with the contents of '...' and "..." literals blanked out, so positions are kept. */
function blankStrings(source: string): string {
  return source.replace(/'[^']*'|"[^"]*"/g, (m) => m[0] + ' '.repeat(Math.max(0, m.length - 2)) + m[m.length - 1]);
}

/** `choiceAttributes`: a choice_filter, where a bare name is an attribute of the choice. */
export function checkExpression(source: string, choiceAttributes = false): CheckedExpression {
  const code = blankStrings(source);
  for (const [pattern, feature, known] of REFUSED_FUNCTIONS) {
    if (known !== null && ALL_FUNCTIONS.functions.has(known)) continue;
    const m = pattern.exec(code);
    if (m) return { references: [], attributes: [], issues: [{ message: `Dala does not support ${feature}`, position: m.index }] };
  }
  try {
    // Every group's checks of literal arguments (a regex() pattern), so the form is refused now.
    const expr = parseExpression(source, { choiceAttributes, functions: ALL_FUNCTIONS });
    return { references: references(expr), attributes: attributeReferences(expr), issues: [] };
  } catch (e) {
    if (e instanceof ExpressionError) {
      return { references: [], attributes: [], issues: [{ message: `the expression does not parse: ${e.reason}`, position: e.position }] };
    }
    throw e;
  }
}

/** The `${name}` references in a label, hint or message (texts shown to people, not parsed). */
export function textReferences(text: string): { name: string; position: number }[] {
  const out: { name: string; position: number }[] = [];
  const re = /\$\{([^}]*)\}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ name: m[1]!.trim(), position: m.index });
  return out;
}

/** `(a) and (b)`: several conditions that must all hold, in the order given. */
export function allOf(conditions: string[]): string | undefined {
  const parts = conditions.map((c) => c.trim()).filter((c) => c !== '');
  if (parts.length <= 1) return parts[0];
  return parts.map((c) => `(${c})`).join(' and ');
}
