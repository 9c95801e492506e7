import type { Design } from '../../../shared/design/types'
import type { PublishedExperiment } from '../../../shared/engine/validation/published-like'
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
  makeWorker: () => PublishedLikeWorker = () => new Worker(new URL('./published-like.worker.ts', import.meta.url), { type: 'module', name: 'nanoforge-published' }) as unknown as PublishedLikeWorker,
): PublishedLikeClient {
  let worker: PublishedLikeWorker | null = null
  let nextId = 1
  let inFlight: number | null = null
  let waiting: Design | null = null
  let disposed = false

  const send = (design: Design): void => {
    const id = nextId++
    inFlight = id
    ensure().postMessage({ id, design })
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
      onAnswer(m.ok ? { ok: true, experiments: m.experiments, elapsedMs: m.elapsedMs } : { ok: false, message: m.message })
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
