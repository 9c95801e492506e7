/**
 * The report's validation statement scores every published in-vivo row (all held-out files, not
 * only the first published set, whose 20 of 24 alone would read rosier than the whole), and
 * gives the held-out fold errors a reviewer should read the estimates with, and how well published
 * values of one design agree with each other.
 */
import { describe, expect, it } from 'vitest'
import { validationParagraphs } from '../../../../shared/report/build'
import { summariseValidation } from '../../../../shared/report/validation'
import { foldText, MEASURED_BETWEEN_STUDY, MEASURED_FOLD_ERROR, MEASURED_FOLD_ERROR_BY_READOUT, predictionIntervalSentence, withinStudySentence } from '../../../../shared/engine/validation/measured-accuracy'
import { IN_VIVO_ROW_FILES } from '../../../../shared/engine/validation/in-vivo-rows'
import { scoreOf, scoreRows } from '../../../../shared/engine/validation/published-rows'

describe('the report\'s validation statement', () => {
  const v = summariseValidation()

  it('counts the held-out rows of every in-vivo file, file by file', () => {
    let within = 0
    let scored = 0
    for (const file of Object.values(IN_VIVO_ROW_FILES)) {
      const s = scoreOf(scoreRows(file.rows), 'validation')
      within += s.within2Fold
      scored += s.scored
    }
    expect(v.heldOut.scored).toBe(scored)
    expect(v.heldOut.within2Fold).toBe(within)
    // the README's table: 108 in-vivo held-out rows (115 with the 7 release rows)
    expect(v.heldOut.scored).toBe(MEASURED_FOLD_ERROR.heldOut.rows)
    expect(v.prospective.scored).toBe(IN_VIVO_ROW_FILES['pbpk-prospective']!.rows.filter((r) => r.set === 'validation' && r.notRepresentable === undefined).length)
  })

  it('states the fold errors the app quotes, and names no document path', () => {
    expect(Number(v.heldOutFoldError.p80.toPrecision(2))).toBe(MEASURED_FOLD_ERROR.heldOut.p80)
    const paragraphs = validationParagraphs(v)
    // one paragraph each: score and fold errors, prediction interval, comparing designs, papers' agreement
    expect(paragraphs).toHaveLength(4)
    const text = paragraphs.join(' ')
    expect(text).toContain(`held-out rows ${v.heldOut.within2Fold} of ${v.heldOut.scored}`)
    expect(text).toContain(`×${MEASURED_FOLD_ERROR.heldOut.p80} for 4 in 5`)
    // and how far published values of one design fall from each other
    expect(text).toContain(`×${foldText(MEASURED_FOLD_ERROR_BY_READOUT.liver.p80)} for the liver (${MEASURED_FOLD_ERROR_BY_READOUT.liver.rows})`)
    expect(text).toContain(`within 2-fold of each other for ${MEASURED_BETWEEN_STUDY.pairsWithin2Fold} of ${MEASURED_BETWEEN_STUDY.pairs} pairs`)
    // and where a published value will fall: the checked prediction interval
    expect(text).toContain(predictionIntervalSentence())
    // and how well it compares designs (a review compares versions and designs)
    expect(text).toContain(withinStudySentence())
    expect(text).not.toMatch(/README|\.md\b|\.json\b/)
  })
})
