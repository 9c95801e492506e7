/**
 * The likelihood of lab data given an engine prediction (issue #14, step 2).
 *
 * Biodistribution (%ID, %ID/g, blood t½): log-normal. Tissue amounts are positive and their
 * between-animal scatter grows with the mean (the SD of a biodistribution table is roughly a
 * constant fraction of the mean), so ln y ~ N(ln μ, σ²) with μ the engine's prediction and
 * σ from the coefficient of variation of the measurement:
 *   σ = √ln(1 + CV²),  CV = SD / mean   (the log-normal's own CV–σ relation),
 * the CV floored at `minCv` (a reported SD near 0 must not make one point outweigh a study),
 * and `defaultCv` where no SD is given. The reported SD is the between-animal SD, not the
 * standard error of the mean: using it (not SD/√n) is deliberately wider, so that the
 * engine's structural error — which no multiplier removes — does not produce overconfident
 * posteriors. Values below a limit of quantification (LOQ) are censored: they contribute
 * P(y < LOQ) = Φ((ln LOQ − ln μ)/σ) (Tobit-style left censoring of a log-normal; Beal SL 2001,
 * J Pharmacokinet Pharmacodyn 28:481–504, doi:10.1023/A:1012299115260, method M3).
 *
 * Release curves (% released, replicate columns): normal on % released with the replicates'
 * SD, floored at `releaseSdFloorPercent` (a released fraction is bounded, and its scatter does
 * not scale with the mean the way tissue amounts do).
 */
import { normalCdf } from '../fit/models'

/** Error model settings; every default is stated in docs/science.md. */
export interface ErrorModel {
  /** CV used where a measurement has no SD (default 0.3). */
  readonly defaultCv: number
  /** Lowest CV used even when a smaller SD is reported (default 0.1). */
  readonly minCv: number
  /** Lowest SD of a release point, % released (default 3). */
  readonly releaseSdFloorPercent: number
}

/**
 * Defaults [U, NanoForge estimates, not from a cited table]: CV 30 % without an SD, a
 * between-mouse scatter of organ %ID of the order biodistribution tables report; CV floor
 * 10 %; release SD floor 3 % released, about the repeatability of a dissolution test.
 */
export const DEFAULT_ERROR_MODEL: ErrorModel = { defaultCv: 0.3, minCv: 0.1, releaseSdFloorPercent: 3 }

/** Smallest prediction used in ln μ (%ID): an engine value of exactly 0 would make ln μ = −∞. */
export const MIN_PREDICTION = 1e-9

/** σ of ln y for a value with an optional SD (see the module comment). */
export function sigmaLnOf(value: number, sd: number | undefined, model: ErrorModel = DEFAULT_ERROR_MODEL): number {
  const cv = sd !== undefined && value > 0 ? Math.max(sd / value, model.minCv) : model.defaultCv
  return Math.sqrt(Math.log(1 + cv * cv))
}

/**
 * ln Φ(z), accurate in the far left tail: ln of the erfc-based CDF (fractional error
 * < 1.2e-7) down to z = −20, below which Φ(z) would soon underflow (at z ≈ −38), the
 * asymptotic series Φ(z) ≈ φ(z)/|z| · (1 − 1/z² + 3/z⁴ − 15/z⁶) (Abramowitz & Stegun
 * 26.2.12), whose first omitted term 105/z⁸ is < 4e-9 there.
 */
export function logNormalCdf(z: number): number {
  if (z < -20) {
    const z2 = z * z
    const series = 1 - 1 / z2 + 3 / (z2 * z2) - 15 / (z2 * z2 * z2)
    return -0.5 * z2 - 0.5 * Math.log(2 * Math.PI) - Math.log(-z) + Math.log(series)
  }
  return Math.log(normalCdf(z))
}

/**
 * Log-likelihood of one log-normal observation: observed value y (> 0) given the prediction
 * μ and σ of ln y: ln N(ln y; ln μ, σ²) − ln y (the density of y itself, so it integrates to
 * 1 over y; the −ln y term does not depend on the parameters). Censored: y is the LOQ and the
 * point contributes ln Φ((ln LOQ − ln μ)/σ).
 */
export function logNormalObservation(observed: number, predicted: number, sigmaLn: number, censored = false): number {
  const lnMu = Math.log(Math.max(predicted, MIN_PREDICTION))
  const z = (Math.log(observed) - lnMu) / sigmaLn
  if (censored) return logNormalCdf(z)
  return -0.5 * z * z - Math.log(sigmaLn) - 0.5 * Math.log(2 * Math.PI) - Math.log(observed)
}

/** Log-likelihood of one normal observation (release % released). */
export function normalObservation(observed: number, predicted: number, sd: number): number {
  const z = (observed - predicted) / sd
  return -0.5 * z * z - Math.log(sd) - 0.5 * Math.log(2 * Math.PI)
}
