/// <reference lib="webworker" />
import { handlePoolMessage } from './pool-handler'
import type { PoolEnvelope, PoolReply } from './pool-protocol'

/**
 * A worker of the app's shared pool (worker-pool.ts): runs the shared engine and the
 * calibration off the UI thread, so the 3D view and the sliders never wait on them (vision:
 * "the UI never waits on it"). One task at a time; the pool cancels a task by terminating this
 * worker (the engine's and the sampler's loops are synchronous and cannot read a message) and
 * starts a fresh one when it next needs it.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope

scope.onmessage = (event: MessageEvent<PoolEnvelope>) => {
  handlePoolMessage(event.data, (reply: PoolReply) => scope.postMessage(reply))
}
