/**
 * The sweep viewer's selection model (renderer/features/sweep/sweep-filter.ts): what passes
 * the filters, what a brush on a linear, log or choice axis keeps, which rows are drawn when
 * there are too many, and which rows the table lists first. Expected values are worked out
 * here by brute force or by hand (the geometric mean on a log axis), not read from the code.
 */
import { describe, expect, it } from 'vitest'
import type { SweepAxis, SweepData } from '../../../../renderer/features/sweep/sweep-data'
import {
  axisMap, axisTicks, brushFilter, defaultOrder, displayRows, nearestRow, optionsInBrush, passingRows, rangeFilter, topRows, type Filters,
} from '../../../../renderer/features/sweep/sweep-filter'

const ROWS = 1000

function axis(key: string, values: number[], extra: Partial<SweepAxis> = {}): SweepAxis {
  const finite = values.filter(Number.isFinite)
  return {
    key, role: 'metric', label: key, unit: '', categorical: false, categories: [], categoryLabels: [], integer: false, scale: 'linear',
    domain: [Math.min(...finite), Math.max(...finite)], values: Float64Array.from(values), ...extra,
  }
}

/** A table with a linear knob, a log knob, a 5-option choice cycling with the row (a grid's pattern) and a metric with holes. */
function table(): SweepData {
  const lin = Array.from({ length: ROWS }, (_, i) => 50 + (200 * ((i * 37) % ROWS)) / ROWS)
  const log = Array.from({ length: ROWS }, (_, i) => 10 * 100 ** (((i * 61) % ROWS) / ROWS))
  const choice = Array.from({ length: ROWS }, (_, i) => i % 5)
  const metric = Array.from({ length: ROWS }, (_, i) => (i % 50 === 7 ? Number.NaN : Math.sin(i) * 10))
  return {
    fileName: 't.parquet', format: 'parquet', rows: ROWS, sample: Float64Array.from({ length: ROWS }, (_, i) => i),
    axes: [
      axis('lin', lin, { role: 'knob', domain: [50, 250] }),
      axis('log', log, { role: 'knob', domain: [10, 1000], scale: 'log' }),
      axis('choice', choice, { role: 'knob', categorical: true, categories: ['a', 'b', 'c', 'd', 'e'], categoryLabels: ['A', 'B', 'C', 'D', 'E'], domain: [0, 4] }),
      axis('m', metric, { direction: 'higher' }),
      axis('low', metric.map((v) => -v), { direction: 'lower' }),
    ],
    error: Array.from({ length: ROWS }, (_, i) => (i % 50 === 7 ? 'no result' : null)), failed: 20,
    specHash: 'f'.repeat(64), engineVersion: '0.2.0', shard: null, sweep: null,
  }
}

const col = (d: SweepData, key: string): Float64Array => d.axes.find((a) => a.key === key)!.values

describe('passing rows', () => {
  it('are the rows inside every range (ends included) and among the allowed options, in row order', () => {
    const d = table()
    const filters: Filters = { lin: rangeFilter(200, 100), choice: { kind: 'options', allowed: [1, 3] }, m: { kind: 'range', min: -2, max: 5 } }
    const expected: number[] = []
    for (let r = 0; r < ROWS; r++) {
      const l = col(d, 'lin')[r]!
      const c = col(d, 'choice')[r]!
      const m = col(d, 'm')[r]!
      if (l >= 100 && l <= 200 && (c === 1 || c === 3) && m >= -2 && m <= 5) expected.push(r)
    }
    expect(expected.length).toBeGreaterThan(20)
    expect([...passingRows(d, filters)]).toEqual(expected)
    // an end value itself passes
    const at = col(d, 'lin')[0]!
    expect([...passingRows(d, { lin: rangeFilter(at, at) })]).toContain(0)
  })

  it('a sample without a value passes only while its axis is not filtered', () => {
    const d = table()
    expect(passingRows(d, {}).length).toBe(ROWS)
    const filtered = [...passingRows(d, { m: rangeFilter(-Infinity, Infinity) })]
    expect(filtered.length).toBe(ROWS - 20)
    expect(filtered).not.toContain(7)
    expect(passingRows(d, { lin: rangeFilter(0, 1000) }).length).toBe(ROWS)
  })

  it('an empty options filter keeps nothing; all options keep everything', () => {
    const d = table()
    expect(passingRows(d, { choice: { kind: 'options', allowed: [] } }).length).toBe(0)
    expect(passingRows(d, { choice: { kind: 'options', allowed: [0, 1, 2, 3, 4] } }).length).toBe(ROWS)
  })
})

describe('axes and brushes', () => {
  it('a log axis puts the geometric mean in the middle; a linear one the arithmetic mean', () => {
    const d = table()
    const lin = axisMap(d.axes[0]!)
    const log = axisMap(d.axes[1]!)
    expect(lin.fromUnit(0.5)).toBeCloseTo(150, 12)
    expect(log.fromUnit(0.5)).toBeCloseTo(100, 10) // √(10 · 1000)
    expect(log.toUnit(100)).toBeCloseTo(0.5, 12)
    expect(log.toUnit(10)).toBeCloseTo(0, 12)
    for (const u of [0, 0.13, 0.77, 1]) expect(log.toUnit(log.fromUnit(u))).toBeCloseTo(u, 12)
  })

  it('a brush keeps the values between its ends, in order whichever way it was dragged', () => {
    const d = table()
    expect(brushFilter(d.axes[0]!, 0.75, 0.25)).toEqual({ kind: 'range', min: 100, max: 200 })
    const f = brushFilter(d.axes[1]!, 0.25, 0.75)
    expect(f?.kind).toBe('range')
    if (f?.kind !== 'range') return
    expect(f.min).toBeCloseTo(10 * Math.sqrt(10), 9) // 10^1.5
    expect(f.max).toBeCloseTo(100 * Math.sqrt(10), 9) // 10^2.5
    expect(brushFilter(d.axes[0]!, 0.4, 0.405)).toBeNull() // a click, not a drag
  })

  it('a brush on a choice axis keeps the options whose middle it reaches', () => {
    const c = table().axes[2]!
    // option i's band is [i/5, (i+1)/5]
    expect(optionsInBrush(c, 0.2, 0.4)).toEqual([1])
    expect(optionsInBrush(c, 0.55, 0.25)).toEqual([1, 2])
    expect(optionsInBrush(c, 0.19, 0.21)).toEqual([])
    expect(brushFilter(c, 0, 1)).toEqual({ kind: 'options', allowed: [0, 1, 2, 3, 4] })
    expect(axisMap(c).toUnit(2)).toBeCloseTo(0.5, 12)
  })

  it('ticks lie inside the axis: 1-2-5 steps on a linear axis, 1, 2 and 5 per decade on a two-decade log axis', () => {
    const d = table()
    expect(axisTicks(d.axes[0]!, 4)).toEqual([50, 100, 150, 200, 250])
    expect(axisTicks(d.axes[1]!, 5)).toEqual([10, 20, 50, 100, 200, 500, 1000])
    const wide = axisTicks(axis('w', [1e-3, 1e6], { scale: 'log', domain: [1e-3, 1e6] }), 5)
    for (const t of wide) expect(Math.log10(t) % 1).toBeCloseTo(0, 9)
    expect(wide[0]).toBe(1e-3)
  })
})

describe('rows drawn when there are more than the limit', () => {
  it('are at most the limit, all passing, spread over a grid-like pattern rather than aliased with it', () => {
    const d = table()
    const all = passingRows(d, {})
    expect(displayRows(d, all, 5000)).toBe(all)
    const shown = displayRows(d, all, 200)
    // a binomial count around the limit: 200 ± 4·√200
    expect(Math.abs(shown.length - 200)).toBeLessThan(4 * Math.sqrt(200))
    // a stride of 5 would draw one option only; the hash draws each about a fifth of the time
    const perOption = [0, 0, 0, 0, 0]
    for (const r of shown) perOption[col(d, 'choice')[r]!]!++
    for (const n of perOption) expect(n / shown.length).toBeGreaterThan(0.12)
    for (let i = 1; i < shown.length; i++) expect(shown[i]!).toBeGreaterThan(shown[i - 1]!)
  })

  it('a narrower filter keeps every drawn row that still passes (lines do not jump while brushing)', () => {
    const d = table()
    const wide = passingRows(d, { lin: rangeFilter(50, 250) })
    const narrow = passingRows(d, { lin: rangeFilter(80, 200) })
    const shownWide = displayRows(d, wide, 300)
    const shownNarrow = new Set(displayRows(d, narrow, 300))
    const narrowSet = new Set(narrow)
    const kept = [...shownWide].filter((r) => narrowSet.has(r))
    expect(kept.length).toBeGreaterThan(100)
    for (const r of kept) expect(shownNarrow.has(r)).toBe(true)
  })
})

describe('the samples table', () => {
  it('lists the best first by the metric\'s direction, without-value last, ties by sample', () => {
    const d = table()
    const all = passingRows(d, {})
    const m = d.axes[3]!
    expect(defaultOrder(m)).toBe('descending')
    expect(defaultOrder(d.axes[4]!)).toBe('ascending')
    const sorted = [...all].filter((r) => !Number.isNaN(m.values[r]!)).sort((a, b) => m.values[b]! - m.values[a]! || a - b)
    expect(topRows(d, all, m, 'descending', 10)).toEqual(sorted.slice(0, 10))
    const asc = [...all].filter((r) => !Number.isNaN(m.values[r]!)).sort((a, b) => m.values[a]! - m.values[b]! || a - b)
    expect(topRows(d, all, m, 'ascending', 7)).toEqual(asc.slice(0, 7))
    // only rows without a value: they come, in sample order
    const holes = Uint32Array.from([57, 7, 107])
    expect(topRows(d, holes, m, 'descending', 5)).toEqual([7, 57, 107])
    // ties: the choice knob has 200 rows per option
    expect(topRows(d, all, d.axes[2]!, 'descending', 3)).toEqual([4, 9, 14])
  })
})

describe('picking a point', () => {
  it('is the nearest passing point within the radius, or none', () => {
    const xs = Float32Array.from([10, 50, 52, 200])
    const ys = Float32Array.from([10, 50, 50, 200])
    expect(nearestRow(Uint32Array.from([0, 1, 2, 3]), xs, ys, 52.5, 50, 10)).toBe(2)
    expect(nearestRow(Uint32Array.from([0, 1, 3]), xs, ys, 52.5, 50, 10)).toBe(1)
    expect(nearestRow(Uint32Array.from([0, 1, 2, 3]), xs, ys, 120, 120, 10)).toBeNull()
  })
})
