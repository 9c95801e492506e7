/**
 * Bayesian calibration of the engine on a lab's studies (issue #14, engine core): the
 * posterior of the multipliers of {@link CALIBRATION_PARAMETER_IDS} given biodistribution
 * studies and release profiles, by adaptive Metropolis, with convergence diagnostics and an
 * identifiability report. A posterior that has not converged is not reported: the result
 * then carries the reasons and the diagnostics only.
 *
 * Posterior: p(θ | y) ∝ Π_i N(θ_i; 0, σ_i²) · Π_obs L(y_obs | engine(θ)), θ = ln multipliers
 * (priors in parameters.ts, likelihood in likelihood.ts, predictions in studies.ts).
 */
import { standardNormal, mulberry32 } from '../pbpk/random'
import { ENGINE_VERSION } from '../version'
import { quantileSorted } from '../quantile'
import { bulkEss, rankNormalizedRHat } from './diagnostics'
import { fisherInformation, type IdentifiabilityReport } from './identifiability'
import { DEFAULT_ERROR_MODEL, logNormalObservation, normalObservation, sigmaLnOf, type ErrorModel } from './likelihood'
import {
  CALIBRATION_PARAMETER_IDS, CALIBRATION_PARAMETER_LABELS, logPrior, multipliersOf, priorOf,
  type CalibrationParameterId, type Multipliers,
} from './parameters'
import { adaptiveMetropolis } from './sampler'
import { checkStudies, predictStudy, type CalibrationStudy } from './studies'

/** Options of {@link calibrate}. */
export interface CalibrateOptions {
  /** Parameters to calibrate (default: all; those the studies cannot inform are left at their prior). */
  readonly parameters?: ReadonlyArray<CalibrationParameterId>
  /** Independent chains (default 4). */
  readonly chains?: number
  /** Warm-up iterations per chain, discarded (default 1000). */
  readonly warmup?: number
  /** Kept iterations per chain (default 4000). */
  readonly draws?: number
  readonly seed?: number
  readonly errorModel?: ErrorModel
  /** Largest R-hat accepted (default 1.01, Vehtari et al. 2021 §4.4). */
  readonly rHatMax?: number
  /** Smallest bulk ESS accepted (default 400 = 100 per chain for 4 chains, Vehtari et al. 2021 §4.4). */
  readonly essMin?: number
  readonly onProgress?: (done: number, total: number) => void
  readonly signal?: { readonly aborted: boolean }
}

/** Median and 95 % interval of a multiplier. */
export interface MultiplierSummary {
  readonly median: number
  readonly ci95: readonly [number, number]
}

/** What the calibration says about one parameter. */
export interface ParameterReport {
  readonly id: CalibrationParameterId
  readonly label: string
  readonly prior: MultiplierSummary & { readonly sigmaLn: number; readonly source: string }
  /** Null when the parameter was not sampled (not informed) or the run did not converge. */
  readonly posterior: MultiplierSummary | null
  /** False when no observation of the studies moves with it (left at its prior, not sampled). */
  readonly informed: boolean
  /** Posterior 95 % width of ln m over the prior's (null when not reported). */
  readonly widthRatio: number | null
  readonly rHat: number | null
  readonly essBulk: number | null
}

/** Diagnostics of the run. */
export interface CalibrationDiagnostics {
  readonly rHatMax: number
  readonly essMin: number
  readonly converged: boolean
  readonly chains: number
  readonly warmup: number
  readonly draws: number
  readonly acceptance: ReadonlyArray<number>
  readonly evaluations: number
  readonly rHatLimit: number
  readonly essLimit: number
  /** Proposals the engine could not solve (rejected), and the first one's message. */
  readonly engineFailures: number
  readonly firstEngineFailure?: string
}

/** The outcome of {@link calibrate}. */
export interface CalibrationResult {
  /** `converged`: the posterior is reported; otherwise it is withheld and `reasons` says why. */
  readonly status: 'converged' | 'not-converged' | 'cancelled'
  readonly reasons: ReadonlyArray<string>
  readonly parameters: ReadonlyArray<ParameterReport>
  /** The sampled parameters, in the order of the draws. */
  readonly sampled: ReadonlyArray<CalibrationParameterId>
  readonly diagnostics: CalibrationDiagnostics
  /**
   * Pooled posterior draws of the sampled parameters' ln multipliers, [draw][parameter];
   * empty unless converged (a posterior that has not converged is not handed out).
   */
  readonly posteriorDrawsLn: ReadonlyArray<Float64Array>
  /** The chains as sampled, [chain][iteration][parameter], for trace plots whatever the status. */
  readonly trace: ReadonlyArray<ReadonlyArray<Float64Array>>
  readonly identifiability: IdentifiabilityReport | null
  readonly provenance: {
    readonly engineVersion: string
    readonly seed: number
    readonly studies: ReadonlyArray<string>
    readonly observations: number
    readonly errorModel: ErrorModel
  }
}

/** The posterior median multipliers of a converged result; throws with the reasons otherwise. */
export function posteriorMedianMultipliers(result: CalibrationResult): Multipliers {
  if (result.status !== 'converged') throw new Error(`calibration has no posterior: ${result.reasons.join('; ')}`)
  const out: Partial<Record<CalibrationParameterId, number>> = {}
  for (const p of result.parameters) if (p.posterior) out[p.id] = p.posterior.median
  return out
}

/** One observation's log-likelihood term, prepared once (σ fixed by the data). */
interface PreparedStudy {
  readonly study: CalibrationStudy
  readonly sigma: Float64Array
  readonly observed: Float64Array
  readonly censored: Uint8Array
}

function prepare(study: CalibrationStudy, model: ErrorModel): PreparedStudy {
  if (study.kind === 'release') {
    return {
      study,
      observed: Float64Array.from(study.meanPercent),
      sigma: Float64Array.from(study.sdPercent, (sd) => Math.max(sd ?? 0, model.releaseSdFloorPercent)),
      censored: new Uint8Array(study.timesH.length),
    }
  }
  return {
    study,
    observed: Float64Array.from(study.observations, (o) => o.value),
    // a censored point has no SD of its own: the default CV
    sigma: Float64Array.from(study.observations, (o) => sigmaLnOf(o.value, o.censored ? undefined : o.sd, model)),
    censored: Uint8Array.from(study.observations, (o) => (o.censored ? 1 : 0)),
  }
}

/** Σ log-likelihood of one study's observations given its predictions. */
function studyLogLikelihood(p: PreparedStudy, predicted: ReadonlyArray<number>): number {
  let s = 0
  for (let i = 0; i < predicted.length; i++) {
    s += p.study.kind === 'release'
      ? normalObservation(p.observed[i]!, predicted[i]!, p.sigma[i]!)
      : logNormalObservation(p.observed[i]!, predicted[i]!, p.sigma[i]!, p.censored[i] === 1)
  }
  return s
}

/**
 * Standardised residual of every observation of the studies at the multipliers: (ln y − ln μ)/σ
 * (biodistribution) or (y − μ)/SD (release). Used by the informativeness screen and the
 * Fisher information.
 */
function standardizedResiduals(prepared: ReadonlyArray<PreparedStudy>, m: Multipliers): number[] {
  const out: number[] = []
  for (const p of prepared) {
    const pred = predictStudy(p.study, m)
    pred.forEach((mu, i) => {
      out.push(p.study.kind === 'release'
        ? (p.observed[i]! - mu) / p.sigma[i]!
        : (Math.log(p.observed[i]!) - Math.log(Math.max(mu, 1e-9))) / p.sigma[i]!)
    })
  }
  return out
}

/** A parameter moves the data when a one-prior-SD change shifts some residual by ≥ this. */
const INFORMED_SHIFT = 0.01
/** A posterior 95 % interval at least this share of the prior's counts as "not identifiable". */
const NOT_IDENTIFIED_WIDTH_RATIO = 0.9

/**
 * Calibrates the engine on the studies. Deterministic for the same studies and options
 * (seeded). Throws CalibrationInputError on bad studies (with the offending path).
 */
export function calibrate(studies: ReadonlyArray<CalibrationStudy>, options: CalibrateOptions = {}): CalibrationResult {
  checkStudies(studies)
  const model = options.errorModel ?? DEFAULT_ERROR_MODEL
  const requested = options.parameters ?? CALIBRATION_PARAMETER_IDS
  for (const id of requested) {
    if (!(CALIBRATION_PARAMETER_IDS as ReadonlyArray<string>).includes(id)) {
      throw new Error(`calibrate: unknown parameter '${id}': use ${CALIBRATION_PARAMETER_IDS.join(', ')}`)
    }
  }
  const ids = CALIBRATION_PARAMETER_IDS.filter((id) => requested.includes(id))
  if (ids.length === 0) throw new Error('calibrate: no parameters to calibrate')
  const integer = (name: string, v: number, min: number): number => {
    if (!Number.isInteger(v) || v < min) throw new Error(`calibrate: ${name} must be an integer ≥ ${min}, got ${v}`)
    return v
  }
  // R-hat compares chains, so at least 2; the diagnostics need at least 4 kept draws per chain
  const chains = integer('chains', options.chains ?? 4, 2)
  const warmup = integer('warmup', options.warmup ?? 1000, 0)
  const draws = integer('draws', options.draws ?? 4000, 4)
  const seed = integer('seed', options.seed ?? 1, 0)
  const rHatLimit = options.rHatMax ?? 1.01
  const essLimit = options.essMin ?? 400
  if (!(rHatLimit > 1)) throw new Error(`calibrate: rHatMax must be a number above 1, got ${rHatLimit}`)
  if (!(essLimit >= 0)) throw new Error(`calibrate: essMin must be a number ≥ 0, got ${essLimit}`)
  const prepared = studies.map((s) => prepare(s, model))
  const observations = prepared.reduce((n, p) => n + p.observed.length, 0)
  const priors = new Map(ids.map((id) => [id, priorOf(id)]))

  // --- informativeness screen: a parameter no observation responds to is not sampled
  const nominal = standardizedResiduals(prepared, {})
  const informed = ids.filter((id) => {
    const shifted = standardizedResiduals(prepared, { [id]: Math.exp(priors.get(id)!.sigmaLn) })
    return shifted.some((r, i) => Math.abs(r - nominal[i]!) >= INFORMED_SHIFT)
  })
  const sigma = Float64Array.from(informed, (id) => priors.get(id)!.sigmaLn)

  const priorSummary = (id: CalibrationParameterId): ParameterReport['prior'] => {
    const p = priors.get(id)!
    return { median: 1, ci95: [Math.exp(-1.959964 * p.sigmaLn), Math.exp(1.959964 * p.sigmaLn)], sigmaLn: p.sigmaLn, source: p.source }
  }
  const provenance = { engineVersion: ENGINE_VERSION, seed, studies: studies.map((s) => s.id), observations, errorModel: model }
  const reasons: string[] = []
  const uninformed = ids.filter((id) => !informed.includes(id))
  const baseReport = (id: CalibrationParameterId): ParameterReport => ({
    id, label: CALIBRATION_PARAMETER_LABELS[id], prior: priorSummary(id), posterior: null,
    informed: informed.includes(id), widthRatio: null, rHat: null, essBulk: null,
  })
  if (informed.length === 0) {
    return {
      status: 'not-converged', reasons: ['no observation of these studies responds to any of the requested parameters'],
      parameters: ids.map(baseReport), sampled: [], posteriorDrawsLn: [], trace: [], identifiability: null, provenance,
      diagnostics: { rHatMax: Number.NaN, essMin: Number.NaN, converged: false, chains, warmup, draws, acceptance: [], evaluations: 0, rHatLimit, essLimit, engineFailures: 0 },
    }
  }

  // A proposal the engine cannot solve (an extreme multiplier) is rejected, not fatal; the
  // count and the first message are reported so a systematic failure is not hidden.
  let engineFailures = 0
  let firstEngineFailure: string | undefined
  const logPosterior = (theta: Float64Array): number => {
    const m = multipliersOf(informed, theta)
    let s = logPrior(theta, sigma)
    try {
      for (const p of prepared) s += studyLogLikelihood(p, predictStudy(p.study, m))
    } catch (e) {
      engineFailures++
      firstEngineFailure ??= `${e instanceof Error ? e.message : String(e)} (at ${informed.map((id, i) => `${id} × ${Math.exp(theta[i]!).toPrecision(3)}`).join(', ')})`
      return Number.NEGATIVE_INFINITY
    }
    return Number.isNaN(s) ? Number.NEGATIVE_INFINITY : s
  }
  // over-dispersed starts: prior draws (within ±2 SD, so no chain starts in a corner)
  const u = mulberry32((seed ^ 0x5bd1e995) >>> 0)
  const initial = Array.from({ length: chains }, () => Float64Array.from(sigma, (s) => {
    let z = standardNormal(u)
    while (Math.abs(z) > 2) z = standardNormal(u)
    return s * z
  }))
  const run = adaptiveMetropolis(logPosterior, {
    chains, warmup, draws, seed, initial, initialScale: sigma,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  })

  // --- diagnostics per sampled parameter
  const kept = run.draws[0]?.length ?? 0
  const perParam = informed.map((_, j) => {
    if (kept < 4) return { rHat: Number.NaN, ess: Number.NaN }
    const chainsJ = run.draws.map((ch) => Float64Array.from(ch, (p) => p[j]!))
    return { rHat: rankNormalizedRHat(chainsJ), ess: bulkEss(chainsJ) }
  })
  const rHatMax = Math.max(...perParam.map((p) => (Number.isNaN(p.rHat) ? Number.POSITIVE_INFINITY : p.rHat)))
  const essMin = Math.min(...perParam.map((p) => (Number.isNaN(p.ess) ? 0 : p.ess)))
  if (run.cancelled) reasons.push(`cancelled after ${kept} of ${draws} kept iterations`)
  perParam.forEach((p, j) => {
    const id = informed[j]!
    if (!(p.rHat <= rHatLimit)) reasons.push(`R-hat of ${id} is ${Number.isNaN(p.rHat) ? 'undefined' : p.rHat.toFixed(3)} (> ${rHatLimit}): the chains disagree; run longer (more warm-up and draws)`)
    if (!(p.ess >= essLimit)) reasons.push(`bulk ESS of ${id} is ${Number.isNaN(p.ess) ? 'undefined' : Math.round(p.ess)} (< ${essLimit}): too few effectively independent draws; run more draws`)
  })
  // a few failures far out in the tails change nothing; many would truncate the posterior
  if (engineFailures > 0.01 * run.evaluations) {
    reasons.push(`the engine could not solve ${engineFailures} of ${run.evaluations} proposals (first: ${firstEngineFailure}): the posterior would be cut where it fails`)
  }
  const converged = reasons.length === 0
  const status: CalibrationResult['status'] = run.cancelled ? 'cancelled' : converged ? 'converged' : 'not-converged'
  const diagnostics: CalibrationDiagnostics = {
    rHatMax, essMin, converged, chains, warmup, draws: kept, acceptance: run.acceptance, evaluations: run.evaluations, rHatLimit, essLimit,
    engineFailures, ...(firstEngineFailure !== undefined ? { firstEngineFailure } : {}),
  }
  const pooled = converged ? run.draws.flat() : []

  const parameters = ids.map((id): ParameterReport => {
    const j = informed.indexOf(id)
    const base = baseReport(id)
    if (j < 0) return base
    const diag = { rHat: perParam[j]!.rHat, essBulk: perParam[j]!.ess }
    if (!converged) return { ...base, ...diag }
    const sorted = Float64Array.from(pooled, (p) => p[j]!).sort()
    const lo = quantileSorted(sorted, 0.025)
    const hi = quantileSorted(sorted, 0.975)
    return {
      ...base, ...diag,
      posterior: { median: Math.exp(quantileSorted(sorted, 0.5)), ci95: [Math.exp(lo), Math.exp(hi)] },
      widthRatio: (hi - lo) / (2 * 1.959964 * sigma[j]!),
    }
  })

  let identifiability: IdentifiabilityReport | null = null
  if (converged) {
    const medianLn = Float64Array.from(informed, (id) => Math.log(parameters.find((p) => p.id === id)!.posterior!.median))
    identifiability = fisherInformation(
      (theta) => standardizedResiduals(prepared, multipliersOf(informed, theta)), medianLn, informed, sigma,
      parameters.filter((p) => p.widthRatio !== null && p.widthRatio >= NOT_IDENTIFIED_WIDTH_RATIO).map((p) => p.id), uninformed,
    )
  }
  return { status, reasons, parameters, sampled: informed, diagnostics, posteriorDrawsLn: pooled, trace: run.draws, identifiability, provenance }
}
