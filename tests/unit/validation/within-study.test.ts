/**
 * Comparing two designs (within-study.ts): a laboratory's offset cancels in a ratio (analytic
 * check), the counting rules on a hand-made study, and the numbers the app quotes
 * (MEASURED_WITHIN_STUDY) recomputed from the published rows.
 */
import { describe, expect, it } from 'vitest'
import { IN_VIVO_ROW_FILES } from '../../../shared/engine/validation/in-vivo-rows'
import { scoreRows, type PublishedRow, type ScoredRow } from '../../../shared/engine/validation/published-rows'
import { DIRECTION_MIN_PUBLISHED_FOLD, ENGINE_FLAT_FOLD, summariseWithinStudy, withinStudyPairs } from '../../../shared/engine/validation/within-study'
import { MEASURED_WITHIN_STUDY, withinStudySentence, withinStudyShort } from '../../../shared/engine/validation/measured-accuracy'
import { readDoc } from '../support/docs'

/** A scored row of study `id` (its first part names the study), liver %ID at 24 h, published p, engine e. */
function row(id: string, p: number, e: number, tissue = 'liver'): ScoredRow {
  const r = { id, set: 'validation', observable: 'percentDose', tissue, timeH: 24, unit: '%ID', value: p, source: 'Test A 2020, J Test 1:1', design: {} } as unknown as PublishedRow
  return { row: r, predicted: e, ratio: e / p, within2Fold: e / p >= 0.5 && e / p <= 2 }
}

describe('within-study pairs', () => {
  it('a laboratory offset cancels: an engine c-fold off on every row of a study has every ratio exact', () => {
    for (const c of [0.1, 1, 7.3]) {
      const study = [row('lab2020-a', 10, 10 * c), row('lab2020-b', 25, 25 * c), row('lab2020-c', 60, 60 * c)]
      const pairs = withinStudyPairs(study)
      expect(pairs).toHaveLength(3) // 3 designs: 3·2/2 pairs
      for (const p of pairs) expect(p.engineRatio / p.publishedRatio).toBeCloseTo(1, 12)
      expect(summariseWithinStudy(pairs)).toEqual({ studies: 1, pairs: 3, within2Fold: 3, directionPairs: 3, directionRight: 3, directionFlat: 0 })
    }
  })

  it('pairs only rows of one study with the same read-out, and scores direction only past 1.5-fold', () => {
    const rows = [
      row('lab2020-a', 10, 50), row('lab2020-b', 40, 20), // published ×4 up, engine ×2.5 down: outside 2-fold, wrong way
      row('lab2020-c', 12, 50), // with a: ×1.2 published (direction not scored), engine ×1
      row('lab2020-d', 10, 10, 'spleen'), // another read-out: no pair
      row('other2019-a', 10, 10), // another study: no pair
    ]
    const s = summariseWithinStudy(withinStudyPairs(rows))
    expect(s.pairs).toBe(3) // a-b, a-c, b-c
    expect(s.studies).toBe(1)
    // a-b: e/p = (20/50)/(40/10) = 0.1; a-c: (50/50)/(12/10) = 0.83; b-c: (50/20)/(12/40) = 8.3
    expect(s.within2Fold).toBe(1)
    // direction scored on a-b (×4) and b-c (×0.3): a-b wrong, b-c (published down, engine up) wrong
    expect(s.directionPairs).toBe(2)
    expect(s.directionRight).toBe(0)
    expect(s.directionFlat).toBe(0)
    // an engine ratio within 1.1-fold is flat, whichever way it leans
    const flat = summariseWithinStudy(withinStudyPairs([row('lab2020-a', 10, 30), row('lab2020-b', 40, 31.5)]))
    expect(flat).toMatchObject({ directionPairs: 1, directionRight: 0, directionFlat: 1 })
  })
})

describe('what the app quotes', () => {
  it('MEASURED_WITHIN_STUDY is measured on the published rows, held out and calibration', () => {
    const scored = scoreRows(Object.values(IN_VIVO_ROW_FILES).flatMap((f) => f.rows))
    const measured = {
      heldOut: summariseWithinStudy(withinStudyPairs(scored.filter((s) => s.row.set === 'validation'))),
      calibration: summariseWithinStudy(withinStudyPairs(scored.filter((s) => s.row.set === 'calibration'))),
    }
    expect(MEASURED_WITHIN_STUDY, JSON.stringify(measured)).toEqual(measured)
    const h = MEASURED_WITHIN_STUDY.heldOut
    expect(withinStudySentence()).toContain(`${h.within2Fold} of ${h.pairs} held-out pairs (${h.studies} studies)`)
    expect(withinStudyShort()).toContain(`${h.directionRight} of ${h.directionPairs}`)
    const science = readDoc('docs/science.md').replace(/\s+/g, ' ')
    const phrase = `the engine's ratio was within 2-fold of the published one for ${h.within2Fold} of ${h.pairs} held-out pairs (${h.studies} studies; calibration ${MEASURED_WITHIN_STUDY.calibration.within2Fold} of ${MEASURED_WITHIN_STUDY.calibration.pairs}). Where the published values differ more than 1.5-fold, it moved the same way for ${h.directionRight} of ${h.directionPairs}, saw almost no difference for ${h.directionFlat} and moved the other way for ${h.directionPairs - h.directionRight - h.directionFlat}`
    expect(science.includes(phrase), `docs/science.md states: ${phrase}`).toBe(true)
    // an anchored prediction has its pair's error: the same share, beside the engine alone
    const held = scored.filter((s) => s.row.set === 'validation')
    const alone = Math.round((100 * held.filter((s) => s.within2Fold).length) / held.length)
    const anchored = `within 2-fold for the same ${Math.round((100 * h.within2Fold) / h.pairs)} % of held-out pairs, against ${alone} % for the engine alone`
    expect(science.includes(anchored), `docs/science.md states: ${anchored}`).toBe(true)
    // the calibration rows' flat pairs, as docs/science.md diagnoses them: study by study
    const flatStudies = withinStudyPairs(scored.filter((s) => s.row.set === 'calibration'))
      .filter((p) => Math.abs(Math.log(p.publishedRatio)) > Math.log(DIRECTION_MIN_PUBLISHED_FOLD) && Math.abs(Math.log(p.engineRatio)) <= Math.log(ENGINE_FLAT_FOLD))
      .map((p) => p.study).sort()
    expect(flatStudies).toEqual(['abdollahizad2023', 'gubbins2009', 'gubbins2009', 'gubbins2009', 'wang2012', 'wang2012'])
  })
})
