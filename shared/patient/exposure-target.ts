/**
 * The exposure-target response of a virtual patient (issue #15) for a drug dosed to a trough
 * target (tacrolimus): the whole-blood concentration of the particles' released drug at steady
 * state, its trough, AUC and time in the disease's cited target range and above it, against
 * the same dose of free drug given by mouth twice a day, and the particle dose whose trough
 * reaches the range's lower bound. The science is in shared/engine/free-drug/exposure-target.ts
 * (equations and sources); this file assembles it for one patient.
 *
 * Regimens compared (both at steady state):
 * - particles: the design's dose D repeated every H h, H = the response's horizon (by then
 *   ≥ 95 % of the drug has left the particles, so the dose is spent);
 * - free drug: the same amount per H h, by mouth every 12 h (D·12/H a dose), F and k_a cited.
 * So the mean-concentration ratio is f_rel/F (f_rel the share released by H): particles given
 * intravenously skip the oral first pass; the trough ratio also carries the particles' longer
 * interval.
 */
import type { Cited } from '../catalog/cited'
import type { DiseaseId, DrugId } from '../catalog/ids'
import { lowerFirst, optionLabel } from '../design/fields'
import { DESIGN_LIMITS } from '../design/schema'
import type { Design } from '../design/types'
import type { IndividualPhysiology } from '../engine/pbpk'
import {
  EXPOSURE_TARGET_PD, concentrationFromReleaseMgPerL, intervalExposure, oralSteadyStateCurve, oralSteadyStateConcentrationMgPerL,
  steadyStateOfRepeatedDose, type ConcentrationCurve, type IntervalExposure,
} from '../engine/free-drug/exposure-target'
import type { FreeDrugParameters } from '../engine/free-drug/model'
import { releasedDrugTimeCourse } from '../engine/free-drug/released'

/** The particle dose whose steady-state trough reaches the target range's lower bound. */
export interface DoseForTrough {
  readonly troughTargetNgPerMl: number
  /** In the design's dose basis (drug or particle mg/kg) every `intervalH`; null when not reached within the design limits. */
  readonly doseMgPerKg: number | null
  readonly basis: 'drug' | 'particle'
  readonly drugDoseMg: number | null
  readonly intervalH: number
  /** The particles' exposure at that dose (null when not reached). */
  readonly particle: IntervalExposure | null
  /** The free drug's oral dose every 12 h whose trough is the same bound, and its exposure. */
  readonly freeDrugDoseMgPer12H: number
  readonly freeDrug: IntervalExposure
  /** Mean whole-blood concentration with particles at their dose ÷ free drug at its dose (both reaching the bound). */
  readonly meanConcentrationVsFreeDrug: number | null
  readonly note: string
}

/** The `response.exposureTarget` block of `simulate --patient`. */
export interface ExposureTargetResponse {
  readonly drug: DrugId
  readonly matrix: 'blood' | 'plasma'
  /** The disease's trough target range (null: none cited for this disease) and the toxicity threshold, with sources. */
  readonly targetRange: { readonly lowNgPerMl: number; readonly highNgPerMl: number; readonly low: Cited; readonly high: Cited } | null
  readonly toxicityThresholdNgPerMl: number
  readonly toxicityThreshold: Cited
  readonly particle: IntervalExposure & { readonly regimen: string; readonly drugDoseMg: number }
  readonly freeDrug: IntervalExposure & { readonly regimen: string; readonly doseMgPer12H: number; readonly bioavailability: number }
  readonly versusFreeDrug: {
    /** Particle trough ÷ free-drug trough (steady state). */
    readonly troughRatio: number | null
    /** Particle mean concentration ÷ free-drug mean concentration (= AUC per hour). */
    readonly meanConcentrationRatio: number | null
  }
  /** The particles' steady-state whole-blood curve over one interval at the engine's output times, ng/mL. */
  readonly particleCurve: { readonly timesH: ReadonlyArray<number>; readonly concentrationsNgPerMl: ReadonlyArray<number> }
  readonly doseForTrough: DoseForTrough | null
  readonly notes: ReadonlyArray<string>
}

/** Whether a drug is dosed to a concentration target (has an exposure-target model). */
export function hasExposureTarget(drug: DrugId): boolean {
  return EXPOSURE_TARGET_PD[drug] !== undefined
}

function drugDoseMgAt(design: Design, mgPerKg: number, bodyWeightKg: number): number {
  const basis = design.context.dose.basis
  return basis === 'drug' ? mgPerKg * bodyWeightKg : mgPerKg * bodyWeightKg * design.payload.loadingPctWw / 100
}

/** The particles' steady-state curve at a design dose (mg/kg in the design's basis), H h apart. */
function particleSteadyState(design: Design, mgPerKg: number, hours: number, individual: { readonly bodyWeightKg: number; readonly physiology: IndividualPhysiology }, pk: FreeDrugParameters): { curve: ConcentrationCurve; outputIndex: ReadonlyArray<number>; drugDoseMg: number; releasedPercentDose: number } {
  const d: Design = mgPerKg === design.context.dose.mgPerKg ? design : { ...design, context: { ...design.context, dose: { ...design.context.dose, mgPerKg } } }
  const course = releasedDrugTimeCourse(d, hours, individual)
  const drugDoseMg = drugDoseMgAt(design, mgPerKg, individual.bodyWeightKg)
  const cumulativeMg = course.releasedPercentDose.map((p) => p / 100 * drugDoseMg)
  const single = concentrationFromReleaseMgPerL(pk, course.timesH, cumulativeMg)
  const curve = steadyStateOfRepeatedDose(single, pk.eliminationRatePerH)
  // the refined grid holds every output time: find them for the reported curve
  const outputIndex: number[] = []
  let j = 0
  for (const t of course.timesH) {
    while (j < curve.timesH.length - 1 && curve.timesH[j]! < t - 1e-9) j++
    outputIndex.push(j)
  }
  return { curve, outputIndex, drugDoseMg, releasedPercentDose: course.releasedPercentDose[course.releasedPercentDose.length - 1]! }
}

/**
 * The exposure-target response of `design` in a patient (`individual`, `pk` of that patient),
 * counting `hours` (the response's horizon), or null when the drug has no exposure target.
 * `tailorDose` false skips the dose search (a cohort does not need it).
 */
export function exposureTargetResponse(design: Design, disease: DiseaseId, hours: number, individual: { readonly bodyWeightKg: number; readonly physiology: IndividualPhysiology }, pk: FreeDrugParameters, tailorDose = true): ExposureTargetResponse | null {
  const drug = design.payload.drug
  const pd = EXPOSURE_TARGET_PD[drug]
  if (!pd) return null
  const target = pd.troughTargets[disease]
  const range = target ? { lowNgPerMl: target.lowNgPerMl.value, highNgPerMl: target.highNgPerMl.value } : null
  const tox = pd.toxicityThresholdNgPerMl.value
  const f = pd.oralBioavailability.value
  const ka = pd.absorptionRatePerH.value
  const tauFree = pd.freeDrugIntervalH.value

  const at = particleSteadyState(design, design.context.dose.mgPerKg, hours, individual, pk)
  const particle = intervalExposure(at.curve, range, tox)
  const freeDoseMgPer12H = at.drugDoseMg * tauFree / hours
  const freeCurve = oralSteadyStateCurve(pk, freeDoseMgPer12H, f, ka, tauFree)
  const freeDrug = intervalExposure(freeCurve, range, tox)
  const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null)

  const notes: string[] = [
    `Steady state: the particles' dose every ${hours} h (the response's horizon: it ends when no more than 5 % of the dose is still inside particles, or at 30 days) against the same amount of free drug by mouth every ${tauFree} h (F = ${f}); whole-blood concentrations from the one-compartment free-drug model of this patient (CL ${pk.clearanceLPerH.toFixed(2)} L/h, V ${pk.volumeL.toFixed(0)} L).`,
    'Trough and time in range describe exposure only: no efficacy number is derived from them.',
  ]
  if (at.releasedPercentDose < 95) {
    notes.push(`Only ${at.releasedPercentDose.toPrecision(3)} % of the dose is released by ${hours} h: the drug still inside particles when the next dose is given is not counted, so the particles' concentrations are understated.`)
  }
  if (!range) {
    const cited = (Object.keys(pd.troughTargets) as DiseaseId[]).map((d) => lowerFirst(optionLabel('context.disease', d))).join(', ')
    notes.push(`No cited ${drug} trough target for ${lowerFirst(optionLabel('context.disease', disease))}: concentrations, trough and AUC are given without a range (a range is cited for ${cited}).`)
  }

  let doseForTrough: DoseForTrough | null = null
  if (range && tailorDose) doseForTrough = tailorToTrough(design, hours, individual, pk, range.lowNgPerMl, range, tox)
  else if (range) notes.push('Dose for the trough target not searched (cohort).')

  return {
    drug, matrix: pk.matrix,
    targetRange: target && range ? { ...range, low: target.lowNgPerMl, high: target.highNgPerMl } : null,
    toxicityThresholdNgPerMl: tox, toxicityThreshold: pd.toxicityThresholdNgPerMl,
    particle: { ...particle, regimen: `${design.context.dose.mgPerKg} mg/kg (${design.context.dose.basis}) every ${hours} h`, drugDoseMg: at.drugDoseMg },
    freeDrug: { ...freeDrug, regimen: `${freeDoseMgPer12H.toPrecision(3)} mg by mouth every ${tauFree} h`, doseMgPer12H: freeDoseMgPer12H, bioavailability: f },
    versusFreeDrug: { troughRatio: ratio(particle.troughNgPerMl, freeDrug.troughNgPerMl), meanConcentrationRatio: ratio(particle.meanNgPerMl, freeDrug.meanNgPerMl) },
    particleCurve: { timesH: at.outputIndex.map((i) => at.curve.timesH[i]!), concentrationsNgPerMl: at.outputIndex.map((i) => at.curve.concentrationsMgPerL[i]! * 1000) },
    doseForTrough,
    notes,
  }
}

/**
 * The design dose (its basis, mg/kg, every `hours`) whose steady-state trough reaches `troughNgPerMl`:
 * bisection in log dose, each step a PBPK run (uptake saturates, so release is not exactly
 * proportional to dose); the trough rises with dose. The free drug's dose for the same trough
 * is exact (linear: the oral curve scales with the dose).
 */
function tailorToTrough(design: Design, hours: number, individual: { readonly bodyWeightKg: number; readonly physiology: IndividualPhysiology }, pk: FreeDrugParameters, troughNgPerMl: number, range: { readonly lowNgPerMl: number; readonly highNgPerMl: number }, tox: number): DoseForTrough {
  const pd = EXPOSURE_TARGET_PD[design.payload.drug]!
  const f = pd.oralBioavailability.value
  const ka = pd.absorptionRatePerH.value
  const tauFree = pd.freeDrugIntervalH.value
  // oral steady state: the trough is at the dose time (C(0) = C(τ)); per mg of dose
  const freeTroughPerMgNgPerMl = oralSteadyStateConcentrationMgPerL(pk, 1, f, ka, tauFree, 0) * 1000
  const freeDrugDoseMgPer12H = troughNgPerMl / freeTroughPerMgNgPerMl
  const freeDrug = intervalExposure(oralSteadyStateCurve(pk, freeDrugDoseMgPer12H, f, ka, tauFree), range, tox)
  const basis = design.context.dose.basis
  const troughAt = (mgPerKg: number): { exposure: IntervalExposure; drugDoseMg: number } => {
    const s = particleSteadyState(design, mgPerKg, hours, individual, pk)
    return { exposure: intervalExposure(s.curve, range, tox), drugDoseMg: s.drugDoseMg }
  }
  const maxDose = DESIGN_LIMITS.doseMgPerKg.max
  const top = troughAt(maxDose)
  const base = { troughTargetNgPerMl: troughNgPerMl, basis, intervalH: hours, freeDrugDoseMgPer12H, freeDrug }
  if (top.exposure.troughNgPerMl < troughNgPerMl) {
    return { ...base, doseMgPerKg: null, drugDoseMg: null, particle: null, meanConcentrationVsFreeDrug: null, note: `Not reached: trough ${top.exposure.troughNgPerMl.toPrecision(3)} ng/mL at the highest dose the design format allows (${maxDose} mg/kg every ${hours} h).` }
  }
  let lo = Math.log(1e-6)
  let hi = Math.log(maxDose)
  for (let i = 0; i < 40 && hi - lo > 1e-4; i++) {
    const mid = (lo + hi) / 2
    if (troughAt(Math.exp(mid)).exposure.troughNgPerMl < troughNgPerMl) lo = mid
    else hi = mid
  }
  const dose = Math.exp(hi)
  const at = troughAt(dose)
  return {
    ...base, doseMgPerKg: dose, drugDoseMg: at.drugDoseMg, particle: at.exposure,
    meanConcentrationVsFreeDrug: freeDrug.meanNgPerMl > 0 ? at.exposure.meanNgPerMl / freeDrug.meanNgPerMl : null,
    note: `Dose every ${hours} h whose steady-state trough is the target's lower bound (${troughNgPerMl} ng/mL); the free drug reaches the same trough with ${freeDrugDoseMgPer12H.toPrecision(3)} mg by mouth every ${tauFree} h.`,
  }
}
