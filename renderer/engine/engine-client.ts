import type { Design } from '../../shared/design/types'
import type { DesignSimulation } from '../../shared/engine/simulate'
import { summarizeMonteCarlo, type MonteCarloResult, type MonteCarloSamples } from '../../shared/engine/pbpk'
import type { HorizonChoice } from '../features/release/release-format'
import type { BatchItem, EngineRequest, EngineResponse } from './protocol'
import type { DesignBatchEvaluator, DesignOutcome } from '../../shared/analysis/evaluate'
import type { ParameterBatchEvaluator, ParameterRow } from '../../shared/analysis/parameter-sensitivity'
import { MIN_ITEMS_PER_RANGE } from '../../shared/analysis/chunks'
import type { ReleaseView } from './release-horizon'
import { poolSize, sharedWorkerPool } from './worker-pool'

/** Result of a run that a newer request made stale (latest change wins). */
export const STALE = Symbol('stale')

/** A cancellable Monte Carlo run. */
export interface UncertaintyRun {
  readonly promise: Promise<MonteCarloResult | typeof STALE>
  cancel(): void
}

/** One evaluated design, its release at the chart's horizon, and how long the worker took. */
export interface SimulateAnswer {
  readonly result: DesignSimulation
  readonly releaseView: ReleaseView
  readonly elapsedMs: number
}

/** A cancellable evaluation of several designs in one worker call. */
export interface BatchRun {
  /** One item per design, in order; STALE when cancelled. */
  readonly promise: Promise<ReadonlyArray<BatchItem> | typeof STALE>
  cancel(): void
}

/** The renderer's handle on the engine; panels use it through the estimate store. */
export interface EngineClient {
  /**
   * Evaluates a design (and its release at the release chart's horizon, 'auto' by default);
   * resolves to STALE when a newer simulate call superseded it.
   */
  simulate(design: Design, hours?: number, releaseHorizon?: HorizonChoice): Promise<SimulateAnswer | typeof STALE>
  /**
   * Evaluates several designs in one call to a worker of their own (the live estimate is not
   * disturbed); each batch is independent, and `cancel()` stops it at once.
   */
  simulateBatch(designs: ReadonlyArray<Design>, hours: number): BatchRun
  /** Monte Carlo band; a new call or `cancel()` stops the previous run at once. */
  uncertainty(design: Design, options: { samples: number; seed: number; hours?: number }, onProgress?: (done: number, total: number) => void): UncertaintyRun
  dispose(): void
}

/** Something that behaves like a dedicated Worker (a real one, or an in-process stand-in). */
export interface WorkerLike {
  postMessage(message: EngineRequest): void
  onmessage: ((event: MessageEvent<EngineResponse>) => void) | null
  /** A worker that fails to load or throws outside a request (optional for stand-ins). */
  onerror?: ((event: ErrorEvent) => void) | null
  terminate(): void
}

/**
 * A handle on the app's shared worker pool (worker-pool.ts) that speaks the engine protocol:
 * every feature's "engine worker" is one of these, so the whole app shares one set of Web
 * Workers, with the live estimate in a lane of its own. Terminating it cancels its own tasks.
 */
export function createEngineWorker(): WorkerLike {
  return sharedWorkerPool().enginePort()
}

interface PendingSimulate {
  readonly id: number
  readonly design: Design
  readonly hours: number
  readonly releaseHorizon: HorizonChoice
  readonly resolve: (value: SimulateAnswer | typeof STALE) => void
  readonly reject: (reason: Error) => void
}

function errorText(event: ErrorEvent | undefined): string {
  return event?.message ? `Engine worker failed: ${event.message}` : 'Engine worker failed to run.'
}

/**
 * Fewest Monte Carlo samples worth a worker of their own: a module worker takes a moment to
 * load the engine, and a sample ~2 ms.
 */
export const MIN_SAMPLES_PER_UNCERTAINTY_WORKER = 50

/**
 * Most samples in one pool task of a Monte Carlo run. Why a cap: a task cannot be interrupted,
 * so an interactive task (a patient estimate, the compare dialog's designs) queued behind the
 * run waits for the range in flight: 100 samples are ~0.1–0.2 s (a sample ~1–2 ms), where one
 * range per worker would be a whole share of the run (seconds for thousands of samples).
 */
export const MAX_SAMPLES_PER_RANGE = 100

/**
 * Fewest samples in a range: each range sets its run up again (~2 ms, shared/engine/pbpk/
 * monte-carlo.ts monteCarloRun) and sends its samples back in one message, a few % of 25
 * samples' time.
 */
export const MIN_SAMPLES_PER_RANGE = 25

/**
 * The contiguous sample ranges of a Monte Carlo run on `workers` workers, in order: guided
 * self-scheduling (shared/analysis/chunks.ts; each range 1/(2·workers) of the samples left) so
 * the workers finish together whatever share of a core each gets, within
 * [MIN_SAMPLES_PER_RANGE, MAX_SAMPLES_PER_RANGE].
 */
export function monteCarloRanges(samples: number, workers: number): Array<[number, number]> {
  return cappedGuidedRanges(samples, workers, MIN_SAMPLES_PER_RANGE, MAX_SAMPLES_PER_RANGE)
}

/**
 * Contiguous ranges of `total` items for pool tasks, in order: guided self-scheduling
 * (Polychronopoulos & Kuck 1987, IEEE Trans Comput C-36:1425; shared/analysis/chunks.ts), each
 * range 1/(2·workers) of the items left, at least `minSize` and at most `maxSize` (the cap
 * bounds how long an interactive task queued behind the run waits).
 */
export function cappedGuidedRanges(total: number, workers: number, minSize: number, maxSize: number): Array<[number, number]> {
  const out: Array<[number, number]> = []
  let from = 0
  while (from < total) {
    const size = Math.min(total - from, maxSize, Math.max(minSize, Math.ceil((total - from) / (2 * workers))))
    out.push([from, from + size])
    from += size
  }
  return out
}

/**
 * Parts a Monte Carlo run, an analysis batch or a cohort is split into in this browser: one
 * per general worker of the shared pool (every core, at most 8: worker-pool.ts poolSize).
 */
export function defaultUncertaintyWorkers(): number {
  return poolSize()
}

/**
 * Engine client on the shared pool's workers (worker-pool.ts; a worker here is a pool handle,
 * `makeWorker` a stand-in's factory in tests).
 *
 * The fast worker evaluates one design at a time (its 'simulate' tasks run in the pool's live
 * lane). While it works, newer requests do not
 * queue up behind each other: only the latest waiting request is kept (older waiting ones
 * resolve STALE at once), and it is sent when the worker answers. So a fast slider drag
 * costs at most one extra evaluation, and the latest change always wins. An answer for a
 * request that is no longer the latest resolves STALE too.
 *
 * The Monte Carlo workers are cancelled by terminating them (their synchronous loops cannot
 * read a cancel message; on the pool this terminates only the workers running this run's
 * ranges, which the pool replaces) and fresh ones are created for the next run; the workers of
 * a run that finishes are kept for the next one (on the pool the real workers stay alive, and
 * warm, between tasks anyway); the fast worker is untouched. `uncertaintyWorkers` of them
 * share a run in short contiguous ranges of samples (monteCarloRanges; a run of at most
 * MAX_SAMPLES_PER_RANGE samples on one worker is one task). Every sample has its own random
 * stream, so the band is the same on any number of workers and ranges (shared/engine/pbpk/
 * monte-carlo.ts).
 */
export function createEngineClient(makeWorker: () => WorkerLike = createEngineWorker, uncertaintyWorkers = 1): EngineClient {
  let nextId = 1
  let latestSimulate = 0
  let fast: WorkerLike | null = null
  let inFlight: PendingSimulate | null = null
  let waiting: PendingSimulate | null = null
  let disposed = false

  function send(request: PendingSimulate): void {
    inFlight = request
    fastWorker().postMessage({ id: request.id, kind: 'simulate', design: request.design, hours: request.hours, releaseHorizon: request.releaseHorizon })
  }

  function sendWaiting(): void {
    const next = waiting
    waiting = null
    if (next && !disposed) send(next)
  }

  function fastWorker(): WorkerLike {
    if (fast) return fast
    const worker = makeWorker()
    worker.onmessage = (event) => {
      const message = event.data
      const request = inFlight
      if (!request || message.id !== request.id) return
      if (message.kind !== 'simulation' && message.kind !== 'error') return
      inFlight = null
      if (message.id !== latestSimulate) request.resolve(STALE)
      else if (message.kind === 'simulation') request.resolve({ result: message.result, releaseView: message.releaseView, elapsedMs: message.elapsedMs })
      else request.reject(new Error(message.message))
      sendWaiting()
    }
    worker.onerror = (event) => {
      // A broken worker: fail the request in flight and start a fresh worker for the next.
      const request = inFlight
      inFlight = null
      worker.terminate()
      if (fast === worker) fast = null
      request?.reject(new Error(errorText(event)))
      sendWaiting()
    }
    fast = worker
    return worker
  }

  let slow: WorkerLike[] = []
  // warm Monte Carlo workers of finished runs, kept for the next run
  let idle: WorkerLike[] = []
  const batches = new Set<WorkerLike>()
  const cancels = new Set<() => void>()
  let current: { id: number; resolve: (v: MonteCarloResult | typeof STALE) => void } | null = null

  function stopSlow(): void {
    if (current) current.resolve(STALE)
    current = null
    for (const w of slow) w.terminate()
    slow = []
  }

  return {
    simulate(design, hours = 72, releaseHorizon = 'auto') {
      const id = nextId++
      latestSimulate = id
      return new Promise((resolve, reject) => {
        if (disposed) {
          resolve(STALE)
          return
        }
        const request: PendingSimulate = { id, design, hours, releaseHorizon, resolve, reject }
        if (inFlight) {
          waiting?.resolve(STALE)
          waiting = request
        } else {
          send(request)
        }
      })
    },
    uncertainty(design, options, onProgress) {
      stopSlow()
      const id = nextId++
      const hours = options.hours ?? 72
      const { samples, seed } = options
      const k = Math.max(1, Math.min(uncertaintyWorkers, Math.floor(samples / MIN_SAMPLES_PER_UNCERTAINTY_WORKER)))
      const workers = Array.from({ length: k }, () => idle.pop() ?? makeWorker())
      slow = workers
      const mine = (): boolean => slow === workers
      const promise = new Promise<MonteCarloResult | typeof STALE>((resolve, reject) => {
        current = { id, resolve }
        // a finished run's workers stay alive for the next run: a fresh worker loads the
        // engine and runs its first few hundred samples in V8's baseline tiers (~1.5-2x
        // slower than a warm one)
        const finish = (): void => {
          current = null
          if (!mine()) return
          slow = []
          if (disposed) for (const w of workers) w.terminate()
          else idle.push(...workers)
        }
        const fail = (error: Error): void => {
          current = null
          for (const w of workers) w.terminate()
          if (mine()) slow = []
          reject(error)
        }
        if (k === 1 && samples <= MAX_SAMPLES_PER_RANGE) {
          const worker = workers[0]!
          worker.onmessage = (event) => {
            const message = event.data
            if (message.id !== id || !mine()) return
            if (message.kind === 'progress') onProgress?.(message.done, message.total)
            else if (message.kind === 'uncertainty') {
              finish()
              resolve(message.result)
            } else if (message.kind === 'error') fail(new Error(message.message))
          }
          worker.onerror = (event) => { if (mine()) fail(new Error(errorText(event))) }
          worker.postMessage({ id, kind: 'uncertainty', design, hours, samples, seed })
          return
        }
        // short contiguous ranges (monteCarloRanges), each taken in order by whichever worker
        // is free; the pieces summarised in the ranges' order; progress summed over the ranges
        const ranges = monteCarloRanges(samples, k)
        const done = new Array<number>(ranges.length).fill(0)
        // a dense array: every() skips the holes of `new Array(n)`
        const pieces: Array<MonteCarloSamples | undefined> = Array.from({ length: ranges.length }, () => undefined)
        let next = 0
        const send = (worker: WorkerLike, at: { range: number }): void => {
          if (next >= ranges.length) return
          at.range = next++
          const [from, to] = ranges[at.range]!
          // a worker has one range in flight at a time (the next is sent on its answer), so the
          // run's id and `at` tell every message's range
          worker.postMessage({ id, kind: 'uncertainty-range', design, hours, samples, seed, from, to })
        }
        workers.forEach((worker) => {
          const at = { range: -1 }
          worker.onmessage = (event) => {
            const message = event.data
            if (message.id !== id || !mine()) return
            if (message.kind === 'progress') {
              done[at.range] = message.done
              onProgress?.(done.reduce((a, b) => a + b, 0), samples)
            } else if (message.kind === 'uncertainty-samples') {
              pieces[at.range] = message.samples
              done[at.range] = ranges[at.range]![1] - ranges[at.range]![0]
              if (pieces.every((p) => p !== undefined)) {
                finish()
                // a summary that fails must reject the run, not leave it pending
                try {
                  resolve(summarizeMonteCarlo(pieces as MonteCarloSamples[], samples, seed))
                } catch (error) {
                  reject(error instanceof Error ? error : new Error(String(error)))
                }
              } else {
                send(worker, at)
              }
            } else if (message.kind === 'error') fail(new Error(message.message))
          }
          worker.onerror = (event) => { if (mine()) fail(new Error(errorText(event))) }
          send(worker, at)
        })
      })
      return {
        promise,
        cancel: () => {
          if (mine()) stopSlow()
        },
      }
    },
    simulateBatch(designs, hours) {
      const id = nextId++
      if (disposed) return { promise: Promise.resolve(STALE), cancel: () => undefined }
      const worker = makeWorker()
      batches.add(worker)
      let settle: ((v: ReadonlyArray<BatchItem> | typeof STALE) => void) | null = null
      const finish = (): void => {
        settle = null
        batches.delete(worker)
        worker.terminate()
      }
      const promise = new Promise<ReadonlyArray<BatchItem> | typeof STALE>((resolve, reject) => {
        settle = resolve
        worker.onmessage = (event) => {
          const message = event.data
          if (message.id !== id || !settle) return
          if (message.kind === 'batch') {
            finish()
            resolve(message.items)
          } else if (message.kind === 'error') {
            finish()
            reject(new Error(message.message))
          }
        }
        worker.onerror = (event) => {
          if (!settle) return
          finish()
          reject(new Error(errorText(event)))
        }
      })
      worker.postMessage({ id, kind: 'simulate-batch', designs: [...designs], hours })
      const cancel = (): void => {
        const s = settle
        if (!s) return
        finish()
        s(STALE)
      }
      cancels.add(cancel)
      void promise.finally(() => cancels.delete(cancel)).catch(() => undefined)
      return { promise, cancel }
    },
    dispose() {
      disposed = true
      for (const cancel of [...cancels]) cancel()
      stopSlow()
      for (const w of idle) w.terminate()
      idle = []
      fast?.terminate()
      fast = null
      inFlight?.resolve(STALE)
      waiting?.resolve(STALE)
      inFlight = null
      waiting = null
    },
  }
}

// ---------------------------------------------------------------------------------------
// Analysis pool (issue 13): the sensitivity and find-designs panels
// ---------------------------------------------------------------------------------------

/**
 * Most designs (or parameter points) in one pool task of an analysis: ~1-2 ms each, so 50 are
 * ~0.05-0.1 s, what an interactive task queued behind the analysis waits at most; the messages
 * (~0.1 ms each) stay a fraction of a per cent of the range's time.
 */
export const MAX_ITEMS_PER_RANGE = 50

/** The error a cancelled analysis run rejects with (its message is shown as "Cancelled"). */
export class AnalysisCancelledError extends Error {
  constructor() {
    super('Cancelled.')
    this.name = 'AnalysisCancelledError'
  }
}


/**
 * Workers for one analysis run (a sensitivity or an optimisation).
 *
 * Why results do not depend on the number of workers: `evaluate` cuts a batch into chunks,
 * each evaluated in a worker by the same pure function (evaluateOutcome), and puts the
 * outcomes back in the batch's order; the analyses (shared/analysis) draw every random
 * number on the UI thread before a batch is handed out. This is the CLI's design pool
 * (electron/cli/commands/design-pool.ts) over Web Workers.
 */
export interface AnalysisPool {
  /** Most workers this pool starts (fewer for small batches). */
  readonly workers: number
  /** Evaluates designs, chunked over the workers; rejects with AnalysisCancelledError after terminate(). */
  readonly evaluate: DesignBatchEvaluator
  /** Read by the analyses between slices or generations; set by abort(). */
  readonly signal: { readonly aborted: boolean }
  /**
   * Evaluates points of a sensitivity over the engine's uncertain parameters (multiplier
   * vectors of one design), chunked over the workers like designs; rejects with
   * AnalysisCancelledError after terminate().
   */
  readonly evaluateParameters: ParameterBatchEvaluator
  /** Asks the analysis to stop at its next check (an optimisation keeps the front it has). */
  abort(): void
  /** Stops every worker at once; work in flight rejects with AnalysisCancelledError. */
  terminate(): void
}

/** Starts an analysis pool of up to `workers` workers (each made when first needed). */
export function createAnalysisPool(makeWorker: () => WorkerLike = createEngineWorker, workers = defaultUncertaintyWorkers()): AnalysisPool {
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`analysis pool: the number of workers must be a whole number ≥ 1, got ${workers}`)
  const signal = { aborted: false }
  let terminated = false
  let nextId = 1
  const started: WorkerLike[] = []
  const pending = new Map<number, { readonly reject: (e: Error) => void }>()

  /** Sends one request to a worker and resolves with its final answer. */
  const ask = <T>(worker: WorkerLike, build: (id: number) => EngineRequest, accept: (m: EngineResponse) => T | undefined, onProgress?: (done: number, total: number) => void): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (terminated) { reject(new AnalysisCancelledError()); return }
      const id = nextId++
      pending.set(id, { reject })
      worker.onmessage = (event) => {
        const message = event.data
        if (message.id !== id || !pending.has(id)) return
        if (message.kind === 'progress') { onProgress?.(message.done, message.total); return }
        pending.delete(id)
        if (message.kind === 'error') { reject(new Error(message.message)); return }
        const value = accept(message)
        if (value === undefined) reject(new Error(`analysis pool: unexpected answer '${message.kind}'`))
        else resolve(value)
      }
      worker.onerror = (event) => {
        if (!pending.delete(id)) return
        reject(new Error(errorText(event)))
      }
      worker.postMessage(build(id))
    })

  const worker = (i: number): WorkerLike => {
    while (started.length <= i) started.push(makeWorker())
    return started[i]!
  }

  let busy = false
  /** A batch in chunks over the workers, the answers put back in the batch's order. */
  const chunked = async <I, O>(items: ReadonlyArray<I>, ask1: (w: number, chunk: ReadonlyArray<I>) => Promise<ReadonlyArray<O>>): Promise<O[]> => {
    if (items.length === 0) return []
    if (terminated) throw new AnalysisCancelledError()
    if (busy) throw new Error('analysis pool: one batch at a time')
    busy = true
    try {
      // guided ranges (long first, down to MIN_ITEMS_PER_RANGE: shared/analysis/chunks.ts; at
      // most MAX_ITEMS_PER_RANGE, so an interactive task queued behind the analysis on the
      // shared pool waits for one short range), taken by whichever worker is free, so the
      // workers finish together; a batch too small for a range per worker uses fewer workers
      const count = Math.max(1, Math.min(workers, Math.floor(items.length / MIN_ITEMS_PER_RANGE)))
      const ranges = cappedGuidedRanges(items.length, count, MIN_ITEMS_PER_RANGE, MAX_ITEMS_PER_RANGE)
      const results: Array<ReadonlyArray<O>> = new Array(ranges.length)
      let next = 0
      const drain = async (w: number): Promise<void> => {
        while (next < ranges.length) {
          const i = next++
          const chunk = items.slice(...ranges[i]!)
          results[i] = await ask1(w, chunk)
          if (results[i]!.length !== chunk.length) throw new Error(`analysis pool: ${results[i]!.length} answers for ${chunk.length} items`)
        }
      }
      await Promise.all(Array.from({ length: count }, (_, w) => drain(w)))
      return results.flat()
    } finally {
      busy = false
    }
  }
  const evaluate: DesignBatchEvaluator = (designs, hours) => chunked<Design, DesignOutcome>(designs, (w, chunk) =>
    ask(worker(w), (id) => ({ id, kind: 'evaluate-designs', designs: chunk, hours }), (m) => (m.kind === 'design-outcomes' ? m.outcomes : undefined)))
  const evaluateParameters: ParameterBatchEvaluator = (design, hours, points) => chunked<ReadonlyArray<number>, ParameterRow>(points, (w, chunk) =>
    ask(worker(w), (id) => ({ id, kind: 'evaluate-parameters', design, hours, points: chunk }), (m) => (m.kind === 'parameter-rows' ? m.rows : undefined)))

  return {
    workers,
    evaluate,
    signal,
    evaluateParameters,
    abort: () => { signal.aborted = true },
    terminate: () => {
      signal.aborted = true
      if (terminated) return
      terminated = true
      for (const w of started) w.terminate()
      const waiting = [...pending.values()]
      pending.clear()
      for (const p of waiting) p.reject(new AnalysisCancelledError())
    },
  }
}
