import { describe, expect, it } from 'vitest'
import { diffDesigns, differingPaths, unitOfField } from '../../../../shared/design/diff'
import { csvField, metricsToCsv } from '../../../../shared/design/metrics-csv'
import { loadExample } from '../helpers'

describe('diffDesigns', () => {
  it('reports changed leaves with units, and added/removed array items whole', () => {
    const a = loadExample('ra-folate-peg-liposome.nanoforge.json')
    const b = structuredClone(a) as typeof a & { payload: { loadingPctWw: number } }
    ;(b.payload as { loadingPctWw: number }).loadingPctWw = a.payload.loadingPctWw + 2
    const withExtraLigand = { ...b, ligands: [...b.ligands, { ligand: 'mannose', perParticle: 40 }] }
    const changes = diffDesigns(a, withExtraLigand)
    expect(changes.find((c) => c.path === 'payload.loadingPctWw')).toMatchObject({
      kind: 'changed', unit: '% w/w', text: `payload.loadingPctWw: ${a.payload.loadingPctWw} % w/w → ${a.payload.loadingPctWw + 2} % w/w`,
    })
    const added = changes.find((c) => c.path === `ligands[${a.ligands.length}]`)
    expect(added).toMatchObject({ kind: 'added', before: null })
    expect(added!.after).toContain('mannose')
    const back = diffDesigns(withExtraLigand, a).find((c) => c.path === `ligands[${a.ligands.length}]`)
    expect(back).toMatchObject({ kind: 'removed', after: null })
    expect(diffDesigns(a, structuredClone(a))).toEqual([])
  })

  it('knows the units of the design format fields', () => {
    expect(unitOfField('core.diameterNm')).toBe('nm')
    expect(unitOfField('coatings[0].molecularWeightDa')).toBe('Da')
    // One spelling of each unit, from the field definitions (shared/design/fields.ts), as the form writes it.
    expect(unitOfField('coatings[0].graftingDensityPerNm2')).toBe('chains/nm²')
    expect(unitOfField('context.dose.mgPerKg')).toBe('mg/kg')
    expect(unitOfField('ligands[1].perParticle')).toBe('')
    expect(unitOfField('core.bilayer.cholesterolMolPct')).toBe('mol %')
    // A field this build does not know still gets a unit from its name.
    expect(unitOfField('core.someFutureThicknessNm')).toBe('nm')
    expect(unitOfField('context.disease')).toBe('')
  })

  it('lists the paths that differ across several designs', () => {
    const a = loadExample('t1d-tolerogenic-plga.nanoforge.json')
    const b = { ...a, core: { ...a.core, diameterNm: a.core.diameterNm + 1 } }
    const c = { ...a, name: 'other' }
    expect(differingPaths([a, b, c])).toEqual(['core.diameterNm', 'name'])
    expect(differingPaths([a, a])).toEqual([])
  })
})

describe('metricsToCsv', () => {
  it('writes a header with units and escapes quotes, commas and formula prefixes', () => {
    const csv = metricsToCsv([{
      designId: 'd1', version: 2, name: '=HYPERLINK("x")', coreMaterial: 'plga-50-50', coreDiameterNm: 120, disease: 'ra',
      hydrodynamicDiameterNm: 150.5, selectivityIndex: null, targetTissue: 'joints', bloodHalfLifeH: 4, t50PlasmaH: null, engineVersion: '0.2.0',
    }])
    const [header, row] = csv.split('\r\n')
    expect(header).toBe('design_id,version,name,core_material,core_diameter_nm,disease,hydrodynamic_diameter_nm,selectivity_index,target_tissue,blood_half_life_h,t50_plasma_h,engine_version')
    expect(row).toBe('d1,2,"\'=HYPERLINK(""x"")",plga-50-50,120,ra,150.5,,joints,4,,0.2.0')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField(Number.NaN)).toBe('')
  })
})
