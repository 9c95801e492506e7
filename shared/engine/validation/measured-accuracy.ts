/**
 * How the engine has done against published values, measured on the published rows and quoted
 * by the app beside its estimates; one source for the app, the README, docs/science.md and the tests, which
 * recompute every number and fail when it differs:
 * - MEASURED_BAND_COVERAGE: how often the Monte Carlo 95 % band contained the published value
 *   (tests/unit/validation/band-coverage.test.ts, band-coverage.ts). The band is the spread the
 *   engine's own uncertain parameters give, not where a laboratory's value will fall.
 * - MEASURED_FOLD_ERROR: how far the estimate fell from the published value, fold-error
 *   quantiles (tests/unit/validation/fold-error.test.ts, fold-error.ts), to two significant
 *   digits. That is the number to weigh before acting on an estimate.
 * - MEASURED_FOLD_ERROR_BY_READOUT: the same, held-out, per kind of read-out (blood, drug in
 *   blood, liver, spleen).
 * - MEASURED_PREDICTION_INTERVAL: where a published value will fall around an estimate, an
 *   interval set on calibration rows and checked on held-out rows (prediction-interval.ts,
 *   tests/unit/validation/prediction-interval.test.ts).
 * - MEASURED_WITHIN_STUDY: how well the engine compares two designs measured in one study, the
 *   ratio between them against the published ratio (within-study.ts,
 *   tests/unit/validation/within-study.test.ts).
 * - MEASURED_BETWEEN_STUDY: how often two papers on the same design agreed within 2-fold, and
 *   what that implies for any estimate (tests/unit/validation/between-study.test.ts,
 *   between-study.ts); with the engine's own score on the same rows.
 */
import { listText } from '../../design/format'

export const MEASURED_BAND_COVERAGE = {
  drawsPerRow: 200,
  seed: 7,
  calibration: { inside: 80, rows: 141 },
  heldOut: { inside: 65, rows: 108 },
} as const

/** One sentence for the app: the band's measured coverage of published values. */
export function bandCoverageSentence(): string {
  const c = MEASURED_BAND_COVERAGE.calibration
  const h = MEASURED_BAND_COVERAGE.heldOut
  const pct = (x: { inside: number; rows: number }): number => Math.round((100 * x.inside) / x.rows)
  return `It is the spread of the engine's own uncertain parameters, not a prediction interval: checked against published studies, such a band contained the published value for ${c.inside} of ${c.rows} calibration values (${pct(c)} %) and ${h.inside} of ${h.rows} held-out values (${pct(h)} %). `
    + `Where a published value will fall is the prediction interval: the estimate ×/÷${foldText(MEASURED_PREDICTION_INTERVAL.level80.fold)} for 4 in 5.`
}

/** Fold-error quantiles of the nominal estimate against published values (fold-error.ts), 2 significant digits. */
export const MEASURED_FOLD_ERROR = {
  calibration: { rows: 141, p50: 1.6, p80: 4.0, p95: 19 },
  heldOut: { rows: 108, p50: 1.8, p80: 4.3, p95: 17 },
} as const

/**
 * The held-out fold errors per kind of read-out (fold-error.ts readoutClassOfRow), 2 significant
 * digits: the engine is closer on blood and drug-in-blood values than on liver and spleen, and
 * the app quotes each beside its own numbers. Kinds with fewer than 5 held-out values are left
 * out (the target tissue has 2).
 */
export const MEASURED_FOLD_ERROR_BY_READOUT = {
  blood: { rows: 30, p50: 2.0, p80: 6.7, p95: 120 },
  drug: { rows: 29, p50: 1.7, p80: 2.2, p95: 3.3 },
  liver: { rows: 25, p50: 1.8, p80: 5.3, p95: 9.4 },
  spleen: { rows: 22, p50: 2.5, p80: 5.0, p95: 14 },
} as const

/** A fold error as quoted: two significant digits, "5.0", "1.8", "14", "120" (never "1.2e+2"). */
export function foldText(x: number): string {
  const rounded = Number(x.toPrecision(2))
  return rounded >= 100 ? String(rounded) : x.toPrecision(2)
}

/** The held-out fold error of a tissue's %ID curve, where published values of its kind exist (blood, liver, spleen). */
export function tissueFoldError(tissue: string): { readonly rows: number; readonly p80: number } | null {
  return tissue === 'blood' || tissue === 'liver' || tissue === 'spleen' ? MEASURED_FOLD_ERROR_BY_READOUT[tissue] : null
}

/** The tooltip beside one read-out's held-out fold error (Biodistribution table, Selectivity card). */
export function readoutFoldErrorTitle(f: { readonly rows: number; readonly p80: number }): string {
  return `${f.rows} held-out published values of this kind: 4 in 5 fell within ×${foldText(f.p80)} of the engine's estimate`
}

/** One sentence for the app: how far published values fell from estimates like this one. */
export function foldErrorSentence(): string {
  const h = MEASURED_FOLD_ERROR.heldOut
  return `Against ${h.rows} published values the engine was not tuned on, its estimate was within ×${h.p50} of the published value for half, ×${h.p80} for 4 in 5 and ×${h.p95} for 19 in 20.`
}

/**
 * The prediction interval (prediction-interval.ts): split-conformal folds set on the in-vivo
 * calibration rows (2 significant digits), and how many held-out values fell inside the
 * interval of the exact fold: the check that it holds for studies the engine was not tuned on.
 * Per read-out (at 80 %), so the app can say where it is wider or narrower than it needs to be.
 */
export const MEASURED_PREDICTION_INTERVAL = {
  calibrationRows: 141,
  level80: { fold: 4.1, heldOutInside: 85, heldOutRows: 108 },
  level95: { fold: 21, heldOutInside: 103, heldOutRows: 108 },
  heldOutInside80ByReadout: {
    blood: { inside: 21, rows: 30 },
    drug: { inside: 28, rows: 29 },
    liver: { inside: 19, rows: 25 },
    spleen: { inside: 15, rows: 22 },
  },
} as const

/**
 * The prediction interval as `simulate --json` gives it (key `accuracy`): the folds, their
 * held-out check and the statement, so a script can put the interval around any estimate.
 */
export function predictionIntervalJson(): { readonly predictionInterval: typeof MEASURED_PREDICTION_INTERVAL; readonly statement: string } {
  return { predictionInterval: MEASURED_PREDICTION_INTERVAL, statement: predictionIntervalSentence() }
}

/**
 * Comparing two designs (within-study.ts): pairs of rows of one study with the same read-out,
 * the engine's ratio against the published ratio, held out and calibration.
 */
export const MEASURED_WITHIN_STUDY = {
  heldOut: { studies: 10, pairs: 103, within2Fold: 53, directionPairs: 72, directionRight: 39, directionFlat: 22 },
  calibration: { studies: 17, pairs: 52, within2Fold: 36, directionPairs: 28, directionRight: 21, directionFlat: 6 },
} as const

/** One sentence: how well the engine compares designs, and what that means for a side-by-side review. */
export function withinStudySentence(): string {
  const h = MEASURED_WITHIN_STUDY.heldOut
  return `Comparing designs: within one study the engine's ratio between two designs was within 2-fold of the published ratio for ${h.within2Fold} of ${h.pairs} held-out pairs (${h.studies} studies), `
    + `and where the published values differ more than 1.5-fold it moved the same way for ${h.directionRight} of ${h.directionPairs}, saw almost no difference (within 1.1-fold) for ${h.directionFlat} and moved the other way for ${h.directionPairs - h.directionRight - h.directionFlat}. `
    + 'It is flattest where the liver is the sink of every particle (the 24 h liver share of PEG-gold across sizes) and across doses of a human liposome: a small difference between two such designs says little.'
}

/** The short form for a side-by-side review (withinStudySentence is its tooltip). */
export function withinStudyShort(): string {
  const h = MEASURED_WITHIN_STUDY.heldOut
  return `two designs of one study moved as published in ${h.directionRight} of ${h.directionPairs} unseen pairs`
}

/** The short form beside an estimate's headline (predictionIntervalSentence is its tooltip). */
export function predictionIntervalShort(): string {
  const p = MEASURED_PREDICTION_INTERVAL.level80
  return `80 % prediction interval ×/÷${foldText(p.fold)} (it held ${p.heldOutInside} of ${p.heldOutRows} unseen published values)`
}

/** One sentence: where a published value will fall around an estimate, and how that was checked. */
export function predictionIntervalSentence(): string {
  const m = MEASURED_PREDICTION_INTERVAL
  const pct = (x: { heldOutInside: number; heldOutRows: number }): number => Math.round((100 * x.heldOutInside) / x.heldOutRows)
  const r = m.heldOutInside80ByReadout
  return `Where a published value will fall: set on ${m.calibrationRows} calibration values (split conformal prediction), the estimate ×/÷${foldText(m.level80.fold)} is an 80 % prediction interval and ×/÷${foldText(m.level95.fold)} a 95 % one; `
    + `on ${m.level80.heldOutRows} values from studies the engine was never tuned on they held ${m.level80.heldOutInside} (${pct(m.level80)} %) and ${m.level95.heldOutInside} (${pct(m.level95)} %). `
    + `The 80 % interval held ${r.blood.inside} of ${r.blood.rows} blood, ${r.drug.inside} of ${r.drug.rows} drug, ${r.liver.inside} of ${r.liver.rows} liver and ${r.spleen.inside} of ${r.spleen.rows} spleen values: ${intervalFitWords(r)}.`
}

/** Read-out words for the interval's per-read-out coverage. */
const READOUT_WORDS = { blood: 'particles in blood', drug: 'drug in blood', liver: 'the liver', spleen: 'the spleen' } as const

/**
 * Where one interval for every read-out is wider or narrower than a read-out needs: held 9 in 10
 * or more of its held-out values (wider than needed), fewer than 3 in 4 (narrower), else about
 * right. Computed from the counts, so the words follow the measurement.
 */
export function intervalFitWords(byReadout: Readonly<Record<keyof typeof READOUT_WORDS, { readonly inside: number; readonly rows: number }>>): string {
  const kinds = Object.keys(READOUT_WORDS) as (keyof typeof READOUT_WORDS)[]
  const list = (ks: ReadonlyArray<keyof typeof READOUT_WORDS>): string => listText(ks.map((k) => READOUT_WORDS[k]))
  const share = (k: keyof typeof READOUT_WORDS): number => byReadout[k].inside / byReadout[k].rows
  const wider = kinds.filter((k) => share(k) >= 0.9)
  const narrower = kinds.filter((k) => share(k) < 0.75)
  const parts = [
    ...(wider.length > 0 ? [`wider than needed for ${list(wider)}`] : []),
    ...(narrower.length > 0 ? [`narrower than needed for ${list(narrower)}`] : []),
  ]
  return parts.length > 0 ? parts.join(', ') : 'about as wide as each read-out needs'
}

/**
 * Published values of the same design from different papers (between-study.ts): pairs within
 * 2-fold, the share an exact estimate would reach (with its 90 % interval, in %), and the
 * engine's nominal estimate on the rows of those pairs.
 */
export const MEASURED_BETWEEN_STUDY = {
  pairs: 24,
  papers: 16,
  pairsWithin2Fold: 13,
  exactEstimateWithin2FoldPct: { estimate: 71, lower: 52, upper: 85 },
  engineOnPairedRows: { within2Fold: 29, rows: 36 },
} as const

/** One sentence for the app: how far published values of one design fall from each other. */
export function betweenStudySentence(): string {
  const b = MEASURED_BETWEEN_STUDY
  return `Published values agree only so well: where two papers measured the same design, they were within 2-fold of each other for ${b.pairsWithin2Fold} of ${b.pairs} pairs, so even an exact estimate would land within 2-fold of a new paper about ${b.exactEstimateWithin2FoldPct.estimate} % of the time.`
}

/** One sentence: the held-out fold errors per read-out (MEASURED_FOLD_ERROR_BY_READOUT). */
export function foldErrorByReadoutSentence(): string {
  const m = MEASURED_FOLD_ERROR_BY_READOUT
  return `By what is read, 4 in 5 held-out values fell within ×${foldText(m.blood.p80)} for particles in blood (${m.blood.rows} values), ×${foldText(m.drug.p80)} for drug in blood (${m.drug.rows}), ×${foldText(m.liver.p80)} for the liver (${m.liver.rows}) and ×${foldText(m.spleen.p80)} for the spleen (${m.spleen.rows}).`
}
