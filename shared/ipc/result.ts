/**
 * The result shape of every IPC and HTTP call: typed, never a thrown error across the bridge
 * (../shared/engineering/security-and-storage.md §4, step 4).
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

export type ErrorCode =
  | 'bad-request' // the payload failed the channel's schema
  | 'invalid-design' // the design failed design validation
  | 'not-found'
  | 'read-only' // the database is open read-only (damaged, newer, or locked)
  | 'forbidden' // untrusted sender
  | 'internal'

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value }
}

export function err(code: ErrorCode, message: string, issues?: Err['issues']): Err {
  return issues ? { ok: false, code, message, issues } : { ok: false, code, message }
}
