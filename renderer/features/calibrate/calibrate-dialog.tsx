import { useEffect, useId, useRef, useState } from 'react'
import { DEFAULT_CALIBRATION_SAMPLES, MAX_CALIBRATION_SAMPLES, MIN_CALIBRATION_SAMPLES, posteriorOfProfile, samplerSettings } from '../../../shared/engine/calibrate/job'
import { CALIBRATION_PARAMETER_IDS, type CalibrationParameterId } from '../../../shared/engine/calibrate/parameters'
import type { CalibrationProfileListItem } from '../../../shared/ipc/channels/profile'
import { getApi } from '../../bridge'
import { OverlayDialog } from '../compare/overlay-dialog'
import { formatValue } from '../biodistribution/biodistribution-model'
import { CANCELLED, CalibrateRequestError, runCalibration, type CalibrateRun, type CalibrateWorkerLike, createCalibrateWorker } from './calibrate-client'
import { loadCalibrationData, type CalibrationData } from './calibrate-data'
import { PARAMETER_CHOICES, formatEss, formatInterval, formatRHat, formatShare, parameterName, withParameterNames } from './calibrate-format'
import type { CalibrationOutcome } from './calibrate-protocol'
import { useCalibrateStore } from './calibrate-store'
import { PriorPosteriorChart } from './prior-posterior-chart'
import { SuggestSection } from './suggest-section'
import './calibrate.css'

/** Where the dialog stands. */
type Phase =
  | { readonly kind: 'loading' }
  | { readonly kind: 'load-failed'; readonly message: string }
  | { readonly kind: 'ready' }
  | { readonly kind: 'running'; readonly fraction: number; readonly stage: string }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly message: string; readonly issues: ReadonlyArray<{ readonly path: string; readonly message: string }> }
  | { readonly kind: 'done'; readonly outcome: CalibrationOutcome }

/** A whole number in [min, max] from a text field, or the sentence saying what is wrong. */
export function parseWhole(text: string, what: string, min: number, max: number): { value: number } | { error: string } {
  const t = text.trim()
  if (!/^\d+$/.test(t)) return { error: `${what} is a whole number from ${min} to ${max}` }
  const v = Number(t)
  return v < min || v > max ? { error: `${what} is a whole number from ${min} to ${max}` } : { value: v }
}

/**
 * Calibrate the engine on the chosen designs' in-vivo and release data (issue #14, "In the
 * app"): choose the parameters (by name), the posterior samples, the seed and the profile's
 * name; run with progress and Cancel (the sampler runs in a worker, calibrate.worker.ts, the
 * same job as `nanoforge calibrate`); read the diagnostics, the prior and posterior of every
 * parameter, the points within 2-fold before and after and on held-out studies; save the
 * profile. A run whose chains did not converge is refused with the reasons and cannot be saved.
 *
 * `makeWorker` is injectable so tests run the worker's handler in-process.
 */
export function CalibrateDialog({ designIds, onClose, makeWorker = createCalibrateWorker }: {
  readonly designIds: ReadonlyArray<string>
  readonly onClose: () => void
  readonly makeWorker?: () => CalibrateWorkerLike
}): React.JSX.Element {
  const uid = useId()
  const [data, setData] = useState<CalibrationData | null>(null)
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' })
  const [chosen, setChosen] = useState<ReadonlySet<CalibrationParameterId>>(new Set(CALIBRATION_PARAMETER_IDS))
  const [samplesText, setSamplesText] = useState(String(DEFAULT_CALIBRATION_SAMPLES))
  const [seedText, setSeedText] = useState('1')
  const [name, setName] = useState('calibration')
  const [saved, setSaved] = useState<CalibrationProfileListItem | null>(null)
  const [saveError, setSaveError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const runRef = useRef<CalibrateRun<CalibrationOutcome> | null>(null)

  useEffect(() => {
    let live = true
    loadCalibrationData(designIds).then(
      (d) => { if (live) { setData(d); setPhase({ kind: 'ready' }) } },
      (e: unknown) => { if (live) setPhase({ kind: 'load-failed', message: e instanceof Error ? e.message : String(e) }) },
    )
    return () => {
      live = false
      runRef.current?.cancel()
    }
  }, [designIds])

  const samples = parseWhole(samplesText, 'Posterior samples', MIN_CALIBRATION_SAMPLES, MAX_CALIBRATION_SAMPLES)
  const seed = parseWhole(seedText, 'Seed', 0, 0xffffffff)
  const nameProblem = name.trim() === '' ? 'Give the profile a name' : name.length > 200 ? 'A profile name has at most 200 characters' : null
  const running = phase.kind === 'running'
  const canRun = data !== null && data.sources.length > 0 && chosen.size > 0 && 'value' in samples && 'value' in seed && !running

  const start = (): void => {
    if (!canRun || !data || !('value' in samples) || !('value' in seed)) return
    setSaved(null)
    setSaveError(null)
    setPhase({ kind: 'running', fraction: 0, stage: 'posterior' })
    const run = runCalibration({
      kind: 'calibrate', sources: data.sources, designIds, parameters: CALIBRATION_PARAMETER_IDS.filter((id) => chosen.has(id)),
      samples: samples.value, seed: seed.value, name: name.trim() || 'calibration',
    }, (fraction, stage) => setPhase({ kind: 'running', fraction, stage }), makeWorker)
    runRef.current = run
    run.promise.then(
      (outcome) => {
        if (runRef.current !== run) return
        runRef.current = null
        setPhase(outcome === CANCELLED ? { kind: 'cancelled' } : { kind: 'done', outcome })
      },
      (e: unknown) => {
        if (runRef.current !== run) return
        runRef.current = null
        setPhase({ kind: 'failed', message: e instanceof Error ? e.message : String(e), issues: e instanceof CalibrateRequestError ? e.issues : [] })
      },
    )
  }

  const save = async (outcome: CalibrationOutcome): Promise<void> => {
    if (!outcome.profile || nameProblem) return
    setSaving(true)
    setSaveError(null)
    const res = await getApi().saveProfile({ profile: { ...outcome.profile, name: name.trim() } })
    setSaving(false)
    if (!res.ok) {
      setSaveError(`The profile was not saved: ${res.message}`)
      return
    }
    setSaved(res.value.profile)
    void useCalibrateStore.getState().refreshProfiles()
  }

  const settings = 'value' in samples ? samplerSettings(samples.value) : null
  return (
    <OverlayDialog title={`Calibrate the engine on ${designIds.length} design${designIds.length === 1 ? '' : 's'}`} onClose={onClose} className="calibrate-dialog">
      <section aria-labelledby={`${uid}-data`}>
        <h3 id={`${uid}-data`}>Data</h3>
        {phase.kind === 'loading' ? <p className="calibrate-status">Reading the designs' measurements…</p> : null}
        {phase.kind === 'load-failed' ? <p className="calibrate-error" role="alert">Could not read the designs: {phase.message}</p> : null}
        {data ? (
          <table className="calibrate-table" aria-label="Calibration data of the chosen designs">
            <thead><tr><th scope="col">Design</th><th scope="col">In-vivo studies</th><th scope="col">Release profiles</th><th scope="col">Note</th></tr></thead>
            <tbody>
              {data.designs.map((d) => (
                <tr key={d.designId}>
                  <th scope="row">{d.name}</th><td>{d.inVivo}</td><td>{d.release}</td>
                  <td className={d.problem ? 'calibrate-warning' : undefined}>{d.problem ?? 'used'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {data && data.sources.length === 0 ? <p className="calibrate-error" role="alert">None of the chosen designs has in-vivo or release data to calibrate on.</p> : null}
      </section>

      <section aria-labelledby={`${uid}-settings`}>
        <h3 id={`${uid}-settings`}>Settings</h3>
        <fieldset className="calibrate-parameters" disabled={running}>
          <legend>Parameters to calibrate (multipliers of the engine's nominal values)</legend>
          {PARAMETER_CHOICES.map((p) => (
            <label key={p.id}>
              <input type="checkbox" checked={chosen.has(p.id)} onChange={(e) => {
                const next = new Set(chosen)
                if (e.target.checked) next.add(p.id)
                else next.delete(p.id)
                setChosen(next)
              }} />
              {p.name}
            </label>
          ))}
        </fieldset>
        {chosen.size === 0 ? <p className="calibrate-error" role="alert">Choose at least one parameter.</p> : null}
        <div className="calibrate-fields">
          <label>Posterior samples{' '}
            <input type="number" inputMode="numeric" min={MIN_CALIBRATION_SAMPLES} max={MAX_CALIBRATION_SAMPLES} step={1000} value={samplesText} disabled={running}
              aria-invalid={'error' in samples} onChange={(e) => setSamplesText(e.target.value)} />
          </label>
          <label>Seed{' '}
            <input type="number" inputMode="numeric" min={0} value={seedText} disabled={running} aria-invalid={'error' in seed} onChange={(e) => setSeedText(e.target.value)} />
          </label>
          <label>Profile name{' '}
            <input type="text" value={name} maxLength={200} disabled={running} aria-invalid={nameProblem !== null} onChange={(e) => setName(e.target.value)} />
          </label>
        </div>
        {'error' in samples ? <p className="calibrate-error" role="alert">{samples.error}.</p> : null}
        {'error' in seed ? <p className="calibrate-error" role="alert">{seed.error}.</p> : null}
        {settings && data ? (
          <p className="calibrate-status">
            {settings.chains} chains × ({settings.warmup} warm-up + {settings.draws} kept) iterations of adaptive Metropolis
            {data.sources.length >= 2 ? `, then ${data.sources.length} leave-one-study-out runs of the same length` : ''}.
            A posterior with R-hat above 1.01 or bulk ESS below 400 is refused.
          </p>
        ) : null}
        <div className="calibrate-actions">
          <button type="button" disabled={!canRun} onClick={start}>Run calibration</button>
          {running ? (
            <>
              <div className="calibrate-progress" role="progressbar" aria-label="Calibration progress" aria-valuemin={0} aria-valuemax={100}
                aria-valuenow={Math.round(100 * phase.fraction)} aria-valuetext={`${Math.round(100 * phase.fraction)} % (${progressStage(phase.stage)})`}>
                <div className="calibrate-progress-fill" style={{ width: `${100 * phase.fraction}%` }} />
              </div>
              <span className="calibrate-status" aria-live="polite">{Math.round(100 * phase.fraction)} % · {progressStage(phase.stage)}</span>
              <button type="button" onClick={() => runRef.current?.cancel()}>Cancel</button>
            </>
          ) : null}
        </div>
        {phase.kind === 'cancelled' ? <p className="calibrate-status" role="status">Calibration cancelled; nothing was kept.</p> : null}
        {phase.kind === 'failed' ? (
          <div className="calibrate-error" role="alert">
            <p>{withParameterNames(phase.message)}</p>
            {phase.issues.length > 0 ? <ul>{phase.issues.map((i, k) => <li key={k}>{i.message}</li>)}</ul> : null}
          </div>
        ) : null}
      </section>

      {phase.kind === 'done' ? (
        <CalibrationResults outcome={phase.outcome} data={data} uid={uid} makeWorker={makeWorker}
          save={{ saved, saving, error: saveError, nameProblem, onSave: () => void save(phase.outcome) }} />
      ) : null}
    </OverlayDialog>
  )
}

/** The stage of the job in words. */
function progressStage(stage: string): string {
  if (stage === 'posterior') return 'sampling the posterior'
  if (stage === 'done') return 'finishing'
  const m = /^leave-one-study-out (\d+)\/(\d+)$/.exec(stage)
  return m ? `leave-one-study-out, study ${m[1]} of ${m[2]}` : stage
}

function CalibrationResults({ outcome, data, uid, save, makeWorker }: {
  readonly makeWorker: () => CalibrateWorkerLike
  readonly outcome: CalibrationOutcome
  readonly data: CalibrationData | null
  readonly uid: string
  readonly save: { readonly saved: CalibrationProfileListItem | null; readonly saving: boolean; readonly error: string | null; readonly nameProblem: string | null; readonly onSave: () => void }
}): React.JSX.Element {
  const d = outcome.diagnostics
  const converged = outcome.status === 'converged'
  const sampled = outcome.parameters.filter((p) => p.informed)
  const ref = useRef<HTMLElement>(null)
  // a finished run is read from its verdict down: bring it into view (the settings stay above)
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'start' })
  }, [outcome])
  return (
    <section aria-labelledby={`${uid}-results`} className="calibrate-results" ref={ref}>
      <h3 id={`${uid}-results`}>Result</h3>
      <p className={converged ? 'calibrate-ok' : 'calibrate-error'} role="status" data-testid="calibrate-verdict">
        {converged
          ? 'Converged: the posterior is reported below.'
          : 'Refused: the chains did not converge, so no posterior is reported and nothing can be saved. Run again with more posterior samples.'}
      </p>
      {!converged ? <ul className="calibrate-reasons">{outcome.reasons.map((r, i) => <li key={i}>{withParameterNames(r)}</li>)}</ul> : null}
      <p className="calibrate-status">
        R-hat max {formatRHat(d.rHatMax)} (limit {d.rHatLimit}) · bulk ESS min {formatEss(d.essMin)} (limit {d.essLimit}) · {d.chains} chains × ({d.warmup} warm-up + {d.draws} kept) ·{' '}
        {outcome.studies} stud{outcome.studies === 1 ? 'y' : 'ies'}, {outcome.observations} observations · {formatValue(outcome.elapsedMs / 1000)} s
        {d.engineFailures > 0 ? ` · ${d.engineFailures} proposals the engine could not solve (rejected)` : ''}
      </p>

      <table className="calibrate-table" aria-label="Prior and posterior of every parameter">
        <thead>
          <tr>
            <th scope="col">Parameter</th><th scope="col">Prior: median (95 %)</th><th scope="col">Posterior: median (95 %)</th>
            <th scope="col">Posterior width / prior width</th><th scope="col">R-hat</th><th scope="col">Bulk ESS</th>
          </tr>
        </thead>
        <tbody>
          {outcome.parameters.map((p) => (
            <tr key={p.id} data-parameter={p.id}>
              <th scope="row">{parameterName(p.id)}</th>
              <td>{formatInterval(p.prior)}</td>
              <td>{p.informed ? formatInterval(p.posterior) : 'not informed by these data: prior kept'}</td>
              <td>{p.widthRatio === null ? '—' : formatValue(p.widthRatio)}</td>
              <td>{formatRHat(p.rHat)}</td>
              <td>{formatEss(p.essBulk)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {sampled.length > 0 ? <PriorPosteriorChart parameters={converged ? sampled : sampled.map((p) => ({ ...p, posterior: null }))} /> : null}
      {outcome.notIdentifiable.length > 0 ? (
        <div>
          <h4>Not identifiable from these data</h4>
          <ul className="calibrate-reasons">{outcome.notIdentifiable.map((n, i) => <li key={i}>{withParameterNames(n)}</li>)}</ul>
        </div>
      ) : null}

      <h4>Points within 2-fold of the measurements</h4>
      <table className="calibrate-table" aria-label="Share of in-vivo points within 2-fold">
        <thead><tr><th scope="col">Before calibration</th><th scope="col">After calibration</th><th scope="col">Held out (leave-one-study-out)</th></tr></thead>
        <tbody>
          <tr data-testid="within-2-fold">
            <td>{formatShare(outcome.within2Fold.before)}</td><td>{formatShare(outcome.within2Fold.after)}</td><td>{formatShare(outcome.within2Fold.leaveOneOut)}</td>
          </tr>
        </tbody>
      </table>
      {outcome.folds.length > 0 ? (
        <table className="calibrate-table" aria-label="Leave-one-study-out: each study predicted by a calibration on the others">
          <thead><tr><th scope="col">Held-out study</th><th scope="col">Points</th><th scope="col">Within 2-fold, engine as is</th><th scope="col">Within 2-fold, calibrated on the others</th></tr></thead>
          <tbody>
            {outcome.folds.map((f) => (
              <tr key={f.heldOut}>
                <th scope="row">{data?.studyNames.get(f.heldOut) ?? 'study'}</th><td>{f.points}</td><td>{formatShare(f.before)}</td>
                <td>{f.after === null ? 'did not converge' : formatShare(f.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : converged ? <p className="calibrate-status">Leave-one-study-out needs two studies or more.</p> : null}
      <p className="calibrate-status">Within 2-fold: measured/2 ≤ predicted ≤ 2 × measured, over uncensored in-vivo points (release curves inform the fit but are not scored).</p>

      {converged && outcome.profile && data ? <SuggestSection posterior={posteriorOfProfile(outcome.profile)} sources={data.sources} names={new Map([...data.studyNames, ...data.designNames])} makeWorker={makeWorker} /> : null}

      {converged ? (
        <div className="calibrate-actions">
          {save.saved === null ? <button type="button" disabled={save.saving || save.nameProblem !== null} onClick={save.onSave}>Save profile</button> : null}
          {save.nameProblem ? <span className="calibrate-error">{save.nameProblem}.</span> : null}
          {save.saved ? <span className="calibrate-ok" role="status">Saved profile “{save.saved.name}”, version {save.saved.version}. Choose it beside the estimates (Biodistribution tab).</span> : null}
          {save.error ? <span className="calibrate-error" role="alert">{withParameterNames(save.error)}</span> : null}
        </div>
      ) : null}
    </section>
  )
}
