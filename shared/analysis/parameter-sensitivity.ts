/**
 * Which of the engine's uncertain assumptions matters most for one design (issue 13,
 * `--over parameters`): the sensitivity methods applied to the multipliers the Monte Carlo
 * perturbs (per organ: partition, permeability, K_max, K_rel, capacity; the disease
 * permeability and K_max), each distributed as the Monte Carlo samples it — lognormal with
 * median 1 and the data file's coefficient of variation, truncated at its quantiles
 * (pbpk.json `monteCarlo`; Part 4 note 5 of the science brief).
 *
 * Built only on the engine's public functions: the parameter list is read from the shape of
 * one `samplePerturbation` draw (so a parameter the engine adds is analysed without a change
 * here), and each point runs `simulateWithPerturbation` on the design's own PBPK input, then
 * reads the metrics through the registry's extractors. Metrics the parameters cannot move
 * (release t50s, hydrodynamic diameter) keep the design's own values.
 */
import type { Design } from '../design/types'
import { deriveProperties } from '../design/derived'
import { releaseHazard } from '../engine/release'
import { simulateDesign, type DesignSimulation } from '../engine/simulate'
import {
  biodistributionInputFromDesign, PBPK_DATA, samplePerturbation, simulateWithPerturbation, type ParameterPerturbation,
} from '../engine/pbpk'
import { mulberry32, normalQuantile } from '../engine/pbpk/random'
import { METRICS, METRIC_IDS, evaluateDesign, type MetricId } from '../metrics/registry'
import type { IndexRow, SensitivityMethod } from './design-sensitivity'
import { DEFAULT_SAMPLES } from './design-sensitivity'
import {
  DEFAULT_LOCAL_STEP_LN, DEFAULT_MORRIS_LEVELS, localAnalyse, localPlan, morrisAnalyse, morrisPlan, sobolAnalyse, sobolPlan,
} from './sensitivity'

/** One uncertain parameter as reported: a multiplier on a nominal value. */
export interface ReportedParameter {
  /** Path in the perturbation, e.g. `organs.liver.kMax`. */
  readonly path: string
  readonly kind: 'multiplier'
  readonly unit: '×'
  /** Truncation bounds of the multiplier (2.5 and 97.5 % quantiles by default). */
  readonly min: number
  readonly max: number
  readonly distribution: 'lognormal'
  /** Coefficient of variation of the lognormal. */
  readonly cv: number
}

/** Result document of `nanoforge sensitivity --over parameters`. */
export interface ParameterSensitivityResult {
  readonly method: SensitivityMethod
  readonly over: 'parameters'
  readonly evaluations: number
  readonly seed: number
  readonly samples: number | null
  readonly hours: number
  readonly knobs: ReadonlyArray<ReportedParameter>
  readonly metrics: ReadonlyArray<MetricId>
  readonly indices: Readonly<Record<string, ReadonlyArray<IndexRow>>>
  readonly failedEvaluations: number
  readonly notes: ReadonlyArray<string>
}

/** Options of {@link parameterSensitivity}. */
export interface ParameterSensitivityOptions {
  readonly method: SensitivityMethod
  readonly samples?: number
  readonly seed?: number
  readonly metrics?: ReadonlyArray<MetricId>
  readonly hours?: number
  readonly stepLn?: number
  readonly bootstrap?: number
  readonly onProgress?: (done: number, total: number) => void
}

type Tree = { [key: string]: Tree | number }

/** Every numeric leaf path of a perturbation, in its own key order. */
export function uncertainParameterPaths(): string[] {
  const sample = samplePerturbation(mulberry32(0)) as unknown as Tree
  const out: string[] = []
  const walk = (node: Tree | number, prefix: string): void => {
    if (typeof node === 'number') { out.push(prefix); return }
    for (const [k, v] of Object.entries(node)) walk(v, prefix === '' ? k : `${prefix}.${k}`)
  }
  walk(sample, '')
  return out
}

/** The registry's metrics in METRIC_IDS order: the columns of a {@link ParameterRow}. */
const DEFINITIONS = METRIC_IDS.map((id) => METRICS.find((def) => def.id === id)!)

/** A perturbation with every multiplier 1 except those given. */
function perturbation(paths: ReadonlyArray<string>, multipliers: ReadonlyArray<number>): ParameterPerturbation {
  const root: Tree = {}
  paths.forEach((path, i) => {
    const keys = path.split('.')
    let node = root
    keys.slice(0, -1).forEach((k) => { node = (node[k] ??= {}) as Tree })
    node[keys[keys.length - 1]!] = multipliers[i]!
  })
  return root as unknown as ParameterPerturbation
}

/**
 * The multiplier at u ∈ [0, 1] by inverse transform of the truncated lognormal:
 * m = exp(σ·Φ⁻¹(p_lo + u·(p_hi − p_lo))), σ = √ln(1 + cv²) — the distribution the Monte
 * Carlo draws from, so Sobol indices here apportion the Monte Carlo's own variance.
 */
export function multiplierAt(u: number): number {
  const mc = PBPK_DATA.monteCarlo
  const cv = mc.coefficientOfVariation.value
  const sigma = Math.sqrt(Math.log(1 + cv * cv))
  const p = mc.lowerQuantile.value + Math.min(1, Math.max(0, u)) * (mc.upperQuantile.value - mc.lowerQuantile.value)
  return Math.exp(sigma * normalQuantile(Math.min(1 - 1e-12, Math.max(1e-12, p))))
}

/**
 * Runs one sensitivity method over the engine's uncertain parameters for one valid design.
 * Synchronous work per point (~one simulate), reported through `onProgress`. The same
 * numbers as {@link parameterSensitivityPooled} on any number of workers.
 */
export function parameterSensitivity(design: Design, options: ParameterSensitivityOptions): ParameterSensitivityResult {
  const run = planParameterSensitivity(options)
  const point = parameterPointEvaluator(design, run.hours)
  let done = 0
  return run.finish(run.points.map((m) => {
    const row = point(m)
    options.onProgress?.(++done, run.points.length)
    return row
  }))
}

/**
 * Evaluates multiplier vectors of one design, in order: each row holds every registry metric
 * (METRIC_IDS order), or null when the engine failed on that point. The same rows on one
 * thread or chunked over workers, because each row depends on the design, the horizon and its
 * multipliers alone.
 */
export type ParameterBatchEvaluator = (design: Design, hours: number, points: ReadonlyArray<ReadonlyArray<number>>) => Promise<ReadonlyArray<ParameterRow>>

/** Every registry metric at one point (METRIC_IDS order), or null when the engine failed there. */
export type ParameterRow = ReadonlyArray<number> | null

/**
 * The work of one point, set up once per design and horizon (the design's own simulation,
 * metrics and PBPK input: about three engine runs, so a worker keeps it for every chunk of
 * the same run rather than redo it per chunk).
 */
export function parameterPointEvaluator(design: Design, hours: number): (multipliers: ReadonlyArray<number>) => ParameterRow {
  const paths = uncertainParameterPaths()
  const base: DesignSimulation = simulateDesign(design, { hours })
  const baseMetrics = evaluateDesign(design, { hours })
  const input = biodistributionInputFromDesign(design, deriveProperties(design), releaseHazard(design))
  return (multipliers) => {
    if (multipliers.length !== paths.length) throw new Error(`parameter sensitivity: ${multipliers.length} multipliers for ${paths.length} parameters`)
    try {
      const bio = simulateWithPerturbation(input, { hours }, perturbation(paths, multipliers))
      const { selectivity, warnings: _w, assumptions: _a, solver: _s, ...biodistribution } = bio
      const sim: DesignSimulation = { ...base, biodistribution, selectivity }
      return DEFINITIONS.map((def) => def.extract(sim) ?? baseMetrics[def.id])
    } catch {
      return null
    }
  }
}

/**
 * A parameter batch evaluator on this thread that keeps the set-up of the last design and
 * horizon it saw: what a worker runs for each chunk (the chunks of one run share the set-up).
 */
export function cachedParameterEvaluator(): (design: Design, hours: number, points: ReadonlyArray<ReadonlyArray<number>>) => ParameterRow[] {
  let key = ''
  let point: ((multipliers: ReadonlyArray<number>) => ParameterRow) | undefined
  return (design, hours, points) => {
    const k = JSON.stringify([hours, design])
    if (point === undefined || k !== key) { point = parameterPointEvaluator(design, hours); key = k }
    return points.map(point)
  }
}

/** The single-thread parameter evaluator. */
export const evaluateParametersSerially: ParameterBatchEvaluator = (() => {
  const run = cachedParameterEvaluator()
  return (design, hours, points) => Promise.resolve(run(design, hours, points))
})()

/** Options of {@link parameterSensitivityPooled}. */
export interface PooledParameterSensitivityOptions extends ParameterSensitivityOptions {
  /** Where the points are evaluated (default: this thread). */
  readonly evaluate?: ParameterBatchEvaluator
  /** Checked between slices; when aborted the run stops with an error saying so. */
  readonly signal?: { readonly aborted: boolean }
}

/** Slices per run: progress is reported and cancellation checked this often. */
const PROGRESS_SLICES = 20

/**
 * {@link parameterSensitivity} with the points handed to a batch evaluator (the CLI's and the
 * app's worker pools) in slices, for progress and cancel between them. Every random number is
 * drawn here, before a slice is handed out, so the result is the one-thread result.
 */
export async function parameterSensitivityPooled(design: Design, options: PooledParameterSensitivityOptions): Promise<ParameterSensitivityResult> {
  const run = planParameterSensitivity(options)
  const evaluate = options.evaluate ?? evaluateParametersSerially
  const rows: ParameterRow[] = []
  const total = run.points.length
  const slice = Math.max(1, Math.ceil(total / PROGRESS_SLICES))
  for (let start = 0; start < total; start += slice) {
    if (options.signal?.aborted) throw new Error('sensitivity: cancelled')
    const chunk = run.points.slice(start, start + slice)
    const got = await evaluate(design, run.hours, chunk)
    if (got.length !== chunk.length) throw new Error(`parameter sensitivity: ${got.length} rows for ${chunk.length} points`)
    rows.push(...got)
    options.onProgress?.(rows.length, total)
  }
  return run.finish(rows)
}

/** A planned run: the multiplier vectors to evaluate and what turns their rows into the result. */
interface ParameterRun {
  readonly hours: number
  readonly points: ReadonlyArray<ReadonlyArray<number>>
  readonly finish: (rows: ReadonlyArray<ParameterRow>) => ParameterSensitivityResult
}

/** The points of a method's design of experiments, and its analysis of their rows. */
function planParameterSensitivity(options: ParameterSensitivityOptions): ParameterRun {
  const hours = options.hours ?? 72
  const seed = options.seed ?? 1
  const metrics = options.metrics ?? METRIC_IDS
  const columns = metrics.map((id) => METRIC_IDS.indexOf(id))
  const paths = uncertainParameterPaths()
  const k = paths.length
  const lo = multiplierAt(0)
  const hi = multiplierAt(1)
  const knobs: ReportedParameter[] = paths.map((path) => ({
    path, kind: 'multiplier', unit: '×', min: lo, max: hi, distribution: 'lognormal', cv: PBPK_DATA.monteCarlo.coefficientOfVariation.value,
  }))
  /** The asked metrics of each row (NaN for a failed point) and how many failed. */
  const outputs = (rows: ReadonlyArray<ParameterRow>): { values: number[][]; failed: number } => ({
    values: rows.map((row) => columns.map((c) => (row === null ? Number.NaN : row[c]!))),
    failed: rows.filter((row) => row === null).length,
  })
  const indices: Record<string, IndexRow[]> = {}

  if (options.method === 'local') {
    const stepLn = options.stepLn ?? DEFAULT_LOCAL_STEP_LN
    const plan = localPlan(paths.map(() => 1), stepLn)
    return {
      hours, points: plan.points,
      finish: (rows) => {
        const { values, failed } = outputs(rows)
        const coefficients = localAnalyse(plan, values)
        metrics.forEach((m, mi) => { indices[m] = paths.map((p, i) => ({ knob: p, ...coefficients[mi]![i]! })) })
        const notes = [`Local: ∂ln y/∂ln m for each multiplier m at its nominal value 1, central differences with m = e^±${stepLn}.`]
        return { method: 'local', over: 'parameters', evaluations: plan.points.length, seed, samples: null, hours, knobs, metrics, indices, failedEvaluations: failed, notes }
      },
    }
  }
  if (options.method === 'morris') {
    const r = options.samples ?? DEFAULT_SAMPLES.morris
    const plan = morrisPlan(k, r, seed, DEFAULT_MORRIS_LEVELS)
    return {
      hours, points: plan.points.map((u) => u.map(multiplierAt)),
      finish: (rows) => {
        const { values, failed } = outputs(rows)
        const stats = morrisAnalyse(plan, values)
        metrics.forEach((m, mi) => { indices[m] = paths.map((p, i) => ({ knob: p, ...stats[mi]![i]! })) })
        const notes = [`Morris: ${r} trajectories over the quantiles of each multiplier's distribution (${plan.levels} levels); effects in metric units per full quantile range.`]
        return { method: 'morris', over: 'parameters', evaluations: plan.points.length, seed, samples: r, hours, knobs, metrics, indices, failedEvaluations: failed, notes }
      },
    }
  }
  const n = options.samples ?? DEFAULT_SAMPLES.sobol
  const plan = sobolPlan(k, n, seed)
  return {
    hours, points: plan.points.map((u) => u.map(multiplierAt)),
    finish: (rows) => {
      const { values, failed } = outputs(rows)
      const results = sobolAnalyse(plan, values, { bootstrap: options.bootstrap ?? 500, seed })
      metrics.forEach((m, mi) => {
        const res = results[mi]!
        indices[m] = paths.map((p, i) => ({ knob: p, ...res.indices[i]!, rowsUsed: res.rowsUsed }))
      })
      const notes = [`Sobol: Saltelli sampling over the ${k} multipliers' own distributions, N = ${n} (${plan.points.length} runs); indices apportion the Monte Carlo's variance.`]
      return { method: 'sobol', over: 'parameters', evaluations: plan.points.length, seed, samples: n, hours, knobs, metrics, indices, failedEvaluations: failed, notes }
    },
  }
}
