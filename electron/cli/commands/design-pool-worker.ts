import { parentPort } from 'node:worker_threads'
import type { Design } from '../../../shared/design/types'
import { evaluateOutcome } from '../../../shared/analysis/evaluate'
import { cachedParameterEvaluator } from '../../../shared/analysis/parameter-sensitivity'
import { designUncertaintyRun } from '../../../shared/engine/simulate'
import type { MonteCarloRun } from '../../../shared/engine/pbpk'
import { curveBandsOf, type MonteCarloStore } from '../../../shared/engine/pbpk/monte-carlo'
import { messageOf } from '../../../shared/ipc/result'
import { evaluatePatientOutcome } from '../../../shared/sweep/cohort'
import type { Cohort } from '../../../shared/patient/cohort'
import type { Patient } from '../../../shared/patient/schema'

/** A chunk of designs to evaluate, a range of Monte Carlo samples of one design, or a share of a run's bands. */
type Job =
  | { id: number; kind?: 'designs'; designs: Design[]; hours: number }
  /** Points of a sensitivity over the engine's uncertain parameters: multiplier vectors of one design. */
  | { id: number; kind: 'parameters'; design: Design; hours: number; points: number[][] }
  /** (design, patient) pairs of a virtual-cohort sweep. */
  | { id: number; kind: 'patients'; items: Array<{ design: Design; patient: Patient }>; hours: number; cohort: Cohort }
  | { id: number; kind: 'uncertainty'; run: number; design: Design; samples: number; seed: number; hours: number; from: number; to: number }
  /** A share of a run's summary: the bands of the named curves of a shared store. */
  | { id: number; kind: 'bands'; store: MonteCarloStore; names: string[]; done: number }

/** Parameter points: the design's set-up is kept for the next chunk of the same run. */
const parameterRows = cachedParameterEvaluator()

/** The Monte Carlo run whose ranges this worker is taking (set up once: the tabulated hazard). */
let current: { readonly run: number; readonly mc: MonteCarloRun } | undefined

/**
 * One worker of the design pool (design-pool.ts): evaluates each design of a chunk with the
 * same pure function as the main thread and sends the outcomes back in order, or runs the
 * samples [from, to) of a Monte Carlo run (each sample's stream depends on seed and index
 * only, so the pieces join into the single-thread band).
 */
parentPort?.on('message', (msg: Job) => {
  try {
    if (msg.kind === 'bands') {
      parentPort!.postMessage({ id: msg.id, bands: curveBandsOf(msg.store, msg.names, msg.done) })
    } else if (msg.kind === 'parameters') {
      parentPort!.postMessage({ id: msg.id, rows: parameterRows(msg.design, msg.hours, msg.points) })
    } else if (msg.kind === 'patients') {
      parentPort!.postMessage({ id: msg.id, outcomes: msg.items.map((it) => evaluatePatientOutcome(it.design, it.patient, msg.hours, msg.cohort)) })
    } else if (msg.kind === 'uncertainty') {
      if (current?.run !== msg.run) current = { run: msg.run, mc: designUncertaintyRun(msg.design, msg) }
      const samples = current.mc.samples(msg)
      // copied, not transferred: the first ArrayBuffer a thread detaches (a transfer) switches
      // off V8's guarantee that no buffer is ever detached, and from then on every typed-array
      // access in optimised code checks for it — the engine ran ~25 % slower in a worker after
      // its first transferred range (0.75 -> 0.94 ms a sample). A copy of ~0.4 MB per 100
      // samples costs well under a millisecond.
      parentPort!.postMessage({ id: msg.id, samples })
    } else {
      parentPort!.postMessage({ id: msg.id, outcomes: msg.designs.map((d) => evaluateOutcome(d, msg.hours)) })
    }
  } catch (error) {
    parentPort!.postMessage({ id: msg.id, error: messageOf(error) })
  }
})
