import { useEffect, useMemo } from 'react'
import type { DrugId } from '../../../shared/catalog/ids'
import type { Design } from '../../../shared/design/types'
import type { DesignSimulation } from '../../../shared/engine/simulate'
import { compareWithFreeDrugInRodent, isRodentSpecies } from '../../../shared/engine/free-drug/compare'
import { FREE_DRUG_PK, RODENT_FREE_DRUG_PK, type RodentSpecies } from '../../../shared/engine/free-drug/data'
import { getDrug } from '../../../shared/catalog'
import { optionLabel } from '../../../shared/design/fields'
import { useEstimateStore } from '../../stores/estimate-store'
import { formatValue, targetLabel } from '../biodistribution/biodistribution-model'
import { unitText } from '../../lib/display-names'
import { evidenceText } from './assumptions-list'
import { fractionText, ratioText } from '../patient/patient-format'
import { freeDrugCitationRows, rodentFreeDrugCitationRows, useFreeDrugStore } from './free-drug-model'

/**
 * "Versus free drug" (issue #15): the same dose of the drug given as free drug (intravenous)
 * against the particles, in the engine's reference human — the exposure of the target and of
 * the body as ratios, the effect ratios where the drug has an effect model — with the free-drug
 * PK numbers and their literature sources. A mouse or rat design is compared in its own
 * reference animal with the rodent free-drug PK (RodentVersusFreeDrug); a drug without rodent PK
 * in that species gets the reason.
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
  const simulation = useEstimateStore((s) => s.simulation)
  if (!design) return null
  const drugId = design.payload.drug
  const drug = getDrug(drugId)
  const drugWord = drug.name.toLowerCase()
  const heading = <h3>Versus the same dose of free {drugWord}</h3>
  if (!human) {
    const species = design.context.species
    if (simulation && isRodentSpecies(species)) {
      return (
        <section className="sel-free" aria-label="Versus free drug">
          {heading}
          <RodentVersusFreeDrug design={design} simulation={simulation} species={species} drugWord={drugWord} />
        </section>
      )
    }
    return (
      <section className="sel-free" aria-label="Versus free drug">
        {heading}
        <p className="estimate-note">
          Free-drug pharmacokinetics are modelled for humans, rats and mice; this design is for a {optionLabel('context.species', species).toLowerCase()}, so no comparison is made.
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

/**
 * The comparison of a mouse or rat design (shared/engine/free-drug/compare.ts), computed from the
 * live estimate in its reference animal: exposure ratios only (no effect model for rodents), the
 * drug still in particles at the horizon, and the rodent PK with its sources. A PK scaled by
 * allometry from another species is labelled so beside the numbers, with whether a published value
 * of the species checks it.
 */
function RodentVersusFreeDrug({ design, simulation, species, drugWord }: {
  readonly design: Design
  readonly simulation: DesignSimulation
  readonly species: RodentSpecies
  readonly drugWord: string
}): React.JSX.Element {
  const answer = useMemo(() => {
    try {
      return compareWithFreeDrugInRodent(design, simulation)
    } catch (error) {
      return { ok: false as const, reason: 'error' as const, message: error instanceof Error ? error.message : String(error) }
    }
  }, [design, simulation])
  if (!answer.ok) {
    return answer.reason === 'error'
      ? <p className="analysis-status is-error" role="alert">The comparison failed: {answer.message}</p>
      : <p className="estimate-note">{answer.message}.</p>
  }
  const r = answer.result
  const animal = species === 'rat' ? 'rat' : 'mouse'
  const rows = rodentFreeDrugCitationRows(r.drug, species)
  const scaled = r.scaledFrom
  const sourceWord = scaled?.species === 'rat' ? 'the rat' : 'humans'
  const entry = RODENT_FREE_DRUG_PK[species][r.drug]
  const checked = (entry?.publishedHalfLivesH.length ?? 0) + (entry?.publishedClearancesLPerHPerKg?.length ?? 0) > 0
  return (
    <>
      <p className="estimate-note">
        {formatValue(r.drugDoseMg)} mg in the reference {animal} ({formatValue(1000 * r.pk.bodyWeightKg)} g), over {formatValue(r.horizonH)} h; exposure is the area under the curve of released drug (in the target, and in {r.pk.matrix} for the body) against the same dose given intravenously as free drug. {formatValue(r.remainingInParticlesPercentDose)} % of the drug is still in the particles at the horizon and is not counted.
      </p>
      <dl className="sel-metrics">
        {r.targetExposureRatio !== null && simulation.selectivity.targetTissue !== null && (
          <div className="sel-metric">
            <dt>Target exposure ({targetLabel(simulation.selectivity.targetTissue).toLowerCase()}) ÷ free drug</dt>
            <dd aria-label="Target exposure ratio"><span className="sel-value">{ratioText(r.targetExposureRatio)}</span></dd>
          </div>
        )}
        <div className="sel-metric">
          <dt>Systemic exposure ÷ free drug</dt>
          <dd aria-label="Systemic exposure ratio"><span className="sel-value">{ratioText(r.systemicExposureRatio)}</span></dd>
        </div>
      </dl>
      <p className="estimate-note">
        Free {drugWord} in the {animal}{scaled ? ` (scaled from ${sourceWord})` : ''}: clearance {formatValue(1000 * r.pk.clearanceLPerH)} mL/h, half-life {formatValue(r.pk.halfLifeH)} h, {r.pk.fractionUnbound === null ? `fraction unbound not found for the ${animal} (the ratios do not depend on it)` : `${formatValue(100 * r.pk.fractionUnbound)} % unbound`}. No receptor-occupancy or cortisol model is applied in rodents.
      </p>
      {scaled && (
        <p className="estimate-note" aria-label="Allometric scaling">
          Scaled from {sourceWord} by allometry, not measured in the {animal}: clearance per kg × ({formatValue(scaled.targetBodyWeightKg.value)} kg ÷ {formatValue(scaled.sourceBodyWeightKg.value)} kg)^({formatValue(scaled.clearanceExponent.value)} − 1), volume per kg kept; {checked ? `checked within 2-fold against a published ${animal} value (see the sources)` : `no published ${animal} value was found to check it against`}.
        </p>
      )}
      <details className="sel-formula">
        <summary>Free-drug numbers ({animal}) and their sources</summary>
        <table className="assumptions-table" aria-label={`Free ${drugWord} pharmacokinetics in the ${animal} with sources`}>
          <thead><tr><th scope="col">Quantity</th><th scope="col">Value</th><th scope="col">Evidence</th><th scope="col">Source</th></tr></thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={`${row.label}-${i}`} className={row.value === null || row.value.evidence === 'U' ? 'is-assumption' : undefined}>
                <th scope="row" className="free-quantity">{row.label}</th>
                {row.value === null
                  ? <td colSpan={3}>{scaled ? `Not found for the ${scaled.species} it is scaled from either; not borrowed from another species.` : `Not found in the ${animal} literature read; not borrowed from humans.`}</td>
                  : (
                    <>
                      <td>{`${formatValue(row.value.value)} ${unitText(row.value.unit)}`.trim()}</td>
                      <td><span className={`evidence-tag evidence-${row.value.evidence}`}>[{row.value.evidence}]</span> {evidenceText(row.value.evidence)}</td>
                      <td className="assumption-source">{row.value.source}{row.value.note ? ` (${row.value.note})` : ''}</td>
                    </>
                  )}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  )
}
