import { useId, useState } from 'react'
import { labelWithUnit, lowerFirst, requireField } from '../../../shared/design/fields'
import { parseBiodistributionCsv } from '../../../shared/engine/measurements/biodistribution-csv'
import { surfaceZetaMv } from '../../../shared/engine/pbpk/from-design'
import type { CsvIssue } from '../../../shared/engine/fit'
import {
  BiodistributionMeasurementData, type BiodistributionMeasurementValues, type DlsMeasurement, type Measurement, type ZetaMeasurement,
} from '../../../shared/ipc/channels/measurement'
import { useDesignStore } from '../../stores/design-store'
import { MAX_CSV_BYTES, measurementTitle, useMeasurementStore } from '../../stores/measurement-store'
import { statText } from './fit-results'
import { attributeWithUnit, type QualityFieldId } from '../../../shared/quality/attributes'
import { attributesOf } from '../../../shared/quality/evaluate'

/** The design's context fields an in-vivo study is described with (shared/design/fields.ts). */
const SPECIES = requireField('context.species')
const DOSE = requireField('context.dose.mgPerKg')
const DOSE_BASIS = requireField('context.dose.basis')

/** Parses a typed number (decimal comma accepted); null for empty or not a number. */
export function parseNumberField(text: string): number | null {
  const t = text.trim().replace(',', '.')
  if (t === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null
  const n = Number(t)
  return Number.isFinite(n) ? n : null
}

/** Measured minus predicted, in the unit and in % of the prediction (null % when predicted is 0). */
export function differenceFrom(measured: number, predicted: number): { readonly difference: number; readonly percent: number | null } {
  return { difference: measured - predicted, percent: predicted !== 0 ? (100 * (measured - predicted)) / Math.abs(predicted) : null }
}

/** "+12 nm (+8.5 %)" text of a difference. */
export function differenceText(d: { readonly difference: number; readonly percent: number | null }, unit: string): string {
  const sign = (v: number): string => (v > 0 ? '+' : v < 0 ? '−' : '±')
  const pct = d.percent === null ? '' : ` (${sign(d.percent)}${statText(Math.abs(d.percent))} %)`
  return `${sign(d.difference)}${statText(Math.abs(d.difference))} ${unit}${pct}`
}

/** A read biodistribution CSV waiting for its species, dose and save. */
type BioDraft =
  | { readonly ok: true; readonly fileName: string; readonly timesH: number[]; readonly tissues: BiodistributionMeasurementValues['tissues']; readonly timeUnit: string; readonly warnings: string[] }
  | { readonly ok: false; readonly fileName: string; readonly errors: ReadonlyArray<CsvIssue> }

/** Reads a picked file's text (FileReader: the renderer has no file system). */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '')
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'))
    reader.readAsText(file)
  })
}

/**
 * Forms to attach a DLS reading (Z-average nm, PDI), a zeta potential (mV) or an in-vivo
 * biodistribution study (CSV + species, dose, method, notes) to the open saved version,
 * each with a label and the measured-on date.
 *
 * Why the typed text stays after a failed save: bad input gets its message with the path,
 * and nothing the scientist typed or picked is lost.
 */
export function AddReadings({ blocked }: { readonly blocked: string | null }): React.JSX.Element {
  const id = useId()
  const context = useDesignStore((s) => s.design.context)
  const saving = useMeasurementStore((s) => s.saving)
  const [label, setLabel] = useState('')
  const [measuredOn, setMeasuredOn] = useState('')
  const [zAverage, setZAverage] = useState('')
  const [pdi, setPdi] = useState('')
  const [zeta, setZeta] = useState('')
  const [bio, setBio] = useState<BioDraft | null>(null)
  const [species, setSpecies] = useState<string | null>(null)
  const [dose, setDose] = useState<string | null>(null)
  const [basis, setBasis] = useState<string | null>(null)
  const [method, setMethod] = useState('')
  const [notes, setNotes] = useState('')
  // the assay's limit of quantification (%ID, optional): calibration censors values at or below it (issue #14)
  const [loq, setLoq] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const design = useDesignStore((s) => s.design)
  const [qualityText, setQualityText] = useState<Partial<Record<QualityFieldId, string>>>({})
  const [solvent, setSolvent] = useState('')
  // The quality attributes this design has (cholesterol only for a liposome), from the one registry.
  const qualityFields = attributesOf(design).flatMap((a) => (a.measuredFrom.kind === 'quality' ? [{ field: a.measuredFrom.field, label: attributeWithUnit(a) }] : []))

  const disabled = blocked !== null || saving
  const save = async (reading: Parameters<ReturnType<typeof useMeasurementStore.getState>['addReading']>[0], fallbackLabel: string): Promise<boolean> => {
    setProblem(null)
    const done = await useMeasurementStore.getState().addReading(reading, label.trim() || fallbackLabel, measuredOn)
    if (done) setLabel('')
    return done
  }

  const addDls = async (): Promise<void> => {
    const z = parseNumberField(zAverage)
    const p = parseNumberField(pdi)
    if (z === null || p === null) {
      setProblem(`${z === null ? 'Z-average (nm)' : 'PDI'}: enter a number.`)
      return
    }
    if (await save({ kind: 'dls', data: { zAverageNm: z, pdi: p } }, 'DLS')) {
      setZAverage('')
      setPdi('')
    }
  }

  const addZeta = async (): Promise<void> => {
    const z = parseNumberField(zeta)
    if (z === null) {
      setProblem('Zeta potential (mV): enter a number.')
      return
    }
    if (await save({ kind: 'zeta', data: { zetaMv: z } }, 'Zeta potential')) setZeta('')
  }

  const addQuality = async (): Promise<void> => {
    const data: Partial<Record<QualityFieldId, number>> = {}
    for (const { field, label: fieldLabel } of qualityFields) {
      const text = qualityText[field] ?? ''
      if (text.trim() === '') continue
      const v = parseNumberField(text)
      if (v === null) {
        setProblem(`${fieldLabel}: “${text}” is not a number.`)
        return
      }
      data[field] = v
    }
    if (Object.keys(data).length === 0) {
      setProblem('Quality reading: enter at least one value.')
      return
    }
    const reading = { ...data, ...(solvent.trim() !== '' ? { residualSolventName: solvent.trim() } : {}) }
    // The host validates each value against its attribute's range and answers with the path.
    if (await save({ kind: 'quality', data: reading }, 'Quality')) {
      setQualityText({})
      setSolvent('')
    }
  }

  const pickBio = async (file: File): Promise<void> => {
    if (file.size > MAX_CSV_BYTES) {
      setBio({ ok: false, fileName: file.name, errors: [{ line: 0, message: `the file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB` }] })
      return
    }
    try {
      const parsed = parseBiodistributionCsv(await readText(file))
      setBio(parsed.ok
        ? { ok: true, fileName: file.name, timesH: parsed.timesH, tissues: parsed.tissues, timeUnit: parsed.timeUnit, warnings: parsed.warnings }
        : { ok: false, fileName: file.name, errors: parsed.errors })
    } catch (e) {
      setBio({ ok: false, fileName: file.name, errors: [{ line: 0, message: e instanceof Error ? e.message : String(e) }] })
    }
  }

  const addBio = async (): Promise<void> => {
    if (!bio?.ok) return
    const doseValue = parseNumberField(dose ?? String(context.dose.mgPerKg))
    const loqValue = loq.trim() === '' ? undefined : parseNumberField(loq)
    if (loqValue === null) {
      setProblem(`Limit of quantification: “${loq}” is not a number.`)
      return
    }
    const data = {
      species: species ?? context.species,
      doseMgPerKg: doseValue ?? Number.NaN,
      doseBasis: basis ?? context.dose.basis,
      timesH: bio.timesH, tissues: bio.tissues, timeUnitOriginal: bio.timeUnit, sourceName: bio.fileName.slice(0, 260),
      ...(method.trim() ? { method: method.trim() } : {}),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
      ...(loqValue !== undefined ? { loqPercentInjectedDose: loqValue } : {}),
    }
    const checked = BiodistributionMeasurementData.safeParse(data)
    if (!checked.success) {
      setProblem(`Not saved: ${checked.error.issues.map((i) => `data.${i.path.map(String).join('.')}: ${i.message}`).join('; ')}`)
      return
    }
    if (await save({ kind: 'biodistribution', data: checked.data }, bio.fileName.replace(/\.[^.]*$/, ''))) {
      setBio(null)
      setMethod('')
      setNotes('')
      setLoq('')
    }
  }

  const bioTissues = bio?.ok ? Object.keys(bio.tissues) : []
  return (
    <div className="add-readings" role="group" aria-label="Add a DLS, zeta, quality or in-vivo measurement">
      <h4>Add DLS, zeta potential, quality values or in-vivo biodistribution</h4>
      <div className="draft-fields">
        <label>Reading label <input type="text" value={label} maxLength={200} disabled={blocked !== null} onChange={(e) => setLabel(e.target.value)} /></label>
        <label>Reading measured on (date) <input type="date" value={measuredOn} disabled={blocked !== null} onChange={(e) => setMeasuredOn(e.target.value)} /></label>
      </div>
      <div className="reading-row">
        <label>Z-average (nm) <input type="text" inputMode="decimal" value={zAverage} disabled={blocked !== null} onChange={(e) => setZAverage(e.target.value)} /></label>
        <label>PDI <input type="text" inputMode="decimal" value={pdi} disabled={blocked !== null} onChange={(e) => setPdi(e.target.value)} /></label>
        <button type="button" disabled={disabled} onClick={() => void addDls()}>Add DLS reading</button>
      </div>
      <div className="reading-row">
        <label>Zeta potential (mV) <input type="text" inputMode="decimal" value={zeta} disabled={blocked !== null} onChange={(e) => setZeta(e.target.value)} /></label>
        <button type="button" disabled={disabled} onClick={() => void addZeta()}>Add zeta reading</button>
      </div>
      <div className="reading-row quality-row" role="group" aria-label="Quality reading">
        {qualityFields.map(({ field, label: fieldLabel }) => (
          <label key={field}>Measured {lowerFirst(fieldLabel)} <input type="text" inputMode="decimal" name={field} value={qualityText[field] ?? ''} disabled={blocked !== null}
            onChange={(e) => setQualityText((t) => ({ ...t, [field]: e.target.value }))} /></label>
        ))}
        <label>Solvent (of the residual solvent) <input type="text" value={solvent} maxLength={100} disabled={blocked !== null} onChange={(e) => setSolvent(e.target.value)} /></label>
        <button type="button" disabled={disabled} onClick={() => void addQuality()}>Add quality reading</button>
      </div>
      <div className="reading-row">
        <label className="attach-label">In-vivo biodistribution (CSV)
          <input type="file" accept=".csv,.txt,.tsv,text/csv,text/plain" disabled={blocked !== null}
            onChange={(e) => {
              const file = e.target.files?.[0]
              e.target.value = ''
              if (file) void pickBio(file)
            }} />
        </label>
        <p className="fit-footnote" id={`${id}-bio-help`}>
          Header “time (h)” then one column per tissue (liver, spleen, blood, joints…) of % of injected dose in the whole tissue (not per gram); optional “liver sd” columns.
        </p>
      </div>
      {bio && !bio.ok ? (
        <div role="alert" className="csv-errors">
          <p>Could not read {bio.fileName}:</p>
          <ul aria-label="Biodistribution CSV problems">
            {bio.errors.map((e, i) => <li key={i}>{e.line > 0 ? `Line ${e.line}: ` : ''}{e.message}</li>)}
          </ul>
        </div>
      ) : null}
      {bio?.ok ? (
        <div className="release-draft" role="group" aria-label="In-vivo data preview">
          <p><strong>{bio.fileName}</strong>: {bioTissues.length} tissue{bioTissues.length === 1 ? '' : 's'} ({bioTissues.join(', ')}) at {bio.timesH.map((t) => statText(t)).join(', ')} h.</p>
          {bio.warnings.length > 0 ? <ul className="draft-warnings" aria-label="Reader warnings">{bio.warnings.map((w) => <li key={w}>{w}</li>)}</ul> : null}
          <div className="draft-fields">
            {/* The study's species and dose are the design's context fields: same names, units and choices. */}
            <label>{SPECIES.label}
              <select value={species ?? context.species} onChange={(e) => setSpecies(e.target.value)}>
                {(SPECIES.options ?? []).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
              </select>
            </label>
            <label>{labelWithUnit(DOSE)} <input type="text" inputMode="decimal" value={dose ?? String(context.dose.mgPerKg)} onChange={(e) => setDose(e.target.value)} /></label>
            <label>{DOSE_BASIS.label}
              <select value={basis ?? context.dose.basis} onChange={(e) => setBasis(e.target.value)}>
                {(DOSE_BASIS.options ?? []).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
              </select>
            </label>
            <label>Method <input type="text" value={method} maxLength={200} onChange={(e) => setMethod(e.target.value)} /></label>
            <label>Notes <input type="text" value={notes} maxLength={2000} onChange={(e) => setNotes(e.target.value)} /></label>
            <label>Limit of quantification (% of injected dose, optional) <input type="text" inputMode="decimal" value={loq} onChange={(e) => setLoq(e.target.value)} /></label>
          </div>
          <div className="draft-actions">
            <button type="button" disabled={disabled} onClick={() => void addBio()}>Save in-vivo data</button>
            <button type="button" onClick={() => setBio(null)}>Discard in-vivo data</button>
          </div>
        </div>
      ) : null}
      {problem ? <p role="alert" className="measurement-notice error">{problem}</p> : null}
    </div>
  )
}

/**
 * Measured DLS and zeta of the open version next to what the design predicts: Z-average
 * against the derived hydrodynamic diameter (difference in nm and %), zeta against the
 * outer surface's catalog zeta potential.
 *
 * Why only the open version: the prediction is of the design in the form; another version
 * may differ in size or coating, so its reading is listed but not compared.
 */
export function SizeChargeComparison({ items }: { readonly items: ReadonlyArray<Measurement> }): React.JSX.Element | null {
  const version = useDesignStore((s) => s.version)
  const dirty = useDesignStore((s) => s.dirty)
  const derived = useDesignStore((s) => s.derived)
  const design = useDesignStore((s) => s.design)
  const readings = items.filter((m): m is DlsMeasurement | ZetaMeasurement => (m.kind === 'dls' || m.kind === 'zeta') && m.version === version)
  if (readings.length === 0) return null
  let expectedZeta: number | null = null
  try {
    expectedZeta = derived ? surfaceZetaMv(design) : null
  } catch {
    expectedZeta = null
  }
  return (
    <div className="size-charge">
      <h4>Size and charge: measured vs predicted (version {version})</h4>
      {dirty ? <p className="attach-reason">The form has unsaved edits: the predictions below are of the edited design, not exactly version {version}.</p> : null}
      <table aria-label="Measured vs predicted size and charge" className="fit-table">
        <thead>
          <tr><th scope="col">Measurement</th><th scope="col">Measured</th><th scope="col">Predicted</th><th scope="col">Measured − predicted</th></tr>
        </thead>
        <tbody>
          {readings.map((m) => {
            if (m.kind === 'dls') {
              const predicted = derived?.hydrodynamicDiameterNm ?? null
              return (
                <tr key={m.id} data-kind="dls">
                  <th scope="row">{measurementTitle(m)}</th>
                  <td>Z-average {statText(m.data.zAverageNm)} nm (PDI {statText(m.data.pdi)})</td>
                  <td>{predicted === null ? '—' : `Hydrodynamic diameter ${statText(predicted)} nm`}</td>
                  <td data-testid="dls-difference">{predicted === null ? '—' : differenceText(differenceFrom(m.data.zAverageNm, predicted), 'nm')}</td>
                </tr>
              )
            }
            return (
              <tr key={m.id} data-kind="zeta">
                <th scope="row">{measurementTitle(m)}</th>
                <td>Zeta potential {statText(m.data.zetaMv)} mV</td>
                <td>{expectedZeta === null ? '—' : `Expected surface zeta ${statText(expectedZeta)} mV (catalog, outer surface)`}</td>
                <td data-testid="zeta-difference">{expectedZeta === null ? '—' : differenceText(differenceFrom(m.data.zetaMv, expectedZeta), 'mV')}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <p className="fit-footnote">The predicted diameter is the design&apos;s geometry (core, shells, PEG, longest ligand) without a protein corona, as DLS in buffer measures it.</p>
    </div>
  )
}
