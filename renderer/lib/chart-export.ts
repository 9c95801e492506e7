import { csvField } from '../../shared/design/metrics-csv'
import { CHART_AXIS_COLOUR, CHART_GRID_COLOUR } from './palette'

/** One series of a chart, in data units (the same arrays the canvas chart draws). */
export interface ChartSeries {
  readonly label: string
  readonly colour: string
  readonly xs: ReadonlyArray<number>
  readonly ys: ReadonlyArray<number | null>
  /**
   * Line (default), markers only (measured data, scatter points) or bars from 0 (a
   * categorical chart: x is the index into {@link ChartSpec.categories}).
   */
  readonly kind?: 'line' | 'points' | 'bars'
  readonly widthPx?: number
  readonly dash?: ReadonlyArray<number>
  /** ± error per point (standard deviation), drawn as bars and written to the CSV. */
  readonly errors?: ReadonlyArray<number | null>
  /**
   * An interval per point (a bootstrap 95 % interval, a 5th–95th percentile range; named by
   * {@link ChartSpec.intervalLabel}), drawn as a whisker and written to the CSV.
   */
  readonly interval?: ReadonlyArray<readonly [number, number] | null>
  /**
   * The data value behind each point where y is only a position on a per-category scale
   * (parallel coordinates: each axis its own unit); written to the CSV, named by
   * {@link ChartSpec.valueLabel}.
   */
  readonly values?: ReadonlyArray<number | null>
}

/** A chart as data: what both the SVG and the CSV export are built from. */
export interface ChartSpec {
  readonly title: string
  /** Axis titles with their unit, e.g. "Time (h)", "Released (%)". */
  readonly xLabel: string
  readonly yLabel: string
  readonly series: ReadonlyArray<ChartSeries>
  readonly yLog?: boolean
  /** Fixed y range (e.g. 0–100 % released); otherwise from the data. */
  readonly yRange?: readonly [number, number]
  /**
   * Names on a categorical x axis (bar charts): x = i means categories[i]. The axis shows
   * the names and the CSV writes the name in place of the index.
   */
  readonly categories?: ReadonlyArray<string>
  /** What the series' intervals are, for the CSV headers; "95 % interval" unless told. */
  readonly intervalLabel?: string
  /** Header of the CSV column of {@link ChartSeries.values}. */
  readonly valueLabel?: string
  /** No legend (one series per sample: the CSV's series column names them instead). */
  readonly hideLegend?: boolean
}

/**
 * Heckbert's "nice number": the 1, 2, 5 or 10 × 10ⁿ closest to `x` (rounding) or not below
 * it (ceiling).
 */
function niceNumber(x: number, round: boolean): number {
  const exp = Math.floor(Math.log10(x))
  const f = x / 10 ** exp
  const nf = round ? (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) : (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10)
  return nf * 10 ** exp
}

/**
 * "Loose" nice ticks for [lo, hi] with about `target` ticks: the range is rounded up to a
 * nice number, the step is the nice number nearest range / (target − 1), and the ticks run
 * from the step below `lo` to the step above `hi` (Heckbert P (1990) "Nice numbers for graph
 * labels", in Glassner A (ed.) Graphics Gems, Academic Press, pp. 61–63).
 */
export function niceTicks(lo: number, hi: number, target = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return []
  if (hi < lo) [lo, hi] = [hi, lo]
  if (hi === lo) return [lo]
  const range = niceNumber(hi - lo, false)
  const step = niceNumber(range / Math.max(1, target - 1), true)
  const ticks: number[] = []
  const first = Math.floor(lo / step) * step
  const last = Math.ceil(hi / step) * step
  for (let v = first; v <= last + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)))
  return ticks
}

/** Powers of ten covering [lo, hi] (both > 0), for a log axis. */
export function decadeTicks(lo: number, hi: number): number[] {
  if (!(lo > 0) || !(hi > 0)) return []
  const out: number[] = []
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e)
  return out
}

/** A tick label: plain for ordinary magnitudes, a × 10ⁿ form for very small or large ones. */
export function tickText(v: number): string {
  if (v === 0) return '0'
  const abs = Math.abs(v)
  if (abs >= 1e-3 && abs < 1e5) return String(Number(v.toPrecision(6)))
  const e = Math.floor(Math.log10(abs))
  const m = Number((v / 10 ** e).toPrecision(3))
  const sup = String(e).replace(/[-0-9]/g, (c) => '⁻⁰¹²³⁴⁵⁶⁷⁸⁹'['-0123456789'.indexOf(c)] ?? c)
  return m === 1 ? `10${sup}` : `${m} × 10${sup}`
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c)
}

/** Extent of the finite values (positive only on a log axis); null when there are none. */
function extent(values: Iterable<number | null>, positiveOnly: boolean): [number, number] | null {
  let lo = Infinity
  let hi = -Infinity
  for (const v of values) {
    if (v === null || !Number.isFinite(v) || (positiveOnly && v <= 0)) continue
    lo = Math.min(lo, v)
    hi = Math.max(hi, v)
  }
  return lo <= hi ? [lo, hi] : null
}

/** Sizes of the exported SVG, px. */
export interface SvgSize {
  readonly width: number
  readonly height: number
}

/**
 * The chart as a standalone SVG document: title, axes with titles and ticks, grid, every
 * series (lines, or square markers with ± bars for measured data) and a legend.
 *
 * Why build it from the series rather than copy the canvas: uPlot draws on a canvas, which
 * exports only as pixels; a figure for a paper needs vectors and text that stay editable.
 * The same {@link ChartSpec} feeds the CSV, so picture and numbers cannot disagree.
 */
export function chartToSvg(spec: ChartSpec, size?: SvgSize): string {
  const font = 14
  const legendRows = spec.hideLegend ? 0 : spec.series.length
  const legendHeight = legendRows * (font + 6)
  // category names are written at 40° under the axis: room for the longest (≈ 0.55 em per character)
  const catDrop = spec.categories ? Math.ceil(Math.max(0, ...spec.categories.map((c) => c.length)) * font * 0.55 * Math.sin(Math.PI * 40 / 180)) : 0
  // the default figure grows by the room the category names take, so the plot keeps its height
  const { width, height } = size ?? { width: 800, height: 480 + catDrop }
  const pad = { left: 84, right: 24, top: 40, bottom: 64 + legendHeight + catDrop }
  const plotW = Math.max(10, width - pad.left - pad.right)
  const plotH = Math.max(10, height - pad.top - pad.bottom)
  const xExt: [number, number] = spec.categories ? [-0.5, Math.max(0, spec.categories.length - 1) + 0.5] : extent(spec.series.flatMap((s) => s.xs), false) ?? [0, 1]
  const cats = spec.categories
  const yValues = spec.series.flatMap((s) => s.ys.flatMap((y, i) => {
    const e = s.errors?.[i] ?? 0
    const ci = s.interval?.[i]
    return y === null ? [] : [y - (e ?? 0), y + (e ?? 0), ...(ci ? [ci[0], ci[1]] : [])]
  }))
  const yLog = spec.yLog === true
  let yExt: [number, number] = spec.yRange ? [spec.yRange[0], spec.yRange[1]] : extent(yValues, yLog) ?? (yLog ? [1e-3, 100] : [0, 1])
  if (!spec.yRange && !yLog) yExt = [Math.min(0, yExt[0]), yExt[1] === yExt[0] ? yExt[0] + 1 : yExt[1]]
  if (yLog && yExt[0] === yExt[1]) yExt = [yExt[0] / 10, yExt[1] * 10]
  const xTicks = cats ? [] : niceTicks(xExt[0], xExt[1], 6)
  const yTicks = yLog ? decadeTicks(yExt[0], yExt[1]) : niceTicks(yExt[0], yExt[1], 5)
  const yLo = yLog ? Math.min(yExt[0], yTicks[0] ?? yExt[0]) : Math.min(yExt[0], yTicks[0] ?? yExt[0])
  const yHi = yLog ? Math.max(yExt[1], yTicks.at(-1) ?? yExt[1]) : Math.max(yExt[1], yTicks.at(-1) ?? yExt[1])
  const xLo = Math.min(xExt[0], xTicks[0] ?? xExt[0])
  const xHi = Math.max(xExt[1], xTicks.at(-1) ?? xExt[1])
  const sx = (x: number): number => pad.left + ((x - xLo) / (xHi - xLo || 1)) * plotW
  const sy = (y: number): number => {
    const t = yLog ? (Math.log10(Math.max(y, yLo)) - Math.log10(yLo)) / (Math.log10(yHi) - Math.log10(yLo) || 1) : (y - yLo) / (yHi - yLo || 1)
    return pad.top + (1 - t) * plotH
  }
  const f = (v: number): string => v.toFixed(2)
  const parts: string[] = []
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Liberation Sans, Arial, Helvetica, sans-serif" font-size="${font}">`)
  parts.push(`<title>${escapeXml(spec.title)}</title>`)
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`)
  parts.push(`<text x="${width / 2}" y="${font + 8}" text-anchor="middle" font-weight="bold">${escapeXml(spec.title)}</text>`)
  parts.push('<g class="grid">')
  for (const t of xTicks) parts.push(`<line x1="${f(sx(t))}" x2="${f(sx(t))}" y1="${pad.top}" y2="${pad.top + plotH}" stroke="#dddddd"/>`)
  for (const t of yTicks) parts.push(`<line x1="${pad.left}" x2="${pad.left + plotW}" y1="${f(sy(t))}" y2="${f(sy(t))}" stroke="#dddddd"/>`)
  parts.push('</g>')
  parts.push(`<rect x="${pad.left}" y="${pad.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333333"/>`)
  parts.push('<g class="ticks" fill="#333333">')
  for (const t of xTicks) parts.push(`<text x="${f(sx(t))}" y="${pad.top + plotH + font + 4}" text-anchor="middle">${escapeXml(tickText(t))}</text>`)
  for (const t of yTicks) parts.push(`<text x="${pad.left - 6}" y="${f(sy(t) + font / 3)}" text-anchor="end">${escapeXml(tickText(t))}</text>`)
  cats?.forEach((c, i) => {
    const y = pad.top + plotH + font
    parts.push(`<text class="category" x="${f(sx(i))}" y="${y}" text-anchor="end" transform="rotate(-40 ${f(sx(i))} ${y})">${escapeXml(c)}</text>`)
  })
  parts.push('</g>')
  parts.push(`<text class="x-title" x="${pad.left + plotW / 2}" y="${pad.top + plotH + 2 * font + 12 + catDrop}" text-anchor="middle">${escapeXml(spec.xLabel)}</text>`)
  parts.push(`<text class="y-title" transform="translate(${font + 4} ${pad.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel)}</text>`)
  parts.push(`<clipPath id="plot-area"><rect x="${pad.left}" y="${pad.top}" width="${plotW}" height="${plotH}"/></clipPath>`)
  parts.push('<g clip-path="url(#plot-area)">')
  const barSeries = spec.series.filter((s) => s.kind === 'bars')
  const pointSeries = spec.series.filter((s) => s.kind === 'points')
  // bars of several series share a category's slot side by side, 80 % of the slot in all
  const slotPx = cats ? plotW / Math.max(1, cats.length) : plotW / 20
  const barPx = (slotPx * 0.8) / Math.max(1, barSeries.length)
  if (barSeries.length > 0 && yLo < 0 && yHi > 0) parts.push(`<line class="zero" x1="${pad.left}" x2="${pad.left + plotW}" y1="${f(sy(0))}" y2="${f(sy(0))}" stroke="#333333"/>`)
  for (const s of spec.series) {
    const colour = svgColour(s.colour)
    if (s.kind === 'bars') {
      const k = barSeries.indexOf(s)
      const marks: string[] = []
      s.xs.forEach((x, i) => {
        const y = s.ys[i]
        if (y === null || y === undefined || !Number.isFinite(y) || !Number.isFinite(x)) return
        const left = sx(x) - (slotPx * 0.8) / 2 + k * barPx
        const base = yLog ? yLo : Math.min(Math.max(0, yLo), yHi)
        const top = Math.min(sy(y), sy(base))
        marks.push(`<rect class="bar" x="${f(left)}" y="${f(top)}" width="${f(barPx)}" height="${f(Math.max(0.5, Math.abs(sy(y) - sy(base))))}" fill="${colour}" data-value="${y}"/>`)
        const ci = s.interval?.[i]
        if (ci && Number.isFinite(ci[0]) && Number.isFinite(ci[1])) {
          const mid = left + barPx / 2
          marks.push(`<path class="whisker" d="M${f(mid)} ${f(sy(ci[0]))} V${f(sy(ci[1]))} M${f(mid - barPx / 4)} ${f(sy(ci[0]))} H${f(mid + barPx / 4)} M${f(mid - barPx / 4)} ${f(sy(ci[1]))} H${f(mid + barPx / 4)}" stroke="#000000" stroke-width="1.25" fill="none"/>`)
        }
      })
      parts.push(`<g class="series" data-label="${escapeXml(s.label)}">${marks.join('')}</g>`)
      continue
    }
    if (s.kind === 'points') {
      const marks: string[] = []
      // on a categorical axis, point series sit side by side in their category's slot
      const k = pointSeries.indexOf(s)
      const shift = cats ? (k - (pointSeries.length - 1) / 2) * ((slotPx * 0.8) / Math.max(1, pointSeries.length)) : 0
      s.xs.forEach((x, i) => {
        const y = s.ys[i]
        if (y === null || y === undefined || !Number.isFinite(y) || !Number.isFinite(x)) return
        const px = sx(x) + shift
        const e = s.errors?.[i]
        if (e !== null && e !== undefined && e > 0) {
          marks.push(`<line x1="${f(px)}" x2="${f(px)}" y1="${f(sy(y + e))}" y2="${f(sy(y - e))}" stroke="${colour}" stroke-width="1.5"/>`)
        }
        const ci = s.interval?.[i]
        if (ci && Number.isFinite(ci[0]) && Number.isFinite(ci[1])) {
          marks.push(`<path class="whisker" d="M${f(px)} ${f(sy(ci[0]))} V${f(sy(ci[1]))} M${f(px - 5)} ${f(sy(ci[0]))} H${f(px + 5)} M${f(px - 5)} ${f(sy(ci[1]))} H${f(px + 5)}" stroke="${colour}" stroke-width="1.5" fill="none"/>`)
        }
        marks.push(`<rect x="${f(px - 4)}" y="${f(sy(y) - 4)}" width="8" height="8" fill="${colour}" stroke="#000000" stroke-width="0.75"/>`)
      })
      parts.push(`<g class="series" data-label="${escapeXml(s.label)}">${marks.join('')}</g>`)
      continue
    }
    const d: string[] = []
    let pen = false
    s.xs.forEach((x, i) => {
      const y = s.ys[i]
      if (y === null || y === undefined || !Number.isFinite(y) || !Number.isFinite(x) || (yLog && y <= 0)) {
        pen = false
        return
      }
      d.push(`${pen ? 'L' : 'M'}${f(sx(x))} ${f(sy(y))}`)
      pen = true
    })
    const dash = s.dash && s.dash.length > 0 ? ` stroke-dasharray="${s.dash.join(' ')}"` : ''
    parts.push(`<path class="series" data-label="${escapeXml(s.label)}" d="${d.join(' ')}" fill="none" stroke="${colour}" stroke-width="${s.widthPx ?? 2}"${dash}/>`)
  }
  parts.push('</g>')
  parts.push('<g class="legend">')
  if (!spec.hideLegend) spec.series.forEach((s, i) => {
    const y = pad.top + plotH + 2 * font + 24 + i * (font + 6)
    const colour = svgColour(s.colour)
    const mark = s.kind === 'points' || s.kind === 'bars'
      ? `<rect x="${pad.left + 8}" y="${y - 9}" width="8" height="8" fill="${colour}" stroke="#000000" stroke-width="0.75"/>`
      : `<line x1="${pad.left}" x2="${pad.left + 24}" y1="${y - 5}" y2="${y - 5}" stroke="${colour}" stroke-width="${s.widthPx ?? 2}"${s.dash?.length ? ` stroke-dasharray="${s.dash.join(' ')}"` : ''}/>`
    parts.push(`${mark}<text x="${pad.left + 32}" y="${y}">${escapeXml(s.label)}</text>`)
  })
  parts.push('</g>')
  parts.push('</svg>')
  return parts.join('\n')
}

/**
 * The exported figure is on white (journals, slides); the palette's light colours (white
 * measured points, pale grey) would vanish there, so they are darkened to keep ≥ 3:1 contrast.
 */
function svgColour(colour: string): string {
  const c = colour.toUpperCase()
  if (c === '#FFFFFF') return '#000000'
  if (c === '#DDDDDD' || c === '#BBBBBB') return '#777777'
  return colour
}

/**
 * The chart's numbers as CSV (RFC 4180, CRLF): one row per point in long form — series, x, y
 * and, where the chart has them, ± errors — with the axis titles (and units) as headers, so
 * series on different time grids (predictions, measurements) fit one table.
 */
export function chartToCsv(spec: ChartSpec): string {
  const hasErrors = spec.series.some((s) => s.errors !== undefined)
  const hasCi = spec.series.some((s) => s.interval !== undefined)
  const hasValues = spec.series.some((s) => s.values !== undefined)
  const header = ['series', spec.xLabel, spec.yLabel, ...(hasErrors ? [`± SD, ${spec.yLabel}`] : []), ...(hasCi ? [`${spec.intervalLabel ?? '95 % interval'} low, ${spec.yLabel}`, `${spec.intervalLabel ?? '95 % interval'} high, ${spec.yLabel}`] : []), ...(hasValues ? [spec.valueLabel ?? 'value'] : [])]
  const lines = [header.map(csvField).join(',')]
  for (const s of spec.series) {
    s.xs.forEach((x, i) => {
      const y = s.ys[i] ?? null
      const xCell = spec.categories ? spec.categories[x] ?? x : x
      const row: Array<string | number | null> = [s.label, xCell, y === null || !Number.isFinite(y) ? null : y]
      if (hasErrors) row.push(s.errors?.[i] ?? null)
      if (hasCi) row.push(s.interval?.[i]?.[0] ?? null, s.interval?.[i]?.[1] ?? null)
      if (hasValues) row.push(s.values?.[i] ?? null)
      lines.push(row.map(csvField).join(','))
    })
  }
  return `${lines.join('\r\n')}\r\n`
}

/** A file name stem from a chart title: lower case, words joined by hyphens. */
export function chartFileStem(title: string): string {
  return title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'chart'
}

/** Axis colours the canvas charts use (kept with the export so both read alike on screen). */
export const AXIS_STYLE = { stroke: CHART_AXIS_COLOUR, grid: { stroke: CHART_GRID_COLOUR, width: 1 }, ticks: { stroke: CHART_GRID_COLOUR, width: 1 } } as const
