/// <reference lib="webworker" />
import { simulateDesign, simulateDesignUncertainty } from '../../shared/engine/simulate'
import type { EngineRequest, EngineResponse } from './protocol'

/**
 * The engine worker: runs the shared engine off the UI thread, so the 3D view and the
 * sliders never wait on it (vision: "the UI never waits on it"). One request at a time;
 * the client cancels a Monte Carlo run by terminating this worker.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope

function post(message: EngineResponse): void {
  scope.postMessage(message)
}

scope.onmessage = (event: MessageEvent<EngineRequest>) => {
  const request = event.data
  const started = performance.now()
  try {
    if (request.kind === 'simulate') {
      const result = simulateDesign(request.design, { hours: request.hours })
      post({ id: request.id, kind: 'simulation', result, elapsedMs: performance.now() - started })
    } else {
      let lastPost = 0
      const result = simulateDesignUncertainty(request.design, {
        samples: request.samples,
        seed: request.seed,
        hours: request.hours,
        onProgress: (done, total) => {
          // Throttle progress messages to ~20 per second.
          const now = performance.now()
          if (now - lastPost > 50 || done === total) {
            lastPost = now
            post({ id: request.id, kind: 'progress', done, total })
          }
        },
      })
      post({ id: request.id, kind: 'uncertainty', result, elapsedMs: performance.now() - started })
    }
  } catch (error) {
    post({ id: request.id, kind: 'error', message: error instanceof Error ? error.message : String(error) })
  }
}
