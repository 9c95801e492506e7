/**
 * Release prediction from a design (brief PART 1): curves, t50, t80 and first-hour burst in
 * plasma, inflamed tissue and the endolysosome, plus the hazard form for the PBPK model.
 */
import type { Design } from '../../design/types'
import { buildReleaseKernel, erosionPhi, kernelSurvival, type ReleaseKernel } from './kernel'
import { RELEASE_CATALOG } from './catalog'
import { hazardSlopeStepH } from '../pbpk/system'
import { RELEASE_ENVIRONMENT_IDS, type ReleaseEnvironmentId } from './triggers'
import type {
  EnvironmentRelease, PredictReleaseOptions, ReleaseHazardAllEnvironments, ReleasePrediction,
} from './types'

/** Default horizon, h (cli.md `simulate`). */
export const DEFAULT_RELEASE_HOURS = 72
/** Points on the default grid (0..hours inclusive). */
export const DEFAULT_RELEASE_POINTS = 101
/** Hazards are capped here (1/h): the diffusion hazard is infinite at t = 0. */
export const HAZARD_CAP_PER_H = 1000
/** Hazard evaluated no earlier than this age (h), 1 s after injection. */
export const HAZARD_MIN_AGE_H = 1 / 3600

const buf = new Float64Array(2)
const phiBuf = new Float64Array(2)

function fractionAt(k: ReleaseKernel, envIndex: number, tH: number): number {
  erosionPhi(k, tH, phiBuf)
  kernelSurvival(k, envIndex, tH, phiBuf[0] as number, phiBuf[1] as number, buf)
  return 1 - (buf[0] as number)
}

/**
 * F(t) of a design in one environment, kernel built once: for models that need F at many
 * times (the in-vitro measurement model, apparent-release.ts).
 */
export function releasedFractionFunction(
  design: Design, environment: 'plasma' | 'inflamed' | 'endolysosome' = 'plasma', opts?: Pick<PredictReleaseOptions, 'phForm'>,
): (tH: number) => number {
  const k = buildReleaseKernel(design, opts?.phForm)
  const e = RELEASE_ENVIRONMENT_IDS.indexOf(environment)
  return (tH) => Math.min(1, Math.max(0, fractionAt(k, e, tH)))
}

/** First time F reaches `target`, by bracketing on the grid then bisection on the model; null if not reached. */
function crossingTimeH(
  k: ReleaseKernel, envIndex: number, timesH: ArrayLike<number>, fractions: ArrayLike<number>, target: number,
): number | null {
  for (let i = 0; i < fractions.length; i++) {
    if ((fractions[i] as number) >= target) {
      if (i === 0) return timesH[0] as number
      let lo = timesH[i - 1] as number
      let hi = timesH[i] as number
      for (let it = 0; it < 48 && hi - lo > 1e-9 * hi; it++) {
        const mid = 0.5 * (lo + hi)
        if (fractionAt(k, envIndex, mid) >= target) hi = mid
        else lo = mid
      }
      return 0.5 * (lo + hi)
    }
  }
  return null
}

function buildGrid(opts: PredictReleaseOptions | undefined): number[] {
  if (opts?.timesH) {
    for (const t of opts.timesH) if (!Number.isFinite(t) || t < 0) throw new Error(`release time grid: invalid time ${t}`)
    return [...opts.timesH]
  }
  const hours = opts?.hours ?? DEFAULT_RELEASE_HOURS
  if (!Number.isFinite(hours) || hours <= 0) throw new Error(`release horizon must be a positive number of hours, got ${hours}`)
  const grid = new Array<number>(DEFAULT_RELEASE_POINTS)
  for (let i = 0; i < DEFAULT_RELEASE_POINTS; i++) grid[i] = (hours * i) / (DEFAULT_RELEASE_POINTS - 1)
  return grid
}

/**
 * Predicts drug release from a design in plasma, inflamed tissue and the endolysosome.
 *
 * Mechanism by core (catalog `mechanism`): Fickian sphere (Crank) with burst, PLGA/PLA erosion
 * coupling, Baker-Lonsdale when drug is dispersed above solubility, blended smoothly with Crank
 * between C0/Cs = 1 and 3, diffusivity and burst from the drug's molecular weight and logP
 * (drug-matrix.ts; brief §1.2-1.3); liposome
 * permeation k = 3P/r (§1.4); first-order cores; linker cleavage for surface conjugates.
 * Triggers scale rate constants by capped multipliers (§1.5). Radius = core diameter / 2.
 * t50H / t80H are null when not reached within the grid's last time.
 */
export function predictRelease(design: Design, opts?: PredictReleaseOptions): ReleasePrediction {
  const k = buildReleaseKernel(design, opts?.phForm)
  const timesH = buildGrid(opts)
  const n = timesH.length
  const curves = RELEASE_ENVIRONMENT_IDS.map(() => new Array<number>(n))
  for (let i = 0; i < n; i++) {
    const t = timesH[i] as number
    erosionPhi(k, t, phiBuf) // Phi is environment-independent: computed once per time
    const phi = phiBuf[0] as number
    const phiRate = phiBuf[1] as number
    for (let e = 0; e < 3; e++) {
      kernelSurvival(k, e, t, phi, phiRate, buf)
      ;(curves[e] as number[])[i] = Math.min(1, Math.max(0, 1 - (buf[0] as number)))
    }
  }
  // t50/t80 need a monotone grid: use a sorted view when the caller's grid is not sorted.
  let sortedTimes: ArrayLike<number> = timesH
  let order: number[] | null = null
  for (let i = 1; i < n; i++) {
    if ((timesH[i] as number) < (timesH[i - 1] as number)) {
      order = timesH.map((_, j) => j).sort((a, b) => (timesH[a] as number) - (timesH[b] as number))
      sortedTimes = order.map((j) => timesH[j] as number)
      break
    }
  }
  const environments = {} as Record<ReleaseEnvironmentId, EnvironmentRelease>
  RELEASE_ENVIRONMENT_IDS.forEach((id, e) => {
    const f = curves[e] as number[]
    const fs = order ? order.map((j) => f[j] as number) : f
    environments[id] = {
      timesH,
      fractionReleased: f,
      t50H: crossingTimeH(k, e, sortedTimes, fs, 0.5),
      t80H: crossingTimeH(k, e, sortedTimes, fs, 0.8),
      burstFraction1H: fractionAt(k, e, 1),
      rateMultiplier: k.multiplier[e] as number,
    }
  })
  return {
    mechanism: k.mechanism,
    mechanismLabel: k.mechanismLabel,
    drugClass: k.drugClass,
    dispersedDrug: k.dispersedWeight >= 0.5,
    dispersedWeight: k.dispersedWeight,
    environments,
    assumptions: k.assumptions,
    warnings: k.warnings,
  }
}

/**
 * Release hazard r = -d ln(1 - F)/dt = -(dS/dt)/S in 1/h (brief §1.1), for the PBPK model:
 * dA_free/dt = A_carrier · r(env, t).
 *
 * Time convention: tH is the time since injection (the particle's age). The environment only
 * scales rate constants, so r(env, tH) is the hazard of a particle of age tH evaluated as if it
 * had spent its whole life in `env` (burst depletion, diffusion depletion and polymer
 * degradation follow age). This is exact for first-order mechanisms and an approximation for
 * diffusion when the environment changes. Ages below 1 s are evaluated at 1 s, and the hazard is
 * capped at HAZARD_CAP_PER_H (the diffusion hazard diverges as t^-1/2 at t = 0 but integrates).
 * The kernel is built once; each call is allocation-free.
 */
export function releaseHazard(design: Design, opts?: Pick<PredictReleaseOptions, 'phForm'>): ReleaseHazardAllEnvironments {
  const k = buildReleaseKernel(design, opts?.phForm)
  const out = new Float64Array(2)
  const phi = new Float64Array(2)
  /** r(env e, age t) given the erosion clock φ(t), φ'(t) already in `phi`. */
  const rateAt = (e: number, t: number): number => {
    kernelSurvival(k, e, t, phi[0] as number, phi[1] as number, out)
    const s = out[0] as number
    const ds = out[1] as number
    if (!(s > 0)) return HAZARD_CAP_PER_H
    const r = -ds / s
    return Number.isFinite(r) ? Math.min(HAZARD_CAP_PER_H, Math.max(0, r)) : HAZARD_CAP_PER_H
  }
  const single = (environment: ReleaseEnvironmentId, tH: number): number => {
    const t = Math.max(HAZARD_MIN_AGE_H, tH)
    erosionPhi(k, t, phi)
    return rateAt(environment === 'plasma' ? 0 : environment === 'inflamed' ? 1 : 2, t)
  }
  // The three environments share the age and so the erosion clock φ: one erosionPhi for the
  // three rates, where three calls of `single` took three. The last age's rates are kept,
  // because the solver asks for the slopes at the age whose rates it has just read. Why: the
  // hazard was ~12 % of a PBPK step.
  const lastRates = new Float64Array(3)
  let lastT = Number.NaN
  const ratesAt = (tH: number, rates: Float64Array): void => {
    if (tH === lastT) { rates[0] = lastRates[0]; rates[1] = lastRates[1]; rates[2] = lastRates[2]; return }
    const t = Math.max(HAZARD_MIN_AGE_H, tH)
    erosionPhi(k, t, phi)
    for (let e = 0; e < 3; e++) lastRates[e] = rates[e] = rateAt(e, t)
    lastT = tH
  }
  const ahead = new Float64Array(3)
  const allEnvironments = (tH: number, rates: Float64Array, slopes?: Float64Array): void => {
    ratesAt(tH, rates)
    if (!slopes) return
    // the forward difference pbpk/system.ts takes of a plain hazard (same step, same result)
    const dt = hazardSlopeStepH(tH)
    const t = Math.max(HAZARD_MIN_AGE_H, tH + dt)
    erosionPhi(k, t, phi)
    for (let e = 0; e < 3; e++) ahead[e] = rateAt(e, t)
    for (let e = 0; e < 3; e++) slopes[e] = (ahead[e] - (rates[e] as number)) / dt
  }
  return Object.assign(single, { allEnvironments })
}

/**
 * Spread of a design's release speed across published formulations of its kind, as the
 * standard deviation of log10(speed), or undefined where none is calibrated. Matrix cores
 * (diffusion forms) carry the residual spread of the release calibration rows
 * (release.json `matrixReleaseSpread`); liposomes (permeation) the spread of the leakage speeds
 * their drug calibration rows ask for (release.json `liposomeLeakageSpread`). The Monte Carlo
 * samples the release speed with it (pbpk/monte-carlo.ts), so the bands of drug released in each
 * tissue, and of drug still inside circulating liposomes, say how little a release time from the
 * design alone is known.
 */
export function releaseSpeedSpreadLog10(design: Design): number | undefined {
  const mechanism = buildReleaseKernel(design).mechanism
  if (mechanism === 'erosion-diffusion' || mechanism === 'diffusion' || mechanism === 'swelling-diffusion') {
    return RELEASE_CATALOG.matrixReleaseSpread.log10StandardDeviation.value
  }
  return mechanism === 'permeation' ? RELEASE_CATALOG.liposomeLeakageSpread.log10StandardDeviation.value : undefined
}
