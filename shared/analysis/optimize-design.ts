/**
 * Inverse design (issue 13): a checked goal (goal.ts) → a Pareto front of designs, by
 * NSGA-II (nsga2.ts) over the goal's knobs, each candidate evaluated through the same
 * composition as `nanoforge simulate`. The result is the JSON document of
 * `nanoforge optimize --json`.
 *
 * Objectives become minimised values: `max` → −metric, `min` → metric, `target` →
 * |metric − target|. A constraint's violation is its shortfall relative to the bound,
 * (min − v)/|min| or (v − max)/|max| (absolute when the bound is 0), summed over constraints,
 * so constraints on metrics of different units weigh alike. A candidate the validator
 * rejects, or the engine fails on, is infeasible with infinite violation and never on the
 * front.
 */
import type { Design } from '../design/types'
import type { MetricId } from '../metrics/registry'
import { getKnob, setKnobs, type KnobValue } from './design-paths'
import { evaluateSerially, type DesignBatchEvaluator } from './evaluate'
import type { Goal, GoalConstraint, GoalObjective } from './goal'
import { knobUnit, knobValue, type Knob } from './knobs'
import { nsga2, type Evaluation, type Gene, type Genome } from './nsga2'

/** Options of {@link optimizeDesign}. */
export interface OptimizeDesignOptions {
  readonly evaluations: number
  readonly seed: number
  /** Population size (default: 8 per knob, between 20 and 100, even). */
  readonly population?: number
  /** Biodistribution horizon, h (default 72). */
  readonly hours?: number
  readonly evaluate?: DesignBatchEvaluator
  readonly onProgress?: (done: number, total: number) => void
  readonly signal?: { readonly aborted: boolean }
}

/** One member of the front. */
export interface FrontMember {
  readonly design: Design
  /** The varied knobs' values, by path. */
  readonly knobs: Readonly<Record<string, KnobValue>>
  readonly metrics: Readonly<Record<MetricId, number>>
  readonly feasible: boolean
  /** Summed relative constraint shortfall (0 when feasible). */
  readonly violation: number
}

/** Result of {@link optimizeDesign}. */
export interface OptimizeDesignResult {
  readonly front: ReadonlyArray<FrontMember>
  readonly evaluations: number
  /** Distinct designs actually run through the engine (repeats are answered from a cache). */
  readonly engineRuns: number
  readonly seed: number
  readonly population: number
  readonly generations: number
  /** Candidates the validator rejected or the engine could not evaluate. */
  readonly failedEvaluations: number
  readonly feasibleFound: boolean
  readonly cancelled: boolean
}

/** The minimised value of an objective. */
export function objectiveValue(o: GoalObjective, metrics: Readonly<Record<MetricId, number>>): number {
  const v = metrics[o.metric]
  if ('target' in o) return Math.abs(v - o.target)
  return o.sense === 'max' ? -v : v
}

/** Summed relative shortfall of the constraints (0 when all are met). */
export function constraintViolation(constraints: ReadonlyArray<GoalConstraint>, metrics: Readonly<Record<MetricId, number>>): number {
  let total = 0
  for (const c of constraints) {
    const v = metrics[c.metric]
    if (!Number.isFinite(v)) return Number.POSITIVE_INFINITY
    if (c.min !== undefined && v < c.min) total += (c.min - v) / (c.min === 0 ? 1 : Math.abs(c.min))
    if (c.max !== undefined && v > c.max) total += (v - c.max) / (c.max === 0 ? 1 : Math.abs(c.max))
  }
  return total
}

/** Default population: 8 per knob, within [20, 100], even. */
export function defaultPopulation(knobs: number): number {
  const p = Math.min(100, Math.max(20, 8 * knobs))
  return p % 2 === 0 ? p : p + 1
}

function genomeValues(knobs: ReadonlyArray<Knob>, genome: Genome): Array<readonly [string, KnobValue]> {
  return knobs.map((k, i) => [k.path, k.kind === 'categorical' ? k.options[genome[i]!]! : knobValue(k, genome[i]!)] as const)
}

/**
 * Searches the goal's knobs for the Pareto front of its objectives under its constraints.
 * Same goal, budget, population and seed → same front, whatever the evaluator.
 */
export async function optimizeDesign(goal: Goal, options: OptimizeDesignOptions): Promise<OptimizeDesignResult> {
  const hours = options.hours ?? 72
  const evaluate = options.evaluate ?? evaluateSerially
  const population = options.population ?? defaultPopulation(goal.knobs.length)
  const genes: Gene[] = goal.knobs.map((k) => (k.kind === 'categorical' ? { kind: 'categorical', options: k.options.length } : { kind: 'continuous' }))
  const cache = new Map<string, { design: Design; metrics: Readonly<Record<MetricId, number>> } | null>()
  let failed = 0
  let engineRuns = 0

  const keyOf = (values: ReadonlyArray<readonly [string, KnobValue]>): string => JSON.stringify(values.map(([, v]) => v))

  const evaluateBatch = async (batch: ReadonlyArray<Genome>): Promise<Evaluation[]> => {
    const values = batch.map((g) => genomeValues(goal.knobs, g))
    const keys = values.map(keyOf)
    const todo: Array<{ key: string; design: Design }> = []
    const queued = new Set<string>()
    values.forEach((v, i) => {
      const key = keys[i]!
      if (cache.has(key) || queued.has(key)) return
      const checked = setKnobs(goal.base, v)
      if (!checked.valid) { cache.set(key, null); return }
      queued.add(key)
      todo.push({ key, design: checked.design })
    })
    if (todo.length > 0) {
      const outcomes = await evaluate(todo.map((t) => t.design), hours)
      engineRuns += todo.length
      todo.forEach((t, i) => {
        const o = outcomes[i]!
        cache.set(t.key, o.ok ? { design: t.design, metrics: o.metrics } : null)
      })
    }
    return keys.map((key) => {
      const hit = cache.get(key)
      if (!hit) {
        failed++
        return { objectives: goal.objectives.map(() => Number.POSITIVE_INFINITY), violation: Number.POSITIVE_INFINITY }
      }
      return { objectives: goal.objectives.map((o) => objectiveValue(o, hit.metrics)), violation: constraintViolation(goal.constraints, hit.metrics) }
    })
  }

  // The base design starts in the first population (its knob values, clipped to the ranges;
  // a categorical value outside the options starts at the first option), so the front is
  // never worse than where the scientist started.
  const baseGenome = goal.knobs.map((k) => {
    const v = getKnob(goal.base, k.path)
    if (k.kind === 'categorical') return Math.max(0, k.options.indexOf(String(v)))
    return knobUnit(k, v) ?? 0.5
  })
  const result = await nsga2(
    { genes, objectives: goal.objectives.length, evaluate: evaluateBatch },
    {
      evaluations: options.evaluations, population, seed: options.seed, initial: [baseGenome],
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    },
  )
  const front: FrontMember[] = []
  const onFront = new Set<string>()
  for (const member of result.front) {
    const values = genomeValues(goal.knobs, member.genome)
    const key = keyOf(values)
    const hit = cache.get(key)
    if (!hit) continue // an impossible point is never a front member
    // distinct genomes can round to the same design (whole-number knobs): list it once
    if (onFront.has(key)) continue
    onFront.add(key)
    front.push({
      design: hit.design,
      knobs: Object.fromEntries(values),
      metrics: hit.metrics,
      feasible: member.evaluation.violation <= 0,
      violation: member.evaluation.violation,
    })
  }
  // best first on the first objective
  front.sort((a, b) => objectiveValue(goal.objectives[0]!, a.metrics) - objectiveValue(goal.objectives[0]!, b.metrics))
  return {
    front, evaluations: result.evaluations, engineRuns, seed: options.seed, population, generations: result.generations,
    failedEvaluations: failed, feasibleFound: result.feasibleFound, cancelled: result.cancelled,
  }
}
