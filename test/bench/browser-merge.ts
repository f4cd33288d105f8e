/**
 * Merging N encrypted bundles in headless Chromium: the same bundles as the Node figure
 * (bundles.ts), built into a small page with Vite, served on loopback; time and peak JS heap of the
 * floor (decrypt + parse + validate every file) and of the merge, and their ratio.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { build } from 'vite';
import { encryptBundle, generateIdentity } from '../../src/adapters/crypto-age/index';
import { launch, ROOT } from '../e2e/support/browser';
import { generate, type BundleBenchSize } from './bundles';

export async function browserMergeFigures(size: BundleBenchSize = { bundles: 200, responses: 500, items: 30 }) {
  const dir = mkdtempSync(join(tmpdir(), 'dala-bench-browser-'));
  try {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="./entry.ts"></script>');
    writeFileSync(join(dir, 'entry.ts'), `import ${JSON.stringify(join(ROOT, 'test/bench/browser-merge-entry.ts'))};\n`);
    await build({ root: dir, configFile: false, logLevel: 'silent', build: { outDir: join(dir, 'out'), target: 'es2022' } });
    const id = await generateIdentity();
    mkdirSync(join(dir, 'out/files'));
    const texts = generate(size);
    let bytes = 0;
    for (const [i, text] of texts.entries()) {
      const enc = await encryptBundle(text, { recipients: [id.recipient] });
      bytes += enc.length;
      writeFileSync(join(dir, `out/files/${i}.age`), enc);
    }
    const out = join(dir, 'out');
    const server = createServer((req, res) => {
      const path = join(out, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
      const file = path.endsWith('/') ? join(path, 'index.html') : path;
      if (!file.startsWith(out) || !existsSync(file)) return void res.writeHead(404).end();
      const type = extname(file) === '.js' ? 'text/javascript' : extname(file) === '.html' ? 'text/html' : 'application/octet-stream';
      res.writeHead(200, { 'content-type': type }).end(readFileSync(file));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const browser = await launch(['--enable-precise-memory-info', '--js-flags=--max-old-space-size=6144']);
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await page.waitForFunction(() => 'bench' in window);
      const r = await page.evaluate(
        ([n, identity]) => (window as unknown as { bench: (n: number, i: string) => Promise<unknown> }).bench(n, identity),
        [texts.length, id.identity] as const,
      );
      return { size, bytes, ...(r as { floor: { ms: number; runs: number[]; peakHeapMb: number }; merge: { ms: number; mergeMs: number; peakHeapMb: number; responses: number } }) };
    } finally {
      await browser.close();
      server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
