import { existsSync } from 'node:fs'
import type { DesignLibrary } from '../../db/library-core'
import { defaultDatabasePath } from '../../db/paths'
import { CliError, classifyError, reportFailure, withWriteState, type ErrorCode } from '../errors'
import type { CliIo } from '../types'
import { stringOption, type OptionValues } from './args'
import { messageOf } from '../../../shared/ipc/result'

/**
 * How a command uses the library: `read` never writes (no metrics, no backup, no checkpoint);
 * `write` creates the library when there is none (`db save`, `db import`); `update` writes
 * to an existing library only (`measure add`, `db restore`): there is nothing to attach to or
 * restore in a library that does not exist, so none is created as a side effect.
 */
export type LibraryAccess = 'read' | 'write' | 'update'

/** What a command needs from the library beyond access. */
export interface LibraryUse {
  /**
   * False when the command does not read the library's rows (`db backups` lists files
   * beside it): then a damaged, unreadable library still opens, so its backups can be listed
   * and restored. Default true: reading a file that cannot be read is an `io` error.
   */
  readonly needsContents?: boolean
}

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
export async function openLibraryForCli(
  dbOption: string | undefined, io: CliIo, access: LibraryAccess = 'write', options: LibraryUse = {},
): Promise<DesignLibrary> {
  const path = dbOption ?? defaultDatabasePath()
  if (access !== 'write' && !existsSync(path)) {
    throw new CliError('bad-input', 'no-library', dbOption !== undefined
      ? `There is no design library at ${path} (--db names a file that does not exist).`
      : `There is no design library at ${path} yet: nothing has been saved on this machine (or pass --db FILE).`)
  }
  // Reading needs neither the design code nor the engine (library-core); writing loads them.
  const { openDesignLibrary } = access === 'read' ? await import('../../db/library-core') : await import('../../db/library')
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
  if (access === 'read' && library.connection.memory && problem !== 'read-only-location' && options.needsContents !== false) {
    refuse('io', problem ?? 'unreadable')
  }
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
  use: LibraryUse = {},
): Promise<number> {
  const json = values.json === true
  let library: DesignLibrary
  try {
    library = await openLibraryForCli(stringOption(values, 'db'), io, access, use)
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
      io.stderr(`Warning: closing the library failed (${messageOf(error)}); everything committed is safe.\n`)
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
    const message = `${what} failed after the change was saved (${messageOf(error)}); the change itself is in the library.`
    warnings.push(message)
    io.stderr(`Warning: ${message}\n`)
  }
}
