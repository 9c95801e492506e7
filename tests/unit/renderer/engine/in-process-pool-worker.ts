import { handlePoolMessage } from '../../../../renderer/engine/pool-handler'
import type { PoolEnvelope, PoolReply } from '../../../../renderer/engine/pool-protocol'
import type { PoolSlot, PoolWorkerLike } from '../../../../renderer/engine/worker-pool'

/**
 * An in-process stand-in for a pool worker (renderer/engine/pool.worker.ts) that runs the real
 * pool handler with the real engine and calibration. The pool is what the tests exercise.
 *
 * `auto` workers answer each task on a later macrotask, as the real worker does; `manual`
 * workers hold every task until the test answers it (to control which task is still running).
 */
export class InProcessPoolWorker implements PoolWorkerLike {
  onmessage: ((event: MessageEvent<PoolReply>) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  readonly received: PoolEnvelope[] = []
  terminated = false

  constructor(readonly slot: PoolSlot, readonly mode: 'manual' | 'auto') {}

  postMessage(message: PoolEnvelope): void {
    if (this.terminated) throw new Error('postMessage on a terminated worker')
    this.received.push(message)
    if (this.mode === 'auto') setTimeout(() => this.answer(message), 0)
  }

  terminate(): void {
    this.terminated = true
  }

  /** Computes the real answer to a task with the pool worker's own handler and sends it. */
  answer(envelope: PoolEnvelope = this.received.at(-1)!): void {
    if (this.terminated) return
    let clockMs = 0
    handlePoolMessage(envelope, (reply) => {
      if (!this.terminated) this.onmessage?.({ data: reply } as MessageEvent<PoolReply>)
    }, () => (clockMs += 100))
  }

  /** The worker dies (an out-of-memory kill, a script that fails to load): its error event. */
  crash(message: string): void {
    this.onerror?.({ message } as ErrorEvent)
  }

  /** The kinds of the tasks this worker was given, in order. */
  kinds(): string[] {
    return this.received.map((e) => e.task.request.kind)
  }
}

/** A pool worker factory that records every worker it made. */
export function poolWorkerFactory(mode: 'manual' | 'auto'): { readonly make: (slot: PoolSlot) => InProcessPoolWorker; readonly workers: InProcessPoolWorker[] } {
  const workers: InProcessPoolWorker[] = []
  return {
    workers,
    make: (slot) => {
      const w = new InProcessPoolWorker(slot, mode)
      workers.push(w)
      return w
    },
  }
}
