/**
 * Stealth modifier (science brief §2.4.2, recalibrated): how a PEG coat hides the particle from
 * liver and spleen phagocytes (pbpk.json `modifiers.peg`, sources and evidence there). Non-PEG
 * hydrophilic coats and liposome bilayers have their own modifiers.
 */
import type { BiodistributionInput, PbpkAssumption, PbpkCoreClass } from '../types'
import type { PbpkData } from '../data'
import { cite, clamp, modifierResult } from './common'
import type { Modifier } from './types'

/**
 * Stealth coat (brief §2.4.2, recalibrated): liver and spleen K_max ×
 * [f_res + (1 − f_res)·exp(−k s)], s = clamp(Γ/Γ* at the layer's outer surface, 0, s_max);
 * f_res the share of uptake a dense brush leaves, by carrier ({@link pegResidualFraction}).
 */
export const stealthModifier: Modifier = (input, { data }) => {
  const pg = data.modifiers.peg
  const curvature = pegCurvatureFactor(input.pegGraftRadiusNm, input.pegLayerThicknessNm)
  const effective = effectivePegCoverage(input)
  const s = clamp(effective, 0, pg.coverageRatioMax.value)
  const residual = pegResidualFraction(input.core.coreClass, pg)
  const fRes = residual.value
  const pegFactor = fRes + (1 - fRes) * Math.exp(-pg.liverSpleenKMaxDecay.value * s)
  const assumptions: PbpkAssumption[] = []
  const warnings: string[] = []
  if (curvature < 1 && input.pegCoverageRatio > 0) {
    assumptions.push({
      id: 'modifier.peg.curvature',
      description: `PEG on a curved surface: chains grafted at radius ${input.pegGraftRadiusNm!.toFixed(1)} nm spread over the layer's outer surface at ${(input.pegGraftRadiusNm! + input.pegLayerThicknessNm!).toFixed(1)} nm, so the coverage proteins meet there is ${curvature.toFixed(2)} of the grafted one (Γ/Γ* ${input.pegCoverageRatio.toFixed(2)} → ${s.toFixed(2)})`,
      value: curvature, unit: '-',
      source: 'Spherical-brush geometry (Daoud M, Cotton JP 1982, J Phys (Paris) 43:531-538, doi:10.1051/jphys:01982004303053100): chain density on a sphere falls with the square of the radius; the shielding it gives is checked on 5 nm PEG-gold half-lives (Alalaiwe A, Roberts G, Carpinone P, Munson J, Roberts S 2017, Drug Deliv 24:591-598, doi:10.1080/10717544.2017.1282554, Table 1: t½ falls from PEG 1 kDa to 5 kDa)',
      evidence: 'D',
    })
  }
  if (s > 0) {
    assumptions.push(cite('modifier.peg.liverSpleenKMax', `PEG coverage ratio ${s.toFixed(2)}: liver and spleen K_max × [${fRes} + ${1 - fRes}·exp(−${pg.liverSpleenKMaxDecay.value} s)]`, pg.liverSpleenKMaxDecay, pegFactor))
    assumptions.push(cite('modifier.peg.residualFraction', `Liver/spleen K_max fraction left under a dense PEG brush on ${input.core.coreClass === 'lipid-vesicle' ? 'a lipid vesicle' : `a solid core (${input.core.coreClass})`}`, residual))
  }
  if (effective > pg.coverageRatioMax.value) {
    warnings.push(`PEG coverage ratio ${effective.toFixed(2)} (at the layer's outer surface) is above ${pg.coverageRatioMax.value}; the PEG effect is capped at a ratio of ${pg.coverageRatioMax.value}.`)
  }
  return modifierResult({ organs: { liver: { kMax: pegFactor }, spleen: { kMax: pegFactor } }, assumptions, warnings })
}

/**
 * The share of liver and spleen phagocytic uptake a dense PEG brush leaves, by carrier: a lipid
 * vesicle keeps `residualFraction` (calibrated on mouse PEG-liposome circulation); every other
 * core — gold, iron oxide, silica, polymer matrix — keeps `solidCoreResidualFraction`, fitted on
 * the PEG rows of stealth-calibration.json: with the vesicle's value a PEG 5 kDa brush made
 * 50-100 nm gold and PLGA circulate for a day where mice clear them in hours (pbpk.json notes).
 * One value serves liver and spleen: the calibration rows do not support a spleen less
 * PEG-sensitive than the liver.
 */
export function pegResidualFraction(coreClass: PbpkCoreClass, pg: PbpkData['modifiers']['peg']): PbpkData['modifiers']['peg']['residualFraction'] {
  return coreClass === 'lipid-vesicle' ? pg.residualFraction : pg.solidCoreResidualFraction
}

/**
 * The PEG coverage ratio phagocytes and proteins meet: Γ/Γ* × the curvature factor. The one
 * coverage every modifier uses (stealth, and the charge shield).
 */
export function effectivePegCoverage(input: BiodistributionInput): number {
  return input.pegCoverageRatio * pegCurvatureFactor(input.pegGraftRadiusNm, input.pegLayerThicknessNm)
}

/**
 * Share of the grafted PEG coverage left at the outer surface of the PEG layer, where plasma
 * proteins and phagocyte receptors meet the particle: Γ(R + h)/Γ(R) = (R/(R + h))² (chains
 * grafted on a sphere of radius R spread over the sphere of radius R + h; Daoud & Cotton 1982
 * spherical brush) [D]. 1 on a flat surface (R ≫ h) and when the geometry is not given (raw
 * engine inputs). A 100 nm liposome with PEG 2 kDa keeps ~0.84 of its coverage; a 5 nm gold
 * core with PEG 5 kDa ~0.02, which is why small PEG-gold clears in hours, not days, and why a
 * longer PEG shields a tiny core less (Alalaiwe 2017).
 */
export function pegCurvatureFactor(graftRadiusNm: number | undefined, layerThicknessNm: number | undefined): number {
  if (graftRadiusNm === undefined || layerThicknessNm === undefined || !(graftRadiusNm > 0) || !(layerThicknessNm >= 0)) return 1
  const ratio = graftRadiusNm / (graftRadiusNm + layerThicknessNm)
  return ratio * ratio
}
