/**
 * Control characters in text read from outside. A CSV or a form holds none of the C0 controls but
 * tab, CR and LF: a NUL or an ESC there means a damaged file, a binary one, or one saved as UTF-16
 * and read as UTF-8, and kept in the data they travel on into exports and other programs. Readers
 * refuse them with a problem naming where (docs/csv.md, "Reading CSV back").
 */
export const CONTROL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/** "U+0000": the first control character of `text`, or null when it has none. */
export function firstControlChar(text: string): string | null {
  const m = CONTROL_CHAR.exec(text);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}
