/**
 * One class -> kind table for the CLI and the host (issue #11): every typed error of the
 * library, and SQLite's and the file system's codes, get one kind from
 * {@link classifyLibraryError}; the CLI's mapper (`classifyError`) and the host's
 * (`hostErrorOf`) each translate that kind to their own codes. The expected rows are written
 * here by hand from docs/cli.md "Errors" and shared/ipc/result.ts's code list, not read from the
 * mappers, so a mapper that drifts from the other (or from the kind) fails here.
 */
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import * as dbErrors from '../../../../electron/db/errors'
import {
  BackupError, BackupFailedError, BundleValidationError, DesignNotFoundError, InvalidInputError, LibraryBusyError, LibraryReadOnlyError,
  MeasurementLimitError, MeasurementNotFoundError, MeasurementValidationError, classifyLibraryError, type LibraryErrorKind,
} from '../../../../electron/db/errors'
import { classifyError } from '../../../../electron/cli/errors'
import { hostErrorOf } from '../../../../electron/services/errors'

/** A real SqliteError with the given code, made by SQLite itself. */
function sqliteError(make: (db: Database.Database) => void): unknown {
  const db = new Database(':memory:')
  try {
    make(db)
  } catch (error) {
    return error
  } finally {
    db.close()
  }
  throw new Error('SQLite did not fail')
}

const issues = [{ path: 'core.diameterNm', message: 'must be positive' }]
const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
const full = sqliteError((db) => {
  db.pragma('max_page_count = 2')
  db.exec('CREATE TABLE t (x)')
  for (let i = 0; i < 100; i++) db.prepare('INSERT INTO t VALUES (randomblob(4000))').run()
})
const readonlyFile = sqliteError((db) => {
  // A write refused by SQLite itself (SQLITE_READONLY): the query_only pragma makes the connection refuse writes.
  db.pragma('query_only = 1')
  db.exec('CREATE TABLE t (x)')
})

interface Row {
  readonly name: string
  readonly error: unknown
  readonly kind: LibraryErrorKind['kind']
  /** CLI: code, reason (docs/cli.md "Errors"). */
  readonly cli: readonly [string, string]
  /** Host: the Err code (shared/ipc/result.ts ERROR_CODES). */
  readonly host: string
  /** True when both mappers carry the issues. */
  readonly issues?: boolean
}

/** The table: each error class (and each system code family) -> kind -> CLI code/reason and host code. */
const ROWS: Row[] = [
  { name: 'LibraryReadOnlyError', error: new LibraryReadOnlyError('opened read-only'), kind: 'read-only', cli: ['io', 'read-only'], host: 'read-only' },
  { name: 'LibraryBusyError', error: new LibraryBusyError(), kind: 'busy', cli: ['busy', 'busy'], host: 'busy' },
  { name: 'SQLITE_BUSY', error: Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }), kind: 'busy', cli: ['busy', 'busy'], host: 'busy' },
  { name: 'DesignNotFoundError', error: new DesignNotFoundError('abc'), kind: 'not-found', cli: ['bad-input', 'not-found'], host: 'not-found' },
  { name: 'MeasurementNotFoundError', error: new MeasurementNotFoundError('No measurement m1'), kind: 'not-found', cli: ['bad-input', 'not-found'], host: 'not-found' },
  { name: 'BackupError', error: new BackupError('not-found', 'No backup b1'), kind: 'not-found', cli: ['bad-input', 'not-found'], host: 'not-found' },
  { name: 'BackupError (bad-request)', error: new BackupError('bad-request', 'Not a backup'), kind: 'bad-input', cli: ['bad-input', 'bad-request'], host: 'bad-request' },
  { name: 'BundleValidationError', error: new BundleValidationError(issues, 1), kind: 'bad-input', cli: ['bad-input', 'invalid-bundle'], host: 'bad-request', issues: true },
  { name: 'InvalidInputError', error: new InvalidInputError(issues), kind: 'bad-input', cli: ['bad-input', 'invalid-input'], host: 'bad-request', issues: true },
  { name: 'MeasurementValidationError', error: new MeasurementValidationError(issues), kind: 'bad-input', cli: ['bad-input', 'invalid-measurement'], host: 'bad-request', issues: true },
  { name: 'MeasurementLimitError', error: new MeasurementLimitError('100 measurements already'), kind: 'bad-input', cli: ['bad-input', 'too-many'], host: 'bad-request' },
  { name: 'BackupFailedError', error: new BackupFailedError('The backup could not be written', new Error('odd')), kind: 'io', cli: ['io', 'backup-failed'], host: 'io' },
  { name: 'BackupFailedError (ENOSPC)', error: new BackupFailedError('The backup could not be written', enospc), kind: 'io', cli: ['io', 'disk-full'], host: 'io' },
  { name: 'BackupFailedError (SQLITE_BUSY)', error: new BackupFailedError('The backup could not be written', Object.assign(new Error('locked'), { code: 'SQLITE_BUSY' })), kind: 'busy', cli: ['busy', 'busy'], host: 'busy' },
  { name: 'SQLITE_FULL', error: full, kind: 'io', cli: ['io', 'disk-full'], host: 'io' },
  { name: 'SQLITE_READONLY', error: readonlyFile, kind: 'io', cli: ['io', 'read-only'], host: 'io' },
  { name: 'ENOSPC', error: enospc, kind: 'io', cli: ['io', 'disk-full'], host: 'io' },
  { name: 'EACCES', error: Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }), kind: 'io', cli: ['io', 'permission-denied'], host: 'io' },
  { name: 'SQL syntax error', error: sqliteError((db) => db.exec('SELEKT 1')), kind: 'internal', cli: ['internal', 'internal'], host: 'internal' },
  { name: 'TypeError', error: new TypeError('x is undefined'), kind: 'internal', cli: ['internal', 'internal'], host: 'internal' },
  { name: 'a thrown string', error: 'boom', kind: 'internal', cli: ['internal', 'internal'], host: 'internal' },
]

describe('one error table for the CLI and the host', () => {
  it('the SQLite errors made here carry the codes the table names', () => {
    expect((full as { code: string }).code).toBe('SQLITE_FULL')
    expect((readonlyFile as { code: string }).code).toMatch(/^SQLITE_READONLY/)
  })

  it.each(ROWS)('$name: kind $kind; CLI $cli; host $host', (row) => {
    expect(classifyLibraryError(row.error).kind).toBe(row.kind)
    const cli = classifyError(row.error)
    const host = hostErrorOf(row.error)
    expect([cli.code, cli.reason]).toEqual(row.cli)
    expect(host.code).toBe(row.host)
    if (row.issues === true) {
      expect(cli.issues).toEqual(issues)
      expect(host.issues).toEqual(issues)
    } else {
      expect(host.issues).toBeUndefined()
    }
  })

  it('both mappers say the same words for an I/O failure and for a lock', () => {
    for (const row of ROWS.filter((r) => r.kind === 'io')) {
      expect(classifyError(row.error).message).toBe(hostErrorOf(row.error).message)
    }
    expect(classifyError(full).message).toMatch(/^The disk is full: /)
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })
    expect(classifyError(busy).message).toBe('Another NanoForge window or command is writing to this design library (SQLITE_BUSY).')
    expect(hostErrorOf(busy).message).toBe('Another NanoForge window or command is writing to this design library (SQLITE_BUSY); nothing was changed. Try again in a moment.')
    expect(hostErrorOf(new LibraryReadOnlyError('opened read-only')).message).toBe('opened read-only')
    expect(classifyError(new LibraryReadOnlyError('opened read-only')).message).toBe('The design library is read-only: opened read-only')
    expect(classifyError(new MeasurementValidationError(issues)).message).toBe('The measurement is not valid.')
  })

  it('every error class electron/db/errors.ts exports has a row (a new class must be placed in the table)', () => {
    const classes = Object.entries(dbErrors)
      .filter(([, v]) => typeof v === 'function' && (v as { prototype?: unknown }).prototype instanceof Error)
      .map(([name]) => name)
    expect(classes.length).toBeGreaterThanOrEqual(10)
    const covered = new Set(ROWS.map((r) => r.name.split(' ')[0]))
    expect(classes.filter((c) => !covered.has(c))).toEqual([])
  })
})
