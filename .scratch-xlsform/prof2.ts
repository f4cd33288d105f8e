import { readFileSync } from 'node:fs';
import { readXlsx } from '../src/core/xlsform/xlsx';
import { convertXlsForm, isFormSheet } from '../src/core/xlsform/convert';
const f = '/work/shared/xlsforms/pyxform/example_xls__xlsform_spec_test.xlsx';
const bytes = new Uint8Array(readFileSync(f));
for (let k = 0; k < 5; k++) {
  let t = performance.now();
  const wb = readXlsx(bytes, 'x.xlsx', { wanted: isFormSheet });
  const t1 = performance.now() - t; t = performance.now();
  convertXlsForm(wb, 'x.xlsx');
  console.log('read', t1.toFixed(1), 'convert', (performance.now() - t).toFixed(1));
}
