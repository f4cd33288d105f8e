/** Cells of a survey row that have a little language of their own: default, parameters, range. */
import type { Item } from '../instrument/types';
import { NAME_PATTERN, RESERVED_NAMES } from '../instrument/schema';
import type { Problems, Where } from './problems';

/**
 * pyxform's rule (default_is_dynamic): a default with a ${name}, a function call, brackets or
 * arithmetic (`*`, `+`, `div`, `mod`, a `-` that is not part of a number or a name; any `-` in a
 * date or a time is not) is computed when the session starts; anything else is a fixed value.
 */
export function isDynamicDefault(text: string, type: Item['type']): boolean {
  if (text.includes('${')) return true;
  if (/[A-Za-z_][A-Za-z0-9_:.-]*\s*\(/.test(text)) return true;
  if (/[[\]{}()]/.test(text)) return true;
  if (/\s(div|mod)\s/.test(text) || /[+*]/.test(text)) return true;
  if (type === 'date' || type === 'datetime' || type === 'time') return false;
  return /(^|\s)-(\s|[^0-9.\s])/.test(text);
}

/** XLSForm's parameters cell: `key=value` pairs separated by spaces, commas or semicolons (as pyxform). */
export function readParameters(cell: string, where: Where, problems: Problems): Record<string, string> {
  const out: Record<string, string> = {};
  if (!cell) return out;
  const rest = cell.replace(/([^\s=,;]+)\s*=\s*([^\s=,;]+)/g, (_, k: string, v: string) => {
    const key = k.toLowerCase();
    if (RESERVED_NAMES.has(key) || !NAME_PATTERN.test(key)) problems.warn(where, `parameter '${k}' is not read: a parameter name has letters, digits, _ . -`);
    else out[key] = key === 'label' || key === 'value' ? v : v.toLowerCase();
    return ' ';
  });
  if (rest.trim().replace(/[\s,;]+/g, '')) problems.warn(where, `parameters '${cell}' are not all written name=value: only the pairs were read`);
  return out;
}

/** A range row's start, end and step (ODK's defaults 1, 10, 1), and its tick labels' list. */
export function rangeOf(parameters: Record<string, string>, where: Where, problems: Problems): { range: { start: number; end: number; step: number }; labels?: string } | undefined {
  const number = (key: string, fallback: number): number | undefined => {
    const text = parameters[key];
    if (text === undefined) return fallback;
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) {
      problems.error(where, `range parameter ${key} '${text}' is not a number`);
      return undefined;
    }
    return n;
  };
  const start = number('start', 1);
  const end = number('end', 10);
  const step = number('step', 1);
  if (start === undefined || end === undefined || step === undefined) return undefined;
  if (step === 0) return void problems.error(where, 'range parameter step must not be 0');
  if (Math.abs(step) > Math.abs(end - start)) return void problems.error(where, `range parameter step ${step} is larger than the range from ${start} to ${end}`);
  const steps = Math.abs(end - start) / Math.abs(step);
  if (Math.abs(steps - Math.round(steps)) > 1e-9) return void problems.error(where, `range parameter step ${step} does not divide the range from ${start} to ${end}`);
  const labels = parameters.tick_labelset;
  return { range: { start, end, step: Math.abs(step) }, ...(labels ? { labels } : {}) };
}
