/** Which instances of a long repeat list the runner draws (./RepeatBlock.tsx). */

/**
 * Instances drawn at once in a long list, around the open one (as a searched choice list draws 20
 * choices at a time); "Show earlier" and "Show later" draw more, 80 at a time.
 */
export const INSTANCES_AT_ONCE = 20;

/** The instances drawn: `base` (the last window, or one asked for) while it holds the open one, else a window around it. */
export function instanceWindow(n: number, open: number, base: { start: number; end: number } | null): { start: number; end: number } {
  if (n <= INSTANCES_AT_ONCE) return { start: 0, end: n };
  if (base && (open < 0 || (open >= base.start && open < base.end))) {
    const end = Math.min(base.end, n);
    return { start: Math.max(0, Math.min(base.start, end - INSTANCES_AT_ONCE)), end };
  }
  const start = Math.max(0, Math.min((open < 0 ? 0 : open) - INSTANCES_AT_ONCE / 2, n - INSTANCES_AT_ONCE));
  return { start, end: start + INSTANCES_AT_ONCE };
}
