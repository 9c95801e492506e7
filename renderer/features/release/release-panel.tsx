import { useMemo } from 'react'
import type uPlot from 'uplot'
import type { ReleasePrediction } from '../../../shared/engine/release/types'
import { useEstimateStore } from '../../stores/estimate-store'
import { MeasuredRelease } from '../measurements/measured-release'
import {
  RELEASE_ENVIRONMENTS, environmentsCoincide, evidenceText, hoursText, percentText, releaseChartData, releaseSummaryText, sortAssumptions,
} from './release-format'
import { UPlotChart } from './uplot-chart'
import './release.css'

/** Height of the predicted-release chart, px. */
const CHART_HEIGHT_PX = 220

/** Where each environment reaches 50 %, with the colour of its curve. */
type T50Marks = ReadonlyArray<{ readonly tH: number | null; readonly colour: string }>

/**
 * Draws a t50 mark per curve: a ring on the curve at 50 % and a dashed drop line to the
 * time axis.
 *
 * Why an overlay rather than extra series: the marks sit at engine-computed t50 values
 * (not on grid points) and follow the data without rebuilding the chart.
 */
export function drawT50Marks(marks: T50Marks): (u: uPlot) => void {
  return (u) => {
    const ctx = u.ctx
    const px = devicePixelRatio || 1
    ctx.save()
    for (const mark of marks) {
      if (mark.tH === null) continue
      const x = u.valToPos(mark.tH, 'x', true)
      const y = u.valToPos(50, 'y', true)
      const bottom = u.bbox.top + u.bbox.height
      ctx.strokeStyle = mark.colour
      ctx.lineWidth = 1.5 * px
      ctx.setLineDash([4 * px, 3 * px])
      ctx.beginPath()
      ctx.moveTo(x, y)
      ctx.lineTo(x, bottom)
      ctx.stroke()
      ctx.setLineDash([])
      ctx.beginPath()
      ctx.arc(x, y, 4 * px, 0, 2 * Math.PI)
      ctx.stroke()
    }
    ctx.restore()
  }
}

/** Chart options of the predicted curves (fixed: only the data changes while editing). */
const RELEASE_OPTIONS: Omit<uPlot.Options, 'width'> = {
  height: CHART_HEIGHT_PX,
  legend: { show: true },
  scales: { x: { time: false }, y: { range: [0, 100] } },
  axes: [
    { label: 'Time (h)', stroke: '#9aa4b8', grid: { stroke: '#2a3142' } },
    { label: 'Released (%)', stroke: '#9aa4b8', grid: { stroke: '#2a3142' } },
  ],
  series: [
    { label: 'Time (h)' },
    ...RELEASE_ENVIRONMENTS.map((env) => ({ label: env.short, stroke: env.colour, width: 2, points: { show: false } })),
  ],
}

/** The predicted curves of the three environments with t50 marks (uPlot) and their text equivalent. */
export function ReleaseCurves({ release }: { readonly release: ReleasePrediction }): React.JSX.Element {
  const data = useMemo(() => releaseChartData(release), [release])
  const overlay = useMemo(
    () => drawT50Marks(RELEASE_ENVIRONMENTS.map((env) => ({ tH: release.environments[env.id].t50H, colour: env.colour }))),
    [release],
  )
  return <UPlotChart options={RELEASE_OPTIONS} data={data} overlay={overlay} label={releaseSummaryText(release)} className="uplot-chart release-chart" />
}

/** t50, t80, burst and rate multiplier per environment: the numbers behind the curves. */
export function ReleaseTable({ release }: { readonly release: ReleasePrediction }): React.JSX.Element {
  return (
    <table aria-label="Release by environment" className="release-table">
      <thead>
        <tr>
          <th scope="col">Environment</th>
          <th scope="col">t50</th>
          <th scope="col">t80</th>
          <th scope="col">Burst (first 1 h)</th>
          <th scope="col">Rate vs plasma (×)</th>
        </tr>
      </thead>
      <tbody>
        {RELEASE_ENVIRONMENTS.map((env) => {
          const e = release.environments[env.id]
          return (
            <tr key={env.id}>
              <th scope="row"><span className="release-swatch" aria-hidden="true" data-env={env.id} />{env.label}</th>
              <td data-testid={`t50-${env.id}`}>{hoursText(e.t50H)}</td>
              <td>{hoursText(e.t80H)}</td>
              <td>{percentText(e.burstFraction1H)}</td>
              <td>{Number(e.rateMultiplier.toPrecision(3))}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

/**
 * The parameters the prediction relied on, unverified ones ([U]) first and labelled
 * "assumption"; each expands to show its source and note.
 */
export function ReleaseAssumptions({ release }: { readonly release: ReleasePrediction }): React.JSX.Element {
  const sorted = sortAssumptions(release.assumptions)
  const unverified = sorted.filter((a) => a.evidence === 'U').length
  return (
    <details className="release-assumptions">
      <summary>Assumptions and sources ({sorted.length} parameters, {unverified} unverified)</summary>
      <ul aria-label="Release assumptions">
        {sorted.map((a) => (
          <li key={a.parameter}>
            <details>
              <summary title={a.source}>
                <span className={`evidence-tag evidence-${a.evidence}`}>{evidenceText(a.evidence)}</span>{' '}
                <code>{a.parameter}</code> = {Number(a.value.toPrecision(4))}{a.unit && a.unit !== '1' ? ` ${a.unit}` : ''}
              </summary>
              <p className="assumption-source">Source: {a.source} [{a.evidence}]</p>
              {a.note ? <p className="assumption-note">{a.note}</p> : null}
            </details>
          </li>
        ))}
      </ul>
    </details>
  )
}

/**
 * The release tab: predicted release per environment (curves with t50 marks, the numbers,
 * the mechanism and its assumptions), updated live from the estimate store, then the
 * measured release data attached to the saved design version.
 */
export function ReleasePanel(): React.JSX.Element {
  const simulation = useEstimateStore((s) => s.simulation)
  const release = simulation?.release ?? null
  return (
    <div className="release-panel">
      <section aria-label="Predicted release" className="release-predicted">
        {release ? (
          <>
            <p className="release-mechanism"><strong>Mechanism:</strong> <span data-testid="release-mechanism">{release.mechanismLabel}</span>
              {release.dispersedDrug ? ' (drug dispersed above its solubility)' : ''}</p>
            <ReleaseCurves release={release} />
            {environmentsCoincide(release)
              ? <p className="estimate-note" data-testid="release-coincide">The three environments release alike (no pH, ROS or MMP trigger acts on this design), so their curves lie on top of each other.</p>
              : null}
            <ReleaseTable release={release} />
            {release.warnings.length > 0 ? (
              <ul className="release-warnings" aria-label="Release warnings">
                {release.warnings.map((w) => <li key={w}>{w}</li>)}
              </ul>
            ) : null}
            <ReleaseAssumptions release={release} />
          </>
        ) : <p className="estimate-empty">Waiting for the first estimate…</p>}
      </section>
      <MeasuredRelease />
    </div>
  )
}
