import { classifyLibraryError } from '../db/errors'
import { messageOf } from '../../shared/ipc/result'
import { clip } from './input'
import { EXIT_BAD_INPUT, EXIT_FAILURE, type CliIo } from './types'

/** Most issues one failure prints (a file with 10^5 bad rows must not flood the terminal). */
const MAX_ISSUES_SHOWN = 100

/**
 * The kinds of failure a script can act on (cli.md, "Errors"):
 * - `bad-input`: the command line or an input file is wrong; fix it, do not retry (exit 2);
 * - `busy`: another NanoForge process holds the library's write lock; retry later (exit 1);
 * - `io`: the disk or the file system refused (full, read-only, damaged, permissions) (exit 1);
 * - `internal`: a bug; the message says what failed (exit 1);
 * - `not-converged`: `calibrate` refused a posterior whose chains did not converge; the issues
 *   say why (run longer: more `--samples`) (exit 1).
 */
export type ErrorCode = 'busy' | 'bad-input' | 'io' | 'internal' | 'not-converged'

/** One issue of a bad input, with where it is (`core.diameterNm`, `line 4`). */
export interface FailureIssue {
  readonly path: string
  readonly message: string
}

/** A failure as the CLI reports it: one JSON document under --json, one message on stderr. */
export interface CliFailure {
  readonly code: ErrorCode
  /** The finer reason (`not-found`, `invalid-csv`, `disk-full`…), stable for scripts. */
  readonly reason: string
  readonly message: string
  readonly issues?: ReadonlyArray<FailureIssue>
  /**
   * For commands that write: false when nothing was written (safe to retry once the cause is
   * fixed), true when the change was committed before the failure (do not retry).
   */
  readonly written?: boolean
}

/**
 * A failure a command decides on itself (a design id that is not in the library, a file that
 * already exists); thrown, or returned through {@link reportFailure}.
 */
export class CliError extends Error {
  readonly code: ErrorCode
  readonly reason: string
  readonly issues: ReadonlyArray<FailureIssue> | undefined
  constructor(code: ErrorCode, reason: string, message: string, issues?: ReadonlyArray<FailureIssue>) {
    super(message)
    this.name = 'CliError'
    this.code = code
    this.reason = reason
    this.issues = issues
  }
}

/**
 * A user mistake on the command line (unknown option, missing argument, bad file).
 *
 * Why a type: the error mapper turns it into `bad-input`, exit code 2, with the message on
 * stderr (cli.md), while every other exception is exit 1.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

/** The exit code of a failure kind (cli.md: 2 bad input, 1 anything else). */
export function exitCodeOf(code: ErrorCode): number {
  return code === 'bad-input' ? EXIT_BAD_INPUT : EXIT_FAILURE
}

/**
 * The one error mapper of the CLI: any thrown value to a {@link CliFailure}.
 *
 * Why one: busy, disk full, bad input and crashes must all come out as the same JSON shape
 * with the documented exit code, whichever command and whichever layer (SQLite, the file
 * system, the library's typed errors, a command's own checks) they come from. The library's
 * errors are classified by {@link classifyLibraryError}, the table the host's mapper
 * (electron/services/errors.ts) reads too; this function only words its kinds for the CLI.
 */
export function classifyError(error: unknown): CliFailure {
  if (error instanceof CliError) {
    return { code: error.code, reason: error.reason, message: error.message, ...(error.issues !== undefined ? { issues: error.issues } : {}) }
  }
  if (error instanceof UsageError) return { code: 'bad-input', reason: 'usage', message: messageOf(error) }
  // The library's errors and SQLite's/the file system's codes: the one table shared with the host (electron/db/errors.ts).
  const c = classifyLibraryError(error)
  switch (c.kind) {
    case 'read-only':
      return { code: 'io', reason: 'read-only', message: c.message }
    case 'busy':
      return { code: 'busy', reason: 'busy', message: c.message }
    case 'not-found':
      return { code: 'bad-input', reason: 'not-found', message: c.message }
    case 'bad-input':
      // A measurement's problems are printed one per line under the message, so the message does not repeat them.
      return {
        code: 'bad-input', reason: c.reason, message: c.reason === 'invalid-measurement' ? 'The measurement is not valid.' : c.message,
        ...(c.issues !== undefined ? { issues: c.issues } : {}),
      }
    case 'io':
      return { code: 'io', reason: c.reason, message: c.message }
    case 'internal': {
      const where = error instanceof Error && error.stack !== undefined ? ` (${error.stack.split('\n')[1]?.trim() ?? ''})` : ''
      return { code: 'internal', reason: 'internal', message: `Internal error: ${c.message}${where}` }
    }
  }
}

/**
 * Adds the write state to a failure of a command that writes: "nothing was written" when no
 * transaction committed, otherwise what was written, so a script never retries a change that
 * is already in the library.
 */
export function withWriteState(failure: CliFailure, writesCommitted: number, lastWrite: string | undefined): CliFailure {
  if (writesCommitted === 0) {
    return /nothing (was|has been) (written|saved|changed|imported)/i.test(failure.message)
      ? { ...failure, written: false }
      : { ...failure, message: `${failure.message.replace(/\.?\s*$/, '')}. Nothing was written.`, written: false }
  }
  return {
    ...failure,
    message: `${lastWrite ?? 'The change'} WAS written before this failure; do not repeat the command. ${failure.message}`,
    written: true,
  }
}

/**
 * Prints a failure: the message (and issues) on stderr, and under --json exactly one
 * `{"error": {...}}` document on stdout. Returns the exit code.
 */
export function reportFailure(io: CliIo, json: boolean, raw: CliFailure): number {
  // Messages quote the user's input; a 10 MB cell must not be echoed whole (issue 11 item 6).
  const failure: CliFailure = {
    ...raw,
    message: clip(raw.message, 2000),
    ...(raw.issues !== undefined ? { issues: raw.issues.slice(0, MAX_ISSUES_SHOWN).map((i) => ({ path: clip(i.path, 200), message: clip(i.message) })) } : {}),
  }
  const issues = failure.issues ?? []
  const lines = issues.map((i) => `  ${i.path === '' ? '(file)' : i.path}: ${i.message}`)
  if ((raw.issues?.length ?? 0) > issues.length) lines.push(`  … and ${(raw.issues?.length ?? 0) - issues.length} more`)
  io.stderr(`${failure.message}\n${lines.length > 0 ? `${lines.join('\n')}\n` : ''}`)
  if (json) {
    io.stdout(`${JSON.stringify({
      error: {
        code: failure.code, reason: failure.reason, message: failure.message,
        ...(failure.issues !== undefined ? { issues: failure.issues } : {}),
        ...(failure.written !== undefined ? { written: failure.written } : {}),
      },
    }, null, 2)}\n`)
  }
  return exitCodeOf(failure.code)
}
