import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { fileURLToPath } from 'node:url'
import type { Design } from '../../../shared/design/types'
import { evaluateSerially, type DesignBatchEvaluator, type DesignOutcome } from '../../../shared/analysis/evaluate'
import { guidedRanges as guidedSizes, MIN_ITEMS_PER_RANGE } from '../../../shared/analysis/chunks'
import { evaluatePatientsSerially, type PatientBatchEvaluator, type PatientOutcome } from '../../../shared/sweep/cohort'
import type { Patient } from '../../../shared/patient/schema'
import { evaluateParametersSerially, type ParameterBatchEvaluator, type ParameterRow } from '../../../shared/analysis/parameter-sensitivity'
import { designUncertaintySamples } from '../../../shared/engine/simulate'
import { summarizeMonteCarlo, type CurveBand, type MonteCarloResult, type MonteCarloSamples } from '../../../shared/engine/pbpk'
import {
  joinedSampleCount, MONTE_CARLO_CURVES, monteCarloStoreBytes, storePiece, summarizeWithCurveBands, type MonteCarloStore,
} from '../../../shared/engine/pbpk/monte-carlo'

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
  /**
   * Points of a sensitivity over the engine's uncertain parameters (`--over parameters`),
   * chunked over the workers like designs; each worker sets the design up once for all the
   * chunks of a run.
   */
  readonly parameters: ParameterBatchEvaluator
  /** (design, patient) pairs of a virtual-cohort sweep, chunked over the workers like designs. */
  readonly patients: PatientBatchEvaluator
  /**
   * The Monte Carlo band of one design, its samples split over the workers; the same band as
   * simulateDesignUncertainty on one thread (per-sample streams, shared/engine/pbpk/monte-carlo.ts).
   */
  readonly uncertainty: (design: Design, samples: number, seed: number, hours: number) => Promise<MonteCarloResult>
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
  // a design chunk answers outcomes, a Monte Carlo range its samples, a share of a summary its bands
  readonly resolve: (answer: DesignOutcome[] | PatientOutcome[] | ParameterRow[] | MonteCarloSamples | Record<string, CurveBand>) => void
  readonly reject: (error: Error) => void
}

/** Ranges of a design batch each worker holds at once (the one it runs and the next). */
const IN_FLIGHT = 2

/** Smallest range of Monte Carlo samples sent to a worker (guided scheduling). */
const MIN_RANGE = 16

/**
 * The sample ranges [from, to) of a run of `samples` over `workers`, in order: each takes
 * 1/(2·workers) of the samples still unassigned, at least MIN_RANGE (guided self-scheduling,
 * shared/analysis/chunks.ts).
 */
export function guidedRanges(samples: number, workers: number): Array<[number, number]> {
  return guidedSizes(samples, workers, MIN_RANGE)
}

/** Options of {@link createDesignPool}. */
export interface DesignPoolOptions {
  /**
   * A worker thread even for one worker (default: one worker evaluates on the calling thread,
   * which saves starting a thread). Why: the speed-up from 1 to 2 workers is measured thread
   * against thread, each warmed the same way (bench/monte-carlo-bench.ts).
   */
  readonly threads?: boolean
}

/** Starts `count` workers (1 → no threads unless `options.threads`: the serial evaluator). */
export function createDesignPool(count = defaultWorkerCount(), options: DesignPoolOptions = {}): DesignPool {
  if (!Number.isInteger(count) || count < 1) throw new Error(`design pool: the number of workers must be a whole number ≥ 1, got ${count}`)
  if (count === 1 && !options.threads) {
    const uncertainty = (design: Design, samples: number, seed: number, hours: number): Promise<MonteCarloResult> =>
      Promise.resolve(summarizeMonteCarlo([designUncertaintySamples(design, { samples, seed, hours, from: 0, to: samples })], samples, seed))
    return { workers: 1, evaluate: evaluateSerially, parameters: evaluateParametersSerially, patients: evaluatePatientsSerially, uncertainty, close: () => Promise.resolve() }
  }
  const workers = Array.from({ length: count }, () => new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { module: WORKER_MODULE, base: import.meta.url },
  }))
  const pending = new Map<number, Pending>()
  let nextId = 0
  let failure: Error | undefined
  for (const w of workers) {
    w.on('message', (msg: { id: number; outcomes?: DesignOutcome[] | PatientOutcome[]; rows?: ParameterRow[]; samples?: MonteCarloSamples; bands?: Record<string, CurveBand>; error?: string }) => {
      const p = pending.get(msg.id)
      if (p === undefined) return
      pending.delete(msg.id)
      if (msg.outcomes) p.resolve(msg.outcomes)
      else if (msg.rows) p.resolve(msg.rows)
      else if (msg.samples) p.resolve(msg.samples)
      else if (msg.bands) p.resolve(msg.bands)
      else p.reject(new Error(msg.error ?? 'design worker failed'))
    })
    w.on('error', (error) => {
      failure = error
      for (const p of pending.values()) p.reject(error)
      pending.clear()
    })
  }
  const send = <T>(worker: number, job: Record<string, unknown>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (failure) { reject(failure); return }
      const id = nextId++
      pending.set(id, { resolve: resolve as (answer: unknown) => void, reject })
      workers[worker]!.postMessage({ ...job, id })
    })
  let busy = false
  /**
   * A batch cut into guided ranges (long first, down to MIN_ITEMS_PER_RANGE), each handed to
   * whichever worker is free, so the workers finish together; the answers are put back in
   * the batch's order. Each worker holds IN_FLIGHT ranges: when it finishes one, the next is
   * already in its queue, so it never waits for this thread to wake up, read its answer and
   * post the next range (on a busy machine that wake-up took tens of milliseconds a range).
   */
  const chunked = async <I, O>(items: ReadonlyArray<I>, job: (chunk: ReadonlyArray<I>) => Record<string, unknown>): Promise<O[]> => {
    if (items.length === 0) return []
    if (busy) throw new Error('design pool: one batch at a time')
    busy = true
    try {
      const ranges = guidedSizes(items.length, count * IN_FLIGHT, MIN_ITEMS_PER_RANGE)
      const results: O[][] = new Array(ranges.length)
      let next = 0
      const drain = async (worker: number): Promise<void> => {
        while (next < ranges.length) {
          const i = next++
          const chunk = items.slice(...ranges[i]!)
          results[i] = await send<O[]>(worker, job(chunk))
          if (results[i]!.length !== chunk.length) throw new Error(`design pool: ${results[i]!.length} answers for ${chunk.length} items`)
        }
      }
      await Promise.all(workers.flatMap((_, w) => Array.from({ length: IN_FLIGHT }, () => drain(w))))
      return results.flat()
    } finally {
      busy = false
    }
  }
  const evaluate: DesignBatchEvaluator = (designs, hours) => chunked<Design, DesignOutcome>(designs, (chunk) => ({ designs: chunk, hours }))
  const patients: PatientBatchEvaluator = (items, hours, cohort) =>
    chunked<{ readonly design: Design; readonly patient: Patient }, PatientOutcome>(items, (chunk) => ({ kind: 'patients', items: chunk, hours, cohort }))
  const parameters: ParameterBatchEvaluator = (design, hours, points) =>
    chunked<ReadonlyArray<number>, ParameterRow>(points, (chunk) => ({ kind: 'parameters', design, hours, points: chunk }))
  // Samples in contiguous ranges handed to whichever worker is free, each range a share of
  // what is left (guided scheduling: big ranges first, down to MIN_RANGE): a worker that gets
  // less CPU (other processes on the machine) or slower samples takes fewer ranges, and the
  // last ranges are short, so the workers finish together. A worker sets the run up (~2 ms:
  // the release hazard's table) at its first range only; still, every range costs a message
  // each way, hence not a range per sample.
  let runs = 0
  const uncertainty = async (design: Design, samples: number, seed: number, hours: number): Promise<MonteCarloResult> => {
    // a worker sets a run up once (the release hazard's table) for all the ranges it takes
    const run = runs++
    const ranges = guidedRanges(samples, count)
    const pieces: MonteCarloSamples[] = new Array(ranges.length)
    // every curve time-major in shared memory, each range copied in as it arrives (while the
    // workers go on), so the workers can summarise shares of the curves in place
    let store: MonteCarloStore | undefined
    let next = 0
    const drain = async (worker: number): Promise<void> => {
      while (next < ranges.length) {
        const r = next++
        const [from, to] = ranges[r]!
        const piece = await send<MonteCarloSamples>(worker, { kind: 'uncertainty', run, design, samples, seed, hours, from, to })
        pieces[r] = piece
        store ??= { samples, timesH: piece.timesH, buffer: new SharedArrayBuffer(monteCarloStoreBytes(samples, piece.timesH.length)) }
        storePiece(store, piece)
      }
    }
    await Promise.all(workers.map((_, w) => drain(w)))
    if (store === undefined) return summarizeMonteCarlo(pieces, samples, seed)
    // the bands (~1300 of them, the run's serial part) split over the workers by curve; the
    // same values give the same bands as summarizeMonteCarlo on one thread
    const done = joinedSampleCount(pieces, samples)
    const shares = workers.map((_, w) => MONTE_CARLO_CURVES.filter((_, c) => c % count === w))
    const bands = await Promise.all(shares.map((names, w) => send<Record<string, CurveBand>>(w, { kind: 'bands', store, names, done })))
    return summarizeWithCurveBands(pieces, samples, seed, Object.assign({}, ...bands) as Record<string, CurveBand>)
  }
  return {
    workers: count,
    evaluate,
    parameters,
    patients,
    uncertainty,
    close: async () => { await Promise.all(workers.map((w) => w.terminate())) },
  }
}
