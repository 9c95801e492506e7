/**
 * The release speed sampled by the Monte Carlo (issue #10: the band says how little a matrix
 * release time is known from the design alone): the draw's distribution, the time-scaled
 * hazard against the Crank series, and what it does (and does not) change in a run.
 */
import { describe, expect, it } from 'vitest'
import { newDesign } from '../../../../../shared/design/defaults'
import type { Design } from '../../../../../shared/design/types'
import { sampleReleaseSpeed, speedScaledHazard } from '../../../../../shared/engine/pbpk/monte-carlo'
import { mulberry32, normalQuantile } from '../../../../../shared/engine/pbpk/random'
import { RELEASE_CATALOG, releaseSpeedSpreadLog10 } from '../../../../../shared/engine/release/index'
import { sphereFractionReleased } from '../../../../../shared/engine/release/sphere-diffusion'
import { designUncertaintySamples, simulateDesignUncertainty } from '../../../../../shared/engine/simulate'

describe('sampleReleaseSpeed', () => {
  it('is log-normal around 1 with the given log10 SD, truncated at the 95 % quantiles', () => {
    const u = mulberry32(7)
    const logs = Array.from({ length: 20000 }, () => Math.log10(sampleReleaseSpeed(u, 1.5)))
    const mean = logs.reduce((a, b) => a + b, 0) / logs.length
    const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (logs.length - 1))
    expect(Math.abs(mean)).toBeLessThan(0.03)
    // a normal truncated (clamped) at ±1.96 has SD 0.9538 of the untruncated one (computed from
    // E[min(max(z,-c),c)²] = 1 - 2[c φ(c) + (1 - Φ(c))] + 2 c² (1 - Φ(c)), c = 1.96)
    expect(sd / 1.5).toBeCloseTo(0.954, 1)
    const zHi = normalQuantile(0.975)
    expect(Math.max(...logs)).toBeLessThanOrEqual(1.5 * zHi + 1e-12)
    expect(Math.min(...logs)).toBeGreaterThanOrEqual(-1.5 * zHi - 1e-12)
  })
})

describe('speedScaledHazard', () => {
  it('turns the Crank hazard into the hazard of F(s·t): 1 − exp(−∫ r_s dt) = F(s·t)', () => {
    const dOverR2 = 0.05 // 1/h
    const F = (t: number): number => sphereFractionReleased(dOverR2 * t)
    const hazard = (_env: string, t: number): number => {
      const h = 1e-6 * t
      return -(Math.log(1 - F(t + h)) - Math.log(1 - F(t - h))) / (2 * h)
    }
    for (const s of [0.01, 1, 30]) {
      const scaled = speedScaledHazard(hazard, s)
      // ∫ r_s dt from t0 by the midpoint rule on a log grid; F(s·t0) added for the start
      const t0 = 1e-3
      let integral = -Math.log(1 - F(s * t0))
      const n = 4000
      const tEnd = Math.min(20, 1 / (s * dOverR2)) // τ ≤ 1: 1 − F stays representable
      for (let i = 0; i < n; i++) {
        const a = t0 * Math.pow(tEnd / t0, i / n)
        const b = t0 * Math.pow(tEnd / t0, (i + 1) / n)
        integral += scaled('plasma', Math.sqrt(a * b)) * (b - a)
      }
      expect(1 - Math.exp(-integral)).toBeCloseTo(F(s * tEnd), 3)
    }
  })
})

function matrixDesign(): Design {
  const d = newDesign()
  return { ...d, core: { material: 'plga-50-50', diameterNm: 150 }, payload: { ...d.payload, drug: 'dexamethasone', loadingPctWw: 5 } }
}

describe('Monte Carlo with a sampled release speed', () => {
  it('applies to matrix cores and to liposome leakage, each with its own calibrated spread, and not to other cores', () => {
    expect(releaseSpeedSpreadLog10(matrixDesign())).toBe(RELEASE_CATALOG.matrixReleaseSpread.log10StandardDeviation.value)
    const liposome = { ...matrixDesign(), core: { material: 'liposome' as const, diameterNm: 100 } }
    expect(releaseSpeedSpreadLog10(liposome)).toBe(RELEASE_CATALOG.liposomeLeakageSpread.log10StandardDeviation.value)
    const gold = { ...matrixDesign(), core: { material: 'gold' as const, diameterNm: 20 } }
    expect(releaseSpeedSpreadLog10(gold)).toBeUndefined()
  })

  it('leaves the particle bands as they were and widens the band of drug released in blood', () => {
    // The speed is drawn after the parameters from each sample's stream, so the particle
    // distribution of sample i is the same with or without it; only drug outputs move.
    const design = matrixDesign()
    const withSpread = designUncertaintySamples(design, { samples: 40, seed: 11, hours: 72, from: 0, to: 40 })
    // the same run with the release taken as known: a spread of 0 draws nothing new
    const saved = RELEASE_CATALOG.matrixReleaseSpread.log10StandardDeviation.value
    let known
    try {
      RELEASE_CATALOG.matrixReleaseSpread.log10StandardDeviation.value = 0
      known = designUncertaintySamples(design, { samples: 40, seed: 11, hours: 72, from: 0, to: 40 })
    } finally {
      RELEASE_CATALOG.matrixReleaseSpread.log10StandardDeviation.value = saved
    }
    for (const k of ['blood', 'liver', 'spleen']) {
      const a = withSpread.curves[k]!
      const b = known.curves[k]!
      let worst = 0
      for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!))
      expect(worst, k).toBeLessThan(0.05) // %ID: solver tolerance with a differently tabulated hazard
    }
    const spreadOf = (xs: Float64Array): number => {
      const logs = [...xs].filter((x) => x > 0).map(Math.log10)
      const m = logs.reduce((p, q) => p + q, 0) / logs.length
      return Math.sqrt(logs.reduce((p, q) => p + (q - m) ** 2, 0) / (logs.length - 1))
    }
    const blood = 'sel.drugReleasedInBloodPercentDose'
    expect(spreadOf(withSpread.scalars[blood]!)).toBeGreaterThan(2 * spreadOf(known.scalars[blood]!))
  })

  it('gives the same band for the same seed', () => {
    const a = simulateDesignUncertainty(matrixDesign(), { samples: 12, seed: 3 })
    const b = simulateDesignUncertainty(matrixDesign(), { samples: 12, seed: 3 })
    expect(a.selectivity.drugReleasedInTargetPercentDose).toEqual(b.selectivity.drugReleasedInTargetPercentDose)
  })
})
