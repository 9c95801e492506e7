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
 *   "method": "latin-hypercube",          // or "sobol", "virtual-cohort", or "grid" with "levels"
 *   "samples": 2000,                      // a grid has levels^(numeric knobs) × options points
 *   "levels": 5,                          // grid only: points per numeric knob, ends included
 *   "cohort": { ...a nanoforge.cohort... }, // virtual-cohort only (a spec file may name the file)
 *   "seed": 1,                            // default 1
 *   "metrics": ["selectivityIndex"],      // default every metric (and, for a cohort, every response metric)
 *   "hours": 72 }                         // default 72
 * ```
 *
 * `virtual-cohort` (cohort.ts): each sample is a virtual patient of the cohort, derived from
 * the seed and the sample index alone; the base design must be human and for the cohort's
 * disease; `vary` may be left out (the base design in every patient) or give knobs, spread by
 * a Latin hypercube over the same samples; the patient response metrics (RESPONSE_METRICS)
 * may be recorded. The canonical spec carries the cohort document itself, so its hash covers
 * the distributions the patients were drawn from.
 *
 * Every problem is reported with its JSON path, all at once. The spec hash (hashed by the
 * caller over {@link canonicalSpecJson}) is what shards and merged files carry, so a merge
 * refuses a shard of another sweep.
 */
import { z } from 'zod'
import { nearest } from '../design/nearest-id'
import type { Design, DesignIssue } from '../design/types'
import { validateDesign } from '../design/schema'
import { GOAL_FORMAT, GOAL_VERSION, parseGoal } from '../analysis/goal'
import type { Knob, VarySpec } from '../analysis/knobs'
import { METRIC_IDS } from '../metrics/registry'
import { validateCohort, type Cohort } from '../patient/cohort'
import { checkDesignForPatient, PatientDesignMismatch } from '../patient/simulate-patient'
import { SOBOL_MAX_DIMENSIONS } from './sobol'
import { SWEEP_METHODS, type SweepMethod } from './sampling'
import { isResponseMetric, RESPONSE_METRICS, sweepPatient, type SweepMetricId } from './cohort'

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
  /** virtual-cohort only: the `nanoforge.cohort` document the patients are drawn from, as given. */
  readonly cohort?: Readonly<Record<string, unknown>>
  readonly seed: number
  readonly metrics: ReadonlyArray<SweepMetricId>
  readonly hours: number
}

/** A checked spec with its resolved knobs and, for a grid, the levels of each knob. */
export interface ResolvedSweep {
  readonly spec: SweepSpec
  readonly knobs: ReadonlyArray<Knob>
  /** Levels per knob (grid only). */
  readonly gridLevels?: ReadonlyArray<number>
  /** The validated cohort (virtual-cohort only). */
  readonly cohort?: Cohort
}

export type SweepParse = { readonly ok: true; readonly sweep: ResolvedSweep } | { readonly ok: false; readonly errors: DesignIssue[] }

const whole = (what: string, min: number, max: number): z.ZodNumber =>
  z.number({ error: `${what} must be a number` }).int(`${what} must be a whole number`).min(min, `${what} must be at least ${min}`).max(max, `${what} must be at most ${max}`)

const SweepSchema = z.object({
  format: z.literal(SWEEP_FORMAT, { error: `must be "${SWEEP_FORMAT}"` }),
  version: z.literal(SWEEP_VERSION, { error: `must be ${SWEEP_VERSION} (the only version this NanoForge reads)` }),
  base: z.unknown(),
  vary: z.unknown().optional(),
  method: z.enum(SWEEP_METHODS as [SweepMethod, ...SweepMethod[]], { error: `must be one of ${SWEEP_METHODS.join(', ')}` }),
  samples: whole('samples', 1, MAX_SWEEP_SAMPLES).optional(),
  levels: whole('levels', 2, 1000).optional(),
  cohort: z.unknown().optional(),
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
 * goal accept exactly the same entries with the same messages at the same paths. A
 * virtual-cohort sweep may leave `vary` out; its base is then read by the design validator.
 */
export function parseSweepSpec(json: unknown): SweepParse {
  if (!isRecord(json)) return { ok: false, errors: [{ path: '', message: `a sweep spec is a JSON object with "format": "${SWEEP_FORMAT}"` }] }
  const errors: DesignIssue[] = []
  const shape = SweepSchema.safeParse(json)
  if (!shape.success) for (const i of shape.error.issues) errors.push({ path: pathText(i.path), message: i.message })
  const isCohort = json.method === 'virtual-cohort'

  // a cohort sweep without knobs: the base design in every patient
  const noKnobs = isCohort && (json.vary === undefined || (Array.isArray(json.vary) && json.vary.length === 0))
  let base: Design | undefined
  let vary: ReadonlyArray<VarySpec> = []
  let knobs: ReadonlyArray<Knob> = []
  if (noKnobs) {
    const checked = validateDesign(json.base)
    if (checked.valid) base = checked.design
    else if (json.base !== undefined) for (const e of checked.errors) errors.push({ path: e.path === '' ? 'base' : `base.${e.path}`, message: e.message })
  } else {
    const goal = parseGoal({ format: GOAL_FORMAT, version: GOAL_VERSION, base: json.base, vary: json.vary, objectives: [{ metric: METRIC_IDS[0], sense: 'max' }] })
    if (goal.ok) ({ base, vary, knobs } = goal.goal)
    else for (const e of goal.errors) errors.push(e.path === '' ? { path: 'base', message: e.message } : e)
  }
  if (json.base === undefined && !errors.some((e) => e.path === 'base')) errors.push({ path: 'base', message: 'is missing; give the design the sweep starts from' })

  const cohort = isCohort ? checkCohort(json.cohort, base, knobs, typeof json.seed === 'number' ? json.seed : 1, errors) : undefined
  if (!isCohort && json.cohort !== undefined) errors.push({ path: 'cohort', message: '"cohort" is for "method": "virtual-cohort"; the other methods vary the design only' })

  const doc = shape.success ? shape.data : undefined
  const metrics: SweepMetricId[] = []
  const known: ReadonlyArray<string> = isCohort ? [...METRIC_IDS, ...RESPONSE_METRICS] : METRIC_IDS
  // checked from the document itself, so an unknown metric is reported beside shape errors
  if (Array.isArray(json.metrics)) {
    json.metrics.forEach((m: unknown, i) => {
      if (typeof m !== 'string') return // the schema reports it
      if (!isCohort && isResponseMetric(m)) {
        errors.push({ path: `metrics[${i}]`, message: `"${m}" is a patient response metric, recorded only by a "virtual-cohort" sweep (its samples are virtual patients)` })
      } else if (!known.includes(m)) {
        const guess = nearest(m, known)
        errors.push({ path: `metrics[${i}]`, message: `unknown metric "${m}"${guess ? `; did you mean "${guess}"?` : ''} (metrics: ${known.join(', ')})` })
      } else if (metrics.includes(m as SweepMetricId)) {
        errors.push({ path: `metrics[${i}]`, message: `"${m}" is listed twice` })
      } else {
        metrics.push(m as SweepMetricId)
      }
    })
  }

  if (doc === undefined || base === undefined || errors.length > 0) return { ok: false, errors }
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
    if (samples === undefined) errors.push({ path: 'samples', message: `is missing; give the number of ${isCohort ? 'virtual patients' : 'designs'} to evaluate (1 to ${MAX_SWEEP_SAMPLES})` })
    if (method === 'sobol' && knobs.length > SOBOL_MAX_DIMENSIONS) {
      errors.push({ path: 'vary', message: `the Sobol' sequence is provided for at most ${SOBOL_MAX_DIMENSIONS} knobs, got ${knobs.length}; use "latin-hypercube"` })
    }
  }
  if (errors.length > 0 || samples === undefined) return { ok: false, errors }
  const spec: SweepSpec = {
    format: SWEEP_FORMAT, version: SWEEP_VERSION, base, vary, method, samples,
    ...(method === 'grid' && doc.levels !== undefined ? { levels: doc.levels } : {}),
    ...(isCohort ? { cohort: json.cohort as Record<string, unknown> } : {}),
    seed: doc.seed ?? 1, metrics: metrics.length > 0 ? metrics : [...known as SweepMetricId[]], hours: doc.hours ?? DEFAULT_SWEEP_HOURS,
  }
  return { ok: true, sweep: { spec, knobs, ...(gridLevels ? { gridLevels } : {}), ...(cohort ? { cohort } : {}) } }
}

/** Knob paths a virtual-cohort sweep may not vary: its patients are human and have the cohort's disease. */
const PATIENT_FIXED_PATHS: ReadonlyArray<string> = ['context.species', 'context.disease']

/**
 * Checks the cohort of a virtual-cohort sweep (pushing problems onto `errors`): present, a
 * valid `nanoforge.cohort` (paths under `cohort.`), and the base design one a virtual patient
 * takes (human, the cohort's disease: the patient simulation's own check, on the sweep's
 * first patient), with no knob changing the species or the disease.
 */
function checkCohort(doc: unknown, base: Design | undefined, knobs: ReadonlyArray<Knob>, seed: number, errors: DesignIssue[]): Cohort | undefined {
  knobs.forEach((k, i) => {
    if (PATIENT_FIXED_PATHS.includes(k.path)) errors.push({ path: `vary[${i}].path`, message: `a virtual-cohort sweep's patients are human and have the cohort's disease, so ${k.path} cannot be varied` })
  })
  const notHuman = base !== undefined && base.context.species !== 'human'
  const humanOnly = (species: string): string =>
    `is "${species}": a virtual-cohort sweep draws virtual patients, who are human, so its base design must be a human design (set base.context.species to "human", or sweep this design with "latin-hypercube", "sobol" or "grid")`
  if (doc === undefined) {
    errors.push({ path: 'cohort', message: 'is missing; a virtual-cohort sweep draws its patients from a cohort: a nanoforge.cohort document here, or in a spec file given to nanoforge sweep the path of one (such as resources/cohorts/ra.nanoforge-cohort.json)' })
  } else if (typeof doc === 'string') {
    errors.push({ path: 'cohort', message: `names a file ("${doc.slice(0, 120)}"), which only nanoforge sweep reads; here the cohort must be inline (spec.json in a --slurm folder, and every shard and merged file, carry it inline)` })
  } else {
    const checked = validateCohort(doc)
    if (!checked.valid) {
      for (const e of checked.errors) errors.push({ path: e.path === '' ? 'cohort' : `cohort.${e.path}`, message: e.message })
    } else {
      if (base !== undefined && !notHuman) {
        try {
          checkDesignForPatient(base, sweepPatient(checked.cohort, seed, 0))
        } catch (error) {
          if (error instanceof PatientDesignMismatch) errors.push({ path: `base.${error.path}`, message: `a virtual-cohort sweep runs the design in the cohort's patients, and ${error.message}` })
          else errors.push({ path: 'cohort', message: error instanceof Error ? error.message : String(error) })
        }
      }
      if (notHuman) errors.push({ path: 'base.context.species', message: humanOnly(base.context.species) })
      return errors.length === 0 ? checked.cohort : undefined
    }
  }
  if (notHuman) errors.push({ path: 'base.context.species', message: humanOnly(base.context.species) })
  return undefined
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
