import type { Design } from '../../../shared/design/types'
import { disagreementsOf } from '../../../shared/engine/validation/between-study'
import { publishedExperiment, selectPublishedLike, type PublishedExperiment, type PublishedLikeChoice } from '../../../shared/engine/validation/published-like'
import type { PublishedRow } from '../../../shared/engine/validation/published-rows'
import { validationRowView, type ValidationRowView } from '../../../shared/engine/validation/validation-row-view'
import { createEngineWorker, type WorkerLike } from '../../engine/engine-client'

/** The published in-vivo rows, and what follows from their published values alone. */
export interface PublishedRows {
  /** By file, as in-vivo-rows.ts gives them (rows marked notRepresentable left out). */
  readonly files: ReadonlyArray<readonly [file: string, rows: ReadonlyArray<PublishedRow>]>
  /** Every row of every file. */
  readonly all: ReadonlyArray<PublishedRow>
  /** A row's widest disagreement, beyond 2-fold, with another paper on the same design (between-study.ts). */
  readonly disagreement: (row: PublishedRow) => { readonly fold: number; readonly other: PublishedRow } | undefined
}

let loaded: Promise<PublishedRows> | null = null

/**
 * The published in-vivo rows, loaded on first use: a chunk of its own (~0.6 MB of JSON) that the
 * app's start and the worker pool's bundle do not carry. The papers' disagreements (matched pairs
 * over every row, published values only) are worked out once, with the load.
 */
export function loadPublishedRows(): Promise<PublishedRows> {
  loaded ??= import('../../../shared/engine/validation/in-vivo-rows').then((m) => {
    const files = Object.entries(m.IN_VIVO_ROW_FILES).map(([file, f]) => [file, f.rows.filter((r) => r.notRepresentable === undefined)] as const)
    const all = files.flatMap(([, r]) => r)
    return { files, all, disagreement: disagreementsOf(all) }
  })
  return loaded
}

/** The answer for the latest design asked about; older answers are dropped. */
export type PublishedLikeAnswer =
  | { readonly ok: true; readonly experiments: ReadonlyArray<PublishedExperiment> }
  | { readonly ok: false; readonly message: string }

/**
 * Published experiments like the design on screen, latest design wins. The rows like the design
 * are chosen on the UI thread (geometry only, a few ms); the engine runs on the chosen rows in the
 * shared worker pool. While one lookup runs only the newest waiting design is kept, so dragging a
 * slider costs at most one extra lookup.
 */
export interface PublishedLikeClient {
  ask(design: Design): void
  dispose(): void
}

export function createPublishedLikeClient(
  onAnswer: (answer: PublishedLikeAnswer) => void,
  makeWorker: () => WorkerLike = createEngineWorker,
  rows: () => Promise<PublishedRows> = loadPublishedRows,
): PublishedLikeClient {
  let worker: WorkerLike | null = null
  let nextId = 1
  let inFlight: { id: number; choices: ReadonlyArray<PublishedLikeChoice> | null; rows: PublishedRows | null } | null = null
  let waiting: Design | null = null
  let disposed = false

  const done = (answer: PublishedLikeAnswer | null): void => {
    inFlight = null
    // an answer superseded by a newer design is dropped: the newer one goes out now
    if (waiting) {
      const next = waiting
      waiting = null
      start(next)
    } else if (answer && !disposed) {
      onAnswer(answer)
    }
  }
  const fail = (e: unknown): void => done({ ok: false, message: e instanceof Error ? e.message : String(e) })

  const ensure = (): WorkerLike => {
    if (worker) return worker
    const w = makeWorker()
    w.onmessage = (event) => {
      const m = event.data
      const mine = inFlight
      if (!mine || m.id !== mine.id || mine.choices === null || mine.rows === null) return
      const loadedRows = mine.rows
      if (m.kind === 'published-estimates') done({ ok: true, experiments: mine.choices.map((c, i) => publishedExperiment(c, m.estimates[i]!, loadedRows.disagreement(c.row))) })
      else if (m.kind === 'error') done({ ok: false, message: m.message })
    }
    w.onerror = (event) => {
      w.terminate()
      if (worker === w) worker = null
      if (inFlight) done({ ok: false, message: event?.message ? `The engine worker failed: ${event.message}` : 'The engine worker failed to run.' })
    }
    worker = w
    return w
  }

  function start(design: Design): void {
    if (disposed) return
    const mine = { id: nextId++, choices: null as ReadonlyArray<PublishedLikeChoice> | null, rows: null as PublishedRows | null }
    inFlight = mine
    rows().then((loadedRows) => {
      if (disposed || inFlight !== mine) return
      const choices = selectPublishedLike(design, loadedRows.all)
      if (choices.length === 0) {
        done({ ok: true, experiments: [] })
        return
      }
      mine.choices = choices
      mine.rows = loadedRows
      ensure().postMessage({ id: mine.id, kind: 'published-rows', rows: choices.map((c) => c.row), design })
    }, (e: unknown) => {
      if (inFlight === mine) fail(e)
    })
  }

  return {
    ask(design) {
      if (disposed) return
      if (inFlight !== null) waiting = design
      else start(design)
    },
    dispose() {
      disposed = true
      worker?.terminate()
      worker = null
    },
  }
}

/**
 * Every published row beside the engine's estimate of it (validation-row-view.ts): the rows are
 * loaded on the UI thread and estimated in one task of the shared worker pool. `cancel()` ends
 * the task. Rejects with the worker's message.
 */
export function loadValidationTable(
  makeWorker: () => WorkerLike = createEngineWorker,
  rows: () => Promise<PublishedRows> = loadPublishedRows,
): { readonly promise: Promise<ReadonlyArray<ValidationRowView>>; cancel(): void } {
  let worker: WorkerLike | null = null
  let cancelled = false
  const promise = rows().then((loadedRows) => new Promise<ReadonlyArray<ValidationRowView>>((resolve, reject) => {
    if (cancelled) {
      reject(new Error('cancelled'))
      return
    }
    const all = loadedRows.files.flatMap(([file, r]) => r.map((row) => [file, row] as const))
    const w = makeWorker()
    worker = w
    w.onmessage = (event) => {
      const m = event.data
      if (m.id !== 1) return
      w.terminate()
      if (m.kind === 'published-estimates') {
        resolve(all.map(([file, row], i) => {
          const e = m.estimates[i]!
          return validationRowView(file, row, { value: e.engine, ...(e.engineProblem !== undefined ? { problem: e.engineProblem } : {}) }, loadedRows.disagreement(row))
        }))
      }
      else if (m.kind === 'error') reject(new Error(m.message))
    }
    w.onerror = (event) => {
      w.terminate()
      reject(new Error(event?.message ? `The engine worker failed: ${event.message}` : 'The engine worker failed to run.'))
    }
    w.postMessage({ id: 1, kind: 'published-rows', rows: all.map(([, row]) => row), design: null })
  }))
  return { promise, cancel: () => { cancelled = true; worker?.terminate() } }
}
