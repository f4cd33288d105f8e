/**
 * Version 3, location: the answers of geopoint, geotrace and geoshape items, in ODK's text form.
 *
 * A point is "lat lon alt acc": latitude and longitude in degrees (WGS84), altitude in metres, and
 * the accuracy (radius of 68% confidence) in metres, separated by spaces; altitude and accuracy may
 * be left out, and are then read as 0 (as ODK reads them). A trace or a shape is its points joined
 * by ";" (ODK Collect writes no space; a space after the ";" is read too). A shape is closed: its
 * last point repeats its first. Dala writes what ODK Collect writes, so CSV columns and expressions
 * (`distance()`, `area()`, docs/expressions.md) read the same text in either.
 *
 * Pure and small: the first page validates answers with it; the runner's location widget and the
 * CSV writer use it too.
 */

export interface GeoPoint {
  lat: number;
  lon: number;
  /** Metres above the WGS84 ellipsoid; 0 when not known. */
  alt: number;
  /** Metres; 0 when not known (a typed point). */
  acc: number;
}

export type GeoType = 'geopoint' | 'geotrace' | 'geoshape';

/** A decimal number as ODK writes it ("12", "-0.5", "1.0E-5"). */
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** One point's text, or a reason why it is not one. */
export function parseGeoPoint(text: string): GeoPoint | string {
  const parts = text.trim().split(/\s+/);
  if (parts.length === 1 && parts[0] === '') return 'no coordinates';
  if (parts.length < 2 || parts.length > 4) return `'${short(text)}' is not "latitude longitude altitude accuracy"`;
  const bad = parts.find((p) => !NUMBER.test(p));
  if (bad !== undefined) return `'${short(bad)}' is not a number`;
  const [lat, lon, alt = 0, acc = 0] = parts.map(Number) as [number, number, number?, number?];
  if (Math.abs(lat) > 90) return `latitude ${lat} is not between -90 and 90`;
  if (Math.abs(lon) > 180) return `longitude ${lon} is not between -180 and 180`;
  if (!Number.isFinite(alt)) return 'the altitude is not a number';
  if (!Number.isFinite(acc) || acc < 0) return `accuracy ${acc} is not 0 metres or more`;
  return { lat, lon, alt, acc };
}

/** The points of a trace's or shape's text (";"-separated; a trailing ";" is allowed), or a reason. */
export function parseGeoPoints(text: string): GeoPoint[] | string {
  const pieces = text.split(';');
  if (pieces.length > 1 && pieces[pieces.length - 1]!.trim() === '') pieces.pop();
  const points: GeoPoint[] = [];
  for (const [k, piece] of pieces.entries()) {
    const point = parseGeoPoint(piece);
    if (typeof point === 'string') return pieces.length > 1 ? `point ${k + 1}: ${point}` : point;
    points.push(point);
  }
  return points;
}

/** A number as ODK writes it: as short as it reads back exactly ("51.5", "0", "-0.1276"). */
const num = (n: number) => (Object.is(n, -0) ? '0' : String(n));

/** "lat lon alt acc". */
export function formatGeoPoint(p: GeoPoint): string {
  return `${num(p.lat)} ${num(p.lon)} ${num(p.alt)} ${num(p.acc)}`;
}

/**
 * The text of a trace or a shape; a shape is closed here (its first point repeated last) when it is
 * not already, as ODK Collect closes it.
 */
export function formatGeoPoints(points: readonly GeoPoint[], shape: boolean): string {
  const out = [...points];
  if (shape && out.length > 1 && !samePlace(out[0]!, out[out.length - 1]!)) out.push(out[0]!);
  return out.map(formatGeoPoint).join(';');
}

export function samePlace(a: GeoPoint, b: GeoPoint): boolean {
  return a.lat === b.lat && a.lon === b.lon;
}

/** A shape's points without the closing repeat of the first (what a person adds and sees). */
export function openShape(points: readonly GeoPoint[]): GeoPoint[] {
  return points.length > 1 && samePlace(points[0]!, points[points.length - 1]!) ? points.slice(0, -1) : [...points];
}

/** Whether an answer of a location type is valid: null when it is, else the reason. */
export function validateGeoValue(type: GeoType, value: unknown): string | null {
  if (typeof value !== 'string') return 'not GPS coordinates';
  if (type === 'geopoint') {
    if (value.includes(';')) return 'one point is asked for, not several';
    const p = parseGeoPoint(value);
    return typeof p === 'string' ? p : null;
  }
  const points = parseGeoPoints(value);
  if (typeof points === 'string') return points;
  if (type === 'geotrace') return points.length >= 2 ? null : 'a line needs at least 2 points';
  if (points.length < 2 || !samePlace(points[0]!, points[points.length - 1]!)) return 'an area is closed: its last point repeats its first';
  return openShape(points).length >= 3 ? null : 'an area needs at least 3 points';
}

const short = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}...` : s);
