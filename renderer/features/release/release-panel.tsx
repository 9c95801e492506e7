import { useId, useMemo } from 'react'
import type uPlot from 'uplot'
import type { ReleaseMeasurement } from '../../../shared/ipc/channels/measurement'
import type { ReleasePrediction } from '../../../shared/engine/release/types'
import type { Design } from '../../../shared/design/types'
import type { ReleaseMethodValues } from '../../../shared/ipc/channels/measurement'
import { predictApparentRelease } from '../../../shared/engine/release/apparent-release'
import { releaseSpeedSpreadLog10 } from '../../../shared/engine/release/predict'
import { RELEASE_METHOD_LABELS, crossesMembrane } from '../../../shared/engine/release/in-vitro'
import { useDesignStore } from '../../stores/design-store'
import { REPORTED_QUANTITIES } from '../../../shared/metrics/registry'
import { AXIS_STYLE, type ChartSpec } from '../../lib/chart-export'
import { humanizeText, parameterLabel, unitText } from '../../lib/display-names'
import { formatQuantity } from '../../../shared/design/format'
import { ChartExportButtons } from '../../lib/chart-export-buttons'
import { MEASURED_COLOUR } from '../../lib/palette'
import { useEstimateStore } from '../../stores/estimate-store'
import { measurementTitle, useMeasurementStore } from '../../stores/measurement-store'
import { drawMeasuredPoints, type MeasuredPoint } from '../biodistribution/biodistribution-chart'
import { MeasuredRelease } from '../measurements/measured-release'
import {
  RELEASE_ENVIRONMENTS, RELEASE_HORIZONS_H, environmentsCoincide, evidenceText, hoursText, measuredReleasePoints,
  percentText, releaseChartData, releaseSummaryText, sortAssumptions, type MeasuredReleasePoints,
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

/**
 * Draws measured release (replicate mean as a square, ± SD as a bar) over the curves, with the
 * same overlay the biodistribution chart draws its measured points with.
 */
export function drawMeasuredRelease(points: MeasuredReleasePoints | null): (u: uPlot) => void {
  const overlay: MeasuredPoint[] = []
  points?.timesH.forEach((timeH, i) => {
    const mean = points.meanPct[i]
    if (mean === null || mean === undefined) return
    overlay.push({ timeH, percentDose: mean, sdPercentDose: points.sdPct[i] ?? null, colour: MEASURED_COLOUR })
  })
  return drawMeasuredPoints(overlay, false)
}

/** What a membrane set-up would read of the plasma curve: % counted at each chart time. */
export interface ApparentReleaseCurve {
  readonly timesH: ReadonlyArray<number>
  readonly percent: ReadonlyArray<number>
  /** The set-up's name, e.g. "Dialysis bag". */
  readonly setUp: string
  /** The numbers the set-up did not state, taken from the engine's priors (with sources). */
  readonly assumptions: ReleasePrediction['assumptions']
}

/**
 * The plasma curve as the measurement's set-up would read it, or null when the measurement
 * names no set-up or one that counts released drug directly.
 *
 * Why on the UI thread: it depends on which measurement is shown, not on the estimate, and one
 * integration over ~700 grid points costs about a millisecond (shared/engine/release/in-vitro.ts).
 */
export function apparentReleaseCurve(design: Design | null, setUp: ReleaseMethodValues | undefined, timesH: ReadonlyArray<number>): ApparentReleaseCurve | null {
  if (!design || !setUp || !crossesMembrane(setUp.kind)) return null
  const method = { kind: setUp.kind, particleConcentrationMgPerMl: setUp.particleConcentrationMgPerMl ?? null }
  const apparent = predictApparentRelease(design, method, timesH)
  return { timesH, percent: apparent.fractionObserved.map((f) => 100 * f), setUp: RELEASE_METHOD_LABELS[setUp.kind], assumptions: apparent.assumptions }
}

/**
 * How well a release time is known for this design, in words, or null where the engine has no
 * calibrated spread. The factor is one standard deviation of the release speed across the
 * published calibration rows: release catalog `matrixReleaseSpread` for matrix cores,
 * `liposomeLeakageSpread` for liposomes (the engine's releaseSpeedSpreadLog10 picks it).
 */
export function releaseSpreadNote(design: Design | null): string | null {
  if (!design) return null
  const spread = releaseSpeedSpreadLog10(design)
  if (spread === undefined) return null
  const factor = Math.pow(10, spread)
  const shown = factor < 10 ? factor.toFixed(1) : String(Math.round(factor))
  const what = design.core.material === 'liposome'
    ? `Published liposomes of the calibration set leaked their drug in the body ${shown}× faster or slower than the catalogued rate for their drug, bilayer and size predicts (one standard deviation; loading method and set-ups differ)`
    : `Published matrix nanoparticles of the calibration set released ${shown}× faster or slower than one diffusivity predicts (one standard deviation; their media, set-ups and drug states differ)`
  return `How well is this known? ${what}. The Monte Carlo bands of drug released per tissue include this spread. Measure release and attach it to the saved version: that, not the design alone, fixes the time scale.`
}

/** Draws the apparent (as-measured) curve dashed in the plasma colour over the chart. */
export function drawApparentCurve(curve: ApparentReleaseCurve | null): (u: uPlot) => void {
  return (u) => {
    if (!curve) return
    const ctx = u.ctx
    const px = devicePixelRatio || 1
    ctx.save()
    ctx.strokeStyle = RELEASE_ENVIRONMENTS[0]!.colour
    ctx.lineWidth = 2 * px
    ctx.setLineDash([7 * px, 4 * px])
    ctx.beginPath()
    curve.timesH.forEach((t, i) => {
      const x = u.valToPos(t, 'x', true)
      const y = u.valToPos(curve.percent[i] ?? 0, 'y', true)
      if (i === 0) ctx.moveTo(x, y)
      else ctx.lineTo(x, y)
    })
    ctx.stroke()
    ctx.restore()
  }
}

/** Chart options of the predicted curves (fixed: only the data changes while editing). */
const RELEASE_OPTIONS: Omit<uPlot.Options, 'width'> = {
  height: CHART_HEIGHT_PX,
  legend: { show: true },
  scales: { x: { time: false }, y: { range: [0, 100] } },
  axes: [
    { label: 'Time (h)', ...AXIS_STYLE, labelSize: 22 },
    { label: 'Released (%)', ...AXIS_STYLE, size: 48, labelSize: 22 },
  ],
  series: [
    { label: 'Time (h)' },
    ...RELEASE_ENVIRONMENTS.map((env) => ({ label: env.short, stroke: env.colour, width: 2, points: { show: false } })),
  ],
}

/** The predicted curves of the three environments with t50 marks and measured points (uPlot). */
export function ReleaseCurves({ release, measured = null, measuredTitle = '', apparent = null }: {
  readonly release: ReleasePrediction
  readonly measured?: MeasuredReleasePoints | null
  readonly measuredTitle?: string
  /** The plasma curve as the measurement's set-up reads it (dashed), if it names one. */
  readonly apparent?: ApparentReleaseCurve | null
}): React.JSX.Element {
  const data = useMemo(() => releaseChartData(release), [release])
  const overlay = useMemo(() => {
    const marks = drawT50Marks(RELEASE_ENVIRONMENTS.map((env) => ({ tH: release.environments[env.id].t50H, colour: env.colour })))
    const points = drawMeasuredRelease(measured)
    const dashed = drawApparentCurve(apparent)
    return (u: uPlot): void => {
      marks(u)
      dashed(u)
      points(u)
    }
  }, [release, measured, apparent])
  const shown = measured ? measured.meanPct.filter((v) => v !== null).length : 0
  const label = `${releaseSummaryText(release)}${measured ? ` Measured “${measuredTitle}”: ${shown} points (mean ± SD) drawn as squares.` : ''}${apparent ? ` Dashed: the plasma curve as a ${apparent.setUp.toLowerCase()} would read it, ${percentText((apparent.percent.at(-1) ?? 0) / 100)} at the end.` : ''}`
  return <UPlotChart options={RELEASE_OPTIONS} data={data} overlay={overlay} label={label} className="uplot-chart release-chart" />
}

/** The release chart as exportable data: the three predicted curves and the measured means ± SD. */
export function releaseChartSpec(release: ReleasePrediction, measured: MeasuredReleasePoints | null, measuredTitle: string, apparent: ApparentReleaseCurve | null = null): ChartSpec {
  const [xs, ...columns] = releaseChartData(release)
  return {
    title: 'Predicted drug release',
    xLabel: 'Time (h)',
    yLabel: 'Released (%)',
    yRange: [0, 100],
    series: [
      ...RELEASE_ENVIRONMENTS.map((env, i) => ({ label: `Predicted, ${env.label}`, colour: env.colour, xs, ys: columns[i] ?? [] })),
      ...(apparent ? [{ label: `As a ${apparent.setUp.toLowerCase()} reads it, ${RELEASE_ENVIRONMENTS[0]!.label}`, colour: RELEASE_ENVIRONMENTS[0]!.colour, xs: [...apparent.timesH], ys: [...apparent.percent] }] : []),
      ...(measured ? [{ label: `Measured, ${measuredTitle} (mean ± SD)`, colour: MEASURED_COLOUR, kind: 'points' as const, xs: measured.timesH, ys: measured.meanPct, errors: measured.sdPct }] : []),
    ],
  }
}

/** The release measurement drawn over the prediction: the one whose fit is shown, else the latest. */
function useMeasuredOverlay(): { readonly points: MeasuredReleasePoints | null; readonly title: string; readonly setUp?: ReleaseMethodValues } {
  const items = useMeasurementStore((s) => s.items)
  const selectedId = useMeasurementStore((s) => s.selectedId)
  return useMemo(() => {
    const releases = items.filter((m): m is ReleaseMeasurement => m.kind === 'release')
    const m = releases.find((r) => r.id === selectedId) ?? releases.at(-1)
    return m ? { points: measuredReleasePoints(m.data), title: measurementTitle(m), ...(m.data.releaseMethod ? { setUp: m.data.releaseMethod } : {}) } : { points: null, title: '' }
  }, [items, selectedId])
}

/** t50, t80, burst and rate multiplier per environment: the numbers behind the curves. */
export function ReleaseTable({ release }: { readonly release: ReleasePrediction }): React.JSX.Element {
  return (
    <table aria-label="Release by environment" className="release-table">
      <thead>
        <tr>
          <th scope="col">Environment</th>
          <th scope="col">{REPORTED_QUANTITIES.t50H.label}</th>
          <th scope="col">{REPORTED_QUANTITIES.t80H.label}</th>
          <th scope="col">{REPORTED_QUANTITIES.burstFraction1H.label}</th>
          <th scope="col">{REPORTED_QUANTITIES.releaseRateMultiplier.label} ({REPORTED_QUANTITIES.releaseRateMultiplier.unit})</th>
        </tr>
      </thead>
      <tbody>
        {RELEASE_ENVIRONMENTS.map((env) => {
          const e = release.environments[env.id]
          return (
            <tr key={env.id}>
              <th scope="row"><span className="release-swatch" aria-hidden="true" data-env={env.id} style={{ background: env.colour }} />{env.label}</th>
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
  const paths = sorted.map((a) => a.parameter)
  const unverified = sorted.filter((a) => a.evidence === 'U').length
  return (
    <details className="release-assumptions">
      <summary>Assumptions and sources ({sorted.length} parameters, {unverified} unverified)</summary>
      <ul aria-label="Release assumptions">
        {sorted.map((a) => (
          <li key={a.parameter}>
            <details>
              <summary title={`${a.parameter} — ${a.source}`}>
                <span className={`evidence-tag evidence-${a.evidence}`}>{evidenceText(a.evidence)}</span>{' '}
                <span className="assumption-name">{parameterLabel(a.parameter)}</span> = {formatQuantity(a.value, a.unit && a.unit !== '1' ? unitText(a.unit) : '', 4)}
              </summary>
              <p className="assumption-source">Source: {humanizeText(a.source, paths)} [{a.evidence}]</p>
              {a.note ? <p className="assumption-note">{humanizeText(a.note, paths)}</p> : null}
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
  // The prediction at the chosen horizon comes from the worker with the estimate (never
  // predicted again on the UI thread); the choice lives in the estimate store.
  const view = useEstimateStore((s) => s.releaseView)
  const choice = useEstimateStore((s) => s.releaseHorizon)
  const setChoice = useEstimateStore((s) => s.setReleaseHorizon)
  const horizonId = useId()
  const release = view?.release ?? null
  const hours = view?.hours ?? null
  const error = view?.error ?? null
  const measured = useMeasuredOverlay()
  const design = useDesignStore((s) => s.lastValid?.design ?? null)
  const apparent = useMemo(
    () => (release ? apparentReleaseCurve(design, measured.setUp, release.environments.plasma.timesH) : null),
    [design, measured.setUp, release],
  )
  const spreadNote = useMemo(() => releaseSpreadNote(design), [design])
  return (
    <div className="release-panel">
      <section aria-label="Predicted release" className="release-predicted">
        {release ? (
          <>
            <div className="release-head">
              <p className="release-mechanism"><strong>Mechanism:</strong> <span data-testid="release-mechanism">{release.mechanismLabel}</span>
                {release.dispersedDrug ? ' (drug dispersed above its solubility)' : ''}</p>
              <label htmlFor={horizonId} className="release-horizon">Horizon{' '}
                <select id={horizonId} value={String(choice)} onChange={(e) => setChoice(e.target.value === 'auto' ? 'auto' : Number(e.target.value))}>
                  <option value="auto">Auto (past every t80){choice === 'auto' && hours !== null ? `: ${horizonText(hours)}` : ''}</option>
                  {RELEASE_HORIZONS_H.map((h) => <option key={h.hours} value={h.hours}>{h.label}</option>)}
                </select>
              </label>
            </div>
            {error ? <p role="alert" className="estimate-note">Could not predict at the chosen horizon ({error}); showing the engine's {horizonText(hours ?? 0)}.</p> : null}
            <ReleaseCurves release={release} measured={measured.points} measuredTitle={measured.title} apparent={apparent} />
            <ChartExportButtons name="release chart" spec={() => releaseChartSpec(release, measured.points, measured.title, apparent)} />
            <p className="estimate-note release-key">
              Rings and dashed drops: t50 · horizon {horizonText(hours ?? 0)}
              {measured.points ? <> · white squares: measured “{measured.title}” (mean ± SD of replicates)</> : null}.
            </p>
            {apparent ? (
              <p className="estimate-note" data-testid="release-apparent">
                Dashed: the plasma curve as the {apparent.setUp.toLowerCase()} of “{measured.title}” would read it. Released drug is counted only
                after it crosses the membrane, and a lipophilic drug partly returns into the particles meanwhile (Modi &amp; Anderson 2013,
                Mol Pharm 10:3076), so the measured curve lags the particle&apos;s release. Compare the squares with the dashed line.
                {apparent.assumptions.length > 0 ? <> Assumed: {apparent.assumptions.map((a) => `${parameterLabel(a.parameter)} ${formatQuantity(a.value, a.unit && a.unit !== '1' ? unitText(a.unit) : '', 3)} [${a.evidence}]`).join('; ')}.</> : null}
              </p>
            ) : null}
            {environmentsCoincide(release)
              ? <p className="estimate-note" data-testid="release-coincide">The three environments release alike (no pH, ROS or MMP trigger acts on this design), so their curves lie on top of each other.</p>
              : null}
            <ReleaseTable release={release} />
            {spreadNote ? <p className="estimate-note" data-testid="release-spread">{spreadNote}</p> : null}
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

/** A horizon in words: hours up to 72 h, days beyond. */
function horizonText(hours: number): string {
  return hours > 72 ? `${Number((hours / 24).toPrecision(3))} days` : `${Number(hours.toPrecision(3))} h`
}
