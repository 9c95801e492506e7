/**
 * The next experiment (issue #14, "Next experiment"): given a goal (`nanoforge.goal`), a
 * calibration profile and what the lab has measured, propose the next 1–5 designs to make.
 *
 * Pure (no Node APIs): the CLI (`nanoforge suggest`) and the app's Suggest panel (in a Web
 * Worker) call {@link suggestNextDesigns} with the same arguments and get the same answer.
 */
import type { Design } from '../../design/types'
import type { KnobValue } from '../../analysis/design-paths'
import type { Goal } from '../../analysis/goal'
import type { MetricId } from '../../metrics/registry'
import type { ProfilePosterior } from './apply'
import type { Multipliers } from './parameters'

/**
 * One design the lab has measured, as the discrepancy model learns from it: for each goal
 * metric the lab's data give, ln(lab value ÷ engine value under the profile's posterior
 * medians), computed like for like (the same rule on both sides, see suggest-lab.ts).
 */
export interface LabPoint {
  readonly design: Design
  /** ln(lab ÷ engine with the profile's medians), per measured metric. */
  readonly residualLn: Readonly<Partial<Record<MetricId, number>>>
  /** SD of each residual's measurement error, ln units (default: the likelihood's default CV 30 % → 0.294). */
  readonly noiseSdLn?: Readonly<Partial<Record<MetricId, number>>>
  /** Where it came from (a measurement id), for the report. */
  readonly source?: string
}

/** Every goal metric of one design under one set of multipliers (the engine; injectable for tests and caches). */
export type MetricsUnderMultipliers = (design: Design, multipliers: Multipliers, hours: number) => Readonly<Record<MetricId, number>>

/** Options of {@link suggestNextDesigns}. */
export interface SuggestOptions {
  /** Designs to propose, 1–5 (default 3). */
  readonly count?: number
  /** Seed of the candidate set, the posterior draws and the Monte Carlo expected improvement (default 1). */
  readonly seed?: number
  /** Candidate designs scored (default 128, a seeded Latin hypercube over the goal's knobs plus the base design). */
  readonly candidates?: number
  /** An explicit candidate set instead: unit-cube points, one coordinate per knob. */
  readonly candidateUnits?: ReadonlyArray<ReadonlyArray<number>>
  /** Posterior draws run at every candidate for the engine's parametric spread (default 8). */
  readonly drawsPerCandidate?: number
  /** Biodistribution horizon, h (default 72). */
  readonly hours?: number
  /** The engine under multipliers (default {@link metricsWithMultipliers}). */
  readonly evaluate?: MetricsUnderMultipliers
  readonly onProgress?: (done: number, total: number) => void
  readonly signal?: { readonly aborted: boolean }
}

/** Median and 95 % interval of a metric as the lab would measure it. */
export interface ExpectedMetric {
  readonly median: number
  readonly ci95: readonly [number, number]
}

/** One proposed design. */
export interface Suggestion {
  readonly design: Design
  /** The goal's knob values of the design, by path. */
  readonly knobs: Readonly<Record<string, KnobValue>>
  /** What the lab would measure (engine with profile × learned discrepancy), per goal metric. */
  readonly expected: Readonly<Partial<Record<MetricId, ExpectedMetric>>>
  /** The engine with the profile's medians alone, per goal metric (before the learned discrepancy). */
  readonly engine: Readonly<Partial<Record<MetricId, number>>>
  /** Expected improvement of the scalarised objective (ln units) times the probability of meeting the constraints. */
  readonly acquisition: number
  readonly expectedImprovement: number
  readonly probabilityFeasible: number
  /** Plain-language reason. */
  readonly why: string
  /** The measurement that would settle the suggestion's largest uncertainty. */
  readonly settle: { readonly metric: MetricId; readonly measurement: string }
  /** Ways the design lies outside the profile's training designs. */
  readonly warnings: ReadonlyArray<string>
}

/** Result of {@link suggestNextDesigns}. */
export interface SuggestResult {
  readonly suggestions: ReadonlyArray<Suggestion>
}

/**
 * Proposes the next `count` designs for the goal (Bayesian optimisation; see the module
 * comment). Deterministic for a seed.
 */
export function suggestNextDesigns(
  _goal: Goal, _profile: ProfilePosterior, _lab: ReadonlyArray<LabPoint>, _options: SuggestOptions = {},
): SuggestResult {
  throw new Error('suggestNextDesigns: not implemented yet')
}
