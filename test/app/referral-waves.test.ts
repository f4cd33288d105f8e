import { describe, expect, it } from 'vitest';
import { referralWaves } from '../../src/app/referral-waves';

describe('referral waves for the researcher', () => {
  it('counts responses per wave and how many each respondent referred', () => {
    const w = referralWaves([
      { referral: { code: 'AAAA22', wave: 0 } },
      { referral: { code: 'BBBB33', wave: 0 } },
      { referral: { code: 'CCCC44', parent: 'AAAA22', wave: 1 } },
      { referral: { code: 'DDDD55', parent: 'AAAA22', wave: 1 } },
      { referral: { code: 'EEEE66', parent: 'CCCC44', wave: 2 } },
      {}, // an interview, not over a link
    ]);
    expect(w?.waves).toEqual([[0, 2], [1, 2], [2, 1]]);
    expect(w?.codes).toEqual([
      { code: 'AAAA22', wave: 0, referred: 2, known: true },
      { code: 'BBBB33', wave: 0, referred: 0, known: true },
      { code: 'CCCC44', wave: 1, referred: 1, known: true },
      { code: 'DDDD55', wave: 1, referred: 0, known: true },
      { code: 'EEEE66', wave: 2, referred: 0, known: true },
    ]);
  });

  it('a parent whose own response has not arrived is listed one wave below its children', () => {
    const w = referralWaves([
      { referral: { code: 'CCCC44', parent: 'AAAA22', wave: 1 } },
      { referral: { code: 'DDDD55', parent: 'AAAA22', wave: 1 } },
    ]);
    expect(w?.codes[0]).toEqual({ code: 'AAAA22', wave: 0, referred: 2, known: false });
  });

  it('per wave: whose files arrived, and which codes were passed on but whose own response never came back', () => {
    const w = referralWaves([
      { referral: { code: 'BBBB33', wave: 0 } },
      { referral: { code: 'CCCC44', parent: 'AAAA22', wave: 1 } },
      { referral: { code: 'DDDD55', parent: 'AAAA22', wave: 1 } },
      { referral: { code: 'FFFF77', parent: 'EEEE66', wave: 2 } },
      { referral: { code: 'GGGG88', parent: 'CCCC44', wave: 2 } },
    ]);
    expect(w?.byWave).toEqual([
      { wave: 0, arrived: ['BBBB33'], notBack: ['AAAA22'] },
      { wave: 1, arrived: ['CCCC44', 'DDDD55'], notBack: ['EEEE66'] },
      { wave: 2, arrived: ['FFFF77', 'GGGG88'], notBack: [] },
    ]);
    // When the missing file arrives, its code moves from "not back" to "arrived".
    const later = referralWaves([{ referral: { code: 'AAAA22', wave: 0 } }, { referral: { code: 'CCCC44', parent: 'AAAA22', wave: 1 } }]);
    expect(later?.byWave).toEqual([
      { wave: 0, arrived: ['AAAA22'], notBack: [] },
      { wave: 1, arrived: ['CCCC44'], notBack: [] },
    ]);
  });

  it('nothing to show when no session came over a link', () => {
    expect(referralWaves([{}, {}])).toBeNull();
    expect(referralWaves([])).toBeNull();
  });
});
