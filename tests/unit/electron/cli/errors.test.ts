/**
 * The CLI's one error mapper: each kind of failure gets the code and exit code cli.md
 * documents, and a failure of a writing command says whether the change was written.
 */
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { CliError, UsageError, classifyError, exitCodeOf, reportFailure, withWriteState } from '../../../../electron/cli/errors'
import { BackupFailedError, LibraryBusyError, LibraryReadOnlyError } from '../../../../electron/db/errors'

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

describe('classifyError', () => {
  it('maps each failure to busy, bad-input, io or internal with the documented exit code', () => {
    const full = sqliteError((db) => {
      db.pragma('max_page_count = 2')
      db.exec('CREATE TABLE t (x)')
      for (let i = 0; i < 100; i++) db.prepare('INSERT INTO t VALUES (randomblob(4000))').run()
    })
    expect((full as { code: string }).code).toBe('SQLITE_FULL')
    expect(classifyError(full)).toMatchObject({ code: 'io', reason: 'disk-full' })
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
    expect(classifyError(enospc)).toMatchObject({ code: 'io', reason: 'disk-full' })
    expect(classifyError(new BackupFailedError('backup failed', enospc))).toMatchObject({ code: 'io', reason: 'disk-full' })
    expect(classifyError(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toMatchObject({ code: 'busy' })
    expect(classifyError(new LibraryBusyError())).toMatchObject({ code: 'busy' })
    expect(classifyError(new LibraryReadOnlyError('read-only location'))).toMatchObject({ code: 'io', reason: 'read-only' })
    expect(classifyError(new UsageError('--limit must be a whole number'))).toMatchObject({ code: 'bad-input', reason: 'usage' })
    expect(classifyError(new CliError('bad-input', 'not-found', 'No design'))).toMatchObject({ code: 'bad-input', reason: 'not-found' })
    const syntax = sqliteError((db) => db.exec('SELEKT 1'))
    expect(classifyError(syntax)).toMatchObject({ code: 'internal' })
    expect(classifyError(new TypeError('x is undefined')).code).toBe('internal')
    expect(['bad-input', 'busy', 'io', 'internal'].map((c) => exitCodeOf(c as 'io'))).toEqual([2, 1, 1, 1])
  })

  it('says nothing was written before a commit, and what was written after one', () => {
    const failure = classifyError(new LibraryBusyError())
    expect(withWriteState(failure, 0, undefined)).toMatchObject({ written: false })
    const disk = withWriteState(classifyError(Object.assign(new Error('EPIPE'), { code: 'EIO' })), 0, undefined)
    expect(disk.written).toBe(false)
    expect(disk.message).toMatch(/Nothing was written\.$/)
    const after = withWriteState(classifyError(new TypeError('printing failed')), 1, 'design abc version 3')
    expect(after.written).toBe(true)
    expect(after.message).toMatch(/^design abc version 3 WAS written before this failure; do not repeat the command/)
  })

  it('prints one JSON document under --json, and the message on stderr', () => {
    let out = ''
    let err = ''
    const code = reportFailure({ stdout: (t) => (out += t), stderr: (t) => (err += t) }, true,
      { code: 'bad-input', reason: 'invalid-csv', message: 'bad file', issues: Array.from({ length: 150 }, (_, i) => ({ path: `line ${i + 2}`, message: 'x'.repeat(5000) })) })
    expect(code).toBe(2)
    const doc = JSON.parse(out) as { error: { issues: Array<{ message: string }> } }
    expect(doc.error.issues).toHaveLength(100)
    expect(doc.error.issues[0]!.message.length).toBeLessThan(600)
    expect(err).toMatch(/… and 50 more/)
  })
})
