import { describe, expect, it } from 'vitest';
import {
  chiSquareUpperTail,
  gammaP,
  gammaQ,
  lnGamma,
  normalCdf,
  normalTwoSided,
  normalUpperTail,
} from '../../../src/core/scoring';
import { loadExpected } from './fixtures';

const R = loadExpected('distributions') as {
  chiSquareUpper: { x: number; df: number; p: number }[];
  normalUpper: { z: number; p: number }[];
  lnGamma: { x: number; value: number }[];
};

function relative(a: number, b: number): number {
  return a === b ? 0 : Math.abs(a - b) / Math.abs(b);
}

describe('distribution tails agree with R to 1e-12 relative, far into the tails', () => {
  it(`chi-square upper tail on ${R.chiSquareUpper.length} (x, df) points`, () => {
    let worst = 0;
    for (const { x, df, p } of R.chiSquareUpper) {
      if (p < 1e-300) continue; // R's denormals
      const err = relative(chiSquareUpperTail(x, df), p);
      expect(err, `pchisq(${x}, ${df}, lower = FALSE) = ${p}`).toBeLessThan(1e-12);
      worst = Math.max(worst, err);
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it(`normal upper tail on ${R.normalUpper.length} points from z = -38 to 37`, () => {
    for (const { z, p } of R.normalUpper) {
      expect(relative(normalUpperTail(z), p), `pnorm(${z}, lower = FALSE) = ${p}`).toBeLessThan(1e-12);
      expect(relative(normalCdf(-z), p), `pnorm(${-z}) = ${p}`).toBeLessThan(1e-12);
    }
  });

  it('ln Γ to 1e-13 absolute', () => {
    for (const { x, value } of R.lnGamma) {
      expect(Math.abs(lnGamma(x) - value) / Math.max(1, Math.abs(value)), `lgamma(${x})`).toBeLessThan(1e-13);
    }
  });
});

describe('distribution functions at their edges', () => {
  it('P + Q = 1 on both sides of the series / continued fraction switch', () => {
    for (const a of [0.5, 1, 3.5, 20]) {
      for (const x of [0.1, a, a + 0.999, a + 1, a + 1.001, 3 * a + 5]) {
        expect(gammaP(a, x) + gammaQ(a, x)).toBeCloseTo(1, 14);
      }
    }
  });

  it('closed forms: Q(1, x) = e^-x, chi-square with 2 df is e^(-x/2), Γ(n) = (n-1)!', () => {
    for (const x of [0.01, 1, 7, 60, 600]) {
      expect(relative(gammaQ(1, x), Math.exp(-x))).toBeLessThan(1e-13);
      expect(relative(chiSquareUpperTail(x, 2), Math.exp(-x / 2))).toBeLessThan(1e-13);
    }
    expect(Math.abs(lnGamma(7) - Math.log(720))).toBeLessThan(1e-14);
    expect(Math.abs(lnGamma(0.5) - Math.log(Math.sqrt(Math.PI)))).toBeLessThan(1e-15);
  });

  it('bounds and bad arguments: NaN for what is undefined, exact 1 and 0 at the ends', () => {
    expect(chiSquareUpperTail(0, 3)).toBe(1);
    expect(chiSquareUpperTail(-1e-15, 3)).toBe(1);
    expect(chiSquareUpperTail(Infinity, 3)).toBe(0);
    expect(chiSquareUpperTail(3, 0)).toBeNaN();
    expect(chiSquareUpperTail(NaN, 3)).toBeNaN();
    expect(gammaQ(-1, 2)).toBeNaN();
    expect(lnGamma(0)).toBeNaN();
    expect(normalUpperTail(0)).toBe(0.5);
    expect(normalTwoSided(0)).toBe(1);
    expect(normalTwoSided(-1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(normalTwoSided(NaN)).toBeNaN();
  });
});
