import { describe, expect, it } from 'vitest'
import { BIODISTRIBUTION_KEYS, monteCarloBiodistribution, monteCarloSamples, residualizingLabelPercentDose, sampleStream, simulateBiodistribution, summarizeMonteCarlo } from '../../../../../shared/engine/pbpk'
import { tabulateHazard } from '../../../../../shared/engine/pbpk/monte-carlo'
import { lognormalMultiplier, mulberry32, normalQuantile } from '../../../../../shared/engine/pbpk/random'
import { PEG_LIPOSOME } from './fixtures'

const INPUT = { ...PEG_LIPOSOME, disease: 'rheumatoid-arthritis' as const }
const TIMES = [1, 4, 12, 24, 48, 72]

describe('Monte Carlo biodistribution', () => {
  it('is reproducible for a seed and differs for another seed', () => {
    const a = monteCarloBiodistribution(INPUT, { samples: 40, seed: 7, timesH: TIMES })
    const b = monteCarloBiodistribution(INPUT, { samples: 40, seed: 7, timesH: TIMES })
    const c = monteCarloBiodistribution(INPUT, { samples: 40, seed: 8, timesH: TIMES })
    expect(b).toEqual(a)
    expect(c.bloodHalfLifeH.median).not.toBe(a.bloodHalfLifeH.median)
  })

  it('the 95 % band contains the deterministic median-parameter run for every curve and metric', () => {
    const mc = monteCarloBiodistribution(INPUT, { samples: 200, seed: 42, timesH: TIMES })
    const det = simulateBiodistribution(INPUT, { timesH: TIMES })
    expect(mc.timesH).toEqual(det.timesH)
    for (const k of BIODISTRIBUTION_KEYS) {
      mc.timesH.forEach((_, i) => {
        const v = det.percentDose[k][i]!
        const tol = 1e-6 + 0.01 * Math.abs(v) // solver-tolerance difference (MC runs at rtol 3e-3)
        expect(v).toBeGreaterThanOrEqual(mc.percentDose[k].lower[i]! - tol)
        expect(v).toBeLessThanOrEqual(mc.percentDose[k].upper[i]! + tol)
      })
      expect(det.aucPercentDoseH[k]).toBeGreaterThanOrEqual(mc.aucPercentDoseH[k].lower * 0.99 - 1e-6)
      expect(det.aucPercentDoseH[k]).toBeLessThanOrEqual(mc.aucPercentDoseH[k].upper * 1.01 + 1e-6)
    }
    expect(det.bloodHalfLifeH).toBeGreaterThan(mc.bloodHalfLifeH.lower)
    expect(det.bloodHalfLifeH).toBeLessThan(mc.bloodHalfLifeH.upper)
    expect(det.selectivity.selectivityIndex).toBeGreaterThan(mc.selectivity.selectivityIndex.lower)
    expect(det.selectivity.selectivityIndex).toBeLessThan(mc.selectivity.selectivityIndex.upper)
    // the residualizing-label view has its bands too
    const label = residualizingLabelPercentDose(det.percentDose, det.degradedInTissuePercentDose)
    mc.timesH.forEach((_, i) => {
      for (const k of ['joints', 'liver'] as const) {
        const v = label[k][i]!
        const tol = 1e-6 + 0.01 * Math.abs(v)
        expect(v).toBeGreaterThanOrEqual(mc.residualizingLabelPercentDose[k].lower[i]! - tol)
        expect(v).toBeLessThanOrEqual(mc.residualizingLabelPercentDose[k].upper[i]! + tol)
      }
    })
    // median curves still conserve mass approximately (each sample sums to 100 exactly)
    expect(mc.percentDose.blood.lower[1]!).toBeLessThan(mc.percentDose.blood.upper[1]!)
  })

  it('reports progress and stops when cancelled', () => {
    const progress: number[] = []
    const signal = { aborted: false }
    const r = monteCarloBiodistribution(INPUT, {
      samples: 50, seed: 1, timesH: TIMES, signal,
      onProgress: (done) => { progress.push(done); if (done === 5) signal.aborted = true },
    })
    expect(progress).toEqual([1, 2, 3, 4, 5])
    expect(r.cancelled).toBe(true)
    expect(r.samples).toBe(5)
    expect(r.requestedSamples).toBe(50)
  })

  it('tabulated release hazard (used across samples) matches the exact hazard to 1e-4 relative', () => {
    // independent closed forms: a diffusion-like t^-1/2 hazard, a first-order one and a rising one
    const exact = (env: string, t: number): number => (env === 'plasma' ? 0.3 / Math.sqrt(t) : env === 'inflamed' ? 0.05 : 0.2 * (1 - Math.exp(-t / 6)))
    const tab = tabulateHazard(exact, 72)
    let worst = 0
    for (const env of ['plasma', 'inflamed', 'endolysosome'] as const) {
      for (let t = 2e-4; t <= 72; t *= 1.07) worst = Math.max(worst, Math.abs(tab(env, t) - exact(env, t)) / exact(env, t))
    }
    expect(worst).toBeLessThan(1e-4)
    expect(tab('plasma', 5e-5)).toBe(exact('plasma', 5e-5)) // exact below the grid
  })

  it('lognormal multipliers: median 1, CV ≈ 50 %, truncated at the 2.5/97.5 % quantiles', () => {
    const u = mulberry32(123)
    const zLo = normalQuantile(0.025)
    const zHi = normalQuantile(0.975)
    expect(zHi).toBeCloseTo(1.959964, 5)
    const sigma = Math.sqrt(Math.log(1.25))
    const xs = Array.from({ length: 20000 }, () => lognormalMultiplier(u, 0.5, zLo, zHi)).sort((a, b) => a - b)
    expect(xs[0]!).toBeGreaterThanOrEqual(Math.exp(sigma * zLo) - 1e-12)
    expect(xs[xs.length - 1]!).toBeLessThanOrEqual(Math.exp(sigma * zHi) + 1e-12)
    expect(xs[10000]!).toBeGreaterThan(0.97)
    expect(xs[10000]!).toBeLessThan(1.03)
  })

  it('any split of the samples over workers gives the same result as one run (issue #13: identical whatever the number of workers)', () => {
    const whole = monteCarloBiodistribution(INPUT, { samples: 24, seed: 11, timesH: TIMES })
    const piece = (from: number, to: number) => monteCarloSamples(INPUT, { samples: 24, seed: 11, timesH: TIMES, from, to })
    // two workers, three uneven workers, and pieces handed back out of order
    expect(summarizeMonteCarlo([piece(0, 12), piece(12, 24)], 24, 11)).toEqual(whole)
    expect(summarizeMonteCarlo([piece(17, 24), piece(0, 5), piece(5, 17)], 24, 11)).toEqual(whole)
  })

  it('pieces must join without a gap; a cancelled piece ends the run there', () => {
    const piece = (from: number, to: number) => monteCarloSamples(INPUT, { samples: 10, seed: 3, timesH: TIMES, from, to })
    expect(() => summarizeMonteCarlo([piece(0, 4), piece(5, 10)], 10, 3)).toThrow(/not contiguous/)
    const stopped = monteCarloSamples(INPUT, { samples: 10, seed: 3, timesH: TIMES, from: 4, to: 10, signal: { aborted: true } })
    const r = summarizeMonteCarlo([piece(0, 4), stopped], 10, 3)
    expect(r.samples).toBe(4)
    expect(r.cancelled).toBe(true)
  })

  it('each sample has its own stream: different samples draw different numbers, the same sample the same', () => {
    const first = (seed: number, i: number): number => sampleStream(seed, i)()
    expect(first(11, 0)).toBe(first(11, 0))
    const draws = new Set(Array.from({ length: 1000 }, (_, i) => first(11, i)))
    expect(draws.size).toBe(1000)
    expect(first(11, 0)).not.toBe(first(12, 0))
    // uniform on [0, 1): the mean of the first draws of 1000 samples is 0.5 within 4 SE
    const mean = [...draws].reduce((a, b) => a + b, 0) / 1000
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / 1000))
  })
})
