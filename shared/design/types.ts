import type {
  BilayerLipidId, CoreMaterialId, DiseaseId, DoseBasisId, DrugId, GoalId, LigandId, LipidCoatingId,
  MembraneSourceId, PolymerCoatingId, SpeciesId, TriggerId,
} from '../catalog/ids'

/** The design file's format tag (docs/design-format.md). */
export const DESIGN_FORMAT = 'nanoforge.design'
/**
 * The newest design-file version this build writes. Older versions are migrated on read
 * (shared/design/migrate.ts). Version 2 added `core.bilayer` for liposome cores.
 */
export const DESIGN_VERSION = 2

/**
 * The bilayer of a liposome core (version 2): its matrix lipid and cholesterol content. Both
 * decide whether the bilayer is fluid, gel or liquid-ordered at body temperature, which the
 * engine reads for permeability and stealth (issue 10, item 3).
 */
export interface BilayerSpec {
  /** Catalog id of the matrix phospholipid (resources/catalog/lipids.json). */
  readonly lipid: BilayerLipidId
  /** Cholesterol, mol % of all bilayer lipids (0-60). */
  readonly cholesterolMolPct: number
}

/**
 * Whether a core material carries a `core.bilayer` (version 2: the liposome only). One place,
 * so the validator, the migration and the form agree.
 */
export function coreHasBilayer(material: string): boolean {
  return material === 'liposome'
}

/** Particle core: material from the catalog, its diameter and, for a liposome, its bilayer. */
export interface CoreSpec {
  readonly material: CoreMaterialId
  /** Core diameter, nm (1-5000). */
  readonly diameterNm: number
  /** Required when `material` is "liposome", absent otherwise (validated by schema.ts). */
  readonly bilayer?: BilayerSpec
}

/** PEG corona: chain molecular weight and grafting density. */
export interface PegCoating {
  readonly kind: 'peg'
  readonly molecularWeightDa: number
  readonly graftingDensityPerNm2: number
}
/** A cell-membrane cloak (RBC, macrophage, neutrophil, platelet). */
export interface MembraneCoating {
  readonly kind: 'membrane'
  readonly source: MembraneSourceId
}
/** A polymer shell of given thickness. */
export interface PolymerCoating {
  readonly kind: 'polymer'
  readonly material: PolymerCoatingId
  readonly thicknessNm: number
}
/** A lipid shell (bilayer). */
export interface LipidCoating {
  readonly kind: 'lipid'
  readonly material: LipidCoatingId
}
export type Coating = PegCoating | MembraneCoating | PolymerCoating | LipidCoating

/** One ligand type on the outer surface, with its count per particle. */
export interface LigandSpec {
  readonly ligand: LigandId
  readonly perParticle: number
}

export interface PayloadSpec {
  readonly drug: DrugId
  /** Drug mass / particle mass, % (0-60). */
  readonly loadingPctWw: number
  readonly trigger: TriggerId
}

export interface DoseSpec {
  readonly mgPerKg: number
  readonly basis: DoseBasisId
}

export interface ContextSpec {
  readonly disease: DiseaseId
  readonly species: SpeciesId
  readonly goal: GoalId
  readonly dose: DoseSpec
}

/** One nanoparticle design and the context it is evaluated in (design file version 2). */
export interface Design {
  readonly format: typeof DESIGN_FORMAT
  readonly version: typeof DESIGN_VERSION
  readonly name: string
  readonly notes?: string
  readonly core: CoreSpec
  /** Zero to three layers, inner to outer. */
  readonly coatings: ReadonlyArray<Coating>
  /** One entry per ligand type. */
  readonly ligands: ReadonlyArray<LigandSpec>
  readonly payload: PayloadSpec
  readonly context: ContextSpec
}

/** One problem found in a design, with its JSON path (`core.diameterNm`). */
export interface DesignIssue {
  readonly path: string
  readonly message: string
}
