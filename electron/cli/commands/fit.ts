import { parseReleaseCsv, type ParsedReleaseCsv } from '../../../shared/engine/fit/csv'
import { fitModels, type FitResult } from '../../../shared/engine/fit/fit-models'
import { RELEASE_MODELS, listModels } from '../../../shared/engine/fit/models'
import { CliError, UsageError } from '../errors'
import { csvShapeProblem, readInputText } from '../input'
import { EXIT_OK, type CliIo, type CommandRun } from '../types'
import { parseCommandArgs, printJson } from './args'

// `nanoforge fit`, and the release CSV reader and number format `nanoforge compare` shares.
// Arguments, JSON output and failures go through the same helpers as every command (args.ts,
// the one error mapper in main.ts).

/** Largest release CSV `fit` and `compare` read, bytes (the same bound as `measure add`). */
export const MAX_RELEASE_CSV_BYTES = 2 * 1024 * 1024

/** Reads and parses a release CSV; throws a `bad-input` {@link CliError} listing `FILE:LINE: message`. */
export function readReleaseCsvFile(file: string): ParsedReleaseCsv {
  const read = readInputText(file, MAX_RELEASE_CSV_BYTES)
  if (!read.ok) throw new CliError('bad-input', read.reason, read.message)
  const shape = csvShapeProblem(read.text)
  if (shape !== undefined) {
    throw new CliError('bad-input', 'invalid-csv', `${file}: cannot read the release data\n  ${file}:${shape.line}: ${shape.message}`,
      [{ path: `line ${shape.line}`, message: shape.message }])
  }
  const parsed = parseReleaseCsv(read.text)
  if (!parsed.ok) {
    throw new CliError('bad-input', 'invalid-csv', `${file}: cannot read the release data\n${parsed.errors.map((e) => `  ${file}:${e.line}: ${e.message}`).join('\n')}`,
      parsed.errors.map((e) => ({ path: `line ${e.line}`, message: e.message })))
  }
  return parsed
}

/** Formats a number for the human-readable tables. */
export function formatNumber(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '-'
  if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) return v.toExponential(digits - 1)
  return Number(v.toPrecision(digits)).toString()
}

const USAGE = 'nanoforge fit FILE.csv [--models LIST] [--list-models] [--json]'

function printModelList(io: CliIo, json: boolean): void {
  const models = listModels()
  if (json) {
    printJson(io, { models })
    return
  }
  const lines = ['Release models (F in % released, t in h):', '']
  for (const m of models) {
    lines.push(`  ${m.model}  (${m.name})`)
    lines.push(`      ${m.equation}`)
    lines.push(`      parameters: ${m.parameters.map((p) => `${p.name} [${p.unit}] in [${formatNumber(p.lower)}, ${formatNumber(p.upper)}]`).join(', ')}`)
    if (m.fittedOn !== 'all points') lines.push(`      fitted on ${m.fittedOn}`)
  }
  io.stdout(`${lines.join('\n')}\n`)
}

function printTable(io: CliIo, file: string, result: FitResult): void {
  const rows = result.models.map((m, i) => [
    String(i + 1), m.model, formatNumber(m.r2, 5), formatNumber(m.adjustedR2, 5), formatNumber(m.aic), formatNumber(m.aicc),
    formatNumber(m.msc), String(m.pointsUsed),
    Object.entries(m.parameters).map(([k, v]) => `${k}=${formatNumber(v)}`).join(' '),
  ])
  const head = ['#', 'model', 'R2', 'adj R2', 'AIC', 'AICc', 'MSC', 'n', 'parameters']
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] as string).length)))
  const fmt = (r: string[]): string => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] as number))).join('  ')
  const out = [
    `${file}: ${result.timesH.length} time points, ${result.replicateCount} replicate(s); models ranked by AIC (lower is better)`,
    '',
    fmt(head),
    ...rows.map(fmt),
    '',
    `best: ${result.best ?? '-'}`,
  ]
  for (const f of result.failed) out.push(`not fitted: ${f.model}: ${f.error}`)
  for (const n of result.notes) out.push(`note: ${n}`)
  io.stdout(`${out.join('\n')}\n`)
}

/**
 * `nanoforge fit FILE.csv [--models LIST] [--list-models] [--json]` (cli.md): fits the release
 * model library to measured data (header row; first column time, further columns replicates
 * of % released) and prints the models ranked by AIC with `best`. `--list-models` prints each
 * model's equation and parameters instead. Bad input exits 2 with reasons on stderr.
 */
export const runFit: CommandRun = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, {
    json: { type: 'boolean' }, models: { type: 'string' }, 'list-models': { type: 'boolean' },
  }, { min: 0, max: 1, usage: USAGE })
  const json = values.json === true
  if (values['list-models'] === true) {
    printModelList(io, json)
    return EXIT_OK
  }
  const file = positionals[0]
  if (file === undefined) throw new UsageError(`Missing argument FILE.csv.\nUsage: ${USAGE}`)
  let models: string[] | undefined
  if (typeof values.models === 'string') {
    models = values.models.split(',').map((s) => s.trim()).filter((s) => s !== '')
    const known = new Set(RELEASE_MODELS.map((m) => m.id))
    const unknown = models.filter((m) => !known.has(m))
    if (unknown.length > 0) {
      throw new UsageError(`Unknown model(s): ${unknown.join(', ')}. Known: ${[...known].join(', ')} (see --list-models).`)
    }
    if (models.length === 0) throw new UsageError('--models needs at least one model id.')
  }
  const data = readReleaseCsvFile(file)
  for (const w of data.warnings) io.stderr(`${file}: warning: ${w}\n`)
  const result = fitModels(data, models ? { models } : {})
  if (result.models.length === 0) {
    throw new CliError('bad-input', 'invalid-input', `${file}: no model could be fitted: ${result.failed.map((f) => `${f.model}: ${f.error}`).join('; ')}`)
  }
  if (json) {
    printJson(io, {
      models: result.models.map((m) => ({
        model: m.model, parameters: m.parameters, r2: m.r2, adjustedR2: m.adjustedR2, aic: m.aic, aicc: m.aicc,
        msc: m.msc, pointsUsed: m.pointsUsed, usedAllPoints: m.usedAllPoints, ssr: m.ssr, rmse: m.rmse,
        equation: m.equation, converged: m.converged, timesUsedH: m.timesUsedH, predictedPct: m.predictedPct,
      })),
      best: result.best,
      failed: result.failed,
      data: { timesH: result.timesH, meanPct: result.meanPct, sdPct: result.sdPct, replicates: result.replicateCount, timeUnitInFile: data.timeUnit },
      notes: result.notes,
      warnings: data.warnings,
    })
  } else {
    printTable(io, file, result)
  }
  return EXIT_OK
}

/** The command entry (same as runFit), for the CLI registry. */
export const run: CommandRun = runFit
