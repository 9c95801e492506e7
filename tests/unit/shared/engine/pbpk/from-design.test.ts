import { describe, expect, it } from 'vitest'
import { deriveProperties } from '../../../../../shared/design/derived'
import type { Design } from '../../../../../shared/design/types'
import { BIODISTRIBUTION_KEYS, biodistributionInputFromDesign, particleDoseMgPerKg, simulateBiodistribution } from '../../../../../shared/engine/pbpk'
import { totalAt } from './fixtures'

const RA: Design = {
  format: 'nanoforge.design', version: 2, name: 'Folate PEG-liposome dexamethasone (RA)',
  core: { material: 'liposome', diameterNm: 95, bilayer: { lipid: 'egg-pc', cholesterolMolPct: 0 } },
  coatings: [{ kind: 'peg', molecularWeightDa: 2000, graftingDensityPerNm2: 0.08 }],
  ligands: [{ ligand: 'folate', perParticle: 150 }],
  payload: { drug: 'dexamethasone', loadingPctWw: 6, trigger: 'ph' },
  context: { disease: 'rheumatoid-arthritis', species: 'mouse', goal: 'deliver', dose: { mgPerKg: 2, basis: 'drug' } },
}

describe('biodistributionInputFromDesign', () => {
  it('maps a design and its derived properties to the PBPK input', () => {
    const derived = deriveProperties(RA)
    const input = biodistributionInputFromDesign(RA, derived)
    expect(input.hydrodynamicDiameterNm).toBe(derived.hydrodynamicDiameterNm)
    expect(input.pegCoverageRatio).toBe(derived.pegCoverageRatio)
    expect(input.core.coreClass).toBe('lipid-vesicle')
    expect(input.membraneCloak).toBeNull()
    expect(input.ligands).toEqual([{ ligand: 'folate', perParticle: 150 }])
    // drug basis: 2 mg/kg drug at 6 % w/w loading → 33.3 mg/kg particles
    expect(particleDoseMgPerKg(RA)).toBeCloseTo(2 / 0.06, 10)
    const r = simulateBiodistribution(input)
    for (const k of BIODISTRIBUTION_KEYS) expect(r.percentDose[k].length).toBe(r.timesH.length)
    expect(Math.abs(totalAt(r.percentDose, r.timesH.length - 1) - 100)).toBeLessThan(1e-4)
    expect(r.selectivity.targetTissue).toBe('joints')
  })

  it('takes the cloak and the surface charge of the outer membrane', () => {
    const d: Design = { ...RA, core: { material: 'mesoporous-silica', diameterNm: 60 }, coatings: [{ kind: 'membrane', source: 'red-blood-cell' }], ligands: [] }
    const input = biodistributionInputFromDesign(d, deriveProperties(d))
    expect(input.membraneCloak).toBe('red-blood-cell')
    expect(input.pegCoverageRatio).toBe(0)
    expect(input.zetaMv).toBeLessThan(0)
  })
})
