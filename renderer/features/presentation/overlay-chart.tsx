import { useLayoutEffect, useRef, useState } from 'react'
import type { DesignSimulation } from '../../../shared/engine/simulate'
import { DESIGN_SERIES_COLOURS, CHART_AXIS_COLOUR, CHART_GRID_COLOUR } from '../../lib/palette'
import { tickText, type ChartSpec } from '../../lib/chart-export'
import { ChartExportButtons } from '../../lib/chart-export-buttons'
import { niceMax, SERIES_DASHES } from '../compare/curve-chart'
import { targetKeys, targetLabel } from '../biodistribution/biodistribution-model'

/** One design's curve in the side-by-side chart. */
export interface OverlaySeries {
  readonly name: string
  readonly colour: string
  readonly dash: string
  readonly timesH: ReadonlyArray<number>
  readonly percentDose: ReadonlyArray<number>
}

/** What the side-by-side chart draws: a title, the y axis title, one curve per design with a target. */
export interface OverlayModel {
  readonly title: string
  readonly yTitle: string
  readonly series: ReadonlyArray<OverlaySeries>
  /** Designs left out (no target tissue for their disease and goal), by name. */
  readonly without: ReadonlyArray<string>
}

/** Colour and dash of the design at `index` side by side: the compare dialog's series, so a design looks the same in both. */
export function designSeriesStyle(index: number): { readonly colour: string; readonly dash: string } {
  return { colour: DESIGN_SERIES_COLOURS[index % DESIGN_SERIES_COLOURS.length]!, dash: SERIES_DASHES[index % SERIES_DASHES.length]! }
}

/**
 * The one chart of presentation's side by side: particles in each design's target over time
 * (% of injected dose; the sum of liver and spleen for a tolerance target), overlaid.
 *
 * Why this curve: the target AUC, the selectivity index and the drug released in the target
 * shown on the cards are all read off it, so the chart shows where the numbers come from and
 * when the designs part ways (early uptake or long circulation). When the designs have
 * different targets, each legend entry names its own target instead of pretending they share one.
 */
export function targetOverlay(designs: ReadonlyArray<{ readonly name: string; readonly simulation: DesignSimulation | null }>): OverlayModel {
  const targets = new Set(designs.flatMap((d) => (d.simulation ? [d.simulation.selectivity.targetTissue] : [])))
  const shared = targets.size === 1 ? [...targets][0]! : undefined
  const series: OverlaySeries[] = []
  const without: string[] = []
  designs.forEach((d, i) => {
    if (!d.simulation) return
    const target = d.simulation.selectivity.targetTissue
    const keys = targetKeys(target)
    if (keys.length === 0) {
      without.push(d.name)
      return
    }
    const bio = d.simulation.biodistribution
    const percentDose = bio.timesH.map((_, j) => keys.reduce((sum, k) => sum + (bio.percentDose[k][j] ?? Number.NaN), 0))
    series.push({ name: shared === undefined ? `${d.name} (${targetLabel(target)})` : d.name, ...designSeriesStyle(i), timesH: bio.timesH, percentDose })
  })
  const where = shared === undefined || shared === null ? 'the target' : targetLabel(shared).toLowerCase()
  return { title: `Particles in ${where} over time`, yTitle: '% of injected dose', series, without }
}

/**
 * The side-by-side chart as an exportable chart: the curves the chart draws (times up to the
 * shown horizon), each in its design's colour and dash, with the unit on the y axis title.
 */
export function overlayChartSpec(model: OverlayModel, hours: number): ChartSpec {
  return {
    title: model.title,
    xLabel: 'Time (h)',
    yLabel: `Particles in the target (${model.yTitle})`,
    series: model.series.map((s) => {
      const keep = s.timesH.flatMap((t, i) => (hours > 0 && t > hours ? [] : [i]))
      return {
        label: s.name,
        colour: s.colour,
        dash: s.dash ? s.dash.split(' ').map(Number) : [],
        xs: keep.map((i) => s.timesH[i]!),
        ys: keep.map((i) => s.percentDose[i] ?? null),
      }
    }),
  }
}

/** Size of an element, followed as it resizes. */
function useBox<T extends HTMLElement>(): [React.RefObject<T | null>, { width: number; height: number; fontPx: number }] {
  const ref = useRef<T>(null)
  const [box, setBox] = useState({ width: 0, height: 0, fontPx: 18 })
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    const read = (): void => setBox({ width: el.clientWidth, height: el.clientHeight, fontPx: Number.parseFloat(getComputedStyle(el).fontSize) || 18 })
    read()
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(read)
    observer.observe(el)
    return () => observer.disconnect()
  }, [])
  return [ref, box]
}

/**
 * The side-by-side chart drawn in screen pixels (the SVG's viewBox is its own size), so its
 * text is the presentation's type size at any window, not a figure scaled down to a strip.
 */
export function OverlayChart({ model, hours }: { readonly model: OverlayModel; readonly hours: number }): React.JSX.Element {
  const [ref, { width, height, fontPx }] = useBox<HTMLDivElement>()
  // The y unit is in the title (a rotated axis title does not fit a chart a fifth of the screen tall).
  const pad = { left: 3.6 * fontPx, right: 1.2 * fontPx, top: 0.6 * fontPx, bottom: 2.9 * fontPx }
  const plotW = Math.max(1, width - pad.left - pad.right)
  const plotH = Math.max(1, height - pad.top - pad.bottom)
  const xMax = hours > 0 ? hours : Math.max(1, ...model.series.flatMap((s) => s.timesH))
  const yMax = niceMax(Math.max(0, ...model.series.flatMap((s) => s.percentDose.filter(Number.isFinite))))
  const sx = (x: number): number => pad.left + (x / xMax) * plotW
  const sy = (y: number): number => pad.top + plotH - (y / yMax) * plotH
  const path = (s: OverlaySeries): string => {
    let d = ''
    let pen = false
    s.timesH.forEach((t, i) => {
      const y = s.percentDose[i]
      if (!Number.isFinite(t) || y === undefined || !Number.isFinite(y) || t > xMax) {
        pen = false
        return
      }
      d += `${pen ? 'L' : 'M'}${sx(t).toFixed(1)} ${sy(y).toFixed(1)}`
      pen = true
    })
    return d
  }
  // Tick labels at least two lines of type apart: three ticks on a short plot, five on a tall one.
  const yTicks = plotH >= 8 * fontPx ? [0, 0.25, 0.5, 0.75, 1] : [0, 0.5, 1]
  const xTicks = [0, 0.25, 0.5, 0.75, 1]
  return (
    <figure className="presented-chart" aria-label={model.title}>
      <figcaption className="presented-chart-head">
        <span className="presented-chart-title">{model.title} ({model.yTitle})</span>
        {model.series.map((s) => (
          <span key={s.name} className="presented-chart-key">
            <svg viewBox="0 0 48 12" aria-hidden="true"><line x1="0" x2="48" y1="6" y2="6" stroke={s.colour} strokeWidth="4" strokeDasharray={s.dash ? s.dash.split(' ').map((n) => 2 * Number(n)).join(' ') : undefined} /></svg>
            {s.name}
          </span>
        ))}
        {model.without.length > 0 && <span className="presented-chart-key">No target: {model.without.join(', ')}</span>}
        {model.series.length > 0 && <ChartExportButtons name="side-by-side chart" spec={() => overlayChartSpec(model, hours)} />}
      </figcaption>
      <div ref={ref} className="presented-chart-plot">
        {width > 0 && height > 0 && (
          <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${model.title}: ${model.yTitle} against time in hours, one curve per design`}>
            {yTicks.map((t) => (
              <g key={`y${t}`}>
                <line x1={pad.left} x2={pad.left + plotW} y1={sy(t * yMax)} y2={sy(t * yMax)} stroke={CHART_GRID_COLOUR} />
                <text x={pad.left - 0.3 * fontPx} y={sy(t * yMax) + 0.35 * fontPx} textAnchor="end" fill={CHART_AXIS_COLOUR} fontSize={fontPx}>{tickText(Number((t * yMax).toPrecision(3)))}</text>
              </g>
            ))}
            {xTicks.map((t) => (
              <text key={`x${t}`} x={sx(t * xMax)} y={pad.top + plotH + 1.1 * fontPx} textAnchor="middle" fill={CHART_AXIS_COLOUR} fontSize={fontPx}>{tickText(Number((t * xMax).toPrecision(3)))}</text>
            ))}
            <text x={pad.left + plotW / 2} y={height - 0.35 * fontPx} textAnchor="middle" fill={CHART_AXIS_COLOUR} fontSize={fontPx}>Time (h)</text>
            {model.series.map((s) => (
              <path key={s.name} className="presented-curve" data-series={s.name} d={path(s)} fill="none" stroke={s.colour} strokeWidth={Math.max(3, fontPx / 7)} strokeDasharray={s.dash ? s.dash.split(' ').map((n) => Number(n) * fontPx / 6).join(' ') : undefined} />
            ))}
          </svg>
        )}
      </div>
    </figure>
  )
}
