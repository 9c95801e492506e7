/**
 * Saturation modifier: how many particles the phagocytes of each organ can take before their
 * uptake slows (pbpk.json `modifiers.saturation`, sources and evidence there).
 *
 * Capacity is counted in particles, not in particle mass. The brief's capacities (µg per g,
 * from gold studies) made a light liposome or PLGA particle saturate the liver at particle
 * numbers 30-fold below a dense gold one, and a 2-fold dose step could change a half-life
 * 27-fold. The published liver threshold is a particle number across particle types: about
 * 10¹² particles in a mouse (Ouyang 2020). Particle number was chosen over particle surface
 * area because that threshold was found to hold across particle types without a size term; a
 * surface-area capacity would need a reference size the data do not give.
 *
 * - Liver: Cap = 1e12 particles per g (Ouyang 2020 [V abstract, C model code]).
 * - Other organs: the liver value × their capacity per g relative to the liver's in the mouse
 *   set (brief §2.2.2, capacityUgPerG ratios) [D].
 * - Per g of tissue in every species (phagocyte density per g taken as species-independent [U]).
 * The saturation law itself (hyperbolic, with a non-saturable share) lives in system.ts.
 */
import { ORGAN_KEYS, type OrganKey, type PbpkData } from '../data'
import type { BiodistributionInput, PbpkAssumption } from '../types'
import { cite, modifierResult } from './common'
import type { Modifier, OrganEffect } from './types'

/**
 * Particles per mg of carrier: the design's count when given, else a sphere of the
 * hydrodynamic diameter with a fallback density (a vesicle: only its bilayer wall), so raw
 * engine inputs saturate at a particle number of the right order.
 */
export function particlesPerMgOf(input: BiodistributionInput, data: PbpkData): number {
  if (input.particlesPerMg !== undefined && input.particlesPerMg > 0) return input.particlesPerMg
  const fb = data.modifiers.saturation.particleCountFallback
  const rCm = (input.hydrodynamicDiameterNm / 2) * 1e-7
  const sphere = (r: number): number => (4 / 3) * Math.PI * r * r * r
  let massG: number
  if (input.core.coreClass === 'lipid-vesicle') {
    const inner = Math.max(0, rCm - fb.vesicleWallNm.value * 1e-7)
    massG = (sphere(rCm) - sphere(inner)) * 1.0
  } else {
    const density = input.core.coreClass.startsWith('inorganic') ? fb.inorganicDensityGPerCm3.value : fb.solidDensityGPerCm3.value
    massG = sphere(rCm) * density
  }
  return 1e-3 / massG
}

/** Particles in the dose of one simulation. */
export function dosedParticles(input: BiodistributionInput, data: PbpkData, bodyWeightKg: number): number {
  return input.particleDoseMgPerKg * bodyWeightKg * particlesPerMgOf(input, data)
}

/** Formats a particle count as m×10ⁿ for messages. */
function particleCount(n: number): string {
  const exp = Math.floor(Math.log10(n))
  const superscript = String(exp).split('').map((ch) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(ch)] ?? '⁻').join('')
  return `${(n / 10 ** exp).toFixed(1)}×10${superscript}`
}

/** A dose as a share of a load: "45 % of" below twice the load, "250 times" from there (24710 % reads badly). */
export function shareOfLoad(ratio: number): string {
  return ratio < 2 ? `${(100 * ratio).toFixed(0)} % of` : `${Number(ratio.toPrecision(2))} times`
}

export const saturationModifier: Modifier = (input, { data, bodyWeightKg, perturbation }) => {
  const sat = data.modifiers.saturation
  const liverUgPerG = data.organNp.mouse.liver.capacityUgPerG.value
  const organs: Partial<Record<OrganKey, OrganEffect>> = {}
  for (const o of ORGAN_KEYS) {
    const relative = data.organNp.mouse[o].capacityUgPerG.value / liverUgPerG
    organs[o] = { capacityParticlesPerG: sat.liverCapacityParticlesPerG.value * relative * (perturbation?.organs[o].capacity ?? 1) }
  }
  const doseParticles = dosedParticles(input, data, bodyWeightKg)
  const assumptions: PbpkAssumption[] = [
    cite('modifier.saturation.liverCapacity', `Liver phagocytes half-saturate at ${particleCount(sat.liverCapacityParticlesPerG.value)} particles per g (other organs in proportion to their capacity per g in the mouse set); this dose is ${particleCount(doseParticles)} particles`, sat.liverCapacityParticlesPerG),
    cite('modifier.saturation.nonSaturableFraction', `Share of phagocytic uptake that does not saturate (${sat.nonSaturableFraction.value})`, sat.nonSaturableFraction),
  ]
  const warnings: string[] = []
  // liver mass from the physiology (volume fraction × BW, density 1)
  const liverG = (input.physiology?.volumeFractions.liver ?? data.species[input.species].volumeFractions.liver.value) * bodyWeightKg * 1000
  const liverCapacity = sat.liverCapacityParticlesPerG.value * liverG
  if (doseParticles >= sat.warningFractionOfLiverCapacity.value * liverCapacity) {
    warnings.push(`The dose is ${particleCount(doseParticles)} particles, ${shareOfLoad(doseParticles / liverCapacity)} the ${particleCount(liverCapacity)} at which this ${input.species}'s liver phagocytes half-saturate (Ouyang 2020): clearance slows with dose, and the estimate depends on the saturation assumptions.`)
  }
  const doseMax = data.validity.doseMaxMgPerKg.value
  if (input.particleDoseMgPerKg > doseMax) {
    warnings.push(`Particle dose ${input.particleDoseMgPerKg} mg/kg exceeds ${doseMax} mg/kg, beyond the doses the phagocyte parameters were built on.`)
  }
  return modifierResult({
    organs, assumptions, warnings,
    scalars: { doseParticles, nonSaturableFraction: sat.nonSaturableFraction.value },
  })
}
