/**
 * The two distribution tails the tests need: chi-square (Kendall's W, Kruskal-Wallis) and normal
 * (Mann-Whitney). Both go through the regularized incomplete gamma function, computed as in Numerical
 * Recipes (3rd ed., §6.2): its power series below x = a + 1, its continued fraction (modified Lentz)
 * above, each run to machine precision, so the upper tail keeps its relative precision far out
 * (p = 1e-200 is as good as p = 0.3). The normal tail is Q(1/2, z²/2) / 2, with z²/2 formed from z
 * directly so no precision is lost in a square root. Checked against R's pchisq, pnorm and lgamma to
 * 1e-12 relative (test/core/scoring/distributions.test.ts).
 */

const EPS = 2.220446049250313e-16;
const FPMIN = Number.MIN_VALUE / EPS;
const MAX_ITERATIONS = 100_000;

/** Lanczos coefficients, g = 607/128, 15 terms (Godfrey); double precision over x > 0. */
const LANCZOS_G = 607 / 128;
const LANCZOS = [
  0.99999999999999709182, 57.156235665862923517, -59.597960355475491248, 14.136097974741747174,
  -0.49191381609762019978, 0.33994649984811888699e-4, 0.46523628927048575665e-4,
  -0.98374475304879564677e-4, 0.15808870322491248884e-3, -0.21026444172410488319e-3,
  0.2174396181152126432e-3, -0.16431810653676389022e-3, 0.84418223983852743293e-4,
  -0.2619083840158140867e-4, 0.36899182659531622704e-5,
];
const LN_SQRT_2PI = 0.91893853320467274178;

/** ln Γ(x) for x > 0; NaN otherwise. */
export function lnGamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x === 1 || x === 2) return 0;
  if (x < 0.5) {
    // Reflection keeps the precision near 0: Γ(x) Γ(1 - x) = π / sin(πx).
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  }
  const z = x - 1;
  let sum = 0;
  for (let i = LANCZOS.length - 1; i > 0; i--) sum += LANCZOS[i]! / (z + i); // small terms first
  sum += LANCZOS[0]!;
  const t = z + LANCZOS_G + 0.5;
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** e^-x x^a / Γ(a), the factor both expansions share. */
function gammaPrefactor(a: number, x: number): number {
  return Math.exp(a * Math.log(x) - x - lnGamma(a));
}

/** P(a, x) by its series; converges quickly for x < a + 1. */
function gammaSeries(a: number, x: number): number {
  let ap = a;
  let term = 1 / a;
  let sum = term;
  for (let n = 0; n < MAX_ITERATIONS; n++) {
    ap += 1;
    term *= x / ap;
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * gammaPrefactor(a, x);
}

/** Q(a, x) by its continued fraction (modified Lentz); converges quickly for x > a + 1. */
function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return gammaPrefactor(a, x) * h;
}

/** Regularized lower incomplete gamma P(a, x) = γ(a, x) / Γ(a); a > 0, x ≥ 0, else NaN. */
export function gammaP(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN;
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/** Regularized upper incomplete gamma Q(a, x) = 1 - P(a, x), precise when small. */
export function gammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

/** P(X² ≥ x) for a chi-square with `df` > 0 degrees of freedom (R: pchisq(x, df, lower.tail = FALSE)). */
export function chiSquareUpperTail(x: number, df: number): number {
  if (!(df > 0) || Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  return gammaQ(df / 2, x / 2);
}

/** P(Z ≥ z) for a standard normal (R: pnorm(z, lower.tail = FALSE)). */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z === 0) return 0.5;
  const q = 0.5 * gammaQ(0.5, (z * z) / 2);
  return z > 0 ? q : 1 - q;
}

/** P(Z ≤ z) for a standard normal (R: pnorm(z)). */
export function normalCdf(z: number): number {
  return normalUpperTail(-z);
}

/** Two-sided normal p, 2·P(Z ≥ |z|) (R: 2 * min(pnorm(z), pnorm(z, lower.tail = FALSE))). */
export function normalTwoSided(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z === 0) return 1;
  return gammaQ(0.5, (z * z) / 2);
}
