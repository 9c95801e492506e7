import type { MultiplierSummary } from '../../../shared/engine/calibrate/calibrate'
import type { CalibrationParameterId } from '../../../shared/engine/calibrate/parameters'
import type { ChartSpec } from '../../lib/chart-export'
import { ChartExportButtons } from '../../lib/chart-export-buttons'
import { formatValue } from '../biodistribution/biodistribution-model'
import { formatInterval, logAxis, parameterName } from './calibrate-format'

const WIDTH = 640
const LABEL_W = 250
const ROW_H = 34
const AXIS_H = 26
const PAD_R = 16

/**
 * Prior versus posterior of every calibrated parameter on one log axis of multipliers: a wide
 * grey bar for the prior's 95 % interval, a narrower coloured bar for the posterior's, a tick
 * at each median, and the nominal engine (×1) as a dashed line.
 *
 * Why a log axis: the parameters are multipliers with log-normal priors, so ×2 and ÷2 are the
 * same distance from 1; a linear axis would squeeze every shrinkage below 1 into a sliver.
 * The table beside it lists the same numbers (the chart's text equivalent).
 *
 * It takes what both a fresh run (ParameterReport) and a saved profile's summary hold, so the
 * dialog and the profile picker draw the same chart.
 */
export interface ChartParameter {
  readonly id: CalibrationParameterId
  readonly prior: MultiplierSummary
  readonly posterior: MultiplierSummary | null
}

/**
 * The chart as an exportable chart: per parameter the prior's and the posterior's median as a
 * marker with its 95 % interval as a whisker, on the same log axis of multipliers (a parameter
 * without a reported posterior has an empty posterior row in the CSV).
 */
export function priorPosteriorChartSpec(parameters: ReadonlyArray<ChartParameter>): ChartSpec {
  const xs = parameters.map((_, i) => i)
  return {
    title: 'Prior and posterior of the calibrated multipliers',
    xLabel: 'Parameter',
    yLabel: 'Multiplier of the nominal value (×, dimensionless)',
    yLog: true,
    categories: parameters.map((p) => parameterName(p.id)),
    series: [
      { label: 'Prior median, 95 % interval', colour: '#777777', kind: 'points', xs, ys: parameters.map((p) => p.prior.median), interval: parameters.map((p) => p.prior.ci95) },
      { label: 'Posterior median, 95 % interval', colour: '#0072B2', kind: 'points', xs, ys: parameters.map((p) => p.posterior?.median ?? null), interval: parameters.map((p) => p.posterior?.ci95 ?? null) },
    ],
  }
}

export function PriorPosteriorChart({ parameters }: { readonly parameters: ReadonlyArray<ChartParameter> }): React.JSX.Element {
  const values = parameters.flatMap((p) => [...p.prior.ci95, ...(p.posterior ? p.posterior.ci95 : [])])
  const axis = logAxis(values)
  const plotW = WIDTH - LABEL_W - PAD_R
  const x = (v: number): number => LABEL_W + axis.position(v) * plotW
  const height = AXIS_H + parameters.length * ROW_H + 8
  const description = parameters.map((p) => `${parameterName(p.id)}: prior ${formatInterval(p.prior)}, posterior ${p.posterior ? formatInterval(p.posterior) : 'not reported'}`).join('; ')
  return (
    <figure className="calibrate-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`Prior and posterior 95 % intervals of the multipliers on a log axis. ${description}.`} className="calibrate-chart-svg">
        {axis.ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={AXIS_H - 4} y2={height - 4} className={t === 1 ? 'cc-nominal' : 'cc-grid'} />
            <text x={x(t)} y={AXIS_H - 8} textAnchor="middle" className="cc-tick">×{formatValue(t)}</text>
          </g>
        ))}
        {parameters.map((p, i) => {
          const y = AXIS_H + i * ROW_H
          return (
            <g key={p.id} data-parameter={p.id}>
              <text x={LABEL_W - 8} y={y + ROW_H / 2 + 4} textAnchor="end" className="cc-label">{parameterName(p.id)}</text>
              <rect x={x(p.prior.ci95[0])} y={y + 6} width={Math.max(1, x(p.prior.ci95[1]) - x(p.prior.ci95[0]))} height={ROW_H - 12} className="cc-prior" />
              <line x1={x(p.prior.median)} x2={x(p.prior.median)} y1={y + 4} y2={y + ROW_H - 4} className="cc-prior-median" />
              {p.posterior ? (
                <>
                  <rect x={x(p.posterior.ci95[0])} y={y + 11} width={Math.max(2, x(p.posterior.ci95[1]) - x(p.posterior.ci95[0]))} height={ROW_H - 22} className="cc-posterior" />
                  <line x1={x(p.posterior.median)} x2={x(p.posterior.median)} y1={y + 8} y2={y + ROW_H - 8} className="cc-posterior-median" />
                </>
              ) : null}
            </g>
          )
        })}
      </svg>
      <figcaption className="calibrate-chart-key">
        <span className="cc-key cc-key-prior" aria-hidden="true" /> prior 95 % interval{' '}
        <span className="cc-key cc-key-posterior" aria-hidden="true" /> posterior 95 % interval · ticks: medians · dashed: the engine's nominal value (×1)
      </figcaption>
      <ChartExportButtons name="prior and posterior chart" spec={() => priorPosteriorChartSpec(parameters)} />
    </figure>
  )
}
