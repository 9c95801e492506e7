import { useMemo, useState } from 'react'
import { formatQuantity } from '../../../shared/design/format'
import type uPlot from 'uplot'
import { getReleaseModel, type FitResult, type ModelFit } from '../../../shared/engine/fit'
import { AXIS_STYLE, type ChartSpec } from '../../lib/chart-export'
import { ChartExportButtons } from '../../lib/chart-export-buttons'
import { CHART_AXIS_COLOUR, MEASURED_COLOUR, OKABE_ITO } from '../../lib/palette'
import { UPlotChart } from '../release/uplot-chart'

/** Columns of the fit table that can be sorted, with how each is read. */
const SORT_KEYS = {
  model: { label: 'Model', value: (m: ModelFit) => m.model, better: 'asc' },
  r2: { label: 'R²', value: (m: ModelFit) => m.r2, better: 'desc' },
  adjustedR2: { label: 'Adjusted R²', value: (m: ModelFit) => m.adjustedR2 ?? Number.NEGATIVE_INFINITY, better: 'desc' },
  aic: { label: 'AIC', value: (m: ModelFit) => m.aic, better: 'asc' },
  aicc: { label: 'AICc', value: (m: ModelFit) => m.aicc ?? Number.POSITIVE_INFINITY, better: 'asc' },
  msc: { label: 'MSC', value: (m: ModelFit) => m.msc, better: 'desc' },
  pointsUsed: { label: 'Points used', value: (m: ModelFit) => m.pointsUsed, better: 'desc' },
} as const

type SortKey = keyof typeof SORT_KEYS

/** A number for the table: 4 significant figures, "–" when missing. */
export function statText(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '–'
  const abs = Math.abs(v)
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return formatQuantity(v, '', 4) // ×10ⁿ, never e-notation
  return Number(v.toPrecision(4)).toString()
}

/** "k = 0.1234, n = 0.5" in the model's parameter order. */
export function parametersText(m: ModelFit): string {
  const def = getReleaseModel(m.model)
  const names = def ? def.parameterNames : Object.keys(m.parameters)
  return names.map((n, i) => {
    const unit = def?.parameterUnits[i]
    return `${n} = ${statText(m.parameters[n] ?? null)}${unit && unit !== '1' && unit !== '-' ? ` ${unit}` : ''}`
  }).join(', ')
}

/** Every fitted model ranked, sortable by any column; the best model is marked. */
export function FitTable({ fit }: { readonly fit: FitResult }): React.JSX.Element {
  const [sort, setSort] = useState<{ key: SortKey; dir: 'asc' | 'desc' }>({ key: 'aic', dir: 'asc' })
  const rows = useMemo(() => {
    const { value } = SORT_KEYS[sort.key]
    const sign = sort.dir === 'asc' ? 1 : -1
    return [...fit.models].sort((a, b) => {
      const x = value(a)
      const y = value(b)
      return sign * (typeof x === 'string' ? x.localeCompare(y as string) : (x as number) - (y as number))
    })
  }, [fit, sort])
  const header = (key: SortKey): React.JSX.Element => {
    const active = sort.key === key
    return (
      <th scope="col" aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button type="button" className="sort-button" onClick={() => setSort(active ? { key, dir: sort.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: SORT_KEYS[key].better })}>
          {SORT_KEYS[key].label}{active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
        </button>
      </th>
    )
  }
  return (
    <table aria-label="Model fits ranked" className="fit-table">
      <thead>
        <tr>
          <th scope="col">Rank (AIC)</th>
          {header('model')}
          <th scope="col">Parameters</th>
          {header('r2')}{header('adjustedR2')}{header('aic')}{header('aicc')}{header('msc')}{header('pointsUsed')}
        </tr>
      </thead>
      <tbody>
        {rows.map((m) => (
          <tr key={m.model} className={m.model === fit.best ? 'fit-best' : undefined} aria-current={m.model === fit.best ? 'true' : undefined}>
            <td>{fit.models.indexOf(m) + 1}</td>
            <th scope="row">{modelName(m.model)}{m.model === fit.best ? ' (best)' : ''}{m.usedAllPoints ? '' : ' *'}</th>
            <td className="fit-params">{parametersText(m)}</td>
            <td>{statText(m.r2)}</td>
            <td>{statText(m.adjustedR2)}</td>
            <td>{statText(m.aic)}</td>
            <td>{statText(m.aicc)}</td>
            <td>{statText(m.msc)}</td>
            <td>{m.pointsUsed}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Chart data: measured mean (points) and the best model on a dense grid, on one x axis. */
export function bestFitChartData(fit: FitResult): { data: uPlot.AlignedData; best: ModelFit } | null {
  const best = fit.models.find((m) => m.model === fit.best)
  const def = best ? getReleaseModel(best.model) : undefined
  if (!best || !def || fit.timesH.length === 0) return null
  const tMax = Math.max(...fit.timesH)
  const grid = Array.from({ length: 121 }, (_, i) => (tMax * i) / 120)
  const xs = [...new Set([...grid, ...fit.timesH])].sort((a, b) => a - b)
  const params = Float64Array.from(def.parameterNames, (n) => best.parameters[n] ?? Number.NaN)
  const measured = xs.map((x) => {
    const i = fit.timesH.indexOf(x)
    return i >= 0 && Number.isFinite(fit.meanPct[i]) ? (fit.meanPct[i] as number) : null
  })
  const model = xs.map((x) => {
    const v = def.evaluate(params, x)
    return Number.isFinite(v) ? v : null
  })
  return { data: [xs, measured, model], best }
}

/** Residuals (measured − fitted, % points) of the best model at each point it was fitted on. */
export function residuals(fit: FitResult, best: ModelFit): { timesH: number[]; residualPct: number[] } {
  const residualPct = best.timesUsedH.map((t, i) => {
    const j = fit.timesH.indexOf(t)
    return (fit.meanPct[j] as number) - (best.predictedPct[i] as number)
  })
  return { timesH: best.timesUsedH.slice(), residualPct }
}

const pointsOnly = (): null => null

/** A model's display name ("Korsmeyer-Peppas"), or its id when the library does not know it. */
export function modelName(id: string): string {
  return getReleaseModel(id)?.name ?? id
}

/** Colour of the fitted model's curve (Okabe–Ito bluish green) and of residual markers (orange). */
const FIT_COLOUR = OKABE_ITO.bluishGreen
const RESIDUAL_COLOUR = OKABE_ITO.orange

// Axis titles fit: a y title is drawn rotated along the plot's height, so each chart is tall
// enough for its title (uPlot clips text beyond the canvas) and the title areas have room.
const FIT_OPTIONS: Omit<uPlot.Options, 'width'> = {
  height: 220,
  scales: { x: { time: false } },
  axes: [
    { label: 'Time (h)', ...AXIS_STYLE, labelSize: 22 },
    { label: 'Released (%)', ...AXIS_STYLE, size: 48, labelSize: 22 },
  ],
  series: [
    { label: 'Time (h)' },
    { label: 'Measured mean', stroke: MEASURED_COLOUR, paths: pointsOnly, points: { show: true, size: 7, fill: MEASURED_COLOUR } },
    { label: 'Best model', stroke: FIT_COLOUR, width: 2, points: { show: false } },
  ],
}

const RESIDUAL_OPTIONS: Omit<uPlot.Options, 'width'> = {
  height: 200,
  scales: { x: { time: false } },
  axes: [
    { label: 'Time (h)', ...AXIS_STYLE, labelSize: 22 },
    { label: 'Residual (% pts)', ...AXIS_STYLE, size: 48, labelSize: 22 },
  ],
  series: [
    { label: 'Time (h)' },
    { label: 'Residual', stroke: RESIDUAL_COLOUR, paths: pointsOnly, points: { show: true, size: 7, fill: RESIDUAL_COLOUR } },
    { label: 'Zero', stroke: CHART_AXIS_COLOUR, width: 1, dash: [4, 4], points: { show: false } },
  ],
}

/** The fit chart as exportable data: measured mean, the best model's curve, and the residuals. */
export function fitChartSpec(fit: FitResult, chart: NonNullable<ReturnType<typeof bestFitChartData>>, title: string): ChartSpec {
  const [xs, measured, model] = chart.data as unknown as [number[], Array<number | null>, Array<number | null>]
  const resid = residuals(fit, chart.best)
  return {
    title: `Release fit of ${title}: ${modelName(chart.best.model)}`,
    xLabel: 'Time (h)',
    yLabel: 'Released (%) / residual (% points)',
    series: [
      { label: 'Measured mean (%)', colour: MEASURED_COLOUR, kind: 'points', xs, ys: measured },
      { label: `${modelName(chart.best.model)} fit (%)`, colour: FIT_COLOUR, xs, ys: model },
      { label: 'Residual, measured − fitted (% points)', colour: RESIDUAL_COLOUR, kind: 'points', xs: resid.timesH, ys: resid.residualPct },
    ],
  }
}

/** The fit of one measurement: best model named, overlaid on the data, residuals, ranked table. */
export function FitResults({ fit, title }: { readonly fit: FitResult; readonly title: string }): React.JSX.Element {
  const chart = useMemo(() => bestFitChartData(fit), [fit])
  const resid = useMemo(() => (chart ? residuals(fit, chart.best) : null), [fit, chart])
  const residData = useMemo<uPlot.AlignedData | null>(
    () => (resid ? [resid.timesH, resid.residualPct, resid.timesH.map(() => 0)] : null), [resid])
  const best = chart?.best
  return (
    <section aria-label="Release fit" className="fit-results">
      <h4>Fit of “{title}”</h4>
      <p className="fit-best-line" data-testid="best-model">
        {best
          ? <>Best model: <strong>{modelName(best.model)}</strong> ({best.equation}; {parametersText(best)}; R² {statText(best.r2)}, AIC {statText(best.aic)}): lowest AIC among the models fitted on every point.</>
          : 'No model could be fitted to these data.'}
      </p>
      <p className="fit-meta">{fit.timesH.length} time points, {fit.replicateCount} replicate{fit.replicateCount === 1 ? '' : 's'} (fitted to the mean).</p>
      {chart && best ? (
        <>
          <UPlotChart options={FIT_OPTIONS} data={chart.data} className="uplot-chart fit-chart"
            label={`Measured mean release and the ${modelName(best.model)} fit versus time, ${fit.timesH.length} points; R² ${statText(best.r2)}.`} />
          <ChartExportButtons name="fit chart" spec={() => fitChartSpec(fit, chart, title)} />
        </>
      ) : null}
      {resid && residData && best ? (
        <>
          <UPlotChart options={RESIDUAL_OPTIONS} data={residData} className="uplot-chart residual-chart"
            label={`Residuals of the ${modelName(best.model)} fit: largest ${statText(Math.max(...resid.residualPct.map(Math.abs)))} percentage points.`} />
          <details className="fit-residual-table">
            <summary>Residuals as numbers</summary>
            <table aria-label="Residuals of the best model">
              <thead><tr><th scope="col">Time (h)</th><th scope="col">Measured (%)</th><th scope="col">Fitted (%)</th><th scope="col">Residual (% points)</th></tr></thead>
              <tbody>
                {resid.timesH.map((t, i) => (
                  <tr key={t}>
                    <td>{statText(t)}</td>
                    <td>{statText(fit.meanPct[fit.timesH.indexOf(t)] ?? null)}</td>
                    <td>{statText(best.predictedPct[i] ?? null)}</td>
                    <td>{statText(resid.residualPct[i] ?? null)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      ) : null}
      <FitTable fit={fit} />
      {fit.models.some((m) => !m.usedAllPoints) ? <p className="fit-footnote">* fitted on a subset of points (Korsmeyer-Peppas: F ≤ 60 %); its AIC is not comparable with the others and it is not ranked best.</p> : null}
      {fit.failed.length > 0 ? (
        <ul className="fit-failed" aria-label="Models not fitted">
          {fit.failed.map((f) => <li key={f.model}>{modelName(f.model)}: {f.error}</li>)}
        </ul>
      ) : null}
      {fit.notes.map((n) => <p key={n} className="fit-footnote">{n}</p>)}
    </section>
  )
}
