import { useEffect, useRef } from 'react'
import type uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'

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

  useEffect(() => {
    const el = host.current
    if (!el || !canDraw()) return
    let disposed = false
    let observer: ResizeObserver | undefined
    void import('uplot').then(({ default: UPlot }) => {
      if (disposed) return
      const width = Math.max(240, el.clientWidth || 480)
      const overlayPlugin: uPlot.Plugin = { hooks: { draw: [(u: uPlot) => latestOverlay.current?.(u)] } }
      plot.current = new UPlot({ ...options, width, height: chartHeightPx(width, options.height), plugins: [...(options.plugins ?? []), overlayPlugin] }, latestData.current, el)
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
  }, [options])

  useEffect(() => {
    latestData.current = data
    latestOverlay.current = overlay
    plot.current?.setData(data)
  }, [data, overlay])

  return <div ref={host} className={className ?? 'uplot-chart'} role="img" aria-label={label} />
}
