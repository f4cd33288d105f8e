/**
 * Where in an instrument a problem is, as a researcher reads it:
 * "sections[2].items[4] (q1_other): relevant". The innermost list entry that has a `name` is
 * followed by that name in parentheses, so the reader does not have to count items.
 */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

const clip = (s: string, n = 40) => (s.length > n ? `${s.slice(0, n)}...` : s);

function segmentText(segment: PathSegment, first: boolean): string {
  if (typeof segment === 'number') return `[${segment}]`;
  if (IDENTIFIER.test(segment) && segment.length <= 64) return first ? segment : `.${segment}`;
  return `[${JSON.stringify(clip(segment))}]`;
}

function nameOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const name: unknown = Object.prototype.hasOwnProperty.call(value, 'name') ? (value as { name: unknown }).name : undefined;
  return typeof name === 'string' && name !== '' ? clip(name) : undefined;
}

/** `root` is the document the segments walk through (raw JSON or a parsed instrument). */
export function formatPath(root: unknown, segments: readonly PathSegment[]): string {
  let value: unknown = root;
  let named = -1;
  let name: string | undefined;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as PathSegment;
    value =
      typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, segment)
        ? (value as Record<PathSegment, unknown>)[segment]
        : undefined;
    const n = typeof segment === 'number' ? nameOf(value) : undefined;
    if (n !== undefined) {
      named = i;
      name = n;
    }
  }
  const text = (from: number, to: number) =>
    segments
      .slice(from, to)
      .map((s, k) => segmentText(s, k === 0))
      .join('');
  if (named < 0) return text(0, segments.length);
  const head = `${text(0, named + 1)} (${name})`;
  return named + 1 < segments.length ? `${head}: ${text(named + 1, segments.length)}` : head;
}

/** "path: message", or the message alone at the root. */
export function at(root: unknown, segments: readonly PathSegment[], message: string): string {
  const where = formatPath(root, segments);
  return where ? `${where}: ${message}` : message;
}
