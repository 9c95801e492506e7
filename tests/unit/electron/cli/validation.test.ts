/** `nanoforge validation [--set calibration|held-out] [--misses] [--json]` (issue #10): every published in-vivo row beside the engine. */
import { describe, expect, it } from 'vitest'
import { MEASURED_FOLD_ERROR } from '../../../../shared/engine/validation/measured-accuracy'
import { validationTable } from '../../../../shared/engine/validation/validation-table'
import { paperBootstrapInterval } from '../../../../shared/engine/validation/score-interval'
import { paperOutcomesOf } from '../../../../shared/engine/validation/validation-row-view'
import { runInProcess } from './support/in-process'

const cli = runInProcess

describe('nanoforge validation', () => {
  it('--json prints every row and the scores of both sets', async () => {
    const r = await cli('validation', '--json')
    expect(r.code).toBe(0)
    const { rows, summary } = JSON.parse(r.stdout)
    expect(rows).toEqual(JSON.parse(JSON.stringify(validationTable())))
    expect(summary.heldOut.rows).toBe(MEASURED_FOLD_ERROR.heldOut.rows)
    expect(summary.calibration.rows).toBe(MEASURED_FOLD_ERROR.calibration.rows)
    expect(summary.heldOut.within2Fold).toBe(rows.filter((x: { set: string; within2Fold: boolean }) => x.set === 'validation' && x.within2Fold).length)
    // the interval resamples the set's papers: one per paper key, its share inside it
    const held = validationTable('validation')
    expect(summary.heldOut.papers).toBe(new Set(held.map((x) => x.study)).size)
    expect(summary.heldOut.interval95).toEqual([...paperBootstrapInterval(paperOutcomesOf(held))])
    const share = summary.heldOut.within2Fold / summary.heldOut.rows
    expect(summary.heldOut.interval95[0]).toBeLessThan(share)
    expect(summary.heldOut.interval95[1]).toBeGreaterThan(share)
  })

  it('--set held-out --misses lists only the held-out misses and keeps the whole set\'s score', async () => {
    const r = await cli('validation', '--set', 'held-out', '--misses', '--json')
    expect(r.code).toBe(0)
    const { rows, summary } = JSON.parse(r.stdout)
    expect(summary.calibration.rows).toBe(0)
    expect(rows.length).toBe(summary.heldOut.rows - summary.heldOut.within2Fold)
    expect(rows.every((x: { set: string; within2Fold: boolean }) => x.set === 'validation' && !x.within2Fold)).toBe(true)
    const text = await cli('validation', '--set', 'held-out', '--misses')
    expect(text.stdout).toMatch(new RegExp(`^Published in-vivo rows, engine with its catalog parameters: held out ${summary.heldOut.within2Fold} of ${summary.heldOut.rows} \\(\\d+ %\\) within 2-fold, 95 % interval \\d+–\\d+ % over ${summary.heldOut.papers} papers; the ${rows.length} outside 2-fold follow`))
    expect(text.stdout).toMatch(/MISS held Onivyde: Onivyde 70 mg\/m2 — Half-life of total plasma drug: published 27 h, engine [\d.]+ h \([\d.]+×\)/)
    // a miss against a paper another paper disagrees with says so
    expect(text.stdout).toMatch(/MISS held Li 2018: PEG3400-Au 61\.2 nm core.*\[papers differ ×13\.4: Arnida 2011\]/)
  })

  it('refuses an unknown set as a usage error', async () => {
    const r = await cli('validation', '--set', 'blind', '--json')
    expect(r.code).toBe(2)
    expect(JSON.parse(r.stdout).error.message).toMatch(/--set must be calibration or held-out, got 'blind'/)
  })
})
