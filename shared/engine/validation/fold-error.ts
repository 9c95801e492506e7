/**
 * How far the engine's estimate falls from published values: quantiles of the fold error
 * max(e/p, p/e) over scored published rows (issue #10). Where the Monte Carlo band says how much
 * the engine's own parameters move an estimate, this says how far a laboratory's value has
 * actually fallen from it, which is what a scientist needs before acting on an estimate.
 */
import { bandOf } from '../pbpk/monte-carlo'
import { isDrugObservable, type PublishedRow, type ScoredRow } from './published-rows'

/** Fold errors at the 50th, 80th and 95th percentiles (type-7 quantiles, the band's rule). */
export interface FoldErrorQuantiles {
  readonly rows: number
  readonly p50: number
  readonly p80: number
  readonly p95: number
}

/** The fold-error quantiles of `scored`; throws on an empty list or a non-positive ratio, naming the row. */
export function foldErrorQuantiles(scored: ReadonlyArray<ScoredRow>): FoldErrorQuantiles {
  if (scored.length === 0) throw new Error('foldErrorQuantiles: no scored rows')
  const logs = new Float64Array(scored.length)
  scored.forEach((s, i) => {
    if (!(s.ratio > 0 && Number.isFinite(s.ratio))) throw new Error(`foldErrorQuantiles: ${s.row.id} has ratio ${s.ratio}`)
    logs[i] = Math.abs(Math.log10(s.ratio))
  })
  // bandOf gives the quantiles (lo, 0.5, hi) by the rule the app's bands use
  const q = bandOf(logs.length, 0.8, 0.95)(logs)
  return { rows: scored.length, p50: 10 ** q.median, p80: 10 ** q.lower, p95: 10 ** q.upper }
}

/**
 * What kind of number a published row is, for fold errors per read-out: particles in blood
 * (half-life, AUC, blood %ID), drug in blood (inside particles or total plasma drug), liver,
 * spleen, the disease's target tissue (or a diseased-to-healthy ratio), or another organ. The
 * engine's error differs between them (blood and drug within about ×2 for 4 in 5 held-out
 * values, liver and spleen about ×5), so one figure for every estimate would mislead.
 */
export type ReadoutClass = 'blood' | 'drug' | 'liver' | 'spleen' | 'target' | 'other'

export function readoutClassOfRow(row: PublishedRow): ReadoutClass {
  if (isDrugObservable(row)) return 'drug'
  if (row.observable === 'bloodHalfLifeH' || row.observable === 'bloodAucPercentDoseH' || row.tissue === 'blood') return 'blood'
  if (row.observable === 'targetToHealthyRatio' || row.tissue === 'joints' || row.tissue === 'colon') return 'target'
  if (row.tissue === 'liver') return 'liver'
  if (row.tissue === 'spleen') return 'spleen'
  return 'other'
}
