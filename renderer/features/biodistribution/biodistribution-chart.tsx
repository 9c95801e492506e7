import { useEffect, useRef, useState } from 'react'
import type uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { AXIS_STYLE } from '../../lib/chart-export'
import { chartFontScale, chartHeightPx, rootFontPx, scaledAxes } from '../release/uplot-chart'
import type { ChartModel } from './biodistribution-model'

/** Props of {@link BiodistributionChart}. */
export interface BiodistributionChartProps {
  readonly model: ChartModel
  readonly logScale: boolean
  /** Accessible name of the chart (what it shows, with units). */
  readonly label: string
  /** Measured in-vivo points drawn over the curves (ring, with an SD bar when known). */
  readonly measured?: ReadonlyArray<MeasuredPoint>
}

/** One measured point of the overlay, % of injected dose at a time, in its tissue's colour. */
export interface MeasuredPoint {
  readonly timeH: number
  readonly percentDose: number
  readonly sdPercentDose: number | null
  readonly colour: string
  /** Series name in exports ("Liver, measured"). */
  readonly label?: string
}

/**
 * Draws measured points as filled squares with vertical SD bars (clipped to the plot).
 *
 * Why a draw hook rather than series: measured times are not on the engine's output grid,
 * and uPlot series share one x array.
 */
export function drawMeasuredPoints(points: ReadonlyArray<MeasuredPoint>, logScale: boolean): (u: uPlot) => void {
  return (u) => {
    const ctx = u.ctx
    const px = devicePixelRatio || 1
    const floor = (v: number): number => (logScale ? Math.max(v, 1e-3) : v)
    ctx.save()
    ctx.beginPath()
    ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height)
    ctx.clip()
    for (const p of points) {
      const x = u.valToPos(p.timeH, 'x', true)
      const y = u.valToPos(floor(p.percentDose), 'y', true)
      ctx.strokeStyle = p.colour
      ctx.fillStyle = p.colour
      ctx.lineWidth = 1.5 * px
      if (p.sdPercentDose !== null && p.sdPercentDose > 0) {
        const top = u.valToPos(floor(p.percentDose + p.sdPercentDose), 'y', true)
        const bottom = u.valToPos(floor(p.percentDose - p.sdPercentDose), 'y', true)
        ctx.beginPath()
        ctx.moveTo(x, top)
        ctx.lineTo(x, bottom)
        ctx.moveTo(x - 4 * px, top)
        ctx.lineTo(x + 4 * px, top)
        ctx.moveTo(x - 4 * px, bottom)
        ctx.lineTo(x + 4 * px, bottom)
        ctx.stroke()
      }
      ctx.fillRect(x - 4 * px, y - 4 * px, 8 * px, 8 * px)
    }
    ctx.restore()
  }
}

const NO_POINTS: ReadonlyArray<MeasuredPoint> = []

let uplotModule: Promise<typeof uPlot> | null = null

/**
 * Loads uPlot on first use. Why lazily: uPlot touches `matchMedia` when its module loads, so
 * a static import would break any DOM without it (jsdom component tests), and the chart code
 * only loads when the Biodistribution tab opens.
 */
function loadUplot(): Promise<typeof uPlot> {
  uplotModule ??= import('uplot').then((m) => m.default)
  return uplotModule
}

/** True where uPlot can draw (a real browser; jsdom has neither matchMedia nor a 2D canvas). */
function canDraw(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
}

/** Hex colour with an alpha, for band fills. */
function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16)
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`
}

function buildOptions(model: ChartModel, logScale: boolean, width: number, height: number, measured: ReadonlyArray<MeasuredPoint>): uPlot.Options {
  // Measured points (with their SD bar) stay inside the linear axis even above every curve.
  const measuredTop = measured.reduce((m, p) => Math.max(m, p.percentDose + (p.sdPercentDose ?? 0)), 0)
  return {
    width,
    height,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false }, y: logScale ? { distr: 3 } : { range: (_u, _min, max) => [0, Math.max(1, max * 1.05, measuredTop * 1.05)] } },
    axes: [
      { label: 'Time (h)', ...AXIS_STYLE, labelSize: 22 },
      { label: '% of injected dose', ...AXIS_STYLE, size: 64, labelSize: 22 },
    ],
    series: [
      { label: 'Time (h)' },
      ...model.series.map((s) => ({
        label: s.label,
        stroke: s.kind === 'upper' || s.kind === 'lower' ? withAlpha(s.colour, 0.35) : s.colour,
        width: s.width,
        points: { show: false },
        ...(s.dash ? { dash: [...s.dash] } : {}),
      })),
    ],
    bands: model.bands.map((b) => ({ series: [b.upper, b.lower] as [number, number], fill: withAlpha(b.colour, 0.28) })),
    ...(measured.length > 0 ? { hooks: { draw: [drawMeasuredPoints(measured, logScale)] } } : {}),
  }
}

/**
 * The biodistribution chart: % of injected dose per tissue over time, drawn with uPlot
 * (canvas, fast enough to redraw on every live estimate). The canvas is hidden from
 * assistive technology behind a labelled figure; the numbers table next to it is the text
 * equivalent.
 */
export function BiodistributionChart({ model, logScale, label, measured = NO_POINTS }: BiodistributionChartProps): React.JSX.Element {
  const host = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  const caption = useRef<HTMLElement>(null)
  const [size, setSize] = useState<{ width: number; height: number }>({ width: 640, height: 220 })

  useEffect(() => {
    const el = host.current
    if (!el || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect
      if (!box) return
      const width = Math.max(280, Math.floor(box.width))
      setSize((s) => (s.width === width ? s : { width, height: chartHeightPx(width, 220) }))
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [])

  useEffect(() => {
    const el = host.current
    if (!el || !canDraw()) return
    let live = true
    const fail = (error: unknown): void => {
      // Never lose the numbers: say why the picture is missing; the table stays.
      if (!caption.current) return
      caption.current.hidden = false
      caption.current.textContent = `Chart unavailable (${error instanceof Error ? error.message : String(error)}); the table below has every number.`
    }
    loadUplot().then((UPlot) => {
      if (!live) return
      plot.current?.destroy()
      const options = buildOptions(model, logScale, size.width, size.height, measured)
      // Axis type follows the app's type size (larger above 1920 px), as the release chart's.
      const scaled = { ...options, axes: scaledAxes(options.axes ?? [], chartFontScale(rootFontPx())) }
      plot.current = new UPlot(scaled, model.data as uPlot.AlignedData, el)
      el.dataset.drawn = String(Number(el.dataset.drawn ?? '0') + 1)
      if (caption.current) caption.current.hidden = true
    }).catch((error: unknown) => {
      plot.current = null
      fail(error)
    })
    return () => {
      live = false
    }
  }, [model, logScale, size, measured])

  useEffect(() => () => {
    plot.current?.destroy()
    plot.current = null
  }, [])

  return (
    <figure className="bd-chart" role="img" aria-label={label}>
      <div ref={host} className="bd-chart-host" data-series={model.series.length} data-bands={model.bands.length} data-measured-points={measured.length} />
      <figcaption ref={caption} className="estimate-note" hidden />
    </figure>
  )
}
