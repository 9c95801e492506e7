import { describe, expect, it } from 'vitest'
import { fmix32, hash32, permutationAt, uniformAt } from '../../../../shared/sweep/random'
import { SOBOL_MAX_DIMENSIONS, sobolPoint, sobolShifts } from '../../../../shared/sweep/sobol'
import { gridUnit, prepareSampling } from '../../../../shared/sweep/sampling'

/** Pearson correlation of two equal-length series. */
function correlation(x: ReadonlyArray<number>, y: ReadonlyArray<number>): number {
  const n = x.length
  const mx = x.reduce((a, b) => a + b, 0) / n
  const my = y.reduce((a, b) => a + b, 0) / n
  let sxy = 0
  let sxx = 0
  let syy = 0
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my)
    sxx += (x[i]! - mx) ** 2
    syy += (y[i]! - my) ** 2
  }
  return sxy / Math.sqrt(sxx * syy)
}

describe('counter-based uniforms', () => {
  const N = 100_000
  const u = Array.from({ length: N }, (_, i) => uniformAt(42, i, 0))

  it('are uniform on [0, 1): χ² over 100 bins below the 0.1 % critical value (df 99: 148.2)', () => {
    const bins = new Array<number>(100).fill(0)
    for (const x of u) bins[Math.floor(x * 100)]!++
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...u)).toBeLessThan(1)
    const expected = N / 100
    const chi2 = bins.reduce((s, o) => s + (o - expected) ** 2 / expected, 0)
    expect(chi2).toBeLessThan(148.2)
  })

  it('show no correlation between neighbouring samples, streams or seeds (|r| < 4 standard errors)', () => {
    const bound = 4 / Math.sqrt(N)
    expect(Math.abs(correlation(u.slice(0, -1), u.slice(1)))).toBeLessThan(bound)
    const stream1 = Array.from({ length: N }, (_, i) => uniformAt(42, i, 1))
    expect(Math.abs(correlation(u, stream1))).toBeLessThan(bound)
    const seed43 = Array.from({ length: N }, (_, i) => uniformAt(43, i, 0))
    expect(Math.abs(correlation(u, seed43))).toBeLessThan(bound)
  })

  it('depend on (seed, index, stream) only: recomputing one sample alone gives the same number', () => {
    expect(uniformAt(42, 77_777, 0)).toBe(u[77_777])
    expect(uniformAt(42, 77_777, 0)).not.toBe(uniformAt(42, 77_777, 1))
  })

  it('hash distinct indices to distinct words (fmix32 and each chaining step are bijections)', () => {
    const seen = new Set<number>()
    for (let i = 0; i < 200_000; i++) seen.add(hash32(9, i, 3))
    expect(seen.size).toBe(200_000)
    // fmix32(0) = 0 is the finaliser's fixed point, and 1 avalanches to about half the bits
    expect(fmix32(0)).toBe(0)
    const bits = fmix32(1).toString(2).split('').filter((b) => b === '1').length
    expect(bits).toBeGreaterThan(8)
    expect(bits).toBeLessThan(24)
  })
})

describe('keyed permutations (Feistel with cycle walking)', () => {
  it('are bijections of 0..n−1 for sizes that are and are not powers of 4', () => {
    for (const n of [1, 2, 3, 4, 7, 16, 100, 1000, 4097]) {
      const image = Array.from({ length: n }, (_, i) => permutationAt(n, 12345, i))
      expect(new Set(image).size).toBe(n)
      expect(Math.min(...image)).toBe(0)
      expect(Math.max(...image)).toBe(n - 1)
    }
  })

  it('differ between keys and are not the identity', () => {
    const a = Array.from({ length: 1000 }, (_, i) => permutationAt(1000, 1, i))
    const b = Array.from({ length: 1000 }, (_, i) => permutationAt(1000, 2, i))
    expect(a.filter((x, i) => x === b[i]).length).toBeLessThan(20)
    expect(a.filter((x, i) => x === i).length).toBeLessThan(20)
  })

  it('refuse an index outside the domain', () => {
    expect(() => permutationAt(10, 1, 10)).toThrow(/from 0 to 9/)
  })
})

describe("Sobol' sequence", () => {
  // SciPy 1.17 scipy.stats.qmc.Sobol(d=21, scramble=False, bits=32): an independent
  // implementation with Joe & Kuo's direction numbers; values × 2^32.
  const SCIPY: Record<number, number[]> = {
    7: [536870912, 2684354560, 1610612736, 536870912, 536870912, 1610612736, 2684354560, 2684354560, 2684354560, 3758096384, 2684354560, 536870912, 2684354560, 1610612736, 536870912, 536870912, 536870912, 536870912, 2684354560, 3758096384, 3758096384],
    100: [1778384896, 1107296256, 3321888768, 3120562176, 3791650816, 3187671040, 100663296, 2046820352, 2717908992, 2986344448, 1979711488, 2919235584, 2046820352, 3657433088, 1375731712, 2113929216, 2919235584, 3187671040, 3590324224, 1442840576, 3254779904],
    1023: [4194304, 3233808384, 2629828608, 624951296, 801112064, 1883242496, 599785472, 2654994432, 1480589312, 3653238784, 2915041280, 155189248, 557842432, 2856321024, 1556086784, 1992294400, 1346371584, 3762290688, 2512388096, 1371537408, 3720347648],
    1024: [6291456, 1616904192, 1923088384, 2090860544, 2392850432, 3625975808, 1038090240, 2522873856, 2992635904, 2883584000, 3529506816, 3957325824, 3034578944, 1453326336, 568328192, 3680501760, 3672113152, 849346560, 2313158656, 1486880768, 2254438400],
    65535: [65536, 4294901760, 2421489664, 3271884800, 1085997056, 2344288256, 2221342720, 3125346304, 3844407296, 703922176, 739180544, 308740096, 4013359104, 1409875968, 1977548800, 2058420224, 687538176, 800260096, 566296576, 1879244800, 2432892928],
  }

  it("matches SciPy's points in all 21 dimensions", () => {
    expect(SOBOL_MAX_DIMENSIONS).toBe(21)
    for (const [i, want] of Object.entries(SCIPY)) {
      expect(sobolPoint(Number(i), 21).map((x) => x * 2 ** 32)).toEqual(want)
    }
  })

  it('starts with the van der Corput points in dimension 1 and 0, 1/2, 1/4, 3/4 … in dimension 2', () => {
    const first = Array.from({ length: 8 }, (_, i) => sobolPoint(i, 2))
    expect(first.map((p) => p[0])).toEqual([0, 0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125])
    expect(first.map((p) => p[1])).toEqual([0, 0.5, 0.25, 0.75, 0.375, 0.875, 0.125, 0.625])
  })

  it('keeps its net structure under the seeded digital shift: 2^m points fill every 2^a × 2^(m−a) box of dimensions 1-2 once', () => {
    const m = 8
    const shifts = sobolShifts(2, 99)
    const points = Array.from({ length: 2 ** m }, (_, i) => sobolPoint(i, 2, shifts))
    for (let a = 0; a <= m; a++) {
      const boxes = new Set(points.map((p) => `${Math.floor(p[0]! * 2 ** a)},${Math.floor(p[1]! * 2 ** (m - a))}`))
      expect(boxes.size).toBe(2 ** m)
    }
    // the shift is an XOR of each coordinate's bits with the seed's word
    const plain = sobolPoint(37, 2)
    expect(((plain[0]! * 2 ** 32) ^ shifts[0]!) >>> 0).toBe(points[37]![0]! * 2 ** 32)
  })

  it('refuses more dimensions than the table provides', () => {
    expect(() => sobolPoint(0, 22)).toThrow(/1 to 21 dimensions/)
  })
})

describe('sampling plans', () => {
  it('Latin hypercube: every dimension has exactly one of N points in each stratum [j/N, (j+1)/N)', () => {
    const N = 997
    const k = 5
    const plan = prepareSampling({ method: 'latin-hypercube', samples: N, seed: 3, dimensions: k })
    const points = Array.from({ length: N }, (_, i) => plan.point(i))
    for (let d = 0; d < k; d++) {
      const strata = new Set(points.map((p) => Math.floor(p[d]! * N)))
      expect(strata.size).toBe(N)
    }
    // another seed, other points
    const other = prepareSampling({ method: 'latin-hypercube', samples: N, seed: 4, dimensions: k })
    expect(other.point(0)).not.toEqual(points[0])
  })

  it('grid: the full factorial, the first knob slowest, numeric ends included, options mid-interval', () => {
    const plan = prepareSampling({ method: 'grid', samples: 24, seed: 1, dimensions: 3, levels: [3, 2, 4], categorical: [false, true, false] })
    const points = Array.from({ length: 24 }, (_, i) => plan.point(i))
    expect(new Set(points.map((p) => p.join(','))).size).toBe(24)
    expect(points[0]).toEqual([0, 0.25, 0])
    expect(points[1]).toEqual([0, 0.25, 1 / 3])
    expect(points[4]).toEqual([0, 0.75, 0])
    expect(points[23]).toEqual([1, 0.75, 1])
    expect(gridUnit(1, 3, false)).toBe(0.5)
    expect(() => prepareSampling({ method: 'grid', samples: 25, seed: 1, dimensions: 3, levels: [3, 2, 4] })).toThrow(/has 24 points, not 25/)
  })

  it('gives a sample the same point whether it is computed first, last or alone', () => {
    for (const method of ['latin-hypercube', 'sobol'] as const) {
      const a = prepareSampling({ method, samples: 500, seed: 11, dimensions: 4 })
      const b = prepareSampling({ method, samples: 500, seed: 11, dimensions: 4 })
      const forward = Array.from({ length: 500 }, (_, i) => a.point(i))
      expect(b.point(499)).toEqual(forward[499])
      expect(b.point(250)).toEqual(forward[250])
      expect(() => a.point(500)).toThrow(/sample 500 does not exist/)
    }
  })
})
