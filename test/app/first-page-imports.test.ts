/**
 * What the first page loads, read from the sources' static imports (test/support/static-imports.ts),
 * the same graph the build follows: anything it reaches is in the first page's scripts, before the
 * first question shows. test/e2e/interview-offline.test.ts checks the built scripts themselves.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enFirst } from '../../src/app/i18n/en-first';
import { en } from '../../src/app/i18n/en';
import { staticImports, translatedLiterals } from '../support/static-imports';

const ROOT = resolve(import.meta.dirname, '../..');
const first = staticImports(ROOT, 'src/main.tsx');

describe('the first page', () => {
  it('has the expression language, but none of the function groups loaded on demand', () => {
    expect(first).toContain('src/core/expr/parser.ts');
    expect(first).toContain('src/core/expr/functions.ts');
    // A group (or all-functions.ts, which imports them all) imported statically from anything the
    // first page loads would put it there: load it with loadFunctions/prepareInstrument instead.
    expect([...first].filter((f) => f.startsWith('src/core/expr/groups/') || f === 'src/core/expr/all-functions.ts')).toEqual([]);
  });

  it("has the English words it draws, and no other screen's: every key its modules pass to t() is in en-first.ts", () => {
    expect([...first].filter((f) => f.startsWith('src/app/i18n/'))).toEqual(['src/app/i18n/index.ts', 'src/app/i18n/en-first.ts'].filter((f) => first.has(f)));
    expect(first).toContain('src/app/i18n/en-first.ts');
    expect(first).not.toContain('src/app/i18n/en.ts');
    const drawn = new Map<string, string>();
    for (const f of first) for (const key of translatedLiterals(readFileSync(join(ROOT, f), 'utf8'))) drawn.set(key, f);
    // A key of a later screen drawn by the first page: move it (in all three languages) from
    // en.ts, ru.ts, kk.ts to en-first.ts, ru-first.ts, kk-first.ts, or load that part lazily.
    const later = [...drawn].filter(([key]) => Object.hasOwn(en, key)).map(([key, f]) => `${key} (${f})`);
    expect(later).toEqual([]);
    // The test reads the calls it should: the runner's words are among them.
    for (const key of ['next', 'previous', 'progress', 'requiredMissing']) expect(drawn.has(key), key).toBe(true);
    // And en-first.ts holds no word the first page does not draw (it would only weigh).
    expect(Object.keys(enFirst).filter((key) => !drawn.has(key))).toEqual([]);
  });
});
