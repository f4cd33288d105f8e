/**
 * The 500-question form of the import benchmark (`npm run bench`, test/bench/xlsform.ts) imports
 * cleanly. Its time is measured by the benchmark, never asserted in a test.
 */
import { describe, expect, it } from 'vitest';
import { allItems } from '../../../src/core/instrument/types';
import { importXlsForm } from '../../../src/core/xlsform/index';
import { makeLargeXlsForm } from '../../fixtures/xlsform/generate';

describe('importing a large form', () => {
  it('reads 500 questions in English and Russian with no warning', () => {
    const result = importXlsForm(makeLargeXlsForm(500), 'large.xlsx');
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    expect(result.warnings).toEqual([]);
    expect(allItems(result.instrument)).toHaveLength(500);
    expect(result.instrument.scales).toHaveLength(6);
  });
});
