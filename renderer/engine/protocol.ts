import type { Design } from '../../shared/design/types'
import type { DesignSimulation } from '../../shared/engine/simulate'
import type { MonteCarloResult, MonteCarloSamples } from '../../shared/engine/pbpk'
import type { DesignOutcome } from '../../shared/analysis/evaluate'
import type { ParameterRow } from '../../shared/analysis/parameter-sensitivity'
import type { HorizonChoice } from '../features/release/release-format'
import type { ReleaseView } from './release-horizon'
import type { PatientRequest, PatientResponse } from './patient-protocol'
import type { PublishedRow } from '../../shared/engine/validation/published-rows'
import type { PublishedRowEstimate } from '../../shared/engine/validation/published-like'

/** One design of a batch: its estimate, or why it could not be estimated. */
export type BatchItem =
  | { readonly ok: true; readonly result: DesignSimulation }
  | { readonly ok: false; readonly message: string }

/** A request to the engine worker. `id` ties the answers to the request. */
export type EngineRequest =
  | {
    readonly id: number; readonly kind: 'simulate'; readonly design: Design; readonly hours: number
    /** Horizon of the release tab's chart ('auto' when absent); predicted in the worker with the estimate. */
    readonly releaseHorizon?: HorizonChoice
  }
  /** Several saved designs (compare dialog, presentation side by side) in one call. */
  | { readonly id: number; readonly kind: 'simulate-batch'; readonly designs: ReadonlyArray<Design>; readonly hours: number }
  | { readonly id: number; readonly kind: 'uncertainty'; readonly design: Design; readonly hours: number; readonly samples: number; readonly seed: number }
  /** The samples [from, to) of a Monte Carlo run split over several workers. */
  | { readonly id: number; readonly kind: 'uncertainty-range'; readonly design: Design; readonly hours: number; readonly samples: number; readonly seed: number; readonly from: number; readonly to: number }
  /**
   * A chunk of designs of a sensitivity or optimisation run (issue 13): each design's metrics
   * from the registry (shared/analysis/evaluate.ts), in order. The analysis itself runs on the
   * UI thread and only hands out designs, so no random number is drawn in a worker.
   */
  | { readonly id: number; readonly kind: 'evaluate-designs'; readonly designs: ReadonlyArray<Design>; readonly hours: number }
  /**
   * A chunk of the points of a sensitivity over the engine's uncertain parameters: multiplier
   * vectors of one design, each answered with every registry metric (null: the engine failed).
   * The analysis runs on the UI thread and hands the chunks out, as for designs.
   */
  | { readonly id: number; readonly kind: 'evaluate-parameters'; readonly design: Design; readonly hours: number; readonly points: ReadonlyArray<ReadonlyArray<number>> }
  /**
   * Published rows (issue #10, shared/engine/validation/published-like.ts): the engine on each
   * row's own experiment and, with a design, on that design in the same experiment. The UI
   * thread loads the rows on demand and chooses them, so the pool's bundle carries no row file.
   */
  | { readonly id: number; readonly kind: 'published-rows'; readonly rows: ReadonlyArray<PublishedRow>; readonly design: Design | null }
  /** Virtual patients and cohorts (issue #15; patient-protocol.ts). */
  | PatientRequest

/** An answer from the engine worker. */
export type EngineResponse =
  | { readonly id: number; readonly kind: 'simulation'; readonly result: DesignSimulation; readonly releaseView: ReleaseView; readonly elapsedMs: number }
  | { readonly id: number; readonly kind: 'batch'; readonly items: ReadonlyArray<BatchItem>; readonly elapsedMs: number }
  | { readonly id: number; readonly kind: 'uncertainty'; readonly result: MonteCarloResult; readonly elapsedMs: number }
  | { readonly id: number; readonly kind: 'uncertainty-samples'; readonly samples: MonteCarloSamples; readonly elapsedMs: number }
  | { readonly id: number; readonly kind: 'progress'; readonly done: number; readonly total: number }
  | { readonly id: number; readonly kind: 'design-outcomes'; readonly outcomes: ReadonlyArray<DesignOutcome>; readonly elapsedMs: number }
  | { readonly id: number; readonly kind: 'parameter-rows'; readonly rows: ReadonlyArray<ParameterRow>; readonly elapsedMs: number }
  | { readonly id: number; readonly kind: 'published-estimates'; readonly estimates: ReadonlyArray<PublishedRowEstimate>; readonly elapsedMs: number }
  | { readonly id: number; readonly kind: 'error'; readonly message: string }
  | PatientResponse
