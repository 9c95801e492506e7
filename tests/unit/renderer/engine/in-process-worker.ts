import { handleEngineRequest } from '../../../../renderer/engine/engine-handler'
import type { WorkerLike } from '../../../../renderer/engine/engine-client'
import type { EngineRequest, EngineResponse } from '../../../../renderer/engine/protocol'

/**
 * An in-process stand-in for the engine worker that speaks the worker protocol
 * (renderer/engine/protocol.ts). The protocol is the engine client's collaborator; the
 * client is what the tests exercise.
 *
 * `manual` workers hold every request until the test answers it (to control ordering);
 * `auto` workers answer each request on a later macrotask with the real shared engine, like
 * the real worker does.
 */
export class InProcessWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<EngineResponse>) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  readonly received: EngineRequest[] = []
  terminated = false
  /** Messages this worker tried to send after it was terminated (a real worker cannot). */
  droppedAfterTerminate = 0

  constructor(readonly mode: 'manual' | 'auto') {}

  postMessage(message: EngineRequest): void {
    if (this.terminated) throw new Error('postMessage on a terminated worker')
    this.received.push(message)
    if (this.mode === 'auto') setTimeout(() => this.answer(message), 0)
  }

  terminate(): void {
    this.terminated = true
  }

  /** Sends one response to the client, as the worker's postMessage would. */
  send(message: EngineResponse): void {
    if (this.terminated) {
      this.droppedAfterTerminate++
      return
    }
    this.onmessage?.({ data: message } as MessageEvent<EngineResponse>)
  }

  /**
   * Computes the real answer to a request with the worker's own handler and sends it. Its
   * clock advances 100 ms per reading, so every Monte Carlo progress message is forwarded
   * (the real worker throttles them to ~20 per second).
   */
  answer(request: EngineRequest): void {
    if (this.terminated) return
    let clockMs = 0
    handleEngineRequest(request, (message) => this.send(message), () => (clockMs += 100))
  }

  /** The most recent request of a kind. */
  last(kind: EngineRequest['kind']): EngineRequest | undefined {
    return [...this.received].reverse().find((r) => r.kind === kind)
  }
}

/** A worker factory that records every worker it made. */
export function workerFactory(mode: 'manual' | 'auto'): { readonly make: () => InProcessWorker; readonly workers: InProcessWorker[] } {
  const workers: InProcessWorker[] = []
  return {
    workers,
    make: () => {
      const w = new InProcessWorker(mode)
      workers.push(w)
      return w
    },
  }
}
