import { create } from 'zustand'
import type { Cited } from '../../../shared/catalog/cited'
import type { DrugId } from '../../../shared/catalog/ids'
import type { Design } from '../../../shared/design/types'
import { ALLOMETRY, FREE_DRUG_PK, RODENT_FREE_DRUG_PK, type RodentSpecies } from '../../../shared/engine/free-drug/data'
import { GLUCOCORTICOID_PD } from '../../../shared/engine/free-drug/response'
import { referencePatient } from '../../../shared/patient/physiology'
import type { PatientSimulation } from '../../../shared/patient/simulate-patient'
import { STALE, createEngineWorker, type WorkerLike } from '../../engine/engine-client'
import { createPatientLane, type PatientLane } from '../../engine/patient-client'
import { estimateKey } from '../../stores/estimate-store'

/** One cited number behind the free-drug comparison, as the card lists it. */
export interface FreeDrugCitationRow {
  readonly label: string
  readonly value: Cited
}

/**
 * The cited numbers of a drug's free-drug model (shared/engine/free-drug): its human PK, the
 * published half-lives and clearances it is checked against, the size scaling, and for a
 * glucocorticoid the receptor K_D of the effect model. Empty when the drug has no model.
 */
export function freeDrugCitationRows(drug: DrugId): ReadonlyArray<FreeDrugCitationRow> {
  const d = FREE_DRUG_PK[drug]
  if (!d) return []
  const rows: FreeDrugCitationRow[] = [
    { label: 'Clearance', value: d.clearanceLPerHPerKg },
    { label: 'Volume of distribution', value: d.volumeLPerKg },
    { label: `Fraction unbound in ${d.matrix}`, value: d.fractionUnbound },
    { label: 'Fraction excreted unchanged in urine (scales with GFR)', value: d.fractionExcretedUnchanged },
    { label: 'Body weight of the study population', value: d.studyBodyWeightKg },
    { label: 'GFR of the study population', value: d.studyGfrMlPerMin },
    { label: 'Clearance scales with body weight to the power', value: ALLOMETRY.clearanceExponent },
    ...d.publishedHalfLivesH.map((h) => ({ label: 'Published half-life (the model is checked within 2-fold)', value: h })),
    ...d.publishedClearancesLPerH.map((c) => ({ label: 'Published clearance (checked within 2-fold)', value: c })),
  ]
  const pd = GLUCOCORTICOID_PD[drug]
  if (pd) {
    rows.push({ label: 'Receptor K_D (occupancy and cortisol suppression)', value: pd.receptorKdNm })
  }
  return rows
}

/**
 * The cited numbers of a drug's free-drug PK in a mouse or rat (shared/engine/free-drug/data.ts
 * RODENT_FREE_DRUG_PK) and the published rodent half-lives and clearances it is checked against. A
 * quantity no rodent source gave (f_u, urinary share) is listed as not found rather than left out.
 * A PK scaled by allometry from another species says so in its labels and lists the exponents and
 * body weights of the scaling. Empty when the drug has no PK in that species.
 */
export function rodentFreeDrugCitationRows(drug: DrugId, species: RodentSpecies): ReadonlyArray<FreeDrugCitationRow | { readonly label: string; readonly value: null }> {
  const d = RODENT_FREE_DRUG_PK[species][drug]
  if (!d) return []
  const scaled = d.scaledFrom
  const from = scaled ? `, scaled from the ${scaled.species}` : ''
  const taken = scaled ? `, the ${scaled.species}'s` : ''
  return [
    { label: `Clearance (${species}${from})`, value: d.clearanceLPerHPerKg },
    { label: `Volume of distribution (${species}${from})`, value: d.volumeLPerKg },
    { label: `Fraction unbound in ${d.matrix} (${species}${taken})`, value: d.fractionUnbound },
    { label: `Fraction excreted unchanged in urine (${species}${taken})`, value: d.fractionExcretedUnchanged },
    ...(scaled
      ? [
          { label: `Allometric clearance exponent b (clearance per kg × (W_${species} / W_${scaled.species})^(b − 1))`, value: scaled.clearanceExponent },
          { label: 'Allometric volume exponent (1: volume per kg kept)', value: scaled.volumeExponent },
          { label: `Body weight of the ${scaled.species} scaled from`, value: scaled.sourceBodyWeightKg },
          { label: `Body weight of the ${species} scaled to`, value: scaled.targetBodyWeightKg },
        ]
      : []),
    ...d.publishedHalfLivesH.map((h) => ({ label: `Published ${species} half-life (ln2·V/CL is checked within 2-fold)`, value: h })),
    ...(d.publishedClearancesLPerHPerKg ?? []).map((c) => ({ label: `Published ${species} clearance (CL is checked within 2-fold)`, value: c })),
  ]
}

/** Where the comparison of the live design with free drug stands. */
export interface FreeDrugComparisonState {
  readonly status: 'idle' | 'running' | 'done' | 'refused' | 'error'
  /** estimateKey of the design and horizon the comparison is for. */
  readonly key: string | null
  readonly result: PatientSimulation | null
  readonly message: string | null
  /** Compares the design (human) in the reference patient with the same dose of free drug. */
  compare: (design: Design, hours: number) => Promise<void>
}

let makeWorker: () => WorkerLike = createEngineWorker
let lane: PatientLane | null = null

/** Replaces the worker of the comparison (tests: an in-process stand-in). */
export function setFreeDrugWorker(make: () => WorkerLike): void {
  lane?.dispose()
  lane = null
  makeWorker = make
}

/**
 * The Selectivity card's "versus free drug": the live design in the reference patient of its
 * disease (the engine's reference human, whose estimate is the live one within 1e-6) through
 * `simulatePatient` in a worker of its own, latest design wins; no dose search.
 */
export const useFreeDrugStore = create<FreeDrugComparisonState>()((set, get) => ({
  status: 'idle',
  key: null,
  result: null,
  message: null,
  compare: async (design, hours) => {
    const key = estimateKey(design, hours)
    if (get().key === key && get().status !== 'error') return
    set({ status: 'running', key })
    lane ??= createPatientLane(makeWorker)
    try {
      const answer = await lane.simulate(design, referencePatient(design.context.disease), { hours, targetOccupancy: null })
      if (answer === STALE || get().key !== key) return
      if (answer.ok) set({ status: 'done', result: answer.result, message: null })
      else set({ status: 'refused', result: null, message: answer.message })
    } catch (error) {
      if (get().key === key) set({ status: 'error', result: null, message: error instanceof Error ? error.message : String(error) })
    }
  },
}))
