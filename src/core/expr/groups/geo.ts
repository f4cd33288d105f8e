/**
 * area(), distance() and geofence() on geopoints (`lat lon [alt [accuracy]]`), geotraces and
 * geoshapes (points separated by `;`), computed as ODK Collect computes them: on a sphere of the
 * WGS84 equatorial radius (6,378,100 m), distances by the spherical law of cosines, areas by
 * projecting each point to metres from the first point (x scaled by the cosine of its latitude)
 * and summing triangles. Altitude and accuracy are ignored.
 *
 * The 'geo' function group (../catalog.ts), loaded on demand (../library.ts).
 */
import { ExpressionError } from '../error';
import { flatten, text, type FunctionDef, type FunctionGroupModule } from '../functions';

export type Point = readonly [lat: number, lon: number];

const RADIUS = 6_378_100;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;
const rad = (deg: number) => (deg * Math.PI) / 180;

/**
 * `lat lon [alt [accuracy]]`, or null when it is not a point on Earth. Numbers as ODK Collect writes
 * them (Java's Double.toString: "1.0E-5" for a point near the equator) are read.
 */
export function parsePoint(text: string): Point | null {
  const parts = text.trim().split(/\s+/);
  if (parts.length < 2 || parts.length > 4) return null;
  const numbers = parts.map((p) => (/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(p) ? Number(p) : NaN));
  const [lat, lon] = numbers as [number, number];
  if (numbers.some(Number.isNaN) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return [lat, lon];
}

/**
 * The points of a function's argument: one text is a geotrace or geoshape (`;`-separated, a lone
 * point included); several texts (answers in a repeat, or several arguments) are one point each.
 * Empty texts are no points; text that is not points is an ExpressionError.
 */
export function pointsOf(texts: readonly string[], node: { name: string; pos: number }, eachIsPoint = false): Point[] {
  const pieces = texts.length === 1 && !eachIsPoint ? texts[0]!.split(';') : texts;
  const points: Point[] = [];
  for (const piece of pieces) {
    if (piece.trim() === '') continue;
    const point = parsePoint(piece);
    if (!point) throw new ExpressionError(`${node.name}() received '${piece.length > 40 ? `${piece.slice(0, 40)}...` : piece}', which is not GPS coordinates`, node.pos, '');
    points.push(point);
  }
  return points;
}

/** The length in metres of the line through `points`, in order. */
export function distance(points: readonly Point[]): number {
  let total = 0;
  for (let k = 1; k < points.length; k++) {
    const [lat1, lon1] = points[k - 1]!;
    const [lat2, lon2] = points[k]!;
    const cos = Math.sin(rad(lat1)) * Math.sin(rad(lat2)) + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.cos(rad(lon1 - lon2));
    // Rounding can take the cosine of two equal points just past 1.
    total += Math.acos(Math.min(1, Math.max(-1, cos))) * RADIUS;
  }
  return total;
}

/** The area in square metres enclosed by `points` (fewer than 3 points enclose none). */
export function area(points: readonly Point[]): number {
  if (points.length < 3) return 0;
  const [lat0, lon0] = points[0]!;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [lat, lon] of points.slice(1)) {
    ys.push(((lat - lat0) * CIRCUMFERENCE) / 360);
    xs.push(((lon - lon0) * CIRCUMFERENCE * Math.cos(rad(lat))) / 360);
  }
  let sum = 0;
  for (let k = 1; k < xs.length; k++) sum += (ys[k - 1]! * xs[k]! - xs[k - 1]! * ys[k]!) / 2;
  return Math.abs(sum);
}

/** Whether the point is inside the closed shape (ray casting, as Collect); false when either is not valid. */
export function geofence(pointText: string, shapeTexts: readonly string[]): boolean {
  const point = parsePoint(pointText);
  const pieces = shapeTexts.length === 1 ? shapeTexts[0]!.split(';') : shapeTexts;
  const shape = pieces.map(parsePoint);
  if (!point || shape.length < 4 || shape.some((p) => p === null)) return false;
  const poly = shape as Point[];
  const [firstLat, firstLon] = poly[0]!;
  const [lastLat, lastLon] = poly[poly.length - 1]!;
  if (firstLat !== lastLat || firstLon !== lastLon) return false;
  const [y, x] = point;
  let inside = false;
  for (let k = 1; k < poly.length; k++) {
    const [lat1, lon1] = poly[k - 1]!;
    const [lat2, lon2] = poly[k]!;
    if (lat2 > y !== lat1 > y && x < ((lon1 - lon2) * (y - lat2)) / (lat1 - lat2) + lon2) inside = !inside;
  }
  return inside;
}

export const GEO: FunctionGroupModule = {
  group: 'geo',
  functions: new Map<string, FunctionDef>([
    [
      'area',
      {
        signature: 'area(geoshape | ${repeated geopoint})',
        call: (a, _c, n) => area(pointsOf(a.nodes(0), n)),
      },
    ],
    [
      'distance',
      {
        signature: 'distance(geotrace | geoshape | ${repeated geopoint} | point, point, ...)',
        call: (a, _c, n) => distance(pointsOf(a.length === 1 ? a.nodes(0) : flatten(a, 0, n), n, a.length > 1)),
      },
    ],
    [
      'geofence',
      {
        signature: 'geofence(geopoint, geoshape)',
        call: (a) => geofence(text(a, 0), a.nodes(1)),
      },
    ],
  ]),
};
