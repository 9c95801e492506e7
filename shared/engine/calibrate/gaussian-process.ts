/**
 * Gaussian-process regression for the next-experiment model (issue #14): the posterior mean
 * and variance of a latent function f at test points given noisy observations y = f(X) + ε,
 * ε ~ N(0, diag(noise)), with a prior covariance given as matrices.
 *
 * Equations (Rasmussen CE, Williams CKI 2006, "Gaussian Processes for Machine Learning", MIT
 * Press, Algorithm 2.1 and eqs. 2.25–2.26, 2.30):
 *   L = chol(K + N),  α = Lᵀ \ (L \ y)
 *   mean(x*) = k*ᵀ α,  v = L \ k*,  var(x*) = k(x*, x*) − vᵀv
 *   ln p(y | X) = −½ yᵀα − Σ ln L_ii − (n/2) ln 2π.
 *
 * Why written here and not taken from npm: the registry has no kept Gaussian-process
 * regression package without dependencies (kriging.js is 2-D ordinary kriging with variogram
 * fitting for maps; ml-kernel-gaussian is a kernel only), the model needs a covariance that is
 * a sum of a kernel and an empirical matrix (suggest.ts), and the whole algorithm is a
 * Cholesky factorisation and two triangular solves on a few dozen points. Pure functions on
 * typed arrays, no Node APIs (it runs in a Web Worker).
 */
import { cholesky } from './sampler'

/** A point of the design space as the kernel sees it. */
export interface GpPoint {
  /** Unit-cube coordinates of the numeric knobs (may lie outside [0, 1] for a design off the goal's ranges). */
  readonly continuous: ReadonlyArray<number>
  /** Option index of each categorical knob (−1: none of the goal's options; all such values count as one "other" option). */
  readonly categorical: ReadonlyArray<number>
}

/**
 * Squared-exponential kernel on the numeric knobs times an exponential Hamming kernel on the
 * categorical ones:
 *   k(a, b) = σ² · exp(−½ Σ_i (a_i − b_i)²/ℓ² − ½ Σ_c [a_c ≠ b_c]/ℓ_c²).
 * The categorical factor is the squared-exponential kernel on a one-hot encoding scaled by
 * 1/√2 (two such vectors of different options are 1 apart), so it is positive definite, and
 * so is the product (Rasmussen & Williams 2006 §4.2.4).
 */
export interface SquaredExponentialKernel {
  /** σ², the prior variance of f. */
  readonly variance: number
  /** ℓ, in unit-cube units, shared by the numeric knobs. */
  readonly lengthScale: number
  /** ℓ_c for the categorical knobs. */
  readonly categoricalLengthScale: number
}

/** k(a, b) of {@link SquaredExponentialKernel}. */
export function kernelValue(a: GpPoint, b: GpPoint, k: SquaredExponentialKernel): number {
  let s = 0
  for (let i = 0; i < a.continuous.length; i++) {
    const d = (a.continuous[i]! - b.continuous[i]!) / k.lengthScale
    s += d * d
  }
  let mismatches = 0
  for (let c = 0; c < a.categorical.length; c++) {
    if (a.categorical[c] !== b.categorical[c]) mismatches++
  }
  return k.variance * Math.exp(-0.5 * s - (0.5 * mismatches) / (k.categoricalLengthScale * k.categoricalLengthScale))
}

/**
 * Lower Cholesky factor L of a symmetric n×n matrix (row-major), A = L·Lᵀ; null when A is
 * not numerically positive definite. The sampler's factorisation: one implementation for the
 * proposal covariance and the GP's kernel matrix.
 */
export const choleskyLower = cholesky

/** Solves L·x = b in place (L lower triangular, row-major n×n). */
export function forwardSubstitute(l: ArrayLike<number>, n: number, b: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    let s = b[i]!
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * b[k]!
    b[i] = s / l[i * n + i]!
  }
  return b
}

/** Solves Lᵀ·x = b in place. */
export function backSubstitute(l: ArrayLike<number>, n: number, b: Float64Array): Float64Array {
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]!
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * b[k]!
    b[i] = s / l[i * n + i]!
  }
  return b
}

/** A conditioned GP: the factor and weights of Algorithm 2.1. */
export interface GpFit {
  readonly n: number
  readonly l: Float64Array
  readonly alpha: Float64Array
  /** ln p(y | X) under the prior covariance. */
  readonly logMarginalLikelihood: number
  /** Jitter added to the diagonal to factorise (0 when none was needed). */
  readonly jitter: number
}

/**
 * Conditions the GP on y: `cov` is the n×n prior covariance of f at the observed points
 * (row-major), `noiseVar` the variance of each observation's error. A matrix that is not
 * numerically positive definite gets a jitter of 1e-10, 1e-8 … 1e-4 times its mean diagonal
 * (the usual remedy, Rasmussen & Williams 2006 §A.4); beyond that it throws.
 */
export function gpFit(cov: ArrayLike<number>, noiseVar: ArrayLike<number>, y: ArrayLike<number>): GpFit {
  const n = y.length
  if (cov.length !== n * n || noiseVar.length !== n) throw new Error(`gpFit: ${n} observations need a ${n}×${n} covariance and ${n} noise variances`)
  let meanDiag = 0
  for (let i = 0; i < n; i++) meanDiag += (cov[i * n + i]! + noiseVar[i]!) / Math.max(1, n)
  let l: Float64Array | null = null
  let jitter = 0
  for (const factor of [0, 1e-10, 1e-8, 1e-6, 1e-4]) {
    jitter = factor * meanDiag
    const a = Float64Array.from(cov)
    for (let i = 0; i < n; i++) a[i * n + i] = a[i * n + i]! + noiseVar[i]! + jitter
    l = choleskyLower(a, n)
    if (l !== null) break
  }
  if (l === null) throw new Error('gpFit: the covariance is not positive definite even with jitter')
  const alpha = backSubstitute(l, n, forwardSubstitute(l, n, Float64Array.from(y)))
  let quad = 0
  let logDet = 0
  for (let i = 0; i < n; i++) {
    quad += y[i]! * alpha[i]!
    logDet += Math.log(l[i * n + i]!)
  }
  return { n, l, alpha, jitter, logMarginalLikelihood: -0.5 * quad - logDet - 0.5 * n * Math.log(2 * Math.PI) }
}

/**
 * Posterior mean and variance of f at one test point: `cross[i]` = k(x_i, x*), `prior` =
 * k(x*, x*). The variance is floored at 0 (round-off can make it a tiny negative number).
 */
export function gpPredict(fit: GpFit, cross: ArrayLike<number>, prior: number): { mean: number; variance: number } {
  let mean = 0
  for (let i = 0; i < fit.n; i++) mean += cross[i]! * fit.alpha[i]!
  const v = forwardSubstitute(fit.l, fit.n, Float64Array.from(cross))
  let vv = 0
  for (let i = 0; i < fit.n; i++) vv += v[i]! * v[i]!
  return { mean, variance: Math.max(0, prior - vv) }
}
