import { describe, expect, it } from 'vitest'
import {
  bulkEss, essBasic, rankNormalize, rankNormalizedRHat, rHatBasic, splitChains, splitRHat,
} from '../../../../../shared/engine/calibrate/diagnostics'
import { REFERENCE_SETS } from './reference-chains'

describe('split R-hat and ESS by hand', () => {
  it('splits chains in halves and drops an odd middle draw', () => {
    expect(splitChains([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]])).toEqual([[1, 2], [4, 5], [6, 7], [9, 10]])
  })

  it('split R-hat of two short drifting chains', () => {
    // A = 1 2 3 4, B = 2 3 4 5 → split: [1,2] [3,4] [2,3] [4,5], N = 2.
    // Within: each half has variance 0.5, W = 0.5. Means 1.5 3.5 2.5 4.5 (mean 3): B/N =
    // (2.25 + 0.25 + 0.25 + 2.25)/3 = 5/3. var⁺ = (1/2)·0.5 + 5/3 = 1.91667.
    // R-hat = √(1.91667/0.5) = √3.83333 = 1.95789.
    expect(splitRHat([[1, 2, 3, 4], [2, 3, 4, 5]])).toBeCloseTo(Math.sqrt(23 / 6), 12)
  })

  it('R-hat of identical chains that do not drift is √((N−1)/N)', () => {
    // B = 0, so R-hat = √((N − 1)/N): 4 draws per chain → √(3/4)
    expect(rHatBasic([[1, 2, 1, 2], [1, 2, 1, 2]])).toBeCloseTo(Math.sqrt(0.75), 12)
  })

  it('ESS of one anti-correlated chain (first autocorrelation pair negative)', () => {
    // x = 1 −1 1 −1 1 −1 1 −1: N = 8, x̄ = 0, acov₀ = 1, acov₁ = −7/8.
    // mean_var = 8/7, var⁺ = mean_var·7/8 = 1 (one chain). ρ₁ = 1 − (8/7 + 7/8)/1 = −1.01786.
    // ρ₀ + ρ₁ < 0, so no pair is summed: T = 0, and the reference implementation's
    // τ = −1 + 2·ρ₀ + ρ₀ = 2 → ESS = 8/2 = 4.
    expect(essBasic([[1, -1, 1, -1, 1, -1, 1, -1]])).toBeCloseTo(4, 12)
  })

  it('ESS of one chain with a positive first pair then a negative one', () => {
    // x = 1 1 −1 −1 1 1 −1 −1 (N = 8, x̄ = 0): acov_t = (1/8)Σ x_i x_{i+t}, term by term:
    // acov₀ = 1, acov₁ = 1/8, acov₂ = −6/8, acov₃ = −1/8.
    // mean_var = 8/7, var⁺ = 1. ρ₁ = 1 − (8/7 − 1/8) = −0.017857; pair (ρ₀, ρ₁) = 0.98214 > 0:
    // ρ₂ = 1 − (8/7 + 6/8) = −0.89286, ρ₃ = 1 − (8/7 + 1/8) = −0.26786, pair < 0 → stop, T = 2,
    // ρ₂ not stored. τ = −1 + 2·0.98214 + 0 = 0.96429, below the cap 1/log10(8) = 1.10731,
    // so τ = 1.10731 and ESS = 8·log10(8) = 7.2247 (R posterior: 7.22472, with its cap warning).
    expect(essBasic([[1, 1, -1, -1, 1, 1, -1, -1]])).toBeCloseTo(8 * Math.log10(8), 12)
  })

  it('rank normalisation: z = Φ⁻¹((r − 3/8)/(S + 1/4)), ties averaged', () => {
    // S = 4 draws 10, 20, 20, 30: ranks 1, 2.5, 2.5, 4 → p = 0.625/4.25, 2.125/4.25, 3.625/4.25
    const z = rankNormalize([[10, 20], [20, 30]])
    expect(z[0]![1]).toBeCloseTo(0, 9) // p = 0.5
    expect(z[0]![1]).toBe(z[1]![0])
    expect(z[0]![0]).toBeCloseTo(-1.049, 3) // Φ⁻¹(0.147059) = −1.0491 (normal table)
    expect(z[1]![1]).toBeCloseTo(1.049, 3)
  })

  it('refuses chains of unequal length or non-finite draws, naming them', () => {
    expect(() => splitRHat([[1, 2, 3, 4], [1, 2, 3]])).toThrow(/chain 1 has 3 draws/)
    expect(() => bulkEss([[1, 2, Number.NaN, 4], [1, 2, 3, 4]])).toThrow(/chain 0 draw 2 is NaN/)
  })
})

/**
 * Reference values from the R package posterior 1.4.0 (Bürkner, Gabry, Kay, Vehtari; the
 * implementation of Vehtari et al. 2021, doi:10.1214/20-BA1221) on the same chains, written
 * to CSV at full precision and read with as.matrix(read.csv(...)) (iterations × chains):
 * rhat_basic(x), rhat(x), ess_basic(x), ess_bulk(x).
 */
const R_POSTERIOR = {
  mixing: { rhatBasic: 1.05014040034263, rhat: 1.10406190200794, essBasic: 32.1776763859339, essBulk: 32.6314619991967 },
  stuck: { rhatBasic: 1.23101024317171, rhat: 1.20819965168868, essBasic: 14.9088084689173, essBulk: 16.4368460114165 },
  tiesOdd: { rhatBasic: 0.98569850125849, rhat: 0.981370304382597, essBasic: 109.393580181087, essBulk: 123.220328037461 },
} as const

describe('agreement with the reference implementation (R posterior 1.4.0)', () => {
  for (const name of Object.keys(R_POSTERIOR) as Array<keyof typeof R_POSTERIOR>) {
    it(`${name}: split R-hat, rank-normalised R-hat, ESS and bulk ESS`, () => {
      const chains = REFERENCE_SETS[name]()
      const ref = R_POSTERIOR[name]
      expect(splitRHat(chains)).toBeCloseTo(ref.rhatBasic, 10)
      expect(essBasic(splitChains(chains))).toBeCloseTo(ref.essBasic, 9)
      // rank normalisation goes through Φ⁻¹ (Acklam, relative error < 1.2e-9): agreement to ~1e-8
      expect(rankNormalizedRHat(chains)).toBeCloseTo(ref.rhat, 7)
      expect(bulkEss(chains)).toBeCloseTo(ref.essBulk, 5)
    })
  }

  it('a chain stuck apart from the others is flagged (R-hat well above 1.01)', () => {
    expect(rankNormalizedRHat(REFERENCE_SETS.stuck())).toBeGreaterThan(1.1)
  })
})
