/**
 * Multipliers to estimate a design "with a profile" (issue #14, calibration profiles): each
 * sample takes one pooled posterior draw (whole, so the posterior's correlations are kept)
 * for the calibrated parameters, and a prior draw for every parameter the calibration left
 * at its prior (not sampled, or not requested). Why prior draws and not 1: a parameter the
 * lab's studies could not inform is still as uncertain as before, and a band that fixed it at
 * its nominal value would look more certain than the evidence allows.
 *
 * Only a converged result has draws; otherwise this throws with the reasons.
 */
import { mulberry32, standardNormal } from '../pbpk/random'
import type { CalibrationResult } from './calibrate'
import { CALIBRATION_PARAMETER_IDS, priorOf, type CalibrationParameterId, type Multipliers } from './parameters'

/** `count` multiplier sets (seeded) for bands from the posterior. */
export function sampleProfileMultipliers(result: CalibrationResult, count: number, seed: number): Multipliers[] {
  if (result.status !== 'converged' || result.posteriorDrawsLn.length === 0) {
    throw new Error(`calibration has no posterior to sample: ${result.reasons.join('; ') || result.status}`)
  }
  const n = Math.max(0, Math.floor(count))
  const u = mulberry32(seed)
  const draws = result.posteriorDrawsLn
  const rest = CALIBRATION_PARAMETER_IDS.filter((id) => !result.sampled.includes(id))
  return Array.from({ length: n }, () => {
    const row = draws[Math.min(draws.length - 1, Math.floor(u() * draws.length))]!
    const m: Partial<Record<CalibrationParameterId, number>> = {}
    result.sampled.forEach((id, j) => { m[id] = Math.exp(row[j]!) })
    for (const id of rest) m[id] = Math.exp(priorOf(id).sigmaLn * standardNormal(u))
    return m
  })
}
