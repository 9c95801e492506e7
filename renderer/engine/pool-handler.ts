import { handleCalibrateRequest } from '../features/calibrate/calibrate-handler'
import { handleEngineRequest } from './engine-handler'
import type { PoolEnvelope, PoolReply } from './pool-protocol'

/**
 * Answers one task of a pool worker: the engine's or the calibration's own handler, its answers
 * wrapped with the task's id.
 *
 * Why a function apart from the worker file (pool.worker.ts): the tests' in-process stand-in
 * runs this same code, so the pool is tested with the real handlers and the real engine.
 */
export function handlePoolMessage(envelope: PoolEnvelope, post: (reply: PoolReply) => void, now?: () => number): void {
  const { taskId, task } = envelope
  if (task.domain === 'engine') handleEngineRequest(task.request, (message) => post({ taskId, message }), now)
  else if (task.domain === 'calibrate') handleCalibrateRequest(task.request, (message) => post({ taskId, message }), now)
  // a task of a kind this build does not know must still end, or its worker stays busy forever
  else post({ taskId, message: { kind: 'error', message: `The worker pool does not know tasks of domain '${String((task as { domain?: unknown }).domain)}'.` } })
}
