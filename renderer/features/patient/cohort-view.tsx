import { useId } from 'react'
import type { Design } from '../../../shared/design/types'
import type { CohortResult } from '../../../shared/patient/cohort'
import { RESPONSE_METRIC_LABELS } from '../../../shared/patient/cohort'
import { getMetric, isMetricId } from '../../../shared/metrics/registry'
import { formatValue } from '../biodistribution/biodistribution-model'
import { downloadText } from '../../lib/download'
import type { ChartSpec } from '../../lib/chart-export'
import { ChartExportButtons } from '../../lib/chart-export-buttons'
import { fileStem } from '../export/export-scene'
import { secondsText } from '../analysis/sensitivity-panel'
import { exampleCohortsFor } from './patient-examples'
import { RATIO_METRICS, cohortMetricRows, logPosition, patientSummary, ratioAxis, type CohortMetricRow } from './patient-format'
import { COHORT_N_LIMITS, usePatientStore } from './patient-store'

/** "120 of 200 patients" */
export function cohortProgressText(done: number, total: number): string {
  return `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} patients`
}

/**
 * The cohort view: a cohort (an example of the design's disease or a cohort file), n and a
 * seed; the run in the engine workers with progress and Cancel; p5/p50/p95 of every metric,
 * the ratios against free drug drawn as bands on one log axis with free drug at 1; the
 * patients at the extremes, each opened in the form above with one click.
 */
export function CohortView({ design, hours }: { readonly design: Design; readonly hours: number }): React.JSX.Element {
  const id = useId()
  const disease = design.context.disease
  const choice = usePatientStore((s) => s.cohortChoice)
  const issues = usePatientStore((s) => s.cohortIssues)
  const n = usePatientStore((s) => s.cohortN)
  const seed = usePatientStore((s) => s.cohortSeed)
  const run = usePatientStore((s) => s.cohort)
  const store = usePatientStore.getState
  const examples = exampleCohortsFor(disease)
  const running = run.status === 'running'
  const value = choice === null ? '' : choice.kind === 'example' ? `example:${choice.id}` : 'file'
  const stale = run.result !== null && JSON.stringify(run.design) !== JSON.stringify(design)

  return (
    <section className="patient-section" aria-label="Cohort">
      <h3 className="patient-heading">Cohort</h3>
      <p className="estimate-note">Many patients drawn from a disease&apos;s published covariate distributions (age, sex, weight, height, eGFR, activity, with their correlations); the spread of every metric over them.</p>
      <form className="analysis-controls" aria-label="Cohort settings" onSubmit={(e) => { e.preventDefault(); void store().runCohort(design, hours) }}>
        <div className="field">
          <label htmlFor={`${id}-cohort`}>Cohort</label>
          <select
            id={`${id}-cohort`} value={value} disabled={running}
            onChange={(e) => {
              const v = e.target.value
              if (v.startsWith('example:')) store().chooseCohort({ kind: 'example', id: v.slice('example:'.length) })
            }}
          >
            {value === '' && <option value="" disabled>No example for this disease: open a cohort file</option>}
            {examples.map((c) => <option key={c.id} value={`example:${c.id}`}>Example: {c.label}</option>)}
            {choice?.kind === 'file' && <option value="file">File: {choice.fileName}</option>}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-file`}>Open cohort file</label>
          <input
            id={`${id}-file`} type="file" accept=".json,application/json" disabled={running}
            onChange={(e) => {
              const file = e.target.files?.[0]
              e.target.value = ''
              if (file) void store().openFile('cohort', file, disease)
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-n`}>Patients</label>
          <input id={`${id}-n`} type="number" min={COHORT_N_LIMITS.min} max={COHORT_N_LIMITS.max} step={1} required disabled={running} value={n} onChange={(e) => store().setCohortSettings({ n: Number(e.target.value) })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-seed`}>Seed</label>
          <input id={`${id}-seed`} type="number" min={0} step={1} required disabled={running} value={seed} onChange={(e) => store().setCohortSettings({ seed: Number(e.target.value) })} />
        </div>
        <div className="analysis-actions">
          {running
            ? <button type="button" onClick={() => store().cancelCohort()}>Cancel</button>
            : <button type="submit" disabled={choice === null}>Run cohort</button>}
        </div>
      </form>
      {issues.length > 0 && (
        <div className="analysis-issues" role="alert">
          <p>The cohort file was not opened ({issues.length} problem{issues.length === 1 ? '' : 's'}):</p>
          <ul>{issues.map((t) => <li key={t}>{t}</li>)}</ul>
        </div>
      )}
      {running && (
        <p className="analysis-progress" role="status">
          <progress max={Math.max(1, run.total)} value={run.done} aria-label="Cohort progress" /> {cohortProgressText(run.done, run.total)}
        </p>
      )}
      {run.status === 'cancelled' && <p className="analysis-status" role="status">Cancelled; no result.</p>}
      {run.status === 'error' && <p className="analysis-status is-error" role="alert">The cohort did not run: {run.error}</p>}
      {run.status === 'refused' && <p className="patient-refusal" role="alert">This design cannot be estimated in this cohort: {run.refusal?.message}.</p>}
      {run.result && run.status === 'done' && (
        <CohortResultView result={run.result} label={run.cohortLabel ?? ''} elapsedMs={run.elapsedMs} workers={run.workers} stale={stale} design={design} hours={hours} />
      )}
    </section>
  )
}

function CohortResultView({ result, label, elapsedMs, workers, stale, design, hours }: {
  readonly result: CohortResult; readonly label: string; readonly elapsedMs: number | null; readonly workers: number; readonly stale: boolean
  readonly design: Design; readonly hours: number
}): React.JSX.Element {
  const { rows, undefinedFor } = cohortMetricRows(result)
  const ratios = rows.filter((r) => (RATIO_METRICS as ReadonlyArray<string>).includes(r.id))
  const e = result.extremes
  const extremeLabel = e ? (isMetricId(e.metric) ? getMetric(e.metric).label : RESPONSE_METRIC_LABELS[e.metric]) : ''
  return (
    <section className="analysis-result" aria-label="Cohort result">
      <p className="estimate-note">
        {label}: {result.n.toLocaleString('en-US')} patients, seed {result.seed}, {result.hours} h horizon
        {result.responseHorizonH > result.hours ? ` (the response against free drug counted to ${result.responseHorizonH} h for every patient: more than 5 % of the dose was still inside the typical patient's particles at ${result.hours} h)` : ''}; {result.redrawn} {result.redrawn === 1 ? 'individual' : 'individuals'} drawn again (outside a bound or the BMI limits);
        {' '}{secondsText(elapsedMs)} on {workers} engine worker{workers === 1 ? '' : 's'}.
        {stale ? <strong className="patient-stale"> The design has changed since: run again for the current one.</strong> : null}
      </p>
      {ratios.length > 0 && <RatioBands rows={ratios} />}
      <table className="patient-table cohort-table" aria-label="Cohort percentiles">
        <caption className="estimate-note">5th, 50th and 95th percentile over the cohort</caption>
        <thead><tr><th scope="col">Metric</th><th scope="col">p5</th><th scope="col">p50</th><th scope="col">p95</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-metric={r.id}>
              <th scope="row">{r.label}{r.unit && r.unit !== '%' ? ` (${r.unit})` : ''}</th><td>{r.text.p5}</td><td>{r.text.p50}</td><td>{r.text.p95}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {undefinedFor.length > 0 && <p className="estimate-note">Not defined for this design: {undefinedFor.join(', ')}.</p>}
      {e && (
        <div className="cohort-extremes" role="group" aria-label="Patients at the extremes">
          <h4 className="patient-subheading">Patients at the extremes of {extremeLabel.toLowerCase()}</h4>
          {(['lowest', 'highest'] as const).map((which) => (
            <p key={which}>
              <span className="cohort-extreme-value">{which === 'lowest' ? 'Lowest' : 'Highest'}: {formatValue(e[which].value)}</span>{' '}
              — {patientSummary(e[which].patient)}{' '}
              <button type="button" onClick={() => void usePatientStore.getState().openExtreme(which, design, hours)}>
                Open the {which} patient
              </button>
            </p>
          ))}
        </div>
      )}
      <div className="analysis-export">
        <button type="button" onClick={() => downloadText(`${JSON.stringify(result, null, 2)}\n`, `${fileStem(design.name)}-cohort-n${result.n}-seed${result.seed}.json`, 'application/json')}>
          Download the result (JSON, as <code>nanoforge population --json</code>)
        </button>
      </div>
    </section>
  )
}

/**
 * The ratio bands as an exportable chart: per metric the cohort median as a marker and the
 * 5th–95th percentile as a whisker, on the same log axis; the ratio is to the same dose of
 * free drug, so it has no unit.
 */
export function ratioBandsChartSpec(rows: ReadonlyArray<CohortMetricRow>): ChartSpec {
  return {
    title: 'Ratios to free drug over the cohort',
    xLabel: 'Metric',
    yLabel: 'Ratio to free drug (×, dimensionless)',
    yLog: true,
    categories: rows.map((r) => r.label),
    intervalLabel: '5th–95th percentile',
    series: [{
      label: 'Cohort median, 5th–95th percentile', colour: '#0072B2', kind: 'points',
      xs: rows.map((_, i) => i), ys: rows.map((r) => r.p50),
      interval: rows.map((r) => (r.p5 !== null && r.p95 !== null ? [r.p5, r.p95] as const : null)),
    }],
  }
}

/**
 * The ratios against free drug over the cohort: per metric a bar from p5 to p95 with a tick at
 * the median, on one log axis that always holds 1 (the free drug), so "more in the target,
 * less in the body" reads as bars right of and left of the line. Every number is also text.
 */
export function RatioBands({ rows }: { readonly rows: ReadonlyArray<CohortMetricRow> }): React.JSX.Element {
  const axis = ratioAxis(rows.flatMap((r) => [r.p5, r.p95].filter((v): v is number => v !== null)))
  const one = logPosition(1, axis)
  return (
    <figure className="analysis-chart ratio-bands" aria-label="Ratios to free drug over the cohort, 5th to 95th percentile">
      <ul className="bar-rows">
        {rows.map((r) => {
          const lo = logPosition(r.p5 ?? 1, axis)
          const hi = logPosition(r.p95 ?? 1, axis)
          const mid = logPosition(r.p50 ?? 1, axis)
          return (
            <li key={r.id} className="bar-row" data-metric={r.id}>
              <span className="bar-label">{r.label}</span>
              <span className="bar-track" aria-hidden="true">
                <span className="ratio-one" style={{ left: `${one}%` }} />
                <span className="bar ratio-band" style={{ left: `${lo}%`, width: `${Math.max(0.5, hi - lo)}%` }} />
                <span className="ratio-median" style={{ left: `${mid}%` }} />
              </span>
              <span className="bar-value">× {r.text.p50} ({r.text.p5}–{r.text.p95})</span>
            </li>
          )
        })}
      </ul>
      <div className="bar-axis ratio-axis" aria-hidden="true">
        <span className="ratio-ticks">
          {axis.ticks.map((t) => <span key={t} style={{ left: `${logPosition(t, axis)}%` }}>{formatValue(t)}</span>)}
        </span>
      </div>
      <figcaption className="chart-legend">Bar: 5th to 95th percentile; tick: median; line at 1: the same dose of free drug (log scale).</figcaption>
      <ChartExportButtons name="ratio bands" spec={() => ratioBandsChartSpec(rows)} />
    </figure>
  )
}
