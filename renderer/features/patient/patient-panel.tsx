import { useEffect, useId } from 'react'
import type { Design } from '../../../shared/design/types'
import type { DiseaseId, DrugId } from '../../../shared/catalog/ids'
import { FREE_DRUG_PK } from '../../../shared/engine/free-drug/data'
import { GLUCOCORTICOID_PD } from '../../../shared/engine/free-drug/response'
import { getDrug } from '../../../shared/catalog'
import { optionLabel, requireField } from '../../../shared/design/fields'
import { PATIENT_FIELDS, PATIENT_NUMBER_KEYS, PATIENT_SEXES } from '../../../shared/patient/schema'
import { activityScaleOf } from '../../../shared/patient/activity'
import type { PatientSimulation } from '../../../shared/patient/simulate-patient'
import { hasExposureTarget } from '../../../shared/patient/exposure-target'
import { useDesignStore } from '../../stores/design-store'
import { useEstimateStore } from '../../stores/estimate-store'
import { flagDesignOf } from '../flags/flags-panel'
import { formatValue, targetLabel } from '../biodistribution/biodistribution-model'
import { displayName } from '../../lib/display-names'
import { downloadText } from '../../lib/download'
import { evidenceText } from '../selectivity/assumptions-list'
import { secondsText } from '../analysis/sensitivity-panel'
import { CohortView } from './cohort-view'
import { ExposureTargetView } from './exposure-target-view'
import { examplePatientsFor } from './patient-examples'
import {
  activityLabel, fieldLabel, fractionText, issuesByControl, patientDocument, patientFileName, patientSummary, ratioText, rangeText, scalesOf, validateDraft,
  type PatientDraft,
} from './patient-format'
import { usePatientStore } from './patient-store'
import './patient.css'

/** Words of a disease ("Rheumatoid arthritis"). */
export function diseaseName(disease: DiseaseId): string {
  return optionLabel('context.disease', disease)
}

/**
 * The Patient tab (issue #15): the open design in one virtual patient — entered, an example,
 * or a patient file — with the patient's physiology, the exposure of the target and of the
 * body against the same dose of free drug, and the dose that reaches a stated target effect;
 * and a cohort's percentile bands. Patients are human: another species gets the reason and a
 * way to switch, never a crash.
 */
export function PatientPanel(): React.JSX.Element {
  const design = useDesignStore(flagDesignOf)
  if (!design) return <p className="estimate-empty">The form has errors: a patient estimate needs a valid design.</p>
  if (design.context.species !== 'human') return <HumanOnly design={design} />
  return <PatientTab design={design} />
}

/** A mouse or rat design: why there is no patient, and a way to ask the human question. */
function HumanOnly({ design }: { readonly design: Design }): React.JSX.Element {
  const species = optionLabel('context.species', design.context.species).toLowerCase()
  return (
    <div className="patient">
      <p className="patient-refusal" role="note">
        Virtual patients are human, and this design is for a {species}. Set the species to Human (Context in the form) to estimate it
        in a patient; the dose per kg stays as it is, so check it for a person.
      </p>
      <p>
        <button type="button" onClick={() => useDesignStore.getState().applyEdit({
          label: requireField('context.species').label, apply: (d) => ({ ...d, context: { ...d.context, species: 'human' } }),
        })}>
          Estimate this design in humans
        </button>
      </p>
    </div>
  )
}

function PatientTab({ design }: { readonly design: Design }): React.JSX.Element {
  const disease = design.context.disease
  const hours = useEstimateStore((s) => s.hours)
  useEffect(() => usePatientStore.getState().syncDisease(disease), [disease])
  return (
    <div className="patient">
      <p className="estimate-note">
        The open design in one person: organ sizes and blood flows from sex, weight and height, kidney filtration from eGFR, the lesion scaled by disease activity;
        then exposure of the target and of the body against the same dose of free {getDrug(design.payload.drug).name.toLowerCase()}.
      </p>
      <PatientForm design={design} hours={hours} />
      <PatientResult design={design} />
      <CohortView design={design} hours={hours} />
    </div>
  )
}

function PatientForm({ design, hours }: { readonly design: Design; readonly hours: number }): React.JSX.Element | null {
  const id = useId()
  const disease = design.context.disease
  const draft = usePatientStore((s) => s.draft)
  const source = usePatientStore((s) => s.draftSource)
  const fileIssues = usePatientStore((s) => s.fileIssues)
  const targetPct = usePatientStore((s) => s.targetOccupancyPct)
  const running = usePatientStore((s) => s.estimate.status === 'running')
  const store = usePatientStore.getState
  if (!draft) return null
  const examples = examplePatientsFor(disease)
  const validation = validateDraft(draft, disease)
  const byControl = validation.valid ? new Map<string | null, ReadonlyArray<string>>() : issuesByControl(validation.errors)
  const scale = activityScaleOf(disease, draft.scale)
  const errorsOf = (control: string): React.JSX.Element | null => {
    const list = byControl.get(control)
    return list && list.length > 0 ? <ul className="field-errors" id={`${id}-${control}-errors`}>{list.map((m) => <li key={m}>{m}</li>)}</ul> : null
  }
  const invalidProps = (control: string): { 'aria-invalid'?: true; 'aria-describedby'?: string } =>
    byControl.has(control) ? { 'aria-invalid': true, 'aria-describedby': `${id}-${control}-errors` } : {}
  const pick = (value: string): void => {
    if (value === 'reference') store().loadReference(disease)
    else {
      const e = examples.find((x) => x.id === value)
      if (e) {
        store().loadPatient(e.patient, e.label)
        void store().runPatient(design, hours)
      }
    }
  }

  return (
    <section className="patient-section" aria-label="Patient">
      <h3 className="patient-heading">Patient</h3>
      <div className="patient-start">
        <div className="field">
          <label htmlFor={`${id}-example`}>Start from</label>
          <select id={`${id}-example`} value="" onChange={(e) => pick(e.target.value)}>
            <option value="" disabled>Choose a patient…</option>
            <option value="reference">Reference patient (the engine&apos;s reference human: man, 35 y, 70 kg)</option>
            {examples.map((e) => <option key={e.id} value={e.id}>Example: {e.label}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-file`}>Open patient file</label>
          <input
            id={`${id}-file`} type="file" accept=".json,application/json"
            onChange={(e) => {
              const file = e.target.files?.[0]
              e.target.value = ''
              if (file) void store().openFile('patient', file, disease)
            }}
          />
        </div>
      </div>
      {source && <p className="estimate-note">From: {source}{draft.name && draft.name !== source ? ` — ${draft.name}` : ''}. Disease: {diseaseName(disease)} (the design&apos;s).</p>}
      {fileIssues.length > 0 && (
        <div className="analysis-issues" role="alert">
          <p>The patient file was not opened ({fileIssues.length} problem{fileIssues.length === 1 ? '' : 's'}):</p>
          <ul>{fileIssues.map((t) => <li key={t}>{t}</li>)}</ul>
        </div>
      )}
      <form
        className="patient-fields" aria-label="Patient values"
        onSubmit={(e) => { e.preventDefault(); void store().runPatient(design, hours) }}
      >
        <div className="field">
          <label htmlFor={`${id}-sex`}>Sex</label>
          <select id={`${id}-sex`} value={draft.sex} onChange={(e) => store().setDraft({ sex: e.target.value as PatientDraft['sex'] })}>
            {PATIENT_SEXES.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
          </select>
        </div>
        {PATIENT_NUMBER_KEYS.map((key) => {
          const f = PATIENT_FIELDS[key]
          return (
            <div className="field" key={key}>
              <label htmlFor={`${id}-${key}`}>{fieldLabel(key)}</label>
              <input
                id={`${id}-${key}`} type="number" inputMode="decimal" min={f.min} max={f.max} step="any"
                value={draft[key]} onChange={(e) => store().setDraft({ [key]: e.target.value })} {...invalidProps(key)}
              />
              <p className="field-hint">{rangeText(f.min, f.max, f.unit)}</p>
              {errorsOf(key)}
            </div>
          )
        })}
        <div className="field">
          <label htmlFor={`${id}-scale`}>Activity scale</label>
          <select id={`${id}-scale`} value={draft.scale} onChange={(e) => store().setDraft({ scale: e.target.value })} {...invalidProps('scale')}>
            {scalesOf(disease).map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
          </select>
          {errorsOf('scale')}
        </div>
        {/* a scale with one value ("no disease") has nothing to enter */}
        {scale && scale.min !== scale.max && (
          <div className="field">
            <label htmlFor={`${id}-activity`}>{activityLabel(scale)}</label>
            <input
              id={`${id}-activity`} type="number" inputMode="decimal" min={scale.min} max={scale.max} step="any"
              value={draft.activity} onChange={(e) => store().setDraft({ activity: e.target.value })} {...invalidProps('activity')}
            />
            <p className="field-hint">{rangeText(scale.min, scale.max, scale.unit)}{scale.mapping === 'constant' ? '; does not grade the lesion' : ''}</p>
            {errorsOf('activity')}
          </div>
        )}
        {/* the dose search needs an effect model: the glucocorticoids' receptor occupancy */}
        {GLUCOCORTICOID_PD[design.payload.drug] && (
          <div className="field">
            <label htmlFor={`${id}-target`}>Target occupancy for the dose (%)</label>
            <input id={`${id}-target`} type="number" min={1} max={99} step="any" value={targetPct} onChange={(e) => store().setTargetOccupancyPct(e.target.value)} />
            <p className="field-hint">Glucocorticoid receptor, in the target</p>
          </div>
        )}
        <div className="patient-actions">
          {running
            ? <button type="button" onClick={() => store().cancelPatient()}>Cancel</button>
            : <button type="submit" disabled={!validation.valid}>Estimate in this patient</button>}
          <button
            type="button" disabled={!validation.valid}
            onClick={() => { if (validation.valid) downloadText(`${JSON.stringify(patientDocument(draft, disease), null, 2)}\n`, patientFileName(validation.patient), 'application/json') }}
          >
            Download patient file
          </button>
        </div>
        {byControl.get(null) && <ul className="field-errors">{byControl.get(null)!.map((m) => <li key={m}>{m}</li>)}</ul>}
      </form>
    </section>
  )
}

/** The estimate in the patient: physiology echoed, response against free drug, dose for the target. */
function PatientResult({ design }: { readonly design: Design }): React.JSX.Element | null {
  const estimate = usePatientStore((s) => s.estimate)
  const draft = usePatientStore((s) => s.draft)
  const targetPct = usePatientStore((s) => s.targetOccupancyPct)
  if (estimate.status === 'idle') return null
  if (estimate.status === 'running') {
    return (
      <p className="analysis-progress" role="status">
        <span className="patient-spinner" aria-hidden="true" />
        Estimating in this patient{estimate.design && hasExposureTarget(estimate.design.payload.drug)
          ? ' and searching the dose for the trough target'
          : estimate.targetOccupancy !== null && estimate.design && GLUCOCORTICOID_PD[estimate.design.payload.drug] ? ` and searching the dose for ${fractionText(estimate.targetOccupancy)} target occupancy` : ''}…
      </p>
    )
  }
  if (estimate.status === 'cancelled') return <p className="analysis-status" role="status">Cancelled; no estimate.</p>
  if (estimate.status === 'error') return <p className="analysis-status is-error" role="alert">{estimate.error}</p>
  if (estimate.status === 'refused') return <p className="patient-refusal" role="alert">This design cannot be estimated in this patient: {estimate.refusal?.message}.</p>
  const r = estimate.result!
  const current = draft ? validateDraft(draft, design.context.disease) : null
  const stale = JSON.stringify(estimate.design) !== JSON.stringify(design)
    || !current?.valid || JSON.stringify(current.patient) !== JSON.stringify(estimate.patient)
    || Number(targetPct) / 100 !== estimate.targetOccupancy
  return (
    <section className="patient-section patient-result" aria-label="Estimate in this patient">
      <h3 className="patient-heading">In this patient</h3>
      <p className="estimate-note">
        {estimate.patient ? `${patientSummary(estimate.patient)} · ` : ''} {r.response.horizonH} h horizon · {secondsText(estimate.elapsedMs)}
        {stale ? <strong className="patient-stale"> The design or the patient has changed since: estimate again for the current ones.</strong> : null}
      </p>
      <Response result={r} />
      {r.response.exposureTarget && <ExposureTargetView target={r.response.exposureTarget} />}
      <Physiology result={r} />
      <Notes result={r} />
    </section>
  )
}

function Physiology({ result }: { readonly result: PatientSimulation }): React.JSX.Element {
  const p = result.patient
  const lesion = result.patient.assumptions.find((a) => a.id.startsWith('patient.activity.') && !a.id.endsWith('.noLesion'))
  const items: Array<[string, string]> = [
    ['Body-mass index', `${formatValue(p.bodyMassIndexKgPerM2)} kg/m²`],
    ['Body surface area', `${formatValue(p.bodySurfaceAreaM2)} m²`],
    ['Lean body weight', `${formatValue(p.leanBodyWeightKg)} kg`],
    ['Organs and cardiac output', `× ${formatValue(p.tissueScale)} of the reference human`],
    ['Cardiac output', `${formatValue(p.cardiacOutputLPerMin)} L/min`],
    ['Kidney filtration (GFR)', `${formatValue(p.gfrMlPerMin)} mL/min`],
    ...(lesion?.value !== undefined ? [['Lesion activity', `× ${formatValue(lesion.value)} of the catalog's inflamed excess`] as [string, string]] : []),
  ]
  return (
    <>
      <h4 className="patient-subheading">Physiology used</h4>
      <dl className="patient-facts" aria-label="Physiology used">
        {items.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v}</dd></div>)}
      </dl>
      <details className="analysis-notes">
        <summary>Organ volumes (L)</summary>
        <table className="patient-table" aria-label="Organ volumes in this patient">
          <thead><tr><th scope="col">Organ</th><th scope="col">Volume (L)</th></tr></thead>
          <tbody>
            {Object.entries(p.organVolumesL).map(([k, v]) => <tr key={k}><th scope="row">{displayName(k)}</th><td>{formatValue(v)}</td></tr>)}
          </tbody>
        </table>
      </details>
    </>
  )
}

function Response({ result }: { readonly result: PatientSimulation }): React.JSX.Element {
  const resp = result.response
  const drug = getDrug(resp.drug as DrugId).name
  const t = resp.target
  if (resp.model === 'antigen' && t?.kind === 'antigen') {
    return (
      <>
        <h4 className="patient-subheading">Antigen delivered</h4>
        <dl className="patient-facts" aria-label="Antigen delivered">
          <div><dt>Particle exposure of {targetLabel(t.tissue).toLowerCase()}</dt><dd>{formatValue(t.particleAucPercentDoseH)} %ID·h</dd></div>
          <div><dt>Antigen released there</dt><dd>{formatValue(t.antigenReleasedInApcPercentDose)} % of dose</dd></div>
        </dl>
      </>
    )
  }
  if (resp.model === 'none') {
    const known = (Object.keys(FREE_DRUG_PK) as DrugId[]).map((id) => getDrug(id).name.toLowerCase()).join(', ')
    return <p className="estimate-note">{drug} has no free-drug pharmacokinetics here (there are models for {known}), so no comparison with free drug is made.</p>
  }
  if (!resp.systemic) return <h4 className="patient-subheading">No comparison with free drug</h4>
  const v = resp.versusFreeDrug
  const rows: Array<{ label: string; particle: string; free: string; ratio: string; key: string }> = []
  if (t?.kind === 'drug') {
    rows.push({ key: 'target-auc', label: `Target (${targetLabel(t.tissue).toLowerCase()}): unbound exposure, mg·h/L`, particle: formatValue(t.particle.aucMgHPerL), free: formatValue(t.freeDrug.aucMgHPerL), ratio: ratioText(v.targetExposureRatio) })
    if (t.effectName) rows.push({ key: 'target-effect', label: `Target: ${t.effectName}`, particle: fractionText(t.particle.effect), free: fractionText(t.freeDrug.effect), ratio: ratioText(v.benefitRatio) })
  }
  const s = resp.systemic
  rows.push({ key: 'sys-auc', label: `Body: ${resp.freeDrugPk?.matrix ?? 'plasma'} exposure, mg·h/L`, particle: formatValue(s.particle.aucMgHPerL), free: formatValue(s.freeDrug.aucMgHPerL), ratio: ratioText(v.systemicExposureRatio) })
  if (s.effectName) rows.push({ key: 'sys-effect', label: `Body: ${s.effectName}`, particle: fractionText(s.particle.effect), free: fractionText(s.freeDrug.effect), ratio: ratioText(v.harmRatio) })
  const d = resp.doseForTarget
  const pk = resp.freeDrugPk
  return (
    <>
      <h4 className="patient-subheading">Versus the same dose of free drug</h4>
      <p className="estimate-note">
        {formatValue(resp.drugDoseMg)} mg of {drug.toLowerCase()} in the particles, against {formatValue(resp.drugDoseMg)} mg given as free drug (intravenous).
        {' '}{releasedShareText(result)}
      </p>
      <table className="patient-table patient-response" aria-label="Response versus free drug">
        <thead><tr><th scope="col">Where</th><th scope="col">With particles</th><th scope="col">Free drug</th><th scope="col">Particles ÷ free</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}><th scope="row">{r.label}</th><td>{r.particle}</td><td>{r.free}</td><td className="patient-ratio">{r.ratio}</td></tr>
          ))}
        </tbody>
      </table>
      {pk && <p className="estimate-note">Free {drug.toLowerCase()} in this patient: clearance {formatValue(pk.clearanceLPerH)} L/h, volume {formatValue(pk.volumeL)} L, half-life {formatValue(pk.halfLifeH)} h, {formatValue(100 * pk.fractionUnbound)} % unbound in {pk.matrix}.</p>}
      {d && (
        <div className="patient-dose" role="group" aria-label="Dose for the target effect">
          <h4 className="patient-subheading">Dose for {fractionText(d.targetOccupancy)} receptor occupancy in the target</h4>
          {d.doseMgPerKg === null ? <p>{d.note}</p> : (
            <p>
              <strong>{formatValue(d.doseMgPerKg)} mg/kg</strong> ({d.basis === 'drug' ? 'of drug' : 'of particles'}; {formatValue(d.drugDoseMg ?? 0)} mg of drug).
              At that dose, cortisol suppression {fractionText(d.systemicEffect)}; exposure of the body {ratioText(d.systemicExposureVsUsualFreeDose)} that of
              {' '}{formatValue(d.usualFreeDoseMg)} mg of free drug, the usual daily dose over {resp.horizonH} h.
            </p>
          )}
        </div>
      )}
    </>
  )
}

/**
 * What the particle side counts: the drug released by the horizon (its exposure to infinity);
 * drug still inside particles, or excreted in them, is counted for neither site, which a
 * ratio below 1 often reflects.
 */
export function releasedShareText(result: PatientSimulation): string {
  const d = result.response.drugAtHorizon
  return `The particles' side counts the drug released by ${result.response.horizonH} h (${formatValue(d.releasedPercentDose)} % of the dose, ${formatValue(d.releasedInTargetPercentDose)} % of the dose in the target)` +
    (d.notReleasedPercentDose >= 0.05 ? `; ${formatValue(d.notReleasedPercentDose)} % is still in particles or left the body in them and counts for neither site.` : '.')
}

function Notes({ result }: { readonly result: PatientSimulation }): React.JSX.Element {
  const resp = result.response
  const assumptions = [...result.patient.assumptions, ...resp.assumptions]
  return (
    <>
      {resp.model !== 'none' && resp.notes.map((n) => <p key={n} className="estimate-note">{n}</p>)}
      <details className="analysis-notes">
        <summary>Relations and sources behind these numbers ({assumptions.length}; {assumptions.filter((a) => a.evidence === 'U').length} assumptions)</summary>
        <ul className="patient-sources">
          {assumptions.map((a) => (
            <li key={a.id}>
              {a.description}. <span className={`evidence-tag evidence-${a.evidence}`}>[{a.evidence}]</span> {evidenceText(a.evidence)}: <span className="assumption-source">{a.source}</span>
            </li>
          ))}
        </ul>
      </details>
    </>
  )
}
