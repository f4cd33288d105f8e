/**
 * Version 3, location: the schema of what the location types add to an item (docs/instrument-format.md,
 * "Location"). Kept apart from ./schema.ts so the other version 3 additions (repeats, media) merge
 * beside it; ./schema.ts spreads these entries into its item and lists these types and metadata.
 */
import * as v from 'valibot';
import { describe, expected, objectMessage } from '../schema-kit';

/** The item types of location. */
export const LOCATION_ITEM_TYPES = ['geopoint', 'geotrace', 'geoshape'] as const;
/** The metadata of location. */
export const LOCATION_META_KINDS = ['start-geopoint'] as const;

/** Metres: a positive, finite number (a 100 km fix is no fix; 100,000 is the most a form may ask for). */
const metres = v.pipe(
  v.number(expected('a number of metres')),
  v.check((n: number) => Number.isFinite(n) && n > 0 && n <= 100_000, (i) => `expected metres more than 0 and at most 100000, got ${describe(i.input)}`),
);

export const locationItemEntries = {
  location: v.optional(
    v.object({ accuracyThreshold: v.optional(metres), unacceptableAccuracy: v.optional(metres) }, objectMessage('location settings')),
  ),
};
