import { useEffect, useRef } from 'react'
import type uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { rootFontPx, typeScale, useRootFontPx } from '../../lib/type-scale'

/** Props of {@link UPlotChart}. */
export interface UPlotChartProps {
  /** uPlot options without width (taken from the container); rebuilt when this object changes. */
  readonly options: Omit<uPlot.Options, 'width'>
  readonly data: uPlot.AlignedData
  /** Accessible name of the chart (a sentence with the numbers that matter). */
  readonly label: string
  readonly className?: string
  /** Extra drawing on top of the series (e.g. t50 marks), called after every redraw. */
  readonly overlay?: (u: uPlot) => void
}

/**
 * Chart height for a width: the configured height, taller on wide panes (a third of the
 * width, at most 2.2× the configured height) so a 4K pane does not get a flat strip.
 */
export function chartHeightPx(widthPx: number, baseHeightPx: number): number {
  return Math.round(Math.max(baseHeightPx, Math.min(widthPx / 3, 2.2 * baseHeightPx)))
}

/** uPlot 1.6's own axis defaults (uPlot.esm.js xAxisOpts/yAxisOpts): what the scaling starts from. */
const UPLOT_AXIS_DEFAULTS = { fontPx: 12, size: 50, gap: 5, labelSize: 30, tickSize: 10, xSpace: 50, ySpace: 30 } as const
const UPLOT_FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif'

/** How much larger than at 1920 px the app's type is now (renderer/lib/type-scale.ts). */
export const chartFontScale = typeScale
export { rootFontPx }

/**
 * Axis options with uPlot's fixed pixel sizes scaled by `scale`: tick and title fonts, the
 * room reserved for them, the gap and tick length, and the minimum spacing between ticks.
 *
 * Why: uPlot draws its axes on the canvas in fixed pixels (12 px), while the app's text grows
 * with the window above 1920 px (up to 22 px at 4K); without this the chart of a 4K screen had
 * 12-px ticks and titles beside 21-px text. The sizes a caller set (e.g. `size: 64` for long
 * tick labels) are scaled the same way, so what fitted at 1920 still fits.
 */
export function scaledAxes(axes: ReadonlyArray<uPlot.Axis>, scale: number): uPlot.Axis[] {
  const r = (v: number): number => Math.round(v * scale)
  return axes.map((a, i) => {
    const size = typeof a.size === 'number' ? a.size : UPLOT_AXIS_DEFAULTS.size
    const space = typeof a.space === 'number' ? a.space : i === 0 ? UPLOT_AXIS_DEFAULTS.xSpace : UPLOT_AXIS_DEFAULTS.ySpace
    return {
      ...a,
      font: `${r(UPLOT_AXIS_DEFAULTS.fontPx)}px ${UPLOT_FONT_FAMILY}`,
      labelFont: `bold ${r(UPLOT_AXIS_DEFAULTS.fontPx)}px ${UPLOT_FONT_FAMILY}`,
      size: r(size),
      space: r(space),
      gap: r(a.gap ?? UPLOT_AXIS_DEFAULTS.gap),
      labelSize: r(a.labelSize ?? UPLOT_AXIS_DEFAULTS.labelSize),
      ticks: { ...a.ticks, size: r(a.ticks?.size ?? UPLOT_AXIS_DEFAULTS.tickSize) },
    }
  })
}

/** True when the browser can draw on a 2D canvas (jsdom without the canvas package cannot). */
function canDraw(): boolean {
  try {
    return document.createElement('canvas').getContext('2d') !== null
  } catch {
    return false
  }
}

/**
 * A uPlot chart as a React component: created on mount, data swapped in place while the
 * series stay the same, destroyed on unmount, resized with its container.
 *
 * Why a thin wrapper: uPlot is imperative and fast (one canvas), which keeps live curves
 * cheap during slider drags; the canvas is exposed as `role="img"` with a spoken summary,
 * and every caller renders the numbers as a table beside it (the text equivalent).
 * uPlot is loaded on first use, so a missing canvas never breaks the panel.
 */
export function UPlotChart({ options, data, label, className, overlay }: UPlotChartProps): React.JSX.Element {
  const host = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  const latestData = useRef(data)
  const latestOverlay = useRef(overlay)
  // The axes follow the app's type size, which changes with the window width (app.css).
  const fontScale = typeScale(useRootFontPx())

  useEffect(() => {
    const el = host.current
    if (!el || !canDraw()) return
    let disposed = false
    let observer: ResizeObserver | undefined
    void import('uplot').then(({ default: UPlot }) => {
      if (disposed) return
      const width = Math.max(240, el.clientWidth || 480)
      const overlayPlugin: uPlot.Plugin = { hooks: { draw: [(u: uPlot) => latestOverlay.current?.(u)] } }
      const axes = options.axes ? scaledAxes(options.axes, fontScale) : undefined
      plot.current = new UPlot({ ...options, ...(axes ? { axes } : {}), width, height: chartHeightPx(width, options.height), plugins: [...(options.plugins ?? []), overlayPlugin] }, latestData.current, el)
      if (typeof ResizeObserver !== 'undefined') {
        observer = new ResizeObserver(() => {
          const w = Math.max(240, el.clientWidth)
          if (plot.current && w !== plot.current.width) plot.current.setSize({ width: w, height: chartHeightPx(w, options.height) })
        })
        observer.observe(el)
      }
    })
    return () => {
      disposed = true
      observer?.disconnect()
      plot.current?.destroy()
      plot.current = null
    }
  }, [options, fontScale])

  useEffect(() => {
    latestData.current = data
    latestOverlay.current = overlay
    plot.current?.setData(data)
  }, [data, overlay])

  return <div ref={host} className={className ?? 'uplot-chart'} role="img" aria-label={label} />
}
