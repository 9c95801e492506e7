import { err, ok, type Err, type Result } from '../../shared/ipc/result'
import { busyWords, classifyLibraryError } from '../db/errors'

/**
 * The one error mapper of the host side (Electron's IPC and the web host): any thrown value to
 * a typed `Err` the renderer can show and act on.
 *
 * Why one (issue 11 item 11): the services had three mappers covering different cases (a
 * measurement's read-only error, a bundle's issues, a busy import), so the same failure got
 * different codes on different channels, and a full disk became `internal`. The kind of an
 * error comes from {@link classifyLibraryError} (electron/db/errors.ts), the one table the CLI's
 * mapper (electron/cli/errors.ts) reads too (issue #11); this function only words its kinds as
 * IPC codes.
 */
export function hostErrorOf(error: unknown): Err {
  const c = classifyLibraryError(error)
  switch (c.kind) {
    case 'read-only':
      return err('read-only', c.reason)
    case 'busy':
      return err('busy', c.code === undefined ? c.message : `${busyWords(c.code)}; nothing was changed. Try again in a moment.`)
    case 'not-found':
      return err('not-found', c.message)
    case 'bad-input':
      return err('bad-request', c.message, c.issues?.map((i) => ({ path: i.path, message: i.message })))
    case 'io':
      return err('io', c.message)
    case 'internal':
      return err('internal', c.message)
  }
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
