/**
 * Release-kinetics parameter catalog: loads and checks resources/catalog/release.json.
 *
 * Every number in that file carries its unit, source and evidence tag (brief §0); this
 * module validates the shape once at load and exposes typed accessors.
 */
import { z } from 'zod'
import rawReleaseCatalog from '../../../resources/catalog/release.json'
import { CORE_MATERIAL_IDS, DRUG_IDS, type CoreMaterialId, type DrugId } from '../../catalog/ids'

/** Evidence tag of brief §0: Verified, from published Code, Derived, Unverified. */
export type EvidenceTag = 'V' | 'C' | 'D' | 'U'

const quantitySchema = z.object({
  value: z.number(),
  unit: z.string(),
  source: z.string().min(1),
  evidence: z.enum(['V', 'C', 'D', 'U']),
  note: z.string().optional(),
}).strict()

/** One catalogued number with its unit, source and evidence tag. */
export type Quantity = z.infer<typeof quantitySchema>

const burst = { burstFraction: quantitySchema, burstRatePerH: quantitySchema }
const coreSchema = z.discriminatedUnion('mechanism', [
  z.object({
    mechanism: z.literal('erosion-diffusion'), label: z.string(), diffusivityCm2PerS: quantitySchema, ...burst,
    degradationRatePerDay: quantitySchema, betaCoupling: quantitySchema,
  }).strict(),
  z.object({ mechanism: z.literal('diffusion'), label: z.string(), diffusivityCm2PerS: quantitySchema, ...burst }).strict(),
  z.object({
    mechanism: z.literal('swelling-diffusion'), label: z.string(), diffusivityCm2PerS: quantitySchema, ...burst,
    swellingPKa: quantitySchema, swellingHillCoefficient: quantitySchema, swellingMaxMultiplier: quantitySchema,
  }).strict(),
  z.object({
    mechanism: z.literal('first-order'), label: z.string(), firstOrderRatePerH: quantitySchema,
    referenceRadiusNm: quantitySchema, sizeExponent: quantitySchema, ...burst,
  }).strict(),
  z.object({ mechanism: z.literal('linker-cleavage'), label: z.string(), linkerHalfLifeH: quantitySchema, ...burst }).strict(),
  z.object({
    mechanism: z.literal('permeation'), label: z.string(), bilayerThicknessNm: quantitySchema, ...burst,
    /** Vesicle diameter at which the catalogued leakage rates are read (h58: the curvature term, liposome-leakage.ts). */
    leakageReferenceDiameterNm: quantitySchema.optional(),
  }).strict(),
])

/** Release parameters of one core material (one variant per mechanism). */
export type CoreReleaseParams = z.infer<typeof coreSchema>
/** Mechanism names used by the prediction engine. */
export type ReleaseMechanism = CoreReleaseParams['mechanism']

const drugClassSchema = z.object({
  label: z.string(),
  liposomeFirstOrderRatePerH: quantitySchema.optional(),
  liposomePermeabilityCmPerS: quantitySchema.optional(),
  /** Leakage from a fluid bilayer over an ordered one (h56, issue #10): only where calibrated; absent = 1. */
  fluidBilayerLeakageMultiplier: quantitySchema.optional(),
  /** Curvature length λ of leakage from small vesicles, k ∝ exp(λ/d) (h58, liposome-leakage.ts): only where calibrated; absent = no size term. */
  curvatureLeakageLengthNm: quantitySchema.optional(),
  /** Leakage from a bilayer of this lipid over the class rate's phosphatidylcholine one (h58): only lipids with a calibrated value; absent = 1. */
  bilayerLipidLeakageFactor: z.record(z.string(), quantitySchema).optional(),
  matrixSolubilityPctWw: quantitySchema,
  diffusivityMultiplier: quantitySchema,
  burstMultiplier: quantitySchema,
}).strict().refine((c) => (c.liposomeFirstOrderRatePerH === undefined) !== (c.liposomePermeabilityCmPerS === undefined), {
  message: 'a drug class needs exactly one of liposomeFirstOrderRatePerH or liposomePermeabilityCmPerS',
})

/** Release modifiers for one drug class. */
export type DrugClassParams = z.infer<typeof drugClassSchema>

const environmentSchema = z.object({
  label: z.string(), pH: quantitySchema, h2o2Um: quantitySchema, mmpActiveNm: quantitySchema,
}).strict()

/** Micro-environment definition (brief §1.5.1). */
export type EnvironmentParams = z.infer<typeof environmentSchema>

const catalogSchema = z.object({
  $comment: z.string(),
  cores: z.record(z.string(), coreSchema),
  drugClasses: z.record(z.string(), drugClassSchema),
  drugs: z.record(z.string(), z.object({ class: z.string(), liposomeFirstOrderRatePerH: quantitySchema.optional(), note: z.string().optional() }).strict()),
  dispersedDrug: z.object({ blendStartRatio: quantitySchema, blendEndRatio: quantitySchema }).strict(),
  inVitro: z.object({
    membraneRatePerH: quantitySchema, particleConcentrationMgPerMl: quantitySchema, partitionLog10PerLogP: quantitySchema,
  }).strict(),
  matrixReleaseSpread: z.object({ log10StandardDeviation: quantitySchema }).strict(),
  liposomeLeakageSpread: z.object({ log10StandardDeviation: quantitySchema }).strict(),
  drugMatrixDiffusion: z.object({ referenceMolecularWeightDa: quantitySchema, sizeExponent: quantitySchema }).strict(),
  surfaceBurst: z.object({ referenceRadiusNm: quantitySchema }).strict(),
  burstHydrophilicity: z.object({ maxMultiplier: quantitySchema, midpointLogP: quantitySchema, slopePerLogP: quantitySchema }).strict(),
  environments: z.object({ plasma: environmentSchema, inflamed: environmentSchema, endolysosome: environmentSchema }).strict(),
  triggers: z.object({
    ph: z.object({
      referencePH: quantitySchema, uncatalysedFractionAtReference: quantitySchema, multiplierCap: quantitySchema,
      conjugateHalfLifeAtReferenceH: quantitySchema, logisticPKa: quantitySchema,
      logisticHillCoefficient: quantitySchema, logisticMaxMultiplier: quantitySchema,
    }).strict(),
    ros: z.object({ referenceH2o2Um: quantitySchema, sensitivityAtReference: quantitySchema, multiplierCap: quantitySchema }).strict(),
    mmp: z.object({ kcatOverKmPerMPerS: quantitySchema, spontaneousRatePerS: quantitySchema, multiplierCap: quantitySchema }).strict(),
  }).strict(),
}).strict()

/** The whole release catalog, validated. */
export type ReleaseCatalog = z.infer<typeof catalogSchema>

/**
 * Validates a release catalog object and checks every core and drug id of the contract
 * (shared/catalog/ids.ts) has an entry whose drug class exists.
 *
 * @returns the typed catalog; throws with every problem listed otherwise.
 */
export function parseReleaseCatalog(raw: unknown): ReleaseCatalog {
  const parsed = catalogSchema.safeParse(raw)
  if (!parsed.success) {
    throw new Error(`release catalog invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  }
  const cat = parsed.data
  const problems: string[] = []
  for (const id of CORE_MATERIAL_IDS) if (!(id in cat.cores)) problems.push(`cores.${id} missing`)
  for (const id of DRUG_IDS) {
    const drug = cat.drugs[id]
    if (!drug) problems.push(`drugs.${id} missing`)
    else if (!(drug.class in cat.drugClasses)) problems.push(`drugs.${id}.class '${drug.class}' unknown`)
  }
  const { blendStartRatio, blendEndRatio } = cat.dispersedDrug
  if (!(blendStartRatio.value > 0 && blendEndRatio.value > blendStartRatio.value)) {
    problems.push(`dispersedDrug: need 0 < blendStartRatio < blendEndRatio, got ${blendStartRatio.value} and ${blendEndRatio.value}`)
  }
  if (!(cat.drugMatrixDiffusion.referenceMolecularWeightDa.value > 0)) problems.push('drugMatrixDiffusion.referenceMolecularWeightDa must be > 0')
  if (!(cat.burstHydrophilicity.maxMultiplier.value >= 1)) problems.push('burstHydrophilicity.maxMultiplier must be >= 1')
  if (!(cat.surfaceBurst.referenceRadiusNm.value > 0)) problems.push('surfaceBurst.referenceRadiusNm must be > 0')
  if (problems.length > 0) throw new Error(`release catalog incomplete: ${problems.join('; ')}`)
  return cat
}

/** The validated catalog shipped in resources/catalog/release.json. */
export const RELEASE_CATALOG: ReleaseCatalog = parseReleaseCatalog(rawReleaseCatalog)

/** Release parameters of a core material. */
export function coreReleaseParams(id: CoreMaterialId): CoreReleaseParams {
  const core = RELEASE_CATALOG.cores[id]
  if (!core) throw new Error(`no release parameters for core '${id}'`)
  return core
}

/**
 * A drug's own in-vivo leakage rate from an ordered liposome bilayer, when one is catalogued (it
 * then replaces its class's liposome parameter); undefined otherwise.
 */
export function drugLiposomeRate(id: DrugId): Quantity | undefined {
  return RELEASE_CATALOG.drugs[id]?.liposomeFirstOrderRatePerH
}

/** Drug class id and parameters of a drug. */
export function drugClassOf(id: DrugId): { readonly classId: string; readonly params: DrugClassParams } {
  const drug = RELEASE_CATALOG.drugs[id]
  const params = drug ? RELEASE_CATALOG.drugClasses[drug.class] : undefined
  if (!drug || !params) throw new Error(`no release drug class for drug '${id}'`)
  return { classId: drug.class, params }
}
