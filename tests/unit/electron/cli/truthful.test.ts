/**
 * Issue 11 items 1, 2, 3 and 8: every answer of the real `nanoforge` process is true. Under
 * --json every failure is exactly one `{"error": {...}}` document with the documented code
 * and exit code; a committed save is never reported as failed; read commands never write and
 * never wait for a writer; files that are not libraries are refused, not read as empty ones.
 */
import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDesignLibrary } from '../../../../electron/db/library'
import { APPLICATION_ID, SCHEMA_VERSION } from '../../../../electron/db/migrations'
import { EXAMPLE_FILES, REPO_ROOT, fileHash, fixturePath, makeTempDir } from '../helpers'
import { holdWriteLock, oneJson, runCli, waitForLine, type CliRun, type ErrorDocument } from './support/cli-process'

let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = makeTempDir('nanoforge-truth-')))
afterEach(() => cleanup())

const DESIGN = fixturePath(EXAMPLE_FILES[0])

/** A library with one design (saved through the library, no backups), closed; returns its id. */
function seedLibrary(path: string): string {
  const library = openDesignLibrary({ path, deferredMetrics: false, dailyBackup: false })
  try {
    const design = JSON.parse(readFileSync(DESIGN, 'utf8')) as Parameters<typeof library.saveDesign>[0]
    const saved = library.saveDesign(design, { note: 'seed' })
    library.computePendingMetrics()
    return saved.designId
  } finally {
    library.close()
  }
}

/** Versions of a design, read with a plain read-only connection (not through the code under test). */
function versionCount(path: string, designId: string): number {
  const db = new Database(path, { readonly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM design_versions WHERE design_id = ?').get(designId) as { n: number }).n
  } finally {
    db.close()
  }
}

function expectError(run: CliRun, code: string, exit: number): ErrorDocument['error'] {
  expect(run.code, run.stderr).toBe(exit)
  const doc = oneJson<ErrorDocument>(run)
  expect(Object.keys(doc)).toEqual(['error'])
  expect(doc.error.code).toBe(code)
  expect(typeof doc.error.message).toBe('string')
  // The message is on stderr too, for people.
  expect(run.stderr).toContain(doc.error.message.slice(0, 40))
  return doc.error
}

describe('--json failures are one JSON document with the documented code and exit code', () => {
  it('usage errors, unknown commands and missing arguments: bad-input, exit 2', async () => {
    expectError(await runCli(['frobnicate', '--json']), 'bad-input', 2)
    expectError(await runCli(['db', 'list', '--limit', 'lots', '--db', join(dir, 'x.db'), '--json']), 'bad-input', 2)
    expectError(await runCli(['db', 'show', '--json']), 'bad-input', 2)
    expectError(await runCli(['measure', 'add', 'abcd', '--version', '1', '--zeta=0x10', '--db', join(dir, 'x.db'), '--json']), 'bad-input', 2)
    expect(existsSync(join(dir, 'x.db'))).toBe(false)
  })

  it('a file that is not a library is refused (exit 2), never read as an empty library', async () => {
    const garbage = join(dir, 'garbage.db')
    writeFileSync(garbage, 'not a database, just some text that a user picked by mistake\n'.repeat(20))
    const before = fileHash(garbage)
    for (const command of [['db', 'list'], ['db', 'history', 'abcd1234'], ['db', 'backups'], ['db', 'save', DESIGN]]) {
      const error = expectError(await runCli([...command, '--db', garbage, '--json']), 'bad-input', 2)
      expect(error.reason).toBe('not-a-library')
      expect(error.message).toContain('not a NanoForge')
    }
    expect(fileHash(garbage)).toBe(before)
  })

  it('another application\'s SQLite file is not a NanoForge library either', async () => {
    const foreign = join(dir, 'foreign.db')
    const db = new Database(foreign)
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES (\'hello\')')
    db.close()
    const error = expectError(await runCli(['db', 'list', '--db', foreign, '--json']), 'bad-input', 2)
    expect(error.reason).toBe('not-a-library')
  })

  it('a missing --db file is an error for a read command, and is not created', async () => {
    const missing = join(dir, 'no-such-library.db')
    for (const command of [['db', 'list'], ['db', 'show', 'abcd1234'], ['measure', 'list', 'abcd1234'], ['db', 'backups']]) {
      const error = expectError(await runCli([...command, '--db', missing, '--json']), 'bad-input', 2)
      expect(error.reason).toBe('no-library')
    }
    expect(existsSync(missing)).toBe(false)
  })

  it('a crash inside a command is an internal error document, exit 1', async () => {
    // Claims to be a NanoForge library of the current schema but has no tables: reading it
    // fails inside SQLite with "no such table", which nothing maps to a user error.
    const hollow = join(dir, 'hollow.db')
    const db = new Database(hollow)
    db.pragma(`application_id = ${APPLICATION_ID}`)
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
    db.exec('CREATE TABLE unrelated (x)')
    db.close()
    const error = expectError(await runCli(['db', 'list', '--db', hollow, '--json']), 'internal', 1)
    expect(error.message).toMatch(/no such table/)
  })
})

describe('a second process holds the write lock', () => {
  it('writes answer busy (exit 1, written: false) and change nothing; reads answer at once and correctly', async () => {
    const path = join(dir, 'lib.db')
    const designId = seedLibrary(path)
    const expectedList = oneJson<{ items: Array<{ designId: string }>; total: number }>(await runCli(['db', 'list', '--db', path, '--json']))
    const lock = await holdWriteLock(path)
    try {
      const [save, measure, list, history, show, measurements, backups] = await Promise.all([
        runCli(['db', 'save', DESIGN, '--design', designId, '--db', path, '--json']),
        runCli(['measure', 'add', designId, '--version', '1', '--zeta=-18.5', '--db', path, '--json']),
        runCli(['db', 'list', '--db', path, '--json']),
        runCli(['db', 'history', designId, '--db', path, '--json']),
        runCli(['db', 'show', designId, '--db', path, '--json']),
        runCli(['measure', 'list', designId, '--db', path, '--json']),
        runCli(['db', 'backups', '--db', path, '--json']),
      ])
      for (const write of [save, measure]) {
        const error = expectError(write, 'busy', 1)
        expect(error.written).toBe(false)
        expect(error.message).toMatch(/nothing was (changed|written)/i)
        expect(write.stderr).not.toMatch(/database is locked/)
      }
      expect(list.code).toBe(0)
      expect(oneJson(list)).toEqual(expectedList)
      expect(oneJson<{ versions: unknown[] }>(history).versions).toHaveLength(1)
      const shown = oneJson<{ note: string; version: number }>(show)
      expect(shown).toMatchObject({ version: 1, note: 'seed' })
      expect(oneJson(measurements)).toEqual({ items: [] })
      // The writes' own open may take the daily backup meanwhile (a read, allowed under the lock).
      for (const b of oneJson<{ backups: Array<{ reason: string }> }>(backups).backups) expect(b.reason).toBe('daily')
    } finally {
      await lock.release()
    }
    expect(versionCount(path, designId)).toBe(1)
  }, 60_000)

  it('a save that committed is reported as saved even when the lock is taken right after its commit', async () => {
    const path = join(dir, 'lib.db')
    const designId = seedLibrary(path)
    // Watches the file and takes the write lock the instant another connection commits,
    // i.e. between the CLI's save and its listing-metrics update (issue 11 item 1).
    const script = `
      const Database = require('better-sqlite3')
      const db = new Database(${JSON.stringify(path)})
      const start = db.pragma('data_version', { simple: true })
      process.stdout.write('watching\\n', () => {
        while (db.pragma('data_version', { simple: true }) === start) {}
        db.exec('BEGIN IMMEDIATE')
        db.prepare("UPDATE designs SET note = 'taken right after the commit' WHERE 1").run()
        process.stdout.write('locked\\n')
        process.stdin.once('data', () => { db.exec('ROLLBACK'); db.close(); process.exit(0) })
      })
    `
    const watcher = spawn(process.execPath, ['-e', script], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] })
    try {
      await waitForLine(watcher, 'watching')
      const save = await runCli(['db', 'save', DESIGN, '--design', designId, '--note', 'second', '--db', path, '--json'])
      expect(save.code, save.stderr).toBe(0)
      const doc = oneJson<{ designId: string; version: number; notes: string[] }>(save)
      expect(doc).toMatchObject({ designId, version: 2 })
      expect(doc.notes.join(' ')).toMatch(/after the change was saved/)
      expect(save.stderr).toMatch(/Warning: .*after the change was saved/)
    } finally {
      await new Promise<void>((resolve) => {
        if (watcher.exitCode !== null) return resolve()
        watcher.once('exit', () => resolve())
        watcher.stdin!.write('go\n')
      })
    }
    expect(versionCount(path, designId)).toBe(2)
  }, 60_000)
})

describe('read commands never write', () => {
  it('list, show, history, backups, measure list and export leave the library file, its metrics and its backups alone', async () => {
    const path = join(dir, 'lib.db')
    const designId = seedLibrary(path)
    // A stale metrics engine version: a writable open would reset it (and take a daily backup).
    const raw = new Database(path)
    raw.prepare("UPDATE designs SET metrics_engine_version = 'an-older-engine'").run()
    raw.pragma('journal_mode = DELETE')
    raw.close()
    const before = fileHash(path)
    const runs = await Promise.all([
      runCli(['db', 'list', '--db', path, '--json']),
      runCli(['db', 'show', designId, '--db', path, '--json']),
      runCli(['db', 'history', designId, '--db', path, '--json']),
      runCli(['db', 'backups', '--db', path, '--json']),
      runCli(['measure', 'list', designId, '--db', path, '--json']),
      runCli(['db', 'export', designId, '--out', join(dir, 'out.bundle'), '--db', path, '--json']),
    ])
    for (const run of runs) expect(run.code, run.stderr).toBe(0)
    expect(fileHash(path)).toBe(before)
    expect(existsSync(join(dir, 'backups'))).toBe(false)
    const check = new Database(path, { readonly: true })
    expect(check.prepare('SELECT metrics_engine_version AS v FROM designs').get()).toEqual({ v: 'an-older-engine' })
    check.close()
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([])
  }, 60_000)
})

describe('best-effort work warns instead of failing or staying silent', () => {
  it('a daily backup that cannot be written is a warning; the save succeeds', async () => {
    const path = join(dir, 'lib.db')
    const designId = seedLibrary(path)
    // The backup folder's name is taken by a file: every backup attempt fails (also as root).
    writeFileSync(join(dir, 'backups'), 'not a folder')
    const save = await runCli(['db', 'save', DESIGN, '--design', designId, '--db', path, '--json'])
    expect(save.code, save.stderr).toBe(0)
    expect(oneJson(save)).toMatchObject({ designId, version: 2 })
    expect(save.stderr).toMatch(/Warning: The daily backup failed/)
    expect(versionCount(path, designId)).toBe(2)
  }, 30_000)
})

describe('a damaged library', () => {
  it('reads answer io/damaged (not an empty list), db backups still lists, db restore brings it back', async () => {
    const path = join(dir, 'lib.db')
    const designId = seedLibrary(path)
    const save = await runCli(['db', 'save', DESIGN, '--design', designId, '--db', path, '--json']) // takes the daily backup
    expect(save.code, save.stderr).toBe(0)
    const bytes = readFileSync(path)
    bytes.fill(0x5a, 4096 * 2, bytes.length)
    writeFileSync(path, bytes)
    const damagedHash = fileHash(path)

    const list = await runCli(['db', 'list', '--db', path, '--json'])
    expect(expectError(list, 'io', 1).reason).toBe('damaged')
    const write = await runCli(['db', 'save', DESIGN, '--db', path, '--json'])
    expect(expectError(write, 'io', 1)).toMatchObject({ reason: 'read-only', written: false })
    expect(fileHash(path)).toBe(damagedHash)

    const backups = await runCli(['db', 'backups', '--db', path, '--json'])
    expect(backups.code, backups.stderr).toBe(0)
    const [backup] = oneJson<{ backups: Array<{ backupId: string; reason: string }> }>(backups).backups
    expect(backup?.reason).toBe('daily')
    const restore = await runCli(['db', 'restore', backup!.backupId, '--db', path, '--json'])
    expect(restore.code, restore.stderr).toBe(0)
    expect(oneJson(restore)).toMatchObject({ restoredBackupId: backup!.backupId, readOnly: false })
    const after = await runCli(['db', 'list', '--db', path, '--json'])
    expect(oneJson(after)).toMatchObject({ total: 1, items: [{ designId }] })
  }, 60_000)
})

