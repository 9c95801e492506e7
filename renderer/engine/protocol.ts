import type { Design } from '../../shared/design/types'
import type { DesignSimulation } from '../../shared/engine/simulate'
import type { MonteCarloResult } from '../../shared/engine/pbpk'

/** A request to the engine worker. `id` ties the answers to the request. */
export type EngineRequest =
  | { readonly id: number; readonly kind: 'simulate'; readonly design: Design; readonly hours: number }
  | { readonly id: number; readonly kind: 'uncertainty'; readonly design: Design; readonly hours: number; readonly samples: number; readonly seed: number }

/** An answer from the engine worker. */
export type EngineResponse =
  | { readonly id: number; readonly kind: 'simulation'; readonly result: DesignSimulation; readonly elapsedMs: number }
  | { readonly id: number; readonly kind: 'uncertainty'; readonly result: MonteCarloResult; readonly elapsedMs: number }
  | { readonly id: number; readonly kind: 'progress'; readonly done: number; readonly total: number }
  | { readonly id: number; readonly kind: 'error'; readonly message: string }
