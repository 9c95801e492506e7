import type { DiseaseId } from '../../../shared/catalog/ids'
import { validateCohort, type Cohort } from '../../../shared/patient/cohort'
import { validatePatient, type Patient } from '../../../shared/patient/schema'
import raPatient from '../../../resources/patients/ra-62f.nanoforge-patient.json'
import raCohort from '../../../resources/cohorts/ra.nanoforge-cohort.json'
import lnCohort from '../../../resources/cohorts/lupus-nephritis.nanoforge-cohort.json'
import msCohort from '../../../resources/cohorts/multiple-sclerosis.nanoforge-cohort.json'
import ibdCohort from '../../../resources/cohorts/ibd.nanoforge-cohort.json'
import psoriasisCohort from '../../../resources/cohorts/psoriasis.nanoforge-cohort.json'
import t1dCohort from '../../../resources/cohorts/t1d.nanoforge-cohort.json'

/**
 * The example patients and cohorts the app offers: the files in resources/patients and
 * resources/cohorts, the same the README's CLI examples use, checked by the same validators.
 */

/** An example patient: its id, words for the choice, and the patient. */
export interface ExamplePatient {
  readonly id: string
  readonly label: string
  readonly patient: Patient
}

/** An example cohort. */
export interface ExampleCohort {
  readonly id: string
  readonly label: string
  readonly cohort: Cohort
}

function patientOf(id: string, doc: unknown): ExamplePatient {
  const v = validatePatient(doc)
  // A shipped example that fails its own validator is a build defect (a unit test reads every one).
  if (!v.valid) throw new Error(`example patient ${id}: ${v.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`)
  return { id, label: v.patient.name ?? id, patient: v.patient }
}

function cohortOf(id: string, doc: unknown): ExampleCohort {
  const v = validateCohort(doc)
  if (!v.valid) throw new Error(`example cohort ${id}: ${v.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`)
  return { id, label: v.cohort.name ?? id, cohort: v.cohort }
}

export const EXAMPLE_PATIENTS: ReadonlyArray<ExamplePatient> = [patientOf('ra-62f', raPatient)]
/**
 * One cohort per disease, its patients' covariates cited from a trial's baseline table (type 1
 * diabetes: the adolescent and adult arm of a 2021 automated-insulin-delivery trial, weight from
 * its BMI; see the file).
 */
export const EXAMPLE_COHORTS: ReadonlyArray<ExampleCohort> = [
  cohortOf('ra', raCohort),
  cohortOf('lupus-nephritis', lnCohort),
  cohortOf('multiple-sclerosis', msCohort),
  cohortOf('t1d', t1dCohort),
  cohortOf('ibd', ibdCohort),
  cohortOf('psoriasis', psoriasisCohort),
]

/** The example patients of a disease. */
export function examplePatientsFor(disease: DiseaseId): ReadonlyArray<ExamplePatient> {
  return EXAMPLE_PATIENTS.filter((e) => e.patient.disease === disease)
}

/** The example cohorts of a disease. */
export function exampleCohortsFor(disease: DiseaseId): ReadonlyArray<ExampleCohort> {
  return EXAMPLE_COHORTS.filter((e) => e.cohort.disease === disease)
}
