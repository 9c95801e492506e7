/** The validation table's filters (renderer/features/published/validation-table-dialog.tsx): set, outcome, species, words and order. */
import { describe, expect, it } from 'vitest'
import { validationTable } from '../../../../shared/engine/validation/validation-table'
import { filterValidationRows } from '../../../../renderer/features/published/validation-table-dialog'

const rows = validationTable()
const base = { set: 'all', outcome: 'all', species: 'all', text: '', order: 'file' } as const

describe('validation table filters', () => {
  it('keeps every row with no filter, in file order', () => {
    expect(filterValidationRows(rows, base).map((r) => r.id)).toEqual(rows.map((r) => r.id))
  })

  it('splits held-out rows into within and outside 2-fold, and by species', () => {
    const held = filterValidationRows(rows, { ...base, set: 'validation' })
    const within = filterValidationRows(rows, { ...base, set: 'validation', outcome: 'within' })
    const outside = filterValidationRows(rows, { ...base, set: 'validation', outcome: 'outside' })
    expect(within.length + outside.length).toBe(held.length)
    expect(within.every((r) => r.within2Fold === true && r.set === 'validation')).toBe(true)
    expect(outside.every((r) => r.within2Fold !== true)).toBe(true)
    const human = filterValidationRows(rows, { ...base, species: 'human' })
    expect(human.length).toBeGreaterThan(0)
    expect(human.every((r) => r.species === 'human')).toBe(true)
  })

  it('finds rows by every word typed, in paper, particle and read-out, and orders by the largest error', () => {
    const found = filterValidationRows(rows, { ...base, text: 'onivyde half-life' })
    expect(found.map((r) => r.id)).toEqual(['onivyde-human-70mgm2-thalf'])
    const byError = filterValidationRows(rows, { ...base, order: 'error' })
    const err = byError.map((r) => Math.abs(Math.log(r.ratio!)))
    expect(err).toEqual([...err].sort((a, b) => b - a))
    expect(byError).toHaveLength(rows.length)
  })
})
