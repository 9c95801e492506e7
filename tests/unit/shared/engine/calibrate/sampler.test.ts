import { describe, expect, it } from 'vitest'
import { essBasic, mcseMean, rankNormalizedRHat, splitChains } from '../../../../../shared/engine/calibrate/diagnostics'
import { logNormalObservation } from '../../../../../shared/engine/calibrate/likelihood'
import { logPrior, priorOf } from '../../../../../shared/engine/calibrate/parameters'
import { adaptiveMetropolis, cholesky } from '../../../../../shared/engine/calibrate/sampler'

/**
 * Conjugate case: the engine replaced by a prediction that is exactly log-linear in the log
 * multipliers, ln μ_i = ln a_i + Σ_j X_ij θ_j, observed through the calibration's own
 * log-normal likelihood with known σ_i, under its own normal prior on θ. Then ln y_i − ln a_i =
 * X θ + ε, ε ~ N(0, diag σ²), θ ~ N(0, diag σ₀²), and the posterior is exactly normal with
 * precision Λ = diag(1/σ₀²) + Xᵀ W X, W = diag(1/σ_i²), mean Λ⁻¹ Xᵀ W (ln y − ln a)
 * (e.g. Gelman et al. 2013, Bayesian Data Analysis 3rd ed., §14.2).
 */
interface Linear { a: number[]; x: number[][]; sigma: number[]; y: number[] }

function exactPosterior(m: Linear, sigma0: number[]): { mean: number[]; cov: number[][] } {
  const d = sigma0.length
  const lam = sigma0.map((s, i) => sigma0.map((_, j) => (i === j ? 1 / (s * s) : 0)))
  const rhs = new Array<number>(d).fill(0)
  m.y.forEach((y, k) => {
    const w = 1 / m.sigma[k]! ** 2
    const r = Math.log(y) - Math.log(m.a[k]!)
    for (let i = 0; i < d; i++) {
      rhs[i]! += m.x[k]![i]! * w * r
      for (let j = 0; j < d; j++) lam[i]![j]! += m.x[k]![i]! * w * m.x[k]![j]!
    }
  })
  if (d === 1) return { mean: [rhs[0]! / lam[0]![0]!], cov: [[1 / lam[0]![0]!]] }
  // 2×2 inverse
  const [[p, q], [r, s]] = lam as [[number, number], [number, number]]
  const det = p * s - q * r
  const cov = [[s / det, -q / det], [-r / det, p / det]]
  return { mean: [cov[0]![0]! * rhs[0]! + cov[0]![1]! * rhs[1]!, cov[1]![0]! * rhs[0]! + cov[1]![1]! * rhs[1]!], cov }
}

function logDensityOf(m: Linear, sigma0: Float64Array) {
  return (theta: Float64Array): number => {
    let s = logPrior(theta, sigma0)
    m.y.forEach((y, k) => {
      let lnMu = Math.log(m.a[k]!)
      m.x[k]!.forEach((xk, j) => { lnMu += xk * theta[j]! })
      s += logNormalObservation(y, Math.exp(lnMu), m.sigma[k]!)
    })
    return s
  }
}

function column(draws: ReadonlyArray<ReadonlyArray<Float64Array>>, j: number): number[][] {
  return draws.map((ch) => ch.map((p) => p[j]!))
}

describe('adaptive Metropolis recovers an exact conjugate posterior', () => {
  const sigma0 = priorOf('liverKMax').sigmaLn

  it('one log multiplier: posterior mean and SD within Monte Carlo error', () => {
    // 5 %ID values of a liver whose nominal prediction is 20, 25, 30, 28, 22 %ID
    const m: Linear = { a: [20, 25, 30, 28, 22], x: [[1], [1], [1], [1], [1]], sigma: [0.3, 0.3, 0.2, 0.4, 0.3], y: [31, 35, 41, 44, 30] }
    const exact = exactPosterior(m, [sigma0])
    const run = adaptiveMetropolis(logDensityOf(m, Float64Array.of(sigma0)), {
      chains: 4, warmup: 1000, draws: 4000, seed: 42, initial: [[-0.8], [0.9], [0.3], [-0.2]], initialScale: [sigma0],
    })
    const chains = column(run.draws, 0)
    const all = chains.flat()
    const mean = all.reduce((a, b) => a + b, 0) / all.length
    const sd = Math.sqrt(all.reduce((a, b) => a + (b - mean) ** 2, 0) / (all.length - 1))
    const exactSd = Math.sqrt(exact.cov[0]![0]!)
    const ess = essBasic(splitChains(chains))
    expect(rankNormalizedRHat(chains)).toBeLessThan(1.01)
    expect(ess).toBeGreaterThan(1000)
    // |error of the mean| < 4 MCSE; SD within 4 standard errors of an SD estimate, sd/√(2·ESS)
    expect(Math.abs(mean - exact.mean[0]!)).toBeLessThan(4 * mcseMean(chains))
    expect(Math.abs(sd - exactSd)).toBeLessThan(4 * exactSd / Math.sqrt(2 * ess))
    // and the data did move it: the exact posterior mean is 0.38, far from the prior's 0
    expect(exact.mean[0]!).toBeGreaterThan(0.3)
    expect(run.acceptance.every((a) => a > 0.15 && a < 0.6)).toBe(true)
  })

  it('two correlated log multipliers: means, SDs and correlation', () => {
    // liver (θ₁) and spleen (θ₂) both move blood: a design where the data pin θ₁ + 0.6 θ₂
    // much better than either alone, so the posterior is strongly correlated
    const m: Linear = {
      a: [30, 5, 12, 8, 40, 3],
      x: [[1, 0.6], [1, 0.6], [0.2, 1], [-0.5, -0.3], [1, 0.5], [0.1, 0.9]],
      sigma: [0.2, 0.25, 0.6, 0.3, 0.2, 0.7],
      y: [45, 8, 10, 5.5, 62, 2.5],
    }
    const exact = exactPosterior(m, [sigma0, sigma0])
    const run = adaptiveMetropolis(logDensityOf(m, Float64Array.of(sigma0, sigma0)), {
      chains: 4, warmup: 1500, draws: 5000, seed: 7, initial: [[-0.7, 0.8], [0.8, -0.7], [0.5, 0.5], [-0.5, -0.5]], initialScale: [sigma0, sigma0],
    })
    const c0 = column(run.draws, 0)
    const c1 = column(run.draws, 1)
    const a0 = c0.flat()
    const a1 = c1.flat()
    const n = a0.length
    const m0 = a0.reduce((a, b) => a + b, 0) / n
    const m1 = a1.reduce((a, b) => a + b, 0) / n
    const v0 = a0.reduce((a, b) => a + (b - m0) ** 2, 0) / (n - 1)
    const v1 = a1.reduce((a, b) => a + (b - m1) ** 2, 0) / (n - 1)
    const cov = a0.reduce((a, b, i) => a + (b - m0) * (a1[i]! - m1), 0) / (n - 1)
    const exactCorr = exact.cov[0]![1]! / Math.sqrt(exact.cov[0]![0]! * exact.cov[1]![1]!)
    expect(exactCorr).toBeLessThan(-0.5) // the case is a correlated one
    for (const c of [c0, c1]) expect(rankNormalizedRHat(c)).toBeLessThan(1.01)
    expect(Math.abs(m0 - exact.mean[0]!)).toBeLessThan(4 * mcseMean(c0))
    expect(Math.abs(m1 - exact.mean[1]!)).toBeLessThan(4 * mcseMean(c1))
    const ess0 = essBasic(splitChains(c0))
    const ess1 = essBasic(splitChains(c1))
    expect(Math.abs(Math.sqrt(v0) - Math.sqrt(exact.cov[0]![0]!))).toBeLessThan(4 * Math.sqrt(exact.cov[0]![0]! / (2 * ess0)))
    expect(Math.abs(Math.sqrt(v1) - Math.sqrt(exact.cov[1]![1]!))).toBeLessThan(4 * Math.sqrt(exact.cov[1]![1]! / (2 * ess1)))
    expect(cov / Math.sqrt(v0 * v1)).toBeCloseTo(exactCorr, 1)
  })
})

describe('sampler mechanics', () => {
  const target = (x: Float64Array): number => -0.5 * (x[0]! ** 2 + (x[1]! / 2) ** 2)

  it('is reproducible: same seed, same draws; another seed, other draws', () => {
    const opts = { chains: 2, warmup: 50, draws: 50, seed: 9, initial: [[0, 0], [1, 1]], initialScale: [1, 1] }
    const a = adaptiveMetropolis(target, opts)
    const b = adaptiveMetropolis(target, opts)
    const c = adaptiveMetropolis(target, { ...opts, seed: 10 })
    expect(a.draws.map((ch) => ch.map((p) => Array.from(p)))).toEqual(b.draws.map((ch) => ch.map((p) => Array.from(p))))
    expect(a.draws[0]!.map((p) => p[0])).not.toEqual(c.draws[0]!.map((p) => p[0]))
    expect(a.evaluations).toBe(2 + 2 * 100)
  })

  it('stops when cancelled and says so; reports progress', () => {
    const signal = { aborted: false }
    const seen: number[] = []
    const run = adaptiveMetropolis(target, {
      chains: 2, warmup: 10, draws: 100, seed: 1, initial: [[0, 0], [0, 0]], initialScale: [1, 1], signal,
      onProgress: (done) => { seen.push(done); if (done === 30) signal.aborted = true },
    })
    expect(run.cancelled).toBe(true)
    expect(run.draws[0]!.length).toBe(20)
    expect(seen[seen.length - 1]).toBe(30)
  })

  it('refuses a start outside the support and mismatched starts, saying which', () => {
    expect(() => adaptiveMetropolis(() => Number.NEGATIVE_INFINITY, { chains: 1, warmup: 1, draws: 1, seed: 1, initial: [[0]], initialScale: [1] }))
      .toThrow(/start of chain 0 is -Infinity/)
    expect(() => adaptiveMetropolis(target, { chains: 2, warmup: 1, draws: 1, seed: 1, initial: [[0, 0]], initialScale: [1, 1] }))
      .toThrow(/1 starting points for 2 chains/)
  })

  it('Cholesky factor reproduces the matrix and rejects a non-positive-definite one', () => {
    const a = [4, 2, 2, 3]
    const l = cholesky(a, 2)!
    // L = [[2, 0], [1, √2]]: L Lᵀ = [[4, 2], [2, 1 + 2]]
    expect(Array.from(l)).toEqual([2, 0, 1, Math.SQRT2])
    expect(cholesky([1, 2, 2, 1], 2)).toBeNull()
  })
})
