import type { DesignSimulation } from '../../../shared/engine/simulate'
import type { BiodistributionKey } from '../../../shared/engine/pbpk/types'
import { nearestTimeIndex } from '../biodistribution/biodistribution-model'

/** What the body map colours by. */
export type ExposureMetric = 'auc' | 'percentDose'

/** Organs drawn on the silhouette; the other keys (blood, rest, excreted, degraded) are listed beside it. */
export const MAPPED_TISSUES = [
  'skin', 'muscle', 'brain', 'lungs', 'heart', 'liver', 'spleen', 'pancreas', 'kidneys', 'colon', 'joints',
] as const satisfies ReadonlyArray<BiodistributionKey>
/** Keys shown as swatches beside the silhouette. */
export const UNMAPPED_TISSUES = ['blood', 'rest', 'excreted', 'degraded'] as const satisfies ReadonlyArray<BiodistributionKey>

/**
 * Perceptually ordered colour ramp (viridis key colours, Smith & van der Walt 2015): dark
 * purple for little exposure to yellow for most. Its lightness rises monotonically, so the
 * order of values survives greyscale printing and most colour-vision deficiencies.
 */
export const EXPOSURE_RAMP: ReadonlyArray<readonly [number, number, number]> = [
  [68, 1, 84], [72, 40, 120], [62, 74, 137], [49, 104, 142], [38, 130, 142], [31, 158, 137],
  [53, 183, 121], [109, 205, 89], [180, 222, 44], [253, 231, 37],
]

/** Decades of exposure the ramp spans below the highest organ (log scale). */
export const EXPOSURE_DECADES = 3

/** Colour scale of one map: the log range it spans. */
export interface ExposureScale {
  readonly max: number
  readonly min: number
}

/** A scale from the highest value down {@link EXPOSURE_DECADES} decades. */
export function exposureScale(values: ReadonlyArray<number>): ExposureScale {
  const max = Math.max(0, ...values.filter((v) => Number.isFinite(v)))
  return { max, min: max > 0 ? max / 10 ** EXPOSURE_DECADES : 0 }
}

/** Position of a value on the ramp, 0-1 (log scale, clamped). */
export function exposureFraction(value: number, scale: ExposureScale): number {
  if (!(scale.max > 0) || !(value > 0)) return 0
  if (value <= scale.min) return 0
  return Math.min(1, Math.log(value / scale.min) / Math.log(scale.max / scale.min))
}

/** Hex colour of a ramp position (linear interpolation between key colours). */
export function rampColour(fraction: number): string {
  const f = Math.min(1, Math.max(0, fraction)) * (EXPOSURE_RAMP.length - 1)
  const i = Math.min(EXPOSURE_RAMP.length - 2, Math.floor(f))
  const t = f - i
  const a = EXPOSURE_RAMP[i]
  const b = EXPOSURE_RAMP[i + 1]
  const hex = (k: number): string => Math.round(a[k] + (b[k] - a[k]) * t).toString(16).padStart(2, '0')
  return `#${hex(0)}${hex(1)}${hex(2)}`
}

/** Colour of an exposure value on a scale. */
export function exposureColour(value: number, scale: ExposureScale): string {
  return rampColour(exposureFraction(value, scale))
}

/** Exposure of every reported key for the chosen metric (and time, for % dose). */
export function exposureValues(simulation: DesignSimulation, metric: ExposureMetric, timeH: number): Readonly<Record<BiodistributionKey, number>> {
  const bio = simulation.biodistribution
  if (metric === 'auc') return bio.aucPercentDoseH
  const i = nearestTimeIndex(bio.timesH, timeH)
  const out = {} as Record<BiodistributionKey, number>
  for (const key of Object.keys(bio.percentDose) as BiodistributionKey[]) out[key] = bio.percentDose[key][i] ?? 0
  return out
}

/** Unit text of a metric. */
export function exposureUnit(metric: ExposureMetric): string {
  return metric === 'auc' ? '%ID·h' : '% of dose'
}
