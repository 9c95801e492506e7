import type { DesignIssue } from '../../../shared/design/types'
import { parseGoal, type Goal } from '../../../shared/analysis/goal'
import { defaultPopulation, optimizeDesign, type OptimizeDesignResult } from '../../../shared/analysis/optimize-design'
import { getMetric } from '../../../shared/metrics/registry'
import { EXIT_BAD_INPUT, EXIT_OK, type CommandRun } from '../types'
import { createDesignPool, defaultWorkerCount } from './design-pool'
import { withinStudySentence } from '../../../shared/engine/validation/measured-accuracy'
import {
  UsageError, fail, intOption, numberOption, parseCommandArgs, positiveIntOption, printJson, readJsonFile, seedOption, stringOption, type OptionValues,
} from './common'

const USAGE = 'nanoforge optimize GOAL.json [--evaluations N] [--seed S] [--population P] [--hours H] [--workers W] [--json]'

/** Default evaluation budget: about 4 s of engine time on one core at ~3 ms per design. */
export const DEFAULT_EVALUATIONS = 1000
/** The most evaluations one command accepts (about an hour of engine time): a typo guard. */
export const MAX_EVALUATIONS = 1_000_000
const MAX_HOURS = 24 * 90

/** Reads and checks a goal file; problems come back with their JSON paths. */
export function readGoalFile(file: string): { ok: true; goal: Goal } | { ok: false; issues: DesignIssue[] } {
  const read = readJsonFile(file)
  if (!read.ok) return read
  const parsed = parseGoal(read.json)
  return parsed.ok ? parsed : { ok: false, issues: parsed.errors }
}

/** The --hours option (default 72, at least 24 because liver + spleen are read at 24 h). */
export function hoursOption(values: OptionValues): number {
  const hours = numberOption(values, 'hours') ?? 72
  if (hours < 24 || hours > MAX_HOURS) {
    throw new UsageError(`--hours must be a number from 24 to ${MAX_HOURS} h, got '${stringOption(values, 'hours')}'.`)
  }
  return hours
}

/**
 * Below this many evaluations the CLI evaluates on its own thread: starting a worker (tsx
 * loading the engine) costs about as much as a few hundred evaluations.
 */
export const POOL_MIN_EVALUATIONS = 400

/** The --workers option: threads evaluating designs (default every core, at most 8). */
export function workersOption(values: OptionValues): number {
  return intOption(values, 'workers', 1, 64) ?? defaultWorkerCount()
}

/**
 * `nanoforge optimize GOAL.json`: NSGA-II over the goal's knobs → the Pareto front of its
 * objectives under its constraints (issue 13). `--json` prints
 * `{"front": [{"design", "metrics", "feasible", …}], "evaluations", "seed", …}`. A bad goal
 * file exits 2 with every problem at its JSON path.
 */
export const runOptimize: CommandRun = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, {
    json: { type: 'boolean' }, evaluations: { type: 'string' }, seed: { type: 'string' },
    population: { type: 'string' }, hours: { type: 'string' }, workers: { type: 'string' },
  }, { min: 1, max: 1, usage: USAGE })
  const json = values.json === true
  const evaluations = positiveIntOption(values, 'evaluations') ?? DEFAULT_EVALUATIONS
  if (evaluations > MAX_EVALUATIONS) throw new UsageError(`--evaluations must be at most ${MAX_EVALUATIONS}, got ${evaluations}.`)
  const population = positiveIntOption(values, 'population', 4)
  const seed = seedOption(values)
  const hours = hoursOption(values)
  const workers = workersOption(values)
  const file = positionals[0]!
  const read = readGoalFile(file)
  if (!read.ok) return fail(io, json, EXIT_BAD_INPUT, 'invalid-goal', `${file}: ${read.issues.length} problem(s)`, read.issues)
  const goal = read.goal
  const pop = population ?? defaultPopulation(goal.knobs.length)
  if (evaluations < pop) throw new UsageError(`--evaluations (${evaluations}) must cover at least one population (${pop}).`)
  let lastTenth = -1
  const pool = createDesignPool(evaluations >= POOL_MIN_EVALUATIONS ? workers : 1)
  let result: OptimizeDesignResult
  try {
    result = await optimizeDesign(goal, {
      evaluations, seed, hours, population: pop, evaluate: pool.evaluate,
      // progress on stderr, about every tenth of the budget (stdout stays the result)
      onProgress: (done, total) => {
        const tenth = Math.floor((10 * done) / total)
        if (tenth !== lastTenth) { lastTenth = tenth; io.stderr(`optimize: ${done}/${total} evaluations\n`) }
      },
    })
  } finally {
    await pool.close()
  }
  if (json) {
    printJson(io, { ...result, hours, objectives: goal.objectives, constraints: goal.constraints, knobs: goal.knobs })
    return EXIT_OK
  }
  io.stdout(formatFront(goal, result))
  // the front ranks designs by the engine's differences: how far those were checked
  io.stdout(`\n${withinStudySentence()}\n`)
  return EXIT_OK
}

function fmt(v: number | string): string {
  return typeof v === 'string' ? v : Number(v.toPrecision(4)).toString()
}

function formatFront(goal: Goal, r: OptimizeDesignResult): string {
  const metricIds = [...new Set([...goal.objectives.map((o) => o.metric), ...goal.constraints.map((c) => c.metric)])]
  const header = [...goal.knobs.map((k) => k.path), ...metricIds.map((m) => { const d = getMetric(m); return d.unit ? `${m} (${d.unit})` : m }), 'feasible']
  const rows = r.front.map((m) => [...goal.knobs.map((k) => fmt(m.knobs[k.path]!)), ...metricIds.map((id) => fmt(m.metrics[id])), m.feasible ? 'yes' : 'no'])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)))
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()
  const objectives = goal.objectives.map((o) => ('target' in o ? `${o.metric} → ${o.target}` : `${o.sense} ${o.metric}`)).join(', ')
  const constraints = goal.constraints.map((c) => `${c.min !== undefined ? `${c.min} ≤ ` : ''}${c.metric}${c.max !== undefined ? ` ≤ ${c.max}` : ''}`).join(', ')
  return [
    `Pareto front: ${r.front.length} design(s) from ${r.evaluations} evaluations (${r.engineRuns} engine runs, ${r.generations} generations, population ${r.population}, seed ${r.seed})`,
    `Objectives: ${objectives}${constraints ? `; constraints: ${constraints}` : ''}`,
    r.feasibleFound ? '' : 'No evaluated design met every constraint: the least-violating designs are listed.',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
  ].join('\n')
}
