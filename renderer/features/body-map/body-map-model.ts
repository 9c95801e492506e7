import type { DesignSimulation } from '../../../shared/engine/simulate'
import type { BiodistributionKey } from '../../../shared/engine/pbpk/types'
import { formatValue, nearestTimeIndex } from '../biodistribution/biodistribution-model'

/**
 * What the body map colours by: per gram of organ (%ID/g at a time, or AUC per gram) — the
 * default, so big organs (muscle, skin) do not look "hot" just for their size — or the
 * organ totals (AUC, % of dose at a time).
 */
export type ExposureMetric = 'perGram' | 'aucPerGram' | 'auc' | 'percentDose'

/** The measures in the order the radio group offers them, with their accessible labels. */
export const EXPOSURE_METRICS: ReadonlyArray<{ readonly metric: ExposureMetric; readonly label: string }> = [
  { metric: 'perGram', label: 'Per gram (%ID/g)' },
  { metric: 'aucPerGram', label: 'AUC per gram (%ID·h/g)' },
  { metric: 'auc', label: 'Exposure AUC (%ID·h)' },
  { metric: 'percentDose', label: '% of dose at a time' },
]

/** True for the measures read at the chosen time (the time slider applies). */
export function metricUsesTime(metric: ExposureMetric): boolean {
  return metric === 'perGram' || metric === 'percentDose'
}

/** True for the per-gram measures (values divided by the organ mass). */
export function metricIsPerGram(metric: ExposureMetric): boolean {
  return metric === 'perGram' || metric === 'aucPerGram'
}

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

/**
 * Divisor that turns a total (%ID or %ID·h) of `key` into its per-gram value for the metric:
 * 1 for the total measures, the organ mass (g) for the per-gram ones, NaN when the key has
 * no mass (excreted, degraded).
 */
export function perGramDivisor(simulation: DesignSimulation, metric: ExposureMetric, key: BiodistributionKey): number {
  if (!metricIsPerGram(metric)) return 1
  const mass = simulation.biodistribution.tissueMassG[key]
  return mass !== null && mass > 0 ? mass : Number.NaN
}

/**
 * Exposure of every reported key for the chosen metric (and time, for the measures at a
 * time). Per gram: %ID (or %ID·h) divided by the organ mass of the simulated species;
 * NaN (shown as —) for keys without a mass.
 */
export function exposureValues(simulation: DesignSimulation, metric: ExposureMetric, timeH: number): Readonly<Record<BiodistributionKey, number>> {
  const bio = simulation.biodistribution
  const i = nearestTimeIndex(bio.timesH, timeH)
  const out = {} as Record<BiodistributionKey, number>
  for (const key of Object.keys(bio.percentDose) as BiodistributionKey[]) {
    const total = metric === 'auc' || metric === 'aucPerGram' ? bio.aucPercentDoseH[key] : (bio.percentDose[key][i] ?? 0)
    out[key] = total / perGramDivisor(simulation, metric, key)
  }
  return out
}

/** Unit text of a metric. */
export function exposureUnit(metric: ExposureMetric): string {
  switch (metric) {
    case 'perGram': return '%ID/g'
    case 'aucPerGram': return '%ID·h/g'
    case 'auc': return '%ID·h'
    case 'percentDose': return '% of dose'
  }
}

/** What the map shows, in words (aria labels of the map and the ranking). */
export function exposureDescription(metric: ExposureMetric, horizonH: number, timeH: number): string {
  const unit = exposureUnit(metric)
  switch (metric) {
    case 'perGram': return `% of dose per gram of organ (${unit}) at ${formatValue(timeH)} h`
    case 'aucPerGram': return `exposure AUC 0–${formatValue(horizonH)} h per gram of organ (${unit})`
    case 'auc': return `exposure AUC 0–${formatValue(horizonH)} h (${unit})`
    case 'percentDose': return `${unit} at ${formatValue(timeH)} h`
  }
}
