import type { DesignSimulation } from '../../../shared/engine/simulate'
import { formatQuantity } from '../../../shared/design/format'
import { BIODISTRIBUTION_KEYS, residualizingLabelPercentDose, type BiodistributionKey } from '../../../shared/engine/pbpk/types'
import type { Band, MonteCarloResult } from '../../../shared/engine/pbpk/monte-carlo'
import { TISSUE_COLOURS } from '../../lib/palette'
import { TISSUE_LABELS } from '../../../shared/design/display-names'

/** Human-readable name of every reported tissue key: one table in shared/, also read by the report. */
export { TISSUE_LABELS }

/**
 * Line colour per tissue (renderer/lib/palette.ts, the one source): the chart and the toggles
 * use the same colour so a line can be found from its checkbox.
 */
export { TISSUE_COLOURS } from '../../lib/palette'

/** Human-readable name of a selectivity target (`spleen+liver-apc` for the tolerize goal). */
export function targetLabel(target: string | null): string {
  if (target === null) return 'none'
  if (target === 'spleen+liver-apc') return 'Antigen-presenting cells of spleen and liver'
  return TISSUE_LABELS[target as BiodistributionKey] ?? target
}

/**
 * Tissue keys the target covers: the disease tissue for deliver/image, liver and spleen for
 * tolerize (their phagocytes are the target), nothing when the disease has no target.
 */
export function targetKeys(target: string | null): ReadonlyArray<BiodistributionKey> {
  if (target === null) return []
  if (target === 'spleen+liver-apc') return ['liver', 'spleen']
  return (BIODISTRIBUTION_KEYS as ReadonlyArray<string>).includes(target) ? [target as BiodistributionKey] : []
}

/** Tissues drawn before the user toggles any: blood, liver, spleen and the target. */
export function defaultVisibleTissues(target: string | null): ReadonlyArray<BiodistributionKey> {
  const keys = new Set<BiodistributionKey>(['blood', 'liver', 'spleen', ...targetKeys(target)])
  return BIODISTRIBUTION_KEYS.filter((k) => keys.has(k))
}

/**
 * Whether a Monte Carlo result fits a simulation's time grid (same horizon and output
 * times), so band and nominal curve can share one x axis.
 */
export function bandMatches(simulation: DesignSimulation, band: MonteCarloResult | null): band is MonteCarloResult {
  if (!band) return false
  const a = simulation.biodistribution.timesH
  const b = band.timesH
  return a.length === b.length && a.every((t, i) => Math.abs(t - b[i]) < 1e-9)
}

/**
 * What the curves count. `particles`: intact particles (the engine's percentDose). `label`:
 * what a residualizing label (⁸⁹Zr, ¹¹¹In, ⁶⁴Cu chelates) reads, i.e. intact particles plus
 * the carrier degraded in each tissue's phagocytes, the like-for-like quantity for PET, SPECT
 * and gamma counting of such labels. Fluorescence and ICP-MS of a persistent core count
 * particles.
 */
export type CountingView = 'particles' | 'label'

/**
 * The simulation and its Monte Carlo band as seen through a counting view: `label` swaps the
 * percentDose curves (and their bands) for the residualizing-label view. AUCs stay those of
 * intact particles (the table says so).
 */
export function viewedEstimate(
  simulation: DesignSimulation, band: MonteCarloResult | null, view: CountingView,
): { readonly simulation: DesignSimulation; readonly band: MonteCarloResult | null } {
  if (view === 'particles') return { simulation, band }
  const bio = simulation.biodistribution
  return {
    simulation: { ...simulation, biodistribution: { ...bio, percentDose: residualizingLabelPercentDose(bio.percentDose, bio.degradedInTissuePercentDose) } },
    band: band ? { ...band, percentDose: band.residualizingLabelPercentDose } : null,
  }
}

/** One row of the numbers table (the chart's text equivalent). */
export interface TissueRow {
  readonly key: BiodistributionKey
  readonly label: string
  readonly isTarget: boolean
  /** Nominal % of injected dose at the chosen time. */
  readonly percentDose: number
  /** Nominal ∫ %ID dt over the horizon, %ID·h. */
  readonly aucPercentDoseH: number
  readonly peakPercentDose: number
  readonly peakTimeH: number
  /** Monte Carlo band of the % dose at the chosen time, and of the AUC, when computed. */
  readonly percentDoseBand: Band | null
  readonly aucBand: Band | null
}

/** Index of the output time closest to `timeH`. */
export function nearestTimeIndex(timesH: ReadonlyArray<number>, timeH: number): number {
  let best = 0
  for (let i = 1; i < timesH.length; i++) if (Math.abs(timesH[i] - timeH) < Math.abs(timesH[best] - timeH)) best = i
  return best
}

/** Rows for every reported tissue key at the output time nearest `timeH`. */
export function tissueRows(simulation: DesignSimulation, timeH: number, band: MonteCarloResult | null): TissueRow[] {
  const bio = simulation.biodistribution
  const i = nearestTimeIndex(bio.timesH, timeH)
  const targets = new Set(targetKeys(simulation.selectivity.targetTissue))
  const withBand = bandMatches(simulation, band) ? band : null
  return BIODISTRIBUTION_KEYS.map((key) => {
    const series = bio.percentDose[key]
    let peak = 0
    let peakT = 0
    series.forEach((v, j) => {
      if (v > peak) {
        peak = v
        peakT = bio.timesH[j]
      }
    })
    const curve = withBand?.percentDose[key]
    return {
      key,
      label: TISSUE_LABELS[key],
      isTarget: targets.has(key),
      percentDose: series[i] ?? 0,
      aucPercentDoseH: bio.aucPercentDoseH[key],
      peakPercentDose: peak,
      peakTimeH: peakT,
      percentDoseBand: curve ? { median: curve.median[i], lower: curve.lower[i], upper: curve.upper[i] } : null,
      aucBand: withBand ? withBand.aucPercentDoseH[key] : null,
    }
  })
}

/**
 * Formats a number for the tables: three significant figures without trailing zeros, no
 * exponent for the usual range, so 0.0123, 61.2 and 48 all read naturally; very small or
 * large values as 1.23 × 10⁻⁴ (the app's one ×10ⁿ formatter).
 */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return '—'
  if (value === 0) return '0'
  const abs = Math.abs(value)
  if (abs >= 1e6 || abs < 0.001) return formatQuantity(value) // ×10ⁿ, never e-notation
  if (abs >= 1000) return String(Math.round(value))
  return String(Number(value.toPrecision(3)))
}

/** "median (lower–upper)" text of a band. */
export function formatBand(band: Band): string {
  return `${formatValue(band.median)} (${formatValue(band.lower)}–${formatValue(band.upper)})`
}

/** Smallest value drawn on a log axis (%ID); zeros would otherwise vanish. */
export const LOG_FLOOR_PERCENT = 1e-3

/** The data and series description a uPlot chart needs. */
export interface ChartModel {
  /** x then one array per series, in series order. */
  readonly data: ReadonlyArray<ReadonlyArray<number | null>>
  readonly series: ReadonlyArray<{ readonly label: string; readonly colour: string; readonly width: number; readonly dash?: ReadonlyArray<number>; readonly kind: 'nominal' | 'median' | 'lower' | 'upper'; readonly key: BiodistributionKey }>
  /** Pairs of series indices (upper, lower) to fill between. */
  readonly bands: ReadonlyArray<{ readonly upper: number; readonly lower: number; readonly colour: string }>
}

/**
 * Builds chart series for the visible tissues: the nominal curve, and when a matching Monte
 * Carlo result is given, its median (dashed) and the 2.5–97.5 % band (filled).
 */
export function buildChartModel(
  simulation: DesignSimulation, visible: ReadonlyArray<BiodistributionKey>, band: MonteCarloResult | null, logScale: boolean,
): ChartModel {
  const bio = simulation.biodistribution
  const targets = new Set(targetKeys(simulation.selectivity.targetTissue))
  const withBand = bandMatches(simulation, band) ? band : null
  const floor = (values: ReadonlyArray<number>): number[] => values.map((v) => (logScale ? Math.max(v, LOG_FLOOR_PERCENT) : v))
  const data: Array<ReadonlyArray<number | null>> = [bio.timesH]
  const series: Array<ChartModel['series'][number]> = []
  const bands: Array<ChartModel['bands'][number]> = []
  for (const key of BIODISTRIBUTION_KEYS) {
    if (!visible.includes(key)) continue
    const colour = TISSUE_COLOURS[key]
    const label = targets.has(key) ? `${TISSUE_LABELS[key]} (target)` : TISSUE_LABELS[key]
    const width = targets.has(key) ? 3.5 : 1.75
    data.push(floor(bio.percentDose[key]))
    series.push({ label, colour, width, kind: 'nominal', key })
    const curve = withBand?.percentDose[key]
    if (curve) {
      data.push(floor(curve.upper))
      const upper = series.length + 1 // +1: series index 0 is x in uPlot
      series.push({ label: `${TISSUE_LABELS[key]} 97.5 %`, colour, width: 0, kind: 'upper', key })
      data.push(floor(curve.lower))
      const lower = series.length + 1
      series.push({ label: `${TISSUE_LABELS[key]} 2.5 %`, colour, width: 0, kind: 'lower', key })
      data.push(floor(curve.median))
      series.push({ label: `${TISSUE_LABELS[key]} median`, colour, width: 1.25, dash: [5, 4], kind: 'median', key })
      bands.push({ upper, lower, colour })
    }
  }
  return { data, series, bands }
}
