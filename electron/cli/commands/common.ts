import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { validateDesign } from '../../../shared/design/schema'
import type { Design, DesignIssue } from '../../../shared/design/types'
import { openDesignLibrary, type DesignLibrary } from '../../db/library'
import { defaultDatabasePath } from '../../db/paths'
import type { CliIo } from '../types'

/**
 * A user mistake on the command line (unknown option, missing argument, bad file).
 *
 * Why a type: `main` turns it into exit code 2 with the message on stderr (cli.md), while
 * every other exception is exit 1.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

/** Parsed options: `--flag` gives true, `--name value` gives the string. */
export type OptionValues = Readonly<Record<string, string | boolean | undefined>>

/**
 * Parses a sub-command's arguments strictly (unknown options are errors, as a typo must not
 * be silently ignored) and reports problems as {@link UsageError}.
 */
export function parseCommandArgs(
  args: ReadonlyArray<string>,
  options: Readonly<Record<string, { readonly type: 'string' | 'boolean' }>>,
  positionals: { readonly min: number; readonly max: number; readonly usage: string },
): { values: OptionValues; positionals: string[] } {
  let parsed: { values: OptionValues; positionals: string[] }
  try {
    parsed = parseArgs({ args: [...args], options: { ...options }, allowPositionals: true, strict: true }) as typeof parsed
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\nUsage: ${positionals.usage}`)
  }
  if (parsed.positionals.length < positionals.min) throw new UsageError(`Missing argument.\nUsage: ${positionals.usage}`)
  if (parsed.positionals.length > positionals.max) {
    throw new UsageError(`Unexpected argument '${parsed.positionals[positionals.max]}'.\nUsage: ${positionals.usage}`)
  }
  return parsed
}

/** A string option's value, or undefined when absent. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value : undefined
}

/** A positive whole-number option (`--version 3`, `--limit 20`); {@link UsageError} otherwise. */
export function positiveIntOption(values: OptionValues, name: string, min = 1): number | undefined {
  const text = stringOption(values, name)
  if (text === undefined) return undefined
  const n = Number(text)
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`--${name} must be a whole number of at least ${min}, got '${text}'.`)
  }
  return n
}

/** What reading a design file found: the checked design, or every problem with a path. */
export type DesignFileResult =
  | { readonly valid: true; readonly design: Design; readonly warnings: DesignIssue[] }
  | { readonly valid: false; readonly errors: DesignIssue[]; readonly warnings: DesignIssue[] }

/**
 * Reads and validates a `.nanoforge.json` file. A missing file or broken JSON is reported
 * like a validation error (path `''`), with line and column for JSON syntax errors, so the
 * caller has one shape to print.
 */
export function readDesignFile(file: string): DesignFileResult {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : error instanceof Error ? error.message : String(error)
    return { valid: false, errors: [{ path: '', message: `Cannot read ${file}: ${why}.` }], warnings: [] }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return { valid: false, errors: [{ path: '', message: describeJsonError(text, error) }], warnings: [] }
  }
  const checked = validateDesign(json)
  return checked.valid
    ? { valid: true, design: checked.design, warnings: [...checked.warnings] }
    : { valid: false, errors: [...checked.errors], warnings: [...checked.warnings] }
}

/** "not valid JSON at line L, column C: <parser message>". */
function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const lineCol = /line (\d+) column (\d+)/.exec(message)
  let line: number
  let column: number
  if (lineCol !== null) {
    line = Number(lineCol[1])
    column = Number(lineCol[2])
  } else {
    const position = /position (\d+)/.exec(message)
    const offset = position !== null ? Number(position[1]) : text.length
    const before = text.slice(0, offset).split('\n')
    line = before.length
    column = before[before.length - 1]!.length + 1
  }
  const detail = message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '')
  return `not valid JSON at line ${line}, column ${column}: ${detail}`
}

/** Formats issues one per line for stderr: `  core.diameterNm: must be ...`. */
export function formatIssues(issues: ReadonlyArray<DesignIssue>): string {
  return issues.map((i) => `  ${i.path === '' ? '(file)' : i.path}: ${i.message}`).join('\n')
}

/** Writes one JSON document (and a newline) to stdout. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`)
}

/**
 * Opens the library named by `--db`, or the desktop app's (cli.md: "Without --db, the same
 * database file the desktop app uses"), and tells stderr when it is read-only.
 */
export function openLibraryForCli(dbOption: string | undefined, io: CliIo): DesignLibrary {
  const library = openDesignLibrary({ path: dbOption ?? defaultDatabasePath() })
  if (library.readOnly) io.stderr(`Note: the design library is read-only. ${library.readOnlyReason ?? ''}\n`)
  return library
}

/** Reports a failure as `{"error": {...}}` on stdout in --json mode and always on stderr. */
export function fail(io: CliIo, json: boolean, exitCode: number, code: string, message: string, issues?: ReadonlyArray<DesignIssue>): number {
  io.stderr(`${message}\n${issues !== undefined && issues.length > 0 ? `${formatIssues(issues)}\n` : ''}`)
  if (json) printJson(io, { error: { code, message, ...(issues !== undefined ? { issues } : {}) } })
  return exitCode
}
