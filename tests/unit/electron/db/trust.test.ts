import Database from 'better-sqlite3'
import { spawn, type ChildProcess } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LibraryBusyError, openDesignLibrary, type DesignLibrary } from '../../../../electron/db/library'
import { SCHEMA_VERSION } from '../../../../electron/db/migrations'
import { takeBackup } from '../../../../electron/db/backups'
import { createHandlers } from '../../../../electron/services/handlers'
import { REPO_ROOT, fileHash, fixturePath, loadExample, makeTempDir } from '../helpers'

let dir: string
let cleanup: () => void
const children: ChildProcess[] = []
beforeEach(() => ({ dir, cleanup } = makeTempDir()))
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  cleanup()
})

function integrity(path: string): string {
  const db = new Database(path, { readonly: true })
  try {
    return String(db.pragma('integrity_check', { simple: true }))
  } finally {
    db.close()
  }
}

function open(path: string, extra: Partial<Parameters<typeof openDesignLibrary>[0]> = {}): DesignLibrary {
  return openDesignLibrary({ path, deferredMetrics: false, dailyBackup: false, ...extra })
}

/** Resolves when `predicate` holds for the child's stdout so far (no fixed sleeps). */
function waitForOutput(child: ChildProcess, predicate: (text: string) => boolean, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    let stderr = ''
    child.stderr!.on('data', (d: Buffer) => { stderr += d.toString() })
    const onData = (d: Buffer): void => {
      text += d.toString()
      if (predicate(text)) {
        child.stdout!.off('data', onData)
        resolve(text)
      }
    }
    child.stdout!.on('data', onData)
    child.once('exit', (code, signal) => reject(new Error(`child exited (${code ?? signal}) before ${what}: ${stderr}`)))
  })
}

describe('crash safety', () => {
  it('after SIGKILL mid-loop, integrity_check is ok and every reported id is there', async () => {
    const path = join(dir, 'crash.db')
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'tests/unit/electron/db/support/crash-writer.ts'), path,
      fixturePath('t1d-tolerogenic-plga.nanoforge.json')], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    children.push(child)
    let text = ''
    child.stdout!.on('data', (d: Buffer) => { text += d.toString() })
    await waitForOutput(child, (t) => t.split('\n').length > 40, '40 commits')
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))
    expect(child.signalCode).toBe('SIGKILL')
    const reported = text.split('\n').filter((l) => /^[0-9a-f-]{36}$/.test(l))
    expect(reported.length).toBeGreaterThanOrEqual(40)

    const library = open(path)
    try {
      expect(library.readOnly).toBe(false)
      expect(String(library.connection.pragma('integrity_check', { simple: true }))).toBe('ok')
      for (const id of reported) expect(library.getDesign(id)?.designId).toBe(id)
      expect(library.listLibrary({ limit: 1 }).total).toBeGreaterThanOrEqual(reported.length)
    } finally {
      library.close()
    }
    expect(integrity(path)).toBe('ok')
  }, 60_000)
})

describe('two processes on one library', () => {
  const lockScript = (path: string, release: 'stdin' | 'never'): string => `
    const Database = require('better-sqlite3')
    const db = new Database(${JSON.stringify(path)})
    db.exec('BEGIN IMMEDIATE')
    db.prepare("UPDATE designs SET note = 'held by the other process' WHERE 1").run()
    process.stdout.write('locked\\n')
    ${release === 'stdin' ? "process.stdin.once('data', () => setTimeout(() => { db.exec('COMMIT'); db.close(); process.exit(0) }, 300))" : 'setInterval(() => {}, 1000)'}
  `

  it('a save waits for the other writer (busy timeout) and then succeeds; nothing is lost', async () => {
    const path = join(dir, 'shared.db')
    const library = open(path)
    const first = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
    const child = spawn(process.execPath, ['-e', lockScript(path, 'stdin')], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] })
    children.push(child)
    await waitForOutput(child, (t) => t.includes('locked'), 'taking the lock')
    // Ask the child to commit a moment later; the save below blocks this thread in SQLite's
    // busy handler meanwhile and goes through once the lock is released.
    await new Promise((resolve) => child.stdin!.write('go\n', resolve))
    const second = library.saveDesign(loadExample('ra-folate-peg-liposome.nanoforge.json'))
    expect(second.version).toBe(1)
    expect(library.designMeta(first)!.note).toBe('held by the other process')
    expect(library.listLibrary().total).toBe(2)
    library.close()
    expect(integrity(path)).toBe('ok')
  }, 30_000)

  it('when the other writer holds the lock past the timeout, the save fails clearly and writes nothing', async () => {
    const path = join(dir, 'shared.db')
    const library = open(path)
    library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json'))
    const child = spawn(process.execPath, ['-e', lockScript(path, 'never')], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    children.push(child)
    await waitForOutput(child, (t) => t.includes('locked'), 'taking the lock')
    expect(() => library.saveDesign(loadExample('ra-folate-peg-liposome.nanoforge.json'))).toThrow(LibraryBusyError)
    const handlers = createHandlers(library, { host: 'web', appVersion: 't' })
    const tagged = await handlers['library:addTag']({ designId: library.listLibrary().items[0]!.designId, tag: 'x' })
    expect(tagged.ok).toBe(false)
    if (!tagged.ok) expect(tagged.message).toMatch(/Another NanoForge/)
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))
    expect(library.listLibrary().total).toBe(1)
    library.close()
    expect(integrity(path)).toBe('ok')
  }, 40_000)
})

describe('backups and restore', () => {
  it('takes verified rotating backups and lists them newest first', () => {
    const path = join(dir, 'lib.db')
    const library = open(path, { backupsKept: 3 })
    library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json'))
    const made = [0, 1, 2, 3, 4].map((i) => takeBackup(library.connection, path, 'manual', { keep: 3, now: new Date(Date.UTC(2026, 0, 1 + i)) }))
    const listed = library.listBackups()
    expect(listed.map((b) => b.backupId)).toEqual([made[4]!.backupId, made[3]!.backupId, made[2]!.backupId])
    expect(listed.every((b) => b.reason === 'manual' && integrity(b.path) === 'ok')).toBe(true)
    expect(listed[0]!.createdAt).toBe('2026-01-05T00:00:00.000Z')
    library.close()
  })

  it('takes the daily backup on open when the newest is older than a day, and not again', () => {
    const path = join(dir, 'lib.db')
    const first = open(path)
    first.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json'))
    takeBackup(first.connection, path, 'manual', { now: new Date(Date.now() - 3 * 24 * 3600 * 1000) })
    first.close()
    const library = openDesignLibrary({ path, deferredMetrics: false })
    expect(library.listBackups().map((b) => b.reason)).toEqual(['daily', 'manual'])
    expect(library.backupIfDue()).toBeUndefined()
    library.close()
  })

  it('restores a backup in place, keeping the current file as a backup first (undoable)', async () => {
    const path = join(dir, 'lib.db')
    const library = open(path)
    const kept = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
    const backup = library.backup('manual')
    const later = library.saveDesign(loadExample('ra-folate-peg-liposome.nanoforge.json')).designId
    const handlers = createHandlers(library, { host: 'web', appVersion: 't' })
    const restored = await handlers['library:restoreBackup']({ backupId: backup.backupId })
    expect(restored.ok).toBe(true)
    if (!restored.ok) return
    expect(library.getDesign(kept)).toBeDefined()
    expect(library.getDesign(later)).toBeUndefined()
    expect(library.readOnly).toBe(false)
    // The file before the restore is a backup too: restoring it brings the later design back.
    library.restoreBackup(restored.value.safetyBackupId)
    expect(library.getDesign(later)).toBeDefined()
    // Still writable and consistent after two reopenings.
    library.saveDesign(loadExample('t1d-tolerogenic-plga.nanoforge.json'))
    expect(library.listLibrary().total).toBe(3)
    const unknown = await handlers['library:restoreBackup']({ backupId: 'nope.db' })
    expect(!unknown.ok && unknown.code).toBe('not-found')
    library.close()
    expect(integrity(path)).toBe('ok')
  })

  it('restores in place on the live connection: siblings keep working, versions stay immutable, old backups are migrated', () => {
    const path = join(dir, 'lib.db')
    const library = open(path)
    const connection = library.connection
    const mine = library.saveDesign(loadExample('ra-folate-peg-liposome.nanoforge.json')).designId
    // A backup written by schema version 1 (the committed fixture), named as a backup.
    const old = join(library.backupDirectory, 'lib-backup-manual-2025-01-01T00-00-00-000Z.db')
    mkdirSync(library.backupDirectory, { recursive: true })
    copyFileSync(join(REPO_ROOT, 'tests/fixtures/db/library-v1.db'), old)
    const schemaBefore = connection.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY name").all()
    const result = library.restoreBackup('lib-backup-manual-2025-01-01T00-00-00-000Z.db')
    expect(result.schemaVersion).toBe(SCHEMA_VERSION)
    expect(library.connection).toBe(connection)
    expect(connection.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY name").all()).toEqual(schemaBefore)
    expect(library.getDesign(mine)).toBeUndefined()
    expect(library.history('00000000-0000-4000-8000-000000000001')).toHaveLength(2)
    expect(library.listLibrary({ query: 'lupus' }).total).toBe(1)
    expect(() => connection.prepare('DELETE FROM design_versions').run()).toThrow(/immutable/)
    library.computePendingMetrics()
    expect(library.listLibrary({ sortBy: 'selectivityIndex' }).items[0]!.metrics.selectivityIndex).not.toBeNull()
    // Nothing was lost: the design saved before the restore is in the safety backup.
    library.restoreBackup(result.safetyBackupId)
    expect(library.getDesign(mine)).toBeDefined()
    expect(readdirSync(dir).filter((f) => f.includes('restoring'))).toEqual([])
    library.close()
    expect(integrity(path)).toBe('ok')
  })

  it('gives a damaged library a way out: it opens read-only, and restoring a backup makes it writable again', () => {
    const path = join(dir, 'lib.db')
    const library = open(path)
    const id = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
    const backup = library.backup('manual')
    library.close()
    // Damage: overwrite the middle of the file (its table pages) with garbage.
    const bytes = readFileSync(path)
    bytes.fill(0x5a, 4096 * 2, bytes.length)
    writeFileSync(path, bytes)
    const damagedHash = fileHash(path)

    const damaged = open(path)
    expect(damaged.readOnly).toBe(true)
    expect(damaged.readOnlyReason).toMatch(/damaged|not a NanoForge|could not be read|cannot be read/)
    const restored = damaged.restoreBackup(backup.backupId)
    expect(damaged.readOnly).toBe(false)
    expect(damaged.getDesign(id)).toBeDefined()
    // The damaged bytes were kept, not destroyed.
    const safety = join(damaged.backupDirectory, restored.safetyBackupId)
    expect(existsSync(safety)).toBe(true)
    expect(fileHash(safety) === damagedHash || integrity(safety) === 'ok').toBe(true)
    damaged.close()
  })

  it('refuses to restore a backup from a newer NanoForge, and changes nothing', () => {
    const path = join(dir, 'lib.db')
    const library = open(path)
    library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json'))
    const backup = library.backup('manual')
    const raw = new Database(backup.path)
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    raw.close()
    const before = library.listBackups().length
    expect(() => library.restoreBackup(backup.backupId)).toThrow(/newer NanoForge/)
    expect(library.listBackups()).toHaveLength(before)
    expect(library.listLibrary().total).toBe(1)
    library.close()
  })

  it('a truncated or garbage file opens read-only, untouched, and can be replaced by a backup', () => {
    const path = join(dir, 'lib.db')
    const library = open(path)
    const id = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
    const backup = library.backup('manual')
    library.close()
    truncateSync(path, 1000)
    const truncatedHash = fileHash(path)
    const truncated = open(path)
    expect(truncated.readOnly).toBe(true)
    expect(fileHash(path)).toBe(truncatedHash)
    truncated.restoreBackup(backup.backupId)
    expect(truncated.getDesign(id)).toBeDefined()
    truncated.close()

    writeFileSync(path, 'this is not a database at all'.repeat(100))
    const garbage = open(path)
    expect(garbage.readOnly).toBe(true)
    expect(garbage.readOnlyReason).toMatch(/not a NanoForge design library|not an SQLite file/)
    expect(readdirSync(garbage.backupDirectory).length).toBeGreaterThan(0)
    garbage.close()
    expect(readFileSync(path, 'utf8')).toBe('this is not a database at all'.repeat(100))
  })
})
