/**
 * Brief H9 item 3: the backup folder is read once per step, not two to seven times. Opening a
 * writable library (tidy + daily-backup check), taking a backup (write + rotate + find the new
 * file) and `db backups` (verified + unverified) each list the folder once; and the answers are
 * the same as the separate listings gave.
 */
import { copyFileSync, mkdirSync, truncateSync, writeFileSync } from 'node:fs'
import type * as fs from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

// Count every readdirSync of a folder whose name ends in "backups" (the real call still runs).
const reads = vi.hoisted(() => ({ backups: 0 }))
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>()
  const readdirSync = ((path: fs.PathLike, ...rest: unknown[]) => {
    if (String(path).endsWith('backups')) reads.backups++
    return (real.readdirSync as (...a: unknown[]) => unknown)(path, ...rest)
  }) as typeof real.readdirSync
  return { ...real, readdirSync, default: { ...real, readdirSync } }
})

const { backupInventory, listBackups, listUnverifiedBackups, rotateBackups, takeBackup, tidyBackupFolder } = await import('../../../../electron/db/backups')
const { openDesignLibrary } = await import('../../../../electron/db/library')
const { loadExample, makeTempDir } = await import('../helpers')

let dir: string
let cleanup: () => void
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir('nanoforge-folder-reads-'))
  reads.backups = 0
})
afterEach(() => cleanup())

describe('one look at the backup folder per step', () => {
  it('open (tidy + daily check), a backup (write + rotate + find it) and the inventory each read the folder once', () => {
    const path = join(dir, 'lib.db')
    const first = openDesignLibrary({ path, deferredMetrics: false, dailyBackup: false })
    first.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json'))
    const old = takeBackup(first.connection, path, 'manual', { now: new Date(Date.now() - 3 * 24 * 3600 * 1000) })
    // A bad file named like a backup, to be moved aside.
    const bad = join(first.backupDirectory, `lib-backup-manual-${new Date().toISOString().replace(/[:.]/g, '-')}.db`)
    copyFileSync(old.path, bad)
    truncateSync(bad, 1000)
    first.close()

    reads.backups = 0
    // Opening with the daily backup due: tidy, see the newest verified backup is 3 days old,
    // take the daily one and rotate. Two reads: the open's tidy, and the backup's rotation.
    const library = openDesignLibrary({ path, deferredMetrics: false, dailyBackup: true })
    expect(reads.backups).toBe(2)
    expect(library.listBackups().map((b) => b.reason)).toEqual(['daily', 'manual'])

    reads.backups = 0
    library.backup('manual')
    expect(reads.backups).toBe(1)

    reads.backups = 0
    const inventory = library.backupInventory()
    expect(reads.backups).toBe(1)
    expect(inventory.backups).toEqual(listBackups(path))
    expect(inventory.unverified).toEqual(listUnverifiedBackups(path))
    expect(inventory.unverified.map((u) => u.file)).toEqual([`unverified/${bad.split('/').pop()!}`])
    library.close()
  })

  it('tidy and rotate answer from the same reading as a fresh listing', () => {
    const path = join(dir, 'lib.db')
    const library = openDesignLibrary({ path, deferredMetrics: false, dailyBackup: false })
    library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json'))
    const made = [3, 2, 1].map((days) => takeBackup(library.connection, path, 'manual', { keep: 10, now: new Date(Date.now() - days * 24 * 3600 * 1000) }))
    mkdirSync(library.backupDirectory, { recursive: true })
    writeFileSync(join(library.backupDirectory, `lib-backup-daily-${new Date().toISOString().replace(/[:.]/g, '-')}.db`), '')
    const tidied = tidyBackupFolder(path)
    expect(tidied.done).toHaveLength(1)
    expect(tidied.verified).toEqual(listBackups(path))
    const kept = rotateBackups(path, 2)
    expect(kept.map((b) => b.backupId)).toEqual([made[2]!.backupId, made[1]!.backupId])
    expect(listBackups(path)).toEqual(kept)
    expect(backupInventory(path).backups).toEqual(kept)
    library.close()
  })
})
