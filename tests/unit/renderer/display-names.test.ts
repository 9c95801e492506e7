import { describe, expect, it } from 'vitest'
import { displayName, humanizeText, moduleName, parameterLabel, unitText } from '../../../renderer/lib/display-names'

describe('display names of engine ids (issue 12: no code words on screen)', () => {
  it('names catalog ids, choice ids and tissues as the catalog and field definitions do', () => {
    expect(displayName('plga-50-50')).toBe('PLGA 50:50')
    expect(displayName('rheumatoid-arthritis')).toBe('Rheumatoid arthritis')
    expect(displayName('joints')).toBe('Joints')
    expect(displayName('deliver')).toBe('Deliver a drug to the target')
    expect(displayName('not-an-id')).toBeUndefined()
    expect(moduleName('biodistribution')).toBe('Biodistribution')
  })

  it('turns parameter paths into words with the named ids in brackets', () => {
    expect(parameterLabel('core.plga-50-50.burstFraction')).toBe('Burst fraction (PLGA 50:50)')
    expect(parameterLabel('core.plga-50-50.diffusivityCm2PerS')).toBe('Diffusivity (PLGA 50:50)')
    expect(parameterLabel('drug.dexamethasone.molecularWeightDa')).toBe('Molecular weight (Dexamethasone)')
    expect(parameterLabel('organNp.mouse.heart.partitionCoefficient')).toBe('Partition coefficient (Mouse, Heart)')
    expect(parameterLabel('species.mouse.volumeFractions.joints')).toBe('Volume fraction (Mouse, Joints)')
    expect(parameterLabel('drugClass.lipophilic-small.matrixSolubilityPctWw')).toBe('Drug class matrix solubility (lipophilic small)')
    expect(parameterLabel('burstHydrophilicity.maxMultiplier')).toBe('Burst hydrophilicity max multiplier')
  })

  it('replaces code words inside engine prose and leaves citations alone', () => {
    const text = 'rheumatoid-arthritis: joints PATC multiplier; Physiology: species.mouse.hematocrit; doi:10.1023/A:1015810312465, e.g. Potts-Guy'
    expect(humanizeText(text, ['species.mouse.hematocrit'])).toBe('Rheumatoid arthritis: joints PATC multiplier; Physiology: Hematocrit (Mouse); doi:10.1023/A:1015810312465, e.g. Potts-Guy')
  })

  it('writes e-notation in prose as powers of ten, and leaves words and DOIs alone', () => {
    expect(humanizeText('L0 = 1e12 particles; prior 2e-18 (table 1e-18 - 1.5e-16)')).toBe('L0 = 10¹² particles; prior 2 × 10⁻¹⁸ (table 10⁻¹⁸ - 1.5 × 10⁻¹⁶)')
    expect(humanizeText('doi:10.1016/S0168-3659(01)00248-6, the 5e lipid, code e12')).toBe('doi:10.1016/S0168-3659(01)00248-6, the 5e lipid, code e12')
  })

  it('prints units with superscripts and drops dimensionless ones', () => {
    expect(unitText('cm2/s')).toBe('cm²/s')
    expect(unitText('g/cm3')).toBe('g/cm³')
    expect(unitText('ug NP per g tissue')).toBe('µg NP per g tissue')
    expect(unitText('1')).toBe('')
    expect(unitText('x')).toBe('×')
    expect(unitText('%ID*h')).toBe('%ID·h')
    expect(unitText('1/h')).toBe('1/h')
  })
})
