import { useId } from 'react'
import { getMetric, METRICS, type MetricId } from '../../../shared/metrics/registry'
import type { SensitivityMethod } from '../../../shared/analysis/design-sensitivity'
import { withinStudySentence, withinStudyShort } from '../../../shared/engine/validation/measured-accuracy'
import { useDesignStore } from '../../stores/design-store'
import { useEstimateStore } from '../../stores/estimate-store'
import { flagDesignOf } from '../flags/flags-panel'
import { MAX_CHART_ROWS, METHOD_LABELS, OVER_LABELS, indexText, metricLabel, morrisRows, sensitivityCsv, sobolRows, tornadoRows, type SensitivityOver } from './analysis-format'
import { downloadText } from '../../lib/download'
import { fileStem } from '../export/export-scene'
import { MorrisChart, SobolChart, TornadoChart } from './analysis-charts'
import { SAMPLE_LIMITS, useAnalysisStore, type RunStatus } from './analysis-store'
import './analysis.css'

/** "1,234 of 2,560 runs" */
export function progressText(done: number, total: number): string {
  return total > 0 ? `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} runs` : 'Starting the engine workers…'
}

/** Seconds for a run's duration ("0.4 s", "12 s"). */
export function secondsText(ms: number | null): string {
  if (ms === null) return ''
  const s = ms / 1000
  return s < 10 ? `${s.toFixed(1)} s` : `${Math.round(s)} s`
}

/** The run's one-line status for the panel. */
export function runStatusText(status: RunStatus, error: string | null): string {
  if (status === 'cancelled') return 'Cancelled; no result.'
  if (status === 'error') return `The run failed: ${error ?? 'unknown error'}`
  return ''
}

/** The samples box's name for each method. */
const SAMPLES_LABEL: Readonly<Record<Exclude<SensitivityMethod, 'local'>, string>> = {
  morris: 'Trajectories r',
  sobol: 'Base sample N',
}

/**
 * "Which knob matters" (issue 13): a sensitivity of one metric of the open design, to its
 * knobs (each over x/2 to 2x) or to the engine's uncertain assumptions, by local
 * coefficients (tornado), Morris screening (μ* against σ) or Sobol indices (bars with 95 %
 * intervals). Runs in the engine workers with progress and Cancel.
 */
export function SensitivityPanel(): React.JSX.Element {
  const design = useDesignStore(flagDesignOf)
  const hours = useEstimateStore((s) => s.hours)
  const settings = useAnalysisStore((s) => s.sensitivitySettings)
  const run = useAnalysisStore((s) => s.sensitivity)
  const set = useAnalysisStore((s) => s.setSensitivitySettings)
  const id = useId()
  const running = run.status === 'running'
  const metric = settings.metric
  const def = getMetric(metric)
  const result = run.result
  const stale = result !== null && design !== null && run.design !== null && JSON.stringify(run.design) !== JSON.stringify(design)
  const over: SensitivityOver = result?.over ?? settings.over
  const rows = result?.indices[metric] ?? []

  const start = (event: React.FormEvent): void => {
    event.preventDefault()
    if (design) void useAnalysisStore.getState().runSensitivity(design, hours)
  }

  return (
    <div className="analysis sensitivity">
      <p className="estimate-note">
        Which knob moves a metric most for the open design. Design knobs vary from half to twice their value; engine assumptions over their Monte Carlo range.
        {' '}<span title={withinStudySentence()}>How far a knob's effect was checked: {withinStudyShort()}.</span>
      </p>
      <form className="analysis-controls" onSubmit={start} aria-label="Sensitivity settings">
        <div className="field">
          <label htmlFor={`${id}-metric`}>Metric</label>
          <select id={`${id}-metric`} value={metric} onChange={(e) => set({ metric: e.target.value as MetricId })}>
            {METRICS.map((m) => <option key={m.id} value={m.id}>{metricLabel(m.id)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-method`}>Method</label>
          <select id={`${id}-method`} value={settings.method} disabled={running} onChange={(e) => set({ method: e.target.value as SensitivityMethod })}>
            {(Object.keys(METHOD_LABELS) as SensitivityMethod[]).map((m) => <option key={m} value={m}>{METHOD_LABELS[m]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-over`}>Over</label>
          <select id={`${id}-over`} value={settings.over} disabled={running} onChange={(e) => set({ over: e.target.value as SensitivityOver })}>
            {(Object.keys(OVER_LABELS) as SensitivityOver[]).map((o) => <option key={o} value={o}>{OVER_LABELS[o]}</option>)}
          </select>
        </div>
        {settings.method !== 'local' && (
          <div className="field">
            <label htmlFor={`${id}-samples`}>{SAMPLES_LABEL[settings.method]}</label>
            <input
              id={`${id}-samples`} type="number" min={SAMPLE_LIMITS.min} max={SAMPLE_LIMITS.max} step={1} required disabled={running}
              value={settings.samples} onChange={(e) => set({ samples: Number(e.target.value) })}
            />
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-seed`}>Seed</label>
          <input id={`${id}-seed`} type="number" min={0} step={1} required disabled={running} value={settings.seed} onChange={(e) => set({ seed: Number(e.target.value) })} />
        </div>
        <div className="analysis-actions">
          {running
            ? <button type="button" onClick={() => useAnalysisStore.getState().cancelSensitivity()}>Cancel</button>
            : <button type="submit" disabled={!design}>Run sensitivity</button>}
        </div>
      </form>
      {!design && <p className="estimate-empty">The form has errors: a sensitivity needs a valid design.</p>}
      {running && (
        <p className="analysis-progress" role="status">
          <progress max={Math.max(1, run.total)} value={run.done} aria-label="Sensitivity progress" />{' '}
          {progressText(run.done, run.total)} on {run.workers} engine worker{run.workers === 1 ? '' : 's'}
        </p>
      )}
      {runStatusText(run.status, run.error) && <p className={`analysis-status is-${run.status}`} role="status">{runStatusText(run.status, run.error)}</p>}
      {result && (
        <section className="analysis-result" aria-label="Sensitivity result">
          <h3 className="analysis-heading">
            {metricLabel(metric)}: {result.method === 'local' ? 'local sensitivity' : result.method === 'morris' ? 'Morris screening' : 'Sobol indices'} over {result.knobs.length} {result.over === 'design' ? 'design knobs' : 'engine assumptions'}
          </h3>
          <p className="estimate-note">
            {result.evaluations.toLocaleString('en-US')} runs{result.samples !== null ? `, ${result.method === 'morris' ? 'r' : 'N'} = ${result.samples}` : ''}, seed {result.seed}, {result.hours} h horizon, {secondsText(run.elapsedMs)} on {run.workers} engine worker{run.workers === 1 ? '' : 's'}
            {result.failedEvaluations > 0 ? `; ${result.failedEvaluations} runs gave no valid result and were left out` : ''}.
            {stale ? ' The design has changed since: run again for the current one.' : ''}
          </p>
          {result.method === 'local' && (() => {
            const { bars, undefinedFor } = tornadoRows(rows, over)
            return (
              <>
                <TornadoChart rows={bars.slice(0, MAX_CHART_ROWS)} metric={def.label} noun={over === 'design' ? 'knob' : 'assumption'} />
                {bars.length > MAX_CHART_ROWS && <p className="estimate-note">The {MAX_CHART_ROWS} largest of {bars.length} shown.</p>}
                {undefinedFor.length > 0 && <p className="estimate-note">Not defined (the metric is 0 or did not change): {undefinedFor.join(', ')}.</p>}
              </>
            )
          })()}
          {result.method === 'sobol' && (() => {
            const sorted = sobolRows(rows, over)
            return (
              <>
                <SobolChart rows={sorted.slice(0, MAX_CHART_ROWS)} metric={def.label} />
                {sorted.length > MAX_CHART_ROWS && <p className="estimate-note">The {MAX_CHART_ROWS} largest of {sorted.length} shown.</p>}
              </>
            )
          })()}
          {result.method === 'morris' && (() => {
            const sorted = morrisRows(rows, over)
            return (
              <>
                <MorrisChart rows={sorted} metric={def.label} unit={def.unit} />
                <table className="analysis-table">
                  <caption className="estimate-note">Most influential first{sorted.length > MAX_CHART_ROWS ? ` (the ${MAX_CHART_ROWS} largest of ${sorted.length})` : ''}</caption>
                  <thead><tr><th scope="col">Knob</th><th scope="col">μ*{def.unit ? ` (${def.unit})` : ''}</th><th scope="col">σ{def.unit ? ` (${def.unit})` : ''}</th></tr></thead>
                  <tbody>
                    {sorted.slice(0, MAX_CHART_ROWS).map((r) => <tr key={r.path}><th scope="row">{r.label}</th><td>{indexText(r.muStar)}</td><td>{indexText(r.sigma)}</td></tr>)}
                  </tbody>
                </table>
              </>
            )
          })()}
          <div className="analysis-export">
            <button type="button" onClick={() => downloadText(sensitivityCsv(result), `${fileStem(design?.name ?? 'design')}-sensitivity-${result.method}.csv`, 'text/csv')}>
              Download every index (CSV)
            </button>
            <button type="button" onClick={() => downloadText(`${JSON.stringify(result, null, 2)}\n`, `${fileStem(design?.name ?? 'design')}-sensitivity-${result.method}.json`, 'application/json')}>
              Download the result (JSON, as <code>nanoforge sensitivity --json</code>)
            </button>
          </div>
          <details className="analysis-notes">
            <summary>Method</summary>
            <ul>{result.notes.map((n) => <li key={n}>{n}</li>)}</ul>
          </details>
        </section>
      )}
    </div>
  )
}
