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
