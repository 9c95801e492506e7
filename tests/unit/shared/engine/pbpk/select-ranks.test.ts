/**
 * selectRanks (Floyd–Rivest selection, middle rank first) against a full sort, on the inputs
 * that break selection codes: long runs of ties, sorted and reversed input, all-equal input,
 * ranges long enough for the sampled step (> 600 values), and any set of ranks.
 */
import { describe, expect, it } from 'vitest'
import { selectRanks } from '../../../../../shared/engine/pbpk/monte-carlo'
import { mulberry32 } from '../../../../../shared/engine/pbpk/random'

function check(values: Float64Array, ranks: number[]): void {
  const sorted = Float64Array.from(values).sort()
  const work = Float64Array.from(values)
  const out = new Float64Array(ranks.length)
  selectRanks(work, ranks, out)
  ranks.forEach((k, j) => {
    if (!Object.is(out[j], sorted[k])) throw new Error(`rank ${k} of ${values.length}: got ${out[j]}, sorted ${sorted[k]}`)
  })
  expect(Array.from(Float64Array.from(work).sort())).toEqual(Array.from(sorted))
}

function randomRanks(n: number, count: number, u: () => number): number[] {
  return [...new Set(Array.from({ length: count }, () => Math.floor(u() * n)))].sort((a, b) => a - b)
}

describe('selectRanks against sorting', () => {
  const u = mulberry32(2024)
  const shapes: Array<[string, (n: number) => Float64Array]> = [
    ['uniform', (n) => Float64Array.from({ length: n }, () => u() * 1e3 - 500)],
    ['few distinct values', (n) => Float64Array.from({ length: n }, () => Math.floor(u() * 4))],
    ['all equal', (n) => new Float64Array(n).fill(3.5)],
    ['sorted', (n) => Float64Array.from({ length: n }, (_, i) => i * 0.5)],
    ['reversed', (n) => Float64Array.from({ length: n }, (_, i) => -i)],
    ['lognormal with zeros and infinities', (n) => Float64Array.from({ length: n }, () => {
      const r = u()
      if (r < 0.03) return r < 0.015 ? -0 : 0
      if (r < 0.04) return Number.POSITIVE_INFINITY
      return Math.exp(4 * (u() - 0.5))
    })],
  ]
  for (const [name, make] of shapes) {
    it(`${name}: every quantile pair and random rank sets, n from 1 to 5000`, () => {
      for (const n of [1, 2, 3, 17, 601, 602, 1000, 2500, 5000]) {
        const values = make(n)
        const band = [...new Set([Math.floor(0.025 * (n - 1)), Math.floor(0.025 * (n - 1)) + 1, Math.floor(0.5 * (n - 1)),
          Math.floor(0.5 * (n - 1)) + 1, Math.floor(0.975 * (n - 1)), Math.floor(0.975 * (n - 1)) + 1])].filter((k) => k < n).sort((a, b) => a - b)
        check(values, band)
        check(values, [0, n - 1].filter((k, i, a) => a.indexOf(k) === i))
        for (let r = 0; r < 3; r++) check(values, randomRanks(n, 1 + Math.floor(u() * 8), u))
      }
    })
  }
})
