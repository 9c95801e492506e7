import { describe, expect, it } from 'vitest'
import { ABSENT, alignFields, designFields, labelWithUnit, numberText } from '../../../../renderer/features/compare/design-fields'
import { fieldLabel } from '../../../../renderer/features/history/field-label'
import { newDesign } from '../../../../shared/design/defaults'
import type { Design } from '../../../../shared/design/types'

const base = newDesign()

describe('designFields', () => {
  it('names every parameter with its unit and shows catalog names instead of ids', () => {
    const fields = designFields(base)
    const byPath = new Map(fields.map((f) => [f.path, f]))
    expect(byPath.get('core.diameterNm')).toMatchObject({ unit: 'nm', text: String(base.core.diameterNm) })
    expect(byPath.get('coatings[0].molecularWeightDa')).toMatchObject({ unit: 'Da', text: '2000' })
    expect(byPath.get('payload.loadingPctWw')?.unit).toBe('% w/w')
    expect(byPath.get('context.dose.mgPerKg')?.unit).toBe('mg/kg')
    expect(byPath.get('core.material')?.text).not.toBe(base.core.material) // a human name, not the id
    expect(new Set(fields.map((f) => f.path)).size).toBe(fields.length)
  })

  it('writes numbers as entered, without float noise', () => {
    expect(numberText(0.1 + 0.2)).toBe('0.3')
    expect(numberText(150)).toBe('150')
  })
})

describe('alignFields', () => {
  it('marks exactly the parameters that differ across three designs', () => {
    const b: Design = { ...base, name: 'B', core: { ...base.core, diameterNm: 150 } }
    const c: Design = { ...base, name: 'C', core: { ...base.core, diameterNm: 150 }, payload: { ...base.payload, loadingPctWw: 8 } }
    const rows = alignFields([{ ...base, name: 'A' }, b, c])
    const differing = rows.filter((r) => r.differs).map((r) => r.path).sort()
    expect(differing).toEqual(['core.diameterNm', 'name', 'payload.loadingPctWw'])
    const dia = rows.find((r) => r.path === 'core.diameterNm')
    expect(dia?.texts).toEqual([String(base.core.diameterNm), '150', '150'])
  })

  it('shows a parameter only one design has as absent in the others, and as differing', () => {
    const noPeg: Design = { ...base, coatings: [] }
    const rows = alignFields([base, noPeg])
    const mw = rows.find((r) => r.path === 'coatings[0].molecularWeightDa')
    expect(mw?.texts).toEqual(['2000', ABSENT])
    expect(mw?.differs).toBe(true)
    expect(rows.find((r) => r.path === 'coatings.length')?.differs).toBe(true)
  })

  it('finds no difference between identical designs', () => {
    expect(alignFields([base, structuredClone(base)]).some((r) => r.differs)).toBe(false)
  })

  it('labels with the unit in brackets like the form', () => {
    expect(labelWithUnit({ label: 'Core diameter', unit: 'nm' })).toBe('Core diameter (nm)')
    expect(labelWithUnit({ label: 'Drug', unit: '' })).toBe('Drug')
  })
})

describe('fieldLabel', () => {
  it('turns diff paths into readable names and keeps unknown paths', () => {
    expect(fieldLabel('core.diameterNm')).toBe('Core diameter')
    expect(fieldLabel('coatings[1].thicknessNm')).toBe('Coating 2 thickness')
    expect(fieldLabel('ligands[0].perParticle')).toBe('Ligand 1 per particle')
    expect(fieldLabel('ligands[1].ligand')).toBe('Ligand 2 type')
    expect(fieldLabel('ligands[2]')).toBe('Ligand 3')
    expect(fieldLabel('something.new')).toBe('something.new')
  })
})
