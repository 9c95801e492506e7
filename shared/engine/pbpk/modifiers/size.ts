/**
 * Size modifier (science brief §2.4.1): permeability, liver and spleen phagocytic uptake and
 * red-pulp filtration as functions of the hydrodynamic diameter. Parameters in pbpk.json
 * `modifiers.size` (sources and evidence there). Renal filtration by size is part of the
 * excretion modifier.
 */
import type { OrganKey } from '../data'
import type { PbpkAssumption } from '../types'
import { cite, clamp, modifierResult } from './common'
import type { Modifier, OrganEffect } from './types'

/**
 * Particle size (brief §2.4.1): PAC of leaky organs and of the inflamed lesion ×
 * exp(−(HD − HD_ref)/λ) (clamped); liver K_max × (HD/HD_ref)^b (clamped); spleen K_max × a logistic rise around the splenic
 * midpoint; the share of liver and spleen K_max that acts at once rising with size (Lin 2016);
 * red-pulp filtration of a share of splenic flow logistic in ln HD (Moghimi 1995).
 */
export const sizeModifier: Modifier = (input, { data }) => {
  const sz = data.modifiers.size
  const hd = input.hydrodynamicDiameterNm
  const assumptions: PbpkAssumption[] = []
  const warnings: string[] = []
  const paSize = clamp(Math.exp(-(hd - sz.permeabilityReferenceNm.value) / sz.permeabilityLengthNm.value),
    sz.permeabilityMultiplierMin.value, sz.permeabilityMultiplierMax.value)
  const liverSize = clamp(Math.pow(hd / sz.liverReferenceNm.value, sz.liverExponent.value), sz.liverMultiplierMin.value, sz.liverMultiplierMax.value)
  const spleenSize = 1 + sz.spleenExtraMax.value / (1 + Math.exp(-(hd - sz.spleenMidpointNm.value) / sz.spleenWidthNm.value))
  assumptions.push(cite('modifier.size.permeability', `PAC of leaky organs (${sz.leakyOrgans.join(', ')} and an inflamed target) × exp(−(HD − ${sz.permeabilityReferenceNm.value})/${sz.permeabilityLengthNm.value} nm)`, sz.permeabilityLengthNm, paSize))
  assumptions.push(cite('modifier.size.liverKMax', `Liver K_max × (HD/${sz.liverReferenceNm.value} nm)^${sz.liverExponent.value}, clamped ${sz.liverMultiplierMin.value}-${sz.liverMultiplierMax.value}`, sz.liverExponent, liverSize))
  // Share of phagocytic K_max acting at once (Lin 2016 [V]: 100 nm taken up from blood at
  // once, 13 nm after a ~10 h delay); linear in log HD between the two, the rest Hill-delayed.
  // The delay is a property of how macrophages take up particles of a size, so it applies to
  // the splenic macrophages as to the Kupffer cells: with the delay on the spleen alone, the
  // liver's immediate uptake emptied the blood of 80 nm gold before the spleen began, and the
  // spleen per gram fell to a seventh of the 18 nm value (Hirn 2011 measured them equal).
  const lo = sz.liverDelayedUptakeBelowNm.value
  const hi = sz.liverImmediateUptakeAboveNm.value
  const immediate = clamp(Math.log(hd / lo) / Math.log(hi / lo), 0, 1)
  if (immediate > 0) assumptions.push(cite('modifier.size.liverImmediateUptake', `Liver and spleen phagocytic uptake: ${(immediate * 100).toFixed(0)} % acts at once, the rest after the Hill delay (HD ${hd.toFixed(0)} nm; ${lo} nm delayed, ${hi} nm immediate)`, sz.liverImmediateUptakeAboveNm, immediate))
  assumptions.push(cite('modifier.size.spleenKMax', `Spleen K_max × [1 + ${sz.spleenExtraMax.value}/(1 + exp(−(HD − ${sz.spleenMidpointNm.value})/${sz.spleenWidthNm.value}))]`, sz.spleenMidpointNm, spleenSize))
  // Splenic filtration (brief §2.4.1, Moghimi 1995): red-pulp slits retain particles > ~200 nm
  // from the blood passing through. Slit widths spread over a range, so the retained share of
  // splenic flow rises as a logistic in ln HD: E = E_max / (1 + (HD/HD_50)^(−1/w)); a 10 % size
  // step changes E by at most 1.1^(1/w) (1.61× for w = 0.2), never a cliff. Retained particles
  // go to splenic macrophages through their saturable uptake (parameters.ts, system.ts).
  const spleenExtraction = sz.spleenFiltrationExtractionMax.value /
    (1 + Math.pow(hd / sz.spleenFiltrationMidpointNm.value, -1 / sz.spleenFiltrationLogWidth.value))
  if (spleenExtraction > 0.01 * sz.spleenFiltrationExtractionMax.value) {
    assumptions.push(cite('modifier.size.spleenFiltration', `Splenic filtration: ${(spleenExtraction * 100).toFixed(1)} % of splenic blood flow retained (HD ${hd.toFixed(0)} nm; half of ${sz.spleenFiltrationExtractionMax.value * 100} % at ${sz.spleenFiltrationMidpointNm.value} nm, width ${sz.spleenFiltrationLogWidth.value} in ln HD)`, sz.spleenFiltrationExtractionMax, spleenExtraction))
  }
  const v = data.validity
  if (hd < v.hydrodynamicDiameterMinNm.value || hd > v.hydrodynamicDiameterMaxNm.value) {
    warnings.push(`Hydrodynamic diameter ${hd} nm is outside ${v.hydrodynamicDiameterMinNm.value}-${v.hydrodynamicDiameterMaxNm.value} nm, the range the PBPK parameters were built on; results are extrapolated.`)
  }
  const organs: Partial<Record<OrganKey, OrganEffect>> = {}
  for (const o of sz.leakyOrgans) organs[o] = { permeability: paSize }
  organs.liver = { ...organs.liver, kMax: liverSize, immediateKMaxFraction: immediate }
  organs.spleen = { ...organs.spleen, kMax: spleenSize, flowExtraction: spleenExtraction, immediateKMaxFraction: immediate }
  return modifierResult({ organs, lesion: { permeability: paSize }, assumptions, warnings })
}

