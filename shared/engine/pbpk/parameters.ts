/**
 * The design → parameters ("modifier") layer of the PBPK engine (science brief §2.2-2.6).
 *
 * Takes a {@link BiodistributionInput} and produces the numeric parameters of every
 * compartment: physiology scaled by body weight (§2.3), the organ nanoparticle set of the
 * species (§2.2), and the multipliers for size (§2.4.1), PEG (§2.4.2), charge (§2.4.3),
 * cloaks (§2.4.4), carrier degradation (§2.4.6), disease state (§2.5) and ligands through
 * the avidity model (§2.6). Every applied modifier is recorded as an assumption with its
 * evidence tag (brief Part 4, note 7).
 */
import type { Cited } from '../../catalog/cited'
import type { SpeciesId } from '../../catalog/ids'
import { ORGAN_KEYS, PBPK_DATA, type OrganKey } from './data'
import type { BiodistributionInput, PbpkAssumption } from './types'

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
  readonly capacityUg: number
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
}

/** All numeric parameters of one simulation. */
export interface ModelParameters {
  readonly species: SpeciesId
  readonly bodyWeightKg: number
  readonly doseUg: number
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

function cite(id: string, description: string, c: Cited, value = c.value): PbpkAssumption {
  return { id, description, value, unit: c.unit, source: c.source, evidence: c.evidence }
}

/**
 * Glomerular sieving coefficient of particles of hydrodynamic diameter `hdNm`: the fraction of
 * the glomerular filtration rate that carries them into urine (brief §2.4.1). 1 up to 3 nm
 * (inulin-sized solutes are filtered freely), then a logistic renormalised to 1 at 3 nm
 * (midpoint 3.25 nm, width 1.05 nm: 0.46 at 4.36 nm, 0.19 at 5.5 nm, 0.019 at 8 nm), and 0 from
 * 10 nm. Calibrated on Choi 2007's liver values for 4.36 and 8.65 nm quantum dots (pbpk.json
 * excretion.renalFiltration); replaces the brief's f = 1 below 5.5 nm, which filters such a
 * dot like inulin.
 */
export function renalFilteredFraction(hdNm: number): number {
  const r = D.excretion.renalFiltration
  if (hdNm <= r.freeFiltrationBelowNm.value) return 1
  if (hdNm >= r.noFiltrationAboveNm.value) return 0
  const logistic = (x: number): number => 1 / (1 + Math.exp((x - r.logisticMidpointNm.value) / r.logisticWidthNm.value))
  return logistic(hdNm) / logistic(r.freeFiltrationBelowNm.value)
}

/**
 * Multivalent binding probability per encounter (simplified Martinez-Veracoechea & Frenkel
 * 2011, brief §2.6.2). With x = [R]_eff/K_D the ratio of the effective receptor
 * concentration in the contact shell (σ_R / (N_A·δ)) to the monovalent K_D and n_L the
 * ligands in the contact patch (perParticle · δ/HD, the cap of a sphere within δ of the
 * surface), K_av = (1 + x)^n_L − 1 and p = K_av / (1 + K_av) = 1 − (1 + x)^(−n_L).
 */
export function bindingProbability(
  receptorDensityPerUm2: number, kdNm: number, ligandsPerParticle: number, hdNm: number,
): number {
  if (receptorDensityPerUm2 <= 0 || ligandsPerParticle <= 0 || kdNm <= 0) return 0
  const deltaNm = D.avidity.contactRangeNm.value
  const sigmaPerM2 = receptorDensityPerUm2 * 1e12
  const deltaM = deltaNm * 1e-9
  const kdMolPerM3 = kdNm * 1e-9 * 1e3
  const x = sigmaPerM2 / (D.avidity.avogadro.value * deltaM * kdMolPerM3)
  const nL = ligandsPerParticle * Math.min(1, deltaNm / Math.max(hdNm, 1e-9))
  return 1 - Math.exp(-nL * Math.log1p(x))
}

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

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x))

/**
 * Resolves all numeric parameters for one input (brief §2.2-2.6). `perturbation` multiplies
 * the uncertain parameters (Monte Carlo); without it the nominal (median) values are used.
 */
export function resolveParameters(input: BiodistributionInput, perturbation?: ParameterPerturbation): ResolvedParameters {
  const assumptions: PbpkAssumption[] = []
  const warnings: string[] = []
  const phys = D.species[input.species]
  const bw = input.bodyWeightKg ?? phys.bodyWeightKg.value
  // Cardiac output Q_C = QCC · BW^0.75 (brief §2.3).
  const qc = phys.cardiacOutputCoefficient.value * Math.pow(bw, 0.75)
  const vf = phys.volumeFractions
  const qf = phys.flowFractions
  const bvf = phys.capillaryBloodFractions
  const hd = input.hydrodynamicDiameterNm

  // Rest of body by difference (brief §2.3): volume 1 − Σ others (incl. blood); flow 1 − Σ others.
  let qSum = 0
  for (const k of Object.keys(qf) as Array<keyof typeof qf>) qSum += qf[k].value
  const restVolumeFraction = restVolumeFractionOf(input.species)
  const restFlowFraction = 1 - qSum
  if (restVolumeFraction <= 0 || restFlowFraction <= 0) throw new Error('pbpk.json: rest-of-body volume or flow is not positive')

  const bloodL = vf.blood.value * bw
  const arterialL = phys.arterialFractionOfBlood.value * bloodL
  const venousL = bloodL - arterialL

  // --- disease (brief §2.5)
  const disease = D.diseases[input.disease]
  const target: OrganKey | null = input.goal === 'tolerize' ? null : disease.targetTissue
  const inflamedTarget = disease.targetTissue
  const lesionFraction = disease.lesionFractionOfOrgan?.value ?? 1
  const pert = perturbation
  const dPa = disease.permeabilityMultiplier ? 1 + (disease.permeabilityMultiplier.value - 1) * (pert?.diseasePermeability ?? 1) : 1
  const dK = disease.kMaxMultiplier ? 1 + (disease.kMaxMultiplier.value - 1) * (pert?.diseaseKMax ?? 1) : 1
  const dV = disease.volumeMultiplier?.value ?? 1
  if (inflamedTarget !== null && disease.permeabilityMultiplier && disease.kMaxMultiplier && disease.volumeMultiplier) {
    if (disease.phagocyteK50H) assumptions.push(cite(`disease.${input.disease}.phagocyteK50H`, `${input.disease}: phagocytes of the inflamed ${inflamedTarget} take up particles from injection (activation K_50)`, disease.phagocyteK50H))
    assumptions.push(cite(`disease.${input.disease}.permeabilityMultiplier`, `${input.disease}: ${inflamedTarget} PATC multiplier (inflamed state)`, disease.permeabilityMultiplier, dPa))
    assumptions.push(cite(`disease.${input.disease}.kMaxMultiplier`, `${input.disease}: ${inflamedTarget} phagocyte K_max multiplier`, disease.kMaxMultiplier, dK))
    if (dV !== 1) assumptions.push(cite(`disease.${input.disease}.volumeMultiplier`, `${input.disease}: ${inflamedTarget} volume (swelling) multiplier`, disease.volumeMultiplier))
    if (disease.lesionFractionOfOrgan && lesionFraction < 1) {
      assumptions.push(cite(`disease.${input.disease}.lesionFractionOfOrgan`, `${input.disease}: fraction of ${inflamedTarget} that is lesion`, disease.lesionFractionOfOrgan))
    }
  }

  // --- size (brief §2.4.1)
  const sz = D.modifiers.size
  const paSize = clamp(Math.exp(-(hd - sz.permeabilityReferenceNm.value) / sz.permeabilityLengthNm.value),
    sz.permeabilityMultiplierMin.value, sz.permeabilityMultiplierMax.value)
  const liverSize = clamp(Math.pow(hd / sz.liverReferenceNm.value, sz.liverExponent.value), sz.liverMultiplierMin.value, sz.liverMultiplierMax.value)
  const spleenSize = 1 + sz.spleenExtraMax.value / (1 + Math.exp(-(hd - sz.spleenMidpointNm.value) / sz.spleenWidthNm.value))
  assumptions.push(cite('modifier.size.permeability', `PAC of leaky organs (${sz.leakyOrgans.join(', ')} and an inflamed target) × exp(−(HD − ${sz.permeabilityReferenceNm.value})/${sz.permeabilityLengthNm.value} nm)`, sz.permeabilityLengthNm, paSize))
  assumptions.push(cite('modifier.size.liverKMax', 'Liver K_max × (HD/100 nm)^0.5, clamped 0.3-3', sz.liverExponent, liverSize))
  // Liver: share of K_max acting at once (Lin 2016 [V]: 100 nm taken up from blood at once,
  // 13 nm after a ~10 h delay); linear in log HD between the two, the rest Hill-delayed.
  const lo = sz.liverDelayedUptakeBelowNm.value
  const hi = sz.liverImmediateUptakeAboveNm.value
  const liverImmediate = clamp(Math.log(hd / lo) / Math.log(hi / lo), 0, 1)
  if (liverImmediate > 0) assumptions.push(cite('modifier.size.liverImmediateUptake', `Liver phagocytic uptake: ${(liverImmediate * 100).toFixed(0)} % acts at once, the rest after the Hill delay (HD ${hd.toFixed(0)} nm; ${lo} nm delayed, ${hi} nm immediate)`, sz.liverImmediateUptakeAboveNm, liverImmediate))
  assumptions.push(cite('modifier.size.spleenKMax', 'Spleen K_max × [1 + 4/(1 + exp(−(HD − 200)/30))]', sz.spleenMidpointNm, spleenSize))
  // Splenic filtration (brief §2.4.1, Moghimi 1995): red-pulp slits retain particles > ~200 nm
  // from the blood passing through; extraction E(HD) of splenic flow, first order from spleen
  // capillary blood into splenic macrophages (mechanical, not capacity-limited).
  const spleenExtraction = sz.spleenFiltrationExtractionMax.value / (1 + Math.exp(-(hd - sz.spleenMidpointNm.value) / sz.spleenFiltrationWidthNm.value))
  if (spleenExtraction > 0.01 * sz.spleenFiltrationExtractionMax.value) {
    assumptions.push(cite('modifier.size.spleenFiltration', `Splenic filtration: ${(spleenExtraction * 100).toFixed(1)} % of splenic blood flow retained (HD ${hd.toFixed(0)} nm)`, sz.spleenFiltrationExtractionMax, spleenExtraction))
  }

  // --- PEG (brief §2.4.2, recalibrated): liver and spleen K_max × [f_res + (1 − f_res)·exp(−k s)],
  // s = clamp(Γ/Γ*, 0, 3), k = 6.5, f_res = 0.008 (pbpk.json notes: anchored on Part 3 rows 3-4)
  const pg = D.modifiers.peg
  const s = clamp(input.pegCoverageRatio, 0, pg.coverageRatioMax.value)
  const fRes = pg.residualFraction.value
  const pegFactor = fRes + (1 - fRes) * Math.exp(-pg.liverSpleenKMaxDecay.value * s)
  if (s > 0) {
    assumptions.push(cite('modifier.peg.liverSpleenKMax', `PEG coverage ratio ${s.toFixed(2)}: liver and spleen K_max × [${fRes} + ${1 - fRes}·exp(−${pg.liverSpleenKMaxDecay.value} s)]`, pg.liverSpleenKMaxDecay, pegFactor))
    assumptions.push(cite('modifier.peg.residualFraction', 'Liver/spleen K_max fraction left under a dense PEG brush', pg.residualFraction))
  }

  // --- charge (brief §2.4.3), hidden by a PEG brush
  const ch = D.modifiers.charge
  let liverCharge = 1
  let lungCharge = 1
  if (input.pegCoverageRatio < ch.pegShieldCoverageRatio.value) {
    if (input.zetaMv > ch.cationicThresholdMv.value) {
      liverCharge = lungCharge = ch.cationicLiverLungKMaxMultiplier.value
      assumptions.push(cite('modifier.charge.cationic', `ζ = ${input.zetaMv} mV > +15 mV: liver and lung K_max multiplier (opsonisation, lung capture)`, ch.cationicLiverLungKMaxMultiplier))
    } else if (input.zetaMv < ch.anionicThresholdMv.value) {
      liverCharge = ch.anionicLiverKMaxMultiplier.value
      assumptions.push(cite('modifier.charge.anionic', `ζ = ${input.zetaMv} mV < −30 mV without PEG brush: liver K_max multiplier (scavenger receptors)`, ch.anionicLiverKMaxMultiplier))
    }
  }

  // --- cloak (brief §2.4.4)
  let cloakPc = 1
  let cloakPa = 1
  if (input.membraneCloak !== null) {
    const cl = D.modifiers.cloak[input.membraneCloak]
    cloakPc = cl.phagocyteKMaxMultiplier.value
    cloakPa = cl.inflamedPermeabilityMultiplier.value
    assumptions.push(cite(`modifier.cloak.${input.membraneCloak}.phagocyteKMax`, `${input.membraneCloak} membrane cloak: liver/spleen K_max multiplier`, cl.phagocyteKMaxMultiplier))
    if (cloakPa !== 1 && inflamedTarget !== null) {
      assumptions.push(cite(`modifier.cloak.${input.membraneCloak}.inflamedPermeability`, `${input.membraneCloak} membrane cloak: inflamed-site adhesion PA multiplier`, cl.inflamedPermeabilityMultiplier))
    }
  }

  // --- carrier degradation in PC (brief §2.4.6)
  let kDeg = 0
  if (input.core.degradable) {
    const dc = D.modifiers.degradation[input.core.coreClass]
    kDeg = input.core.degradationPerH ?? dc?.value ?? 0
    if (input.core.degradationPerH === undefined && dc) {
      assumptions.push(cite(`modifier.degradation.${input.core.coreClass}`, `Carrier degradation in phagocytic cells (${input.core.coreClass})`, dc))
    }
  }

  // --- ligands (brief §2.6): target K_max gain, endothelial capture, off-target
  // Cell-site ligands (folate → FR-β macrophages, HA → CD44 …) raise the target's phagocytic
  // K_target by `gain` (brief §2.6.2: × 1.2-3 on K_target). The increment (gain − 1)·K_max is
  // receptor-mediated endocytosis by cells that express the receptor at injection in
  // established disease (FR-β on activated synovial macrophages, Turk 2002), so it is not
  // delayed by the Hill activation of nonspecific uptake; it saturates with the target's
  // phagocytic capacity, raised by the same gain (receptor-bearing cells) — which bounds the
  // exposure gain by ~gain (brief: active targeting raises delivery only modestly).
  const lesionGain = { kMax: 1, endothelial: 0 }
  const offKMax: Partial<Record<OrganKey, number>> = {}
  const offEndo: Partial<Record<OrganKey, number>> = {}
  for (const l of input.ligands) {
    const ld = D.ligands[l.ligand]
    const kd = l.monovalentKdNm ?? ld.monovalentKdNm.value
    if (inflamedTarget !== null) {
      const sigma = input.disease === 'healthy' ? ld.restingReceptorDensityPerUm2.value : ld.inflamedReceptorDensityPerUm2.value
      const p = bindingProbability(sigma, kd, l.perParticle, hd)
      const gain = 1 + (ld.maxGain.value - 1) * p
      if (ld.site === 'cell') lesionGain.kMax += gain - 1
      else lesionGain.endothelial += gain - 1
      assumptions.push(cite(`ligand.${l.ligand}.targetGain`, `${l.ligand} (${l.perParticle}/particle): binding probability ${p.toFixed(3)} on the inflamed ${inflamedTarget}; ${ld.site === 'cell' ? 'target K_max' : 'endothelial capture'} gain`, ld.maxGain, gain))
      if (gain > D.avidity.gainWarningThreshold.value) warnings.push(`${l.ligand}: predicted targeting gain ${gain.toFixed(1)}× exceeds 3×; active targeting usually raises delivery only modestly (brief §2.6.2).`)
    }
    for (const ot of ld.offTarget) {
      if (!ot.diseases.includes('all') && !ot.diseases.includes(input.disease)) continue
      const p = bindingProbability(ot.receptorDensityPerUm2.value, kd, l.perParticle, hd)
      if (ot.mode === 'kMaxMultiplier') {
        const m = 1 + (ot.value.value - 1) * p
        offKMax[ot.organ] = (offKMax[ot.organ] ?? 1) * m
        assumptions.push(cite(`ligand.${l.ligand}.offTarget.${ot.organ}`, `${l.ligand}: off-target ${ot.organ} phagocyte K_max multiplier`, ot.value, m))
      } else {
        const k = ot.value.value * p
        offEndo[ot.organ] = (offEndo[ot.organ] ?? 0) + k
        assumptions.push(cite(`ligand.${l.ligand}.offTarget.${ot.organ}`, `${l.ligand}: off-target ${ot.organ} endothelial capture, h⁻¹`, ot.value, k))
      }
    }
  }

  // --- build compartments
  const compartments: CompartmentParameters[] = []
  let targetIndex = -1
  for (const organ of ORGAN_KEYS) {
    const data = D.organNp.mouse[organ]
    const { kMaxScale, kRelScale } = rateScales(input.species)[organ]
    const pp = pert?.organs[organ]
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
      capUgPerG: data.capacityUgPerG.value * (pp?.capacity ?? 1),
    }
    let kMaxMod = 1
    const paMod = sz.leakyOrgans.includes(organ) ? paSize : 1
    if (organ === 'liver') kMaxMod *= liverSize * pegFactor * liverCharge * cloakPc
    if (organ === 'spleen') kMaxMod *= spleenSize * pegFactor * cloakPc
    if (organ === 'lungs') kMaxMod *= lungCharge
    kMaxMod *= offKMax[organ] ?? 1
    let endo = offEndo[organ] ?? 0
    if (organ === 'spleen') {
      // splenic filtration: E·Q_spleen from capillary blood (rate = E·Q/V_capillary)
      const vCap = bvf.spleen.value * base.volumeL
      endo += spleenExtraction * base.flowLPerH / vCap
    }
    const portal = organ === 'spleen' || organ === 'colon' || organ === 'pancreas'
    const make = (frac: number, inflamed: boolean, volMult: number, pa: number, km: number, endoK: number): CompartmentParameters => {
      const volumeL = base.volumeL * frac * volMult
      const capillaryVolumeL = base.bloodFraction * volumeL
      const flowLPerH = base.flowLPerH * frac
      return {
        key: organ, inflamed, volumeL, capillaryVolumeL, tissueVolumeL: volumeL - capillaryVolumeL, flowLPerH, portal,
        partition: base.partition,
        // PA = PAC · Q (brief §2.1.2; lungs: PAC · Q_C)
        paLPerH: base.pac * pa * flowLPerH,
        kMaxPerH: base.kMax * km,
        k50H: data.k50H.value, hillN: data.hillN.value,
        kRelPerH: base.kRel,
        // capacity: µg/g × g tissue (brief Part 4 note 1); volumes in L at density 1
        capacityUg: base.capUgPerG * volumeL * 1000,
        uptakeSource: data.uptakeSource,
        degradationPerH: kDeg,
        endothelialCapturePerH: endoK,
        undelayedUptakePerH: 0,
      }
    }
    if (organ === inflamedTarget) {
      // inflamed vasculature is leaky: the size PAC multiplier applies once (brief §2.4.1)
      const lesionPa = paSize * dPa * cloakPa
      const lesionK = kMaxMod * dK
      // ligand endothelial capture ~ (gain − 1) × passive extravasation rate, bounded by flow (brief §2.6.2)
      const lesion0 = make(lesionFraction, true, dV, lesionPa, lesionK, 0)
      // cell-site ligands: receptor-mediated part of K_target, (gain − 1)·K_max, acting at once;
      // the receptor-bearing cells add (gain − 1)·Cap of capacity (shared saturation)
      const lesion = {
        ...lesion0,
        // established inflammation where the disease says so: phagocytes active at injection (ELVIS, §2.5)
        k50H: disease.phagocyteK50H?.value ?? lesion0.k50H,
        undelayedUptakePerH: (lesionGain.kMax - 1) * lesion0.kMaxPerH,
        capacityUg: lesion0.capacityUg * lesionGain.kMax,
      }
      const endoK = Math.min(lesionGain.endothelial * lesion.paLPerH / lesion.capillaryVolumeL, lesion.flowLPerH / lesion.capillaryVolumeL)
      const lesionWithEndo = {
        ...lesion, endothelialCapturePerH: endo + endoK,
      }
      if (lesionFraction < 1) compartments.push(make(1 - lesionFraction, false, 1, paMod, kMaxMod, endo))
      if (target === organ) targetIndex = compartments.length
      compartments.push(lesionWithEndo)
    } else {
      if (target === organ) targetIndex = compartments.length
      const c = make(1, false, 1, paMod, kMaxMod, endo)
      // liver: the immediate share of K_max acts without the Hill delay, through the
      // non-delayed uptake term (same capacity limitation)
      compartments.push(organ === 'liver' && liverImmediate > 0
        ? { ...c, kMaxPerH: c.kMaxPerH * (1 - liverImmediate), undelayedUptakePerH: c.kMaxPerH * liverImmediate }
        : c)
    }
  }

  // --- excretion (brief §2.1.2, §2.4.1): K_urine = f_filt(HD)·GFR + K_urineC·BW^0.75; K_bile = K_bileC·BW^0.75
  const ex = D.excretion[input.species]
  const fFilt = renalFilteredFraction(hd)
  const gfr = phys.gfrCoefficient.value * Math.pow(bw, 0.75)
  const urine = fFilt * gfr + ex.urinaryCoefficient.value * Math.pow(bw, 0.75)
  const bile = ex.biliaryCoefficient.value * Math.pow(bw, 0.75)
  if (fFilt > 0) {
    assumptions.push(cite('modifier.size.renalFiltration', `Renal filtration: sieving coefficient ${fFilt.toFixed(3)} of GFR for HD ${hd} nm (calibrated on Choi 2007)`, D.excretion.renalFiltration.logisticMidpointNm, fFilt))
    assumptions.push(cite(`species.${input.species}.gfrCoefficient`, 'Glomerular filtration rate coefficient', phys.gfrCoefficient))
  }
  if (input.species === 'human') {
    assumptions.push(cite('organNp.humanScaling', 'Human K_rel scaled from mouse by (BW_h/BW_m)^−0.25', D.organNp.humanScaling.rateConstantExponent))
    assumptions.push(cite('organNp.humanClearanceScaling', `Human phagocytic clearance K_max·V_source scaled from mouse by (BW_h/BW_m)^${D.organNp.humanScaling.kMaxClearanceExponent.value}`, D.organNp.humanScaling.kMaxClearanceExponent))
  } else if (input.species === 'rat') {
    assumptions.push(cite('organNp.ratScaling', 'Rat K_rel scaled from mouse by (BW_r/BW_m)^−0.25', D.organNp.ratScaling.rateConstantExponent))
    assumptions.push(cite('organNp.ratClearanceScaling', `Rat phagocytic clearance K_max·V_source scaled from mouse by (BW_r/BW_m)^${D.organNp.ratScaling.kMaxClearanceExponent.value}`, D.organNp.ratScaling.kMaxClearanceExponent))
  }

  // --- validity warnings
  const v = D.validity
  if (hd < v.hydrodynamicDiameterMinNm.value || hd > v.hydrodynamicDiameterMaxNm.value) {
    warnings.push(`Hydrodynamic diameter ${hd} nm is outside ${v.hydrodynamicDiameterMinNm.value}-${v.hydrodynamicDiameterMaxNm.value} nm, the range the PBPK parameters were built on; results are extrapolated.`)
  }
  if (input.zetaMv < v.zetaMinMv.value || input.zetaMv > v.zetaMaxMv.value) {
    warnings.push(`Zeta potential ${input.zetaMv} mV is outside ±60 mV; the charge heuristics are extrapolated.`)
  }
  if (input.particleDoseMgPerKg > v.doseMaxMgPerKg.value) {
    warnings.push(`Particle dose ${input.particleDoseMgPerKg} mg/kg exceeds ${v.doseMaxMgPerKg.value} mg/kg; phagocyte capacities are far exceeded.`)
  }
  if (input.pegCoverageRatio > pg.coverageRatioMax.value) {
    warnings.push(`PEG coverage ratio ${input.pegCoverageRatio.toFixed(2)} is above 3; the PEG effect is capped at a ratio of 3.`)
  }
  if (input.species !== 'mouse') {
    warnings.push(input.species === 'human'
      ? 'Human nanoparticle phagocyte parameters are unverified (brief §2.2.4): mouse values scaled by body weight.'
      : 'Rat nanoparticle phagocyte parameters are unverified: mouse values scaled by body weight (brief §2.2.4 approach; the Nano-iPBPK citrate-gold defaults of §2.2.3 are not used).')
  }

  return {
    params: {
      species: input.species, bodyWeightKg: bw,
      doseUg: input.particleDoseMgPerKg * bw * 1000,
      cardiacOutputLPerH: qc, arterialVolumeL: arterialL, venousVolumeL: venousL,
      compartments, targetIndex,
      urineClearanceLPerH: urine, bileClearanceLPerH: bile,
      bolusInfusionH: D.simulation.bolusInfusionH.value,
      renalFilteredFraction: fFilt,
    },
    assumptions, warnings,
  }
}
