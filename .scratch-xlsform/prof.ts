import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { listZipEntries, readZipEntries } from '/work/main/src/core/xlsform/zip';
import { parseXml } from '/work/main/src/core/xlsform/xml';
import { XMLParser } from 'fast-xml-parser';
const f = '/work/shared/xlsforms/pyxform/example_xls__extra_columns.xlsx';
const bytes = new Uint8Array(readFileSync(f));
for (let k = 0; k < 3; k++) {
let t = performance.now();
const e = listZipEntries(bytes, { maxEntries: 1000, maxUncompressed: 1e8 });
const parts = readZipEntries(bytes, e, ['xl/worksheets/sheet1.xml'], { maxEntries: 1000, maxUncompressed: 1e8 });
console.log('inflate', performance.now() - t); t = performance.now();
unzipSync(bytes); console.log('fflate unzip', performance.now() - t); t = performance.now();
const s = strFromU8(parts.get('xl/worksheets/sheet1.xml')!);
console.log('decode', performance.now() - t, s.length); t = performance.now();
parseXml(s); console.log('parse', performance.now() - t); t = performance.now();
new XMLParser({ignoreAttributes:false}).parse(s); console.log('plain fxp', performance.now() - t);
}
