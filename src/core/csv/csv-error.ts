import { DalaError, type Problem } from '../errors';

/**
 * A CSV that cannot be read against its form. `problems` lists every reason found with its file,
 * row (the header is row 1) and column; `message` is the one-line summary.
 */
export class CsvError extends DalaError {
  readonly problems: Problem[];
  constructor(message: string, problems: Problem[], options?: { cause?: unknown }) {
    super('csv', message, options);
    this.name = 'CsvError';
    this.problems = problems;
  }
}
