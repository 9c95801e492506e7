import { inVivoRows } from '../engine/validation/in-vivo-rows'
import { publishedExperimentsLike, type PublishedExperiment } from '../engine/validation/published-like'
import type { Assumption } from '../catalog/cited'
import { designAssumptions } from '../design/assumptions'
import type { Design, DesignIssue } from '../design/types'
import { simulateDesign, simulateDesignUncertainty, type DesignSimulation } from '../engine/simulate'
import { estimateWithProfile, type ProfileEstimate } from '../engine/calibrate/apply'
import { posteriorOfProfile } from '../engine/calibrate/job'
import type { CalibrationProfile } from '../ipc/channels/profile'
import type { MonteCarloResult } from '../engine/pbpk'
import { evaluateFlags } from '../flags/evaluate'
import type { Flag } from '../flags/rules'

/**
 * The Monte Carlo settings of every report: a fixed seed, so the same design version gives the
 * same bands in every report (a review compares reports made on different days), and 200
 * samples — the 2.5/97.5 % quantiles of 200 draws move by a few % between seeds, which is
 * below the CV-50 % spread they describe, and 200 samples take ~0.7 s on one core of the
 * development machine (measured 2026-12-06).
 */
export const REPORT_MONTE_CARLO = { samples: 200, seed: 1 } as const

/** Horizon of the report's simulations, h (the engine's default, as `nanoforge simulate`). */
export const REPORT_HORIZON_H = 72

/**
 * A lab's calibration profile as a report states it: the stored profile (name, id, engine
 * version, seed, diagnostics, provenance), how its measurements are named, and whether the
 * lab's data moved on since it was learned. The caller reads these (the CLI from the library,
 * the app over IPC); the estimate under it is computed here.
 */
export interface ReportCalibration {
  readonly profile: CalibrationProfile
  /** Measurement id → its label (absent: named by its id prefix). */
  readonly measurementLabels?: Readonly<Record<string, string>>
  /** Design id → its name, for the designs the profile was learned on. */
  readonly designNames?: Readonly<Record<string, string>>
  /** Sentences: lab data added to or deleted from its designs since it was learned (freshness.ts). */
  readonly freshness: ReadonlyArray<string>
}

/** A calibration with the design's estimate under it (`simulate --profile`'s numbers). */
export interface AnalysedCalibration extends ReportCalibration {
  readonly estimate: ProfileEstimate
}

/** Everything the layout reads about one design, computed once. */
export interface DesignAnalysis {
  readonly simulation: DesignSimulation
  /** Null in a comparison report (deterministic estimates only). */
  readonly uncertainty: MonteCarloResult | null
  readonly flags: ReadonlyArray<Flag>
  /** The catalog numbers the estimate rests on that are not yet verified ([U]). */
  readonly catalogAssumptions: ReadonlyArray<Assumption>
  /** The validator's warnings about the design itself (path and message). */
  readonly designWarnings: ReadonlyArray<DesignIssue>
  /** The estimate under a calibration profile, when the report was asked for one; else null. */
  readonly calibration: AnalysedCalibration | null
  /** Published experiments like the design, with the engine on each and on the design (published-like.ts). */
  readonly publishedLike: ReadonlyArray<PublishedExperiment>
}

/**
 * Runs the engine, the Monte Carlo band (when `withUncertainty`), the translation flags and the
 * assumption list for one valid design, with its validator warnings. Pure and synchronous (~1 s with the band), so the CLI
 * and the app's worker call the same code.
 */
export function analyseDesign(
  design: Design, withUncertainty: boolean, designWarnings: ReadonlyArray<DesignIssue> = [], calibration: ReportCalibration | null = null,
): DesignAnalysis {
  return {
    // The design's own warnings are kept apart (not folded into the engine's as "path: message"),
    // so the report names their fields as the form does.
    simulation: simulateDesign(design, { hours: REPORT_HORIZON_H }),
    uncertainty: withUncertainty
      ? simulateDesignUncertainty(design, { samples: REPORT_MONTE_CARLO.samples, seed: REPORT_MONTE_CARLO.seed, hours: REPORT_HORIZON_H })
      : null,
    flags: evaluateFlags(design),
    catalogAssumptions: designAssumptions(design),
    designWarnings,
    // With a profile: the very call `nanoforge simulate --profile` makes (apply.ts), at the
    // report's horizon and seed, which are simulate's defaults (72 h, seed 1, 200 posterior
    // draws), so the report's calibrated numbers are simulate --profile's to the last digit.
    publishedLike: publishedExperimentsLike(design, [...inVivoRows('calibration'), ...inVivoRows('validation')]),
    calibration: calibration === null ? null : {
      ...calibration,
      estimate: estimateWithProfile(design, posteriorOfProfile(calibration.profile), { hours: REPORT_HORIZON_H, seed: REPORT_MONTE_CARLO.seed }),
    },
  }
}
