import Database from 'better-sqlite3'
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BUSY_TIMEOUT_MS, JOURNAL_SIZE_LIMIT_BYTES, openDatabase, readDatabaseSettings } from '../../../../electron/db/database'
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, type Migration } from '../../../../electron/db/migrations'
import { LibraryReadOnlyError, openDesignLibrary } from '../../../../electron/db/library'
import { defaultDatabasePath } from '../../../../electron/db/paths'
import { fileHash, loadExample, makeTempDir } from '../helpers'

let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = makeTempDir()))
afterEach(() => cleanup())

/** Makes a file self-contained (no -wal) so its bytes can be compared. */
function settle(path: string): void {
  const db = new Database(path)
  db.pragma('journal_mode = DELETE')
  db.close()
}

describe('openDatabase settings', () => {
  it('applies and reads back WAL, synchronous=FULL, foreign keys, busy timeout, application_id, journal_size_limit', () => {
    const path = join(dir, 'nested', 'folder', 'lib.db')
    for (let open = 0; open < 2; open++) {
      // Twice: synchronous, foreign_keys and busy_timeout are per connection and must be set on every open.
      const opened = openDatabase(path)
      expect(opened.readOnly).toBe(false)
      expect(readDatabaseSettings(opened.db)).toEqual({
        journalMode: 'wal',
        synchronous: 2,
        foreignKeys: 1,
        busyTimeoutMs: BUSY_TIMEOUT_MS,
        applicationId: APPLICATION_ID,
        journalSizeLimitBytes: JOURNAL_SIZE_LIMIT_BYTES,
        userVersion: SCHEMA_VERSION,
        // F_FULLFSYNC only exists (and is only needed) on macOS.
        fullFsync: process.platform === 'darwin' ? 1 : 0,
      })
      opened.close()
    }
    expect(BUSY_TIMEOUT_MS).toBe(5000)
  })

  it('truncates the WAL on close', () => {
    const path = join(dir, 'lib.db')
    const library = openDesignLibrary({ path })
    library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json'))
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0)
    library.close()
    expect(!existsSync(`${path}-wal`) || statSync(`${path}-wal`).size === 0).toBe(true)
  })
})

describe('files the app must not write to', () => {
  it('opens a file from a newer schema read-only, names both versions, and leaves it unchanged', () => {
    const path = join(dir, 'newer.db')
    openDatabase(path).close()
    const raw = new Database(path)
    raw.pragma(`user_version = ${SCHEMA_VERSION + 7}`)
    raw.close()
    settle(path)
    const before = fileHash(path)

    const library = openDesignLibrary({ path })
    expect(library.readOnly).toBe(true)
    expect(library.readOnlyReason).toContain(`schema version ${SCHEMA_VERSION + 7}`)
    expect(library.readOnlyReason).toContain(`schema version ${SCHEMA_VERSION}.`)
    expect(library.listDesigns().total).toBe(0)
    expect(() => library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json'))).toThrow(LibraryReadOnlyError)
    library.close()

    expect(fileHash(path)).toBe(before)
    expect(existsSync(`${path}-wal`)).toBe(false)
  })

  it('refuses to write a file that is not a database, keeps its bytes, and still starts', () => {
    const path = join(dir, 'garbage.db')
    const garbage = Buffer.alloc(8192)
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 251
    writeFileSync(path, garbage)

    const library = openDesignLibrary({ path })
    expect(library.readOnly).toBe(true)
    expect(library.readOnlyReason).toMatch(/not a NanoForge design library.*left untouched/s)
    expect(library.listDesigns()).toEqual({ items: [], total: 0 })
    expect(() => library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json'))).toThrow(/read-only/)
    library.close()

    expect(readFileSync(path).equals(garbage)).toBe(true)
    expect(existsSync(`${path}-wal`)).toBe(false)
  })

  it('opens a damaged database read-only and leaves it unchanged', () => {
    const path = join(dir, 'damaged.db')
    const library = openDesignLibrary({ path })
    for (const name of ['lupus-rbc-silica.nanoforge.json', 'ra-folate-peg-liposome.nanoforge.json'] as const) {
      library.saveDesign(loadExample(name))
    }
    library.close()
    settle(path)
    const bytes = readFileSync(path)
    const pageSize = bytes.readUInt16BE(16)
    // Scribble over every page after the first (sqlite_schema root stays intact).
    for (let i = pageSize; i < bytes.length; i++) bytes[i] = (i * 31) % 256
    writeFileSync(path, bytes)

    const damaged = openDesignLibrary({ path })
    expect(damaged.readOnly).toBe(true)
    expect(damaged.readOnlyReason).toMatch(/damaged|could not be read/)
    expect(() => damaged.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json'))).toThrow(LibraryReadOnlyError)
    damaged.close()
    expect(readFileSync(path).equals(bytes)).toBe(true)
  })

  it('does not take over another application\'s SQLite file', () => {
    const path = join(dir, 'other.db')
    const raw = new Database(path)
    raw.exec('CREATE TABLE inventory (item TEXT)')
    raw.close()
    const before = fileHash(path)
    const opened = openDatabase(path)
    expect(opened.readOnly).toBe(true)
    expect(opened.readOnlyReason).toMatch(/another application/)
    opened.close()
    expect(fileHash(path)).toBe(before)
  })
})

describe('migrations', () => {
  const v2: Migration = {
    version: SCHEMA_VERSION + 1,
    description: 'test step: a probe table',
    up: (db) => db.exec('CREATE TABLE migration_probe (design_id TEXT NOT NULL REFERENCES designs (id), tag TEXT NOT NULL) STRICT'),
  }

  it('backs up an existing database (verified copy at the old version) before migrating it', () => {
    const path = join(dir, 'lib.db')
    const first = openDesignLibrary({ path, migrations: MIGRATIONS })
    expect(first.backupPath).toBeUndefined() // a new file has nothing to back up
    const saved = first.saveDesign(loadExample('t1d-tolerogenic-plga.nanoforge.json'), { note: 'before upgrade' })
    first.close()

    const upgraded = openDesignLibrary({ path, migrations: [...MIGRATIONS, v2] })
    expect(upgraded.readOnly).toBe(false)
    expect(upgraded.schemaVersion).toBe(SCHEMA_VERSION + 1)
    expect(upgraded.backupPath).toBeDefined()
    expect(upgraded.getDesign(saved.designId)?.note).toBe('before upgrade')
    upgraded.close()

    const backup = new Database(upgraded.backupPath!, { readonly: true })
    expect(backup.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(backup.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(backup.prepare('SELECT id FROM designs').pluck().all()).toEqual([saved.designId])
    expect(backup.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'migration_probe'").pluck().get()).toBe(0)
    backup.close()
  })

  it('rolls back a failing step, keeps the old version, and opens read-only with the reason', () => {
    const path = join(dir, 'lib.db')
    openDesignLibrary({ path }).close()
    const broken: Migration = {
      version: SCHEMA_VERSION + 1,
      description: 'fails half-way',
      up: (db) => {
        db.exec('CREATE TABLE half_done (x INTEGER)')
        throw new Error('boom in step 2')
      },
    }
    const opened = openDatabase(path, { migrations: [...MIGRATIONS, broken] })
    expect(opened.readOnly).toBe(true)
    expect(opened.readOnlyReason).toContain('boom in step 2')
    expect(opened.readOnlyReason).toContain('backup')
    expect(opened.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(opened.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").pluck().get()).toBe(0)
    opened.close()
  })
})

describe('defaultDatabasePath', () => {
  it('follows Electron\'s userData folder per platform, and NANOFORGE_DB overrides it', () => {
    expect(defaultDatabasePath({ XDG_CONFIG_HOME: '/x/cfg' }, 'linux', '/home/ann')).toBe('/x/cfg/NanoForge/nanoforge.db')
    expect(defaultDatabasePath({}, 'linux', '/home/ann')).toBe('/home/ann/.config/NanoForge/nanoforge.db')
    expect(defaultDatabasePath({}, 'darwin', '/Users/ann')).toBe('/Users/ann/Library/Application Support/NanoForge/nanoforge.db')
    expect(defaultDatabasePath({ APPDATA: 'C:/Users/ann/AppData/Roaming' }, 'win32', 'C:/Users/ann'))
      .toBe('C:/Users/ann/AppData/Roaming/NanoForge/nanoforge.db')
    expect(defaultDatabasePath({ NANOFORGE_DB: '/tmp/x.db', XDG_CONFIG_HOME: '/x' }, 'linux', '/h')).toBe('/tmp/x.db')
  })
})
