/**
 * The goal file, `nanoforge.goal` version 1 (issue 13): a base design, the knobs to vary,
 * the objectives and the constraints of an inverse-design search.
 *
 * ```jsonc
 * { "format": "nanoforge.goal", "version": 1,
 *   "base": { ...a design... },
 *   "vary": [ { "path": "core.diameterNm", "min": 50, "max": 250 },
 *             { "path": "core.material", "options": ["plga-50-50", "pla"] } ],
 *   "objectives": [ { "metric": "selectivityIndex", "sense": "max" },
 *                   { "metric": "t50InflamedH", "target": 48 } ],
 *   "constraints": [ { "metric": "bloodHalfLifeH", "min": 6 } ] }
 * ```
 * A numeric `vary` entry may add `"scale": "linear" | "log"` (default: log when max/min ≥ 10).
 *
 * Every problem is reported with its JSON path (`vary[2].options[1]`, `base.core.diameterNm`,
 * `objectives[0].metric`), all at once, so a bad goal file is fixed in one pass.
 */
import { z } from 'zod'
import { validateDesign } from '../design/schema'
import { nearest } from '../design/nearest-id'
import type { Design, DesignIssue } from '../design/types'
import { METRIC_IDS, type MetricId } from '../metrics/registry'
import { resolveKnobs, type Knob, type VarySpec } from './knobs'

/** The goal file's format tag and version. */
export const GOAL_FORMAT = 'nanoforge.goal'
export const GOAL_VERSION = 1

/** One objective: maximise or minimise a metric, or bring it to a target value. */
export type GoalObjective =
  | { readonly metric: MetricId; readonly sense: 'max' | 'min' }
  | { readonly metric: MetricId; readonly target: number }

/** One constraint: a metric kept at or above `min` and/or at or below `max`. */
export interface GoalConstraint {
  readonly metric: MetricId
  readonly min?: number
  readonly max?: number
}

/** A checked goal: the validated base design and the resolved knobs. */
export interface Goal {
  readonly base: Design
  readonly vary: ReadonlyArray<VarySpec>
  readonly knobs: ReadonlyArray<Knob>
  readonly objectives: ReadonlyArray<GoalObjective>
  readonly constraints: ReadonlyArray<GoalConstraint>
}

const finite = z.number().refine(Number.isFinite, 'must be a finite number')

const VarySchema = z.object({
  path: z.string().min(1, 'give the knob path, e.g. "core.diameterNm"'),
  min: finite.optional(),
  max: finite.optional(),
  scale: z.enum(['linear', 'log']).optional(),
  options: z.array(z.string()).optional(),
}).strict()

const ObjectiveSchema = z.object({
  metric: z.string(),
  sense: z.enum(['max', 'min']).optional(),
  target: finite.optional(),
}).strict()

const ConstraintSchema = z.object({
  metric: z.string(),
  min: finite.optional(),
  max: finite.optional(),
}).strict()

const GoalSchema = z.object({
  format: z.literal(GOAL_FORMAT),
  version: z.literal(GOAL_VERSION),
  base: z.unknown(),
  vary: z.array(VarySchema).min(1, 'give at least one knob to vary'),
  objectives: z.array(ObjectiveSchema).min(1, 'give at least one objective').max(4, 'at most 4 objectives (a front in more dimensions cannot be read)'),
  constraints: z.array(ConstraintSchema).optional(),
}).strict()

/** `vary[0].path` from a zod path. */
function pathText(segments: ReadonlyArray<PropertyKey>): string {
  let out = ''
  for (const s of segments) out += typeof s === 'number' ? `[${s}]` : `${out === '' ? '' : '.'}${String(s)}`
  return out
}

/** Result of {@link parseGoal}. */
export type GoalParse = { readonly ok: true; readonly goal: Goal } | { readonly ok: false; readonly errors: DesignIssue[] }

function metricError(metric: string, path: string): DesignIssue | undefined {
  if ((METRIC_IDS as ReadonlyArray<string>).includes(metric)) return undefined
  const guess = nearest(metric, METRIC_IDS)
  return { path, message: `unknown metric "${metric}"${guess ? `; did you mean "${guess}"?` : ''} (metrics: ${METRIC_IDS.join(', ')})` }
}

/**
 * Checks a parsed goal document: its shape (zod), the base design (validateDesign, paths
 * under `base.`), the metrics, and every knob against the base (knobs.ts).
 */
export function parseGoal(json: unknown): GoalParse {
  const shape = GoalSchema.safeParse(json)
  if (!shape.success) {
    return { ok: false, errors: shape.error.issues.map((i) => ({ path: pathText(i.path), message: i.message })) }
  }
  const doc = shape.data
  const errors: DesignIssue[] = []
  const checked = validateDesign(doc.base)
  if (!checked.valid) for (const e of checked.errors) errors.push({ path: e.path === '' ? 'base' : `base.${e.path}`, message: e.message })

  // null keeps the index of an entry rejected here, so later errors keep their true paths
  const vary: Array<VarySpec | null> = doc.vary.map((v, i) => {
    const at = `vary[${i}]`
    if (v.options !== undefined) {
      if (v.min === undefined && v.max === undefined && v.scale === undefined) return { path: v.path, options: v.options }
      errors.push({ path: at, message: 'give either "options" (a choice of ids) or "min" and "max" (a range), not both' })
      return null
    }
    if (v.min === undefined || v.max === undefined) {
      errors.push({ path: v.min === undefined ? `${at}.min` : `${at}.max`, message: 'is missing; a numeric knob needs "min" and "max" (or give "options" for a choice of ids)' })
      return null
    }
    return v.scale !== undefined ? { path: v.path, min: v.min, max: v.max, scale: v.scale } : { path: v.path, min: v.min, max: v.max }
  })

  const objectives: GoalObjective[] = []
  doc.objectives.forEach((o, i) => {
    const at = `objectives[${i}]`
    const bad = metricError(o.metric, `${at}.metric`)
    if (bad) errors.push(bad)
    if ((o.sense === undefined) === (o.target === undefined)) {
      errors.push({ path: at, message: 'give exactly one of "sense" ("max" or "min") or "target" (a value to reach)' })
      return
    }
    if (bad) return
    const metric = o.metric as MetricId
    objectives.push(o.sense !== undefined ? { metric, sense: o.sense } : { metric, target: o.target! })
  })

  const constraints: GoalConstraint[] = []
  ;(doc.constraints ?? []).forEach((c, i) => {
    const at = `constraints[${i}]`
    const bad = metricError(c.metric, `${at}.metric`)
    if (bad) errors.push(bad)
    if (c.min === undefined && c.max === undefined) {
      errors.push({ path: at, message: 'give "min", "max" or both' })
      return
    }
    if (c.min !== undefined && c.max !== undefined && !(c.min <= c.max)) {
      errors.push({ path: `${at}.max`, message: `max (${c.max}) is below min (${c.min}); no design can meet it` })
      return
    }
    if (bad) return
    constraints.push({ metric: c.metric as MetricId, ...(c.min !== undefined ? { min: c.min } : {}), ...(c.max !== undefined ? { max: c.max } : {}) })
  })

  if (!checked.valid) return { ok: false, errors } // the knobs cannot be checked against a broken base
  const resolved = resolveKnobs(checked.design, vary)
  if (!resolved.ok) errors.push(...resolved.errors)
  if (errors.length > 0 || !resolved.ok) return { ok: false, errors }
  return { ok: true, goal: { base: checked.design, vary: vary.filter((v): v is VarySpec => v !== null), knobs: resolved.knobs, objectives, constraints } }
}
