/**
 * Guided self-scheduling of a batch over a pool (shared/analysis/chunks.ts): the ranges cover
 * the batch in order, shrink from 1/(2·workers) of what is left to the smallest size, and
 * leave the workers finishing closer together than equal chunks do.
 */
import { describe, expect, it } from 'vitest'
import { guidedRanges } from '../../../../shared/analysis/chunks'

/**
 * When the last worker finishes: ranges taken in order by whichever worker is free first;
 * worker w runs at speed[w] (1: a whole core; less: another process takes a share of it).
 */
function makespan(ranges: ReadonlyArray<readonly [number, number]>, costs: ReadonlyArray<number>, speed: ReadonlyArray<number>): number {
  const free = speed.map(() => 0)
  for (const [from, to] of ranges) {
    const w = free.indexOf(Math.min(...free))
    for (let i = from; i < to; i++) free[w]! += costs[i]! / speed[w]!
  }
  return Math.max(...free)
}

/** The pools' old cut: 4 equal chunks per worker. */
function equalChunks(n: number, workers: number): Array<readonly [number, number]> {
  const size = Math.ceil(n / (4 * workers))
  return Array.from({ length: Math.ceil(n / size) }, (_, k) => [k * size, Math.min(n, (k + 1) * size)] as const)
}

describe('guided ranges', () => {
  it('cover [0, n) in order without gaps; every range but the last at least the smallest size', () => {
    for (const [n, workers, min] of [[600, 2, 4], [18, 3, 4], [3, 2, 4], [1000, 8, 16], [0, 2, 4]] as const) {
      const ranges = guidedRanges(n, workers, min)
      let next = 0
      for (const [k, [from, to]] of ranges.entries()) {
        expect(from).toBe(next)
        expect(to).toBeGreaterThan(from)
        if (k < ranges.length - 1) expect(to - from).toBeGreaterThanOrEqual(min)
        next = to
      }
      expect(next).toBe(n)
    }
    // 600 on 2 workers: a quarter, a quarter of the remaining 450 (112.5 → 113), ...
    expect(guidedRanges(600, 2, 4).slice(0, 3)).toEqual([[0, 150], [150, 263], [263, 348]])
  })

  it('two workers finish together within a few items, also when one gets less of its core; equal chunks do not', () => {
    const n = 600
    const equal = new Array<number>(n).fill(1)
    // cost rising along the batch, as evaluations of designs ordered by diameter can
    const rising = Array.from({ length: n }, (_, i) => 1 + i / n)
    for (const costs of [equal, rising]) {
      for (const speed of [[1, 1], [1, 0.8]]) {
        // the best any split can do: all the work at the two speeds together
        const ideal = costs.reduce((a, b) => a + b, 0) / (speed[0]! + speed[1]!)
        const guided = makespan(guidedRanges(n, 2, 4), costs, speed)
        expect(guided - ideal).toBeLessThanOrEqual(4 * 2 / 0.8)
        expect(guided).toBeLessThanOrEqual(makespan(equalChunks(n, 2), costs, speed) + 1e-9)
      }
    }
    // a worker at 80 % of its core: equal chunks of 75 leave the other idle for ~a third of a chunk
    const old = makespan(equalChunks(n, 2), equal, [1, 0.8])
    expect(old - n / 1.8).toBeGreaterThan(25)
  })

  it('refuses impossible settings with the reason', () => {
    expect(() => guidedRanges(-1, 2, 4)).toThrow(/whole number ≥ 0, got -1/)
    expect(() => guidedRanges(10, 0, 4)).toThrow(/workers must be a whole number ≥ 1, got 0/)
    expect(() => guidedRanges(10, 2, 0)).toThrow(/smallest range must be a whole number ≥ 1, got 0/)
  })
})
