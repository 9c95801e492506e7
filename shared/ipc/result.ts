/**
 * The result shape of every IPC and HTTP call: typed, never a thrown error across the bridge
 * (docs/security.md §4, step 4).
 */
export type Result<T> = Ok<T> | Err

export interface Ok<T> {
  readonly ok: true
  readonly value: T
}

/** Machine-readable failure. `issues` carries per-path validation problems when there are any. */
export interface Err {
  readonly ok: false
  readonly code: ErrorCode
  readonly message: string
  readonly issues?: ReadonlyArray<{ readonly path: string; readonly message: string }>
}

/**
 * Every failure code. `bad-request`: the payload failed the channel's schema, names an
 * unknown channel, or carries a value the library refuses; `invalid-design`: the design failed
 * design validation; `read-only`: the library is open read-only (damaged, newer, or opened so);
 * `busy`: another process holds the library's write lock past the busy timeout (nothing was
 * written; try again); `io`: the disk or file system refused (full disk, a backup folder that
 * cannot be written); `forbidden`: untrusted sender; `internal`: a bug.
 */
export const ERROR_CODES = ['bad-request', 'invalid-design', 'not-found', 'read-only', 'busy', 'io', 'forbidden', 'internal'] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value }
}

export function err(code: ErrorCode, message: string, issues?: Err['issues']): Err {
  return issues ? { ok: false, code, message, issues } : { ok: false, code, message }
}

/**
 * A schema issue's path as a JSON path: `design.coatings[0].kind`; `(root)` for the payload
 * itself. Why one function: the IPC pipeline, the measurement store, the bundle reader and
 * the CLI name a field the same way, so a user sees one path whichever way the data came.
 */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out === '' ? '(root)' : out
}

/** The message of any thrown value (an Error's message, else its text), for an `Err` or a log line. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
