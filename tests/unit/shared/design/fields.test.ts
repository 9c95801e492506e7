/**
 * One source of field definitions (issue 12): every field of the design document has a
 * definition, and the validator, the history diff, the compare table and the form all show the
 * definition's label, unit and range.
 */
import { describe, expect, it } from 'vitest'
import {
  CHOICE_ID_LISTS, DESIGN_FIELDS, fieldDef, fieldKey, labelWithUnit, optionLabel, pathLabel, requireField,
} from '../../../../shared/design/fields'
import { formatFieldValue, formatQuantity } from '../../../../shared/design/format'
import { DESIGN_LIMITS, validateDesign } from '../../../../shared/design/schema'
import { diffDesigns } from '../../../../shared/design/diff'
import { newDesign } from '../../../../shared/design/defaults'
import { BILAYER_LIPID_IDS, CORE_MATERIAL_IDS, DRUG_IDS, LIGAND_IDS } from '../../../../shared/catalog/ids'
import { getCore } from '../../../../shared/catalog/index'
import type { Design } from '../../../../shared/design/types'
import { designFields } from '../../../../renderer/features/compare/design-fields'
import { fieldLabel } from '../../../../renderer/features/history/field-label'

/** A design that uses every field of the format: all coating kinds, two ligands, a bilayer, notes. */
const FULL: Design = {
  ...newDesign(),
  notes: 'every field',
  core: { material: 'liposome', diameterNm: 100, bilayer: { lipid: 'dspc', cholesterolMolPct: 40 } },
  coatings: [
    { kind: 'polymer', material: 'chitosan', thicknessNm: 2 },
    { kind: 'membrane', source: 'platelet' },
    { kind: 'peg', molecularWeightDa: 2000, graftingDensityPerNm2: 0.1 },
  ],
  ligands: [{ ligand: 'folate', perParticle: 100 }, { ligand: 'rgd', perParticle: 50 }],
}

/** Every leaf path of a JSON document (`coatings[0].thicknessNm`). */
function leafPaths(x: unknown, path = ''): string[] {
  if (Array.isArray(x)) return x.flatMap((v, i) => leafPaths(v, `${path}[${i}]`))
  if (x !== null && typeof x === 'object') return Object.entries(x).flatMap(([k, v]) => leafPaths(v, path ? `${path}.${k}` : k))
  return [path]
}

describe('field definitions', () => {
  it('every field of a valid design (except format and version) has a definition', () => {
    expect(validateDesign(FULL).valid).toBe(true)
    const lipidCoated: Design = { ...FULL, core: { material: 'gold', diameterNm: 20 }, coatings: [{ kind: 'lipid', material: 'lipid-bilayer' }] }
    const paths = [...leafPaths(FULL), ...leafPaths(lipidCoated)].filter((p) => p !== 'format' && p !== 'version')
    const missing = paths.filter((p) => fieldDef(p) === undefined)
    expect(missing).toEqual([])
  })

  it('has one definition per key, and every definition is used by some design path', () => {
    const keys = DESIGN_FIELDS.map((f) => f.key)
    expect(new Set(keys).size).toBe(keys.length)
    const used = new Set(leafPaths(FULL).map(fieldKey))
    for (const key of keys) expect(used.has(key) || key === 'coatings[].material', key).toBe(true)
  })

  it('turns any index spelling into the key', () => {
    expect(fieldKey('coatings[2].thicknessNm')).toBe('coatings[].thicknessNm')
    expect(fieldKey('coatings.2.thicknessNm')).toBe('coatings[].thicknessNm')
    expect(fieldDef('ligands[7].perParticle')?.label).toBe('Ligands per particle')
    expect(fieldDef('nothing.here')).toBeUndefined()
    expect(() => requireField('core.diameterNM')).toThrow(/no design field/)
  })

  it('offers exactly the contract ids for every choice, each with a display name that is not the id', () => {
    const expected: Record<string, ReadonlyArray<string>> = {
      ...CHOICE_ID_LISTS, 'core.material': CORE_MATERIAL_IDS, 'payload.drug': DRUG_IDS, 'ligands[].ligand': LIGAND_IDS,
    }
    expect(CHOICE_ID_LISTS['core.bilayer.lipid']).toEqual(BILAYER_LIPID_IDS)
    for (const [key, ids] of Object.entries(expected)) {
      const options = requireField(key).options ?? []
      expect(options.map((o) => o.value), key).toEqual([...ids])
      for (const o of options) expect(o.label, `${key} ${o.value}`).not.toBe(o.value)
    }
    expect(optionLabel('core.material', 'plga-50-50')).toBe(getCore('plga-50-50').name)
    expect(optionLabel('payload.trigger', 'ros')).toBe('Reactive oxygen species')
  })

  it('every number field has a unit spelling, a range and a step; limits with a catalog source cite it', () => {
    for (const f of DESIGN_FIELDS.filter((d) => d.kind === 'number')) {
      expect(f.min, f.key).toBeTypeOf('number')
      expect(f.max, f.key).toBeGreaterThan(f.min!)
      expect(f.step, f.key).toBeGreaterThan(0)
      expect(f.help.length, f.key).toBeGreaterThan(10)
    }
    expect(requireField('coatings[].graftingDensityPerNm2').citation).toMatch(/Manson/)
    expect(requireField('core.bilayer.cholesterolMolPct').citation).toMatch(/Huang, Buboltz & Feigenson 1999/)
  })
})

describe('the validator reads the definitions', () => {
  it('DESIGN_LIMITS are the definitions\' ranges', () => {
    expect(DESIGN_LIMITS.coreDiameterNm).toEqual({ min: requireField('core.diameterNm').min, max: requireField('core.diameterNm').max })
    expect(DESIGN_LIMITS.cholesterolMolPct.max).toBe(requireField('core.bilayer.cholesterolMolPct').max)
    expect(DESIGN_LIMITS.doseMgPerKg.max).toBe(requireField('context.dose.mgPerKg').max)
  })

  it.each([
    ['core.diameterNm', (d: Record<string, any>) => { d.core.diameterNm = 1e9 }], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['payload.loadingPctWw', (d: Record<string, any>) => { d.payload.loadingPctWw = 99 }], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['core.bilayer.cholesterolMolPct', (d: Record<string, any>) => { d.core = { material: 'liposome', diameterNm: 100, bilayer: { lipid: 'dspc', cholesterolMolPct: 99 } } }], // eslint-disable-line @typescript-eslint/no-explicit-any
  ])('a range error at %s names the defined range and unit', (path, breakIt) => {
    const d = JSON.parse(JSON.stringify(newDesign())) as Record<string, unknown>
    breakIt(d)
    const v = validateDesign(d)
    const def = requireField(path)
    const message = v.valid ? '' : v.errors.find((e) => e.path === path)?.message
    expect(message).toContain(`between ${def.min} and ${def.max} ${def.unit}`)
  })

  it('a missing number names what to give, in the definition\'s words', () => {
    const d = JSON.parse(JSON.stringify(newDesign())) as Record<string, Record<string, unknown>>
    delete d.payload!.loadingPctWw
    const v = validateDesign(d)
    expect(v.valid ? '' : v.errors.find((e) => e.path === 'payload.loadingPctWw')?.message).toBe(`is missing; give ${requireField('payload.loadingPctWw').phrase}`)
  })
})

describe('history and compare show the definitions\' labels and units', () => {
  it('the history diff carries the definition\'s unit, and its labels are the definitions\'', () => {
    const after: Design = { ...FULL, core: { ...FULL.core, bilayer: { lipid: 'hspc', cholesterolMolPct: 38 } }, coatings: FULL.coatings.map((c) => (c.kind === 'polymer' ? { ...c, thicknessNm: 4 } : c)) }
    const changes = diffDesigns(FULL, after)
    for (const c of changes) expect(c.unit, c.path).toBe(fieldDef(c.path)!.unit)
    expect(changes.map((c) => c.unit)).toEqual(['', 'mol %', 'nm'])
    expect(fieldLabel('core.bilayer.cholesterolMolPct')).toBe('Cholesterol')
    expect(fieldLabel('coatings[0].thicknessNm')).toBe(`Coating 1 ${requireField('coatings[].thicknessNm').label.toLowerCase()}`)
    expect(fieldLabel('coatings[2].molecularWeightDa')).toBe('Coating 3 PEG molecular weight')
  })

  it('the compare table labels, units and display values come from the definitions', () => {
    for (const f of designFields(FULL)) {
      if (f.path.endsWith('.length')) continue
      const def = fieldDef(f.path)!
      expect(f.unit, f.path).toBe(def.unit)
      expect(f.label, f.path).toBe(/^(coatings|ligands)\[/.test(f.path) ? pathLabel(f.path) : def.label)
    }
    const byPath = new Map(designFields(FULL).map((f) => [f.path, f.text]))
    expect(byPath.get('core.bilayer.lipid')).toBe('DSPC (distearoyl-PC, 18:0/18:0)')
    expect(byPath.get('core.material')).toBe('Liposome')
    expect(labelWithUnit(requireField('core.bilayer.cholesterolMolPct'))).toBe('Cholesterol (mol %)')
  })
})

describe('one number formatter', () => {
  it('writes ×10ⁿ, never e-notation, and carries a rounded mantissa into the exponent', () => {
    expect(formatQuantity(1.225e12)).toBe('1.23 × 10¹²')
    expect(formatQuantity(2.5e-5, 'g')).toBe('2.50 × 10⁻⁵ g')
    expect(formatQuantity(9.996e6)).toBe('1.00 × 10⁷')
    expect(formatQuantity(120, 'nm')).toBe('120 nm')
    expect(formatFieldValue('ligands[0].perParticle', 2e7)).toBe('2.00 × 10⁷')
    expect(formatFieldValue('payload.loadingPctWw', 0.1 + 0.2)).toBe('0.3')
    expect(formatFieldValue('core.bilayer.lipid', 'egg-sm')).toBe('Egg sphingomyelin (egg SM)')
  })

  it('keeps the significant digits of numbers below 1 (0.005 is not written 0.01)', () => {
    expect(formatQuantity(0.005, '1/h')).toBe('0.005 1/h')
    expect(formatQuantity(0.0012345)).toBe('0.00123')
    expect(formatQuantity(0.123456)).toBe('0.123')
    expect(formatQuantity(0.5)).toBe('0.5')
    expect(formatQuantity(3.14159)).toBe('3.14')
    expect(formatQuantity(12.345)).toBe('12.3')
  })
})
