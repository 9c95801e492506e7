import type { Design } from '../../shared/design/types'
import type { Patient } from '../../shared/patient/schema'
import type { PatientSimulation } from '../../shared/patient/simulate-patient'
import { checkDesignForPatient, PatientDesignMismatch } from '../../shared/patient/simulate-patient'
import { cohortResponseHorizonH, sampleCohort, summarizeCohort, type Cohort, type CohortResult, type CohortRow } from '../../shared/patient/cohort'
import { STALE, cappedGuidedRanges, createEngineWorker, type WorkerLike } from './engine-client'
import type { EngineResponse } from './protocol'

/** One design in one patient, or why the design cannot run in a patient. */
export type PatientAnswer =
  | { readonly ok: true; readonly result: PatientSimulation; readonly elapsedMs: number }
  | { readonly ok: false; readonly path: string; readonly message: string }

/** A run that can be cancelled; it resolves STALE when cancelled or superseded. */
export interface PatientRun<T> {
  readonly promise: Promise<T | typeof STALE>
  cancel(): void
}

/**
 * One engine worker for single-patient estimates, latest request wins.
 *
 * As the live estimate's fast worker: while a request runs, only the newest waiting one is
 * kept (older waiting ones resolve STALE at once) and it is sent when the worker answers, so
 * a burst of changes costs at most one extra run. `cancel()` stops the run in flight at once
 * by terminating the worker (a dose search is a synchronous loop that cannot read a message);
 * the next request starts a fresh worker.
 */
export interface PatientLane {
  simulate(design: Design, patient: Patient, options: { readonly hours: number; readonly targetOccupancy: number | null }): Promise<PatientAnswer | typeof STALE>
  cancel(): void
  dispose(): void
}

function errorText(event: ErrorEvent | undefined): string {
  return event?.message ? `Engine worker failed: ${event.message}` : 'Engine worker failed to run.'
}

interface Pending {
  readonly id: number
  readonly design: Design
  readonly patient: Patient
  readonly hours: number
  readonly targetOccupancy: number | null
  readonly resolve: (v: PatientAnswer | typeof STALE) => void
  readonly reject: (e: Error) => void
}

/** Creates a {@link PatientLane} on workers made by `makeWorker`. */
export function createPatientLane(makeWorker: () => WorkerLike = createEngineWorker): PatientLane {
  let worker: WorkerLike | null = null
  let nextId = 1
  let latest = 0
  let inFlight: Pending | null = null
  let waiting: Pending | null = null
  let disposed = false

  const send = (p: Pending): void => {
    inFlight = p
    ensureWorker().postMessage({ id: p.id, kind: 'patient-simulate', design: p.design, patient: p.patient, hours: p.hours, targetOccupancy: p.targetOccupancy })
  }
  const sendWaiting = (): void => {
    const next = waiting
    waiting = null
    if (next && !disposed) send(next)
  }
  const ensureWorker = (): WorkerLike => {
    if (worker) return worker
    const w = makeWorker()
    w.onmessage = (event: MessageEvent<EngineResponse>) => {
      const m = event.data
      const p = inFlight
      if (!p || m.id !== p.id) return
      if (m.kind !== 'patient-simulation' && m.kind !== 'patient-mismatch' && m.kind !== 'error') return
      inFlight = null
      if (m.id !== latest) p.resolve(STALE)
      else if (m.kind === 'patient-simulation') p.resolve({ ok: true, result: m.result, elapsedMs: m.elapsedMs })
      else if (m.kind === 'patient-mismatch') p.resolve({ ok: false, path: m.path, message: m.message })
      else p.reject(new Error(m.message))
      sendWaiting()
    }
    w.onerror = (event) => {
      const p = inFlight
      inFlight = null
      w.terminate()
      if (worker === w) worker = null
      p?.reject(new Error(errorText(event)))
      sendWaiting()
    }
    worker = w
    return w
  }
  const stop = (): void => {
    worker?.terminate()
    worker = null
    inFlight?.resolve(STALE)
    waiting?.resolve(STALE)
    inFlight = null
    waiting = null
  }

  return {
    simulate(design, patient, options) {
      const id = nextId++
      latest = id
      return new Promise((resolve, reject) => {
        if (disposed) { resolve(STALE); return }
        const p: Pending = { id, design, patient, hours: options.hours, targetOccupancy: options.targetOccupancy, resolve, reject }
        if (inFlight) {
          waiting?.resolve(STALE)
          waiting = p
        } else {
          send(p)
        }
      })
    },
    cancel: stop,
    dispose() {
      disposed = true
      stop()
    },
  }
}

/** Fewest patients worth a worker of their own (a worker loads in ~0.2 s; a patient costs ~3 ms). */
export const MIN_PATIENTS_PER_WORKER = 50

/**
 * Most patients in one pool task of a cohort: 50 patients are ~0.15 s (a patient ~3 ms), what an
 * interactive task queued behind the cohort waits at most. Fewest: 10, so a slice's message
 * and set-up stay small beside its patients' time.
 */
export const MAX_PATIENTS_PER_SLICE = 50
export const MIN_PATIENTS_PER_SLICE = 10

/** The contiguous patient slices of a cohort on `workers` workers, in order (guided, capped). */
export function cohortSlices(patients: number, workers: number): Array<[number, number]> {
  return cappedGuidedRanges(patients, workers, MIN_PATIENTS_PER_SLICE, MAX_PATIENTS_PER_SLICE)
}

/** Options of {@link runCohortInWorkers}. */
export interface CohortRunOptions {
  readonly n: number
  readonly seed: number
  readonly hours: number
  /** Most workers (fewer for a small cohort). */
  readonly workers: number
  readonly makeWorker?: () => WorkerLike
  readonly onProgress?: (done: number, total: number) => void
}

/** A cohort's result, or why the design cannot run in the cohort's patients. */
export type CohortAnswer =
  | { readonly ok: true; readonly result: CohortResult; readonly workers: number; readonly elapsedMs: number }
  | { readonly ok: false; readonly path: string; readonly message: string }

/**
 * `nanoforge population` over Web Workers: the patients are sampled here (seeded, in order),
 * the response horizon is decided once for the cohort (`cohortResponseHorizonH`, a few
 * simulations of its typical patient), the workers simulate short contiguous slices in turn
 * (cohortSlices) with the shared `cohortRows` at that horizon, and the rows, put back in the
 * patients' order, are summarised by the shared `summarizeCohort`. Sampling and
 * summary happen once, on this thread, so the result is the CLI's and the same for any number
 * of workers. Cancel terminates every worker at once.
 */
export function runCohortInWorkers(design: Design, cohort: Cohort, options: CohortRunOptions): PatientRun<CohortAnswer> {
  const makeWorker = options.makeWorker ?? createEngineWorker
  const started = typeof performance !== 'undefined' ? performance.now() : Date.now()
  let workers: WorkerLike[] = []
  let settle: ((v: CohortAnswer | typeof STALE) => void) | null = null
  const finish = (): void => {
    settle = null
    for (const w of workers) w.terminate()
    workers = []
  }
  const promise = new Promise<CohortAnswer | typeof STALE>((resolve, reject) => {
    settle = resolve
    const fail = (error: Error): void => {
      if (!settle) return
      finish()
      reject(error)
    }
    let patients: Patient[]
    let redrawn: number
    let responseHorizonH: number
    try {
      ({ patients, redrawn } = sampleCohort(cohort, options.n, options.seed))
      if (patients.length > 0) checkDesignForPatient(design, patients[0]!)
      // once per cohort, before the split: every worker counts the same response hours
      responseHorizonH = cohortResponseHorizonH(design, cohort, options.hours)
    } catch (error) {
      finish()
      if (error instanceof PatientDesignMismatch) resolve({ ok: false, path: error.path, message: error.message })
      else reject(error instanceof Error ? error : new Error(String(error)))
      return
    }
    const k = Math.max(1, Math.min(options.workers, Math.floor(patients.length / MIN_PATIENTS_PER_WORKER)))
    // short contiguous slices (cohortSlices), each taken in order by whichever worker is free,
    // so an interactive task queued behind the cohort waits for one slice, not a worker's share
    const slices = cohortSlices(patients.length, k)
    const done = new Array<number>(slices.length).fill(0)
    const pieces: Array<ReadonlyArray<CohortRow> | undefined> = Array.from({ length: slices.length }, () => undefined)
    workers = Array.from({ length: k }, () => makeWorker())
    const mine = workers
    let next = 0
    mine.forEach((worker, w) => {
      // the slice this worker has in flight (one at a time; the next is sent on its answer)
      let at = -1
      const id = w + 1
      const send = (): void => {
        if (next >= slices.length) return
        at = next++
        worker.postMessage({ id, kind: 'cohort-rows', design, patients: patients.slice(...slices[at]!), hours: options.hours, responseHorizonH })
      }
      worker.onmessage = (event: MessageEvent<EngineResponse>) => {
        const m = event.data
        if (m.id !== id || !settle || workers !== mine) return
        if (m.kind === 'progress') {
          done[at] = m.done
          options.onProgress?.(done.reduce((a, b) => a + b, 0), patients.length)
        } else if (m.kind === 'cohort-rows') {
          const [from, to] = slices[at]!
          if (m.rows.length !== to - from) { fail(new Error(`cohort: ${m.rows.length} results for ${to - from} patients`)); return }
          pieces[at] = m.rows
          done[at] = to - from
          if (!pieces.every((p) => p !== undefined)) send()
          else {
            const s = settle
            finish()
            try {
              const result = summarizeCohort(patients, pieces.flatMap((p) => [...p!]), { seed: options.seed, hours: options.hours, responseHorizonH, disease: cohort.disease, redrawn })
              const now = typeof performance !== 'undefined' ? performance.now() : Date.now()
              s({ ok: true, result, workers: k, elapsedMs: now - started })
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)))
            }
          }
        } else if (m.kind === 'patient-mismatch') {
          const s = settle
          finish()
          s({ ok: false, path: m.path, message: m.message })
        } else if (m.kind === 'error') fail(new Error(m.message))
      }
      worker.onerror = (event) => fail(new Error(errorText(event)))
      send()
    })
  })
  return {
    promise,
    cancel: () => {
      const s = settle
      if (!s) return
      finish()
      s(STALE)
    },
  }
}
