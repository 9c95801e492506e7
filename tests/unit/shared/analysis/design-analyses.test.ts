import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Design } from '../../../../shared/design/types'
import { newDesign } from '../../../../shared/design/defaults'
import { validateDesign } from '../../../../shared/design/schema'
import { METRIC_IDS, type MetricId } from '../../../../shared/metrics/registry'
import type { DesignBatchEvaluator, DesignOutcome } from '../../../../shared/analysis/evaluate'
import { parseGoal } from '../../../../shared/analysis/goal'
import { optimizeDesign, constraintViolation, objectiveValue } from '../../../../shared/analysis/optimize-design'
import { designSensitivity } from '../../../../shared/analysis/design-sensitivity'
import { resolveKnobs } from '../../../../shared/analysis/knobs'
import { dominates } from '../../../../shared/analysis/nsga2'

/**
 * The analyses are checked on analytic stand-in models of a design (the engine is being
 * recalibrated; its numbers are not what these tests are about). Every metric not named is 1.
 */
function standIn(model: (d: Design) => Partial<Record<MetricId, number>>, seen?: Design[]): DesignBatchEvaluator {
  return (designs) => Promise.resolve(designs.map((d): DesignOutcome => {
    seen?.push(d)
    const metrics = Object.fromEntries(METRIC_IDS.map((id) => [id, 1])) as Record<MetricId, number>
    return { ok: true, metrics: { ...metrics, ...model(d) } }
  }))
}

const peg = (d: Design): number => (d.coatings[0]!.kind === 'peg' ? d.coatings[0]!.graftingDensityPerNm2 : Number.NaN)

describe('optimizeDesign on an analytic model', () => {
  // selectivity = d/100 + (1 − g) + (pla ? 1 : 0); t50 = d/2 (target 48 → d = 96);
  // blood half-life = 20·g ≥ 2 (the example goal's floor) → g ≥ 0.1. Front: pla, g at 0.1, d from 96 to 250.
  const model = (d: Design): Partial<Record<MetricId, number>> => ({
    selectivityIndex: d.core.diameterNm / 100 + (1 - peg(d)) + (d.core.material === 'pla' ? 1 : 0),
    t50InflamedH: d.core.diameterNm / 2,
    bloodHalfLifeH: 20 * peg(d),
  })
  const goalDoc = JSON.parse(readFileSync(new URL('../../../../resources/goals/ra-selectivity.nanoforge-goal.json', import.meta.url), 'utf8')) as Record<string, unknown>

  it('finds the analytic front: feasible, valid, non-dominated by anything evaluated, reproducible', async () => {
    const parsed = parseGoal(goalDoc)
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
    const seen: Design[] = []
    const r = await optimizeDesign(parsed.goal, { evaluations: 3000, seed: 7, evaluate: standIn(model, seen) })
    expect(r.evaluations).toBeLessThanOrEqual(3000)
    expect(r.engineRuns).toBe(seen.length)
    // the base design is evaluated first, so the front can never be worse than the start
    expect(seen[0]!.core).toEqual(newDesign().core)
    expect(peg(seen[0]!)).toBe(0.5)
    expect(r.front.length).toBeGreaterThan(5)
    const feasibleSeen = seen.map((d) => ({ ...model(d) })).filter((m) => m.bloodHalfLifeH! >= 2)
    for (const m of r.front) {
      expect(m.feasible).toBe(true)
      expect(validateDesign(m.design).valid).toBe(true)
      expect(m.design.core.material).toBe('pla')
      expect(peg(m.design)).toBeGreaterThanOrEqual(0.1)
      expect(peg(m.design)).toBeLessThan(0.11)
      expect(m.design.core.diameterNm).toBeGreaterThan(94)
      expect(m.knobs['core.material']).toBe('pla')
      const mine = [-m.metrics.selectivityIndex, Math.abs(m.metrics.t50InflamedH - 48)]
      expect(feasibleSeen.some((s) => dominates([-s.selectivityIndex!, Math.abs(s.t50InflamedH! - 48)], mine))).toBe(false)
    }
    const ds = r.front.map((m) => m.design.core.diameterNm)
    expect(Math.min(...ds)).toBeLessThan(100)
    expect(Math.max(...ds)).toBeGreaterThan(245)
    const again = await optimizeDesign(parsed.goal, { evaluations: 3000, seed: 7, evaluate: standIn(model) })
    expect(again.front.map((m) => m.knobs)).toEqual(r.front.map((m) => m.knobs))
  })

  it('objectives and violations follow the stated transforms', () => {
    const metrics = Object.fromEntries(METRIC_IDS.map((id) => [id, 10])) as Record<MetricId, number>
    expect(objectiveValue({ metric: 'selectivityIndex', sense: 'max' }, metrics)).toBe(-10)
    expect(objectiveValue({ metric: 'selectivityIndex', sense: 'min' }, metrics)).toBe(10)
    expect(objectiveValue({ metric: 't50InflamedH', target: 48 }, metrics)).toBe(38)
    expect(constraintViolation([{ metric: 'bloodHalfLifeH', min: 20 }], metrics)).toBeCloseTo(0.5, 12)
    expect(constraintViolation([{ metric: 'bloodHalfLifeH', max: 5 }, { metric: 'selectivityIndex', min: 0 }], metrics)).toBeCloseTo(1, 12)
    expect(constraintViolation([{ metric: 'bloodHalfLifeH', min: 6, max: 12 }], metrics)).toBe(0)
  })

  it('a design the engine cannot evaluate is never on the front', async () => {
    const parsed = parseGoal(goalDoc)
    if (!parsed.ok) throw new Error('goal')
    const failing: DesignBatchEvaluator = async (designs, hours) => {
      const ok = await standIn(model)(designs, hours)
      return ok.map((o, i) => (designs[i]!.core.diameterNm > 200 ? { ok: false, reason: 'boom' } : o))
    }
    const r = await optimizeDesign(parsed.goal, { evaluations: 600, seed: 1, evaluate: failing })
    expect(r.failedEvaluations).toBeGreaterThan(0)
    for (const m of r.front) expect(m.design.core.diameterNm).toBeLessThanOrEqual(200)
  })
})

describe('designSensitivity on analytic models', () => {
  const base = newDesign() // diameter 120 nm, loading 5 %

  it('local: exact exponents of a power law in diameter and loading', async () => {
    const resolved = resolveKnobs(base, [{ path: 'core.diameterNm', min: 60, max: 240 }, { path: 'payload.loadingPctWw', min: 1, max: 20 }])
    if (!resolved.ok) throw new Error('knobs')
    const r = await designSensitivity(base, resolved.knobs, {
      method: 'local', metrics: ['selectivityIndex'],
      evaluate: standIn((d) => ({ selectivityIndex: d.core.diameterNm ** 2 / d.payload.loadingPctWw })),
    })
    expect(r.evaluations).toBe(5)
    const rows = r.indices.selectivityIndex as unknown as Array<{ knob: string; coefficient: number }>
    expect(rows.map((x) => x.knob)).toEqual(['core.diameterNm', 'payload.loadingPctWw'])
    expect(rows[0]!.coefficient).toBeCloseTo(2, 10)
    expect(rows[1]!.coefficient).toBeCloseTo(-1, 10)
  })

  it('Sobol: an additive model y = u_d + 2·u_l has S = ST = 1/5 and 4/5', async () => {
    const resolved = resolveKnobs(base, [
      { path: 'core.diameterNm', min: 50, max: 250, scale: 'linear' },
      { path: 'payload.loadingPctWw', min: 1, max: 10, scale: 'linear' },
    ])
    if (!resolved.ok) throw new Error('knobs')
    const r = await designSensitivity(base, resolved.knobs, {
      method: 'sobol', samples: 2048, seed: 3, metrics: ['selectivityIndex'],
      evaluate: standIn((d) => ({ selectivityIndex: (d.core.diameterNm - 50) / 200 + (2 * (d.payload.loadingPctWw - 1)) / 9 })),
    })
    expect(r.evaluations).toBe(2048 * 4)
    const rows = r.indices.selectivityIndex as unknown as Array<{ first: number; total: number; firstCi95: [number, number]; totalCi95: [number, number] }>
    const truth = [0.2, 0.8]
    rows.forEach((row, i) => {
      expect(row.firstCi95[0]).toBeLessThanOrEqual(truth[i]!)
      expect(row.firstCi95[1]).toBeGreaterThanOrEqual(truth[i]!)
      expect(row.totalCi95[0]).toBeLessThanOrEqual(truth[i]!)
      expect(row.totalCi95[1]).toBeGreaterThanOrEqual(truth[i]!)
    })
  })

  it('reports progress in slices and stops when cancelled', async () => {
    const resolved = resolveKnobs(base, [{ path: 'core.diameterNm', min: 50, max: 250 }])
    if (!resolved.ok) throw new Error('knobs')
    const progress: number[] = []
    const evaluate = standIn((d) => ({ selectivityIndex: d.core.diameterNm }))
    const r = await designSensitivity(base, resolved.knobs, { method: 'sobol', samples: 100, evaluate, onProgress: (done) => progress.push(done) })
    expect(progress.length).toBeGreaterThanOrEqual(10)
    expect(progress[progress.length - 1]).toBe(r.evaluations)
    const signal = { aborted: false }
    await expect(designSensitivity(base, resolved.knobs, {
      method: 'sobol', samples: 100, evaluate, signal, onProgress: (done) => { if (done > 50) signal.aborted = true },
    })).rejects.toThrow(/cancelled/)
  })

  it('Morris: μ* is the slope per full range of a linear model, 0 for an ignored knob', async () => {
    const resolved = resolveKnobs(base, [
      { path: 'core.diameterNm', min: 50, max: 250, scale: 'linear' },
      { path: 'ligands[0].perParticle', min: 10, max: 1000 },
      { path: 'core.material', options: ['plga-50-50', 'pla'] },
    ])
    if (!resolved.ok) throw new Error('knobs')
    const r = await designSensitivity(base, resolved.knobs, {
      method: 'morris', samples: 30, seed: 5, metrics: ['t50PlasmaH'],
      evaluate: standIn((d) => ({ t50PlasmaH: 3 * d.core.diameterNm })),
    })
    expect(r.evaluations).toBe(30 * 4)
    const rows = r.indices.t50PlasmaH as unknown as Array<{ knob: string; muStar: number; sigma: number }>
    expect(rows[0]!.muStar).toBeCloseTo(3 * 200, 8) // 3 nm⁻¹·h × 200 nm range
    expect(rows[0]!.sigma).toBeCloseTo(0, 8)
    expect(rows[1]!.muStar).toBe(0)
    expect(rows[2]!.muStar).toBe(0)
    expect(r.knobs[1]).toMatchObject({ kind: 'integer', scale: 'log' })
  })
})
