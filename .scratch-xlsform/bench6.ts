import { listZipEntries, readZipEntries } from '../src/core/xlsform/zip';
import { makeLargeXlsForm } from '../test/fixtures/xlsform/generate';
import { inflateSync } from 'fflate';
const bytes = makeLargeXlsForm(500);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const lim = { maxEntries: 1000, maxUncompressed: 1e8 };
const e = listZipEntries(bytes, lim);
const mode = process.argv[2];
for (let k = 0; k < 3; k++) {
  const c = cpu();
  if (mode === 'mine') readZipEntries(bytes, e, e.map((x) => x.name), lim);
  else for (const en of e) { const at = en.localHeaderOffset; const start = at + 30 + (bytes[at+26]! | bytes[at+27]! << 8) + (bytes[at+28]! | bytes[at+29]! << 8); inflateSync(bytes.subarray(start, start + en.compressedSize), { out: new Uint8Array(en.uncompressedSize) }); }
  console.log(mode, (cpu() - c).toFixed(1));
}
