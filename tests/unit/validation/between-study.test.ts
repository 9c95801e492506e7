/**
 * How well published studies agree with each other on the same design (issue #10,
 * between-study.ts). The pair rule is checked on edited copies of one published row; the
 * statistics on hand-worked numbers; and the agreement measured on the repository's rows must
 * equal what the app quotes (measured-accuracy.ts) and docs/science.md states.
 */
import { describe, expect, it } from 'vitest'
import { BETWEEN_STUDY_RULE, betweenStudyAgreement, exactEstimateShare, matchedPairs, studyOfRow, type StudyPair } from '../../../shared/engine/validation/between-study'
import { inVivoRows, IN_VIVO_ROW_FILES } from '../../../shared/engine/validation/in-vivo-rows'
import { betweenStudySentence, MEASURED_BETWEEN_STUDY } from '../../../shared/engine/validation/measured-accuracy'
import { scoreRows, type PublishedRow } from '../../../shared/engine/validation/published-rows'
import { readDoc } from '../support/docs'

const base = IN_VIVO_ROW_FILES['stealth-calibration']!.rows.find((r) => r.id === 'wang2012-pegaunc30nm-liver-pergram-24h')!
type Edit = { id: string; timeH?: number; diameterNm?: number; mgPerKg?: number; pegDa?: number; tissue?: string; value?: number; halfLifePhase?: PublishedRow['halfLifePhase'] }
/** A copy of the base row with some fields edited (the design deep-copied). */
function edited(e: Edit): PublishedRow {
  const design = structuredClone(base.design) as { core: { diameterNm: number }; coatings: Array<{ kind: string; molecularWeightDa?: number }>; context: { dose: { mgPerKg: number } } }
  if (e.diameterNm !== undefined) design.core.diameterNm = e.diameterNm
  if (e.mgPerKg !== undefined) design.context.dose.mgPerKg = e.mgPerKg
  if (e.pegDa !== undefined) design.coatings.find((c) => c.kind === 'peg')!.molecularWeightDa = e.pegDa
  return { ...base, id: e.id, design, timeH: e.timeH ?? base.timeH, tissue: e.tissue ?? base.tissue, value: e.value ?? base.value, ...(e.halfLifePhase ? { halfLifePhase: e.halfLifePhase } : {}) }
}
const baseCoreNm = (base.design as { core: { diameterNm: number } }).core.diameterNm
const baseDose = (base.design as { context: { dose: { mgPerKg: number } } }).context.dose.mgPerKg
const paired = (a: PublishedRow, b: PublishedRow): boolean => matchedPairs([a, b]).length === 1

describe('published values of the same design from different papers', () => {
  it('pairs rows of different papers on the same experiment, and nothing else', () => {
    const a = edited({ id: 'alpha2001-x' })
    expect(studyOfRow(a)).toBe('alpha2001')
    expect(paired(a, edited({ id: 'beta2005-y' }))).toBe(true)
    expect(paired(a, edited({ id: 'alpha2001-y' })), 'same paper').toBe(false)
    expect(paired(a, edited({ id: 'beta2005-y', tissue: 'spleen' })), 'other tissue').toBe(false)
    // twice the core under the same PEG5000 shell is more than 25 % larger in hydrodynamic diameter
    expect(paired(a, edited({ id: 'beta2005-y', diameterNm: 2 * baseCoreNm })), 'larger particle').toBe(false)
    expect(paired(a, edited({ id: 'beta2005-y', diameterNm: 1.1 * baseCoreNm })), '10 % larger core').toBe(true)
    expect(paired(a, edited({ id: 'beta2005-y', mgPerKg: 1.9 * baseDose }))).toBe(true)
    expect(paired(a, edited({ id: 'beta2005-y', mgPerKg: 2.1 * baseDose })), 'dose beyond 2-fold').toBe(false)
    expect(paired(a, edited({ id: 'beta2005-y', timeH: 30 }))).toBe(true)
    expect(paired(a, edited({ id: 'beta2005-y', timeH: 48 })), 'time beyond 1.5-fold').toBe(false)
    expect(paired(a, edited({ id: 'beta2005-y', pegDa: 2000 })), 'PEG 2.5-fold lighter').toBe(false)
    expect(paired(a, edited({ id: 'beta2005-y', halfLifePhase: 'terminal' })), 'another reading').toBe(false)
    const [p] = matchedPairs([a, edited({ id: 'beta2005-y', value: 3 * base.value })])
    expect(p!.ratio).toBeCloseTo(3, 12)
  })

  it('turns the share of agreeing pairs into the share an exact estimate would reach', () => {
    // q = 0.5: Φ⁻¹(0.75) = 0.67449, × √2 = 0.95387, 2Φ(0.95387) − 1 = 2 × 0.82993 − 1 = 0.65986 (normal table)
    expect(exactEstimateShare(0.5)).toBeCloseTo(0.6599, 3)
    // q = 0.9: Φ⁻¹(0.95) = 1.64485, × √2 = 2.32617, 2Φ(2.32617) − 1 = 2 × 0.98999 − 1 = 0.97999
    expect(exactEstimateShare(0.9)).toBeCloseTo(0.98, 3)
    expect(exactEstimateShare(1)).toBe(1)
    expect(exactEstimateShare(0)).toBe(0)
    expect(() => exactEstimateShare(1.2)).toThrow(/\[0, 1\], got 1.2/)
    const pair = (ratio: number, i: number): StudyPair => ({ a: edited({ id: `a${i}-x` }), b: edited({ id: `b${i}-x` }), ratio })
    const g = betweenStudyAgreement([1.5, 3, 0.25, 1].map(pair))
    expect([g.pairs, g.papers, g.pairsWithin2Fold]).toEqual([4, 8, 2])
    // s = log10 2 / (√2 Φ⁻¹(0.75)) = 0.30103 / 0.95387 = 0.31559
    expect(g.perStudySdLog10).toBeCloseTo(0.3156, 3)
    expect(g.exactEstimateWithin2Fold.estimate).toBeCloseTo(0.6599, 3)
    // Wilson 90 % of 2/4 (z = 1.6449, z² = 2.7055): d = 1 + z²/4 = 1.6764, centre (0.5 + z²/8)/d = 0.5,
    // half z·√(0.0625 + z²/64)/d = 1.6449 × 0.32369 / 1.6764 = 0.31761 → [0.1824, 0.8176], mapped
    expect(g.exactEstimateWithin2Fold.lower).toBeCloseTo(exactEstimateShare(0.1824), 3)
    expect(g.exactEstimateWithin2Fold.upper).toBeCloseTo(exactEstimateShare(0.8176), 3)
    expect(() => betweenStudyAgreement([])).toThrow(/no matched pairs/)
    expect(() => betweenStudyAgreement([pair(0, 9)])).toThrow(/a9-x \/ b9-x has ratio 0/)
  })

  it('measures the agreement the app quotes and docs/science.md states, with the engine on the same rows', () => {
    const rowsAll = [...inVivoRows('calibration'), ...inVivoRows('validation')]
    const pairs = matchedPairs(rowsAll)
    const g = betweenStudyAgreement(pairs)
    const rows = [...new Set(pairs.flatMap((p) => [p.a, p.b]))]
    const engine = scoreRows(rows)
    const pct = (x: number): number => Math.round(100 * x)
    const measured = {
      pairs: g.pairs, papers: g.papers, pairsWithin2Fold: g.pairsWithin2Fold,
      exactEstimateWithin2FoldPct: { estimate: pct(g.exactEstimateWithin2Fold.estimate), lower: pct(g.exactEstimateWithin2Fold.lower), upper: pct(g.exactEstimateWithin2Fold.upper) },
      engineOnPairedRows: { within2Fold: engine.filter((s) => s.within2Fold).length, rows: engine.length },
    }
    expect(MEASURED_BETWEEN_STUDY, `measured: ${JSON.stringify(measured)}`).toEqual(measured)
    const science = readDoc('docs/science.md').replace(/\s+/g, ' ')
    const b = MEASURED_BETWEEN_STUDY
    for (const phrase of [
      `within 2-fold of each other for ${b.pairsWithin2Fold} of ${b.pairs} pairs (${b.papers} papers)`,
      `about ${b.exactEstimateWithin2FoldPct.estimate} % of the time (90 % interval ${b.exactEstimateWithin2FoldPct.lower}–${b.exactEstimateWithin2FoldPct.upper} %`,
      `the engine's estimate was within 2-fold for ${b.engineOnPairedRows.within2Fold} of ${b.engineOnPairedRows.rows}`,
    ]) expect(science.includes(phrase), `docs/science.md states: ${phrase}`).toBe(true)
    // docs/science.md's looser and stricter matching, measured too
    const loose = betweenStudyAgreement(matchedPairs(rowsAll, { ...BETWEEN_STUDY_RULE, hydrodynamicDiameterTolerance: 0.35, doseFold: 3, timeFold: 2 }))
    const strict = betweenStudyAgreement(matchedPairs(rowsAll, { ...BETWEEN_STUDY_RULE, hydrodynamicDiameterTolerance: 0.15, timeFold: 1 }))
    for (const phrase of [
      `dose within 3-fold, time within 2-fold) ${loose.pairsWithin2Fold} of ${loose.pairs} pairs agree and the exact-estimate share is about ${pct(loose.exactEstimateWithin2Fold.estimate)} %`,
      `(diameter within 15 %, same time) ${strict.pairsWithin2Fold} of ${strict.pairs} and about ${pct(strict.exactEstimateWithin2Fold.estimate)} %`,
    ]) expect(science.includes(phrase), `docs/science.md states: ${phrase}`).toBe(true)
    expect(betweenStudySentence()).toContain(`${b.pairsWithin2Fold} of ${b.pairs} pairs`)
  })
})
