import { qualityReadingText } from '../../../shared/quality/text'
import { useEffect, useId, useState } from 'react'
import { MAX_RELEASE_PARTICLE_MG_PER_ML, type Measurement, type ReleaseMeasurement, type ReleaseMethodValues } from '../../../shared/ipc/channels/measurement'
import { RELEASE_METHOD_KINDS, RELEASE_METHOD_LABELS, crossesMembrane, type ReleaseMethodKind } from '../../../shared/engine/release/in-vitro'
import { useDesignStore } from '../../stores/design-store'
import { useEstimateStore } from '../../stores/estimate-store'
import { measurementTitle, useMeasurementStore, type ReleaseDraft } from '../../stores/measurement-store'
import { AddReadings, SizeChargeComparison } from './add-readings'
import { CqaTable } from './cqa-table'
import { useLibraryReadOnlyReason } from '../../stores/library-read-only'
import { CompareProfiles } from './compare-profiles'
import { FitResults, statText } from './fit-results'
import './measurements.css'

/** Rows of the CSV preview table (the rest is summarised). */
const PREVIEW_ROWS = 12

/**
 * Why attaching is not possible right now, or null when it is. A read-only library comes first:
 * saving the design (the way out of the other two) is refused there too.
 */
export function attachBlockedReason(designId: string | null, version: number | null, dirty: boolean, readOnly: string | null = null): string | null {
  if (readOnly !== null) return readOnly
  if (designId === null || version === null) return 'Save the design first: measured data is attached to a saved design version.'
  if (dirty) return `The form has unsaved changes: save them first, so the data is attached to the version you see (version ${version} differs from the form).`
  return null
}

/** The file name without its extension, as a default label. */
function baseName(fileName: string): string {
  return fileName.replace(/\.[^.]*$/, '')
}

/** Preview of a parsed CSV with label and date fields, and the save button. */
function DraftPreview({ draft }: { readonly draft: ReleaseDraft }): React.JSX.Element {
  const [label, setLabel] = useState(() => baseName(draft.fileName))
  const [measuredOn, setMeasuredOn] = useState('')
  const [methodKind, setMethodKind] = useState<ReleaseMethodKind | ''>('')
  const [particleText, setParticleText] = useState('')
  const saving = useMeasurementStore((s) => s.saving)
  const particle = releaseParticleProblem(particleText)
  const { timesH, replicates, replicateNames, timeUnitOriginal } = draft.data
  return (
    <div className="release-draft" aria-label="Release data preview" role="group">
      <p>
        <strong>{draft.fileName}</strong>: {timesH.length} time points × {replicates.length} replicate{replicates.length === 1 ? '' : 's'}
        {timeUnitOriginal && timeUnitOriginal !== 'h' ? `, times converted from ${timeUnitOriginal} to h` : ''}.
      </p>
      {draft.warnings.length > 0 ? <ul className="draft-warnings" aria-label="Reader warnings">{draft.warnings.map((w) => <li key={w}>{w}</li>)}</ul> : null}
      {draft.problems.length > 0 ? <ul role="alert" className="draft-problems">{draft.problems.map((p) => <li key={p}>{p}</li>)}</ul> : null}
      <table aria-label="Preview of the release data" className="draft-table">
        <thead>
          <tr><th scope="col">Time (h)</th>{replicates.map((_, j) => <th scope="col" key={j}>{replicateNames?.[j] || `Replicate ${j + 1}`} (%)</th>)}</tr>
        </thead>
        <tbody>
          {timesH.slice(0, PREVIEW_ROWS).map((t, i) => (
            <tr key={t}><td>{statText(t)}</td>{replicates.map((col, j) => <td key={j}>{col[i] === null ? '–' : statText(col[i] ?? null)}</td>)}</tr>
          ))}
        </tbody>
      </table>
      {timesH.length > PREVIEW_ROWS ? <p className="fit-footnote">… and {timesH.length - PREVIEW_ROWS} more rows.</p> : null}
      <div className="draft-fields">
        <label>Measurement label <input type="text" value={label} maxLength={200} onChange={(e) => setLabel(e.target.value)} /></label>
        <label>Measured on (date) <input type="date" value={measuredOn} onChange={(e) => setMeasuredOn(e.target.value)} /></label>
        <label>Release set-up{' '}
          <select value={methodKind} onChange={(e) => setMethodKind(e.target.value as ReleaseMethodKind | '')}>
            <option value="">Not stated</option>
            {RELEASE_METHOD_KINDS.map((k) => <option key={k} value={k}>{RELEASE_METHOD_LABELS[k]}</option>)}
          </select>
        </label>
        {methodKind !== '' && crossesMembrane(methodKind) ? (
          <label>Particles inside the membrane (mg/mL, blank: 1){' '}
            <input type="text" inputMode="decimal" value={particleText} onChange={(e) => setParticleText(e.target.value)}
              aria-invalid={particle.problem !== null} />
          </label>
        ) : null}
      </div>
      {particle.problem !== null ? <p role="alert" className="draft-problems">{particle.problem}</p> : null}
      <div className="draft-actions">
        <button type="button" disabled={saving || draft.problems.length > 0 || particle.problem !== null}
          onClick={() => void useMeasurementStore.getState().attachDraft(label, measuredOn, releaseMethodOf(methodKind, particle.value))}>
          {saving ? 'Saving…' : 'Save measurement'}
        </button>
        <button type="button" onClick={() => useMeasurementStore.getState().discardDraft()}>Discard</button>
      </div>
    </div>
  )
}

/**
 * The particle concentration typed for a membrane set-up: blank = not stated (the engine's
 * prior), otherwise a number in (0, MAX] mg/mL with a decimal point or comma.
 */
export function releaseParticleProblem(text: string): { readonly value: number | null; readonly problem: string | null } {
  const t = text.trim().replace(',', '.')
  if (t === '') return { value: null, problem: null }
  const v = Number(t)
  if (!Number.isFinite(v) || !/^[0-9]*\.?[0-9]+(e[+-]?[0-9]+)?$/i.test(t)) return { value: null, problem: `Particles inside the membrane: “${text}” is not a number of mg/mL.` }
  if (!(v > 0) || v > MAX_RELEASE_PARTICLE_MG_PER_ML) return { value: null, problem: `Particles inside the membrane: ${v} mg/mL is outside (0, ${MAX_RELEASE_PARTICLE_MG_PER_ML}] mg/mL.` }
  return { value: v, problem: null }
}

/** The set-up to store, or undefined when the scientist did not name one. */
function releaseMethodOf(kind: ReleaseMethodKind | '', particleMgPerMl: number | null): ReleaseMethodValues | undefined {
  if (kind === '') return undefined
  return { kind, ...(crossesMembrane(kind) && particleMgPerMl !== null ? { particleConcentrationMgPerMl: particleMgPerMl } : {}) }
}

/** One line describing a stored measurement's data. */
function measurementSummary(m: Measurement): string {
  switch (m.kind) {
    case 'release': {
      const last = m.data.timesH.at(-1) ?? 0
      const setUp = m.data.releaseMethod ? `, ${RELEASE_METHOD_LABELS[m.data.releaseMethod.kind].toLowerCase()}${m.data.releaseMethod.particleConcentrationMgPerMl !== undefined ? ` (${statText(m.data.releaseMethod.particleConcentrationMgPerMl)} mg/mL particles)` : ''}` : ''
      return `release, ${m.data.timesH.length} points to ${statText(last)} h, ${m.data.replicates.length} replicate${m.data.replicates.length === 1 ? '' : 's'}${setUp}`
    }
    case 'dls': return `DLS, Z-average ${statText(m.data.zAverageNm)} nm, PDI ${statText(m.data.pdi)}`
    case 'zeta': return `zeta potential ${statText(m.data.zetaMv)} mV`
    case 'quality': return `quality: ${qualityReadingText(m.data)}`
    case 'biodistribution': {
      const tissues = Object.keys(m.data.tissues)
      return `in-vivo biodistribution, ${m.data.species}, ${statText(m.data.doseMgPerKg)} mg/kg (${m.data.doseBasis} basis), % of injected dose in ${tissues.join(', ')} at ${m.data.timesH.map((t) => statText(t)).join(', ')} h`
    }
  }
}

/**
 * Measurements of the open design version: attach a release CSV (read in the renderer,
 * parsed with line-numbered errors, previewed, saved with the version), add DLS, zeta or
 * in-vivo biodistribution readings, the attached measurements of every kind (delete to the
 * trash with Undo), DLS and zeta against the prediction, the fit of the selected release
 * profile and an f1/f2 comparison.
 *
 * Why attaching is blocked for unsaved or edited designs: data belongs to the exact version
 * that was made and measured; attaching it to an older version than the form shows would
 * mislabel it.
 */
export function MeasuredRelease(): React.JSX.Element {
  const designId = useDesignStore((s) => s.designId)
  const version = useDesignStore((s) => s.version)
  const dirty = useDesignStore((s) => s.dirty)
  const release = useEstimateStore((s) => s.simulation?.release ?? null)
  const { items, allVersions, loading, error, draft, csvErrors, notice, lastDeleted, selectedId, fits } = useMeasurementStore()
  const reasonId = useId()

  useEffect(() => {
    void useMeasurementStore.getState().load(designId, version)
  }, [designId, version])

  const readOnly = useLibraryReadOnlyReason()
  const blocked = attachBlockedReason(designId, version, dirty, readOnly)
  const releases = items.filter((m): m is ReleaseMeasurement => m.kind === 'release')
  const selected = releases.find((m) => m.id === selectedId)
  const fit = selected ? fits[selected.id] : undefined

  return (
    <section aria-label="Measurements" className="measured-release">
      <h3>Measurements{version !== null ? ` (version ${version})` : ''}</h3>
      <div className="attach-row">
        <label className="attach-label">Attach release data (CSV)
          <input type="file" accept=".csv,.txt,.tsv,text/csv,text/plain" disabled={blocked !== null}
            aria-describedby={blocked ? reasonId : undefined}
            onChange={(e) => {
              const file = e.target.files?.[0]
              e.target.value = ''
              if (file) void useMeasurementStore.getState().readCsvFile(file)
            }} />
        </label>
        {blocked ? <p id={reasonId} className="attach-reason">{blocked}</p>
          : <p className="fit-footnote">Header row, time in the first column (unit in its header: min, h or d), one column per replicate of % released.</p>}
      </div>
      {csvErrors ? (
        <div role="alert" className="csv-errors">
          <p>Could not read {csvErrors.fileName}:</p>
          <ul aria-label="CSV problems">
            {csvErrors.errors.map((e, i) => <li key={i}>{e.line > 0 ? `Line ${e.line}: ` : ''}{e.message}</li>)}
          </ul>
        </div>
      ) : null}
      <AddReadings blocked={blocked} />
      {draft && blocked === null ? <DraftPreview key={draft.fileName + draft.data.timesH.length} draft={draft} /> : null}
      {notice ? (
        <p className={notice.kind === 'error' ? 'measurement-notice error' : 'measurement-notice'} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.message}
          {lastDeleted && notice.kind === 'info' && notice.message.startsWith('Moved') ? <> <button type="button" onClick={() => void useMeasurementStore.getState().undoDelete()}>Undo</button></> : null}
        </p>
      ) : null}
      {error ? <p role="alert" className="measurement-notice error">{error}</p> : null}
      {loading ? <p className="estimate-empty">Loading measurements…</p> : null}
      {designId !== null && version !== null ? (
        <label className="measurement-scope">
          <input type="checkbox" checked={allVersions} onChange={(e) => void useMeasurementStore.getState().setAllVersions(e.target.checked)} />
          {' '}Show data of every version of this design
        </label>
      ) : null}
      {items.length > 0 ? (
        <ul aria-label="Attached measurements" className="measurement-list">
          {items.map((m) => (
            <li key={m.id} className={m.id === selectedId ? 'selected' : undefined}>
              <span className="measurement-title">{measurementTitle(m)}</span>{' '}
              {m.version !== version ? <span className="measurement-version">[version {m.version}]</span> : null}{' '}
              <span className="measurement-summary">({measurementSummary(m)}{m.measuredOn ? `, measured ${m.measuredOn}` : ''})</span>{' '}
              {m.kind === 'release' ? (
                <button type="button" aria-label={`Show fit of ${measurementTitle(m)}`} aria-pressed={m.id === selectedId} onClick={() => useMeasurementStore.getState().select(m.id)}>
                  Show fit
                </button>
              ) : null}{' '}
              <button type="button" aria-label={`Delete ${measurementTitle(m)}`} disabled={readOnly !== null} aria-describedby={readOnly !== null ? reasonId : undefined} onClick={() => void useMeasurementStore.getState().remove(m.id)}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      ) : !loading && designId !== null && version !== null
        ? <p className="estimate-empty">No measured data attached to {allVersions ? 'this design' : 'this version'} yet.</p> : null}
      <SizeChargeComparison items={items} />
      <CqaTable items={items} />
      {selected && fit ? (fit.ok ? <FitResults fit={fit.result} title={measurementTitle(selected)} /> : <p role="alert">Could not fit “{measurementTitle(selected)}”: {fit.error}</p>) : null}
      {releases.length > 0 ? <CompareProfiles measurements={releases} release={release} dirty={dirty} /> : null}
    </section>
  )
}
