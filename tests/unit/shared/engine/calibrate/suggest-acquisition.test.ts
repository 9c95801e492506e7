import { describe, expect, it } from 'vitest'
import { expectedImprovement, monteCarloImprovement, normalPdf, probabilityBetween } from '../../../../../shared/engine/calibrate/suggest-acquisition'
import { mulberry32, standardNormal } from '../../../../../shared/engine/pbpk/random'

/** ∫ g(y)·N(y; μ, s²) dy by composite Simpson over μ ± 12 s (independent of the closed forms). */
function integrate(g: (y: number) => number, mu: number, s: number, n = 20_000): number {
  const a = mu - 12 * s
  const h = (24 * s) / n
  let sum = 0
  for (let i = 0; i <= n; i++) {
    const y = a + i * h
    const w = i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2
    sum += w * g(y) * Math.exp(-0.5 * ((y - mu) / s) ** 2) / (s * Math.sqrt(2 * Math.PI))
  }
  return (sum * h) / 3
}

describe('expected improvement (Jones et al. 1998, eq. 15)', () => {
  it('equals E[max(0, b − f)] integrated numerically', () => {
    for (const [mu, s, b] of [[0, 1, 0], [1, 0.5, 0.2], [-0.3, 0.2, 0.4], [2, 3, -1], [0.1, 0.05, 0.5]] as const) {
      const numeric = integrate((y) => Math.max(0, b - y), mu, s)
      // normalCdf (erfc approximation) has a fractional error < 1.2e-7
      expect(expectedImprovement(mu, s, b)).toBeCloseTo(numeric, 6)
    }
  })
  it('is s/√(2π) when the mean is the incumbent, and the plain gain without uncertainty', () => {
    expect(expectedImprovement(3, 2, 3)).toBeCloseTo(2 / Math.sqrt(2 * Math.PI), 7)
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 15)
    expect(expectedImprovement(1, 0, 3)).toBe(2)
    expect(expectedImprovement(4, 0, 3)).toBe(0)
  })
  it('is what a large Monte Carlo sample gives (the estimator used for target objectives)', () => {
    const u = mulberry32(3)
    const samples = Float64Array.from({ length: 200_000 }, () => 0.4 + 0.7 * standardNormal(u))
    // SE of the mean of max(0, b − f) is below 0.002 here
    expect(monteCarloImprovement(samples, 0.5)).toBeCloseTo(expectedImprovement(0.4, 0.7, 0.5), 2)
  })
})

describe('probability that a constraint holds', () => {
  it('matches the integral of the normal density over the interval', () => {
    const mu = 0.3
    const s = 0.8
    expect(probabilityBetween(mu, s, -0.2, 1.1)).toBeCloseTo(integrate((y) => (y >= -0.2 && y <= 1.1 ? 1 : 0), mu, s, 200_000), 4)
    expect(probabilityBetween(mu, s, undefined, mu)).toBeCloseTo(0.5, 7)
    expect(probabilityBetween(mu, s, mu, undefined)).toBeCloseTo(0.5, 7)
    // 1.959964 SD above the mean: 2.5 % left
    expect(probabilityBetween(0, 1, 1.959964, undefined)).toBeCloseTo(0.025, 6)
  })
  it('is 0 or 1 without uncertainty', () => {
    expect(probabilityBetween(1, 0, 0, 2)).toBe(1)
    expect(probabilityBetween(3, 0, 0, 2)).toBe(0)
    expect(probabilityBetween(1, 0, undefined, Number.NEGATIVE_INFINITY)).toBe(0)
  })
})
