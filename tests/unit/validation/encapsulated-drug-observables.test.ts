/**
 * The drug-in-circulating-particle observables of the published-row scorer, checked against
 * an identity that does not use the scorer's own arithmetic: every particle of a bolus has the
 * same age, so when the release hazard is the same in every environment (a liposome without a
 * trigger: plasma, inflamed and endolysosomal multipliers all 1), the drug a particle still
 * holds is its survival S(t) = 1 − F(t) wherever the particle is. The drug-to-carrier ratio in
 * blood must then equal 1 − F_plasma(t) of the release engine, whatever the PBPK model did with
 * the particles.
 */
import { describe, expect, it } from 'vitest'
import { validateDesign } from '../../../shared/design/schema'
import { predictRelease } from '../../../shared/engine/release'
import { predictRow, type PublishedRow } from '../../../shared/engine/validation/published-rows'

const liposome = {
  format: 'nanoforge.design', version: 2, name: 'PEG-liposome, lipophilic drug',
  core: { material: 'liposome', diameterNm: 100, bilayer: { lipid: 'hspc', cholesterolMolPct: 38 } },
  coatings: [{ kind: 'peg', molecularWeightDa: 2000, graftingDensityPerNm2: 0.05 }],
  ligands: [],
  payload: { drug: 'dexamethasone', loadingPctWw: 5, trigger: 'none' },
  context: { disease: 'healthy', species: 'rat', goal: 'deliver', dose: { mgPerKg: 2, basis: 'drug' } },
}

function row(observable: PublishedRow['observable'], timeH: number | undefined, design: unknown = liposome): PublishedRow {
  return {
    id: `test-${observable}`, set: 'calibration', design, observable, tissue: 'blood',
    ...(timeH !== undefined ? { timeH } : {}), value: 1, unit: '1', counting: 'intact', source: 'test', evidence: 'D',
  }
}

// a slowly leaking drug (glucocorticoid phosphate class) for the later times
const slowLeaking = { ...liposome, payload: { ...liposome.payload, drug: 'prednisolone' } }

describe('encapsulated-drug observables', () => {
  it.each([
    ['dexamethasone', liposome, [1, 4, 8]],
    ['prednisolone', slowLeaking, [24, 72, 168]],
  ] as const)('%s: retained drug fraction in blood equals the release survival 1 − F(t)', (_, design, timesH) => {
    const checked = validateDesign(design)
    if (!checked.valid) throw new Error('test design does not validate')
    const release = predictRelease(checked.design, { timesH: [0, ...timesH] })
    // the identity needs the same hazard in every environment
    for (const env of ['plasma', 'inflamed', 'endolysosome'] as const) expect(release.environments[env].rateMultiplier).toBe(1)
    for (const tH of timesH) {
      const i = release.environments.plasma.timesH.indexOf(tH)
      const survival = 1 - release.environments.plasma.fractionReleased[i]!
      expect(survival).toBeGreaterThan(0.01) // tested where drug remains
      expect(survival).toBeLessThan(0.99) // and where some has left
      const predicted = predictRow(row('retainedDrugFractionInBlood', tH, design))
      expect(Math.abs(predicted / survival - 1)).toBeLessThan(2e-3)
    }
  })

  it('encapsulated drug in blood is the particles in blood times the retained fraction, and its half-life is shorter than theirs', () => {
    const enc = predictRow(row('encapsulatedDrugBloodPercentDose', 8))
    const particles = predictRow({ ...row('percentDose', 8), tissue: 'blood' })
    const retained = predictRow(row('retainedDrugFractionInBlood', 8))
    // the particle-only run and the coupled run solve different systems to the same tolerance
    expect(Math.abs(enc / (particles * retained) - 1)).toBeLessThan(1e-4)
    const drugHalfLife = predictRow(row('encapsulatedDrugBloodHalfLifeH', undefined))
    const particleHalfLife = predictRow(row('bloodHalfLifeH', undefined))
    expect(drugHalfLife).toBeLessThan(particleHalfLife)
    // drug in blood ≤ particles × survival, so it halves no later than the release alone does
    const checked = validateDesign(liposome)
    if (!checked.valid) throw new Error('test design does not validate')
    const t50Release = predictRelease(checked.design, { hours: 48 }).environments.plasma.t50H
    expect(t50Release).not.toBeNull()
    expect(drugHalfLife).toBeLessThanOrEqual(t50Release! * 1.02)
  })

  it('the encapsulated-drug AUC to ∞ exceeds the AUC to 24 h and stays below the particles\' AUC', () => {
    const to24 = predictRow(row('encapsulatedDrugBloodAucPercentDoseH', 24, slowLeaking))
    const toInf = predictRow(row('encapsulatedDrugBloodAucPercentDoseH', undefined, slowLeaking))
    const particles = predictRow(row('bloodAucPercentDoseH', undefined, slowLeaking))
    expect(toInf).toBeGreaterThan(to24)
    expect(toInf).toBeLessThan(particles)
  })

  it('a point observable without a time is refused with the row id', () => {
    expect(() => predictRow(row('retainedDrugFractionInBlood', undefined))).toThrow(/test-retainedDrugFractionInBlood.*needs timeH/)
  })
})
