/**
 * The MCMC sampler (issue #14, step 3): adaptive Metropolis (Haario H, Saksman E, Tamminen J
 * 2001, "An adaptive Metropolis algorithm", Bernoulli 7:223–242, doi:10.2307/3318737) run as
 * several independent chains, adapting only during warm-up and frozen afterwards.
 *
 * Why hand-written: no maintained MCMC library was found on npm (in the registry listing of
 * ~227,000 packages searched here, names and summaries matching mcmc, emcee, metropolis or
 * hamiltonian monte carlo are only two Metropolis font packages; the registry's search
 * endpoint is not reachable here), and the algorithm is ~100 lines. Why adaptive Metropolis rather than the affine-invariant ensemble of Goodman &
 * Weare 2010: R-hat and ESS (Vehtari et al. 2021) assume independent chains, which an
 * ensemble's walkers are not (each moves using the others); independent chains started from
 * over-dispersed prior draws give R-hat its intended meaning. The posterior here has ≤ 6
 * dimensions, where a learned Gaussian proposal mixes well.
 *
 * Algorithm, per chain:
 * - warm-up (W iterations): proposal x' = x + L·z, z ~ N(0, I), L the Cholesky factor of
 *   λ·(2.38²/d)·(Σ + εI) (Haario 2001 §2: s_d = 2.4²/d, from Gelman, Roberts & Gilks 1996),
 *   Σ the covariance of the chains' warm-up draws, pooled over the chains (used from W/4 on;
 *   before, the initial scale² / 10 on the diagonal; re-estimated from W/2 on, when the
 *   chains have left their over-dispersed starts). λ follows a Robbins–Monro
 *   recursion towards 23.4 % acceptance, ln λ += (accepted − 0.234)/√(k + 1) (Andrieu C &
 *   Thoms J 2008, Stat Comput 18:343–373, doi:10.1007/s11222-008-9110-y, Algorithm 4).
 * - sampling (N iterations): the proposal of the end of warm-up, unchanged, so the kept
 *   draws come from a plain (time-homogeneous, reversible) Metropolis chain.
 * Seeded: one mulberry32 stream (shared/engine/random.ts) per chain, seeded from the run's
 * seed, so the same seed and settings give the same draws.
 */
import { mulberry32, standardNormal, type Uniform } from '../pbpk/random'

/** Log density (up to a constant) of the target; −Infinity = outside the support. */
export type LogDensity = (x: Float64Array) => number

/** Options of {@link adaptiveMetropolis}. */
export interface SamplerOptions {
  readonly chains: number
  readonly warmup: number
  readonly draws: number
  readonly seed: number
  /** Start of each chain (length = chains), e.g. draws from the prior. */
  readonly initial: ReadonlyArray<ArrayLike<number>>
  /** Scale of each coordinate for the first proposal (e.g. prior SDs). */
  readonly initialScale: ArrayLike<number>
  /** Called after each iteration of all chains with (done, total iterations per chain). */
  readonly onProgress?: (done: number, total: number) => void
  /** Checked between iterations; when `aborted` turns true the run stops. */
  readonly signal?: { readonly aborted: boolean }
}

/** Draws of every chain after warm-up. */
export interface SamplerResult {
  /** draws[chain][iteration] = the point (length d). */
  readonly draws: ReadonlyArray<ReadonlyArray<Float64Array>>
  /** Acceptance rate of each chain over the kept iterations. */
  readonly acceptance: ReadonlyArray<number>
  /** Log density of each kept draw, [chain][iteration]. */
  readonly logDensity: ReadonlyArray<Float64Array>
  readonly cancelled: boolean
  /** Log-density evaluations made. */
  readonly evaluations: number
}

/** Lower Cholesky factor of a symmetric positive-definite matrix (row-major d×d); null if not PD. */
export function cholesky(a: ArrayLike<number>, d: number): Float64Array | null {
  const l = new Float64Array(d * d)
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j]!
      for (let k = 0; k < j; k++) s -= l[i * d + k]! * l[j * d + k]!
      if (i === j) {
        if (!(s > 0)) return null
        l[i * d + i] = Math.sqrt(s)
      } else l[i * d + j] = s / l[j * d + j]!
    }
  }
  return l
}

/** Running mean and covariance (Welford), pooled over every point added. */
class RunningCovariance {
  readonly mean: Float64Array
  readonly m2: Float64Array
  n = 0
  constructor(readonly d: number) {
    this.mean = new Float64Array(d)
    this.m2 = new Float64Array(d * d)
  }
  add(x: ArrayLike<number>): void {
    this.n++
    const d = this.d
    const delta = new Float64Array(d)
    for (let i = 0; i < d; i++) { delta[i] = x[i]! - this.mean[i]!; this.mean[i]! += delta[i]! / this.n }
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) this.m2[i * d + j]! += delta[i]! * (x[j]! - this.mean[j]!)
  }
  covariance(): Float64Array {
    const c = new Float64Array(this.d * this.d)
    for (let k = 0; k < c.length; k++) c[k] = this.m2[k]! / Math.max(1, this.n - 1)
    return c
  }
}

/** Target acceptance rate of the scale adaptation (Roberts, Gelman & Gilks 1997). */
const TARGET_ACCEPTANCE = 0.234

/**
 * Runs `chains` adaptive Metropolis chains on `logDensity` (see the module comment).
 * Chains advance in lock-step so warm-up draws of all chains pool into one covariance.
 */
export function adaptiveMetropolis(logDensity: LogDensity, options: SamplerOptions): SamplerResult {
  const c = Math.floor(options.chains)
  const d = options.initialScale.length
  if (!(c >= 1)) throw new Error('sampler: at least one chain')
  if (options.initial.length !== c) throw new Error(`sampler: ${options.initial.length} starting points for ${c} chains`)
  if (!(d >= 1)) throw new Error('sampler: no parameters')
  const warmup = Math.max(0, Math.floor(options.warmup))
  const draws = Math.max(1, Math.floor(options.draws))
  const master = mulberry32(options.seed)
  const rngs: Uniform[] = Array.from({ length: c }, () => mulberry32(Math.floor(master() * 4294967296)))
  const x = options.initial.map((p, i) => {
    if (p.length !== d) throw new Error(`sampler: starting point ${i} has ${p.length} coordinates, expected ${d}`)
    return Float64Array.from(p)
  })
  let evaluations = 0
  const evaluate = (p: Float64Array): number => {
    evaluations++
    const v = logDensity(p)
    return Number.isNaN(v) ? Number.NEGATIVE_INFINITY : v
  }
  const lp = x.map((p) => evaluate(p))
  lp.forEach((v, i) => { if (!Number.isFinite(v)) throw new Error(`sampler: the log density at the start of chain ${i} is ${v}`) })

  const sd = 2.38 * 2.38 / d
  const eps = 1e-10
  const baseCov = new Float64Array(d * d)
  for (let i = 0; i < d; i++) baseCov[i * d + i] = (options.initialScale[i]! ** 2) / 10
  let proposalCov: Float64Array = baseCov
  let logLambda = 0
  let chol = cholesky(scaled(proposalCov, sd), d)!
  let pooled = new RunningCovariance(d)
  const adaptStart = Math.floor(warmup / 4)
  const restart = Math.floor(warmup / 2)

  const kept: Float64Array[][] = Array.from({ length: c }, () => [])
  const keptLp: Float64Array[] = Array.from({ length: c }, () => new Float64Array(draws))
  const accepted = new Array<number>(c).fill(0)
  const total = warmup + draws
  const z = new Float64Array(d)
  let cancelled = false
  let done = 0
  for (let it = 0; it < total; it++) {
    if (options.signal?.aborted) { cancelled = true; break }
    const inWarmup = it < warmup
    let acceptedThisRound = 0
    for (let ch = 0; ch < c; ch++) {
      const u = rngs[ch]!
      for (let i = 0; i < d; i++) z[i] = standardNormal(u)
      const y = new Float64Array(d)
      for (let i = 0; i < d; i++) {
        let s = x[ch]![i]!
        for (let k = 0; k <= i; k++) s += chol[i * d + k]! * z[k]!
        y[i] = s
      }
      const lpy = evaluate(y)
      // Metropolis: accept with probability min(1, π(y)/π(x)) (symmetric proposal)
      if (Math.log(u()) < lpy - lp[ch]!) {
        x[ch] = y
        lp[ch] = lpy
        acceptedThisRound++
        if (!inWarmup) accepted[ch]!++
      }
      if (inWarmup) pooled.add(x[ch]!)
      else {
        kept[ch]!.push(Float64Array.from(x[ch]!))
        keptLp[ch]![it - warmup] = lp[ch]!
      }
    }
    if (inWarmup) {
      // Robbins–Monro on the global scale, then the pooled covariance once enough draws exist
      logLambda += (acceptedThisRound / c - TARGET_ACCEPTANCE) / Math.sqrt(it + 1)
      // the first half of warm-up still holds the chains' over-dispersed starts: estimate
      // afresh from its end, so the final proposal reflects the posterior, not the approach
      if (it === restart) pooled = new RunningCovariance(d)
      if (it >= adaptStart && pooled.n > 2 * d * c) proposalCov = pooled.covariance()
      const next = cholesky(scaled(proposalCov, sd * Math.exp(logLambda), eps), d)
      if (next) chol = next
    }
    done++
    options.onProgress?.(done, total)
  }
  const keptDraws = kept.map((k) => k.length)
  return {
    draws: kept,
    acceptance: accepted.map((a, i) => (keptDraws[i]! > 0 ? a / keptDraws[i]! : 0)),
    logDensity: keptLp.map((l, i) => l.slice(0, keptDraws[i])),
    cancelled,
    evaluations,
  }
}

/** factor × (cov + eps·I). */
function scaled(cov: Float64Array, factor: number, eps = 0): Float64Array {
  const d = Math.round(Math.sqrt(cov.length))
  const out = new Float64Array(cov.length)
  for (let i = 0; i < cov.length; i++) out[i] = factor * cov[i]!
  for (let i = 0; i < d; i++) out[i * d + i]! += factor * eps
  return out
}
