/**
 * simulateBiodistribution: runs the nanoparticle PBPK model for one input and derives the
 * reported curves and metrics (docs/cli.md `simulate`: biodistribution and selectivity).
 *
 * Metric definitions (also in docs/science.md):
 * - percentDose[key](t): % of the injected particle dose; organs = capillary blood + tissue +
 *   phagocytic cells; blood = arterial + venous pool; excreted = urine + faeces; degraded =
 *   carrier lost in phagocytes (per tissue in degradedInTissuePercentDose). The keys sum to 100 at every time (mass balance). t = 0 is
 *   the dose mixed in the intravascular volume (organ values = their capillary blood; see
 *   BolusMode); with the 0.005 h infusion instead, values during it are % of the amount
 *   infused so far.
 * - bloodHalfLifeH: first time the blood concentration falls to half of the concentration
 *   right after intravascular mixing, C₀ = dose/(V_blood + Σ V_capillary); beyond the horizon
 *   it is extrapolated with the terminal log-slope of the blood curve.
 * - aucPercentDoseH[key] = ∫₀^T percentDose[key] dt (exact for the cubic Hermite interpolant
 *   of every solver step).
 * - selectivityIndex = (AUC_target / m_target) / (AUC_other / m_other): exposure per gram of
 *   target tissue over exposure per gram of all other organs (blood, excreta excluded).
 *   deliver/image: target = the disease's inflamed target (its lesion part); other = all
 *   other organs. tolerize: target = phagocytes (APC) of spleen + liver with m = liver +
 *   spleen mass; other = all organs except liver and spleen. 1 = no selectivity.
 * - targetToLiverSpleenAucRatio = AUC_target / (AUC_liver + AUC_spleen).
 * - drugReleased*: % of the loaded drug released by the horizon in the target (inflamed
 *   tissue + its phagocytes; tolerize: spleen and liver phagocytes), in blood (central and
 *   capillary), and elsewhere (brief Part 4 note 6).
 */
import { ORGAN_KEYS, pbpkAssumptionsUnder, PBPK_DATA, type OrganKey } from './data'
import { resolveParameters, type ModelParameters, type ParameterPerturbation } from './parameters'
import { createWorkspace, integrate, type RosenbrockWorkspace, type SolverStats } from './rosenbrock'
import { buildSystem, releaseTargetFor, type StateLayout } from './system'
import {
  BIODISTRIBUTION_KEYS, residualizingLabelPercentDose, type BiodistributionInput, type BiodistributionKey, type BiodistributionResult,
  type ImagingResult, type PbpkAssumption, type SelectivityResult, type SimulateOptions,
} from './types'

/** Default output grid: fine early (distribution phase), hourly afterwards. */
export function defaultOutputTimesH(hours: number): number[] {
  const early = [0, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3]
  const out = early.filter((t) => t < hours)
  for (let t = 4; t < hours; t += t < 24 ? 1 : 2) out.push(t)
  out.push(hours)
  return out
}

/** Raw trajectories of one run (internal compartments), used by the result builder and MC. */
export interface RawRun {
  readonly params: ModelParameters
  readonly layout: StateLayout
  readonly timesH: Float64Array
  /** State at each output time, row-major (times × size). */
  readonly states: Float64Array
  /** ∫ state dt over the horizon. */
  readonly aucStates: Float64Array
  readonly bloodHalfLifeH: number
  readonly halfLifeExtrapolated: boolean
  readonly stats: SolverStats
}

/**
 * Default solver tolerances: relative 1e-3, absolute 1e-5 %ID (1e-7 of the dose). With the
 * order-3 ROS3 solver every state stays within 1.4e-3 %ID (RA folate PEG-liposome example)
 * and 7.7e-3 %ID (default PLGA design) of a 1e-8/1e-10 reference (measured over 72 h) — as
 * accurate as the former order-2 solver at 1e-4/1e-6 (1.9e-3 and 1.1e-2 %ID), with about a
 * third of the steps. Mass balance does not depend on them (Rosenbrock stages conserve
 * linear invariants to round-off).
 */
export const DEFAULT_RTOL = 1e-3
/** See {@link DEFAULT_RTOL}. */
export const DEFAULT_ATOL_PERCENT_DOSE = 1e-5

/**
 * How the IV bolus enters. `mixed` (default): the dose starts evenly mixed in the
 * intravascular volume (arterial, venous and every organ's capillary blood, by volume) — the
 * limit of the reference code's 0.005 h venous infusion (brief Part 4 note 2) once the blood
 * has circulated a few times (mouse circulation time V_blood/Q_C ≈ 4 s). `infusion`: the
 * reference code's 0.005 h infusion into venous blood. They differ by the few seconds the
 * infusion delays clearance (tested: < 2 %ID at 0.05 h for a particle cleared in minutes,
 * < 0.5 %ID from 0.25 h), and skipping that mixing transient saves a quarter of the steps.
 */
export type BolusMode = 'mixed' | 'infusion'

/**
 * Arrays a run takes over from the previous run given the same scratch, when their sizes fit
 * (Monte Carlo: the samples of one design). Why: a run allocates its state history and the
 * solver's work arrays (~60 kB); a thousand samples made that garbage a thousand times. The
 * RawRun of such a run shares `states` and `aucStates` with the next one: read it first.
 */
export interface RunScratch {
  ws?: RosenbrockWorkspace
  states?: Float64Array
  auc?: Float64Array
  y?: Float64Array
  initial?: Float64Array
  tmp?: Float64Array
}

/** `previous` zeroed when it has `length` elements, else a new zeroed array. */
function zeroed(previous: Float64Array | undefined, length: number): Float64Array {
  if (previous === undefined || previous.length !== length) return new Float64Array(length)
  previous.fill(0)
  return previous
}

/**
 * What a run records. `full`: every state at every output time and its AUC. `band`: what a
 * Monte Carlo sample reads ({@link writeBandSample}) — the particle states at every output
 * time and their AUCs, the drug block at the last output time only (its released and
 * remaining drug); the drug block's other rows and AUCs are left as they were (stale when the
 * arrays are reused). Why: the drug block is ~45 % of the states, and its dense output and
 * AUC at every step were work no band reads. The recorded values are the same to the bit.
 */
export type RunDetail = 'full' | 'band'

/**
 * Integrates the PBPK system for resolved parameters. Exposed for tests and Monte Carlo.
 */
export function runModel(
  params: ModelParameters, input: BiodistributionInput, timesH: ReadonlyArray<number>,
  rtol = DEFAULT_RTOL, atol = DEFAULT_ATOL_PERCENT_DOSE, bolus: BolusMode = 'mixed', scratch?: RunScratch, detail: RunDetail = 'full',
): RawRun {
  const sys = buildSystem(params, input.releaseHazard, releaseTargetFor(params, input.goal))
  const n = sys.size
  const L = sys.layout
  const ws = createWorkspace(sys, scratch?.ws)
  const stats: SolverStats = { steps: 0, rejected: 0, rhsEvaluations: 0 }
  const y = zeroed(scratch?.y, n)
  const nOut = timesH.length
  // every row is written (each output time is reached), so the history needs no zeroing
  const states = scratch?.states?.length === nOut * n ? scratch.states : new Float64Array(nOut * n)
  const auc = zeroed(scratch?.auc, n)
  const tEnd = timesH[nOut - 1]
  let outIdx = 0
  // Intravascular volume for the half-life reference concentration.
  let vCap = 0
  for (const c of params.compartments) vCap += c.capillaryVolumeL
  const vBlood = params.arterialVolumeL + params.venousVolumeL
  const halfConc = 0.5 * 100 / (vBlood + vCap)
  const bloodConc = (v: Float64Array): number => (v[L.arterial] + v[L.venous]) / vBlood
  let halfLife = Number.NaN
  const infuse = bolus === 'infusion' && params.bolusInfusionH > 0
  const tInf = infuse ? Math.min(params.bolusInfusionH, tEnd) : 0
  const infusionRate = infuse ? 100 / params.bolusInfusionH : 0
  // states recorded at every output time and integrated for the AUC (see RunDetail; with the
  // infusion, whose last row may fall within it and be rescaled, everything is recorded)
  const nRecord = detail === 'band' && !infuse ? L.particleStates : n

  // t = 0: infusion — the bolus limit, everything in venous blood; mixed — spread over the
  // intravascular volume.
  const writeOut = (row: number, v: ArrayLike<number>): void => { for (let i = 0; i < nRecord; i++) states[row * n + i] = v[i] }
  const initial = zeroed(scratch?.initial, n)
  if (infuse) initial[L.venous] = 100
  else {
    const vTotal = vBlood + vCap
    initial[L.arterial] = (100 * params.arterialVolumeL) / vTotal
    initial[L.venous] = (100 * params.venousVolumeL) / vTotal
    params.compartments.forEach((c, j) => { initial[L.capillary(j)] = (100 * c.capillaryVolumeL) / vTotal })
  }
  if (L.coupled) for (let i = 0; i < L.transportStates; i++) initial[L.drugIn(i)] = initial[i]
  if (!infuse) y.set(initial)
  while (outIdx < nOut && timesH[outIdx] <= 0) writeOut(outIdx++, initial)

  const tmp = scratch?.tmp?.length === n ? scratch.tmp : new Float64Array(n)
  if (scratch) Object.assign(scratch, { ws, states, auc, y, initial, tmp })
  // cubic Hermite interpolant of the step [t0, t0 + h] at tau (no allocation per step): its
  // four weights, then every recorded state, or only the blood pool's two
  const weights = new Float64Array(4)
  const hermiteWeights = (t0: number, h: number, tau: number): void => {
    const s = (tau - t0) / h
    const s2 = s * s
    const s3 = s2 * s
    weights[0] = 2 * s3 - 3 * s2 + 1
    weights[1] = (s3 - 2 * s2 + s) * h
    weights[2] = -2 * s3 + 3 * s2
    weights[3] = (s3 - s2) * h
  }
  const hermite = (t0: number, h: number, y0: Float64Array, f0: Float64Array, y1: Float64Array, f1: Float64Array, tau: number, out: Float64Array): void => {
    hermiteWeights(t0, h, tau)
    const h00 = weights[0], h10 = weights[1], h01 = weights[2], h11 = weights[3]
    for (let i = 0; i < nRecord; i++) out[i] = h00 * y0[i] + h10 * f0[i] + h01 * y1[i] + h11 * f1[i]
  }
  // the blood concentration of the interpolant at tau, as bloodConc of the interpolated state
  // (why: the half-life bisection evaluates it 50 times, and needs no other state)
  const bloodConcAt = (t0: number, h: number, y0: Float64Array, f0: Float64Array, y1: Float64Array, f1: Float64Array, tau: number): number => {
    hermiteWeights(t0, h, tau)
    const h00 = weights[0], h10 = weights[1], h01 = weights[2], h11 = weights[3]
    const a = L.arterial
    const v = L.venous
    const arterial = h00 * y0[a] + h10 * f0[a] + h01 * y1[a] + h11 * f1[a]
    const venous = h00 * y0[v] + h10 * f0[v] + h01 * y1[v] + h11 * f1[v]
    return (arterial + venous) / vBlood
  }
  const onStep = (t0: number, y0: Float64Array, f0: Float64Array, t1: number, y1: Float64Array, f1: Float64Array): void => {
    const h = t1 - t0
    const h2 = (h * h) / 12
    // ∫ of the cubic Hermite interpolant over the step
    for (let i = 0; i < nRecord; i++) auc[i] += 0.5 * h * (y0[i] + y1[i]) + h2 * (f0[i] - f1[i])
    while (outIdx < nOut && timesH[outIdx] <= t1) {
      const tau = timesH[outIdx]
      if (tau >= t1) writeOut(outIdx, y1)
      else {
        hermite(t0, h, y0, f0, y1, f1, tau, tmp)
        if (tau < tInf) {
          // during the infusion: % of the amount infused so far
          const scale = 1 / (tau * infusionRate / 100)
          for (let i = 0; i < nRecord; i++) tmp[i] *= scale
        }
        writeOut(outIdx, tmp)
      }
      outIdx++
    }
    if (Number.isNaN(halfLife) && t1 > tInf && bloodConc(y1) <= halfConc) {
      // bisection on the Hermite interpolant
      let a = Math.max(t0, tInf)
      let b = t1
      for (let it = 0; it < 50; it++) {
        const m = 0.5 * (a + b)
        if (bloodConcAt(t0, h, y0, f0, y1, f1, m) <= halfConc) b = m
        else a = m
      }
      halfLife = 0.5 * (a + b)
    }
  }

  let h = 1e-4
  if (infuse) {
    sys.setInfusion(infusionRate)
    h = integrate(sys, 0, tInf, y, { rtol, atol, initialStepH: tInf / 20 }, ws, stats, onStep)
    sys.setInfusion(0)
  }
  if (tEnd > tInf) integrate(sys, tInf, tEnd, y, { rtol, atol, initialStepH: Math.min(h, 1e-3) }, ws, stats, onStep)
  // the last output time is the end of the last step: its row in full (the final state, what
  // the step wrote there for the states it records)
  if (nRecord < n && tEnd > 0) for (let i = nRecord; i < n; i++) states[(nOut - 1) * n + i] = y[i]
  let extrapolated = false
  if (Number.isNaN(halfLife)) {
    // terminal log-slope of the blood concentration over the last output interval(s)
    extrapolated = true
    const iEnd = nOut - 1
    let iPrev = iEnd - 1
    while (iPrev > 0 && timesH[iEnd] - timesH[iPrev] < Math.min(4, 0.1 * tEnd)) iPrev--
    const cEnd = (states[iEnd * n + L.arterial] + states[iEnd * n + L.venous]) / vBlood
    const cPrev = (states[iPrev * n + L.arterial] + states[iPrev * n + L.venous]) / vBlood
    const k = Math.log(cPrev / cEnd) / (timesH[iEnd] - timesH[iPrev])
    halfLife = k > 1e-9 && cEnd > 0 ? timesH[iEnd] + Math.log(cEnd / halfConc) / k : Number.POSITIVE_INFINITY
  }
  return {
    params, layout: L, timesH: Float64Array.from(timesH), states, aucStates: auc,
    bloodHalfLifeH: halfLife, halfLifeExtrapolated: extrapolated, stats,
  }
}

/** Particles in compartment j (capillary blood + tissue + phagocytes) in a state row at `offset`. */
export function compartmentAmount(L: StateLayout, v: ArrayLike<number>, offset: number, j: number): number {
  return v[offset + L.capillary(j)] + v[offset + L.tissue(j)] + v[offset + L.phagocytes(j)]
}

/**
 * The states whose sum is a reported key's amount, by kind: pairs (blood: arterial + venous;
 * excreted: urine + faeces), singles (degraded: one accumulator per compartment) or triples
 * (an organ: capillary blood + tissue + phagocytes of each of its compartments). Built once
 * per run, so the per-row sums read a typed array instead of walking the compartments.
 */
interface KeyStates { readonly group: 1 | 2 | 3; readonly index: Int32Array }

function keyStates(L: StateLayout, params: ModelParameters, key: BiodistributionKey): KeyStates {
  switch (key) {
    case 'blood': return { group: 2, index: Int32Array.of(L.arterial, L.venous) }
    case 'excreted': return { group: 2, index: Int32Array.of(L.urine, L.feces) }
    case 'degraded': return { group: 1, index: Int32Array.from({ length: L.compartments }, (_, j) => L.degradedIn(j)) }
    default: {
      const out: number[] = []
      params.compartments.forEach((c, j) => { if (c.key === key) out.push(L.capillary(j), L.tissue(j), L.phagocytes(j)) })
      return { group: 3, index: Int32Array.from(out) }
    }
  }
}

/** Sum of the key's states in the row at `offset` (same summation order as the states' groups). */
function sumKey(k: KeyStates, v: ArrayLike<number>, offset: number): number {
  const ix = k.index
  if (k.group === 2) return v[offset + ix[0]] + v[offset + ix[1]]
  let s = 0
  if (k.group === 1) for (let i = 0; i < ix.length; i++) s += v[offset + ix[i]]
  else for (let i = 0; i < ix.length; i += 3) s += v[offset + ix[i]] + v[offset + ix[i + 1]] + v[offset + ix[i + 2]]
  return s
}

/**
 * Mass of every reported key, g, from the model's volumes (density 1 kg/L, as the capacity
 * and selectivity formulas): organs = Σ of their compartments (so a disease lesion counts
 * with its own volume, swelling included); blood = arterial + venous pool; rest = the
 * rest-of-body compartment; excreted and degraded have no mass (null).
 */
export function tissueMassesG(params: ModelParameters): Record<BiodistributionKey, number | null> {
  const out = {} as Record<BiodistributionKey, number | null>
  for (const key of BIODISTRIBUTION_KEYS) {
    if (key === 'excreted' || key === 'degraded') out[key] = null
    else if (key === 'blood') out[key] = (params.arterialVolumeL + params.venousVolumeL) * 1000
    else {
      let g = 0
      for (const c of params.compartments) if (c.key === key) g += c.volumeL * 1000
      out[key] = g > 0 ? g : null
    }
  }
  return out
}

/** Central blood pool plus every compartment's capillary blood, g (density 1 kg/L). */
export function intravascularBloodMassG(params: ModelParameters): number {
  let litres = params.arterialVolumeL + params.venousVolumeL
  for (const c of params.compartments) litres += c.capillaryVolumeL
  return litres * 1000
}

/** Numbers derived from a raw run (the scalar part of the result). */
export interface DerivedMetrics {
  readonly percentDose: Record<BiodistributionKey, number[]>
  readonly aucPercentDoseH: Record<BiodistributionKey, number>
  readonly degradedInTissuePercentDose: Record<OrganKey, number[]>
  readonly selectivity: SelectivityResult
  readonly encapsulatedDrug?: BiodistributionResult['encapsulatedDrug']
  readonly imaging?: ImagingResult
}

/** A key's summed states as reported: a round-off negative (above −1e-9 %ID) reads 0. */
function percentDoseOf(v: number): number {
  return v < 0 && v > -1e-9 ? 0 : v
}

/** The selectivity target of a run (see the module comment): its amount in a state row, its mass and the rest's. */
interface RunTarget {
  readonly tissue: string | null
  readonly targetAt: (v: ArrayLike<number>, offset: number) => number
  readonly targetMassG: number
  /** AUC of every organ but the target (tolerize: but liver and spleen), and their mass. */
  readonly otherAuc: number
  readonly otherMassG: number
}

function targetOf(run: RawRun, input: BiodistributionInput): RunTarget {
  const comps = run.params.compartments
  const L = run.layout
  const tolerize = input.goal === 'tolerize'
  const liverIdx = comps.findIndex((c) => c.key === 'liver')
  const spleenIdx = comps.findIndex((c) => c.key === 'spleen')
  const targetIdx = run.params.targetIndex
  let tissue: string | null = null
  const targetAt = (v: ArrayLike<number>, off: number): number => {
    if (tolerize) return v[off + L.phagocytes(liverIdx)] + v[off + L.phagocytes(spleenIdx)]
    if (targetIdx < 0) return 0
    return compartmentAmount(L, v, off, targetIdx)
  }
  let targetMassG = 0
  let otherAuc = 0
  let otherMassG = 0
  if (tolerize) {
    tissue = 'spleen+liver-apc'
    targetMassG = (comps[liverIdx].volumeL + comps[spleenIdx].volumeL) * 1000
    comps.forEach((c, j) => {
      if (c.key === 'liver' || c.key === 'spleen') return
      otherAuc += compartmentAmount(L, run.aucStates, 0, j)
      otherMassG += c.volumeL * 1000
    })
  } else if (targetIdx >= 0) {
    tissue = comps[targetIdx].key
    targetMassG = comps[targetIdx].volumeL * 1000
    comps.forEach((c, j) => {
      if (j === targetIdx) return
      otherAuc += compartmentAmount(L, run.aucStates, 0, j)
      otherMassG += c.volumeL * 1000
    })
  }
  return { tissue, targetAt, targetMassG, otherAuc, otherMassG }
}

/**
 * The selectivity metrics of a run (module comment): from its target, the liver + spleen AUC,
 * the particle states at every output time and, when release is coupled, the drug block at
 * the last output time (all a 'band' run records, RunDetail).
 */
function selectivityOf(run: RawRun, target: RunTarget, liverSpleenAuc: number): SelectivityResult {
  const n = run.layout.size
  const nOut = run.timesH.length
  const L = run.layout
  const { targetAt, targetMassG, otherAuc, otherMassG } = target
  const targetAuc = targetAt(run.aucStates, 0)
  const selectivityIndex = targetMassG > 0 && otherAuc > 0 ? (targetAuc / targetMassG) / (otherAuc / otherMassG) : 0
  const lsAuc = liverSpleenAuc
  let peak = 0
  let peakT = 0
  for (let r = 0; r < nOut; r++) {
    const v = targetAt(run.states, r * n)
    if (v > peak) { peak = v; peakT = run.timesH[r] }
  }

  // --- drug release (percent of loaded drug, at the horizon)
  const coupled = L.coupled
  let relTarget = 0
  let relBlood = 0
  let relTotal = 0
  let remaining = 0
  let drugExcreted = 0
  if (coupled) {
    const last = (nOut - 1) * n
    const s = run.states
    // the system lumps released drug into blood / target (releaseTargetFor) / other
    relBlood = s[last + L.releasedBlood]
    relTarget = s[last + L.releasedTarget]
    relTotal = relBlood + relTarget + s[last + L.releasedOther]
    for (let i = 0; i < L.transportStates; i++) remaining += s[last + L.drugIn(i)]
    drugExcreted = s[last + L.drugExcreted]
  }
  return {
    targetTissue: target.tissue,
    targetAucPercentDoseH: targetAuc,
    selectivityIndex,
    targetToLiverSpleenAucRatio: lsAuc > 0 ? targetAuc / lsAuc : 0,
    targetPeakPercentDose: peak,
    targetPeakTimeH: peakT,
    drugReleasedInTargetPercentDose: relTarget,
    drugReleasedInBloodPercentDose: relBlood,
    drugReleasedOffTargetPercentDose: Math.max(0, relTotal - relTarget - relBlood),
    drugRemainingInParticlesPercentDose: remaining,
    drugExcretedInParticlesPercentDose: drugExcreted,
    drugReleaseCoupled: coupled,
  }
}

/**
 * Cumulative drug the particles released (in blood, in the target and elsewhere), % of the drug
 * dose, at each output time of a run coupled to drug release; the one reader of those states
 * (the released-drug course, the total-plasma-drug observable and the estimate's metrics).
 * Throws for a run that carries no drug block.
 */
export function releasedPercentDoseOfRun(run: RawRun): number[] {
  const L = run.layout
  if (!L.coupled) throw new Error('releasedPercentDoseOfRun: the run is not coupled to drug release, so no drug is released')
  const n = L.size
  const out: number[] = new Array<number>(run.timesH.length)
  for (let r = 0; r < run.timesH.length; r++) out[r] = run.states[r * n + L.releasedBlood]! + run.states[r * n + L.releasedTarget]! + run.states[r * n + L.releasedOther]!
  return out
}

/** Computes the reported curves, AUCs, selectivity and imaging metrics of a run. */
export function deriveMetrics(run: RawRun, input: BiodistributionInput): DerivedMetrics {
  const n = run.layout.size
  const nOut = run.timesH.length
  const comps = run.params.compartments
  const L = run.layout
  const percentDose = {} as Record<BiodistributionKey, number[]>
  const aucPercentDoseH = {} as Record<BiodistributionKey, number>
  for (const key of BIODISTRIBUTION_KEYS) {
    const ks = keyStates(L, run.params, key)
    const arr: number[] = new Array<number>(nOut)
    for (let r = 0; r < nOut; r++) arr[r] = percentDoseOf(sumKey(ks, run.states, r * n))
    percentDose[key] = arr
    aucPercentDoseH[key] = sumKey(ks, run.aucStates, 0)
  }
  const degradedInTissuePercentDose = {} as Record<OrganKey, number[]>
  for (const key of ORGAN_KEYS) degradedInTissuePercentDose[key] = new Array<number>(nOut).fill(0)
  comps.forEach((c, j) => {
    const arr = degradedInTissuePercentDose[c.key]
    for (let r = 0; r < nOut; r++) arr[r] += run.states[r * n + L.degradedIn(j)]
  })

  const target = targetOf(run, input)
  const { targetAt, targetMassG } = target
  const selectivity = selectivityOf(run, target, aucPercentDoseH.liver + aucPercentDoseH.spleen)

  // drug inside particles in the central blood pool (the drug block mirrors arterial and venous)
  let encapsulatedDrug: DerivedMetrics['encapsulatedDrug']
  if (L.coupled) {
    const a = L.drugIn(L.arterial)
    const v = L.drugIn(L.venous)
    const bloodPercentDose: number[] = new Array<number>(nOut)
    for (let r = 0; r < nOut; r++) bloodPercentDose[r] = Math.max(0, run.states[r * n + a] + run.states[r * n + v])
    encapsulatedDrug = { bloodPercentDose, bloodAucPercentDoseH: run.aucStates[a] + run.aucStates[v], releasedPercentDose: releasedPercentDoseOfRun(run) }
  }

  // --- imaging (goal image): target-to-background per gram over time
  let imaging: ImagingResult | undefined
  if (input.goal === 'image' && run.params.targetIndex >= 0) {
    const bgKey: OrganKey = PBPK_DATA.simulation.imagingBackgroundTissue
    let bgMassG = 0
    comps.forEach((c) => { if (c.key === bgKey) bgMassG += c.volumeL * 1000 })
    const tbr: number[] = []
    const bgStates = keyStates(L, run.params, bgKey)
    for (let r = 0; r < nOut; r++) {
      const bg = sumKey(bgStates, run.states, r * n) / bgMassG
      const tg = targetAt(run.states, r * n) / targetMassG
      tbr.push(r === 0 || bg <= 0 ? 0 : tg / bg)
    }
    let best = 0
    for (let r = 1; r < nOut; r++) if (tbr[r] > tbr[best]) best = r
    const frac = PBPK_DATA.simulation.imagingWindowFraction.value
    let a = best
    let b = best
    while (a > 1 && tbr[a - 1] >= frac * tbr[best]) a--
    while (b < nOut - 1 && tbr[b + 1] >= frac * tbr[best]) b++
    imaging = {
      backgroundTissue: bgKey, targetToBackground: tbr, bestTimeH: run.timesH[best],
      bestTargetToBackground: tbr[best], windowStartH: run.timesH[a], windowEndH: run.timesH[b],
    }
  }
  return { percentDose, aucPercentDoseH, degradedInTissuePercentDose, selectivity, ...(encapsulatedDrug ? { encapsulatedDrug } : {}), imaging }
}

/**
 * How the residualizing-label view ({@link residualizingLabelPercentDose}) makes each key from
 * the particles' curve: 0 = zero, 1 = the particles' value, 2 = the particles' value + the
 * carrier degraded in that tissue. Read off the function itself (particles 1, degraded 2 →
 * 0, 1 or 3), so the band path keeps one definition of the view.
 */
const LABEL_RULE: ReadonlyArray<0 | 1 | 2> = (() => {
  const ones = {} as Record<BiodistributionKey, number[]>
  for (const k of BIODISTRIBUTION_KEYS) ones[k] = [1]
  const twos = {} as Record<OrganKey, number[]>
  for (const k of ORGAN_KEYS) twos[k] = [2]
  const probe = residualizingLabelPercentDose(ones, twos)
  return BIODISTRIBUTION_KEYS.map((k) => {
    const v = probe[k][0]
    if (v === 0) return 0
    if (v === 1) return 1
    if (v === 3) return 2
    throw new Error(`simulate: the residualizing label of '${k}' is neither zero, the particles nor particles + degraded (${v}); writeBandSample must learn it`)
  })
})()

/**
 * The index lists {@link writeBandSample} reads, for one state layout and compartment list
 * (the samples of a Monte Carlo run share them; {@link bandLayoutFits} says when a run's do).
 */
export interface BandLayout {
  readonly size: number
  readonly compartmentKeys: ReadonlyArray<OrganKey>
  /** The states of each key (BIODISTRIBUTION_KEYS order). */
  readonly keys: ReadonlyArray<KeyStates>
  /** For each key, the degraded-carrier accumulators of its compartments, in compartment order (empty for non-organs). */
  readonly degradedOf: ReadonlyArray<Int32Array>
}

/** The band layout of a run. */
export function bandLayoutOf(run: RawRun): BandLayout {
  const L = run.layout
  const comps = run.params.compartments
  return {
    size: L.size,
    compartmentKeys: comps.map((c) => c.key),
    keys: BIODISTRIBUTION_KEYS.map((k) => keyStates(L, run.params, k)),
    degradedOf: BIODISTRIBUTION_KEYS.map((k) => {
      const out: number[] = []
      comps.forEach((c, j) => { if (c.key === k) out.push(L.degradedIn(j)) })
      return Int32Array.from(out)
    }),
  }
}

/** Whether `layout` was made for a run of this state layout and compartment list. */
export function bandLayoutFits(layout: BandLayout, run: RawRun): boolean {
  const comps = run.params.compartments
  if (layout.size !== run.layout.size || layout.compartmentKeys.length !== comps.length) return false
  for (let j = 0; j < comps.length; j++) if (layout.compartmentKeys[j] !== comps[j].key) return false
  return true
}

/** Where {@link writeBandSample} writes a sample: one array per key, BIODISTRIBUTION_KEYS order. */
export interface BandSampleDestination {
  /** percentDose curves, written at [offset, offset + output times). */
  readonly percentDose: ReadonlyArray<Float64Array>
  /** Residualizing-label curves, written at [offset, offset + output times). */
  readonly label: ReadonlyArray<Float64Array>
  /** AUCs, written at `index`. */
  readonly auc: ReadonlyArray<Float64Array>
}

/**
 * What a Monte Carlo band reads of a run, written straight into the run's sample arrays: every
 * key's percentDose curve and AUC, its residualizing-label curve, and the selectivity metrics
 * (returned). The same numbers, to the bit, as {@link deriveMetrics} followed by
 * residualizingLabelPercentDose (the same sums in the same order); without the series no band
 * reads (encapsulated drug, imaging) and without a number[] per curve. Reads only what a
 * 'band' run records (RunDetail).
 */
export function writeBandSample(run: RawRun, input: BiodistributionInput, layout: BandLayout, out: BandSampleDestination, offset: number, index: number): SelectivityResult {
  const n = run.layout.size
  const nOut = run.timesH.length
  const states = run.states
  let liverAuc = 0
  let spleenAuc = 0
  for (let q = 0; q < BIODISTRIBUTION_KEYS.length; q++) {
    const ks = layout.keys[q]
    const curve = out.percentDose[q]
    const label = out.label[q]
    const rule = LABEL_RULE[q]
    const degraded = layout.degradedOf[q]
    for (let r = 0; r < nOut; r++) {
      const v = percentDoseOf(sumKey(ks, states, r * n))
      curve[offset + r] = v
      if (rule === 0) label[offset + r] = 0
      else if (rule === 1) label[offset + r] = v
      else {
        // degradedInTissuePercentDose: 0 + each compartment's accumulator, in compartment order
        let d = 0
        for (let i = 0; i < degraded.length; i++) d += states[r * n + degraded[i]]
        label[offset + r] = v + d
      }
    }
    const auc = sumKey(ks, run.aucStates, 0)
    out.auc[q][index] = auc
    const key = BIODISTRIBUTION_KEYS[q]
    if (key === 'liver') liverAuc = auc
    else if (key === 'spleen') spleenAuc = auc
  }
  return selectivityOf(run, targetOf(run, input), liverAuc + spleenAuc)
}

/** Structural assumptions of the model (choices the brief leaves open). */
function structuralAssumptions(species: BiodistributionInput['species']): PbpkAssumption[] {
  const LIN_2016 = 'Lin Z, Monteiro-Riviere NA, Riviere JE 2016, Nanotoxicology 10:162-172 (model structure)'
  // the arterial share shown is the one the physiology table holds (pbpk.json species.*.arterialFractionOfBlood)
  const arterialPercent = 100 * PBPK_DATA.species[species].arterialFractionOfBlood.value
  const percent = (x: number): string => `${Number(x.toPrecision(6))}`
  return [
    { id: 'structure.bloodConvention', description: `Central blood pool = whole blood (not plasma), split ${percent(arterialPercent)}/${percent(100 - arterialPercent)} arterial/venous; organ capillary blood is part of each organ`, source: 'Whole-blood convention of the rat nanoparticle PBPK code of Chou WC et al. 2022, Part Fibre Toxicol 19 (the mouse code of Cheng YH et al. 2020, ACS Nano 14:3075, uses plasma)', evidence: 'U' },
    { id: 'structure.uptakeForm', description: 'Phagocytic uptake = Hill time activation × saturation by the particles already taken up (hyperbolic, with a non-saturable share)', source: `${LIN_2016}; saturation in particle number after Ouyang B et al. 2020, Nat Mater 19:1362`, evidence: 'U' },
    { id: 'structure.portal', description: 'Spleen, GI (colon key) and pancreas drain into liver capillary blood', source: LIN_2016, evidence: 'C' },
    { id: 'structure.colonIsGi', description: 'The colon key is the whole GI-tract compartment', source: 'NanoForge model choice: one GI compartment carries the colon key', evidence: 'U' },
  ]
}

/**
 * Simulates the biodistribution of one design input over `hours` (default 72 h).
 * Deterministic: uses the nominal (median) parameters.
 */
export function simulateBiodistribution(input: BiodistributionInput, options: SimulateOptions = {}): BiodistributionResult {
  return simulateWithPerturbation(input, options)
}

/** Output times for the options (sorted, within [0, hours], always including 0 and the horizon). */
export function outputTimes(options: SimulateOptions): number[] {
  const hours = options.hours ?? 72
  if (!(hours > 0)) throw new Error('simulate: hours must be positive')
  if (!options.timesH) return defaultOutputTimesH(hours)
  const set = new Set<number>([0, hours])
  for (const t of options.timesH) if (t >= 0 && t <= hours) set.add(t)
  return [...set].sort((a, b) => a - b)
}

/** As {@link simulateBiodistribution}, with optional parameter perturbations (Monte Carlo). */
export function simulateWithPerturbation(
  input: BiodistributionInput, options: SimulateOptions = {}, perturbation?: ParameterPerturbation,
): BiodistributionResult {
  const times = outputTimes(options)
  const resolved = resolveParameters(input, perturbation)
  const run = runModel(resolved.params, input, times, options.rtol, options.atol)
  const m = deriveMetrics(run, input)
  const warnings = [...resolved.warnings]
  if (input.goal === 'image' && !input.core.imaging) warnings.push('Goal "image" with a core that is not an imaging agent (iron oxide or gold): imaging metrics are reported for the particle, not a signal.')
  if (m.selectivity.targetTissue === null) warnings.push('No disease target (healthy context): selectivity metrics are zero.')
  if (run.halfLifeExtrapolated) warnings.push(`Blood concentration did not halve within ${times[times.length - 1]} h; the half-life is extrapolated from the terminal slope.`)
  const assumptions = [...structuralAssumptions(input.species), ...resolved.assumptions,
    ...pbpkAssumptionsUnder(`species.${input.species}`).map((a) => ({
      id: a.path, description: `Physiology: ${a.path}`, value: a.cited.value, unit: a.cited.unit, source: a.cited.source, evidence: a.cited.evidence,
    })),
    ...pbpkAssumptionsUnder('organNp.mouse').map((a) => ({
      id: a.path, description: `Organ nanoparticle parameter: ${a.path}`, value: a.cited.value, unit: a.cited.unit, source: a.cited.source, evidence: a.cited.evidence,
    }))]
  return {
    timesH: times,
    percentDose: m.percentDose,
    bloodHalfLifeH: Number.isFinite(run.bloodHalfLifeH) ? run.bloodHalfLifeH : 1e6,
    aucPercentDoseH: m.aucPercentDoseH,
    tissueMassG: tissueMassesG(run.params),
    intravascularBloodMassG: intravascularBloodMassG(run.params),
    degradedInTissuePercentDose: m.degradedInTissuePercentDose,
    selectivity: m.selectivity,
    ...(m.encapsulatedDrug ? { encapsulatedDrug: m.encapsulatedDrug } : {}),
    ...(m.imaging ? { imaging: m.imaging } : {}),
    warnings, assumptions,
    solver: { steps: run.stats.steps, rejected: run.stats.rejected, rhsEvaluations: run.stats.rhsEvaluations },
  }
}
