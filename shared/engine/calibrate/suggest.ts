/**
 * The next experiment (issue #14, "Next experiment"): given a goal (`nanoforge.goal`), a
 * calibration profile and what the lab has measured, propose the next 1–5 designs to make,
 * by Bayesian optimisation over the goal's knobs.
 *
 * Model of what the lab would measure, per goal metric M, on the log scale:
 *   ln M_lab(x) = ln E(x; θ̂) + r(x),   r ~ GP(0, c_θ + k_SE)
 * - E(x; θ̂): the engine at the profile's posterior median multipliers (the prior mean);
 * - c_θ(x, x') = Cov_θ[ln E(x; θ), ln E(x'; θ)] over posterior draws θ of the profile (the same
 *   draws at every design, so this is the empirical covariance of the engine's parametric
 *   uncertainty, a positive semi-definite kernel): a measurement at one design tells about
 *   the multipliers and so about every design they move alike;
 * - k_SE: a squared-exponential kernel on the knobs' unit coordinates (gaussian-process.ts),
 *   the engine's structural error that no multiplier removes, prior SD ln 2/1.96 = 0.354 [D]
 *   (a priori the engine with the profile is within 2-fold of the lab with 95 % probability,
 *   the within-2-fold yardstick of the calibration's checks); its length scale and amplitude
 *   are chosen by maximum a posteriori on a grid once a metric has 3 or more residuals.
 * The GP is conditioned on the residuals ln(lab ÷ E(x; θ̂)) of the lab points (suggest-lab.ts),
 * each with its measurement error. Metrics are modelled independently of each other.
 *
 * Objectives and constraints (the goal file's): objectives are combined into one scalar to
 * minimise, the mean over objectives of −ln M (max), ln M (min) or |ln M − ln target|
 * (target): on the log scale a factor of 2 in any objective counts the same, whatever its
 * unit. Constraints enter as the probability that all hold, P(feasible) = Π P(min ≤ M ≤ max)
 * under the predictive; the acquisition is the constrained expected improvement
 * EI(x)·P(feasible | x) (Gardner et al. 2014, ICML, eq. 3). EI is the closed form (Jones et
 * al. 1998, eq. 15) when the scalar is Gaussian (max/min objectives only), else the Monte
 * Carlo mean over 512 common normal draws. The incumbent is the best posterior mean of the
 * scalar among the measured designs that are feasible with probability ≥ ½ (the "plug-in"
 * incumbent for noisy observations, Picheny V, Wagner T, Ginsbourger D 2013, Struct
 * Multidiscip Optim 48:607–626); with none, the acquisition is P(feasible) alone (Gardner et
 * al. 2014 §3).
 *
 * A batch of K: kriging believer (Ginsbourger D, Le Riche R, Carraro L 2010, "Kriging is
 * well-suited to parallelize optimization", in Computational Intelligence in Expensive
 * Optimization Problems, Springer, pp. 131–162): after each pick, its predicted residuals are
 * added as if measured, the model is conditioned again (same hyperparameters), and the next
 * pick maximises the acquisition under it, so the batch spreads where the first pick already
 * answers the question. The `expected` numbers of every suggestion are those of the real data
 * only (no believed points).
 *
 * Candidates: a scrambled Sobol' set over the knobs' unit cube (seeded) plus the base design;
 * designs the validator rejects or the engine cannot run are dropped and counted, and a design
 * whose knob values equal a measured design's is not proposed again.
 *
 * Pure (no Node APIs): the CLI (`nanoforge suggest`) and the app's Suggest panel (in a Web
 * Worker) call {@link suggestNextDesigns} with the same arguments and get the same answer.
 */
import type { Design } from '../../design/types'
import { getKnob, setKnobs, type KnobValue } from '../../analysis/design-paths'
import type { Goal, GoalObjective } from '../../analysis/goal'
import { knobValue, type Knob } from '../../analysis/knobs'
import type { MetricId } from '../../metrics/registry'
import { sobolPoint, sobolShifts, SOBOL_MAX_DIMENSIONS } from '../../sweep/sobol'
import { mulberry32, standardNormal } from '../pbpk/random'
import type { ProfilePosterior } from './apply'
import { domainWarnings } from './domain'
import { gpFit, gpPredict, kernelValue, type GpFit, type GpPoint, type SquaredExponentialKernel } from './gaussian-process'
import { DEFAULT_ERROR_MODEL, sigmaLnOf } from './likelihood'
import type { Multipliers } from './parameters'
import { sampleDrawMultipliers } from './profile'
import { expectedImprovement, monteCarloImprovement, probabilityBetween } from './suggest-acquisition'
import { metricsWithMultipliers } from './suggest-engine'
import { SETTLING_MEASUREMENT } from './suggest-lab'

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
  /** Candidate designs scored (default 128: a scrambled Sobol' set over the goal's knobs plus the base design). */
  readonly candidates?: number
  /** An explicit candidate set instead: unit-cube points, one coordinate per knob. */
  readonly candidateUnits?: ReadonlyArray<ReadonlyArray<number>>
  /** Posterior draws run at every design for the engine's parametric covariance (default 8; 0 or 1: none). */
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
  /** The acquisition it was picked on: EI × P(feasible), or P(feasible) when nothing measured is feasible. */
  readonly acquisition: number
  /** EI of the scalarised objective (ln units) at the pick. */
  readonly expectedImprovement: number
  /** P(every constraint holds) from the real data (no believed points). */
  readonly probabilityFeasible: number
  /** Plain-language reason. */
  readonly why: string
  /** The measurement that would settle the suggestion's largest uncertainty. */
  readonly settle: { readonly metric: MetricId; readonly measurement: string }
  /** Ways the design lies outside the profile's training designs. */
  readonly warnings: ReadonlyArray<string>
}

/** How the discrepancy of one metric was modelled. */
export interface MetricModel {
  readonly metric: MetricId
  /** Lab points with a residual of this metric. */
  readonly labPoints: number
  /** Structural kernel: SD of the discrepancy (ln units) and length scale (unit-cube units). */
  readonly amplitudeSdLn: number
  readonly lengthScale: number
  /** True when amplitude and length scale were chosen on the data (≥ 3 points), false for the defaults. */
  readonly fitted: boolean
}

/** Result of {@link suggestNextDesigns}. */
export interface SuggestResult {
  readonly suggestions: ReadonlyArray<Suggestion>
  /** The best measured design's scalarised objective (posterior mean) and its source, or null when none is feasible. */
  readonly incumbent: { readonly value: number; readonly source: string } | null
  readonly models: ReadonlyArray<MetricModel>
  readonly candidatesScored: number
  /** Candidates the validator rejected or the engine could not run. */
  readonly failedCandidates: number
  readonly drawsPerCandidate: number
  readonly seed: number
  /** Lab points left out (the engine could not run their design), with the reason. */
  readonly notes: ReadonlyArray<string>
  readonly cancelled: boolean
}

/** Most designs one call proposes (issue #14: "the next 1–5 designs"). */
export const MAX_SUGGESTIONS = 5
export const DEFAULT_SUGGESTIONS = 3
export const DEFAULT_CANDIDATES = 128
export const MAX_CANDIDATES = 4096
export const DEFAULT_DRAWS_PER_CANDIDATE = 8
/** Prior SD of the structural discrepancy, ln units: ln 2 / 1.959964 = 0.3537 [D] (2-fold at 95 %). */
export const DISCREPANCY_PRIOR_SD_LN = Math.LN2 / 1.959964
/** Default length scale, unit-cube units: half a knob's range [D, a choice: smooth over the range, not constant]. */
export const DEFAULT_LENGTH_SCALE = 0.5
/** Monte Carlo draws of the expected improvement when an objective is a target. */
const MC_DRAWS = 512
const Z95 = 1.959964
/** Smallest metric value taken to the log (a metric of exactly 0 has no ratio). */
const MIN_METRIC = 1e-9

/** Grids of the MAP choice of the structural kernel (≥ 3 residuals); hyperpriors ln ℓ ~ N(ln 0.5, 1), ln σ ~ N(ln 0.354, 1). */
const LENGTH_SCALE_GRID = [0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2]
const AMPLITUDE_FACTORS = [0.25, 0.5, 1, 2, 4]

/** The goal's metrics: objectives first, then constraint-only metrics, each once. */
export function goalMetrics(goal: Goal): MetricId[] {
  return [...new Set([...goal.objectives.map((o) => o.metric), ...goal.constraints.map((c) => c.metric)])]
}

/** Where a design sits for the kernel: knob unit coordinates (not clipped) and option indices. */
export function gpPointOf(design: Design, knobs: ReadonlyArray<Knob>): GpPoint {
  const continuous: number[] = []
  const categorical: number[] = []
  for (const k of knobs) {
    let v: KnobValue | undefined
    try { v = getKnob(design, k.path) } catch { v = undefined }
    if (k.kind === 'categorical') {
      categorical.push(v === undefined ? -1 : k.options.indexOf(String(v)))
      continue
    }
    const x = typeof v === 'number' ? v : Number.NaN
    // a design without the knob (another structure) sits at the middle of the range
    if (!Number.isFinite(x)) { continuous.push(0.5); continue }
    continuous.push(k.scale === 'log'
      ? (Math.log(Math.max(x, 1e-300)) - Math.log(k.min)) / (Math.log(k.max) - Math.log(k.min))
      : (x - k.min) / (k.max - k.min))
  }
  return { continuous, categorical }
}

/** One design the model scores: its place, the engine's log metrics at the medians and at the draws. */
interface ScoredPoint {
  readonly design: Design
  readonly key: string
  readonly point: GpPoint
  /** ln E(x; θ̂) per goal metric. */
  readonly lnEngine: Float64Array
  /** Centred ln E(x; θ_d) / √(D − 1), [metric][draw]: c_θ(x, x') = Σ_d φ_d(x)·φ_d(x'). */
  readonly features: ReadonlyArray<Float64Array>
}

/** An observation of the residual of one metric (real or believed). */
interface ResidualObservation {
  readonly at: number
  readonly value: number
  readonly noiseVar: number
}

function integerOption(name: string, v: number | undefined, fallback: number, min: number, max: number): number {
  const x = v ?? fallback
  if (!Number.isInteger(x) || x < min || x > max) throw new Error(`suggest: ${name} must be a whole number from ${min} to ${max}, got ${String(v)}`)
  return x
}

const lnMetric = (v: number): number => Math.log(Math.max(v, MIN_METRIC))

/** The loss of one objective at ln M = y (minimised). */
function objectiveLoss(o: GoalObjective, y: number): number {
  if ('target' in o) return Math.abs(y - lnMetric(o.target))
  return o.sense === 'max' ? -y : y
}

/**
 * Proposes the next `count` designs for the goal (see the module comment). Deterministic for
 * the same goal, profile, lab points and options. Throws on bad options or lab points (with
 * what and where); a cancelled run returns `cancelled: true` and no suggestions.
 */
export function suggestNextDesigns(goal: Goal, profile: ProfilePosterior, lab: ReadonlyArray<LabPoint>, options: SuggestOptions = {}): SuggestResult {
  const count = integerOption('count', options.count, DEFAULT_SUGGESTIONS, 1, MAX_SUGGESTIONS)
  const seed = integerOption('seed', options.seed, 1, 0, 0xffffffff)
  const draws = integerOption('drawsPerCandidate', options.drawsPerCandidate, DEFAULT_DRAWS_PER_CANDIDATE, 0, 256)
  const hours = options.hours ?? 72
  const evaluate = options.evaluate ?? metricsWithMultipliers
  const metrics = goalMetrics(goal)
  const defaultNoiseSd = sigmaLnOf(1, undefined, DEFAULT_ERROR_MODEL)
  lab.forEach((p, i) => {
    for (const [metric, r] of Object.entries(p.residualLn)) {
      if (!Number.isFinite(r)) throw new Error(`suggest: lab[${i}].residualLn.${metric} is ${String(r)}, not a finite number`)
      const sd = p.noiseSdLn?.[metric as MetricId]
      if (sd !== undefined && !(Number.isFinite(sd) && sd > 0)) throw new Error(`suggest: lab[${i}].noiseSdLn.${metric} must be a number > 0, got ${String(sd)}`)
    }
  })

  // --- candidates (unit points) ---
  const dims = goal.knobs.length
  let units: ReadonlyArray<ReadonlyArray<number>>
  if (options.candidateUnits !== undefined) {
    options.candidateUnits.forEach((u, i) => {
      if (u.length !== dims || u.some((x) => !(x >= 0 && x <= 1))) throw new Error(`suggest: candidateUnits[${i}] must be ${dims} numbers in [0, 1]`)
    })
    units = options.candidateUnits
  } else {
    const n = integerOption('candidates', options.candidates, DEFAULT_CANDIDATES, 1, MAX_CANDIDATES)
    if (dims > SOBOL_MAX_DIMENSIONS) throw new Error(`suggest: at most ${SOBOL_MAX_DIMENSIONS} knobs, got ${dims}`)
    const shifts = sobolShifts(dims, seed)
    units = Array.from({ length: n }, (_, i) => sobolPoint(i, dims, shifts))
  }
  const keyOf = (d: Design): string => JSON.stringify(goal.knobs.map((k) => { try { return getKnob(d, k.path) } catch { return null } }))
  const labKeys = new Set(lab.map((p) => keyOf(p.design)))
  const candidateDesigns: Design[] = []
  const seen = new Set<string>()
  let failedCandidates = 0
  const addCandidate = (d: Design): void => {
    const key = keyOf(d)
    if (seen.has(key) || labKeys.has(key)) return
    seen.add(key)
    candidateDesigns.push(d)
  }
  addCandidate(goal.base)
  for (const u of units) {
    const checked = setKnobs(goal.base, goal.knobs.map((k, i) => [k.path, knobValue(k, u[i]!)] as const))
    if (checked.valid) addCandidate(checked.design)
    else failedCandidates++
  }

  // --- the engine at the medians and at the draws, for lab points and candidates ---
  const drawSets: Multipliers[] = draws >= 2 && profile.drawsLn.length > 0 ? sampleDrawMultipliers(profile.sampled, profile.drawsLn, draws, seed) : []
  const total = lab.length + candidateDesigns.length
  let done = 0
  const notes: string[] = []
  const score = (design: Design): ScoredPoint | null => {
    try {
      const atMedians = evaluate(design, profile.medians, hours)
      const lnEngine = Float64Array.from(metrics, (m) => lnMetric(atMedians[m]))
      const atDraws = drawSets.map((set) => { const v = evaluate(design, set, hours); return metrics.map((m) => lnMetric(v[m])) })
      const features = metrics.map((_, j) => {
        const f = new Float64Array(drawSets.length)
        if (drawSets.length < 2) return f
        let mean = 0
        for (const row of atDraws) mean += row[j]! / atDraws.length
        const scale = 1 / Math.sqrt(atDraws.length - 1)
        atDraws.forEach((row, d) => { f[d] = (row[j]! - mean) * scale })
        return f
      })
      return { design, key: keyOf(design), point: gpPointOf(design, goal.knobs), lnEngine, features }
    } catch {
      return null
    }
  }
  const cancelled = (): SuggestResult => ({
    suggestions: [], incumbent: null, models: [], candidatesScored: 0, failedCandidates, drawsPerCandidate: drawSets.length, seed, notes, cancelled: true,
  })
  const points: ScoredPoint[] = []
  const labIndex: Array<{ at: number; lab: LabPoint }> = []
  for (const [i, p] of lab.entries()) {
    if (options.signal?.aborted) return cancelled()
    const s = score(p.design)
    if (s === null) notes.push(`lab point ${p.source ?? `lab[${i}]`}: the engine could not run its design, so it is left out`)
    else { labIndex.push({ at: points.length, lab: p }); points.push(s) }
    options.onProgress?.(++done, total)
  }
  const firstCandidate = points.length
  for (const d of candidateDesigns) {
    if (options.signal?.aborted) return cancelled()
    const s = score(d)
    if (s === null) failedCandidates++
    else points.push(s)
    options.onProgress?.(++done, total)
  }
  const candidates = points.length - firstCandidate
  if (candidates === 0) throw new Error(`suggest: none of the ${candidateDesigns.length + failedCandidates} candidate designs could be evaluated (validator or engine); check the goal's ranges`)

  // --- per-metric GP ---
  const priorCov = (j: number, kernel: SquaredExponentialKernel, a: number, b: number): number => {
    const fa = points[a]!.features[j]!
    const fb = points[b]!.features[j]!
    let c = 0
    for (let d = 0; d < fa.length; d++) c += fa[d]! * fb[d]!
    return c + kernelValue(points[a]!.point, points[b]!.point, kernel)
  }
  const fitOf = (j: number, kernel: SquaredExponentialKernel, obs: ReadonlyArray<ResidualObservation>): GpFit => {
    const n = obs.length
    const cov = new Float64Array(n * n)
    for (let a = 0; a < n; a++) for (let b = 0; b <= a; b++) {
      const c = priorCov(j, kernel, obs[a]!.at, obs[b]!.at)
      cov[a * n + b] = c
      cov[b * n + a] = c
    }
    return gpFit(cov, obs.map((o) => o.noiseVar), obs.map((o) => o.value))
  }
  const realObs: ResidualObservation[][] = metrics.map((m) => labIndex.flatMap(({ at, lab: p }) => {
    const r = p.residualLn[m]
    if (r === undefined) return []
    const sd = p.noiseSdLn?.[m] ?? defaultNoiseSd
    return [{ at, value: r, noiseVar: sd * sd }]
  }))
  const models: MetricModel[] = []
  const kernels = metrics.map((m, j): SquaredExponentialKernel => {
    const obs = realObs[j]!
    const base = { variance: DISCREPANCY_PRIOR_SD_LN ** 2, lengthScale: DEFAULT_LENGTH_SCALE, categoricalLengthScale: DEFAULT_LENGTH_SCALE }
    if (obs.length < 3) {
      models.push({ metric: m, labPoints: obs.length, amplitudeSdLn: DISCREPANCY_PRIOR_SD_LN, lengthScale: DEFAULT_LENGTH_SCALE, fitted: false })
      return base
    }
    let best = base
    let bestScore = Number.NEGATIVE_INFINITY
    for (const ell of LENGTH_SCALE_GRID) for (const a of AMPLITUDE_FACTORS) {
      const kernel = { variance: (a * DISCREPANCY_PRIOR_SD_LN) ** 2, lengthScale: ell, categoricalLengthScale: ell }
      const hyper = -0.5 * Math.log(ell / DEFAULT_LENGTH_SCALE) ** 2 - 0.5 * Math.log(a) ** 2
      const s = fitOf(j, kernel, obs).logMarginalLikelihood + hyper
      if (s > bestScore) { bestScore = s; best = kernel }
    }
    models.push({ metric: m, labPoints: obs.length, amplitudeSdLn: Math.sqrt(best.variance), lengthScale: best.lengthScale, fitted: true })
    return best
  })

  /** Predictive mean and variance of ln M_lab for every metric at every point, given observations. */
  const predictAll = (obsPerMetric: ReadonlyArray<ReadonlyArray<ResidualObservation>>): { mean: Float64Array[]; variance: Float64Array[] } => {
    const mean = points.map(() => new Float64Array(metrics.length))
    const variance = points.map(() => new Float64Array(metrics.length))
    metrics.forEach((_, j) => {
      const obs = obsPerMetric[j]!
      const kernel = kernels[j]!
      const fit = obs.length > 0 ? fitOf(j, kernel, obs) : null
      points.forEach((p, i) => {
        const prior = priorCov(j, kernel, i, i)
        if (fit === null) {
          mean[i]![j] = p.lnEngine[j]!
          variance[i]![j] = prior
          return
        }
        const r = gpPredict(fit, obs.map((o) => priorCov(j, kernel, o.at, i)), prior)
        mean[i]![j] = p.lnEngine[j]! + r.mean
        variance[i]![j] = r.variance
      })
    })
    return { mean, variance }
  }

  // --- scalarised objective and feasibility ---
  const objectiveIndex = goal.objectives.map((o) => metrics.indexOf(o.metric))
  const weight = 1 / goal.objectives.length
  const gaussian = goal.objectives.every((o) => !('target' in o))
  // common random numbers: one standard normal per draw and metric, the same for every point
  const zRandom = mulberry32((seed ^ 0x2545f491) >>> 0)
  const z = gaussian ? [] : Array.from({ length: MC_DRAWS }, () => Float64Array.from(metrics, () => standardNormal(zRandom)))
  interface Score { readonly mean: number; readonly sd: number; readonly samples: Float64Array | null; readonly feasible: number }
  const scoreAt = (mean: Float64Array, variance: Float64Array): Score => {
    let feasible = 1
    for (const c of goal.constraints) {
      const j = metrics.indexOf(c.metric)
      const lo = c.min !== undefined && c.min > 0 ? Math.log(c.min) : undefined
      const hi = c.max !== undefined ? (c.max > 0 ? Math.log(c.max) : Number.NEGATIVE_INFINITY) : undefined
      feasible *= probabilityBetween(mean[j]!, Math.sqrt(variance[j]!), lo, hi)
    }
    if (gaussian) {
      let m = 0
      let v = 0
      goal.objectives.forEach((o, k) => {
        const j = objectiveIndex[k]!
        m += weight * objectiveLoss(o, mean[j]!)
        v += weight * weight * variance[j]!
      })
      return { mean: m, sd: Math.sqrt(v), samples: null, feasible }
    }
    const samples = new Float64Array(MC_DRAWS)
    let m = 0
    for (let s = 0; s < MC_DRAWS; s++) {
      let f = 0
      goal.objectives.forEach((o, k) => {
        const j = objectiveIndex[k]!
        f += weight * objectiveLoss(o, mean[j]! + Math.sqrt(variance[j]!) * z[s]![j]!)
      })
      samples[s] = f
      m += f / MC_DRAWS
    }
    let v = 0
    for (let s = 0; s < MC_DRAWS; s++) v += (samples[s]! - m) ** 2 / (MC_DRAWS - 1)
    return { mean: m, sd: Math.sqrt(v), samples, feasible }
  }
  const improvement = (s: Score, best: number): number => (s.samples === null ? expectedImprovement(s.mean, s.sd, best) : monteCarloImprovement(s.samples, best))

  const real = predictAll(realObs)
  const realScores = points.map((_, i) => scoreAt(real.mean[i]!, real.variance[i]!))
  let incumbent: { value: number; source: string } | null = null
  for (const { at, lab: p } of labIndex) {
    const s = realScores[at]!
    if (s.feasible >= 0.5 && (incumbent === null || s.mean < incumbent.value)) incumbent = { value: s.mean, source: p.source ?? 'a measured design' }
  }

  // --- batch by kriging believer ---
  const obs = realObs.map((o) => [...o])
  const picked: Array<{ at: number; acquisition: number; ei: number }> = []
  let current = real
  let best = incumbent?.value ?? null
  for (let k = 0; k < Math.min(count, candidates); k++) {
    let pick = -1
    let pickValue = -1
    let pickEi = 0
    let pickSd = -1
    for (let i = firstCandidate; i < points.length; i++) {
      if (picked.some((p) => p.at === i)) continue
      const s = k === 0 ? realScores[i]! : scoreAt(current.mean[i]!, current.variance[i]!)
      const ei = best === null ? 0 : improvement(s, best)
      const value = best === null ? s.feasible : ei * s.feasible
      // ties (e.g. every acquisition 0 far from feasibility) go to the most uncertain design
      if (value > pickValue || (value === pickValue && s.sd > pickSd)) { pick = i; pickValue = value; pickEi = ei; pickSd = s.sd }
    }
    picked.push({ at: pick, acquisition: pickValue, ei: pickEi })
    if (k + 1 >= count) break
    // believe the model at the pick: its predicted residuals become observations
    metrics.forEach((_, j) => obs[j]!.push({ at: pick, value: current.mean[pick]![j]! - points[pick]!.lnEngine[j]!, noiseVar: defaultNoiseSd * defaultNoiseSd }))
    const s = scoreAt(current.mean[pick]!, current.variance[pick]!)
    if (s.feasible >= 0.5 && (best === null || s.mean < best)) best = s.mean
    current = predictAll(obs)
  }

  const suggestions = picked.map(({ at, acquisition, ei }, k): Suggestion => {
    const p = points[at]!
    const mean = real.mean[at]!
    const variance = real.variance[at]!
    const s = realScores[at]!
    const expected: Partial<Record<MetricId, ExpectedMetric>> = {}
    const engine: Partial<Record<MetricId, number>> = {}
    metrics.forEach((m, j) => {
      const sd = Math.sqrt(variance[j]!)
      expected[m] = { median: Math.exp(mean[j]!), ci95: [Math.exp(mean[j]! - Z95 * sd), Math.exp(mean[j]! + Z95 * sd)] }
      engine[m] = Math.exp(p.lnEngine[j]!)
    })
    const settle = settlingMetric(goal, metrics, mean, variance, weight)
    return {
      design: p.design,
      knobs: Object.fromEntries(goal.knobs.map((k) => [k.path, getKnob(p.design, k.path)])),
      expected, engine, acquisition, expectedImprovement: ei, probabilityFeasible: s.feasible,
      why: whyText(goal, metrics, models, expected, engine, s, ei, incumbent, settle, k),
      settle: { metric: settle, measurement: SETTLING_MEASUREMENT[settle] },
      warnings: domainWarnings(p.design, profile.domain),
    }
  })
  return { suggestions, incumbent, models, candidatesScored: candidates, failedCandidates, drawsPerCandidate: drawSets.length, seed, notes, cancelled: false }
}

/**
 * The metric whose measurement would settle the most: a constraint whose probability of
 * holding is between 5 % and 95 % (the closest to ½: the one most in doubt), else the
 * objective metric with the largest share of the scalar's variance.
 */
function settlingMetric(goal: Goal, metrics: ReadonlyArray<MetricId>, mean: Float64Array, variance: Float64Array, weight: number): MetricId {
  let doubt: { metric: MetricId; distance: number } | null = null
  for (const c of goal.constraints) {
    const j = metrics.indexOf(c.metric)
    const lo = c.min !== undefined && c.min > 0 ? Math.log(c.min) : undefined
    const hi = c.max !== undefined ? (c.max > 0 ? Math.log(c.max) : Number.NEGATIVE_INFINITY) : undefined
    const p = probabilityBetween(mean[j]!, Math.sqrt(variance[j]!), lo, hi)
    if (p > 0.05 && p < 0.95 && (doubt === null || Math.abs(p - 0.5) < doubt.distance)) doubt = { metric: c.metric, distance: Math.abs(p - 0.5) }
  }
  if (doubt !== null) return doubt.metric
  let top = goal.objectives[0]!.metric
  let topVar = -1
  for (const o of goal.objectives) {
    const v = weight * weight * variance[metrics.indexOf(o.metric)]!
    if (v > topVar) { top = o.metric; topVar = v }
  }
  return top
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v)
  return Number(v.toPrecision(3)).toString()
}

/** The suggestion's reason in words: what is expected, against what, how sure, and why this one. */
function whyText(
  goal: Goal, metrics: ReadonlyArray<MetricId>, models: ReadonlyArray<MetricModel>, expected: Partial<Record<MetricId, ExpectedMetric>>,
  engine: Partial<Record<MetricId, number>>, s: { mean: number; sd: number; feasible: number }, ei: number,
  incumbent: { value: number; source: string } | null, settle: MetricId, position: number,
): string {
  const parts: string[] = []
  const objectives = goal.objectives.map((o) => {
    const e = expected[o.metric]!
    const aim = 'target' in o ? `target ${fmt(o.target)}` : o.sense === 'max' ? 'maximise' : 'minimise'
    return `${o.metric} ${fmt(e.median)} [${fmt(e.ci95[0])}, ${fmt(e.ci95[1])}] (${aim}; engine with the profile ${fmt(engine[o.metric]!)})`
  })
  parts.push(`Expected: ${objectives.join('; ')}.`)
  if (goal.constraints.length > 0) parts.push(`Meets every constraint with probability ${fmt(s.feasible)}.`)
  if (position > 0) {
    parts.push(`Picked after assuming suggestion${position === 1 ? ' 1 comes' : `s 1–${position} come`} out as predicted (kriging believer), so it is worth measuring for what ${position === 1 ? 'that one does' : 'those do'} not already tell; expected improvement then ${fmt(ei)} (ln units).`)
  } else if (incumbent === null) {
    parts.push('No measured design is likely to meet the constraints yet, so this is the design most likely to meet them.')
  } else {
    // EI = (b − μ)Φ(z) + sφ(z): exploitation when the predicted value beats the best measured one
    const exploit = incumbent.value - s.mean > 0
    parts.push(exploit
      ? `Its predicted goal score beats the best measured design (${incumbent.source}) by a factor of about ${fmt(Math.exp(incumbent.value - s.mean))} (geometric mean over the objectives).`
      : `Its predicted goal score does not beat the best measured design (${incumbent.source}), but it is uncertain enough (±${fmt(Math.exp(Z95 * s.sd))}-fold at 95 %) that it may: measuring it explores.`)
    parts.push(`Expected improvement ${fmt(ei)} (ln units).`)
  }
  const unmeasured = metrics.filter((m) => (models.find((x) => x.metric === m)?.labPoints ?? 0) === 0)
  if (unmeasured.length > 0) parts.push(`No lab data yet on ${unmeasured.join(', ')}: for ${unmeasured.length === 1 ? 'it' : 'them'} the engine with the profile stands alone, with its 2-fold prior discrepancy.`)
  parts.push(`The largest uncertainty is ${settle}: measure ${SETTLING_MEASUREMENT[settle]}.`)
  return parts.join(' ')
}
