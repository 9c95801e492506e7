/**
 * The calibratable parameter set (issue #14, step 1) and its priors.
 *
 * Each parameter is a multiplier m on an engine parameter, sampled as θ = ln m with a normal
 * prior N(0, σ²): a log-normal prior on m with median 1 (the engine's nominal value) and the
 * coefficient of variation of the catalog's Monte Carlo (pbpk.json monteCarlo, CV 50 %),
 * σ = √ln(1 + CV²) = √ln 1.25 = 0.4724 [D]. The Monte Carlo truncates its draws at the
 * 2.5–97.5 % quantiles; the prior here is NOT truncated, because a hard wall at the prior's
 * 95 % band would forbid the data from ever moving a parameter past it (the posterior would
 * pile up on the wall instead of saying the engine is off by more than its stated spread).
 *
 * Why these six (and not the ~62 multipliers the Monte Carlo perturbs): a lab's in-vivo data
 * are a few tissues at a few times; only parameters that move those numbers strongly and
 * differently can be learned from them.
 * - liverKMax, spleenKMax: the phagocytic uptake of the two organs that take up most of any
 *   nanoparticle dose (Lin 2016 model structure; Tsoi KM et al. 2016, Nat Mater 15:1212:
 *   liver ~ 30–99 % of the recovered dose). They set the liver and spleen curves and, with
 *   them, the blood clearance, so %ID in liver, spleen and blood inform them directly.
 * - targetPermeability: the disease's inflamed-vessel permeability (the excess over 1 of the
 *   disease PATC multiplier, ParameterPerturbation.diseasePermeability) — what sets delivery
 *   to the target, the number the lab cares about. Uninformed in a healthy context (reported).
 * - mpsKRel: release of particles from liver and spleen phagocytes back to the tissue (one
 *   shared multiplier on both organs' K_rel): sets the late-time plateau of liver and spleen.
 * - degradation: carrier degradation in phagocytes (BiodistributionInput.core.degradationPerH
 *   = the class rate × m); intact-particle counting loses degraded carrier, a residualizing
 *   label keeps it, so the two countings inform it differently. Uninformed for cores that do
 *   not degrade (gold, iron oxide: rate 0). With mpsKRel it shapes the same late curves: the
 *   two are expected to trade off (the identifiability report shows it).
 * - releaseRate: × the release hazard in every environment, so the released fraction is
 *   F_m(t) = 1 − (1 − F(t))^m (survival S^m; brief §1.1 r = −d ln S/dt). Informed by measured
 *   release curves only: particle %ID does not depend on drug release.
 * Everything else (partition coefficients, PACs of healthy organs, capacities, other organs'
 * K_max) stays at its nominal value: the set is kept small so that each sampled parameter
 * has its own signature in the data and the sampler fits the 60 s budget. A posterior is
 * therefore conditional on those nominal values (said in docs/science.md).
 */
import { ORGAN_KEYS, PBPK_DATA, type OrganKey } from '../pbpk/data'
import type { ParameterPerturbation } from '../pbpk/parameters'
import type { BiodistributionInput } from '../pbpk/types'

/** Identifiers of the calibratable parameters, in the order they are sampled. */
export const CALIBRATION_PARAMETER_IDS = [
  'liverKMax', 'spleenKMax', 'targetPermeability', 'mpsKRel', 'degradation', 'releaseRate',
] as const
/** One of {@link CALIBRATION_PARAMETER_IDS}. */
export type CalibrationParameterId = (typeof CALIBRATION_PARAMETER_IDS)[number]

/** What a parameter multiplies, in words, for reports and the app. */
export const CALIBRATION_PARAMETER_LABELS: Readonly<Record<CalibrationParameterId, string>> = {
  liverKMax: 'Liver phagocytic uptake (K_max)',
  spleenKMax: 'Spleen phagocytic uptake (K_max)',
  targetPermeability: 'Inflamed target vessel permeability (disease excess)',
  mpsKRel: 'Release from liver and spleen phagocytes (K_rel)',
  degradation: 'Carrier degradation in phagocytes',
  releaseRate: 'Drug release rate (hazard multiplier)',
}

/** A log-normal prior on a multiplier: ln m ~ N(0, sigmaLn²), median 1. */
export interface MultiplierPrior {
  readonly medianMultiplier: number
  /** SD of ln m. */
  readonly sigmaLn: number
  /** Where the spread comes from. */
  readonly source: string
}

/**
 * σ of ln m from a coefficient of variation of m: for a log-normal, CV² = e^{σ²} − 1, so
 * σ = √ln(1 + CV²) (the relation the Monte Carlo uses, pbpk/random.ts lognormalMultiplier).
 */
export function sigmaLnFromCv(cv: number): number {
  if (!(cv > 0) || !Number.isFinite(cv)) throw new Error(`calibrate: a coefficient of variation must be a positive number, got ${cv}`)
  return Math.sqrt(Math.log(1 + cv * cv))
}

/** The prior of every parameter: CV of pbpk.json monteCarlo (50 % → σ_ln = 0.4724). */
export function priorOf(_id: CalibrationParameterId): MultiplierPrior {
  const cv = PBPK_DATA.monteCarlo.coefficientOfVariation
  return {
    medianMultiplier: 1,
    sigmaLn: sigmaLnFromCv(cv.value),
    source: `log-normal, median 1 (the engine's nominal value), CV ${cv.value} from the engine's Monte Carlo setting (${cv.source}) [${cv.evidence}]; σ_ln = √ln(1 + CV²) [D]; not truncated`,
  }
}

/** ln N(θ; 0, σ²) summed over the parameters (θ = ln multipliers). */
export function logPrior(thetaLn: ArrayLike<number>, sigmaLn: ArrayLike<number>): number {
  let s = 0
  for (let i = 0; i < thetaLn.length; i++) {
    const z = thetaLn[i]! / sigmaLn[i]!
    s += -0.5 * z * z - Math.log(sigmaLn[i]!) - 0.5 * Math.log(2 * Math.PI)
  }
  return s
}

/** Multipliers (not logs) of every calibratable parameter; absent = 1. */
export type Multipliers = Readonly<Partial<Record<CalibrationParameterId, number>>>

const ONES = { partition: 1, permeability: 1, kMax: 1, kRel: 1, capacity: 1 } as const

/**
 * The engine's Monte Carlo perturbation for a set of multipliers: every multiplier 1 except
 * liver/spleen K_max, liver and spleen K_rel (one shared mpsKRel) and the disease
 * permeability (ParameterPerturbation, pbpk/modifiers/types.ts).
 */
export function perturbationOf(m: Multipliers): ParameterPerturbation {
  const organs = {} as Record<OrganKey, { partition: number; permeability: number; kMax: number; kRel: number; capacity: number }>
  for (const o of ORGAN_KEYS) organs[o] = { ...ONES }
  const kRel = m.mpsKRel ?? 1
  organs.liver = { ...ONES, kMax: m.liverKMax ?? 1, kRel }
  organs.spleen = { ...ONES, kMax: m.spleenKMax ?? 1, kRel }
  return { organs, diseasePermeability: m.targetPermeability ?? 1, diseaseKMax: 1 }
}

/**
 * Carrier degradation rate in phagocytes the engine uses for an input, h⁻¹: the input's own
 * rate, else the class rate of pbpk.json modifiers.degradation; 0 for non-degradable cores
 * (the rule of pbpk/modifiers/degradation.ts, read here so the multiplier scales that value).
 */
export function nominalDegradationPerH(input: BiodistributionInput): number {
  if (!input.core.degradable) return 0
  return input.core.degradationPerH ?? PBPK_DATA.modifiers.degradation[input.core.coreClass]?.value ?? 0
}

/**
 * The input with the degradation multiplier applied (degradationPerH = nominal × m) and,
 * because particle %ID does not depend on drug release, without the release hazard (the
 * drug states would only slow the solver).
 */
export function calibratedInput(input: BiodistributionInput, m: Multipliers): BiodistributionInput {
  const { releaseHazard: _hazard, ...rest } = input
  const degradation = m.degradation ?? 1
  if (degradation === 1 || !input.core.degradable) return rest
  return { ...rest, core: { ...input.core, degradationPerH: nominalDegradationPerH(input) * degradation } }
}

/** Released fraction under a release-rate multiplier m: F_m = 1 − (1 − F)^m (survival S^m). */
export function releasedFractionWithMultiplier(fraction: number, m: number): number {
  const s = Math.min(1, Math.max(0, 1 - fraction))
  return 1 - Math.pow(s, m)
}

/** Multipliers from sampled log values for the parameters `ids`. */
export function multipliersOf(ids: ReadonlyArray<CalibrationParameterId>, thetaLn: ArrayLike<number>): Multipliers {
  const out: Partial<Record<CalibrationParameterId, number>> = {}
  ids.forEach((id, i) => { out[id] = Math.exp(thetaLn[i]!) })
  return out
}
