import { useLayoutEffect, useMemo, useRef, useState } from 'react'
import { hash32 } from '../../../shared/sweep/random'
import { useWidth } from '../analysis/analysis-charts'
import type { ChartSpec } from '../../lib/chart-export'
import { ChartExportButtons } from '../../lib/chart-export-buttons'
import type { SweepAxis, SweepData } from './sweep-data'
import { axisMap, axisTicks, brushFilter, nearestRow, type AxisFilter, type AxisMap, type Filters } from './sweep-filter'
import { BIN_COLOURS, COLOUR_BINS, colourBin, NO_VALUE_COLOUR, OKABE_ITO, VIRIDIS_STOPS, hex } from './sweep-colour'
import { axisTitle, valueText } from './sweep-format'

/*
 * The sweep's two views, drawn on a canvas: a sweep has 10⁵–10⁶ rows, and as SVG that is as
 * many DOM nodes (seconds per redraw); on a canvas the scatter draws 10⁵ points in a few
 * milliseconds. uPlot was set aside: it draws x-aligned series, and neither a colour per
 * point nor parallel coordinates. Everything a person reads (axis names, ticks, the legend,
 * the brushes) is HTML over the canvas, so it is crisp, found by screen readers and tests;
 * filters are also set from the range inputs beside the charts, the keyboard route.
 */

/** Most lines the parallel coordinates draw; above it a fixed random subset is drawn (sweep-filter.ts, displayRows). */
export const PARALLEL_DRAW_LIMIT = 3000
/** Most points the scatter draws (a canvas draws this many in ~20 ms). */
export const SCATTER_DRAW_LIMIT = 100_000
/** Rows drawn in grey behind the passing ones, to show what the filters left out. */
export const CONTEXT_DRAW_LIMIT = 2000

/** Where t ∈ [0, 1] of the colour axis lands on the viridis stops: the darkest eighth is left out, as it vanishes on the app's dark panels. */
export const COLOUR_FLOOR = 0.125

/** A row's colour position on a numeric colour axis, or NaN. */
function colourUnit(map: AxisMap, v: number): number {
  const u = map.toUnit(v)
  return Number.isFinite(u) ? COLOUR_FLOOR + (1 - COLOUR_FLOOR) * Math.min(1, Math.max(0, u)) : Number.NaN
}

/** Groups rows by colour (one canvas path per group), in the order drawn: no-value first, then low to high. */
function colourGroups(rows: Uint32Array, colour: SweepAxis): Array<{ colour: string; rows: number[] }> {
  if (colour.categorical) {
    const groups = colour.categories.map((_, i) => ({ colour: OKABE_ITO[i % OKABE_ITO.length]!, rows: [] as number[] }))
    const none = { colour: NO_VALUE_COLOUR, rows: [] as number[] }
    for (const r of rows) (groups[colour.values[r]!] ?? none).rows.push(r)
    return [none, ...groups]
  }
  const map = axisMap(colour)
  const bins = Array.from({ length: COLOUR_BINS }, (_, i) => ({ colour: BIN_COLOURS[i]!, rows: [] as number[] }))
  const none = { colour: NO_VALUE_COLOUR, rows: [] as number[] }
  for (const r of rows) {
    const b = colourBin(colourUnit(map, colour.values[r]!))
    ;(b < 0 ? none : bins[b]!).rows.push(r)
  }
  return [none, ...bins]
}

/** A canvas sized to CSS pixels × the device pixel ratio, cleared, with its context scaled. */
function prepareCanvas(canvas: HTMLCanvasElement | null, width: number, height: number): CanvasRenderingContext2D | null {
  if (!canvas) return null
  const ratio = Math.min(3, window.devicePixelRatio || 1)
  const w = Math.round(width * ratio)
  const h = Math.round(height * ratio)
  if (canvas.width !== w) canvas.width = w
  if (canvas.height !== h) canvas.height = h
  const ctx = canvas.getContext('2d')
  if (!ctx) return null
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0)
  ctx.clearRect(0, 0, width, height)
  return ctx
}

/** The colour legend of the colour axis: a viridis bar with its ends, or one swatch per option. */
export function ColourLegend({ axis }: { readonly axis: SweepAxis }): React.JSX.Element {
  if (axis.categorical) {
    return (
      <ul className="sweep-legend sweep-legend-options" aria-label={`Colour: ${axisTitle(axis)}`}>
        {axis.categoryLabels.map((label, i) => (
          <li key={axis.categories[i]}><span className="sweep-swatch" style={{ background: OKABE_ITO[i % OKABE_ITO.length] }} aria-hidden="true" />{label}</li>
        ))}
      </ul>
    )
  }
  const stops = VIRIDIS_STOPS.map((_, i) => i / (VIRIDIS_STOPS.length - 1)).filter((t) => t >= COLOUR_FLOOR - 1e-9)
  const gradient = `linear-gradient(to right, ${stops.map((t) => `${hex(VIRIDIS_STOPS[Math.round(t * (VIRIDIS_STOPS.length - 1))]!)} ${(((t - COLOUR_FLOOR) / (1 - COLOUR_FLOOR)) * 100).toFixed(1)}%`).join(', ')})`
  const [lo, hi] = axis.domain
  return (
    <div className="sweep-legend" role="group" aria-label={`Colour: ${axisTitle(axis)}, from ${valueText(axis, lo)} to ${valueText(axis, hi)}`}>
      <span className="sweep-legend-end">{valueText(axis, lo)}</span>
      <span className="sweep-legend-bar" style={{ background: gradient }} aria-hidden="true" />
      <span className="sweep-legend-end">{valueText(axis, hi)}</span>
      {axis.scale === 'log' && <span className="sweep-legend-note">log scale</span>}
      <span className="sweep-legend-none"><span className="sweep-swatch" style={{ background: NO_VALUE_COLOUR }} aria-hidden="true" />no value</span>
    </div>
  )
}

/** Vertical pixel of a unit position on a parallel axis (high values at the top). */
function unitToY(u: number, top: number, plotH: number): number {
  return top + (1 - u) * plotH
}

/** The band of a filter on an axis, as unit positions [from, to] (one band per allowed option). */
function filterBands(axis: SweepAxis, filter: AxisFilter | undefined): Array<readonly [number, number]> {
  if (!filter) return []
  if (filter.kind === 'options') {
    const n = Math.max(1, axis.categories.length)
    return filter.allowed.map((i) => [i / n, (i + 1) / n] as const)
  }
  const m = axisMap(axis)
  const a = m.toUnit(filter.min)
  const b = m.toUnit(filter.max)
  const lo = Math.max(0, Math.min(1, Number.isFinite(a) ? a : 0))
  const hi = Math.max(0, Math.min(1, Number.isFinite(b) ? b : 1))
  return [[Math.min(lo, hi), Math.max(lo, hi)]]
}

/**
 * Parallel coordinates as an exportable chart: one line per drawn sample through its position
 * on each axis (0 = the axis's bottom, 1 = its top, as drawn: log axes by log position, a
 * choice knob by its option's slot); the CSV writes, per sample and axis, that position and
 * the value itself in the axis's unit (a choice knob's option index), one row per plotted point.
 */
export function parallelChartSpec(axes: ReadonlyArray<SweepAxis>, drawn: Uint32Array, sample: Float64Array | null): ChartSpec {
  const maps = axes.map(axisMap)
  const xs = axes.map((_, i) => i)
  return {
    title: `Parallel coordinates of ${axes.length} axes, ${drawn.length} samples`,
    xLabel: 'Axis (unit)',
    yLabel: 'Position on the axis (0 bottom to 1 top, dimensionless)',
    yRange: [0, 1],
    categories: axes.map(axisTitle),
    valueLabel: 'Value (in the axis unit; option index for a choice knob)',
    hideLegend: true,
    series: [...drawn].map((r) => ({
      label: `Sample ${sample ? sample[r]! : r}`,
      colour: '#0072B2',
      widthPx: 1,
      xs,
      ys: axes.map((a, i) => { const u = maps[i]!.toUnit(a.values[r]!); return Number.isFinite(u) ? u : null }),
      values: axes.map((a) => (Number.isFinite(a.values[r]!) ? a.values[r]! : null)),
    })),
  }
}

/**
 * Parallel coordinates: one vertical axis per knob or metric, one line per sample through
 * its values, coloured by the colour axis; samples the filters leave out are grey lines
 * behind. Dragging along an axis keeps that range (live); clicking an axis clears it.
 */
export function ParallelChart({ axes, rows, passMask, contextRows, colourAxis, filters, selectedRow, drawn, onBrush, sample = null }: {
  readonly axes: ReadonlyArray<SweepAxis>
  /** Each row's sample index (named in the export); the row number when not given. */
  readonly sample?: Float64Array | null
  /** Rows passing the filters. */
  readonly rows: Uint32Array
  /** 1 for a passing row. */
  readonly passMask: Uint8Array
  /** A fixed subset of all rows, drawn grey where they do not pass. */
  readonly contextRows: Uint32Array
  /** The passing rows to draw (all, or a subset of {@link PARALLEL_DRAW_LIMIT}). */
  readonly drawn: Uint32Array
  readonly colourAxis: SweepAxis
  readonly filters: Filters
  readonly selectedRow: number | null
  readonly onBrush: (key: string, filter: AxisFilter | null) => void
}): React.JSX.Element {
  const [hostRef, hostWidth] = useWidth<HTMLDivElement>(900)
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const drag = useRef<{ axis: number; y0: number; moved: boolean } | null>(null)
  const width = Math.max(320, hostWidth)
  // a third of the width, within what a 720 px high window leaves for it
  const height = Math.round(Math.max(220, Math.min(380, width * 0.3, window.innerHeight * 0.36)))
  const n = axes.length
  const margin = Math.min(90, width / (2 * Math.max(1, n)))
  const spacing = n > 1 ? (width - 2 * margin) / (n - 1) : 0
  const labelWidth = Math.max(40, Math.min(170, (n > 1 ? spacing : width) - 8))
  const top = 54
  const bottom = 14
  const plotH = height - top - bottom
  const xs = useMemo(() => axes.map((_, i) => (n > 1 ? margin + i * spacing : width / 2)), [axes, n, margin, spacing, width])
  const maps = useMemo(() => axes.map(axisMap), [axes])

  useLayoutEffect(() => {
    const ctx = prepareCanvas(canvasRef.current, width, height)
    if (!ctx || n === 0) return
    const line = (r: number): void => {
      let pen = false
      for (let i = 0; i < n; i++) {
        const u = maps[i]!.toUnit(axes[i]!.values[r]!)
        if (!Number.isFinite(u)) { pen = false; continue }
        const y = unitToY(u, top, plotH)
        if (pen) ctx.lineTo(xs[i]!, y)
        else ctx.moveTo(xs[i]!, y)
        pen = true
      }
    }
    // grey context: rows the filters leave out
    ctx.lineWidth = 1
    ctx.strokeStyle = 'rgba(140, 150, 170, 0.18)'
    ctx.beginPath()
    for (const r of contextRows) if (passMask[r] === 0) line(r)
    ctx.stroke()
    ctx.globalAlpha = drawn.length > 1500 ? 0.35 : drawn.length > 300 ? 0.55 : 0.85
    for (const g of colourGroups(drawn, colourAxis)) {
      if (g.rows.length === 0) continue
      ctx.strokeStyle = g.colour
      ctx.beginPath()
      for (const r of g.rows) line(r)
      ctx.stroke()
    }
    ctx.globalAlpha = 1
    if (selectedRow !== null) {
      ctx.lineWidth = 5
      ctx.strokeStyle = '#000000'
      ctx.beginPath()
      line(selectedRow)
      ctx.stroke()
      ctx.lineWidth = 2.5
      ctx.strokeStyle = '#ffffff'
      ctx.beginPath()
      line(selectedRow)
      ctx.stroke()
    }
    // the axes themselves
    ctx.lineWidth = 1
    ctx.strokeStyle = '#c8d0dc'
    ctx.beginPath()
    for (const x of xs) { ctx.moveTo(x + 0.5, top); ctx.lineTo(x + 0.5, top + plotH) }
    ctx.stroke()
  }, [axes, maps, xs, width, height, plotH, n, contextRows, passMask, drawn, colourAxis, selectedRow])

  const local = (e: React.PointerEvent): { x: number; y: number } => {
    const r = e.currentTarget.getBoundingClientRect()
    return { x: e.clientX - r.left, y: e.clientY - r.top }
  }
  const unitAt = (y: number): number => Math.max(0, Math.min(1, 1 - (y - top) / plotH))
  const onDown = (e: React.PointerEvent<HTMLDivElement>): void => {
    const { x, y } = local(e)
    if (y < top - 8 || y > top + plotH + 8) return
    let best = -1
    let bestD = 18
    xs.forEach((ax, i) => { const d = Math.abs(ax - x); if (d < bestD) { bestD = d; best = i } })
    if (best < 0) return
    e.currentTarget.setPointerCapture?.(e.pointerId)
    drag.current = { axis: best, y0: y, moved: false }
  }
  const onMove = (e: React.PointerEvent<HTMLDivElement>): void => {
    const d = drag.current
    if (!d) return
    const { y } = local(e)
    if (!d.moved && Math.abs(y - d.y0) < 4) return
    d.moved = true
    const axis = axes[d.axis]!
    const f = brushFilter(axis, unitAt(d.y0), unitAt(y))
    if (f) onBrush(axis.key, f)
  }
  const onUp = (): void => {
    const d = drag.current
    drag.current = null
    if (d && !d.moved) onBrush(axes[d.axis]!.key, null)
  }

  const passing = rows.length
  return (
    <figure className="sweep-chart sweep-parallel" data-drawn={drawn.length} data-passing={passing}>
      <div ref={hostRef} className="sweep-plot" style={{ height }}
        onPointerDown={onDown} onPointerMove={onMove} onPointerUp={onUp} onPointerCancel={() => { drag.current = null }}
      >
        <canvas ref={canvasRef} style={{ width, height }} role="img"
          aria-label={`Parallel coordinates of ${n} axes: ${drawn.length.toLocaleString('en-US')} of ${passing.toLocaleString('en-US')} passing samples drawn as lines`}
        />
        {axes.map((a, i) => (
          <div key={a.key} className="pc-axis" data-axis={a.key} style={{ left: xs[i], top: 0, height }}>
            <span className="pc-axis-label" title={axisTitle(a)} style={{ width: labelWidth, left: -labelWidth / 2 }}>
              {axisTitle(a)}{a.scale === 'log' ? ' · log' : ''}
            </span>
            {filterBands(a, filters[a.key]).map(([u0, u1], j) => (
              <span key={j} className="pc-brush" style={{ top: unitToY(u1, top, plotH), height: Math.max(2, (u1 - u0) * plotH) }} aria-hidden="true" />
            ))}
            {axisTicks(a, 4).map((v) => {
              const u = axisMap(a).toUnit(v)
              return Number.isFinite(u) && (
                <span key={v} className="pc-tick" style={{ top: unitToY(u, top, plotH), maxWidth: Math.max(30, spacing - 14) }}>{valueText(a, v)}</span>
              )
            })}
          </div>
        ))}
      </div>
      <ChartExportButtons name="parallel coordinates" spec={() => parallelChartSpec(axes, drawn, sample)} />
    </figure>
  )
}

/** Grey of the points the filters leave out. */
const CONTEXT_FILL = 'rgba(140, 150, 170, 0.35)'

/**
 * Above this many points the scatter writes pixels into an ImageData instead of one
 * fillRect per point: Chromium's software canvas spends ~0.5 µs a fillRect, so 10⁵ points
 * cost ~50 ms a frame; writing their pixels costs a few.
 */
const PIXEL_DRAW_FROM = 5000

/** sRGB bytes and alpha of '#rrggbb' or 'rgba(r, g, b, a)'. */
function rgba(colour: string): [number, number, number, number] {
  if (colour.startsWith('#')) return [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16)).concat(255) as [number, number, number, number]
  const m = /rgba\((\d+),\s*(\d+),\s*(\d+),\s*([\d.]+)\)/.exec(colour)!
  return [Number(m[1]), Number(m[2]), Number(m[3]), Math.round(Number(m[4]) * 255)]
}

/** Draws the scatter's points as squares of pixels: grey context first, then the colour groups in order (later ones on top). */
function drawPointsAsPixels(
  ctx: CanvasRenderingContext2D, canvas: HTMLCanvasElement, positions: { xPx: Float32Array; yPx: Float32Array },
  contextRows: Uint32Array, passMask: Uint8Array, groups: ReadonlyArray<{ colour: string; rows: number[] }>, sizeCss: number,
): void {
  const w = canvas.width
  const h = canvas.height
  const ratio = w / Math.max(1, canvas.clientWidth || w)
  const image = ctx.createImageData(w, h)
  const px = image.data
  const square = (r: number, s: number, c: readonly [number, number, number, number]): void => {
    const x = positions.xPx[r]!
    const y = positions.yPx[r]!
    if (!Number.isFinite(x) || !Number.isFinite(y)) return
    const x0 = Math.max(0, Math.round(x * ratio - s / 2))
    const y0 = Math.max(0, Math.round(y * ratio - s / 2))
    const x1 = Math.min(w, x0 + s)
    const y1 = Math.min(h, y0 + s)
    for (let yy = y0; yy < y1; yy++) {
      let i = (yy * w + x0) * 4
      for (let xx = x0; xx < x1; xx++, i += 4) { px[i] = c[0]; px[i + 1] = c[1]; px[i + 2] = c[2]; px[i + 3] = c[3] }
    }
  }
  const grey = rgba(CONTEXT_FILL)
  const greySize = Math.max(1, Math.round(2 * ratio))
  for (const r of contextRows) if (passMask[r] === 0) square(r, greySize, grey)
  const s = Math.max(1, Math.round(sizeCss * ratio))
  for (const g of groups) {
    if (g.rows.length === 0) continue
    const c = rgba(g.colour)
    for (const r of g.rows) square(r, s, c)
  }
  ctx.putImageData(image, 0, 0)
}

/** Unit offset of a point on a choice axis, so samples of one option spread over its band instead of stacking. */
function jitter(sample: number, salt: number, n: number): number {
  return ((hash32(0x6a17, sample, salt) / 4294967296) - 0.5) * (0.6 / Math.max(1, n))
}

/**
 * The scatter as an exportable chart: the samples it draws (those passing the filters, up to
 * {@link SCATTER_DRAW_LIMIT}) at their values, one CSV row per point.
 *
 * A choice knob on x becomes a categorical axis of its option names; on y the option's index
 * is written and the axis title says which index is which. Log scale is kept on y; x is
 * drawn linear in the export (the title says so), the values are the same.
 */
export function scatterChartSpec(xAxis: SweepAxis, yAxis: SweepAxis, drawn: Uint32Array, fileName: string): ChartSpec {
  const xs: number[] = []
  const ys: number[] = []
  for (const r of drawn) {
    xs.push(xAxis.values[r]!)
    ys.push(yAxis.values[r]!)
  }
  const yTitle = yAxis.categorical ? `${axisTitle(yAxis)} (option: ${yAxis.categoryLabels.map((l, i) => `${i} = ${l}`).join('; ')})` : axisTitle(yAxis)
  return {
    title: `Sweep ${fileName}: ${axisTitle(yAxis)} against ${axisTitle(xAxis)}`,
    xLabel: axisTitle(xAxis),
    yLabel: yTitle,
    ...(yAxis.scale === 'log' && !yAxis.categorical ? { yLog: true } : {}),
    ...(xAxis.categorical ? { categories: xAxis.categoryLabels } : {}),
    series: [{ label: 'Samples passing the filters', colour: '#0072B2', kind: 'points', xs, ys }],
  }
}

/**
 * Scatter of two axes, points coloured by the colour axis; samples the filters leave out are
 * grey behind. Clicking a point selects its sample; dragging a rectangle keeps both ranges.
 */
export function ScatterPlot({ data, xAxis, yAxis, colourAxis, passMask, contextRows, drawn, selectedRow, onSelect, onBrush }: {
  readonly data: SweepData
  readonly xAxis: SweepAxis
  readonly yAxis: SweepAxis
  readonly colourAxis: SweepAxis
  readonly passMask: Uint8Array
  readonly contextRows: Uint32Array
  /** The passing rows to draw (all up to {@link SCATTER_DRAW_LIMIT}). */
  readonly drawn: Uint32Array
  readonly selectedRow: number | null
  readonly onSelect: (row: number | null) => void
  readonly onBrush: (x: { key: string; filter: AxisFilter | null }, y: { key: string; filter: AxisFilter | null }) => void
}): React.JSX.Element {
  const [hostRef, hostWidth] = useWidth<HTMLDivElement>(560)
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const [band, setBand] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null)
  const width = Math.max(280, hostWidth)
  const height = Math.round(Math.max(220, Math.min(440, width * 0.62, window.innerHeight * 0.45)))
  const pad = { left: 64, right: 14, top: 12, bottom: 30 }
  const plotW = width - pad.left - pad.right
  const plotH = height - pad.top - pad.bottom
  const xMap = useMemo(() => axisMap(xAxis), [xAxis])
  const yMap = useMemo(() => axisMap(yAxis), [yAxis])

  // every row's pixel position (NaN where it has no value on an axis), for drawing and picking
  const positions = useMemo(() => {
    const xPx = new Float32Array(data.rows)
    const yPx = new Float32Array(data.rows)
    const nx = xAxis.categories.length
    const ny = yAxis.categories.length
    for (let r = 0; r < data.rows; r++) {
      let ux = xMap.toUnit(xAxis.values[r]!)
      let uy = yMap.toUnit(yAxis.values[r]!)
      if (xAxis.categorical) ux += jitter(data.sample[r]!, 1, nx)
      if (yAxis.categorical) uy += jitter(data.sample[r]!, 2, ny)
      xPx[r] = pad.left + ux * plotW
      yPx[r] = pad.top + (1 - uy) * plotH
    }
    return { xPx, yPx }
  }, [data, xAxis, yAxis, xMap, yMap, plotW, plotH, pad.left, pad.top])

  useLayoutEffect(() => {
    const canvas = canvasRef.current
    const ctx = prepareCanvas(canvas, width, height)
    if (!ctx || !canvas) return
    const { xPx, yPx } = positions
    const size = drawn.length > 20_000 ? 2 : drawn.length > 2000 ? 3 : 5
    if (drawn.length > PIXEL_DRAW_FROM) {
      drawPointsAsPixels(ctx, canvas, positions, contextRows, passMask, colourGroups(drawn, colourAxis), size)
    } else {
      ctx.fillStyle = CONTEXT_FILL
      for (const r of contextRows) {
        if (passMask[r] === 1) continue
        const x = xPx[r]!
        const y = yPx[r]!
        if (Number.isFinite(x) && Number.isFinite(y)) ctx.fillRect(x - 1, y - 1, 2, 2)
      }
      const half = size / 2
      for (const g of colourGroups(drawn, colourAxis)) {
        if (g.rows.length === 0) continue
        ctx.fillStyle = g.colour
        for (const r of g.rows) {
          const x = xPx[r]!
          const y = yPx[r]!
          if (Number.isFinite(x) && Number.isFinite(y)) ctx.fillRect(x - half, y - half, size, size)
        }
      }
    }
    ctx.strokeStyle = '#2a3447'
    ctx.lineWidth = 1
    ctx.strokeRect(pad.left + 0.5, pad.top + 0.5, plotW, plotH)
    if (selectedRow !== null && Number.isFinite(xPx[selectedRow]!) && Number.isFinite(yPx[selectedRow]!)) {
      ctx.lineWidth = 2
      ctx.strokeStyle = '#000000'
      ctx.beginPath()
      ctx.arc(xPx[selectedRow]!, yPx[selectedRow]!, 7, 0, 2 * Math.PI)
      ctx.stroke()
      ctx.strokeStyle = '#ffffff'
      ctx.beginPath()
      ctx.arc(xPx[selectedRow]!, yPx[selectedRow]!, 5.5, 0, 2 * Math.PI)
      ctx.stroke()
    }
  }, [positions, width, height, plotW, plotH, pad.left, pad.top, contextRows, passMask, drawn, colourAxis, selectedRow])

  const start = useRef<{ x: number; y: number } | null>(null)
  const local = (e: React.PointerEvent): { x: number; y: number } => {
    const r = e.currentTarget.getBoundingClientRect()
    return { x: e.clientX - r.left, y: e.clientY - r.top }
  }
  const ux = (x: number): number => (x - pad.left) / plotW
  const uy = (y: number): number => 1 - (y - pad.top) / plotH
  const onDown = (e: React.PointerEvent<HTMLDivElement>): void => {
    const p = local(e)
    if (p.x < pad.left || p.x > pad.left + plotW || p.y < pad.top || p.y > pad.top + plotH) return
    e.currentTarget.setPointerCapture?.(e.pointerId)
    start.current = p
  }
  const onMove = (e: React.PointerEvent<HTMLDivElement>): void => {
    const s = start.current
    if (!s) return
    const p = local(e)
    if (Math.abs(p.x - s.x) + Math.abs(p.y - s.y) > 4) setBand({ x0: s.x, y0: s.y, x1: p.x, y1: p.y })
  }
  const onUp = (e: React.PointerEvent<HTMLDivElement>): void => {
    const s = start.current
    start.current = null
    setBand(null)
    if (!s) return
    const p = local(e)
    if (Math.abs(p.x - s.x) + Math.abs(p.y - s.y) <= 4) {
      onSelect(nearestRow(drawn, positions.xPx, positions.yPx, p.x, p.y, 10))
      return
    }
    onBrush({ key: xAxis.key, filter: brushFilter(xAxis, ux(s.x), ux(p.x)) }, { key: yAxis.key, filter: brushFilter(yAxis, uy(s.y), uy(p.y)) })
  }

  const xTicks = axisTicks(xAxis, Math.max(3, Math.floor(plotW / 110)))
  const yTicks = axisTicks(yAxis, Math.max(3, Math.floor(plotH / 60)))
  return (
    <figure className="sweep-chart sweep-scatter" data-drawn={drawn.length}>
      <p className="sweep-scatter-ytitle">↑ {axisTitle(yAxis)}{yAxis.scale === 'log' ? ' · log scale' : ''}</p>
      <div ref={hostRef} className="sweep-plot" style={{ height }}
        onPointerDown={onDown} onPointerMove={onMove} onPointerUp={onUp} onPointerCancel={() => { start.current = null; setBand(null) }}
      >
        <canvas ref={canvasRef} style={{ width, height }} role="img"
          aria-label={`Scatter of ${axisTitle(yAxis)} against ${axisTitle(xAxis)}: ${drawn.length.toLocaleString('en-US')} samples, coloured by ${axisTitle(colourAxis)}`}
        />
        {xTicks.map((v) => {
          const u = xMap.toUnit(v)
          return Number.isFinite(u) && <span key={`x${v}`} className="sc-tick sc-tick-x" style={{ left: pad.left + u * plotW, top: pad.top + plotH + 4 }}>{valueText(xAxis, v)}</span>
        })}
        {yTicks.map((v) => {
          const u = yMap.toUnit(v)
          return Number.isFinite(u) && <span key={`y${v}`} className="sc-tick sc-tick-y" style={{ right: width - pad.left + 6, top: pad.top + (1 - u) * plotH }}>{valueText(yAxis, v)}</span>
        })}
        {band && (
          <span className="sc-band" aria-hidden="true" style={{
            left: Math.min(band.x0, band.x1), top: Math.min(band.y0, band.y1), width: Math.abs(band.x1 - band.x0), height: Math.abs(band.y1 - band.y0),
          }} />
        )}
      </div>
      <p className="sweep-scatter-xtitle">{axisTitle(xAxis)}{xAxis.scale === 'log' ? ' · log scale' : ''} →</p>
      <ChartExportButtons name="sweep scatter" spec={() => scatterChartSpec(xAxis, yAxis, drawn, data.fileName)} />
    </figure>
  )
}
