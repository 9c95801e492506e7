import { foldErrorQuantiles, type FoldErrorQuantiles } from '../engine/validation/fold-error'
import { IN_VIVO_ROW_FILES, inVivoRows } from '../engine/validation/in-vivo-rows'
import { scoreOf, scoreRows, type SetScore } from '../engine/validation/published-rows'

/** The engine's scores on the published in-vivo rows, as the report's methods state them. */
export interface ValidationSummary {
  /** Every held-out in-vivo row (never used to set a parameter), all files. */
  readonly heldOut: SetScore
  /** Every in-vivo row the engine was calibrated on, all files. */
  readonly calibration: SetScore
  /** The prospective (blind) set, collected by someone who never ran a row through the engine. */
  readonly prospective: SetScore
  /** How far the estimate fell from the held-out published values (fold-error quantiles). */
  readonly heldOutFoldError: FoldErrorQuantiles
}

/**
 * Scores the engine now on every published in-vivo row (engine/validation/in-vivo-rows.ts),
 * with the scorer the validation tests use (within 2-fold of the published value), and the
 * fold-error quantiles of the held-out rows.
 *
 * Why computed and not a constant: a number typed into the report would go stale the day the
 * engine changes; ~1.5 s on one core (the report runs in a worker in the app).
 */
export function summariseValidation(): ValidationSummary {
  const heldOut = scoreRows(inVivoRows('validation'))
  const calibration = scoreRows(inVivoRows('calibration'))
  const prospective = heldOut.filter((s) => IN_VIVO_ROW_FILES['pbpk-prospective']!.rows.includes(s.row))
  return {
    heldOut: scoreOf(heldOut, 'validation'),
    calibration: scoreOf(calibration, 'calibration'),
    prospective: scoreOf(prospective, 'validation'),
    heldOutFoldError: foldErrorQuantiles(heldOut),
  }
}
