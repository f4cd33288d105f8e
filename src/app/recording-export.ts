/**
 * Interview recordings in exports (docs/interview-recording.md, "In bundles"): audio travels in a
 * bundle only when the researcher chooses it (an option of Export, off by default, showing the size).
 * Recordings are the answers of `background-audio` items; other media answers (photos, an audio
 * question) are not affected. The bundle's answers keep their reference either way (the reader says
 * the file is not on the device); only the container's files change.
 *
 * For the Export screen: `recordingsOf` gives the count and the bytes to show beside the option,
 * and `mediaToSend` the responses whose media go in the container (src/app/media-bundle.ts
 * `bundleWithMedia(json, mediaToSend(...), blobs)`).
 */
import type { BundleResponse } from '../core/bundle/types';
import type { Instrument } from '../core/instrument/types';
import type { MediaRef } from '../core/media/ref';

type Answers = Pick<BundleResponse, 'answers'> & Partial<Pick<BundleResponse, 'studyId' | 'studyVersion'>>;

/** The names of the recording items (`background-audio`) of the instruments, by study id and version. */
function recordingItems(instruments: readonly Instrument[]): (r: Answers) => Set<string> {
  const by = new Map<string, Set<string>>();
  const any = new Set<string>();
  for (const ins of instruments) {
    const names = new Set(ins.sections.flatMap((s) => s.items.filter((it) => it.type === 'background-audio').map((it) => it.name)));
    by.set(`${ins.id}\u0000${ins.studyVersion}`, names);
    for (const n of names) any.add(n);
  }
  return (r) => (r.studyId !== undefined && r.studyVersion !== undefined ? by.get(`${r.studyId}\u0000${r.studyVersion}`) ?? any : any);
}

/** The interview recordings the responses refer to (once each) and their total size in bytes. */
export function recordingsOf(instruments: readonly Instrument[], responses: readonly Answers[]): { refs: MediaRef[]; bytes: number } {
  const itemsOf = recordingItems(instruments);
  const seen = new Map<string, MediaRef>();
  for (const r of responses) {
    const items = itemsOf(r);
    for (const name of items) {
      const m = r.answers[name]?.media;
      if (m && !seen.has(m.id)) seen.set(m.id, m);
    }
  }
  const refs = [...seen.values()];
  return { refs, bytes: refs.reduce((n, m) => n + m.size, 0) };
}

/** The responses as the container's files see them: without their recordings unless `recordings` is chosen. */
export function mediaToSend<R extends Answers>(instruments: readonly Instrument[], responses: readonly R[], opts: { recordings: boolean }): R[] {
  if (opts.recordings) return [...responses];
  const itemsOf = recordingItems(instruments);
  return responses.map((r) => {
    const items = itemsOf(r);
    if (![...items].some((n) => r.answers[n]?.media)) return r;
    const answers = { ...r.answers };
    for (const n of items) if (answers[n]?.media) delete answers[n];
    return { ...r, answers };
  });
}
