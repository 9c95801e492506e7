/**
 * Acquisition functions of the next-experiment search (issue #14): how much a candidate is
 * worth measuring, given the predictive distribution of what the lab would see.
 *
 * Everything is written for minimisation of a scalar objective f with a Gaussian predictive
 * N(μ, s²) and an incumbent (best value so far) b.
 */
import { normalCdf } from '../fit/models'

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI)

/** Standard normal density. */
export function normalPdf(z: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * z * z)
}

/**
 * Expected improvement E[max(0, b − f)], f ~ N(μ, s²), in closed form (Jones DR, Schonlau M,
 * Welch WJ 1998, "Efficient global optimization of expensive black-box functions", J Glob
 * Optim 13:455–492, doi:10.1023/A:1008306431147, eq. 15):
 *   EI = (b − μ)·Φ(z) + s·φ(z),  z = (b − μ)/s;   EI = max(0, b − μ) when s = 0.
 */
export function expectedImprovement(mean: number, sd: number, best: number): number {
  if (!(sd > 0)) return Math.max(0, best - mean)
  const z = (best - mean) / sd
  return Math.max(0, (best - mean) * normalCdf(z) + sd * normalPdf(z))
}

/**
 * P(lo ≤ y ≤ hi), y ~ N(μ, s²): Φ((hi − μ)/s) − Φ((lo − μ)/s); an absent bound is open.
 * The probability that a constraint holds, as the constrained expected improvement weighs it
 * (Schonlau M, Welch WJ, Jones DR 1998, "Global versus local search in constrained
 * optimization of computer models", IMS Lecture Notes 34:11–25; Gardner JR et al. 2014,
 * "Bayesian optimization with inequality constraints", ICML, PMLR 32:937–945, eq. 3).
 */
export function probabilityBetween(mean: number, sd: number, lo?: number, hi?: number): number {
  if (!(sd > 0)) return (lo === undefined || mean >= lo) && (hi === undefined || mean <= hi) ? 1 : 0
  const upper = hi === undefined ? 1 : normalCdf((hi - mean) / sd)
  const lower = lo === undefined ? 0 : normalCdf((lo - mean) / sd)
  return Math.max(0, upper - lower)
}

/**
 * Expected improvement by Monte Carlo over given samples of f (used when f is not Gaussian,
 * e.g. a sum with |ln y − ln target| terms): mean of max(0, b − f_s). Fed the same standard
 * normal draws for every candidate (common random numbers), so the ranking of candidates does
 * not move with sampling noise and the result is deterministic for a seed.
 */
export function monteCarloImprovement(samples: ArrayLike<number>, best: number): number {
  let s = 0
  for (let i = 0; i < samples.length; i++) s += Math.max(0, best - samples[i]!)
  return samples.length === 0 ? 0 : s / samples.length
}
