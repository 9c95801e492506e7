import { describe, expect, it } from 'vitest'
import {
  constrainedDominates, crowdingDistance, dominates, hypervolume2d, nonDominatedSort, nsga2, paretoFront,
  type Evaluation, type Genome, type Nsga2Problem,
} from '../../../../shared/analysis/nsga2'

/**
 * ZDT1 and ZDT2 (Zitzler, Deb & Thiele 2000, Evol. Comput. 8:173-195), n = 30 variables in
 * [0, 1]: f1 = x1, g = 1 + 9·Σ_{i≥2} x_i/(n − 1), f2 = g·(1 − √(f1/g)) (ZDT1) or
 * g·(1 − (f1/g)²) (ZDT2). The true fronts (g = 1) are f2 = 1 − √f1 and f2 = 1 − f1².
 * Hypervolume of the true front to the reference point (1.1, 1.1), by integration:
 * ∫₀¹ (1.1 − f2(f1)) df1 + 0.1 × 1.1 → ZDT1: 0.1 + 2/3 + 0.11; ZDT2: 0.1 + 1/3 + 0.11.
 */
const N_VARS = 30
const REFERENCE: readonly [number, number] = [1.1, 1.1]
const HV_ZDT1 = 0.1 + 2 / 3 + 0.11
const HV_ZDT2 = 0.1 + 1 / 3 + 0.11

function zdt(shape: (r: number) => number): Nsga2Problem {
  return {
    genes: Array.from({ length: N_VARS }, () => ({ kind: 'continuous' as const })),
    objectives: 2,
    evaluate: (batch: ReadonlyArray<Genome>): Evaluation[] => batch.map((x) => {
      let s = 0
      for (let i = 1; i < N_VARS; i++) s += x[i]!
      const g = 1 + (9 * s) / (N_VARS - 1)
      const f1 = x[0]!
      return { objectives: [f1, g * (1 - shape(f1 / g))], violation: 0 }
    }),
  }
}

const BUDGET = 25_000 // 100 individuals × 250 generations (Deb et al. 2002 used 250 generations)

describe('NSGA-II on the ZDT benchmarks', () => {
  it(`ZDT1: hypervolume within 2 % of the true front's at ${BUDGET} evaluations (reference point (1.1, 1.1))`, async () => {
    const r = await nsga2(zdt(Math.sqrt), { evaluations: BUDGET, population: 100, seed: 1 })
    expect(r.evaluations).toBe(BUDGET)
    const hv = hypervolume2d(r.front.map((i) => [i.evaluation.objectives[0]!, i.evaluation.objectives[1]!] as const), REFERENCE)
    expect(hv).toBeGreaterThan(0.98 * HV_ZDT1)
    expect(hv).toBeLessThanOrEqual(HV_ZDT1 + 1e-12) // nothing beats the true front
  })

  it(`ZDT2 (non-convex front): hypervolume within 2 % at ${BUDGET} evaluations`, async () => {
    const r = await nsga2(zdt((v) => v * v), { evaluations: BUDGET, population: 100, seed: 2 })
    const hv = hypervolume2d(r.front.map((i) => [i.evaluation.objectives[0]!, i.evaluation.objectives[1]!] as const), REFERENCE)
    expect(hv).toBeGreaterThan(0.98 * HV_ZDT2)
    expect(hv).toBeLessThanOrEqual(HV_ZDT2 + 1e-12)
  })

  it('is reproducible for a seed and different for another; the front is non-dominated over all evaluations', async () => {
    const seen: Evaluation[] = []
    const base = zdt(Math.sqrt)
    const recording: Nsga2Problem = { ...base, evaluate: (b) => { const e = base.evaluate(b) as Evaluation[]; seen.push(...e); return e } }
    const a = await nsga2(recording, { evaluations: 2000, population: 40, seed: 9 })
    const b = await nsga2(zdt(Math.sqrt), { evaluations: 2000, population: 40, seed: 9 })
    const c = await nsga2(zdt(Math.sqrt), { evaluations: 2000, population: 40, seed: 10 })
    expect(a.front.map((i) => i.genome)).toEqual(b.front.map((i) => i.genome))
    expect(c.front.map((i) => i.genome)).not.toEqual(a.front.map((i) => i.genome))
    expect(seen).toHaveLength(2000)
    for (const m of a.front) {
      expect(seen.some((e) => dominates(e.objectives, m.evaluation.objectives))).toBe(false)
    }
  })
})

describe('constraints and categorical genes', () => {
  it('CONSTR (Deb et al. 2002 §VI): every front point is feasible and on the analytic constrained front', async () => {
    // min f1 = x1, f2 = (1 + x2)/x1; x1 ∈ [0.1, 1], x2 ∈ [0, 5]; g1: x2 + 9x1 ≥ 6, g2: −x2 + 9x1 ≥ 1.
    // Front: x1 ∈ [7/18, 2/3] with x2 = 6 − 9x1 (f2 = (7 − 9f1)/f1); x1 ∈ [2/3, 1] with x2 = 0 (f2 = 1/f1).
    const problem: Nsga2Problem = {
      genes: [{ kind: 'continuous' }, { kind: 'continuous' }],
      objectives: 2,
      evaluate: (batch) => batch.map(([u1, u2]) => {
        const x1 = 0.1 + 0.9 * u1!
        const x2 = 5 * u2!
        const v1 = Math.max(0, 6 - (x2 + 9 * x1))
        const v2 = Math.max(0, 1 - (-x2 + 9 * x1))
        return { objectives: [x1, (1 + x2) / x1], violation: v1 + v2 }
      }),
    }
    const r = await nsga2(problem, { evaluations: 6000, population: 60, seed: 4 })
    expect(r.feasibleFound).toBe(true)
    expect(r.front.length).toBeGreaterThan(20)
    const analytic = (f1: number): number => (f1 <= 2 / 3 ? (7 - 9 * f1) / f1 : 1 / f1)
    const distances: number[] = []
    for (const m of r.front) {
      expect(m.evaluation.violation).toBe(0)
      const [f1, f2] = m.evaluation.objectives as [number, number]
      expect(f1).toBeGreaterThanOrEqual(7 / 18 - 1e-9)
      expect(f2).toBeGreaterThanOrEqual(analytic(f1) * (1 - 1e-9))
      // distance to the analytic front, in objectives scaled by the front's ranges (f1 0.61, f2 8)
      let nearest = Number.POSITIVE_INFINITY
      for (let i = 0; i <= 4000; i++) {
        const a = 7 / 18 + ((1 - 7 / 18) * i) / 4000
        nearest = Math.min(nearest, Math.hypot((f1 - a) / (1 - 7 / 18), (f2 - analytic(a)) / 8))
      }
      // the archive keeps early points in sparse stretches of the front: all within 2 %, most far closer
      expect(nearest).toBeLessThan(0.02)
      distances.push(nearest)
    }
    distances.sort((a, b) => a - b)
    expect(distances[Math.floor(distances.length / 2)]).toBeLessThan(0.002)
  })

  it('finds the best category of a mixed genome and keeps categorical genes whole', async () => {
    // f1 = x, f2 = 1 − x + offset[c]: category 1 (offset 0) dominates the others everywhere.
    const offsets = [0.5, 0, 0.3]
    const problem: Nsga2Problem = {
      genes: [{ kind: 'continuous' }, { kind: 'categorical', options: 3 }],
      objectives: 2,
      evaluate: (batch) => batch.map(([x, c]) => ({ objectives: [x!, 1 - x! + offsets[c!]!], violation: 0 })),
    }
    const r = await nsga2(problem, { evaluations: 1000, population: 20, seed: 3 })
    for (const m of r.front) expect(m.genome[1]).toBe(1)
    for (const m of r.population) expect(Number.isInteger(m.genome[1])).toBe(true)
  })

  it('constrained domination, sorting and crowding follow Deb 2002', () => {
    const feas = (a: number, b: number): Evaluation => ({ objectives: [a, b], violation: 0 })
    const inf = (v: number): Evaluation => ({ objectives: [0, 0], violation: v })
    expect(constrainedDominates(feas(5, 5), inf(0.1))).toBe(true)
    expect(constrainedDominates(inf(0.1), feas(5, 5))).toBe(false)
    expect(constrainedDominates(inf(0.1), inf(0.2))).toBe(true)
    expect(constrainedDominates(feas(1, 2), feas(2, 1))).toBe(false)
    const evals = [feas(1, 3), feas(2, 2), feas(3, 1), feas(2, 3), inf(1)]
    expect(nonDominatedSort(evals)).toEqual([[0, 1, 2], [3], [4]])
    const cd = crowdingDistance(evals, [0, 1, 2])
    expect(cd.get(0)).toBe(Number.POSITIVE_INFINITY)
    expect(cd.get(1)).toBeCloseTo(2, 12) // (3 − 1)/(3 − 1) per objective, two objectives
    const front = paretoFront(evals.map((evaluation, index) => ({ genome: [index], evaluation, index })))
    expect(front.map((i) => i.index)).toEqual([0, 1, 2])
  })

  it('hypervolume of a staircase by hand, and a budget below one population is refused', async () => {
    expect(hypervolume2d([[0, 1], [1, 0]], [2, 2])).toBeCloseTo(3, 12) // 2×1 + 1×1
    expect(hypervolume2d([[0.5, 0.5], [3, 0]], [1, 1])).toBeCloseTo(0.25, 12)
    await expect(nsga2(zdt(Math.sqrt), { evaluations: 10, population: 20, seed: 1 })).rejects.toThrow(/budget \(10\)/)
  })
})
