import { describe, expect, it } from 'vitest'
import { summarizeMonteCarlo, type MonteCarloSamples } from '../../../../../shared/engine/pbpk'
import { selectRanks } from '../../../../../shared/engine/pbpk/monte-carlo'
import { mulberry32 } from '../../../../../shared/engine/pbpk/random'
import { PBPK_DATA } from '../../../../../shared/engine/pbpk/data'
import { BIODISTRIBUTION_KEYS } from '../../../../../shared/engine/pbpk/types'

/** Values with ties, zeros of both signs, infinities and NaNs, as a sample column can hold. */
function awkward(n: number, seed: number): Float64Array {
  const u = mulberry32(seed)
  return Float64Array.from({ length: n }, () => {
    const r = u()
    if (r < 0.05) return Number.NaN
    if (r < 0.1) return -0
    if (r < 0.15) return 0
    if (r < 0.17) return Number.POSITIVE_INFINITY
    if (r < 0.19) return Number.NEGATIVE_INFINITY
    if (r < 0.4) return Math.round(u() * 5) // ties
    return (u() - 0.3) * 100
  })
}

/**
 * Type-7 quantile of a sorted array (Hyndman & Fan 1996), the reference the bands must match;
 * between equal neighbours exactly their value (a band over identical samples collapses).
 */
function quantile7(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1)
  const i = Math.floor(pos)
  const f = pos - i
  if (i + 1 >= sorted.length) return sorted[i]!
  return sorted[i + 1] === sorted[i] ? sorted[i]! : sorted[i]! * (1 - f) + sorted[i + 1]! * f
}

describe('band quantiles by selection instead of sorting', () => {
  it('selectRanks gives the values a full sort puts at those ranks (NaN last, −0 before +0)', () => {
    for (const [n, seed] of [[1, 1], [2, 2], [7, 3], [40, 4], [1000, 5], [999, 6]] as const) {
      const values = awkward(n, seed)
      const sorted = Float64Array.from(values).sort()
      // the quantile ranks, and the first −0 and first +0 of the sorted values (where a sign slip would show)
      const zeros = [sorted.findIndex((v) => Object.is(v, -0)), sorted.findIndex((v) => Object.is(v, 0))]
      const ranks = [...new Set([0, Math.floor(0.025 * (n - 1)), Math.floor(0.025 * (n - 1)) + 1, n >> 1, (n >> 1) + 1, n - 2, n - 1, ...zeros])]
        .filter((k) => k >= 0 && k < n).sort((a, b) => a - b)
      const out = new Float64Array(ranks.length)
      const work = Float64Array.from(values)
      selectRanks(work, ranks, out)
      ranks.forEach((k, j) => expect(Object.is(out[j], sorted[k])).toBe(true))
      // a permutation of the input: nothing lost or duplicated
      expect(Array.from(Float64Array.from(work).sort())).toEqual(Array.from(sorted))
    }
  })

  it('summarizeMonteCarlo bands equal the sorted type-7 quantiles of every curve point and scalar, whatever the split', () => {
    const nT = 3
    const total = 203
    const timesH = [0, 1, 2]
    const piece = (from: number, to: number): MonteCarloSamples => {
      const count = to - from
      const curves: Record<string, Float64Array> = {}
      const names = [...BIODISTRIBUTION_KEYS, ...BIODISTRIBUTION_KEYS.map((k) => `label.${k}`)]
      names.forEach((name, c) => {
        const all = awkward(total * nT, 100 + c)
        curves[name] = all.slice(from * nT, to * nT)
      })
      const scalars: Record<string, Float64Array> = {}
      const scalarNames = [...BIODISTRIBUTION_KEYS.map((k) => `auc.${k}`), 'bloodHalfLifeH',
        ...['targetAucPercentDoseH', 'selectivityIndex', 'targetToLiverSpleenAucRatio', 'targetPeakPercentDose',
          'drugReleasedInTargetPercentDose', 'drugReleasedInBloodPercentDose', 'drugReleasedOffTargetPercentDose'].map((m) => `sel.${m}`)]
      scalarNames.forEach((name, c) => { scalars[name] = awkward(total, 500 + c).slice(from, to) })
      return { from, count, timesH, curves, scalars, cancelled: false }
    }
    const lo = PBPK_DATA.monteCarlo.lowerQuantile.value
    const hi = PBPK_DATA.monteCarlo.upperQuantile.value
    const whole = piece(0, total)
    const result = summarizeMonteCarlo([piece(120, total), piece(0, 57), piece(57, 120)], total, 1)
    for (const key of BIODISTRIBUTION_KEYS) {
      for (let i = 0; i < nT; i++) {
        const col = Float64Array.from({ length: total }, (_, s) => whole.curves[key]![s * nT + i]!).sort()
        expect(Object.is(result.percentDose[key].median[i], quantile7(col, 0.5))).toBe(true)
        expect(Object.is(result.percentDose[key].lower[i], quantile7(col, lo))).toBe(true)
        expect(Object.is(result.percentDose[key].upper[i], quantile7(col, hi))).toBe(true)
      }
      const auc = Float64Array.from(whole.scalars[`auc.${key}`]!).sort()
      expect(Object.is(result.aucPercentDoseH[key].median, quantile7(auc, 0.5))).toBe(true)
      expect(Object.is(result.aucPercentDoseH[key].upper, quantile7(auc, hi))).toBe(true)
    }
    const hl = Float64Array.from(whole.scalars.bloodHalfLifeH!).sort()
    expect(Object.is(result.bloodHalfLifeH.lower, quantile7(hl, lo))).toBe(true)
  })

  it('a band over identical samples is that value exactly (v·0.9 + v·0.1 need not be v)', () => {
    const v = 5.401313595698959
    expect(v * 0.9 + v * 0.1).not.toBe(v) // why the rule is needed
    const piece: MonteCarloSamples = {
      from: 0, count: 5, timesH: [0], cancelled: false,
      curves: Object.fromEntries([...BIODISTRIBUTION_KEYS, ...BIODISTRIBUTION_KEYS.map((k) => `label.${k}`)].map((k) => [k, new Float64Array(5).fill(v)])),
      scalars: Object.fromEntries([...BIODISTRIBUTION_KEYS.map((k) => `auc.${k}`), 'bloodHalfLifeH',
        ...['targetAucPercentDoseH', 'selectivityIndex', 'targetToLiverSpleenAucRatio', 'targetPeakPercentDose',
          'drugReleasedInTargetPercentDose', 'drugReleasedInBloodPercentDose', 'drugReleasedOffTargetPercentDose'].map((m) => `sel.${m}`)]
        .map((k) => [k, new Float64Array(5).fill(v)])),
    }
    const r = summarizeMonteCarlo([piece], 5, 1)
    expect([r.bloodHalfLifeH.lower, r.bloodHalfLifeH.median, r.bloodHalfLifeH.upper]).toEqual([v, v, v])
    expect(r.percentDose.liver.lower[0]).toBe(v)
  })
})
