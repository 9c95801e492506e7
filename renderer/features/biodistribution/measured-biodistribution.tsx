import { useEffect, useMemo, useState } from 'react'
import type { BiodistributionMeasurement } from '../../../shared/ipc/channels/measurement'
import { bloodSampleScale } from '../../../shared/engine/pbpk/types'
import type { DesignSimulation } from '../../../shared/engine/simulate'
import { useDesignStore } from '../../stores/design-store'
import { measurementTitle, useMeasurementStore } from '../../stores/measurement-store'
import type { MeasuredPoint } from './biodistribution-chart'
import { TISSUE_COLOURS, TISSUE_LABELS, formatValue, type CountingView } from './biodistribution-model'
import { AGREEMENT_FOLD, compareBiodistribution, type BiodistributionComparison } from './measured-comparison'

/**
 * The in-vivo measurements of the open design and the one chosen for the overlay (default:
 * the newest of the open version, else the newest of any version).
 *
 * Why it loads the measurement store itself: the Biodistribution tab may be the first one
 * opened; `load` keeps the list when it is already loaded for this version.
 */
export function useMeasuredBiodistribution(): {
  readonly measurements: ReadonlyArray<BiodistributionMeasurement>
  readonly selected: BiodistributionMeasurement | null
  readonly select: (id: string) => void
} {
  const designId = useDesignStore((s) => s.designId)
  const version = useDesignStore((s) => s.version)
  const items = useMeasurementStore((s) => s.items)
  const loadedFor = useMeasurementStore((s) => `${s.designId}/${s.version}`)
  const [chosen, setChosen] = useState<string | null>(null)
  useEffect(() => {
    if (loadedFor !== `${designId}/${version}`) void useMeasurementStore.getState().load(designId, version)
  }, [designId, version, loadedFor])
  const measurements = useMemo(() => items.filter((m): m is BiodistributionMeasurement => m.kind === 'biodistribution'), [items])
  const fallback = [...measurements].reverse().find((m) => m.version === version) ?? measurements.at(-1) ?? null
  const selected = measurements.find((m) => m.id === chosen) ?? fallback
  return { measurements, selected, select: setChosen }
}

/** Overlay points of a measurement for the tissues drawn. */
export function measuredPoints(m: BiodistributionMeasurement, visible: ReadonlyArray<string>): MeasuredPoint[] {
  const points: MeasuredPoint[] = []
  for (const [key, tissue] of Object.entries(m.data.tissues)) {
    if (!tissue || !visible.includes(key)) continue
    m.data.timesH.forEach((timeH, i) => {
      const v = tissue.percentInjectedDose[i]
      if (v === null || v === undefined) return
      points.push({ timeH, percentDose: v, sdPercentDose: tissue.sdPercentInjectedDose?.[i] ?? null, colour: TISSUE_COLOURS[key as keyof typeof TISSUE_COLOURS], label: `${TISSUE_LABELS[key as keyof typeof TISSUE_LABELS] ?? key}, measured` })
    })
  }
  return points
}

/** "3 of 4 points (75 %)" summary of the two-fold agreement. */
export function agreementText(c: BiodistributionComparison): string {
  if (c.fractionWithinTwoFold === null) return 'No measured point could be compared with the prediction.'
  return `${c.withinTwoFold} of ${c.compared} measured points (${Math.round(100 * c.fractionWithinTwoFold)} %) lie within ${AGREEMENT_FOLD}-fold of the prediction.`
}

/** Why the comparison may not be like for like, in plain words (species, dose, version). */
export function comparisonCaveats(
  m: BiodistributionMeasurement,
  context: { readonly species: string; readonly dose: { readonly mgPerKg: number; readonly basis: string } },
  openVersion: number | null, dirty: boolean,
): string[] {
  const out: string[] = []
  if (m.data.species !== context.species) out.push(`Measured in ${m.data.species}; the prediction is for ${context.species}.`)
  if (m.data.doseMgPerKg !== context.dose.mgPerKg || m.data.doseBasis !== context.dose.basis) {
    out.push(`Dose ${m.data.doseMgPerKg} mg/kg (${m.data.doseBasis} basis) in the study; ${context.dose.mgPerKg} mg/kg (${context.dose.basis} basis) in the design.`)
  }
  if (m.version !== openVersion) out.push(`The data were measured on version ${m.version}; the prediction is for the design in the form${openVersion !== null ? ` (version ${openVersion})` : ''}.`)
  else if (dirty) out.push(`The form has unsaved edits: the prediction is no longer exactly version ${m.version}, which was measured.`)
  return out
}

/**
 * Measured in-vivo data against the prediction: a picker when the design has several
 * studies, caveats, and per tissue and time the measured and predicted % of injected dose,
 * their ratio, and the share of points within two-fold.
 *
 * Why compare and not fit: a fitted engine would agree with the data by construction; the
 * plain ratio tells the scientist how far to trust the prediction for this design family.
 */
export function MeasuredVsPredicted({ simulation, counting, measurements, selected, onSelect }: {
  /** The simulation as seen through the panel's counting view. */
  readonly simulation: DesignSimulation
  readonly counting: CountingView
  readonly measurements: ReadonlyArray<BiodistributionMeasurement>
  readonly selected: BiodistributionMeasurement
  readonly onSelect: (id: string) => void
}): React.JSX.Element {
  const context = useDesignStore((s) => s.design.context)
  const version = useDesignStore((s) => s.version)
  const dirty = useDesignStore((s) => s.dirty)
  const bio = simulation.biodistribution
  const comparison = useMemo(() => compareBiodistribution(selected.data, { timesH: bio.timesH, percentDose: bio.percentDose, bloodSampleScale: bloodSampleScale(bio) }), [selected, bio])
  const caveats = comparisonCaveats(selected, context, version, dirty)
  const horizon = bio.timesH[bio.timesH.length - 1] ?? 0
  return (
    <section className="bd-measured" aria-label="Measured in-vivo biodistribution">
      <h4>Measured vs predicted</h4>
      {measurements.length > 1 ? (
        <label className="bd-measured-pick">Measured in-vivo data{' '}
          <select value={selected.id} onChange={(e) => onSelect(e.target.value)}>
            {measurements.map((m) => <option key={m.id} value={m.id}>{measurementTitle(m)} (version {m.version}{m.measuredOn ? `, ${m.measuredOn}` : ''})</option>)}
          </select>
        </label>
      ) : null}
      <p className="estimate-note">
        “{measurementTitle(selected)}”: {selected.data.species}, {selected.data.doseMgPerKg} mg/kg ({selected.data.doseBasis} basis)
        {selected.data.method ? `, ${selected.data.method}` : ''}. Squares on the chart are measured means (bars: ± SD) for the tissues shown.
        {' '}Predicted values count {counting === 'label' ? 'what a residualizing label reads (intact particles + carrier degraded in each tissue)' : 'intact particles'}; choose the counting that matches the study's label.
      </p>
      {caveats.length > 0 ? <ul className="bd-caveats" aria-label="Comparison caveats">{caveats.map((c) => <li key={c}>{c}</li>)}</ul> : null}
      <p data-testid="bd-within-two-fold" data-fraction={comparison.fractionWithinTwoFold ?? ''}>{agreementText(comparison)}</p>
      {comparison.beyondHorizon > 0
        ? <p className="estimate-note">{comparison.beyondHorizon} point(s) measured after the {formatValue(horizon)} h horizon of the estimate are listed without a prediction.</p>
        : null}
      <table className="bd-table" aria-label="Measured vs predicted % of injected dose">
        <thead>
          <tr>
            <th scope="col">Tissue</th>
            <th scope="col">Time (h)</th>
            <th scope="col">Measured (% dose ± SD)</th>
            <th scope="col">Predicted (% dose)</th>
            <th scope="col">Ratio measured / predicted</th>
            <th scope="col">Within {AGREEMENT_FOLD}-fold</th>
          </tr>
        </thead>
        <tbody>
          {comparison.points.map((p) => (
            <tr key={`${p.key}-${p.timeH}`} data-tissue={p.key} className={p.withinTwoFold === false ? 'bd-outside' : undefined}>
              <th scope="row">{TISSUE_LABELS[p.key]}</th>
              <td>{formatValue(p.timeH)}</td>
              <td>{formatValue(p.measuredPercentDose)}{p.sdPercentDose !== null ? ` ± ${formatValue(p.sdPercentDose)}` : ''}</td>
              <td>{p.predictedPercentDose === null ? 'beyond horizon' : formatValue(p.predictedPercentDose)}</td>
              <td>{p.ratio === null ? '—' : formatValue(p.ratio)}</td>
              <td>{p.withinTwoFold === null ? '—' : p.withinTwoFold ? 'yes' : 'no'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
