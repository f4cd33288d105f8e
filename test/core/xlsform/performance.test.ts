/**
 * A 500-question XLSForm imports well under a second in Node. The lead's benchmark uses the same
 * generator (test/fixtures/xlsform/generate.ts, makeLargeXlsForm).
 */
import { describe, expect, it } from 'vitest';
import { allItems } from '../../../src/core/instrument/types';
import { importXlsForm } from '../../../src/core/xlsform/index';
import { makeLargeXlsForm } from '../../fixtures/xlsform/generate';

describe('importing a large form', () => {
  it('reads 500 questions in English and Russian well under a second', () => {
    const bytes = makeLargeXlsForm(500);
    const times: number[] = [];
    let items = 0;
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      const result = importXlsForm(bytes, 'large.xlsx');
      times.push(performance.now() - start);
      if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
      expect(result.warnings).toEqual([]);
      items = allItems(result.instrument).length;
      expect(result.instrument.scales).toHaveLength(6);
    }
    expect(items).toBe(500);
    // The first (cold) import includes compiling the code; the median is the steady cost.
    const median = [...times].sort((a, b) => a - b)[1]!;
    expect(times[0]).toBeLessThan(2000);
    expect(median).toBeLessThan(1000);
  });
});
