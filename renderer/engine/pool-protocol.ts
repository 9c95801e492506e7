import type { EngineRequest, EngineResponse } from './protocol'
import type { CalibrateRequest, CalibrateResponse } from '../features/calibrate/calibrate-protocol'

/**
 * Messages between the app's shared worker pool (worker-pool.ts) and its workers
 * (pool.worker.ts). Every pool worker runs the same entry and serves every kind of task: the
 * engine's (live estimate, batches, Monte Carlo ranges, sensitivity and optimisation chunks,
 * patients and cohorts; protocol.ts) and the calibration's (calibrate-protocol.ts). The task
 * keeps its own protocol unchanged; the envelope only adds which task it is and whose protocol.
 */
export type PoolTask =
  | { readonly domain: 'engine'; readonly request: EngineRequest }
  | { readonly domain: 'calibrate'; readonly request: CalibrateRequest }

/** A task as sent to a pool worker: `taskId` ties the worker's answers to the task. */
export interface PoolEnvelope {
  readonly taskId: number
  readonly task: PoolTask
}

/** Any answer of a task: its protocol's progress messages, then exactly one final answer. */
export type PoolMessage = EngineResponse | CalibrateResponse

/** An answer from a pool worker. */
export interface PoolReply {
  readonly taskId: number
  readonly message: PoolMessage
}

/**
 * Whether a message ends its task. Both protocols send any number of `progress` messages and
 * then one answer (the result or an error), so the worker is free again after any other kind.
 */
export function isFinalMessage(message: PoolMessage): boolean {
  return message.kind !== 'progress'
}
