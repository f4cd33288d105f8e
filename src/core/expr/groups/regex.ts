/**
 * regex(value, pattern): is `pattern` found anywhere in `value` (as ODK's regex() does in Enketo and
 * Web Forms; anchor it with ^...$ to test the whole value, which is what Collect does)?
 *
 * Patterns run on ./regex-engine.ts, which cannot backtrack: a search takes time proportional to the
 * pattern's size times the text's length, whatever the pattern, so no pattern can stall a phone.
 * A pattern longer than LIMITS.patternLength, one that does not compile (or uses what the engine
 * refuses: backreferences, lookaround), and a value longer than LIMITS.regexInputLength are refused
 * with an ExpressionError. See docs/expressions.md, "Regular expressions".
 *
 * The 'regex' function group (../catalog.ts), loaded on demand (../library.ts). A pattern written
 * in quotes is compiled when the expression is parsed with this group loaded, so a broken one is
 * refused with the form.
 */
import type { Expr } from '../ast';
import { ExpressionError } from '../error';
import { text, type FunctionDef, type FunctionGroupModule } from '../functions';
import { LIMITS } from '../limits';
import { compileRegex, RegexSyntaxError, search, type Program } from './regex-engine';

/** Compiles `pattern`; `position` and `source` say where it is written, for the error. */
export function compilePattern(pattern: string, position: number, source: string): Program {
  if (pattern.length > LIMITS.patternLength) {
    throw new ExpressionError(`regex pattern longer than ${LIMITS.patternLength} characters`, position, source);
  }
  try {
    return compileRegex(pattern);
  } catch (cause) {
    if (!(cause instanceof RegexSyntaxError)) throw cause;
    throw new ExpressionError(`invalid regex pattern '${pattern}' (${cause.message} at character ${cause.at + 1})`, position, source, { cause });
  }
}

export function matches(value: string, pattern: Program, position: number): boolean {
  if (value.length > LIMITS.regexInputLength) {
    throw new ExpressionError(`regex() input longer than ${LIMITS.regexInputLength} characters`, position, '');
  }
  return search(pattern, value);
}

export const REGEX: FunctionGroupModule = {
  group: 'regex',
  functions: new Map<string, FunctionDef>([
    [
      'regex',
      {
        signature: 'regex(text, pattern)',
        call: (a, _ctx, n) => {
          const value = text(a, 0);
          const patternPos = n.args[1]?.pos ?? n.pos;
          return matches(value, compilePattern(text(a, 1), patternPos, ''), n.pos);
        },
        check: (args: readonly Expr[], _node, source) => {
          const pattern = args[1];
          if (pattern?.kind === 'string') compilePattern(pattern.value, pattern.pos, source);
        },
      },
    ],
  ]),
};
