import type { Design } from '../../../shared/design/types'
import type { CalibrationDiagnostics, ParameterReport } from '../../../shared/engine/calibrate/calibrate'
import type { ProfileEstimate, ProfilePosterior } from '../../../shared/engine/calibrate/apply'
import type { MeasurementSource, StudyIssue } from '../../../shared/engine/calibrate/job'
import type { CalibrationParameterId } from '../../../shared/engine/calibrate/parameters'
import type { SuggestResult } from '../../../shared/engine/calibrate/suggest'
import type { NewCalibrationProfile } from '../../../shared/ipc/channels/profile'

/**
 * Messages between the app and a calibration task on the shared worker pool (renderer/engine/
 * worker-pool.ts; calibrate-handler.ts answers them). A calibration runs for tens of seconds to
 * minutes and is cancelled by terminating the worker running it, which must never cost the live
 * estimate its worker: the pool runs the live estimate in a lane of its own.
 */
export type CalibrateRequest =
  | {
    readonly kind: 'calibrate'
    /** Every measurement of the chosen designs with the document of the version it is attached to. */
    readonly sources: ReadonlyArray<MeasurementSource>
    /** The chosen designs, in the order chosen (the profile's provenance lists them so). */
    readonly designIds: ReadonlyArray<string>
    readonly parameters: ReadonlyArray<CalibrationParameterId>
    readonly samples: number
    readonly seed: number
    /** Name of the profile the result may be saved as. */
    readonly name: string
  }
  | {
    /**
     * The next experiments (suggestNextDesigns, shared/engine/calibrate/suggest.ts): the goal
     * as its document (parsed in the worker by the one goal parser), the profile's posterior,
     * and the lab's measurements, which become the lab points under the posterior medians.
     */
    readonly kind: 'suggest'
    readonly goalDocument: Record<string, unknown>
    readonly posterior: ProfilePosterior
    readonly sources: ReadonlyArray<MeasurementSource>
    readonly count: number
    readonly seed: number
  }
  | {
    /** A design estimated with a saved profile (the picker beside the estimates). */
    readonly kind: 'profile-estimate'
    readonly design: Design
    readonly posterior: ProfilePosterior
    readonly hours: number
    readonly samples: number
    readonly seed: number
  }

/** One leave-one-study-out fold as the dialog lists it. */
export interface FoldRow {
  readonly heldOut: string
  readonly points: number
  readonly before: number | null
  readonly after: number | null
}

/** What the dialog shows of a calibration (plain data: it crosses the worker boundary). */
export interface CalibrationOutcome {
  readonly status: 'converged' | 'not-converged' | 'cancelled'
  readonly reasons: ReadonlyArray<string>
  readonly parameters: ReadonlyArray<ParameterReport>
  readonly diagnostics: CalibrationDiagnostics
  /** Shares of in-vivo points within 2-fold; null when not computed. */
  readonly within2Fold: { readonly before: number | null; readonly after: number | null; readonly leaveOneOut: number | null }
  readonly folds: ReadonlyArray<FoldRow>
  readonly failedFolds: ReadonlyArray<string>
  readonly notIdentifiable: ReadonlyArray<string>
  readonly studies: number
  readonly observations: number
  readonly settings: { readonly chains: number; readonly draws: number; readonly warmup: number }
  /** The profile to save; null unless the posterior converged. */
  readonly profile: NewCalibrationProfile | null
  readonly elapsedMs: number
}

/** An answer of the calibration worker. */
export type CalibrateResponse =
  | { readonly kind: 'progress'; readonly fraction: number; readonly stage: string }
  | { readonly kind: 'calibrated'; readonly outcome: CalibrationOutcome }
  | { readonly kind: 'estimated'; readonly estimate: ProfileEstimate; readonly elapsedMs: number }
  | { readonly kind: 'suggested'; readonly result: SuggestResult; readonly labNotes: ReadonlyArray<string>; readonly labPoints: number; readonly elapsedMs: number }
  /** Bad input (a measurement the likelihood cannot take, no data): the issues name it. */
  | { readonly kind: 'error'; readonly message: string; readonly issues?: ReadonlyArray<StudyIssue> }
