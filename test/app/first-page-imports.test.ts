/**
 * What the first page loads, read from the sources' static imports (test/support/static-imports.ts),
 * the same graph the build follows: anything it reaches is in the first page's scripts, before the
 * first question shows. test/e2e/interview-offline.test.ts checks the built scripts themselves.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staticImports } from '../support/static-imports';

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
});
