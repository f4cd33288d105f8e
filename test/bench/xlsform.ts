/** Importing XLSForms (bytes to validated instrument): a generated 500-question form, and the corpus. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { importXlsForm } from '../../src/core/xlsform/index';
import { makeLargeXlsForm } from '../fixtures/xlsform/generate';
import { XLSFORMS_DIR } from '../support/shared';

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

/**
 * What `dala form` does with a file of the public corpus (../shared/xlsforms), timed: read, convert,
 * validate, and write the instrument as JSON (or the list of problems). For the largest file of the
 * corpus, and for the largest one that opens.
 */
export function corpusFigures(reps = 5) {
  const forms = ['pyxform', 'field'].flatMap((dir) =>
    readdirSync(resolve(XLSFORMS_DIR, dir))
      .filter((f) => /\.xlsx?$/.test(f))
      .map((f) => ({ name: f, path: resolve(XLSFORMS_DIR, dir, f), bytes: statSync(resolve(XLSFORMS_DIR, dir, f)).size })),
  );
  forms.sort((a, b) => b.bytes - a.bytes);
  const time = (form: (typeof forms)[number]) => {
    const bytes = new Uint8Array(readFileSync(form.path));
    const ts: number[] = [];
    let opens = false;
    for (let i = 0; i < reps + 1; i++) {
      const t0 = performance.now();
      const r = importXlsForm(bytes, form.name);
      const out = r.ok ? JSON.stringify(r.instrument, null, 2) : r.problems.map((p) => p.message).join('\n');
      ts.push(performance.now() - t0);
      opens = r.ok && out.length > 0;
    }
    return { ...form, opens, first: ts[0]!, warm: ts.slice(1).sort((a, b) => a - b)[reps >> 1]! };
  };
  const largest = time(forms[0]!);
  const opening = forms.map((f) => ({ f, ok: importXlsForm(new Uint8Array(readFileSync(f.path)), f.name).ok })).find((x) => x.ok)!.f;
  return { largest, largestOpening: time(opening) };
}
