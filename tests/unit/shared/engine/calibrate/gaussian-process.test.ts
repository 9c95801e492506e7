import { describe, expect, it } from 'vitest'
import {
  backSubstitute, choleskyLower, forwardSubstitute, gpFit, gpPredict, kernelValue, type SquaredExponentialKernel,
} from '../../../../../shared/engine/calibrate/gaussian-process'

/**
 * The GP against closed forms worked out by hand (no call back into the code under test for
 * the expected values): a textbook Cholesky factor, and the posterior of a GP with a known
 * kernel at two observations, where (K + σ²I)⁻¹ is the explicit 2×2 inverse.
 */
describe('Cholesky factorisation', () => {
  it('factors the textbook matrix into its known lower factor', () => {
    // A = [[4, 12, −16], [12, 37, −43], [−16, −43, 98]] = L·Lᵀ with L = [[2,0,0],[6,1,0],[−8,5,3]]
    const l = choleskyLower([4, 12, -16, 12, 37, -43, -16, -43, 98], 3)!
    expect(Array.from(l)).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3])
  })

  it('refuses a matrix that is not positive definite', () => {
    expect(choleskyLower([1, 2, 2, 1], 2)).toBeNull()
  })

  it('solves L·x = b and Lᵀ·x = b', () => {
    const l = [2, 0, 0, 6, 1, 0, -8, 5, 3]
    // L·(1, 2, 3) = (2, 8, 11); Lᵀ·(1, 2, 3) = (2 + 12 − 24, 1·2 + 5·3, 9) = (−10, 17, 9)
    expect(Array.from(forwardSubstitute(l, 3, Float64Array.from([2, 8, 11])))).toEqual([1, 2, 3])
    expect(Array.from(backSubstitute(l, 3, Float64Array.from([-10, 17, 9])))).toEqual([1, 2, 3])
  })
})

describe('squared-exponential kernel', () => {
  const k: SquaredExponentialKernel = { variance: 2, lengthScale: 0.5, categoricalLengthScale: 0.8 }
  it('is σ² at zero distance and σ²·exp(−½ d²/ℓ²) apart', () => {
    expect(kernelValue({ continuous: [0.3], categorical: [] }, { continuous: [0.3], categorical: [] }, k)).toBe(2)
    expect(kernelValue({ continuous: [0], categorical: [] }, { continuous: [0.5], categorical: [] }, k)).toBeCloseTo(2 * Math.exp(-0.5), 14)
    expect(kernelValue({ continuous: [0, 0], categorical: [] }, { continuous: [0.3, 0.4], categorical: [] }, k)).toBeCloseTo(2 * Math.exp(-0.5 * 0.25 / 0.25), 14)
  })
  it('counts a different option as exp(−1/(2ℓ_c²))', () => {
    expect(kernelValue({ continuous: [], categorical: [1] }, { continuous: [], categorical: [2] }, k)).toBeCloseTo(2 * Math.exp(-1 / (2 * 0.64)), 14)
    expect(kernelValue({ continuous: [], categorical: [-1] }, { continuous: [], categorical: [-1] }, k)).toBe(2)
  })
})

describe('GP posterior on a known kernel (Rasmussen & Williams 2006, eqs. 2.25–2.26, 2.30)', () => {
  // 1-D SE kernel σ² = 1, ℓ = 0.5; observations at x = 0 and 0.5, y = (1, −0.5), noise σ_n² = 0.01
  const kern = (a: number, b: number): number => Math.exp(-0.5 * ((a - b) / 0.5) ** 2)
  const x = [0, 0.5]
  const y = [1, -0.5]
  const noise = 0.01
  // K + N = [[a, c], [c, a]], a = 1.01, c = e^(−1/2); inverse = 1/(a² − c²)·[[a, −c], [−c, a]]
  const a = 1 + noise
  const c = Math.exp(-0.5)
  const det = a * a - c * c
  const inv = [[a / det, -c / det], [-c / det, a / det]]
  const cov = [kern(0, 0) + 0, kern(0, 0.5), kern(0.5, 0), kern(0.5, 0.5)]
  const fit = gpFit(cov, [noise, noise], y)

  it('mean k*ᵀ(K + N)⁻¹y and variance k** − k*ᵀ(K + N)⁻¹k* at test points', () => {
    for (const xs of [0.25, 1, -0.3]) {
      const ks = x.map((xi) => kern(xi, xs))
      const w = [inv[0]![0]! * y[0]! + inv[0]![1]! * y[1]!, inv[1]![0]! * y[0]! + inv[1]![1]! * y[1]!]
      const mean = ks[0]! * w[0]! + ks[1]! * w[1]!
      const quad = ks[0]! * (inv[0]![0]! * ks[0]! + inv[0]![1]! * ks[1]!) + ks[1]! * (inv[1]![0]! * ks[0]! + inv[1]![1]! * ks[1]!)
      const r = gpPredict(fit, ks, 1)
      expect(r.mean).toBeCloseTo(mean, 12)
      expect(r.variance).toBeCloseTo(1 - quad, 12)
    }
  })

  it('log marginal likelihood −½ yᵀ(K + N)⁻¹y − ½ ln|K + N| − ln 2π', () => {
    const quad = y[0]! * (inv[0]![0]! * y[0]! + inv[0]![1]! * y[1]!) + y[1]! * (inv[1]![0]! * y[0]! + inv[1]![1]! * y[1]!)
    expect(fit.jitter).toBe(0)
    expect(fit.logMarginalLikelihood).toBeCloseTo(-0.5 * quad - 0.5 * Math.log(det) - Math.log(2 * Math.PI), 12)
  })

  it('one noise-free observation: the posterior interpolates it with zero variance there', () => {
    const one = gpFit([1], [0], [0.7])
    const at = gpPredict(one, [1], 1)
    expect(at.mean).toBeCloseTo(0.7, 14)
    expect(at.variance).toBeCloseTo(0, 14)
    // elsewhere: mean k·y, variance 1 − k² (the 1-point closed form)
    const kk = Math.exp(-0.5 * 0.36 / 0.25)
    const off = gpPredict(one, [kk], 1)
    expect(off.mean).toBeCloseTo(0.7 * kk, 14)
    expect(off.variance).toBeCloseTo(1 - kk * kk, 14)
  })

  it('a repeated noise-free point (singular covariance) is factorised with a small jitter', () => {
    const twice = gpFit([1, 1, 1, 1], [0, 0], [0.5, 0.5])
    expect(twice.jitter).toBeGreaterThan(0)
    expect(twice.jitter).toBeLessThan(1e-3)
    expect(gpPredict(twice, [1, 1], 1).mean).toBeCloseTo(0.5, 4)
  })

  it('refuses mismatched sizes with a message', () => {
    expect(() => gpFit([1, 0, 0, 1], [0.1], [1, 2])).toThrow(/2 observations need a 2×2 covariance and 2 noise variances/)
  })
})
