/**
 * The sweep spec's fourth sampling method, `virtual-cohort` (issue 17): each sample is the
 * base design (with the sample's knob values, if any are varied) in one virtual patient drawn
 * from a cohort file (issue 15's `nanoforge.cohort`), and each row records the patient's
 * covariates beside the metrics, including the patient's response against free drug.
 *
 * Why any split gives identical rows: the cohort sampler (shared/patient/cohort.ts,
 * sampleCohort — the one sampler of virtual patients; this module does not draw covariates
 * itself) runs a sequential generator, so patient p of one `sampleCohort(cohort, n, seed)`
 * call depends on every patient before it. Here sample i's patient is instead the first
 * patient of `sampleCohort(cohort, 1, s_i)` with s_i = hash32(seed, i, PATIENT_STREAM)
 * (random.ts: a keyed bijective hash of the counter, after Salmon et al. 2011): a pure
 * function of (cohort, seed, i), so a shard computes its patients without the others'. For
 * one seed, i ↦ s_i is a bijection of 32-bit words, so no two samples share a generator seed.
 * Redrawing (an individual outside a bound or refused by the patient rules) happens inside
 * that one call, so it changes nothing for other samples.
 */
import type { Design } from '../design/types'
import type { KnobValue } from '../analysis/design-paths'
import { COVARIATES, RESPONSE_METRICS, cohortResponseHorizonH, cohortRows, sampleCohort, type Cohort, type CohortRow, type ResponseMetric } from '../patient/cohort'
import type { Patient } from '../patient/schema'
import type { MetricId } from '../metrics/registry'
import { hash32 } from './random'

/**
 * The hash stream of the patients' generator seeds. The other streams of a sweep are small
 * (the Latin hypercube's 2k jitter streams and 0x1a7e, the Sobol' shifts' 0x50b0), so this
 * one cannot meet them.
 */
export const PATIENT_STREAM = 0x70a71e47

/** A metric a sweep can record: a registry metric, or (virtual-cohort only) a patient response metric. */
export type SweepMetricId = MetricId | ResponseMetric

export { RESPONSE_METRICS }

/** Whether an id is one of the patient response metrics (`response` of a patient run). */
export function isResponseMetric(id: string): id is ResponseMetric {
  return (RESPONSE_METRICS as ReadonlyArray<string>).includes(id)
}

/** The generator seed of sample i's patient: a pure function of (seed, i). */
export function patientSeed(seed: number, index: number): number {
  return hash32(seed, index, PATIENT_STREAM)
}

/** Sample i's virtual patient (throws the cohort sampler's reason when the cohort excludes nearly everyone). */
export function sweepPatient(cohort: Cohort, seed: number, index: number): Patient {
  return sampleCohort(cohort, 1, patientSeed(seed, index)).patients[0]!
}

/**
 * The covariate columns a virtual-cohort sweep writes between the knobs and the metrics:
 * `patient.sex` (text) and the cohort's covariates in the cohort sampler's order
 * (`patient.ageY`, …, `patient.activity`: the value on the cohort's activity scale).
 */
export const COVARIATE_COLUMNS: ReadonlyArray<string> = ['patient.sex', ...COVARIATES.map((c) => `patient.${c}`)]

/** A patient's covariates in {@link COVARIATE_COLUMNS} order. */
export function covariateValues(patient: Patient): KnobValue[] {
  return [patient.sex, ...COVARIATES.map((c) => (c === 'activity' ? patient.activity.value : patient[c]))]
}

/** One (design, patient) pair's metrics, or why it has none. */
export type PatientOutcome =
  | { readonly ok: true; readonly metrics: CohortRow }
  | { readonly ok: false; readonly reason: string }

/** Evaluates a batch of (design, patient) pairs of one cohort, in order. */
export type PatientBatchEvaluator = (
  items: ReadonlyArray<{ readonly design: Design; readonly patient: Patient }>,
  hours: number,
  cohort: Cohort,
) => Promise<ReadonlyArray<PatientOutcome>>

/** The last design's response horizon (a sweep without knobs asks for the same design every time). */
let lastHorizon: { readonly key: string; readonly cohort: Cohort; readonly hours: number; readonly horizonH: number } | undefined

/**
 * The response horizon of a design in a cohort, as `nanoforge population` decides it
 * (cohortResponseHorizonH: the doubling rule in the cohort's typical patient): a function of
 * the design, the cohort and the hours, never of the other samples, so it keeps any split's
 * rows identical and a knob-less sweep's rows equal to a population run's patients.
 */
function responseHorizonOf(design: Design, cohort: Cohort, hours: number): number {
  const key = JSON.stringify(design)
  if (lastHorizon?.key === key && lastHorizon.cohort === cohort && lastHorizon.hours === hours) return lastHorizon.horizonH
  const horizonH = cohortResponseHorizonH(design, cohort, hours)
  lastHorizon = { key, cohort, hours, horizonH }
  return horizonH
}

/**
 * One design in one patient: the cohort's own per-patient row (cohortRows: every registry
 * metric in the patient and the response against free drug, no dose tailoring, counted to the
 * cohort's response horizon for this design), the engine's error as a reason, never an exception.
 */
export function evaluatePatientOutcome(design: Design, patient: Patient, hours: number, cohort: Cohort): PatientOutcome {
  try {
    return { ok: true, metrics: cohortRows(design, [patient], hours, responseHorizonOf(design, cohort, hours))[0]! }
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) }
  }
}

/** The single-thread evaluator of (design, patient) pairs. */
export const evaluatePatientsSerially: PatientBatchEvaluator = (items, hours, cohort) =>
  Promise.resolve(items.map((it) => evaluatePatientOutcome(it.design, it.patient, hours, cohort)))
