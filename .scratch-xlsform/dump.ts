import { readFileSync, readdirSync } from 'node:fs';
import { readXlsx } from '/work/main/src/core/xlsform/xlsx';
const dir = '/work/shared/xlsforms/pyxform/';
for (const f of readdirSync(dir).filter((f) => f.endsWith('.xlsx'))) {
  const t = performance.now();
  const wb = readXlsx(new Uint8Array(readFileSync(dir + f)), f);
  console.log('=====', f, (performance.now() - t).toFixed(1), 'ms', 'other:', wb.otherSheets);
  for (const s of wb.sheets) {
    console.log('--- sheet', s.name);
    for (const r of s.rows) console.log(r.row, JSON.stringify(r.cells));
  }
}
