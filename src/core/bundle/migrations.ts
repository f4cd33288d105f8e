/**
 * Migrations of the bundle format, keyed by format version (docs/bundle-format.md, "Versions").
 *
 * `BUNDLE_MIGRATIONS[n]` takes a document that says `"version": n` and returns it in the current
 * format (`BUNDLE_VERSION`), still unvalidated: the schema runs after it. The keys are exactly the
 * versions this Dala reads; any other is refused with "unknown bundle format version 7; this Dala
 * reads versions 1 and 2". For a new version: add it, turn the previous current one into its change,
 * and keep real files of every version in test/fixtures/bundles/ passing. A migration gets plain JSON, returns
 * plain JSON, never throws on odd input and never mutates its argument.
 */
import { BUNDLE_VERSION } from './types';

export type BundleMigration = (doc: Readonly<Record<string, unknown>>) => Record<string, unknown>;

export const BUNDLE_MIGRATIONS: Readonly<Record<number, BundleMigration>> = Object.freeze({
  /**
   * Version 1 -> 2. Version 2 added what a version 1 file never has (an answer's `invalid` reason,
   * records set aside one by one instead of the whole file refused), so its documents read as they are.
   * A version 1 file that a device wrote with a draft's invalid value (which every Dala before
   * version 2 refused whole) now opens: the value is kept and flagged as version 2 does.
   */
  1: (doc) => ({ ...doc, version: BUNDLE_VERSION }),
  /** Version 2 is the current format: nothing to do. */
  2: (doc) => ({ ...doc, version: BUNDLE_VERSION }),
});

/** "version 1" or "versions 1 and 2", for a message. */
export function readableBundleVersions(): string {
  const versions = Object.keys(BUNDLE_MIGRATIONS).map(Number).sort((a, b) => a - b);
  if (versions.length === 1) return `version ${versions[0]}`;
  return `versions ${versions.slice(0, -1).join(', ')} and ${versions[versions.length - 1]}`;
}
