/**
 * Sensitivity of a design's metrics to its knobs (issue 13): the methods of sensitivity.ts
 * applied to designs, evaluated through the same composition as `nanoforge simulate`. The
 * result is the JSON document of `nanoforge sensitivity --json`.
 */
import type { Design } from '../design/types'
import { METRIC_IDS, type MetricId } from '../metrics/registry'
import { getKnob, setKnobs } from './design-paths'
import { evaluateSerially, type DesignBatchEvaluator } from './evaluate'
import { designAt, type Knob } from './knobs'
import {
  DEFAULT_LOCAL_STEP_LN, DEFAULT_MORRIS_LEVELS, localAnalyse, localPlan, morrisAnalyse, morrisPlan, sobolAnalyse, sobolPlan,
} from './sensitivity'

/** The three methods. */
export type SensitivityMethod = 'local' | 'morris' | 'sobol'

/** Default sample sizes: Morris trajectories r and the Sobol base sample N. */
export const DEFAULT_SAMPLES: Readonly<Record<Exclude<SensitivityMethod, 'local'>, number>> = { morris: 20, sobol: 256 }

/** Options of {@link designSensitivity}. */
export interface DesignSensitivityOptions {
  readonly method: SensitivityMethod
  /** Morris trajectories or Sobol base sample N (ignored by local). */
  readonly samples?: number
  readonly seed?: number
  /** Metrics to report (default all). */
  readonly metrics?: ReadonlyArray<MetricId>
  /** Biodistribution horizon, h (default 72). */
  readonly hours?: number
  /** Local: half-step in ln x (default 0.1). */
  readonly stepLn?: number
  /** Sobol: bootstrap resamples (default 500). */
  readonly bootstrap?: number
  readonly evaluate?: DesignBatchEvaluator
  /** Called as slices of the points finish, with (done, total). */
  readonly onProgress?: (done: number, total: number) => void
  /** Checked between slices; when aborted the run stops with an error saying so. */
  readonly signal?: { readonly aborted: boolean }
}

/** Slices per run: progress is reported and cancellation checked this often. */
const PROGRESS_SLICES = 20

/** One knob as reported. */
export type ReportedKnob =
  | { readonly path: string; readonly kind: 'continuous' | 'integer'; readonly unit: string; readonly min: number; readonly max: number; readonly scale: 'linear' | 'log'; readonly value: number }
  | { readonly path: string; readonly kind: 'categorical'; readonly options: ReadonlyArray<string>; readonly value: string }

/** One index row: the knob and the method's numbers. */
export type IndexRow =
  | { readonly knob: string; readonly coefficient: number | null; readonly stepUpLn: number; readonly stepDownLn: number }
  | { readonly knob: string; readonly muStar: number; readonly sigma: number; readonly mu: number; readonly effects: number }
  | { readonly knob: string; readonly first: number; readonly total: number; readonly firstCi95: readonly [number, number]; readonly totalCi95: readonly [number, number]; readonly rowsUsed: number }

/** The result document. */
export interface DesignSensitivityResult {
  readonly method: SensitivityMethod
  readonly over: 'design'
  readonly evaluations: number
  readonly seed: number
  /** Morris trajectories or Sobol N; null for local. */
  readonly samples: number | null
  readonly hours: number
  readonly knobs: ReadonlyArray<ReportedKnob>
  readonly metrics: ReadonlyArray<MetricId>
  readonly indices: Readonly<Record<string, ReadonlyArray<IndexRow>>>
  /** Points whose design the validator rejected or the engine could not evaluate. */
  readonly failedEvaluations: number
  /** What the method means and what it left out. */
  readonly notes: ReadonlyArray<string>
}

function reportKnob(base: Design, k: Knob): ReportedKnob {
  const value = getKnob(base, k.path)
  return k.kind === 'categorical'
    ? { path: k.path, kind: 'categorical', options: k.options, value: String(value) }
    : { path: k.path, kind: k.kind, unit: k.unit, min: k.min, max: k.max, scale: k.scale, value: value as number }
}

/**
 * Runs one sensitivity method over `knobs` of `base`. Designs the validator rejects, or the
 * engine fails on, count as missing outputs (left out of the estimators and counted).
 */
export async function designSensitivity(base: Design, knobs: ReadonlyArray<Knob>, options: DesignSensitivityOptions): Promise<DesignSensitivityResult> {
  if (knobs.length === 0) throw new Error('sensitivity: no knobs to vary')
  const hours = options.hours ?? 72
  const seed = options.seed ?? 1
  const metrics = options.metrics ?? METRIC_IDS
  const evaluate = options.evaluate ?? evaluateSerially
  const notes: string[] = []
  let failed = 0

  /** Metric rows for designs (null → NaN row), evaluated in slices for progress and cancel. */
  const run = async (designs: ReadonlyArray<Design | null>): Promise<number[][]> => {
    const valid = designs.filter((d): d is Design => d !== null)
    const outcomes: Array<Awaited<ReturnType<DesignBatchEvaluator>>[number]> = []
    const slice = Math.max(1, Math.ceil(valid.length / PROGRESS_SLICES))
    for (let start = 0; start < valid.length; start += slice) {
      if (options.signal?.aborted) throw new Error('sensitivity: cancelled')
      outcomes.push(...(await evaluate(valid.slice(start, start + slice), hours)))
      options.onProgress?.(outcomes.length, valid.length)
    }
    let next = 0
    return designs.map((d) => {
      if (d === null) { failed++; return metrics.map(() => Number.NaN) }
      const o = outcomes[next++]!
      if (!o.ok) { failed++; return metrics.map(() => Number.NaN) }
      return metrics.map((m) => o.metrics[m])
    })
  }

  const reported = knobs.map((k) => reportKnob(base, k))
  const indices: Record<string, IndexRow[]> = {}

  if (options.method === 'local') {
    const numeric = knobs.filter((k): k is Extract<Knob, { kind: 'continuous' | 'integer' }> => k.kind !== 'categorical' && (getKnob(base, k.path) as number) > 0)
    const skipped = knobs.filter((k) => !numeric.includes(k as never)).map((k) => k.path)
    if (skipped.length > 0) notes.push(`Local coefficients need a positive number; left out: ${skipped.join(', ')}.`)
    if (numeric.length === 0) throw new Error('sensitivity --method local: no numeric knob with a positive value to differentiate')
    const stepLn = options.stepLn ?? DEFAULT_LOCAL_STEP_LN
    const x0 = numeric.map((k) => getKnob(base, k.path) as number)
    const plan = localPlan(x0, stepLn, (i, v) => {
      const k = numeric[i]!
      const clipped = Math.min(k.max, Math.max(k.min, v))
      return k.kind === 'integer' ? Math.round(clipped) : clipped
    })
    const designs = plan.points.map((p) => {
      const checked = setKnobs(base, numeric.map((k, i) => [k.path, p[i]!] as const))
      return checked.valid ? checked.design : null
    })
    const outputs = await run(designs)
    const coefficients = localAnalyse(plan, outputs)
    metrics.forEach((m, mi) => {
      indices[m] = numeric.map((k, i) => ({ knob: k.path, ...coefficients[mi]![i]! }))
    })
    notes.push(`Local: normalised coefficient ∂ln y/∂ln x at the base design by central differences in log space, x·e^±${stepLn} (clipped to each knob's range, whole-number knobs rounded; the quotient uses the steps actually taken).`)
    return {
      method: 'local', over: 'design', evaluations: plan.points.length, seed, samples: null, hours,
      knobs: reported.filter((r) => numeric.some((k) => k.path === r.path)), metrics, indices, failedEvaluations: failed, notes,
    }
  }

  const toDesigns = (points: ReadonlyArray<ReadonlyArray<number>>): Array<Design | null> => points.map((u) => {
    const checked = designAt(base, knobs, u)
    return checked.valid ? checked.design : null
  })

  if (options.method === 'morris') {
    const r = options.samples ?? DEFAULT_SAMPLES.morris
    const plan = morrisPlan(knobs.length, r, seed, DEFAULT_MORRIS_LEVELS)
    const outputs = await run(toDesigns(plan.points))
    const stats = morrisAnalyse(plan, outputs)
    metrics.forEach((m, mi) => {
      indices[m] = knobs.map((k, i) => ({ knob: k.path, ...stats[mi]![i]! }))
    })
    notes.push(`Morris: ${r} trajectories on a ${plan.levels}-level grid, step Δ = ${plan.delta.toFixed(4)} of each knob's range (log-scaled knobs in ln units); μ* (mean |elementary effect|) ranks importance, σ flags nonlinearity or interactions; effects are in metric units per full knob range.`)
    return { method: 'morris', over: 'design', evaluations: plan.points.length, seed, samples: r, hours, knobs: reported, metrics, indices, failedEvaluations: failed, notes }
  }

  const n = options.samples ?? DEFAULT_SAMPLES.sobol
  const plan = sobolPlan(knobs.length, n, seed)
  const outputs = await run(toDesigns(plan.points))
  const results = sobolAnalyse(plan, outputs, { bootstrap: options.bootstrap ?? 500, seed })
  metrics.forEach((m, mi) => {
    const res = results[mi]!
    indices[m] = knobs.map((k, i) => ({ knob: k.path, ...res.indices[i]!, rowsUsed: res.rowsUsed }))
  })
  notes.push(`Sobol: Saltelli sampling, N = ${n} base rows × (k + 2) = ${plan.points.length} runs; first-order by Saltelli et al. 2010, total by Jansen 1999; 95 % intervals from ${options.bootstrap ?? 500} bootstrap resamples of the rows.`)
  return { method: 'sobol', over: 'design', evaluations: plan.points.length, seed, samples: n, hours, knobs: reported, metrics, indices, failedEvaluations: failed, notes }
}
