/**
 * Honest checks of a calibration (issue #14, step 5): the share of measured points the engine
 * predicts within 2-fold (published/2 ≤ predicted ≤ 2·published, the tolerance of the
 * published-rows validation, shared/engine/validation/published-rows.ts), before and after
 * calibration, and leave-one-study-out: each study predicted by a calibration on the others.
 *
 * Which points count: uncensored biodistribution observations (%ID, %ID/g, t½). Censored
 * points have no value to compare, and a 2-fold band on a released percentage (bounded by
 * 100) is not the same test, so release profiles inform the calibration but are not scored.
 *
 * Pure: the calibration and the prediction are arguments, so the function has no state of
 * its own and tests can pass an exact fit or a deliberately wrong one.
 */
import type { Multipliers } from './parameters'
import { predictStudy, type CalibrationStudy } from './studies'

/** Points within 2-fold and their share. */
export interface FoldShare {
  readonly points: number
  readonly within2Fold: number
  /** within2Fold / points; NaN when there is no point. */
  readonly share: number
}

/** True when predicted is within 2-fold of observed (both > 0). */
export function within2Fold(observed: number, predicted: number): boolean {
  if (!(observed > 0) || !(predicted > 0)) return false
  const ratio = predicted / observed
  return ratio >= 0.5 && ratio <= 2
}

/** The observed values of a study that are scored, with their index in the study's predictions. */
export function scoredPoints(study: CalibrationStudy): Array<{ index: number; observed: number }> {
  if (study.kind === 'release') return []
  return study.observations.flatMap((o, index) => (o.censored ? [] : [{ index, observed: o.value }]))
}

function share(points: number, hits: number): FoldShare {
  return { points, within2Fold: hits, share: points > 0 ? hits / points : Number.NaN }
}

/** Within-2-fold share of the studies' scored points under the multipliers ({} = nominal engine). */
export function within2FoldShare(
  studies: ReadonlyArray<CalibrationStudy>, m: Multipliers,
  predict: (study: CalibrationStudy, m: Multipliers) => ReadonlyArray<number> = predictStudy,
): FoldShare {
  let points = 0
  let hits = 0
  for (const s of studies) {
    const scored = scoredPoints(s)
    if (scored.length === 0) continue
    const pred = predict(s, m)
    for (const p of scored) {
      points++
      if (within2Fold(p.observed, pred[p.index]!)) hits++
    }
  }
  return share(points, hits)
}

/** One fold of leave-one-study-out. */
export interface LosoFold {
  readonly heldOut: string
  /** Multipliers learned on the other studies; null when that calibration gave no posterior. */
  readonly multipliers: Multipliers | null
  readonly before: FoldShare
  /** Null when the calibration on the others gave no posterior. */
  readonly after: FoldShare | null
}

/** Leave-one-study-out result: per fold and pooled over the held-out points. */
export interface LosoResult {
  readonly folds: ReadonlyArray<LosoFold>
  /** Held-out points of every fold, nominal engine. */
  readonly before: FoldShare
  /** Held-out points of the folds whose calibration converged, calibrated on the other studies. */
  readonly after: FoldShare
  /** Held-out points of those same folds, nominal engine (the fair comparison for `after`). */
  readonly beforeOnSameFolds: FoldShare
  /** Folds left out of `after` because their calibration did not converge. */
  readonly failedFolds: ReadonlyArray<string>
}

/**
 * Leave-one-study-out: for each study with scored points, `fit` the other studies (e.g. the
 * posterior medians of {@link calibrate}; null = no posterior) and score the held-out study's
 * points before (nominal) and after. Needs at least two studies.
 */
export function leaveOneStudyOut(
  studies: ReadonlyArray<CalibrationStudy>,
  fit: (training: ReadonlyArray<CalibrationStudy>) => Multipliers | null,
  predict: (study: CalibrationStudy, m: Multipliers) => ReadonlyArray<number> = predictStudy,
): LosoResult {
  if (studies.length < 2) throw new Error(`leave-one-study-out needs at least 2 studies, got ${studies.length}`)
  const folds: LosoFold[] = []
  for (const held of studies) {
    if (scoredPoints(held).length === 0) continue
    const training = studies.filter((s) => s !== held)
    const m = fit(training)
    folds.push({
      heldOut: held.id, multipliers: m,
      before: within2FoldShare([held], {}, predict),
      after: m === null ? null : within2FoldShare([held], m, predict),
    })
  }
  const sum = (fs: ReadonlyArray<FoldShare>): FoldShare => share(
    fs.reduce((n, f) => n + f.points, 0), fs.reduce((n, f) => n + f.within2Fold, 0),
  )
  const ok = folds.filter((f) => f.after !== null)
  return {
    folds,
    before: sum(folds.map((f) => f.before)),
    after: sum(ok.map((f) => f.after!)),
    beforeOnSameFolds: sum(ok.map((f) => f.before)),
    failedFolds: folds.filter((f) => f.after === null).map((f) => f.heldOut),
  }
}
