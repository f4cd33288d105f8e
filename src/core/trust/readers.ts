/**
 * What a reader (the app's import, `dala merge`) makes of a file's writer, and of the records it
 * brings (docs/security.md). Pure: the reader passes what it knows in.
 *
 * - `writerOf`: from the file's signature and the reader's trust: the researcher (a key that signed
 *   a study the reader holds, or one of the reader's researcher keys), an accepted device (its id
 *   with the key it was accepted with), a new device (to be accepted by fingerprint first), an
 *   unsigned file (from a Dala before signatures: read only when the reader says so), or a file that
 *   claims an accepted device's id with another key (refused).
 * - `vetRecords`: the bundle without the records its writer may not bring (counters beyond what was
 *   seen: ./bundle.ts), each set aside with its reason; and the studies it carries that differ from
 *   the reader's own copy, set aside too (answers are always checked against the reader's copy).
 */
import type { RestoredBundle, SetAside } from '../bundle/parse';
import type { Bundle, BundleResponse } from '../bundle/types';
import type { Instrument } from '../instrument/types';
import { counterProblem, isFromTheFuture, type Writer } from './bundle';
import { fingerprint } from './keys';
import { questionsOf } from './study';

/** A device the reader accepted: its id, the key it signs with, and the name it gave itself. */
export interface KnownDevice {
  id: string;
  key: string;
  label?: string;
  acceptedAt: string;
}

export interface ReaderTrust {
  /** Keys that are the researcher's: the signers of the studies the reader holds, and its own. */
  researcherKeys: ReadonlySet<string>;
  /** Devices accepted, by id. */
  devices: ReadonlyMap<string, KnownDevice>;
  /** Devices the reader accepts now (by id, with the key shown to the person). */
  accept?: ReadonlyMap<string, string>;
  /** Read unsigned files (from a Dala before signatures). */
  allowUnsigned?: boolean;
}

export type WriterVerdict =
  | { ok: true; writer: Writer; accepted?: KnownDevice }
  | { ok: false; code: 'new-device'; device: { id: string; key: string; label?: string; fingerprint: string } }
  | { ok: false; code: 'unsigned' | 'impostor'; message: string };

export function writerOf(file: string, restored: RestoredBundle, trust: ReaderTrust, now: string): WriterVerdict {
  const { bundle, signature } = restored;
  if (signature.status === 'csv') return { ok: true, writer: { kind: 'researcher' } };
  if (signature.status === 'unsigned') {
    if (trust.allowUnsigned) return { ok: true, writer: { kind: 'device', id: bundle.device.id } };
    return {
      ok: false,
      code: 'unsigned',
      message: `${file}: not signed: written by a Dala from before signatures, or by someone else. Read it only if you know where it came from (allow unsigned files)`,
    };
  }
  const key = signature.key;
  if (trust.researcherKeys.has(key)) return { ok: true, writer: { kind: 'researcher' } };
  const id = bundle.device.id;
  const known = trust.devices.get(id);
  if (known) {
    if (known.key === key) return { ok: true, writer: { kind: 'device', id } };
    return {
      ok: false,
      code: 'impostor',
      message: `${file}: says it comes from device ${known.label ?? id} (${fingerprint(known.key)}) but is signed by another key (${fingerprint(key)}): refused as forged`,
    };
  }
  if (trust.accept?.get(id) === key) {
    const accepted: KnownDevice = { id, key, acceptedAt: now, ...(bundle.device.label !== undefined ? { label: bundle.device.label } : {}) };
    return { ok: true, writer: { kind: 'device', id }, accepted };
  }
  return { ok: false, code: 'new-device', device: { id, key, fingerprint: fingerprint(key), ...(bundle.device.label !== undefined ? { label: bundle.device.label } : {}) } };
}

/**
 * The bundle with only what its writer may bring, the rest set aside with reasons, and warnings
 * (revisions dated in the future). `seen(id, device)`: the highest count of `device` the reader holds
 * for response `id`. `held(studyId, version)`: the reader's own copy of a study.
 */
export function vetRecords(
  file: string,
  bundle: Bundle,
  writer: Writer,
  seen: (id: string, device: string) => number,
  held: (studyId: string, studyVersion: string) => Instrument | undefined,
  nowMs: number,
): { bundle: Bundle; setAside: SetAside[]; warnings: string[] } {
  const setAside: SetAside[] = [];
  const warnings: string[] = [];
  const studies = bundle.studies.filter((s, index) => {
    const own = held(s.id, s.studyVersion);
    if (!s.instrument || !own) return true;
    if (questionsOf(own) === questionsOf(s.instrument)) return true;
    setAside.push({ file, list: 'studies', index, id: s.id, reason: `its copy of study ${s.id} version ${s.studyVersion} differs from this reader's: the answers are read against this reader's copy, and this copy is not kept`, record: s });
    return false;
  });
  const responses: BundleResponse[] = [];
  bundle.responses.forEach((r, index) => {
    const problem = counterProblem(r, writer, seen);
    if (problem) setAside.push({ file, list: 'responses', index, id: r.id, reason: problem, record: r });
    else {
      if (isFromTheFuture(r, nowMs)) warnings.push(`response ${r.id}: its time ${r.revision.at} is in the future (a wrong clock, or forged): it is never taken as the latest of a conflict`);
      responses.push(r);
    }
  });
  // Studies set aside are still listed as the studies its responses belong to (kept from the reader's copy).
  return { bundle: { ...bundle, studies: studies.length === bundle.studies.length ? bundle.studies : [...studies, ...bundle.studies.filter((s) => !studies.includes(s)).map(({ id, studyVersion }) => ({ id, studyVersion }))], responses }, setAside, warnings };
}
