/**
 * Hydrophilic-coat modifier (issue #10 item 3, stealth beyond PEG): how a zwitterionic or a
 * polysaccharide (dextran-type) shell hides a particle from liver and spleen phagocytes.
 * Parameters, sources and evidence in pbpk.json `modifiers.hydrophilicCoat`.
 *
 * Such a shell binds water tightly (zwitterions by electrostatic hydration, dextran by its
 * hydroxyls) and so slows the adsorption of opsonins (complement C3, IgG) that phagocytes
 * recognise; unlike a PEG brush it has no grafting density the design can set, so its effect is
 * read from its thickness and from the particle's size:
 *
 *   K_max,liver/spleen × F,  F = 1 − S_max · h/(h + h_50) · w(HD),  w(HD) = 1/(1 + (HD/HD_50)^(1/σ))
 *
 * - S_max, h_50 per coat class (zwitterionic, polysaccharide); a class may give the spleen a
 *   share of its own (S_max,spleen: dextran is a ligand of the splenic marginal-zone
 *   macrophages' lectin SIGN-R1, so a dextran shell does not hide a particle there); a material not listed in
 *   `materialClass` (hyaluronic acid, chitosan, polysorbate 80) has no effect: each binds a
 *   receptor or a protein of its own.
 * - h/(h + h_50): a thin coat leaves part of the surface to proteins, a thick one hides it; no
 *   threshold, so a 10 % step in thickness changes F by less than 10 %.
 * - w(HD): the same chemistry hides a small particle better than a large one — dextran iron
 *   oxides under ~50 nm circulate for hours to a day in people (ultrasmall SPIO, ferumoxtran),
 *   those over ~50 nm are cleared by the liver in minutes (SPIO, ferumoxides, ferucarbotran);
 *   a logistic in ln HD, so no size step is a cliff.
 * PEG (stealth modifier) and this coat never add: the design's outermost coat is either PEG or
 * a polymer shell (from-design.ts reads only the outermost).
 */
import type { HydrophilicCoatClassData, HydrophilicCoatData } from '../data'
import type { PbpkAssumption } from '../types'
import { cite, clamp, modifierResult } from './common'
import type { Modifier } from './types'

/** Share of a coat's largest effect a particle of hydrodynamic diameter `hdNm` keeps, 0-1. */
export function coatSizeShare(hdNm: number, data: Pick<HydrophilicCoatData, 'sizeMidpointNm' | 'sizeLogWidth'>): number {
  if (!(hdNm > 0)) return 1
  return 1 / (1 + Math.pow(hdNm / data.sizeMidpointNm.value, 1 / data.sizeLogWidth.value))
}

/** Share of the class's largest suppression a coat of `thicknessNm` gives, 0-1 (h/(h + h_50)). */
export function coatThicknessShare(thicknessNm: number, cls: HydrophilicCoatClassData): number {
  const h = Math.max(0, thicknessNm)
  return h / (h + cls.halfEffectThicknessNm.value)
}

/**
 * Factor on liver and spleen K_max of a coat of class `cls`, thickness `thicknessNm`, on a
 * particle of hydrodynamic diameter `hdNm`: 1 − S_max · h/(h + h_50) · w(HD), in (1 − S_max, 1].
 */
export function hydrophilicCoatFactor(thicknessNm: number, hdNm: number, cls: HydrophilicCoatClassData,
  data: Pick<HydrophilicCoatData, 'sizeMidpointNm' | 'sizeLogWidth'>, maxSuppression = cls.maxSuppression.value): number {
  const s = clamp(maxSuppression, 0, 1)
  return 1 - s * coatThicknessShare(thicknessNm, cls) * coatSizeShare(hdNm, data)
}

/** The coat class of a polymer-coat material, or undefined when the material hides nothing. */
export function hydrophilicCoatClassOf(material: string, data: HydrophilicCoatData): HydrophilicCoatClassData | undefined {
  const name = data.materialClass[material]
  return name === undefined ? undefined : data.classes[name]
}

export const hydrophilicCoatModifier: Modifier = (input, { data }) => {
  const coat = input.hydrophilicCoat
  if (!coat) return modifierResult({})
  const hc = data.modifiers.hydrophilicCoat
  const className = hc.materialClass[coat.material]
  const cls = hydrophilicCoatClassOf(coat.material, hc)
  if (className === undefined || cls === undefined) return modifierResult({})
  const hd = input.hydrodynamicDiameterNm
  const thicknessShare = coatThicknessShare(coat.thicknessNm, cls)
  const sizeShare = coatSizeShare(hd, hc)
  const factor = hydrophilicCoatFactor(coat.thicknessNm, hd, cls, hc)
  const sMax = cls.maxSuppression.value
  const h50 = cls.halfEffectThicknessNm.value
  const shape = `h/(h + ${h50} nm)·w(HD)`
  const assumptions: PbpkAssumption[] = [
    cite(`modifier.hydrophilicCoat.${className}.maxSuppression`,
      `${coat.material} shell (${className}) ${coat.thicknessNm.toFixed(1)} nm on a ${hd.toFixed(0)} nm particle: liver${cls.spleenMaxSuppression ? '' : ' and spleen'} K_max × [1 − ${sMax}·${shape}] = ${factor.toFixed(2)} (thickness share ${thicknessShare.toFixed(2)}, size share ${sizeShare.toFixed(2)})`,
      cls.maxSuppression, factor),
    cite(`modifier.hydrophilicCoat.${className}.halfEffectThicknessNm`, `Thickness at which a ${className} shell gives half its largest effect`, cls.halfEffectThicknessNm),
    cite('modifier.hydrophilicCoat.sizeMidpointNm', `Hydrodynamic diameter at which a hydrophilic shell keeps half its effect: w(HD) = 1/(1 + (HD/${hc.sizeMidpointNm.value} nm)^(1/${hc.sizeLogWidth.value}))`, hc.sizeMidpointNm, sizeShare),
  ]
  // The spleen's own share when the class has one (dextran: marginal-zone macrophages take it
  // up through a receptor of their own, so the coat does not hide the particle there).
  let spleenFactor = factor
  if (cls.spleenMaxSuppression) {
    spleenFactor = hydrophilicCoatFactor(coat.thicknessNm, hd, cls, hc, cls.spleenMaxSuppression.value)
    assumptions.push(cite(`modifier.hydrophilicCoat.${className}.spleenMaxSuppression`,
      `${coat.material} shell in the spleen: K_max × [1 − ${cls.spleenMaxSuppression.value}·${shape}] = ${spleenFactor.toFixed(2)}`, cls.spleenMaxSuppression, spleenFactor))
  }
  return modifierResult({ organs: { liver: { kMax: factor }, spleen: { kMax: spleenFactor } }, assumptions })
}
