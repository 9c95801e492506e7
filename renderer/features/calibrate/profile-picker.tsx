import { useEffect, useId, useMemo, useState } from 'react'
import type { Design } from '../../../shared/design/types'
import type { ProfileEstimate } from '../../../shared/engine/calibrate/apply'
import { posteriorOfProfile, type MeasurementSource } from '../../../shared/engine/calibrate/job'
import { BIODISTRIBUTION_KEYS, type BiodistributionKey } from '../../../shared/engine/pbpk/types'
import type { DesignSimulation } from '../../../shared/engine/simulate'
import { ENGINE_VERSION } from '../../../shared/engine/version'
import { getMetric, type MetricId } from '../../../shared/metrics/registry'
import type { CalibrationProfile } from '../../../shared/ipc/channels/profile'
import { estimateKey, useEstimateStore } from '../../stores/estimate-store'
import { TISSUE_LABELS, formatValue } from '../biodistribution/biodistribution-model'
import { CANCELLED, createCalibrateWorker, runProfileEstimate, type CalibrateWorkerLike } from './calibrate-client'
import { parameterName, profileDomainWarnings, profileOptionText } from './calibrate-format'
import { useCalibrateStore } from './calibrate-store'
import { loadCalibrationData } from './calibrate-data'
import { SavedProfileChecks } from './saved-profile-checks'
import { SuggestSection } from './suggest-section'
import './calibrate.css'

/** Multiplier sets of the band (as `simulate --profile`: PROFILE_BAND_SAMPLES) and its seed. */
const BAND_SAMPLES = 200
const BAND_SEED = 1

/** The warnings of a design estimated with a profile, in words: far from its designs, or another engine. */
export function profileWarnings(design: Design, profile: CalibrationProfile): string[] {
  const out = profileDomainWarnings(design, profile.provenance.domain)
  if (profile.engineVersion !== ENGINE_VERSION) {
    out.push(`The profile was learned with engine ${profile.engineVersion}; this is engine ${ENGINE_VERSION}: its multipliers correct the older engine (calibrate again).`)
  }
  return out
}

/** A value of the engine as is beside the calibrated one (at the posterior medians) and its band. */
export interface ProfilePair {
  readonly uncalibrated: number
  readonly calibrated: number
  readonly lower: number
  readonly upper: number
}

/** One headline metric. */
export interface ProfileRow extends ProfilePair {
  readonly key: string
  readonly label: string
  readonly unit: string
}

/** One tissue: % of dose at the horizon and AUC over it. */
export interface ProfileTissueRow {
  readonly key: BiodistributionKey
  readonly label: string
  readonly percentDose: ProfilePair
  readonly auc: ProfilePair
}

/**
 * Headline metrics and per-tissue values, uncalibrated beside calibrated (the engine at the
 * posterior medians, and the 2.5–97.5 % band over posterior draws), at the last time of the
 * estimate; the metrics' names and units are the registry's (shared/metrics/registry.ts). Pure, so the tests can check it against the engine run independently.
 */
export function profileRows(simulation: DesignSimulation, estimate: ProfileEstimate): { headline: ProfileRow[]; tissues: ProfileTissueRow[]; horizonH: number } {
  const last = estimate.estimate.timesH.length - 1
  const lastUn = simulation.biodistribution.timesH.length - 1
  const b = estimate.bands
  const metric = (id: MetricId): { key: MetricId; label: string; unit: string } => ({ key: id, label: getMetric(id).label, unit: getMetric(id).unit })
  const headline: ProfileRow[] = [
    { ...metric('bloodHalfLifeH'), uncalibrated: simulation.biodistribution.bloodHalfLifeH, calibrated: estimate.estimate.bloodHalfLifeH, lower: b.bloodHalfLifeH.lower, upper: b.bloodHalfLifeH.upper },
  ]
  if (simulation.selectivity.targetTissue !== null) {
    const s = estimate.estimate.selectivity
    headline.push(
      { ...metric('targetAucPercentDoseH'), uncalibrated: simulation.selectivity.targetAucPercentDoseH, calibrated: s.targetAucPercentDoseH, lower: b.selectivity.targetAucPercentDoseH.lower, upper: b.selectivity.targetAucPercentDoseH.upper },
      { ...metric('selectivityIndex'), uncalibrated: simulation.selectivity.selectivityIndex, calibrated: s.selectivityIndex, lower: b.selectivity.selectivityIndex.lower, upper: b.selectivity.selectivityIndex.upper },
      { ...metric('targetToLiverSpleenAucRatio'), uncalibrated: simulation.selectivity.targetToLiverSpleenAucRatio, calibrated: s.targetToLiverSpleenAucRatio, lower: b.selectivity.targetToLiverSpleenAucRatio.lower, upper: b.selectivity.targetToLiverSpleenAucRatio.upper },
    )
  }
  const tissues = BIODISTRIBUTION_KEYS.map((k): ProfileTissueRow => ({
    key: k, label: TISSUE_LABELS[k],
    percentDose: { uncalibrated: simulation.biodistribution.percentDose[k][lastUn]!, calibrated: estimate.estimate.percentDose[k][last]!, lower: b.percentDose[k].lower[last]!, upper: b.percentDose[k].upper[last]! },
    auc: { uncalibrated: simulation.biodistribution.aucPercentDoseH[k], calibrated: estimate.estimate.aucPercentDoseH[k], lower: b.aucPercentDoseH[k].lower, upper: b.aucPercentDoseH[k].upper },
  }))
  return { headline, tissues, horizonH: estimate.estimate.timesH[last] ?? 0 }
}

/** "calibrated (lower–upper)". */
const withBand = (p: ProfilePair): string => `${formatValue(p.calibrated)} (${formatValue(p.lower)}–${formatValue(p.upper)})`

/** A finished estimate with a profile, kept with the profile, design and horizon it belongs to. */
/** The lab data a saved profile was learned from (its provenance's measurements), read for Suggest. */
type ProfileLab =
  | { readonly key: string; readonly sources: ReadonlyArray<MeasurementSource>; readonly names: ReadonlyMap<string, string> }
  | { readonly key: string; readonly error: string }

type EstimateAnswer =
  | { readonly kind: 'done'; readonly key: string; readonly estimate: ProfileEstimate; readonly simulation: DesignSimulation }
  | { readonly kind: 'failed'; readonly key: string; readonly message: string }

/**
 * The profile picker beside the estimates (issue #14): choose one of the library's calibration
 * profiles and see the design estimated with it (the engine at the posterior medians and its
 * band over posterior draws, as `simulate --profile`) next to the uncalibrated estimate, with
 * a warning when the design lies outside the designs the profile learned from, or when lab
 * data were added to (or deleted from) its designs after it was learned; and, folded, how the
 * profile was learned (prior vs posterior per parameter, leave-one-study-out), and Suggest
 * next experiments with it (the lab points are the measurements it was learned from).
 *
 * The estimate runs in a calibration worker of its own, again whenever the design or the
 * profile changes (the latest wins; an older run is terminated).
 */
export function ProfilePicker({ makeWorker = createCalibrateWorker }: { readonly makeWorker?: () => CalibrateWorkerLike }): React.JSX.Element {
  const uid = useId()
  const { profiles, profilesLoaded, profilesError, selectedProfileId, selectedProfile, selectedError, selectedFreshness } = useCalibrateStore()
  const design = useEstimateStore((s) => s.simulatedDesign)
  const simulation = useEstimateStore((s) => s.simulation)
  const hours = useEstimateStore((s) => s.hours)
  const [answer, setAnswer] = useState<EstimateAnswer | null>(null)

  useEffect(() => { void useCalibrateStore.getState().refreshProfiles() }, [])

  const key = selectedProfile && design ? `${selectedProfile.id}|${estimateKey(design, hours)}` : null
  useEffect(() => {
    if (!selectedProfile || !design || !simulation || key === null) return
    const run = runProfileEstimate({ kind: 'profile-estimate', design, posterior: posteriorOfProfile(selectedProfile), hours, samples: BAND_SAMPLES, seed: BAND_SEED }, makeWorker)
    run.promise.then(
      (estimate) => { if (estimate !== CANCELLED) setAnswer({ kind: 'done', key, estimate, simulation }) },
      (e: unknown) => setAnswer({ kind: 'failed', key, message: e instanceof Error ? e.message : String(e) }),
    )
    return () => run.cancel()
    // the key stands for the design and horizon; the simulation follows the design
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, makeWorker])

  // Suggest with a saved profile (as `nanoforge suggest --profile`): the lab points are the
  // measurements the profile was learned from, read again from the library with their versions
  const [lab, setLab] = useState<ProfileLab | null>(null)
  useEffect(() => {
    if (!selectedProfile) return
    let current = true
    const used = new Set(selectedProfile.provenance.measurements.map((m) => m.id))
    loadCalibrationData(selectedProfile.provenance.designs.map((d) => d.designId)).then(
      (data) => { if (current) setLab({ key: selectedProfile.id, sources: data.sources.filter((s) => used.has(s.measurement.id)), names: new Map([...data.studyNames, ...data.designNames]) }) },
      (e: unknown) => { if (current) setLab({ key: selectedProfile.id, error: e instanceof Error ? e.message : String(e) }) },
    )
    return () => { current = false }
  }, [selectedProfile])
  const posterior = useMemo(() => (selectedProfile ? posteriorOfProfile(selectedProfile) : null), [selectedProfile])
  const profileLab = selectedProfile && lab?.key === selectedProfile.id ? lab : null

  const warnings = useMemo(
    () => [...(selectedProfile && design ? profileWarnings(design, selectedProfile) : []), ...(selectedProfile ? selectedFreshness : [])],
    [selectedProfile, design, selectedFreshness],
  )
  // the answer for exactly this profile, design and horizon; none yet while its run works
  const current = key === null ? null : answer !== null && answer.key === key ? answer : { kind: 'running' as const }
  const rows = current?.kind === 'done' ? profileRows(current.simulation, current.estimate) : null

  return (
    <section className="profile-picker" aria-labelledby={`${uid}-title`}>
      <h3 id={`${uid}-title`}>Calibration profile</h3>
      <label>
        Estimate also with{' '}
        <select value={selectedProfileId ?? ''} onChange={(e) => void useCalibrateStore.getState().selectProfile(e.target.value === '' ? null : e.target.value)}>
          <option value="">No profile (engine as is)</option>
          {profiles.map((p) => <option key={p.id} value={p.id} disabled={p.problem !== undefined}>{profileOptionText(p)}</option>)}
        </select>
      </label>
      {profilesLoaded && profiles.length === 0 && !profilesError ? (
        <p className="calibrate-status">No calibration profile in the library yet: tick designs with in-vivo data in the library and choose Calibrate selected.</p>
      ) : null}
      {/* a note, not an alert: the list is read in the background and the estimate above stands without it */}
      {profilesError ? <p className="calibrate-error">Could not list the calibration profiles: {profilesError}</p> : null}
      {selectedError ? <p className="calibrate-error" role="alert">{selectedError}</p> : null}
      {selectedProfile ? (
        <p className="calibrate-status">
          Multipliers at the posterior medians: {Object.entries(selectedProfile.summary.parameters).filter(([, s]) => s?.posterior).map(([id, s]) => `${parameterName(id)} ×${formatValue(s!.posterior!.median)}`).join(' · ') || 'none calibrated'}
          {' '}· band over {BAND_SAMPLES} posterior draws (prior draws for the parameters it did not calibrate).
        </p>
      ) : null}
      {warnings.length > 0 ? (
        <ul className="profile-warnings" aria-label="Profile warnings">{warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
      ) : null}
      {current?.kind === 'running' ? <p className="calibrate-status" role="status">Estimating with the profile…</p> : null}
      {current?.kind === 'failed' ? <p className="calibrate-error" role="alert">The estimate with the profile failed: {current.message}</p> : null}
      {rows ? (
        <>
          <table className="calibrate-table" aria-label="Headline metrics, engine as is and with the profile">
            <thead>
              <tr><th scope="col">Metric</th><th scope="col">Engine as is</th><th scope="col">With the profile: at posterior medians (2.5–97.5 %)</th></tr>
            </thead>
            <tbody>
              {rows.headline.map((r) => (
                <tr key={r.key} data-row={r.key}>
                  <th scope="row">{r.label}{r.unit ? ` (${r.unit})` : ''}</th>
                  <td>{formatValue(r.uncalibrated)}</td>
                  <td>{withBand(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="calibrate-table" aria-label={`Per tissue at ${formatValue(rows.horizonH)} h, engine as is and with the profile`}>
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>Tissue</th>
                <th scope="colgroup" colSpan={2}>% dose at {formatValue(rows.horizonH)} h</th>
                <th scope="colgroup" colSpan={2}>AUC 0–{formatValue(rows.horizonH)} h (%ID·h)</th>
              </tr>
              <tr><th scope="col">As is</th><th scope="col">With the profile (2.5–97.5 %)</th><th scope="col">As is</th><th scope="col">With the profile (2.5–97.5 %)</th></tr>
            </thead>
            <tbody>
              {rows.tissues.map((r) => (
                <tr key={r.key} data-tissue={r.key}>
                  <th scope="row">{r.label}</th>
                  <td>{formatValue(r.percentDose.uncalibrated)}</td>
                  <td>{withBand(r.percentDose)}</td>
                  <td>{formatValue(r.auc.uncalibrated)}</td>
                  <td>{withBand(r.auc)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {/* the profile's own checks, closed by default: the estimate above is what the picker is for */}
      {selectedProfile ? <SavedProfileChecks profile={selectedProfile} {...(profileLab && !('error' in profileLab) ? { names: profileLab.names } : {})} /> : null}
      {profileLab && 'error' in profileLab ? <p className="calibrate-error">Suggestions need the lab data the profile was learned from, which could not be read: {profileLab.error}</p> : null}
      {profileLab && posterior && !('error' in profileLab) ? (
        <SuggestSection key={profileLab.key} posterior={posterior} sources={profileLab.sources} names={profileLab.names} makeWorker={makeWorker} />
      ) : null}
    </section>
  )
}
