import type { Design } from '../../../shared/design/types'
import type { PublishedExperiment } from '../../../shared/engine/validation/published-like'
import type { ValidationRowView } from '../../../shared/engine/validation/validation-table'
import type { PublishedLikeRequest, PublishedLikeResponse } from './published-like-protocol'

/** What the client needs of a worker (a real one, or an in-process stand-in in the tests). */
export interface PublishedLikeWorker {
  postMessage(message: PublishedLikeRequest): void
  onmessage: ((event: MessageEvent<PublishedLikeResponse>) => void) | null
  onerror?: ((event: ErrorEvent) => void) | null
  terminate(): void
}

/** The answer for the latest design asked about; older answers are dropped. */
export type PublishedLikeAnswer =
  | { readonly ok: true; readonly experiments: ReadonlyArray<PublishedExperiment>; readonly elapsedMs: number }
  | { readonly ok: false; readonly message: string }

/**
 * One worker, latest request wins: while a request runs, only the newest waiting design is kept
 * and sent when the worker answers, so dragging a slider costs at most one extra lookup.
 */
export interface PublishedLikeClient {
  ask(design: Design): void
  dispose(): void
}

export function createPublishedLikeClient(
  onAnswer: (answer: PublishedLikeAnswer) => void,
  makeWorker: () => PublishedLikeWorker = publishedWorker,
): PublishedLikeClient {
  let worker: PublishedLikeWorker | null = null
  let nextId = 1
  let inFlight: number | null = null
  let waiting: Design | null = null
  let disposed = false

  const send = (design: Design): void => {
    const id = nextId++
    inFlight = id
    ensure().postMessage({ id, kind: 'like', design })
  }
  const ensure = (): PublishedLikeWorker => {
    if (worker) return worker
    const w = makeWorker()
    w.onmessage = (event) => {
      const m = event.data
      if (m.id !== inFlight || disposed) return
      inFlight = null
      // an answer superseded by a newer design is dropped: the newer one goes out now
      if (waiting) {
        const next = waiting
        waiting = null
        send(next)
        return
      }
      if (!m.ok) onAnswer({ ok: false, message: m.message })
      else if ('experiments' in m) onAnswer({ ok: true, experiments: m.experiments, elapsedMs: m.elapsedMs })
    }
    w.onerror = (event) => {
      inFlight = null
      w.terminate()
      if (worker === w) worker = null
      if (!disposed) onAnswer({ ok: false, message: event?.message ? `The published-experiments worker failed: ${event.message}` : 'The published-experiments worker failed to run.' })
    }
    worker = w
    return w
  }

  return {
    ask(design) {
      if (disposed) return
      if (inFlight !== null) waiting = design
      else send(design)
    },
    dispose() {
      disposed = true
      worker?.terminate()
      worker = null
    },
  }
}

/** The worker the app starts for the published rows (published-like.worker.ts). */
export function publishedWorker(): PublishedLikeWorker {
  return new Worker(new URL('./published-like.worker.ts', import.meta.url), { type: 'module', name: 'nanoforge-published' }) as unknown as PublishedLikeWorker
}

/**
 * Every published row beside the engine (validation-table.ts), from a worker started for the
 * request and ended after it. Rejects with the worker's message.
 */
export function loadValidationTable(makeWorker: () => PublishedLikeWorker = publishedWorker): { readonly promise: Promise<ReadonlyArray<ValidationRowView>>; cancel(): void } {
  const worker = makeWorker()
  let settled = false
  const promise = new Promise<ReadonlyArray<ValidationRowView>>((resolve, reject) => {
    worker.onmessage = (event) => {
      const m = event.data
      settled = true
      worker.terminate()
      if (!m.ok) reject(new Error(m.message))
      else if ('rows' in m) resolve(m.rows)
      else reject(new Error('The published-rows worker answered with something else than the table.'))
    }
    worker.onerror = (event) => {
      settled = true
      worker.terminate()
      reject(new Error(event?.message ? `The published-rows worker failed: ${event.message}` : 'The published-rows worker failed to run.'))
    }
    worker.postMessage({ id: 1, kind: 'all' })
  })
  return { promise, cancel: () => { if (!settled) worker.terminate() } }
}
