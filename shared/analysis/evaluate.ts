/**
 * How the design analyses evaluate many designs: a batch callback, so the same analysis
 * runs on one thread (here) or on a worker pool (the CLI), with identical results because
 * each design's metrics depend on the design alone.
 */
import type { Design } from '../design/types'
import { evaluateDesign, type MetricId } from '../metrics/registry'

/** Metrics of one design, or the reason it could not be evaluated. */
export type DesignOutcome =
  | { readonly ok: true; readonly metrics: Readonly<Record<MetricId, number>> }
  | { readonly ok: false; readonly reason: string }

/** Evaluates a batch of valid designs, in order, at the given horizon. */
export type DesignBatchEvaluator = (designs: ReadonlyArray<Design>, hours: number) => Promise<ReadonlyArray<DesignOutcome>>

/** One design's outcome: the engine's error becomes a reason, never an exception. */
export function evaluateOutcome(design: Design, hours: number): DesignOutcome {
  try {
    return { ok: true, metrics: evaluateDesign(design, { hours }) }
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) }
  }
}

/** The single-thread evaluator. */
export const evaluateSerially: DesignBatchEvaluator = (designs, hours) => Promise.resolve(designs.map((d) => evaluateOutcome(d, hours)))
