/// <reference lib="webworker" />
import type { EngineRequest, EngineResponse } from './protocol'
import { handleEngineRequest } from './engine-handler'

/**
 * The engine worker: runs the shared engine off the UI thread, so the 3D view and the
 * sliders never wait on it (vision: "the UI never waits on it"). One request at a time;
 * the client cancels a Monte Carlo run or a batch by terminating this worker.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope

scope.onmessage = (event: MessageEvent<EngineRequest>) => {
  handleEngineRequest(event.data, (message: EngineResponse) => scope.postMessage(message))
}
