import { importXlsForm } from '../src/core/xlsform/index';
import { makeLargeXlsForm } from '../test/fixtures/xlsform/generate';
for (const shared of [false, true]) {
  const bytes = makeLargeXlsForm(500, { sharedStrings: shared });
  console.log('size', bytes.length, 'shared', shared);
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    const r = importXlsForm(bytes, 'large.xlsx');
    const ms = performance.now() - t;
    console.log(k, ms.toFixed(1), 'ms', r.ok, r.ok ? r.instrument.sections.reduce((n, s) => n + s.items.length, 0) + ' items, ' + r.warnings.length + ' warnings' : r.problems.slice(0, 3));
  }
}
