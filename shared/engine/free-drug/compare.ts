/**
 * The Selectivity card's "versus free drug" for a mouse or rat design (issue #15): the design's
 * own estimate (the reference animal of its species) against the same dose of the drug given as
 * an IV bolus of free drug, with the rodent free-drug PK of data.ts.
 *
 * Exposures as in model.ts (one-compartment body, flow-limited target satellite):
 *   AUC_blood = A / CL,   AUC_u,target = f_u · (A_local / Q_T + A_released / CL).
 * With D the dose, f_rel the share of D released by the horizon and f_T the share released in
 * the target (both from the design's simulation):
 *   systemicExposureRatio = f_rel,
 *   targetExposureRatio  = (f_T·D/Q_T + f_rel·D/CL) / (D/CL) = f_rel + f_T · CL / Q_T.
 * f_u and the dose cancel in both ratios, so a rodent without a published f_u still gets them;
 * the unbound target AUCs themselves are given only when f_u is known. Drug still inside the
 * particles at the horizon is not counted (it has not been released), which understates the
 * particle's exposures if much remains: the remaining share is reported beside the ratios.
 *
 * Where the species' PK was scaled by allometry from another species rather than measured
 * (data.ts `scaledFrom`), the comparison carries the scaling so the card says so beside the numbers.
 */
import { getDrug } from '../../catalog/index'
import type { DrugId } from '../../catalog/ids'
import type { Design } from '../../design/types'
import { deriveProperties } from '../../design/derived'
import { biodistributionInputFromDesign, resolveParameters } from '../pbpk'
import { releaseHazard } from '../release'
import type { DesignSimulation } from '../simulate'
import { RODENT_FREE_DRUG_PK, RODENT_SCALING_REFUSED, type AllometricScaling, type RodentSpecies } from './data'
import { rodentFreeDrugParameters, type RodentFreeDrugParameters } from './model'

/** The comparison of a rodent design with the same dose of free drug. */
export interface RodentFreeDrugComparison {
  readonly species: RodentSpecies
  readonly drug: DrugId
  /** Drug dose of the design in the reference animal, mg. */
  readonly drugDoseMg: number
  readonly horizonH: number
  readonly pk: RodentFreeDrugParameters
  /** How the PK was scaled from another species (null: measured in this species). */
  readonly scaledFrom: AllometricScaling | null
  /** Blood flow through the target tissue of the reference animal, L/h (null: no target tissue). */
  readonly targetBloodFlowLPerH: number | null
  /** Shares of the drug dose (%) released by the horizon: in total and in the target. */
  readonly releasedPercentDose: number
  readonly releasedInTargetPercentDose: number
  readonly remainingInParticlesPercentDose: number
  readonly systemicExposureRatio: number
  readonly targetExposureRatio: number | null
  /** Unbound target AUC₀^∞, mg·h/L, particle and free drug (null without f_u or without a target). */
  readonly targetUnboundAucMgHPerL: { readonly particle: number; readonly freeDrug: number } | null
}

/** The answer: a comparison, or why there is none (in words the card shows). */
export type RodentComparisonAnswer =
  | { readonly ok: true; readonly result: RodentFreeDrugComparison }
  | { readonly ok: false; readonly reason: 'not-rodent' | 'antigen' | 'no-data'; readonly message: string }

/** Whether a species id is one with rodent free-drug PK. */
export function isRodentSpecies(species: string): species is RodentSpecies {
  return species === 'mouse' || species === 'rat'
}

/** The drugs with free-drug PK in `species`, by catalog name. */
export function rodentDrugsWithPk(species: RodentSpecies): ReadonlyArray<DrugId> {
  return Object.keys(RODENT_FREE_DRUG_PK[species]) as DrugId[]
}

/**
 * Compares `design` (mouse or rat) as estimated in `simulation` with the same dose of free drug.
 * `simulation` must be the design's own estimate (its release shares are read).
 */
export function compareWithFreeDrugInRodent(design: Design, simulation: DesignSimulation): RodentComparisonAnswer {
  const species = design.context.species
  const drugId = design.payload.drug
  const drug = getDrug(drugId)
  if (!isRodentSpecies(species)) {
    return { ok: false, reason: 'not-rodent', message: `compareWithFreeDrugInRodent: the design is for species '${species}', not mouse or rat` }
  }
  if (drug.isAntigen || design.context.goal === 'tolerize') {
    return { ok: false, reason: 'antigen', message: `${drug.name} is an antigen: free antigen's uptake by antigen-presenting cells has no cited model here, so no ratio is given` }
  }
  const resolved = resolveParameters(biodistributionInputFromDesign(design, deriveProperties(design), releaseHazard(design)))
  const bodyWeightKg = resolved.params.bodyWeightKg
  const pk = rodentFreeDrugParameters(drugId, species, bodyWeightKg)
  if (!pk) {
    const known = rodentDrugsWithPk(species).map((id) => getDrug(id).name.toLowerCase())
    const others = known.length > 0 ? `there is for ${known.join(', ')}` : `there is none for any drug in the ${species}`
    const refused = RODENT_SCALING_REFUSED.find((r) => r.species === species && r.drug === drugId)
    const why = refused
      ? `no published ${species} clearance and volume were found, and ${refused.reason}`
      : `no published ${species} clearance and volume were found, nor a species to scale them from`
    return { ok: false, reason: 'no-data', message: `No free-drug PK for ${drug.name.toLowerCase()} in ${species === 'rat' ? 'the rat' : 'the mouse'} (${why}; ${others}), so no comparison is made` }
  }
  const s = simulation.selectivity
  const releasedPercentDose = s.drugReleasedInTargetPercentDose + s.drugReleasedInBloodPercentDose + s.drugReleasedOffTargetPercentDose
  const fRel = releasedPercentDose / 100
  const fT = s.drugReleasedInTargetPercentDose / 100
  const { mgPerKg, basis } = design.context.dose
  const drugDoseMg = basis === 'drug' ? mgPerKg * bodyWeightKg : mgPerKg * bodyWeightKg * design.payload.loadingPctWw / 100
  const qT = resolved.params.targetIndex >= 0 ? resolved.params.compartments[resolved.params.targetIndex]!.flowLPerH : null
  const targetExposureRatio = qT !== null && qT > 0 && s.targetTissue !== null ? fRel + fT * pk.clearanceLPerH / qT : null
  const targetUnboundAucMgHPerL = targetExposureRatio !== null && pk.fractionUnbound !== null && qT !== null
    ? {
        particle: pk.fractionUnbound * (fT * drugDoseMg / qT + fRel * drugDoseMg / pk.clearanceLPerH),
        freeDrug: pk.fractionUnbound * drugDoseMg / pk.clearanceLPerH,
      }
    : null
  const timesH = simulation.biodistribution.timesH
  return {
    ok: true,
    result: {
      species, drug: drugId, drugDoseMg, horizonH: timesH[timesH.length - 1] ?? 0, pk,
      scaledFrom: RODENT_FREE_DRUG_PK[species][drugId]?.scaledFrom ?? null,
      targetBloodFlowLPerH: qT,
      releasedPercentDose,
      releasedInTargetPercentDose: s.drugReleasedInTargetPercentDose,
      // the solver leaves round-off of either sign (e.g. −4e-40) once release is complete
      remainingInParticlesPercentDose: Math.max(0, s.drugRemainingInParticlesPercentDose),
      systemicExposureRatio: fRel,
      targetExposureRatio,
      targetUnboundAucMgHPerL,
    },
  }
}
