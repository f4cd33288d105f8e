/** Importing a 500-question XLSForm (bytes to validated instrument). */
import { importXlsForm } from '../../src/core/xlsform/index';
import { makeLargeXlsForm } from '../fixtures/xlsform/generate';

export function xlsformFigures(questions = 500, reps = 5) {
  const bytes = makeLargeXlsForm(questions);
  const ts: number[] = [];
  let items = 0;
  for (let i = 0; i < reps + 1; i++) {
    const t0 = performance.now();
    const r = importXlsForm(bytes, 'large.xlsx');
    const t = performance.now() - t0;
    if (!r.ok) throw new Error('the benchmark form did not import: ' + JSON.stringify(r.problems.slice(0, 3)));
    items = r.instrument.sections.reduce((n, s) => n + s.items.length, 0);
    ts.push(t);
  }
  const first = ts[0]!;
  const warm = ts.slice(1).sort((a, b) => a - b)[reps >> 1]!;
  return { bytes: bytes.length, items, first, warm };
}
