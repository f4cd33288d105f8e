import { readFileSync } from 'node:fs';
import { inflateSync, strFromU8 } from 'fflate';
import { listZipEntries, readZipEntries } from '../src/core/xlsform/zip';
import { scanXml } from '../src/core/xlsform/xml-scan';
const f = '/work/shared/xlsforms/pyxform/example_xls__xlsform_spec_test.xlsx';
const bytes = new Uint8Array(readFileSync(f));
const lim = { maxEntries: 1000, maxUncompressed: 1e8 };
const e = listZipEntries(bytes, lim);
const names = ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml'];
for (let k = 0; k < 6; k++) {
  let t = performance.now();
  const parts = readZipEntries(bytes, e, names, lim);
  const a = performance.now() - t; t = performance.now();
  for (const n of names) { const en = e.find((x) => x.name === n)!; const at = en.localHeaderOffset; const start = at + 30 + (bytes[at+26]! | bytes[at+27]! << 8) + (bytes[at+28]! | bytes[at+29]! << 8); inflateSync(bytes.subarray(start, start + en.compressedSize), { out: new Uint8Array(en.uncompressedSize) }); }
  const b = performance.now() - t; t = performance.now();
  const strs = [...parts.values()].map((p) => strFromU8(p));
  const c = performance.now() - t; t = performance.now();
  let cnt = 0;
  for (const s of strs) scanXml(s, { open() { cnt++; }, close() {}, text() {}, wantText: () => false });
  const d = performance.now() - t;
  console.log('mine', a.toFixed(1), 'inflateSync', b.toFixed(1), 'decode', c.toFixed(1), 'scan', d.toFixed(1), cnt);
}
