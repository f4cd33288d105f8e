/**
 * `npm run bench`: every figure the issues name, with its budget or baseline and the ratio.
 * Run after `vite build` (the npm script does it).
 */
import { join } from 'node:path';
import { ROOT } from '../e2e/support/browser';
import { firstPageSize } from '../support/first-page';
import { browserFigures } from './browser-figures';
import { scoringFigures } from './scoring';
import { corpusFigures, xlsformFigures } from './xlsform';
import { bundleFigures, printBundleFigures } from './bundles';
import { browserMergeFigures } from './browser-merge';
import { linkFigures, smallLinkFigures } from './link';
import { regexFigures } from './regex';
import { mediaFigures, printMediaFigures } from './media';
import { printRecordingFigures, recordingFigures } from './recording';
import { lockFigures } from './lock';
import { DEFAULT_KDF } from '../../src/adapters/storage-idb/lock-record';
import { browserOpenFigures, largeListFirstQuestion } from './external';
import { repeatFigures } from './repeats';
import { transcriptFigures } from './transcript';
import { repeatBrowserFigures } from './repeats-browser';

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
    // BENCH_ROUNDS: more rounds than the 21 by default, for a narrower interval.
    const rounds = Number(process.env.BENCH_ROUNDS ?? 21);
    if (!Number.isInteger(rounds) || rounds < 5) throw new Error(`BENCH_ROUNDS must be a whole number of at least 5, not ${process.env.BENCH_ROUNDS}`);
    const b = await browserFigures(rounds);
    const x = (a: number, b: number) => (a / b).toFixed(2) + 'x';
    line('first question usable (painted), offline, CPU 4x: Dala', ms(b.dala.painted), '');
    line('  same: plain DOM', ms(b.plain.painted), 'hand-written page and service worker');
    line('  same: plain DOM online, no service worker', ms(b.plainOnline.painted), 'for comparison: no page opens offline without one');
    line('  ratio Dala / plain DOM', x(b.dala.painted, b.plain.painted), 'budget 1.3x (SurveyJS 3.2x, ODK Web Forms 5.4x)');
    const interval = ([lo, hi]: [number, number]) => `95% interval ${lo.toFixed(2)}-${hi.toFixed(2)}x`;
    line('  same, median of the paired rounds', b.paired.painted.toFixed(2) + 'x', `budget 1.3x; ${interval(b.pairedInterval.painted)}, ${rounds} rounds`);
    line('first question in the DOM, not yet painted: Dala', ms(b.dala.dom), '');
    line('  same: plain DOM', ms(b.plain.dom), '');
    line('  ratio Dala / plain DOM', x(b.dala.dom, b.plain.dom), `paired ${b.paired.dom.toFixed(2)}x, ${interval(b.pairedInterval.dom)}; what sessions before 4 reported`);
    for (const [k, v] of Object.entries(b.marks)) line(`  Dala start-up, median time of "${k}"`, ms(v), '');
    line('answer given -> durable in IndexedDB, p50', ms(b.durableP50), '');
    line('answer given -> durable in IndexedDB, p95', ms(b.durableP95), `budget 50 ms: ${(b.durableP95 / 50).toFixed(2)}x`);
  }

  if (want('repeats')) {
    console.log('\n# Repeats (issue 15)');
    const r = repeatFigures();
    line(`form state, ${r.instances} repeat instances, after an answer, p50`, ms(r.p50), '');
    line('  same, p95', ms(r.p95), `of the 50 ms budget for an answer durable: ${(r.p95 / 50).toFixed(2)}x`);
    const rounds = Number(process.env.BENCH_ROUNDS ?? 21);
    const rb = await repeatBrowserFigures(rounds);
    line(`${rb.instances} members entered in the runner (add, name), setup`, `${rb.entrySeconds.toFixed(1)} s`, 'unthrottled, for orientation');
    line(`answer given in an instance -> durable, ${rb.instances} instances, p50`, ms(rb.durableP50), '');
    line('  same, p95', ms(rb.durableP95), `budget 50 ms: ${(rb.durableP95 / 50).toFixed(2)}x`);
    const f = rb.first;
    line(`first question, ${rb.instances} instances, offline, CPU 4x: Dala`, ms(f.dala.painted), '');
    line('  same: plain DOM (the 200 titles, the open one\'s questions)', ms(f.plain.painted), '');
    line('  ratio, median of the paired rounds', f.paired.painted.toFixed(2) + 'x', `budget 1.3x; 95% interval ${f.pairedInterval.painted[0].toFixed(2)}-${f.pairedInterval.painted[1].toFixed(2)}x, ${rounds} rounds`);
  }

  if (want('lock')) {
    console.log('\n# Data locked at rest (issue 14), headless Chromium, CPU 4x, offline');
    const rounds = Number(process.env.BENCH_LOCK_ROUNDS ?? 9);
    if (!Number.isInteger(rounds) || rounds < 3) throw new Error(`BENCH_LOCK_ROUNDS must be a whole number of at least 3, not ${process.env.BENCH_LOCK_ROUNDS}`);
    const l = await lockFigures(rounds);
    line(`unlock: the key work, scrypt N=2^${DEFAULT_KDF.logN} r=${DEFAULT_KDF.r} p=${DEFAULT_KDF.p}, CPU 4x`, ms(l.kdfThrottled), `goal 500-1000 ms on a mid-range phone; ${l.rounds} runs, ${ms(l.kdfThrottledRange[0])}-${ms(l.kdfThrottledRange[1])}`);
    line('  same, in the app (its worker is not throttled)', ms(l.kdf), `median of the rounds below, ${ms(l.kdfRange[0])}-${ms(l.kdfRange[1])}; once not throttled at all: ${ms(l.kdfUnthrottled)}`);
    line('  the whole unlock (counted try, key, records opened)', ms(l.unlock), '');
    line('first question after unlock (Unlock click to the question painted)', ms(l.afterUnlock), 'the key work included');
    line('  plain DOM page', ms(l.plain), 'the page of test/bench/plain-page.ts, offline');
    line('  per round: after unlock / (1.3 x plain DOM + its key work)', l.afterOfBudget.toFixed(2) + 'x', `budget 1x; 95% interval ${l.afterOfBudgetInterval[0].toFixed(2)}-${l.afterOfBudgetInterval[1].toFixed(2)}x`);
    line('  the whole way: lock screen painted + after unlock (typing not counted)', ms(l.dala), `${ms(l.lockPainted)} + ${ms(l.afterUnlock)}; per round over the same budget (one page load allowed for both): ${l.ofBudget.toFixed(2)}x, 95% interval ${l.ofBudgetInterval[0].toFixed(2)}-${l.ofBudgetInterval[1].toFixed(2)}x`);
    line('answer given -> durable, sealed, p50', ms(l.durableP50), '');
    line('answer given -> durable, sealed, p95', ms(l.durableP95), `budget 50 ms: ${(l.durableP95 / 50).toFixed(2)}x`);
  }

  if (want('transcript')) {
    console.log('\n# Transcription view of a 60-minute recording (issue 17), headless Chromium');
    const f = await transcriptFigures();
    line(`open the view: ${f.paragraphs} paragraphs, 60-min audio playable`, ms(f.open), `budget 1000 ms: ${(f.open / 1000).toFixed(3)}x; median of ${f.rounds}, ${ms(f.openRange[0])}-${ms(f.openRange[1])}`);
    line('  fresh page load of the view (audio not yet opened)', ms(f.cold), `budget 1000 ms: ${(f.cold / 1000).toFixed(3)}x`);
    line(`  the 60-min WAV (${(f.audioBytes / 1e6).toFixed(1)} MB) chosen -> playable`, ms(f.audio), `budget 1000 ms: ${(f.audio / 1000).toFixed(3)}x`);
  }

  if (want('xlsform')) {
    console.log('\n# XLSForm import (issue 3)');
    const x = xlsformFigures();
    line(`import a 500-question XLSForm (${kb(x.bytes)}, ${x.items} items), first`, ms(x.first), `budget 1000 ms: ${(x.first / 1000).toFixed(3)}x`);
    line('  same, warm (median of 5)', ms(x.warm), `budget 1000 ms: ${(x.warm / 1000).toFixed(3)}x`);
    console.log('\n# XLSForm corpus in `dala form` (issue 16): read, convert, validate, write JSON');
    const c = corpusFigures();
    for (const [what, f] of [['largest form of the corpus', c.largest], ['largest form that opens', c.largestOpening]] as const) {
      line(`${what} (${kb(f.bytes)}, ${f.opens ? 'opens' : 'refused'}), first`, ms(f.first), `budget 1000 ms: ${(f.first / 1000).toFixed(3)}x`);
      line(`  ${f.name.slice(0, 48)}, warm (median of 5)`, ms(f.warm), `budget 1000 ms: ${(f.warm / 1000).toFixed(3)}x`);
    }
  }

  if (want('external')) {
    console.log('\n# Large forms and lists in the browser (issue 16), headless Chromium');
    for (const f of await browserOpenFigures()) {
      const what = f.opens ? `opens: ${f.items} items, ${f.choices.toLocaleString('en')} choices` : 'refused: its problems shown';
      line(`open ${f.name.slice(0, 40)} (${kb(f.bytes)})`, ms(f.ms), `budget 1000 ms: ${(f.ms / 1000).toFixed(3)}x; ${what}; median of 5`);
    }
    const b = await largeListFirstQuestion(Number(process.env.BENCH_ROUNDS ?? 11));
    const x = (a: number, c: number) => (a / c).toFixed(2) + 'x';
    line('first question: 5,000 unions from a CSV, painted: Dala', ms(b.dala.painted), 'offline, CPU 4x');
    line('  same: plain DOM (all 5,000 drawn)', ms(b.plain.painted), 'hand-written page and service worker');
    line('  ratio Dala / plain DOM', x(b.dala.painted, b.plain.painted), `budget 1.3x; paired ${b.paired.painted.toFixed(2)}x`);
  }

  if (want('regex')) {
    console.log('\n# regex() without backtracking (issue 14, item 6), Node');
    const r = regexFigures();
    line(`a*a*a*a*a*a*a*a*a*a*a*a*b on ${r.length.toLocaleString('en')} a's, first`, ms(r.first), `budget 50 ms: ${(r.first / 50).toFixed(2)}x`);
    line('  same, warm (median of 7)', ms(r.warm), `budget 50 ms: ${(r.warm / 50).toFixed(2)}x`);
    line('  steps of the search', r.steps.toLocaleString('en'), `bound 2 x program x (length + 1) = ${r.bound.toLocaleString('en')}`);
    line("  JavaScript's RegExp on only 20 a's", ms(r.jsShort), 'for comparison: backtracking');
  }

  if (want('scoring')) {
    console.log('\n# Scoring (issue 4): 100,000 respondents x 20 Likert items, 4 scales, 3-level group, Node');
    const s = scoringFigures();
    line('floor: one pass reading every item value', ms(s.floor), '');
    line('scoreStudy, first call', ms(s.first), `budget 1000 ms: ${(s.first / 1000).toFixed(2)}x; ${(s.first / s.floor).toFixed(1)}x the floor`);
    line('scoreStudy, warm (median of 5)', ms(s.warm), `budget 1000 ms: ${(s.warm / 1000).toFixed(2)}x; ${(s.warm / s.floor).toFixed(1)}x the floor`);
  }

  if (want('bundles')) {
    console.log('\n# Encrypted bundles (issue 5), Node');
    printBundleFigures(await bundleFigures(), line);
    console.log('\n# Encrypted bundles (issue 5), headless Chromium');
    const c = await browserMergeFigures();
    const sec = (x: number) => (x / 1000).toFixed(2) + ' s';
    line(`bundles: ${c.size.bundles} x ${c.size.responses} x ${c.size.items}`, `${(c.bytes / 2 ** 20).toFixed(1)} MiB`, 'the same generator as in Node');
    line('floor: decrypt + parse + validate every file', sec(c.floor.ms), `runs ${c.floor.runs.map(sec).join(' and ')}; peak JS heap ${c.floor.peakHeapMb.toFixed(0)} MiB`);
    line('merge: the same + merge into one dataset', sec(c.merge.ms), `merge itself ${sec(c.merge.mergeMs)}; ${c.merge.responses} responses; peak JS heap ${c.merge.peakHeapMb.toFixed(0)} MiB`);
    line('  ratio merge / floor', (c.merge.ms / c.floor.ms).toFixed(2) + 'x', 'budget 2x');
  }

  if (want('link')) {
    console.log('\n# Study links (issue 6)');
    for (const [name, f] of [['demo study', linkFigures()], ['likert-demo.xlsx', smallLinkFigures()]] as const) {
      line(`${name}: plain JSON`, `${f.plainJsonBytes} B`, '');
      line(`${name}: link`, `${f.linkLength} chars`, `${f.ratio.toFixed(3)}x the JSON (${f.savingPercent.toFixed(1)}% shorter; goal at least 30%)`);
      line(`${name}: QR code`, f.qr.fits ? `version ${f.qr.version}` : 'does not fit', f.qr.fits ? `${f.qr.modules}x${f.qr.modules} modules` : `a QR code holds at most ${f.qr.max} bytes; the app offers the link or a file`);
    }
  }

  if (want('media')) {
    console.log('\n# Bundles with media (issue 15), in Node with the app\'s core and adapters');
    // MEDIA_MB: less than the 500 MB of the issue, for a quick look.
    printMediaFigures(await mediaFigures(Number(process.env.MEDIA_MB ?? 500)), line);
  }

  if (want('recording')) {
    console.log('\n# A 60-minute interview recording (issue 17), in Node: the blob store over fake-indexeddb, the app\'s export and import');
    // RECORDING_MINUTES: shorter, for a quick look.
    printRecordingFigures(await recordingFigures(Number(process.env.RECORDING_MINUTES ?? 60)), line);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
