/**
 * The patient file (issue #15): `{"format": "nanoforge.patient", "version": 1, "sex", "ageY",
 * "bodyWeightKg", "heightCm", "egfrMlPerMin", "disease", "activity": {"scale", "value"}}`.
 *
 * Every problem is reported at once with its JSON path (`activity.value`) and a sentence, as
 * for designs (docs/design-format.md, "Rules for bad input"). Ranges are the bounds of adult
 * human anthropometry and of the relations used (physiology.ts): a value outside is impossible
 * or outside what the relations were built on, so it is refused rather than extrapolated.
 */
import { z } from 'zod'
import { DISEASE_IDS, type DiseaseId } from '../catalog/ids'
import { ACTIVITY_SCALES, activityScaleOf } from './activity'

export const PATIENT_FORMAT = 'nanoforge.patient'
export const PATIENT_VERSION = 1
/** Most bytes a patient or cohort file may have (they are a few hundred bytes); the CLI and the app read no more. */
export const MAX_PATIENT_FILE_BYTES = 1_000_000

/** Bounds of a patient's numbers (inclusive). */
export const PATIENT_LIMITS = {
  /** Adults: the lean-body-weight and CKD-EPI relations are adult relations. */
  ageY: { min: 18, max: 110 },
  bodyWeightKg: { min: 30, max: 250 },
  heightCm: { min: 120, max: 230 },
  /** BMI outside 12-70 kg/m² is not a living adult (a unit or typing error). */
  bodyMassIndexKgPerM2: { min: 12, max: 70 },
  /** eGFR, mL/min per 1.73 m² (CKD-EPI): below 5 is dialysis, above 200 not a filtration rate. */
  egfrMlPerMin: { min: 5, max: 200 },
} as const

/** A number a patient file gives: its words and unit on screen and in messages, and its bounds. */
export interface PatientNumberField {
  /** As a form labels it ("Body weight"); messages use it in lower case. */
  readonly label: string
  readonly unit: string
  readonly min: number
  readonly max: number
  /** Step of a form's number box (the precision a clinic records). */
  readonly step: number
}

/**
 * The patient file's numbers: the one place their labels, units and bounds are written. The
 * validator below and the app's Patient form both read them, so a bound cannot differ between
 * the two. (The activity value's label, unit and bounds belong to its scale, activity.ts.)
 */
export const PATIENT_FIELDS = {
  ageY: { label: 'Age', unit: 'years', ...PATIENT_LIMITS.ageY, step: 1 },
  bodyWeightKg: { label: 'Body weight', unit: 'kg', ...PATIENT_LIMITS.bodyWeightKg, step: 0.1 },
  heightCm: { label: 'Height', unit: 'cm', ...PATIENT_LIMITS.heightCm, step: 1 },
  egfrMlPerMin: { label: 'eGFR (CKD-EPI)', unit: 'mL/min per 1.73 m²', ...PATIENT_LIMITS.egfrMlPerMin, step: 1 },
} as const satisfies Readonly<Record<string, PatientNumberField>>

/** The patient file's numeric fields, in the order a form asks for them. */
export type PatientNumberKey = keyof typeof PATIENT_FIELDS
export const PATIENT_NUMBER_KEYS: ReadonlyArray<PatientNumberKey> = ['ageY', 'bodyWeightKg', 'heightCm', 'egfrMlPerMin']

/** The words of the patient file's two choices (sex; the disease comes from the design). */
export const PATIENT_SEXES = [{ id: 'female', label: 'Female' }, { id: 'male', label: 'Male' }] as const

/** A validated patient. */
export interface Patient {
  readonly format: typeof PATIENT_FORMAT
  readonly version: typeof PATIENT_VERSION
  readonly name?: string
  readonly sex: 'male' | 'female'
  readonly ageY: number
  readonly bodyWeightKg: number
  readonly heightCm: number
  /** eGFR as reported (CKD-EPI), mL/min per 1.73 m² (de-indexed with the patient's BSA in physiology.ts). */
  readonly egfrMlPerMin: number
  readonly disease: DiseaseId
  readonly activity: { readonly scale: string; readonly value: number }
}

/** One problem in a patient or cohort file. */
export interface PatientIssue {
  readonly path: string
  readonly message: string
}

export type PatientValidation =
  | { readonly valid: true; readonly patient: Patient }
  | { readonly valid: false; readonly errors: PatientIssue[] }

/** "Body weight" → "body weight"; "eGFR (CKD-EPI)" stays. */
const noun = (label: string): string => (/^[A-Z]{2}|^[a-z][A-Z]/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1))

const bounded = (field: PatientNumberField) => boundedNumber(noun(field.label), field.unit, field)
const boundedNumber = (label: string, unit: string, b: { min: number; max: number }) =>
  z.number({ error: (i) => (i.input === undefined ? `is missing; give the ${label} in ${unit}` : `must be a number (${label}, ${unit}), got ${JSON.stringify(i.input)}`) })
    .finite()
    .refine((v) => v >= b.min && v <= b.max, { message: `must be between ${b.min} and ${b.max} ${unit} (${label})` })

const PatientSchema = z.object({
  format: z.literal(PATIENT_FORMAT, { error: (i) => `must be "${PATIENT_FORMAT}", got ${JSON.stringify(i.input)}; this is not a NanoForge patient file` }),
  version: z.literal(PATIENT_VERSION, { error: (i) => `must be ${PATIENT_VERSION} (this build reads patient format version ${PATIENT_VERSION}), got ${JSON.stringify(i.input)}` }),
  name: z.string().max(200).optional(),
  sex: z.enum(['male', 'female'], { error: (i) => `must be "female" or "male", got ${JSON.stringify(i.input)}` }),
  ageY: bounded(PATIENT_FIELDS.ageY),
  bodyWeightKg: bounded(PATIENT_FIELDS.bodyWeightKg),
  heightCm: bounded(PATIENT_FIELDS.heightCm),
  egfrMlPerMin: bounded(PATIENT_FIELDS.egfrMlPerMin),
  disease: z.enum(DISEASE_IDS, { error: (i) => `must be one of ${DISEASE_IDS.join(', ')}, got ${JSON.stringify(i.input)}` }),
  activity: z.object({
    scale: z.string({ error: 'is missing; name the activity scale (e.g. "DAS28")' }),
    value: z.number({ error: (i) => `must be a number on the activity scale, got ${JSON.stringify(i.input)}` }).finite(),
  }, { error: 'is missing; give {"scale": …, "value": …} on the disease\'s activity scale' }).strict(),
}).strict()

/** JSON path of a zod issue path: `activity.value`, `[0].ageY`. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = ''
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`
  return out
}

/** The zod issues as path + sentence (unknown keys: one issue per key, at the key). */
export function zodIssues(error: z.ZodError, prefix = ''): PatientIssue[] {
  const join = (p: string): string => (prefix === '' ? p : p === '' ? prefix : `${prefix}.${p}`)
  return error.issues.flatMap((i) => {
    if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ path: join(jsonPath([...i.path, k])), message: 'is not a field of this file (misspelt?)' }))
    return [{ path: join(jsonPath(i.path)), message: i.message }]
  })
}

/**
 * Validates a patient document: shape and ranges, then the combinations (BMI; an activity
 * scale of the patient's disease and a value on it).
 */
export function validatePatient(input: unknown): PatientValidation {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { valid: false, errors: [{ path: '', message: `a patient must be a JSON object, got ${input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input}` }] }
  }
  const parsed = PatientSchema.safeParse(input)
  if (!parsed.success) return { valid: false, errors: zodIssues(parsed.error) }
  const p = parsed.data
  const errors: PatientIssue[] = []
  const bmi = p.bodyWeightKg / (p.heightCm / 100) ** 2
  const b = PATIENT_LIMITS.bodyMassIndexKgPerM2
  if (bmi < b.min || bmi > b.max) {
    errors.push({ path: 'bodyWeightKg', message: `${p.bodyWeightKg} kg at ${p.heightCm} cm is a BMI of ${bmi.toFixed(1)} kg/m², outside ${b.min}-${b.max}: check the units (kg, cm)` })
  }
  const scale = activityScaleOf(p.disease, p.activity.scale)
  if (!scale) {
    errors.push({ path: 'activity.scale', message: `${p.disease} is graded on ${ACTIVITY_SCALES[p.disease].map((s) => `"${s.id}"`).join(' or ')}, got "${p.activity.scale}"` })
  } else if (p.activity.value < scale.min || p.activity.value > scale.max) {
    errors.push({ path: 'activity.value', message: `${scale.label} runs from ${scale.min} to ${scale.max}${scale.unit && scale.unit !== 'score' ? ` ${scale.unit}` : ''}, got ${p.activity.value}` })
  }
  if (errors.length > 0) return { valid: false, errors }
  return { valid: true, patient: { ...p, disease: p.disease as DiseaseId } }
}
