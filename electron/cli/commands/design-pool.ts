import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { fileURLToPath } from 'node:url'
import type { Design } from '../../../shared/design/types'
import { evaluateSerially, type DesignBatchEvaluator, type DesignOutcome } from '../../../shared/analysis/evaluate'

/**
 * A pool of worker threads that evaluate designs for `sensitivity` and `optimize` (issue 13,
 * "all cores").
 *
 * Why results do not depend on the number of workers: a batch is cut into chunks, each chunk
 * is evaluated by one worker with the same pure function (`evaluateOutcome`), and the
 * outcomes are put back in the batch's order. The analyses draw all their random numbers
 * before a batch is sent, so nothing random happens in a worker.
 *
 * Each worker loads the TypeScript sources through tsx, as bin/nanoforge.js does.
 */
export interface DesignPool {
  readonly workers: number
  readonly evaluate: DesignBatchEvaluator
  /** Stops every worker; the pool cannot be used afterwards. */
  close(): Promise<void>
}

/** The number of workers when none is asked for: every core, at most 8. */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(8, availableParallelism()))
}

const WORKER_MODULE = fileURLToPath(new URL('./design-pool-worker.ts', import.meta.url))

/**
 * Source of each worker, evaluated as a script: it imports tsx's loader and then the worker
 * module, which answers `{ id, designs, hours }` messages with `{ id, outcomes }`.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads')
import('tsx/esm/api').then(({ tsImport }) => tsImport(workerData.module, workerData.base))
`

interface Pending {
  readonly resolve: (outcomes: DesignOutcome[]) => void
  readonly reject: (error: Error) => void
}

/** Starts `count` workers (1 → no threads: the serial evaluator). */
export function createDesignPool(count = defaultWorkerCount()): DesignPool {
  if (!Number.isInteger(count) || count < 1) throw new Error(`design pool: the number of workers must be a whole number ≥ 1, got ${count}`)
  if (count === 1) return { workers: 1, evaluate: evaluateSerially, close: () => Promise.resolve() }
  const workers = Array.from({ length: count }, () => new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { module: WORKER_MODULE, base: import.meta.url },
  }))
  const pending = new Map<number, Pending>()
  let nextId = 0
  let failure: Error | undefined
  for (const w of workers) {
    w.on('message', (msg: { id: number; outcomes?: DesignOutcome[]; error?: string }) => {
      const p = pending.get(msg.id)
      if (p === undefined) return
      pending.delete(msg.id)
      if (msg.outcomes) p.resolve(msg.outcomes)
      else p.reject(new Error(msg.error ?? 'design worker failed'))
    })
    w.on('error', (error) => {
      failure = error
      for (const p of pending.values()) p.reject(error)
      pending.clear()
    })
  }
  const request = (worker: number, designs: ReadonlyArray<Design>, hours: number): Promise<DesignOutcome[]> =>
    new Promise<DesignOutcome[]>((resolve, reject) => {
      if (failure) { reject(failure); return }
      const id = nextId++
      pending.set(id, { resolve, reject })
      workers[worker]!.postMessage({ id, designs, hours })
    })
  let busy = false
  const evaluate: DesignBatchEvaluator = async (designs, hours) => {
    if (designs.length === 0) return []
    if (busy) throw new Error('design pool: one batch at a time')
    busy = true
    try {
      // 4 chunks per worker, handed to whichever worker is free: designs that take longer
      // than others do not leave a worker idle
      const chunkSize = Math.max(1, Math.ceil(designs.length / (4 * count)))
      const starts: number[] = []
      for (let s = 0; s < designs.length; s += chunkSize) starts.push(s)
      const results: DesignOutcome[][] = new Array(starts.length)
      let next = 0
      const drain = async (worker: number): Promise<void> => {
        while (next < starts.length) {
          const i = next++
          results[i] = await request(worker, designs.slice(starts[i]!, starts[i]! + chunkSize), hours)
        }
      }
      await Promise.all(workers.map((_, w) => drain(w)))
      return results.flat()
    } finally {
      busy = false
    }
  }
  return {
    workers: count,
    evaluate,
    close: async () => { await Promise.all(workers.map((w) => w.terminate())) },
  }
}
