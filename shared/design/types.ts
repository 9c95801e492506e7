import type {
  CoreMaterialId, DiseaseId, DoseBasisId, DrugId, GoalId, LigandId, LipidCoatingId,
  MembraneSourceId, PolymerCoatingId, SpeciesId, TriggerId,
} from '../catalog/ids'

/** The design file's format tag (../shared/spec/design-format.md). */
export const DESIGN_FORMAT = 'nanoforge.design'
/** The newest design-file version this build writes. Older versions are migrated on read. */
export const DESIGN_VERSION = 1

/** Particle core: material from the catalog and its diameter. */
export interface CoreSpec {
  readonly material: CoreMaterialId
  /** Core diameter, nm (1-5000). */
  readonly diameterNm: number
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

/** One nanoparticle design and the context it is evaluated in (design file version 1). */
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
