/**
 * One file as a reader takes it in (the app's import and `dala merge` alike): who wrote it
 * (./readers.ts writerOf), which of the studies it brings are accepted (./study.ts judgeStudy), and
 * which of its records the writer may bring (vetRecords). Pure: the reader passes what it knows in,
 * and merges what comes out.
 */
import { studyKey, type RestoredBundle, type SetAside } from '../bundle/parse';
import type { BundleResponse } from '../bundle/types';
import type { Bundle } from '../bundle/types';
import type { Instrument } from '../instrument/types';
import type { Writer } from './bundle';
import { vetRecords, writerOf, type KnownDevice, type ReaderTrust, type WriterVerdict } from './readers';
import { judgeStudy } from './study';

export interface ReaderContext {
  trust: ReaderTrust;
  /** The signer the reader accepted per study id. */
  pinned: Readonly<Record<string, string>>;
  /** The reader's own copy of a study (held before this read). */
  held(studyId: string, studyVersion: string): Instrument | undefined;
  /** Whether the reader has the study already, held or accepted from an earlier file of this read. */
  has(studyId: string, studyVersion: string): boolean;
  /** The highest count of `device` the reader holds for response `id`. */
  seen(id: string, device: string): number;
  /** Now, ISO 8601. */
  now: string;
}

export type FileRead =
  | { ok: false; verdict: Extract<WriterVerdict, { ok: false }> }
  | {
      ok: true;
      writer: Writer;
      /** The device accepted by this read, if the file's writer is one. */
      accepted?: KnownDevice;
      /** What the reader takes: only the records its writer may bring. */
      bundle: Bundle;
      /** Records set aside: those the file could not restore, and those refused here, with reasons. */
      setAside: SetAside[];
      warnings: string[];
      /** Studies the file brings that the reader lacked, accepted, with the signer to pin (if signed). */
      studies: { instrument: Instrument; signer?: string }[];
    };

export function readFileTrusted(file: string, restored: RestoredBundle, ctx: ReaderContext): FileRead {
  const verdict = writerOf(file, restored, ctx.trust, ctx.now);
  if (!verdict.ok) return { ok: false, verdict };
  const source = restored.bundle;
  // Studies the file brings that the reader lacks. A signed one is judged (forged, or another signer
  // than the one the reader holds the study id from: refused). An unsigned one (a form opened on the
  // device that wrote the file, or a Dala before signatures) comes with the file whose writer the
  // reader accepted, unless the reader holds the study id from a signer.
  const refused = new Map<string, string>();
  const warnings: string[] = [];
  const setAside: SetAside[] = [...restored.setAside];
  const studies: { instrument: Instrument; signer?: string }[] = [];
  const taken = new Set<string>();
  source.studies.forEach((st, index) => {
    const key = studyKey(st.id, st.studyVersion);
    if (!st.instrument || ctx.has(st.id, st.studyVersion) || taken.has(key)) return;
    const signer = ctx.pinned[st.id];
    const judged = judgeStudy(st.instrument, signer !== undefined ? { pinned: signer } : {});
    if (!judged.ok && judged.reason === 'unsigned' && signer === undefined) {
      taken.add(key);
      studies.push({ instrument: st.instrument });
      const by = verdict.writer.kind === 'device' ? `device ${source.device.label ?? verdict.writer.id}` : 'the researcher';
      // (An unsigned file the reader chose to read brings its studies unsigned: that is no news.)
      if (restored.signature.status !== 'unsigned') warnings.push(`study ${st.id} version ${st.studyVersion} is not signed by a researcher: it comes with this file's writer, ${by}`);
      return;
    }
    if (!judged.ok) {
      refused.set(key, judged.message);
      setAside.push({ file, list: 'studies', index, id: st.id, reason: judged.message, record: st });
      return;
    }
    taken.add(key);
    studies.push({ instrument: st.instrument, signer: judged.signer });
  });
  let bundle = source;
  if (refused.size > 0) {
    const responses: BundleResponse[] = [];
    bundle.responses.forEach((r, index) => {
      const why = refused.get(studyKey(r.studyId, r.studyVersion));
      if (why) setAside.push({ file, list: 'responses', index, id: r.id, reason: `its study was not accepted: ${why}`, record: r });
      else responses.push(r);
    });
    // A refused study stays named (its responses' study) but its copy is not taken.
    bundle = { ...bundle, responses, studies: bundle.studies.map((st) => (refused.has(studyKey(st.id, st.studyVersion)) ? { id: st.id, studyVersion: st.studyVersion } : st)) };
  }
  const vetted = vetRecords(file, bundle, verdict.writer, ctx.seen, ctx.held, Date.parse(ctx.now));
  setAside.push(...vetted.setAside);
  warnings.push(...vetted.warnings);
  return { ok: true, writer: verdict.writer, ...(verdict.accepted ? { accepted: verdict.accepted } : {}), bundle: vetted.bundle, setAside, warnings, studies };
}
