import { create } from 'zustand'
import type { Design } from '../../shared/design/types'
import type { DesignSimulation } from '../../shared/engine/simulate'
import type { MonteCarloResult } from '../../shared/engine/pbpk'
import { STALE, createEngineClient, defaultUncertaintyWorkers, type EngineClient, type UncertaintyRun } from '../engine/engine-client'
import type { ReleaseView } from '../engine/release-horizon'
import type { HorizonChoice } from '../features/release/release-format'

/** Where the live estimate stands. */
export type EstimateStatus = 'idle' | 'running' | 'ready' | 'error'

/** Where the Monte Carlo band stands. */
export type UncertaintyStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error'

/** Monte Carlo settings: seeded, so a band can be reproduced. */
export const DEFAULT_UNCERTAINTY = { samples: 300, seed: 20261125 } as const

/** Bounds of the sample count a user may ask for (1 sample is a run, 5000 is minutes). */
export const UNCERTAINTY_SAMPLE_LIMITS = { min: 10, max: 5000 } as const

/**
 * Identity of an estimate: the design without its name and notes, plus the horizon.
 *
 * Why: a band belongs to exactly one design and horizon (never show the band of another
 * design), while renaming a design changes nothing the engine sees and must not discard a
 * band that took seconds to compute.
 */
export function estimateKey(design: Design, hours: number): string {
  const { name: _name, notes: _notes, ...physics } = design
  return `${hours}|${JSON.stringify(physics)}`
}

/** The live estimate of the working design (release, biodistribution, selectivity). */
export interface EstimateState {
  readonly status: EstimateStatus
  readonly simulation: DesignSimulation | null
  /** The release tab's prediction at {@link releaseHorizon}, computed in the worker with `simulation`. */
  readonly releaseView: ReleaseView | null
  /** Horizon of the release tab's chart: 'auto' or fixed hours (the rest of the estimate keeps `hours`). */
  readonly releaseHorizon: HorizonChoice
  /** The design the current `simulation` belongs to. */
  readonly simulatedDesign: Design | null
  /** {@link estimateKey} of `simulatedDesign` at the horizon it was run with. */
  readonly simulationKey: string | null
  /** The design most recently asked for (what the user sees in the form). */
  readonly requestedDesign: Design | null
  readonly requestedKey: string | null
  readonly elapsedMs: number | null
  readonly error: string | null
  /** Horizon of every estimate, h. */
  readonly hours: number

  readonly uncertainty: MonteCarloResult | null
  readonly uncertaintyDesign: Design | null
  /** {@link estimateKey} of the design and horizon the band was computed for. */
  readonly uncertaintyKey: string | null
  readonly uncertaintyProgress: { readonly done: number; readonly total: number } | null
  readonly uncertaintyStatus: UncertaintyStatus
  readonly uncertaintyError: string | null
  readonly uncertaintyElapsedMs: number | null

  /** Evaluate a design now (the latest call wins; stale answers are dropped). */
  evaluate: (design: Design) => Promise<void>
  /**
   * Start a Monte Carlo band; replaces any run in progress. Without a design, the design
   * last asked for is used.
   */
  runUncertainty: (design?: Design | null, samples?: number) => Promise<void>
  cancelUncertainty: () => void
  setHours: (hours: number) => void
  /** Choose the release chart's horizon; the worker predicts it with the next estimate. */
  setReleaseHorizon: (choice: HorizonChoice) => void
}

let client: EngineClient | null = null
let uncertaintyRun: UncertaintyRun | null = null

/** The engine client used by the store; tests install an in-process one. */
export function setEngineClient(next: EngineClient | null): void {
  uncertaintyRun = null
  client?.dispose()
  client = next
}

function engine(): EngineClient {
  client ??= createEngineClient(undefined, defaultUncertaintyWorkers())
  return client
}

/**
 * The Monte Carlo band of what the panels show, or null: only when the band was computed
 * for exactly the design and horizon of the current simulation.
 */
export function selectCurrentBand(state: EstimateState): MonteCarloResult | null {
  return state.uncertainty !== null && state.uncertaintyKey !== null && state.uncertaintyKey === state.simulationKey
    ? state.uncertainty
    : null
}

const CLEARED_BAND = {
  uncertainty: null, uncertaintyDesign: null, uncertaintyKey: null, uncertaintyProgress: null,
  uncertaintyError: null, uncertaintyElapsedMs: null,
} as const

/**
 * Estimate store: runs the engine in its worker whenever asked and keeps the latest answer.
 *
 * Why a store of its own: release, biodistribution and selectivity panels all read one
 * estimate, and the 3D view and form never re-render because the estimate changed. A band
 * is dropped (and a Monte Carlo run for the old design cancelled) the moment the design
 * changes, so no panel can show a band of another design.
 */
export const useEstimateStore = create<EstimateState>()((set, get) => ({
  status: 'idle',
  simulation: null,
  releaseView: null,
  releaseHorizon: 'auto',
  simulatedDesign: null,
  simulationKey: null,
  requestedDesign: null,
  requestedKey: null,
  elapsedMs: null,
  error: null,
  hours: 72,
  uncertainty: null,
  uncertaintyDesign: null,
  uncertaintyKey: null,
  uncertaintyProgress: null,
  uncertaintyStatus: 'idle',
  uncertaintyError: null,
  uncertaintyElapsedMs: null,

  evaluate: async (design) => {
    const hours = get().hours
    const key = estimateKey(design, hours)
    const state = get()
    if (state.requestedKey !== null && state.requestedKey !== key) {
      // The design changed: the band (finished or running) belongs to the old one.
      uncertaintyRun?.cancel()
      uncertaintyRun = null
      set({ ...CLEARED_BAND, uncertaintyStatus: 'idle' })
    }
    set({ status: 'running', requestedDesign: design, requestedKey: key })
    try {
      const answer = await engine().simulate(design, hours, get().releaseHorizon)
      if (answer === STALE) return
      set({ status: 'ready', simulation: answer.result, releaseView: answer.releaseView, simulatedDesign: design, simulationKey: key, elapsedMs: answer.elapsedMs, error: null })
    } catch (error) {
      if (get().requestedKey !== key) return
      set({ status: 'error', error: error instanceof Error ? error.message : String(error) })
    }
  },

  runUncertainty: async (design, samples = DEFAULT_UNCERTAINTY.samples) => {
    const target = design ?? get().requestedDesign
    if (!target) return
    uncertaintyRun?.cancel()
    const hours = get().hours
    const key = estimateKey(target, hours)
    const started = performance.now()
    const run = engine().uncertainty(target, { samples, seed: DEFAULT_UNCERTAINTY.seed, hours }, (done, total) => {
      if (uncertaintyRun === run) set({ uncertaintyProgress: { done, total } })
    })
    uncertaintyRun = run
    set({ ...CLEARED_BAND, uncertaintyStatus: 'running', uncertaintyProgress: { done: 0, total: samples } })
    try {
      const result = await run.promise
      if (result === STALE || uncertaintyRun !== run) return
      if (get().requestedKey !== null && get().requestedKey !== key) {
        // The design moved on while the band was computed: never show it.
        set({ ...CLEARED_BAND, uncertaintyStatus: 'idle' })
        return
      }
      set({
        uncertainty: result, uncertaintyDesign: target, uncertaintyKey: key, uncertaintyProgress: null,
        uncertaintyStatus: 'done', uncertaintyError: null, uncertaintyElapsedMs: performance.now() - started,
      })
    } catch (error) {
      if (uncertaintyRun !== run) return
      set({ uncertaintyProgress: null, uncertaintyStatus: 'error', uncertaintyError: error instanceof Error ? error.message : String(error) })
    } finally {
      if (uncertaintyRun === run) uncertaintyRun = null
    }
  },

  cancelUncertainty: () => {
    const running = uncertaintyRun !== null || get().uncertaintyStatus === 'running'
    uncertaintyRun?.cancel()
    uncertaintyRun = null
    if (running) set({ uncertaintyProgress: null, uncertaintyStatus: 'cancelled' })
  },

  setHours: (hours) => set({ hours }),
  setReleaseHorizon: (releaseHorizon) => set({ releaseHorizon }),
}))
