/**
 * regex(value, pattern): is `pattern` found anywhere in `value` (as ODK's regex() does)?
 *
 * Patterns are JavaScript regular expressions without flags. A pattern longer than
 * LIMITS.patternLength or one that does not compile, and a value longer than
 * LIMITS.regexInputLength, are refused with an ExpressionError, never a SyntaxError.
 * The caps bound the work of ordinary patterns; they do not make a pattern with nested
 * quantifiers such as `(a+)+$` safe (see docs/expressions.md, "Limits").
 */
import { ExpressionError } from './error';
import { LIMITS } from './limits';

/** Compiles `pattern`; `position` and `source` say where it is written, for the error. */
export function compilePattern(pattern: string, position: number, source: string): RegExp {
  if (pattern.length > LIMITS.patternLength) {
    throw new ExpressionError(`regex pattern longer than ${LIMITS.patternLength} characters`, position, source);
  }
  try {
    return new RegExp(pattern);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new ExpressionError(`invalid regex pattern '${pattern}' (${detail})`, position, source, { cause });
  }
}

export function matches(value: string, pattern: RegExp, position: number): boolean {
  if (value.length > LIMITS.regexInputLength) {
    throw new ExpressionError(`regex() input longer than ${LIMITS.regexInputLength} characters`, position, '');
  }
  return pattern.test(value);
}
