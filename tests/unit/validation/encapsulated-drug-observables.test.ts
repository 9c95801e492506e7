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
import { freeDrugAmountPercentDose } from '../../../shared/engine/free-drug/total-plasma'
import { freeDrugParameters } from '../../../shared/engine/free-drug/model'
import { FREE_DRUG_PK } from '../../../shared/engine/free-drug/data'
import { deriveProperties } from '../../../shared/design/derived'
import { releaseHazard } from '../../../shared/engine/release'
import { biodistributionInputFromDesign, PBPK_DATA, simulateBiodistribution } from '../../../shared/engine/pbpk'

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

/**
 * Total plasma drug (inside particles + released drug through the free-drug PK): the released
 * drug's one-compartment solution against the Bateman function, and the scorer's AUC against the
 * free drug's mass balance ∫F dt = (R(T) − F(T))/k, which the scorer does not use.
 */
describe('total plasma drug observables', () => {
  it('free drug from first-order release follows the Bateman function F = R∞·a/(k − a)·(e^(−at) − e^(−kt))', () => {
    const a = 0.2
    const k = 0.9
    const timesH = Array.from({ length: 2001 }, (_, i) => i * 0.02)
    const released = timesH.map((t) => 100 * (1 - Math.exp(-a * t)))
    const free = freeDrugAmountPercentDose(timesH, released, k)
    for (const t of [0.5, 2, 8, 30]) {
      const i = timesH.findIndex((x) => Math.abs(x - t) < 1e-9)
      const bateman = (100 * a / (k - a)) * (Math.exp(-a * t) - Math.exp(-k * t))
      expect(Math.abs(free[i]! / bateman - 1)).toBeLessThan(3e-3)
    }
  })

  it('refuses mismatched or unordered inputs with what is wrong', () => {
    expect(() => freeDrugAmountPercentDose([0, 1], [0], 1)).toThrow(/2 times but 1/)
    expect(() => freeDrugAmountPercentDose([0, 1, 1], [0, 1, 2], 1)).toThrow(/increase/)
    expect(() => freeDrugAmountPercentDose([0, 1], [0, 1], 0)).toThrow(/elimination rate/)
  })

  const ambisome = {
    format: 'nanoforge.design', version: 2, name: 'AmBisome-like',
    core: { material: 'liposome', diameterNm: 80, bilayer: { lipid: 'hspc', cholesterolMolPct: 26.3 } },
    coatings: [], ligands: [],
    payload: { drug: 'amphotericin-b', loadingPctWw: 12.5, trigger: 'none' },
    context: { disease: 'healthy', species: 'human', goal: 'deliver', dose: { mgPerKg: 2, basis: 'drug' } },
  }

  it('total drug is the sampled encapsulated drug plus the free part, and its AUC matches the free drug\'s mass balance', () => {
    const T = 72
    const total = predictRow(row('totalDrugBloodPercentDose', T, ambisome))
    const enc = predictRow(row('encapsulatedDrugBloodPercentDose', T, ambisome))
    expect(total).toBeGreaterThan(enc)
    const checked = validateDesign(ambisome)
    if (!checked.valid) throw new Error('test design does not validate')
    const input = { ...biodistributionInputFromDesign(checked.design, deriveProperties(checked.design)), releaseHazard: releaseHazard(checked.design) }
    const releasedAtT = simulateBiodistribution(input, { hours: T, timesH: [0, T / 2, T] }).encapsulatedDrug!.releasedPercentDose[2]!
    const p = freeDrugParameters('amphotericin-b', { bodyWeightKg: PBPK_DATA.species.human.bodyWeightKg.value, gfrMlPerMin: FREE_DRUG_PK['amphotericin-b']!.studyGfrMlPerMin.value })!
    const sim = simulateBiodistribution(input, { hours: 1 })
    const plasmaL = (sim.intravascularBloodMassG / 1000) * (1 - PBPK_DATA.species.human.hematocrit.value)
    // the free part of the sample at T, and ∫₀^T of it from mass balance: (R(T) − F(T))/k × V_pl/V
    const freeAtT = total - enc
    const freeAucMassBalance = (releasedAtT * plasmaL / p.volumeL - freeAtT) / p.eliminationRatePerH
    const totalAuc = predictRow(row('totalDrugBloodAucPercentDoseH', T, ambisome))
    const encAuc = predictRow(row('encapsulatedDrugBloodAucPercentDoseH', T, ambisome))
    expect(freeAucMassBalance).toBeGreaterThan(0)
    expect(Math.abs((totalAuc - encAuc) / freeAucMassBalance - 1)).toBeLessThan(0.02)
  })

  it('a drug without free-drug PK in the row\'s species is refused, naming drug and species', () => {
    const mouse = { ...ambisome, context: { ...ambisome.context, species: 'mouse' } }
    expect(() => predictRow(row('totalDrugBloodHalfLifeH', undefined, mouse))).toThrow(/no mouse free-drug PK for 'amphotericin-b'/)
  })
})
