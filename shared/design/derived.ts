import {
  CHOLESTEROL_PROPERTIES, getCore, getDrug, getLigand, getLipid, getLipidCoating, getMembrane, getPolymerCoating,
  PEG_PROPERTIES,
} from '../catalog/index'
import { PBPK_DATA } from '../engine/pbpk/data'
import { orderedBilayerShare } from '../engine/pbpk/modifiers/bilayer'
import type { BilayerSpec, Coating, CoreSpec, Design, LigandSpec } from './types'

/** Avogadro constant, 1/mol (exact since the 2019 SI redefinition). */
export const AVOGADRO_PER_MOL = 6.02214076e23
/** 1 nm³ of material at 1 g/cm³ weighs 1e-6 fg (1 nm³ = 1e-21 cm³; 1 g = 1e15 fg). */
const FG_PER_NM3_PER_G_CM3 = 1e-6
/** 1 mg = 1e12 fg. */
const FG_PER_MG = 1e12
/** Mass of one molecule of `molecularWeightDa`, fg: MW g/mol / N_A × 1e15 fg/g. */
function moleculeMassFg(molecularWeightDa: number): number {
  return (molecularWeightDa / AVOGADRO_PER_MOL) * 1e15
}
/** Volume of a sphere, nm³. */
function sphereVolumeNm3(radiusNm: number): number {
  return (4 / 3) * Math.PI * radiusNm ** 3
}
/** Area of a sphere, nm² (4πr²). */
function sphereAreaNm2(radiusNm: number): number {
  return 4 * Math.PI * radiusNm ** 2
}

/** PEG conformation on a surface (brief §2.4.2). */
export type PegRegime = 'none' | 'mushroom' | 'brush'

/** Number of ethylene-oxide units N = MW / 44 Da (brief §2.4.2). */
export function pegMonomerCount(molecularWeightDa: number): number {
  return molecularWeightDa / PEG_PROPERTIES.ethyleneOxideUnitMassDa.value
}

/**
 * Flory radius of one free PEG coil, R_F = a·N^(3/5) with a = 0.35 nm (brief §2.4.2; de Gennes
 * 1980; Rabanel 2014). Used as the mushroom layer thickness and to find the regime.
 */
export function pegFloryRadiusNm(molecularWeightDa: number): number {
  return PEG_PROPERTIES.floryConstantNm.value * pegMonomerCount(molecularWeightDa) ** 0.6
}

/**
 * Γ*, the grafting density at which unperturbed coils just tile the surface:
 * Γ* = 4/(π·R_F²) (brief §2.4.2; e.g. 0.035 nm⁻² for 5 kDa). Γ/Γ* is the coverage ratio the
 * engine's PEG modifier uses.
 */
export function pegOverlapDensityPerNm2(molecularWeightDa: number): number {
  return 4 / (Math.PI * pegFloryRadiusNm(molecularWeightDa) ** 2)
}

/** Mean distance between grafting points, D = Γ^(-1/2) (brief §2.4.2). */
export function pegGraftDistanceNm(graftingDensityPerNm2: number): number {
  return graftingDensityPerNm2 ** -0.5
}

/**
 * Alexander–de Gennes brush height L = N·a^(5/3)/D^(2/3) (brief §2.4.2 [U]). At D = R_F it
 * equals R_F, so it continues the mushroom thickness.
 */
export function pegBrushThicknessNm(molecularWeightDa: number, graftingDensityPerNm2: number): number {
  const a = PEG_PROPERTIES.floryConstantNm.value
  const d = pegGraftDistanceNm(graftingDensityPerNm2)
  return (pegMonomerCount(molecularWeightDa) * a ** (5 / 3)) / d ** (2 / 3)
}

/** The PEG layer model for one PEG coating: the regime and the numbers behind it. */
export interface PegLayerModel {
  readonly molecularWeightDa: number
  readonly graftingDensityPerNm2: number
  readonly monomerCount: number
  readonly floryRadiusNm: number
  readonly graftDistanceNm: number
  /** Γ/Γ*; > 1 is brush (brief §2.4.2, Perry 2012). */
  readonly coverageRatio: number
  readonly regime: 'mushroom' | 'brush'
  readonly layerThicknessNm: number
}

/**
 * Regime and thickness of a PEG layer. Regime: brush when Γ/Γ* exceeds the catalog's brush
 * threshold (1; brief §2.4.2), else mushroom. Thickness: mushroom ≈ R_F; brush = max(R_F, L_AdG).
 * Note: the brief also states the D < R_F criterion, which differs from Γ/Γ* > 1 by a factor
 * 4/π in Γ; between the two the brush formula gives up to ~8 % more than R_F, so the thickness
 * steps by at most that much where the regime switches.
 */
export function pegLayerModel(molecularWeightDa: number, graftingDensityPerNm2: number): PegLayerModel {
  const floryRadiusNm = pegFloryRadiusNm(molecularWeightDa)
  const coverageRatio = graftingDensityPerNm2 / pegOverlapDensityPerNm2(molecularWeightDa)
  const regime = coverageRatio > PEG_PROPERTIES.brushCoverageRatio.value ? 'brush' : 'mushroom'
  const layerThicknessNm = regime === 'brush'
    ? Math.max(floryRadiusNm, pegBrushThicknessNm(molecularWeightDa, graftingDensityPerNm2))
    : floryRadiusNm
  return {
    molecularWeightDa,
    graftingDensityPerNm2,
    monomerCount: pegMonomerCount(molecularWeightDa),
    floryRadiusNm,
    graftDistanceNm: pegGraftDistanceNm(graftingDensityPerNm2),
    coverageRatio,
    regime,
    layerThicknessNm,
  }
}

/** Phase of a liposome bilayer at a given temperature (see {@link bilayerPhaseAt}). */
export type BilayerPhase = 'fluid' | 'gel' | 'liquid-ordered'

/**
 * Normal core body temperature, °C: the temperature the derived bilayer phase is stated at. One
 * source: the engine's bilayer modifier reads the same cited value (pbpk.json
 * modifiers.bilayer.bodyTemperatureC).
 */
export const BODY_TEMPERATURE_C = PBPK_DATA.modifiers.bilayer.bodyTemperatureC.value

/**
 * The phase of a liposome bilayer at `temperatureC` (default 37 °C), by a three-way rule:
 *
 * - cholesterol ≥ 30 mol % → "liquid-ordered": the chains are ordered as in a gel but the
 *   lipids diffuse as in a fluid, whatever the lipid's own transition. In DPPC/cholesterol the
 *   liquid-ordered phase alone exists above about 22-25 mol % at all temperatures (Vist & Davis
 *   1990, Biochemistry 29:451); Doxil's HSPC bilayer with 38 mol % is liquid-ordered
 *   (Barenholz 2012, J Control Release 160:117). The threshold is
 *   lipids.json cholesterol.liquidOrderedFromMolPct.
 * - otherwise, main transition Tm < temperature → "fluid" (liquid-disordered, leaky and
 *   opsonised readily: egg PC, DOPC, POPC, DMPC);
 * - otherwise (Tm ≥ temperature) → "gel" (DPPC, DSPC, HSPC, egg SM); at Tm itself the bilayer
 *   is at least partly ordered, so the rule calls it gel.
 *
 * Between about 10 and 25 mol % cholesterol real bilayers are two-phase; the rule names the
 * phase of the cholesterol-poor part there. Pure function of the catalog values.
 *
 * The phase is the thermodynamic label a scientist reads. What the engine's clearance uses is a
 * different, calibrated number, the bilayer's ordered share ({@link DerivedProperties}
 * `bilayerOrderedShare`, engine/pbpk/modifiers/bilayer.ts): the share of the surface packed
 * tightly enough to resist opsonins, which the liposome calibration rows grant only to saturated
 * chains. Egg PC with 45 mol % cholesterol is therefore "liquid-ordered" here and has an ordered
 * share of about 0; the panel shows both so neither is mistaken for the other.
 */
export function bilayerPhaseAt(bilayer: BilayerSpec, temperatureC: number = BODY_TEMPERATURE_C): BilayerPhase {
  if (bilayer.cholesterolMolPct >= CHOLESTEROL_PROPERTIES.liquidOrderedFromMolPct.value) return 'liquid-ordered'
  return getLipid(bilayer.lipid).mainTransitionTemperatureC.value < temperatureC ? 'fluid' : 'gel'
}

/** Kinds of concentric layers drawn by the 3D view. */
export type LayerKind = 'core' | 'peg' | 'membrane' | 'polymer' | 'lipid'

/** One concentric layer, to scale, inner to outer; the 3D view draws from this list. */
export interface DerivedLayer {
  readonly kind: LayerKind
  /** Catalog id (core material, membrane source, polymer/lipid material) or `peg`. */
  readonly material: string
  /** Index into design.coatings, or null for the core. */
  readonly coatingIndex: number | null
  readonly innerRadiusNm: number
  readonly outerRadiusNm: number
}

/** A PEG layer placed on the particle: its model plus where it is grafted and how many chains. */
export interface PlacedPegLayer extends PegLayerModel {
  readonly coatingIndex: number
  /** Radius of the surface the chains are grafted to (the layer's inner radius). */
  readonly graftRadiusNm: number
  /** Γ × 4π·r_graft². */
  readonly chainsPerParticle: number
}

/** Geometry that depends only on core, coatings and ligands (used by the validator too). */
export interface ParticleGeometry {
  readonly coreRadiusNm: number
  /** Aqueous lumen radius of a lipid vesicle (core radius − wall), else null. */
  readonly coreLumenRadiusNm: number | null
  readonly layers: ReadonlyArray<DerivedLayer>
  /** Sum of membrane, polymer and lipid shell thicknesses (PEG excluded; see pegLayerThicknessNm). */
  readonly shellThicknessNm: number
  /** Sum of PEG layer thicknesses (0 without PEG). */
  readonly pegLayerThicknessNm: number
  /** Radius of the outer surface, where ligands sit (top of the outermost layer). */
  readonly outerRadiusNm: number
  /** Outer (ligand-bearing) surface, 4π·outerRadius². */
  readonly surfaceAreaNm2: number
  /** Core surface, 4π·coreRadius² (the Chou 2022 QSARs use core surface for gold). */
  readonly coreSurfaceAreaNm2: number
  readonly pegLayers: ReadonlyArray<PlacedPegLayer>
  readonly ligandsPerParticle: number
  /** sqrt(outer surface area / ligand count): centre-to-centre spacing on a square lattice; null without ligands. */
  readonly ligandSpacingNm: number | null
  /** Σ count × footprint, nm². */
  readonly ligandAreaNm2: number
  /** ligandAreaNm2 / surfaceAreaNm2; > 1 means the ligands cannot fit. */
  readonly ligandAreaFraction: number
  /** Length of the longest ligand present (0 without ligands). */
  readonly maxLigandLengthNm: number
  /** 2 × (outer radius + longest ligand length); see deriveGeometry. */
  readonly hydrodynamicDiameterNm: number
}

/** Thickness of a non-PEG coating from the catalog (membrane, lipid) or the design (polymer). */
function shellThicknessOf(c: Exclude<Coating, { kind: 'peg' }>): number {
  switch (c.kind) {
    case 'membrane': return getMembrane(c.source).thicknessNm.value
    case 'lipid': return getLipidCoating(c.material).thicknessNm.value
    case 'polymer': return c.thicknessNm
  }
}

/**
 * Lays out core and coatings as concentric shells, inner to outer, and measures the surface.
 *
 * - Each coating adds its thickness at its position in the list: membrane and lipid shells
 *   from the catalog (bilayer ~5 nm, cell membrane ~8 nm), polymer shells from the design,
 *   PEG from {@link pegLayerModel} grafted on the surface beneath it.
 * - Hydrodynamic diameter = core + 2 × (shells + PEG layer) + 2 × longest ligand length. The
 *   ligand term is included because antibodies (~12 nm) measurably enlarge DLS size while
 *   small-molecule ligands (~1 nm) barely matter; for sparse ligands it is an upper bound.
 *   The protein corona (brief §2.4.1, "> 15 nm") is not included: it is the engine's concern.
 * - Ligand spacing = sqrt(outer surface area / ligand count), the side of the square each
 *   ligand would own on an even lattice.
 */
export function deriveGeometry(
  core: CoreSpec, coatings: ReadonlyArray<Coating>, ligands: ReadonlyArray<LigandSpec>,
): ParticleGeometry {
  const coreEntry = getCore(core.material)
  const coreRadiusNm = core.diameterNm / 2
  const wall = coreEntry.class === 'lipid-vesicle' ? coreEntry.wallThicknessNm?.value ?? 0 : 0
  const coreLumenRadiusNm = coreEntry.class === 'lipid-vesicle' ? Math.max(0, coreRadiusNm - wall) : null

  const layers: DerivedLayer[] = [
    { kind: 'core', material: core.material, coatingIndex: null, innerRadiusNm: 0, outerRadiusNm: coreRadiusNm },
  ]
  const pegLayers: PlacedPegLayer[] = []
  let r = coreRadiusNm
  let shellThicknessNm = 0
  let pegLayerThicknessNm = 0
  coatings.forEach((c, i) => {
    if (c.kind === 'peg') {
      const model = pegLayerModel(c.molecularWeightDa, c.graftingDensityPerNm2)
      pegLayers.push({ ...model, coatingIndex: i, graftRadiusNm: r, chainsPerParticle: c.graftingDensityPerNm2 * sphereAreaNm2(r) })
      layers.push({ kind: 'peg', material: 'peg', coatingIndex: i, innerRadiusNm: r, outerRadiusNm: r + model.layerThicknessNm })
      r += model.layerThicknessNm
      pegLayerThicknessNm += model.layerThicknessNm
    } else {
      const t = shellThicknessOf(c)
      const material = c.kind === 'membrane' ? c.source : c.material
      layers.push({ kind: c.kind, material, coatingIndex: i, innerRadiusNm: r, outerRadiusNm: r + t })
      r += t
      shellThicknessNm += t
    }
  })

  const surfaceAreaNm2 = sphereAreaNm2(r)
  const ligandsPerParticle = ligands.reduce((s, l) => s + l.perParticle, 0)
  const ligandAreaNm2 = ligands.reduce((s, l) => s + l.perParticle * getLigand(l.ligand).footprintNm2.value, 0)
  const maxLigandLengthNm = ligands.reduce((m, l) => (l.perParticle > 0 ? Math.max(m, getLigand(l.ligand).lengthNm.value) : m), 0)

  return {
    coreRadiusNm,
    coreLumenRadiusNm,
    layers,
    shellThicknessNm,
    pegLayerThicknessNm,
    outerRadiusNm: r,
    surfaceAreaNm2,
    coreSurfaceAreaNm2: sphereAreaNm2(coreRadiusNm),
    pegLayers,
    ligandsPerParticle,
    ligandSpacingNm: ligandsPerParticle > 0 ? Math.sqrt(surfaceAreaNm2 / ligandsPerParticle) : null,
    ligandAreaNm2,
    ligandAreaFraction: ligandAreaNm2 / surfaceAreaNm2,
    maxLigandLengthNm,
    hydrodynamicDiameterNm: 2 * (r + maxLigandLengthNm),
  }
}

/** Everything the CLI (`simulate --json` → derived), the 3D view and the engine read from a design. */
export interface DerivedProperties extends ParticleGeometry {
  /** Regime of the outermost PEG layer; 'none' without PEG. */
  readonly pegRegime: PegRegime
  /** R_F of the outermost PEG layer, null without PEG. */
  readonly pegFloryRadiusNm: number | null
  readonly pegGraftDistanceNm: number | null
  /** Γ/Γ* of the outermost PEG layer, null without PEG. */
  readonly pegCoverageRatio: number | null
  /** PEG chains on the particle, all PEG layers (0 without PEG). */
  readonly pegChainsPerParticle: number
  /** Total particle mass incl. shells, PEG, ligands and drug, fg. */
  readonly particleMassFg: number
  readonly drugMassPerParticleFg: number
  readonly drugMoleculesPerParticle: number
  /** 1 mg / particle mass. */
  readonly particlesPerMg: number
  /** Phase of a liposome's bilayer at 37 °C ({@link bilayerPhaseAt}); null for other cores. */
  readonly bilayerPhase: BilayerPhase | null
  /**
   * Ordered share of a liposome's bilayer at body temperature, 0-1: the engine's clearance input
   * (engine/pbpk/modifiers/bilayer.ts orderedBilayerShare, from the lipid's T_m and the
   * cholesterol); null for other cores.
   */
  readonly bilayerOrderedShare: number | null
}

/**
 * Derived properties of a (validated) design.
 *
 * Mass model (documented because particlesPerMg depends on it):
 * - core: volume × catalog envelope density; for a lipid vesicle only the wall
 *   (4/3·π·(r³ − (r − wall)³)) counts, the aqueous lumen does not;
 * - membrane, lipid and polymer shells: shell volume × catalog density;
 * - PEG: chains × MW / N_A; ligands: count × MW / N_A;
 * - drug: loadingPctWw is drug mass / particle mass. In matrix-type cores the drug sits inside
 *   the core volume, so particle mass = the sum above. A vesicle carries its drug in the lumen,
 *   which the sum does not include, so particle mass = sum / (1 − loading).
 * Then drug mass = loading × particle mass, drug molecules = drug mass / (MW / N_A), and
 * particlesPerMg = 1e12 fg / particle mass.
 */
export function deriveProperties(design: Design): DerivedProperties {
  const g = deriveGeometry(design.core, design.coatings, design.ligands)
  const coreEntry = getCore(design.core.material)
  const density = coreEntry.densityGPerCm3.value

  const coreVolumeNm3 = g.coreLumenRadiusNm === null
    ? sphereVolumeNm3(g.coreRadiusNm)
    : sphereVolumeNm3(g.coreRadiusNm) - sphereVolumeNm3(g.coreLumenRadiusNm)
  let carrierMassFg = coreVolumeNm3 * density * FG_PER_NM3_PER_G_CM3
  for (const layer of g.layers) {
    if (layer.kind === 'core' || layer.kind === 'peg' || layer.coatingIndex === null) continue
    const c = design.coatings[layer.coatingIndex]!
    const shellDensity = c.kind === 'membrane' ? getMembrane(c.source).densityGPerCm3.value
      : c.kind === 'lipid' ? getLipidCoating(c.material).densityGPerCm3.value
        : c.kind === 'polymer' ? getPolymerCoating(c.material).densityGPerCm3.value
          : 0
    carrierMassFg += (sphereVolumeNm3(layer.outerRadiusNm) - sphereVolumeNm3(layer.innerRadiusNm)) * shellDensity * FG_PER_NM3_PER_G_CM3
  }
  for (const p of g.pegLayers) carrierMassFg += p.chainsPerParticle * moleculeMassFg(p.molecularWeightDa)
  for (const l of design.ligands) carrierMassFg += l.perParticle * moleculeMassFg(getLigand(l.ligand).molecularWeightDa.value)

  const loading = design.payload.loadingPctWw / 100
  const particleMassFg = coreEntry.class === 'lipid-vesicle' ? carrierMassFg / (1 - loading) : carrierMassFg
  const drugMassPerParticleFg = loading * particleMassFg
  const drugMw = getDrug(design.payload.drug).molecularWeightDa.value

  const outerPeg = g.pegLayers.length > 0 ? g.pegLayers[g.pegLayers.length - 1]! : null
  return {
    ...g,
    pegRegime: outerPeg ? outerPeg.regime : 'none',
    pegFloryRadiusNm: outerPeg ? outerPeg.floryRadiusNm : null,
    pegGraftDistanceNm: outerPeg ? outerPeg.graftDistanceNm : null,
    pegCoverageRatio: outerPeg ? outerPeg.coverageRatio : null,
    pegChainsPerParticle: g.pegLayers.reduce((s, p) => s + p.chainsPerParticle, 0),
    particleMassFg,
    drugMassPerParticleFg,
    drugMoleculesPerParticle: drugMassPerParticleFg / moleculeMassFg(drugMw),
    particlesPerMg: FG_PER_MG / particleMassFg,
    bilayerPhase: design.core.bilayer !== undefined ? bilayerPhaseAt(design.core.bilayer) : null,
    bilayerOrderedShare: design.core.bilayer !== undefined
      ? orderedBilayerShare(getLipid(design.core.bilayer.lipid).mainTransitionTemperatureC.value, design.core.bilayer.cholesterolMolPct, PBPK_DATA.modifiers.bilayer)
      : null,
  }
}
