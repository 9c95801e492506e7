import { describe, expect, it } from 'vitest'
import {
  DEFAULT_ERROR_MODEL, logNormalCdf, logNormalObservation, normalObservation, sigmaLnOf,
} from '../../../../../shared/engine/calibrate/likelihood'
import { logPrior, releasedFractionWithMultiplier, sigmaLnFromCv } from '../../../../../shared/engine/calibrate/parameters'

/** Composite Simpson rule on [a, b] with n (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n = 4000): number {
  const h = (b - a) / n
  let s = f(a) + f(b)
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(a + i * h)
  return (s * h) / 3
}

describe('error model', () => {
  it('σ of ln y from the CV: √ln(1 + CV²)', () => {
    expect(sigmaLnFromCv(0.5)).toBeCloseTo(0.472380727, 8) // √ln 1.25
    expect(sigmaLnOf(10, 5)).toBeCloseTo(Math.sqrt(Math.log(1.25)), 12)
    // no SD: the default CV 0.3 → √ln 1.09
    expect(sigmaLnOf(10, undefined)).toBeCloseTo(Math.sqrt(Math.log(1.09)), 12)
    // an SD of 1 % of the mean is floored at CV 0.1 → √ln 1.01
    expect(sigmaLnOf(10, 0.1)).toBeCloseTo(Math.sqrt(Math.log(1.01)), 12)
    expect(DEFAULT_ERROR_MODEL).toEqual({ defaultCv: 0.3, minCv: 0.1, releaseSdFloorPercent: 3 })
    expect(() => sigmaLnFromCv(0)).toThrow(/positive/)
  })
})

describe('log-normal likelihood', () => {
  it('is a density in y: integrates to 1 (numerically, y = e^u)', () => {
    const mu = 7.3
    const s = 0.4
    // ∫ p(y) dy = ∫ p(e^u) e^u du over u = ln μ ± 10σ
    const total = simpson((u) => Math.exp(logNormalObservation(Math.exp(u), mu, s) + u), Math.log(mu) - 10 * s, Math.log(mu) + 10 * s)
    expect(total).toBeCloseTo(1, 8)
  })

  it('is largest when the prediction equals the observation (median of the log-normal)', () => {
    const at = (mu: number): number => logNormalObservation(5, mu, 0.3)
    expect(at(5)).toBeGreaterThan(at(4.9))
    expect(at(5)).toBeGreaterThan(at(5.1))
    // ratio symmetry on the log scale: μ = 5·2 and μ = 5/2 are equally likely
    expect(at(10)).toBeCloseTo(at(2.5), 12)
  })

  it('a censored point is P(y < LOQ): equal to the integral of the density below the LOQ', () => {
    const mu = 0.8
    const s = 0.35
    const loq = 0.5
    const exact = Math.exp(logNormalObservation(loq, mu, s, true))
    const integral = simpson((u) => Math.exp(logNormalObservation(Math.exp(u), mu, s) + u), Math.log(mu) - 12 * s, Math.log(loq))
    expect(exact).toBeCloseTo(integral, 7)
    // a prediction far above the LOQ makes "below the LOQ" unlikely, far below makes it certain
    expect(logNormalObservation(loq, 50, s, true)).toBeLessThan(-50)
    expect(logNormalObservation(loq, 0.01, s, true)).toBeCloseTo(0, 6)
  })

  it('ln Φ agrees with scipy.stats.norm.logcdf (an independent implementation) into the far tail', () => {
    // scipy 1.17.1: norm.logcdf(z)
    const reference: Array<[number, number]> = [
      [-1.959963984540054, -3.6888794541139367], [-3, -6.60772622151035], [-5.5, -17.779376352625263],
      [-6, -20.73676894997471], [-10, -53.23128515051248], [-19.9, -201.91716770733265], [-20.1, -205.92711840194826], [-30, -454.32124395634327],
    ]
    for (const [z, ref] of reference) expect(Math.abs(logNormalCdf(z) - ref) / Math.abs(ref)).toBeLessThan(1e-6)
    expect(logNormalCdf(3)).toBeCloseTo(Math.log(1 - 0.0013498980316300933), 6)
  })

  it('a prediction of exactly 0 does not give NaN (floored at 1e-9 %ID)', () => {
    const v = logNormalObservation(1, 0, 0.3)
    expect(Number.isFinite(v)).toBe(true)
    expect(v).toBeLessThan(-1000)
  })

  it('normal observation and log prior are the Gaussian log densities', () => {
    expect(normalObservation(3, 1, 2)).toBeCloseTo(-0.5 - Math.log(2) - 0.5 * Math.log(2 * Math.PI), 12)
    expect(logPrior([0.5, -1], [0.5, 1])).toBeCloseTo(2 * -0.5 - Math.log(0.5) - Math.log(2 * Math.PI), 12)
  })
})

describe('release-rate multiplier', () => {
  it('scales the hazard: survival S becomes S^m', () => {
    expect(releasedFractionWithMultiplier(0.5, 2)).toBeCloseTo(0.75, 12)
    expect(releasedFractionWithMultiplier(0.5, 1)).toBeCloseTo(0.5, 12)
    expect(releasedFractionWithMultiplier(0.2, 0.5)).toBeCloseTo(1 - Math.sqrt(0.8), 12)
    // a first-order release F = 1 − e^{−kt}: × m on the hazard is F = 1 − e^{−mkt}
    const k = 0.1
    const t = 7
    expect(releasedFractionWithMultiplier(1 - Math.exp(-k * t), 1.7)).toBeCloseTo(1 - Math.exp(-1.7 * k * t), 12)
  })
})
