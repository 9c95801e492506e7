/**
 * The contract of a PBPK modifier (science brief §2.4-2.6; issue #10 item 1).
 *
 * A modifier is a pure function `(input, ctx) → ModifierResult`: from the design input and
 * the data file it says how one property of the particle or the host (size, stealth coat,
 * charge, cloak, ligands, disease, saturation, excretion, degradation) changes the organ
 * nanoparticle parameters of the species, and records every number it used as an assumption
 * with its citation and evidence tag. It reads nothing else and changes nothing;
 * `resolveParameters` (parameters.ts) composes the results into compartments.
 *
 * Composition rules (parameters.ts `composeCompartments`), in the order of MODIFIERS:
 * - multipliers (×) of all modifiers multiply; additive rates (+) add;
 * - an organ's effects apply to each of its compartments (healthy part and lesion);
 * - the lesion (inflamed part of the disease's target organ) gets the organ's effects and its
 *   own on top, except `permeability`, which replaces the organ's (inflamed vessels are leaky
 *   whatever the organ, so e.g. the size factor applies once, §2.4.1);
 * - a scalar may be set by one modifier only (one source of truth per fact).
 */
import type { OrganKey, PbpkData } from '../data'
import type { BiodistributionInput, PbpkAssumption } from '../types'

/** Multiplicative perturbations of the uncertain parameters (Monte Carlo, brief Part 4 note 5). */
export interface ParameterPerturbation {
  /** Per organ: multipliers on P, PAC, K_max, K_rel and capacity. */
  readonly organs: Readonly<Record<OrganKey, {
    readonly partition: number; readonly permeability: number; readonly kMax: number
    readonly kRel: number; readonly capacity: number
  }>>
  /** Multiplier on the disease PATC and K_max multipliers' excess over 1. */
  readonly diseasePermeability: number
  readonly diseaseKMax: number
}

/** What a modifier may read besides the input. */
export interface ModifierContext {
  /** The PBPK data file (resources/catalog/pbpk.json). */
  readonly data: PbpkData
  /** Body weight of the simulated animal, kg (the input's override or the species default). */
  readonly bodyWeightKg: number
  /** Monte Carlo multipliers of the uncertain parameters; undefined = nominal (median) values. */
  readonly perturbation?: ParameterPerturbation
}

/** Effects of one modifier on one organ (all of its compartments). Absent = no effect. */
export interface OrganEffect {
  /** × PAC, the permeability-surface area coefficient (fraction of flow). */
  readonly permeability?: number
  /** × K_max, the nonspecific (Hill-delayed) phagocytic uptake rate. */
  readonly kMax?: number
  /** × phagocytic capacity. */
  readonly capacity?: number
  /**
   * Phagocytic capacity density, particles per g of compartment (the saturation modifier sets
   * it for every organ; capacity = this × g × the capacity multipliers).
   */
  readonly capacityParticlesPerG?: number
  /** Share of the final K_max that acts at once (moved from the Hill-delayed term to undelayed uptake). */
  readonly immediateKMaxFraction?: number
  /** + first-order capture from capillary blood into the phagocytes, h⁻¹. */
  readonly endothelialCapturePerH?: number
  /**
   * + fraction of the organ's blood flow retained into its phagocytes on passage (rate
   * E·Q/V_capillary), through the phagocytes' saturable uptake.
   */
  readonly flowExtraction?: number
}

/** Effects of one modifier on the lesion compartment (see the composition rules above). */
export interface LesionEffect {
  /** × PAC of the inflamed vasculature; replaces the organ's permeability multipliers. */
  readonly permeability?: number
  /** × K_max, on top of the organ's multipliers. */
  readonly kMax?: number
  /** × capacity, on top of the organ's multipliers. */
  readonly capacity?: number
  /** × lesion volume (swelling). */
  readonly volume?: number
  /** Hill K_50 of the lesion's phagocytes, h (replaces the organ's). */
  readonly phagocyteK50H?: number
  /** + undelayed (receptor-mediated) uptake, in units of the lesion's K_max. */
  readonly receptorUptakeOfKMax?: number
  /**
   * + endothelial capture from the lesion's capillary blood, in units of the lesion's K_max
   * (endothelial ligands; saturable with the lesion's capacity, system.ts).
   */
  readonly endothelialUptakeOfKMax?: number
}

/** Scalar outputs of the modifiers; each set by exactly one modifier. */
export interface ModifierScalars {
  /** Fraction of the target organ that is lesion (1 = the whole organ). */
  readonly lesionFractionOfOrgan?: number
  /** Carrier degradation rate in the phagocytes, h⁻¹ (every compartment). */
  readonly degradationPerH?: number
  /** Glomerular sieving coefficient of the particles (fraction of GFR). */
  readonly renalFilteredFraction?: number
  readonly urineClearanceLPerH?: number
  readonly bileClearanceLPerH?: number
  /** Particles in the dose (saturation). */
  readonly doseParticles?: number
  /** Share of phagocytic uptake that does not saturate. */
  readonly nonSaturableFraction?: number
}

/** Result of one modifier. */
export interface ModifierResult {
  readonly organs: Readonly<Partial<Record<OrganKey, OrganEffect>>>
  readonly lesion: LesionEffect
  readonly scalars: ModifierScalars
  /** Every number the modifier applied, with its citation and evidence tag. */
  readonly assumptions: ReadonlyArray<PbpkAssumption>
  /** Extrapolation and plausibility warnings (what and why). */
  readonly warnings: ReadonlyArray<string>
}

/** A PBPK modifier. */
export type Modifier = (input: BiodistributionInput, ctx: ModifierContext) => ModifierResult
