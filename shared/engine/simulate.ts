import type { Design, DesignIssue } from '../design/types'
import { deriveProperties, type DerivedProperties } from '../design/derived'
import { predictRelease, releaseHazard, releaseSpeedSpreadLog10, type ReleasePrediction } from './release'
import {
  biodistributionInputFromDesign, monteCarloRun, simulateBiodistribution, summarizeMonteCarlo,
  type BiodistributionResult, type IndividualPhysiology, type MonteCarloResult, type MonteCarloRun, type MonteCarloSamples,
} from './pbpk'
import { ENGINE_VERSION } from './version'

/** Options of {@link simulateDesign}. */
export interface SimulateDesignOptions {
  /** Horizon, h (default 72, as `nanoforge simulate`). */
  readonly hours?: number
  /**
   * An individual (virtual patient, shared/patient) instead of the species' reference body:
   * body weight and physiology go to the PBPK model; absent, the reference (as before).
   */
  readonly individual?: { readonly bodyWeightKg: number; readonly physiology: IndividualPhysiology }
}

/** One evaluated assumption, as the app lists it (value, unit, source and evidence tag). */
export interface EngineAssumption {
  readonly module: 'release' | 'biodistribution'
  readonly parameter: string
  readonly description?: string
  readonly value: number | null
  readonly unit: string
  readonly source: string
  readonly evidence: string
}

/**
 * The whole estimate of one design: the JSON document of `nanoforge simulate`
 * (docs/cli.md), plus the assumptions behind it and the engine version.
 */
export interface DesignSimulation {
  readonly engineVersion: string
  readonly derived: DerivedProperties
  readonly release: ReleasePrediction
  readonly biodistribution: Omit<BiodistributionResult, 'selectivity' | 'warnings' | 'assumptions' | 'solver'>
  readonly selectivity: BiodistributionResult['selectivity']
  readonly warnings: ReadonlyArray<string>
  readonly assumptions: ReadonlyArray<EngineAssumption>
}

/**
 * Evaluates one (valid) design: derived properties, release in the three environments, and
 * the PBPK biodistribution with drug released compartment by compartment from the release
 * hazard (brief §1.1 step 2), which gives the selectivity metrics.
 *
 * Why one function: the CLI, the app's engine worker, the tests and the benchmarks must all
 * see the same numbers for the same design ("one engine, three faces").
 */
export function simulateDesign(design: Design, options: SimulateDesignOptions = {}, designWarnings: ReadonlyArray<DesignIssue> = []): DesignSimulation {
  const hours = options.hours ?? 72
  const derived = deriveProperties(design)
  const release = predictRelease(design, { hours })
  const reference = biodistributionInputFromDesign(design, derived, releaseHazard(design))
  const input = options.individual ? { ...reference, bodyWeightKg: options.individual.bodyWeightKg, physiology: options.individual.physiology } : reference
  const bio = simulateBiodistribution(input, { hours })
  const { selectivity, warnings: bioWarnings, assumptions: bioAssumptions, solver: _solver, ...biodistribution } = bio
  return {
    engineVersion: ENGINE_VERSION,
    derived,
    release,
    biodistribution,
    selectivity,
    warnings: [
      ...designWarnings.map((w) => `${w.path}: ${w.message}`),
      ...release.warnings,
      ...bioWarnings,
    ],
    assumptions: [
      ...release.assumptions.map((a) => ({ module: 'release' as const, parameter: a.parameter, value: a.value, unit: a.unit, source: a.source, evidence: a.evidence })),
      ...bioAssumptions.map((a) => ({ module: 'biodistribution' as const, parameter: a.id, description: a.description, value: a.value ?? null, unit: a.unit ?? '', source: a.source, evidence: a.evidence })),
    ],
  }
}

/** Options of {@link simulateDesignUncertainty}. */
export interface UncertaintyOptions {
  readonly samples: number
  readonly seed: number
  readonly hours?: number
  readonly onProgress?: (done: number, total: number) => void
  readonly signal?: { readonly aborted: boolean }
}

/**
 * Monte Carlo band of the biodistribution of one design (brief Part 4 note 5: lognormal
 * sampling, median and 95 % band), seeded so the same design and seed give the same band.
 */
export function simulateDesignUncertainty(design: Design, options: UncertaintyOptions): MonteCarloResult {
  const total = Math.max(1, Math.floor(options.samples))
  return summarizeMonteCarlo([designUncertaintySamples(design, { ...options, from: 0, to: total })], total, options.seed)
}

/**
 * The samples [from, to) of {@link simulateDesignUncertainty}'s run, for a worker: the pieces
 * of a run, summarised with summarizeMonteCarlo, give the same band on any number of workers.
 */
export function designUncertaintySamples(design: Design, options: UncertaintyOptions & { readonly from: number; readonly to: number }): MonteCarloSamples {
  return designUncertaintyRun(design, options).samples(options)
}

/**
 * {@link designUncertaintySamples}'s run set up once, for a worker that runs several sample
 * ranges of it (the release hazard is tabulated once, not for every range).
 */
export function designUncertaintyRun(design: Design, options: Pick<UncertaintyOptions, 'samples' | 'seed' | 'hours'>): MonteCarloRun {
  const derived = deriveProperties(design)
  const spread = releaseSpeedSpreadLog10(design)
  const input = { ...biodistributionInputFromDesign(design, derived, releaseHazard(design)), ...(spread !== undefined ? { releaseSpeedSpreadLog10: spread } : {}) }
  return monteCarloRun(input, { samples: options.samples, seed: options.seed, hours: options.hours ?? 72 })
}
