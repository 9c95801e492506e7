import type { Design } from '../../shared/design/types'
import type { DesignSimulation } from '../../shared/engine/simulate'
import type { MonteCarloResult } from '../../shared/engine/pbpk'
import type { EngineRequest, EngineResponse } from './protocol'

/** Result of a run that a newer request made stale (latest change wins). */
export const STALE = Symbol('stale')

/** A cancellable Monte Carlo run. */
export interface UncertaintyRun {
  readonly promise: Promise<MonteCarloResult | typeof STALE>
  cancel(): void
}

/** The renderer's handle on the engine; panels use it through the estimate store. */
export interface EngineClient {
  /** Evaluates a design; resolves to STALE when a newer simulate call superseded it. */
  simulate(design: Design, hours?: number): Promise<{ result: DesignSimulation; elapsedMs: number } | typeof STALE>
  /** Monte Carlo band; a new call or `cancel()` stops the previous run at once. */
  uncertainty(design: Design, options: { samples: number; seed: number; hours?: number }, onProgress?: (done: number, total: number) => void): UncertaintyRun
  dispose(): void
}

/** Something that behaves like a dedicated Worker (a real one, or an in-process stand-in). */
export interface WorkerLike {
  postMessage(message: EngineRequest): void
  onmessage: ((event: MessageEvent<EngineResponse>) => void) | null
  terminate(): void
}

/** Creates a real module worker running renderer/engine/engine.worker.ts. */
export function createEngineWorker(): WorkerLike {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'nanoforge-engine' }) as unknown as WorkerLike
}

/**
 * Engine client with two workers: one for the fast single-design estimate, where the latest
 * request wins and older answers are dropped; one for Monte Carlo, which is cancelled by
 * terminating its worker (a synchronous loop cannot read a cancel message) and recreated on
 * the next run.
 */
export function createEngineClient(makeWorker: () => WorkerLike = createEngineWorker): EngineClient {
  let nextId = 1
  const fast = makeWorker()
  let latestSimulate = 0
  const pendingSimulate = new Map<number, (value: { result: DesignSimulation; elapsedMs: number } | typeof STALE) => void>()
  const failSimulate = new Map<number, (reason: Error) => void>()

  fast.onmessage = (event) => {
    const message = event.data
    const resolve = pendingSimulate.get(message.id)
    const reject = failSimulate.get(message.id)
    pendingSimulate.delete(message.id)
    failSimulate.delete(message.id)
    if (!resolve || !reject) return
    if (message.id !== latestSimulate) resolve(STALE)
    else if (message.kind === 'simulation') resolve({ result: message.result, elapsedMs: message.elapsedMs })
    else if (message.kind === 'error') reject(new Error(message.message))
  }

  let slow: WorkerLike | null = null
  let current: { id: number; resolve: (v: MonteCarloResult | typeof STALE) => void } | null = null

  function stopSlow(): void {
    if (current) current.resolve(STALE)
    current = null
    slow?.terminate()
    slow = null
  }

  return {
    simulate(design, hours = 72) {
      const id = nextId++
      latestSimulate = id
      // Older requests still queued in the worker will come back STALE.
      return new Promise((resolve, reject) => {
        pendingSimulate.set(id, resolve)
        failSimulate.set(id, reject)
        fast.postMessage({ id, kind: 'simulate', design, hours })
      })
    },
    uncertainty(design, options, onProgress) {
      stopSlow()
      const id = nextId++
      const worker = makeWorker()
      slow = worker
      const promise = new Promise<MonteCarloResult | typeof STALE>((resolve, reject) => {
        current = { id, resolve }
        worker.onmessage = (event) => {
          const message = event.data
          if (message.id !== id) return
          if (message.kind === 'progress') onProgress?.(message.done, message.total)
          else if (message.kind === 'uncertainty') {
            current = null
            resolve(message.result)
          } else if (message.kind === 'error') {
            current = null
            reject(new Error(message.message))
          }
        }
      })
      worker.postMessage({ id, kind: 'uncertainty', design, hours: options.hours ?? 72, samples: options.samples, seed: options.seed })
      return {
        promise,
        cancel: () => {
          if (slow === worker) stopSlow()
        },
      }
    },
    dispose() {
      stopSlow()
      fast.terminate()
      for (const resolve of pendingSimulate.values()) resolve(STALE)
      pendingSimulate.clear()
      failSimulate.clear()
    },
  }
}
