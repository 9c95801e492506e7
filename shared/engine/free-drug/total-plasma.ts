/**
 * Total plasma drug after a liposomal (or other particulate) drug (issue #10 item 3): what a
 * clinical assay of "total drug" measures — drug still inside circulating particles plus drug
 * the particles released, which circulates as free (protein- or lipoprotein-bound) drug.
 *
 * Released drug: every amount the particles release (in blood, in the target, elsewhere) reaches
 * the circulation (the free-drug model's convention, model.ts and released.ts). With the
 * cumulative released amount R(t) from the coupled PBPK run (% of the drug dose) and the drug's
 * one-compartment free-drug PK (k = CL/V, V the volume of distribution referred to plasma):
 *   dF/dt = dR/dt − k·F,  F(0) = 0                                     (F = free drug in the body)
 * solved exactly for a release rate constant between output times (R linear in t there):
 *   F(t+Δ) = F(t)·e^(−kΔ) + (ΔR/Δ)·(1 − e^(−kΔ))/k.
 * Plasma concentration C_p = F/V; what a plasma sample reads as a share of the dose in the whole
 * plasma volume V_pl (the convention of the published rows, which give %ID as concentration ×
 * plasma volume): F·V_pl/V. So
 *   total(t) = s·E(t) + F(t)·V_pl/V,
 * E the drug inside particles in the central blood pool and s the blood-sample scale
 * (intravascular / central blood, pbpk bloodSampleScale).
 */
import type { BiodistributionInput } from '../pbpk'
import { PBPK_DATA } from '../pbpk'
import type { DrugId } from '../../catalog/ids'
import { freeDrugData, freeDrugParameters, oneCompartmentStep, rodentFreeDrugParameters } from './model'

/**
 * Free drug in the body over time, % of the dose, from the cumulative released amount at the
 * output times (module comment: exact for a constant release rate within each interval).
 */
export function freeDrugAmountPercentDose(timesH: ReadonlyArray<number>, releasedPercentDose: ReadonlyArray<number>, eliminationRatePerH: number): number[] {
  if (timesH.length !== releasedPercentDose.length) throw new Error(`freeDrugAmountPercentDose: ${timesH.length} times but ${releasedPercentDose.length} released amounts`)
  if (!(eliminationRatePerH > 0)) throw new Error(`freeDrugAmountPercentDose: the elimination rate must be > 0 per h, got ${eliminationRatePerH}`)
  const k = eliminationRatePerH
  const out: number[] = new Array<number>(timesH.length)
  out[0] = 0
  for (let i = 1; i < timesH.length; i++) {
    const dt = timesH[i]! - timesH[i - 1]!
    if (!(dt > 0)) throw new Error(`freeDrugAmountPercentDose: output times must increase (t[${i}] = ${timesH[i]} h)`)
    const rate = Math.max(0, releasedPercentDose[i]! - releasedPercentDose[i - 1]!) / dt
    out[i] = oneCompartmentStep(out[i - 1]!, rate, k, dt)
  }
  return out
}

/** The free-drug PK a total-drug curve needs: elimination rate and volume (L) in `species`. */
export function freeDrugKinetics(drug: DrugId, species: BiodistributionInput['species'], bodyWeightKg: number): { readonly eliminationRatePerH: number; readonly volumeL: number } {
  if (species === 'human') {
    const d = freeDrugData(drug)
    const p = d ? freeDrugParameters(drug, { bodyWeightKg, gfrMlPerMin: d.studyGfrMlPerMin.value }) : null
    if (!p) throw new Error(`total plasma drug: no human free-drug PK for '${drug}' (shared/engine/free-drug/data.ts FREE_DRUG_PK)`)
    if (p.matrix !== 'plasma') throw new Error(`total plasma drug: the free-drug PK of '${drug}' is in ${p.matrix}, not plasma`)
    return { eliminationRatePerH: p.eliminationRatePerH, volumeL: p.volumeL }
  }
  const p = rodentFreeDrugParameters(drug, species, bodyWeightKg)
  if (!p) throw new Error(`total plasma drug: no ${species} free-drug PK for '${drug}' (shared/engine/free-drug/data.ts RODENT_FREE_DRUG_PK)`)
  if (p.matrix !== 'plasma') throw new Error(`total plasma drug: the ${species} free-drug PK of '${drug}' is in ${p.matrix}, not plasma`)
  return { eliminationRatePerH: p.eliminationRatePerH, volumeL: p.volumeL }
}

/**
 * Total plasma drug, % of the drug dose in the whole plasma volume, at each output time:
 * s·E(t) + F(t)·V_pl/V (module comment). `encapsulatedBloodPercentDose` is E, `bloodSampleScale`
 * s, `intravascularBloodMassG` the body's intravascular blood (g ≈ mL).
 */
export function totalPlasmaDrugPercentDose(args: {
  readonly drug: DrugId
  readonly species: BiodistributionInput['species']
  readonly bodyWeightKg: number
  readonly timesH: ReadonlyArray<number>
  readonly encapsulatedBloodPercentDose: ReadonlyArray<number>
  readonly bloodSampleScale: number
  readonly intravascularBloodMassG: number
  readonly releasedPercentDose: ReadonlyArray<number>
}): number[] {
  const { eliminationRatePerH, volumeL } = freeDrugKinetics(args.drug, args.species, args.bodyWeightKg)
  const plasmaL = (args.intravascularBloodMassG / 1000) * (1 - PBPK_DATA.species[args.species].hematocrit.value)
  const free = freeDrugAmountPercentDose(args.timesH, args.releasedPercentDose, eliminationRatePerH)
  return args.timesH.map((_, i) => args.bloodSampleScale * args.encapsulatedBloodPercentDose[i]! + free[i]! * plasmaL / volumeL)
}
