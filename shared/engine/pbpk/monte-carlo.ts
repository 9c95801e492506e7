/**
 * Monte Carlo uncertainty of the biodistribution (brief §2.2.3 and Part 4 note 5): the
 * uncertain parameters — P, PAC, K_max, K_rel and capacity of every organ, and the disease
 * multipliers — are sampled lognormally around their nominal values (median = nominal,
 * CV 50 %, truncated at the 2.5-97.5 % quantiles, from pbpk.json), the model is run per
 * sample, and the median and the 2.5/97.5 % percentiles of every curve and metric are
 * reported. Seeded (mulberry32) and reproducible; cancellable between samples.
 */
import { ORGAN_KEYS, PBPK_DATA, type OrganKey } from './data'
import type { ParameterPerturbation } from './parameters'
import { lognormalMultiplier, mulberry32, normalQuantile, type Uniform } from './random'
import { parameterResolver } from './parameters'
import { bandLayoutFits, bandLayoutOf, outputTimes, runModel, writeBandSample, type BandLayout, type RunScratch } from './simulate'
import { hasAllEnvironments, hazardSlopeStepH, type AllEnvironmentsHazard } from './system'
import { BIODISTRIBUTION_KEYS, type BiodistributionInput, type BiodistributionKey, type ReleaseEnvironment, type ReleaseHazard, type SimulateOptions } from './types'

/** Median and 95 % band. */
export interface Band {
  readonly median: number
  readonly lower: number
  readonly upper: number
}

/** Median and 95 % band of a curve, one value per output time. */
export interface CurveBand {
  readonly median: ReadonlyArray<number>
  readonly lower: ReadonlyArray<number>
  readonly upper: ReadonlyArray<number>
}

/** Numeric selectivity metrics that get a band. */
export const SELECTIVITY_METRICS = [
  'targetAucPercentDoseH', 'selectivityIndex', 'targetToLiverSpleenAucRatio', 'targetPeakPercentDose',
  'drugReleasedInTargetPercentDose', 'drugReleasedInBloodPercentDose', 'drugReleasedOffTargetPercentDose',
] as const
/** One of {@link SELECTIVITY_METRICS}. */
export type SelectivityMetric = (typeof SELECTIVITY_METRICS)[number]

/** Options of {@link monteCarloBiodistribution}. */
export interface MonteCarloOptions extends SimulateOptions {
  readonly samples: number
  readonly seed: number
  /** Called after each sample with (done, total). */
  readonly onProgress?: (done: number, total: number) => void
  /** Checked between samples; when `aborted` turns true the run stops (an AbortSignal fits). */
  readonly signal?: { readonly aborted: boolean }
}

/** Result of {@link monteCarloBiodistribution}. */
export interface MonteCarloResult {
  readonly timesH: ReadonlyArray<number>
  readonly percentDose: Readonly<Record<BiodistributionKey, CurveBand>>
  /**
   * Bands of the residualizing-label view (intact particles + carrier degraded in each tissue's
   * phagocytes, {@link residualizingLabelPercentDose}), sampled like percentDose.
   */
  readonly residualizingLabelPercentDose: Readonly<Record<BiodistributionKey, CurveBand>>
  readonly bloodHalfLifeH: Band
  readonly aucPercentDoseH: Readonly<Record<BiodistributionKey, Band>>
  readonly selectivity: Readonly<Record<SelectivityMetric, Band>>
  /** Samples completed (less than requested when cancelled). */
  readonly samples: number
  readonly requestedSamples: number
  readonly seed: number
  readonly cancelled: boolean
  readonly coefficientOfVariation: number
}

/**
 * Draws one release speed multiplier s = 10^(σ·z), z standard normal truncated at the run's
 * quantiles (the same truncation as every other sampled parameter).
 */
export function sampleReleaseSpeed(u: Uniform, spreadLog10: number): number {
  const mc = PBPK_DATA.monteCarlo
  const zLo = normalQuantile(mc.lowerQuantile.value)
  const zHi = normalQuantile(mc.upperQuantile.value)
  const z = normalQuantile(Math.min(Math.max(u(), 1e-12), 1 - 1e-12))
  return Math.pow(10, spreadLog10 * Math.min(zHi, Math.max(zLo, z)))
}

/**
 * The hazard of a release running s times faster: F_s(t) = F(s·t), so r_s(t) = s·r(s·t). Exact
 * for diffusion from a sphere (τ = D·t/R², a faster D is a faster clock); for erosion-coupled
 * diffusion and the burst it also speeds up degradation and burst, the simplest reading of a
 * release-time spread that the data cannot split further.
 */
export function speedScaledHazard(hazard: ReleaseHazard, speed: number): ReleaseHazard {
  if (speed === 1) return hazard
  const scaled: ReleaseHazard = (env, tH) => speed * hazard(env, speed * tH)
  if (!hasAllEnvironments(hazard)) return scaled
  // the three-environment fast path (system.ts): r_s = s·r(s·t), ∂r_s/∂t = s²·r′(s·t)
  const inner = hazard.allEnvironments
  const speed2 = speed * speed
  const allEnvironments = (tH: number, rates: Float64Array, slopes?: Float64Array): void => {
    inner(speed * tH, rates, slopes)
    for (let e = 0; e < 3; e++) rates[e] *= speed
    if (slopes) for (let e = 0; e < 3; e++) slopes[e] *= speed2
  }
  return Object.assign(scaled, { allEnvironments })
}

/**
 * Draws one perturbation of the uncertain parameters: each organ's own multipliers, then one
 * phagocyte-activity factor c shared by every organ (pbpk.json monteCarlo
 * sharedPhagocyteActivityCv), drawn last so the organs' own draws do not depend on it. An
 * animal's or a laboratory's mononuclear phagocyte system is more or less active as a whole
 * (strain, opsonins, macrophage activation), so c multiplies every organ's phagocytic uptake
 * K_max and capacity and divides its release K_rel: drawn organ by organ only, the liver's and
 * the spleen's activities cancelled, and the band held the published value for fewer rows
 * (58 against 67 of 116 calibration rows, 200 draws, band-coverage.ts).
 */
export function samplePerturbation(u: Uniform): ParameterPerturbation {
  const mc = PBPK_DATA.monteCarlo
  const cv = mc.coefficientOfVariation.value
  const zLo = normalQuantile(mc.lowerQuantile.value)
  const zHi = normalQuantile(mc.upperQuantile.value)
  const draw = (): number => lognormalMultiplier(u, cv, zLo, zHi)
  const organs = {} as Record<OrganKey, { partition: number; permeability: number; kMax: number; kRel: number; capacity: number }>
  for (const o of ORGAN_KEYS) organs[o] = { partition: draw(), permeability: draw(), kMax: draw(), kRel: draw(), capacity: draw() }
  const diseasePermeability = draw()
  const diseaseKMax = draw()
  const c = lognormalMultiplier(u, mc.sharedPhagocyteActivityCv.value, zLo, zHi)
  for (const o of ORGAN_KEYS) {
    const m = organs[o]
    m.kMax *= c
    m.capacity *= c
    m.kRel /= c
  }
  return { organs, diseasePermeability, diseaseKMax }
}

const HAZARD_TABLE_T_MIN_H = 1e-4
const HAZARD_TABLE_POINTS = 2048
const ENVIRONMENTS: ReadonlyArray<ReleaseEnvironment> = ['plasma', 'inflamed', 'endolysosome']

/**
 * The release hazard tabulated on a log-time grid (2048 points from 1e-4 h to `tEndH`;
 * Δln t ≈ 0.007 to 72 h, ≈ 0.011 to the 5e5 h a 7000-fold release speed needs) with linear
 * interpolation in ln t; exact below 1e-4 h and beyond the grid.
 * Why: Monte Carlo evaluates the same hazard ~10⁶ times (3 environments at 3 times per solver
 * step), and the release engine's erosion/diffusion hazards cost ~0.3 µs each. Interpolation error ~ Δ²/8 · curvature
 * ≈ 1.5e-5 relative for smooth hazards, far below the sampled 50 % CV.
 *
 * The result also has the three-environment fast path of system.ts (one lookup for the three
 * rates; the slope of the interpolant, (T[i+1] − T[i])/(Δ·t), as ∂r/∂t; outside the grid the
 * exact hazard and a forward difference, as the system does for a plain hazard).
 */
export function tabulateHazard(hazard: ReleaseHazard, tEndH: number): AllEnvironmentsHazard {
  const u0 = Math.log(HAZARD_TABLE_T_MIN_H)
  const u1 = Math.log(Math.max(tEndH, 2 * HAZARD_TABLE_T_MIN_H))
  const du = (u1 - u0) / (HAZARD_TABLE_POINTS - 1)
  const tables = ENVIRONMENTS.map((env) => {
    const v = new Float64Array(HAZARD_TABLE_POINTS)
    for (let i = 0; i < HAZARD_TABLE_POINTS; i++) v[i] = hazard(env, Math.exp(u0 + i * du))
    return v
  })
  // the three tables interleaved (node i at 3i..3i+2), so one lookup reads one cache line
  const all = new Float64Array(3 * HAZARD_TABLE_POINTS)
  for (let i = 0; i < HAZARD_TABLE_POINTS; i++) for (let e = 0; e < 3; e++) all[3 * i + e] = tables[e][i]
  const single: ReleaseHazard = (env, tH) => {
    if (!(tH > HAZARD_TABLE_T_MIN_H)) return hazard(env, tH)
    const x = (Math.log(tH) - u0) / du
    const i = Math.floor(x)
    if (i >= HAZARD_TABLE_POINTS - 1) return hazard(env, tH)
    const table = tables[env === 'plasma' ? 0 : env === 'inflamed' ? 1 : 2]
    const f = x - i
    return table[i] * (1 - f) + table[i + 1] * f
  }
  const allEnvironments = (tH: number, rates: Float64Array, slopes?: Float64Array): void => {
    const x = tH > HAZARD_TABLE_T_MIN_H ? (Math.log(tH) - u0) / du : -1
    const i = Math.floor(x)
    if (x < 0 || i >= HAZARD_TABLE_POINTS - 1) {
      const dt = hazardSlopeStepH(tH)
      for (let e = 0; e < 3; e++) {
        rates[e] = hazard(ENVIRONMENTS[e], tH)
        if (slopes) slopes[e] = (hazard(ENVIRONMENTS[e], tH + dt) - rates[e]) / dt
      }
      return
    }
    // same expression as `single`, so both paths give the same rates to the bit
    const f = x - i
    const g = 1 - f
    const a = 3 * i
    rates[0] = all[a] * g + all[a + 3] * f
    rates[1] = all[a + 1] * g + all[a + 4] * f
    rates[2] = all[a + 2] * g + all[a + 5] * f
    if (slopes) {
      const perT = 1 / (du * tH)
      slopes[0] = (all[a + 3] - all[a]) * perT
      slopes[1] = (all[a + 4] - all[a + 1]) * perT
      slopes[2] = (all[a + 5] - all[a + 2]) * perT
    }
  }
  return Object.assign(single, { allEnvironments })
}

/**
 * The values at the given ranks of `values` in ascending order — what
 * `Float64Array.from(values).sort()` would hold at those positions (NaN after every number,
 * −0 before +0) — without sorting: `values` is reordered in place by selection, O(n) a rank
 * instead of O(n log n) for the sort.
 * Why: the band of every curve point is 3 quantiles of ~1000 samples, ~1300 bands a run; the
 * sorts took ~100 ms of a 1000-sample run, time no worker can share.
 * The middle requested rank is selected first over the whole range, then the ranks below it
 * within the part left of it and those above within the part right of it (each selection
 * leaves the smaller values before the rank and the larger after), so later selections work on
 * ever shorter ranges; each by Floyd & Rivest's SELECT ({@link floydRivest}).
 * `ranks` ascending; `out[j]` receives the value of rank `ranks[j]`.
 */
export function selectRanks(values: Float64Array, ranks: ReadonlyArray<number>, out: Float64Array): void {
  const n = values.length
  // NaNs to the end (the sort puts them last); count negatives and −0 for the zero sign
  let m = 0
  let negatives = 0
  let negativeZeros = 0
  for (let i = 0; i < n; i++) {
    const v = values[i]
    if (v !== v) continue
    if (v < 0) negatives++
    else if (v === 0 && 1 / v < 0) negativeZeros++
    values[i] = values[m]
    values[m++] = v
  }
  for (let i = m; i < n; i++) values[i] = Number.NaN
  // ranks at or beyond the numbers are NaN
  let inNumbers = 0
  while (inNumbers < ranks.length && ranks[inNumbers] < m) inNumbers++
  for (let j = inNumbers; j < ranks.length; j++) out[j] = Number.NaN
  selectWithin(values, 0, m - 1, ranks, 0, inNumbers, out)
  for (let j = 0; j < inNumbers; j++) {
    const k = ranks[j]
    // equal-comparing zeros: the sort orders −0 first
    if (out[j] === 0) out[j] = k >= negatives && k < negatives + negativeZeros ? -0 : 0
  }
}

/** Selects ranks[lo..hi) (ascending, all within [left, right]) into out[lo..hi). */
function selectWithin(a: Float64Array, left: number, right: number, ranks: ReadonlyArray<number>, lo: number, hi: number, out: Float64Array): void {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const k = ranks[mid]
    floydRivest(a, left, right, k)
    out[mid] = a[k]
    selectWithin(a, left, k - 1, ranks, lo, mid, out)
    left = k + 1
    lo = mid + 1
  }
}

/** Ranges longer than this first select within a sample around the expected position. */
const SAMPLED_SELECT_MIN = 600

/**
 * Places the value of rank k (within [left, right]) at k, smaller-or-equal values before it,
 * larger-or-equal after (Floyd & Rivest 1975, Commun ACM 18:165, Algorithm 489 SELECT).
 * On a long range it first selects k within a sample of ~n^(2/3) values around the expected
 * position of the rank, so the pivot lands next to it and one partition pass leaves little
 * to do: ~n + min(k, n − k) comparisons against quickselect's 2n–3.4n.
 * The partition keeps a value ≤ pivot at the left end and one ≥ pivot at the right end as
 * sentinels, so the inner scans need no bounds check. No NaN may be in [left, right].
 */
function floydRivest(a: Float64Array, left: number, right: number, k: number): void {
  while (right > left) {
    if (right - left > SAMPLED_SELECT_MIN) {
      const n = right - left + 1
      const i = k - left + 1
      const z = Math.log(n)
      const s = 0.5 * Math.exp((2 * z) / 3)
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i < n / 2 ? -1 : 1)
      floydRivest(a, Math.max(left, Math.floor(k - (i * s) / n + sd)), Math.min(right, Math.floor(k + ((n - i) * s) / n + sd)), k)
    }
    const pivot = a[k]
    let i = left
    let j = right
    swap(a, left, k)
    if (a[right] > pivot) swap(a, left, right)
    while (i < j) {
      swap(a, i, j)
      i++
      j--
      while (a[i] < pivot) i++
      while (a[j] > pivot) j--
    }
    if (a[left] === pivot) swap(a, left, j)
    else {
      j++
      swap(a, j, right)
    }
    // j holds the pivot now
    if (j <= k) left = j + 1
    if (k <= j) right = j - 1
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]; a[i] = a[j]; a[j] = t
}

/**
 * The band of `n` values (left unchanged): median and the lo/hi quantiles, each by linear
 * interpolation between the sorted values at position q·(n − 1) (Hyndman & Fan 1996,
 * Am Stat 50:361, type 7; equal neighbours give their value exactly), the sorted values found by {@link selectRanks}. The ranks are worked
 * out once for the run's sample count. Exported so validation/band-coverage.ts checks this very
 * band (not another quantile rule) against published values.
 */
export function bandOf(n: number, lo: number, hi: number): (values: Float64Array) => Band {
  if (n === 0) return () => ({ median: Number.NaN, lower: Number.NaN, upper: Number.NaN })
  const work = new Float64Array(n)
  // ranks i and i + 1 of each quantile position
  const needed: number[] = []
  for (const q of [lo, 0.5, hi]) {
    const i = Math.floor(q * (n - 1))
    needed.push(i, Math.min(i + 1, n - 1))
  }
  const order = [...new Set(needed)].sort((x, y) => x - y)
  const out = new Float64Array(order.length)
  // between equal neighbours the value itself: v·(1 − f) + v·f can miss v by an ulp, and a
  // band over identical samples must collapse exactly
  const quantile = (q: number): number => {
    const pos = q * (n - 1)
    const i = Math.floor(pos)
    const f = pos - i
    const vi = out[order.indexOf(i)]
    if (i + 1 >= n) return vi
    const vj = out[order.indexOf(i + 1)]
    return vj === vi ? vi : vi * (1 - f) + vj * f
  }
  return (values) => {
    work.set(values)
    selectRanks(work, order, out)
    return { median: quantile(0.5), lower: quantile(lo), upper: quantile(hi) }
  }
}

/**
 * The random stream of sample `index` of a run seeded `seed`: its own mulberry32 stream,
 * seeded by a 32-bit hash of (seed, index) (the splitmix32 finaliser: Steele, Lea & Flood 2014,
 * doi:10.1145/2714064.2660195). Why per sample: any split of the samples over workers draws
 * the same numbers for the same sample, so a run gives the same result on 1 or 8 workers.
 */
export function sampleStream(seed: number, index: number): Uniform {
  let z = (seed ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
  return mulberry32((z ^ (z >>> 16)) >>> 0)
}

/** Options of {@link monteCarloSamples}: the run's options and the sample range [from, to). */
export interface MonteCarloRangeOptions extends MonteCarloOptions {
  readonly from: number
  readonly to: number
  /**
   * Sample `index`'s input and perturbation, replacing the catalog's sampled spread
   * ({@link samplePerturbation}): a calibration profile's posterior draws (issue #14). `input`
   * is the run's input (hazard already tabulated). Default: the catalog's spread.
   */
  readonly sampleOf?: (index: number, input: BiodistributionInput) => { readonly input: BiodistributionInput; readonly perturbation: ParameterPerturbation }
}

/**
 * Raw results of the samples [from, to) of a run, in index order: every curve (flattened
 * sample-major, `timesH.length` values a sample) and every scalar. Plain typed arrays, so a
 * worker can send them back by structured clone.
 */
export interface MonteCarloSamples {
  readonly from: number
  /** Samples completed (fewer than to − from when cancelled). */
  readonly count: number
  readonly timesH: ReadonlyArray<number>
  readonly curves: Readonly<Record<string, Float64Array>>
  readonly scalars: Readonly<Record<string, Float64Array>>
  readonly cancelled: boolean
}

/** The scalar names of a Monte Carlo sample (AUCs, half-life, selectivity metrics). */
const SCALAR_NAMES: ReadonlyArray<string> = [
  ...BIODISTRIBUTION_KEYS.map((k) => `auc.${k}`), 'bloodHalfLifeH', ...SELECTIVITY_METRICS.map((m) => `sel.${m}`),
]
/** The curve names of a Monte Carlo sample (particles and the residualizing-label view). */
const CURVE_NAMES: ReadonlyArray<string> = [...BIODISTRIBUTION_KEYS, ...BIODISTRIBUTION_KEYS.map((k) => `label.${k}`)]

/**
 * Draw `index` of the catalog's spread: the parameter perturbation, then (when the release
 * speed is uncertain, `spreadLog10` given) one release speed from the same stream, drawn after
 * the parameters so the parameter draws of a sample do not depend on whether release is
 * sampled. The one draw order of the app's bands and of the published-row band check
 * (validation/band-coverage.ts).
 */
export function sampleDraw(seed: number, index: number, spreadLog10: number | undefined): { perturbation: ParameterPerturbation; releaseSpeed?: number } {
  const u = sampleStream(seed, index)
  const perturbation = samplePerturbation(u)
  return spreadLog10 ? { perturbation, releaseSpeed: sampleReleaseSpeed(u, spreadLog10) } : { perturbation }
}

/** Sample `index` of a run: {@link sampleDraw}, its release speed applied to the input's hazard. */
function defaultSample(input: BiodistributionInput, seed: number, index: number, spreadLog10: number | undefined): { input: BiodistributionInput; perturbation: ParameterPerturbation } {
  const draw = sampleDraw(seed, index, input.releaseHazard ? spreadLog10 : undefined)
  if (draw.releaseSpeed === undefined || !input.releaseHazard) return { input, perturbation: draw.perturbation }
  return { input: { ...input, releaseHazard: speedScaledHazard(input.releaseHazard, draw.releaseSpeed) }, perturbation: draw.perturbation }
}

/**
 * A Monte Carlo run of one input: its setup (output times, tolerances, the release hazard
 * tabulated for every sampled speed) done once, and its samples by range.
 */
export interface MonteCarloRun {
  /**
   * The samples [from, to) (sample i perturbed by {@link sampleStream}(seed, i)); the pieces
   * of a run, in any split, summarise to the same result ({@link summarizeMonteCarlo}).
   * `onProgress` is called with (done, to − from); `signal` is checked between samples.
   */
  samples(range: Pick<MonteCarloRangeOptions, 'from' | 'to' | 'onProgress' | 'signal'>): MonteCarloSamples
}

/**
 * Sets up a Monte Carlo run for {@link MonteCarloRun.samples}. Why apart from
 * {@link monteCarloSamples}: a pool worker runs many sample ranges of one run, and each range
 * set up again (tabulating the hazard: ~2 ms, 6144 hazard evaluations).
 */
export function monteCarloRun(input: BiodistributionInput, options: Omit<MonteCarloRangeOptions, 'from' | 'to' | 'onProgress' | 'signal'>): MonteCarloRun {
  const times = outputTimes(options)
  const nT = times.length
  // Looser than a single run (DEFAULT_RTOL): with ROS3 and its RMS error norm these stay
  // within 0.024 %ID and 3e-4 of the half-life of a tight reference on the three examples and
  // the default design (0.011 %ID with the max norm, the former ode23s at 1e-3 / 1e-4: ~5e-2),
  // far below the 50 % CV of the sampled parameters.
  const rtol = options.rtol ?? 3e-3
  const atol = options.atol ?? 1e-4
  // every sample uses the same release hazard: tabulate it once, far enough for the fastest
  // sampled release speed (s·t up to s_max × the horizon)
  const spread = input.releaseHazard ? input.releaseSpeedSpreadLog10 : undefined
  const speedMax = spread ? Math.pow(10, spread * normalQuantile(PBPK_DATA.monteCarlo.upperQuantile.value)) : 1
  const sampleInput: BiodistributionInput = input.releaseHazard
    ? { ...input, releaseHazard: tabulateHazard(input.releaseHazard, times[nT - 1] * speedMax) }
    : input
  // one design's samples share the system's shape: the run's arrays are reused (read before the next run)
  const scratch: RunScratch = {}
  // the index lists of the band path, kept while the samples' structure stays the same
  let layout: BandLayout | undefined
  // parameters without assumption texts, the modifiers that cannot change run once
  const resolve = parameterResolver(sampleInput)
  return {
    samples: (range) => {
      const from = Math.max(0, Math.floor(range.from))
      const to = Math.max(from, Math.floor(range.to))
      const n = to - from
      const curves: Record<string, Float64Array> = {}
      for (const c of CURVE_NAMES) curves[c] = new Float64Array(n * nT)
      const scalars: Record<string, Float64Array> = {}
      for (const c of SCALAR_NAMES) scalars[c] = new Float64Array(n)
      let done = 0
      let cancelled = false
      // the destination of every key, looked up once (not by a built name each sample)
      const particleCurves = BIODISTRIBUTION_KEYS.map((k) => curves[k]!)
      const labelCurves = BIODISTRIBUTION_KEYS.map((k) => curves[`label.${k}`]!)
      const aucScalars = BIODISTRIBUTION_KEYS.map((k) => scalars[`auc.${k}`]!)
      const selectivityScalars = SELECTIVITY_METRICS.map((m) => scalars[`sel.${m}`]!)
      const halfLives = scalars.bloodHalfLifeH!
      const destination = { percentDose: particleCurves, label: labelCurves, auc: aucScalars }
      for (let i = from; i < to; i++) {
        if (range.signal?.aborted) { cancelled = true; break }
        // model run recording only what a band reads, without the per-result assumption list
        // (same numbers as simulateWithPerturbation; tests/unit/shared/engine/monte-carlo-fast-path.test.ts)
        const sample = options.sampleOf?.(i, sampleInput) ?? defaultSample(sampleInput, options.seed, i, spread)
        const params = resolve(sample.input, sample.perturbation)
        const run = runModel(params, sample.input, times, rtol, atol, 'mixed', scratch, 'band')
        if (layout === undefined || !bandLayoutFits(layout, run)) layout = bandLayoutOf(run)
        const selectivity = writeBandSample(run, sample.input, layout, destination, done * nT, done)
        halfLives[done] = Number.isFinite(run.bloodHalfLifeH) ? run.bloodHalfLifeH : 1e6
        for (let q = 0; q < SELECTIVITY_METRICS.length; q++) selectivityScalars[q]![done] = selectivity[SELECTIVITY_METRICS[q]!]
        done++
        range.onProgress?.(done, n)
      }
      return { from, count: done, timesH: times, curves, scalars, cancelled }
    },
  }
}

/**
 * Runs the samples [from, to) of a Monte Carlo run (sample i perturbed by {@link sampleStream}
 * (seed, i)); the pieces of a run, in any split, summarise to the same result
 * ({@link summarizeMonteCarlo}).
 */
export function monteCarloSamples(input: BiodistributionInput, options: MonteCarloRangeOptions): MonteCarloSamples {
  return monteCarloRun(input, options).samples(options)
}

/**
 * Runs `samples` model evaluations with sampled parameters and returns the median and
 * 95 % band of every curve and metric. Same input, seed and sample count → same result, and
 * the same result as the pieces of {@link monteCarloSamples} summarised together.
 */
export function monteCarloBiodistribution(input: BiodistributionInput, options: MonteCarloOptions): MonteCarloResult {
  const total = Math.max(1, Math.floor(options.samples))
  return summarizeMonteCarlo([monteCarloSamples(input, { ...options, from: 0, to: total })], total, options.seed)
}

/** The samples of a run's pieces that count: joined in sample order, up to the first cancelled piece. */
interface JoinedPieces {
  readonly used: ReadonlyArray<MonteCarloSamples>
  readonly done: number
  readonly cancelled: boolean
  readonly timesH: ReadonlyArray<number>
}

function joinPieces(pieces: ReadonlyArray<MonteCarloSamples>, requestedSamples: number): JoinedPieces {
  const ordered = [...pieces].sort((a, b) => a.from - b.from)
  const used: MonteCarloSamples[] = []
  let cancelled = false
  let next = 0
  for (const p of ordered) {
    if (p.from !== next) throw new Error(`monteCarlo: sample pieces are not contiguous (expected sample ${next}, got ${p.from})`)
    used.push(p)
    next = p.from + p.count
    if (p.cancelled || p.count === 0) { cancelled = p.cancelled || cancelled; break }
  }
  return { used, done: next, cancelled: cancelled || next < requestedSamples, timesH: used[0]?.timesH ?? [] }
}

/** A scalar's values over the joined samples, in sample order. */
function joinScalar(joined: JoinedPieces, name: string): Float64Array {
  const out = new Float64Array(joined.done)
  for (const p of joined.used) out.set(p.scalars[name]!.subarray(0, p.count), p.from)
  return out
}

/** The band of one curve from its values time-major (row i: the `done` samples at time i). */
function curveBandOf(timeMajor: Float64Array, nT: number, done: number, band: (values: Float64Array) => Band): CurveBand {
  const med: number[] = []
  const low: number[] = []
  const up: number[] = []
  for (let i = 0; i < nT; i++) {
    const b = band(timeMajor.subarray(i * done, (i + 1) * done))
    med.push(b.median); low.push(b.lower); up.push(b.upper)
  }
  return { median: med, lower: low, upper: up }
}

/** The band function of `done` samples with the catalog's quantiles. */
function catalogBand(done: number): (values: Float64Array) => Band {
  return bandOf(done, PBPK_DATA.monteCarlo.lowerQuantile.value, PBPK_DATA.monteCarlo.upperQuantile.value)
}

/** The result from its bands (key order fixed: results are compared as JSON). */
function assembleResult(
  timesH: ReadonlyArray<number>, curve: (name: string) => CurveBand, scalar: (name: string) => Band,
  done: number, requestedSamples: number, seed: number, cancelled: boolean,
): MonteCarloResult {
  const percentDose = {} as Record<BiodistributionKey, CurveBand>
  const aucPercentDoseH = {} as Record<BiodistributionKey, Band>
  for (const k of BIODISTRIBUTION_KEYS) {
    percentDose[k] = curve(k)
    aucPercentDoseH[k] = scalar(`auc.${k}`)
  }
  const residualizingLabel = {} as Record<BiodistributionKey, CurveBand>
  for (const k of BIODISTRIBUTION_KEYS) residualizingLabel[k] = curve(`label.${k}`)
  const selectivity = {} as Record<SelectivityMetric, Band>
  for (const m of SELECTIVITY_METRICS) selectivity[m] = scalar(`sel.${m}`)
  return {
    timesH, percentDose, residualizingLabelPercentDose: residualizingLabel, bloodHalfLifeH: scalar('bloodHalfLifeH'),
    aucPercentDoseH, selectivity, samples: done, requestedSamples, seed, cancelled,
    coefficientOfVariation: PBPK_DATA.monteCarlo.coefficientOfVariation.value,
  }
}

/**
 * The median and 95 % band of every curve and metric over the samples of a run, from its
 * pieces (any split, any order; joined in sample order, up to the first cancelled piece).
 */
export function summarizeMonteCarlo(pieces: ReadonlyArray<MonteCarloSamples>, requestedSamples: number, seed: number): MonteCarloResult {
  const joined = joinPieces(pieces, requestedSamples)
  const { done } = joined
  const nT = joined.timesH.length
  // the curve's values time-major (one row of `done` samples per output time): the samples are
  // stored sample-major, and reading a column of them directly misses the cache at every value
  const timeMajor = new Float64Array(nT * done)
  const band = catalogBand(done)
  const curve = (name: string): CurveBand => {
    for (const p of joined.used) transposeInto(timeMajor, done, p.curves[name]!, p.from, p.count, nT)
    return curveBandOf(timeMajor, nT, done, band)
  }
  return assembleResult(joined.timesH, curve, (name) => band(joinScalar(joined, name)), done, requestedSamples, seed, joined.cancelled)
}

/** Writes `count` samples stored sample-major (nT values each) as columns from..from+count of a time-major block of `rowLength` columns. */
function transposeInto(timeMajor: Float64Array, rowLength: number, sampleMajor: Float64Array, from: number, count: number, nT: number): void {
  for (let s = 0; s < count; s++) {
    const row = s * nT
    const col = from + s
    for (let i = 0; i < nT; i++) timeMajor[i * rowLength + col] = sampleMajor[row + i]!
  }
}

/**
 * Every curve of a run time-major in one buffer (a SharedArrayBuffer lets worker threads read
 * it in place): curve c occupies nT × samples values from c·nT·samples, row i holding the
 * samples at output time i. Why: the bands of a run (~1300 of them) are its only serial part;
 * with the curves in shared memory, each worker summarises a share of them
 * ({@link curveBandsOf}) and the results are the ones {@link summarizeMonteCarlo} gives.
 */
export interface MonteCarloStore {
  readonly samples: number
  readonly timesH: ReadonlyArray<number>
  readonly buffer: ArrayBufferLike
}

/** The curve names of a Monte Carlo run, in store order. */
export const MONTE_CARLO_CURVES: ReadonlyArray<string> = CURVE_NAMES

/** Bytes of the store of `samples` samples at `nT` output times. */
export function monteCarloStoreBytes(samples: number, nT: number): number {
  return CURVE_NAMES.length * nT * samples * Float64Array.BYTES_PER_ELEMENT
}

function storeCurve(store: MonteCarloStore, name: string): Float64Array {
  const c = CURVE_NAMES.indexOf(name)
  if (c < 0) throw new Error(`monteCarlo: no curve '${name}' in a store`)
  const size = store.timesH.length * store.samples
  return new Float64Array(store.buffer, c * size * Float64Array.BYTES_PER_ELEMENT, size)
}

/** Copies a piece's curves into the store (its samples' columns). */
export function storePiece(store: MonteCarloStore, piece: MonteCarloSamples): void {
  if (piece.from + piece.count > store.samples) throw new Error(`monteCarlo: samples ${piece.from}..${piece.from + piece.count} beyond the store's ${store.samples}`)
  for (const name of CURVE_NAMES) transposeInto(storeCurve(store, name), store.samples, piece.curves[name]!, piece.from, piece.count, store.timesH.length)
}

/**
 * The bands of the named curves over the first `done` samples of a store (the columns
 * 0..done of each row; the same values, so the same bands, as {@link summarizeMonteCarlo}).
 */
export function curveBandsOf(store: MonteCarloStore, names: ReadonlyArray<string>, done: number): Record<string, CurveBand> {
  const nT = store.timesH.length
  const band = catalogBand(done)
  // the done-sample rows packed (a row of the store is `samples` long)
  const rows = new Float64Array(nT * done)
  const out: Record<string, CurveBand> = {}
  for (const name of names) {
    const all = storeCurve(store, name)
    for (let i = 0; i < nT; i++) rows.set(all.subarray(i * store.samples, i * store.samples + done), i * done)
    out[name] = curveBandOf(rows, nT, done, band)
  }
  return out
}

/**
 * The result of a run from its pieces (for the scalars and what counts) and the bands of
 * every curve, computed elsewhere with {@link curveBandsOf}: the same as
 * {@link summarizeMonteCarlo} of the pieces.
 */
export function summarizeWithCurveBands(pieces: ReadonlyArray<MonteCarloSamples>, requestedSamples: number, seed: number, curveBands: Readonly<Record<string, CurveBand>>): MonteCarloResult {
  const joined = joinPieces(pieces, requestedSamples)
  const band = catalogBand(joined.done)
  const curve = (name: string): CurveBand => {
    const b = curveBands[name]
    if (!b) throw new Error(`monteCarlo: no band for curve '${name}'`)
    return b
  }
  return assembleResult(joined.timesH, curve, (name) => band(joinScalar(joined, name)), joined.done, requestedSamples, seed, joined.cancelled)
}

/** Samples completed in order from 0 by these pieces (what a summary counts). */
export function joinedSampleCount(pieces: ReadonlyArray<MonteCarloSamples>, requestedSamples: number): number {
  return joinPieces(pieces, requestedSamples).done
}
