/**
 * The library's connection owner (electron/db/connection.ts): one place that opens, knows
 * read-only and why, reopens and closes, and caches statements per connection so that no
 * store can run a statement of a closed connection.
 */
import Database from 'better-sqlite3'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { busyAware, openLibraryConnection, type LibraryConnection } from '../../../../electron/db/connection'
import { LibraryBusyError, LibraryReadOnlyError } from '../../../../electron/db/errors'
import { SCHEMA_VERSION } from '../../../../electron/db/migrations'
import { makeTempDir } from '../helpers'

let dir: string
let cleanup: () => void
const opened: LibraryConnection[] = []
beforeEach(() => ({ dir, cleanup } = makeTempDir()))
afterEach(() => {
  for (const c of opened.splice(0)) if (!c.closed) c.close()
  cleanup()
})

function connect(path: string): LibraryConnection {
  const conn = openLibraryConnection({ path })
  opened.push(conn)
  return conn
}

describe('library connection owner', () => {
  it('opens a new file migrated to the current schema, writable, with a NanoForge application id', () => {
    const conn = connect(join(dir, 'lib.db'))
    expect(conn.readOnly).toBe(false)
    expect(conn.readOnlyReason).toBeUndefined()
    expect(conn.problem).toBeUndefined()
    expect(conn.schemaVersion).toBe(SCHEMA_VERSION)
    expect(Number(conn.db.pragma('user_version', { simple: true }))).toBe(SCHEMA_VERSION)
    expect(conn.generation).toBe(1)
    expect(() => conn.requireWritable()).not.toThrow()
  })

  it('knows a file that is not a library is read-only and says why; requireWritable throws that reason', () => {
    const path = join(dir, 'garbage.db')
    writeFileSync(path, 'not a database '.repeat(500))
    const conn = connect(path)
    expect(conn.readOnly).toBe(true)
    expect(conn.readOnlyReason).toMatch(/not an SQLite file|not a NanoForge/)
    let error: unknown
    try { conn.requireWritable() } catch (e) { error = e }
    expect(error).toBeInstanceOf(LibraryReadOnlyError)
    expect((error as Error).message).toContain(conn.readOnlyReason!)
  })

  it('caches a statement per connection, and after a reopen prepares it on the new connection', () => {
    const conn = connect(join(dir, 'lib.db'))
    const sql = 'SELECT count(*) AS n FROM designs'
    const before = conn.statement(sql)
    expect(conn.statement(sql)).toBe(before)
    const dbBefore = conn.db
    conn.reopen()
    expect(dbBefore.open).toBe(false)
    expect(conn.db).not.toBe(dbBefore)
    expect(conn.generation).toBe(2)
    // The statement of the closed connection cannot run; the owner hands out a new one that can.
    expect(() => before.get()).toThrow(/not open/)
    const after = conn.statement(sql)
    expect(after).not.toBe(before)
    expect(after.get()).toEqual({ n: 0 })
  })

  it('rebuilds per-connection objects (a transaction function) after a reopen', () => {
    const conn = connect(join(dir, 'lib.db'))
    let builds = 0
    const build = (db: Database.Database): Database.Database => { builds++; return db }
    expect(conn.perConnection('k', build)).toBe(conn.db)
    expect(conn.perConnection('k', build)).toBe(conn.db)
    expect(builds).toBe(1)
    conn.reopen()
    expect(conn.perConnection('k', build)).toBe(conn.db)
    expect(builds).toBe(2)
  })

  it('runs the file swap between close and open, and opens again even when the swap throws', () => {
    const path = join(dir, 'lib.db')
    const conn = connect(path)
    let openDuringSwap: boolean | undefined
    const dbBefore = conn.db
    conn.reopen(() => { openDuringSwap = dbBefore.open })
    expect(openDuringSwap).toBe(false)
    expect(() => conn.reopen(() => { throw new Error('rename failed') })).toThrow('rename failed')
    // Not left with a closed connection: the file as it is, open again.
    expect(conn.db.open).toBe(true)
    expect(conn.generation).toBe(3)
    expect(conn.statement('SELECT 1 AS one').get()).toEqual({ one: 1 })
  })

  it('commits writeTx bodies, and turns another writer\'s lock into LibraryBusyError with nothing written', () => {
    const path = join(dir, 'lib.db')
    const conn = connect(path)
    conn.writeTx(() => conn.db.prepare("INSERT INTO projects (id, name, created_at) VALUES ('p1', 'One', '2026-01-01T00:00:00.000Z')").run())
    const other = new Database(path)
    try {
      other.exec('BEGIN IMMEDIATE')
      // A short wait instead of the 5 s busy timeout, so the test does not sleep.
      conn.db.pragma('busy_timeout = 50')
      expect(() => conn.writeTx(() => conn.db.prepare("INSERT INTO projects (id, name, created_at) VALUES ('p2', 'Two', '2026-01-01T00:00:00.000Z')").run()))
        .toThrow(LibraryBusyError)
      other.exec('ROLLBACK')
    } finally {
      other.close()
    }
    expect((conn.db.prepare('SELECT id FROM projects ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id)).toEqual(['p1'])
  })

  it('counts committed writes with the last one in words', () => {
    const conn = connect(join(dir, 'lib.db'))
    expect(conn.writesCommitted).toBe(0)
    expect(conn.lastWrite).toBeUndefined()
    conn.noteWrite('one')
    conn.noteWrite('two')
    expect(conn.writesCommitted).toBe(2)
    expect(conn.lastWrite).toBe('two')
  })

  it('closes: the connection is closed and the owner says so', () => {
    const conn = connect(join(dir, 'lib.db'))
    const db = conn.db
    conn.close()
    expect(conn.closed).toBe(true)
    expect(db.open).toBe(false)
  })
})

describe('busyAware', () => {
  it('maps SQLITE_BUSY codes to LibraryBusyError and passes other errors through unchanged', () => {
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY_SNAPSHOT' })
    expect(() => busyAware(() => { throw busy })).toThrow(LibraryBusyError)
    const other = Object.assign(new Error('constraint'), { code: 'SQLITE_CONSTRAINT' })
    expect(() => busyAware(() => { throw other })).toThrow(other)
    expect(busyAware(() => 7)).toBe(7)
  })
})
