/**
 * Disease modifier (science brief §2.5): the inflamed lesion of the disease's target organ.
 * Multipliers and the lesion fraction are in pbpk.json `diseases` (sources and evidence there).
 */
import type { OrganKey, PbpkData } from '../data'
import type { BiodistributionInput, PbpkAssumption } from '../types'
import { cite, modifierResult } from './common'
import type { Modifier } from './types'

/** The organ whose inflamed part is the disease lesion (null in a healthy animal). */
export function inflamedTargetOf(input: BiodistributionInput, data: PbpkData): OrganKey | null {
  return data.diseases[input.disease].targetTissue
}

/**
 * Disease state (brief §2.5): the lesion — the inflamed part (lesionFractionOfOrgan) of the
 * disease's target organ — gets the PATC and phagocyte K_max multipliers of the inflamed
 * state, its swelling, and (where the disease says so) phagocytes active from injection.
 * Monte Carlo scales the multipliers' excess over 1.
 */
export const diseaseModifier: Modifier = (input, { data, perturbation }) => {
  const disease = data.diseases[input.disease]
  const organ = inflamedTargetOf(input, data)
  if (organ === null) return modifierResult({})
  const lesionFraction = disease.lesionFractionOfOrgan?.value ?? 1
  // an individual's disease activity scales the inflamed excess (virtual patient; 1 = catalog)
  const activity = input.physiology?.lesionActivityScale ?? 1
  const dPa = disease.permeabilityMultiplier ? 1 + (disease.permeabilityMultiplier.value - 1) * (perturbation?.diseasePermeability ?? 1) * activity : 1
  const dK = disease.kMaxMultiplier ? 1 + (disease.kMaxMultiplier.value - 1) * (perturbation?.diseaseKMax ?? 1) * activity : 1
  const dV = disease.volumeMultiplier ? 1 + (disease.volumeMultiplier.value - 1) * activity : 1
  const assumptions: PbpkAssumption[] = []
  if (disease.permeabilityMultiplier && disease.kMaxMultiplier && disease.volumeMultiplier) {
    const d = input.disease
    if (disease.phagocyteK50H) assumptions.push(cite(`disease.${d}.phagocyteK50H`, `${d}: phagocytes of the inflamed ${organ} take up particles from injection (activation K_50)`, disease.phagocyteK50H))
    assumptions.push(cite(`disease.${d}.permeabilityMultiplier`, `${d}: ${organ} PATC multiplier (inflamed state)`, disease.permeabilityMultiplier, dPa))
    assumptions.push(cite(`disease.${d}.kMaxMultiplier`, `${d}: ${organ} phagocyte K_max multiplier`, disease.kMaxMultiplier, dK))
    if (dV !== 1) assumptions.push(cite(`disease.${d}.volumeMultiplier`, `${d}: ${organ} volume (swelling) multiplier`, disease.volumeMultiplier))
    if (disease.lesionFractionOfOrgan && lesionFraction < 1) {
      assumptions.push(cite(`disease.${d}.lesionFractionOfOrgan`, `${d}: fraction of ${organ} that is lesion`, disease.lesionFractionOfOrgan))
    }
  }
  return modifierResult({
    lesion: { permeability: dPa, kMax: dK, volume: dV, ...(disease.phagocyteK50H ? { phagocyteK50H: disease.phagocyteK50H.value } : {}) },
    scalars: { lesionFractionOfOrgan: lesionFraction },
    assumptions,
  })
}

