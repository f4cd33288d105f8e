/**
 * regex(value, pattern): is `pattern` found anywhere in `value` (as ODK's regex() does)?
 *
 * Patterns are JavaScript regular expressions without flags. A pattern longer than
 * LIMITS.patternLength, one that does not compile, one that risks catastrophic backtracking
 * (a repeated group that contains a repetition, such as `^([a-z]+ ?)+$`, or a backreference: see
 * ./regex-safety.ts), and a value longer than LIMITS.regexInputLength, are refused with an
 * ExpressionError, never a SyntaxError. See docs/expressions.md, "Limits".
 */
import { ExpressionError } from './error';
import { LIMITS } from './limits';
import { unsafePatternReason } from './regex-safety';

/** Compiles `pattern`; `position` and `source` say where it is written, for the error. */
export function compilePattern(pattern: string, position: number, source: string): RegExp {
  if (pattern.length > LIMITS.patternLength) {
    throw new ExpressionError(`regex pattern longer than ${LIMITS.patternLength} characters`, position, source);
  }
  let compiled: RegExp;
  try {
    compiled = new RegExp(pattern);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new ExpressionError(`invalid regex pattern '${pattern}' (${detail})`, position, source, { cause });
  }
  // Only a pattern that compiles is checked, so the check reads JavaScript's own syntax.
  const unsafe = unsafePatternReason(pattern);
  if (unsafe) throw new ExpressionError(unsafe, position, source);
  return compiled;
}

export function matches(value: string, pattern: RegExp, position: number): boolean {
  if (value.length > LIMITS.regexInputLength) {
    throw new ExpressionError(`regex() input longer than ${LIMITS.regexInputLength} characters`, position, '');
  }
  return pattern.test(value);
}
