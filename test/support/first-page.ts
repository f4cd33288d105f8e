/**
 * Gzipped JS + CSS the first page loads: index.html's module script, its static imports and CSS.
 * The bench prints it (issue 2's budget); the e2e build check lists the first page's scripts with it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export function firstPageSize(dist: string): { files: { file: string; gzip: number }[]; total: number } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = new Set<string>();
  for (const m of html.matchAll(/<script[^>]+src="\/?([^"]+)"/g)) refs.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]+rel="(?:stylesheet|modulepreload)"[^>]+href="\/?([^"]+)"/g)) refs.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]+href="\/?([^"]+)"[^>]+rel="(?:stylesheet|modulepreload)"/g)) refs.add(m[1]!);
  // Static imports of the entry chunk are loaded before the first render too.
  const queue = [...refs].filter((r) => r.endsWith('.js'));
  while (queue.length) {
    const f = queue.shift()!;
    const src = readFileSync(join(dist, f), 'utf8');
    for (const m of src.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) {
      const dep = join(f, '..', m[1]!).replace(/\\/g, '/');
      if (!refs.has(dep)) {
        refs.add(dep);
        queue.push(dep);
      }
    }
  }
  const files = [...refs].filter((f) => /\.(js|css)$/.test(f)).map((file) => ({ file, gzip: gzipSync(readFileSync(join(dist, file)), { level: 9 }).length }));
  return { files, total: files.reduce((n, f) => n + f.gzip, 0) };
}
