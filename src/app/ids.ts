/** Random ids and pseudonymous respondent codes, from the Web Crypto API (browser, worker and Node). */
export function newId(): string {
  return globalThis.crypto.randomUUID();
}

// No 0/O, 1/I/L: a code is read aloud and copied by hand.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A code like "R-7K3Q": pseudonymous, never a name. */
export function newRespondentCode(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(4));
  let s = '';
  for (const b of bytes) s += ALPHABET[b % ALPHABET.length];
  return `R-${s}`;
}

/** Today as yyyy-mm-dd in the device's local time. */
export function localToday(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Now as ODK writes it: local time with its offset, `2024-06-15T10:30:00.000+05:00`. */
export function localNow(d = new Date()): string {
  const pad = (n: number, w = 2) => String(Math.trunc(Math.abs(n))).padStart(w, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return `${localToday(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}${sign}${pad(off / 60)}:${pad(off % 60)}`;
}

/**
 * The id of a new instance of a repeat (core/responses/answer-key.ts): 12 random hex digits, so two
 * devices that each add an instance to the same response never give two the same key.
 */
export function newInstanceId(): string {
  return newId().replace(/-/g, '').slice(0, 12);
}
