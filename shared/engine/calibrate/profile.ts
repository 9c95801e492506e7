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
  return sampleDrawMultipliers(result.sampled, result.posteriorDrawsLn, count, seed)
}

/**
 * As {@link sampleProfileMultipliers}, from posterior draws kept apart from their run (a saved
 * profile stores a thinned sample of them): `drawsLn[d][j]` is ln m of `sampled[j]`.
 */
export function sampleDrawMultipliers(
  sampled: ReadonlyArray<CalibrationParameterId>, drawsLn: ReadonlyArray<ArrayLike<number>>, count: number, seed: number,
): Multipliers[] {
  if (drawsLn.length === 0) throw new Error('calibration has no posterior draws to sample')
  const n = Math.max(0, Math.floor(count))
  const u = mulberry32(seed)
  const rest = CALIBRATION_PARAMETER_IDS.filter((id) => !sampled.includes(id))
  return Array.from({ length: n }, () => {
    const row = drawsLn[Math.min(drawsLn.length - 1, Math.floor(u() * drawsLn.length))]!
    const m: Partial<Record<CalibrationParameterId, number>> = {}
    sampled.forEach((id, j) => { m[id] = Math.exp(row[j]!) })
    for (const id of rest) m[id] = Math.exp(priorOf(id).sigmaLn * standardNormal(u))
    return m
  })
}
