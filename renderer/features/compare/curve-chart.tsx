import { DESIGN_SERIES_COLOURS } from '../../lib/palette'
import { tickText, type ChartSpec } from '../../lib/chart-export'
import { ChartExportButtons } from '../../lib/chart-export-buttons'

/** One curve of an overlay chart. */
export interface CurveSeries {
  readonly name: string
  readonly colour: string
  readonly xs: ReadonlyArray<number>
  readonly ys: ReadonlyArray<number>
}

/** Colours of the compared designs, in column order: the app's chart palette (renderer/lib/palette.ts). */
export const SERIES_COLOURS: ReadonlyArray<string> = DESIGN_SERIES_COLOURS

/** Dash pattern per column, so curves stay distinguishable without colour. */
export const SERIES_DASHES: ReadonlyArray<string> = ['', '6 3', '2 3', '10 3 2 3']

const W = 480
const H = 220
const PAD = { left: 48, right: 12, top: 10, bottom: 34 }

/** "Nice" upper bound for an axis: 1, 2 or 5 × 10ⁿ at or above `max`. */
export function niceMax(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1
  const p = 10 ** Math.floor(Math.log10(max))
  for (const m of [1, 2, 5, 10]) if (m * p >= max * (1 - 1e-9)) return m * p
  return 10 * p
}

/** SVG path ("M x y L x y …") of one series in the chart's pixel space; non-finite points break the line. */
export function seriesPath(xs: ReadonlyArray<number>, ys: ReadonlyArray<number>, xMax: number, yMax: number): string {
  const sx = (x: number): number => PAD.left + (x / xMax) * (W - PAD.left - PAD.right)
  const sy = (y: number): number => H - PAD.bottom - (y / yMax) * (H - PAD.top - PAD.bottom)
  let d = ''
  let pen = false
  const n = Math.min(xs.length, ys.length)
  for (let i = 0; i < n; i++) {
    const x = xs[i]!
    const y = ys[i]!
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false
      continue
    }
    d += `${pen ? 'L' : 'M'}${sx(x).toFixed(1)} ${sy(y).toFixed(1)}`
    pen = true
  }
  return d
}

/**
 * The overlay as a chart for the SVG and CSV exports: the same series, names, colours and
 * dashes as on screen, with the chart's title, axis titles and y range.
 */
export function curveChartSpec(title: string, xLabel: string, yLabel: string, series: ReadonlyArray<CurveSeries>, yMaxHint?: number): ChartSpec {
  return {
    title,
    xLabel,
    yLabel,
    series: series.map((s, i) => {
      const dash = (SERIES_DASHES[i % SERIES_DASHES.length] ?? '').split(' ').filter(Boolean).map(Number)
      return { label: s.name, colour: s.colour, xs: s.xs, ys: s.ys, ...(dash.length ? { dash } : {}) }
    }),
    ...(yMaxHint !== undefined ? { yRange: [0, yMaxHint] as const } : {}),
  }
}

/**
 * Curves of several designs overlaid on shared axes, as an SVG with a legend.
 *
 * Why: SVG needs no canvas or extra library, renders identically in jsdom tests and
 * Chromium, and obeys the CSP (no inline styles: colours are attributes). The axes start at
 * zero so curves of different designs are compared honestly; the `label` names what is
 * plotted with its units and is the image's accessible name.
 */
export function CurveChart({ label, xLabel, yLabel, series, yMaxHint }: {
  readonly label: string
  readonly xLabel: string
  readonly yLabel: string
  readonly series: ReadonlyArray<CurveSeries>
  /** Fixed y range (e.g. 100 for percent released); otherwise from the data. */
  readonly yMaxHint?: number
}): React.JSX.Element {
  // Time axes end at the horizon (72 h ticks at 18 h steps); values get a rounded ceiling.
  const xData = Math.max(0, ...series.flatMap((s) => s.xs.filter(Number.isFinite)))
  const xMax = xData > 0 ? xData : 1
  const yMax = yMaxHint ?? niceMax(Math.max(0, ...series.flatMap((s) => s.ys.filter(Number.isFinite))))
  const ticks = [0, 0.25, 0.5, 0.75, 1]
  const bottom = H - PAD.bottom
  return (
    <figure className="curve-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} className="curve-svg">
        {ticks.map((t) => {
          const y = bottom - t * (H - PAD.top - PAD.bottom)
          const x = PAD.left + t * (W - PAD.left - PAD.right)
          return (
            <g key={t} className="curve-grid">
              <line x1={PAD.left} x2={W - PAD.right} y1={y} y2={y} stroke="#2a3447" />
              <text x={PAD.left - 4} y={y + 4} textAnchor="end" fill="#9aa7ba" fontSize="10">{tickText(Number((t * yMax).toPrecision(3)))}</text>
              <text x={x} y={bottom + 14} textAnchor="middle" fill="#9aa7ba" fontSize="10">{tickText(Number((t * xMax).toPrecision(3)))}</text>
            </g>
          )
        })}
        <text x={(PAD.left + W - PAD.right) / 2} y={H - 4} textAnchor="middle" fill="#9aa7ba" fontSize="11">{xLabel}</text>
        <text x={12} y={(PAD.top + bottom) / 2} textAnchor="middle" fill="#9aa7ba" fontSize="11" transform={`rotate(-90 12 ${(PAD.top + bottom) / 2})`}>{yLabel}</text>
        {series.map((s, i) => (
          <path
            key={`${i}-${s.name}`}
            className="curve-line"
            data-series={s.name}
            d={seriesPath(s.xs, s.ys, xMax, yMax)}
            fill="none"
            stroke={s.colour}
            strokeWidth="2"
            strokeDasharray={SERIES_DASHES[i % SERIES_DASHES.length] || undefined}
          />
        ))}
      </svg>
      <figcaption className="curve-legend">
        {series.map((s, i) => (
          <span key={`${i}-${s.name}`} className="curve-legend-item">
            <svg width="24" height="8" aria-hidden="true"><line x1="0" x2="24" y1="4" y2="4" stroke={s.colour} strokeWidth="2" strokeDasharray={SERIES_DASHES[i % SERIES_DASHES.length] || undefined} /></svg>
            {s.name}
          </span>
        ))}
      </figcaption>
      <ChartExportButtons name={label} spec={() => curveChartSpec(label, xLabel, yLabel, series, yMaxHint)} />
    </figure>
  )
}
