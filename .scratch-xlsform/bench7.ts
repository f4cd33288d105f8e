import { strFromU8 } from 'fflate';
import { listZipEntries, readZipEntries } from '../src/core/xlsform/zip';
import { scanXml } from '../src/core/xlsform/xml-scan';
import { readXlsx } from '../src/core/xlsform/xlsx';
import { makeLargeXlsForm } from '../test/fixtures/xlsform/generate';
const bytes = makeLargeXlsForm(500);
const lim = { maxEntries: 1000, maxUncompressed: 1e8 };
const e = listZipEntries(bytes, lim);
const parts = readZipEntries(bytes, e, ['xl/worksheets/sheet1.xml'], lim);
const xml = strFromU8(parts.get('xl/worksheets/sheet1.xml')!);
console.log('xml length', xml.length);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (let k = 0; k < 6; k++) {
  let c = cpu();
  let n = 0;
  scanXml(xml, { open() { n++; }, close() {}, text() {}, wantText: () => false });
  const a = cpu() - c; c = cpu();
  strFromU8(parts.get('xl/worksheets/sheet1.xml')!);
  const b = cpu() - c; c = cpu();
  readXlsx(bytes, 'x.xlsx');
  const d = cpu() - c;
  console.log('scan', a.toFixed(1), 'decode', b.toFixed(1), 'readXlsx', d.toFixed(1), n);
}
