/** Deterministic merge of bundles and its report (docs/bundle-format.md). This file only re-exports. */
export { compareVv, maxVv, type VvOrder } from './version-vector';
export {
  DatasetBuilder,
  EMPTY_DATASET,
  addBundleTo,
  allRevisions,
  bundleFromDataset,
  canonicalDataset,
  conflictIds,
  datasetFromBundle,
  isBundle,
  merge,
  mergeAll,
  type Dataset,
  type DatasetBundleMeta,
  type Outcome,
} from './dataset';
export { conflictLines, joinRevisions, type Join, type JoinConflict } from './join';
export { currentResponses, defaultChoice, preferRevision, resolveConflict, type Resolution } from './resolve';
export {
  addWithReport,
  emptyReport,
  formatReport,
  isRefusedFile,
  mergeReport,
  mergeWithReport,
  rejectedReport,
  setAsideLines,
  type MergeReport,
  type Rejected,
} from './report';
