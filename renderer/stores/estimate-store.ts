import { create } from 'zustand'
import type { Design } from '../../shared/design/types'
import type { DesignSimulation } from '../../shared/engine/simulate'
import type { MonteCarloResult } from '../../shared/engine/pbpk'
import { STALE, createEngineClient, type EngineClient, type UncertaintyRun } from '../engine/engine-client'

/** Where the live estimate stands. */
export type EstimateStatus = 'idle' | 'running' | 'ready' | 'error'

/** Monte Carlo settings: seeded, so a band can be reproduced. */
export const DEFAULT_UNCERTAINTY = { samples: 300, seed: 20261125 } as const

/** The live estimate of the working design (release, biodistribution, selectivity). */
export interface EstimateState {
  readonly status: EstimateStatus
  readonly simulation: DesignSimulation | null
  /** The design the current `simulation` belongs to. */
  readonly simulatedDesign: Design | null
  readonly elapsedMs: number | null
  readonly error: string | null
  /** Horizon of every estimate, h. */
  readonly hours: number

  readonly uncertainty: MonteCarloResult | null
  readonly uncertaintyDesign: Design | null
  readonly uncertaintyProgress: { readonly done: number; readonly total: number } | null

  /** Evaluate a design now (the latest call wins; stale answers are dropped). */
  evaluate: (design: Design) => Promise<void>
  /** Start a Monte Carlo band for a design; replaces any run in progress. */
  runUncertainty: (design: Design, samples?: number) => Promise<void>
  cancelUncertainty: () => void
  setHours: (hours: number) => void
}

let client: EngineClient | null = null
let uncertaintyRun: UncertaintyRun | null = null

/** The engine client used by the store; tests install an in-process one. */
export function setEngineClient(next: EngineClient | null): void {
  client?.dispose()
  client = next
}

function engine(): EngineClient {
  client ??= createEngineClient()
  return client
}

/**
 * Estimate store: runs the engine in its worker whenever asked and keeps the latest answer.
 *
 * Why a store of its own: release, biodistribution and selectivity panels all read one
 * estimate, and the 3D view and form never re-render because the estimate changed.
 */
export const useEstimateStore = create<EstimateState>()((set, get) => ({
  status: 'idle',
  simulation: null,
  simulatedDesign: null,
  elapsedMs: null,
  error: null,
  hours: 72,
  uncertainty: null,
  uncertaintyDesign: null,
  uncertaintyProgress: null,

  evaluate: async (design) => {
    set({ status: 'running' })
    try {
      const answer = await engine().simulate(design, get().hours)
      if (answer === STALE) return
      set({ status: 'ready', simulation: answer.result, simulatedDesign: design, elapsedMs: answer.elapsedMs, error: null })
    } catch (error) {
      set({ status: 'error', error: error instanceof Error ? error.message : String(error) })
    }
  },

  runUncertainty: async (design, samples = DEFAULT_UNCERTAINTY.samples) => {
    uncertaintyRun?.cancel()
    const run = engine().uncertainty(design, { samples, seed: DEFAULT_UNCERTAINTY.seed, hours: get().hours }, (done, total) => {
      set({ uncertaintyProgress: { done, total } })
    })
    uncertaintyRun = run
    set({ uncertaintyProgress: { done: 0, total: samples } })
    try {
      const result = await run.promise
      if (result === STALE) return
      set({ uncertainty: result, uncertaintyDesign: design, uncertaintyProgress: null })
    } catch (error) {
      set({ uncertaintyProgress: null, error: error instanceof Error ? error.message : String(error) })
    } finally {
      if (uncertaintyRun === run) uncertaintyRun = null
    }
  },

  cancelUncertainty: () => {
    uncertaintyRun?.cancel()
    uncertaintyRun = null
    set({ uncertaintyProgress: null })
  },

  setHours: (hours) => set({ hours }),
}))
