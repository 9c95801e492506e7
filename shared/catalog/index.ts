import { z } from 'zod'
import coresJson from '../../resources/catalog/cores.json' with { type: 'json' }
import coatingsJson from '../../resources/catalog/coatings.json' with { type: 'json' }
import ligandsJson from '../../resources/catalog/ligands.json' with { type: 'json' }
import drugsJson from '../../resources/catalog/drugs.json' with { type: 'json' }
import diseasesJson from '../../resources/catalog/diseases.json' with { type: 'json' }
import lipidsJson from '../../resources/catalog/lipids.json' with { type: 'json' }
import {
  BILAYER_LIPID_IDS, CORE_MATERIAL_IDS, DISEASE_IDS, DRUG_IDS, LIGAND_IDS, LIPID_COATING_IDS, MEMBRANE_SOURCE_IDS,
  POLYMER_COATING_IDS,
  type BilayerLipidId, type CoreMaterialId, type DiseaseId, type DrugId, type LigandId, type LipidCoatingId,
  type MembraneSourceId, type PolymerCoatingId,
} from './ids'
import { CitedRangeSchema, CitedSchema, type Cited, type CitedRange } from './cited'

export { assumptionsOf, isCited, EVIDENCE_TAGS, type Assumption, type Cited, type CitedRange, type EvidenceTag } from './cited'

/**
 * Material classes of cores. The class decides which release model applies (brief §1.2-1.4)
 * and how particle mass is computed (a lipid vesicle counts only its wall).
 */
export const CORE_CLASSES = [
  'polymer-matrix', 'lipid-vesicle', 'lipid-matrix', 'inorganic-porous', 'inorganic-solid',
  'protein', 'polysaccharide', 'dendrimer',
] as const
/** One of {@link CORE_CLASSES}. */
export type CoreClass = (typeof CORE_CLASSES)[number]

/** Payload classes; they pick the release behaviour and the loading warnings. */
export const DRUG_CLASSES = ['small-hydrophobic', 'small-hydrophilic', 'nucleic-acid', 'peptide-antigen'] as const
/** One of {@link DRUG_CLASSES}. */
export type DrugClass = (typeof DRUG_CLASSES)[number]

/** Chemical kinds of ligands (drives default footprint and the 3D glyph). */
export const LIGAND_KINDS = ['small-molecule', 'peptide', 'antibody', 'protein', 'polysaccharide'] as const
/** One of {@link LIGAND_KINDS}. */
export type LigandKind = (typeof LIGAND_KINDS)[number]

/** Biodistribution tissue keys of the CLI output (docs/cli.md) a disease can target. */
export const TARGET_TISSUES = [
  'blood', 'liver', 'spleen', 'kidneys', 'lungs', 'heart', 'brain', 'muscle', 'skin', 'joints',
  'pancreas', 'colon', 'rest',
] as const
/** One of {@link TARGET_TISSUES}. */
export type TargetTissue = (typeof TARGET_TISSUES)[number]

const Colour = z.string().regex(/^#[0-9a-fA-F]{6}$/)
const Text = z.string().min(1)

const CoreSchema = z.object({
  id: z.enum(CORE_MATERIAL_IDS),
  name: Text,
  description: Text,
  class: z.enum(CORE_CLASSES),
  densityGPerCm3: CitedSchema,
  typicalZetaMv: CitedSchema,
  degradable: z.boolean(),
  imaging: z.boolean(),
  diameterRangeNm: CitedRangeSchema,
  typicalMaxLoadingPctWw: CitedSchema,
  wallThicknessNm: CitedSchema.optional(),
  molecularWeightDa: CitedSchema.optional(),
  colour: Colour,
}).strict()

const MembraneSchema = z.object({
  id: z.enum(MEMBRANE_SOURCE_IDS),
  name: Text,
  description: Text,
  thicknessNm: CitedSchema,
  densityGPerCm3: CitedSchema,
  zetaMv: CitedSchema,
  phagocyteUptakeMultiplier: CitedSchema,
  inflamedAdhesionMultiplier: CitedSchema,
  markers: z.array(Text),
  colour: Colour,
}).strict()

const PolymerSchema = z.object({
  id: z.enum(POLYMER_COATING_IDS),
  name: Text,
  description: Text,
  zetaMv: CitedSchema,
  densityGPerCm3: CitedSchema,
  defaultThicknessNm: CitedSchema,
  charge: z.enum(['anionic', 'cationic', 'non-ionic', 'zwitterionic']),
  colour: Colour,
}).strict()

const LipidSchema = z.object({
  id: z.enum(LIPID_COATING_IDS),
  name: Text,
  description: Text,
  thicknessNm: CitedSchema,
  densityGPerCm3: CitedSchema,
  zetaMv: CitedSchema,
  colour: Colour,
}).strict()

const PegSchema = z.object({
  name: Text,
  description: Text,
  floryConstantNm: CitedSchema,
  ethyleneOxideUnitMassDa: CitedSchema,
  packingLimitPerNm2: CitedSchema,
  brushCoverageRatio: CitedSchema,
  denseBrushCoverageRatio: CitedSchema,
  molecularWeightRangeDa: CitedRangeSchema,
  typicalZetaMv: CitedSchema,
  colour: Colour,
}).strict()

const LigandSchema = z.object({
  id: z.enum(LIGAND_IDS),
  name: Text,
  description: Text,
  kind: z.enum(LIGAND_KINDS),
  receptor: Text,
  molecularWeightDa: CitedSchema,
  footprintNm2: CitedSchema,
  lengthNm: CitedSchema,
  monovalentKdNm: CitedSchema,
  offTarget: Text,
  colour: Colour,
}).strict()

const DrugSchema = z.object({
  id: z.enum(DRUG_IDS),
  name: Text,
  description: Text,
  class: z.enum(DRUG_CLASSES),
  isAntigen: z.boolean(),
  molecularWeightDa: CitedSchema,
  logP: CitedSchema.optional(),
}).strict()

const DiseaseSchema = z.object({
  id: z.enum(DISEASE_IDS),
  name: Text,
  description: Text,
  targetTissue: z.enum(TARGET_TISSUES).nullable(),
  antigenDrugIds: z.array(z.enum(DRUG_IDS)),
  models: Text,
}).strict()

const BilayerLipidSchema = z.object({
  id: z.enum(BILAYER_LIPID_IDS),
  name: Text,
  description: Text,
  acylChains: Text,
  molecularWeightDa: CitedSchema,
  mainTransitionTemperatureC: CitedSchema,
  fluidAreaPerLipidNm2: CitedSchema,
}).strict()

const CholesterolSchema = z.object({
  name: Text,
  molecularWeightDa: CitedSchema,
  solubilityLimitPcMolPct: CitedSchema,
  crystalWarningMolPct: CitedSchema,
  liquidOrderedFromMolPct: CitedSchema,
}).strict()

const Meta = { $comment: Text, sources: z.array(Text) }
const CoresFile = z.object({ ...Meta, cores: z.array(CoreSchema) }).strict()
const CoatingsFile = z.object({
  ...Meta,
  membranes: z.array(MembraneSchema),
  polymers: z.array(PolymerSchema),
  lipids: z.array(LipidSchema),
  peg: PegSchema,
}).strict()
const LigandsFile = z.object({ ...Meta, ligands: z.array(LigandSchema) }).strict()
const DrugsFile = z.object({ ...Meta, drugs: z.array(DrugSchema) }).strict()
const DiseasesFile = z.object({ ...Meta, diseases: z.array(DiseaseSchema) }).strict()
const LipidsFile = z.object({ ...Meta, lipids: z.array(BilayerLipidSchema), cholesterol: CholesterolSchema }).strict()

/** A core material: class, density, charge, modelled size window and 3D colour. */
export type CoreEntry = Readonly<z.infer<typeof CoreSchema>>
/** A cell-membrane cloak source with its shell thickness and engine multipliers (brief §2.4.4). */
export type MembraneEntry = Readonly<z.infer<typeof MembraneSchema>>
/** A polymer shell; its thickness comes from the design, the default from here. */
export type PolymerCoatingEntry = Readonly<z.infer<typeof PolymerSchema>>
/** A lipid shell with its fixed bilayer thickness. */
export type LipidCoatingEntry = Readonly<z.infer<typeof LipidSchema>>
/** PEG constants for the Flory / Alexander-de Gennes layer model (brief §2.4.2). */
export type PegProperties = Readonly<z.infer<typeof PegSchema>>
/** A targeting ligand: size, footprint on the surface, receptor and affinity (brief §2.6.1). */
export type LigandEntry = Readonly<z.infer<typeof LigandSchema>>
/** A drug or antigen payload. */
export type DrugEntry = Readonly<z.infer<typeof DrugSchema>>
/** A disease and the biodistribution tissue that counts as its target. */
export type DiseaseEntry = Readonly<z.infer<typeof DiseaseSchema>>
/** A bilayer lipid of a liposome core: chains, molecular weight, main transition Tm, fluid area per lipid. */
export type BilayerLipidEntry = Readonly<z.infer<typeof BilayerLipidSchema>>
/** Cholesterol in a liposome bilayer: molecular weight, solubility limit, warning and liquid-ordered thresholds. */
export type CholesterolProperties = Readonly<z.infer<typeof CholesterolSchema>>

// Compile-time check that the zod-inferred shapes match the hand-written Cited types.
const _citedShapeCheck: Cited = {} as z.infer<typeof CitedSchema>
const _rangeShapeCheck: CitedRange = {} as z.infer<typeof CitedRangeSchema>
void _citedShapeCheck
void _rangeShapeCheck

/**
 * Builds an id -> entry map and checks that every id of the contract list (ids.ts) has exactly
 * one entry; a missing or duplicated entry is a packaging bug and fails at load, loudly.
 */
function indexById<Id extends string, E extends { readonly id: Id }>(
  what: string, ids: ReadonlyArray<Id>, entries: ReadonlyArray<E>,
): ReadonlyMap<Id, E> {
  const map = new Map<Id, E>()
  for (const e of entries) {
    if (map.has(e.id)) throw new Error(`catalog: duplicate ${what} entry "${e.id}"`)
    map.set(e.id, e)
  }
  for (const id of ids) if (!map.has(id)) throw new Error(`catalog: no ${what} entry for "${id}"`)
  return map
}

const cores = indexById('core', CORE_MATERIAL_IDS, CoresFile.parse(coresJson).cores)
const coatingsFile = CoatingsFile.parse(coatingsJson)
const membranes = indexById('membrane', MEMBRANE_SOURCE_IDS, coatingsFile.membranes)
const polymers = indexById('polymer coating', POLYMER_COATING_IDS, coatingsFile.polymers)
const lipids = indexById('lipid coating', LIPID_COATING_IDS, coatingsFile.lipids)
const ligands = indexById('ligand', LIGAND_IDS, LigandsFile.parse(ligandsJson).ligands)
const drugs = indexById('drug', DRUG_IDS, DrugsFile.parse(drugsJson).drugs)
const diseases = indexById('disease', DISEASE_IDS, DiseasesFile.parse(diseasesJson).diseases)
const lipidsFile = LipidsFile.parse(lipidsJson)
const bilayerLipids = indexById('bilayer lipid', BILAYER_LIPID_IDS, lipidsFile.lipids)

/** Cholesterol numbers of a liposome bilayer (resources/catalog/lipids.json). */
export const CHOLESTEROL_PROPERTIES: CholesterolProperties = lipidsFile.cholesterol

/** PEG constants (Flory constant a, EO unit mass, packing limit) used by derived.ts and the validator. */
export const PEG_PROPERTIES: PegProperties = coatingsFile.peg

function mustGet<Id extends string, E>(map: ReadonlyMap<Id, E>, id: Id, what: string): E {
  const e = map.get(id)
  if (!e) throw new Error(`catalog: unknown ${what} "${id}"`)
  return e
}

/** The core material entry for a validated id (ids outside ids.ts throw: validate first). */
export function getCore(id: CoreMaterialId): CoreEntry {
  return mustGet(cores, id, 'core material')
}
/** The membrane-cloak entry for a validated id. */
export function getMembrane(id: MembraneSourceId): MembraneEntry {
  return mustGet(membranes, id, 'membrane source')
}
/** The polymer-coating entry for a validated id. */
export function getPolymerCoating(id: PolymerCoatingId): PolymerCoatingEntry {
  return mustGet(polymers, id, 'polymer coating')
}
/** The lipid-coating entry for a validated id. */
export function getLipidCoating(id: LipidCoatingId): LipidCoatingEntry {
  return mustGet(lipids, id, 'lipid coating')
}
/** The bilayer lipid of a liposome core, for a validated id (`core.bilayer.lipid`). */
export function getLipid(id: BilayerLipidId): BilayerLipidEntry {
  return mustGet(bilayerLipids, id, 'bilayer lipid')
}
/** The ligand entry for a validated id. */
export function getLigand(id: LigandId): LigandEntry {
  return mustGet(ligands, id, 'ligand')
}
/** The drug or antigen entry for a validated id. */
export function getDrug(id: DrugId): DrugEntry {
  return mustGet(drugs, id, 'drug')
}
/** The disease entry for a validated id. */
export function getDisease(id: DiseaseId): DiseaseEntry {
  return mustGet(diseases, id, 'disease')
}

/** Everything in the catalog, in the contract order of ids.ts, for the renderer's palettes. */
export interface Catalog {
  readonly cores: ReadonlyArray<CoreEntry>
  readonly membranes: ReadonlyArray<MembraneEntry>
  readonly polymerCoatings: ReadonlyArray<PolymerCoatingEntry>
  readonly lipidCoatings: ReadonlyArray<LipidCoatingEntry>
  readonly peg: PegProperties
  readonly ligands: ReadonlyArray<LigandEntry>
  readonly drugs: ReadonlyArray<DrugEntry>
  readonly diseases: ReadonlyArray<DiseaseEntry>
  /** Bilayer lipids of liposome cores (ids.ts order). */
  readonly bilayerLipids: ReadonlyArray<BilayerLipidEntry>
}

/** The whole catalog (palette order = ids.ts order), parsed and checked at load. */
export const catalog: Catalog = {
  cores: CORE_MATERIAL_IDS.map(getCore),
  membranes: MEMBRANE_SOURCE_IDS.map(getMembrane),
  polymerCoatings: POLYMER_COATING_IDS.map(getPolymerCoating),
  lipidCoatings: LIPID_COATING_IDS.map(getLipidCoating),
  peg: PEG_PROPERTIES,
  ligands: LIGAND_IDS.map(getLigand),
  drugs: DRUG_IDS.map(getDrug),
  diseases: DISEASE_IDS.map(getDisease),
  bilayerLipids: BILAYER_LIPID_IDS.map(getLipid),
}

/** Type guard: is `x` one of the ids in `ids` (narrows unknown JSON values to catalog ids). */
export function isOneOf<Id extends string>(ids: ReadonlyArray<Id>, x: unknown): x is Id {
  return typeof x === 'string' && (ids as ReadonlyArray<string>).includes(x)
}
