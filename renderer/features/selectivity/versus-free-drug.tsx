import { useEffect } from 'react'
import type { DrugId } from '../../../shared/catalog/ids'
import { getDrug } from '../../../shared/catalog'
import { FREE_DRUG_PK } from '../../../shared/engine/free-drug/data'
import { optionLabel } from '../../../shared/design/fields'
import { useEstimateStore } from '../../stores/estimate-store'
import { formatValue, targetLabel } from '../biodistribution/biodistribution-model'
import { unitText } from '../../lib/display-names'
import { evidenceText } from './assumptions-list'
import { fractionText, ratioText } from '../patient/patient-format'
import { freeDrugCitationRows, useFreeDrugStore } from './free-drug-model'

/**
 * "Versus free drug" (issue #15): the same dose of the drug given as free drug (intravenous)
 * against the particles, in the engine's reference human — the exposure of the target and of
 * the body as ratios, the effect ratios where the drug has an effect model — with the free-drug
 * PK numbers and their literature sources. Free-drug PK is human only: a mouse or rat design
 * gets the reason.
 */
export function VersusFreeDrugCard(): React.JSX.Element | null {
  const design = useEstimateStore((s) => s.simulatedDesign)
  const hours = useEstimateStore((s) => s.hours)
  const simulationKey = useEstimateStore((s) => s.simulationKey)
  const human = design?.context.species === 'human'
  useEffect(() => {
    if (design && human) void useFreeDrugStore.getState().compare(design, hours)
  }, [design, hours, human])
  const state = useFreeDrugStore()
  if (!design) return null
  const drugId = design.payload.drug
  const drug = getDrug(drugId)
  const drugWord = drug.name.toLowerCase()
  const heading = <h3>Versus the same dose of free {drugWord}</h3>
  if (!human) {
    return (
      <section className="sel-free" aria-label="Versus free drug">
        {heading}
        <p className="estimate-note">
          Free-drug pharmacokinetics are modelled for humans only; this design is for a {optionLabel('context.species', design.context.species).toLowerCase()}, so no comparison is made. Set the species to Human to compare.
        </p>
      </section>
    )
  }
  if (!FREE_DRUG_PK[drugId as DrugId] && !drug.isAntigen) {
    const known = (Object.keys(FREE_DRUG_PK) as DrugId[]).map((id) => getDrug(id).name.toLowerCase()).join(', ')
    return (
      <section className="sel-free" aria-label="Versus free drug">
        {heading}
        <p className="estimate-note">{drug.name} has no free-drug pharmacokinetics here (there are models for {known}), so no comparison is made.</p>
      </section>
    )
  }
  const current = state.key === simulationKey && state.status === 'done' ? state.result : null
  const r = current?.response
  return (
    <section className="sel-free" aria-label="Versus free drug" aria-busy={state.status === 'running'}>
      {heading}
      {state.status === 'refused' && <p className="estimate-note">{state.message}.</p>}
      {state.status === 'error' && <p className="analysis-status is-error" role="alert">The comparison failed: {state.message}</p>}
      {!r && (state.status === 'running' || state.key !== simulationKey) && <p className="estimate-note">Comparing…</p>}
      {r && r.model === 'antigen' && (
        <p className="estimate-note">An antigen: free antigen&apos;s uptake by antigen-presenting cells has no cited model here, so no ratio is given (see the Patient tab for the antigen delivered).</p>
      )}
      {r && r.model !== 'antigen' && (
        <>
          <p className="estimate-note">
            {formatValue(r.drugDoseMg)} mg in the engine&apos;s reference human (70 kg, eGFR {formatValue(current!.patient.egfrMlPerMinPer173M2)} mL/min per 1.73 m²), over {r.horizonH} h. Exposure is the area under the curve: of unbound drug in the target, of drug in {r.freeDrugPk?.matrix ?? 'plasma'} for the body.
          </p>
          <dl className="sel-metrics">
            {r.target?.kind === 'drug' && (
              <div className="sel-metric">
                <dt>Target exposure ({targetLabel(r.target.tissue).toLowerCase()}) ÷ free drug</dt>
                <dd aria-label="Target exposure ratio"><span className="sel-value">{ratioText(r.versusFreeDrug.targetExposureRatio)}</span></dd>
              </div>
            )}
            <div className="sel-metric">
              <dt>Systemic exposure ÷ free drug</dt>
              <dd aria-label="Systemic exposure ratio"><span className="sel-value">{ratioText(r.versusFreeDrug.systemicExposureRatio)}</span></dd>
            </div>
            {r.target?.kind === 'drug' && r.target.effectName && (
              <div className="sel-metric">
                <dt>Receptor occupancy in the target</dt>
                <dd><span className="sel-value">{fractionText(r.target.particle.effect)}</span> <span className="sel-band">free drug {fractionText(r.target.freeDrug.effect)}</span></dd>
              </div>
            )}
            {r.systemic?.effectName && (
              <div className="sel-metric">
                <dt>Cortisol suppression</dt>
                <dd><span className="sel-value">{fractionText(r.systemic.particle.effect)}</span> <span className="sel-band">free drug {fractionText(r.systemic.freeDrug.effect)}</span></dd>
              </div>
            )}
          </dl>
          {r.freeDrugPk && (
            <p className="estimate-note">
              Free {drugWord}: clearance {formatValue(r.freeDrugPk.clearanceLPerH)} L/h, half-life {formatValue(r.freeDrugPk.halfLifeH)} h, {formatValue(100 * r.freeDrugPk.fractionUnbound)} % unbound (one compartment with the target as a flow-limited satellite).
            </p>
          )}
          {r.target === null && r.notes.length > 0 && <p className="estimate-note">{r.notes[0]}</p>}
        </>
      )}
      {!drug.isAntigen && (
        <details className="sel-formula">
          <summary>Free-drug numbers and their sources</summary>
          <table className="assumptions-table" aria-label={`Free ${drugWord} pharmacokinetics with sources`}>
            <thead><tr><th scope="col">Quantity</th><th scope="col">Value</th><th scope="col">Evidence</th><th scope="col">Source</th></tr></thead>
            <tbody>
              {freeDrugCitationRows(drugId as DrugId).map((row, i) => (
                <tr key={`${row.label}-${i}`} className={row.value.evidence === 'U' ? 'is-assumption' : undefined}>
                  <th scope="row" className="free-quantity">{row.label}</th>
                  <td>{`${formatValue(row.value.value)} ${unitText(row.value.unit)}`.trim()}</td>
                  <td><span className={`evidence-tag evidence-${row.value.evidence}`}>[{row.value.evidence}]</span> {evidenceText(row.value.evidence)}</td>
                  <td className="assumption-source">{row.value.source}{row.value.note ? ` (${row.value.note})` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  )
}
