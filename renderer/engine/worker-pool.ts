import type { EngineRequest, EngineResponse } from './protocol'
import type { CalibrateRequest, CalibrateResponse } from '../features/calibrate/calibrate-protocol'
import { isFinalMessage, type PoolEnvelope, type PoolMessage, type PoolReply, type PoolTask } from './pool-protocol'

/**
 * The app's one worker pool (issue #13, "All cores"): every engine and calibration task of the
 * renderer runs on these Web Workers, the app's counterpart of the CLI's worker_threads pool
 * (electron/cli/commands/design-pool.ts). This file holds the renderer's only `new Worker` for
 * computing (the report's PDF worker is the one other; renderer/features/report/report-client.ts
 * says why).
 *
 * Layout. One *live lane* worker runs only the live estimate (slider → chart, target ≤ 50 ms),
 * and `size` general workers (one per core, poolSize) run everything else, highest priority
 * first, first come first served within a priority; a live estimate takes an idle general
 * worker too when the lane is busy.
 *
 * Why a reserved lane and not only a priority: a task cannot be interrupted (the engine's loops
 * are synchronous; a worker can only be terminated, and a fresh one takes ~0.2 s to load the
 * engine), so with priority alone a slider change would wait for the Monte Carlo range or
 * optimisation chunk in flight to finish: hundreds of ms. The lane is idle except while a
 * slider moves; when it runs beside busy general workers the operating system shares the
 * cores, which slows the estimate a little but never queues it. One extra idle worker costs
 * memory only (its copy of the engine), so the general workers still take every core for
 * background work, as before the pool.
 *
 * Cancel works per job: a job cancels its own tasks (queued ones are dropped; a running one's
 * worker is terminated and replaced when next needed), never another job's. A worker that
 * crashes (fails to load, or dies outside a task's handler) fails only the task it was running,
 * with a sentence saying so; it is replaced and the pool lives on.
 *
 * Results do not depend on the pool's size: the pool only decides *where* a task runs; the
 * clients cut runs into tasks whose answers do not depend on the worker (every Monte Carlo
 * sample and every design of an analysis has its own seeded stream drawn before hand-out) and
 * put the answers back in order (engine-client.ts, patient-client.ts).
 */

/** How urgent a task is; the pool runs the most urgent queued task first. */
export type TaskPriority = 'live' | 'interactive' | 'background'

const RANK: Record<TaskPriority, number> = { live: 0, interactive: 1, background: 2 }

/**
 * The priority of a task, from its kind (one table, so no client can forget it).
 * - live: the live estimate, on every slider change (target ≤ 50 ms).
 * - interactive: a single answer a panel waits for (a patient estimate, the compare dialog's
 *   designs, an estimate with a calibration profile).
 * - background: runs the user started and watches progress of (Monte Carlo, sensitivity,
 *   optimisation, cohorts, calibration, suggestions).
 */
export function priorityOf(task: PoolTask): TaskPriority {
  if (task.domain === 'engine') {
    switch (task.request.kind) {
      case 'simulate': return 'live'
      case 'patient-simulate':
      case 'simulate-batch': return 'interactive'
      default: return 'background'
    }
  }
  return task.request.kind === 'profile-estimate' ? 'interactive' : 'background'
}

/** Something that behaves like a dedicated pool Worker (a real one, or the tests' in-process stand-in). */
export interface PoolWorkerLike {
  postMessage(message: PoolEnvelope): void
  onmessage: ((event: MessageEvent<PoolReply>) => void) | null
  onerror?: ((event: ErrorEvent) => void) | null
  terminate(): void
}

/** Where a worker serves: the live lane, or general worker `index`. */
export type PoolSlot = { readonly lane: 'live' } | { readonly lane: 'general'; readonly index: number }

/** What the submitter of a task hears: every message in order, or the reason the task failed. */
export interface TaskHandlers {
  /** A progress message (`final` false) or the task's answer (`final` true, the last call). */
  message(message: PoolMessage, final: boolean): void
  /** The worker running the task crashed (the last call). */
  fail(reason: string): void
}

/** A submitted task: `cancel()` drops it (queued) or terminates its worker (running); nothing is heard after. */
export interface TaskHandle {
  cancel(): void
}

/** What the pool is doing, for tests and diagnostics. */
export interface PoolStatus {
  readonly queued: number
  readonly running: number
  /** Workers alive now (lane included). */
  readonly workers: number
  /** Workers created since the pool started (replacements included). */
  readonly created: number
}

export interface WorkerPool {
  /** General workers (the live lane comes on top). */
  readonly size: number
  submit(task: PoolTask, handlers: TaskHandlers): TaskHandle
  /**
   * A worker-shaped handle on the pool speaking the engine protocol: each postMessage is a task;
   * terminate() cancels this handle's tasks only. The feature clients (engine-client.ts,
   * patient-client.ts, the analysis pool) keep their latest-wins and cancel logic unchanged on it.
   */
  enginePort(): EnginePort
  /** The same for the calibration protocol (calibrate-client.ts). */
  calibratePort(): CalibratePort
  status(): PoolStatus
  /** Terminates every worker; queued and running tasks are dropped silently. */
  dispose(): void
}

/** A pool handle that behaves like a dedicated engine worker (renderer/engine/engine-client.ts WorkerLike). */
export interface EnginePort {
  postMessage(message: EngineRequest): void
  onmessage: ((event: MessageEvent<EngineResponse>) => void) | null
  onerror: ((event: ErrorEvent) => void) | null
  terminate(): void
}

/** A pool handle that behaves like a dedicated calibration worker (calibrate-client.ts CalibrateWorkerLike). */
export interface CalibratePort {
  postMessage(message: CalibrateRequest): void
  onmessage: ((event: MessageEvent<CalibrateResponse>) => void) | null
  onerror: ((event: ErrorEvent) => void) | null
  terminate(): void
}

/**
 * Most general workers: every core, at most 8 and at least 1. Why 8: each worker holds its own
 * copy of the engine and its heap, and the analyses' chunks (shared/analysis/chunks.ts) gain
 * little beyond; the CLI's pool has the same cap (electron/cli/commands/design-pool.ts).
 */
export const MAX_GENERAL_WORKERS = 8

/** General workers for a machine with `cores` logical cores (navigator.hardwareConcurrency; unknown → 1). */
export function poolSize(cores: number | undefined = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : undefined): number {
  if (cores === undefined || !Number.isFinite(cores)) return 1
  return Math.max(1, Math.min(MAX_GENERAL_WORKERS, Math.floor(cores)))
}

interface Task {
  readonly id: number
  readonly task: PoolTask
  readonly rank: number
  readonly handlers: TaskHandlers
  done: boolean
}

interface Slot {
  readonly where: PoolSlot
  worker: PoolWorkerLike | null
  running: Task | null
}

function describe(task: PoolTask): string {
  return `${task.domain === 'engine' ? 'engine' : 'calibration'} task '${task.request.kind}'`
}

/** Creates a pool of `size` general workers and a live lane, each made by `makeWorker` when first needed. */
export function createWorkerPool(options: { readonly makeWorker: (slot: PoolSlot) => PoolWorkerLike; readonly size: number }): WorkerPool {
  const { makeWorker, size } = options
  if (!Number.isInteger(size) || size < 1) throw new Error(`worker pool: the number of general workers must be a whole number ≥ 1, got ${size}`)
  const lane: Slot = { where: { lane: 'live' }, worker: null, running: null }
  const general: Slot[] = Array.from({ length: size }, (_, index) => ({ where: { lane: 'general', index }, worker: null, running: null }))
  const slots = [lane, ...general]
  // queued tasks, most urgent first, in order of submission within a priority
  let queue: Task[] = []
  let nextId = 1
  let created = 0
  let disposed = false

  const enqueue = (t: Task): void => {
    let i = queue.length
    while (i > 0 && queue[i - 1]!.rank > t.rank) i--
    queue.splice(i, 0, t)
  }

  const drop = (slot: Slot): void => {
    slot.worker?.terminate()
    slot.worker = null
    slot.running = null
  }

  const workerOf = (slot: Slot): PoolWorkerLike => {
    if (slot.worker) return slot.worker
    const worker = makeWorker(slot.where)
    created++
    worker.onmessage = (event) => {
      if (slot.worker !== worker) return
      const reply = event.data
      const t = slot.running
      if (!t || reply.taskId !== t.id) return
      const final = isFinalMessage(reply.message)
      if (final) {
        slot.running = null
        t.done = true
      }
      try {
        t.handlers.message(reply.message, final)
      } finally {
        if (final) dispatch()
      }
    }
    worker.onerror = (event) => {
      if (slot.worker !== worker) return
      const t = slot.running
      drop(slot)
      if (t) {
        t.done = true
        const what = event?.message ? `: ${event.message}` : ' (it failed to load or stopped)'
        try {
          t.handlers.fail(`The worker running the ${describe(t.task)} crashed${what}. That task was stopped; the pool replaced the worker and goes on with the other work.`)
        } finally {
          dispatch()
        }
      } else {
        dispatch()
      }
    }
    slot.worker = worker
    return worker
  }

  const start = (slot: Slot, t: Task): void => {
    slot.running = t
    const envelope: PoolEnvelope = { taskId: t.id, task: t.task }
    // a worker that cannot be made, or a task that cannot be sent (a value structured clone
    // refuses), fails this task, not the pool; heard on a later microtask, as a real worker's
    // error event would be, never inside submit()
    const refuse = (reason: string): void => {
      slot.running = null
      t.done = true
      queueMicrotask(() => t.handlers.fail(reason))
    }
    let worker: PoolWorkerLike
    try {
      worker = workerOf(slot)
    } catch (error) {
      refuse(`The pool could not start a worker for the ${describe(t.task)}: ${error instanceof Error ? error.message : String(error)}`)
      return
    }
    try {
      worker.postMessage(envelope)
    } catch (error) {
      refuse(`The ${describe(t.task)} could not be sent to a worker: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  function dispatch(): void {
    if (disposed) return
    // the lane first takes the oldest live estimate; then every idle general worker takes the
    // most urgent task (a live estimate too, when the lane is busy)
    // (a loop per slot: a task whose worker could not start leaves the slot idle for the next)
    while (lane.running === null) {
      const i = queue.findIndex((t) => t.rank === RANK.live)
      if (i < 0) break
      start(lane, queue.splice(i, 1)[0]!)
    }
    for (const slot of general) {
      while (slot.running === null && queue.length > 0) start(slot, queue.shift()!)
    }
  }

  /** Cancels tasks together (one job's), then hands the freed workers on once. */
  const cancelTasks = (tasks: Iterable<Task>): void => {
    let freed = false
    for (const t of tasks) {
      if (t.done) continue
      t.done = true
      const queued = queue.indexOf(t)
      if (queued >= 0) {
        queue.splice(queued, 1)
        continue
      }
      const slot = slots.find((s) => s.running === t)
      if (slot) {
        // the task's loop cannot read a message: its worker goes, a fresh one comes when needed
        drop(slot)
        freed = true
      }
    }
    if (freed) dispatch()
  }

  const submitTask = (task: PoolTask, handlers: TaskHandlers): Task => {
    const t: Task = { id: nextId++, task, rank: RANK[priorityOf(task)], handlers, done: false }
    if (disposed) {
      t.done = true
      queueMicrotask(() => handlers.fail('The worker pool was closed.'))
      return t
    }
    enqueue(t)
    dispatch()
    return t
  }

  const submit = (task: PoolTask, handlers: TaskHandlers): TaskHandle => {
    const t = submitTask(task, handlers)
    return { cancel: () => cancelTasks([t]) }
  }

  /** A worker-shaped handle: each postMessage is a task, terminate() cancels them. */
  function port<Req, Res>(domain: PoolTask['domain']): {
    postMessage(m: Req): void; onmessage: ((e: MessageEvent<Res>) => void) | null; onerror: ((e: ErrorEvent) => void) | null; terminate(): void
  } {
    const tasks = new Set<Task>()
    let terminated = false
    const self = {
      onmessage: null as ((e: MessageEvent<Res>) => void) | null,
      onerror: null as ((e: ErrorEvent) => void) | null,
      postMessage(request: Req): void {
        // as a terminated Worker does, a terminated port ignores messages
        if (terminated) return
        let task: Task | null = null
        let ended = false
        const end = (): void => {
          ended = true
          if (task) tasks.delete(task)
        }
        task = submitTask({ domain, request } as PoolTask, {
          message: (message, final) => {
            if (final) end()
            if (!terminated) self.onmessage?.({ data: message } as MessageEvent<Res>)
          },
          fail: (reason) => {
            end()
            if (!terminated) self.onerror?.({ message: reason } as ErrorEvent)
          },
        })
        if (!ended) tasks.add(task)
      },
      terminate(): void {
        terminated = true
        const mine = [...tasks]
        tasks.clear()
        cancelTasks(mine)
      },
    }
    return self
  }

  return {
    size,
    submit,
    enginePort: () => port<EngineRequest, EngineResponse>('engine'),
    calibratePort: () => port<CalibrateRequest, CalibrateResponse>('calibrate'),
    status: () => ({
      queued: queue.length,
      running: slots.filter((s) => s.running !== null).length,
      workers: slots.filter((s) => s.worker !== null).length,
      created,
    }),
    dispose: () => {
      disposed = true
      for (const t of queue) t.done = true
      queue = []
      for (const s of slots) {
        if (s.running) s.running.done = true
        drop(s)
      }
    },
  }
}

/** Creates a real module worker running pool.worker.ts (named for the browser's task manager). */
function createPoolWorker(slot: PoolSlot): PoolWorkerLike {
  const name = slot.lane === 'live' ? 'nanoforge-live' : `nanoforge-pool-${slot.index + 1}`
  return new Worker(new URL('./pool.worker.ts', import.meta.url), { type: 'module', name }) as unknown as PoolWorkerLike
}

let shared: WorkerPool | null = null

/** The app's pool, made on first use: one live lane and poolSize() general workers. */
export function sharedWorkerPool(): WorkerPool {
  shared ??= createWorkerPool({ makeWorker: createPoolWorker, size: poolSize() })
  return shared
}
