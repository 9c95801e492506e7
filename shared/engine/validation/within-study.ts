/**
 * How well the engine compares two designs (issue #10): the side-by-side view, the optimiser and
 * inverse design all act on differences between designs, not on one absolute value. Within one
 * study the laboratory's own offsets (animal strain, label, assay, recovery) are shared by its
 * rows, so they cancel in a ratio; what is left is whether the engine moves with the design as
 * the published values do.
 *
 * A pair is two scored rows of one study (studyOfRow) with the same read-out (tissue, quantity,
 * time, reading) and unit: published ratio p = v₂/v₁, engine ratio e = ê₂/ê₁, and the pair's
 * error e/p. Scored: within 2-fold (0.5 ≤ e/p ≤ 2) and, where the published values differ by
 * more than 1.5-fold, whether the engine moves the same way (sign ln e = sign ln p, with e
 * itself beyond 1.1-fold), barely moves (e within 1.1-fold: it sees no difference where the
 * paper saw one) or moves the other way. Every pair of a group counts (a study of k designs
 * gives k(k − 1)/2 pairs, which share rows).
 */
import { studyOfRow } from './between-study'
import { readoutOf } from './published-like'
import { withinTwoFold, type ScoredRow } from './published-rows'

/** Below this published ratio (either way) the direction of a pair is not scored. */
export const DIRECTION_MIN_PUBLISHED_FOLD = 1.5
/** An engine ratio within this fold either way counts as "no difference" (flat), not as a direction. */
export const ENGINE_FLAT_FOLD = 1.1

/** One within-study pair. */
export interface WithinStudyPair {
  readonly study: string
  readonly readout: string
  readonly first: ScoredRow
  readonly second: ScoredRow
  /** Published ratio second ÷ first. */
  readonly publishedRatio: number
  /** The engine's ratio second ÷ first. */
  readonly engineRatio: number
}

/** Every within-study pair of `scored` (module comment), in the order the rows come. */
export function withinStudyPairs(scored: ReadonlyArray<ScoredRow>): WithinStudyPair[] {
  const groups = new Map<string, ScoredRow[]>()
  for (const s of scored) {
    const key = JSON.stringify([studyOfRow(s.row), readoutOf(s.row), s.row.unit])
    const g = groups.get(key)
    if (g) g.push(s)
    else groups.set(key, [s])
  }
  const pairs: WithinStudyPair[] = []
  for (const g of groups.values()) {
    for (let i = 0; i < g.length; i++) {
      for (let j = i + 1; j < g.length; j++) {
        const a = g[i]!
        const b = g[j]!
        pairs.push({
          study: studyOfRow(a.row), readout: readoutOf(a.row), first: a, second: b,
          publishedRatio: b.row.value / a.row.value, engineRatio: b.predicted / a.predicted,
        })
      }
    }
  }
  return pairs
}

/** Counts over pairs: within 2-fold, and the direction where the published values differ enough. */
export interface WithinStudySummary {
  readonly studies: number
  readonly pairs: number
  readonly within2Fold: number
  /** Pairs whose published values differ more than DIRECTION_MIN_PUBLISHED_FOLD. */
  readonly directionPairs: number
  /** Of those, the engine moves the same way beyond ENGINE_FLAT_FOLD. */
  readonly directionRight: number
  /** Of those, the engine's ratio is within ENGINE_FLAT_FOLD: it sees no difference. */
  readonly directionFlat: number
}

export function summariseWithinStudy(pairs: ReadonlyArray<WithinStudyPair>): WithinStudySummary {
  const minLog = Math.log(DIRECTION_MIN_PUBLISHED_FOLD)
  let within2Fold = 0
  let directionPairs = 0
  let directionRight = 0
  let directionFlat = 0
  const flatLog = Math.log(ENGINE_FLAT_FOLD)
  for (const p of pairs) {
    if (withinTwoFold(p.engineRatio / p.publishedRatio)) within2Fold++
    const lp = Math.log(p.publishedRatio)
    if (Math.abs(lp) > minLog) {
      directionPairs++
      const le = Math.log(p.engineRatio)
      if (Math.abs(le) <= flatLog) directionFlat++
      else if (Math.sign(le) === Math.sign(lp)) directionRight++
    }
  }
  return { studies: new Set(pairs.map((p) => p.study)).size, pairs: pairs.length, within2Fold, directionPairs, directionRight, directionFlat }
}
