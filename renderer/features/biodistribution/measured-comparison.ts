import type { BiodistributionMeasurementValues } from '../../../shared/ipc/channels/measurement'
import { BIODISTRIBUTION_KEYS, type BiodistributionKey } from '../../../shared/engine/pbpk/types'

/** Ratio band counted as agreement: measured within a factor of 2 of predicted. */
export const AGREEMENT_FOLD = 2

/** The predicted curves a comparison reads: output times and % of injected dose per tissue. */
export interface PredictedCurves {
  readonly timesH: ReadonlyArray<number>
  readonly percentDose: Readonly<Record<BiodistributionKey, ReadonlyArray<number>>>
  /**
   * What a blood sample reads over the central pool's %ID (bloodSampleScale of the engine):
   * a lab's blood %ID is a sample's concentration times the animal's blood volume. 1 if absent.
   */
  readonly bloodSampleScale?: number
}

/** One measured point next to the prediction at the same tissue and time. */
export interface ComparisonPoint {
  readonly key: BiodistributionKey
  readonly timeH: number
  readonly measuredPercentDose: number
  readonly sdPercentDose: number | null
  /** Predicted % of injected dose at timeH (linear between output times); null beyond the horizon. */
  readonly predictedPercentDose: number | null
  /** measured / predicted; null when nothing is predicted (beyond the horizon, or 0). */
  readonly ratio: number | null
  /** Whether 1/2 ≤ ratio ≤ 2; null when there is no ratio. */
  readonly withinTwoFold: boolean | null
}

/** Every compared point and the share of them within two-fold. */
export interface BiodistributionComparison {
  readonly points: ReadonlyArray<ComparisonPoint>
  /** Points with a ratio (the denominator of the fraction). */
  readonly compared: number
  readonly withinTwoFold: number
  /** withinTwoFold / compared; null when nothing could be compared. */
  readonly fractionWithinTwoFold: number | null
  /** Points measured after the predicted horizon (not compared). */
  readonly beyondHorizon: number
}

/**
 * Value of a sampled curve at `tH` by linear interpolation between output times; null
 * outside [first, last] time. Why linear: the engine's output grid is 1 h apart up to 24 h
 * and 2 h after, far finer than a study's sampling times.
 */
export function interpolateAt(timesH: ReadonlyArray<number>, values: ReadonlyArray<number>, tH: number): number | null {
  const n = Math.min(timesH.length, values.length)
  if (n === 0 || tH < timesH[0]! - 1e-9 || tH > timesH[n - 1]! + 1e-9) return null
  for (let i = 0; i < n; i++) {
    if (Math.abs(timesH[i]! - tH) < 1e-9) return values[i]!
    if (timesH[i]! > tH) {
      const t0 = timesH[i - 1]!
      const t1 = timesH[i]!
      const w = (tH - t0) / (t1 - t0)
      return values[i - 1]! + w * (values[i]! - values[i - 1]!)
    }
  }
  return values[n - 1]!
}

/**
 * Puts every measured point (tissue × time with a value) next to the prediction and counts
 * how many lie within two-fold. This compares and never fits: the engine's parameters are
 * not changed by the lab's data, so the fraction is an honest check of the prediction.
 */
export function compareBiodistribution(measured: BiodistributionMeasurementValues, predicted: PredictedCurves): BiodistributionComparison {
  const points: ComparisonPoint[] = []
  let beyondHorizon = 0
  const horizon = predicted.timesH[predicted.timesH.length - 1] ?? 0
  for (const key of BIODISTRIBUTION_KEYS) {
    const tissue = measured.tissues[key]
    if (!tissue) continue
    measured.timesH.forEach((tH, i) => {
      const value = tissue.percentInjectedDose[i]
      if (value === null || value === undefined) return
      const central = interpolateAt(predicted.timesH, predicted.percentDose[key], tH)
      const p = central !== null && key === 'blood' ? central * (predicted.bloodSampleScale ?? 1) : central
      if (p === null && tH > horizon) beyondHorizon++
      const ratio = p !== null && p > 0 ? value / p : null
      points.push({
        key, timeH: tH, measuredPercentDose: value, sdPercentDose: tissue.sdPercentInjectedDose?.[i] ?? null,
        predictedPercentDose: p, ratio,
        withinTwoFold: ratio === null ? null : ratio >= 1 / AGREEMENT_FOLD && ratio <= AGREEMENT_FOLD,
      })
    })
  }
  const compared = points.filter((p) => p.ratio !== null).length
  const within = points.filter((p) => p.withinTwoFold === true).length
  return { points, compared, withinTwoFold: within, fractionWithinTwoFold: compared > 0 ? within / compared : null, beyondHorizon }
}
