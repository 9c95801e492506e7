import { useLayoutEffect, useRef, useState } from 'react'
import type { ChartSpec } from '../../lib/chart-export'
import { ChartExportButtons } from '../../lib/chart-export-buttons'
import { indexText, type MorrisRow, type SobolRow, type TornadoRow } from './analysis-format'

/*
 * The analysis charts, hand-written in HTML and SVG rather than uPlot. Why: uPlot draws
 * x-aligned series on one canvas with numeric axes; these charts have a categorical axis of
 * long knob names (tornado, Sobol bars with interval whiskers) or points that are clicked and
 * read aloud (the Pareto front). As DOM elements the names are real text (crisp at projector
 * size, found by screen readers, the code-word scan and the tests), and each front point is
 * a focusable button.
 */

/** Colours: Okabe-Ito blue and vermilion (distinct for colour-blind readers), with sign also shown by side. */
const POSITIVE = '#0072b2'
const NEGATIVE = '#d55e00'

/** Okabe-Ito colours for one-series-per-knob exports (the Morris points), cycled past eight knobs. */
const OKABE_ITO = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#f0e442', '#000000'] as const

/**
 * The tornado as an exportable chart: one bar per knob in the chart's order, its signed
 * coefficient, on a categorical axis of the knobs' names.
 */
export function tornadoChartSpec(rows: ReadonlyArray<TornadoRow>, metric: string, noun = 'knob'): ChartSpec {
  return {
    title: `Tornado: local sensitivity of ${metric} to each ${noun}`,
    xLabel: noun === 'knob' ? 'Knob' : noun.charAt(0).toUpperCase() + noun.slice(1),
    yLabel: '∂ln y / ∂ln x (dimensionless)',
    categories: rows.map((r) => r.label),
    series: [{ label: `∂ln ${metric} / ∂ln ${noun}`, colour: POSITIVE, kind: 'bars', xs: rows.map((_, i) => i), ys: rows.map((r) => r.coefficient) }],
  }
}

/** The Sobol chart as an exportable chart: S and ST bars per knob, each with its 95 % interval. */
export function sobolChartSpec(rows: ReadonlyArray<SobolRow>, metric: string): ChartSpec {
  const xs = rows.map((_, i) => i)
  return {
    title: `Sobol indices of ${metric}`,
    xLabel: 'Knob',
    yLabel: 'Share of the variance (dimensionless)',
    categories: rows.map((r) => r.label),
    series: [
      { label: 'First-order S (alone)', colour: POSITIVE, kind: 'bars', xs, ys: rows.map((r) => r.first), interval: rows.map((r) => r.firstCi95) },
      { label: 'Total ST (with interactions)', colour: NEGATIVE, kind: 'bars', xs, ys: rows.map((r) => r.total), interval: rows.map((r) => r.totalCi95) },
    ],
  }
}

/**
 * Morris screening as an exportable chart: one point series per knob, so the legend and the
 * CSV's series column name each point.
 */
export function morrisChartSpec(rows: ReadonlyArray<MorrisRow>, metric: string, unit: string): ChartSpec {
  const u = unit ? ` (${unit})` : ' (dimensionless)'
  return {
    title: `Morris screening of ${metric}`,
    xLabel: `μ*, mean |effect| on ${metric}${u}`,
    yLabel: `σ, spread of the effect${u}`,
    series: rows.map((r, i) => ({ label: r.label, colour: OKABE_ITO[i % OKABE_ITO.length]!, kind: 'points' as const, xs: [r.muStar], ys: [r.sigma] })),
  }
}

/** Width of an element, followed as it resizes (a fallback width where layout is not measured). */
export function useWidth<T extends HTMLElement>(fallbackPx = 560): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null)
  const [width, setWidth] = useState(fallbackPx)
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    const read = (): void => { if (el.clientWidth > 0) setWidth(el.clientWidth) }
    read()
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(read)
    observer.observe(el)
    return () => observer.disconnect()
  }, [])
  return [ref, width]
}

/**
 * Tornado of normalised local coefficients ∂ln y/∂ln x: one bar per knob, left of 0 when
 * raising the knob lowers the metric, right when it raises it, largest first (the caller
 * sorts). The axis is symmetric, so bar lengths compare across sides.
 */
export function TornadoChart({ rows, metric, noun = 'knob' }: { readonly rows: ReadonlyArray<TornadoRow>; readonly metric: string; readonly noun?: string }): React.JSX.Element {
  const extent = Math.max(1e-12, ...rows.map((r) => Math.abs(r.coefficient)))
  return (
    <figure className="analysis-chart tornado" aria-label={`Tornado chart: how much ${metric} changes per change in each ${noun}, largest first`}>
      <div className="tornado-axis-caption" aria-hidden="true">
        <span>← lowers it</span><span>∂ln y / ∂ln x</span><span>raises it →</span>
      </div>
      <ol className="bar-rows">
        {rows.map((r) => {
          const share = (Math.abs(r.coefficient) / extent) * 50
          const left = r.coefficient < 0 ? 50 - share : 50
          return (
            <li key={r.path} className="bar-row" data-knob={r.path} data-value={r.coefficient}>
              <span className="bar-label">{r.label}</span>
              <span className="bar-track" aria-hidden="true">
                <span className="bar-zero" />
                <span className="bar" style={{ left: `${left}%`, width: `${Math.max(share, 0.4)}%`, background: r.coefficient < 0 ? NEGATIVE : POSITIVE }} />
              </span>
              <span className="bar-value">{r.coefficient > 0 ? '+' : ''}{indexText(r.coefficient)}</span>
            </li>
          )
        })}
      </ol>
      <figcaption className="estimate-note">
        Bar = percent change in {metric} per percent change in the {noun}, at this design (+1 means proportional).
      </figcaption>
      <ChartExportButtons name="tornado chart" spec={() => tornadoChartSpec(rows, metric, noun)} />
    </figure>
  )
}

/**
 * Sobol indices: for each knob its first-order index S (share of the variance it explains
 * alone) and total index ST (alone and through interactions), each with its bootstrap 95 %
 * interval as a whisker, on a common 0-1 axis.
 */
export function SobolChart({ rows, metric }: { readonly rows: ReadonlyArray<SobolRow>; readonly metric: string }): React.JSX.Element {
  const hi = Math.max(1, ...rows.flatMap((r) => [r.total, r.totalCi95[1], r.firstCi95[1]].filter(Number.isFinite)))
  const pct = (v: number): number => (Math.min(hi, Math.max(0, Number.isFinite(v) ? v : 0)) / hi) * 100
  const bar = (v: number, ci: readonly [number, number], colour: string, cls: string): React.JSX.Element => (
    <span className={`sobol-bar ${cls}`}>
      <span className="bar" style={{ left: 0, width: `${Math.max(pct(v), 0.4)}%`, background: colour }} />
      <span className="whisker" style={{ left: `${pct(ci[0])}%`, width: `${Math.max(0, pct(ci[1]) - pct(ci[0]))}%` }} />
    </span>
  )
  return (
    <figure className="analysis-chart sobol" aria-label={`Sobol indices of ${metric}: first-order and total share of its variance per knob, with 95 % intervals`}>
      <p className="chart-legend">
        <span><span className="swatch" style={{ background: POSITIVE }} /> First-order S (alone)</span>
        <span><span className="swatch" style={{ background: NEGATIVE }} /> Total ST (with interactions)</span>
        <span><span className="swatch whisker-swatch" /> 95 % interval</span>
      </p>
      <div className="bar-axis" aria-hidden="true">
        <span>0</span><span>{indexText(hi / 2)}</span><span>{indexText(hi)}</span>
      </div>
      <ol className="bar-rows">
        {rows.map((r) => (
          <li key={r.path} className="bar-row" data-knob={r.path} data-total={r.total}>
            <span className="bar-label">{r.label}</span>
            <span className="bar-track sobol-track" aria-hidden="true">
              {bar(r.first, r.firstCi95, POSITIVE, 'is-first')}
              {bar(r.total, r.totalCi95, NEGATIVE, 'is-total')}
            </span>
            <span className="bar-value">
              S {shareText(r.first)} [{shareText(r.firstCi95[0])}, {shareText(r.firstCi95[1])}]<br />
              ST {shareText(r.total)} [{shareText(r.totalCi95[0])}, {shareText(r.totalCi95[1])}]
            </span>
          </li>
        ))}
      </ol>
      <figcaption className="estimate-note">
        Share of the variance of {metric} over the knobs&apos; ranges (0 to {hi > 1 ? indexText(hi) : '1'}); ST well above S means the knob acts through interactions.
      </figcaption>
      <ChartExportButtons name="Sobol chart" spec={() => sobolChartSpec(rows, metric)} />
    </figure>
  )
}

/**
 * A variance share for the Sobol chart: three decimals, so the rows line up and estimator
 * noise around 0 reads as such ("0.000", "-0.015") rather than as "1.2 × 10⁻⁹".
 */
export function shareText(v: number): string {
  if (!Number.isFinite(v)) return '—'
  const t = v.toFixed(3)
  return t === '-0.000' ? '0.000' : t
}

/** Nice round tick values covering [lo, hi] (about `count` of them): steps of 1, 2 or 5 × 10ⁿ. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return []
  if (hi <= lo) return [lo]
  const raw = (hi - lo) / Math.max(1, count)
  const mag = 10 ** Math.floor(Math.log10(raw))
  // the 1-2-5 step whose tick count is nearest the one asked for
  const span = hi - lo
  const step = [1, 2, 5, 10].map((m) => m * mag).reduce((best, s) => (Math.abs(span / s - count) < Math.abs(span / best - count) ? s : best))
  const out: number[] = []
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)))
  return out
}

/** One point of a scatter. */
export interface ScatterPoint {
  readonly id: string
  readonly x: number
  readonly y: number
  /** Spoken name and tooltip first line. */
  readonly label: string
  /** Lines shown on hover or focus. */
  readonly details: ReadonlyArray<string>
  /** Filled circle (e.g. feasible) or hollow diamond (e.g. misses a constraint). */
  readonly style: 'filled' | 'hollow'
  /** Text drawn beside the point (Morris: the knob's name). */
  readonly tag?: string
}

interface ScatterProps {
  readonly points: ReadonlyArray<ScatterPoint>
  readonly xLabel: string
  readonly yLabel: string
  readonly label: string
  /** When given, points are buttons: click or Enter chooses one. */
  readonly onChoose?: (id: string) => void
  readonly chosen?: string | null
  /** Axes start at 0 (Morris μ*, σ are magnitudes). */
  readonly fromZero?: boolean
  /** A reference point drawn as a cross (the design the search started from); the axes include it. */
  readonly reference?: { readonly x: number; readonly y: number; readonly label: string }
  /** Dashed guide lines (a constraint's bound, an objective's target), drawn when inside the axes. */
  readonly guides?: ReadonlyArray<{ readonly axis: 'x' | 'y'; readonly value: number; readonly label: string }>
}

const PAD = { left: 64, right: 16, top: 12, bottom: 44 } as const

/** A scatter plot in SVG drawn at the container's pixel width, so text keeps its CSS size. */
export function ScatterChart({ points, xLabel, yLabel, label, onChoose, chosen, fromZero, reference, guides = [] }: ScatterProps): React.JSX.Element {
  const [ref, widthPx] = useWidth<HTMLDivElement>()
  const [hover, setHover] = useState<string | null>(null)
  const width = Math.max(280, widthPx)
  const height = Math.round(Math.min(420, Math.max(240, width * 0.55)))
  const finite = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
  const range = (vs: number[]): [number, number] => {
    let lo = Math.min(...vs)
    let hi = Math.max(...vs)
    if (fromZero) lo = Math.min(0, lo)
    if (!(hi > lo)) { const d = Math.abs(lo) * 0.1 || 1; lo -= d; hi += d }
    const pad = (hi - lo) * 0.06
    return [fromZero && lo === 0 ? 0 : lo - pad, hi + pad]
  }
  const start = reference && Number.isFinite(reference.x) && Number.isFinite(reference.y) ? reference : undefined
  const xs = [...finite.map((p) => p.x), ...(start ? [start.x] : [])]
  const ys = [...finite.map((p) => p.y), ...(start ? [start.y] : [])]
  const [x0, x1] = xs.length ? range(xs) : [0, 1]
  const [y0, y1] = ys.length ? range(ys) : [0, 1]
  const sx = (v: number): number => PAD.left + ((v - x0) / (x1 - x0)) * (width - PAD.left - PAD.right)
  const sy = (v: number): number => height - PAD.bottom - ((v - y0) / (y1 - y0)) * (height - PAD.top - PAD.bottom)
  const shown = points.find((p) => p.id === (hover ?? chosen))
  const tags = placeTags(finite.map((p) => ({ id: p.id, x: sx(p.x), y: sy(p.y), text: p.tag })), PAD.left, width - PAD.right, tagCharPx())
  return (
    <figure className="analysis-chart scatter" aria-label={label}>
      <div ref={ref} className="scatter-host">
        <svg width={width} height={height} role="group" aria-label={label}>
          {niceTicks(x0, x1).map((t) => (
            <g key={`x${t}`} aria-hidden="true">
              <line x1={sx(t)} x2={sx(t)} y1={PAD.top} y2={height - PAD.bottom} className="grid" />
              <text x={sx(t)} y={height - PAD.bottom + 16} textAnchor="middle" className="tick">{indexText(t)}</text>
            </g>
          ))}
          {niceTicks(y0, y1).map((t) => (
            <g key={`y${t}`} aria-hidden="true">
              <line x1={PAD.left} x2={width - PAD.right} y1={sy(t)} y2={sy(t)} className="grid" />
              <text x={PAD.left - 6} y={sy(t) + 4} textAnchor="end" className="tick">{indexText(t)}</text>
            </g>
          ))}
          <text x={(PAD.left + width - PAD.right) / 2} y={height - 6} textAnchor="middle" className="axis-label">{xLabel}</text>
          <text x={14} y={(PAD.top + height - PAD.bottom) / 2} textAnchor="middle" transform={`rotate(-90 14 ${(PAD.top + height - PAD.bottom) / 2})`} className="axis-label">{yLabel}</text>
          {guides.filter((g) => (g.axis === 'x' ? g.value > x0 && g.value < x1 : g.value > y0 && g.value < y1)).map((g) => (g.axis === 'x'
            ? <g key={`gx${g.value}`} className="guide"><line x1={sx(g.value)} x2={sx(g.value)} y1={PAD.top} y2={height - PAD.bottom} /><text x={sx(g.value) + 4} y={PAD.top + 12}>{g.label}</text></g>
            : <g key={`gy${g.value}`} className="guide"><line x1={PAD.left} x2={width - PAD.right} y1={sy(g.value)} y2={sy(g.value)} /><text x={width - PAD.right - 4} y={sy(g.value) - 5} textAnchor="end">{g.label}</text></g>))}
          {finite.map((p) => {
            const cx = sx(p.x)
            const cy = sy(p.y)
            const isChosen = p.id === chosen
            const r = isChosen ? 9 : 7
            const mark = p.style === 'filled'
              ? <circle cx={cx} cy={cy} r={r} className="point is-filled" />
              : <path d={`M${cx} ${cy - r} L${cx + r} ${cy} L${cx} ${cy + r} L${cx - r} ${cy} Z`} className="point is-hollow" />
            const common = {
              onMouseEnter: () => setHover(p.id),
              onMouseLeave: () => setHover(null),
              onFocus: () => setHover(p.id),
              onBlur: () => setHover(null),
            }
            return onChoose ? (
              <g
                key={p.id} role="button" tabIndex={0} aria-label={`${p.label}: ${p.details.join('; ')}`} aria-pressed={isChosen}
                className={`point-group${isChosen ? ' is-chosen' : ''}`} data-point={p.id}
                onClick={() => onChoose(p.id)}
                onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onChoose(p.id) } }}
                {...common}
              >
                {mark}
                {isChosen && <circle cx={cx} cy={cy} r={r + 4} className="point-ring" />}
              </g>
            ) : (
              <g key={p.id} className="point-group" {...common}>
                <title>{`${p.label}: ${p.details.join('; ')}`}</title>
                {mark}
                {tags.get(p.id) && <text x={tags.get(p.id)!.x} y={cy + 4} textAnchor={tags.get(p.id)!.anchor} className="point-tag">{p.tag}</text>}
              </g>
            )
          })}
          {/* on top of the points: the starting design is often one of them */}
          {start && (
            <g className="reference">
              <title>{start.label}</title>
              <path d={`M${sx(start.x) - 8} ${sy(start.y)} H${sx(start.x) + 8} M${sx(start.x)} ${sy(start.y) - 8} V${sy(start.y) + 8}`} />
              <text x={sx(start.x) + 10} y={sy(start.y) - 8}>{start.label}</text>
            </g>
          )}
        </svg>
        {shown && (
          <div className="scatter-tip" role="status" style={{ left: Math.min(sx(shown.x) + 12, width - 240), top: Math.max(0, sy(shown.y) - 12) }}>
            <strong>{shown.label}</strong>
            {shown.details.map((d) => <div key={d}>{d}</div>)}
          </div>
        )}
      </div>
    </figure>
  )
}

/**
 * Approximate width of one character of a tag, px: the tag is 0.85 rem and a character of
 * the UI font about 0.55 em wide (the root size grows to 22 px on a 4K screen, app.css).
 */
function tagCharPx(): number {
  const rootPx = typeof document !== 'undefined' ? Number.parseFloat(getComputedStyle(document.documentElement).fontSize) : Number.NaN
  return 0.85 * 0.55 * (Number.isFinite(rootPx) && rootPx > 0 ? rootPx : 14)
}

/**
 * Where each point's tag goes: right of the point, else left of it, else nowhere (the table
 * below the chart names every point), so tags never overlap each other or leave the plot.
 */
export function placeTags(points: ReadonlyArray<{ id: string; x: number; y: number; text?: string | undefined }>, left: number, right: number, charPx = 7): Map<string, { x: number; anchor: 'start' | 'end' }> {
  const placed: Array<{ x0: number; x1: number; y: number }> = []
  const out = new Map<string, { x: number; anchor: 'start' | 'end' }>()
  for (const p of points) {
    if (!p.text) continue
    const w = p.text.length * charPx
    const options = [{ x0: p.x + 10, x1: p.x + 10 + w, at: p.x + 10, anchor: 'start' as const }, { x0: p.x - 10 - w, x1: p.x - 10, at: p.x - 10, anchor: 'end' as const }]
    const free = options.find((o) => o.x0 >= left && o.x1 <= right && placed.every((q) => Math.abs(q.y - p.y) > 14 || o.x1 < q.x0 || o.x0 > q.x1))
    if (!free) continue
    placed.push({ x0: free.x0, x1: free.x1, y: p.y })
    out.set(p.id, { x: free.at, anchor: free.anchor })
  }
  return out
}

/** Morris screening as μ* (importance) against σ (nonlinearity or interaction), one point per knob. */
export function MorrisChart({ rows, metric, unit }: { readonly rows: ReadonlyArray<MorrisRow>; readonly metric: string; readonly unit: string }): React.JSX.Element {
  const u = unit ? ` (${unit})` : ''
  const tagged = new Set(rows.slice(0, 8).map((r) => r.path))
  return (
    <>
    <ScatterChart
      label={`Morris screening of ${metric}: mean absolute effect μ* against its spread σ, one point per knob`}
      xLabel={`μ*, mean |effect| on ${metric}${u}`}
      yLabel={`σ, spread of the effect${u}`}
      fromZero
      points={rows.map((r) => ({
        id: r.path, x: r.muStar, y: r.sigma, label: r.label, style: 'filled' as const,
        details: [`μ* ${indexText(r.muStar)}`, `σ ${indexText(r.sigma)}`],
        ...(tagged.has(r.path) ? { tag: r.label } : {}),
      }))}
    />
    <ChartExportButtons name="Morris chart" spec={() => morrisChartSpec(rows, metric, unit)} />
    </>
  )
}
