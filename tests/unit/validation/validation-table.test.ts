/**
 * Every published in-vivo row beside the engine (shared/engine/validation/validation-table.ts):
 * the same rows and verdicts as the scorer the README's scores come from (scoreRows), each view
 * carrying its row's citation and the engine's own estimate of that row.
 */
import { describe, expect, it } from 'vitest'
import { IN_VIVO_ROW_FILES } from '../../../shared/engine/validation/in-vivo-rows'
import { MEASURED_FOLD_ERROR } from '../../../shared/engine/validation/measured-accuracy'
import { predictRow, scoreOf, scoreRows } from '../../../shared/engine/validation/published-rows'
import { validationTable } from '../../../shared/engine/validation/validation-table'
import { validationRowsToCsv } from '../../../shared/engine/validation/validation-row-view'
import { csvRows } from '../renderer/support/catch-downloads'

const table = validationTable()

describe('the validation table', () => {
  it('holds every representable row of every file once, with the scorer\'s verdicts', () => {
    const files = Object.entries(IN_VIVO_ROW_FILES)
    expect(table.length).toBe(files.reduce((n, [, f]) => n + f.rows.filter((r) => r.notRepresentable === undefined).length, 0))
    expect(new Set(table.map((r) => r.id)).size).toBe(table.length)
    for (const [name, f] of files) {
      const scored = scoreRows(f.rows)
      const mine = table.filter((r) => r.file === name)
      expect(mine.map((r) => r.id), name).toEqual(scored.map((s) => s.row.id))
      mine.forEach((r, i) => {
        expect(r.within2Fold, r.id).toBe(scored[i]!.within2Fold)
        expect(r.ratio!, r.id).toBeCloseTo(scored[i]!.ratio, 12)
        expect(r.citation).toBe(scored[i]!.row.source)
        expect(r.set).toBe(scored[i]!.row.set)
      })
    }
    const heldOut = table.filter((r) => r.set === 'validation')
    expect(heldOut.length).toBe(MEASURED_FOLD_ERROR.heldOut.rows)
    const all = Object.values(IN_VIVO_ROW_FILES).flatMap((f) => f.rows)
    expect(heldOut.filter((r) => r.within2Fold).length).toBe(scoreOf(scoreRows(all), 'validation').within2Fold)
    expect(validationTable('calibration').every((r) => r.set === 'calibration')).toBe(true)
    expect(validationTable('validation').length).toBe(heldOut.length)
  })

  it('gives each row the engine\'s estimate of that row and names its paper', () => {
    const row = IN_VIVO_ROW_FILES['pbpk-published']!.rows.find((r) => r.id === 'northfelt1996-doxil-human-thalf')!
    const view = table.find((r) => r.id === row.id)!
    expect(view.engine).toBe(predictRow(row))
    expect(view.published).toBe(row.value)
    expect(view.paper).toBe('Northfelt 1996')
    expect(view.study).toBe('northfelt1996')
    expect([view.species, view.material]).toEqual(['human', 'liposome'])
    expect(view.readout).toBe('Half-life of total plasma drug (terminal)')
  })

  it('cites literature only: no source names a file or field of this repository (the app and the report show them)', () => {
    const internal = table.filter((r) => /\.json\b|\.tsx?\b|README|papersOpened|resources\/|shared\//.test(r.citation))
    expect(internal.map((r) => r.id)).toEqual([])
  })

  it('marks a row whose design another paper measured with their widest disagreement', () => {
    const all = Object.values(IN_VIVO_ROW_FILES).flatMap((f) => f.rows)
    const li = all.find((r) => r.id === 'li2018-pegau61p2nm-mouse-spleen-pergram-24h')!
    const arnida = all.find((r) => r.id === 'arnida2011-peg5kau50nm-spleen-pergram-24h')!
    const view = table.find((r) => r.id === li.id)!
    // the two published spleen values per gram at 24 h, 39.8 and 2.96 %ID/g: ×13.4
    expect(view.papersDisagree?.paper).toBe('Arnida 2011')
    expect(view.papersDisagree!.fold).toBeCloseTo(li.value / arnida.value, 10)
    expect(li.value / arnida.value).toBeCloseTo(13.45, 2)
    // a row no other paper measured carries no mark
    expect(table.find((r) => r.id === 'onivyde-human-70mgm2-thalf')!.papersDisagree).toBeUndefined()
  })

  it('writes the rows as CSV a spreadsheet reads back: header, one line per row, quoted citations', () => {
    const csv = validationRowsToCsv(table)
    const lines = csv.split('\r\n')
    expect(lines.at(-1)).toBe('')
    expect(lines[0]).toBe('id,set,paper,citation,particle,species,core,read_out,unit,published,engine,engine_over_published,within_2_fold,other_paper_fold,other_paper')
    expect(lines.length - 2).toBe(table.length)
    // read back with the tests' own RFC 4180 reader, not the code under test
    const parsed = csvRows(csv)
    expect(parsed).toHaveLength(table.length + 1)
    const li = table.findIndex((r) => r.id === 'li2018-pegau61p2nm-mouse-spleen-pergram-24h')
    const f = parsed[li + 1]!
    expect(f).toHaveLength(15)
    expect(f[0]).toBe('li2018-pegau61p2nm-mouse-spleen-pergram-24h')
    expect(f[1]).toBe('held-out')
    expect(f[3]).toBe(table[li]!.citation)
    expect(Number(f[9])).toBe(39.8)
    expect(Number(f[11])).toBeCloseTo(table[li]!.ratio!, 12)
    expect(f[12]).toBe('no')
    expect(f[14]).toBe('Arnida 2011')
  })
})
