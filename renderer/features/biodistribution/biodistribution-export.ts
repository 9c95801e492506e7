import type { ChartSeries, ChartSpec } from '../../lib/chart-export'
import type { MeasuredPoint } from './biodistribution-chart'
import type { ChartModel } from './biodistribution-model'

/**
 * The biodistribution chart as exportable data: every drawn series (nominal, band limits,
 * median) on the engine's time grid, plus measured points (with SD) per tissue.
 *
 * Why from the chart model: it is exactly what the canvas draws, so the SVG and CSV match
 * the screen (log floor included).
 */
export function biodistributionChartSpec(model: ChartModel, logScale: boolean, measured: ReadonlyArray<MeasuredPoint>, title: string): ChartSpec {
  const xs = (model.data[0] ?? []) as ReadonlyArray<number>
  const series: ChartSeries[] = model.series.map((s, i) => ({
    label: s.label,
    colour: s.colour,
    xs,
    ys: model.data[i + 1] ?? [],
    widthPx: s.kind === 'upper' || s.kind === 'lower' ? 1 : s.width,
    ...(s.dash ? { dash: s.dash } : s.kind === 'upper' || s.kind === 'lower' ? { dash: [2, 3] } : {}),
  }))
  const byLabel = new Map<string, MeasuredPoint[]>()
  for (const p of measured) {
    const key = p.label ?? 'Measured'
    byLabel.set(key, [...(byLabel.get(key) ?? []), p])
  }
  for (const [label, points] of byLabel) {
    series.push({
      label,
      colour: points[0]?.colour ?? '#000000',
      kind: 'points',
      xs: points.map((p) => p.timeH),
      ys: points.map((p) => p.percentDose),
      errors: points.map((p) => p.sdPercentDose),
    })
  }
  return { title, xLabel: 'Time (h)', yLabel: '% of injected dose', series, yLog: logScale }
}
