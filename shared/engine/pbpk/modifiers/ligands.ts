/**
 * Ligand modifier (science brief §2.6): active targeting through the avidity model. Receptor
 * densities, affinities, maximum gains and off-target effects per ligand in pbpk.json
 * `ligands`, the contact range in `avidity` (sources and evidence there).
 */
import { ORGAN_KEYS, PBPK_DATA, type OrganKey } from '../data'
import type { PbpkAssumption } from '../types'
import { cite, modifierResult } from './common'
import { inflamedTargetOf } from './disease'
import type { Modifier, OrganEffect } from './types'

/**
 * Multivalent binding probability per encounter (simplified Martinez-Veracoechea & Frenkel
 * 2011, brief §2.6.2). With x = [R]_eff/K_D the ratio of the effective receptor
 * concentration in the contact shell (σ_R / (N_A·δ)) to the monovalent K_D and n_L the
 * ligands in the contact patch (perParticle · δ/HD, the cap of a sphere within δ of the
 * surface), K_av = (1 + x)^n_L − 1 and p = K_av / (1 + K_av) = 1 − (1 + x)^(−n_L).
 */
export function bindingProbability(
  receptorDensityPerUm2: number, kdNm: number, ligandsPerParticle: number, hdNm: number,
  avidity = PBPK_DATA.avidity,
): number {
  if (receptorDensityPerUm2 <= 0 || ligandsPerParticle <= 0 || kdNm <= 0) return 0
  const deltaNm = avidity.contactRangeNm.value
  const sigmaPerM2 = receptorDensityPerUm2 * 1e12
  const deltaM = deltaNm * 1e-9
  const kdMolPerM3 = kdNm * 1e-9 * 1e3
  const x = sigmaPerM2 / (avidity.avogadro.value * deltaM * kdMolPerM3)
  const nL = ligandsPerParticle * Math.min(1, deltaNm / Math.max(hdNm, 1e-9))
  return 1 - Math.exp(-nL * Math.log1p(x))
}

/**
 * Ligands (brief §2.6) through the avidity model ({@link bindingProbability}): target K_max
 * gain (cell-site ligands) or endothelial capture (endothelial ligands) on the lesion, and
 * off-target effects.
 *
 * Cell-site ligands (folate → FR-β macrophages, HA → CD44 …) raise the target's phagocytic
 * K_target by `gain` (brief §2.6.2: × 1.2-3 on K_target). The increment (gain − 1)·K_max is
 * receptor-mediated endocytosis by cells that express the receptor at injection in
 * established disease (FR-β on activated synovial macrophages, Turk 2002), so it is not
 * delayed by the Hill activation of nonspecific uptake; it saturates with the target's
 * phagocytic capacity, raised by the same gain (receptor-bearing cells) — which bounds the
 * exposure gain by ~gain (brief: active targeting raises delivery only modestly). Endothelial
 * ligands raise the same uptake (the catalog's gain is "× on K_target" for both sites) without
 * raising the capacity.
 */
export const ligandsModifier: Modifier = (input, { data }) => {
  const inflamedTarget = inflamedTargetOf(input, data)
  const hd = input.hydrodynamicDiameterNm
  const assumptions: PbpkAssumption[] = []
  const warnings: string[] = []
  const lesionGain = { kMax: 1, capacity: 1, endothelial: 0 }
  const offKMax: Partial<Record<OrganKey, number>> = {}
  const offEndo: Partial<Record<OrganKey, number>> = {}
  const threshold = data.avidity.gainWarningThreshold.value
  for (const l of input.ligands) {
    const ld = data.ligands[l.ligand]
    const kd = l.monovalentKdNm ?? ld.monovalentKdNm.value
    if (inflamedTarget !== null) {
      const sigma = input.disease === 'healthy' ? ld.restingReceptorDensityPerUm2.value : ld.inflamedReceptorDensityPerUm2.value
      const p = bindingProbability(sigma, kd, l.perParticle, hd, data.avidity)
      const gain = 1 + (ld.maxGain.value - 1) * p
      // Both sites act as the catalog defines the gain, "× on K_target": (gain − 1)·K_max of
      // extra uptake by the lesion, saturable with its capacity (system.ts). Cell-site receptors
      // take it up from the tissue and bring receptor-bearing cells (capacity × gain);
      // endothelial receptors capture from the lesion's capillary blood. Why not capture at
      // (gain − 1) × the passive extravasation rate as before: extravasation is a two-way
      // exchange, and making it an unsaturable one-way sink turned a 2× gain into 80 %ID of a
      // long-circulating particle in a nephritic rat kidney at 24 h (14× the untargeted 5.7 %).
      if (ld.site === 'cell') {
        lesionGain.kMax += gain - 1
        lesionGain.capacity += gain - 1
      } else {
        lesionGain.endothelial += gain - 1
      }
      assumptions.push(cite(`ligand.${l.ligand}.targetGain`, `${l.ligand} (${l.perParticle}/particle): binding probability ${p.toFixed(3)} on the inflamed ${inflamedTarget}; target K_max gain (${ld.site === 'cell' ? 'cell receptors' : 'endothelial receptors'})`, ld.maxGain, gain))
      if (gain > threshold) warnings.push(`${l.ligand}: predicted targeting gain ${gain.toFixed(1)}× exceeds ${threshold}×; active targeting usually raises delivery only modestly (median tumour delivery 0.9 %ID for actively and 0.6 %ID for passively targeted nanoparticles, Wilhelm S et al. 2016, Nat Rev Mater 1:16014; that split is unverified).`)
    }
    for (const ot of ld.offTarget) {
      if (!ot.diseases.includes('all') && !ot.diseases.includes(input.disease)) continue
      const p = bindingProbability(ot.receptorDensityPerUm2.value, kd, l.perParticle, hd, data.avidity)
      if (ot.mode === 'kMaxMultiplier') {
        const m = 1 + (ot.value.value - 1) * p
        offKMax[ot.organ] = (offKMax[ot.organ] ?? 1) * m
        assumptions.push(cite(`ligand.${l.ligand}.offTarget.${ot.organ}`, `${l.ligand}: off-target ${ot.organ} phagocyte K_max multiplier`, ot.value, m))
      } else {
        const k = ot.value.value * p
        offEndo[ot.organ] = (offEndo[ot.organ] ?? 0) + k
        assumptions.push(cite(`ligand.${l.ligand}.offTarget.${ot.organ}`, `${l.ligand}: off-target ${ot.organ} endothelial capture, h⁻¹`, ot.value, k))
      }
    }
  }
  const organs: Partial<Record<OrganKey, OrganEffect>> = {}
  for (const o of ORGAN_KEYS) {
    const kMax = offKMax[o]
    const endo = offEndo[o]
    if (kMax === undefined && endo === undefined) continue
    organs[o] = { ...(kMax !== undefined ? { kMax } : {}), ...(endo !== undefined ? { endothelialCapturePerH: endo } : {}) }
  }
  return modifierResult({
    organs,
    lesion: { receptorUptakeOfKMax: lesionGain.kMax - 1, capacity: lesionGain.capacity, endothelialUptakeOfKMax: lesionGain.endothelial },
    assumptions, warnings,
  })
}

