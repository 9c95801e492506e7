/**
 * Adapter: a validated {@link Design} and its derived properties → {@link BiodistributionInput}.
 *
 * Surface charge is taken from the materials (brief §2.4.3): the outermost coating's catalog
 * zeta potential (PEG, membrane, polymer or lipid shell), else the core's typical zeta.
 * The particle dose converts a drug-basis dose with the loading (particle = drug / loading).
 */
import { getCore, getLipidCoating, getMembrane, getPolymerCoating, PEG_PROPERTIES } from '../../catalog/index'
import type { DerivedProperties } from '../../design/derived'
import type { Design } from '../../design/types'
import { effectivePegCoverage } from './modifiers/stealth'
import type { BiodistributionInput, ReleaseHazard } from './types'

/** Zeta potential of the outer surface from the catalog materials, mV. */
export function surfaceZetaMv(design: Design): number {
  const outer = design.coatings.length > 0 ? design.coatings[design.coatings.length - 1] : undefined
  if (!outer) return getCore(design.core.material).typicalZetaMv.value
  switch (outer.kind) {
    case 'peg': return PEG_PROPERTIES.typicalZetaMv.value
    case 'membrane': return getMembrane(outer.source).zetaMv.value
    case 'polymer': return getPolymerCoating(outer.material).zetaMv.value
    case 'lipid': return getLipidCoating(outer.material).zetaMv.value
  }
}

/**
 * Share of the outer surface that resists serum protein adsorption (excretion modifier's
 * corona): a zwitterionic polymer coat 1 (Choi 2007), an outer PEG layer its effective
 * coverage at the layer's surface, capped at 1; anything else 0.
 */
export function proteinRepellentFraction(design: Design, pegEffectiveCoverage: number): number {
  const outer = design.coatings.length > 0 ? design.coatings[design.coatings.length - 1] : undefined
  if (!outer) return 0
  if (outer.kind === 'peg') return Math.min(1, Math.max(0, pegEffectiveCoverage))
  if (outer.kind === 'polymer' && getPolymerCoating(outer.material).charge === 'zwitterionic') return 1
  return 0
}

/**
 * The outermost coat when it is a polymer shell: material and thickness (the hydrophilic-coat
 * modifier decides from its data whether the material hides the particle from phagocytes).
 */
export function hydrophilicCoatOf(design: Design): Pick<BiodistributionInput, 'hydrophilicCoat'> {
  const outer = design.coatings.length > 0 ? design.coatings[design.coatings.length - 1] : undefined
  return outer && outer.kind === 'polymer' ? { hydrophilicCoat: { material: outer.material, thicknessNm: outer.thicknessNm } } : {}
}

/** Particle (carrier) dose in mg/kg from the design's dose and basis. */
export function particleDoseMgPerKg(design: Design): number {
  const { mgPerKg, basis } = design.context.dose
  if (basis === 'particle') return mgPerKg
  const loading = design.payload.loadingPctWw / 100
  return loading > 0 ? mgPerKg / loading : mgPerKg
}

/**
 * Builds the PBPK input for a design. `releaseHazard` (from the release engine) couples drug
 * release compartment by compartment; omit it for particle-only runs.
 */
export function biodistributionInputFromDesign(
  design: Design, derived: DerivedProperties, releaseHazard?: ReleaseHazard,
): BiodistributionInput {
  const core = getCore(design.core.material)
  const membrane = design.coatings.find((c) => c.kind === 'membrane')
  const outerPeg = derived.pegLayers.length > 0 ? derived.pegLayers[derived.pegLayers.length - 1] : undefined
  const input: BiodistributionInput = {
    species: design.context.species,
    disease: design.context.disease,
    goal: design.context.goal,
    hydrodynamicDiameterNm: derived.hydrodynamicDiameterNm,
    pegCoverageRatio: derived.pegCoverageRatio ?? 0,
    zetaMv: surfaceZetaMv(design),
    membraneCloak: membrane && membrane.kind === 'membrane' ? membrane.source : null,
    ligands: design.ligands.map((l) => ({ ligand: l.ligand, perParticle: l.perParticle })),
    core: { coreClass: core.class, imaging: core.imaging, degradable: core.degradable },
    particleDoseMgPerKg: particleDoseMgPerKg(design),
    particlesPerMg: derived.particlesPerMg,
    ...(outerPeg ? { pegGraftRadiusNm: outerPeg.graftRadiusNm, pegLayerThicknessNm: outerPeg.layerThicknessNm } : {}),
    ...hydrophilicCoatOf(design),
    ...(releaseHazard ? { releaseHazard } : {}),
    // a liposome's bilayer: its ordered share at body temperature (derived once, design/derived.ts)
    ...(derived.bilayerOrderedShare !== null ? { orderedBilayerShare: derived.bilayerOrderedShare } : {}),
  }
  // the coverage proteins meet is the stealth modifier's, so both read one definition
  return { ...input, proteinRepellentFraction: proteinRepellentFraction(design, effectivePegCoverage(input)) }
}
