/**
 * Typed access to resources/catalog/pbpk.json: the physiology, nanoparticle organ parameters,
 * disease multipliers, modifier heuristics, ligand/avidity data and Monte Carlo settings of
 * the biodistribution engine (science brief Part 2, §2.2-2.6; Part 4).
 *
 * Every number in that file is a {@link Cited} value (value, unit, source, evidence tag).
 * The shape is checked once at load (a packaging error fails loudly, not silently).
 */
import pbpkJson from '../../../resources/catalog/pbpk.json' with { type: 'json' }
import { assumptionsOf, isCited, type Assumption, type Cited } from '../../catalog/cited'
import type { DiseaseId, LigandId, MembraneSourceId, SpeciesId } from '../../catalog/ids'

/** Organ keys of the model, as reported in docs/cli.md (colon = the GI tract compartment). */
export const ORGAN_KEYS = [
  'lungs', 'liver', 'spleen', 'kidneys', 'heart', 'brain', 'muscle', 'skin', 'joints', 'pancreas',
  'colon', 'rest',
] as const
/** One of {@link ORGAN_KEYS}. */
export type OrganKey = (typeof ORGAN_KEYS)[number]

/** Organs whose flow is given in the data (lungs take the whole cardiac output; rest by difference). */
export type FlowKey = Exclude<OrganKey, 'lungs' | 'liver' | 'rest'> | 'hepaticArtery'

/** Physiology of one species (brief §2.3). Fractions are of body weight or cardiac output. */
export interface SpeciesPhysiology {
  readonly bodyWeightKg: Cited
  readonly cardiacOutputCoefficient: Cited
  readonly arterialFractionOfBlood: Cited
  readonly hematocrit: Cited
  readonly gfrCoefficient: Cited
  readonly volumeFractions: Readonly<Record<Exclude<OrganKey, 'rest'> | 'blood', Cited>>
  readonly flowFractions: Readonly<Record<FlowKey, Cited>>
  readonly capillaryBloodFractions: Readonly<Record<OrganKey, Cited>>
}

/** Nanoparticle parameters of one organ (brief §2.1.2, §2.2). */
export interface OrganNpData {
  readonly partitionCoefficient: Cited
  readonly permeabilityFraction: Cited
  readonly kMaxPerH: Cited
  readonly k50H: Cited
  readonly hillN: Cited
  readonly kRelPerH: Cited
  readonly capacityUgPerG: Cited
  /** Where the phagocytic cells take particles from: sinusoidal capillary blood (liver) or tissue. */
  readonly uptakeSource: 'capillary' | 'tissue'
}

/** Disease-state multipliers for the target compartment (brief §2.5). */
export interface DiseaseData {
  readonly targetTissue: OrganKey | null
  readonly permeabilityMultiplier?: Cited
  readonly kMaxMultiplier?: Cited
  readonly volumeMultiplier?: Cited
  readonly lesionFractionOfOrgan?: Cited
  /** Hill K_50 of the lesion's phagocytes when they are active at injection (brief §2.5, ELVIS); else the organ's. */
  readonly phagocyteK50H?: Cited
}

/** An off-target effect of a ligand (brief §2.6.2: mannose -> Kupffer, folate -> FR+ macrophages). */
export interface LigandOffTargetData {
  readonly organ: OrganKey
  readonly mode: 'kMaxMultiplier' | 'endothelialCapturePerH'
  readonly value: Cited
  readonly receptorDensityPerUm2: Cited
  /** Disease ids in which the effect applies, or ['all']. */
  readonly diseases: ReadonlyArray<string>
}

/** Receptor and avidity data of one ligand (brief §2.6). */
export interface LigandData {
  /** 'endothelium': captured from capillary blood; 'cell': from tissue (macrophages, leukocytes). */
  readonly site: 'endothelium' | 'cell'
  readonly monovalentKdNm: Cited
  readonly restingReceptorDensityPerUm2: Cited
  readonly inflamedReceptorDensityPerUm2: Cited
  readonly maxGain: Cited
  readonly offTarget: ReadonlyArray<LigandOffTargetData>
}

/** The whole pbpk.json file. */
export interface PbpkData {
  readonly species: Readonly<Record<SpeciesId, SpeciesPhysiology>>
  readonly organNp: {
    readonly mouse: Readonly<Record<OrganKey, OrganNpData>>
    /** Reference only: the Nano-iPBPK fallback defaults (§2.2.3); the engine scales the mouse set for rat. */
    readonly rat: Readonly<Record<OrganKey, OrganNpData>>
    readonly humanScaling: { readonly referenceSpecies: 'mouse'; readonly rateConstantExponent: Cited; readonly kMaxClearanceExponent: Cited }
    readonly ratScaling: { readonly referenceSpecies: 'mouse'; readonly rateConstantExponent: Cited; readonly kMaxClearanceExponent: Cited }
  }
  readonly excretion: Readonly<Record<SpeciesId, { readonly biliaryCoefficient: Cited; readonly urinaryCoefficient: Cited }>> & {
    readonly renalFiltration: {
      readonly freeFiltrationBelowNm: Cited
      readonly choiThresholdNm: Cited
      readonly logisticMidpointNm: Cited
      readonly logisticWidthNm: Cited
      readonly noFiltrationAboveNm: Cited
      /** σ of ln d of an ordinary batch: the steep-filtration warning only, no estimate depends on it. */
      readonly batchSizeSpreadLn: Cited
      readonly coronaDiameterIncreaseNm: Cited
    }
  }
  readonly diseases: Readonly<Record<DiseaseId, DiseaseData>>
  readonly modifiers: {
    readonly size: {
      readonly permeabilityLengthNm: Cited
      readonly permeabilityReferenceNm: Cited
      readonly permeabilityMultiplierMax: Cited
      readonly permeabilityMultiplierMin: Cited
      readonly leakyOrgans: ReadonlyArray<OrganKey>
      readonly liverReferenceNm: Cited
      readonly liverExponent: Cited
      readonly liverMultiplierMin: Cited
      readonly liverMultiplierMax: Cited
      readonly spleenMidpointNm: Cited
      readonly spleenWidthNm: Cited
      readonly spleenExtraMax: Cited
      /** Maximum fraction of splenic blood flow filtered (red-pulp slits, > ~200 nm). */
      readonly spleenFiltrationExtractionMax: Cited
      /** HD of half-maximal red-pulp retention, and the logistic's width in ln(HD). */
      readonly spleenFiltrationMidpointNm: Cited
      readonly spleenFiltrationLogWidth: Cited
      /** Liver uptake fully Hill-delayed at and below this HD (Lin 2016, 13 nm). */
      readonly liverDelayedUptakeBelowNm: Cited
      /** Liver uptake immediate at and above this HD (Lin 2016, 100 nm). */
      readonly liverImmediateUptakeAboveNm: Cited
    }
    readonly peg: {
      readonly coverageRatioMax: Cited
      readonly liverSpleenKMaxDecay: Cited
      /** Liver/spleen K_max left under a dense brush on a lipid vesicle (liposome). */
      readonly residualFraction: Cited
      /** The same on every other core (gold, iron oxide, silica, polymer): modifiers/stealth.ts. */
      readonly solidCoreResidualFraction: Cited
    }
    /** Non-PEG hydrophilic coats (zwitterionic, polysaccharide): modifiers/hydrophilic-coat.ts. */
    readonly hydrophilicCoat: HydrophilicCoatData
    /** Ordered (gel / liquid-ordered) liposome bilayers: the bilayer modifier (modifiers/bilayer.ts). */
    readonly bilayer: {
      readonly kMaxFactorOrdered: Cited
      readonly orderingMidpointC: Cited
      readonly gelTransitionWidthC: Cited
      readonly cholesterolOrderingFromMolPct: Cited
      readonly cholesterolOrderingToMolPct: Cited
      readonly bodyTemperatureC: Cited
    }
    readonly charge: {
      readonly cationicThresholdMv: Cited
      readonly cationicLiverLungKMaxMultiplier: Cited
      readonly anionicThresholdMv: Cited
      readonly anionicLiverKMaxMultiplier: Cited
      readonly pegShieldCoverageRatio: Cited
      readonly chargeRampMv: Cited
    }
    readonly cloak: Readonly<Record<MembraneSourceId, { readonly phagocyteKMaxMultiplier: Cited; readonly inflamedPermeabilityMultiplier: Cited }>>
    readonly degradation: Readonly<Record<string, Cited>>
    /** Phagocyte capacity in particle number (Ouyang 2020) and its non-saturable share. */
    readonly saturation: {
      readonly liverCapacityParticlesPerG: Cited
      readonly nonSaturableFraction: Cited
      readonly warningFractionOfLiverCapacity: Cited
      readonly particleCountFallback: {
        readonly solidDensityGPerCm3: Cited
        readonly inorganicDensityGPerCm3: Cited
        readonly vesicleWallNm: Cited
      }
    }
  }
  readonly ligands: Readonly<Record<LigandId, LigandData>>
  readonly avidity: { readonly contactRangeNm: Cited; readonly avogadro: Cited; readonly gainWarningThreshold: Cited }
  readonly monteCarlo: { readonly coefficientOfVariation: Cited; readonly sharedPhagocyteActivityCv: Cited; readonly lowerQuantile: Cited; readonly upperQuantile: Cited }
  readonly validity: {
    readonly hydrodynamicDiameterMinNm: Cited
    readonly hydrodynamicDiameterMaxNm: Cited
    readonly zetaMinMv: Cited
    readonly zetaMaxMv: Cited
    readonly doseMaxMgPerKg: Cited
  }
  readonly simulation: { readonly bolusInfusionH: Cited; readonly imagingBackgroundTissue: OrganKey; readonly imagingWindowFraction: Cited }
}

/** One class of hydrophilic coat: how much of the phagocytic uptake it can remove, and how thick it must be. */
export interface HydrophilicCoatClassData {
  /** Largest share of liver and spleen K_max the coat removes (a thick coat on a small particle). */
  readonly maxSuppression: Cited
  /** Coat thickness at which half of that share acts, nm. */
  readonly halfEffectThicknessNm: Cited
  /** The spleen's own largest share when it differs from the liver's (absent: the same). */
  readonly spleenMaxSuppression?: Cited
}

/** pbpk.json `modifiers.hydrophilicCoat`. */
export interface HydrophilicCoatData {
  /** Coat class of each polymer-coat material that has one (materials not listed: no effect). */
  readonly materialClass: Readonly<Record<string, string>>
  readonly classes: Readonly<Record<string, HydrophilicCoatClassData>>
  /** Hydrodynamic diameter at which half of the coat's effect is left, nm, and the logistic's width in ln HD. */
  readonly sizeMidpointNm: Cited
  readonly sizeLogWidth: Cited
}

/**
 * Checks that every number in the file sits inside a {@link Cited} object (brief §0: every
 * default carries its source and evidence tag). Returns the offending paths.
 */
export function uncitedNumbersIn(x: unknown, path = ''): string[] {
  if (typeof x === 'number') return [path]
  if (isCited(x)) return []
  if (Array.isArray(x)) return x.flatMap((v, i) => uncitedNumbersIn(v, `${path}[${i}]`))
  if (x !== null && typeof x === 'object') {
    return Object.entries(x).flatMap(([k, v]) => uncitedNumbersIn(v, path ? `${path}.${k}` : k))
  }
  return []
}

const uncited = uncitedNumbersIn(pbpkJson)
if (uncited.length > 0) throw new Error(`pbpk.json: numbers without citation at ${uncited.slice(0, 5).join(', ')}`)

/** The validated PBPK data file (resources/catalog/pbpk.json). */
export const PBPK_DATA: PbpkData = pbpkJson as unknown as PbpkData

/** Every [U] (unverified) number of the data file under `section` (e.g. `species.mouse`). */
export function pbpkAssumptionsUnder(section: string): Assumption[] {
  const cached = assumptionCache.get(section)
  if (cached) return cached
  let node: unknown = PBPK_DATA
  for (const key of section.split('.')) node = (node as Record<string, unknown> | undefined)?.[key]
  const list = assumptionsOf(node, section)
  assumptionCache.set(section, list)
  return list
}

const assumptionCache = new Map<string, Assumption[]>()
