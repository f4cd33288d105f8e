import { describe, it, expect } from 'vitest';
import { localize } from '../../src/core/instrument/types';
describe('localize', () => {
  it('falls back to English, then any language', () => {
    expect(localize({ en: 'Yes', ru: 'Да' }, 'kk')).toBe('Yes');
    expect(localize({ ru: 'Да' }, 'kk')).toBe('Да');
    expect(localize({ en: 'Yes', kk: 'Иә' }, 'kk')).toBe('Иә');
  });
});
