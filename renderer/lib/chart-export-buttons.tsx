import { chartFileStem, chartToCsv, chartToSvg, type ChartSpec } from './chart-export'
import { downloadText } from './download'

/**
 * "SVG" and "CSV" buttons under a chart: the figure as vectors and its numbers as a table,
 * both built from the same {@link ChartSpec} at the moment of the click.
 *
 * Why a function for the spec: building it costs nothing until asked, so a live chart that
 * redraws on every slider step does not rebuild exports it may never need.
 */
export function ChartExportButtons({ name, spec }: { readonly name: string; readonly spec: () => ChartSpec | null }): React.JSX.Element {
  const save = (format: 'svg' | 'csv'): void => {
    const s = spec()
    if (!s) return
    const stem = chartFileStem(s.title)
    if (format === 'svg') downloadText(chartToSvg(s), `${stem}.svg`, 'image/svg+xml')
    else downloadText(chartToCsv(s), `${stem}.csv`, 'text/csv')
  }
  return (
    <div className="chart-export" role="group" aria-label={`Export the ${name}`}>
      <button type="button" aria-label={`Export ${name} as SVG`} onClick={() => save('svg')} title="Download this chart as an SVG figure (vectors, editable text)">SVG</button>
      <button type="button" aria-label={`Export ${name} as CSV`} onClick={() => save('csv')} title="Download the numbers behind this chart as CSV">CSV</button>
    </div>
  )
}
