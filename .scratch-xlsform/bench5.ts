import { readXlsx } from '../src/core/xlsform/xlsx';
import { convertXlsForm, isFormSheet } from '../src/core/xlsform/convert';
import { listZipEntries, readZipEntries } from '../src/core/xlsform/zip';
import { makeLargeXlsForm } from '../test/fixtures/xlsform/generate';
import { inflateSync } from 'fflate';
const bytes = makeLargeXlsForm(500);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const lim = { maxEntries: 1000, maxUncompressed: 1e8 };
for (let k = 0; k < 4; k++) {
  let c = cpu(); let t = performance.now();
  const e = listZipEntries(bytes, lim);
  const parts = readZipEntries(bytes, e, e.map((x) => x.name), lim);
  const z1 = cpu() - c; c = cpu();
  for (const en of e) { const at = en.localHeaderOffset; const start = at + 30 + (bytes[at+26]! | bytes[at+27]! << 8) + (bytes[at+28]! | bytes[at+29]! << 8); inflateSync(bytes.subarray(start, start + en.compressedSize), { out: new Uint8Array(en.uncompressedSize) }); }
  const z2 = cpu() - c; c = cpu(); t = performance.now();
  const wb = readXlsx(bytes, 'x.xlsx', { wanted: isFormSheet });
  const a = cpu() - c; const aw = performance.now() - t; c = cpu(); t = performance.now();
  const r = convertXlsForm(wb, 'x.xlsx');
  const b = cpu() - c; const bw = performance.now() - t;
  console.log(`mine-inflate cpu ${z1.toFixed(0)} inflateSync cpu ${z2.toFixed(0)} | read cpu ${a.toFixed(0)} wall ${aw.toFixed(0)} | convert cpu ${b.toFixed(0)} wall ${bw.toFixed(0)}`, [...parts.values()].reduce((n, p) => n + p.length, 0));
}
