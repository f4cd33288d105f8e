/**
 * Version 3, location: the geopoint, geotrace and geoshape questions (loaded by ItemField when such
 * a question is first drawn, so the first page does not carry it).
 *
 * A geopoint watches the browser's location and shows each fix's accuracy; with an accuracy
 * threshold (XLSForm's capture-accuracy) a fix that good is taken by itself, and until then the
 * person may take the current one anyway. A trace or a shape is built point by point: the current
 * fix or typed coordinates, the last point removable, with its length (and a shape's area) shown and
 * a small sketch of the points drawn here (no map tiles: no other origin is ever contacted). When the
 * location is denied or cannot be had, coordinates are typed. Every change is an answer like any
 * other (saved through `onChange`, durable before "saved" shows).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { currentFix, watchFixes, type FixFailure } from '../../adapters/geolocation/index';
import { area, distance } from '../../core/expr/groups/geo';
import { formatGeoPoint, formatGeoPoints, openShape, parseGeoPoint, parseGeoPoints, type GeoPoint } from '../../core/responses/geo-value';
import type { MessageKey } from '../../app/i18n';
import type { ItemFieldProps } from './ItemField';

export type GeoInputProps = ItemFieldProps & { id: string; describedBy?: string; invalid: boolean };

const FAILURE_KEY: Record<FixFailure, MessageKey> = {
  denied: 'geoDenied',
  unavailable: 'geoUnavailable',
  timeout: 'geoUnavailable',
  unsupported: 'geoUnsupported',
};

type T = ItemFieldProps['t'];

/** "12 m", "1.25 km", in the app's language. */
export function metres(m: number, t: T): string {
  return m < 1000 ? t('geoUnitM', { n: Math.round(m) }) : t('geoUnitKm', { n: (m / 1000).toFixed(2) });
}

/** "350 m²", "2.33 ha", "1.20 km²", in the app's language. */
export function squareMetres(m2: number, t: T): string {
  if (m2 < 10_000) return t('geoUnitM2', { n: Math.round(m2) });
  if (m2 < 1_000_000) return t('geoUnitHa', { n: (m2 / 10_000).toFixed(2) });
  return t('geoUnitKm2', { n: (m2 / 1_000_000).toFixed(2) });
}

export function GeoInput(p: GeoInputProps) {
  return p.item.type === 'geopoint' ? <GeoPointInput {...p} /> : <GeoPathInput {...p} />;
}

/** The stored text of the answer (a computed value while unanswered). */
const storedText = (p: GeoInputProps): string => {
  const v = p.answer?.value ?? p.state?.computed ?? null;
  return typeof v === 'string' ? v : '';
};

function GeoPointInput(p: GeoInputProps) {
  const { item, t } = p;
  const name = item.name;
  const disabled = p.disabled || !!item.readOnly;
  const threshold = item.location?.accuracyThreshold;
  const poorFrom = item.location?.unacceptableAccuracy;
  const saved = parseGeoPoint(storedText(p));
  const [watching, setWatching] = useState(false);
  const [fix, setFix] = useState<GeoPoint | null>(null);
  const [failure, setFailure] = useState<FixFailure | null>(null);
  const [typing, setTyping] = useState(false);
  const stop = useRef<(() => void) | null>(null);
  const accept = (point: GeoPoint) => {
    stop.current?.();
    stop.current = null;
    setWatching(false);
    setFix(null);
    p.onChange({ value: formatGeoPoint(point) }, false);
  };
  const start = () => {
    setFailure(null);
    setFix(null);
    setTyping(false);
    setWatching(true);
    stop.current?.();
    let seen = false;
    stop.current = watchFixes(
      (point) => {
        seen = true;
        setFailure(null);
        // Good enough: taken by itself, as ODK takes it.
        if (threshold !== undefined && point.acc <= threshold) accept(point);
        else setFix(point);
      },
      (f) => {
        // A receiver loses its fix for a moment (a timeout, "unavailable") and finds it again: the
        // watch goes on, the last fix stays shown. Denied (or no API) is final.
        const final = f === 'denied' || f === 'unsupported';
        if (final) {
          stop.current?.();
          stop.current = null;
          setWatching(false);
        }
        if (final || !seen) {
          setFailure(f);
          setTyping(true);
        }
      },
    );
  };
  useEffect(() => () => stop.current?.(), []);

  return (
    <div class="geo stack" data-testid={`input-${name}`}>
      {typeof saved === 'object' && (
        <p class="geo-saved" data-testid={`geo-saved-${name}`}>
          {t('geoSaved', { text: pointText(saved, t) })}
        </p>
      )}
      {!disabled && !watching && (
        <div class="row">
          <button type="button" class="btn" id={p.id} aria-describedby={p.describedBy} onClick={start} data-testid={`geo-start-${name}`}>
            {typeof saved === 'object' ? t('geoAgain') : t('geoGet')}
          </button>
          {!typing && (
            <button type="button" class="link small" onClick={() => setTyping(true)} data-testid={`geo-type-${name}`}>
              {t('geoType')}
            </button>
          )}
          {typeof saved === 'object' && (
            <button type="button" class="link small" onClick={() => p.onChange({ value: null }, false)}>
              {t('clear')}
            </button>
          )}
        </div>
      )}
      {watching && (
        <div class="geo-fix stack" aria-live="polite" data-testid={`geo-fix-${name}`}>
          {fix === null ? (
            <p class="muted">{t('geoWaiting')}</p>
          ) : (
            <>
              <p class={poorFrom !== undefined && fix.acc > poorFrom ? 'issue' : ''}>
                {t('geoAccuracy', { m: fix.acc })} · {fix.lat}, {fix.lon}
                {poorFrom !== undefined && fix.acc > poorFrom && <> · {t('geoPoor')}</>}
              </p>
              {threshold !== undefined && <p class="muted small">{t('geoWaitBetter', { m: threshold })}</p>}
              <button type="button" class="btn primary" onClick={() => accept(fix)} data-testid={`geo-accept-${name}`}>
                {threshold !== undefined ? t('geoAcceptAnyway') : t('geoAccept')}
              </button>
            </>
          )}
        </div>
      )}
      {failure && (
        <p class="issue" role="alert" data-testid={`geo-failure-${name}`}>
          {t(FAILURE_KEY[failure])}
        </p>
      )}
      {typing && !disabled && <TypedPoint {...p} submit={t('geoSaveTyped')} onPoint={accept} />}
    </div>
  );
}

function GeoPathInput(p: GeoInputProps) {
  const { item, t } = p;
  const name = item.name;
  const shape = item.type === 'geoshape';
  const disabled = p.disabled || !!item.readOnly;
  const parsed = parseGeoPoints(storedText(p));
  const stored = storedText(p) === '' || typeof parsed === 'string' ? [] : parsed;
  const points = shape ? openShape(stored) : stored;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<FixFailure | null>(null);
  const [typing, setTyping] = useState(false);
  const save = (next: GeoPoint[]) => p.onChange({ value: next.length ? formatGeoPoints(next, shape) : null }, false);
  const addHere = async () => {
    setBusy(true);
    setFailure(null);
    const got = await currentFix();
    setBusy(false);
    if (typeof got === 'string') {
      setFailure(got);
      setTyping(true);
    } else save([...points, got]);
  };
  const latLon = points.map((q) => [q.lat, q.lon] as const);
  const closed = shape && points.length > 2 ? [...latLon, latLon[0]!] : latLon;
  const length = distance(closed);
  return (
    <div class="geo stack" data-testid={`input-${name}`}>
      {points.length > 0 && (
        <>
          <ol class="geo-points" data-testid={`geo-points-${name}`}>
            {points.map((q, i) => (
              <li key={i}>{pointText(q, t)}</li>
            ))}
          </ol>
          <p class="geo-measure" aria-live="polite" data-testid={`geo-measure-${name}`}>
            {t('geoPoints', { n: points.length })}
            {points.length > 1 && <> · {t(shape ? 'geoPerimeter' : 'geoLength', { d: metres(length, t) })}</>}
            {shape && points.length > 2 && <> · {t('geoArea', { a: squareMetres(area(closed), t) })}</>}
          </p>
          {points.length > 1 && <Sketch points={points} shape={shape} label={t('geoSketch')} />}
        </>
      )}
      {points.length < (shape ? 3 : 2) && <p class="muted small">{t(shape ? 'geoNeedShape' : 'geoNeedTrace')}</p>}
      {!disabled && (
        <div class="row">
          <button type="button" class="btn" id={p.id} aria-describedby={p.describedBy} disabled={busy} onClick={() => void addHere()} data-testid={`geo-add-${name}`}>
            {busy ? t('geoWaiting') : t('geoAddHere')}
          </button>
          {!typing && (
            <button type="button" class="link small" onClick={() => setTyping(true)} data-testid={`geo-type-${name}`}>
              {t('geoType')}
            </button>
          )}
          {points.length > 0 && (
            <button type="button" class="link small" onClick={() => save(points.slice(0, -1))} data-testid={`geo-remove-${name}`}>
              {t('geoRemoveLast')}
            </button>
          )}
        </div>
      )}
      {failure && (
        <p class="issue" role="alert" data-testid={`geo-failure-${name}`}>
          {t(FAILURE_KEY[failure])}
        </p>
      )}
      {typing && !disabled && <TypedPoint {...p} submit={t('geoAddTyped')} onPoint={(q) => save([...points, q])} />}
    </div>
  );
}

/** "43.238949, 76.889709 · 850 m · ±4.8 m" (altitude and accuracy when known). */
function pointText(q: GeoPoint, t: T): string {
  return `${q.lat}, ${q.lon}${q.alt ? ` · ${t('geoUnitM', { n: q.alt })}` : ''}${q.acc ? ` · ±${t('geoUnitM', { n: q.acc })}` : ''}`;
}

/** Coordinates typed: latitude and longitude, altitude and accuracy if known. */
function TypedPoint(p: GeoInputProps & { submit: string; onPoint(q: GeoPoint): void }) {
  const { t, item } = p;
  const [fields, setFields] = useState({ lat: '', lon: '', alt: '', acc: '' });
  const [problem, setProblem] = useState('');
  const set = (key: keyof typeof fields) => (e: Event) => setFields({ ...fields, [key]: (e.currentTarget as HTMLInputElement).value });
  const number = (s: string) => s.trim().replace(',', '.');
  const submit = (e: Event) => {
    e.preventDefault();
    const text = [number(fields.lat), number(fields.lon), number(fields.alt) || '0', number(fields.acc) || '0'].join(' ');
    const point = parseGeoPoint(text);
    if (typeof point === 'string') return setProblem(t('geoBadTyped', { detail: point }));
    setProblem('');
    setFields({ lat: '', lon: '', alt: '', acc: '' });
    p.onPoint(point);
  };
  const field = (key: keyof typeof fields, label: MessageKey, required: boolean) => (
    <label class="field">
      <span class="label small">{t(label)}</span>
      <input type="text" inputMode="decimal" autoComplete="off" required={required} value={fields[key]} onInput={set(key)} data-testid={`geo-${key}-${item.name}`} />
    </label>
  );
  return (
    <form class="geo-typed stack" onSubmit={submit}>
      <div class="geo-grid">
        {field('lat', 'geoLat', true)}
        {field('lon', 'geoLon', true)}
        {field('alt', 'geoAlt', false)}
        {field('acc', 'geoAcc', false)}
      </div>
      {problem && <p class="issue" role="alert">{problem}</p>}
      <div class="row">
        <button type="submit" class="btn" data-testid={`geo-save-typed-${item.name}`}>{p.submit}</button>
      </div>
    </form>
  );
}

/**
 * The points on a small sketch, north up: longitude scaled by the cosine of the latitude so shapes
 * keep their proportions. Drawn here as SVG elements (never markup from a string), no tiles.
 */
function Sketch(p: { points: GeoPoint[]; shape: boolean; label: string }) {
  const W = 240;
  const H = 160;
  const PAD = 12;
  const lat0 = p.points[0]!.lat;
  const k = Math.cos((lat0 * Math.PI) / 180);
  const xs = p.points.map((q) => q.lon * k);
  const ys = p.points.map((q) => -q.lat);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const span = Math.max(Math.max(...xs) - minX, Math.max(...ys) - minY) || 1;
  const scale = Math.min(W, H) - 2 * PAD;
  const at = p.points.map((_, i) => [PAD + ((xs[i]! - minX) / span) * scale, PAD + ((ys[i]! - minY) / span) * scale] as const);
  const path = at.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  return (
    <svg class="geo-sketch" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={p.label} data-testid="geo-sketch">
      {p.shape && p.points.length > 2 ? <polygon points={path} /> : <polyline points={path} />}
      {at.map(([x, y], i) => (
        <circle key={i} cx={x} cy={y} r={i === 0 ? 5 : 3.5} />
      ))}
    </svg>
  );
}
