/**
 * Sensitivity analysis methods, written for any model y = f(x) with several outputs (issue 13):
 *
 * - local normalised coefficients ∂ln y/∂ln x by central differences in log space;
 * - Morris elementary effects (μ, μ*, σ) on a p-level grid (Morris 1991; μ* after
 *   Campolongo, Cariboni & Saltelli 2007);
 * - Sobol' first-order and total indices from Saltelli sampling with the Saltelli 2010
 *   first-order and Jansen 1999 total estimators, with bootstrap 95 % intervals.
 *
 * Each method is split into a *plan* (the points to evaluate, pure and seeded) and an
 * *analysis* (indices from the outputs at those points), so the caller decides how the
 * points are evaluated (one thread, a worker pool) and the result is the same whatever the
 * evaluation order. Morris and Sobol work in the unit hypercube [0, 1]^k; mapping to knob
 * values (linear or log-uniform) is the caller's (knobs.ts).
 *
 * Random numbers come from the project's one seeded generator (mulberry32).
 */
import { mulberry32, type Uniform } from '../engine/pbpk/random'
import { quantileSorted } from '../engine/quantile'

// ---------------------------------------------------------------------------------------
// Local: normalised (logarithmic) sensitivity coefficients
// ---------------------------------------------------------------------------------------

/** Default half-step in ln x of the local coefficients: x·e^±0.1 (≈ −9.5 %, +10.5 %). */
export const DEFAULT_LOCAL_STEP_LN = 0.1

/** The 2k + 1 points of a local analysis: the base point, then for each input x·e^+h and x·e^−h. */
export interface LocalPlan {
  readonly base: ReadonlyArray<number>
  /** Points in evaluation order: [base, x1+, x1−, x2+, x2−, …]. */
  readonly points: ReadonlyArray<ReadonlyArray<number>>
  /** Half-step in ln x requested. */
  readonly stepLn: number
}

/**
 * Plans the local coefficients at `base` (every input > 0). `adjust(i, value)` may round or
 * clip a displaced value (a whole-number knob, a design limit); the analysis then divides by
 * the step actually taken, so the coefficient stays a true difference quotient.
 */
export function localPlan(
  base: ReadonlyArray<number>,
  stepLn = DEFAULT_LOCAL_STEP_LN,
  adjust: (index: number, value: number) => number = (_i, v) => v,
): LocalPlan {
  if (!(stepLn > 0 && stepLn < 1)) throw new Error(`local sensitivity: the step in ln x must be in (0, 1), got ${stepLn}`)
  base.forEach((x, i) => {
    if (!(x > 0) || !Number.isFinite(x)) throw new Error(`local sensitivity: input ${i} must be a positive number for a log-space step, got ${x}`)
  })
  const points: number[][] = [[...base]]
  for (let i = 0; i < base.length; i++) {
    for (const sign of [1, -1]) {
      const p = [...base]
      p[i] = adjust(i, base[i]! * Math.exp(sign * stepLn))
      points.push(p)
    }
  }
  return { base: [...base], points, stepLn }
}

/** One input's local coefficient for one output. */
export interface LocalCoefficient {
  /**
   * ∂ln y/∂ln x ≈ (ln y₊ − ln y₋)/(ln x₊ − ln x₋) (central difference in log space; exact for
   * a power law y ∝ x^c). When y₊ or y₋ is not positive: (y₊ − y₋)/((ln x₊ − ln x₋)·y₀).
   * Null when y₀ = 0 or the adjusted step collapsed (both sides rounded to the base).
   */
  readonly coefficient: number | null
  /** The steps actually taken, ln x₊ − ln x₀ and ln x₀ − ln x₋. */
  readonly stepUpLn: number
  readonly stepDownLn: number
}

/**
 * Local coefficients from the outputs at the plan's points: `outputs[p][m]` is output m at
 * point p. Returns `[output][input]`.
 */
export function localAnalyse(plan: LocalPlan, outputs: ReadonlyArray<ReadonlyArray<number>>): LocalCoefficient[][] {
  const k = plan.base.length
  if (outputs.length !== 2 * k + 1) throw new Error(`local sensitivity: expected ${2 * k + 1} output rows, got ${outputs.length}`)
  const nOut = outputs[0]!.length
  const result: LocalCoefficient[][] = []
  for (let m = 0; m < nOut; m++) {
    const row: LocalCoefficient[] = []
    const y0 = outputs[0]![m]!
    for (let i = 0; i < k; i++) {
      const lnX0 = Math.log(plan.base[i]!)
      const lnXp = Math.log(plan.points[1 + 2 * i]![i]!)
      const lnXm = Math.log(plan.points[2 + 2 * i]![i]!)
      const yp = outputs[1 + 2 * i]![m]!
      const ym = outputs[2 + 2 * i]![m]!
      const dLnX = lnXp - lnXm
      let coefficient: number | null
      if (!(dLnX > 0) || !Number.isFinite(yp) || !Number.isFinite(ym)) coefficient = null
      else if (yp > 0 && ym > 0) coefficient = (Math.log(yp) - Math.log(ym)) / dLnX
      else coefficient = y0 !== 0 && Number.isFinite(y0) ? (yp - ym) / (dLnX * y0) : null
      row.push({ coefficient, stepUpLn: lnXp - lnX0, stepDownLn: lnX0 - lnXm })
    }
    result.push(row)
  }
  return result
}

// ---------------------------------------------------------------------------------------
// Morris elementary effects
// ---------------------------------------------------------------------------------------

/** Default Morris grid: p = 4 levels, Δ = p / (2(p − 1)) = 2/3 (Campolongo et al. 2007). */
export const DEFAULT_MORRIS_LEVELS = 4

/** A Morris design: r trajectories of k + 1 points each in [0, 1]^k. */
export interface MorrisPlan {
  readonly inputs: number
  readonly trajectories: number
  readonly levels: number
  /** Step in the unit cube, Δ = p / (2(p − 1)). */
  readonly delta: number
  /** Points, trajectory after trajectory (r·(k + 1) rows). */
  readonly points: ReadonlyArray<ReadonlyArray<number>>
  /** For each trajectory, the input moved at each of its k steps. */
  readonly order: ReadonlyArray<ReadonlyArray<number>>
}

/** A random permutation of 0..k−1 (Fisher–Yates). */
function permutation(k: number, u: Uniform): number[] {
  const p = Array.from({ length: k }, (_, i) => i)
  for (let i = k - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1))
    ;[p[i], p[j]] = [p[j]!, p[i]!]
  }
  return p
}

/**
 * Morris trajectories (Morris 1991, Technometrics 33:161-174): each starts at a random grid
 * point with coordinates in {0, 1/(p−1), …, 1}, then moves one input at a time, in random
 * order, by ±Δ with Δ = p/(2(p−1)) (p even, the choice of Campolongo et al. 2007, Environ.
 * Model. Softw. 22:1509-1518, which makes every level equally likely to be sampled). An
 * input starting in the lower half of the grid steps up, in the upper half steps down, so
 * every point stays on the grid and each base level has probability 1/p.
 */
export function morrisPlan(inputs: number, trajectories: number, seed: number, levels = DEFAULT_MORRIS_LEVELS): MorrisPlan {
  if (!Number.isInteger(inputs) || inputs < 1) throw new Error(`Morris: need at least one input, got ${inputs}`)
  if (!Number.isInteger(trajectories) || trajectories < 2) throw new Error(`Morris: need at least 2 trajectories, got ${trajectories}`)
  if (!Number.isInteger(levels) || levels < 2 || levels % 2 !== 0) throw new Error(`Morris: the number of levels must be even and at least 2, got ${levels}`)
  const u = mulberry32(seed)
  const delta = levels / (2 * (levels - 1))
  const points: number[][] = []
  const order: number[][] = []
  for (let t = 0; t < trajectories; t++) {
    const x = Array.from({ length: inputs }, () => Math.min(levels - 1, Math.floor(u() * levels)) / (levels - 1))
    const perm = permutation(inputs, u)
    points.push([...x])
    for (const i of perm) {
      x[i] = x[i]! + delta <= 1 + 1e-12 ? x[i]! + delta : x[i]! - delta
      points.push([...x])
    }
    order.push(perm)
  }
  return { inputs, trajectories, levels, delta, points, order }
}

/** Morris statistics of one input for one output. */
export interface MorrisIndex {
  /** Mean elementary effect, in output units per unit-cube step (per full input range). */
  readonly mu: number
  /** Mean absolute elementary effect (Campolongo et al. 2007): the importance ranking. */
  readonly muStar: number
  /** Standard deviation of the elementary effects (n − 1): nonlinearity or interactions. */
  readonly sigma: number
  /** Elementary effects used (trajectories with finite outputs). */
  readonly effects: number
}

/**
 * μ, μ* and σ from the outputs at the plan's points: `outputs[p][m]`. Returns
 * `[output][input]`. An elementary effect EE_i = (y(x + Δe_i) − y(x))/Δ, signed by the
 * direction of the step so that it estimates ∂y/∂x_i in unit-cube units either way.
 */
export function morrisAnalyse(plan: MorrisPlan, outputs: ReadonlyArray<ReadonlyArray<number>>): MorrisIndex[][] {
  const k = plan.inputs
  if (outputs.length !== plan.points.length) throw new Error(`Morris: expected ${plan.points.length} output rows, got ${outputs.length}`)
  const nOut = outputs[0]!.length
  const result: MorrisIndex[][] = []
  for (let m = 0; m < nOut; m++) {
    const effects: number[][] = Array.from({ length: k }, () => [])
    for (let t = 0; t < plan.trajectories; t++) {
      const row0 = t * (k + 1)
      plan.order[t]!.forEach((i, step) => {
        const before = plan.points[row0 + step]!
        const after = plan.points[row0 + step + 1]!
        const dx = after[i]! - before[i]!
        const dy = outputs[row0 + step + 1]![m]! - outputs[row0 + step]![m]!
        if (Number.isFinite(dy)) effects[i]!.push(dy / dx)
      })
    }
    result.push(effects.map((ee) => {
      const n = ee.length
      if (n === 0) return { mu: Number.NaN, muStar: Number.NaN, sigma: Number.NaN, effects: 0 }
      const mu = ee.reduce((s, e) => s + e, 0) / n
      const muStar = ee.reduce((s, e) => s + Math.abs(e), 0) / n
      const sigma = n > 1 ? Math.sqrt(ee.reduce((s, e) => s + (e - mu) ** 2, 0) / (n - 1)) : 0
      return { mu, muStar, sigma, effects: n }
    }))
  }
  return result
}

// ---------------------------------------------------------------------------------------
// Sobol' indices with Saltelli sampling
// ---------------------------------------------------------------------------------------

/**
 * Saltelli sampling (Saltelli et al. 2010, Comput. Phys. Commun. 181:259-270, §3): two
 * independent N × k matrices A and B of uniform points, and for every input i the matrix
 * A_B^(i) (A with column i taken from B): N·(k + 2) model runs in all. The points here are
 * seeded pseudo-random (mulberry32), so confidence intervals from the bootstrap are honest
 * Monte Carlo intervals.
 */
export interface SobolPlan {
  readonly inputs: number
  /** Base sample size N. */
  readonly samples: number
  /** Rows: A (N), B (N), then A_B^(1) … A_B^(k) (N each). */
  readonly points: ReadonlyArray<ReadonlyArray<number>>
}

/** Builds the Saltelli design of N·(k + 2) points in [0, 1]^k. */
export function sobolPlan(inputs: number, samples: number, seed: number): SobolPlan {
  if (!Number.isInteger(inputs) || inputs < 1) throw new Error(`Sobol: need at least one input, got ${inputs}`)
  if (!Number.isInteger(samples) || samples < 2) throw new Error(`Sobol: the base sample size must be a whole number of at least 2, got ${samples}`)
  const u = mulberry32(seed)
  const a: number[][] = []
  const b: number[][] = []
  for (let j = 0; j < samples; j++) {
    const row = Array.from({ length: 2 * inputs }, () => u())
    a.push(row.slice(0, inputs))
    b.push(row.slice(inputs))
  }
  const points: number[][] = [...a.map((r) => [...r]), ...b.map((r) => [...r])]
  for (let i = 0; i < inputs; i++) {
    for (let j = 0; j < samples; j++) {
      const r = [...a[j]!]
      r[i] = b[j]![i]!
      points.push(r)
    }
  }
  return { inputs, samples, points }
}

/** First-order and total Sobol' indices of one input for one output. */
export interface SobolIndex {
  readonly first: number
  readonly total: number
  /** Bootstrap 95 % percentile intervals. */
  readonly firstCi95: readonly [number, number]
  readonly totalCi95: readonly [number, number]
}

/** Options of {@link sobolAnalyse}. */
export interface SobolAnalyseOptions {
  /** Bootstrap resamples for the intervals (default 500). */
  readonly bootstrap?: number
  /** Seed of the bootstrap resampling (default 1). */
  readonly seed?: number
}

/** Result for one output: indices per input and the sample rows used. */
export interface SobolOutputResult {
  readonly indices: ReadonlyArray<SobolIndex>
  /** Base rows j whose A, B and every A_B^(i) output were finite (the others are left out). */
  readonly rowsUsed: number
  /** Total variance of the output over A and B. */
  readonly variance: number
}

/**
 * Point estimates over the rows `rows` (indices into the base sample; repeated rows are how
 * the bootstrap resamples). fA, fB: outputs at A and B; fAB[i]: outputs at A_B^(i).
 *
 * V   = Var over {f(A), f(B)} (population variance);
 * V_i = (1/N) Σ_j f(B)_j (f(A_B^i)_j − f(A)_j)          (Saltelli et al. 2010, Table 2 (b));
 * V_Ti = (1/2N) Σ_j (f(A)_j − f(A_B^i)_j)²              (Jansen 1999, Comput. Phys. Commun.
 *                                                        117:35-43; Saltelli 2010 Table 2 (f));
 * S_i = V_i / V, S_Ti = V_Ti / V.
 */
function sobolEstimate(
  fA: Float64Array, fB: Float64Array, fAB: ReadonlyArray<Float64Array>, rows: ArrayLike<number>, out: { first: Float64Array; total: Float64Array },
): number {
  const n = rows.length
  let sum = 0
  for (let r = 0; r < n; r++) sum += fA[rows[r]!]! + fB[rows[r]!]!
  const mean = sum / (2 * n)
  let ss = 0
  for (let r = 0; r < n; r++) {
    const a = fA[rows[r]!]! - mean
    const b = fB[rows[r]!]! - mean
    ss += a * a + b * b
  }
  const variance = ss / (2 * n)
  for (let i = 0; i < fAB.length; i++) {
    const ab = fAB[i]!
    let vi = 0
    let vti = 0
    for (let r = 0; r < n; r++) {
      const j = rows[r]!
      const d = ab[j]! - fA[j]!
      vi += fB[j]! * d
      vti += d * d
    }
    out.first[i] = variance > 0 ? vi / n / variance : 0
    out.total[i] = variance > 0 ? vti / (2 * n) / variance : 0
  }
  return variance
}

/**
 * Sobol' first-order and total indices from the outputs at the plan's points
 * (`outputs[p][m]`), with bootstrap 95 % intervals: the N base rows are resampled with
 * replacement (seeded), the estimators recomputed, and the 2.5 and 97.5 % percentiles taken
 * (Archer, Saltelli & Sobol 1997, J. Stat. Comput. Simul. 58:99-120). Returns one result per
 * output.
 */
export function sobolAnalyse(plan: SobolPlan, outputs: ReadonlyArray<ReadonlyArray<number>>, options: SobolAnalyseOptions = {}): SobolOutputResult[] {
  const { inputs: k, samples: n } = plan
  if (outputs.length !== n * (k + 2)) throw new Error(`Sobol: expected ${n * (k + 2)} output rows, got ${outputs.length}`)
  const resamples = options.bootstrap ?? 500
  if (!Number.isInteger(resamples) || resamples < 0) throw new Error(`Sobol: bootstrap resamples must be a whole number ≥ 0, got ${resamples}`)
  const nOut = outputs[0]!.length
  const results: SobolOutputResult[] = []
  for (let m = 0; m < nOut; m++) {
    const col = (block: number): Float64Array => Float64Array.from({ length: n }, (_, j) => outputs[block * n + j]![m]!)
    const fA = col(0)
    const fB = col(1)
    const fAB = Array.from({ length: k }, (_, i) => col(2 + i))
    const finiteRows: number[] = []
    for (let j = 0; j < n; j++) {
      if (Number.isFinite(fA[j]!) && Number.isFinite(fB[j]!) && fAB.every((c) => Number.isFinite(c[j]!))) finiteRows.push(j)
    }
    const used = finiteRows.length
    if (used < 2) {
      results.push({ indices: Array.from({ length: k }, () => ({ first: Number.NaN, total: Number.NaN, firstCi95: [Number.NaN, Number.NaN] as const, totalCi95: [Number.NaN, Number.NaN] as const })), rowsUsed: used, variance: Number.NaN })
      continue
    }
    const point = { first: new Float64Array(k), total: new Float64Array(k) }
    const variance = sobolEstimate(fA, fB, fAB, finiteRows, point)
    // bootstrap: the same seed per output, so each output's intervals are reproducible alone
    const u = mulberry32((options.seed ?? 1) + 7919 * m)
    const bootFirst = Array.from({ length: k }, () => new Float64Array(resamples))
    const bootTotal = Array.from({ length: k }, () => new Float64Array(resamples))
    const rows = new Int32Array(used)
    const scratch = { first: new Float64Array(k), total: new Float64Array(k) }
    for (let b = 0; b < resamples; b++) {
      for (let r = 0; r < used; r++) rows[r] = finiteRows[Math.floor(u() * used)]!
      sobolEstimate(fA, fB, fAB, rows, scratch)
      for (let i = 0; i < k; i++) {
        bootFirst[i]![b] = scratch.first[i]!
        bootTotal[i]![b] = scratch.total[i]!
      }
    }
    const ci = (values: Float64Array, estimate: number): readonly [number, number] => {
      if (values.length === 0) return [estimate, estimate]
      const s = Float64Array.from(values).sort()
      return [quantileSorted(s, 0.025), quantileSorted(s, 0.975)]
    }
    results.push({
      indices: Array.from({ length: k }, (_, i) => ({
        first: point.first[i]!,
        total: point.total[i]!,
        firstCi95: ci(bootFirst[i]!, point.first[i]!),
        totalCi95: ci(bootTotal[i]!, point.total[i]!),
      })),
      rowsUsed: used,
      variance,
    })
  }
  return results
}
