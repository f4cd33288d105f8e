/**
 * Migrations of the instrument format, keyed by format version (docs/instrument-format.md, "Versions").
 *
 * `INSTRUMENT_MIGRATIONS[n]` takes a document that says `"version": n` and returns the same study in
 * the current format (`INSTRUMENT_VERSION`), still unvalidated: the structural schema runs after it.
 * The keys are exactly the versions this Dala reads; any other version is refused with
 * "unknown instrument format version 7; this Dala reads version 1".
 *
 * For a new version: add it, turn the previous current one into its change, and keep every version
 * tested with real files. A migration gets plain JSON and returns plain JSON; it must not
 * throw on odd input (leave that to the schema) and must not mutate its argument.
 */
import { INSTRUMENT_VERSION } from './types';

export type InstrumentMigration = (doc: Readonly<Record<string, unknown>>) => Record<string, unknown>;

export const INSTRUMENT_MIGRATIONS: Readonly<Record<number, InstrumentMigration>> = Object.freeze({
  /**
   * Version 1 -> 2. A section's `mode` ('interviewer' or 'self') becomes `who` ('interviewer' or
   * 'respondent'); a section without a mode is answered by either ('both', the default), as a link
   * to a version 1 study showed it. Version 2's other fields are new and optional.
   */
  1: (doc) => {
    const out: Record<string, unknown> = { ...doc, version: INSTRUMENT_VERSION };
    if (Array.isArray(doc.sections)) {
      out.sections = doc.sections.map((s: unknown) => {
        if (typeof s !== 'object' || s === null || Array.isArray(s) || !Object.hasOwn(s, 'mode')) return s;
        const { mode, ...rest } = s as Record<string, unknown>;
        if (mode === 'self') return { ...rest, who: 'respondent' };
        if (mode === 'interviewer') return { ...rest, who: 'interviewer' };
        // Anything else was invalid in version 1: left for the schema to name.
        return { ...rest, who: mode };
      });
    }
    return out;
  },
  /**
   * Version 2 -> 3. Version 3 only adds, and every field it adds is optional (attachments: external
   * data; location: geopoint, geotrace, geoshape, start-geopoint, an item's `location`; repeats and media
   * add theirs): a version 2 study means the same in version 3.
   */
  2: (doc) => ({ ...doc, version: INSTRUMENT_VERSION }),
  /** Version 3 is the current format: nothing to do. */
  3: (doc) => ({ ...doc, version: INSTRUMENT_VERSION }),
});

/** The versions this Dala reads, in order: "version 1" or "versions 1 and 2" for a message. */
export function readableVersions(): string {
  const versions = Object.keys(INSTRUMENT_MIGRATIONS).map(Number).sort((a, b) => a - b);
  if (versions.length === 1) return `version ${versions[0]}`;
  return `versions ${versions.slice(0, -1).join(', ')} and ${versions[versions.length - 1]}`;
}
