/**
 * The `appearance` column: layout hints, as ODK Collect and Enketo read them. Dala keeps every word
 * in the instrument (so nothing is lost) and draws the ones listed here; any other is a warning,
 * never a refusal: the question is shown in its usual form.
 */
import { lookup } from './lookup';

/**
 * The words of an appearance cell: split at white space outside parentheses, so a SurveyCTO
 * plug-in with parameters (`custom-table-grid(columns=3, header='x y')`) is one word.
 */
export function appearanceWords(cell: string): string[] {
  const words: string[] = [];
  let current = '';
  let depth = 0;
  let quote = '';
  for (const ch of cell.trim()) {
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"') {
      if (depth > 0) quote = ch;
    } else if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (/\s/.test(ch) && depth === 0) {
      if (current) words.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  if (current) words.push(current);
  return words;
}

const SELECT = ['minimal', 'autocomplete', 'search-free', 'horizontal', 'horizontal-compact', 'compact', 'columns', 'columns-pack', 'quick', 'label', 'list-nolabel', 'list', 'no-buttons', 'likert'];

/** What Dala draws, by the kind of row ("select_one", "range", "group", ...). `columns-N` is matched apart. */
const DRAWN: ReadonlyMap<string, ReadonlySet<string>> = lookup({
  text: new Set(['multiline', 'numbers']),
  integer: new Set(['thousands-sep', 'numbers']),
  decimal: new Set(['thousands-sep', 'numbers']),
  date: new Set(['no-calendar', 'month-year', 'year']),
  datetime: new Set(['no-calendar']),
  select_one: new Set(SELECT),
  select_multiple: new Set(SELECT.filter((w) => w !== 'quick' && w !== 'likert')),
  rank: new Set<string>(),
  range: new Set(['vertical', 'no-ticks', 'picker', 'rating', 'distress']),
  group: new Set(['field-list', 'table-list', 'likert']),
  // Version 3, media (src/ui/components/MediaField.tsx)
  image: new Set(['new', 'new-front', 'signature', 'draw', 'annotate']),
  audio: new Set(['new']),
  video: new Set(['new', 'new-front']),
  // Location: no map tiles are fetched (no other origin, ever); `maps` and `placement-map` show the
  // points on a small sketch and take the device's fix or typed coordinates (docs/xlsform.md).
  geopoint: new Set(['maps', 'placement-map', 'hide-input']),
  geotrace: new Set<string>(),
  geoshape: new Set<string>(),
});

/** Whether Dala draws appearance `word` (as written; compared in lower case) on a row of `kind`. */
export function drawn(kind: string, word: string): boolean {
  const w = word.toLowerCase();
  if ((kind === 'select_one' || kind === 'select_multiple') && /^columns-[1-9][0-9]?$/.test(w)) return true;
  // search('file', ...): the choices come from an attached file (./external.ts).
  if ((kind === 'select_one' || kind === 'select_multiple') && /^search\s*\(/.test(w)) return true;
  return DRAWN.get(kind)?.has(w) ?? false;
}
