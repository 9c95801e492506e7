import { messageOf } from '../../shared/ipc/result'

/**
 * The typed errors of the design library, in one light module (no engine, no schemas) so the
 * CLI's error mapper can recognise them without loading what threw them.
 *
 * Why types: services map them to IPC codes and the CLI to `busy | bad-input | io | internal`
 * with a message that says whether anything was written, instead of leaking SQLite's text.
 */
/**
 * Thrown by every write on a library that opened read-only.
 *
 * Why a type: services map it to `err('read-only', reason)` and the CLI to a clear message,
 * instead of leaking SQLite's "attempt to write a readonly database".
 */
export class LibraryReadOnlyError extends Error {
  /** Same words as {@link DesignLibrary.readOnlyReason}. */
  readonly reason: string
  constructor(reason: string) {
    super(`The design library is read-only: ${reason}`)
    this.name = 'LibraryReadOnlyError'
    this.reason = reason
  }
}

/**
 * Thrown when another process kept the library's write lock longer than the busy timeout.
 *
 * Why a type: two app instances (or the app and the CLI) on one file must never corrupt it;
 * the second one waits, and if it still cannot write it says so and nothing is half-written.
 */
export class LibraryBusyError extends Error {
  constructor() {
    super('Another NanoForge window or command is writing to this design library; nothing was changed. Try again in a moment.')
    this.name = 'LibraryBusyError'
  }
}

/**
 * Thrown when a save names a design that does not exist.
 *
 * Why a type: the services answer `not-found` rather than `internal`.
 */
export class DesignNotFoundError extends Error {
  readonly designId: string
  constructor(designId: string, message = `No design with id ${designId} in the library.`) {
    super(message)
    this.name = 'DesignNotFoundError'
    this.designId = designId
  }
}

/** Thrown when a backup id is unknown or the file cannot serve as a backup. Why: `not-found`/`bad-request` instead of `internal`. */
export class BackupError extends Error {
  readonly code: 'not-found' | 'bad-request'
  constructor(code: 'not-found' | 'bad-request', message: string) {
    super(message)
    this.name = 'BackupError'
    this.code = code
  }
}

/**
 * Thrown when a measurement fails its schema (per kind), with every problem and its path.
 *
 * Why a type: the services answer `bad-request` with the issues, the CLI prints each path.
 */
export class MeasurementValidationError extends Error {
  readonly issues: ReadonlyArray<{ readonly path: string; readonly message: string }>
  constructor(issues: ReadonlyArray<{ readonly path: string; readonly message: string }>) {
    super(`The measurement is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`)
    this.name = 'MeasurementValidationError'
    this.issues = issues
  }
}

/**
 * Thrown when a measurement, or the design version it should attach to, does not exist.
 *
 * Why a type: the services answer `not-found` rather than `internal`.
 */
export class MeasurementNotFoundError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MeasurementNotFoundError'
  }
}

/**
 * Thrown when a version already holds {@link MAX_MEASUREMENTS_PER_VERSION} live measurements.
 *
 * Why: keeps every list bounded; the user can move old ones to the trash.
 */
export class MeasurementLimitError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MeasurementLimitError'
  }
}

/**
 * Thrown when a backup could not be written or verified. Nothing under a backup name was
 * left behind. Why a type: callers tell "the backup failed" (a warning, or a reason not to
 * start an import) from other errors; `cause` keeps SQLite's or the file system's code
 * (SQLITE_FULL, ENOSPC) for the error mapper.
 */
export class BackupFailedError extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause })
    this.name = 'BackupFailedError'
  }
}

/** Thrown by `importBundle` when the bundle is not valid; nothing was written. */
export class BundleValidationError extends Error {
  readonly issues: ReadonlyArray<{ readonly path: string; readonly message: string }>
  constructor(issues: ReadonlyArray<{ readonly path: string; readonly message: string }>, total: number) {
    const first = issues[0]
    super(`The bundle is not valid (${total} ${total === 1 ? 'problem' : 'problems'}; first: ${first?.path === '' ? '' : `${first?.path}: `}${first?.message}). Nothing was imported.`)
    this.name = 'BundleValidationError'
    this.issues = issues
  }
}

/**
 * Thrown by the library when a text or value given to a write breaks the input rules (a tag or
 * name that is empty or too long, a note with a control character), with each problem at the
 * field's name; nothing was written.
 *
 * Why a type: every entry point (IPC, web host, CLI) answers it as bad input with the same
 * issues, and the library refuses such text even from a caller that skipped the schemas.
 */
export class InvalidInputError extends Error {
  readonly issues: ReadonlyArray<{ readonly path: string; readonly message: string }>
  constructor(issues: ReadonlyArray<{ readonly path: string; readonly message: string }>) {
    super(`${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}. Nothing was written.`)
    this.name = 'InvalidInputError'
    this.issues = issues
  }
}

/** SQLite result codes (better-sqlite3's `error.code`) that mean the disk or file system refused. */
const SQLITE_IO = /^SQLITE_(FULL|IOERR|CANTOPEN|READONLY|PERM|CORRUPT|NOTADB|NOLFS|AUTH)/
/** Node errno codes that mean the same. */
const ERRNO_IO = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EROFS', 'EACCES', 'EPERM', 'EMFILE', 'ENFILE', 'EBUSY', 'ETXTBSY', 'EFBIG', 'ENOENT', 'ENOTDIR', 'EISDIR', 'EEXIST', 'EXDEV', 'ENAMETOOLONG'])

/** The `code` of an error or of one of its causes (SQLite's or the file system's). */
function systemCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && (code.startsWith('SQLITE_') || /^E[A-Z]+$/.test(code))) return code
  }
  return undefined
}

/** What a SQLite or file-system error means for the user, from {@link classifySystemError}. */
export interface SystemErrorKind {
  /** `busy`: another process holds the write lock; `io`: the disk or file system refused. */
  readonly kind: 'busy' | 'io'
  /** `busy`, `disk-full`, `read-only`, `permission-denied`, `damaged` or `io`. */
  readonly reason: string
  /** The SQLite or errno code found (on the error or one of its causes). */
  readonly code: string
}

/**
 * Classifies an error by its SQLite or errno code (on it or a cause): a lock held by another
 * process, or a disk or file system that refused, and the reason a user can act on; undefined
 * for anything else.
 *
 * Why here: the CLI's error mapper and the host's (IPC and web host) must call a full disk a
 * full disk and a lock a lock alike, from one table of codes.
 */
export function classifySystemError(error: unknown): SystemErrorKind | undefined {
  const code = systemCode(error)
  if (code === undefined) return undefined
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return { kind: 'busy', reason: 'busy', code }
  if (!SQLITE_IO.test(code) && !ERRNO_IO.has(code)) return undefined
  const reason = code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG' ? 'disk-full'
    : code.startsWith('SQLITE_READONLY') || code === 'EROFS' ? 'read-only'
      : code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_PERM' ? 'permission-denied'
        : code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' ? 'damaged' : 'io'
  return { kind: 'io', reason, code }
}

/** Words for an I/O reason, opening a message: "The disk is full", … */
export function ioWords(reason: string): string {
  return reason === 'disk-full' ? 'The disk is full' : reason === 'read-only' ? 'The location is read-only' : 'The file system refused'
}

/** One problem of a bad input, at its path. */
export interface ErrorIssue {
  readonly path: string
  readonly message: string
}

/**
 * What a thrown value means, in the words both error mappers share (issue #11): the CLI's
 * (electron/cli/errors.ts, `classifyError`) and the host's (electron/services/errors.ts,
 * `hostErrorOf`, for IPC and the web host) each translate a kind to their own codes.
 * - `read-only`: the library opened read-only ({@link LibraryReadOnlyError}); `reason` its words;
 * - `busy`: another process holds the write lock; `code` the SQLite code when SQLite said so
 *   (undefined for {@link LibraryBusyError}, whose message already says it);
 * - `not-found`: a design, measurement or backup that is not there;
 * - `bad-input`: the input breaks a rule; `reason` the CLI's stable reason, `issues` per path;
 * - `io`: the disk or file system refused; `reason` as {@link classifySystemError}, or
 *   `backup-failed`; `message` the words both show;
 * - `internal`: anything else (a bug).
 */
export type LibraryErrorKind =
  | { readonly kind: 'read-only'; readonly reason: string; readonly message: string }
  | { readonly kind: 'busy'; readonly code: string | undefined; readonly message: string }
  | { readonly kind: 'not-found'; readonly message: string }
  | {
    readonly kind: 'bad-input'
    readonly reason: 'invalid-bundle' | 'invalid-input' | 'invalid-measurement' | 'too-many' | 'bad-request'
    readonly message: string
    readonly issues?: ReadonlyArray<ErrorIssue>
  }
  | { readonly kind: 'io'; readonly reason: string; readonly message: string }
  | { readonly kind: 'internal'; readonly message: string }

/** Words of a lock held by another process, from SQLite's code (each mapper ends the sentence its way). */
export function busyWords(code: string): string {
  return `Another NanoForge window or command is writing to this design library (${code})`
}

/**
 * The one class -> kind table of the library's errors (issue #11): each typed error above,
 * then SQLite's and the file system's codes ({@link classifySystemError}), else `internal`.
 * A lock found on a {@link BackupFailedError}'s cause is `busy` (retry), not `io`.
 */
export function classifyLibraryError(error: unknown): LibraryErrorKind {
  if (error instanceof LibraryReadOnlyError) return { kind: 'read-only', reason: error.reason, message: error.message }
  if (error instanceof LibraryBusyError) return { kind: 'busy', code: undefined, message: error.message }
  if (error instanceof DesignNotFoundError || error instanceof MeasurementNotFoundError) return { kind: 'not-found', message: error.message }
  if (error instanceof BackupError) {
    return error.code === 'not-found' ? { kind: 'not-found', message: error.message } : { kind: 'bad-input', reason: 'bad-request', message: error.message }
  }
  if (error instanceof BundleValidationError) return { kind: 'bad-input', reason: 'invalid-bundle', message: error.message, issues: error.issues }
  if (error instanceof InvalidInputError) return { kind: 'bad-input', reason: 'invalid-input', message: error.message, issues: error.issues }
  if (error instanceof MeasurementValidationError) return { kind: 'bad-input', reason: 'invalid-measurement', message: error.message, issues: error.issues }
  if (error instanceof MeasurementLimitError) return { kind: 'bad-input', reason: 'too-many', message: error.message }
  const system = classifySystemError(error)
  if (system?.kind === 'busy') return { kind: 'busy', code: system.code, message: `${busyWords(system.code)}.` }
  if (error instanceof BackupFailedError) {
    return { kind: 'io', reason: system === undefined || system.reason === 'io' ? 'backup-failed' : system.reason, message: error.message }
  }
  if (system !== undefined) return { kind: 'io', reason: system.reason, message: `${ioWords(system.reason)}: ${messageOf(error)}` }
  return { kind: 'internal', message: messageOf(error) }
}
