import { describe, expect, it } from 'vitest'
import {
  localAnalyse, localPlan, morrisAnalyse, morrisPlan, sobolAnalyse, sobolPlan,
} from '../../../../shared/analysis/sensitivity'

/**
 * Ishigami function (Ishigami & Homma 1990), inputs uniform on [−π, π]:
 * f = sin x1 + a sin² x2 + b x3⁴ sin x1. Its partial variances are known in closed form
 * (Sobol' & Levitan 1999; Saltelli et al. 2008, Global Sensitivity Analysis, §4.9):
 * V1 = bπ⁴/5 + b²π⁸/50 + 1/2, V2 = a²/8, V13 = 8b²π⁸/225, V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2.
 */
const A = 7
const B = 0.1
function ishigami(u: ReadonlyArray<number>): number[] {
  const [x1, x2, x3] = u.map((v) => -Math.PI + 2 * Math.PI * v) as [number, number, number]
  return [Math.sin(x1) + A * Math.sin(x2) ** 2 + B * x3 ** 4 * Math.sin(x1)]
}
const PI4 = Math.PI ** 4
const PI8 = Math.PI ** 8
const V = (A * A) / 8 + (B * PI4) / 5 + (B * B * PI8) / 18 + 0.5
const V1 = (B * PI4) / 5 + (B * B * PI8) / 50 + 0.5
const V2 = (A * A) / 8
const V13 = (8 * B * B * PI8) / 225
const ANALYTIC = {
  first: [V1 / V, V2 / V, 0],
  total: [(V1 + V13) / V, V2 / V, V13 / V],
}

describe('Sobol indices (Saltelli sampling, Saltelli 2010 / Jansen estimators)', () => {
  it('the closed form gives the published Ishigami values', () => {
    // Published to 4 digits (e.g. Saltelli et al. 2010 §4): S1 0.3139, S2 0.4424, ST1 0.5576, ST3 0.2437
    expect(ANALYTIC.first[0]).toBeCloseTo(0.3139, 4)
    expect(ANALYTIC.first[1]).toBeCloseTo(0.4424, 4)
    expect(ANALYTIC.total[0]).toBeCloseTo(0.5576, 4)
    expect(ANALYTIC.total[2]).toBeCloseTo(0.2437, 4)
  })

  it('recovers every Ishigami index within its bootstrap 95 % interval at N = 8192 (40,960 runs)', () => {
    const plan = sobolPlan(3, 8192, 20240613)
    expect(plan.points).toHaveLength(8192 * 5)
    const [result] = sobolAnalyse(plan, plan.points.map(ishigami), { bootstrap: 400, seed: 3 })
    expect(result!.rowsUsed).toBe(8192)
    expect(result!.variance).toBeCloseTo(V, 0)
    result!.indices.forEach((idx, i) => {
      expect(idx.firstCi95[0], `S${i + 1} lower`).toBeLessThanOrEqual(ANALYTIC.first[i]!)
      expect(idx.firstCi95[1], `S${i + 1} upper`).toBeGreaterThanOrEqual(ANALYTIC.first[i]!)
      expect(idx.totalCi95[0], `ST${i + 1} lower`).toBeLessThanOrEqual(ANALYTIC.total[i]!)
      expect(idx.totalCi95[1], `ST${i + 1} upper`).toBeGreaterThanOrEqual(ANALYTIC.total[i]!)
      expect(Math.abs(idx.first - ANALYTIC.first[i]!)).toBeLessThan(0.04)
      expect(Math.abs(idx.total - ANALYTIC.total[i]!)).toBeLessThan(0.04)
      // intervals are narrow enough to mean something
      expect(idx.totalCi95[1] - idx.totalCi95[0]).toBeLessThan(0.08)
    })
  })

  it('the intervals cover the truth about 95 % of the time over independent seeds', () => {
    let covered = 0
    let total = 0
    for (let seed = 1; seed <= 30; seed++) {
      const plan = sobolPlan(3, 1024, 1000 + seed)
      const [r] = sobolAnalyse(plan, plan.points.map(ishigami), { bootstrap: 200, seed })
      r!.indices.forEach((idx, i) => {
        for (const [ci, truth] of [[idx.firstCi95, ANALYTIC.first[i]!], [idx.totalCi95, ANALYTIC.total[i]!]] as const) {
          total++
          if (ci[0] <= truth && truth <= ci[1]) covered++
        }
      })
    }
    expect(covered / total).toBeGreaterThan(0.85)
  })

  it('is reproducible for a seed, leaves non-finite rows out, and rejects a wrong output count', () => {
    const a = sobolPlan(2, 16, 5)
    const b = sobolPlan(2, 16, 5)
    expect(a.points).toEqual(b.points)
    expect(sobolPlan(2, 16, 6).points).not.toEqual(a.points)
    const outputs = a.points.map((p, r) => [r === 3 ? Number.NaN : p[0]! + 2 * p[1]!])
    const [res] = sobolAnalyse(a, outputs)
    expect(res!.rowsUsed).toBe(15)
    // additive linear model: S_i = ST_i = c_i² / Σ c² exactly in expectation: 1/5 and 4/5
    expect(res!.indices[1]!.first).toBeGreaterThan(res!.indices[0]!.first)
    expect(() => sobolAnalyse(a, outputs.slice(1))).toThrow(/expected 64 output rows/)
    expect(() => sobolPlan(2, 1, 1)).toThrow(/at least 2/)
  })
})

describe('Morris elementary effects', () => {
  // f = a·x1 + b·x2² + c·x1·x3 (+ 0·x4) on the unit cube, p = 4 levels, Δ = 2/3.
  // Analytic expectations over the grid: EE1 = a + c·x3 → μ1 = a + c/2, σ1 = c·sd(x3) with x3
  // uniform on {0, 1/3, 2/3, 1}: sd = √5/6; EE2 = b(2·lo + Δ) with lo ∈ {0, 1/3} → μ2 = b,
  // values b·{2/3, 4/3}; EE3 = c·x1 → μ3 = c/2; EE4 = 0.
  const a = 2
  const b = 3
  const c = 1.5
  const f = (x: ReadonlyArray<number>): number[] => [a * x[0]! + b * x[1]! ** 2 + c * x[0]! * x[2]!]

  it('matches the analytic means and spreads of the elementary effects', () => {
    const plan = morrisPlan(4, 4000, 11)
    expect(plan.delta).toBeCloseTo(2 / 3, 12)
    expect(plan.points).toHaveLength(4000 * 5)
    for (const p of plan.points) for (const v of p) expect([0, 1 / 3, 2 / 3, 1].some((l) => Math.abs(l - v) < 1e-12)).toBe(true)
    const [m] = morrisAnalyse(plan, plan.points.map(f))
    const [e1, e2, e3, e4] = m!
    expect(e1!.mu).toBeCloseTo(a + c / 2, 1)
    expect(e1!.muStar).toBeCloseTo(a + c / 2, 1)
    expect(e1!.sigma).toBeCloseTo((c * Math.sqrt(5)) / 6, 1)
    expect(e2!.muStar).toBeCloseTo(b, 1)
    expect(e2!.sigma).toBeCloseTo(b / 3, 1)
    expect(e3!.muStar).toBeCloseTo(c / 2, 1)
    expect(e4!.muStar).toBe(0)
    expect(e4!.sigma).toBe(0)
    expect(e1!.effects).toBe(4000)
  })

  it('gives a linear function its exact slopes with zero spread, and μ* counts negative effects', () => {
    const plan = morrisPlan(3, 10, 2)
    const [m] = morrisAnalyse(plan, plan.points.map((x) => [5 * x[0]! - 4 * x[1]!]))
    expect(m![0]!.mu).toBeCloseTo(5, 12)
    expect(m![1]!.mu).toBeCloseTo(-4, 12)
    expect(m![1]!.muStar).toBeCloseTo(4, 12)
    expect(m![1]!.sigma).toBeCloseTo(0, 12)
    expect(m![2]!.muStar).toBe(0)
  })

  it('rejects impossible settings with the reason', () => {
    expect(() => morrisPlan(3, 10, 1, 3)).toThrow(/even/)
    expect(() => morrisPlan(0, 10, 1)).toThrow(/at least one input/)
    expect(() => morrisPlan(2, 1, 1)).toThrow(/at least 2 trajectories/)
  })
})

describe('local normalised coefficients ∂ln y/∂ln x', () => {
  // y1 = 3·x1²·x2^−0.5·exp(x3): elasticities 2, −0.5 and x3 (analytic).
  // y2 = x1 + x2: elasticities x1/(x1 + x2) and x2/(x1 + x2).
  const f = (x: ReadonlyArray<number>): number[] => [3 * x[0]! ** 2 * x[1]! ** -0.5 * Math.exp(x[2]!), x[0]! + x[1]!]
  const base = [2, 5, 0.7]

  it('is exact for power laws and second-order accurate otherwise', () => {
    const plan = localPlan(base, 0.1)
    expect(plan.points).toHaveLength(7)
    const [y1, y2] = localAnalyse(plan, plan.points.map(f))
    expect(y1![0]!.coefficient).toBeCloseTo(2, 12)
    expect(y1![1]!.coefficient).toBeCloseTo(-0.5, 12)
    // exp(x3): (x3·e^h − x3·e^−h)/(2h) = x3·sinh(h)/h, relative error h²/6
    expect(y1![2]!.coefficient).toBeCloseTo(0.7 * Math.sinh(0.1) / 0.1, 12)
    expect(Math.abs(y1![2]!.coefficient! - 0.7) / 0.7).toBeLessThan(0.1 ** 2 / 6 + 1e-6)
    expect(y2![0]!.coefficient).toBeCloseTo(2 / 7, 2)
    expect(y2![1]!.coefficient).toBeCloseTo(5 / 7, 2)
    expect(y2![2]!.coefficient).toBe(0)
  })

  it('divides by the step actually taken when a value is rounded, and reports a collapsed step as null', () => {
    const plan = localPlan([10, 1], 0.1, (i, v) => (i === 0 ? Math.round(v) : Math.min(v, 1)))
    expect(plan.points[1]![0]).toBe(11)
    expect(plan.points[2]![0]).toBe(9)
    const [y] = localAnalyse(plan, plan.points.map((x) => [x[0]! ** 1.5 * x[1]!]))
    expect(y![0]!.coefficient).toBeCloseTo(1.5, 12)
    expect(y![0]!.stepUpLn).toBeCloseTo(Math.log(1.1), 12)
    expect(y![1]!.coefficient).toBeCloseTo(1, 12) // one-sided step (clipped at 1) still exact for a power law
    const collapsed = localPlan([1], 0.1, () => 1)
    expect(localAnalyse(collapsed, collapsed.points.map(() => [2]))[0]![0]!.coefficient).toBeNull()
  })

  it('falls back to a linear difference over y0 when an output touches zero, and refuses x ≤ 0', () => {
    const plan = localPlan([1], 0.1)
    const [y] = localAnalyse(plan, plan.points.map((x) => [x[0]! - 1]))
    expect(y![0]!.coefficient).toBeNull() // y0 = 0: no elasticity
    const [z] = localAnalyse(plan, plan.points.map((x) => [x[0]! - 1.05]))
    // y+ > 0, y− < 0: (y+ − y−)/(2h·y0) = (e^h − e^−h)/(0.2·(−0.05))
    expect(z![0]!.coefficient).toBeCloseTo((Math.exp(0.1) - Math.exp(-0.1)) / (0.2 * -0.05), 10)
    expect(() => localPlan([0, 1])).toThrow(/input 0 must be a positive number/)
  })
})
