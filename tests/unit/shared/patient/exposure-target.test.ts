/**
 * The tacrolimus exposure-target response of a virtual patient (issue #15): the released-drug
 * time course is the estimate's own (its last value is drugAtHorizon), the steady-state AUC is
 * the released amount over CL and the free drug's F·dose over CL (hand arithmetic), the
 * tailored dose re-checked by an independent run, the free drug's dose for the same trough by
 * the linear scaling of the oral curve, and the block's absence where it does not apply.
 */
import { describe, expect, it } from 'vitest'
import { EXPOSURE_TARGET_PD, oralSteadyStateConcentrationMgPerL } from '../../../../shared/engine/free-drug/exposure-target'
import { freeDrugParameters } from '../../../../shared/engine/free-drug/model'
import { releasedDrugTimeCourse } from '../../../../shared/engine/free-drug/released'
import { patientPhysiology } from '../../../../shared/patient/physiology'
import type { Patient } from '../../../../shared/patient/schema'
import { checkedPatient, humanDesign } from './fixtures'
import { simulatePatient } from '../../../../shared/patient/simulate-patient'
import { exposureTargetResponse } from '../../../../shared/patient/exposure-target'
import lupusDoc from '../../../../resources/examples/lupus-rbc-silica.nanoforge.json' with { type: 'json' }
import raDoc from '../../../../resources/examples/ra-folate-peg-liposome.nanoforge.json' with { type: 'json' }

const design = humanDesign

function patient(over: Record<string, unknown> = {}): Patient {
  return checkedPatient({ sex: 'female', ageY: 31, bodyWeightKg: 69, heightCm: 162,     egfrMlPerMin: 91, disease: 'lupus-nephritis', activity: { scale: 'proteinuria', value: 3.9 }, ...over })
}

const LN_TAC = design(lupusDoc, { dose: { mgPerKg: 0.05, basis: 'drug' } })

describe('tacrolimus in a lupus nephritis patient: trough, AUC and time in the cited range', () => {
  const woman = patient()
  const r = simulatePatient(LN_TAC, woman)
  const e = r.response.exposureTarget
  const phys = patientPhysiology(woman)
  const pk = freeDrugParameters('tacrolimus', { bodyWeightKg: 69, gfrMlPerMin: phys.gfrMlPerMin })!
  const pd = EXPOSURE_TARGET_PD.tacrolimus!

  it('is given (additively) with the lupus nephritis range 5-10 ng/mL and the 20 ng/mL threshold', () => {
    expect(e).toBeDefined()
    expect(e!.targetRange?.lowNgPerMl).toBe(5)
    expect(e!.targetRange?.highNgPerMl).toBe(10)
    expect(e!.toxicityThresholdNgPerMl).toBe(20)
    // the existing keys are unchanged
    expect(r.response.versusFreeDrug.systemicExposureRatio).not.toBeNull()
    expect(r.response.model).toBe('exposure')
  })

  it('the released-drug course is the estimate\'s: its last value is drugAtHorizon.releasedPercentDose', () => {
    const course = releasedDrugTimeCourse(LN_TAC, r.response.horizonH, phys.engine)
    expect(course.releasedPercentDose[course.releasedPercentDose.length - 1]).toBeCloseTo(r.response.drugAtHorizon.releasedPercentDose, 9)
    // cumulative: never falls by more than solver round-off
    for (let i = 1; i < course.releasedPercentDose.length; i++) expect(course.releasedPercentDose[i]! - course.releasedPercentDose[i - 1]!).toBeGreaterThan(-1e-6)
  })

  it('steady-state AUC per interval = released amount / CL; free drug = F · same amount / CL (hand arithmetic, 1 %)', () => {
    const releasedMg = 0.05 * 69 * r.response.drugAtHorizon.releasedPercentDose / 100
    expect(Math.abs(e!.particle.aucNgHPerMl / (releasedMg / pk.clearanceLPerH * 1000) - 1)).toBeLessThan(0.01)
    // free drug: the same amount per horizon, by mouth every 12 h: AUC over 12 h = F · D_12 / CL
    const d12 = 0.05 * 69 * 12 / r.response.horizonH
    expect(Math.abs(e!.freeDrug.aucNgHPerMl / (0.18 * d12 / pk.clearanceLPerH * 1000) - 1)).toBeLessThan(0.01)
    expect(Math.abs(e!.versusFreeDrug.meanConcentrationRatio! / (r.response.drugAtHorizon.releasedPercentDose / 100 / 0.18) - 1)).toBeLessThan(0.015)
  })

  it('benefit and harm shares are fractions of the interval that add up with the time below the range', () => {
    const p = e!.particle
    expect(p.fractionInRange! + p.fractionAboveRange!).toBeLessThanOrEqual(1 + 1e-9)
    expect(p.fractionAboveToxicity).toBeLessThanOrEqual(p.fractionAboveRange! + 1e-9)
    expect(p.troughNgPerMl).toBeLessThan(p.meanNgPerMl)
    expect(p.peakNgPerMl).toBeGreaterThan(p.meanNgPerMl)
    // the curve shown is the one the numbers come from: its minimum is the trough within the grid
    expect(Math.min(...e!.particleCurve.concentrationsNgPerMl)).toBeGreaterThanOrEqual(p.troughNgPerMl - 1e-9)
  })

  it('the tailored dose gives the target\'s lower bound as trough in an independent run, and the free drug\'s dose by linear scaling', () => {
    const t = e!.doseForTrough!
    expect(t.doseMgPerKg).not.toBeNull()
    const again = exposureTargetResponse({ ...LN_TAC, context: { ...LN_TAC.context, dose: { mgPerKg: t.doseMgPerKg!, basis: 'drug' } } }, 'lupus-nephritis', r.response.horizonH, phys.engine, pk, false)!
    expect(Math.abs(again.particle.troughNgPerMl / 5 - 1)).toBeLessThan(0.005)
    const perMg = oralSteadyStateConcentrationMgPerL(pk, 1, pd.oralBioavailability.value, pd.absorptionRatePerH.value, 12, 12) * 1000
    expect(t.freeDrugDoseMgPer12H).toBeCloseTo(5 / perMg, 9)
    expect(t.freeDrug.troughNgPerMl).toBeCloseTo(5, 6)
  })

  it('more drug → higher trough (monotone in dose)', () => {
    const low = exposureTargetResponse({ ...LN_TAC, context: { ...LN_TAC.context, dose: { mgPerKg: 0.01, basis: 'drug' } } }, 'lupus-nephritis', r.response.horizonH, phys.engine, pk, false)!
    expect(low.particle.troughNgPerMl).toBeLessThan(e!.particle.troughNgPerMl)
  })
})

describe('where the exposure target does not apply', () => {
  it('a disease without a cited tacrolimus range: concentrations without a range, no dose search', () => {
    const ra = patient({ disease: 'rheumatoid-arthritis', activity: { scale: 'DAS28', value: 5.4 } })
    const r = simulatePatient(design(lupusDoc, { disease: 'rheumatoid-arthritis', dose: { mgPerKg: 0.05, basis: 'drug' } }), ra)
    const e = r.response.exposureTarget!
    expect(e.targetRange).toBeNull()
    expect(e.particle.fractionInRange).toBeNull()
    expect(e.doseForTrough).toBeNull()
    expect(e.notes.join(' ')).toMatch(/No cited tacrolimus trough target for rheumatoid arthritis: .*a range is cited for lupus nephritis\)/)
  })

  it('a glucocorticoid design has no exposureTarget key; a cohort run leaves it out', () => {
    const ra = patient({ disease: 'rheumatoid-arthritis', activity: { scale: 'DAS28', value: 5.4 } })
    expect('exposureTarget' in simulatePatient(design(raDoc, { dose: { mgPerKg: 0.1, basis: 'drug' } }), ra, { tailorDose: false }).response).toBe(false)
    expect('exposureTarget' in simulatePatient(LN_TAC, patient(), { tailorDose: false, exposureTarget: false }).response).toBe(false)
  })
})
