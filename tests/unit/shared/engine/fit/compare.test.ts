import { describe, expect, it } from 'vitest'
import { compareProfiles, f1Factor, f2Factor } from '../../../../../shared/engine/fit/compare'

/** `n` identical replicate columns with a small spread (± delta alternately). */
function columns(means: number[], n: number, delta = 0.5): number[][] {
  return Array.from({ length: n }, (_, j) => means.map((m) => m + (j % 2 === 0 ? delta : -delta) * (n % 2 === 1 && j === n - 1 ? 0 : 1)))
}

describe('f1 / f2 (Moore & Flanner 1996; brief §1.6)', () => {
  it('match a small case computed by hand', () => {
    // R = 20, 40, 60, 80; T = 25, 45, 55, 75: Σ|d| = 20, ΣR = 200 -> f1 = 10
    // Σd² = 100, n = 4 -> f2 = 50 log10(100 / sqrt(26)) = 50 × 1.292514 = 64.6257
    expect(f1Factor([20, 40, 60, 80], [25, 45, 55, 75])).toBeCloseTo(10, 12)
    expect(f2Factor([20, 40, 60, 80], [25, 45, 55, 75])).toBeCloseTo(64.6257, 3)
    expect(f2Factor([10, 50], [10, 50])).toBeCloseTo(100, 12)
    // a 10 % difference at every point gives f2 ≈ 50 (brief §1.6 [D])
    expect(f2Factor([20, 40, 60], [30, 50, 70])).toBeCloseTo(50 * Math.log10(100 / Math.sqrt(101)), 10)
  })
})

describe('compareProfiles', () => {
  it('drops t = 0, keeps one point above 85 % and meets the conditions with 12 low-CV units', () => {
    const times = [0, 1, 2, 4, 6, 8, 12]
    const ref = { timesH: times, replicates: columns([0, 20, 40, 60, 80, 90, 95], 12) }
    const test = { timesH: times, replicates: columns([0, 25, 45, 55, 75, 88, 96], 12) }
    const r = compareProfiles(ref, test)
    expect(r.timePointsUsed).toEqual([1, 2, 4, 6, 8])
    expect(r.f1).toBeCloseTo((100 * (5 + 5 + 5 + 5 + 2)) / (20 + 40 + 60 + 80 + 90), 8)
    expect(r.f2).toBeCloseTo(50 * Math.log10(100 / Math.sqrt(1 + (25 * 4 + 4) / 5)), 8)
    expect(r.conditionsMet).toBe(true)
    expect(r.bootstrap).toBeNull()
    expect(r.notes.some((n) => /85 %/.test(n))).toBe(true)
    expect(r.conditions.every((c) => c.met)).toBe(true)
  })

  it('reports failed conditions and a reproducible seeded bootstrap interval for f2', () => {
    const times = [1, 2, 4, 8, 24]
    const ref = { timesH: times, replicates: [[18, 38, 55, 70, 82], [22, 41, 60, 74, 86], [20, 40, 58, 72, 83]] }
    const test = { timesH: times, replicates: [[25, 44, 60, 77, 84], [28, 47, 66, 79, 88], [24, 46, 63, 75, 85]] }
    const a = compareProfiles(ref, test, { seed: 42 })
    const b = compareProfiles(ref, test, { seed: 42 })
    expect(a.conditionsMet).toBe(false)
    const units = a.conditions.find((c) => c.id === 'units-per-product')!
    expect(units.met).toBe(false)
    expect(a.notes.some((n) => n.startsWith('NOT met: units-per-product'))).toBe(true)
    expect(a.bootstrap).not.toBeNull()
    expect(a.bootstrap!.seed).toBe(42)
    expect(a.bootstrap!.ci90).toEqual(b.bootstrap!.ci90)
    expect(a.bootstrap!.ci90[0]).toBeLessThanOrEqual(a.bootstrap!.ci90[1])
    expect(a.bootstrap!.ci90[0]).toBeLessThan(a.f2 + 5)
    expect(a.bootstrap!.ci90[1]).toBeGreaterThan(a.f2 - 5)
    const c = compareProfiles(ref, test, { seed: 43 })
    expect(c.bootstrap!.ci90).not.toEqual(a.bootstrap!.ci90)
  })

  it('flags differing time points and too few points', () => {
    const ref = { timesH: [1, 2, 3], replicates: [[10, 20, 30]] }
    const test = { timesH: [1, 2, 4], replicates: [[12, 22, 40]] }
    const r = compareProfiles(ref, test)
    expect(r.timePointsUsed).toEqual([1, 2])
    expect(r.conditions.find((c) => c.id === 'same-time-points')!.met).toBe(false)
    expect(r.conditions.find((c) => c.id === 'time-points')!.met).toBe(false)
    expect(r.bootstrap).toBeNull()
    expect(r.notes.some((n) => /bootstrap f2 is not possible/.test(n))).toBe(true)
  })

  it('checks the %CV limits (20 % at the first point, 10 % later)', () => {
    const times = [1, 2, 4]
    const noisy = { timesH: times, replicates: Array.from({ length: 12 }, (_, j) => [10 + (j % 2 ? 3 : -3), 30 + (j % 2 ? 4 : -4), 60]) }
    const r = compareProfiles(noisy, noisy)
    // first point CV ≈ 31 % > 20; second ≈ 14 % > 10
    const cv = r.conditions.find((c) => c.id === 'cv-limits')!
    expect(cv.met).toBe(false)
    expect(cv.detail).toMatch(/1 h/)
    expect(cv.detail).toMatch(/2 h/)
    expect(r.f2).toBeCloseTo(100, 10)
  })

  it('throws when no time point after zero is shared', () => {
    expect(() => compareProfiles({ timesH: [0], replicates: [[0]] }, { timesH: [0], replicates: [[0]] })).toThrow(/no common time point/)
  })
})
