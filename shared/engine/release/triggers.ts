/**
 * Micro-environments and stimulus rate multipliers (brief §1.5). Every multiplier is
 * normalised to plasma (= 1 in plasma) and capped.
 */
import { RELEASE_CATALOG, type EnvironmentParams } from './catalog'

/** The three places a particle releases drug in (brief §1.1). */
export type ReleaseEnvironmentId = 'plasma' | 'inflamed' | 'endolysosome'
/** Environment ids in output order. */
export const RELEASE_ENVIRONMENT_IDS: ReadonlyArray<ReleaseEnvironmentId> = ['plasma', 'inflamed', 'endolysosome']

/** Catalogued definition of an environment (pH, H2O2 µM, active MMP nM). */
export function environmentParams(id: ReleaseEnvironmentId): EnvironmentParams {
  return RELEASE_CATALOG.environments[id]
}

/**
 * Specific-acid catalysis multiplier (brief §1.5.2): k_obs = k_0 + k_H 10^-pH, relative to
 * the reference pH, M = f0 + (1 - f0) 10^(pHref - pH) with f0 = k_0 / k_obs(pHref); capped.
 */
export function phMultiplierAcidCatalysed(
  pH: number, referencePH: number, uncatalysedFraction: number, cap: number,
): number {
  const m = uncatalysedFraction + (1 - uncatalysedFraction) * Math.pow(10, referencePH - pH)
  return Math.min(cap, m)
}

/**
 * Logistic pH switch (brief §1.5.2, PBAE / swelling): M = 1 + (Mmax - 1)/(1 + 10^(nH (pH - pKa))),
 * divided by its value at the reference pH so that M(reference) = 1.
 */
export function phMultiplierLogistic(
  pH: number, pKa: number, hillCoefficient: number, maxMultiplier: number, referencePH: number,
): number {
  const raw = (p: number): number => 1 + (maxMultiplier - 1) / (1 + Math.pow(10, hillCoefficient * (p - pKa)))
  return raw(pH) / raw(referencePH)
}

/**
 * ROS multiplier (brief §1.5.3): rate = k_0 (1 + a [H2O2]/50 µM), with a the oxidative rate at
 * the 50 µM reference relative to the uncatalysed rate; normalised to plasma and capped.
 */
export function rosMultiplier(
  h2o2Um: number, plasmaH2o2Um: number, referenceH2o2Um: number, sensitivity: number, cap: number,
): number {
  const rate = (c: number): number => 1 + (sensitivity * c) / referenceH2o2Um
  return Math.min(cap, rate(h2o2Um) / rate(plasmaH2o2Um))
}

/**
 * MMP multiplier (brief §1.5.4): k = k_spont + (k_cat/K_M) [E_active] (valid for [S] << K_M),
 * normalised to plasma and capped.
 */
export function mmpMultiplier(
  mmpActiveNm: number, plasmaMmpActiveNm: number, kcatOverKmPerMPerS: number, spontaneousRatePerS: number, cap: number,
): number {
  const rate = (eNm: number): number => spontaneousRatePerS + kcatOverKmPerMPerS * eNm * 1e-9
  return Math.min(cap, rate(mmpActiveNm) / rate(plasmaMmpActiveNm))
}
