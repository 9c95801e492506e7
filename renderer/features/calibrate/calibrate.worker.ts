/// <reference lib="webworker" />
import { handleCalibrateRequest } from './calibrate-handler'
import type { CalibrateRequest, CalibrateResponse } from './calibrate-protocol'

/**
 * The calibration worker: the adaptive Metropolis sampler and the engine runs it needs, off the
 * UI thread (a calibration is tens of seconds to minutes). One request per worker; the client
 * cancels by terminating it (the sampler's loop is synchronous and cannot read a message).
 */
const scope = self as unknown as DedicatedWorkerGlobalScope

scope.onmessage = (event: MessageEvent<CalibrateRequest>) => {
  handleCalibrateRequest(event.data, (message: CalibrateResponse) => scope.postMessage(message))
}
