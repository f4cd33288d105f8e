/**
 * The scale table of a score report as CSV (RFC 4180, "\n" line ends): one row per scale with
 * name, items and reversed (space-separated item names), n, mean, sd, median, min, max, alpha, alphaN.
 * Numbers are written in full precision (shortest round-trip form); a null figure is an empty cell.
 */
import type { ScoreReport } from './report';

const HEADER = ['scale', 'items', 'reversed', 'n', 'mean', 'sd', 'median', 'min', 'max', 'alpha', 'alphaN'];

function cell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function scaleTableCsv(report: ScoreReport): string {
  const lines = [HEADER.join(',')];
  for (const s of report.scales) {
    lines.push(
      [s.name, s.items.join(' '), s.reversed.join(' '), s.n, s.mean, s.sd, s.median, s.min, s.max, s.alpha, s.alphaN]
        .map(cell)
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}
