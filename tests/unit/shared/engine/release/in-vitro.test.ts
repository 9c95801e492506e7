/**
 * The in-vitro measurement model (shared/engine/release/in-vitro.ts) against analytic
 * solutions and an independent ODE integration.
 */
import { describe, expect, it } from 'vitest'
import {
  apparentFractions, apparentTransferRatePerH, firstOrderRateFromControl, freeShareInDonor, membraneLaggedFractions,
} from '../../../../../shared/engine/release/in-vitro'
import { sphereFractionReleased } from '../../../../../shared/engine/release/sphere-diffusion'

/** Two first-order steps in series (Bateman): fraction in the receptor. */
function bateman(a: number, k: number, t: number): number {
  return 1 - (k * Math.exp(-a * t) - a * Math.exp(-k * t)) / (k - a)
}

const dialysis = (membraneRatePerH: number, partitionCoefficient = 1, particleVolumeFraction = 0) =>
  ({ kind: 'dialysis' as const, membraneRatePerH, partitionCoefficient, particleVolumeFraction })

describe('membrane-lagged release', () => {
  it('reproduces the Bateman curve for a first-order particle (a = 0.2 1/h, k = 0.7 1/h)', () => {
    const a = 0.2
    const k = 0.7
    const times = [0.1, 0.5, 1, 2, 5, 10, 24, 48]
    const got = apparentFractions((t) => 1 - Math.exp(-a * t), times, dialysis(k))
    times.forEach((t, i) => expect(got[i]).toBeCloseTo(bateman(a, k, t), 4))
  })

  it('is the particle curve itself when the method does not cross a membrane', () => {
    const f = (t: number): number => 1 - Math.exp(-0.3 * t)
    const got = apparentFractions(f, [1, 2, 3], { kind: 'sample-and-separate', membraneRatePerH: 0.1, partitionCoefficient: 1000, particleVolumeFraction: 0.01 })
    expect(got).toEqual([f(1), f(2), f(3)])
  })

  it('matches the analytic series for Crank sphere release through a membrane', () => {
    // The Crank series F = 1 − Σ 6/(n²π²)·e^(−n²π²·τ), τ = (D/R²)·t, is a sum of first-order
    // releases with weights 6/(n²π²); the membrane step is linear, so the receptor curve is the
    // same sum of Bateman curves — an exact answer built without the integrator. D/R² = 0.05
    // 1/h, k_m = 0.4 1/h, K_pw = 2000, φ = 8e-4 (k = 0.4/2.6).
    const dOverR2 = 0.05
    const k = 0.4 / (1 + 2000 * 8e-4)
    const exact = (t: number): number => {
      let s = 0
      for (let n = 1; n <= 4000; n++) {
        const a = n * n * Math.PI * Math.PI * dOverR2
        s += (6 / (n * n * Math.PI * Math.PI)) * bateman(a, k, t)
      }
      return s
    }
    const checkpoints = [1, 6, 24, 72]
    const got = apparentFractions((t) => sphereFractionReleased(dOverR2 * t), checkpoints, dialysis(0.4, 2000, 8e-4))
    checkpoints.forEach((t, i) => expect(Math.abs((got[i] as number) - exact(t))).toBeLessThan(2e-4))
  })

  it('conserves drug: receptor + donor equals the particle release at every time', () => {
    const times = [0, 0.5, 1, 3, 9, 27]
    const F = times.map((t) => 1 - Math.exp(-0.5 * t))
    const obs = membraneLaggedFractions(times, F, 0.3)
    obs.forEach((o, i) => {
      expect(o).toBeLessThanOrEqual(F[i] as number)
      expect(o).toBeGreaterThanOrEqual(0)
    })
    // monotone in time and in the membrane rate
    for (let i = 1; i < obs.length; i++) expect(obs[i]).toBeGreaterThanOrEqual(obs[i - 1] as number)
    const faster = membraneLaggedFractions(times, F, 3)
    obs.forEach((o, i) => expect(faster[i]).toBeGreaterThanOrEqual(o))
  })

  it('partitioning slows transfer by 1 + K·φ (Modi & Anderson 2013 reversible binding)', () => {
    expect(freeShareInDonor(1000, 1e-3)).toBeCloseTo(0.5, 12)
    expect(apparentTransferRatePerH(dialysis(0.6, 1000, 1e-3))).toBeCloseTo(0.3, 12)
    expect(apparentTransferRatePerH({ kind: 'centrifugal-ultrafiltration', membraneRatePerH: 0.6, partitionCoefficient: 1000, particleVolumeFraction: 1e-3 })).toBe(Infinity)
  })

  it('recovers the rate of an exact first-order free-drug control and refuses one without information', () => {
    const k = 0.35
    const times = [0.5, 1, 2, 4, 8, 24]
    expect(firstOrderRateFromControl(times, times.map((t) => 1 - Math.exp(-k * t)))).toBeCloseTo(k, 6)
    expect(() => firstOrderRateFromControl([24], [1])).toThrow(/no point/)
    expect(() => firstOrderRateFromControl([1, 2], [0.5])).toThrow(/2 times but 1 fractions/)
  })

  it('refuses bad grids and rates with the value named', () => {
    expect(() => membraneLaggedFractions([0, 2, 1], [0, 0.5, 0.6], 1)).toThrow(/times must increase: 2 then 1/)
    expect(() => apparentFractions(() => 0, [-1], dialysis(1))).toThrow(/≥ 0 h, got -1/)
    expect(() => apparentTransferRatePerH(dialysis(0))).toThrow(/> 0 1\/h, got 0/)
  })
})
