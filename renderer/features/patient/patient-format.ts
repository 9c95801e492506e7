import type { DiseaseId } from '../../../shared/catalog/ids'
import { ACTIVITY_SCALES, activityScaleOf, type ActivityScale } from '../../../shared/patient/activity'
import { RESPONSE_METRICS, RESPONSE_METRIC_LABELS, type CohortResult, type ResponseMetric } from '../../../shared/patient/cohort'
import { defaultScaleId, referencePatient } from '../../../shared/patient/physiology'
import { PATIENT_FIELDS, PATIENT_FORMAT, PATIENT_NUMBER_KEYS, PATIENT_VERSION, validatePatient, type Patient, type PatientIssue, type PatientNumberKey, type PatientValidation } from '../../../shared/patient/schema'
import { METRICS, type MetricId } from '../../../shared/metrics/registry'
import { formatValue } from '../biodistribution/biodistribution-model'

/**
 * What the Patient form holds: the patient file's fields as typed (text, so a half-typed
 * "5." is not rewritten under the cursor). The disease is not here: it is the design's.
 */
export interface PatientDraft {
  readonly name: string
  readonly sex: 'female' | 'male'
  readonly ageY: string
  readonly bodyWeightKg: string
  readonly heightCm: string
  readonly egfrMlPerMin: string
  readonly scale: string
  readonly activity: string
}

/** A number as the form shows it: up to 6 significant digits, never e-notation for patient values. */
export function draftNumber(value: number): string {
  return String(Number(value.toPrecision(6)))
}

/** The form's text of a patient. */
export function draftFromPatient(patient: Patient): PatientDraft {
  return {
    name: patient.name ?? '',
    sex: patient.sex,
    ageY: draftNumber(patient.ageY),
    bodyWeightKg: draftNumber(patient.bodyWeightKg),
    heightCm: draftNumber(patient.heightCm),
    egfrMlPerMin: draftNumber(patient.egfrMlPerMin),
    scale: patient.activity.scale,
    activity: draftNumber(patient.activity.value),
  }
}

/** The reference patient of a disease (the engine's reference human) as a draft. */
export function referenceDraft(disease: DiseaseId): PatientDraft {
  return { ...draftFromPatient(referencePatient(disease)), name: 'Reference patient' }
}

/** Text → number for the file ("" → missing, so the validator says "is missing"; "abc" → the text, so it says what it got). */
function parsed(text: string): number | string | undefined {
  const t = text.trim()
  if (t === '') return undefined
  const x = Number(t)
  return Number.isFinite(x) ? x : t
}

/** The patient document of a draft for the design's disease (what "Download patient file" writes). */
export function patientDocument(draft: PatientDraft, disease: DiseaseId): Record<string, unknown> {
  return {
    format: PATIENT_FORMAT,
    version: PATIENT_VERSION,
    ...(draft.name.trim() !== '' ? { name: draft.name.trim() } : {}),
    sex: draft.sex,
    ageY: parsed(draft.ageY),
    bodyWeightKg: parsed(draft.bodyWeightKg),
    heightCm: parsed(draft.heightCm),
    egfrMlPerMin: parsed(draft.egfrMlPerMin),
    disease,
    activity: { scale: draft.scale, value: parsed(draft.activity) },
  }
}

/** Checks a draft with the patient file's own validator (shared/patient/schema.ts). */
export function validateDraft(draft: PatientDraft, disease: DiseaseId): PatientValidation {
  return validatePatient(patientDocument(draft, disease))
}

/** A draft moved to another disease: its scale becomes that disease's first when it has no such scale. */
export function draftForDisease(draft: PatientDraft, disease: DiseaseId): PatientDraft {
  if (activityScaleOf(disease, draft.scale)) return draft
  const scale = activityScaleOf(disease, defaultScaleId(disease))!
  return { ...draft, scale: scale.id, activity: draftNumber(scale.reference.value) }
}

/** The form's label of a numeric field with its unit: "Body weight (kg)". */
export function fieldLabel(key: PatientNumberKey): string {
  const f = PATIENT_FIELDS[key]
  return `${f.label} (${f.unit})`
}

/** Range hint under a field: "30–250 kg". */
export function rangeText(min: number, max: number, unit: string): string {
  return `${formatValue(min)}–${formatValue(max)}${unit && unit !== 'score' ? ` ${unit}` : ''}`
}

/** The activity field's label: "DAS28", "Proteinuria (g/day)". */
export function activityLabel(scale: ActivityScale): string {
  return scale.unit && scale.unit !== 'score' ? `${scale.label} (${scale.unit})` : scale.label
}

/** The activity scales of a disease (for the scale choice). */
export function scalesOf(disease: DiseaseId): ReadonlyArray<ActivityScale> {
  return ACTIVITY_SCALES[disease]
}

/** Which form control a validator path belongs to. */
export function controlOfPath(path: string): PatientNumberKey | 'sex' | 'scale' | 'activity' | 'name' | null {
  if ((PATIENT_NUMBER_KEYS as ReadonlyArray<string>).includes(path)) return path as PatientNumberKey
  if (path === 'activity.scale') return 'scale'
  if (path === 'activity.value' || path === 'activity') return 'activity'
  if (path === 'sex' || path === 'name') return path
  return null
}

/** Problems by form control (a problem of no control, e.g. the disease, under null). */
export function issuesByControl(issues: ReadonlyArray<PatientIssue>): ReadonlyMap<string | null, ReadonlyArray<string>> {
  const out = new Map<string | null, string[]>()
  for (const i of issues) {
    const c = controlOfPath(i.path)
    out.set(c, [...(out.get(c) ?? []), i.message])
  }
  return out
}

/**
 * A ratio against free drug as a number: three significant digits ("2.31", "0.443"), but
 * within 5 % of 1 three decimals ("1.002", "0.987"), so a ratio that barely differs from the
 * free drug does not read as exactly 1 — nor a tiny gain as none. "—" when not defined.
 */
export function ratioNumberText(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—'
  return ratio >= 0.95 && ratio <= 1.05 ? ratio.toFixed(3) : formatValue(ratio)
}

/** "× 2.31" for a ratio against free drug; "—" when not defined. */
export function ratioText(ratio: number | null | undefined): string {
  const t = ratioNumberText(ratio)
  return t === '—' ? t : `× ${t}`
}

/** A fraction 0-1 as a percentage with three significant digits ("45.2 %", "0.0312 %"). */
export function fractionText(fraction: number | null | undefined): string {
  return fraction === null || fraction === undefined || !Number.isFinite(fraction) ? '—' : `${formatValue(100 * fraction)} %`
}

/** One line of who a patient is: "Female, 62 y, 58 kg, 160 cm, eGFR 55, DAS28 5.4". */
export function patientSummary(p: Pick<Patient, 'sex' | 'ageY' | 'bodyWeightKg' | 'heightCm' | 'egfrMlPerMin' | 'activity' | 'disease'>): string {
  const scale = activityScaleOf(p.disease, p.activity.scale)
  const activity = scale && scale.mapping === 'constant' && scale.min === scale.max ? '' : `, ${scale?.label ?? p.activity.scale} ${formatValue(p.activity.value)}${scale?.unit && scale.unit !== 'score' ? ` ${scale.unit}` : ''}`
  return `${p.sex === 'female' ? 'Female' : 'Male'}, ${Math.round(p.ageY)} y, ${formatValue(p.bodyWeightKg)} kg, ${formatValue(p.heightCm)} cm, eGFR ${formatValue(p.egfrMlPerMin)}${activity}`
}

/** The response metrics that are fractions 0-1 (shown as %). */
const FRACTION_METRICS: ReadonlySet<ResponseMetric> = new Set(['targetOccupancy', 'cortisolSuppression'])
/** The response metrics that are ratios against free drug (drawn on the band chart's log axis). */
export const RATIO_METRICS: ReadonlyArray<ResponseMetric> = ['targetExposureRatio', 'systemicExposureRatio', 'benefitRatio', 'harmRatio']

/** One row of the cohort table: a metric's label, unit and p5/p50/p95 as shown. */
export interface CohortMetricRow {
  readonly id: MetricId | ResponseMetric
  readonly label: string
  readonly unit: string
  readonly p5: number | null
  readonly p50: number | null
  readonly p95: number | null
  readonly text: { readonly p5: string; readonly p50: string; readonly p95: string }
}

/**
 * The cohort's percentiles as table rows: the response against free drug first (what the
 * cohort is run for), then the registry's metrics; metrics no patient has (null) are left out
 * and counted apart.
 */
export function cohortMetricRows(result: CohortResult): { readonly rows: ReadonlyArray<CohortMetricRow>; readonly undefinedFor: ReadonlyArray<string> } {
  const rows: CohortMetricRow[] = []
  const undefinedFor: string[] = []
  const add = (id: MetricId | ResponseMetric, label: string, unit: string, fraction: boolean): void => {
    const p = result.metrics[id]
    if (p.p50 === null) { undefinedFor.push(label); return }
    const ratio = (RATIO_METRICS as ReadonlyArray<string>).includes(id)
    const show = (v: number | null): string => (v === null ? '—' : fraction ? fractionText(v) : ratio ? ratioNumberText(v) : formatValue(v))
    rows.push({ id, label, unit: fraction ? '%' : unit, p5: p.p5, p50: p.p50, p95: p.p95, text: { p5: show(p.p5), p50: show(p.p50), p95: show(p.p95) } })
  }
  for (const id of RESPONSE_METRICS) add(id, RESPONSE_METRIC_LABELS[id], '', FRACTION_METRICS.has(id))
  for (const m of METRICS) add(m.id, m.label, m.unit, false)
  return { rows, undefinedFor }
}

/**
 * A log axis for ratio bands that always holds 1 (the free drug): the data and 1, widened by a
 * quarter each side so no band ends on the frame, with ticks on the 1-2-5 series (the ends
 * added when fewer than two ticks fall inside).
 */
export function ratioAxis(values: ReadonlyArray<number>): { readonly min: number; readonly max: number; readonly ticks: ReadonlyArray<number> } {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v))
  const min = Math.min(1, ...positive) / 1.25
  const max = Math.max(1, ...positive) * 1.25
  const ticks: number[] = []
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    for (const m of [1, 2, 5]) {
      const t = Number((m * 10 ** e).toPrecision(12))
      if (t >= min && t <= max) ticks.push(t)
    }
  }
  if (ticks.length < 2) return { min, max, ticks: [min, ...ticks, max] }
  return { min, max, ticks }
}

/** Position 0-100 % of a value on a log axis (clamped). */
export function logPosition(value: number, axis: { readonly min: number; readonly max: number }): number {
  if (!(value > 0)) return 0
  const f = (Math.log10(value) - Math.log10(axis.min)) / (Math.log10(axis.max) - Math.log10(axis.min))
  return 100 * Math.min(1, Math.max(0, f))
}

/** File name of a downloaded patient: "female-62y.nanoforge-patient.json". */
export function patientFileName(p: Pick<Patient, 'sex' | 'ageY'>): string {
  return `${p.sex}-${Math.round(p.ageY)}y.nanoforge-patient.json`
}
