/**
 * Patient response (issue #15, steps 3 and 5): exposure ratios against hand arithmetic from
 * the simulation's own release numbers and the free-drug PK, occupancy against the Emax law
 * by hand, dose tailoring re-checked by an independent run, the refusals, the antigen
 * report, and the monotone properties: more disease activity → more target exposure; lower
 * eGFR → slower renal clearance of small particles.
 */
import { describe, expect, it } from 'vitest'
import { newDesign } from '../../../../shared/design/defaults'
import { validateDesign } from '../../../../shared/design/schema'
import { freeDrugParameters } from '../../../../shared/engine/free-drug/model'
import { patientPhysiology } from '../../../../shared/patient/physiology'
import type { Patient } from '../../../../shared/patient/schema'
import { checkedPatient, humanDesign } from './fixtures'
import { readDoc } from '../../support/docs'
import { PatientDesignMismatch, simulatePatient } from '../../../../shared/patient/simulate-patient'
import { simulateDesign } from '../../../../shared/engine/simulate'
import liposome from '../../../../resources/examples/ra-folate-peg-liposome.nanoforge.json' with { type: 'json' }
import tolerogenic from '../../../../resources/examples/t1d-tolerogenic-plga.nanoforge.json' with { type: 'json' }

const design = humanDesign

function patient(over: Record<string, unknown> = {}): Patient {
  return checkedPatient({ sex: 'female', ageY: 62, bodyWeightKg: 58, heightCm: 160,     egfrMlPerMin: 55, disease: 'rheumatoid-arthritis', activity: { scale: 'DAS28', value: 5.4 }, ...over })
}

const RA_DEX = design(liposome, { dose: { mgPerKg: 0.1, basis: 'drug' } })

describe('response against the free drug', () => {
  const woman = patient()
  const r = simulatePatient(RA_DEX, woman, { tailorDose: false })

  it('systemic ratio = share of the dose released; target ratio = f_rel + f_T·CL/Q_T (hand arithmetic)', () => {
    const s = r.selectivity
    const fRel = (s.drugReleasedInTargetPercentDose + s.drugReleasedInBloodPercentDose + s.drugReleasedOffTargetPercentDose) / 100
    const fT = s.drugReleasedInTargetPercentDose / 100
    const phys = patientPhysiology(woman)
    const pk = freeDrugParameters('dexamethasone', { bodyWeightKg: 58, gfrMlPerMin: phys.gfrMlPerMin })!
    const target = r.response.target
    if (target?.kind !== 'drug') throw new Error('expected a drug target')
    expect(r.response.versusFreeDrug.systemicExposureRatio).toBeCloseTo(fRel, 10)
    expect(r.response.versusFreeDrug.targetExposureRatio).toBeCloseTo(fRel + fT * pk.clearanceLPerH / target.bloodFlowLPerH, 10)
  })

  it('free dexamethasone occupancy by hand: 5.8 mg, unbound mean over 72 h through C/(C + K_D)', () => {
    const pk = r.response.freeDrugPk!
    // AUC = 5.8 mg / CL; unbound mean = 0.23 · AUC / 72 h, in nM (× 10⁶ / 392.47)
    const meanNm = 0.23 * (5.8 / pk.clearanceLPerH) / 72 * 1e6 / 392.47
    const target = r.response.target
    if (target?.kind !== 'drug') throw new Error('expected a drug target')
    expect(target.freeDrug.meanUnboundNm).toBeCloseTo(meanNm, 9)
    expect(target.freeDrug.effect).toBeCloseTo(meanNm / (meanNm + 5), 9)
    expect(r.response.systemic!.freeDrug.effect).toBeCloseTo(meanNm / (meanNm + 5), 9)
    expect(r.response.model).toBe('glucocorticoid')
  })

  it('echoes the patient\'s physiology', () => {
    expect(r.patient.bodyWeightKg).toBe(58)
    expect(r.patient.gfrMlPerMin).toBeCloseTo(50.8, 0)
  })

  it('the tailored dose reaches the stated occupancy when re-simulated', () => {
    const t = simulatePatient(RA_DEX, woman, { targetOccupancy: 0.6 }).response.doseForTarget!
    expect(t.doseMgPerKg).not.toBeNull()
    const again = simulatePatient(design(liposome, { dose: { mgPerKg: t.doseMgPerKg!, basis: 'drug' } }), woman, { tailorDose: false })
    const target = again.response.target
    if (target?.kind !== 'drug') throw new Error('expected a drug target')
    expect(target.particle.effect!).toBeCloseTo(0.6, 3)
    expect(t.systemicExposureVsUsualFreeDose).toBeGreaterThan(0)
  })

  it('refuses a mouse design and a design for another disease, naming the field', () => {
    const mouse = validateDesign(liposome)
    if (!mouse.valid) throw new Error('invalid')
    expect(() => simulatePatient(mouse.design, woman)).toThrow(PatientDesignMismatch)
    expect(() => simulatePatient(mouse.design, woman)).toThrow(/mouse.*human designs only/)
    try {
      simulatePatient(design(liposome, { disease: 'psoriasis' }), woman)
      expect.unreachable()
    } catch (e) {
      expect((e as PatientDesignMismatch).path).toBe('context.disease')
    }
  })

  it('a tolerogenic design reports antigen delivered to APCs, with no free-antigen ratio or efficacy', () => {
    const t1d = patient({ disease: 'type-1-diabetes', activity: { scale: 'stage', value: 2 } })
    // the response counted at the estimate's own 72 h, so its particle AUC is the estimate's (by
    // default the response horizon doubles while > 5 % of the antigen is still inside the PLGA)
    const a = simulatePatient(design(tolerogenic), t1d, { responseHorizonH: 72 })
    expect(a.response.model).toBe('antigen')
    expect(a.response.versusFreeDrug.targetExposureRatio).toBeNull()
    const target = a.response.target
    if (target?.kind !== 'antigen') throw new Error('expected antigen delivery')
    // The report counts the antigen up to the response's horizon (the estimate's 72 h doubled
    // while more than 5 % is still inside particles), so it equals the target AUC of a run to
    // that horizon in the same patient (the estimate's own when no doubling was needed).
    const atHorizon = simulateDesign(design(tolerogenic), { hours: a.response.horizonH, individual: patientPhysiology(t1d).engine })
    expect(target.particleAucPercentDoseH).toBeCloseTo(atHorizon.selectivity.targetAucPercentDoseH, 9)
  })
})

describe('monotone properties', () => {
  it('more disease activity → more target exposure (DAS28 2.6 → 9)', () => {
    let previousAuc = -1
    let previousRatio = -1
    for (const das of [2.6, 3.2, 4.0, 5.1, 6.0, 7.5, 9.0]) {
      const r = simulatePatient(RA_DEX, patient({ activity: { scale: 'DAS28', value: das } }), { tailorDose: false })
      expect(r.selectivity.targetAucPercentDoseH, `DAS28 ${das}`).toBeGreaterThan(previousAuc)
      expect(r.response.versusFreeDrug.targetExposureRatio!, `DAS28 ${das}`).toBeGreaterThan(previousRatio)
      previousAuc = r.selectivity.targetAucPercentDoseH
      previousRatio = r.response.versusFreeDrug.targetExposureRatio!
    }
  })

  it('lower eGFR → slower renal clearance of a small (renally filtered) particle', () => {
    // a 3 nm gold core with a zwitterionic coat: filtered at the glomerulus (Choi 2007)
    const small = validateDesign({
      ...newDesign(), name: 'small zwitterionic gold', core: { material: 'gold', diameterNm: 3 },
      coatings: [{ kind: 'polymer', material: 'zwitterionic', thicknessNm: 0.5 }], ligands: [],
      context: { ...newDesign().context, species: 'human' },
    })
    if (!small.valid) throw new Error(JSON.stringify(small.errors))
    const reference = simulateDesign(small.design)
    expect(reference.biodistribution.percentDose.excreted.at(-1)!).toBeGreaterThan(1) // it is filtered at all
    let previous = Infinity
    for (const egfr of [120, 90, 60, 30, 15]) {
      const r = simulatePatient(small.design, patient({ egfrMlPerMin: egfr }), { tailorDose: false })
      const excreted = r.biodistribution.percentDose.excreted.at(-1)!
      expect(excreted, `eGFR ${egfr}`).toBeLessThan(previous)
      previous = excreted
    }
  })
})

/**
 * The response's horizon: the free drug's exposure is counted to its end, so the particles' side
 * must count (nearly) all of its drug; the horizon doubles while more than 5 % of the dose is
 * still inside particles (at most 30 days).
 */
describe('response horizon follows the drug, not the estimate', () => {
  // A slow carrier: prednisolone phosphate in a DPPC/cholesterol PEG-liposome (after Metselaar 2003).
  const SLOW = design({
    format: 'nanoforge.design', version: 2, name: 'slow',
    core: { material: 'liposome', diameterNm: 100, bilayer: { lipid: 'dppc', cholesterolMolPct: 35 } },
    coatings: [{ kind: 'peg', molecularWeightDa: 2000, graftingDensityPerNm2: 0.08 }], ligands: [],
    payload: { drug: 'prednisolone', loadingPctWw: 5, trigger: 'none' },
    context: { disease: 'rheumatoid-arthritis', goal: 'deliver', dose: { mgPerKg: 1, basis: 'drug' } },
  })
  const woman = patient()

  it('a slow liposome extends the response past 72 h until at most 5 % of the dose is still in particles, and says so', () => {
    const at72 = simulatePatient(SLOW, woman, { hours: 72, tailorDose: false })
    expect(at72.selectivity.drugRemainingInParticlesPercentDose).toBeGreaterThan(5)
    const h = at72.response.horizonH
    expect(h).toBeGreaterThan(72)
    expect(h === 720 || [144, 288, 576].includes(h)).toBe(true)
    const atH = simulateDesign(SLOW, { hours: h, individual: patientPhysiology(woman).engine })
    expect(atH.selectivity.drugRemainingInParticlesPercentDose).toBeLessThanOrEqual(5)
    if (h > 144) {
      const before = simulateDesign(SLOW, { hours: h / 2, individual: patientPhysiology(woman).engine })
      expect(before.selectivity.drugRemainingInParticlesPercentDose).toBeGreaterThan(5)
    }
    expect(at72.response.notes[0]).toMatch(new RegExp(`up to ${h} h`))
    // the estimate itself keeps the asked horizon
    expect(at72.biodistribution.timesH.at(-1)).toBe(72)
  })

  it('the extended response is the response of a run at that horizon', () => {
    const auto = simulatePatient(SLOW, woman, { hours: 72, tailorDose: false })
    const direct = simulatePatient(SLOW, woman, { hours: auto.response.horizonH, tailorDose: false })
    expect(direct.response.horizonH).toBe(auto.response.horizonH)
    expect(auto.response.versusFreeDrug.targetExposureRatio).toBeCloseTo(direct.response.versusFreeDrug.targetExposureRatio!, 9)
    expect(auto.response.drugAtHorizon.releasedPercentDose).toBeCloseTo(direct.response.drugAtHorizon.releasedPercentDose, 9)
    expect(auto.response.drugAtHorizon.notReleasedPercentDose).toBeLessThan(5.0001 + direct.selectivity.drugExcretedInParticlesPercentDose)
  })

  it('the README states the slow liposome\'s measured figures: its ratio at 72 h, the drug still inside, the horizon and the ratio there', () => {
    const at72 = simulatePatient(SLOW, woman, { hours: 72, tailorDose: false, responseHorizonH: 72 })
    const auto = simulatePatient(SLOW, woman, { hours: 72, tailorDose: false })
    const readme = readDoc('README.md').replace(/\s+/g, ' ')
    const phrase = `read ${at72.response.versusFreeDrug.targetExposureRatio!.toFixed(2)}× free drug in the joints at 72 h only because `
      + `${Math.round(at72.selectivity.drugRemainingInParticlesPercentDose)} % of its drug was still inside; it now counts to ${auto.response.horizonH} h `
      + `and reads ${auto.response.versusFreeDrug.targetExposureRatio!.toFixed(2)}×`
    expect(readme.includes(phrase), `README states: ${phrase}`).toBe(true)
  })

  it('a fast carrier keeps the estimate horizon', () => {
    const fast = simulatePatient(RA_DEX, woman, { hours: 72, tailorDose: false })
    expect(fast.selectivity.drugRemainingInParticlesPercentDose).toBeLessThanOrEqual(5)
    expect(fast.response.horizonH).toBe(72)
  })
})
