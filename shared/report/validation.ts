import { scoreOf, scoreRows, type PublishedRow, type SetScore } from '../engine/validation/published-rows'

/** The engine's scores on the published in-vivo rows, as the report's methods state them. */
export interface ValidationSummary {
  /** Held-out rows of the first published set (never used to set a parameter). */
  readonly heldOut: SetScore
  /** Rows the engine was calibrated on. */
  readonly calibration: SetScore
  /** The prospective (blind) set, collected by someone who never ran a row through the engine. */
  readonly prospective: SetScore
}

/**
 * Scores the engine now on the rows of the two validation files (the published set with its
 * calibration and held-out rows, and the prospective blind set), with the scorer the
 * validation test uses (shared/engine/validation/published-rows.ts: within 2-fold of the
 * published value).
 *
 * Why computed and not a constant: no constant holds the README's score, and a number typed
 * into the report would go stale the day the engine changes; ~0.4 s on one core. The caller
 * reads the files (the CLI from disk, the app from its bundle), so this module stays pure.
 */
export function summariseValidation(published: ReadonlyArray<PublishedRow>, prospective: ReadonlyArray<PublishedRow>): ValidationSummary {
  const scoredPublished = scoreRows(published)
  const scoredProspective = scoreRows(prospective)
  return {
    heldOut: scoreOf(scoredPublished, 'validation'),
    calibration: scoreOf(scoredPublished, 'calibration'),
    prospective: scoreOf(scoredProspective, 'validation'),
  }
}
