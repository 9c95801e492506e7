/**
 * The sweep spec, `nanoforge.sweep` version 1 (issue 17): a base design, the knobs to vary
 * (the same `vary` entries as the goal file), a sampling method, a sample count, a seed, the
 * metrics to record and the horizon.
 *
 * ```jsonc
 * { "format": "nanoforge.sweep", "version": 1,
 *   "base": { ...a design... },
 *   "vary": [ { "path": "core.diameterNm", "min": 50, "max": 250 },
 *             { "path": "core.material", "options": ["plga-50-50", "pla"] } ],
 *   "method": "latin-hypercube",          // or "sobol", or "grid" with "levels"
 *   "samples": 2000,                      // a grid has levels^(numeric knobs) × options points
 *   "levels": 5,                          // grid only: points per numeric knob, ends included
 *   "seed": 1,                            // default 1
 *   "metrics": ["selectivityIndex"],      // default every metric
 *   "hours": 72 }                         // default 72
 * ```
 *
 * Every problem is reported with its JSON path, all at once. The spec hash (hashed by the
 * caller over {@link canonicalSpecJson}) is what shards and merged files carry, so a merge
 * refuses a shard of another sweep.
 */
import { z } from 'zod'
import { nearest } from '../design/nearest-id'
import type { Design, DesignIssue } from '../design/types'
import { GOAL_FORMAT, GOAL_VERSION, parseGoal } from '../analysis/goal'
import type { Knob, VarySpec } from '../analysis/knobs'
import { METRIC_IDS, type MetricId } from '../metrics/registry'
import { SOBOL_MAX_DIMENSIONS } from './sobol'
import { SWEEP_METHODS, type SweepMethod } from './sampling'

export const SWEEP_FORMAT = 'nanoforge.sweep'
export const SWEEP_VERSION = 1

/** Largest sweep one spec may describe (a typo guard: 10^7 designs are about 8 core-hours). */
export const MAX_SWEEP_SAMPLES = 10_000_000
/** Default and limits of the horizon, h (the metrics read liver + spleen at 24 h; simulate accepts 90 days). */
export const DEFAULT_SWEEP_HOURS = 72
const MIN_HOURS = 24
const MAX_HOURS = 24 * 90
const MAX_SEED = 0xffffffff

/** A checked sweep spec, with every default filled in. */
export interface SweepSpec {
  readonly format: typeof SWEEP_FORMAT
  readonly version: typeof SWEEP_VERSION
  readonly base: Design
  readonly vary: ReadonlyArray<VarySpec>
  readonly method: SweepMethod
  readonly samples: number
  /** Grid only: points per numeric knob. */
  readonly levels?: number
  readonly seed: number
  readonly metrics: ReadonlyArray<MetricId>
  readonly hours: number
}

/** A checked spec with its resolved knobs and, for a grid, the levels of each knob. */
export interface ResolvedSweep {
  readonly spec: SweepSpec
  readonly knobs: ReadonlyArray<Knob>
  /** Levels per knob (grid only). */
  readonly gridLevels?: ReadonlyArray<number>
}

export type SweepParse = { readonly ok: true; readonly sweep: ResolvedSweep } | { readonly ok: false; readonly errors: DesignIssue[] }

const whole = (what: string, min: number, max: number): z.ZodNumber =>
  z.number({ error: `${what} must be a number` }).int(`${what} must be a whole number`).min(min, `${what} must be at least ${min}`).max(max, `${what} must be at most ${max}`)

const SweepSchema = z.object({
  format: z.literal(SWEEP_FORMAT, { error: `must be "${SWEEP_FORMAT}"` }),
  version: z.literal(SWEEP_VERSION, { error: `must be ${SWEEP_VERSION} (the only version this NanoForge reads)` }),
  base: z.unknown(),
  vary: z.unknown(),
  method: z.enum(SWEEP_METHODS as [SweepMethod, ...SweepMethod[]], { error: `must be one of ${SWEEP_METHODS.join(', ')}` }),
  samples: whole('samples', 1, MAX_SWEEP_SAMPLES).optional(),
  levels: whole('levels', 2, 1000).optional(),
  seed: whole('seed', 0, MAX_SEED).optional(),
  metrics: z.array(z.string()).min(1, 'list at least one metric, or leave "metrics" out for all of them').optional(),
  hours: z.number().refine(Number.isFinite, 'must be a finite number').min(MIN_HOURS, `must be at least ${MIN_HOURS} h (liver + spleen are read at 24 h)`).max(MAX_HOURS, `must be at most ${MAX_HOURS} h`).optional(),
}).strict()

/** `vary[0].path` from a zod path. */
function pathText(segments: ReadonlyArray<PropertyKey>): string {
  let out = ''
  for (const s of segments) out += typeof s === 'number' ? `[${s}]` : `${out === '' ? '' : '.'}${String(s)}`
  return out
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

/**
 * Checks a parsed sweep document. The base and `vary` are read by the goal file's own
 * parser (a goal with the base, the vary list and a placeholder objective), so a sweep and a
 * goal accept exactly the same entries with the same messages at the same paths.
 */
export function parseSweepSpec(json: unknown): SweepParse {
  if (!isRecord(json)) return { ok: false, errors: [{ path: '', message: `a sweep spec is a JSON object with "format": "${SWEEP_FORMAT}"` }] }
  const errors: DesignIssue[] = []
  const shape = SweepSchema.safeParse(json)
  if (!shape.success) for (const i of shape.error.issues) errors.push({ path: pathText(i.path), message: i.message })

  const goal = parseGoal({ format: GOAL_FORMAT, version: GOAL_VERSION, base: json.base, vary: json.vary, objectives: [{ metric: METRIC_IDS[0], sense: 'max' }] })
  if (!goal.ok) for (const e of goal.errors) errors.push(e.path === '' ? { path: 'base', message: e.message } : e)
  if (json.base === undefined && !errors.some((e) => e.path === 'base')) errors.push({ path: 'base', message: 'is missing; give the design the sweep starts from' })

  const doc = shape.success ? shape.data : undefined
  const metrics: MetricId[] = []
  // checked from the document itself, so an unknown metric is reported beside shape errors
  if (Array.isArray(json.metrics)) {
    json.metrics.forEach((m: unknown, i) => {
      if (typeof m !== 'string') return // the schema reports it
      if (!(METRIC_IDS as ReadonlyArray<string>).includes(m)) {
        const guess = nearest(m, METRIC_IDS)
        errors.push({ path: `metrics[${i}]`, message: `unknown metric "${m}"${guess ? `; did you mean "${guess}"?` : ''} (metrics: ${METRIC_IDS.join(', ')})` })
      } else if (metrics.includes(m as MetricId)) {
        errors.push({ path: `metrics[${i}]`, message: `"${m}" is listed twice` })
      } else {
        metrics.push(m as MetricId)
      }
    })
  }

  if (doc === undefined || !goal.ok || errors.length > 0) return { ok: false, errors }
  const knobs = goal.goal.knobs
  const method = doc.method
  let samples = doc.samples
  let gridLevels: number[] | undefined
  if (method === 'grid') {
    if (doc.levels === undefined && knobs.some((k) => k.kind !== 'categorical')) {
      errors.push({ path: 'levels', message: 'a grid needs "levels": the number of points per numeric knob (2 or more, both ends included)' })
    } else {
      gridLevels = knobs.map((k) => (k.kind === 'categorical' ? k.options.length : doc.levels!))
      const total = gridLevels.reduce((a, b) => a * b, 1)
      if (total > MAX_SWEEP_SAMPLES) {
        errors.push({ path: 'levels', message: `the grid ${gridLevels.join(' × ')} has ${total} points, more than the ${MAX_SWEEP_SAMPLES} a sweep may have` })
      } else if (samples !== undefined && samples !== total) {
        errors.push({ path: 'samples', message: `the grid ${gridLevels.join(' × ')} has ${total} points, not ${samples}; leave "samples" out or set it to ${total}` })
      }
      samples = total
    }
  } else {
    if (doc.levels !== undefined) errors.push({ path: 'levels', message: `"levels" is for "method": "grid"; ${method} draws "samples" points` })
    if (samples === undefined) errors.push({ path: 'samples', message: `is missing; give the number of designs to evaluate (1 to ${MAX_SWEEP_SAMPLES})` })
    if (method === 'sobol' && knobs.length > SOBOL_MAX_DIMENSIONS) {
      errors.push({ path: 'vary', message: `the Sobol' sequence is provided for at most ${SOBOL_MAX_DIMENSIONS} knobs, got ${knobs.length}; use "latin-hypercube"` })
    }
  }
  if (errors.length > 0 || samples === undefined) return { ok: false, errors }
  const spec: SweepSpec = {
    format: SWEEP_FORMAT, version: SWEEP_VERSION, base: goal.goal.base, vary: goal.goal.vary, method, samples,
    ...(method === 'grid' && doc.levels !== undefined ? { levels: doc.levels } : {}),
    seed: doc.seed ?? 1, metrics: metrics.length > 0 ? metrics : [...METRIC_IDS], hours: doc.hours ?? DEFAULT_SWEEP_HOURS,
  }
  return { ok: true, sweep: { spec, knobs, ...(gridLevels ? { gridLevels } : {}) } }
}

/**
 * The spec as canonical JSON: object keys sorted at every level, no spaces, every default
 * filled in. Two specs that describe the same sweep (key order, an omitted default) give the
 * same text, and so the same hash.
 */
export function canonicalSpecJson(spec: SweepSpec): string {
  return canonicalJson(spec)
}

/** JSON with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`
  if (isRecord(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`
  }
  return JSON.stringify(value)
}
