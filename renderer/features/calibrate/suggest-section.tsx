import { useEffect, useId, useRef, useState } from 'react'
import type { ProfilePosterior } from '../../../shared/engine/calibrate/apply'
import type { MeasurementSource } from '../../../shared/engine/calibrate/job'
import { DEFAULT_SUGGESTIONS, MAX_SUGGESTIONS } from '../../../shared/engine/calibrate/suggest'
import { getMetric, type MetricId } from '../../../shared/metrics/registry'
import { knobLabel } from '../analysis/analysis-format'
import { useAnalysisStore } from '../analysis/analysis-store'
import { checkDraft, draftFromDesign, knobValueText } from '../analysis/goal-draft'
import { formatValue } from '../biodistribution/biodistribution-model'
import { CANCELLED, CalibrateRequestError, createCalibrateWorker, runSuggest, type CalibrateRun, type CalibrateWorkerLike, type SuggestAnswer } from './calibrate-client'
import { formatInterval, humanizeReport, profileDomainWarnings, withParameterNames } from './calibrate-format'

type Phase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly fraction: number }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly message: string; readonly issues: ReadonlyArray<{ readonly path: string; readonly message: string }> }
  | { readonly kind: 'done'; readonly answer: SuggestAnswer }

/** A metric's name with its unit ("Target AUC (%ID·h)"). */
function metricName(id: string): string {
  const m = getMetric(id as MetricId)
  return m.unit ? `${m.label} (${m.unit})` : m.label
}

/**
 * "Suggest next experiments" (issue #14): the designs to make next for the goal of the Find
 * designs tab (or, when that tab has not built one, its default goal from the first chosen
 * design), by suggestNextDesigns (shared/engine/calibrate/suggest.ts): the engine with this
 * calibration as prior mean and a Gaussian process on the lab's residuals, expected
 * improvement on the goal. Each suggestion says why and which measurement would settle it.
 * Runs in a worker of its own, with progress and Cancel.
 */
export function SuggestSection({ posterior, sources, names, makeWorker = createCalibrateWorker }: {
  readonly posterior: ProfilePosterior
  readonly sources: ReadonlyArray<MeasurementSource>
  /** Library ids (measurements, designs) → the names shown in their place. */
  readonly names: ReadonlyMap<string, string>
  readonly makeWorker?: () => CalibrateWorkerLike
}): React.JSX.Element {
  const uid = useId()
  const [count, setCount] = useState(DEFAULT_SUGGESTIONS)
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' })
  const runRef = useRef<CalibrateRun<SuggestAnswer> | null>(null)
  useEffect(() => () => runRef.current?.cancel(), [])
  const storedDraft = useAnalysisStore((s) => s.draft)
  const baseDesign = sources[0]?.design
  const draft = storedDraft ?? (baseDesign ? draftFromDesign(baseDesign) : null)
  const checked = draft ? checkDraft(draft) : null
  const goalText = checked?.ok
    ? `${checked.goal.objectives.map((o) => `${'sense' in o ? `${o.sense === 'max' ? 'raise' : 'lower'} ${getMetric(o.metric).label}` : `bring ${getMetric(o.metric).label} to ${formatValue(o.target)}${getMetric(o.metric).unit ? ` ${getMetric(o.metric).unit}` : ''}`}`).join(', ')}; varying ${checked.goal.knobs.map((k) => knobLabel(k.path)).join(', ')}`
    : null

  const start = (): void => {
    if (!checked?.ok) return
    setPhase({ kind: 'running', fraction: 0 })
    const run = runSuggest({ kind: 'suggest', goalDocument: checked.document, posterior, sources, count, seed: 1 },
      (fraction) => setPhase({ kind: 'running', fraction }), makeWorker)
    runRef.current = run
    run.promise.then(
      (answer) => { if (runRef.current === run) setPhase(answer === CANCELLED ? { kind: 'cancelled' } : { kind: 'done', answer }) },
      (e: unknown) => { if (runRef.current === run) setPhase({ kind: 'failed', message: e instanceof Error ? e.message : String(e), issues: e instanceof CalibrateRequestError ? e.issues : [] }) },
    )
  }

  return (
    <section aria-labelledby={`${uid}-title`} className="calibrate-suggest">
      <h4 id={`${uid}-title`}>Suggest next experiments</h4>
      <p className="calibrate-status">
        {storedDraft ? "The Find designs tab's goal" : 'The default goal built from the first design (edit it in the Find designs tab)'}: {goalText ?? 'not usable'}.
        The engine with this calibration is the prior; a Gaussian process learns where the lab differs from it.
      </p>
      {checked && !checked.ok ? <p className="calibrate-error">The goal cannot be used: {checked.errors.map((e) => e.message).join('; ')}</p> : null}
      <div className="calibrate-actions">
        <label>Designs to propose{' '}
          <select value={count} onChange={(e) => setCount(Number(e.target.value))} disabled={phase.kind === 'running'}>
            {Array.from({ length: MAX_SUGGESTIONS }, (_, i) => i + 1).map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <button type="button" disabled={!checked?.ok || phase.kind === 'running'} onClick={start}>Suggest next experiments</button>
        {phase.kind === 'running' ? (
          <>
            <div className="calibrate-progress" role="progressbar" aria-label="Suggestion progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(100 * phase.fraction)}>
              <div className="calibrate-progress-fill" style={{ width: `${100 * phase.fraction}%` }} />
            </div>
            <button type="button" onClick={() => { runRef.current?.cancel() }}>Cancel suggestions</button>
          </>
        ) : null}
      </div>
      {phase.kind === 'cancelled' ? <p className="calibrate-status" role="status">Suggestions cancelled.</p> : null}
      {phase.kind === 'failed' ? (
        <div className="calibrate-error" role="alert"><p>{withParameterNames(phase.message)}</p>{phase.issues.length > 0 ? <ul>{phase.issues.map((i, k) => <li key={k}>{i.message}</li>)}</ul> : null}</div>
      ) : null}
      {phase.kind === 'done' ? (
        <>
          <p className="calibrate-status" role="status">
            {phase.answer.result.suggestions.length} suggestion{phase.answer.result.suggestions.length === 1 ? '' : 's'} from {phase.answer.result.candidatesScored} candidates; the lab gave {phase.answer.labPoints} point{phase.answer.labPoints === 1 ? '' : 's'} to learn from.
          </p>
          {phase.answer.labNotes.length > 0 ? <ul className="calibrate-reasons">{phase.answer.labNotes.map((n, i) => <li key={i}>{humanizeReport(n, names)}</li>)}</ul> : null}
          <ol className="calibrate-suggestions" aria-label="Suggested next designs">
            {phase.answer.result.suggestions.map((s, i) => (
              <li key={i}>
                <p><strong>{Object.entries(s.knobs).map(([path, v]) => `${knobLabel(path)} ${knobValueText(path, v)}`).join(' · ')}</strong></p>
                <p>{humanizeReport(s.why, names)}</p>
                <p className="calibrate-status">
                  Expected as the lab would measure it (median, 95 %): {Object.entries(s.expected).map(([id, e]) => `${metricName(id)} ${formatInterval(e ?? null)}`).join(' · ')}
                  {' '}· chance every constraint holds {formatValue(100 * s.probabilityFeasible)} %.
                </p>
                <p className="calibrate-status">What would settle it: {s.settle.measurement} ({getMetric(s.settle.metric).label}).</p>
                {/* the engine's distance checks (s.warnings), in display names */}
                {s.warnings.length > 0 ? <ul className="profile-warnings">{profileDomainWarnings(s.design, posterior.domain).map((w, k) => <li key={k}>{w}</li>)}</ul> : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  )
}
