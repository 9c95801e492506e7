import { cohortRows } from '../../shared/patient/cohort'
import { PatientDesignMismatch, simulatePatient } from '../../shared/patient/simulate-patient'
import type { EngineRequest, EngineResponse } from './protocol'
import type { PatientRequest } from './patient-protocol'

/** Whether a request is one of the virtual-patient kinds (patient-protocol.ts). */
export function isPatientRequest(request: EngineRequest): request is PatientRequest {
  return request.kind === 'patient-simulate' || request.kind === 'cohort-rows'
}

/**
 * Answers a virtual-patient request with the shared code the CLI runs (`simulate --patient`,
 * `population`), so the app's numbers are the CLI's. A design that cannot run in a patient
 * (not human, another disease) answers `patient-mismatch` with its field, not an error: the
 * panel says why in words and nothing crashed. Other failures throw to the caller's handler.
 */
export function handlePatientRequest(request: PatientRequest, post: (message: EngineResponse) => void, now: () => number, onProgress: (done: number, total: number) => void): void {
  const started = now()
  try {
    if (request.kind === 'patient-simulate') {
      const result = simulatePatient(request.design, request.patient, {
        hours: request.hours,
        ...(request.targetOccupancy === null ? { tailorDose: false } : { targetOccupancy: request.targetOccupancy }),
      })
      post({ id: request.id, kind: 'patient-simulation', result, elapsedMs: now() - started })
    } else {
      const rows = cohortRows(request.design, request.patients, request.hours, request.responseHorizonH, onProgress)
      post({ id: request.id, kind: 'cohort-rows', rows, elapsedMs: now() - started })
    }
  } catch (error) {
    if (!(error instanceof PatientDesignMismatch)) throw error
    post({ id: request.id, kind: 'patient-mismatch', path: error.path, message: error.message })
  }
}
