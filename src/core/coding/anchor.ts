/**
 * Where a coded passage is in its source's text now. A passage remembers its span, its quote and a
 * little context on each side (./types.ts). When the text is edited later:
 * - the quote still at its span: 'ok';
 * - else the occurrence of the quote that best matches the context (then the nearest to the old
 *   start): 'moved', with its new span;
 * - the quote nowhere in the text: 'lost' (the passage is kept, and says so).
 * Pure and deterministic: every device computes the same anchor from the same text.
 */
import { CONTEXT, type PassageRecord } from './types';

export type Anchor = { status: 'ok' | 'moved'; start: number; end: number } | { status: 'lost' };

/** The quote and context of the span [start, end) of `text`: what a new passage records. */
export function spanOf(text: string, start: number, end: number): { start: number; end: number; quote: string; before: string; after: string } {
  const s = Math.max(0, Math.min(start, text.length));
  const e = Math.max(s, Math.min(end, text.length));
  return { start: s, end: e, quote: text.slice(s, e), before: text.slice(Math.max(0, s - CONTEXT), s), after: text.slice(e, e + CONTEXT) };
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

export function anchor(p: Pick<PassageRecord, 'start' | 'end' | 'quote' | 'before' | 'after'>, text: string | undefined): Anchor {
  if (text === undefined || p.quote === '') return { status: 'lost' };
  if (text.slice(p.start, p.end) === p.quote) return { status: 'ok', start: p.start, end: p.end };
  let best: { start: number; score: number; distance: number } | null = null;
  for (let i = text.indexOf(p.quote); i >= 0; i = text.indexOf(p.quote, i + 1)) {
    const score = commonSuffix(text.slice(Math.max(0, i - CONTEXT), i), p.before) + commonPrefix(text.slice(i + p.quote.length, i + p.quote.length + CONTEXT), p.after);
    const distance = Math.abs(i - p.start);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) best = { start: i, score, distance };
  }
  return best ? { status: 'moved', start: best.start, end: best.start + p.quote.length } : { status: 'lost' };
}

/** UTF-16 index -> Unicode character (code point) index in `text`, as REFI-QDA counts positions. */
export function codePointIndex(text: string, utf16: number): number {
  let n = 0;
  for (let i = 0; i < utf16 && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
