/**
 * A design estimated "with a calibration profile" (issue #14): the engine run under a set of
 * calibration multipliers (the posterior medians for the point estimate) and the band over
 * multiplier sets drawn from the posterior (sampleDrawMultipliers, profile.ts).
 *
 * How each multiplier enters a whole-design simulation (the same places the calibration put
 * them, parameters.ts, so an estimate uses what was learned exactly as it was learned):
 * - liverKMax, spleenKMax, mpsKRel, targetPermeability: the engine's parameter perturbation
 *   (perturbationOf → resolveParameters);
 * - degradation: the carrier degradation rate in phagocytes × m (calibratedInput's rule);
 * - releaseRate: the release hazard × m in every environment, r_m(t) = m·r(t), so the
 *   survival is S(t)^m and the released fraction F_m = 1 − (1 − F)^m
 *   (releasedFractionWithMultiplier, the rule the release studies were fitted with).
 */
import type { Design } from '../../design/types'
import { deriveProperties } from '../../design/derived'
import { biodistributionInputFromDesign, monteCarloSamples, simulateWithPerturbation, summarizeMonteCarlo, type BiodistributionInput, type BiodistributionResult, type MonteCarloResult } from '../pbpk'
import { releaseHazard } from '../release'
import { domainWarnings, type DesignDomain } from './domain'
import { nominalDegradationPerH, perturbationOf, type CalibrationParameterId, type Multipliers } from './parameters'
import { sampleDrawMultipliers } from './profile'

/** The input under the multipliers' degradation and release-rate parts (the others act on parameters). */
export function inputWithMultipliers(input: BiodistributionInput, m: Multipliers): BiodistributionInput {
  let out = input
  const degradation = m.degradation ?? 1
  if (degradation !== 1 && input.core.degradable) {
    out = { ...out, core: { ...out.core, degradationPerH: nominalDegradationPerH(input) * degradation } }
  }
  const rate = m.releaseRate ?? 1
  const hazard = input.releaseHazard
  if (rate !== 1 && hazard !== undefined) out = { ...out, releaseHazard: (environment, tH) => rate * hazard(environment, tH) }
  return out
}

/** The design's PBPK input with its release hazard, as simulateDesign builds it. */
function designInput(design: Design): BiodistributionInput {
  return biodistributionInputFromDesign(design, deriveProperties(design), releaseHazard(design))
}

/**
 * The biodistribution of a design under one set of multipliers ({} = the nominal engine,
 * the same numbers as simulateDesign's biodistribution).
 */
export function simulateWithMultipliers(design: Design, m: Multipliers, hours = 72): BiodistributionResult {
  return simulateWithPerturbation(inputWithMultipliers(designInput(design), m), { hours }, perturbationOf(m))
}

/** Bands of a design over multiplier sets: the Monte Carlo result shape, without the catalog CV (not used). */
export type ProfileBands = Omit<MonteCarloResult, 'coefficientOfVariation'>

/**
 * Median and 95 % band (2.5–97.5 %, as the Monte Carlo) of every curve and metric of the design
 * over the multiplier sets (one engine run each), through the Monte Carlo's own sampling and
 * summary so the bands mean the same thing as the uncalibrated `uncertainty`.
 */
export function profileBands(design: Design, sets: ReadonlyArray<Multipliers>, seed: number, hours = 72): ProfileBands {
  if (sets.length === 0) throw new Error('profile bands need at least one multiplier set')
  const samples = monteCarloSamples(designInput(design), {
    samples: sets.length, seed, hours, from: 0, to: sets.length,
    sampleOf: (i, input) => ({ input: inputWithMultipliers(input, sets[i]!), perturbation: perturbationOf(sets[i]!) }),
  })
  const { coefficientOfVariation: _cv, ...bands } = summarizeMonteCarlo([samples], sets.length, seed)
  return bands
}

/** What {@link estimateWithProfile} needs of a saved profile. */
export interface ProfilePosterior {
  /** Posterior median multiplier of every calibrated parameter (the point estimate). */
  readonly medians: Multipliers
  /** The sampled parameters and the posterior draws of their ln multipliers, [draw][parameter]. */
  readonly sampled: ReadonlyArray<CalibrationParameterId>
  readonly drawsLn: ReadonlyArray<ArrayLike<number>>
  /** The training designs, for the distance warning. */
  readonly domain: DesignDomain
}

/** A design estimated with a profile: the point estimate, the bands and the warnings. */
export interface ProfileEstimate {
  readonly multipliers: Multipliers
  /** The biodistribution at the posterior medians. */
  readonly estimate: Pick<BiodistributionResult, 'timesH' | 'percentDose' | 'aucPercentDoseH' | 'bloodHalfLifeH' | 'selectivity'>
  /** Bands over posterior draws (prior draws for the parameters the profile did not calibrate). */
  readonly bands: ProfileBands
  /** Ways the design lies outside the profile's training designs (domain.ts). */
  readonly warnings: ReadonlyArray<string>
}

/** Default multiplier sets of a profile band (about 0.5 s for one design on this machine). */
export const PROFILE_BAND_SAMPLES = 200

/**
 * The design "with profile X" (issue #14): the engine at the posterior medians and the band
 * over `samples` posterior draws (seeded), plus the distance warnings.
 */
export function estimateWithProfile(
  design: Design, profile: ProfilePosterior, options: { readonly hours?: number; readonly samples?: number; readonly seed?: number } = {},
): ProfileEstimate {
  const hours = options.hours ?? 72
  const seed = options.seed ?? 1
  const point = simulateWithMultipliers(design, profile.medians, hours)
  const sets = sampleDrawMultipliers(profile.sampled, profile.drawsLn, options.samples ?? PROFILE_BAND_SAMPLES, seed)
  return {
    multipliers: profile.medians,
    estimate: { timesH: point.timesH, percentDose: point.percentDose, aucPercentDoseH: point.aucPercentDoseH, bloodHalfLifeH: point.bloodHalfLifeH, selectivity: point.selectivity },
    bands: profileBands(design, sets, seed, hours),
    warnings: domainWarnings(design, profile.domain),
  }
}
