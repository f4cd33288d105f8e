import { DalaError, type Problem } from '../errors';

/**
 * An XLSForm that cannot be turned into an instrument. `problems` lists every reason found, each
 * with its file, sheet, row and column; `message` is the one-line summary.
 */
export class XlsFormError extends DalaError {
  readonly problems: Problem[];
  constructor(message: string, problems: Problem[], options?: { cause?: unknown }) {
    super('xlsform', message, options);
    this.name = 'XlsFormError';
    this.problems = problems;
  }
}
