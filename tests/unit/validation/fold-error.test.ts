/**
 * How far the engine's estimate falls from published values (issue #10): the fold-error
 * quantiles of the nominal estimate over the calibration and the held-out rows. The quantile
 * rule is checked by hand; the measured quantiles must equal the ones the app quotes
 * (measured-accuracy.ts) and the README states.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { foldErrorQuantiles } from '../../../shared/engine/validation/fold-error'
import { IN_VIVO_ROW_FILES } from '../../../shared/engine/validation/in-vivo-rows'
import { foldErrorSentence, foldErrorShort, MEASURED_FOLD_ERROR } from '../../../shared/engine/validation/measured-accuracy'
import { scoreRows, type PublishedRow, type ScoredRow } from '../../../shared/engine/validation/published-rows'

const scored = scoreRows(Object.values(IN_VIVO_ROW_FILES).flatMap((f) => f.rows))

/** A scored row with only the ratio set: enough for the quantiles. */
const withRatio = (ratio: number, i: number): ScoredRow => ({ row: { id: `r${i}` } as PublishedRow, predicted: ratio, ratio, within2Fold: ratio >= 0.5 && ratio <= 2 })

/** Two significant digits, as measured-accuracy.ts states them. */
const twoDigits = (x: number): number => Number(x.toPrecision(2))

describe('fold error of the estimate against published values', () => {
  it('takes type-7 quantiles of |log10 ratio|, whichever side the error is on', () => {
    // |log10| of 1/10, 1, 10, 100 and 1/1000: 1, 0, 1, 2, 3 -> sorted 0 1 1 2 3
    const q = foldErrorQuantiles([0.1, 1, 10, 100, 0.001].map(withRatio))
    expect(q.rows).toBe(5)
    expect(Math.log10(q.p50)).toBeCloseTo(1, 12) // rank 2 of 0..4
    expect(Math.log10(q.p80)).toBeCloseTo(2.2, 12) // 0.8 x 4 = 3.2: 2 + 0.2 x (3 - 2)
    expect(Math.log10(q.p95)).toBeCloseTo(2.8, 12) // 0.95 x 4 = 3.8: 2 + 0.8
    expect(() => foldErrorQuantiles([])).toThrow(/no scored rows/)
    expect(() => foldErrorQuantiles([withRatio(0, 0)])).toThrow(/r0 has ratio 0/)
  })

  it('measures the quantiles the app quotes and the README states, calibration and held-out apart', () => {
    const c = foldErrorQuantiles(scored.filter((s) => s.row.set === 'calibration'))
    const h = foldErrorQuantiles(scored.filter((s) => s.row.set === 'validation'))
    const measured = { calibration: { rows: c.rows, p50: twoDigits(c.p50), p80: twoDigits(c.p80), p95: twoDigits(c.p95) }, heldOut: { rows: h.rows, p50: twoDigits(h.p50), p80: twoDigits(h.p80), p95: twoDigits(h.p95) } }
    expect(MEASURED_FOLD_ERROR, `measured: ${JSON.stringify(measured)}`).toEqual(measured)
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
    const m = /held-out\s+values\s+the\s+engine\s+was\s+not\s+tuned\s+on,\s+its\s+estimate\s+was\s+within\s+×([\d.]+)\s+of\s+the\s+published\s+value\s+for\s+half,\s+×([\d.]+)\s+for\s+4\s+in\s+5\s+and\s+×([\d.]+)\s+for\s+19\s+in\s+20/.exec(readme)
    expect(m, 'README states the held-out fold errors').not.toBeNull()
    expect(m!.slice(1).map(Number)).toEqual([measured.heldOut.p50, measured.heldOut.p80, measured.heldOut.p95])
    expect(foldErrorSentence()).toContain(`×${measured.heldOut.p80} for 4 in 5`)
    expect(foldErrorShort()).toContain(`×${measured.heldOut.p80} of its estimate 4 times in 5`)
  })
})
