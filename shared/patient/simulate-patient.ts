/**
 * One design in one virtual patient (issue #15): the estimate of `nanoforge simulate` in the
 * patient's physiology, plus the response — exposure of the target and of the body to the
 * released drug, the same for the same dose of free drug, their ratios, and for
 * glucocorticoids the receptor occupancy (benefit), cortisol suppression (harm) and the dose
 * that reaches a stated occupancy.
 *
 * Exposure (free-drug/model.ts): all drug released by the horizon reaches blood (AUC = A/CL);
 * drug released inside the target adds A_T/Q_T to the target's unbound exposure. The free
 * drug is the same dose as an IV bolus. So, with f_rel the share of the dose released and
 * f_T the share released in the target:
 *   systemicExposureRatio = f_rel,   targetExposureRatio = f_rel + f_T · CL / Q_T.
 */
import { getDrug } from '../catalog/index'
import { DESIGN_LIMITS } from '../design/schema'
import type { Design } from '../design/types'
import { deriveProperties } from '../design/derived'
import { biodistributionInputFromDesign, resolveParameters, type PbpkAssumption } from '../engine/pbpk'
import { releaseHazard } from '../engine/release'
import { simulateDesign, type DesignSimulation } from '../engine/simulate'
import { FREE_DRUG_PK } from '../engine/free-drug/data'
import { freeDrugParameters, systemicAucMgHPerL, targetUnboundAucMgHPerL, type FreeDrugParameters } from '../engine/free-drug/model'
import { GLUCOCORTICOID_PD, mgPerLToNm, occupancy } from '../engine/free-drug/response'
import { EXPOSURE_TARGET_PD } from '../engine/free-drug/exposure-target'
import { exposureTargetResponse, type ExposureTargetResponse } from './exposure-target'
import { patientPhysiology, type PatientPhysiology } from './physiology'
import type { Patient } from './schema'

/** Exposure of one site to one way of giving the drug. */
export interface SiteExposure {
  /** Unbound AUC₀^∞ (target) or AUC₀^∞ in blood/plasma (systemic), mg·h/L. */
  readonly aucMgHPerL: number
  /** Unbound concentration averaged over the horizon, nM. */
  readonly meanUnboundNm: number
  /** Receptor occupancy (target) or cortisol suppression (systemic), 0-1; null without a PD model. */
  readonly effect: number | null
}

/** The target's exposure to the released drug and to the free drug. */
export interface TargetExposure {
  readonly kind: 'drug'
  readonly tissue: string
  /** Blood flow through the lesion in this patient, L/h (Q_T). */
  readonly bloodFlowLPerH: number
  readonly effectName: string | null
  readonly particle: SiteExposure
  readonly freeDrug: SiteExposure
}

/** Antigen delivered to the antigen-presenting compartments (tolerogenic designs). */
export interface AntigenDelivery {
  readonly kind: 'antigen'
  readonly tissue: string
  readonly particleAucPercentDoseH: number
  readonly antigenReleasedInApcPercentDose: number
}

/** The `response` block of `nanoforge simulate --patient`. */
export interface PatientResponse {
  readonly drug: string
  /** 'glucocorticoid' (occupancy + cortisol), 'exposure' (PK only), 'antigen' (APC delivery), 'none'. */
  readonly model: 'glucocorticoid' | 'exposure' | 'antigen' | 'none'
  /** The horizon the response counts (the estimate's, doubled while > 5 % of the dose is still in particles). */
  readonly horizonH: number
  /** Where the dose's drug is at the response's horizon, % of the drug dose. */
  readonly drugAtHorizon: {
    readonly releasedPercentDose: number
    readonly releasedInTargetPercentDose: number
    /** Still inside particles in the body, or left it inside them: counted for neither site. */
    readonly notReleasedPercentDose: number
  }
  readonly drugDoseMg: number
  readonly target: TargetExposure | AntigenDelivery | null
  readonly systemic: { readonly effectName: string | null; readonly particle: SiteExposure; readonly freeDrug: SiteExposure } | null
  readonly versusFreeDrug: {
    readonly targetExposureRatio: number | null
    readonly systemicExposureRatio: number | null
    /** Benefit (target occupancy) with particles ÷ with free drug. */
    readonly benefitRatio: number | null
    /** Harm (cortisol suppression) with particles ÷ with free drug. */
    readonly harmRatio: number | null
  }
  readonly freeDrugPk: FreeDrugParameters | null
  readonly doseForTarget: DoseForTarget | null
  /**
   * For a drug dosed to a whole-blood trough target (tacrolimus): steady-state trough, AUC and
   * time in the disease's cited range and above it, particles against oral free drug, and the
   * dose whose trough reaches the range's lower bound (exposure-target.ts). Absent otherwise.
   */
  readonly exposureTarget?: ExposureTargetResponse
  readonly notes: ReadonlyArray<string>
  readonly assumptions: ReadonlyArray<PbpkAssumption>
}

/** The dose that reaches a stated target occupancy. */
export interface DoseForTarget {
  readonly targetOccupancy: number
  /** In the design's dose basis (drug or particle mg/kg); null when not reachable within the design limits. */
  readonly doseMgPerKg: number | null
  readonly basis: 'drug' | 'particle'
  readonly drugDoseMg: number | null
  /** Cortisol suppression at that dose. */
  readonly systemicEffect: number | null
  /** Systemic AUC at that dose ÷ the free drug's usual dose over the same horizon. */
  readonly systemicExposureVsUsualFreeDose: number | null
  readonly usualFreeDoseMg: number
  readonly note: string
}

/** Options of {@link simulatePatient}. */
export interface SimulatePatientOptions {
  readonly hours?: number
  /** Target receptor occupancy for dose tailoring (glucocorticoids; default 0.5). */
  readonly targetOccupancy?: number
  /** Skip dose tailoring (a cohort does not need it). */
  readonly tailorDose?: boolean
  /**
   * The response's horizon, h, decided by the caller (a cohort decides it once for all its
   * patients: {@link responseHorizonH}). Absent: this patient's own (the doubling rule).
   * A value below `hours` counts as `hours`.
   */
  readonly responseHorizonH?: number
  /**
   * Compute the exposure-target block for a drug dosed to a trough target (default true). A
   * cohort leaves it out: its percentiles do not include it, and it costs one more PBPK run.
   */
  readonly exposureTarget?: boolean
}

/** Result of {@link simulatePatient}. */
export interface PatientSimulation extends DesignSimulation {
  readonly patient: Omit<PatientPhysiology, 'engine'>
  readonly response: PatientResponse
}

/** Why a design cannot be simulated in a patient (a sentence with the field). */
export class PatientDesignMismatch extends Error {
  constructor(readonly path: string, message: string) {
    super(message)
    this.name = 'PatientDesignMismatch'
  }
}

/** Checks that a design may run in a patient: human species, the patient's disease. */
export function checkDesignForPatient(design: Design, patient: Patient): void {
  if (design.context.species !== 'human') {
    throw new PatientDesignMismatch('context.species', `the design is for a ${design.context.species}; a virtual patient takes human designs only (set context.species to "human" to estimate it in a person)`)
  }
  if (design.context.disease !== patient.disease) {
    throw new PatientDesignMismatch('context.disease', `the design targets ${design.context.disease} but the patient has ${patient.disease}; give a design for the patient's disease`)
  }
}

/** Drug dose in mg for a body weight: drug basis mg/kg × BW, particle basis × loading. */
export function drugDoseMg(design: Design, bodyWeightKg: number): number {
  const { mgPerKg, basis } = design.context.dose
  return basis === 'drug' ? mgPerKg * bodyWeightKg : mgPerKg * bodyWeightKg * design.payload.loadingPctWw / 100
}

/**
 * Simulates `design` in `patient` (validated): the design's estimate in the patient's
 * physiology, the patient echoed, and the response against the free drug.
 */
export function simulatePatient(design: Design, patient: Patient, options: SimulatePatientOptions = {}): PatientSimulation {
  checkDesignForPatient(design, patient)
  const hours = options.hours ?? 72
  const phys = patientPhysiology(patient)
  const simulation = simulateDesign(design, { hours, individual: phys.engine })
  const counted = options.responseHorizonH === undefined
    ? responseSimulation(design, phys, simulation, hours)
    : fixedResponseSimulation(design, phys, simulation, hours, options.responseHorizonH)
  const s = counted.simulation.selectivity
  const drugAtHorizon = {
    releasedPercentDose: s.drugReleasedInTargetPercentDose + s.drugReleasedInBloodPercentDose + s.drugReleasedOffTargetPercentDose,
    releasedInTargetPercentDose: s.drugReleasedInTargetPercentDose,
    notReleasedPercentDose: s.drugRemainingInParticlesPercentDose + s.drugExcretedInParticlesPercentDose,
  }
  const counts = { ...responseOf(design, phys, counted.simulation, counted.hours, options), drugAtHorizon }
  const response: PatientResponse = counted.hours > hours
    ? { ...counts, notes: [`The response counts the drug released up to ${counted.hours} h: at the estimate's ${hours} h, ${simulation.selectivity.drugRemainingInParticlesPercentDose.toPrecision(3)} % of the dose was still inside particles, and the free drug's exposure is counted to its end.`, ...counts.notes] }
    : counts
  const { engine: _engine, ...echo } = phys
  return { ...simulation, patient: echo, response }
}

/** Longest horizon the response extends to (30 days). */
export const RESPONSE_MAX_HORIZON_H = 720
/** Share of the dose that may still be inside particles when the response's horizon ends, %. */
export const RESPONSE_REMAINING_PERCENT = 5

/**
 * The simulation the response counts. The free drug's exposure is an AUC to infinity, so the
 * particles' side must count (nearly) all of their drug too: drug still inside particles at the
 * horizon would otherwise count for neither site, and a slow carrier would read as a loss against
 * free drug only because the horizon ended (a DPPC/cholesterol PEG-liposome of prednisolone,
 * 1 mg/kg, in the example RA patient: target ratio 0.53 at 72 h, 0.94 at 168 h, 1.16 at 336 h,
 * 1.21 at the 576 h this rule reaches; the README's figures are checked by response.test.ts). The horizon doubles from
 * the estimate's until at most 5 % of the dose is still inside particles, or 30 days.
 */
function responseSimulation(design: Design, phys: PatientPhysiology, simulation: DesignSimulation, hours: number): { simulation: DesignSimulation; hours: number } {
  let sim = simulation
  let h = hours
  while (sim.selectivity.drugRemainingInParticlesPercentDose > RESPONSE_REMAINING_PERCENT && h < RESPONSE_MAX_HORIZON_H) {
    h = Math.min(RESPONSE_MAX_HORIZON_H, h * 2)
    sim = simulateDesign(design, { hours: h, individual: phys.engine })
  }
  return { simulation: sim, hours: h }
}

/** The simulation the response counts at a horizon decided by the caller (at least the estimate's). */
function fixedResponseSimulation(design: Design, phys: PatientPhysiology, simulation: DesignSimulation, hours: number, responseHorizonH: number): { simulation: DesignSimulation; hours: number } {
  if (!(responseHorizonH > 0) || responseHorizonH > RESPONSE_MAX_HORIZON_H) {
    throw new Error(`simulatePatient: responseHorizonH must be > 0 and ≤ ${RESPONSE_MAX_HORIZON_H} h, got ${responseHorizonH}`)
  }
  if (responseHorizonH <= hours) return { simulation, hours }
  return { simulation: simulateDesign(design, { hours: responseHorizonH, individual: phys.engine }), hours: responseHorizonH }
}

/**
 * The response horizon of `design` in `patient` by the doubling rule ({@link responseSimulation}):
 * the estimate's `hours`, doubled while more than 5 % of the dose is still inside particles, at
 * most 30 days. A cohort takes it once, in its typical patient, so every patient's response
 * counts the same hours and the rows do not depend on how the patients are split.
 */
export function responseHorizonH(design: Design, patient: Patient, hours: number): number {
  checkDesignForPatient(design, patient)
  const phys = patientPhysiology(patient)
  return responseSimulation(design, phys, simulateDesign(design, { hours, individual: phys.engine }), hours).hours
}

/** The lesion's blood flow in this patient, L/h (null without a lesion target). */
function targetBloodFlowLPerH(design: Design, phys: PatientPhysiology): number | null {
  const input = { ...biodistributionInputFromDesign(design, deriveProperties(design), releaseHazard(design)), bodyWeightKg: phys.engine.bodyWeightKg, physiology: phys.engine.physiology }
  const { params } = resolveParameters(input)
  return params.targetIndex >= 0 ? params.compartments[params.targetIndex]!.flowLPerH : null
}

function responseOf(design: Design, phys: PatientPhysiology, sim: DesignSimulation, hours: number, options: SimulatePatientOptions): Omit<PatientResponse, 'drugAtHorizon'> {
  const drugId = design.payload.drug
  const drug = getDrug(drugId)
  const doseMg = drugDoseMg(design, phys.bodyWeightKg)
  const s = sim.selectivity
  const empty = { targetExposureRatio: null, systemicExposureRatio: null, benefitRatio: null, harmRatio: null }
  if (drug.isAntigen || design.context.goal === 'tolerize') {
    return {
      drug: drugId, model: 'antigen', horizonH: hours, drugDoseMg: doseMg,
      target: {
        kind: 'antigen',
        tissue: s.targetTissue ?? 'spleen+liver-apc',
        particleAucPercentDoseH: s.targetAucPercentDoseH,
        antigenReleasedInApcPercentDose: s.drugReleasedInTargetPercentDose,
      },
      systemic: null, versusFreeDrug: empty, freeDrugPk: null, doseForTarget: null,
      notes: ['Antigen delivered to the antigen-presenting compartments (spleen and liver phagocytes) is reported for the particles; free antigen\'s uptake by those cells has no cited model here, so no ratio and no efficacy number are given.'],
      assumptions: [],
    }
  }
  const pk = freeDrugParameters(drugId, { bodyWeightKg: phys.bodyWeightKg, gfrMlPerMin: phys.gfrMlPerMin })
  if (!pk) {
    return {
      drug: drugId, model: 'none', horizonH: hours, drugDoseMg: doseMg, target: null, systemic: null, versusFreeDrug: empty,
      freeDrugPk: null, doseForTarget: null,
      notes: [`${drug.name} has no free-drug pharmacokinetics in the catalog (FREE_DRUG_PK: ${Object.keys(FREE_DRUG_PK).join(', ')}); no comparison is made.`],
      assumptions: [],
    }
  }
  const pd = GLUCOCORTICOID_PD[drugId]
  const mw = drug.molecularWeightDa.value
  const qT = targetBloodFlowLPerH(design, phys)
  const exposures = exposuresAt(pk, s, doseMg, qT)
  const mean = (aucMgHPerL: number, unbound: boolean): number => mgPerLToNm(aucMgHPerL * (unbound ? 1 : pk.fractionUnbound) / hours, mw)
  const site = (auc: number, unbound: boolean): SiteExposure => {
    const c = mean(auc, unbound)
    return { aucMgHPerL: auc, meanUnboundNm: c, effect: pd ? occupancy(c, pd.receptorKdNm.value) : null }
  }
  const sysParticle = site(exposures.systemicParticle, false)
  const sysFree = site(exposures.systemicFree, false)
  const tParticle = exposures.targetParticle === null ? null : site(exposures.targetParticle, true)
  const tFree = exposures.targetFree === null ? null : site(exposures.targetFree, true)
  const ratio = (a: number | null | undefined, b: number | null | undefined): number | null => (a == null || b == null || b === 0 ? null : a / b)
  const d = FREE_DRUG_PK[drugId]!
  const assumptions: PbpkAssumption[] = [
    { id: `freeDrug.${drugId}.clearance`, description: `Free ${drug.name}: clearance ${pk.clearanceLPerH.toFixed(2)} L/h in this patient (size^0.75 non-renal, GFR renal share ${d.fractionExcretedUnchanged.value})`, value: pk.clearanceLPerH, unit: 'L/h', source: d.clearanceLPerHPerKg.source, evidence: d.clearanceLPerHPerKg.evidence },
    { id: `freeDrug.${drugId}.fractionUnbound`, description: `Fraction unbound in ${pk.matrix}`, value: pk.fractionUnbound, unit: '', source: d.fractionUnbound.source, evidence: d.fractionUnbound.evidence },
    { id: 'response.averagedExposure', description: `Effects from the unbound concentration averaged over the ${hours} h horizon (AUC / τ), for particles and free drug alike; AUCs to infinity of the drug released by the horizon; blood:plasma ratio 1`, source: 'NanoForge estimate', evidence: 'U' },
  ]
  if (pd) {
    assumptions.push({ id: `pd.${drugId}.receptorKd`, description: `${drug.name}: receptor occupancy and cortisol suppression with K_D = IC50 = ${pd.receptorKdNm.value.toPrecision(3)} nM (unbound)`, value: pd.receptorKdNm.value, unit: 'nM', source: pd.receptorKdNm.source, evidence: pd.receptorKdNm.evidence })
  }
  const notes: string[] = []
  if (qT === null) notes.push('No lesion target in this context (healthy or no target organ): only systemic exposure is compared.')
  if (!pd) notes.push(`${drug.name} has no cited local exposure-response model here: exposures and their ratios only, no effect number${EXPOSURE_TARGET_PD[drugId] ? ' (its whole-blood trough target is compared separately)' : ''}.`)
  const exposureTarget = options.exposureTarget === false ? null : exposureTargetResponse(design, design.context.disease, hours, phys.engine, pk, options.tailorDose !== false)
  const doseForTarget = pd && qT !== null && options.tailorDose !== false
    ? tailorDose(design, phys, pk, qT, hours, options.targetOccupancy ?? 0.5, pd.receptorKdNm.value, pd.usualDailyDoseMg.value, mw)
    : null
  return {
    drug: drugId, model: pd ? 'glucocorticoid' : 'exposure', horizonH: hours, drugDoseMg: doseMg,
    target: tParticle && tFree && qT !== null && s.targetTissue !== null
      ? { kind: 'drug', tissue: s.targetTissue, bloodFlowLPerH: qT, effectName: pd ? 'receptor occupancy' : null, particle: tParticle, freeDrug: tFree }
      : null,
    systemic: { effectName: pd ? 'cortisol suppression' : null, particle: sysParticle, freeDrug: sysFree },
    versusFreeDrug: {
      targetExposureRatio: ratio(tParticle?.aucMgHPerL, tFree?.aucMgHPerL),
      systemicExposureRatio: ratio(sysParticle.aucMgHPerL, sysFree.aucMgHPerL),
      benefitRatio: ratio(tParticle?.effect, tFree?.effect),
      harmRatio: ratio(sysParticle.effect, sysFree.effect),
    },
    freeDrugPk: pk,
    doseForTarget,
    ...(exposureTarget ? { exposureTarget } : {}),
    notes,
    assumptions,
  }
}

interface Exposures {
  readonly systemicParticle: number
  readonly systemicFree: number
  readonly targetParticle: number | null
  readonly targetFree: number | null
}

/** AUCs (mg·h/L) of the particle's released drug and of the same dose of free drug. */
function exposuresAt(pk: FreeDrugParameters, s: DesignSimulation['selectivity'], doseMg: number, qT: number | null): Exposures {
  const releasedMg = doseMg * (s.drugReleasedInTargetPercentDose + s.drugReleasedInBloodPercentDose + s.drugReleasedOffTargetPercentDose) / 100
  const localMg = doseMg * s.drugReleasedInTargetPercentDose / 100
  return {
    systemicParticle: systemicAucMgHPerL(pk, releasedMg),
    systemicFree: systemicAucMgHPerL(pk, doseMg),
    targetParticle: qT === null ? null : targetUnboundAucMgHPerL(pk, localMg, releasedMg, qT),
    targetFree: qT === null ? null : targetUnboundAucMgHPerL(pk, 0, doseMg, qT),
  }
}

/**
 * The dose (design basis, mg/kg) at which the target occupancy reaches `targetOccupancy`:
 * bisection in log dose, each step a full simulation (particle uptake saturates, so exposure
 * is not proportional to dose). Occupancy rises with dose; 40 halvings of the log range give
 * the dose to < 0.1 %.
 */
function tailorDose(design: Design, phys: PatientPhysiology, pk: FreeDrugParameters, qT: number, hours: number, targetRo: number, kdNm: number, usualDailyMg: number, mw: number): DoseForTarget {
  const basis = design.context.dose.basis
  const usualFreeDoseMg = usualDailyMg * hours / 24
  const roAt = (mgPerKg: number): { ro: number; sysAuc: number; doseMg: number } => {
    const d: Design = { ...design, context: { ...design.context, dose: { ...design.context.dose, mgPerKg } } }
    const sim = simulateDesign(d, { hours, individual: phys.engine })
    const doseMg = drugDoseMg(d, phys.bodyWeightKg)
    const e = exposuresAt(pk, sim.selectivity, doseMg, qT)
    return { ro: occupancy(mgPerLToNm(e.targetParticle! / hours, mw), kdNm), sysAuc: e.systemicParticle, doseMg }
  }
  const maxDose = DESIGN_LIMITS.doseMgPerKg.max
  const minDose = 1e-6
  const top = roAt(maxDose)
  const base = { targetOccupancy: targetRo, basis, usualFreeDoseMg }
  if (top.ro < targetRo) {
    return { ...base, doseMgPerKg: null, drugDoseMg: null, systemicEffect: null, systemicExposureVsUsualFreeDose: null, note: `Not reached: ${(100 * top.ro).toFixed(1)} % occupancy at the highest dose the design format allows (${maxDose} mg/kg).` }
  }
  let lo = Math.log(minDose)
  let hi = Math.log(maxDose)
  for (let i = 0; i < 40 && hi - lo > 1e-4; i++) {
    const mid = (lo + hi) / 2
    if (roAt(Math.exp(mid)).ro < targetRo) lo = mid
    else hi = mid
  }
  const dose = Math.exp(hi)
  const at = roAt(dose)
  const usualAuc = systemicAucMgHPerL(pk, usualFreeDoseMg)
  return {
    ...base, doseMgPerKg: dose, drugDoseMg: at.doseMg,
    systemicEffect: occupancy(mgPerLToNm(at.sysAuc * pk.fractionUnbound / hours, mw), kdNm),
    systemicExposureVsUsualFreeDose: at.sysAuc / usualAuc,
    note: `Dose for ${(100 * targetRo).toFixed(0)} % receptor occupancy in the target over ${hours} h; compared with ${usualFreeDoseMg.toPrecision(3)} mg of free drug (the usual daily dose over ${hours} h).`,
  }
}
