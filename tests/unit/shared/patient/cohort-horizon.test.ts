/**
 * A cohort's response horizon is decided once, before its patients are simulated or split over
 * workers (issue #15): the doubling rule of simulatePatient applied in the cohort's typical
 * patient (each covariate at its median). Every patient's response then counts the same hours,
 * and the rows of any split of the patients are the rows of one run.
 */
import { describe, expect, it } from 'vitest'
import { validateDesign } from '../../../../shared/design/schema'
import type { Design } from '../../../../shared/design/types'
import { simulateDesign } from '../../../../shared/engine/simulate'
import { cohortResponseHorizonH, cohortRows, marginalValue, runCohort, sampleCohort, typicalPatient, validateCohort } from '../../../../shared/patient/cohort'
import { patientPhysiology } from '../../../../shared/patient/physiology'
import { simulatePatient } from '../../../../shared/patient/simulate-patient'
import raCohort from '../../../../resources/cohorts/ra.nanoforge-cohort.json' with { type: 'json' }
import liposome from '../../../../resources/examples/ra-folate-peg-liposome.nanoforge.json' with { type: 'json' }
import { readDoc } from '../../support/docs'

function cohort() {
  const v = validateCohort(raCohort)
  if (!v.valid) throw new Error(JSON.stringify(v.errors))
  return v.cohort
}

function design(doc: unknown): Design {
  const v = validateDesign(doc)
  if (!v.valid) throw new Error(JSON.stringify(v.errors))
  return v.design
}

// A slow carrier (prednisolone in a DPPC/cholesterol PEG-liposome): > 5 % of its drug is still
// inside particles at 72 h, so its response horizon goes past the estimate's.
const SLOW = design({
  format: 'nanoforge.design', version: 2, name: 'slow',
  core: { material: 'liposome', diameterNm: 100, bilayer: { lipid: 'dppc', cholesterolMolPct: 35 } },
  coatings: [{ kind: 'peg', molecularWeightDa: 2000, graftingDensityPerNm2: 0.08 }], ligands: [],
  payload: { drug: 'prednisolone', loadingPctWw: 5, trigger: 'none' },
  context: { species: 'human', disease: 'rheumatoid-arthritis', goal: 'deliver', dose: { mgPerKg: 1, basis: 'drug' } },
})
const FAST = design({ ...liposome, context: { ...liposome.context, species: 'human', dose: { mgPerKg: 0.1, basis: 'drug' } } })

describe('the cohort response horizon', () => {
  it('the typical patient is the cohort file\'s medians: women (75 %), age 56, the women\'s lognormal weight median, DAS28 5.2', () => {
    const p = typicalPatient(cohort())
    expect(p.sex).toBe('female')
    expect(p.ageY).toBe(56)
    expect(p.heightCm).toBe(162)
    // lognormal by arithmetic mean 70, SD 15: median 70/√(1 + (15/70)²) = 68.43 kg
    expect(p.bodyWeightKg).toBeCloseTo(70 / Math.sqrt(1 + (15 / 70) ** 2), 9)
    expect(p.bodyWeightKg).toBeCloseTo(marginalValue({ distribution: 'lognormal', mean: 70, sd: 15, source: 'x' }, 0), 12)
    expect(p.activity).toEqual({ scale: 'DAS28', value: 5.2 })
  })

  it('a slow carrier: the horizon passes 72 h to where ≤ 5 % of the dose is still in the typical patient\'s particles (and > 5 % at half of it)', () => {
    const h = cohortResponseHorizonH(SLOW, cohort(), 72)
    expect([144, 288, 576, 720]).toContain(h)
    const engine = patientPhysiology(typicalPatient(cohort())).engine
    expect(simulateDesign(SLOW, { hours: h, individual: engine }).selectivity.drugRemainingInParticlesPercentDose).toBeLessThanOrEqual(5)
    expect(simulateDesign(SLOW, { hours: h / 2, individual: engine }).selectivity.drugRemainingInParticlesPercentDose).toBeGreaterThan(5)
  })

  it('the README names the measured horizon of the slow carrier in the RA cohort', () => {
    const h = cohortResponseHorizonH(SLOW, cohort(), 72)
    const readme = readDoc('README.md').replace(/\s+/g, ' ')
    expect(readme, `README: counts to ${h} h in the RA cohort`).toContain(`the DPPC/cholesterol PEG-liposome of prednisolone counts to ${h} h in the RA cohort`)
  })

  it('a fast carrier keeps the estimate\'s 72 h', () => {
    expect(cohortResponseHorizonH(FAST, cohort(), 72)).toBe(72)
  })

  it('every patient of a slow-carrier cohort counts the cohort\'s hours, and any split of the patients gives the rows of one run', () => {
    const c = cohort()
    const r = runCohort(SLOW, c, { n: 12, seed: 5 })
    expect(r.responseHorizonH).toBe(cohortResponseHorizonH(SLOW, c, 72))
    expect(r.responseHorizonH).toBeGreaterThan(72)
    // the extremes, simulated alone at the cohort's horizon, give the cohort's values
    for (const e of [r.extremes!.lowest, r.extremes!.highest]) {
      const alone = simulatePatient(SLOW, e.patient, { hours: 72, tailorDose: false, responseHorizonH: r.responseHorizonH })
      expect(alone.response.horizonH).toBe(r.responseHorizonH)
      expect(alone.response.versusFreeDrug.targetExposureRatio).toBeCloseTo(e.value, 12)
    }
    const { patients } = sampleCohort(c, 12, 5)
    const whole = cohortRows(SLOW, patients, 72, r.responseHorizonH)
    const split = [...cohortRows(SLOW, patients.slice(0, 5), 72, r.responseHorizonH), ...cohortRows(SLOW, patients.slice(5), 72, r.responseHorizonH)]
    expect(JSON.stringify(split)).toBe(JSON.stringify(whole))
  })

  it('a response horizon outside (0, 720] h is refused with the value', () => {
    const p = typicalPatient(cohort())
    expect(() => simulatePatient(FAST, p, { hours: 72, tailorDose: false, responseHorizonH: 1000 })).toThrow(/responseHorizonH.*1000/)
    expect(() => simulatePatient(FAST, p, { hours: 72, tailorDose: false, responseHorizonH: 0 })).toThrow(/responseHorizonH/)
  })
})
