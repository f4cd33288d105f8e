/** The bundle format (docs/bundle-format.md). This file only re-exports. */
export * from './types';
export { BUNDLE_LIMITS, type BundleLimits } from './limits';
export { BUNDLE_MIGRATIONS, readableBundleVersions, type BundleMigration } from './migrations';
export { instrumentLookup, parseBundle, parseBundleText, restoreBundle, restoreBundleText, studyKey, type InstrumentLookup, type ParseBundleOptions, type RestoredBundle, type SetAside } from './parse';
export { answersChecker, withInvalidFlags, type AnswersCheck, type AnswersChecker } from './answers';
export { BundleRecordError, shortId, type RecordPlace } from './errors';
export { bundleFromSessions, bundleToJson, responseFromSession, type BundleMeta, type SessionLike, type StoredAnswerLike } from './from-session';
export { canonicalJson, fnv1a, sha256Hex, uuidFromText } from './canonical';
export { isIsoTime, UUID_PATTERN } from './schema';
export { SET_ASIDE_TYPE, SET_ASIDE_VERSION, setAsideJson, type SetAsideFile } from './set-aside';
export { isReceived, looksLikeReceipt, makeReceipt, parseReceipt, receiptFileName, receivedIndex, RECEIPT_TYPE, RECEIPT_VERSION, type Receipt, type ReceiptEntry } from './receipt';
