/**
 * The Chromium side of the bundle merge benchmark (built by browser-merge.ts with Vite): decrypts,
 * parses and validates every file (the floor), then the same plus the merge, measuring time and the
 * JS heap (performance.memory, precise with --enable-precise-memory-info).
 */
import { decryptBundle } from '../../src/adapters/crypto-age/crypto';
import { parseBundleText } from '../../src/core/bundle/parse';
import { DatasetBuilder } from '../../src/core/merge/dataset';
import { addWithReport } from '../../src/core/merge/report';

type Memory = { usedJSHeapSize: number };
const heap = () => ((performance as unknown as { memory?: Memory }).memory?.usedJSHeapSize ?? 0) / 2 ** 20;

async function phase(files: Uint8Array[], identity: string, merge: boolean) {
  let peak = heap();
  const builder = merge ? new DatasetBuilder() : null;
  let mergeMs = 0;
  const kept: unknown[] = [];
  const t0 = performance.now();
  for (let i = 0; i < files.length; i++) {
    const text = await decryptBundle(files[i]!, { identities: [identity] });
    const bundle = parseBundleText(text, { file: `b${i}` });
    if (builder) {
      const m0 = performance.now();
      addWithReport(builder, bundle, `b${i}`);
      mergeMs += performance.now() - m0;
    } else kept.push(bundle.responses.length);
    peak = Math.max(peak, heap());
  }
  const dataset = builder?.build();
  const ms = performance.now() - t0;
  peak = Math.max(peak, heap());
  return { ms, mergeMs, peakHeapMb: peak, responses: dataset?.responses.size ?? 0 };
}

(window as unknown as { bench: unknown }).bench = async (count: number, identity: string) => {
  const files: Uint8Array[] = [];
  for (let i = 0; i < count; i++) files.push(new Uint8Array(await (await fetch(`/files/${i}.age`)).arrayBuffer()));
  const floorA = await phase(files, identity, false);
  const merge = await phase(files, identity, true);
  const floorB = await phase(files, identity, false);
  return { floor: { ms: (floorA.ms + floorB.ms) / 2, runs: [floorA.ms, floorB.ms], peakHeapMb: Math.max(floorA.peakHeapMb, floorB.peakHeapMb) }, merge };
};
