/**
 * Fickian diffusion out of a sphere (brief §1.2): Crank series, short-time form, their
 * inverse, and Baker-Lonsdale for drug dispersed above its solubility.
 *
 * All functions take the dimensionless time tau = D t / R^2 (or, for time-varying D,
 * tau = ∫D dt / R^2, brief §1.3). "Survival" S = 1 - F is the fraction still inside;
 * working in S keeps precision when release is nearly complete.
 */

/** tau below which the short-time form is used and above which the series (brief §1.2). */
export const SPHERE_SWITCH_TAU = 0.2

const PI2 = Math.PI * Math.PI
const SIX_OVER_PI2 = 6 / PI2
const SERIES_TERMS = 60
/** Precomputed n^2 pi^2 and 1/n^2 for the Crank series (n = 1..SERIES_TERMS). */
const N2PI2 = new Float64Array(SERIES_TERMS)
const INV_N2 = new Float64Array(SERIES_TERMS)
for (let n = 1; n <= SERIES_TERMS; n++) {
  N2PI2[n - 1] = n * n * PI2
  INV_N2[n - 1] = 1 / (n * n)
}

/**
 * Crank series for the fraction still inside (Crank 1975 eq. 6.20; brief §1.2):
 * S(tau) = (6/pi^2) Σ (1/n^2) exp(-n^2 pi^2 tau). Valid for every tau > 0; sums terms
 * until they fall below 1e-17 of the total (many terms for very small tau).
 */
export function sphereSurvivalSeries(tau: number): number {
  if (!(tau > 0)) return 1
  let sum = 0
  for (let n = 1; n < 1_000_000; n++) {
    const term = Math.exp(-n * n * PI2 * tau) / (n * n)
    sum += term
    if (term < 1e-17 * sum) break
  }
  return SIX_OVER_PI2 * sum
}

/** Crank series fraction released, F = 1 - S (Crank 1975 eq. 6.20; brief §1.2). */
export function sphereFractionSeries(tau: number): number {
  return 1 - sphereSurvivalSeries(tau)
}

/** Short-time form F ≈ 6 (tau/pi)^(1/2) - 3 tau (brief §1.2); accurate for tau < 0.2. */
export function sphereFractionShortTime(tau: number): number {
  if (!(tau > 0)) return 0
  return 6 * Math.sqrt(tau / Math.PI) - 3 * tau
}

/**
 * Survival S = 1 - F and its derivative dS/dtau, written into `out` ([S, dS/dtau]) to avoid
 * allocation. Short-time form below tau = 0.2, Crank series (precomputed terms) above
 * (brief §1.2 implementation note).
 */
export function sphereSurvivalAndSlope(tau: number, out: Float64Array): void {
  if (!(tau > 0)) {
    out[0] = 1
    out[1] = -Infinity
    return
  }
  if (tau < SPHERE_SWITCH_TAU) {
    // d/dtau [1 - 6 sqrt(tau/pi) + 3 tau] = -3/sqrt(pi tau) + 3
    out[0] = 1 - 6 * Math.sqrt(tau / Math.PI) + 3 * tau
    out[1] = 3 - 3 / Math.sqrt(Math.PI * tau)
    return
  }
  // Series: S = (6/pi^2) Σ e^(-n^2 pi^2 tau)/n^2, dS/dtau = -6 Σ e^(-n^2 pi^2 tau)
  let s = 0
  let ds = 0
  for (let i = 0; i < SERIES_TERMS; i++) {
    const e = Math.exp(-(N2PI2[i] as number) * tau)
    s += e * (INV_N2[i] as number)
    ds += e
    if (e < 1e-18) break
  }
  out[0] = SIX_OVER_PI2 * s
  out[1] = -6 * ds
}

const scratch = new Float64Array(2)

/** Fraction released from a sphere at dimensionless time tau (short-time / series switch). */
export function sphereFractionReleased(tau: number): number {
  sphereSurvivalAndSlope(tau, scratch)
  return 1 - (scratch[0] as number)
}

/**
 * Inverse: the tau at which a fraction F is released (brief §1.2 "practical inversion",
 * e.g. tau(0.5) ≈ 0.0305 so D_app = 0.0305 R^2 / t50). Exact inverse of the short-time form
 * below the switch (a quadratic in sqrt(tau)); Newton on the series above it.
 * Returns 0 for F ≤ 0 and Infinity for F ≥ 1.
 */
export function sphereTauForFraction(fraction: number): number {
  if (!(fraction > 0)) return 0
  if (fraction >= 1) return Infinity
  const fSwitch = sphereFractionShortTime(SPHERE_SWITCH_TAU)
  if (fraction <= fSwitch) {
    // 3x^2 - (6/sqrt(pi)) x + F = 0 with x = sqrt(tau); smaller root
    const b = 6 / Math.sqrt(Math.PI)
    const x = (b - Math.sqrt(b * b - 12 * fraction)) / 6
    return x * x
  }
  const target = 1 - fraction
  // one-term long-time start (brief §1.2): S ≈ (6/pi^2) e^(-pi^2 tau)
  let tau = Math.max(SPHERE_SWITCH_TAU, Math.log(SIX_OVER_PI2 / target) / PI2)
  for (let it = 0; it < 50; it++) {
    sphereSurvivalAndSlope(tau, scratch)
    const step = ((scratch[0] as number) - target) / (scratch[1] as number)
    tau = Math.max(SPHERE_SWITCH_TAU, tau - step)
    if (Math.abs(step) < 1e-14 * tau) break
  }
  return tau
}

/**
 * Baker-Lonsdale (Baker & Lonsdale 1974; brief §1.2): solves
 * (3/2)[1 - (1 - F)^(2/3)] - F = c for F, with c = 3 D C_s t / (R^2 C_0), in closed form.
 *
 * With u = (1 - F)^(1/3) the relation is the cubic u^3 - 1.5 u^2 + 0.5 - c = 0; shifting
 * u = v + 1/2 gives v^3 - 0.75 v + (0.25 - c) = 0, whose root in [0, 1] is
 * v = cos((arccos(4c - 1) - 2 pi)/3) (trigonometric solution of the depressed cubic).
 * Writes [S, dS/dc] into `out`. Release is complete (S = 0) for c ≥ 1/2.
 */
export function bakerLonsdaleSurvivalAndSlope(c: number, out: Float64Array): void {
  if (!(c > 0)) {
    out[0] = 1
    out[1] = -Infinity
    return
  }
  if (c >= 0.5) {
    out[0] = 0
    out[1] = 0
    return
  }
  const u = Math.cos((Math.acos(4 * c - 1) - 2 * Math.PI) / 3) + 0.5
  out[0] = u * u * u
  // g(F) = c, g'(F) = (1-F)^(-1/3) - 1 = 1/u - 1  =>  dS/dc = -u/(1 - u)
  out[1] = -u / (1 - u)
}

/** Baker-Lonsdale fraction released for c = 3 D C_s t / (R^2 C_0) (brief §1.2). */
export function bakerLonsdaleFraction(c: number): number {
  bakerLonsdaleSurvivalAndSlope(c, scratch)
  return 1 - (scratch[0] as number)
}
