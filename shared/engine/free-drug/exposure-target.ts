/**
 * Exposure targets (issue #15, "trough/exposure targets where that is how the drug is dosed, as
 * for tacrolimus"): the whole-blood concentration of a drug over time, its trough, AUC, the time
 * spent inside a cited target range and above it, for drug released by particles and for the
 * same dose of free drug given as it is given in the clinic (by mouth, twice a day).
 *
 * Every concentration comes from the one-compartment free-drug model of model.ts (CL, V of the
 * individual, k = CL/V); nothing here is a second PK model, only the input differs:
 *
 * - Released drug. The engine gives the cumulative amount released A(t_i) at its output times
 *   (all of it reaches blood, model.ts). Between two outputs the release rate is taken constant,
 *   r = ΔA/Δt (A piecewise linear), and dC/dt = r/V − k·C then has the exact step
 *     C(t + h) = C(t)·e^(−k h) + r/CL · (1 − e^(−k h)),
 *   so the curve is exact for that input and converges to the true one as the grid refines
 *   (a first-order release A = D(1 − e^(−k_r t)) gives the Bateman function, tested).
 * - Repeated particle doses every τ (steady state). Drug released after the last output is not
 *   counted (the response horizon leaves ≤ 5 % inside particles), so one dose's curve beyond τ
 *   decays as C₁(τ)·e^(−k(t−τ)); the sum over all earlier doses at t ∈ [0, τ] is
 *     C_ss(t) = C₁(t) + C₁(τ)·e^(−k t) / (1 − e^(−k τ)).
 * - Oral free drug: F·D absorbed first-order (k_a) gives the Bateman function
 *     C(t) = F·D·k_a / (V (k_a − k)) · (e^(−k t) − e^(−k_a t)),
 *   and at steady state of doses every τ (superposition of a geometric series)
 *     C_ss(t) = F·D·k_a / (V (k_a − k)) · (e^(−k t)/(1 − e^(−k τ)) − e^(−k_a t)/(1 − e^(−k_a τ))).
 *   The one-compartment V is the steady-state volume, so the early oral peak (a distribution
 *   phase the model does not have) is underestimated; the trough, set by the terminal phase,
 *   is what the model is checked against (a published steady-state trough within 2-fold).
 *
 * Trough: tacrolimus targets are steady-state pre-dose whole-blood concentrations (C0), so the
 * trough reported is the lowest concentration of a dosing interval at steady state — the free
 * drug's 12-h interval, and for particles the response's horizon taken as their dosing interval
 * (the dose is spent, ≥ 95 % released, by then). Benefit = share of the interval inside the
 * target range; harm = share above the range and above a cited toxicity threshold. No efficacy
 * number is derived from them.
 */
import type { Cited } from '../../catalog/cited'
import type { DiseaseId, DrugId } from '../../catalog/ids'
import { oneCompartmentStep, type FreeDrugParameters } from './model'

/** A target range of whole-blood trough concentrations in one disease. */
export interface TroughTarget {
  readonly lowNgPerMl: Cited
  readonly highNgPerMl: Cited
}

/** How a drug dosed to a concentration target is given as free drug, and its target and harm threshold. */
export interface ExposureTargetPd {
  /** Oral bioavailability of the free drug. */
  readonly oralBioavailability: Cited
  /** First-order absorption rate constant, 1/h. */
  readonly absorptionRatePerH: Cited
  /** Dosing interval of the free drug, h. */
  readonly freeDrugIntervalH: Cited
  /** Trough targets by disease (a disease without one gets concentrations and no target). */
  readonly troughTargets: Partial<Readonly<Record<DiseaseId, TroughTarget>>>
  /** Whole-blood concentration above which side-effects (nephrotoxicity among them) become frequent, ng/mL. */
  readonly toxicityThresholdNgPerMl: Cited
  /** A published steady-state trough at a standard oral dose: the check of the free-drug path. */
  readonly publishedTrough: { readonly doseMgPerKgPer12H: Cited; readonly troughNgPerMl: Cited }
}

const CHEN_2011 = 'Chen W, Tang X, Liu Q et al. 2011, Am J Kidney Dis 57:235-244, doi:10.1053/j.ajkd.2010.08.036 (RCT of tacrolimus vs cyclophosphamide induction in active lupus nephritis: tacrolimus whole-blood concentration 5-10 ng/mL), as tabulated in the Lupus Sci Med review of tacrolimus-based regimens in lupus nephritis, Table 3 (read); the trial\'s journal, pages and DOI recalled, not re-read'

/** Drugs dosed to a concentration target. */
export const EXPOSURE_TARGET_PD: Partial<Readonly<Record<DrugId, ExposureTargetPd>>> = {
  tacrolimus: {
    oralBioavailability: { value: 0.18, unit: '', source: 'Prograf (tacrolimus) US prescribing information, Clinical Pharmacology, Absorption (absolute bioavailability 18 ± 5 % in healthy volunteers, N = 16)', evidence: 'V' },
    absorptionRatePerH: { value: 5.6, unit: '1/h', source: 'Möller A, Iwasaki K, Kawamura A et al. 1999, Drug Metab Dispos 27:633-636 (0.05 mg/kg oral ¹⁴C-tacrolimus in 6 healthy subjects: Tmax 1 h, abstract)', evidence: 'D', note: 'k_a solving t_max = ln(k_a/k)/(k_a − k) = 1 h with k = CL/V = 0.040/1.91 = 0.0209 1/h (Prograf healthy-volunteer CL and V): k_a ≈ 5.6 1/h. The trough barely depends on it (k_a ≫ k).' },
    freeDrugIntervalH: { value: 12, unit: 'h', source: 'Prograf US prescribing information, Dosage and Administration (capsules twice daily, every 12 hours)', evidence: 'V' },
    troughTargets: {
      'lupus-nephritis': {
        lowNgPerMl: { value: 5, unit: 'ng/mL', source: CHEN_2011, evidence: 'V' },
        highNgPerMl: { value: 10, unit: 'ng/mL', source: CHEN_2011, evidence: 'V' },
      },
    },
    toxicityThresholdNgPerMl: { value: 20, unit: 'ng/mL', source: 'Böttiger Y, Brattström C, Tydén G, Säwe J, Groth CG 1999, Br J Clin Pharmacol 48:445-448, doi:10.1046/j.1365-2125.1999.00007.x (14 renal transplant recipients, 656 whole-blood troughs: side-effects with 5.3 % of troughs < 10, 26 % at 10-20, 41 % at 20-30, 76 % > 30 ng/mL; "should preferably be kept below 20 ng/mL to avoid side-effects, such as nephro- and neurotoxicity", abstract; journal pages and DOI recalled)', evidence: 'V' },
    publishedTrough: {
      doseMgPerKgPer12H: { value: 0.021, unit: 'mg/kg per 12 h', source: 'PLoS One 2020, 15:e0230195, doi:10.1371/journal.pone.0230195, Table 2 (32 patients on oral tacrolimus twice daily: dose 0.021 ± 0.012 mg/kg/12 h; authors and the patients\' indication not retrieved)', evidence: 'V' },
      troughNgPerMl: { value: 6.4, unit: 'ng/mL', source: 'PLoS One 2020, 15:e0230195, Table 2 (whole-blood C0 6.4 ± 2.2 ng/mL at that dose)', evidence: 'V' },
    },
  },
}

/** A concentration-time curve, mg/L (whole blood for tacrolimus). */
export interface ConcentrationCurve {
  readonly timesH: ReadonlyArray<number>
  readonly concentrationsMgPerL: ReadonlyArray<number>
}

/**
 * Single-dose concentration of drug entering the circulation as the cumulative amounts
 * `cumulativeMg` (non-decreasing up to round-off) at `timesH` (increasing, from 0), with the
 * release rate constant between two given times; each interval is split into steps of at most
 * `maxStepH` so the curve has points for the trough and the time in range (exact at every point
 * for the piecewise-constant input: module comment).
 */
export function concentrationFromReleaseMgPerL(pk: Pick<FreeDrugParameters, 'clearanceLPerH' | 'volumeL'>, timesH: ReadonlyArray<number>, cumulativeMg: ReadonlyArray<number>, maxStepH = 0.25): ConcentrationCurve {
  if (timesH.length !== cumulativeMg.length || timesH.length < 2) throw new Error(`concentrationFromReleaseMgPerL: need ≥ 2 times with one amount each, got ${timesH.length} times and ${cumulativeMg.length} amounts`)
  if (!(pk.clearanceLPerH > 0) || !(pk.volumeL > 0)) throw new Error(`concentrationFromReleaseMgPerL: CL and V must be > 0, got ${pk.clearanceLPerH} L/h and ${pk.volumeL} L`)
  if (!(maxStepH > 0)) throw new Error(`concentrationFromReleaseMgPerL: maxStepH must be > 0, got ${maxStepH}`)
  const k = pk.clearanceLPerH / pk.volumeL
  const t: number[] = [timesH[0]!]
  const c: number[] = [0]
  let conc = 0
  for (let i = 1; i < timesH.length; i++) {
    const dt = timesH[i]! - timesH[i - 1]!
    if (!(dt > 0)) throw new Error(`concentrationFromReleaseMgPerL: times must increase, got ${timesH[i - 1]} then ${timesH[i]} h`)
    // the solver leaves round-off of either sign once release is complete: no negative input
    const rateMgPerH = Math.max(0, cumulativeMg[i]! - cumulativeMg[i - 1]!) / dt
    const steps = Math.ceil(dt / maxStepH - 1e-9)
    const h = dt / steps
    for (let s = 1; s <= steps; s++) {
      conc = oneCompartmentStep(conc, rateMgPerH / pk.volumeL, k, h)
      t.push(timesH[i - 1]! + s * h)
      c.push(conc)
    }
  }
  return { timesH: t, concentrationsMgPerL: c }
}

/**
 * Steady state of a single-dose curve repeated every τ = its last time: earlier doses add
 * C₁(τ)·e^(−k t)/(1 − e^(−k τ)) (module comment; release after τ not counted).
 */
export function steadyStateOfRepeatedDose(curve: ConcentrationCurve, eliminationRatePerH: number): ConcentrationCurve {
  const n = curve.timesH.length
  const t0 = curve.timesH[0]!
  const tauH = curve.timesH[n - 1]! - t0
  if (!(tauH > 0) || !(eliminationRatePerH > 0)) throw new Error(`steadyStateOfRepeatedDose: the interval and k must be > 0, got ${tauH} h and ${eliminationRatePerH} 1/h`)
  const cEnd = curve.concentrationsMgPerL[n - 1]!
  const carry = cEnd / (1 - Math.exp(-eliminationRatePerH * tauH))
  return { timesH: curve.timesH, concentrationsMgPerL: curve.concentrationsMgPerL.map((c, i) => c + carry * Math.exp(-eliminationRatePerH * (curve.timesH[i]! - t0))) }
}

/** Oral single dose (Bateman function), mg/L: F·D·k_a/(V(k_a − k))·(e^(−kt) − e^(−k_a t)). */
export function oralConcentrationMgPerL(pk: Pick<FreeDrugParameters, 'volumeL' | 'eliminationRatePerH'>, doseMg: number, bioavailability: number, absorptionRatePerH: number, tH: number): number {
  const k = pk.eliminationRatePerH
  const ka = absorptionRatePerH
  if (Math.abs(ka - k) < 1e-12 * ka) return bioavailability * doseMg / pk.volumeL * k * tH * Math.exp(-k * tH)
  return bioavailability * doseMg * ka / (pk.volumeL * (ka - k)) * (Math.exp(-k * tH) - Math.exp(-ka * tH))
}

/** Oral doses every τ at steady state, mg/L, at `tH` ∈ [0, τ] after a dose (module comment). */
export function oralSteadyStateConcentrationMgPerL(pk: Pick<FreeDrugParameters, 'volumeL' | 'eliminationRatePerH'>, doseMg: number, bioavailability: number, absorptionRatePerH: number, tauH: number, tH: number): number {
  const k = pk.eliminationRatePerH
  const ka = absorptionRatePerH
  if (!(tauH > 0) || !(ka > k)) throw new Error(`oralSteadyStateConcentrationMgPerL: need τ > 0 and k_a > k, got τ = ${tauH} h, k_a = ${ka}, k = ${k} 1/h`)
  return bioavailability * doseMg * ka / (pk.volumeL * (ka - k)) * (Math.exp(-k * tH) / (1 - Math.exp(-k * tauH)) - Math.exp(-ka * tH) / (1 - Math.exp(-ka * tauH)))
}

/** The oral steady-state curve over one interval on a grid of at most `maxStepH`. */
export function oralSteadyStateCurve(pk: Pick<FreeDrugParameters, 'volumeL' | 'eliminationRatePerH'>, doseMg: number, bioavailability: number, absorptionRatePerH: number, tauH: number, maxStepH = 0.05): ConcentrationCurve {
  const steps = Math.ceil(tauH / maxStepH - 1e-9)
  const timesH = Array.from({ length: steps + 1 }, (_, i) => i * tauH / steps)
  return { timesH, concentrationsMgPerL: timesH.map((t) => oralSteadyStateConcentrationMgPerL(pk, doseMg, bioavailability, absorptionRatePerH, tauH, t)) }
}

/** Exposure of one dosing interval at steady state against a target range and a toxicity threshold. */
export interface IntervalExposure {
  readonly intervalH: number
  /** Lowest and highest whole-blood concentration of the interval, ng/mL. */
  readonly troughNgPerMl: number
  readonly peakNgPerMl: number
  /** AUC over the interval, ng·h/mL, and its mean (AUC/τ). */
  readonly aucNgHPerMl: number
  readonly meanNgPerMl: number
  /** Shares of the interval (0-1) in the target range, above it, and above the toxicity threshold (null without a target). */
  readonly fractionInRange: number | null
  readonly fractionAboveRange: number | null
  readonly fractionAboveToxicity: number
}

/**
 * Trough, peak, AUC (trapezoids) and the shares of time inside [low, high], above high and above
 * the toxicity threshold of a curve (mg/L), with linear interpolation between points for the
 * crossings. Concentrations are reported in ng/mL (= µg/L = 1000 × mg/L).
 */
export function intervalExposure(curve: ConcentrationCurve, range: { readonly lowNgPerMl: number; readonly highNgPerMl: number } | null, toxicityNgPerMl: number): IntervalExposure {
  const t = curve.timesH
  const c = curve.concentrationsMgPerL.map((x) => x * 1000)
  const n = t.length
  const tau = t[n - 1]! - t[0]!
  if (!(tau > 0)) throw new Error('intervalExposure: the curve needs a positive duration')
  if (range && !(range.lowNgPerMl < range.highNgPerMl)) throw new Error(`intervalExposure: the range's low bound must be below its high bound, got ${range.lowNgPerMl}-${range.highNgPerMl} ng/mL`)
  let auc = 0
  let inRange = 0
  let above = 0
  let aboveTox = 0
  // time within (a, b) of a linear piece from c0 to c1 over h
  const timeBetween = (c0: number, c1: number, h: number, a: number, b: number): number => {
    if (c0 === c1) return c0 > a && c0 < b ? h : 0
    const lo = Math.min(c0, c1)
    const hi = Math.max(c0, c1)
    const overlap = Math.max(0, Math.min(hi, b) - Math.max(lo, a))
    return h * overlap / (hi - lo)
  }
  for (let i = 1; i < n; i++) {
    const h = t[i]! - t[i - 1]!
    const c0 = c[i - 1]!
    const c1 = c[i]!
    auc += h * (c0 + c1) / 2
    if (range) {
      inRange += timeBetween(c0, c1, h, range.lowNgPerMl, range.highNgPerMl)
      above += timeBetween(c0, c1, h, range.highNgPerMl, Number.POSITIVE_INFINITY)
    }
    aboveTox += timeBetween(c0, c1, h, toxicityNgPerMl, Number.POSITIVE_INFINITY)
  }
  return {
    intervalH: tau,
    troughNgPerMl: Math.min(...c),
    peakNgPerMl: Math.max(...c),
    aucNgHPerMl: auc,
    meanNgPerMl: auc / tau,
    fractionInRange: range ? inRange / tau : null,
    fractionAboveRange: range ? above / tau : null,
    fractionAboveToxicity: aboveTox / tau,
  }
}
