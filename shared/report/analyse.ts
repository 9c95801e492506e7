import type { Assumption } from '../catalog/cited'
import { designAssumptions } from '../design/assumptions'
import type { Design, DesignIssue } from '../design/types'
import { simulateDesign, simulateDesignUncertainty, type DesignSimulation } from '../engine/simulate'
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
}

/**
 * Runs the engine, the Monte Carlo band (when `withUncertainty`), the translation flags and the
 * assumption list for one valid design, with its validator warnings. Pure and synchronous (~1 s with the band), so the CLI
 * and the app's worker call the same code.
 */
export function analyseDesign(design: Design, withUncertainty: boolean, designWarnings: ReadonlyArray<DesignIssue> = []): DesignAnalysis {
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
  }
}
