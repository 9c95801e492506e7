/**
 * The design → parameters layer of the PBPK engine (science brief §2.2-2.6).
 *
 * `resolveParameters` composes: physiology scaled by body weight (§2.3) → the organ
 * nanoparticle set of the species (§2.2) → each named modifier of `MODIFIERS`
 * (modifiers/*.ts: disease §2.5, size §2.4.1, stealth §2.4.2, charge §2.4.3, cloak §2.4.4,
 * degradation §2.4.6, ligands §2.6, saturation, excretion) → compartments. Every modifier is a
 * pure function returning organ multipliers, scalars, assumptions and warnings
 * (modifiers/types.ts); every applied number is recorded as an assumption with its evidence
 * tag (brief Part 4, note 7).
 */
import type { SpeciesId } from '../../catalog/ids'
import { ORGAN_KEYS, PBPK_DATA, type OrganKey } from './data'
import { cite, typographic } from './modifiers/common'
import { diseaseModifier, inflamedTargetOf } from './modifiers/disease'
import { sizeModifier } from './modifiers/size'
import { stealthModifier } from './modifiers/stealth'
import { hydrophilicCoatModifier } from './modifiers/hydrophilic-coat'
import { bilayerModifier } from './modifiers/bilayer'
import { saturationModifier } from './modifiers/saturation'
import { chargeModifier } from './modifiers/charge'
import { cloakModifier } from './modifiers/cloak'
import { degradationModifier } from './modifiers/degradation'
import { ligandsModifier } from './modifiers/ligands'
import { excretionModifier } from './modifiers/excretion'
import type { Modifier, ModifierContext, ModifierResult, ModifierScalars, ParameterPerturbation } from './modifiers/types'
import type { BiodistributionInput, IndividualPhysiology, PbpkAssumption } from './types'

export type { ParameterPerturbation } from './modifiers/types'
export { bindingProbability } from './modifiers/ligands'
export { renalFilteredFraction } from './modifiers/excretion'

/** Numeric parameters of one model compartment group (capillary blood, tissue, PC). */
export interface CompartmentParameters {
  /** Reported key the compartment counts towards. */
  readonly key: OrganKey
  /** True for the disease lesion (inflamed state). */
  readonly inflamed: boolean
  readonly volumeL: number
  readonly capillaryVolumeL: number
  readonly tissueVolumeL: number
  readonly flowLPerH: number
  /** Venous outflow into liver capillary blood (portal organs: spleen, GI, pancreas). */
  readonly portal: boolean
  readonly partition: number
  readonly paLPerH: number
  readonly kMaxPerH: number
  readonly k50H: number
  readonly hillN: number
  readonly kRelPerH: number
  /** Half-saturation load of the compartment's phagocytes, particles (modifiers/saturation.ts). */
  readonly capacityParticles: number
  readonly uptakeSource: 'capillary' | 'tissue'
  readonly degradationPerH: number
  /**
   * First-order capture from capillary blood into the PC compartment, h⁻¹: ligand-mediated
   * (endothelial ligands, off-target) and, in the spleen, red-pulp filtration (brief §2.4.1).
   */
  readonly endothelialCapturePerH: number
  /**
   * Uptake from the uptake source into PC that acts from t = 0 (not Hill-delayed), h⁻¹,
   * saturating with the compartment's capacity: receptor-mediated uptake of cell-site ligands
   * on the inflamed target (brief §2.6.2), and the liver's immediate uptake of large particles
   * (Lin 2016, modifiers.size.liverImmediateUptakeAboveNm).
   */
  readonly undelayedUptakePerH: number
  /**
   * Red-pulp retention from capillary blood into the phagocytes, h⁻¹ (E·Q/V_capillary; spleen),
   * through the phagocytes' saturable uptake.
   */
  readonly filtrationPerH: number
}

/** All numeric parameters of one simulation. */
export interface ModelParameters {
  readonly species: SpeciesId
  readonly bodyWeightKg: number
  /** Particles in the dose. */
  readonly doseParticles: number
  /** Share of phagocytic uptake that does not saturate (system.ts saturation law). */
  readonly nonSaturableFraction: number
  readonly cardiacOutputLPerH: number
  readonly arterialVolumeL: number
  readonly venousVolumeL: number
  readonly compartments: ReadonlyArray<CompartmentParameters>
  /** Index in `compartments` of the target lesion (deliver/image), or -1. */
  readonly targetIndex: number
  readonly urineClearanceLPerH: number
  readonly bileClearanceLPerH: number
  readonly bolusInfusionH: number
  readonly renalFilteredFraction: number
}

/** Result of {@link resolveParameters}. */
export interface ResolvedParameters {
  readonly params: ModelParameters
  readonly assumptions: PbpkAssumption[]
  readonly warnings: string[]
}

const D = PBPK_DATA

/** Rest-of-body volume fraction of body weight, by difference (brief §2.3): 1 − Σ others (incl. blood). */
function restVolumeFractionOf(species: SpeciesId): number {
  const vf = D.species[species].volumeFractions as Readonly<Record<string, { value: number }>>
  return 1 - Object.values(vf).reduce((sum, v) => sum + v.value, 0)
}

/** Volume fraction of body weight of an organ's uptake source (capillary blood or tissue). */
function sourceVolumeFraction(species: SpeciesId, organ: OrganKey, source: 'capillary' | 'tissue'): number {
  const phys = D.species[species]
  const organFraction = organ === 'rest' ? restVolumeFractionOf(species) : phys.volumeFractions[organ].value
  const blood = phys.capillaryBloodFractions[organ].value
  return organFraction * (source === 'capillary' ? blood : 1 - blood)
}

/** An individual's volume fractions in the shape of the species table (only `.value` is read). */
function individualVolumeFractions(p: IndividualPhysiology): Readonly<Record<Exclude<OrganKey, 'rest'> | 'blood', { readonly value: number }>> {
  const out = {} as Record<Exclude<OrganKey, 'rest'> | 'blood', { value: number }>
  for (const [k, v] of Object.entries(p.volumeFractions)) out[k as Exclude<OrganKey, 'rest'> | 'blood'] = { value: v }
  return out
}

interface RateScale { readonly kMaxScale: number; readonly kRelScale: number }

/**
 * Rate-constant scale factors of the mouse NP set for a species (§2.2.4):
 * - K_rel (a cellular first-order rate) × (BW/BW_mouse)^−0.25, the brief's rule;
 * - K_max such that the phagocytic clearance K_max·V_src scales as (BW/BW_mouse)^b, b =
 *   kMaxClearanceExponent (0.85), V_src = f_src·BW the volume the phagocytes take from:
 *   K_max × (BW/BW_mouse)^(b − 1) × f_src,mouse / f_src,species. The brief scales K_max by
 *   BW^−0.25, which is b = 0.75 with V_src ∝ BW; that fails for the liver, whose source is
 *   sinusoidal blood: 0.055 × 0.31 = 1.7 % of body weight in the mouse, 0.0257 × 0.105 = 0.27 %
 *   in man (§2.3). The brief's rule gave a Doxil-like liposome t½ ~210 h in man, b = 0.75
 *   ~96 h, b = 0.85 (calibrated on Gabizon 1994's 45 h) 51 h (pbpk.json organNp.humanScaling).
 * Physiology is static, so each species' table is computed once.
 */
const rateScaleCache = new Map<SpeciesId, Readonly<Record<OrganKey, RateScale>>>()
function rateScales(species: SpeciesId): Readonly<Record<OrganKey, RateScale>> {
  let table = rateScaleCache.get(species)
  if (table) return table
  const out = {} as Record<OrganKey, RateScale>
  for (const organ of ORGAN_KEYS) {
    if (species === 'mouse') {
      out[organ] = { kMaxScale: 1, kRelScale: 1 }
      continue
    }
    const scaling = species === 'rat' ? D.organNp.ratScaling : D.organNp.humanScaling
    const bwRatio = D.species[species].bodyWeightKg.value / D.species.mouse.bodyWeightKg.value
    const source = D.organNp.mouse[organ].uptakeSource
    const sourceRatio = sourceVolumeFraction('mouse', organ, source) / sourceVolumeFraction(species, organ, source)
    out[organ] = {
      kMaxScale: Math.pow(bwRatio, scaling.kMaxClearanceExponent.value - 1) * sourceRatio,
      kRelScale: Math.pow(bwRatio, scaling.rateConstantExponent.value),
    }
  }
  table = out
  rateScaleCache.set(species, table)
  return table
}

// ---------------------------------------------------------------------------------------
// Composition

/**
 * The modifiers, in the order they are applied. The order fixes the order of the assumption
 * list and of the floating-point products (multipliers of one organ multiply in this order).
 */
export const MODIFIERS: ReadonlyArray<{ readonly name: string; readonly apply: Modifier }> = [
  { name: 'disease', apply: diseaseModifier },
  { name: 'size', apply: sizeModifier },
  { name: 'stealth', apply: stealthModifier },
  { name: 'hydrophilicCoat', apply: hydrophilicCoatModifier },
  { name: 'bilayer', apply: bilayerModifier },
  { name: 'charge', apply: chargeModifier },
  { name: 'cloak', apply: cloakModifier },
  { name: 'degradation', apply: degradationModifier },
  { name: 'ligands', apply: ligandsModifier },
  { name: 'saturation', apply: saturationModifier },
  { name: 'excretion', apply: excretionModifier },
]

/** The combined effect of all modifiers on one organ. */
interface OrganTotals {
  readonly permeability: number
  readonly kMax: number
  readonly capacity: number
  readonly capacityParticlesPerG: number
  readonly immediateKMaxFraction: number
  readonly endothelialCapturePerH: number
  readonly flowExtraction: number
}

function organTotals(results: ReadonlyArray<ModifierResult>, organ: OrganKey): OrganTotals {
  let permeability = 1
  let kMax = 1
  let capacity = 1
  let capacityParticlesPerG: number | undefined
  let immediateKMaxFraction = 0
  let endothelialCapturePerH = 0
  let flowExtraction = 0
  results.forEach((r, i) => {
    const e = r.organs[organ]
    if (!e) return
    if (e.permeability !== undefined) permeability *= e.permeability
    if (e.kMax !== undefined) kMax *= e.kMax
    if (e.capacity !== undefined) capacity *= e.capacity
    if (e.immediateKMaxFraction !== undefined) immediateKMaxFraction += e.immediateKMaxFraction
    if (e.endothelialCapturePerH !== undefined) endothelialCapturePerH += e.endothelialCapturePerH
    if (e.flowExtraction !== undefined) flowExtraction += e.flowExtraction
    if (e.capacityParticlesPerG !== undefined) {
      if (capacityParticlesPerG !== undefined) throw new Error(`pbpk: phagocytic capacity of ${organ} set twice (modifier ${MODIFIERS[i]?.name ?? i})`)
      capacityParticlesPerG = e.capacityParticlesPerG
    }
  })
  if (capacityParticlesPerG === undefined) throw new Error(`pbpk: no modifier set the phagocytic capacity of ${organ}`)
  if (immediateKMaxFraction > 1) throw new Error(`pbpk: immediate share of ${organ} K_max is ${immediateKMaxFraction} (> 1)`)
  return { permeability, kMax, capacity, capacityParticlesPerG, immediateKMaxFraction, endothelialCapturePerH, flowExtraction }
}

/** The combined effect of all modifiers on the lesion (beyond its organ's). */
interface LesionTotals {
  readonly permeability: number
  readonly kMax: number
  readonly capacity: number
  readonly volume: number
  readonly phagocyteK50H: number | undefined
  readonly receptorUptakeOfKMax: number
  readonly endothelialUptakeOfKMax: number
}

function lesionTotals(results: ReadonlyArray<ModifierResult>): LesionTotals {
  let permeability = 1
  let kMax = 1
  let capacity = 1
  let volume = 1
  let phagocyteK50H: number | undefined
  let receptorUptakeOfKMax = 0
  let endothelialUptakeOfKMax = 0
  for (const { lesion: e } of results) {
    if (e.permeability !== undefined) permeability *= e.permeability
    if (e.kMax !== undefined) kMax *= e.kMax
    if (e.capacity !== undefined) capacity *= e.capacity
    if (e.volume !== undefined) volume *= e.volume
    if (e.phagocyteK50H !== undefined) {
      if (phagocyteK50H !== undefined) throw new Error('pbpk: lesion phagocyte K_50 set twice')
      phagocyteK50H = e.phagocyteK50H
    }
    if (e.receptorUptakeOfKMax !== undefined) receptorUptakeOfKMax += e.receptorUptakeOfKMax
    if (e.endothelialUptakeOfKMax !== undefined) endothelialUptakeOfKMax += e.endothelialUptakeOfKMax
  }
  return { permeability, kMax, capacity, volume, phagocyteK50H, receptorUptakeOfKMax, endothelialUptakeOfKMax }
}

/** Scalars of all modifiers; each must be set by one modifier at most. */
function mergeScalars(results: ReadonlyArray<ModifierResult>): ModifierScalars {
  const out: Record<string, number> = {}
  results.forEach((r, i) => {
    for (const [k, v] of Object.entries(r.scalars)) {
      if (v === undefined) continue
      if (k in out) throw new Error(`pbpk: scalar ${k} set by two modifiers (second: ${MODIFIERS[i]?.name ?? i})`)
      out[k] = v
    }
  })
  return out as ModifierScalars
}

function required(scalars: ModifierScalars, key: keyof ModifierScalars): number {
  const v = scalars[key]
  if (v === undefined) throw new Error(`pbpk: no modifier set ${key}`)
  return v
}

/**
 * Resolves all numeric parameters for one input (brief §2.2-2.6). `perturbation` multiplies
 * the uncertain parameters (Monte Carlo); without it the nominal (median) values are used.
 */
export function resolveParameters(input: BiodistributionInput, perturbation?: ParameterPerturbation): ResolvedParameters {
  return resolveWith(input, perturbation, (ctx) => MODIFIERS.map((m) => m.apply(input, ctx)), true)
}

/**
 * {@link resolveParameters} for the samples of one Monte Carlo run: the parameters of
 * `sampleInput` perturbed by `perturbation`, the same numbers to the bit, without the assumption
 * and warning lists (texts a sample does not show). Why: a sample spent about a third of its
 * parameter resolution writing those texts and running modifiers whose result cannot change.
 *
 * A modifier that reads neither the perturbation nor the release hazard (the one input field
 * that differs between the samples of a run) is run once, on the first sample, and its result
 * reused: a modifier is a pure function of (input, ctx) (modifiers/types.ts), so what it never
 * read cannot change what it returns. Which ones those are is observed on that first call (a
 * getter on the perturbation, a proxy on the input), not listed, so a modifier that starts to
 * read the perturbation is rerun without a change here. A sample whose input differs from
 * `input` elsewhere than in its release hazard runs every modifier.
 */
export function parameterResolver(input: BiodistributionInput): (sampleInput: BiodistributionInput, perturbation: ParameterPerturbation) => ModelParameters {
  let cached: Array<ModifierResult | undefined> | undefined
  const keys = Object.keys(input) as Array<keyof BiodistributionInput>
  const sameButHazard = (other: BiodistributionInput): boolean => {
    if (other === input) return true
    let count = 0
    for (const k in other) {
      count++
      if (k !== 'releaseHazard' && other[k as keyof BiodistributionInput] !== input[k as keyof BiodistributionInput]) return false
    }
    return count === keys.length
  }
  const firstCall = (sampleInput: BiodistributionInput, ctx: ModifierContext): ModifierResult[] => {
    const reused: Array<ModifierResult | undefined> = []
    const results = MODIFIERS.map((m) => {
      let read = false
      const watchedCtx: ModifierContext = { data: ctx.data, bodyWeightKg: ctx.bodyWeightKg, get perturbation() { read = true; return ctx.perturbation } }
      const watchedInput = new Proxy(sampleInput, {
        get(target, key, receiver) {
          if (key === 'releaseHazard') read = true
          return Reflect.get(target, key, receiver) as unknown
        },
        has(target, key) {
          if (key === 'releaseHazard') read = true
          return Reflect.has(target, key)
        },
      })
      const r = m.apply(watchedInput, watchedCtx)
      reused.push(read ? undefined : r)
      return r
    })
    cached = reused
    return results
  }
  return (sampleInput, perturbation) => {
    const useCache = sameButHazard(sampleInput)
    return resolveWith(sampleInput, perturbation, (ctx) => {
      if (!useCache) return MODIFIERS.map((m) => m.apply(sampleInput, ctx))
      if (cached === undefined) return firstCall(sampleInput, ctx)
      const known = cached
      return MODIFIERS.map((m, i) => known[i] ?? m.apply(sampleInput, ctx))
    }, false).params
  }
}

/**
 * The body of {@link resolveParameters}: `modifierResults` gives the results of MODIFIERS (in
 * order) for the context; `texts` false leaves the assumption and warning lists empty.
 */
function resolveWith(
  input: BiodistributionInput, perturbation: ParameterPerturbation | undefined,
  modifierResults: (ctx: ModifierContext) => ReadonlyArray<ModifierResult>, texts: boolean,
): ResolvedParameters {
  const phys = D.species[input.species]
  const bw = input.bodyWeightKg ?? phys.bodyWeightKg.value
  const individual = input.physiology
  // Cardiac output Q_C = QCC · BW^0.75 (brief §2.3), or the individual's (virtual patient).
  const qc = individual?.cardiacOutputLPerH ?? phys.cardiacOutputCoefficient.value * Math.pow(bw, 0.75)
  const vf = individual ? individualVolumeFractions(individual) : phys.volumeFractions
  const qf = phys.flowFractions
  const bvf = phys.capillaryBloodFractions

  // Rest of body by difference (brief §2.3): volume 1 − Σ others (incl. blood); flow 1 − Σ others.
  let qSum = 0
  for (const k of Object.keys(qf) as Array<keyof typeof qf>) qSum += qf[k].value
  const restVolumeFraction = individual
    ? 1 - Object.values(individual.volumeFractions).reduce((sum, v) => sum + v, 0)
    : restVolumeFractionOf(input.species)
  const restFlowFraction = 1 - qSum
  if (restVolumeFraction <= 0 || restFlowFraction <= 0) throw new Error('pbpk.json: rest-of-body volume or flow is not positive')

  const bloodL = vf.blood.value * bw
  const arterialL = phys.arterialFractionOfBlood.value * bloodL
  const venousL = bloodL - arterialL

  const ctx: ModifierContext = perturbation ? { data: D, bodyWeightKg: bw, perturbation } : { data: D, bodyWeightKg: bw }
  const results = modifierResults(ctx)
  const scalars = mergeScalars(results)
  const lesion = lesionTotals(results)
  const inflamedTarget = inflamedTargetOf(input, D)
  const target: OrganKey | null = input.goal === 'tolerize' ? null : inflamedTarget
  const lesionFraction = scalars.lesionFractionOfOrgan ?? 1
  const kDeg = required(scalars, 'degradationPerH')

  // --- build compartments
  const compartments: CompartmentParameters[] = []
  let targetIndex = -1
  for (const organ of ORGAN_KEYS) {
    const data = D.organNp.mouse[organ]
    const { kMaxScale, kRelScale } = rateScales(input.species)[organ]
    const pp = perturbation?.organs[organ]
    const volFrac = organ === 'rest' ? restVolumeFraction : vf[organ].value
    let flowFrac: number
    if (organ === 'lungs') flowFrac = 1
    else if (organ === 'rest') flowFrac = restFlowFraction
    else if (organ === 'liver') flowFrac = qf.hepaticArtery.value
    else flowFrac = qf[organ].value
    const base = {
      volumeL: volFrac * bw,
      bloodFraction: bvf[organ].value,
      flowLPerH: flowFrac * qc,
      partition: data.partitionCoefficient.value * (pp?.partition ?? 1),
      pac: data.permeabilityFraction.value * (pp?.permeability ?? 1),
      kMax: data.kMaxPerH.value * kMaxScale * (pp?.kMax ?? 1),
      kRel: data.kRelPerH.value * kRelScale * (pp?.kRel ?? 1),
    }
    const ot = organTotals(results, organ)
    // flow extraction E (splenic filtration): E·Q/V_capillary from capillary blood into the
    // phagocytes, saturable like their uptake (system.ts)
    const endo = ot.endothelialCapturePerH
    const filtration = ot.flowExtraction * base.flowLPerH / (base.bloodFraction * base.volumeL)
    const portal = organ === 'spleen' || organ === 'colon' || organ === 'pancreas'
    const make = (frac: number, inflamed: boolean, volMult: number, pa: number, km: number, capMult: number, k50H: number, receptorOfKMax: number, endothelialOfKMax = 0): CompartmentParameters => {
      const volumeL = base.volumeL * frac * volMult
      const capillaryVolumeL = base.bloodFraction * volumeL
      const flowLPerH = base.flowLPerH * frac
      // PA = PAC · Q (brief §2.1.2; lungs: PAC · Q_C)
      const paLPerH = base.pac * pa * flowLPerH
      const kMaxFull = base.kMax * km
      // undelayed uptake: receptor-mediated (cell-site ligands) and the immediate share of K_max
      let kMaxPerH = kMaxFull
      let undelayedUptakePerH = receptorOfKMax * kMaxFull
      const f = ot.immediateKMaxFraction
      if (f > 0) {
        kMaxPerH = kMaxFull * (1 - f)
        undelayedUptakePerH = kMaxFull * f + undelayedUptakePerH
      }
      return {
        key: organ, inflamed, volumeL, capillaryVolumeL, tissueVolumeL: volumeL - capillaryVolumeL, flowLPerH, portal,
        partition: base.partition,
        paLPerH,
        kMaxPerH,
        k50H, hillN: data.hillN.value,
        kRelPerH: base.kRel,
        // capacity: particles/g × g tissue; volumes in L at density 1
        capacityParticles: ot.capacityParticlesPerG * volumeL * 1000 * capMult,
        filtrationPerH: filtration * frac,
        uptakeSource: data.uptakeSource,
        degradationPerH: kDeg,
        // off-target endothelial capture (ligands' catalog rates) plus, on the lesion, the
        // endothelial ligands' (gain − 1)·K_max from its capillary blood (modifiers/ligands.ts)
        endothelialCapturePerH: endo + endothelialOfKMax * kMaxFull,
        undelayedUptakePerH,
      }
    }
    if (organ === inflamedTarget) {
      if (lesionFraction < 1) compartments.push(make(1 - lesionFraction, false, 1, ot.permeability, ot.kMax, ot.capacity, data.k50H.value, 0))
      if (target === organ) targetIndex = compartments.length
      compartments.push(make(lesionFraction, true, lesion.volume, lesion.permeability, ot.kMax * lesion.kMax, ot.capacity * lesion.capacity,
        lesion.phagocyteK50H ?? data.k50H.value, lesion.receptorUptakeOfKMax, lesion.endothelialUptakeOfKMax))
    } else {
      if (target === organ) targetIndex = compartments.length
      compartments.push(make(1, false, 1, ot.permeability, ot.kMax, ot.capacity, data.k50H.value, 0))
    }
  }

  const assumptions: PbpkAssumption[] = texts ? results.flatMap((r) => r.assumptions) : []
  const warnings: string[] = texts ? results.flatMap((r) => r.warnings) : []
  // --- species scaling of the mouse nanoparticle set (§2.2.4, rateScales)
  if (texts && input.species !== 'mouse') {
    const human = input.species === 'human'
    const scaling = human ? D.organNp.humanScaling : D.organNp.ratScaling
    const [name, s] = human ? ['Human', 'h'] : ['Rat', 'r']
    assumptions.push(cite(`organNp.${input.species}Scaling`, `${name} K_rel scaled from mouse by (BW_${s}/BW_m)^${typographic(scaling.rateConstantExponent.value)}`, scaling.rateConstantExponent))
    assumptions.push(cite(`organNp.${input.species}ClearanceScaling`, `${name} phagocytic clearance K_max·V_source scaled from mouse by (BW_${s}/BW_m)^${scaling.kMaxClearanceExponent.value}`, scaling.kMaxClearanceExponent))
    warnings.push(human
      ? 'Human nanoparticle phagocyte parameters are unverified (no published human set): mouse values scaled by body weight (NanoForge estimate, calibrated on the human Doxil half-life of Gabizon A et al. 1994, Cancer Res 54:987).'
      : 'Rat nanoparticle phagocyte parameters are unverified: mouse values scaled by body weight (NanoForge estimate; the citrate-gold defaults of the rat Nano-iPBPK model, Chou WC et al. 2022, Part Fibre Toxicol 19, doi:10.1186/s12989-022-00489-4, are not used).')
  }

  return {
    params: {
      species: input.species, bodyWeightKg: bw,
      doseParticles: required(scalars, 'doseParticles'),
      nonSaturableFraction: required(scalars, 'nonSaturableFraction'),
      cardiacOutputLPerH: qc, arterialVolumeL: arterialL, venousVolumeL: venousL,
      compartments, targetIndex,
      urineClearanceLPerH: required(scalars, 'urineClearanceLPerH'), bileClearanceLPerH: required(scalars, 'bileClearanceLPerH'),
      bolusInfusionH: D.simulation.bolusInfusionH.value,
      renalFilteredFraction: required(scalars, 'renalFilteredFraction'),
    },
    assumptions, warnings,
  }
}
