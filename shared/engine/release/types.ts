/**
 * Result types of the release-prediction engine (brief PART 1; cli.md `simulate` release part).
 */
import type { EvidenceTag, ReleaseMechanism } from './catalog'
import type { ReleaseEnvironmentId } from './triggers'

/** One parameter the prediction relied on, with its evidence tag ([U] ones are shown as assumptions). */
export interface ReleaseAssumption {
  /** Dotted path of the parameter, e.g. `core.plga-50-50.degradationRatePerDay`. */
  readonly parameter: string
  readonly value: number
  readonly unit: string
  readonly source: string
  readonly evidence: EvidenceTag
  readonly note?: string
}

/** Release curve and summary numbers in one environment. */
export interface EnvironmentRelease {
  readonly timesH: number[]
  /** Fraction (0-1) of the payload released at each time. */
  readonly fractionReleased: number[]
  /** Time to 50 % released, h; null if not reached within the horizon. */
  readonly t50H: number | null
  /** Time to 80 % released, h; null if not reached within the horizon. */
  readonly t80H: number | null
  /** Fraction released in the first hour. */
  readonly burstFraction1H: number
  /** Rate multiplier of this environment relative to plasma (trigger and/or swelling). */
  readonly rateMultiplier: number
}

/** Prediction of drug release from a design in the three environments. */
export interface ReleasePrediction {
  /** Mechanism used for the core (catalog `mechanism`), e.g. `erosion-diffusion`. */
  readonly mechanism: ReleaseMechanism
  /** Human-readable description of the mechanism, noting dispersed drug when it applies. */
  readonly mechanismLabel: string
  /** Drug release class (catalog `drugClasses`). */
  readonly drugClass: string
  /** True when the dispersed (Baker-Lonsdale) form carries at least half the weight (dispersedWeight ≥ 0.5). */
  readonly dispersedDrug: boolean
  /** Weight 0-1 of the dispersed-drug (Baker-Lonsdale) survival, blended with the dissolved (Crank)
   * one between C0/Cs = 1 and 3; 0 for cores without a diffusion form. Addition to cli.md. */
  readonly dispersedWeight: number
  readonly environments: Record<ReleaseEnvironmentId, EnvironmentRelease>
  readonly assumptions: ReleaseAssumption[]
  readonly warnings: string[]
}

/** Options for `predictRelease`. */
export interface PredictReleaseOptions {
  /** Horizon in hours for the default grid (default 72, as `nanoforge simulate`). */
  readonly hours?: number
  /** Explicit time grid, h (overrides `hours`); must be finite and ≥ 0. */
  readonly timesH?: ReadonlyArray<number>
  /** pH-trigger law: specific-acid catalysis (default) or the logistic switch (brief §1.5.2). */
  readonly phForm?: 'acid-catalysed' | 'logistic'
}

/** Hazard r(env, tH) = -d ln(1 - F)/dt in 1/h (brief §1.1). */
export type ReleaseHazard = (environment: ReleaseEnvironmentId, tH: number) => number

/**
 * A design's hazard with the three environments in one call (plasma, inflamed, endolysosome),
 * the form the PBPK system's solver asks for at every stage point (pbpk/system.ts
 * `AllEnvironmentsHazard`): `rates[e]` equal the function's own values to the bit, and
 * `slopes[e]` the forward difference the system would otherwise take of it.
 */
export type ReleaseHazardAllEnvironments = ReleaseHazard & {
  readonly allEnvironments: (tH: number, rates: Float64Array, slopes?: Float64Array) => void
}
