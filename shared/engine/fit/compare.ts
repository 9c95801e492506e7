/**
 * Model-independent comparison of two release profiles: difference factor f1 and similarity
 * factor f2 (Moore & Flanner 1996; FDA 1997 guidance; brief §1.6), with the conditions of use
 * checked and a seeded bootstrap 90 % interval for f2 when they are not met.
 */
import type { ReleaseData } from './fit-models'
import { mulberry32 } from './random'
import { replicateMeanSd } from './stats'

/** One regulatory condition of use and whether the data meet it. */
export interface ComparisonCondition {
  readonly id: 'time-points' | 'same-time-points' | 'max-one-above-85' | 'units-per-product' | 'cv-limits'
  readonly met: boolean
  readonly detail: string
}

/** Bootstrap f2 (resampling units with replacement within each product). */
export interface BootstrapF2 {
  readonly seed: number
  readonly iterations: number
  /** 5th and 95th percentiles of the bootstrap f2 distribution. */
  readonly ci90: [number, number]
  readonly median: number
}

/** Result of `compareProfiles` (cli.md `compare` plus extras). */
export interface ProfileComparison {
  readonly f1: number
  readonly f2: number
  /** Times (h) used for f1/f2: common times, t = 0 dropped, cut after the first mean > 85 %. */
  readonly timePointsUsed: number[]
  readonly conditionsMet: boolean
  readonly notes: string[]
  readonly conditions: ComparisonCondition[]
  readonly referenceMeanPct: number[]
  readonly testMeanPct: number[]
  readonly bootstrap: BootstrapF2 | null
}

/** Options of `compareProfiles`. */
export interface CompareOptions {
  /** Seed of the bootstrap generator (default 20240917). */
  readonly seed?: number
  /** Bootstrap resamples (default 2000). */
  readonly bootstrapIterations?: number
}

/** Default bootstrap seed, reported with every bootstrap interval. */
export const DEFAULT_BOOTSTRAP_SEED = 20240917

/** f1 = 100 Σ|R_t - T_t| / Σ R_t (Moore & Flanner 1996; brief §1.6). */
export function f1Factor(ref: ArrayLike<number>, test: ArrayLike<number>): number {
  let num = 0
  let den = 0
  for (let i = 0; i < ref.length; i++) {
    num += Math.abs((ref[i] as number) - (test[i] as number))
    den += ref[i] as number
  }
  return (100 * num) / den
}

/** f2 = 50 log10{100 [1 + (1/n) Σ (R_t - T_t)²]^-0.5} (Moore & Flanner 1996; brief §1.6). */
export function f2Factor(ref: ArrayLike<number>, test: ArrayLike<number>): number {
  const n = ref.length
  let ss = 0
  for (let i = 0; i < n; i++) ss += ((ref[i] as number) - (test[i] as number)) ** 2
  return 50 * Math.log10(100 / Math.sqrt(1 + ss / n))
}

function sameTime(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
}

function fmt(v: number): string {
  return Number(v.toPrecision(4)).toString()
}

/**
 * Compares a reference and a test profile (replicates as columns, % released).
 *
 * Time points: those present in both files, t = 0 dropped, and the series cut after the first
 * time at which either mean exceeds 85 % (so each product has at most one mean > 85 %).
 * Conditions checked (FDA 1997; Diaz et al. 2016): ≥ 3 points (≥ 5 recommended), identical
 * time points, ≤ 1 mean > 85 %, ≥ 12 units per product, %CV ≤ 20 % at the first point and
 * ≤ 10 % after. When any fails and both products have ≥ 2 units, a seeded bootstrap 90 %
 * interval of f2 is reported. Throws when no time point is usable.
 */
export function compareProfiles(ref: ReleaseData, test: ReleaseData, opts: CompareOptions = {}): ProfileComparison {
  const notes: string[] = [
    'f2 is a regulatory tool for oral dosage forms; for nanoparticle release it is reported as a comparison metric only',
  ]
  const refStats = replicateMeanSd(ref.replicates, ref.timesH.length)
  const testStats = replicateMeanSd(test.replicates, test.timesH.length)
  const pairs: Array<{ t: number; ri: number; ti: number }> = []
  const unmatched: number[] = []
  ref.timesH.forEach((t, ri) => {
    const ti = test.timesH.findIndex((u) => sameTime(t, u))
    if (ti >= 0) pairs.push({ t, ri, ti })
    else unmatched.push(t)
  })
  test.timesH.forEach((u) => { if (!ref.timesH.some((t) => sameTime(t, u))) unmatched.push(u) })
  pairs.sort((a, b) => a.t - b.t)
  if (unmatched.length > 0) notes.push(`time points present in only one profile were left out: ${unmatched.map(fmt).join(', ')} h`)
  const usable = pairs.filter((p) => p.t > 0 && Number.isFinite(refStats.meanPct[p.ri]) && Number.isFinite(testStats.meanPct[p.ti]))
  if (pairs.some((p) => p.t <= 0)) notes.push('t = 0 excluded')
  const used: typeof usable = []
  let cutAt: number | null = null
  for (const p of usable) {
    used.push(p)
    if ((refStats.meanPct[p.ri] as number) > 85 || (testStats.meanPct[p.ti] as number) > 85) { cutAt = p.t; break }
  }
  if (used.length === 0) throw new Error('no common time point after t = 0 with values in both profiles')
  if (cutAt !== null && used.length < usable.length) {
    notes.push(`points after ${fmt(cutAt)} h dropped: only one mean value above 85 % may be used`)
  }
  const r = used.map((p) => refStats.meanPct[p.ri] as number)
  const tt = used.map((p) => testStats.meanPct[p.ti] as number)
  const f1 = f1Factor(r, tt)
  const f2 = f2Factor(r, tt)

  const conditions: ComparisonCondition[] = []
  conditions.push({
    id: 'time-points', met: used.length >= 3,
    detail: `${used.length} time point(s) used, excluding zero (FDA: at least 3; harmonised recommendation: at least 5)`,
  })
  if (used.length >= 3 && used.length < 5) notes.push('fewer than 5 time points: the harmonised recommendation (Diaz et al. 2016) is at least 5')
  conditions.push({
    id: 'same-time-points', met: unmatched.length === 0,
    detail: unmatched.length === 0 ? 'both profiles share the same time points' : `${unmatched.length} time point(s) differ between the profiles`,
  })
  const above = (m: number[]): number => m.filter((v) => v > 85).length
  conditions.push({
    id: 'max-one-above-85', met: above(r) <= 1 && above(tt) <= 1,
    detail: `means above 85 % among the points used: reference ${above(r)}, test ${above(tt)}`,
  })
  const nRef = ref.replicates.length
  const nTest = test.replicates.length
  conditions.push({
    id: 'units-per-product', met: nRef >= 12 && nTest >= 12,
    detail: `units (replicate columns): reference ${nRef}, test ${nTest}; at least 12 per product required`,
  })
  const cvProblems: string[] = []
  const checkCv = (label: string, stats: ReturnType<typeof replicateMeanSd>, idx: number[]): void => {
    idx.forEach((i, k) => {
      const limit = k === 0 ? 20 : 10
      const n = stats.counts[i] as number
      const mean = stats.meanPct[i] as number
      const cv = mean > 0 && n > 1 ? (100 * (stats.sdPct[i] as number)) / mean : NaN
      if (!Number.isFinite(cv)) cvProblems.push(`${label} ${fmt(used[k]?.t ?? 0)} h: %CV cannot be computed (${n} value(s))`)
      else if (cv > limit) cvProblems.push(`${label} ${fmt(used[k]?.t ?? 0)} h: %CV ${fmt(cv)} > ${limit}`)
    })
  }
  checkCv('reference', refStats, used.map((p) => p.ri))
  checkCv('test', testStats, used.map((p) => p.ti))
  conditions.push({
    id: 'cv-limits', met: cvProblems.length === 0,
    detail: cvProblems.length === 0 ? '%CV <= 20 at the first point and <= 10 at later points' : cvProblems.join('; '),
  })
  for (const c of conditions) notes.push(`${c.met ? 'met' : 'NOT met'}: ${c.id}: ${c.detail}`)
  const conditionsMet = conditions.every((c) => c.met)
  const first = usable[0]
  if (first && first.t <= 0.25 && (refStats.meanPct[first.ri] as number) > 85 && (testStats.meanPct[first.ti] as number) > 85) {
    notes.push('more than 85 % of both products is released within 15 min: similar without f2 (immediate-release exemption)')
  }
  notes.push(f2 >= 50 ? `f2 = ${fmt(f2)} >= 50: similar` : `f2 = ${fmt(f2)} < 50: not similar`)
  notes.push(f1 <= 15 ? `f1 = ${fmt(f1)} <= 15: similar` : `f1 = ${fmt(f1)} > 15: different`)

  let bootstrap: BootstrapF2 | null = null
  if (!conditionsMet) {
    if (nRef >= 2 && nTest >= 2) {
      const seed = opts.seed ?? DEFAULT_BOOTSTRAP_SEED
      const iterations = opts.bootstrapIterations ?? 2000
      bootstrap = bootstrapF2(ref.replicates, used.map((p) => p.ri), test.replicates, used.map((p) => p.ti), seed, iterations)
      notes.push(`conditions not met: bootstrap f2 90 % interval ${fmt(bootstrap.ci90[0])}-${fmt(bootstrap.ci90[1])} (seed ${seed}, ${iterations} resamples); similarity is supported only if the lower bound is >= 50`)
    } else {
      notes.push('conditions not met and fewer than 2 units in a product: bootstrap f2 is not possible')
    }
  }
  return {
    f1, f2, timePointsUsed: used.map((p) => p.t), conditionsMet, notes, conditions,
    referenceMeanPct: r, testMeanPct: tt, bootstrap,
  }
}

/** Percentile of sorted values (linear interpolation, type 7). */
function percentile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.min(sorted.length - 1, lo + 1)
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo)
}

function resampledMeans(
  cols: ReadonlyArray<ReadonlyArray<number>>, idx: number[], rnd: () => number, out: Float64Array,
): void {
  const k = cols.length
  out.fill(0)
  const counts = new Float64Array(idx.length)
  for (let d = 0; d < k; d++) {
    const col = cols[Math.floor(rnd() * k)] as ReadonlyArray<number>
    idx.forEach((i, j) => {
      const v = col[i]
      if (v !== undefined && Number.isFinite(v)) { out[j] = (out[j] as number) + v; counts[j] = (counts[j] as number) + 1 }
    })
  }
  for (let j = 0; j < idx.length; j++) out[j] = (counts[j] as number) > 0 ? (out[j] as number) / (counts[j] as number) : NaN
}

/** Bootstrap f2: resample units with replacement in each product, recompute the means and f2. */
function bootstrapF2(
  refCols: ReadonlyArray<ReadonlyArray<number>>, refIdx: number[],
  testCols: ReadonlyArray<ReadonlyArray<number>>, testIdx: number[],
  seed: number, iterations: number,
): BootstrapF2 {
  const rnd = mulberry32(seed)
  const rm = new Float64Array(refIdx.length)
  const tm = new Float64Array(testIdx.length)
  const values: number[] = []
  for (let b = 0; b < iterations; b++) {
    resampledMeans(refCols, refIdx, rnd, rm)
    resampledMeans(testCols, testIdx, rnd, tm)
    const f2 = f2Factor(rm, tm)
    if (Number.isFinite(f2)) values.push(f2)
  }
  const sorted = Float64Array.from(values).sort()
  return { seed, iterations, ci90: [percentile(sorted, 0.05), percentile(sorted, 0.95)], median: percentile(sorted, 0.5) }
}
