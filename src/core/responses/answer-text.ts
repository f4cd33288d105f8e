/**
 * An answer as a person reads it, in a language: choice and Likert labels instead of codes, "Other"
 * with its text, numbers and dates as given. Used by the review, the conflict view and the results.
 * A value that is not valid for its item is shown as it was typed.
 */
import { localize, type Instrument, type Item } from '../instrument/types';
import { parseGeoPoint, parseGeoPoints, type GeoPoint } from './geo-value';
import type { Answer } from './types';
import { OTHER } from './validate-value';

export function answerText(instrument: Instrument, item: Item, answer: Pick<Answer, 'value' | 'other'> | undefined, lang: string, otherWord = 'Other'): string {
  const value = answer?.value ?? null;
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return '';
  const fallback = instrument.languages[0] ?? 'en';
  const choiceLabel = (code: string): string => {
    if (code === OTHER && item.other) return answer?.other ? `${otherWord}: ${answer.other}` : otherWord;
    if (item.type === 'likert') {
      const scale = item.likert ? instrument.likertScales[item.likert] : undefined;
      const point = scale?.points.find((p) => String(p.value) === code);
      if (point) return `${point.value} · ${localize(point.label, lang, fallback)}`;
      const ns = scale?.nonSubstantive?.find((c) => c.name === code);
      return ns ? localize(ns.label, lang, fallback) : code;
    }
    const choice = (item.choices ? instrument.choiceLists[item.choices] : undefined)?.find((c) => c.name === code);
    return choice ? localize(choice.label, lang, fallback) : code;
  };
  if (Array.isArray(value)) return value.map(choiceLabel).join('; ');
  if (item.type === 'select_one' || item.type === 'likert') return choiceLabel(String(value));
  if (item.type === 'acknowledge') return value === 'OK' ? '✓' : String(value);
  // Version 3, location: "43.238949, 76.889709 (±4.8 m)"; a line or an area point by point.
  if ((item.type === 'geopoint' || item.type === 'geotrace' || item.type === 'geoshape') && typeof value === 'string') {
    const points = item.type === 'geopoint' ? [parseGeoPoint(value)] : parseGeoPoints(value);
    if (Array.isArray(points) && points.every((p) => typeof p === 'object')) return (points as GeoPoint[]).map(pointText).join('; ');
  }
  return String(value);
}

function pointText(p: GeoPoint): string {
  return `${p.lat}, ${p.lon}${p.acc ? ` (±${p.acc} m)` : ''}`;
}
