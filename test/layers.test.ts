/**
 * The layer rule of src/README.md, checked on every import of src/: ui -> app -> adapters -> core.
 * core imports nothing outside itself; adapters only core; app only adapters and core; workers and
 * cli only adapters and core (never ui or app); ui anything but cli and workers (it loads workers by
 * URL, not by import). A type-only import counts like any other: a layer must not know what is above it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../src');
const ALLOWED: Record<string, readonly string[]> = {
  core: ['core'],
  adapters: ['adapters', 'core'],
  app: ['app', 'adapters', 'core', 'workers'],
  workers: ['workers', 'adapters', 'core'],
  cli: ['cli', 'adapters', 'core'],
  ui: ['ui', 'app', 'adapters', 'core'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(f) ? [p] : [];
  });
}

/** The layer of a file of src/ (its first folder), or '' for src/main.tsx and src/globals.d.ts. */
const layerOf = (file: string) => (relative(SRC, file).includes(sep) ? relative(SRC, file).split(sep)[0]! : '');

describe('the layers of src/', () => {
  it('every import goes down the layers: ui -> app -> adapters -> core (workers and cli over adapters and core)', () => {
    const wrong: string[] = [];
    for (const file of files(SRC)) {
      const from = layerOf(file);
      if (!from) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|new URL\(\s*['"](\.[^'"]+)['"]/g)) {
        if (m[3]) {
          // new URL('./x.worker.ts', import.meta.url) loads a worker or an asset by address: it must be there.
          expect(existsSync(resolve(dirname(file), m[3])), `${relative(SRC, file)}: ${m[3]}`).toBe(true);
          continue;
        }
        const spec = m[1] ?? m[2];
        if (!spec) continue;
        const to = layerOf(resolve(dirname(file), spec));
        if (!to) continue;
        if (!ALLOWED[from]!.includes(to)) wrong.push(`${relative(SRC, file)} imports ${spec} (${from} -> ${to})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('knows every folder of src/', () => {
    const folders = readdirSync(SRC).filter((f) => statSync(join(SRC, f)).isDirectory());
    expect(folders.sort()).toEqual(Object.keys(ALLOWED).sort());
  });
});
