/**
 * The prediction interval (prediction-interval.ts): the conformal rank rule on small cases, the
 * coverage guarantee it rests on (Lei et al. 2018, Theorem 2.2) by simulation, and the numbers
 * the app quotes (MEASURED_PREDICTION_INTERVAL) recomputed from the published rows.
 */
import { describe, expect, it } from 'vitest'
import { IN_VIVO_ROW_FILES } from '../../../shared/engine/validation/in-vivo-rows'
import { scoreRows } from '../../../shared/engine/validation/published-rows'
import { readoutClassOfRow } from '../../../shared/engine/validation/fold-error'
import { conformalFold, foldErrorOf, insideFold } from '../../../shared/engine/validation/prediction-interval'
import { bandCoverageSentence, foldText, MEASURED_PREDICTION_INTERVAL, predictionIntervalSentence, predictionIntervalShort } from '../../../shared/engine/validation/measured-accuracy'
import { mulberry32 } from '../../../shared/engine/random'
import { standardNormal } from '../../../shared/engine/pbpk/random'
import { readDoc } from '../support/docs'

describe('split-conformal fold', () => {
  it('is the ⌈(n + 1)·level⌉-th smallest fold error, +∞ when the rank passes n', () => {
    const folds = [9, 1, 8, 2, 7, 3, 6, 4, 5] // n = 9
    expect(conformalFold(folds, 0.8)).toBe(8) // ⌈10 × 0.8⌉ = 8
    expect(conformalFold(folds, 0.5)).toBe(5) // ⌈5⌉ = 5
    expect(conformalFold(folds, 0.85)).toBe(9) // ⌈8.5⌉ = 9
    expect(conformalFold(folds, 0.95)).toBe(Number.POSITIVE_INFINITY) // ⌈9.5⌉ = 10 > 9
    // 100 × 0.07 is 7.000000000000001 in floating point: the rank is still 7, not 8
    expect(conformalFold(Array.from({ length: 99 }, (_, i) => i + 1), 0.07)).toBe(7)
    expect(foldErrorOf(0.25)).toBe(4)
    expect(foldErrorOf(3)).toBe(3)
    expect(insideFold([1, 2, 3, 4], 3)).toEqual({ inside: 3, rows: 4 })
  })

  it('says what is wrong with its input', () => {
    expect(() => conformalFold([], 0.8)).toThrow(/no calibration rows/)
    expect(() => conformalFold([1, 2], 1)).toThrow(/level must be in \(0, 1\), got 1/)
    expect(() => conformalFold([1, 0.5], 0.5)).toThrow(/fold error 1 is 0\.5/)
    expect(() => foldErrorOf(0)).toThrow(/finite and positive, got 0/)
  })

  it('holds a new exchangeable value with probability in [level, level + 1/(n + 1)] (Lei et al. 2018, Theorem 2.2)', () => {
    // log-normal ratios, n = 40 calibration values and one new value per trial
    const u = mulberry32(11)
    const n = 40
    const trials = 20_000
    for (const level of [0.8, 0.95]) {
      let inside = 0
      for (let t = 0; t < trials; t++) {
        const cal = Array.from({ length: n }, () => foldErrorOf(Math.exp(0.9 * standardNormal(u))))
        const k = conformalFold(cal, level)
        if (foldErrorOf(Math.exp(0.9 * standardNormal(u))) <= k) inside++
      }
      const share = inside / trials
      // binomial sampling error of 20 000 trials: SD ≤ 0.0035; 4 SD either side
      expect(share, `level ${level}`).toBeGreaterThan(level - 0.014)
      expect(share, `level ${level}`).toBeLessThan(level + 1 / (n + 1) + 0.014)
    }
  })
})

describe('the prediction interval the app quotes', () => {
  const scored = scoreRows(Object.values(IN_VIVO_ROW_FILES).flatMap((f) => f.rows))
  const calibration = scored.filter((s) => s.row.set === 'calibration').map((s) => foldErrorOf(s.ratio))
  const heldOut = scored.filter((s) => s.row.set === 'validation')
  const heldFolds = heldOut.map((s) => foldErrorOf(s.ratio))

  it('is set on the calibration rows and its held-out coverage is measured, not typed', () => {
    const m = MEASURED_PREDICTION_INTERVAL
    expect(calibration.length).toBe(m.calibrationRows)
    for (const [level, quoted] of [[0.8, m.level80], [0.95, m.level95]] as const) {
      const k = conformalFold(calibration, level)
      expect(Number(k.toPrecision(2)), `fold at ${level}`).toBe(quoted.fold)
      expect(insideFold(heldFolds, k), `held out inside at ${level}`).toEqual({ inside: quoted.heldOutInside, rows: quoted.heldOutRows })
    }
    const k80 = conformalFold(calibration, 0.8)
    for (const kind of ['blood', 'drug', 'liver', 'spleen'] as const) {
      const folds = heldOut.filter((s) => readoutClassOfRow(s.row) === kind).map((s) => foldErrorOf(s.ratio))
      expect(insideFold(folds, k80), kind).toEqual(m.heldOutInside80ByReadout[kind])
    }
  })

  it('the app\'s words and the README carry those numbers', () => {
    const m = MEASURED_PREDICTION_INTERVAL
    expect(predictionIntervalShort()).toBe(`80 % prediction interval ×/÷${foldText(m.level80.fold)} (it held ${m.level80.heldOutInside} of ${m.level80.heldOutRows} unseen published values)`)
    expect(predictionIntervalSentence()).toContain(`×/÷${foldText(m.level95.fold)} a 95 % one`)
    // the Monte Carlo band says it is not this interval, and points to it
    expect(bandCoverageSentence()).toMatch(new RegExp(`not a prediction interval: .* Where a published value will fall is the prediction interval: the estimate ×/÷${foldText(m.level80.fold).replace('.', '\\.')} for 4 in 5\\.$`))
    const science = readDoc('docs/science.md').replace(/\s+/g, ' ')
    const readme = readDoc('README.md').replace(/\s+/g, ' ')
    const phrase = `an 80 % prediction interval is the estimate ×/÷${foldText(m.level80.fold)} and a 95 % one ×/÷${foldText(m.level95.fold)}; of ${m.level80.heldOutRows} held-out values, ${m.level80.heldOutInside} and ${m.level95.heldOutInside} fell inside`
    expect(science.includes(phrase), `docs/science.md states: ${phrase}`).toBe(true)
    expect(readme.includes(`80 % prediction interval, ×/÷${foldText(m.level80.fold)} around any estimate`), 'README, Using the app').toBe(true)
    // the per-read-out interval docs/science.md says was tried and not used: drug rows only
    const drugCal = scored.filter((s) => s.row.set === 'calibration' && readoutClassOfRow(s.row) === 'drug').map((s) => foldErrorOf(s.ratio))
    const drugHeld = heldOut.filter((s) => readoutClassOfRow(s.row) === 'drug').map((s) => foldErrorOf(s.ratio))
    const kDrug = conformalFold(drugCal, 0.8)
    const drug = insideFold(drugHeld, kDrug)
    const tried = `the drug interval (×/÷${foldText(kDrug)}) held only ${drug.inside} of ${drug.rows} held-out drug values`
    expect(science.includes(tried), `docs/science.md states: ${tried}`).toBe(true)
  })
})
