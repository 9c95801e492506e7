import type { CalibrationParameterId } from '../../../shared/engine/calibrate/parameters'
import type { CalibrationProfile } from '../../../shared/ipc/channels/profile'
import { formatValue } from '../biodistribution/biodistribution-model'
import { formatEss, formatInterval, formatRHat, formatShare, parameterName, withParameterNames } from './calibrate-format'
import { PriorPosteriorChart, type ChartParameter } from './prior-posterior-chart'

/**
 * The honest checks of a saved calibration profile (issue #14: "leave-one-study-out prediction
 * reported for every profile; prior-vs-posterior plot per parameter"), shown under the picker
 * so they can be read whenever the profile is used, not only in the dialog that made it: the
 * prior and posterior of every parameter (table and chart), what the data could not identify,
 * the share of in-vivo points within 2-fold before, after and held out, each held-out study,
 * and the run's diagnostics. Everything comes from the stored profile (its summary,
 * diagnostics and provenance); nothing is recomputed.
 */
export function SavedProfileChecks({ profile, names }: {
  readonly profile: CalibrationProfile
  /** Measurement id → "label (design name, version n)" once the library has been read; ids are never shown. */
  readonly names?: ReadonlyMap<string, string>
}): React.JSX.Element {
  const entries = Object.entries(profile.summary.parameters) as Array<[CalibrationParameterId, NonNullable<CalibrationProfile['summary']['parameters'][CalibrationParameterId]>]>
  const informed: ChartParameter[] = entries.filter(([, s]) => s.informed).map(([id, s]) => ({ id, prior: s.prior, posterior: s.posterior }))
  const w = profile.summary.within2Fold
  const loso = profile.summary.leaveOneOut
  const d = profile.diagnostics
  // the study's label and design when the library holds it, else its kind and place in the profile
  const studyName = (id: string): string => {
    const named = names?.get(id)
    if (named !== undefined) return named
    const i = profile.provenance.measurements.findIndex((m) => m.id === id)
    const what = `${profile.provenance.measurements[i]?.kind === 'release' ? 'release profile' : 'in-vivo study'} ${i + 1} of the profile`
    return names === undefined ? what : `${what} (no longer in the library)`
  }
  return (
    <details className="saved-profile-checks">
      <summary>How “{profile.name}” v{profile.version} was learned: prior and posterior, leave-one-study-out</summary>
      <p className="calibrate-status">
        Learned {profile.createdAt.slice(0, 10)} with engine {profile.engineVersion}, seed {profile.seed}, from {profile.provenance.measurements.length} measurement(s) of {profile.provenance.designs.length} design(s), {profile.provenance.observations} observations ·
        R-hat max {formatRHat(d.rHatMax)} (limit {d.rHatLimit}) · bulk ESS min {formatEss(d.essMin)} (limit {d.essLimit}) · {d.chains} chains × ({d.warmup} warm-up + {d.draws} kept)
      </p>
      <table className="calibrate-table" aria-label="Prior and posterior of every parameter of the profile">
        <thead>
          <tr><th scope="col">Parameter</th><th scope="col">Prior: median (95 %)</th><th scope="col">Posterior: median (95 %)</th><th scope="col">Posterior width / prior width</th></tr>
        </thead>
        <tbody>
          {entries.map(([id, s]) => (
            <tr key={id} data-parameter={id}>
              <th scope="row">{parameterName(id)}</th>
              <td>{formatInterval(s.prior)}</td>
              <td>{s.informed && s.posterior ? formatInterval(s.posterior) : 'not informed by these data: prior kept'}</td>
              <td>{s.widthRatio === null ? '—' : formatValue(s.widthRatio)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {informed.length > 0 ? <PriorPosteriorChart parameters={informed} /> : null}
      {profile.summary.notIdentifiable.length > 0 ? (
        <ul className="calibrate-reasons" aria-label="Not identifiable from the profile's data">
          {profile.summary.notIdentifiable.map((n, i) => <li key={i}>{withParameterNames(n)}</li>)}
        </ul>
      ) : null}
      <table className="calibrate-table" aria-label="Share of the profile's in-vivo points within 2-fold">
        <thead><tr><th scope="col">Before calibration</th><th scope="col">After calibration</th><th scope="col">Held out (leave-one-study-out)</th></tr></thead>
        <tbody>
          <tr data-testid="profile-within-2-fold"><td>{formatShare(w.before)}</td><td>{formatShare(w.after)}</td><td>{formatShare(w.leaveOneOut)}</td></tr>
        </tbody>
      </table>
      {loso !== null && loso.folds.length > 0 ? (
        <table className="calibrate-table" aria-label="Leave-one-study-out of the profile: each study predicted by a calibration on the others">
          <thead><tr><th scope="col">Held-out study</th><th scope="col">Points</th><th scope="col">Within 2-fold, engine as is</th><th scope="col">Within 2-fold, calibrated on the others</th></tr></thead>
          <tbody>
            {loso.folds.map((f) => (
              <tr key={f.heldOut}>
                <th scope="row">{studyName(f.heldOut)}</th><td>{f.points}</td><td>{formatShare(f.before)}</td>
                <td>{f.after === null ? (loso.failedFolds.includes(f.heldOut) ? 'did not converge' : '—') : formatShare(f.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="calibrate-status">No leave-one-study-out: the profile was learned from one study, and holding one out needs two or more.</p>
      )}
    </details>
  )
}
