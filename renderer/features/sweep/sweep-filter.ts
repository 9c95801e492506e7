/**
 * The sweep viewer's selection model, as pure functions of a {@link SweepData}: which rows
 * pass the filters (a range on a numeric axis, a set of options on a choice knob), how an
 * axis maps values to [0, 1] and back (linear or log, as the knob was sampled), which rows
 * are drawn when there are too many lines to draw, and which rows the table lists first.
 *
 * Why apart from the components: what a filter keeps is what the scientist concludes from,
 * so it is tested on its own (tests/unit/renderer/sweep), and the canvases only draw.
 */
import { hash32 } from '../../../shared/sweep/random'
import type { SweepAxis, SweepData } from './sweep-data'

/** A filter on one axis: a closed range of values, or the allowed options of a choice knob. */
export type AxisFilter =
  | { readonly kind: 'range'; readonly min: number; readonly max: number }
  | { readonly kind: 'options'; readonly allowed: ReadonlyArray<number> }

/** Filters by axis key; an axis without an entry is not filtered. */
export type Filters = Readonly<Record<string, AxisFilter>>

/** A range filter with its ends in order (a brush dragged upwards gives them reversed). */
export function rangeFilter(a: number, b: number): AxisFilter {
  return { kind: 'range', min: Math.min(a, b), max: Math.max(a, b) }
}

/**
 * The rows that pass every filter, in row order. A row without a value on a filtered axis
 * (a failed sample's metric) does not pass: it cannot be said to lie in the range.
 */
export function passingRows(data: SweepData, filters: Filters): Uint32Array {
  const active: Array<{ values: Float64Array; test: (v: number) => boolean }> = []
  for (const axis of data.axes) {
    const f = filters[axis.key]
    if (!f) continue
    if (f.kind === 'range') {
      const { min, max } = f
      active.push({ values: axis.values, test: (v) => v >= min && v <= max })
    } else {
      const allowed = new Uint8Array(Math.max(1, axis.categories.length))
      for (const i of f.allowed) if (i >= 0 && i < allowed.length) allowed[i] = 1
      active.push({ values: axis.values, test: (v) => allowed[v] === 1 })
    }
  }
  const out = new Uint32Array(data.rows)
  let n = 0
  rows: for (let r = 0; r < data.rows; r++) {
    for (const a of active) if (!a.test(a.values[r]!)) continue rows
    out[n++] = r
  }
  return out.slice(0, n)
}

/** How an axis maps values onto [0, 1]. */
export interface AxisMap {
  /** A value's position on the axis, 0 at the low end; NaN for no value. */
  toUnit(value: number): number
  /** The value at a position (the inverse of `toUnit` on numeric axes). */
  fromUnit(u: number): number
}

/**
 * The axis of a knob or metric: a choice knob puts option i at the middle of its band,
 * (i + ½)/n; a log axis maps log(value) linearly (a knob sampled log-uniformly, a metric
 * spanning decades); an axis whose values are all equal puts them in the middle.
 */
export function axisMap(axis: SweepAxis): AxisMap {
  if (axis.categorical) {
    const n = Math.max(1, axis.categories.length)
    return { toUnit: (v) => (v + 0.5) / n, fromUnit: (u) => Math.min(n - 1, Math.max(0, Math.floor(u * n))) }
  }
  const [lo, hi] = axis.domain
  if (!(hi > lo)) return { toUnit: (v) => (Number.isNaN(v) ? Number.NaN : 0.5), fromUnit: () => lo }
  if (axis.scale === 'log' && lo > 0) {
    const l0 = Math.log(lo)
    const span = Math.log(hi) - l0
    return { toUnit: (v) => (Math.log(v) - l0) / span, fromUnit: (u) => Math.exp(l0 + u * span) }
  }
  return { toUnit: (v) => (v - lo) / (hi - lo), fromUnit: (u) => lo + u * (hi - lo) }
}

/** The options of a choice knob whose bands a brush from u0 to u1 (either order) touches. */
export function optionsInBrush(axis: SweepAxis, u0: number, u1: number): number[] {
  const n = axis.categories.length
  const lo = Math.max(0, Math.min(u0, u1))
  const hi = Math.min(1, Math.max(u0, u1))
  const out: number[] = []
  // option i's band is [i/n, (i+1)/n]; a brush touching its middle third takes it
  for (let i = 0; i < n; i++) if (hi >= (i + 1 / 3) / n && lo <= (i + 2 / 3) / n) out.push(i)
  return out
}

/** The filter a brush from u0 to u1 on an axis makes, or null when it selects nothing (a click). */
export function brushFilter(axis: SweepAxis, u0: number, u1: number): AxisFilter | null {
  if (Math.abs(u1 - u0) < 0.01) return null
  if (axis.categorical) {
    const allowed = optionsInBrush(axis, u0, u1)
    return allowed.length > 0 ? { kind: 'options', allowed } : null
  }
  const m = axisMap(axis)
  return rangeFilter(m.fromUnit(Math.max(0, Math.min(1, u0))), m.fromUnit(Math.max(0, Math.min(1, u1))))
}

/**
 * The rows to draw when `rows` holds more than `limit`: each row is kept when a hash of its
 * sample index falls below limit/count, so about `limit` rows stay (a binomial count: within
 * 4·√limit of it all but never), spread over the whole table without regard to order (a
 * stride would alias with a grid's levels). The choice depends only on the sample index and
 * the count, so a narrower filter keeps every drawn row that still passes: lines do not jump
 * while a brush is dragged. Not cut at exactly `limit`, as a cut would break that.
 */
export function displayRows(data: SweepData, rows: Uint32Array, limit: number): Uint32Array {
  if (rows.length <= limit) return rows
  const threshold = (limit / rows.length) * 4294967296
  const out = new Uint32Array(rows.length)
  let n = 0
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!
    if (hash32(DISPLAY_SEED, data.sample[r]!, 0) < threshold) out[n++] = r
  }
  return out.slice(0, n)
}

/** Key of the display hash (any fixed number: it only decides which lines are drawn). */
const DISPLAY_SEED = 0x5eed

/** Which end of an axis the table lists first. */
export type SortOrder = 'ascending' | 'descending'

/** The order a metric's best rows come first in: lowest first for a metric where lower is better. */
export function defaultOrder(axis: SweepAxis): SortOrder {
  return axis.direction === 'lower' ? 'ascending' : 'descending'
}

/**
 * The first `count` of `rows` sorted by an axis (rows without a value last), ties by sample
 * index. Linear in the rows: a sorted list of `count` is kept, not the whole table sorted.
 */
export function topRows(data: SweepData, rows: Uint32Array, axis: SweepAxis, order: SortOrder, count: number): number[] {
  const values = axis.values
  const sign = order === 'ascending' ? 1 : -1
  const before = (a: number, b: number): boolean => {
    const va = values[a]!
    const vb = values[b]!
    if (Number.isNaN(va) !== Number.isNaN(vb)) return Number.isNaN(vb)
    if (!Number.isNaN(va) && va !== vb) return sign * (va - vb) < 0
    return data.sample[a]! < data.sample[b]!
  }
  const best: number[] = []
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!
    if (best.length === count && !before(r, best[best.length - 1]!)) continue
    let at = best.length
    while (at > 0 && before(r, best[at - 1]!)) at--
    best.splice(at, 0, r)
    if (best.length > count) best.pop()
  }
  return best
}

/** Ticks of an axis: round values inside its domain (1-2-5 steps, or decades on a log axis). */
export function axisTicks(axis: SweepAxis, count = 5): number[] {
  if (axis.categorical) return axis.categories.map((_, i) => i)
  const [lo, hi] = axis.domain
  if (!(hi > lo)) return [lo]
  if (axis.scale === 'log' && lo > 0) {
    const out: number[] = []
    const e0 = Math.floor(Math.log10(lo))
    const e1 = Math.ceil(Math.log10(hi))
    const mantissas = e1 - e0 <= 2 ? [1, 2, 5] : [1]
    const stride = Math.max(1, Math.ceil((e1 - e0 + 1) / (count + 1)))
    for (let e = e0; e <= e1; e += mantissas.length === 1 ? stride : 1) {
      for (const m of mantissas) {
        const v = Number((m * 10 ** e).toPrecision(12))
        if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v)
      }
    }
    return out.length >= 2 ? out : [lo, hi]
  }
  const raw = (hi - lo) / Math.max(1, count)
  const mag = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 5, 10].map((m) => m * mag).reduce((best, s) => (Math.abs((hi - lo) / s - count) < Math.abs((hi - lo) / best - count) ? s : best))
  const out: number[] = []
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)))
  return out
}

/** The row whose point lies nearest (px, py) within `radiusPx`, or null; points as [x, y] per row. */
export function nearestRow(rows: Uint32Array, xPx: Float32Array, yPx: Float32Array, px: number, py: number, radiusPx: number): number | null {
  let best: number | null = null
  let bestD = radiusPx * radiusPx
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!
    const dx = xPx[r]! - px
    const dy = yPx[r]! - py
    const d = dx * dx + dy * dy
    if (d <= bestD) { bestD = d; best = r }
  }
  return best
}
