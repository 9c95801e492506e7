import type { ExposureTargetResponse } from '../../../shared/patient/exposure-target'
import { formatValue } from '../biodistribution/biodistribution-model'
import { evidenceText } from '../selectivity/assumptions-list'
import { fractionText, ratioText } from './patient-format'

/** A whole-blood concentration for the table, ng/mL ("—" when absent). */
export function ngText(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : `${formatValue(value)} ng/mL`
}

/** A share of the dosing interval ("—" without a range). */
export function shareText(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : fractionText(value)
}

/**
 * The Patient tab's "Trough target" for a drug dosed to a whole-blood trough (tacrolimus,
 * issue #15): steady-state trough, mean and peak, the share of the dosing interval inside the
 * disease's cited range (benefit) and above it and above the toxicity threshold (harm), with
 * particles and with the same amount of free drug by mouth twice daily; then the particle dose
 * whose trough reaches the range's lower bound. Exposure only, no efficacy number.
 */
export function ExposureTargetView({ target }: { readonly target: ExposureTargetResponse }): React.JSX.Element {
  const p = target.particle
  const f = target.freeDrug
  const range = target.targetRange
  const rows: Array<{ key: string; label: string; particle: string; free: string; ratio: string }> = [
    { key: 'trough', label: 'Trough (steady state)', particle: ngText(p.troughNgPerMl), free: ngText(f.troughNgPerMl), ratio: ratioText(target.versusFreeDrug.troughRatio) },
    { key: 'mean', label: 'Mean concentration (AUC ÷ interval)', particle: ngText(p.meanNgPerMl), free: ngText(f.meanNgPerMl), ratio: ratioText(target.versusFreeDrug.meanConcentrationRatio) },
    { key: 'peak', label: 'Peak', particle: ngText(p.peakNgPerMl), free: ngText(f.peakNgPerMl), ratio: '' },
    { key: 'auc', label: 'AUC over one interval, ng·h/mL', particle: formatValue(p.aucNgHPerMl), free: formatValue(f.aucNgHPerMl), ratio: '' },
    ...(range ? [
      { key: 'in-range', label: `Time in the target range ${formatValue(range.lowNgPerMl)}-${formatValue(range.highNgPerMl)} ng/mL (benefit)`, particle: shareText(p.fractionInRange), free: shareText(f.fractionInRange), ratio: '' },
      { key: 'above-range', label: `Time above ${formatValue(range.highNgPerMl)} ng/mL (harm)`, particle: shareText(p.fractionAboveRange), free: shareText(f.fractionAboveRange), ratio: '' },
    ] : []),
    { key: 'above-tox', label: `Time above ${formatValue(target.toxicityThresholdNgPerMl)} ng/mL (side-effects, nephrotoxicity)`, particle: shareText(p.fractionAboveToxicity), free: shareText(f.fractionAboveToxicity), ratio: '' },
  ]
  const d = target.doseForTrough
  return (
    <section className="patient-dose" aria-label="Trough target">
      <h4 className="patient-subheading">Whole-blood trough target</h4>
      <p className="estimate-note">
        Particles: {p.regimen} ({formatValue(p.drugDoseMg)} mg of drug). Free drug: {f.regimen}, the same amount per {formatValue(p.intervalH)} h, {formatValue(100 * f.bioavailability)} % absorbed.
        {range ? '' : ' No trough range is cited for this disease: concentrations only.'}
      </p>
      <table className="patient-table patient-response" aria-label="Trough and time in range versus free drug">
        <thead><tr><th scope="col">Whole blood</th><th scope="col">With particles</th><th scope="col">Free drug by mouth</th><th scope="col">Particles ÷ free</th></tr></thead>
        <tbody>
          {rows.map((r) => <tr key={r.key}><th scope="row">{r.label}</th><td>{r.particle}</td><td>{r.free}</td><td className="patient-ratio">{r.ratio}</td></tr>)}
        </tbody>
      </table>
      {d && (
        <div role="group" aria-label="Dose for the trough target">
          <h4 className="patient-subheading">Dose for a trough of {ngText(d.troughTargetNgPerMl)}</h4>
          {d.doseMgPerKg === null ? <p>{d.note}</p> : (
            <p>
              <strong>{formatValue(d.doseMgPerKg)} mg/kg</strong> ({d.basis === 'drug' ? 'of drug' : 'of particles'}; {formatValue(d.drugDoseMg ?? 0)} mg of drug) every {formatValue(d.intervalH)} h:
              {' '}time in range {shareText(d.particle?.fractionInRange)}, above {ngText(target.toxicityThresholdNgPerMl)} {shareText(d.particle?.fractionAboveToxicity)}.
              {' '}The free drug reaches the same trough with {formatValue(d.freeDrugDoseMgPer12H)} mg by mouth every 12 h; mean concentration with particles {ratioText(d.meanConcentrationVsFreeDrug)} the free drug's at that dose.
            </p>
          )}
        </div>
      )}
      {target.notes.map((n) => <p key={n} className="estimate-note">{n}</p>)}
      <ul className="patient-sources" aria-label="Sources of the trough target">
        {range && <li>Target range: <span className={`evidence-tag evidence-${range.low.evidence}`}>[{range.low.evidence}]</span> {evidenceText(range.low.evidence)}: <span className="assumption-source">{range.low.source}</span></li>}
        <li>Toxicity threshold: <span className={`evidence-tag evidence-${target.toxicityThreshold.evidence}`}>[{target.toxicityThreshold.evidence}]</span> {evidenceText(target.toxicityThreshold.evidence)}: <span className="assumption-source">{target.toxicityThreshold.source}</span></li>
      </ul>
    </section>
  )
}
