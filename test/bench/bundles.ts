/**
 * Figures for the issue "Encrypted bundles": N bundles x M responses x K items, X25519-encrypted,
 * measured in Node:
 * - the floor: decrypt + JSON.parse + validate every file (what merely reading them costs), run
 *   before and after the merge and averaged, as the load of a shared machine changes;
 * - the merge: the same, plus merging every bundle into one dataset (`DatasetBuilder`, as
 *   `dala merge` does), with the time spent inside the merge itself;
 * - for information, writing the merged bundle (JSON + encryption).
 * Peak memory is sampled (process.memoryUsage: rss and heapUsed) after every file and every 20 ms.
 * Goal: 200 x 500 x 30, merge at most 2x the floor.
 *
 * The bundles look like a study's: each device's bundle carries the instrument; about 10% of a
 * bundle's responses are ones the previous device exported too: half of them edited since
 * (updates), a quarter unchanged (identical) and a quarter edited on both devices (conflicts).
 *
 * `npx tsx test/bench/bundles.ts [N M K]` prints the figures; test/bench/run.ts calls
 * `bundleFigures` and `printBundleFigures`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decryptBundle, encryptBundle, generateIdentity } from '../../src/adapters/crypto-age/index';
import { parseBundleText } from '../../src/core/bundle/parse';
import { BUNDLE_VERSION, type Bundle, type BundleResponse } from '../../src/core/bundle/types';
import type { Instrument } from '../../src/core/instrument/types';
import { bundleFromDataset, conflictIds, DatasetBuilder } from '../../src/core/merge/dataset';
import { addWithReport } from '../../src/core/merge/report';
import { prng } from '../support/prng';

export interface BundleBenchSize {
  bundles: number;
  responses: number;
  items: number;
}

export interface PhaseFigures {
  ms: number;
  peakRssMb: number;
  peakHeapMb: number;
}

export interface BundleFigures {
  size: BundleBenchSize;
  /** Revisions in all files, and encrypted bytes. */
  revisions: number;
  bytes: number;
  generateMs: number;
  /** The mean of two runs, before and after the merge (`runs`). */
  floor: PhaseFigures & { runs: number[] };
  merge: PhaseFigures & { mergeOnlyMs: number; responses: number; conflicts: number; counts: Record<string, number> };
  /** merge.ms / floor.ms: the goal is at most 2. */
  ratio: number;
  output: { ms: number; bytes: number };
}

const uuid = (n: number, kind: number) => {
  const h = n.toString(16).padStart(12, '0');
  return `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${h}`;
};

function instrument(items: number): Instrument {
  const label = (s: string) => ({ en: s, ru: `${s} (ru)`, kk: `${s} (kk)` });
  return {
    type: 'dala-instrument',
    version: 3,
    id: 'bench',
    studyVersion: '1',
    title: label('Bench'),
    languages: ['en', 'ru', 'kk'],
    choiceLists: {},
    likertScales: {
      agree5: {
        points: [1, 2, 3, 4, 5].map((value) => ({ value, label: label(`point ${value}`) })),
        nonSubstantive: [{ name: 'dk', label: label("Don't know") }],
      },
    },
    sections: [{ name: 'main', label: label('Main'), items: Array.from({ length: items }, (_, i) => ({ name: `q${i + 1}`, type: 'likert' as const, likert: 'agree5', label: label(`Statement ${i + 1}`) })) }],
    scales: [],
  };
}

/** The bundles, as JSON texts. */
export function generate(size: BundleBenchSize): string[] {
  const rnd = prng(42);
  const form = instrument(size.items);
  const codes = ['1', '2', '3', '4', '5', 'dk'];
  // Each answer has its own time, as in an interview (a dataset of equal times would flatter memory).
  const answers = (at: string) => {
    const a: BundleResponse['answers'] = {};
    const start = Date.parse(at) + Math.floor(rnd() * 3_600_000);
    for (let k = 1; k <= size.items; k++) {
      a[`q${k}`] = { value: codes[Math.floor(rnd() * codes.length)]!, at: new Date(start + k * 17_000 + Math.floor(rnd() * 9000)).toISOString() };
    }
    return a;
  };
  let serial = 0;
  let previous: BundleResponse[] = [];
  const texts: string[] = [];
  for (let b = 0; b < size.bundles; b++) {
    const device = uuid(b + 1, 0xd);
    const at = `2024-05-${String(1 + (b % 28)).padStart(2, '0')}T10:00:00.000Z`;
    const responses: BundleResponse[] = [];
    const carried = b === 0 ? 0 : Math.floor(size.responses / 10);
    for (let i = 0; i < carried && i < previous.length; i++) {
      const old = previous[i]!;
      const kind = i % 4;
      if (kind === 1) responses.push(old); // identical
      else {
        const vv = { ...old.revision.vv, [device]: 1 };
        if (kind === 3) vv[old.revision.device] = Math.max(0, (vv[old.revision.device] ?? 1) - 1); // concurrent: a conflict
        responses.push({ ...old, answers: answers(at), revision: { device, at, vv } });
      }
    }
    while (responses.length < size.responses) {
      responses.push({
        id: uuid(++serial, 0x5e55),
        studyId: 'bench',
        studyVersion: '1',
        respondentCode: `R-${serial}`,
        interviewer: `INT-${b % 7}`,
        status: 'complete',
        lang: 'ru',
        createdAt: at,
        completedAt: at,
        consent: { agreed: true, by: `INT-${b % 7}`, at, version: 'c1', lang: 'ru' },
        answers: answers(at),
        revision: { device, at, vv: { [device]: 1 + Math.floor(rnd() * 40) } },
      });
    }
    const bundle: Bundle = {
      type: 'dala-bundle',
      version: BUNDLE_VERSION,
      bundleId: uuid(b + 1, 0xb),
      createdAt: at,
      device: { id: device, label: `Tablet ${b + 1}` },
      app: { name: 'dala', version: 'bench' },
      studies: [{ id: 'bench', studyVersion: '1', instrument: form }],
      responses,
    };
    texts.push(JSON.stringify(bundle));
    previous = responses.slice(size.responses - carried);
  }
  return texts;
}

class Sampler {
  rss = 0;
  heap = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  start() {
    this.sample();
    this.timer = setInterval(() => this.sample(), 20);
  }
  sample() {
    const m = process.memoryUsage();
    this.rss = Math.max(this.rss, m.rss);
    this.heap = Math.max(this.heap, m.heapUsed);
  }
  stop(): { peakRssMb: number; peakHeapMb: number } {
    this.sample();
    clearInterval(this.timer);
    return { peakRssMb: this.rss / 2 ** 20, peakHeapMb: this.heap / 2 ** 20 };
  }
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();

export async function bundleFigures(size: BundleBenchSize = { bundles: 200, responses: 500, items: 30 }, log: (s: string) => void = () => undefined): Promise<BundleFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'dala-bench-bundles-'));
  try {
    const id = await generateIdentity();
    const keys = { identities: [id.identity] };
    let t = performance.now();
    const files: string[] = [];
    let bytes = 0;
    let revisions = 0;
    for (const [i, text] of generate(size).entries()) {
      const data = await encryptBundle(text, { recipients: [id.recipient] });
      const file = join(dir, `device-${i + 1}.dala.age`);
      writeFileSync(file, data);
      files.push(file);
      bytes += data.length;
    }
    const generateMs = performance.now() - t;
    log(`generated ${files.length} bundles, ${(bytes / 2 ** 20).toFixed(1)} MiB encrypted, in ${(generateMs / 1000).toFixed(1)} s`);

    // The floor: read, decrypt, parse and validate every file; keep nothing. Measured before and
    // after the merge, and averaged: on a shared machine the load changes between phases.
    const floorRun = async () => {
      gc();
      const sampler = new Sampler();
      sampler.start();
      const start = performance.now();
      let n = 0;
      for (const file of files) {
        const text = await decryptBundle(new Uint8Array(readFileSync(file)), keys, { file });
        n += parseBundleText(text, { file }).responses.length;
        sampler.sample();
      }
      return { ms: performance.now() - start, n, ...sampler.stop() };
    };
    const floorBefore = await floorRun();
    revisions = floorBefore.n;
    log(`floor (before the merge): ${(floorBefore.ms / 1000).toFixed(2)} s`);

    // The merge: the same, and every bundle merged into one dataset.
    gc();
    const sampler = new Sampler();
    sampler.start();
    t = performance.now();
    const builder = new DatasetBuilder();
    let mergeOnlyMs = 0;
    const counts: Record<string, number> = { new: 0, identical: 0, updated: 0, outdated: 0, conflict: 0 };
    for (const file of files) {
      const text = await decryptBundle(new Uint8Array(readFileSync(file)), keys, { file });
      const bundle = parseBundleText(text, { file });
      const m = performance.now();
      const report = addWithReport(builder, bundle, file);
      mergeOnlyMs += performance.now() - m;
      for (const k of Object.keys(counts)) counts[k]! += report.counts[k as keyof typeof report.counts];
      sampler.sample();
    }
    const dataset = builder.build();
    const mergeMs = performance.now() - t;
    const mergeMem = sampler.stop();

    log(`merge: ${(mergeMs / 1000).toFixed(2)} s`);

    // For information: the merged bundle written (JSON text and encryption).
    t = performance.now();
    const out = await encryptBundle(JSON.stringify(bundleFromDataset(dataset, { bundleId: uuid(1, 0xe), createdAt: new Date().toISOString(), device: { id: 'cli' }, appVersion: 'bench' })), { recipients: [id.recipient] });
    const outputMs = performance.now() - t;
    const merged = { ms: mergeMs, mergeOnlyMs, ...mergeMem, responses: dataset.responses.size, conflicts: conflictIds(dataset).length, counts };

    const floorAfter = await floorRun();
    log(`floor (after the merge): ${(floorAfter.ms / 1000).toFixed(2)} s`);
    const floorMs = (floorBefore.ms + floorAfter.ms) / 2;
    return {
      size,
      revisions,
      bytes,
      generateMs,
      floor: { ms: floorMs, runs: [floorBefore.ms, floorAfter.ms], peakRssMb: floorBefore.peakRssMb, peakHeapMb: floorBefore.peakHeapMb },
      merge: merged,
      ratio: mergeMs / floorMs,
      output: { ms: outputMs, bytes: out.length },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printBundleFigures(f: BundleFigures, line: (name: string, value: string, compare: string) => void): void {
  const s = (ms: number) => (ms / 1000).toFixed(2) + ' s';
  const mb = (x: number) => x.toFixed(0) + ' MiB';
  const { bundles, responses, items } = f.size;
  line(`bundles: ${bundles} x ${responses} responses x ${items} items`, `${(f.bytes / 2 ** 20).toFixed(1)} MiB`, `${f.revisions} revisions, X25519-encrypted`);
  line('floor: decrypt + parse + validate every file', s(f.floor.ms), `mean of ${f.floor.runs.map(s).join(' and ')}; peak rss ${mb(f.floor.peakRssMb)}, heap ${mb(f.floor.peakHeapMb)}`);
  line('merge: the same + merge into one dataset', s(f.merge.ms), `peak rss ${mb(f.merge.peakRssMb)}, heap ${mb(f.merge.peakHeapMb)}`);
  line('  of which the merge itself', s(f.merge.mergeOnlyMs), `${f.merge.responses} responses, ${f.merge.conflicts} in conflict`);
  line('  ratio merge / floor', f.ratio.toFixed(2) + 'x', 'budget 2x');
  line('write the merged bundle (JSON + encrypt)', s(f.output.ms), `${(f.output.bytes / 2 ** 20).toFixed(1)} MiB`);
}

if (process.argv[1]?.endsWith('bundles.ts')) {
  const [n, m, k] = process.argv.slice(2).map(Number);
  const size = { bundles: n || 200, responses: m || 500, items: k || 30 };
  bundleFigures(size, (s) => console.log(s)).then(
    (f) => {
      printBundleFigures(f, (name, value, compare) => console.log(`${name.padEnd(52)} ${value.padStart(12)}   ${compare}`));
      console.log(JSON.stringify(f.merge.counts));
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
