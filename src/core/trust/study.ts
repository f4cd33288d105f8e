/**
 * Signed studies (docs/security.md, "Signed studies"). A study that leaves the researcher's hands (in
 * a link, a study file, or inside a bundle) carries their signature: Ed25519 over SHA-256 of its
 * canonical JSON (../bundle/canonical.ts) without the `signature` field, so every question, choice,
 * consent text and recipient is covered: a changed question or a swapped researcher's key breaks it.
 *
 * What a device does with a study it is given (`judgeStudy`):
 * - no signature, or one that does not verify: refused, saying which;
 * - signed, and the device has no study of that id: accepted, and its signer is pinned to the id;
 * - signed, and the id is pinned to another signer: refused (someone else's study under this id);
 * - a version the device already holds: accepted only when it is the same study (the same questions:
 *   recipients and signature aside, as a built-in or locally opened copy has none), else refused.
 * The device shows the signer's fingerprint before anyone answers.
 */
import { canonicalJson } from '../bundle/canonical';
import type { Instrument } from '../instrument/types';
import { digestOf, fingerprint, PUBLIC_KEY_PATTERN, sign, verify, type SigningKey } from './keys';

export interface StudySignature {
  /** The signer's public key, `ed25519:...`. */
  by: string;
  /** The signature, base64url. */
  value: string;
}

/** The text a study's signature is made over. */
export function studySigningText(instrument: Instrument): string {
  const { signature: _s, ...rest } = instrument;
  return canonicalJson(rest);
}

/** The study signed with `key` (any earlier signature replaced). */
export function signStudy(instrument: Instrument, key: SigningKey): Instrument {
  const { signature: _s, ...rest } = instrument;
  return { ...rest, signature: { by: key.publicKey, value: sign(key, digestOf(canonicalJson(rest))) } };
}

export type StudyCheck = { status: 'signed'; signer: string; fingerprint: string } | { status: 'unsigned' } | { status: 'forged'; signer: string };

/** Whether the study carries a valid signature, and whose. */
export function checkStudySignature(instrument: Instrument): StudyCheck {
  const sig = instrument.signature;
  if (!sig) return { status: 'unsigned' };
  if (!PUBLIC_KEY_PATTERN.test(sig.by)) return { status: 'forged', signer: sig.by };
  const signedAs = [studySigningText(instrument), ...olderSigningTexts(instrument)];
  if (!signedAs.some((text) => verify(sig.by, digestOf(text), sig.value))) return { status: 'forged', signer: sig.by };
  return { status: 'signed', signer: sig.by, fingerprint: fingerprint(sig.by) };
}

/**
 * A study signed in an older format version, as that Dala signed it. The signature covers the study
 * as written; reading migrates it, and the migration from version 2 changes only `version` (version 3
 * only adds fields), so a version 2 study is checked as it was signed. A study that uses a version 3
 * field was not signed as version 2 (the field is in the signed text), so this admits nothing new.
 */
function olderSigningTexts(instrument: Instrument): string[] {
  if (instrument.version !== 3) return [];
  const { signature: _s, ...rest } = instrument;
  return [canonicalJson({ ...rest, version: 2 })];
}

/**
 * The study without what a copy may differ in and still be the same study: its recipients and
 * signature, and its format version (a copy stored by an older Dala says version 2 where the same
 * study read now says 3).
 */
export function questionsOf(instrument: Instrument): string {
  const { signature: _s, recipients: _r, version: _v, ...rest } = instrument;
  return canonicalJson(rest);
}

export type StudyJudgement =
  | { ok: true; signer: string; fingerprint: string; known: boolean }
  | { ok: false; reason: 'unsigned' | 'forged' | 'other-signer' | 'changed'; message: string; signer?: string };

/**
 * What a device does with a study it is given.
 * `pinned`: the signer this device already accepted for this study id, if any.
 * `held`: the device's own copy of this study id and version, if it has one.
 */
export function judgeStudy(incoming: Instrument, device: { pinned?: string; held?: Instrument }): StudyJudgement {
  const name = `study ${incoming.id} version ${incoming.studyVersion}`;
  const check = checkStudySignature(incoming);
  if (check.status === 'unsigned') {
    return { ok: false, reason: 'unsigned', message: `${name} is not signed by a researcher: a study that travels must carry its researcher's signature (make the link or file again in Dala with the researcher's key)` };
  }
  if (check.status === 'forged') {
    return { ok: false, reason: 'forged', signer: check.signer, message: `${name} does not match its signature: it was changed after the researcher signed it, on the way or on purpose` };
  }
  if (device.pinned !== undefined && device.pinned !== check.signer) {
    return {
      ok: false,
      reason: 'other-signer',
      signer: check.signer,
      message: `${name} is signed by ${check.fingerprint}, but this device holds this study from ${fingerprint(device.pinned)}: someone else's study under the same id is refused`,
    };
  }
  if (device.held && questionsOf(device.held) !== questionsOf(incoming)) {
    return { ok: false, reason: 'changed', signer: check.signer, message: `${name} differs from the copy on this device: a changed study needs a new study version` };
  }
  return { ok: true, signer: check.signer, fingerprint: check.fingerprint, known: device.pinned !== undefined };
}
