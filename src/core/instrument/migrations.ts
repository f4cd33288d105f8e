/**
 * Migrations of the instrument format, keyed by format version (docs/instrument-format.md, "Versions").
 *
 * `INSTRUMENT_MIGRATIONS[n]` takes a document that says `"version": n` and returns the same study in
 * the current format (`INSTRUMENT_VERSION`), still unvalidated: the structural schema runs after it.
 * The keys are exactly the versions this Dala reads; any other version is refused with
 * "unknown instrument format version 7; this Dala reads version 1".
 *
 * When version 2 comes: add `2: (doc) => doc`, turn `1` into the v1 -> v2 change, and keep both
 * tested with real v1 and v2 files. A migration gets plain JSON and returns plain JSON; it must not
 * throw on odd input (leave that to the schema) and must not mutate its argument.
 */
import { INSTRUMENT_VERSION } from './types';

export type InstrumentMigration = (doc: Readonly<Record<string, unknown>>) => Record<string, unknown>;

export const INSTRUMENT_MIGRATIONS: Readonly<Record<number, InstrumentMigration>> = Object.freeze({
  /** Version 1 is the current format: nothing to do. */
  1: (doc) => ({ ...doc, version: INSTRUMENT_VERSION }),
});

/** The versions this Dala reads, in order: "version 1" or "versions 1 and 2" for a message. */
export function readableVersions(): string {
  const versions = Object.keys(INSTRUMENT_MIGRATIONS).map(Number).sort((a, b) => a - b);
  if (versions.length === 1) return `version ${versions[0]}`;
  return `versions ${versions.slice(0, -1).join(', ')} and ${versions[versions.length - 1]}`;
}
