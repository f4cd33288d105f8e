/**
 * The merged dataset and the merge itself (docs/bundle-format.md, "Merging and conflicts").
 *
 * A dataset maps each response id to the set of its *maximal* revisions: those no other known
 * revision of the id dominates by version vector (./version-vector.ts). Usually that set has one
 * revision. Two revisions that are the same data (equal canonical JSON: ../bundle/canonical.ts)
 * are one. Two with concurrent vectors, or with equal vectors but different content, are a
 * *conflict*: both are kept until a researcher resolves it (./resolve.ts).
 *
 * Merging is taking the maximal elements of the union, so it is commutative, associative and
 * idempotent, and drops nothing that is not dominated by something it keeps. The result does not
 * depend on the order of inputs: revisions of an id are kept sorted (by canonical vector, then
 * canonical content), and every output is sorted by id.
 *
 * `DatasetBuilder` is the fast path: it holds its own mutable maps (nothing module-level) and
 * compares by version vector first, computing canonical JSON only when vectors are equal or a
 * conflict must be sorted. `merge`, `mergeAll` and `datasetFromBundle` are pure wrappers over it.
 */
import { canonicalJson } from '../bundle/canonical';
import { bundleEnvelope } from '../bundle/from-session';
import { studyKey } from '../bundle/parse';
import { BUNDLE_TYPE, type Bundle, type BundleResponse, type BundleStudy, type ParadataEvent } from '../bundle/types';
import { compareVv } from './version-vector';
import type { CodingRecord } from '../coding/types';
import { mergeRevisions } from '../coding/merge';
import type { TranscriptRecord } from '../transcripts/types';
import { joinRevisions } from './join';

export interface Dataset {
  /** Response id -> its maximal revisions, sorted; more than one is a conflict. */
  readonly responses: ReadonlyMap<string, readonly BundleResponse[]>;
  /** Studies by `studyKey(id, studyVersion)`. */
  readonly studies: ReadonlyMap<string, BundleStudy>;
  /** Paradata events by their canonical JSON (the same event twice is one). */
  readonly paradata: ReadonlyMap<string, ParadataEvent>;
  /** Codes and coded passages by id: their maximal revisions (more than one: a conflict). */
  readonly coding: ReadonlyMap<string, readonly CodingRecord[]>;
  /** Transcripts by id: their maximal revisions (more than one: a conflict). Merged as coding records are. */
  readonly transcripts: ReadonlyMap<string, readonly TranscriptRecord[]>;
}

/**
 * What became of one incoming revision. `merged`: concurrent with what was held, and joined with it
 * answer by answer without a conflict (./join.ts); `conflict`: concurrent, and the join has one.
 */
export type Outcome = 'new' | 'identical' | 'updated' | 'outdated' | 'merged' | 'conflict';

export const EMPTY_DATASET: Dataset = Object.freeze({
  responses: new Map<string, readonly BundleResponse[]>(),
  studies: new Map<string, BundleStudy>(),
  paradata: new Map<string, ParadataEvent>(),
  coding: new Map<string, readonly CodingRecord[]>(),
  transcripts: new Map<string, readonly TranscriptRecord[]>(),
});

export class DatasetBuilder {
  private readonly responses: Map<string, BundleResponse[]>;
  private readonly studies: Map<string, BundleStudy>;
  private readonly paradata: Map<string, ParadataEvent>;
  private readonly coding: Map<string, CodingRecord[]>;
  private readonly transcripts: Map<string, TranscriptRecord[]>;
  /** Canonical JSON of revisions already computed (by object identity). */
  private readonly canon = new WeakMap<object, string>();

  constructor(from: Dataset = EMPTY_DATASET) {
    this.responses = new Map();
    for (const [id, revs] of from.responses) this.responses.set(id, revs.slice());
    this.studies = new Map(from.studies);
    this.paradata = new Map(from.paradata);
    this.coding = new Map([...from.coding].map(([id, revs]) => [id, revs.slice()]));
    this.transcripts = new Map([...from.transcripts].map(([id, revs]) => [id, revs.slice()]));
  }

  private canonical(x: object): string {
    let s = this.canon.get(x);
    if (s === undefined) {
      s = canonicalJson(x);
      this.canon.set(x, s);
    }
    return s;
  }

  /** Adds one revision; says what became of it relative to what the builder held. */
  add(r: BundleResponse): Outcome {
    const kept = this.responses.get(r.id);
    if (kept === undefined) {
      this.responses.set(r.id, [r]);
      return 'new';
    }
    let dominated = false;
    let dominatesAll = true;
    let dominatesSome = false;
    for (const s of kept) {
      const order = compareVv(r.revision.vv, s.revision.vv);
      if (order === 'before') {
        dominated = true;
        break;
      }
      if (order === 'after') {
        dominatesSome = true;
        continue;
      }
      dominatesAll = false;
      if (order === 'equal' && (s === r || this.canonical(s) === this.canonical(r))) return 'identical';
    }
    if (dominated) return 'outdated';
    if (dominatesAll) {
      this.responses.set(r.id, [r]);
      return 'updated';
    }
    const next = dominatesSome ? kept.filter((s) => compareVv(r.revision.vv, s.revision.vv) !== 'after') : kept;
    next.push(r);
    this.sortRevisions(next);
    this.responses.set(r.id, next);
    return joinRevisions(next).conflicts.length === 0 ? 'merged' : 'conflict';
  }

  private sortRevisions(revs: BundleResponse[]): void {
    revs.sort((a, b) => {
      const va = canonicalJson(a.revision.vv);
      const vb = canonicalJson(b.revision.vv);
      if (va !== vb) return va < vb ? -1 : 1;
      const ca = this.canonical(a);
      const cb = this.canonical(b);
      return ca < cb ? -1 : ca > cb ? 1 : 0;
    });
  }

  /**
   * Adds a study. The same study version with a different instrument keeps the one whose
   * canonical JSON sorts first (so the result does not depend on order) and returns a warning.
   */
  addStudy(study: BundleStudy): string | null {
    const key = studyKey(study.id, study.studyVersion);
    const kept = this.studies.get(key);
    if (!kept || (!kept.instrument && study.instrument)) {
      this.studies.set(key, study);
      return null;
    }
    if (!study.instrument || !kept.instrument || kept.instrument === study.instrument) return null;
    const a = this.canonical(kept.instrument);
    const b = this.canonical(study.instrument);
    if (a === b) return null;
    if (b < a) this.studies.set(key, study);
    return `study ${study.id} version ${study.studyVersion} comes with two different instruments; kept one of them (give each change of a form a new study version)`;
  }

  /** Adds a revision of a code or coded passage (src/core/coding/merge.ts). */
  addCoding(record: CodingRecord): void {
    this.coding.set(record.id, mergeRevisions(this.coding.get(record.id) ?? [], record));
  }

  /** Adds a revision of a transcript (merged as coding records are). */
  addTranscript(record: TranscriptRecord): void {
    this.transcripts.set(record.id, mergeRevisions(this.transcripts.get(record.id) ?? [], record));
  }

  addParadata(event: ParadataEvent): void {
    const key = canonicalJson(event);
    if (!this.paradata.has(key)) this.paradata.set(key, event);
  }

  /** An immutable snapshot. */
  build(): Dataset {
    const responses = new Map<string, readonly BundleResponse[]>();
    for (const [id, revs] of this.responses) responses.set(id, Object.freeze(revs.slice()));
    return { responses, studies: new Map(this.studies), paradata: new Map(this.paradata), coding: new Map([...this.coding].map(([id, revs]) => [id, revs.slice()])),
      transcripts: new Map([...this.transcripts].map(([id, revs]) => [id, revs.slice()])),
    };
  }

  /** The highest count of `device` in the revisions held for response `id` (0 when none): what a reader has seen of it. */
  seen(id: string, device: string): number {
    let most = 0;
    for (const r of this.responses.get(id) ?? []) {
      const n = Object.hasOwn(r.revision.vv, device) ? r.revision.vv[device]! : 0;
      if (n > most) most = n;
    }
    return most;
  }

  /** Number of response ids held. */
  get size(): number {
    return this.responses.size;
  }
}

/** The dataset of one bundle (its conflicting revisions, if any, kept). */
export function datasetFromBundle(bundle: Bundle): Dataset {
  const b = new DatasetBuilder();
  addBundleTo(b, bundle);
  return b.build();
}

/** Adds a whole bundle; returns the outcome of each response, in order, and study warnings. */
export function addBundleTo(b: DatasetBuilder, bundle: Bundle): { outcomes: Outcome[]; warnings: string[] } {
  const warnings: string[] = [];
  for (const s of bundle.studies) {
    const w = b.addStudy(s);
    if (w) warnings.push(w);
  }
  const outcomes = bundle.responses.map((r) => b.add(r));
  for (const e of bundle.paradata ?? []) b.addParadata(e);
  for (const r of bundle.coding ?? []) b.addCoding(r);
  for (const t of bundle.transcripts ?? []) b.addTranscript(t);
  return { outcomes, warnings };
}

function addDatasetTo(b: DatasetBuilder, d: Dataset): void {
  for (const s of d.studies.values()) b.addStudy(s);
  for (const revs of d.responses.values()) for (const r of revs) b.add(r);
  for (const e of d.paradata.values()) b.addParadata(e);
  for (const revs of d.coding.values()) for (const r of revs) b.addCoding(r);
  for (const revs of d.transcripts.values()) for (const t of revs) b.addTranscript(t);
}

/** The merge of two datasets. */
export function merge(a: Dataset, b: Dataset): Dataset {
  const builder = new DatasetBuilder(a);
  addDatasetTo(builder, b);
  return builder.build();
}

/** The merge of any number of datasets or bundles. */
export function mergeAll(inputs: readonly (Dataset | Bundle)[]): Dataset {
  const builder = new DatasetBuilder();
  for (const x of inputs) {
    if (isBundle(x)) addBundleTo(builder, x);
    else addDatasetTo(builder, x);
  }
  return builder.build();
}

export function isBundle(x: Dataset | Bundle): x is Bundle {
  return (x as Bundle).type === BUNDLE_TYPE;
}

/** Every revision, sorted by id (conflicting revisions of an id one after the other). */
export function allRevisions(d: Dataset): BundleResponse[] {
  const ids = [...d.responses.keys()].sort();
  const out: BundleResponse[] = [];
  for (const id of ids) out.push(...d.responses.get(id)!);
  return out;
}

/**
 * Ids whose revisions do not join without a conflict (./join.ts): the conflicts to resolve. Several
 * revisions that join cleanly (two devices that each added instances) are no conflict.
 */
export function conflictIds(d: Dataset): string[] {
  const out: string[] = [];
  for (const [id, revs] of d.responses) if (revs.length > 1 && joinRevisions(revs).conflicts.length > 0) out.push(id);
  return out.sort();
}

export interface DatasetBundleMeta {
  bundleId: string;
  createdAt: string;
  device: { id: string; label?: string };
  appVersion: string;
}

/** The dataset as a bundle: conflicts travel as several responses with the same id. */
export function bundleFromDataset(d: Dataset, meta: DatasetBundleMeta): Bundle {
  const studies = [...d.studies.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
  const bundle = bundleEnvelope(meta, studies, allRevisions(d));
  if (d.paradata.size > 0) {
    bundle.paradata = [...d.paradata.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
  }
  if (d.coding.size > 0) bundle.coding = [...d.coding.keys()].sort().flatMap((id) => d.coding.get(id)!);
  if (d.transcripts.size > 0) bundle.transcripts = [...d.transcripts.keys()].sort().flatMap((id) => d.transcripts.get(id)!);
  return bundle;
}

/** One text for the whole dataset: equal datasets, equal texts (for tests and checks). */
export function canonicalDataset(d: Dataset): string {
  const studies = [...d.studies.keys()].sort().map((k) => d.studies.get(k));
  const paradata = [...d.paradata.keys()].sort();
  const coding = [...d.coding.keys()].sort().map((id) => d.coding.get(id));
  const transcripts = [...d.transcripts.keys()].sort().map((id) => d.transcripts.get(id));
  return canonicalJson({ responses: allRevisions(d), studies, paradata, ...(coding.length > 0 ? { coding } : {}), ...(transcripts.length > 0 ? { transcripts } : {}) });
}
