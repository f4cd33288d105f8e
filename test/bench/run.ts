/**
 * `npm run bench`: every figure the issues name, with its budget or baseline and the ratio.
 * Run after `vite build` (the npm script does it).
 */
import { join } from 'node:path';
import { ROOT } from '../e2e/support/browser';
import { firstPageSize } from './bundle-size';
import { browserFigures } from './browser-figures';

const kb = (n: number) => (n / 1024).toFixed(1) + ' KB';
const ms = (n: number) => n.toFixed(1) + ' ms';
const line = (name: string, value: string, compare: string) => console.log(`${name.padEnd(52)} ${value.padStart(12)}   ${compare}`);

async function main() {
  const only = process.argv.slice(2);
  const want = (k: string) => only.length === 0 || only.includes(k);

  if (want('foundation')) {
    console.log('\n# Foundation (issue 2)');
    const size = firstPageSize(join(ROOT, 'dist'));
    for (const f of size.files) console.log(`   ${f.file.padEnd(48)} ${kb(f.gzip).padStart(12)}`);
    line('first page, gzipped JS + CSS', kb(size.total), `budget 60 KB: ${(size.total / 1024 / 60).toFixed(2)}x; SurveyJS 374 KB: ${(size.total / 1024 / 374).toFixed(3)}x; ODK Web Forms 1.3 MB: ${(size.total / 1024 / 1331).toFixed(3)}x`);
    const b = await browserFigures();
    line('first question usable, offline, CPU 4x: Dala', ms(b.firstUsableDala!), '');
    line('first question usable, offline, CPU 4x: plain DOM', ms(b.firstUsablePlain!), '');
    line('  ratio Dala / plain DOM', (b.firstUsableDala! / b.firstUsablePlain!).toFixed(2) + 'x', 'budget 1.3x (SurveyJS 3.2x, ODK Web Forms 5.4x)');
    line('answer given -> durable in IndexedDB, p50', ms(b.durableP50!), '');
    line('answer given -> durable in IndexedDB, p95', ms(b.durableP95!), `budget 50 ms: ${(b.durableP95! / 50).toFixed(2)}x`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
