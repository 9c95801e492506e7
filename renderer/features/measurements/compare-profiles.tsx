import { useMemo, useState } from 'react'
import type { ReleaseData } from '../../../shared/engine/fit'
import type { ReleasePrediction } from '../../../shared/engine/release/types'
import type { ReleaseMeasurement } from '../../../shared/ipc/channels/measurement'
import { RELEASE_ENVIRONMENTS, fractionAt, type ReleaseEnvironmentKey } from '../release/release-format'
import { compareReleaseProfiles, measurementTitle, profileOf } from '../../stores/measurement-store'
import { statText } from './fit-results'

/** A predicted curve as a one-unit profile at the reference's times (those within the horizon). */
export function predictedProfileAt(release: ReleasePrediction, env: ReleaseEnvironmentKey, timesH: ReadonlyArray<number>): { profile: ReleaseData; beyondHorizon: number } {
  const times: number[] = []
  const values: number[] = []
  let beyondHorizon = 0
  for (const t of timesH) {
    const f = fractionAt(release.environments[env], t)
    if (f === null) beyondHorizon++
    else {
      times.push(t)
      values.push(100 * f)
    }
  }
  return { profile: { timesH: times, replicates: [values] }, beyondHorizon }
}

/**
 * Compares two release profiles with f1 and f2: two attached measurements, or a measurement
 * and the predicted curve of an environment sampled at the measured times. The regulatory
 * conditions are listed with whether they hold, and the bootstrap interval of f2 when not.
 */
export function CompareProfiles({ measurements, release, dirty }: {
  readonly measurements: ReadonlyArray<ReleaseMeasurement>
  readonly release: ReleasePrediction | null
  /** True when the prediction belongs to unsaved edits rather than the measured version. */
  readonly dirty: boolean
}): React.JSX.Element | null {
  const [refId, setRefId] = useState<string>('')
  const [testId, setTestId] = useState<string>('predicted:plasma')
  const reference = measurements.find((m) => m.id === refId) ?? measurements[0]
  const testChoice = testId.startsWith('predicted:') || measurements.some((m) => m.id === testId) ? testId : 'predicted:plasma'

  const outcome = useMemo(() => {
    if (!reference) return null
    const notes: string[] = []
    let test: ReleaseData
    if (testChoice.startsWith('predicted:')) {
      if (!release) return { ok: false as const, error: 'the prediction is not ready yet' }
      const env = testChoice.slice('predicted:'.length) as ReleaseEnvironmentKey
      const sampled = predictedProfileAt(release, env, reference.data.timesH)
      test = sampled.profile
      notes.push(`predicted ${RELEASE_ENVIRONMENTS.find((e) => e.id === env)?.short ?? env} curve sampled at the ${sampled.profile.timesH.length} measured time(s)`)
      if (sampled.beyondHorizon > 0) notes.push(`${sampled.beyondHorizon} measured time(s) lie beyond the prediction horizon and were left out`)
      if (dirty) notes.push('the prediction is of the edited design in the form, not of the saved version the data belong to')
    } else {
      const m = measurements.find((x) => x.id === testChoice)
      if (!m) return null
      test = profileOf(m)
    }
    const compared = compareReleaseProfiles(profileOf(reference), test)
    return compared.ok ? { ok: true as const, result: compared.result, notes } : { ok: false as const, error: compared.error }
  }, [reference, testChoice, measurements, release, dirty])

  if (!reference) return null
  return (
    <section aria-label="Compare release profiles" className="compare-profiles">
      <h4>Compare two profiles (f1, f2)</h4>
      <div className="compare-pickers">
        <label>Reference profile{' '}
          <select value={reference.id} onChange={(e) => setRefId(e.target.value)}>
            {measurements.map((m) => <option key={m.id} value={m.id}>{measurementTitle(m)} (version {m.version})</option>)}
          </select>
        </label>
        <label>Test profile{' '}
          <select value={testChoice} onChange={(e) => setTestId(e.target.value)}>
            {RELEASE_ENVIRONMENTS.map((env) => <option key={env.id} value={`predicted:${env.id}`}>Predicted: {env.label}</option>)}
            {measurements.filter((m) => m.id !== reference.id).map((m) => <option key={m.id} value={m.id}>{measurementTitle(m)} (version {m.version})</option>)}
          </select>
        </label>
      </div>
      {outcome === null ? null : !outcome.ok ? (
        <p role="alert" className="compare-error">Cannot compare: {outcome.error}.</p>
      ) : (
        <>
          <table aria-label="Similarity factors" className="compare-table">
            <tbody>
              <tr><th scope="row">f1 (difference, 0–15 similar)</th><td data-testid="f1">{statText(outcome.result.f1)}</td></tr>
              <tr><th scope="row">f2 (similarity, ≥ 50 similar)</th><td data-testid="f2">{statText(outcome.result.f2)}</td></tr>
              <tr><th scope="row">Time points used (h)</th><td>{outcome.result.timePointsUsed.map(statText).join(', ')}</td></tr>
              {outcome.result.bootstrap ? (
                <tr><th scope="row">Bootstrap f2 90 % interval</th><td>{statText(outcome.result.bootstrap.ci90[0])} – {statText(outcome.result.bootstrap.ci90[1])} ({outcome.result.bootstrap.iterations} resamples, seed {outcome.result.bootstrap.seed})</td></tr>
              ) : null}
            </tbody>
          </table>
          <p className="compare-verdict">
            {outcome.result.f2 >= 50 && outcome.result.f1 <= 15 ? 'The profiles are similar by f1 and f2' : 'The profiles are not similar by f1 and f2'}
            {outcome.result.conditionsMet ? '; every condition of use holds.' : '; not every condition of use holds, so read f2 with care.'}
          </p>
          <ul aria-label="Conditions of use" className="compare-conditions">
            {outcome.result.conditions.map((c) => (
              <li key={c.id} className={c.met ? 'condition-met' : 'condition-failed'}>{c.met ? 'Met' : 'Not met'}: {c.detail}</li>
            ))}
          </ul>
          <ul aria-label="Comparison notes" className="compare-notes">
            {[...outcome.notes, ...outcome.result.notes].map((n) => <li key={n}>{n}</li>)}
          </ul>
        </>
      )}
    </section>
  )
}
