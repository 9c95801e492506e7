import { describe, expect, it } from 'vitest'
import { fitModels } from '../../../../../shared/engine/fit/fit-models'
import { REQUIRED_MODEL_IDS, RELEASE_MODELS, listModels } from '../../../../../shared/engine/fit/models'
import { goodnessOfFit, replicateMeanSd } from '../../../../../shared/engine/fit/stats'
import { mulberry32, normalSource } from '../../../../../shared/engine/fit/random'

const TIMES_H = [0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 24, 36, 48]

/**
 * Each model's equation written out here, independently of the library, with the "true"
 * parameters used to make synthetic data (12 times × 3 replicates, seeded noise σ = 0.3 %).
 */
const TRUTH: Record<string, { params: number[]; f: (t: number, p: number[]) => number; times?: number[]; tol?: number[] }> = {
  'zero-order': { params: [1.8], f: (t, [k]) => k! * t },
  'first-order': { params: [0.08], f: (t, [k]) => 100 * (1 - Math.exp(-k! * t)) },
  higuchi: { params: [13], f: (t, [k]) => k! * Math.sqrt(t) },
  'korsmeyer-peppas': { params: [12, 0.45], f: (t, [k, n]) => k! * Math.pow(t, n!), tol: [0.05, 0.03] },
  'hixson-crowell': { params: [0.012], f: (t, [k]) => 100 * (1 - Math.pow(Math.max(0, 1 - k! * t), 3)) },
  hopfenberg: { params: [0.01, 2], f: (t, [k, n]) => 100 * (1 - Math.pow(Math.max(0, 1 - k! * t), n!)), tol: [0.1, 0.1] },
  'baker-lonsdale': {
    params: [0.006],
    f: (t, [k]) => { // bisection on (3/2)[1 - (1 - F)^(2/3)] - F = k t
      const c = k! * t
      if (c >= 0.5) return 100
      let lo = 0, hi = 1
      for (let i = 0; i < 60; i++) { const m = (lo + hi) / 2; if (1.5 * (1 - Math.pow(1 - m, 2 / 3)) - m < c) lo = m; else hi = m }
      return 100 * lo
    },
  },
  weibull: { params: [6, 0.8], f: (t, [a, b]) => 100 * (1 - Math.exp(-Math.pow(t, b!) / a!)), tol: [0.05, 0.03] },
  'peppas-sahlin': { params: [10, -0.6, 0.5], f: (t, [k1, k2, m]) => k1! * Math.pow(t, m!) + k2! * Math.pow(t, 2 * m!), tol: [0.1, 0.2, 0.05] },
  gompertz: { params: [3, 2], f: (t, [a, b]) => 100 * Math.exp(-a! * Math.exp(-b! * Math.log10(t))), tol: [0.05, 0.05] },
  logistic: { params: [-1.5, 2.5], f: (t, [a, b]) => { const e = Math.exp(a! + b! * Math.log10(t)); return (100 * e) / (1 + e) }, tol: [0.05, 0.05] },
  'makoid-banakar': { params: [15, 0.6, 0.02], f: (t, [k, n, c]) => k! * Math.pow(t, n!) * Math.exp(-c! * t), tol: [0.1, 0.1, 0.3] },
  'first-order-fmax': { params: [80, 0.15], f: (t, [fm, k]) => fm! * (1 - Math.exp(-k! * t)), tol: [0.02, 0.05] },
  quadratic: { params: [-0.0002, 0.02], f: (t, [a, b]) => 100 * (a! * t * t + b! * t), tol: [0.1, 0.05] },
  probit: {
    params: [-0.8, 1.5],
    f: (t, [a, b]) => { // Φ by Simpson integration of the normal density, independent of the library's erfc
      const z = a! + b! * Math.log10(t)
      const lo = -10, n = 4000, h = (z - lo) / n
      let s = 0
      for (let i = 0; i <= n; i++) { const x = lo + i * h; s += (i === 0 || i === n ? 1 : i % 2 ? 4 : 2) * Math.exp(-x * x / 2) }
      return (100 * s * h) / 3 / Math.sqrt(2 * Math.PI)
    },
    tol: [0.05, 0.05],
  },
}

function synthetic(id: string, seed: number): { timesH: number[]; replicates: number[][] } {
  const truth = TRUTH[id]!
  const times = truth.times ?? TIMES_H
  const gauss = normalSource(mulberry32(seed))
  const replicates = [0, 1, 2].map(() => times.map((t) => truth.f(t, truth.params) + 0.3 * gauss()))
  return { timesH: times, replicates }
}

describe('model library', () => {
  it('lists at least the twelve cli.md models with equations and parameter names', () => {
    const listed = listModels()
    for (const id of REQUIRED_MODEL_IDS) {
      const m = listed.find((x) => x.model === id)
      expect(m, id).toBeDefined()
      expect(m!.equation.length).toBeGreaterThan(5)
      expect(m!.parameters.length).toBeGreaterThan(0)
    }
    expect(listed.find((m) => m.model === 'weibull')!.parameters.map((p) => p.name)).toEqual(['alpha', 'beta'])
    expect(listed.find((m) => m.model === 'korsmeyer-peppas')!.fittedOn).toMatch(/60/)
  })

  it.each(RELEASE_MODELS.map((m) => m.id))('%s recovers known parameters from noisy synthetic data', (id) => {
    const truth = TRUTH[id]
    expect(truth, `no synthetic truth for ${id}`).toBeDefined()
    const data = synthetic(id, 7 + id.length)
    const result = fitModels(data, { models: [id] })
    expect(result.failed).toEqual([])
    const fit = result.models[0]!
    const names = RELEASE_MODELS.find((m) => m.id === id)!.parameterNames
    names.forEach((name, i) => {
      const want = truth!.params[i]!
      const tol = truth!.tol?.[i] ?? 0.03
      expect(Math.abs(fit.parameters[name]! - want), `${id}.${name} = ${fit.parameters[name]} vs ${want}`).toBeLessThanOrEqual(tol * Math.abs(want))
    })
    expect(fit.r2).toBeGreaterThan(0.99)
  })

  it('fits Korsmeyer-Peppas only on points ≤ 60 % and reports pointsUsed', () => {
    const data = synthetic('weibull', 3)
    const { meanPct } = replicateMeanSd(data.replicates, data.timesH.length)
    const result = fitModels(data)
    const kp = result.models.find((m) => m.model === 'korsmeyer-peppas')!
    expect(kp.pointsUsed).toBe(meanPct.filter((v) => v <= 60).length)
    expect(kp.pointsUsed).toBeLessThan(data.timesH.length)
    expect(kp.usedAllPoints).toBe(false)
    expect(result.models.find((m) => m.model === 'weibull')!.pointsUsed).toBe(data.timesH.length)
  })

  it('sorts by AIC and picks a best model fitted on all points', () => {
    const data = synthetic('weibull', 11)
    const result = fitModels(data)
    for (let i = 1; i < result.models.length; i++) expect(result.models[i]!.aic).toBeGreaterThanOrEqual(result.models[i - 1]!.aic)
    const best = result.models.find((m) => m.model === result.best)!
    expect(best.usedAllPoints).toBe(true)
    expect(best.aic).toBe(Math.min(...result.models.filter((m) => m.usedAllPoints).map((m) => m.aic)))
    // the generating model (or an equivalent 2+ parameter one) fits far better than zero-order
    const aic = (id: string): number => result.models.find((m) => m.model === id)!.aic
    expect(aic('weibull')).toBeLessThan(aic('zero-order') - 20)
    expect(result.replicateCount).toBe(3)
    expect(result.sdPct.every((s) => s > 0)).toBe(true)
  })

  it('reports a model that has too few points instead of fitting it', () => {
    const result = fitModels({ timesH: [1, 2, 4], replicates: [[70, 80, 90]] }, { models: ['korsmeyer-peppas', 'first-order'] })
    expect(result.failed.map((f) => f.model)).toEqual(['korsmeyer-peppas'])
    expect(result.models.map((m) => m.model)).toEqual(['first-order'])
  })

  it('rejects an unknown model id', () => {
    expect(() => fitModels(synthetic('weibull', 1), { models: ['nope'] })).toThrow(/unknown model 'nope'/)
  })
})

describe('goodness of fit (brief §1.6)', () => {
  it('matches values computed by hand', () => {
    // y = [1, 2, 3], ŷ = [1.1, 1.9, 3.2], p = 1: SSR = 0.01 + 0.01 + 0.04 = 0.06, SST = 2
    const g = goodnessOfFit([1, 2, 3], [1.1, 1.9, 3.2], 1)
    expect(g.ssr).toBeCloseTo(0.06, 12)
    expect(g.r2).toBeCloseTo(0.97, 12)
    expect(g.adjustedR2!).toBeCloseTo(1 - (2 / 2) * 0.03, 12)
    expect(g.aic).toBeCloseTo(3 * Math.log(0.06) + 2, 12)
    expect(g.aicc!).toBeCloseTo(3 * Math.log(0.06) + 2 + 4 / 1, 12)
    expect(g.msc).toBeCloseTo(Math.log(2 / 0.06) - 2 / 3, 12)
    expect(goodnessOfFit([1, 2, 3], [1, 2, 3], 2).aicc).toBeNull()
  })

  it('averages replicates with blank cells and gives the sample SD', () => {
    const { meanPct, sdPct, counts } = replicateMeanSd([[10, 20], [12, NaN], [14, 26]], 2)
    expect(meanPct).toEqual([12, 23])
    expect(sdPct[0]).toBeCloseTo(2, 12)
    expect(sdPct[1]).toBeCloseTo(Math.sqrt(18), 12)
    expect(counts).toEqual([3, 2])
  })
})
