/**
 * The merge report: what one incoming file did to the dataset, response by response.
 *
 * - new: an id the dataset did not have;
 * - identical: a revision it already had (same version vector, same content);
 * - updated: the incoming revision dominates every revision it had: it replaces them;
 * - outdated: a revision it had dominates the incoming one: the dataset keeps its own;
 * - merged: concurrent with what it had, and joined answer by answer, instance by instance, without
 *   a conflict (./join.ts: two devices that each added household members);
 * - conflict: concurrent (or equal vectors, different content): both kept until resolved;
 * - rejected: a file that could not be read, or a record of it set aside (src/core/bundle/parse.ts,
 *   `restoreBundle`), with the reason. A record set aside is kept by the caller, never dropped.
 */
import { shortId, type RecordPlace } from '../bundle/errors';
import { BUNDLE_VERSION, type Bundle } from '../bundle/types';
import { counted } from '../count';
import { addBundleTo, DatasetBuilder, isBundle, type Dataset, type Outcome } from './dataset';

export interface Rejected {
  /** The response id when one is known. */
  id?: string;
  /** Where the record was in its file ("responses", 3); absent when the whole file was refused. */
  list?: 'responses' | 'studies' | 'paradata' | 'coding' | 'transcripts';
  index?: number;
  reason: string;
  /** Why a whole file was refused, as a code the app words in its own language ('decrypt-key', ...). */
  code?: string;
}

export interface MergeReport {
  file?: string;
  /** Revisions in the incoming file. */
  responses: number;
  counts: Record<Outcome | 'rejected', number>;
  new: string[];
  identical: string[];
  updated: string[];
  outdated: string[];
  merged: string[];
  conflict: string[];
  rejected: Rejected[];
  /** Things to know that refuse nothing (two instruments for one study version). */
  warnings: string[];
}

export function emptyReport(file?: string): MergeReport {
  const r: MergeReport = {
    responses: 0,
    counts: { new: 0, identical: 0, updated: 0, outdated: 0, merged: 0, conflict: 0, rejected: 0 },
    new: [],
    identical: [],
    updated: [],
    outdated: [],
    merged: [],
    conflict: [],
    rejected: [],
    warnings: [],
  };
  if (file !== undefined) r.file = file;
  return r;
}

/** The report of a file that was refused as a whole (it could not be opened or validated). */
export function rejectedReport(file: string, reason: string, code?: string): MergeReport {
  const r = emptyReport(file);
  r.rejected.push(code === undefined ? { reason } : { reason, code });
  r.counts.rejected = 1;
  return r;
}

/**
 * Adds a bundle to a builder and reports each response's outcome. The fast path for merging
 * many files (the CLI and the app's import use it).
 */
export function addWithReport(builder: DatasetBuilder, incoming: Bundle, file?: string, setAside: readonly RecordPlace[] = []): MergeReport {
  const report = emptyReport(file);
  const { outcomes, warnings } = addBundleTo(builder, incoming);
  report.responses = incoming.responses.length + setAside.filter((x) => x.list === 'responses').length;
  for (const x of setAside) {
    const r: Rejected = { list: x.list, index: x.index, reason: x.reason };
    if (x.id !== undefined) r.id = x.id;
    report.rejected.push(r);
    report.counts.rejected++;
  }
  outcomes.forEach((o, i) => {
    report[o].push(incoming.responses[i]!.id);
    report.counts[o]++;
  });
  report.warnings.push(...warnings);
  return report;
}

/** What merging `incoming` into `existing` would do, and the merged dataset. Pure. */
export function mergeWithReport(existing: Dataset, incoming: Bundle | Dataset, file?: string): { dataset: Dataset; report: MergeReport } {
  const builder = new DatasetBuilder(existing);
  const bundle: Bundle = isBundle(incoming) ? incoming : asBundle(incoming);
  const report = addWithReport(builder, bundle, file);
  return { dataset: builder.build(), report };
}

/** What merging `incoming` into `existing` would do. Pure. */
export function mergeReport(existing: Dataset, incoming: Bundle | Dataset, file?: string): MergeReport {
  return mergeWithReport(existing, incoming, file).report;
}

function asBundle(d: Dataset): Bundle {
  const responses = [...d.responses.values()].flat();
  return {
    type: 'dala-bundle',
    version: BUNDLE_VERSION,
    bundleId: '00000000-0000-0000-0000-000000000000',
    createdAt: '1970-01-01T00:00:00Z',
    device: { id: 'dataset' },
    app: { name: 'dala', version: '' },
    studies: [...d.studies.values()],
    responses,
    paradata: [...d.paradata.values()],
  };
}

/** Whether the report is of a file refused as a whole (not of one with records set aside). */
export function isRefusedFile(r: MergeReport): boolean {
  return r.rejected.length > 0 && r.rejected.every((x) => x.list === undefined);
}

/** "a.dala.age: 500 responses: 480 new, 10 identical, 5 updated, 3 outdated, 2 in conflict, 1 set aside" ("4 merged" when any). */
export function formatReport(r: MergeReport): string {
  const name = r.file ?? 'bundle';
  if (isRefusedFile(r)) return `${name}: rejected: ${r.rejected.map((x) => x.reason).join('; ')}`;
  const c = r.counts;
  const parts = [`${c.new} new`, `${c.identical} identical`, `${c.updated} updated`, `${c.outdated} outdated`];
  if (c.merged > 0) parts.push(`${c.merged} merged`);
  parts.push(`${c.conflict} in conflict`);
  if (c.rejected > 0) parts.push(`${c.rejected} set aside`);
  return `${name}: ${counted(r.responses, 'response')}: ${parts.join(', ')}`;
}

/** One line per record set aside: "a.dala.age, responses[3] (id 5f0c1a2b…): answers.x: ...". */
export function setAsideLines(r: MergeReport): string[] {
  return r.rejected.filter((x) => x.list !== undefined).map((x) => `${r.file ?? 'bundle'}, ${x.list}[${x.index}]${x.id ? ` (id ${shortId(x.id)})` : ''}: ${x.reason}`);
}
