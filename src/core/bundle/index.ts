/** The bundle format (docs/bundle-format.md). This file only re-exports. */
export * from './types';
export { BUNDLE_LIMITS, type BundleLimits } from './limits';
export { BUNDLE_MIGRATIONS, readableBundleVersions, type BundleMigration } from './migrations';
export { instrumentLookup, parseBundle, parseBundleText, studyKey, type InstrumentLookup, type ParseBundleOptions } from './parse';
export { BundleRecordError, shortId, type RecordPlace } from './errors';
export { bundleFromSessions, bundleToJson, responseFromSession, type BundleMeta, type SessionLike, type StoredAnswerLike } from './from-session';
export { canonicalJson, fnv1a, sha256Hex, uuidFromText } from './canonical';
export { isIsoTime, UUID_PATTERN } from './schema';
