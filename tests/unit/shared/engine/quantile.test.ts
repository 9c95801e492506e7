/** The one quantile rule (shared/engine/quantile.ts), against R 4.2.2's quantile(type = 7). */
import { describe, expect, it } from 'vitest'
import { quantileSorted } from '../../../../shared/engine/quantile'

describe('quantileSorted (type 7)', () => {
  it('equals R: quantile(c(2.5, 0.3, 7, 1.1, 4.2), c(0, .025, .33, .5, .975, 1), type = 7)', () => {
    // printed by R 4.2.2: 0.300 0.380 1.548 2.500 6.720 7.000
    const sorted = Float64Array.from([2.5, 0.3, 7, 1.1, 4.2]).sort()
    const expected: Array<[number, number]> = [[0, 0.3], [0.025, 0.38], [0.33, 1.548], [0.5, 2.5], [0.975, 6.72], [1, 7]]
    for (const [q, v] of expected) expect(quantileSorted(sorted, q), `q = ${q}`).toBeCloseTo(v, 12)
  })

  it('gives a run of equal values exactly, and says when there is nothing to take a quantile of', () => {
    const v = 0.1 + 0.2
    for (const q of [0, 0.013, 0.5, 0.977, 1]) expect(quantileSorted([v, v, v, v], q)).toBe(v)
    expect(() => quantileSorted([], 0.5)).toThrow(/no values/)
  })
})
