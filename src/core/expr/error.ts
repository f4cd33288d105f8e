/**
 * ExpressionError: an expression that does not parse, or that cannot be evaluated.
 *
 * `position` is the 0-based offset in `source` where the problem is; `reason` is the message
 * without its location, for callers (the XLSForm importer) that report the position themselves.
 * The message shows the position 1-based, as `formatProblem` in ../errors.ts does:
 * "unknown function 'foo' at position 8" for a `foo` that starts at offset 7.
 *
 * Errors raised while evaluating a parsed `Expr` have `source` '' (the AST does not keep its text)
 * and the position of the failing node in the text it was parsed from.
 */
import { DalaError } from '../errors';

export class ExpressionError extends DalaError {
  readonly position: number;
  readonly source: string;
  readonly reason: string;
  constructor(reason: string, position: number, source: string, options?: { cause?: unknown }) {
    super('expression', `${reason} at position ${position + 1}`, options);
    this.name = 'ExpressionError';
    this.reason = reason;
    this.position = position;
    this.source = source;
  }
}
