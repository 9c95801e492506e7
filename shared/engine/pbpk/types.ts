/**
 * Input and result types of the nanoparticle PBPK engine (science brief Part 2; result keys
 * as in docs/cli.md `simulate`).
 */
import type { EvidenceTag } from '../../catalog/cited'
import type { DiseaseId, GoalId, LigandId, MembraneSourceId, PolymerCoatingId, SpeciesId } from '../../catalog/ids'
import type { OrganKey } from './data'

/** Reported biodistribution keys (docs/cli.md), in output order. Values sum to 100 % of dose. */
export const BIODISTRIBUTION_KEYS = [
  'blood', 'liver', 'spleen', 'kidneys', 'lungs', 'heart', 'brain', 'muscle', 'skin', 'joints',
  'pancreas', 'colon', 'rest', 'excreted', 'degraded',
] as const
/** One of {@link BIODISTRIBUTION_KEYS}. */
export type BiodistributionKey = (typeof BIODISTRIBUTION_KEYS)[number]

/** Release environments of the release engine (brief §1.5.1). */
export type ReleaseEnvironment = 'plasma' | 'inflamed' | 'endolysosome'

/**
 * Release hazard of the payload, h⁻¹, as a function of environment and time since injection
 * (from the release engine). Drug leaves particles at `hazard(env, t) × drug still inside`.
 */
export type ReleaseHazard = (environment: ReleaseEnvironment, tH: number) => number

/** Core material class as in the catalog (drives carrier degradation, brief §2.4.6). */
export type PbpkCoreClass =
  | 'polymer-matrix' | 'lipid-vesicle' | 'lipid-matrix' | 'inorganic-porous' | 'inorganic-solid'
  | 'protein' | 'polysaccharide' | 'dendrimer'

/** One ligand type on the particle surface. */
export interface BiodistributionLigand {
  readonly ligand: LigandId
  readonly perParticle: number
  /** Monovalent K_D override, nM (default from pbpk.json). */
  readonly monovalentKdNm?: number
}

/**
 * Everything the PBPK model needs about one design in one context, as plain numbers
 * (so the model does not depend on the design/catalog modules; see from-design.ts).
 */
export interface BiodistributionInput {
  readonly species: SpeciesId
  readonly disease: DiseaseId
  readonly goal: GoalId
  /** Hydrodynamic diameter after corona, nm (brief §2.4.1). */
  readonly hydrodynamicDiameterNm: number
  /** PEG coverage ratio Γ/Γ* (0 without PEG; > 1 brush), brief §2.4.2. */
  readonly pegCoverageRatio: number
  /** Surface zeta potential, mV (brief §2.4.3). */
  readonly zetaMv: number
  /** Cell-membrane cloak source, or null (brief §2.4.4). */
  readonly membraneCloak: MembraneSourceId | null
  readonly ligands: ReadonlyArray<BiodistributionLigand>
  readonly core: {
    readonly coreClass: PbpkCoreClass
    /** Iron oxide or gold: the `image` goal's imaging metrics apply. */
    readonly imaging: boolean
    readonly degradable: boolean
    /** Carrier degradation rate in phagocytic cells, h⁻¹ (default by class from pbpk.json). */
    readonly degradationPerH?: number
  }
  /** Particle (carrier) dose, mg per kg body weight; sets PC saturation (brief §2.4.6). */
  readonly particleDoseMgPerKg: number
  /**
   * Particles per mg of carrier (design: derived.particlesPerMg). Phagocyte capacity is
   * counted in particles (Ouyang 2020); without it the saturation modifier estimates the count
   * from the hydrodynamic diameter (pbpk.json modifiers.saturation.particleCountFallback).
   */
  readonly particlesPerMg?: number
  /**
   * Share of the surface that resists serum protein adsorption, 0-1: 1 for a zwitterionic
   * coating, PEG its effective coverage (capped at 1), 0 otherwise (the default). Proteins
   * adsorbed on the rest add to the diameter the glomerulus sees (Choi 2007; excretion modifier).
   */
  readonly proteinRepellentFraction?: number
  /**
   * Share of a liposome's bilayer that is ordered at 37 °C (gel or liquid-ordered: a saturated,
   * high-T_m lipid with enough cholesterol), 0-1 (orderedBilayerShare, modifiers/bilayer.ts);
   * absent for other cores. Drives the bilayer modifier's stealth of rigid bilayers.
   */
  readonly orderedBilayerShare?: number
  /** Radius at which the outermost PEG is grafted and that PEG layer's thickness, nm (PEG curvature, stealth modifier). */
  readonly pegGraftRadiusNm?: number
  readonly pegLayerThicknessNm?: number
  /**
   * The outermost coat when it is a polymer shell (not PEG): its catalog material id and its
   * thickness, nm. The hydrophilic-coat modifier reads the anti-opsonisation of zwitterionic
   * and polysaccharide (dextran) shells from it; absent = no such coat.
   */
  readonly hydrophilicCoat?: { readonly material: PolymerCoatingId; readonly thicknessNm: number }
  /** Body weight override, kg (default per species). */
  readonly bodyWeightKg?: number
  /**
   * An individual's physiology (a virtual patient, shared/patient/physiology.ts) in place of
   * the species' reference: organ volumes, cardiac output, GFR and the disease activity.
   * Absent: the reference physiology of the species, exactly as before.
   */
  readonly physiology?: IndividualPhysiology
  /** Optional release hazard; without it drug-release outputs are zero. */
  readonly releaseHazard?: ReleaseHazard
  /**
   * Standard deviation of log10 of the release speed across formulations like this one
   * (release engine `releaseSpeedSpreadLog10`). Monte Carlo samples a speed s per sample and
   * runs the hazard s·r(s·t); absent: the release is taken as known (not sampled).
   */
  readonly releaseSpeedSpreadLog10?: number
}

/**
 * Physiology of one individual, as the PBPK model uses it. Volume fractions are of
 * `BiodistributionInput.bodyWeightKg` (density 1 kg/L, as the reference tables); rest of body
 * by difference, as for the reference. Flow fractions stay the species' (population PBPK
 * keeps fractions of cardiac output across individuals: Huisinga W et al. 2012, CPT
 * Pharmacometrics Syst Pharmacol 1:e4).
 */
export interface IndividualPhysiology {
  readonly volumeFractions: Readonly<Record<Exclude<OrganKey, 'rest'> | 'blood', number>>
  readonly cardiacOutputLPerH: number
  /** Absolute glomerular filtration rate, L/h (replaces gfrCoefficient · BW^0.75). */
  readonly gfrLPerH: number
  /**
   * Disease activity on the lesion, 1 = the catalog's established disease: the excess over 1
   * of the lesion's permeability, phagocyte K_max and swelling multipliers is multiplied by it
   * (0 = no inflamed excess).
   */
  readonly lesionActivityScale: number
}

/** One assumption or applied modifier that a result depends on. */
export interface PbpkAssumption {
  /** Stable id, e.g. `modifier.peg.liverSpleenKMax` or `species.mouse.volumeFractions.joints`. */
  readonly id: string
  readonly description: string
  readonly value?: number
  readonly unit?: string
  readonly source: string
  readonly evidence: EvidenceTag
}

/** Selectivity metrics (formulas in simulate.ts and docs/science.md). */
export interface SelectivityResult {
  /** Target key: a tissue key for `deliver`/`image`, `spleen+liver-apc` for `tolerize`, null when none. */
  readonly targetTissue: string | null
  /** ∫ target %ID dt over the horizon, %ID·h. */
  readonly targetAucPercentDoseH: number
  /** (target AUC per g target tissue) / (AUC per g of all other organs), see simulate.ts. */
  readonly selectivityIndex: number
  /** Target AUC / (liver + spleen AUC). */
  readonly targetToLiverSpleenAucRatio: number
  /** Highest target %ID at an output time, and when. */
  readonly targetPeakPercentDose: number
  readonly targetPeakTimeH: number
  /** Percent of the loaded drug released in the target (tissue + phagocytes), by the horizon. */
  readonly drugReleasedInTargetPercentDose: number
  /** Percent of the loaded drug released in blood (central and capillary). */
  readonly drugReleasedInBloodPercentDose: number
  /** Percent released elsewhere (all other tissues, incl. liver and spleen phagocytes). */
  readonly drugReleasedOffTargetPercentDose: number
  /** Percent still inside particles at the horizon, and excreted inside intact particles. */
  readonly drugRemainingInParticlesPercentDose: number
  readonly drugExcretedInParticlesPercentDose: number
  /** False when no release hazard was given (the drug outputs are then zero). */
  readonly drugReleaseCoupled: boolean
}

/** Imaging metrics (goal `image`). */
export interface ImagingResult {
  readonly backgroundTissue: string
  /** Target-to-background concentration ratio (per g) at each output time. */
  readonly targetToBackground: ReadonlyArray<number>
  readonly bestTimeH: number
  readonly bestTargetToBackground: number
  /** Contiguous window around the best time where the ratio ≥ fraction × best. */
  readonly windowStartH: number
  readonly windowEndH: number
}

/** Result of {@link simulateBiodistribution}. */
export interface BiodistributionResult {
  readonly timesH: ReadonlyArray<number>
  readonly percentDose: Readonly<Record<BiodistributionKey, ReadonlyArray<number>>>
  readonly bloodHalfLifeH: number
  readonly aucPercentDoseH: Readonly<Record<BiodistributionKey, number>>
  /**
   * Mass of each reported key in the simulated species, g (volume × 1 kg/L, as the model):
   * organs = Σ of their compartments (a disease lesion counted with its own, swollen, volume);
   * blood = the central (arterial + venous) pool; rest = the rest-of-body compartment;
   * excreted and degraded = null. percentDose / tissueMassG gives %ID/g.
   */
  readonly tissueMassG: Readonly<Record<BiodistributionKey, number | null>>
  /**
   * All intravascular blood, g: the central pool (`tissueMassG.blood`) plus every organ's
   * capillary blood. A blood sample's concentration times the animal's blood volume — how a
   * paper or a lab reports "%ID in blood" — reads central %ID × this / `tissueMassG.blood`.
   */
  readonly intravascularBloodMassG: number
  /**
   * Carrier degraded inside each tissue's phagocytes by each output time, % of dose
   * (cumulative; Σ over tissues = percentDose.degraded). A residualizing label (⁸⁹Zr, ¹¹¹In,
   * ⁶⁴Cu chelates) stays in the cells that degraded the carrier, so it reads
   * percentDose[tissue] + degradedInTissuePercentDose[tissue]: see
   * {@link residualizingLabelPercentDose}.
   */
  readonly degradedInTissuePercentDose: Readonly<Record<OrganKey, ReadonlyArray<number>>>
  readonly selectivity: SelectivityResult
  /**
   * Drug still inside particles in the central blood pool (arterial + venous), % of the loaded
   * drug, at each output time, and its AUC over the horizon (%·h); present only when release is
   * coupled. Over `percentDose.blood` it is the fraction of the drug the circulating particles
   * still hold (the in-vivo drug-to-carrier ratio over the injected one). Its released course
   * feeds the free-drug curves (free-drug/total-plasma.ts, free-drug/released.ts).
   */
  readonly encapsulatedDrug?: {
    readonly bloodPercentDose: ReadonlyArray<number>
    readonly bloodAucPercentDoseH: number
    /** Cumulative drug released by the particles anywhere in the body, % of the loaded drug, at each output time. */
    readonly releasedPercentDose: ReadonlyArray<number>
  }
  readonly imaging?: ImagingResult
  readonly warnings: ReadonlyArray<string>
  readonly assumptions: ReadonlyArray<PbpkAssumption>
  /** Solver statistics (accepted/rejected steps). */
  readonly solver: { readonly steps: number; readonly rejected: number; readonly rhsEvaluations: number }
}

/** Options of {@link simulateBiodistribution}. */
export interface SimulateOptions {
  /** Horizon, h (default 72). */
  readonly hours?: number
  /** Output times, h (default grid from 0 to the horizon). */
  readonly timesH?: ReadonlyArray<number>
  /** Relative / absolute (in %ID) tolerances of the solver (defaults 1e-3 / 1e-5, see DEFAULT_RTOL in simulate.ts). */
  readonly rtol?: number
  readonly atol?: number
}

/** Organ key re-export for convenience. */
export type { OrganKey }

/**
 * What a blood sample reads over what the central pool holds. A paper's or a lab's "%ID in
 * blood" (or a plasma AUC in %ID·h) is a sample's concentration times the animal's whole blood
 * (or plasma) volume: all intravascular blood. The engine's `blood` key is the central (arterial
 * + venous) pool only; organ capillary blood belongs to each organ (structure.bloodConvention),
 * so the keys sum to 100 %. At one concentration the sample reads intravascular / central mass:
 * about 2.2 in the mouse, 1.6 in the rat, 1.5 in man. %ID per gram of blood needs no scale.
 */
export function bloodSampleScale(result: {
  readonly intravascularBloodMassG: number
  readonly tissueMassG: Readonly<Record<BiodistributionKey, number | null>>
}): number {
  const central = result.tissueMassG.blood
  if (central === null || !(central > 0) || !(result.intravascularBloodMassG >= central)) throw new Error('bloodSampleScale: the blood masses are missing or inconsistent')
  return result.intravascularBloodMassG / central
}

/**
 * What a residualizing label shows per key: organs = intact particles + carrier degraded in
 * their phagocytes; blood and excreted as the particles; degraded = 0 (all of it attributed
 * to the tissue that degraded it). The keys still sum to 100.
 */
export function residualizingLabelPercentDose(
  percentDose: Readonly<Record<BiodistributionKey, ReadonlyArray<number>>>,
  degradedInTissue: Readonly<Record<OrganKey, ReadonlyArray<number>>>,
): Record<BiodistributionKey, number[]> {
  const out = {} as Record<BiodistributionKey, number[]>
  for (const key of BIODISTRIBUTION_KEYS) {
    const own = percentDose[key]
    if (key === 'degraded') out[key] = own.map(() => 0)
    else if (key === 'blood' || key === 'excreted') out[key] = [...own]
    else out[key] = own.map((v, i) => v + degradedInTissue[key][i]!)
  }
  return out
}
