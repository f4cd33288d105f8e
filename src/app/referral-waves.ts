/**
 * Snowball sampling at a glance: how many responses each wave has, how many respondents each
 * respondent referred, and per wave whose files arrived and which codes never came back (docs/links.md). Pure: the researcher's screen passes the study's sessions in.
 */
import type { SessionReferral } from '../adapters/storage-idb/records';

export interface ReferralWaves {
  /** [wave, responses], by wave. */
  waves: [wave: number, responses: number][];
  /**
   * Every referral code seen, by wave then code: a respondent's own, or a parent whose own response
   * is not on this device (`known: false`, its wave one below its children's).
   */
  codes: { code: string; wave: number; referred: number; known: boolean }[];
  /**
   * Per wave (every wave with a response or a missing parent, in order): the referral codes of the
   * respondents whose files arrived, and the codes that were handed out as parents in the next wave
   * but whose own response never came back. Codes in alphabetical order.
   */
  byWave: { wave: number; arrived: string[]; notBack: string[] }[];
}

/** Null when no session came over a study link. */
export function referralWaves(sessions: readonly { referral?: SessionReferral }[]): ReferralWaves | null {
  const referrals = sessions.flatMap((s) => (s.referral ? [s.referral] : []));
  if (referrals.length === 0) return null;
  const waves = new Map<number, number>();
  const codes = new Map<string, { code: string; wave: number; referred: number; known: boolean }>();
  for (const r of referrals) {
    waves.set(r.wave, (waves.get(r.wave) ?? 0) + 1);
    const own = codes.get(r.code);
    if (own && !own.known) Object.assign(own, { wave: r.wave, known: true });
    else if (!own) codes.set(r.code, { code: r.code, wave: r.wave, referred: 0, known: true });
  }
  for (const r of referrals) {
    if (r.parent === undefined) continue;
    const parent = codes.get(r.parent) ?? { code: r.parent, wave: Math.max(0, r.wave - 1), referred: 0, known: false };
    parent.referred++;
    codes.set(r.parent, parent);
  }
  const sorted = [...codes.values()].sort((a, b) => a.wave - b.wave || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const byWave = new Map<number, { wave: number; arrived: string[]; notBack: string[] }>();
  for (const c of sorted) {
    const w = byWave.get(c.wave) ?? { wave: c.wave, arrived: [], notBack: [] };
    (c.known ? w.arrived : w.notBack).push(c.code);
    byWave.set(c.wave, w);
  }
  return {
    waves: [...waves].sort((a, b) => a[0] - b[0]),
    codes: sorted,
    byWave: [...byWave.values()],
  };
}
