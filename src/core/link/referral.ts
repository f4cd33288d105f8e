/**
 * Snowball sampling: each study link carries a referral, so that the responses record who referred
 * whom and in which wave. The referral sits beside the payload, not in it
 * (`#/s/<payload>?r=<code>.<wave>.<parent>`), so passing a study on changes only these few characters.
 *
 * A code names a link (a coupon), not a person: the same link sent to two people gives two
 * responses with the same code. "Pass it on" makes a new code for each link it makes
 * (`nextReferral`). Nothing protects a referral from being edited by hand: it is what the link
 * said, recorded as such.
 */

export interface Referral {
  /** This link's code: REFERRAL_CODE_LENGTH characters of REFERRAL_ALPHABET when made by Dala. */
  code: string;
  /** The code of the link whose respondent passed this one on; absent for a seed link. */
  parent?: string;
  /** 0 for a seed link (made by the researcher), the parent's wave + 1 for a link passed on. */
  wave: number;
}

/**
 * Digits and capitals without the ones read or typed for another: 0/O, 1/I/L, and U (V). A code can
 * be read aloud or copied from paper. 30 symbols, 6 of them: 729 million codes.
 */
export const REFERRAL_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const REFERRAL_CODE_LENGTH = 6;
/** The highest wave a link may carry; a longer chain stays at this wave. */
export const MAX_WAVE = 999_999;

/** Codes read from a link or given by a researcher: 4 to 16 capitals or digits (a seed may be "SEED01"). */
const CODE = /^[0-9A-Z]{4,16}$/;
const WAVE = /^(0|[1-9][0-9]{0,5})$/;

/**
 * The referral of a link passed on by the respondent of `current` (or of a new seed link when
 * `current` is undefined): a new code, the current code as parent, the next wave.
 * `random` returns numbers in [0, 1), e.g. from crypto.getRandomValues; it is the only source of
 * chance, so tests can pass a fixed sequence.
 */
export function nextReferral(current: Referral | undefined, random: () => number): Referral {
  let code = randomCode(random);
  // A child never shares its parent's code (only a broken `random` makes them equal twice).
  for (let tries = 0; current && code === current.code && tries < 8; tries++) code = randomCode(random);
  if (!current) return { code, wave: 0 };
  return { code, parent: current.code, wave: Math.min(current.wave + 1, MAX_WAVE) };
}

function randomCode(random: () => number): string {
  let code = '';
  for (let i = 0; i < REFERRAL_CODE_LENGTH; i++) {
    const r = random();
    const x = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1 - Number.EPSILON) : 0;
    code += REFERRAL_ALPHABET[Math.floor(x * REFERRAL_ALPHABET.length)]!;
  }
  return code;
}

/** "K7M2QX.0" for a seed, "B4NP9T.2.K7M2QX" for a link of wave 2 passed on from K7M2QX. */
export function formatReferral(r: Referral): string {
  return r.parent === undefined ? `${r.code}.${r.wave}` : `${r.code}.${r.wave}.${r.parent}`;
}

/**
 * The text of `r=` (or what a researcher types: "K7M2QX" alone is a seed) -> a Referral, or what is
 * wrong with it. Codes are read case-insensitively and kept in capitals.
 */
export function parseReferral(text: string): { ok: true; referral: Referral } | { ok: false; problem: string } {
  const parts = text.trim().toUpperCase().split('.');
  const [code, wave, parent] = parts;
  if (parts.length > 3 || code === undefined) return { ok: false, problem: 'expected CODE.WAVE.PARENT' };
  if (!CODE.test(code)) return { ok: false, problem: `the code '${code}' is not 4 to 16 letters or digits` };
  if (wave === undefined) return { ok: true, referral: { code, wave: 0 } };
  if (!WAVE.test(wave)) return { ok: false, problem: `the wave '${wave}' is not a whole number from 0 to ${MAX_WAVE}` };
  const n = Number(wave);
  if (parent === undefined) {
    return n === 0 ? { ok: true, referral: { code, wave: 0 } } : { ok: false, problem: `wave ${n} has no parent code (only a seed link, wave 0, has none)` };
  }
  if (!CODE.test(parent)) return { ok: false, problem: `the parent code '${parent}' is not 4 to 16 letters or digits` };
  if (n === 0) return { ok: false, problem: 'a seed link (wave 0) has no parent code' };
  return { ok: true, referral: { code, parent, wave: n } };
}
