import { parseArgs } from 'node:util'
import type { DesignIssue } from '../../../shared/design/types'
import { UsageError, reportFailure, type ErrorCode } from '../errors'
import { EXIT_BAD_INPUT, type CliIo } from '../types'
import { messageOf } from '../../../shared/ipc/result'

// Argument and output helpers of the CLI commands. Why a module of their own: every command
// uses them, and they load nothing heavy (no schema, no library, no engine).

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
    throw new UsageError(`${messageOf(error)}\nUsage: ${positionals.usage}`)
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

/**
 * A whole-number option within `min`..`max` (digits only: `0x10`, `1e3` and `-1` are refused);
 * undefined when absent; {@link UsageError} otherwise.
 */
export function intOption(values: OptionValues, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const text = stringOption(values, name)
  if (text === undefined) return undefined
  const n = Number(text)
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(max === Number.MAX_SAFE_INTEGER
      ? `--${name} must be a whole number of at least ${min}, got '${text}'.`
      : `--${name} must be a whole number from ${min} to ${max}, got '${text}'.`)
  }
  return n
}

/** A positive whole-number option (`--version 3`, `--limit 20`); {@link UsageError} otherwise. */
export function positiveIntOption(values: OptionValues, name: string, min = 1): number | undefined {
  return intOption(values, name, min)
}

/** Largest seed: the generators take 32-bit seeds. */
export const MAX_SEED = 0xffffffff

/** The `--seed` option: a whole number from 0 to {@link MAX_SEED} (`fallback` when absent). */
export function seedOption(values: OptionValues, fallback = 1): number {
  return intOption(values, 'seed', 0, MAX_SEED) ?? fallback
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
 * Reports a failure a command decided on: stderr always, and `{"error": {...}}` on stdout in
 * --json mode. `reason` is the fine reason (`not-found`, `invalid-csv`); the `code` follows
 * from the exit code (2: bad-input) or the reason (`busy`, `internal`; otherwise io).
 */
export function fail(io: CliIo, json: boolean, exitCode: number, reason: string, message: string, issues?: ReadonlyArray<DesignIssue>): number {
  const code: ErrorCode = exitCode === EXIT_BAD_INPUT ? 'bad-input' : reason === 'busy' ? 'busy' : reason === 'internal' ? 'internal' : 'io'
  return reportFailure(io, json, { code, reason, message, ...(issues !== undefined ? { issues } : {}) })
}

/**
 * A plain decimal number: optional sign, digits with an optional decimal point or comma, an
 * optional exponent. Why not `Number(text)`: it also reads `0x10` (16), `0b11`, `Infinity`
 * and `  ` (0), so `--zeta=0x10` became 16 mV.
 */
const DECIMAL = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/

/** Reads a number option, refusing text that is not a plain finite decimal number. */
export function numberOption(values: OptionValues, name: string): number | undefined {
  const text = stringOption(values, name)
  if (text === undefined) return undefined
  const trimmed = text.trim()
  const n = DECIMAL.test(trimmed) ? Number(trimmed.replace(',', '.')) : Number.NaN
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a decimal number (like 12.5 or -18), got '${text}'.`)
  return n
}
