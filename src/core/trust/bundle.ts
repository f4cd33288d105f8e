/**
 * Signed bundles and the bounds on what a bundle may claim (docs/security.md, "Signed bundles").
 *
 * age authenticates nothing about a file's sender: anyone with the researcher's public key (every
 * study link carries it) can make a bundle. So a bundle carries, inside its encryption, its writer's
 * signature: Ed25519 over SHA-256 of the canonical JSON of the bundle without `signature`, by the
 * key in `device.key`. The reader knows whose key it is:
 * - the researcher's (the signer of a study the reader holds): a merged dataset the researcher wrote;
 * - an accepted device's (the reader accepted that device id with that key once, by fingerprint);
 * - a new device: the reader is asked to accept it (the app shows its fingerprint and name) first.
 * A signature that does not verify refuses the file; an unsigned file (from a Dala before signatures)
 * is read only when the reader says so.
 *
 * And what a device's bundle may claim, record by record (`counterProblem`): it writes its own
 * counter only, and by a sane step: every count at most MAX_COUNT; the signer's own count for a
 * response at most MAX_STEP above what the reader has seen from it; any other device's count no
 * more than the reader has seen from that device (a tablet that continued another's session carries
 * that device's writes, which the reader must have from their own device first). A record beyond
 * these is set aside with its reason; nothing else is lost.
 */
import { canonicalJson } from '../bundle/canonical';
import type { BundleResponse } from '../bundle/types';
import { digestOf, sign, verify, type SigningKey } from './keys';

/** No response is written a billion times: a count above this is a forgery or a damaged file. */
export const MAX_COUNT = 1_000_000_000;
/** How far a device's own count may move past what the reader has seen from it, in one bundle. */
export const MAX_STEP = 100_000;
/** How far into the future a revision's time may be (clocks are wrong) before it is flagged. */
export const FUTURE_SKEW_MS = 24 * 3600 * 1000;

/** The text a bundle's signature is made over: its JSON object without `signature`. */
export function bundleSigningText(doc: Readonly<Record<string, unknown>>): string {
  const { signature: _s, ...rest } = doc;
  return canonicalJson(rest);
}

/** The bundle (as the JSON object written to the file) with `device.key` and its signature. */
export function signBundleDocument<T extends { device: { id: string; label?: string; key?: string }; signature?: string }>(doc: T, key: SigningKey): T {
  const { signature: _s, ...rest } = doc;
  const unsigned = { ...rest, device: { ...rest.device, key: key.publicKey } } as T;
  return { ...unsigned, signature: sign(key, digestOf(bundleSigningText(unsigned as unknown as Record<string, unknown>))) };
}

export type BundleSignature = { status: 'unsigned' } | { status: 'signed'; key: string } | { status: 'forged'; key: string | null };

/** Checks the signature of a bundle's JSON object as read from the file (before anything is changed in it). */
export function checkBundleSignature(doc: Readonly<Record<string, unknown>>): BundleSignature {
  const sig = doc.signature;
  const device = doc.device as { key?: unknown } | undefined;
  const key = typeof device?.key === 'string' ? device.key : null;
  if (sig === undefined) return key === null ? { status: 'unsigned' } : { status: 'forged', key };
  if (typeof sig !== 'string' || key === null) return { status: 'forged', key };
  return verify(key, digestOf(bundleSigningText(doc)), sig) ? { status: 'signed', key } : { status: 'forged', key };
}

/** Who wrote a bundle, as the reader knows it. */
export type Writer = { kind: 'researcher' } | { kind: 'device'; id: string };

/**
 * Why a response of a bundle written by `writer` claims more than it may, or null. `seen(id, device)`
 * is the highest count of `device` the reader holds for response `id` (0 when none).
 */
export function counterProblem(r: BundleResponse, writer: Writer, seen: (id: string, device: string) => number): string | null {
  for (const [device, count] of Object.entries(r.revision.vv)) {
    if (count > MAX_COUNT) return `revision.vv: ${device} claims ${count.toLocaleString('en-US')} writes, more than any device makes (${MAX_COUNT.toLocaleString('en-US')})`;
    if (writer.kind !== 'device') continue;
    const known = seen(r.id, device);
    if (device === writer.id) {
      if (count > known + MAX_STEP) {
        return `revision.vv: ${count.toLocaleString('en-US')} writes of its own device, ${(count - known).toLocaleString('en-US')} more than this reader has seen from it (at most ${MAX_STEP.toLocaleString('en-US')} at once)`;
      }
    } else if (count > known) {
      return `revision.vv: ${count.toLocaleString('en-US')} writes of device ${device}, which this reader has not had from that device (it has ${known.toLocaleString('en-US')}): import that device's own file first, then this record again`;
    }
  }
  return null;
}

/** Whether a revision's time is later than `now` allows (flagged, and never preferred as the latest). */
export function isFromTheFuture(r: BundleResponse, nowMs: number): boolean {
  const t = Date.parse(r.revision.at);
  return Number.isFinite(t) && t > nowMs + FUTURE_SKEW_MS;
}
