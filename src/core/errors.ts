/**
 * Typed errors of the core. Each has a `code` the UI and the CLI switch on, and a message a researcher
 * understands ("row 7 of sheet survey: unknown question type 'hologram'"). Never collapse a failure
 * into "invalid file": a wrong passphrase is not a damaged file.
 */
export type ErrorCode =
  | 'expression' // an expression that does not parse or cannot be evaluated
  | 'instrument' // an instrument JSON that is not valid
  | 'xlsform' // an XLSForm with problems (see XlsFormError.problems)
  | 'csv' // a CSV that cannot be read against its form
  | 'bundle-format' // not a Dala bundle, or an unknown version
  | 'bundle-record' // a bundle with an invalid record
  | 'bundle-signature' // a bundle whose signature does not match (changed after signing, or forged)
  | 'untrusted' // a file from a writer the reader has not accepted (an unsigned file, a new device)
  | 'decrypt-key' // no identity opens this file
  | 'decrypt-passphrase' // wrong passphrase
  | 'decrypt-damaged' // tampered or truncated ciphertext
  | 'work-factor' // scrypt work factor above what we accept
  | 'too-large' // input above the size cap
  | 'unreadable' // a file that could not be read whole (cut short, changed or moved after it was chosen)
  | 'usage' // CLI: bad arguments
  | 'key' // an age identity or recipient that is not valid or not supported (age1pq1..., plugins)
  | 'link' // a study link that is damaged, changed, too large or not a study (see LinkError.reason)
  | 'receipt' // a receipt that is not valid (src/core/bundle/receipt.ts)
  | 'media'; // a media file of a bundle that is damaged, cut short or larger than its question takes

export class DalaError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'DalaError';
  }
}

/** Where in a source a problem is: a file, a sheet and spreadsheet row, a column, a character. */
export interface Location {
  file?: string;
  sheet?: string;
  /** As the spreadsheet shows it: the header is row 1. */
  row?: number;
  column?: string;
  /** 0-based character offset inside an expression. */
  position?: number;
}

export interface Problem extends Location {
  severity: 'error' | 'warning';
  message: string;
}

/** "sheet survey, row 7, column relevant: ..." */
export function formatProblem(p: Problem): string {
  const where: string[] = [];
  if (p.file) where.push(p.file);
  if (p.sheet) where.push(`sheet ${p.sheet}`);
  if (p.row !== undefined) where.push(`row ${p.row}`);
  if (p.column) where.push(`column ${p.column}`);
  if (p.position !== undefined) where.push(`position ${p.position + 1}`);
  return (where.length ? where.join(', ') + ': ' : '') + p.message;
}
