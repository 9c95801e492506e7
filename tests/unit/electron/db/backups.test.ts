/**
 * Issue 11 item 4: only verified backups are listed, counted as the day's backup or rotated;
 * unverified files are moved aside, never deleted to keep a bad one; leftovers of killed
 * backups and restores are cleared; and after a restore that reopens the file, the stores
 * built on the library (measurements) use the new connection (issue 11 item 11).
 */
import Database from 'better-sqlite3'
import { existsSync, mkdirSync, readFileSync, readdirSync, truncateSync, copyFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  QUARANTINE_FOLDER, backupHeaderProblem, cleanBackupDirectory, listBackups, listUnverifiedBackups, rotateBackups, takeBackup,
} from '../../../../electron/db/backups'
import { openDesignLibrary, removeRestoreLeftovers, type DesignLibrary } from '../../../../electron/db/library'
import { createMeasurementStore } from '../../../../electron/db/measurements'
import { dispatch } from '../../../../electron/services/dispatch'
import { createHandlers } from '../../../../electron/services/handlers'
import { loadExample, makeTempDir } from '../helpers'

let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = makeTempDir('nanoforge-backups-')))
afterEach(() => cleanup())

const DAY_MS = 24 * 3600 * 1000

function open(path: string, extra: Partial<Parameters<typeof openDesignLibrary>[0]> = {}): DesignLibrary {
  return openDesignLibrary({ path, deferredMetrics: false, dailyBackup: false, ...extra })
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-')
}

/** Unverified files named like today's backups: empty (full disk), cut short (killed), foreign. */
function plantBadBackups(backupDir: string, goodBackup: string): string[] {
  mkdirSync(backupDir, { recursive: true })
  const now = Date.now()
  const names = [
    `lib-backup-daily-${stamp(new Date(now - 1000))}.db`,
    `lib-backup-manual-${stamp(new Date(now - 2000))}.db`,
    `lib-backup-before-import-${stamp(new Date(now - 3000))}.db`,
  ]
  writeFileSync(join(backupDir, names[0]!), '')
  copyFileSync(goodBackup, join(backupDir, names[1]!))
  truncateSync(join(backupDir, names[1]!), Math.floor(readFileSync(goodBackup).length / 2))
  const foreign = new Database(join(backupDir, names[2]!))
  foreign.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)')
  foreign.close()
  return names
}

describe('only verified backups count', () => {
  it('empty, cut-short and foreign files named as backups are not listed and do not count as the day\'s backup', () => {
    const path = join(dir, 'lib.db')
    const library = open(path)
    library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json'))
    const old = takeBackup(library.connection, path, 'manual', { now: new Date(Date.now() - 3 * DAY_MS) })
    const bad = plantBadBackups(library.backupDirectory, old.path)
    for (const name of bad) expect(backupHeaderProblem(join(library.backupDirectory, name), readFileSync(join(library.backupDirectory, name)).length)).toBeDefined()
    expect(library.listBackups().map((b) => b.backupId)).toEqual([old.backupId])
    library.close()
    // The newest verified backup is 3 days old: today's bad files do not make the daily one
    // "done", so the next open takes it.
    const reopened = open(path, { dailyBackup: true })
    const listed = reopened.listBackups()
    expect(listed.map((b) => b.reason)).toEqual(['daily', 'manual'])
    expect(listed[1]!.backupId).toBe(old.backupId)
    reopened.close()
  })

  it('rotation never deletes a verified backup to keep unverified ones; those are moved to unverified/, not deleted', () => {
    const path = join(dir, 'lib.db')
    const library = open(path)
    library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json'))
    const oldest = takeBackup(library.connection, path, 'manual', { keep: 2, now: new Date(Date.now() - 5 * DAY_MS) })
    const bad = plantBadBackups(library.backupDirectory, oldest.path)
    // keep = 2: with the three newer bad files counted, the old rule deleted the only good older backup.
    const fresh = takeBackup(library.connection, path, 'manual', { keep: 2 })
    expect(listBackups(path).map((b) => b.backupId)).toEqual([fresh.backupId, oldest.backupId])
    expect(existsSync(oldest.path)).toBe(true)
    const quarantined = readdirSync(join(library.backupDirectory, QUARANTINE_FOLDER)).sort()
    expect(quarantined).toEqual([...bad].sort())
    // Still visible to the user, as not offered for restore.
    expect(listUnverifiedBackups(path).map((u) => u.file)).toEqual([...bad].sort().map((n) => `${QUARANTINE_FOLDER}/${n}`))
    // A third verified backup: now the oldest verified one rotates out, as it should.
    const third = takeBackup(library.connection, path, 'manual', { keep: 2, now: new Date(Date.now() + 1000) })
    expect(listBackups(path).map((b) => b.backupId)).toEqual([third.backupId, fresh.backupId])
    rotateBackups(path, 2)
    expect(listBackups(path)).toHaveLength(2)
    library.close()
  })

  it('removes the .partial files (and VACUUM INTO journals) of dead writers; keeps a live one\'s', () => {
    const path = join(dir, 'lib.db')
    const backupDir = join(dir, 'backups')
    mkdirSync(backupDir)
    const deadPid = 2 ** 22 + 12345 // above Linux's default pid_max: no such process
    const dead = [`lib-backup-daily-${stamp(new Date())}.db.partial-${deadPid}`, `lib-backup-daily-${stamp(new Date())}.db.partial-${deadPid}-journal`]
    const live = `lib-backup-manual-${stamp(new Date())}.db.partial-${process.pid}`
    for (const name of [...dead, live]) writeFileSync(join(backupDir, name), 'x')
    const done = cleanBackupDirectory(path, backupDir)
    expect(done).toHaveLength(2)
    expect(readdirSync(backupDir)).toEqual([live])
  })
})

describe('restore leftovers and the stores after a restore', () => {
  it('the next writable open removes .restoring copies of dead restores, never a live one\'s or the library', () => {
    const path = join(dir, 'lib.db')
    open(path).close()
    const dead = ['lib.db.restoring', 'lib.db.restoring-wal', `lib.db.restoring-${2 ** 22 + 7}`, `lib.db.restoring-${2 ** 22 + 7}-shm`]
    for (const name of dead) writeFileSync(join(dir, name), 'staged')
    mkdirSync(join(dir, `lib.db.restoring-backups-${2 ** 22 + 7}`))
    const live = `lib.db.restoring-${process.pid}`
    writeFileSync(join(dir, live), 'staged by a restore still running')
    const library = open(path)
    expect(readdirSync(dir).filter((f) => f.includes('restoring'))).toEqual([live])
    library.close()
    removeRestoreLeftovers(path)
    expect(existsSync(path)).toBe(true)
  })

  it('after restoring a backup onto a damaged library, the measurement store and measurement:list use the reopened file', async () => {
    const path = join(dir, 'lib.db')
    const setup = open(path)
    const designId = setup.saveDesign(loadExample('ra-folate-peg-liposome.nanoforge.json')).designId
    createMeasurementStore(setup).add({ designId, version: 1, kind: 'zeta', label: 'before', data: { zetaMv: -12 } })
    const backup = setup.backup('manual')
    setup.close()
    const bytes = readFileSync(path)
    bytes.fill(0x5a, 4096 * 2, bytes.length)
    writeFileSync(path, bytes)

    const library = open(path)
    expect(library.readOnly).toBe(true)
    const store = createMeasurementStore(library)
    const handlers = createHandlers(library, { host: 'web', appVersion: 't' })
    const restored = await dispatch(handlers, 'library:restoreBackup', { backupId: backup.backupId })
    expect(restored.ok).toBe(true)
    expect(library.readOnly).toBe(false)
    // The store was made before the restore replaced (and reopened) the file.
    expect(store.list({ designId }).map((m) => m.label)).toEqual(['before'])
    expect(await dispatch(handlers, 'measurement:list', { designId })).toMatchObject({ ok: true, value: { items: [{ label: 'before' }] } })
    expect(store.add({ designId, version: 1, kind: 'zeta', label: 'after', data: { zetaMv: -9 } }).label).toBe('after')
    expect(store.list({ designId })).toHaveLength(2)
    // The damaged bytes were kept aside (unverified/), and are not offered as a backup.
    const safety = (restored.ok ? restored.value : { safetyBackupId: '' }) as { safetyBackupId: string }
    expect(safety.safetyBackupId.startsWith(`${QUARANTINE_FOLDER}/`)).toBe(true)
    expect(existsSync(join(library.backupDirectory, safety.safetyBackupId))).toBe(true)
    expect(library.listBackups().map((b) => b.backupId)).toEqual([backup.backupId])
    library.close()
  })
})
