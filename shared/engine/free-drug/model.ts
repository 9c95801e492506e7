/**
 * Free-drug pharmacokinetics (issue #15): a one-compartment body with a flow-limited target
 * tissue as a satellite compartment (minimal PBPK), per individual.
 *
 * Body: dC/dt = input/V − (CL/V)·C; after an IV bolus D, C = D/V·e^(−k t), k = CL/V,
 * t½ = ln 2 / k, AUC₀^∞ = D / CL (any input schedule: AUC = amount that enters / CL).
 *
 * Target tissue (volume V_T, blood flow Q_T, tissue:blood partition K_p; flow-limited, well
 * stirred; small against the body so it does not feed back on C):
 *   dA_T/dt = R_local(t) + Q_T·C − Q_T·A_T/(V_T·K_p)
 * Integrating from 0 to ∞ (A_T starts and ends at 0):
 *   ∫C_T dt = K_p · (A_local / Q_T + AUC_blood),
 * and the unbound tissue concentration is f_u·C_T/K_p, so
 *   AUC_u,target = f_u · (A_local / Q_T + AUC_blood)      (K_p cancels).
 * Drug released by particles inside the target (A_local) therefore adds A_local/Q_T of
 * exposure the free drug never gives; drug released anywhere reaches blood and counts in
 * AUC_blood. Blood:plasma ratio taken as 1 [U] for the plasma-measured drugs.
 *
 * Individual clearance: CL = CL_study · [(1 − f_e)·(W/W_study)^0.75 + f_e·GFR/GFR_study]
 * (non-renal clearance by allometric size, renal clearance in proportion to GFR, the
 * "fraction excreted unchanged" dosing rule: Dettli L 1976, Clin Pharmacokinet 1:126,
 * recalled, not re-read); V = V_study·(W/W_study).
 */
import type { DrugId } from '../../catalog/ids'
import { ALLOMETRY, FREE_DRUG_PK, RODENT_FREE_DRUG_PK, type FreeDrugPk, type RodentFreeDrugPk, type RodentSpecies } from './data'

/** The covariates the free-drug model takes. */
export interface FreeDrugIndividual {
  readonly bodyWeightKg: number
  /** Absolute GFR, mL/min (not indexed to 1.73 m²). */
  readonly gfrMlPerMin: number
}

/** Free-drug PK of one drug in one individual. */
export interface FreeDrugParameters {
  readonly drug: DrugId
  readonly clearanceLPerH: number
  readonly volumeL: number
  readonly eliminationRatePerH: number
  readonly halfLifeH: number
  readonly fractionUnbound: number
  readonly matrix: 'plasma' | 'blood'
}

/** The catalog entry of a drug's free-drug PK, or undefined (no model for it). */
export function freeDrugData(drug: DrugId): FreeDrugPk | undefined {
  return FREE_DRUG_PK[drug]
}

/** Free-drug PK of `drug` in `individual`, or null when the drug has no free-drug model. */
export function freeDrugParameters(drug: DrugId, individual: FreeDrugIndividual): FreeDrugParameters | null {
  const d = FREE_DRUG_PK[drug]
  if (!d) return null
  if (!(individual.bodyWeightKg > 0) || !(individual.gfrMlPerMin >= 0)) {
    throw new Error(`freeDrugParameters: body weight must be > 0 kg and GFR ≥ 0 mL/min, got ${individual.bodyWeightKg} kg, ${individual.gfrMlPerMin} mL/min`)
  }
  const wStudy = d.studyBodyWeightKg.value
  const fe = d.fractionExcretedUnchanged.value
  const size = individual.bodyWeightKg / wStudy
  const clStudy = d.clearanceLPerHPerKg.value * wStudy
  const clearanceLPerH = clStudy * ((1 - fe) * Math.pow(size, ALLOMETRY.clearanceExponent.value) + fe * individual.gfrMlPerMin / d.studyGfrMlPerMin.value)
  const volumeL = d.volumeLPerKg.value * wStudy * Math.pow(size, ALLOMETRY.volumeExponent.value)
  const k = clearanceLPerH / volumeL
  return { drug, clearanceLPerH, volumeL, eliminationRatePerH: k, halfLifeH: Math.LN2 / k, fractionUnbound: d.fractionUnbound.value, matrix: d.matrix }
}

/** Free-drug PK of one drug in a mouse or rat; f_u is null where no rodent value was found. */
export interface RodentFreeDrugParameters extends Omit<FreeDrugParameters, 'fractionUnbound'> {
  readonly species: RodentSpecies
  readonly bodyWeightKg: number
  readonly fractionUnbound: number | null
}

/** The catalog entry of a drug's rodent free-drug PK, or undefined (none found for that species). */
export function rodentFreeDrugData(drug: DrugId, species: RodentSpecies): RodentFreeDrugPk | undefined {
  return RODENT_FREE_DRUG_PK[species][drug]
}

/**
 * Free-drug PK of `drug` in a `species` animal of `bodyWeightKg` (the species' reference weight
 * in the app), or null when no rodent PK was found. The per-kg values of the rodent study are used
 * as they are (CL = CL/kg·W, V = V/kg·W): the reference animals weigh what the studied ones did
 * within a factor of about 1.5, where allometric correction (W^−0.25 per kg) changes CL by < 11 %.
 */
export function rodentFreeDrugParameters(drug: DrugId, species: RodentSpecies, bodyWeightKg: number): RodentFreeDrugParameters | null {
  const d = RODENT_FREE_DRUG_PK[species][drug]
  if (!d) return null
  if (!(bodyWeightKg > 0)) throw new Error(`rodentFreeDrugParameters: body weight must be > 0 kg, got ${bodyWeightKg} kg (${species}, ${drug})`)
  const clearanceLPerH = d.clearanceLPerHPerKg.value * bodyWeightKg
  const volumeL = d.volumeLPerKg.value * bodyWeightKg
  const k = clearanceLPerH / volumeL
  return { drug, species, bodyWeightKg, clearanceLPerH, volumeL, eliminationRatePerH: k, halfLifeH: Math.LN2 / k, fractionUnbound: d.fractionUnbound?.value ?? null, matrix: d.matrix }
}

/** Concentration after an IV bolus, mg/L: D/V·e^(−k t). */
export function bolusConcentrationMgPerL(p: FreeDrugParameters, doseMg: number, tH: number): number {
  return doseMg / p.volumeL * Math.exp(-p.eliminationRatePerH * tH)
}

/** AUC₀^∞ in blood (or plasma), mg·h/L, of `amountMg` reaching the circulation: amount / CL. */
export function systemicAucMgHPerL(p: FreeDrugParameters, amountMg: number): number {
  return amountMg / p.clearanceLPerH
}

/**
 * Unbound AUC₀^∞ in the target tissue, mg·h/L: f_u·(A_local/Q_T + AUC_blood) (module comment),
 * `localAmountMg` released inside the target, `systemicAmountMg` all drug reaching blood.
 */
export function targetUnboundAucMgHPerL(p: FreeDrugParameters, localAmountMg: number, systemicAmountMg: number, targetBloodFlowLPerH: number): number {
  if (!(targetBloodFlowLPerH > 0)) throw new Error(`targetUnboundAucMgHPerL: target blood flow must be > 0 L/h, got ${targetBloodFlowLPerH}`)
  return p.fractionUnbound * (localAmountMg / targetBloodFlowLPerH + systemicAucMgHPerL(p, systemicAmountMg))
}

/**
 * One step of the one-compartment body fed at a constant rate: dA/dt = r − k·A over Δ, exactly
 * A(t+Δ) = A(t)·e^(−kΔ) + r·(1 − e^(−kΔ))/k. The one step behind every released-drug curve
 * (total plasma drug, the trough of an exposure target); A and r in any one unit (amount, or
 * amount per volume).
 */
export function oneCompartmentStep(amount: number, inputRatePerH: number, eliminationRatePerH: number, dtH: number): number {
  return amount * Math.exp(-eliminationRatePerH * dtH) + inputRatePerH * (-Math.expm1(-eliminationRatePerH * dtH)) / eliminationRatePerH
}
