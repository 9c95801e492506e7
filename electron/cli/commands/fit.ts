import { parseArgs } from 'node:util'
import { parseReleaseCsv, type ParsedReleaseCsv } from '../../../shared/engine/fit/csv'
import { fitModels, type FitResult } from '../../../shared/engine/fit/fit-models'
import { RELEASE_MODELS, listModels } from '../../../shared/engine/fit/models'
import { classifyError, reportFailure } from '../errors'
import { csvShapeProblem, readInputText } from '../input'
import { EXIT_OK, type CliIo, type CommandRun } from '../types'

// Helpers shared by `nanoforge fit` and `nanoforge compare` (compare.ts imports them from here).
// Why not commands/common.ts: that module opens the design database; these commands only read CSV.

/** A bad command line or input file: exit 2 with the message on stderr (cli.md). */
export class ReleaseInputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ReleaseInputError'
  }
}

/** Parses arguments strictly (unknown options are errors); throws ReleaseInputError. */
export function parseReleaseArgs(
  args: ReadonlyArray<string>,
  options: Readonly<Record<string, { readonly type: 'string' | 'boolean' }>>,
  positionalCount: { readonly min: number; readonly max: number },
  usage: string,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] }
  try {
    parsed = parseArgs({ args: [...args], options: { ...options }, allowPositionals: true, strict: true }) as typeof parsed
  } catch (error) {
    throw new ReleaseInputError(`${error instanceof Error ? error.message : String(error)}\nUsage: ${usage}`)
  }
  if (parsed.positionals.length < positionalCount.min) throw new ReleaseInputError(`Missing argument.\nUsage: ${usage}`)
  if (parsed.positionals.length > positionalCount.max) {
    throw new ReleaseInputError(`Unexpected argument '${parsed.positionals[positionalCount.max]}'.\nUsage: ${usage}`)
  }
  return parsed
}

/** Largest release CSV `fit` and `compare` read, bytes (the same bound as `measure add`). */
export const MAX_RELEASE_CSV_BYTES = 2 * 1024 * 1024

/** Reads and parses a release CSV; throws ReleaseInputError listing `FILE:LINE: message`. */
export function readReleaseCsvFile(file: string): ParsedReleaseCsv {
  const read = readInputText(file, MAX_RELEASE_CSV_BYTES)
  if (!read.ok) throw new ReleaseInputError(read.message)
  const shape = csvShapeProblem(read.text)
  if (shape !== undefined) throw new ReleaseInputError(`${file}: cannot read the release data\n  ${file}:${shape.line}: ${shape.message}`)
  const parsed = parseReleaseCsv(read.text)
  if (!parsed.ok) {
    throw new ReleaseInputError(`${file}: cannot read the release data\n${parsed.errors.map((e) => `  ${file}:${e.line}: ${e.message}`).join('\n')}`)
  }
  return parsed
}

/** Writes one JSON document on stdout (non-finite numbers become null). */
export function printJsonDocument(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`)
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
    printJsonDocument(io, { models })
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
  let json = args.includes('--json')
  try {
    const { values, positionals } = parseReleaseArgs(args, {
      json: { type: 'boolean' }, models: { type: 'string' }, 'list-models': { type: 'boolean' },
    }, { min: 0, max: 1 }, USAGE)
    json = values.json === true
    if (values['list-models'] === true) {
      printModelList(io, json)
      return EXIT_OK
    }
    const file = positionals[0]
    if (file === undefined) throw new ReleaseInputError(`Missing argument FILE.csv.\nUsage: ${USAGE}`)
    let models: string[] | undefined
    if (typeof values.models === 'string') {
      models = values.models.split(',').map((s) => s.trim()).filter((s) => s !== '')
      const known = new Set(RELEASE_MODELS.map((m) => m.id))
      const unknown = models.filter((m) => !known.has(m))
      if (unknown.length > 0) {
        throw new ReleaseInputError(`Unknown model(s): ${unknown.join(', ')}. Known: ${[...known].join(', ')} (see --list-models).`)
      }
      if (models.length === 0) throw new ReleaseInputError('--models needs at least one model id.')
    }
    const data = readReleaseCsvFile(file)
    for (const w of data.warnings) io.stderr(`${file}: warning: ${w}\n`)
    const result = fitModels(data, models ? { models } : {})
    if (result.models.length === 0) {
      throw new ReleaseInputError(`${file}: no model could be fitted: ${result.failed.map((f) => `${f.model}: ${f.error}`).join('; ')}`)
    }
    if (json) {
      printJsonDocument(io, {
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
  } catch (error) {
    return releaseCommandFailure(io, json, error, 'fit')
  }
}

/**
 * Ends a release command (`fit`, `compare`) that threw: bad input is exit 2 with the reasons
 * on stderr (and a JSON error document with --json), anything else exit 1 (cli.md).
 */
export function releaseCommandFailure(io: CliIo, json: boolean, error: unknown, command: string): number {
  const failure = classifyError(error)
  return reportFailure(io, json, failure.code === 'internal' ? { ...failure, message: `${command} failed: ${failure.message}` } : failure)
}

/** The command entry (same as runFit), for the CLI registry. */
export const run: CommandRun = runFit
