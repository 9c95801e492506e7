import { describe, expect, it } from 'vitest'
import pbpkJson from '../../../../../resources/catalog/pbpk.json'
import { DISEASE_IDS, LIGAND_IDS, MEMBRANE_SOURCE_IDS, SPECIES_IDS } from '../../../../../shared/catalog/ids'
import { ORGAN_KEYS, PBPK_DATA, uncitedNumbersIn } from '../../../../../shared/engine/pbpk'

describe('resources/catalog/pbpk.json', () => {
  it('every number carries value, unit, source and evidence tag', () => {
    expect(uncitedNumbersIn(pbpkJson)).toEqual([])
  })
  it('has physiology for every species with positive rest-of-body volume and flow', () => {
    for (const s of SPECIES_IDS) {
      const p = PBPK_DATA.species[s]
      const v = Object.values(p.volumeFractions).reduce((a, c) => a + c.value, 0)
      const q = Object.values(p.flowFractions).reduce((a, c) => a + c.value, 0)
      expect(v).toBeLessThan(1)
      expect(q).toBeLessThan(1)
      for (const o of ORGAN_KEYS) expect(p.capillaryBloodFractions[o]).toBeDefined()
    }
  })
  it('has organ NP parameters for every organ (mouse, rat) and entries for every disease, ligand and cloak id', () => {
    for (const o of ORGAN_KEYS) { expect(PBPK_DATA.organNp.mouse[o]).toBeDefined(); expect(PBPK_DATA.organNp.rat[o]).toBeDefined() }
    for (const d of DISEASE_IDS) expect(PBPK_DATA.diseases[d]).toBeDefined()
    for (const l of LIGAND_IDS) expect(PBPK_DATA.ligands[l]).toBeDefined()
    for (const m of MEMBRANE_SOURCE_IDS) expect(PBPK_DATA.modifiers.cloak[m]).toBeDefined()
  })
  it('maps diseases to their target compartments (brief §2.5)', () => {
    expect(PBPK_DATA.diseases.healthy.targetTissue).toBeNull()
    expect(PBPK_DATA.diseases['rheumatoid-arthritis'].targetTissue).toBe('joints')
    expect(PBPK_DATA.diseases['lupus-nephritis'].targetTissue).toBe('kidneys')
    expect(PBPK_DATA.diseases['multiple-sclerosis'].targetTissue).toBe('brain')
    expect(PBPK_DATA.diseases['type-1-diabetes'].targetTissue).toBe('pancreas')
    expect(PBPK_DATA.diseases['inflammatory-bowel-disease'].targetTissue).toBe('colon')
    expect(PBPK_DATA.diseases.psoriasis.targetTissue).toBe('skin')
  })
})
