import { UsageError, checkDesignDocument, fail, parseCommandArgs, positiveIntOption, printJson, readJsonFile, seedOption, stringOption } from './common'
import type { Design, DesignIssue } from '../../../shared/design/types'
import { defaultKnobs, type Knob } from '../../../shared/analysis/knobs'
import { DEFAULT_SAMPLES, designSensitivity, type DesignSensitivityResult, type IndexRow, type SensitivityMethod } from '../../../shared/analysis/design-sensitivity'
import { parseGoal, GOAL_FORMAT } from '../../../shared/analysis/goal'
import { parameterSensitivityPooled, uncertainParameterPaths, type ParameterSensitivityResult } from '../../../shared/analysis/parameter-sensitivity'
import { METRIC_IDS, getMetric, isMetricId, type MetricId } from '../../../shared/metrics/registry'
import { EXIT_BAD_INPUT, EXIT_OK, type CommandRun } from '../types'
import { POOL_MIN_EVALUATIONS, hoursOption, workersOption } from './optimize'
import { createDesignPool } from './design-pool'
import { withinStudySentence } from '../../../shared/engine/validation/measured-accuracy'

const USAGE = 'nanoforge sensitivity FILE [--method local|morris|sobol] [--over design|parameters] [--samples N] [--seed S] [--metrics LIST] [--hours H] [--workers W] [--json]'
const METHODS: ReadonlyArray<SensitivityMethod> = ['local', 'morris', 'sobol']
/** Upper bound on --samples: a typo guard (Sobol with 8 knobs and N = 100,000 is a million runs). */
const MAX_SAMPLES = 100_000

/**
 * The design and knobs to analyse: a goal file gives its base and `vary`; a design file its own
 * numeric knobs at x/2 to 2x. The file is read once (it used to be read three times).
 */
function readSubject(file: string): { ok: true; base: Design; knobs: Knob[]; source: 'goal' | 'design' } | { ok: false; issues: DesignIssue[] } {
  const read = readJsonFile(file)
  if (!read.ok) return read
  const doc = read.json
  if (typeof doc === 'object' && doc !== null && (doc as { format?: unknown }).format === GOAL_FORMAT) {
    const parsed = parseGoal(doc)
    return parsed.ok ? { ok: true, base: parsed.goal.base, knobs: [...parsed.goal.knobs], source: 'goal' } : { ok: false, issues: parsed.errors }
  }
  const checked = checkDesignDocument(doc)
  if (!checked.valid) return { ok: false, issues: checked.errors }
  return { ok: true, base: checked.design, knobs: defaultKnobs(checked.design), source: 'design' }
}

/**
 * `nanoforge sensitivity FILE`: which knob moves which metric (issue 13). FILE is a design
 * (its numeric knobs, each over x/2 to 2x, log-uniform) or a goal file (its base and `vary`
 * ranges). `--method local` (default) gives ∂ln y/∂ln x at the design; `morris` μ* and σ;
 * `sobol` first-order and total indices with bootstrap 95 % intervals. `--over parameters`
 * asks the same of the engine's uncertain parameters for that design instead of its knobs.
 */
export const runSensitivity: CommandRun = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, {
    json: { type: 'boolean' }, method: { type: 'string' }, over: { type: 'string' }, samples: { type: 'string' },
    seed: { type: 'string' }, metrics: { type: 'string' }, hours: { type: 'string' }, workers: { type: 'string' },
  }, { min: 1, max: 1, usage: USAGE })
  const json = values.json === true
  const method = (stringOption(values, 'method') ?? 'local') as SensitivityMethod
  if (!METHODS.includes(method)) throw new UsageError(`--method must be one of ${METHODS.join(', ')}, got '${String(method)}'.`)
  const over = stringOption(values, 'over') ?? 'design'
  if (over !== 'design' && over !== 'parameters') throw new UsageError(`--over must be design or parameters, got '${over}'.`)
  const samples = positiveIntOption(values, 'samples', 2)
  if (samples !== undefined && samples > MAX_SAMPLES) throw new UsageError(`--samples must be at most ${MAX_SAMPLES}, got ${samples}.`)
  const seed = seedOption(values)
  const hours = hoursOption(values)
  const workers = workersOption(values)
  const metricsText = stringOption(values, 'metrics')
  let metrics: MetricId[] = [...METRIC_IDS]
  if (metricsText !== undefined) {
    const asked = metricsText.split(',').map((m) => m.trim()).filter((m) => m !== '')
    const unknown = asked.filter((m) => !isMetricId(m))
    if (unknown.length > 0 || asked.length === 0) throw new UsageError(`--metrics: unknown metric(s) ${unknown.join(', ') || '(none given)'}; the metrics are ${METRIC_IDS.join(', ')}.`)
    metrics = asked as MetricId[]
  }
  const file = positionals[0]!
  const subject = readSubject(file)
  if (!subject.ok) return fail(io, json, EXIT_BAD_INPUT, 'invalid-input', `${file}: ${subject.issues.length} problem(s)`, subject.issues)
  // progress on stderr for long runs (stdout stays the result)
  let lastTenth = -1
  const onProgress = (done: number, total: number): void => {
    const tenth = Math.floor((10 * done) / total)
    if (tenth !== lastTenth && total > 200) { lastTenth = tenth; io.stderr(`sensitivity: ${done}/${total} evaluations\n`) }
  }
  if (over === 'parameters') {
    // the same pool as the design knobs: each point is one engine run of this design with
    // its multipliers, chunked over the workers (k = 62 parameters: Morris r·(k + 1), Sobol N·(k + 2))
    const k = uncertainParameterPaths().length
    const expected = method === 'local' ? 2 * k + 1 : method === 'morris' ? (samples ?? DEFAULT_SAMPLES.morris) * (k + 1) : (samples ?? DEFAULT_SAMPLES.sobol) * (k + 2)
    const pool = createDesignPool(expected >= POOL_MIN_EVALUATIONS ? workers : 1)
    let result: ParameterSensitivityResult
    try {
      result = await parameterSensitivityPooled(subject.base, {
        method, seed, hours, metrics, evaluate: pool.parameters, onProgress, ...(samples !== undefined ? { samples } : {}),
      })
    } finally {
      await pool.close()
    }
    if (json) {
      printJson(io, result)
      return EXIT_OK
    }
    if (result.failedEvaluations > 0) io.stderr(`warning: ${result.failedEvaluations} of ${result.evaluations} points gave no valid result and were left out\n`)
    io.stdout(formatResult(result))
    return EXIT_OK
  }
  if (subject.knobs.length === 0) {
    io.stderr(`${file}: the design has no numeric knob with a positive value to vary; give a goal file with "vary" ranges.\n`)
    return EXIT_BAD_INPUT
  }
  // threads only when the run is long enough to repay starting them (local: 2k + 1 runs)
  const expected = method === 'local' ? 0 : method === 'morris' ? (samples ?? DEFAULT_SAMPLES.morris) * (subject.knobs.length + 1) : (samples ?? DEFAULT_SAMPLES.sobol) * (subject.knobs.length + 2)
  const pool = createDesignPool(expected >= POOL_MIN_EVALUATIONS ? workers : 1)
  let result: DesignSensitivityResult
  try {
    result = await designSensitivity(subject.base, subject.knobs, {
      method, seed, hours, metrics, evaluate: pool.evaluate, onProgress, ...(samples !== undefined ? { samples } : {}),
    })
  } finally {
    await pool.close()
  }
  if (json) {
    printJson(io, result)
    return EXIT_OK
  }
  if (result.failedEvaluations > 0) io.stderr(`warning: ${result.failedEvaluations} of ${result.evaluations} points gave no valid result and were left out\n`)
  io.stdout(formatResult(result))
  // a knob the engine is flat to may still matter: how far its differences were checked
  io.stdout(`\n${withinStudySentence()}\n`)
  return EXIT_OK
}

/** The importance measure each method ranks by. */
function importance(row: IndexRow): number {
  if ('coefficient' in row) return row.coefficient === null ? -1 : Math.abs(row.coefficient)
  if ('muStar' in row) return Number.isFinite(row.muStar) ? row.muStar : -1
  return Number.isFinite(row.total) ? row.total : -1
}

function num(v: number | null): string {
  return v === null || !Number.isFinite(v) ? '—' : Number(v.toPrecision(3)).toString()
}

function formatRow(row: IndexRow): string {
  if ('coefficient' in row) return `∂ln y/∂ln x ${num(row.coefficient)}`
  if ('muStar' in row) return `μ* ${num(row.muStar)}  σ ${num(row.sigma)}`
  return `S ${num(row.first)} [${num(row.firstCi95[0])}, ${num(row.firstCi95[1])}]  ST ${num(row.total)} [${num(row.totalCi95[0])}, ${num(row.totalCi95[1])}]`
}

function formatResult(r: DesignSensitivityResult | ParameterSensitivityResult): string {
  const lines = [
    `Sensitivity (${r.method}, over ${r.over}): ${r.evaluations} evaluations, seed ${r.seed}, horizon ${r.hours} h`,
    r.over === 'design' ? 'Knobs:' : `Parameters: ${r.knobs.length} multipliers, each lognormal (median 1, CV ${r.knobs[0]?.cv}) truncated to ${num(r.knobs[0]?.min ?? null)}-${num(r.knobs[0]?.max ?? null)}`,
    ...(r.over === 'design' ? r.knobs.map((k) => (k.kind === 'categorical'
      ? `  ${k.path}: ${k.options.join(' | ')} (at ${k.value})`
      : `  ${k.path}: ${num(k.min)} to ${num(k.max)}${k.unit ? ` ${k.unit}` : ''}, ${k.scale} (at ${num(k.value)})`)) : []),
    '',
  ]
  const width = Math.max(...r.knobs.map((k) => k.path.length))
  for (const m of r.metrics) {
    const def = getMetric(m)
    lines.push(`${def.label}${def.unit ? ` (${def.unit})` : ''}, most influential first:`)
    const sorted = [...(r.indices[m] ?? [])].sort((a, b) => importance(b) - importance(a))
    // 62 parameters: the ten that matter most say it
    const rows = r.over === 'parameters' ? sorted.slice(0, 10) : sorted
    for (const row of rows) lines.push(`  ${row.knob.padEnd(width)}  ${formatRow(row)}`)
    lines.push('')
  }
  lines.push(...r.notes, '')
  return lines.join('\n')
}
