import { err, messageOf, ok, type Err, type Result } from '../../shared/ipc/result'
import {
  BackupError, BackupFailedError, BundleValidationError, DesignNotFoundError, InvalidInputError, LibraryBusyError, LibraryReadOnlyError,
  MeasurementLimitError, MeasurementNotFoundError, MeasurementValidationError, classifySystemError, ioWords,
} from '../db/errors'

/**
 * The one error mapper of the host side (Electron's IPC and the web host): any thrown value to
 * a typed `Err` the renderer can show and act on.
 *
 * Why one (issue 11 item 11): the services had three mappers covering different cases (a
 * measurement's read-only error, a bundle's issues, a busy import), so the same failure got
 * different codes on different channels, and a full disk became `internal`. The CLI's mapper
 * (electron/cli/errors.ts) reads the same typed errors and the same SQLite/errno table.
 */
export function hostErrorOf(error: unknown): Err {
  if (error instanceof LibraryReadOnlyError) return err('read-only', error.reason)
  if (error instanceof LibraryBusyError) return err('busy', error.message)
  if (error instanceof DesignNotFoundError || error instanceof MeasurementNotFoundError) return err('not-found', error.message)
  if (error instanceof BackupError) return err(error.code, error.message)
  if (error instanceof BundleValidationError || error instanceof InvalidInputError || error instanceof MeasurementValidationError) {
    return err('bad-request', error.message, error.issues.map((i) => ({ path: i.path, message: i.message })))
  }
  if (error instanceof MeasurementLimitError) return err('bad-request', error.message)
  const system = classifySystemError(error)
  if (system?.kind === 'busy') return err('busy', `Another NanoForge window or command is writing to this design library (${system.code}); nothing was changed. Try again in a moment.`)
  if (error instanceof BackupFailedError) return err('io', error.message)
  if (system !== undefined) return err('io', `${ioWords(system.reason)}: ${messageOf(error)}`)
  return err('internal', messageOf(error))
}

/**
 * Runs a handler's body and answers its value, or the mapped error ({@link hostErrorOf}).
 * Every service handler goes through this, so a handler called directly answers exactly what
 * the IPC pipeline would.
 */
export function attempt<T>(body: () => T): Result<T> {
  try {
    return ok(body())
  } catch (error) {
    return hostErrorOf(error)
  }
}
