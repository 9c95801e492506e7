import type { Design } from '../../shared/design/types'
import type { Patient } from '../../shared/patient/schema'
import type { PatientSimulation } from '../../shared/patient/simulate-patient'
import type { CohortRow } from '../../shared/patient/cohort'

/**
 * The engine worker's messages for virtual patients (issue #15), kept apart from the other
 * kinds so the panels that add message types do not edit the same lines.
 */
export type PatientRequest =
  /**
   * One design in one patient: `simulatePatient` (shared/patient/simulate-patient.ts).
   * `targetOccupancy` null skips the dose search (the Selectivity card's comparison with free
   * drug needs none).
   */
  | {
    readonly id: number; readonly kind: 'patient-simulate'; readonly design: Design; readonly patient: Patient
    readonly hours: number; readonly targetOccupancy: number | null
  }
  /**
   * A slice of a cohort's patients (sampled on the UI thread): each one's metrics, in order,
   * the response counted to the cohort's horizon (decided once on the UI thread, before the split).
   */
  | { readonly id: number; readonly kind: 'cohort-rows'; readonly design: Design; readonly patients: ReadonlyArray<Patient>; readonly hours: number; readonly responseHorizonH: number }

export type PatientResponse =
  | { readonly id: number; readonly kind: 'patient-simulation'; readonly result: PatientSimulation; readonly elapsedMs: number }
  | { readonly id: number; readonly kind: 'cohort-rows'; readonly rows: ReadonlyArray<CohortRow>; readonly elapsedMs: number }
  /** The design cannot run in this patient (a mouse design, another disease): the field and the sentence. */
  | { readonly id: number; readonly kind: 'patient-mismatch'; readonly path: string; readonly message: string }
