/**
 * The device's location, from the browser's Geolocation API (browser only): watched while a
 * location question is waiting for a good fix, or asked once for a point of a trace or a shape, or
 * for start-geopoint. Nothing is sent anywhere: the browser's own provider gives the fix, and no
 * map tiles are fetched (docs/instrument-format.md, "Location").
 *
 * A fix is a GeoPoint (src/core/responses/geo-value.ts); a failure is named, so the runner can say
 * what to do: permission denied, no fix to be had, too slow, or no Geolocation API at all.
 */
import type { GeoPoint } from '../../core/responses/geo-value';

export type FixFailure = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

/** How long one request may take before it is a timeout. */
export const FIX_TIMEOUT_MS = 60_000;

const OPTIONS: PositionOptions = { enableHighAccuracy: true, maximumAge: 0, timeout: FIX_TIMEOUT_MS };

/** A position as a point: altitude 0 when the device does not know it (as ODK writes it). */
export function pointOf(position: GeolocationPosition): GeoPoint {
  const c = position.coords;
  const round = (n: number, digits: number) => Number(n.toFixed(digits));
  return {
    lat: round(c.latitude, 7),
    lon: round(c.longitude, 7),
    alt: c.altitude === null ? 0 : round(c.altitude, 1),
    acc: round(Math.max(0, c.accuracy), 1),
  };
}

function failureOf(error: GeolocationPositionError): FixFailure {
  if (error.code === error.PERMISSION_DENIED) return 'denied';
  if (error.code === error.TIMEOUT) return 'timeout';
  return 'unavailable';
}

const geolocation = (): Geolocation | null => (typeof navigator !== 'undefined' && 'geolocation' in navigator ? navigator.geolocation : null);

/**
 * Watches the location: `onFix` with each fix (accuracy improving as the receiver settles),
 * `onFailure` with each failure (the browser keeps watching after a timeout or a lost fix; a denial
 * is final). Returns the function that stops watching.
 */
export function watchFixes(onFix: (p: GeoPoint) => void, onFailure: (f: FixFailure) => void): () => void {
  const geo = geolocation();
  if (!geo) {
    onFailure('unsupported');
    return () => {};
  }
  const id = geo.watchPosition((p) => onFix(pointOf(p)), (e) => onFailure(failureOf(e)), OPTIONS);
  return () => geo.clearWatch(id);
}

/** One fresh fix, or the failure. */
export function currentFix(): Promise<GeoPoint | FixFailure> {
  const geo = geolocation();
  if (!geo) return Promise.resolve('unsupported');
  return new Promise((resolve) => geo.getCurrentPosition((p) => resolve(pointOf(p)), (e) => resolve(failureOf(e)), OPTIONS));
}
