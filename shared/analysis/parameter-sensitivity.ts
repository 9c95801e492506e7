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
 * Synchronous work per point (~one simulate), reported through `onProgress`.
 */
export function parameterSensitivity(design: Design, options: ParameterSensitivityOptions): ParameterSensitivityResult {
  const hours = options.hours ?? 72
  const seed = options.seed ?? 1
  const metrics = options.metrics ?? METRIC_IDS
  const paths = uncertainParameterPaths()
  const k = paths.length
  const base: DesignSimulation = simulateDesign(design, { hours })
  const baseMetrics = evaluateDesign(design, { hours })
  const input = biodistributionInputFromDesign(design, deriveProperties(design), releaseHazard(design))
  const lo = multiplierAt(0)
  const hi = multiplierAt(1)
  const notes: string[] = []
  let failed = 0
  let done = 0

  const evaluate = (multipliers: ReadonlyArray<ReadonlyArray<number>>): number[][] => multipliers.map((m) => {
    try {
      const bio = simulateWithPerturbation(input, { hours }, perturbation(paths, m))
      const { selectivity, warnings: _w, assumptions: _a, solver: _s, ...biodistribution } = bio
      const sim: DesignSimulation = { ...base, biodistribution, selectivity }
      const values = Object.fromEntries(METRICS.map((def) => [def.id, def.extract(sim) ?? baseMetrics[def.id]])) as Record<MetricId, number>
      return metrics.map((id) => values[id])
    } catch {
      failed++
      return metrics.map(() => Number.NaN)
    } finally {
      options.onProgress?.(++done, total)
    }
  })

  const knobs: ReportedParameter[] = paths.map((path) => ({
    path, kind: 'multiplier', unit: '×', min: lo, max: hi, distribution: 'lognormal', cv: PBPK_DATA.monteCarlo.coefficientOfVariation.value,
  }))
  const indices: Record<string, IndexRow[]> = {}
  let total = 0
  if (options.method === 'local') {
    const stepLn = options.stepLn ?? DEFAULT_LOCAL_STEP_LN
    const plan = localPlan(paths.map(() => 1), stepLn)
    total = plan.points.length
    const coefficients = localAnalyse(plan, evaluate(plan.points))
    metrics.forEach((m, mi) => { indices[m] = paths.map((p, i) => ({ knob: p, ...coefficients[mi]![i]! })) })
    notes.push(`Local: ∂ln y/∂ln m for each multiplier m at its nominal value 1, central differences with m = e^±${stepLn}.`)
    return { method: 'local', over: 'parameters', evaluations: total, seed, samples: null, hours, knobs, metrics, indices, failedEvaluations: failed, notes }
  }
  if (options.method === 'morris') {
    const r = options.samples ?? DEFAULT_SAMPLES.morris
    const plan = morrisPlan(k, r, seed, DEFAULT_MORRIS_LEVELS)
    total = plan.points.length
    const stats = morrisAnalyse(plan, evaluate(plan.points.map((u) => u.map(multiplierAt))))
    metrics.forEach((m, mi) => { indices[m] = paths.map((p, i) => ({ knob: p, ...stats[mi]![i]! })) })
    notes.push(`Morris: ${r} trajectories over the quantiles of each multiplier's distribution (${plan.levels} levels); effects in metric units per full quantile range.`)
    return { method: 'morris', over: 'parameters', evaluations: total, seed, samples: r, hours, knobs, metrics, indices, failedEvaluations: failed, notes }
  }
  const n = options.samples ?? DEFAULT_SAMPLES.sobol
  const plan = sobolPlan(k, n, seed)
  total = plan.points.length
  const results = sobolAnalyse(plan, evaluate(plan.points.map((u) => u.map(multiplierAt))), { bootstrap: options.bootstrap ?? 500, seed })
  metrics.forEach((m, mi) => {
    const res = results[mi]!
    indices[m] = paths.map((p, i) => ({ knob: p, ...res.indices[i]!, rowsUsed: res.rowsUsed }))
  })
  notes.push(`Sobol: Saltelli sampling over the ${k} multipliers' own distributions, N = ${n} (${total} runs); indices apportion the Monte Carlo's variance.`)
  return { method: 'sobol', over: 'parameters', evaluations: total, seed, samples: n, hours, knobs, metrics, indices, failedEvaluations: failed, notes }
}
