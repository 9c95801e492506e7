/**
 * What a release EXPERIMENT reads, given what the particle releases (issue #10 item 4).
 *
 * The engine's release curve is the drug leaving the particle. A published in-vitro curve is
 * something else: in the most common set-up (dialysis bag, D'Souza & DeLuca 2006, Pharm Res
 * 23:460-474, doi:10.1007/s11095-005-9397-8) the released drug must still cross the dialysis
 * membrane before it is counted, and while it waits inside the bag a lipophilic drug
 * partitions back into the particles (Modi & Anderson 2013, Mol Pharm 10:3076-3089,
 * doi:10.1021/mp400154a: "reversible binding" of released drug to the nanoparticles slows the
 * apparent release). Comparing the particle's curve with a dialysis curve compares two
 * different quantities; this module makes the second from the first.
 *
 * Model (donor = inside the bag, receptor = the sink outside):
 *   released drug in the donor A_d:   dA_d/dt = A₀·F′(t) − k·A_d
 *   counted in the receptor A_r:      dA_r/dt = k·A_d,     F_obs = A_r/A₀
 *   k = k_m · f_u,  f_u = 1/(1 + K_pw·φ)
 * k_m is the membrane transfer rate of the free drug (P·S/V_donor, 1/h: what a free-drug
 * control measures), f_u the share of released drug that is free in the donor water, K_pw
 * the particle/water partition coefficient and φ the particle volume fraction in the donor.
 * Solved exactly for F piecewise linear between grid points (exponential integrator):
 *   A_d(t+h) = A_d(t)·e^(−kh) + ΔF·(1 − e^(−kh))/(kh)
 * so F_obs = F − A_d/A₀. For a first-order particle F = 1 − e^(−at) this reproduces the
 * analytic two-step (Bateman) curve F_obs = 1 − (k·e^(−at) − a·e^(−kt))/(k − a) (test).
 * Sample-and-separate methods count the drug outside the particles directly: F_obs = F.
 */

/** How a release experiment separated released drug from the particles. */
export const RELEASE_METHOD_KINDS = [
  'dialysis', 'dialysis-reverse', 'sample-and-separate', 'centrifugal-ultrafiltration', 'franz', 'other',
] as const
export type ReleaseMethodKind = typeof RELEASE_METHOD_KINDS[number]

/** What each set-up is called on screen and in reports (the one place these words live). */
export const RELEASE_METHOD_LABELS: Readonly<Record<ReleaseMethodKind, string>> = {
  'dialysis': 'Dialysis bag',
  'dialysis-reverse': 'Reverse dialysis',
  'sample-and-separate': 'Sample and separate',
  'centrifugal-ultrafiltration': 'Centrifugal ultrafiltration',
  'franz': 'Franz diffusion cell',
  'other': 'Other set-up',
}

/** Method kinds where released drug crosses a membrane before it is counted. */
export function crossesMembrane(kind: ReleaseMethodKind): boolean {
  return kind === 'dialysis' || kind === 'dialysis-reverse' || kind === 'franz'
}

/** The numbers of one release experiment that the measurement model needs. */
export interface InVitroConditions {
  readonly kind: ReleaseMethodKind
  /** Free-drug transfer rate across the membrane k_m, 1/h (a free-drug control's first-order rate). */
  readonly membraneRatePerH: number
  /** Particle/water partition coefficient K_pw of the drug (1: no preference). */
  readonly partitionCoefficient: number
  /** Particle volume fraction in the donor, φ (mL particles per mL donor). */
  readonly particleVolumeFraction: number
}

/** Share of released drug that is free in the donor water, f_u = 1/(1 + K_pw·φ) (Modi & Anderson 2013). */
export function freeShareInDonor(partitionCoefficient: number, particleVolumeFraction: number): number {
  if (!(partitionCoefficient >= 0) || !(particleVolumeFraction >= 0)) {
    throw new Error(`partition coefficient and particle volume fraction must be ≥ 0, got ${partitionCoefficient} and ${particleVolumeFraction}`)
  }
  return 1 / (1 + partitionCoefficient * particleVolumeFraction)
}

/** The effective rate k = k_m·f_u at which released drug reaches the receptor, 1/h (Infinity: counted at once). */
export function apparentTransferRatePerH(c: InVitroConditions): number {
  if (!crossesMembrane(c.kind)) return Infinity
  if (!(c.membraneRatePerH > 0)) throw new Error(`membrane transfer rate must be > 0 1/h, got ${c.membraneRatePerH}`)
  return c.membraneRatePerH * freeShareInDonor(c.partitionCoefficient, c.particleVolumeFraction)
}

/**
 * Observed fraction in the receptor at each time of an increasing grid, from the particle's
 * released fraction on the same grid (exponential integrator above; F taken linear between
 * grid points, so give a grid fine enough for F: the caller's `apparentFractions` does).
 * `timesH` must start at 0 (F = 0 there) or at the first time with F at that time all in the
 * donor.
 */
export function membraneLaggedFractions(timesH: ArrayLike<number>, releasedFractions: ArrayLike<number>, transferRatePerH: number): number[] {
  const n = timesH.length
  if (releasedFractions.length !== n) throw new Error(`times (${n}) and fractions (${releasedFractions.length}) differ in length`)
  const out = new Array<number>(n)
  if (transferRatePerH === Infinity) {
    for (let i = 0; i < n; i++) out[i] = releasedFractions[i] as number
    return out
  }
  if (!(transferRatePerH > 0)) throw new Error(`transfer rate must be > 0 1/h, got ${transferRatePerH}`)
  let donor = releasedFractions[0] as number
  out[0] = (releasedFractions[0] as number) - donor
  for (let i = 1; i < n; i++) {
    const h = (timesH[i] as number) - (timesH[i - 1] as number)
    if (!(h >= 0)) throw new Error(`times must increase: ${timesH[i - 1]} then ${timesH[i]}`)
    const dF = (releasedFractions[i] as number) - (releasedFractions[i - 1] as number)
    const kh = transferRatePerH * h
    const decay = Math.exp(-kh)
    // (1 − e^(−kh))/(kh) → 1 as kh → 0 (series form avoids 0/0 on coincident times)
    const gain = kh > 1e-8 ? (1 - decay) / kh : 1 - kh / 2
    donor = donor * decay + dF * gain
    out[i] = (releasedFractions[i] as number) - donor
  }
  return out
}

/** Points per decade of the internal geometric grid: the ratio 10^(1/96) ≈ 1.024 between points (F linear within a step: error ~1e-5 of the dose, Bateman test). */
const GRID_POINTS_PER_DECADE = 96
/** First internal time after 0, h (0.36 s): the burst (k_b ≤ 10 1/h) is resolved from here. */
const GRID_START_H = 1e-4

/**
 * Observed (receptor) fraction at each requested time, given F(t) of the particle.
 * The integration runs on a geometric grid from GRID_START_H to the last requested time with
 * the requested times merged in, so the result does not depend on how coarse the caller's
 * grid is.
 */
export function apparentFractions(
  releasedAt: (tH: number) => number, timesH: ReadonlyArray<number>, conditions: InVitroConditions,
): number[] {
  for (const t of timesH) if (!(Number.isFinite(t) && t >= 0)) throw new Error(`release time must be a finite number ≥ 0 h, got ${t}`)
  const k = apparentTransferRatePerH(conditions)
  if (k === Infinity) return timesH.map((t) => (t > 0 ? releasedAt(t) : 0))
  const last = Math.max(0, ...timesH)
  const grid = [0]
  if (last > 0) {
    const ratio = Math.pow(10, 1 / GRID_POINTS_PER_DECADE)
    for (let t = Math.min(GRID_START_H, last); t < last; t *= ratio) grid.push(t)
    grid.push(...timesH.filter((t) => t > 0))
    grid.sort((a, b) => a - b)
  }
  const fractions = grid.map((t) => (t > 0 ? releasedAt(t) : 0))
  const observed = membraneLaggedFractions(grid, fractions, k)
  const at = new Map<number, number>()
  grid.forEach((t, i) => at.set(t, observed[i] as number))
  return timesH.map((t) => at.get(t) as number)
}

/**
 * First-order transfer rate of a free-drug control, 1/h: least squares through the origin of
 * −ln(1 − F) against t (F = 1 − e^(−k t)). Points with F ≥ 0.99 carry no rate information
 * (assay noise dominates ln(1 − F)) and are left out; at least one point must remain.
 */
export function firstOrderRateFromControl(timesH: ReadonlyArray<number>, fractionsCrossed: ReadonlyArray<number>): number {
  if (timesH.length !== fractionsCrossed.length) throw new Error(`free-drug control: ${timesH.length} times but ${fractionsCrossed.length} fractions`)
  let sxy = 0
  let sxx = 0
  timesH.forEach((t, i) => {
    const f = fractionsCrossed[i] as number
    if (!(t > 0) || !(f > 0) || f >= 0.99) return
    sxy += t * -Math.log(1 - f)
    sxx += t * t
  })
  if (!(sxx > 0)) throw new Error('free-drug control: no point with 0 < t and 0 < fraction < 0.99')
  return sxy / sxx
}
