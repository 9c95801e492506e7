import { RELEASE_ENVIRONMENT_COLOURS } from '../../lib/palette'
import { replicateMeanSd } from '../../../shared/engine/fit/stats'
import type { EnvironmentRelease, ReleaseAssumption, ReleasePrediction } from '../../../shared/engine/release/types'

/** The three release environments in display order, with the label and colour used everywhere. */
export const RELEASE_ENVIRONMENTS = [
  { id: 'plasma', label: 'Plasma (pH 7.4)', short: 'Plasma', colour: RELEASE_ENVIRONMENT_COLOURS.plasma },
  { id: 'inflamed', label: 'Inflamed tissue (pH 6.8)', short: 'Inflamed tissue', colour: RELEASE_ENVIRONMENT_COLOURS.inflamed },
  { id: 'endolysosome', label: 'Endolysosome (pH 5.0)', short: 'Endolysosome', colour: RELEASE_ENVIRONMENT_COLOURS.endolysosome },
] as const

/** Id of one release environment. */
export type ReleaseEnvironmentKey = (typeof RELEASE_ENVIRONMENTS)[number]['id']

/**
 * A time in hours as the panel prints it: two significant figures below 10 h, whole hours
 * above, and "not reached" for a null (the level is not reached within the horizon).
 *
 * Why one function: the table, the chart's text equivalent and the tests read the same words.
 */
export function hoursText(value: number | null): string {
  if (value === null) return 'not reached'
  if (value < 10) return `${Number(value.toPrecision(2))} h`
  return `${Math.round(value)} h`
}

/** A percentage with one decimal, e.g. "12.5 %". */
export function percentText(fraction: number): string {
  return `${(100 * fraction).toFixed(1)} %`
}

/**
 * Linear interpolation of a release curve at `tH` (fraction 0-1); null beyond the horizon.
 *
 * Why: comparing a measured profile with the prediction needs the curve at the measured
 * times, which rarely fall on the engine's grid. The grid is dense (≥ 100 points), so the
 * linear error is far below measurement noise.
 */
export function fractionAt(curve: Pick<EnvironmentRelease, 'timesH' | 'fractionReleased'>, tH: number): number | null {
  const t = curve.timesH
  const f = curve.fractionReleased
  const n = t.length
  if (n === 0 || !Number.isFinite(tH) || tH < t[0]! || tH > t[n - 1]! * (1 + 1e-12)) return null
  let lo = 0
  let hi = n - 1
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if (t[mid]! <= tH) lo = mid
    else hi = mid
  }
  const t0 = t[lo]!
  const t1 = t[hi]!
  if (t1 === t0 || tH <= t0) return f[lo]!
  if (tH >= t1) return f[hi]!
  return f[lo]! + ((f[hi]! - f[lo]!) * (tH - t0)) / (t1 - t0)
}

/**
 * Chart data for uPlot: one x column (h) and one y column per environment in % released.
 *
 * Why percent: the measured data the scientist overlays is in % released, so both axes read
 * the same way across the predicted and fitted charts.
 */
export function releaseChartData(release: Pick<ReleasePrediction, 'environments'>): [number[], ...number[][]] {
  const times = release.environments.plasma.timesH
  const columns = RELEASE_ENVIRONMENTS.map((env) => {
    const curve = release.environments[env.id]
    // The environments share one grid in the engine; interpolate if that ever changes.
    if (curve.timesH.length === times.length && curve.timesH.every((t, i) => t === times[i])) {
      return curve.fractionReleased.map((v) => 100 * v)
    }
    return times.map((t) => 100 * (fractionAt(curve, t) ?? Number.NaN))
  })
  return [times.slice(), ...columns]
}

/** One sentence per environment describing the curves, for the chart's accessible name. */
export function releaseSummaryText(release: Pick<ReleasePrediction, 'environments'>): string {
  const horizon = release.environments.plasma.timesH.at(-1) ?? 0
  const parts = RELEASE_ENVIRONMENTS.map((env) => {
    const e = release.environments[env.id]
    const end = e.fractionReleased.at(-1) ?? 0
    return `${env.short}: t50 ${hoursText(e.t50H)}, ${percentText(end)} released at ${hoursText(horizon)}`
  })
  return `Predicted fraction released versus time. ${parts.join('; ')}.`
}

/** Evidence tags of the science brief, in words (U is shown as an assumption). */
export const EVIDENCE_WORDS: Readonly<Record<string, string>> = {
  V: 'verified in the source',
  C: 'from published model code',
  D: 'derived by calculation',
  U: 'assumption',
}

/** The words for one evidence tag; unknown tags print as themselves. */
export function evidenceText(tag: string): string {
  return EVIDENCE_WORDS[tag] ?? tag
}

/** Assumptions sorted so unverified ([U]) ones come first: they are what a scientist should check. */
export function sortAssumptions(assumptions: ReadonlyArray<ReleaseAssumption>): ReleaseAssumption[] {
  return [...assumptions].sort((a, b) => Number(b.evidence === 'U') - Number(a.evidence === 'U') || a.parameter.localeCompare(b.parameter))
}

/**
 * True when the three environments give the same curve (no trigger and no swelling), so the
 * panel can say why only one line shows: they are drawn on top of each other.
 */
export function environmentsCoincide(release: Pick<ReleasePrediction, 'environments'>): boolean {
  const plasma = release.environments.plasma.fractionReleased
  return RELEASE_ENVIRONMENTS.every((env) => {
    const other = release.environments[env.id].fractionReleased
    return other.length === plasma.length && other.every((v, i) => Math.abs(v - plasma[i]!) <= 1e-9)
  })
}

/** Horizons the release chart offers, h: 24 h to 90 days. */
export const RELEASE_HORIZONS_H: ReadonlyArray<{ readonly hours: number; readonly label: string }> = [
  { hours: 24, label: '24 h' },
  { hours: 72, label: '72 h' },
  { hours: 168, label: '7 days' },
  { hours: 336, label: '14 days' },
  { hours: 720, label: '30 days' },
  { hours: 2160, label: '90 days' },
]

/** The horizon choice: a fixed number of hours, or "auto" (the shortest preset that shows every t50). */
export type HorizonChoice = number | 'auto'

/** Slowest t50 and t80 over the three environments of one prediction (null: not reached by one of them). */
export interface SlowestLevels {
  readonly horizonH: number
  readonly slowestT50H: number | null
  readonly slowestT80H: number | null
}

/** The slowest t50 and t80 of a prediction, for {@link autoHorizonH}. */
export function slowestLevels(release: Pick<ReleasePrediction, 'environments'>): SlowestLevels {
  const slowest = (key: 't50H' | 't80H'): number | null => {
    const ts = RELEASE_ENVIRONMENTS.map((env) => release.environments[env.id][key])
    return ts.every((t): t is number => t !== null) ? Math.max(...ts) : null
  }
  return { horizonH: release.environments.plasma.timesH.at(-1) ?? 0, slowestT50H: slowest('t50H'), slowestT80H: slowest('t80H') }
}

/**
 * The horizon "auto" settles on: the shortest preset that shows every environment's t80
 * (with a quarter more time, so the plateau shows), read from the engine's own run when it
 * reached them, else found by predicting at longer presets (`reachedAt`); for a curve that
 * never reaches 80 % in 90 days, the shortest preset with twice the slowest t50; the longest
 * preset when even t50 is not reached.
 *
 * Why: a fast carrier releases in hours and a fixed 72-h axis shows a flat line; a slow
 * matrix (PLA, PCL) releases half its drug over weeks, and at 72 h its t50 reads "not
 * reached", which says nothing about when it is reached.
 */
export function autoHorizonH(engine: SlowestLevels, reachedAt: (hours: number, level: 't50' | 't80') => boolean): number {
  const longest = RELEASE_HORIZONS_H[RELEASE_HORIZONS_H.length - 1]!.hours
  const atLeast = (h: number): number => RELEASE_HORIZONS_H.find((p) => p.hours >= h)?.hours ?? longest
  const longer = RELEASE_HORIZONS_H.filter((p) => p.hours > engine.horizonH)
  if (engine.slowestT80H !== null) return atLeast(1.25 * engine.slowestT80H)
  for (const p of longer) if (reachedAt(p.hours, 't80')) return p.hours
  if (engine.slowestT50H !== null) return atLeast(2 * engine.slowestT50H)
  for (const p of longer) if (reachedAt(p.hours, 't50')) return p.hours
  return longest
}

/** Mean and sample SD per time of a measured release profile (replicates in %; missing cells skipped). */
export interface MeasuredReleasePoints {
  readonly timesH: ReadonlyArray<number>
  readonly meanPct: ReadonlyArray<number | null>
  /** Sample standard deviation (n − 1), null with fewer than two replicates at that time. */
  readonly sdPct: ReadonlyArray<number | null>
}

/**
 * Replicate mean ± sample SD at each measured time, for drawing measured release over the
 * prediction. Times with no value in any replicate give null (drawn as a gap, never as 0).
 */
export function measuredReleasePoints(data: { readonly timesH: ReadonlyArray<number>; readonly replicates: ReadonlyArray<ReadonlyArray<number | null>> }): MeasuredReleasePoints {
  // the fitting code's replicate statistics; missing cells are NaN there, null here
  const stats = replicateMeanSd(data.replicates.map((col) => col.map((v) => v ?? Number.NaN)), data.timesH.length)
  return {
    timesH: [...data.timesH],
    meanPct: stats.meanPct.map((m, i) => (stats.counts[i]! > 0 ? m : null)),
    sdPct: stats.sdPct.map((sd, i) => (stats.counts[i]! > 1 ? sd : null)),
  }
}
