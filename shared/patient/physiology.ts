/**
 * A virtual patient's physiology (issue #15): sex, age, weight, height, eGFR and disease
 * activity → the organ volumes, cardiac output, GFR and lesion activity the PBPK model uses
 * (shared/engine/pbpk IndividualPhysiology).
 *
 * Why ratios to a reference: the engine's reference human (resources/catalog/pbpk.json,
 * species.human, Brown 1997's 70 kg reference man) fixes the level of every organ; published
 * anthropometric relations fix how an individual differs from that reference. An organ of the
 * patient is V_ref × g(patient) / g(reference patient), so the reference patient reproduces
 * the engine's reference human exactly (ratio 1), and a patient inherits the catalog's
 * citations for the level and the relation's for the change.
 *
 * The relations are the lean-body-weight scaling of Huisinga W, Solms A, Fronton L, Pilari S
 * 2012, CPT Pharmacometrics Syst Pharmacol 1:e4, doi:10.1038/psp.2012.4 (published MATLAB
 * code, function scaling_LBW): adipose = BW − LBW; skin ∝ body surface area; brain unchanged;
 * every other organ, total blood and cardiac output × SF = (LBW − skin − brain) /
 * (LBW_ref − skin_ref − brain_ref); fractions of cardiac output unchanged. Adipose, bone and the
 * rest fall into the engine's rest of body, which takes the difference as for the reference.
 */
import type { Cited } from '../catalog/cited'
import type { DiseaseId } from '../catalog/ids'
import { PBPK_DATA } from '../engine/pbpk/data'
import type { IndividualPhysiology, PbpkAssumption } from '../engine/pbpk/types'
import { ACTIVITY_SCALES, activityScaleOf, lesionActivityScale } from './activity'
import type { Patient } from './schema'

/** Du Bois body surface area, m²: 0.007184 · W^0.425 · H^0.725 (W kg, H cm). */
export const DU_BOIS: { readonly coefficient: Cited; readonly weightExponent: Cited; readonly heightExponent: Cited } = {
  coefficient: { value: 0.007184, unit: 'm²/(kg^0.425·cm^0.725)', source: 'Du Bois D, Du Bois EF 1916, Arch Intern Med 17:863, doi:10.1001/archinte.1916.00080130010002 (recalled, not re-read)', evidence: 'U' },
  weightExponent: { value: 0.425, unit: '', source: 'Du Bois D, Du Bois EF 1916, Arch Intern Med 17:863 (recalled, not re-read)', evidence: 'U' },
  heightExponent: { value: 0.725, unit: '', source: 'Du Bois D, Du Bois EF 1916, Arch Intern Med 17:863 (recalled, not re-read)', evidence: 'U' },
}

/** Body surface area, m² (Du Bois 1916). */
export function bodySurfaceAreaM2(bodyWeightKg: number, heightCm: number): number {
  return DU_BOIS.coefficient.value * Math.pow(bodyWeightKg, DU_BOIS.weightExponent.value) * Math.pow(heightCm, DU_BOIS.heightExponent.value)
}

/**
 * Lean body weight, kg (Janmahasatian S et al. 2005): LBW = 9270·W / (A + B·BMI), A, B = 6680,
 * 216 for men and 8780, 244 for women, BMI in kg/m².
 */
export const JANMAHASATIAN: Readonly<Record<'male' | 'female', { readonly a: Cited; readonly b: Cited }>> & { readonly numerator: Cited } = {
  numerator: { value: 9270, unit: 'kg/m² … (formula constant)', source: 'Janmahasatian S, Duffull SB, Ash S, Ward LC, Byrne NM, Green B 2005, Clin Pharmacokinet 44:1051, doi:10.2165/00003088-200544100-00004 (recalled, not re-read)', evidence: 'U' },
  male: {
    a: { value: 6680, unit: 'kg/m²', source: 'Janmahasatian S et al. 2005, Clin Pharmacokinet 44:1051 (men; recalled, not re-read)', evidence: 'U' },
    b: { value: 216, unit: '', source: 'Janmahasatian S et al. 2005, Clin Pharmacokinet 44:1051 (men; recalled, not re-read)', evidence: 'U' },
  },
  female: {
    a: { value: 8780, unit: 'kg/m²', source: 'Janmahasatian S et al. 2005, Clin Pharmacokinet 44:1051 (women; recalled, not re-read)', evidence: 'U' },
    b: { value: 244, unit: '', source: 'Janmahasatian S et al. 2005, Clin Pharmacokinet 44:1051 (women; recalled, not re-read)', evidence: 'U' },
  },
}

/** Body-mass index, kg/m². */
export function bodyMassIndex(bodyWeightKg: number, heightCm: number): number {
  const hM = heightCm / 100
  return bodyWeightKg / (hM * hM)
}

/** Lean body weight, kg (Janmahasatian 2005). */
export function leanBodyWeightKg(sex: 'male' | 'female', bodyWeightKg: number, heightCm: number): number {
  const c = JANMAHASATIAN[sex]
  return JANMAHASATIAN.numerator.value * bodyWeightKg / (c.a.value + c.b.value * bodyMassIndex(bodyWeightKg, heightCm))
}

/**
 * eGFR as the laboratory reports it (CKD-EPI, mL/min per 1.73 m²) → absolute GFR, mL/min:
 * GFR = eGFR × BSA / 1.73, the de-indexing recommended for drug dosing (KDIGO 2012 CKD
 * guideline, Kidney Int Suppl 3:1, recommendation 4.4.1; recalled, not re-read).
 */
export const EGFR_INDEX_BSA_M2: Cited = { value: 1.73, unit: 'm²', source: 'Levey AS et al. 2009, Ann Intern Med 150:604, doi:10.7326/0003-4819-150-9-200905050-00006 (CKD-EPI reports eGFR per 1.73 m²)', evidence: 'U' }

/** Absolute GFR, mL/min, from an eGFR per 1.73 m² and the body surface area. */
export function absoluteGfrMlPerMin(egfrMlPerMinPer173M2: number, bsaM2: number): number {
  return egfrMlPerMinPer173M2 * bsaM2 / EGFR_INDEX_BSA_M2.value
}

/** The engine's reference human as a patient: sex, height and age (body weight and GFR from pbpk.json). */
export const REFERENCE_PATIENT_ANTHROPOMETRY: { readonly sex: 'male'; readonly heightCm: Cited; readonly ageY: Cited } = {
  sex: 'male',
  heightCm: { value: 176, unit: 'cm', source: 'ICRP 2002, Publication 89, Ann ICRP 32(3-4), reference adult male height 176 cm (recalled, not re-read); paired with the engine\'s 70 kg (Brown RP et al. 1997, Toxicol Ind Health 13:407)', evidence: 'U' },
  ageY: { value: 35, unit: 'y', source: 'Reference adult male of 35 y (Huisinga W et al. 2012 published code, physiology "human35m", from ICRP 89)', evidence: 'C' },
}

type VolumeKey = keyof IndividualPhysiology['volumeFractions']

const HUMAN = PBPK_DATA.species.human
/** Reference body weight, kg (the engine's). */
export const REFERENCE_BODY_WEIGHT_KG = HUMAN.bodyWeightKg.value
/** Reference absolute GFR, L/h: gfrCoefficient · BW^0.75 as the engine computes it. */
export const REFERENCE_GFR_L_PER_H = HUMAN.gfrCoefficient.value * Math.pow(REFERENCE_BODY_WEIGHT_KG, 0.75)
/** Reference cardiac output, L/h: QCC · BW^0.75 as the engine computes it. */
export const REFERENCE_CARDIAC_OUTPUT_L_PER_H = HUMAN.cardiacOutputCoefficient.value * Math.pow(REFERENCE_BODY_WEIGHT_KG, 0.75)
const REFERENCE_BSA_M2 = bodySurfaceAreaM2(REFERENCE_BODY_WEIGHT_KG, REFERENCE_PATIENT_ANTHROPOMETRY.heightCm.value)
/**
 * The reference patient's eGFR, mL/min per 1.73 m² [D]: the engine's GFR (0.31 L/h/kg^0.75 ×
 * 70^0.75 = 7.50 L/h = 125 mL/min) indexed to 1.73 m² with the reference BSA (1.86 m²): 117.
 */
export const REFERENCE_EGFR_ML_PER_MIN_PER_173M2 = REFERENCE_GFR_L_PER_H * 1000 / 60 * EGFR_INDEX_BSA_M2.value / REFERENCE_BSA_M2

/** Organ volume of the reference human, L (volume fraction × 70 kg, density 1). */
function referenceVolumeL(key: VolumeKey): number {
  return HUMAN.volumeFractions[key].value * REFERENCE_BODY_WEIGHT_KG
}

/** Huisinga 2012's tissue scaling factor numerator: LBW − skin − brain, kg. */
function scaledTissueMassKg(lbwKg: number, skinKg: number, brainKg: number): number {
  return lbwKg - skinKg - brainKg
}

const REFERENCE_LBW_KG = leanBodyWeightKg('male', REFERENCE_BODY_WEIGHT_KG, REFERENCE_PATIENT_ANTHROPOMETRY.heightCm.value)
const REFERENCE_TISSUE_KG = scaledTissueMassKg(REFERENCE_LBW_KG, referenceVolumeL('skin'), referenceVolumeL('brain'))

/** A patient's physiology: what the engine uses, and what the CLI echoes under `patient`. */
export interface PatientPhysiology {
  readonly sex: 'male' | 'female'
  readonly ageY: number
  readonly bodyWeightKg: number
  readonly heightCm: number
  readonly disease: DiseaseId
  readonly activity: { readonly scale: string; readonly value: number }
  readonly bodyMassIndexKgPerM2: number
  readonly bodySurfaceAreaM2: number
  readonly leanBodyWeightKg: number
  /** Huisinga 2012's scaling factor of organs (other than skin and brain), blood and cardiac output. */
  readonly tissueScale: number
  readonly egfrMlPerMinPer173M2: number
  readonly gfrMlPerMin: number
  readonly cardiacOutputLPerMin: number
  readonly organVolumesL: Readonly<Record<VolumeKey | 'rest', number>>
  /** What the PBPK model takes (simulateDesign's `individual`). */
  readonly engine: { readonly bodyWeightKg: number; readonly physiology: IndividualPhysiology }
  readonly assumptions: ReadonlyArray<PbpkAssumption>
}

const cite = (id: string, description: string, c: Cited, value = c.value): PbpkAssumption => ({ id, description, value, unit: c.unit, source: c.source, evidence: c.evidence })

/**
 * The physiology of one (validated) patient. Pure; the reference patient gives the engine's
 * reference human (every ratio 1).
 */
export function patientPhysiology(patient: Patient): PatientPhysiology {
  const { sex, bodyWeightKg: bw, heightCm } = patient
  const bsa = bodySurfaceAreaM2(bw, heightCm)
  const lbw = leanBodyWeightKg(sex, bw, heightCm)
  // skin ∝ BSA, brain unchanged, the rest of the lean tissue × SF (Huisinga 2012)
  const skinL = referenceVolumeL('skin') * bsa / REFERENCE_BSA_M2
  const brainL = referenceVolumeL('brain')
  const sf = scaledTissueMassKg(lbw, skinL, brainL) / REFERENCE_TISSUE_KG
  const volumes = {} as Record<VolumeKey, number>
  for (const key of Object.keys(HUMAN.volumeFractions) as VolumeKey[]) {
    volumes[key] = key === 'skin' ? skinL : key === 'brain' ? brainL : referenceVolumeL(key) * sf
  }
  const fractions = {} as Record<VolumeKey, number>
  let organSumL = 0
  for (const key of Object.keys(volumes) as VolumeKey[]) {
    fractions[key] = volumes[key] / bw
    organSumL += volumes[key]
  }
  const restL = bw - organSumL
  const gfrMlPerMin = absoluteGfrMlPerMin(patient.egfrMlPerMin, bsa)
  const scale = activityScaleOf(patient.disease, patient.activity.scale)
  if (!scale) throw new Error(`patientPhysiology: ${patient.disease} has no activity scale '${patient.activity.scale}' (validate the patient first)`)
  const activity = lesionActivityScale(scale, patient.activity.value)
  const cardiacOutputLPerH = REFERENCE_CARDIAC_OUTPUT_L_PER_H * sf
  const assumptions: PbpkAssumption[] = [
    cite('patient.bodySurfaceArea', `Body surface area ${bsa.toFixed(2)} m² (Du Bois): skin volume ∝ BSA`, DU_BOIS.coefficient, bsa),
    cite('patient.leanBodyWeight', `Lean body weight ${lbw.toFixed(1)} kg (Janmahasatian 2005); adipose ${(bw - lbw).toFixed(1)} kg goes to the rest of body`, JANMAHASATIAN[sex].a, lbw),
    { id: 'patient.tissueScale', description: `Organs (other than skin and brain), blood and cardiac output × ${sf.toFixed(3)} = (LBW − skin − brain) / reference (lean-body-weight scaling); fractions of cardiac output as the reference`, value: sf, unit: '', source: 'Huisinga W, Solms A, Fronton L, Pilari S 2012, CPT Pharmacometrics Syst Pharmacol 1:e4, doi:10.1038/psp.2012.4 (published code scaling_LBW; BSA there by Mosteller, here by Du Bois)', evidence: 'C' },
    cite('patient.gfr', `GFR ${gfrMlPerMin.toFixed(0)} mL/min = eGFR ${patient.egfrMlPerMin} × BSA / 1.73 m²: scales the renal filtration of small particles`, EGFR_INDEX_BSA_M2, gfrMlPerMin),
    { id: 'patient.age', description: `Age ${patient.ageY} y: no age effect on organ volumes or flows beyond weight, height and eGFR (the lean-body-weight scaling has none)`, source: 'Huisinga W et al. 2012, CPT Pharmacometrics Syst Pharmacol 1:e4 (no age effect in LBW-based scaling)', evidence: 'U' },
  ]
  if (PBPK_DATA.diseases[patient.disease].targetTissue !== null) {
    assumptions.push(cite(`patient.activity.${scale.id}`, `${scale.label} ${patient.activity.value}: lesion activity ${activity.toFixed(2)} × the catalog's inflamed excess (permeability, phagocyte K_max, swelling)${scale.mapping === 'constant' ? ' (this scale does not grade the lesion)' : ''}`, scale.reference, activity))
    if (scale.noLesion) assumptions.push(cite(`patient.activity.${scale.id}.noLesion`, `${scale.label} at which the inflamed excess vanishes`, scale.noLesion))
  }
  return {
    sex, ageY: patient.ageY, bodyWeightKg: bw, heightCm, disease: patient.disease, activity: patient.activity,
    bodyMassIndexKgPerM2: bodyMassIndex(bw, heightCm),
    bodySurfaceAreaM2: bsa,
    leanBodyWeightKg: lbw,
    tissueScale: sf,
    egfrMlPerMinPer173M2: patient.egfrMlPerMin,
    gfrMlPerMin,
    cardiacOutputLPerMin: cardiacOutputLPerH / 60,
    organVolumesL: { ...volumes, rest: restL },
    engine: {
      bodyWeightKg: bw,
      physiology: { volumeFractions: fractions, cardiacOutputLPerH, gfrLPerH: gfrMlPerMin * 60 / 1000, lesionActivityScale: activity },
    },
    assumptions,
  }
}

/** The reference patient of a disease: the engine's reference human with the disease at its reference activity. */
export function referencePatient(disease: DiseaseId): Patient {
  const scale = activityScaleOf(disease, defaultScaleId(disease))!
  return {
    format: 'nanoforge.patient', version: 1,
    sex: REFERENCE_PATIENT_ANTHROPOMETRY.sex,
    ageY: REFERENCE_PATIENT_ANTHROPOMETRY.ageY.value,
    bodyWeightKg: REFERENCE_BODY_WEIGHT_KG,
    heightCm: REFERENCE_PATIENT_ANTHROPOMETRY.heightCm.value,
    egfrMlPerMin: REFERENCE_EGFR_ML_PER_MIN_PER_173M2,
    disease,
    activity: { scale: scale.id, value: scale.reference.value },
  }
}

/** The first (default) activity scale of a disease. */
export function defaultScaleId(disease: DiseaseId): string {
  return ACTIVITY_SCALES[disease][0]!.id
}
