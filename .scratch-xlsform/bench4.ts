import { readXlsx } from '../src/core/xlsform/xlsx';
import { convertXlsForm, isFormSheet } from '../src/core/xlsform/convert';
import { makeLargeXlsForm } from '../test/fixtures/xlsform/generate';
const bytes = makeLargeXlsForm(500);
for (let k = 0; k < 4; k++) {
  let t = performance.now();
  const wb = readXlsx(bytes, 'x.xlsx', { wanted: isFormSheet });
  const a = performance.now() - t; t = performance.now();
  const r = convertXlsForm(wb, 'x.xlsx');
  const b = performance.now() - t;
  console.log('read', a.toFixed(1), 'convert', b.toFixed(1), 'total', (a + b).toFixed(1), r.ok);
}
