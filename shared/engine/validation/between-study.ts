/**
 * How well published studies agree with each other on the same design (issue #10): the
 * reproducibility of the published values themselves, which bounds how often any estimate can
 * land within 2-fold of a paper it was not tuned on.
 *
 * A matched pair is two rows from different papers that describe the same experiment as far as
 * the design format can tell (BETWEEN_STUDY_RULE): same species, disease, observable, tissue,
 * counting and half-life phase; same core material, coats (kind, and material beyond PEG),
 * ligands and (liposomes) bilayer; PEG chain mass within 2-fold; hydrodynamic diameter within 25 % (the spread of DLS readings of
 * one sample between laboratories is of that order [U]); dose on the same basis within 2-fold
 * (the engine's no-cliff rule: a 2-fold dose step is a small change); sampling time within
 * 1.5-fold, or both rows without a time (half-lives and AUCs to infinity); same drug for drug
 * observables. No engine is run: the pairs and their ratios are published values only, so
 * held-out rows may be used without tuning anything on them.
 *
 * What the pairs say. If each paper reads the true value with a log-normal error of SD s
 * (log10), the log ratio of a pair has SD s·√2. The share q of pairs within 2-fold gives s
 * robustly (a few pairs 10-fold apart would dominate an rms): q = 2Φ(log10 2 / (s√2)) − 1, so
 * s = log10 2 / (√2 · Φ⁻¹((1 + q)/2)). An engine that knew the true value exactly would still
 * land within 2-fold of one paper with probability 2Φ(log10 2 / s) − 1 = 2Φ(√2 · Φ⁻¹((1 + q)/2)) − 1:
 * the ceiling of a held-out score. Its 90 % interval maps the Wilson score interval of q
 * through the same monotone function. The pairs are not independent (one paper can pair with
 * several), so the interval is narrower than the truth: the ceiling gives the order of the
 * spread between papers, not a bound. Papers, not laboratories: two papers of one group count as
 * two (Zhao 2014 and 2016, one group, differ 15-26x in the spleen of PEG-gold).
 */
import type { Design } from '../../design/types'
import { normalCdf } from '../fit/models'
import { normalQuantile } from '../pbpk/random'
import { hydrodynamicDiameterNm, pegMolecularWeightDa, surfaceSignature, withinFold } from './design-match'
import { designOfRow, isDrugObservable, withinTwoFold, type PublishedRow } from './published-rows'

/** The tolerances of a matched pair (module comment says why each). */
export const BETWEEN_STUDY_RULE = {
  hydrodynamicDiameterTolerance: 0.25,
  doseFold: 2,
  timeFold: 1.5,
  pegMolecularWeightFold: 2,
} as const

export type BetweenStudyRule = { readonly [K in keyof typeof BETWEEN_STUDY_RULE]: number }

/** Two rows of different papers on the same experiment, and b's value over a's. */
export interface StudyPair {
  readonly a: PublishedRow
  readonly b: PublishedRow
  readonly ratio: number
}

/** The agreement of the pairs and what it implies for any estimate (module comment). */
export interface BetweenStudyAgreement {
  readonly pairs: number
  /** Distinct papers among the pairs. */
  readonly papers: number
  readonly pairsWithin2Fold: number
  /** s (log10), from the share of pairs within 2-fold; 0 when every pair agrees, Infinity when none does. */
  readonly perStudySdLog10: number
  /** How often an exact estimate would land within 2-fold of one paper, with its 90 % interval. */
  readonly exactEstimateWithin2Fold: { readonly estimate: number; readonly lower: number; readonly upper: number }
}

/**
 * The paper a row comes from: its id up to the first '-' (ids are author+year or the product,
 * e.g. gabizon1994-…, onivyde-…). Two files citing one paper share the prefix, so they never pair.
 */
export function studyOfRow(row: PublishedRow): string {
  const i = row.id.indexOf('-')
  return i > 0 ? row.id.slice(0, i) : row.id
}


interface Features {
  readonly row: PublishedRow
  readonly study: string
  readonly design: Design
  readonly hydrodynamicNm: number
  readonly sameKey: string
  readonly pegDa: number
}

function featuresOf(row: PublishedRow): Features {
  const design = designOfRow(row)
  const bilayer = design.core.bilayer
  const sameKey = JSON.stringify([
    design.context.species, design.context.disease, row.observable, row.tissue ?? '', row.counting, row.halfLifePhase ?? '',
    row.ratioBasis ?? '', design.core.material, surfaceSignature(design), bilayer ? [bilayer.lipid, bilayer.cholesterolMolPct] : null,
    design.context.dose.basis, isDrugObservable(row) ? design.payload.drug : '',
  ])
  return {
    row, study: studyOfRow(row), design, sameKey,
    hydrodynamicNm: hydrodynamicDiameterNm(design), pegDa: pegMolecularWeightDa(design),
  }
}

function matches(p: Features, q: Features, rule: BetweenStudyRule): boolean {
  if (p.study === q.study || p.sameKey !== q.sameKey) return false
  if (!withinFold(p.hydrodynamicNm, q.hydrodynamicNm, 1 + rule.hydrodynamicDiameterTolerance)) return false
  if (!withinFold(p.design.context.dose.mgPerKg, q.design.context.dose.mgPerKg, rule.doseFold)) return false
  if ((p.pegDa > 0) !== (q.pegDa > 0) || (p.pegDa > 0 && !withinFold(p.pegDa, q.pegDa, rule.pegMolecularWeightFold))) return false
  const ta = p.row.timeH
  const tb = q.row.timeH
  if ((ta === undefined) !== (tb === undefined)) return false
  return ta === undefined || tb === undefined || withinFold(ta, tb, rule.timeFold)
}

/** Every matched pair of rows from different papers (module comment); rows in input order within a pair. */
export function matchedPairs(rows: ReadonlyArray<PublishedRow>, rule: BetweenStudyRule = BETWEEN_STUDY_RULE): StudyPair[] {
  const f = rows.map(featuresOf)
  const pairs: StudyPair[] = []
  for (let i = 0; i < f.length; i++) {
    for (let j = i + 1; j < f.length; j++) {
      const p = f[i]!
      const q = f[j]!
      if (matches(p, q, rule)) pairs.push({ a: p.row, b: q.row, ratio: q.row.value / p.row.value })
    }
  }
  return pairs
}

/** 2Φ(√2 · Φ⁻¹((1 + q)/2)) − 1: an exact estimate's share within 2-fold when a share q of pairs agree (module comment). */
export function exactEstimateShare(pairShareWithin2Fold: number): number {
  const q = pairShareWithin2Fold
  if (!(q >= 0 && q <= 1)) throw new Error(`exactEstimateShare: the share of pairs within 2-fold must be in [0, 1], got ${q}`)
  if (q === 0 || q === 1) return q
  return 2 * normalCdf(Math.SQRT2 * normalQuantile((1 + q) / 2)) - 1
}

/** The Wilson score interval of a binomial share k/n at the normal quantile z. */
function wilson(k: number, n: number, z: number): { lower: number; upper: number } {
  const p = k / n
  const d = 1 + (z * z) / n
  const centre = (p + (z * z) / (2 * n)) / d
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) }
}

/** The agreement of `pairs` (module comment); throws on no pairs or a non-positive ratio, naming the pair. */
export function betweenStudyAgreement(pairs: ReadonlyArray<StudyPair>): BetweenStudyAgreement {
  if (pairs.length === 0) throw new Error('betweenStudyAgreement: no matched pairs')
  let within = 0
  const papers = new Set<string>()
  for (const p of pairs) {
    if (!(p.ratio > 0 && Number.isFinite(p.ratio))) throw new Error(`betweenStudyAgreement: ${p.a.id} / ${p.b.id} has ratio ${p.ratio}`)
    if (withinTwoFold(p.ratio)) within++
    papers.add(studyOfRow(p.a))
    papers.add(studyOfRow(p.b))
  }
  const q = within / pairs.length
  const s = q === 1 ? 0 : q === 0 ? Infinity : Math.log10(2) / (Math.SQRT2 * normalQuantile((1 + q) / 2))
  const ci = wilson(within, pairs.length, normalQuantile(0.95))
  return {
    pairs: pairs.length, papers: papers.size, pairsWithin2Fold: within, perStudySdLog10: s,
    exactEstimateWithin2Fold: { estimate: exactEstimateShare(q), lower: exactEstimateShare(ci.lower), upper: exactEstimateShare(ci.upper) },
  }
}

/** The widest disagreement of a row with another paper's value of the same design. */
export interface PaperDisagreement {
  /** max(b/a, a/b) of the pair, ≥ 1. */
  readonly fold: number
  /** The other row of the pair. */
  readonly otherId: string
}

/** For every row in a pair, its widest disagreement with another paper (matchedPairs). */
export function widestDisagreements(pairs: ReadonlyArray<StudyPair>): Map<string, PaperDisagreement> {
  const out = new Map<string, PaperDisagreement>()
  const note = (id: string, fold: number, otherId: string): void => {
    const known = out.get(id)
    if (known === undefined || fold > known.fold) out.set(id, { fold, otherId })
  }
  for (const p of pairs) {
    const fold = Math.max(p.ratio, 1 / p.ratio)
    note(p.a.id, fold, p.b.id)
    note(p.b.id, fold, p.a.id)
  }
  return out
}

/**
 * For each row, its widest disagreement with another paper on the same design (matchedPairs),
 * over every representable row of both sets (published values only, no engine); undefined where
 * every other paper agrees within 2-fold, so only a disputed value is marked.
 */
export function disagreementsOf(rows: ReadonlyArray<PublishedRow>): (row: PublishedRow) => { fold: number; other: PublishedRow } | undefined {
  const byId = new Map(rows.map((r) => [r.id, r]))
  const widest = widestDisagreements(matchedPairs(rows))
  return (row) => {
    const d = widest.get(row.id)
    return d === undefined || withinTwoFold(d.fold) ? undefined : { fold: d.fold, other: byId.get(d.otherId)! }
  }
}
