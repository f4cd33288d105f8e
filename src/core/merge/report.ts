/**
 * The merge report: what one incoming file did to the dataset, response by response.
 *
 * - new: an id the dataset did not have;
 * - identical: a revision it already had (same version vector, same content);
 * - updated: the incoming revision dominates every revision it had: it replaces them;
 * - outdated: a revision it had dominates the incoming one: the dataset keeps its own;
 * - conflict: concurrent (or equal vectors, different content): both kept until resolved;
 * - rejected: a file (or a record) that could not be read, with the reason.
 */
import type { Bundle } from '../bundle/types';
import { counted } from '../count';
import { addBundleTo, DatasetBuilder, isBundle, type Dataset, type Outcome } from './dataset';

export interface Rejected {
  /** The response id when one is known. */
  id?: string;
  reason: string;
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
  conflict: string[];
  rejected: Rejected[];
  /** Things to know that refuse nothing (two instruments for one study version). */
  warnings: string[];
}

export function emptyReport(file?: string): MergeReport {
  const r: MergeReport = {
    responses: 0,
    counts: { new: 0, identical: 0, updated: 0, outdated: 0, conflict: 0, rejected: 0 },
    new: [],
    identical: [],
    updated: [],
    outdated: [],
    conflict: [],
    rejected: [],
    warnings: [],
  };
  if (file !== undefined) r.file = file;
  return r;
}

/** The report of a file that was refused as a whole (it could not be opened or validated). */
export function rejectedReport(file: string, reason: string): MergeReport {
  const r = emptyReport(file);
  r.rejected.push({ reason });
  r.counts.rejected = 1;
  return r;
}

/**
 * Adds a bundle to a builder and reports each response's outcome. The fast path for merging
 * many files (the CLI and the app's import use it).
 */
export function addWithReport(builder: DatasetBuilder, incoming: Bundle, file?: string): MergeReport {
  const report = emptyReport(file);
  const { outcomes, warnings } = addBundleTo(builder, incoming);
  report.responses = incoming.responses.length;
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
    version: 1,
    bundleId: '00000000-0000-0000-0000-000000000000',
    createdAt: '1970-01-01T00:00:00Z',
    device: { id: 'dataset' },
    app: { name: 'dala', version: '' },
    studies: [...d.studies.values()],
    responses,
    paradata: [...d.paradata.values()],
  };
}

/** "a.dala.age: 500 responses: 480 new, 10 identical, 5 updated, 3 outdated, 2 in conflict". */
export function formatReport(r: MergeReport): string {
  const name = r.file ?? 'bundle';
  if (r.counts.rejected > 0 && r.responses === 0) return `${name}: rejected: ${r.rejected.map((x) => x.reason).join('; ')}`;
  const c = r.counts;
  const parts = [`${c.new} new`, `${c.identical} identical`, `${c.updated} updated`, `${c.outdated} outdated`, `${c.conflict} in conflict`];
  if (c.rejected > 0) parts.push(`${c.rejected} rejected`);
  return `${name}: ${counted(r.responses, 'response')}: ${parts.join(', ')}`;
}
