import type { ProfileEstimate } from '../../../shared/engine/calibrate/apply'
import type { SuggestResult } from '../../../shared/engine/calibrate/suggest'
import type { CalibrateRequest, CalibrateResponse, CalibrationOutcome } from './calibrate-protocol'
import { sharedWorkerPool } from '../../engine/worker-pool'

/** Something that behaves like a dedicated Worker (a real one, or the tests' in-process stand-in). */
export interface CalibrateWorkerLike {
  postMessage(message: CalibrateRequest): void
  onmessage: ((event: MessageEvent<CalibrateResponse>) => void) | null
  onerror?: ((event: ErrorEvent) => void) | null
  terminate(): void
}

/**
 * A handle on the app's shared worker pool (renderer/engine/worker-pool.ts) that speaks the
 * calibration protocol: every pool worker runs the calibration handler too. Terminating the
 * handle cancels its own task only (the pool terminates the worker running it and replaces it),
 * so a cancelled calibration never costs the live estimate its worker (the live lane).
 */
export function createCalibrateWorker(): CalibrateWorkerLike {
  return sharedWorkerPool().calibratePort()
}

/** Thrown for an answer of kind `error`: the message and the issues that name the data. */
export class CalibrateRequestError extends Error {
  constructor(message: string, readonly issues: ReadonlyArray<{ readonly path: string; readonly message: string }> = []) {
    super(message)
    this.name = 'CalibrateRequestError'
  }
}

/** Resolved when a run was cancelled (its worker terminated). */
export const CANCELLED = Symbol('cancelled')

/** A running request: its answer, and Cancel. */
export interface CalibrateRun<T> {
  readonly promise: Promise<T | typeof CANCELLED>
  cancel(): void
}

/**
 * Sends one request to a fresh worker (a pool handle) and resolves with its answer; `cancel()`
 * terminates it at once (the run stops mid-sampler) and resolves CANCELLED.
 */
function run<T>(
  request: CalibrateRequest, pick: (m: CalibrateResponse) => T | undefined,
  onProgress: ((fraction: number, stage: string) => void) | undefined, makeWorker: () => CalibrateWorkerLike,
): CalibrateRun<T> {
  let settle: ((v: T | typeof CANCELLED) => void) | null = null
  let worker: CalibrateWorkerLike | null = null
  const finish = (): void => {
    worker?.terminate()
    worker = null
  }
  const promise = new Promise<T | typeof CANCELLED>((resolve, reject) => {
    settle = resolve
    let w: CalibrateWorkerLike
    try {
      w = makeWorker()
    } catch (e) {
      reject(new Error(`The calibration worker could not start: ${e instanceof Error ? e.message : String(e)}`))
      return
    }
    worker = w
    w.onmessage = (event) => {
      const m = event.data
      if (m.kind === 'progress') {
        onProgress?.(m.fraction, m.stage)
        return
      }
      finish()
      if (m.kind === 'error') {
        reject(new CalibrateRequestError(m.message, m.issues))
        return
      }
      const value = pick(m)
      if (value === undefined) reject(new Error(`The calibration worker answered '${m.kind}' to a '${request.kind}' request.`))
      else resolve(value)
    }
    w.onerror = (event) => {
      finish()
      reject(new Error(event?.message ? `The calibration worker failed: ${event.message}` : 'The calibration worker failed to run.'))
    }
    w.postMessage(request)
  })
  return {
    promise,
    cancel() {
      if (worker === null) return
      finish()
      settle?.(CANCELLED)
    },
  }
}

/** Runs a calibration job on a pool worker, with progress (0–1 of the whole job) and Cancel. */
export function runCalibration(
  request: Extract<CalibrateRequest, { kind: 'calibrate' }>, onProgress?: (fraction: number, stage: string) => void,
  makeWorker: () => CalibrateWorkerLike = createCalibrateWorker,
): CalibrateRun<CalibrationOutcome> {
  return run(request, (m) => (m.kind === 'calibrated' ? m.outcome : undefined), onProgress, makeWorker)
}

/** Estimates a design with a saved profile on a pool worker (about a second; cancellable). */
export function runProfileEstimate(
  request: Extract<CalibrateRequest, { kind: 'profile-estimate' }>, makeWorker: () => CalibrateWorkerLike = createCalibrateWorker,
): CalibrateRun<ProfileEstimate> {
  return run(request, (m) => (m.kind === 'estimated' ? m.estimate : undefined), undefined, makeWorker)
}

/** What the Suggest section shows: the suggestions, and how the lab's data entered. */
export interface SuggestAnswer {
  readonly result: SuggestResult
  readonly labNotes: ReadonlyArray<string>
  readonly labPoints: number
}

/** Proposes the next experiments on a pool worker, with progress and Cancel. */
export function runSuggest(
  request: Extract<CalibrateRequest, { kind: 'suggest' }>, onProgress?: (fraction: number, stage: string) => void,
  makeWorker: () => CalibrateWorkerLike = createCalibrateWorker,
): CalibrateRun<SuggestAnswer> {
  return run(request, (m) => (m.kind === 'suggested' ? { result: m.result, labNotes: m.labNotes, labPoints: m.labPoints } : undefined), onProgress, makeWorker)
}
