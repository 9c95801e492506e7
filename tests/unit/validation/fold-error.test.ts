/**
 * How far the engine's estimate falls from published values (issue #10): the fold-error
 * quantiles of the nominal estimate over the calibration and the held-out rows. The quantile
 * rule is checked by hand; the measured quantiles must equal the ones the app quotes
 * (measured-accuracy.ts) and docs/science.md states.
 */
import { describe, expect, it } from 'vitest'
import { foldErrorQuantiles, readoutClassOfRow } from '../../../shared/engine/validation/fold-error'
import { IN_VIVO_ROW_FILES } from '../../../shared/engine/validation/in-vivo-rows'
import { foldErrorSentence, MEASURED_FOLD_ERROR, MEASURED_FOLD_ERROR_BY_READOUT, foldText, readoutFoldErrorTitle, tissueFoldError } from '../../../shared/engine/validation/measured-accuracy'
import { scoreRows, type PublishedRow, type ScoredRow } from '../../../shared/engine/validation/published-rows'
import { readDoc } from '../support/docs'

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

  it('measures the quantiles the app quotes and docs/science.md states, calibration and held-out apart', () => {
    const c = foldErrorQuantiles(scored.filter((s) => s.row.set === 'calibration'))
    const h = foldErrorQuantiles(scored.filter((s) => s.row.set === 'validation'))
    const measured = { calibration: { rows: c.rows, p50: twoDigits(c.p50), p80: twoDigits(c.p80), p95: twoDigits(c.p95) }, heldOut: { rows: h.rows, p50: twoDigits(h.p50), p80: twoDigits(h.p80), p95: twoDigits(h.p95) } }
    expect(MEASURED_FOLD_ERROR, `measured: ${JSON.stringify(measured)}`).toEqual(measured)
    const science = readDoc('docs/science.md')
    const m = /held-out\s+values\s+the\s+engine\s+was\s+not\s+tuned\s+on,\s+its\s+estimate\s+was\s+within\s+×([\d.]+)\s+of\s+the\s+published\s+value\s+for\s+half,\s+×([\d.]+)\s+for\s+4\s+in\s+5\s+and\s+×([\d.]+)\s+for\s+19\s+in\s+20/.exec(science)
    expect(m, 'docs/science.md states the held-out fold errors').not.toBeNull()
    expect(m!.slice(1).map(Number)).toEqual([measured.heldOut.p50, measured.heldOut.p80, measured.heldOut.p95])
    expect(foldErrorSentence()).toContain(`×${measured.heldOut.p80} for 4 in 5`)
  })

  it('sorts each row into its kind of read-out', () => {
    const row = (id: string): PublishedRow => Object.values(IN_VIVO_ROW_FILES).flatMap((f) => f.rows).find((r) => r.id === id)!
    expect(readoutClassOfRow(row('northfelt1996-doxil-human-thalf'))).toBe('drug') // total plasma doxorubicin
    expect(readoutClassOfRow(row('landry2005-ferumoxytol-human-1mgfe-thalf'))).toBe('blood') // particles' half-life
    expect(readoutClassOfRow(row('hirn2011-rat-au18nm-liver-pergram-24h'))).toBe('liver')
    expect(readoutClassOfRow(row('hirn2011-rat-au18nm-spleen-pergram-24h'))).toBe('spleen')
    expect(readoutClassOfRow(row('boerman1997-pegliposome-aia-rat-joint-pergram'))).toBe('target')
    expect(readoutClassOfRow(row('patsula2019-pegfe3o4-20nm-mouse-blood-4h'))).toBe('blood')
  })

  it('measures the held-out fold errors per read-out that the Biodistribution table quotes and docs/science.md states', () => {
    const held = scored.filter((s) => s.row.set === 'validation')
    const measured: Record<string, { rows: number; p50: number; p80: number; p95: number }> = {}
    for (const kind of ['blood', 'drug', 'liver', 'spleen', 'target', 'other'] as const) {
      const g = held.filter((s) => readoutClassOfRow(s.row) === kind)
      if (g.length < 5) continue
      const q = foldErrorQuantiles(g)
      measured[kind] = { rows: q.rows, p50: twoDigits(q.p50), p80: twoDigits(q.p80), p95: twoDigits(q.p95) }
    }
    expect(MEASURED_FOLD_ERROR_BY_READOUT, `measured: ${JSON.stringify(measured)}`).toEqual(measured)
    expect(tissueFoldError('liver')).toEqual(MEASURED_FOLD_ERROR_BY_READOUT.liver)
    expect(tissueFoldError('kidneys')).toBeNull()
    expect([foldText(5), foldText(1.8), foldText(14)]).toEqual(['5.0', '1.8', '14'])
    // the one tooltip both the Biodistribution table and the Selectivity card show
    expect(readoutFoldErrorTitle({ rows: 22, p80: 5 })).toBe('22 held-out published values of this kind: 4 in 5 fell within ×5.0 of the engine\'s estimate')
    const science = readDoc('docs/science.md').replace(/\s+/g, ' ')
    const m = MEASURED_FOLD_ERROR_BY_READOUT
    const phrase = `particles in blood ×${foldText(m.blood.p80)} (${m.blood.rows} values), drug in blood ×${foldText(m.drug.p80)} (${m.drug.rows}), liver ×${foldText(m.liver.p80)} (${m.liver.rows}), spleen ×${foldText(m.spleen.p80)} (${m.spleen.rows})`
    expect(science.includes(phrase), `docs/science.md states: ${phrase}`).toBe(true)
  })
})
