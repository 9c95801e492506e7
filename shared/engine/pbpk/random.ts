/**
 * Seeded pseudo-random numbers for reproducible Monte Carlo (brief Part 4 note 5).
 * Hand-written (a few lines; no dependency): mulberry32 (Tommy Ettinger, public domain),
 * a 32-bit generator with period 2^32, plenty for ≤ 10^5 samples × ~70 parameters.
 */

import { mulberry32, type Uniform } from '../random'

export { mulberry32, type Uniform }

/** A standard normal variate by Box–Muller (one of the pair; simple and exact). */
export function standardNormal(u: Uniform): number {
  let u1 = u()
  while (u1 <= 0) u1 = u()
  const u2 = u()
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2)
}

/**
 * A standard normal truncated to [zLo, zHi] by rejection (for the 2.5-97.5 % truncation
 * 95 % of draws are accepted).
 */
export function truncatedStandardNormal(u: Uniform, zLo: number, zHi: number): number {
  for (;;) {
    const z = standardNormal(u)
    if (z >= zLo && z <= zHi) return z
  }
}

/**
 * Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9
 * relative), used to turn the truncation quantiles into z bounds.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error('normalQuantile: p must be in (0, 1)')
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239]
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1]
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783]
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416]
  const pLow = 0.02425
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p))
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
  }
  if (p > 1 - pLow) return -normalQuantile(1 - p)
  const q = p - 0.5
  const r = q * q
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
}

/**
 * A lognormal multiplier with median 1 and coefficient of variation `cv`
 * (σ = √ln(1 + cv²)), truncated at the z bounds: exp(σ·z).
 */
export function lognormalMultiplier(u: Uniform, cv: number, zLo: number, zHi: number): number {
  const sigma = Math.sqrt(Math.log(1 + cv * cv))
  return Math.exp(sigma * truncatedStandardNormal(u, zLo, zHi))
}
