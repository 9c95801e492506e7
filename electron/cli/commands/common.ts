import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { validateDesign } from '../../../shared/design/schema'
import type { Design, DesignIssue } from '../../../shared/design/types'
import type { DesignLibrary } from '../../db/library'
import { defaultDatabasePath } from '../../db/paths'
import { CliError, UsageError, classifyError, reportFailure, withWriteState, type ErrorCode } from '../errors'
import { EXIT_BAD_INPUT, type CliIo } from '../types'
import { readInputText } from '../input'

export { readInputText, type InputText } from '../input'

export { UsageError } from '../errors'

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

/** Largest design file `validate`, `simulate` and `db save` read, bytes (a design is ~5 kB). */
export const MAX_DESIGN_FILE_BYTES = 1024 * 1024

/**
 * Reads and validates a `.nanoforge.json` file. A missing file or broken JSON is reported
 * like a validation error (path `''`), with line and column for JSON syntax errors, so the
 * caller has one shape to print.
 */
export function readDesignFile(file: string): DesignFileResult {
  const read = readInputText(file, MAX_DESIGN_FILE_BYTES)
  if (!read.ok) return { valid: false, errors: [{ path: '', message: read.message }], warnings: [] }
  const text = read.text
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
 * How a command uses the library: `read` never writes (no metrics, no backup, no checkpoint);
 * `write` creates the library when there is none (`db save`, `db import`); `update` writes
 * to an existing library only (`measure add`, `db restore`): there is nothing to attach to or
 * restore in a library that does not exist, so none is created as a side effect.
 */
export type LibraryAccess = 'read' | 'write' | 'update'

/**
 * Opens the library named by `--db`, or the desktop app's (cli.md: "Without --db, the same
 * database file the desktop app uses").
 *
 * - `read` opens read-only: the command waits for no writer and changes nothing (no metrics
 *   columns, no daily backup, no WAL checkpoint). A library that does not exist is an error
 *   (`bad-input`), never an empty listing.
 * - A file that is not a NanoForge library is `bad-input` for every command.
 * - `write` creates the library when it does not exist; when it can only be opened read-only
 *   (damaged, newer, read-only location) stderr says why, and a write then fails as `io`.
 *
 * Why loaded on demand: the library pulls in the engine (for its listing metrics); commands
 * that never open it (`--help`, `validate`) start without it.
 */
export async function openLibraryForCli(dbOption: string | undefined, io: CliIo, access: LibraryAccess = 'write'): Promise<DesignLibrary> {
  const path = dbOption ?? defaultDatabasePath()
  if (access !== 'write' && !existsSync(path)) {
    throw new CliError('bad-input', 'no-library', dbOption !== undefined
      ? `There is no design library at ${path} (--db names a file that does not exist).`
      : `There is no design library at ${path} yet: nothing has been saved on this machine (or pass --db FILE).`)
  }
  const { openDesignLibrary } = await import('../../db/library')
  const library = openDesignLibrary({
    path, readonly: access === 'read', onWarning: (message) => io.stderr(`Warning: ${message}\n`),
  })
  const problem = library.problem
  const refuse = (code: ErrorCode, reason: string): never => {
    const message = library.readOnlyReason ?? `${path} cannot be opened.`
    library.close()
    throw new CliError(code, reason, message)
  }
  if (problem === 'not-a-library' || problem === 'foreign') refuse('bad-input', 'not-a-library')
  if (problem === 'missing') refuse('bad-input', 'no-library')
  if (access === 'read' && library.connection.memory && problem !== 'read-only-location') refuse('io', problem ?? 'unreadable')
  if (problem !== undefined && (access !== 'read' || problem !== 'read-only-location')) {
    io.stderr(`Note: the design library is read-only. ${library.readOnlyReason ?? ''}\n`)
  }
  return library
}

/**
 * Runs one command's body on an open library and always closes it. Every failure goes through
 * the CLI's one error mapper; for `write` access the message and the JSON say whether anything
 * was written (a failure after a commit says what is already in the library).
 */
export async function withLibrary(
  values: OptionValues, io: CliIo, access: LibraryAccess, body: (library: DesignLibrary) => number | Promise<number>,
): Promise<number> {
  const json = values.json === true
  let library: DesignLibrary
  try {
    library = await openLibraryForCli(stringOption(values, 'db'), io, access)
  } catch (error) {
    const failure = classifyError(error)
    return reportFailure(io, json, access !== 'read' ? withWriteState(failure, 0, undefined) : failure)
  }
  try {
    return await body(library)
  } catch (error) {
    const failure = classifyError(error)
    return reportFailure(io, json, access !== 'read' ? withWriteState(failure, library.writesCommitted, library.lastWrite) : failure)
  } finally {
    try {
      library.close()
    } catch (error) {
      io.stderr(`Warning: closing the library failed (${error instanceof Error ? error.message : String(error)}); everything committed is safe.\n`)
    }
  }
}

/**
 * Runs best-effort work after a commit (listing metrics, checkpoints): a failure becomes a
 * warning on stderr and in `warnings`, never a failed command, because the change is saved.
 */
export function afterCommit(io: CliIo, warnings: string[], what: string, work: () => void): void {
  try {
    work()
  } catch (error) {
    const message = `${what} failed after the change was saved (${error instanceof Error ? error.message : String(error)}); the change itself is in the library.`
    warnings.push(message)
    io.stderr(`Warning: ${message}\n`)
  }
}

/**
 * Reports a failure a command decided on: stderr always, and `{"error": {...}}` on stdout in
 * --json mode. `reason` is the fine reason (`not-found`, `invalid-csv`); the `code` follows
 * from the exit code (2: bad-input) or the reason (`busy`, `internal`; otherwise io).
 */
export function fail(io: CliIo, json: boolean, exitCode: number, reason: string, message: string, issues?: ReadonlyArray<DesignIssue>): number {
  const code: ErrorCode = exitCode === EXIT_BAD_INPUT ? 'bad-input' : reason === 'busy' ? 'busy' : reason === 'internal' ? 'internal' : 'io'
  return reportFailure(io, json, { code, reason, message, ...(issues !== undefined ? { issues } : {}) })
}
