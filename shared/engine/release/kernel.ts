/**
 * Mechanistic release kernel built once per design: per-environment rate constants and a
 * survival evaluator S(t) = 1 - F(t) with its time derivative (brief §1.2-1.5).
 */
import type { Design } from '../../design/types'
import { getDrug, getLipid } from '../../catalog/index'
import { orderedBilayerShare } from '../pbpk/modifiers/bilayer'
import { PBPK_DATA } from '../pbpk/data'
import {
  RELEASE_CATALOG, coreReleaseParams, drugClassOf, drugLiposomeRate, type Quantity, type ReleaseMechanism,
} from './catalog'
import { diffusivityRatio, erosionTimeIntegralH } from './erosion'
import { curvatureLeakageFactor } from './liposome-leakage'
import { bakerLonsdaleSurvivalAndSlope, sphereSurvivalAndSlope } from './sphere-diffusion'
import {
  dispersedWeight, drugMatrixDiffusivityCm2PerS, hydrophilicBurstMultiplier, sizeScaledBurstFraction,
} from './drug-matrix'
import {
  RELEASE_ENVIRONMENT_IDS, mmpMultiplier, phMultiplierAcidCatalysed, phMultiplierLogistic, rosMultiplier,
} from './triggers'
import type { ReleaseAssumption } from './types'

const SECONDS_PER_H = 3600
const CM_PER_NM = 1e-7

/** Precomputed release kernel of one design. */
export interface ReleaseKernel {
  readonly mechanism: ReleaseMechanism
  readonly mechanismLabel: string
  readonly drugClass: string
  /** 'sphere' (Crank), 'baker-lonsdale' (dispersed drug), their blend near the solubility
   * limit, or 'first-order' core release. */
  readonly coreForm: 'sphere' | 'baker-lonsdale' | 'blend' | 'first-order'
  /** Weight of the dispersed (Baker-Lonsdale) survival in the core survival, 0-1. */
  readonly dispersedWeight: number
  readonly burstFraction: number
  readonly burstRatePerH: number
  /** Erosion: k_deg in 1/h and beta (zero when no erosion). */
  readonly degradationRatePerH: number
  readonly beta: number
  /** Per environment (RELEASE_ENVIRONMENT_IDS order): tau per hour of Phi for diffusion forms,
   * first-order rate in 1/h otherwise. Already includes the environment multiplier. */
  readonly ratePerH: Float64Array
  /** Per-environment multiplier relative to plasma. */
  readonly multiplier: Float64Array
  /** 3 C_s / C_0 for Baker-Lonsdale (c = that × tau); 3 when C_0 ≤ C_s (not used then). */
  readonly bakerLonsdaleFactor: number
  readonly assumptions: ReleaseAssumption[]
  readonly warnings: string[]
}

function assume(list: ReleaseAssumption[], parameter: string, q: Quantity): number {
  list.push({ parameter, value: q.value, unit: q.unit, source: q.source, evidence: q.evidence, ...(q.note ? { note: q.note } : {}) })
  return q.value
}

/** Builds the kernel for a design: catalog lookups, size, drug class, triggers. */
export function buildReleaseKernel(design: Design, phForm: 'acid-catalysed' | 'logistic' = 'acid-catalysed'): ReleaseKernel {
  const assumptions: ReleaseAssumption[] = []
  const warnings: string[] = []
  const coreId = design.core.material
  const core = coreReleaseParams(coreId)
  const { classId, params: drugClass } = drugClassOf(design.payload.drug)
  const cp = `core.${coreId}`
  const dp = `drugClass.${classId}`
  const radiusNm = design.core.diameterNm / 2
  const radiusCm = radiusNm * CM_PER_NM
  const env = RELEASE_CATALOG.environments
  const envs = RELEASE_ENVIRONMENT_IDS.map((id) => env[id])
  const trig = RELEASE_CATALOG.triggers

  // Environment multipliers from the trigger (brief §1.5), normalised to plasma.
  const multiplier = new Float64Array(3).fill(1)
  const trigger = design.payload.trigger
  if (trigger !== 'none') {
    RELEASE_ENVIRONMENT_IDS.forEach((id) => {
      assume(assumptions, `environment.${id}.${trigger === 'ph' ? 'pH' : trigger === 'ros' ? 'h2o2Um' : 'mmpActiveNm'}`,
        trigger === 'ph' ? env[id].pH : trigger === 'ros' ? env[id].h2o2Um : env[id].mmpActiveNm)
    })
  }
  if (trigger === 'ph') {
    const ref = assume(assumptions, 'trigger.ph.referencePH', trig.ph.referencePH)
    if (phForm === 'logistic') {
      const pKa = assume(assumptions, 'trigger.ph.logisticPKa', trig.ph.logisticPKa)
      const nH = assume(assumptions, 'trigger.ph.logisticHillCoefficient', trig.ph.logisticHillCoefficient)
      const mMax = assume(assumptions, 'trigger.ph.logisticMaxMultiplier', trig.ph.logisticMaxMultiplier)
      envs.forEach((e, i) => { multiplier[i] = phMultiplierLogistic(e.pH.value, pKa, nH, mMax, ref) })
    } else {
      const f0 = assume(assumptions, 'trigger.ph.uncatalysedFractionAtReference', trig.ph.uncatalysedFractionAtReference)
      const cap = assume(assumptions, 'trigger.ph.multiplierCap', trig.ph.multiplierCap)
      envs.forEach((e, i) => { multiplier[i] = phMultiplierAcidCatalysed(e.pH.value, ref, f0, cap) })
    }
  } else if (trigger === 'ros') {
    const ref = assume(assumptions, 'trigger.ros.referenceH2o2Um', trig.ros.referenceH2o2Um)
    const a = assume(assumptions, 'trigger.ros.sensitivityAtReference', trig.ros.sensitivityAtReference)
    const cap = assume(assumptions, 'trigger.ros.multiplierCap', trig.ros.multiplierCap)
    envs.forEach((e, i) => { multiplier[i] = rosMultiplier(e.h2o2Um.value, env.plasma.h2o2Um.value, ref, a, cap) })
  } else if (trigger === 'mmp') {
    const kk = assume(assumptions, 'trigger.mmp.kcatOverKmPerMPerS', trig.mmp.kcatOverKmPerMPerS)
    const ks = assume(assumptions, 'trigger.mmp.spontaneousRatePerS', trig.mmp.spontaneousRatePerS)
    const cap = assume(assumptions, 'trigger.mmp.multiplierCap', trig.mmp.multiplierCap)
    envs.forEach((e, i) => { multiplier[i] = mmpMultiplier(e.mmpActiveNm.value, env.plasma.mmpActiveNm.value, kk, ks, cap) })
  }

  let burstFraction = assume(assumptions, `${cp}.burstFraction`, core.burstFraction)
  const burstRatePerH = assume(assumptions, `${cp}.burstRatePerH`, core.burstRatePerH)
  let coreForm: ReleaseKernel['coreForm'] = 'first-order'
  let degradationRatePerH = 0
  let beta = 0
  let bakerLonsdaleFactor = 0
  let wDispersed = 0
  const drugId = design.payload.drug
  const drug = getDrug(drugId)
  /** Burst multiplier: hydrophilicity logistic for drugs with a logP, the class value otherwise. */
  const burstMultiplier = (): number => {
    if (drug.logP === undefined) return assume(assumptions, `${dp}.burstMultiplier`, drugClass.burstMultiplier)
    const bh = RELEASE_CATALOG.burstHydrophilicity
    return hydrophilicBurstMultiplier(
      assume(assumptions, `drug.${drugId}.logP`, drug.logP),
      assume(assumptions, 'burstHydrophilicity.maxMultiplier', bh.maxMultiplier),
      assume(assumptions, 'burstHydrophilicity.midpointLogP', bh.midpointLogP),
      assume(assumptions, 'burstHydrophilicity.slopePerLogP', bh.slopePerLogP),
    )
  }
  const ratePerH = new Float64Array(3)
  let label = core.label

  switch (core.mechanism) {
    case 'erosion-diffusion':
    case 'diffusion':
    case 'swelling-diffusion': {
      // surface-associated burst scales with surface-to-volume, 1/R (drug-matrix.ts)
      const burstAtRadius = sizeScaledBurstFraction(burstFraction,
        assume(assumptions, 'surfaceBurst.referenceRadiusNm', RELEASE_CATALOG.surfaceBurst.referenceRadiusNm), radiusNm)
      burstFraction = Math.min(0.9, burstAtRadius * burstMultiplier())
      const dRef = assume(assumptions, `${cp}.diffusivityCm2PerS`, core.diffusivityCm2PerS)
      let d0: number
      if (drug.logP !== undefined) {
        // small molecule: D_app = D_ref (MW/MW_ref)^-a (drug-matrix.ts)
        const dm = RELEASE_CATALOG.drugMatrixDiffusion
        d0 = drugMatrixDiffusivityCm2PerS(
          dRef,
          assume(assumptions, `drug.${drugId}.molecularWeightDa`, drug.molecularWeightDa),
          assume(assumptions, 'drugMatrixDiffusion.referenceMolecularWeightDa', dm.referenceMolecularWeightDa),
          assume(assumptions, 'drugMatrixDiffusion.sizeExponent', dm.sizeExponent),
        )
      } else {
        // peptides and nucleic acids: no logP, outside the small-molecule relation; class multiplier
        d0 = dRef * assume(assumptions, `${dp}.diffusivityMultiplier`, drugClass.diffusivityMultiplier)
      }
      if (core.mechanism === 'erosion-diffusion') {
        // k_deg (1/d) -> 1/h; D(t) = D0 exp[beta(1 - Mw/Mw0)] (brief §1.3)
        degradationRatePerH = assume(assumptions, `${cp}.degradationRatePerDay`, core.degradationRatePerDay) / 24
        beta = assume(assumptions, `${cp}.betaCoupling`, core.betaCoupling)
      }
      if (core.mechanism === 'swelling-diffusion') {
        // chitosan swelling: logistic pH switch on D (brief §1.2 + §1.5.2), normalised to pH 7.4
        const pKa = assume(assumptions, `${cp}.swellingPKa`, core.swellingPKa)
        const nH = assume(assumptions, `${cp}.swellingHillCoefficient`, core.swellingHillCoefficient)
        const mMax = assume(assumptions, `${cp}.swellingMaxMultiplier`, core.swellingMaxMultiplier)
        envs.forEach((e, i) => {
          multiplier[i] = (multiplier[i] as number) * phMultiplierLogistic(e.pH.value, pKa, nH, mMax, env.plasma.pH.value)
        })
        if (trigger !== 'ph') RELEASE_ENVIRONMENT_IDS.forEach((id) => assume(assumptions, `environment.${id}.pH`, env[id].pH))
      }
      // tau = D t / R^2 with t in h: rate of tau per hour of Phi (brief §1.2)
      const tauPerH = (d0 * SECONDS_PER_H) / (radiusCm * radiusCm)
      envs.forEach((_, i) => { ratePerH[i] = tauPerH * (multiplier[i] as number) })
      // Dissolved vs dispersed drug: Crank below the solubility, Baker-Lonsdale above it, blended
      // smoothly between the catalog's start and end ratios of C0/Cs (drug-matrix.ts)
      const cs = assume(assumptions, `${dp}.matrixSolubilityPctWw`, drugClass.matrixSolubilityPctWw)
      const dd = RELEASE_CATALOG.dispersedDrug
      const c0 = design.payload.loadingPctWw
      wDispersed = dispersedWeight(c0, cs,
        assume(assumptions, 'dispersedDrug.blendStartRatio', dd.blendStartRatio),
        assume(assumptions, 'dispersedDrug.blendEndRatio', dd.blendEndRatio))
      bakerLonsdaleFactor = c0 > cs ? (3 * cs) / c0 : 3
      const ratio = (c0 / cs).toFixed(1)
      if (wDispersed >= 1) {
        coreForm = 'baker-lonsdale'
        label = `${label}; drug dispersed above its matrix solubility (C0/Cs = ${ratio}), Baker-Lonsdale`
      } else if (wDispersed > 0) {
        coreForm = 'blend'
        label = `${label}; loading near the matrix solubility (C0/Cs = ${ratio}): ${Math.round(wDispersed * 100)} % dispersed (Baker-Lonsdale), the rest dissolved (Crank)`
      } else {
        coreForm = 'sphere'
      }
      break
    }
    case 'first-order': {
      const k = assume(assumptions, `${cp}.firstOrderRatePerH`, core.firstOrderRatePerH)
      const rRef = assume(assumptions, `${cp}.referenceRadiusNm`, core.referenceRadiusNm)
      const s = assume(assumptions, `${cp}.sizeExponent`, core.sizeExponent)
      burstFraction = Math.min(0.9, burstFraction * burstMultiplier())
      // k = k_ref (R_ref/R)^s; s = 2 from the one-term sphere form k = pi^2 D / R^2 (brief §1.2)
      const kSized = k * Math.pow(rRef / radiusNm, s)
      envs.forEach((_, i) => { ratePerH[i] = kSized * (multiplier[i] as number) })
      break
    }
    case 'linker-cleavage': {
      // Release = linker cleavage only (brief §1.2 table, gold/SPION); pH trigger uses the hydrazone anchor (§1.5.2)
      const halfLifeH = trigger === 'ph'
        ? assume(assumptions, 'trigger.ph.conjugateHalfLifeAtReferenceH', trig.ph.conjugateHalfLifeAtReferenceH)
        : assume(assumptions, `${cp}.linkerHalfLifeH`, core.linkerHalfLifeH)
      const k = Math.LN2 / halfLifeH
      envs.forEach((_, i) => { ratePerH[i] = k * (multiplier[i] as number) })
      break
    }
    case 'permeation': {
      // Liposome: k_rel = P S / V_in = 3P/r, r = inner radius (brief §1.4)
      const bilayerNm = assume(assumptions, `${cp}.bilayerThicknessNm`, core.bilayerThicknessNm)
      let k: number
      const ownRate = drugLiposomeRate(drugId)
      if (ownRate) {
        // a drug whose in-vivo leakage from an ordered bilayer is calibrated (release.json drugs.<id>)
        k = assume(assumptions, `drug.${drugId}.liposomeFirstOrderRatePerH`, ownRate)
        label = `${label}; this drug's calibrated in-vivo leakage, first-order`
      } else if (drugClass.liposomeFirstOrderRatePerH) {
        k = assume(assumptions, `${dp}.liposomeFirstOrderRatePerH`, drugClass.liposomeFirstOrderRatePerH)
        label = `${label}; lipophilic drug transfers out of the bilayer first-order`
      } else if (drugClass.liposomePermeabilityCmPerS) {
        const p = assume(assumptions, `${dp}.liposomePermeabilityCmPerS`, drugClass.liposomePermeabilityCmPerS)
        const innerNm = Math.max(1, radiusNm - bilayerNm)
        if (radiusNm - bilayerNm < 1) warnings.push(`liposome of ${design.core.diameterNm} nm is thinner than its bilayer; inner radius set to 1 nm`)
        k = ((3 * p) / (innerNm * CM_PER_NM)) * SECONDS_PER_H
      } else {
        throw new Error(`drug class ${classId} has no liposome release parameter`)
      }
      // A fluid bilayer leaks faster than an ordered one: k × m^(1 − r), r the bilayer's ordered
      // share at 37 °C (pbpk modifiers/bilayer.ts, the same share the bilayer stealth reads), m
      // the drug class's fluid-over-ordered multiplier (only where calibrated: amphipathic weak
      // bases); the rates above are those of ordered bilayers.
      if (design.core.bilayer !== undefined && drugClass.fluidBilayerLeakageMultiplier) {
        const r = orderedBilayerShare(getLipid(design.core.bilayer.lipid).mainTransitionTemperatureC.value, design.core.bilayer.cholesterolMolPct, PBPK_DATA.modifiers.bilayer)
        const m = assume(assumptions, `${dp}.fluidBilayerLeakageMultiplier`, drugClass.fluidBilayerLeakageMultiplier)
        k *= Math.pow(m, 1 - r)
        if (r < 0.99) label = `${label}; ${(100 * (1 - r)).toFixed(0)} % fluid bilayer leaks faster`
      }
      // The bilayer's lipid headgroup and backbone: sphingomyelin/cholesterol holds a gradient-loaded
      // weak base longer than phosphatidylcholine/cholesterol of the same order (Webb 1995); the
      // class rate is the PC one, a lipid with a calibrated factor scales it.
      const lipidFactor = design.core.bilayer !== undefined ? drugClass.bilayerLipidLeakageFactor?.[design.core.bilayer.lipid] : undefined
      if (lipidFactor && design.core.bilayer !== undefined) {
        k *= assume(assumptions, `${dp}.bilayerLipidLeakageFactor.${design.core.bilayer.lipid}`, lipidFactor)
        label = `${label}; ${design.core.bilayer.lipid} bilayer leaks ×${lipidFactor.value} of a PC one`
      }
      // A small vesicle leaks faster than a large one: its curved outer leaflet has more area per
      // lipid, k × exp(λ(1/d − 1/d_ref)) (liposome-leakage.ts); only for a drug class with a
      // calibrated curvature length (amphipathic weak bases), the rates above read at d_ref.
      if (drugClass.curvatureLeakageLengthNm && core.leakageReferenceDiameterNm) {
        const lambda = assume(assumptions, `${dp}.curvatureLeakageLengthNm`, drugClass.curvatureLeakageLengthNm)
        const dRef = assume(assumptions, `${cp}.leakageReferenceDiameterNm`, core.leakageReferenceDiameterNm)
        const f = curvatureLeakageFactor(design.core.diameterNm, lambda, dRef)
        k *= f
        if (Math.abs(Math.log(f)) > 0.05) label = `${label}; ${design.core.diameterNm} nm vesicle leaks ×${f.toPrecision(2)} (curvature)`
      }
      envs.forEach((_, i) => { ratePerH[i] = k * (multiplier[i] as number) })
      break
    }
  }

  RELEASE_ENVIRONMENT_IDS.forEach((id, i) => {
    if ((multiplier[i] as number) !== 1) {
      assumptions.push({
        parameter: `rateMultiplier.${id}`, value: multiplier[i] as number, unit: '1',
        source: 'Derived here from the trigger (or chitosan swelling) law and the environment, with the trigger parameters listed beside it', evidence: 'D',
      })
    }
  })
  if (design.payload.drug === 'sirna' && core.mechanism === 'permeation') {
    warnings.push('siRNA in lipid particles is released by endosomal escape, which is not modelled: the first-order permeation release shown for it is an unverified estimate')
  }

  return {
    mechanism: core.mechanism, mechanismLabel: label, drugClass: classId, coreForm, dispersedWeight: wDispersed,
    burstFraction, burstRatePerH, degradationRatePerH, beta, ratePerH, multiplier,
    bakerLonsdaleFactor, assumptions, warnings,
  }
}

/**
 * Survival S = 1 - F and dS/dt (1/h) at time tH in environment index envIndex, written to
 * out = [S, dS/dt]. Two-population burst form (brief §1.2):
 * F = F_b (1 - e^(-k_b t)) + (1 - F_b) F_core(t). `phi` and `phiRate` are Phi(t) and
 * dPhi/dt from `erosionPhi` (pass tH and 1 when there is no erosion).
 */
export function kernelSurvival(
  k: ReleaseKernel, envIndex: number, tH: number, phi: number, phiRate: number, out: Float64Array,
): void {
  const rate = k.ratePerH[envIndex] as number
  let sCore: number
  let dsCore: number
  if (k.coreForm === 'first-order') {
    sCore = Math.exp(-rate * tH)
    dsCore = -rate * sCore
  } else {
    const tau = rate * phi
    const dTau = rate * phiRate
    const w = k.dispersedWeight
    sCore = 0
    dsCore = 0
    if (w < 1) {
      sphereSurvivalAndSlope(tau, out)
      sCore += (1 - w) * (out[0] as number)
      dsCore += (1 - w) * (out[1] as number) * dTau
    }
    if (w > 0) {
      bakerLonsdaleSurvivalAndSlope(k.bakerLonsdaleFactor * tau, out)
      sCore += w * (out[0] as number)
      dsCore += w * (out[1] as number) * k.bakerLonsdaleFactor * dTau
    }
  }
  const fb = k.burstFraction
  const eb = Math.exp(-k.burstRatePerH * tH)
  out[0] = fb * eb + (1 - fb) * sCore
  out[1] = -fb * k.burstRatePerH * eb + (1 - fb) * dsCore
}

/** Phi(t) = ∫D/D0 dt and its rate D(t)/D0 for the kernel's erosion (brief §1.3); [t, 1] without erosion. */
export function erosionPhi(k: ReleaseKernel, tH: number, out: Float64Array): void {
  if (k.degradationRatePerH > 0 && k.beta !== 0) {
    out[0] = erosionTimeIntegralH(tH, k.degradationRatePerH, k.beta)
    out[1] = diffusivityRatio(tH, k.degradationRatePerH, k.beta)
  } else {
    out[0] = tH
    out[1] = 1
  }
}
