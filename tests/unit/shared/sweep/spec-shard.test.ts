import { describe, expect, it } from 'vitest'
import { newDesign } from '../../../../shared/design/defaults'
import { canonicalSpecJson, parseSweepSpec, type ResolvedSweep } from '../../../../shared/sweep/spec'
import { appendRow, emptyTable, evaluateShard, shardRange, sweepSampler, type SweepTable } from '../../../../shared/sweep/shard'
import { evaluateSerially } from '../../../../shared/analysis/evaluate'
import { evaluateDesign } from '../../../../shared/metrics/registry'
import { knobUnit } from '../../../../shared/analysis/knobs'

const VARY = [
  { path: 'core.diameterNm', min: 50, max: 250 },
  { path: 'core.material', options: ['plga-50-50', 'pla'] },
  { path: 'coatings[0].graftingDensityPerNm2', min: 0.05, max: 1 },
]

function spec(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { format: 'nanoforge.sweep', version: 1, base: newDesign(), vary: VARY, method: 'latin-hypercube', samples: 31, seed: 5, metrics: ['selectivityIndex', 'bloodHalfLifeH'], hours: 24, ...extra }
}

function resolved(extra: Record<string, unknown> = {}): ResolvedSweep {
  const parsed = parseSweepSpec(spec(extra))
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
  return parsed.sweep
}

function paths(json: unknown): string[] {
  const parsed = parseSweepSpec(json)
  expect(parsed.ok).toBe(false)
  return parsed.ok ? [] : parsed.errors.map((e) => `${e.path}: ${e.message}`)
}

describe('nanoforge.sweep v1 spec', () => {
  it('fills in the defaults: seed 1, every metric, 72 h', () => {
    const parsed = parseSweepSpec({ format: 'nanoforge.sweep', version: 1, base: newDesign(), vary: VARY, method: 'sobol', samples: 64 })
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.sweep.spec.seed).toBe(1)
    expect(parsed.sweep.spec.hours).toBe(72)
    expect(parsed.sweep.spec.metrics.length).toBe(11)
    expect(parsed.sweep.knobs.map((k) => k.path)).toEqual(VARY.map((v) => v.path))
  })

  it('reports every problem at its JSON path, all at once', () => {
    const errors = paths({ ...spec(), method: 'random', samples: 0, metrics: ['selectivityIndx'], hours: 12, extra: 1 })
    expect(errors.some((e) => e.startsWith('method: must be one of grid, latin-hypercube, sobol'))).toBe(true)
    expect(errors.some((e) => e.startsWith('samples: samples must be at least 1'))).toBe(true)
    expect(errors.some((e) => e.startsWith('hours: must be at least 24 h'))).toBe(true)
    expect(errors.some((e) => /^metrics\[0\]: unknown metric "selectivityIndx"; did you mean "selectivityIndex"/.test(e))).toBe(true)
    expect(errors.some((e) => e.includes('extra'))).toBe(true)
  })

  it("checks base and vary with the goal file's rules and paths", () => {
    const base = { ...newDesign(), core: { ...newDesign().core, diameterNm: -5 } }
    expect(paths({ ...spec(), base }).some((e) => e.startsWith('base.core.diameterNm'))).toBe(true)
    const badVary = paths({ ...spec(), vary: [{ path: 'core.diameterNm', min: 50, max: 250 }, { path: 'core.material', options: ['plga-50-50', 'plgaa'] }] })
    expect(badVary.some((e) => /^vary\[1\]\.options\[1\]: "plgaa" is not a known id/.test(e))).toBe(true)
    expect(paths({ ...spec(), vary: [{ path: 'core.nope', min: 1, max: 2 }] }).some((e) => e.startsWith('vary[0].path'))).toBe(true)
  })

  it('asks a grid for levels and checks a given sample count against the grid', () => {
    expect(paths({ ...spec(), method: 'grid', samples: undefined }).some((e) => e.startsWith('levels: a grid needs "levels"'))).toBe(true)
    // 3 levels × 2 options × 3 levels = 18
    expect(paths({ ...spec(), method: 'grid', levels: 3, samples: 20 })).toEqual(['samples: the grid 3 × 2 × 3 has 18 points, not 20; leave "samples" out or set it to 18'])
    const grid = resolved({ method: 'grid', levels: 3, samples: undefined })
    expect(grid.spec.samples).toBe(18)
    expect(paths({ ...spec(), levels: 4 })).toEqual(['levels: "levels" is for "method": "grid"; latin-hypercube draws "samples" points'])
    expect(paths({ ...spec(), samples: undefined }).some((e) => e.startsWith('samples: is missing'))).toBe(true)
  })

  it('gives the same canonical text (and so the same hash) whatever the key order or omitted defaults', () => {
    const a = resolved()
    const reordered = Object.fromEntries(Object.entries(spec()).reverse())
    const b = parseSweepSpec(reordered)
    expect(b.ok && canonicalSpecJson(b.sweep.spec)).toBe(canonicalSpecJson(a.spec))
    const withDefaults = parseSweepSpec({ ...spec(), seed: 1, hours: 72 })
    const withoutDefaults = parseSweepSpec({ ...spec(), seed: undefined, hours: undefined })
    expect(withDefaults.ok && withoutDefaults.ok && canonicalSpecJson(withDefaults.sweep.spec) === canonicalSpecJson(withoutDefaults.sweep.spec)).toBe(true)
    expect(canonicalSpecJson(resolved({ seed: 6 }).spec)).not.toBe(canonicalSpecJson(a.spec))
  })
})

describe('shards', () => {
  it('cover the samples once, in order, with sizes that differ by at most one', () => {
    for (const [samples, count] of [[31, 3], [2000, 4], [10, 10], [1_000_003, 64]] as const) {
      let next = 0
      const sizes: number[] = []
      for (let i = 0; i < count; i++) {
        const r = shardRange(i, count, samples)
        expect(r.start).toBe(next)
        next = r.end
        sizes.push(r.end - r.start)
      }
      expect(next).toBe(samples)
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
    }
    expect(() => shardRange(4, 4, 100)).toThrow(/from 0 to 3/)
    expect(() => shardRange(0, 5, 4)).toThrow(/at most 4 shards/)
  })

  function concat(tables: SweepTable[]): SweepTable {
    return {
      sample: tables.flatMap((t) => t.sample),
      knobs: tables[0]!.knobs.map((_, d) => tables.flatMap((t) => t.knobs[d]!)),
      metrics: tables[0]!.metrics.map((_, j) => tables.flatMap((t) => t.metrics[j]!)),
      error: tables.flatMap((t) => t.error),
    }
  }

  it('give the same rows for 1 shard, 4 shards and 3 uneven pieces, for every method', async () => {
    for (const extra of [{}, { method: 'sobol', samples: 32 }, { method: 'grid', levels: 3, samples: undefined }]) {
      const sweep = resolved(extra)
      const n = sweep.spec.samples
      const whole = await evaluateShard(sweep, shardRange(0, 1, n), evaluateSerially)
      const four = await Promise.all([0, 1, 2, 3].map((i) => evaluateShard(sweep, shardRange(i, 4, n), evaluateSerially)))
      const uneven = await Promise.all([[0, 2], [2, 13], [13, n]].map(([start, end]) => evaluateShard(sweep, { start: start!, end: end! }, evaluateSerially)))
      expect(whole.sample).toEqual(Array.from({ length: n }, (_, i) => i))
      expect(concat(four)).toEqual(whole)
      expect(concat(uneven)).toEqual(whole)
    }
  })

  it("record each sample's knob values and the engine's own metrics for that design", async () => {
    const sweep = resolved()
    const table = await evaluateShard(sweep, { start: 7, end: 9 }, evaluateSerially)
    const { sample } = sweepSampler(sweep)
    for (const [row, index] of [7, 8].entries()) {
      const s = sample(index)
      expect(s.ok).toBe(true)
      if (!s.ok) continue
      expect(s.design.core.diameterNm).toBe(table.knobs[0]![row])
      expect(s.design.core.material).toBe(table.knobs[1]![row])
      const direct = evaluateDesign(s.design, { hours: 24 })
      expect(table.metrics[0]![row]).toBe(direct.selectivityIndex)
      expect(table.metrics[1]![row]).toBe(direct.bloodHalfLifeH)
      expect(table.error[row]).toBeNull()
      // the knob value sits in the stratum the Latin hypercube gave it
      const u = knobUnit(sweep.knobs[0]!, table.knobs[0]![row]!)
      expect(u).toBeGreaterThanOrEqual(0)
      expect(u).toBeLessThanOrEqual(1)
    }
  })

  it('keep a sample without a result (no valid design, or an engine failure) as a row with its reason', () => {
    const table = emptyTable(1, 2)
    appendRow(table, { index: 3, values: [12], ok: false, reason: 'invalid design: core.diameterNm: too small' }, undefined, ['selectivityIndex', 'bloodHalfLifeH'])
    appendRow(table, { index: 4, values: [90], ok: true, design: newDesign() }, { ok: false, reason: 'the ODE solver failed' }, ['selectivityIndex', 'bloodHalfLifeH'])
    expect(table).toEqual({
      sample: [3, 4], knobs: [[12, 90]], metrics: [[null, null], [null, null]],
      error: ['invalid design: core.diameterNm: too small', 'the ODE solver failed'],
    })
  })
})
