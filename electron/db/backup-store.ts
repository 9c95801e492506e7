import type Database from 'better-sqlite3'
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import { messageOf } from '../../shared/ipc/result'
import { openDatabase, type OpenDatabaseOptions } from './database'
import { busyAware, type LibraryConnection } from './connection'
import { BackupError, LibraryReadOnlyError } from './errors'
import { faultPoint } from './faults'
import { fsyncDirectory, fsyncFile, processAlive } from './files'
import { SCHEMA_VERSION } from './migrations'
import { appendAudit, auditHead } from './audit'
import {
  DAILY_BACKUP_INTERVAL_MS, DEFAULT_BACKUPS_KEPT, QUARANTINE_FOLDER, backupDirectoryOf, backupInventory, checkBackupFile, listBackups,
  takeBackup, tidyBackupFolder, type BackupFile, type BackupInventory, type BackupReason,
} from './backups'
import type { BackupWarning, RestoredBackup } from './library-types'
import type { MetricsCache } from './metrics-cache'

/**
 * A library's backups and restores, over the files module ./backups.ts (which writes, verifies,
 * lists and rotates backup files): the daily backup on open and after saves, manual backups,
 * the standing warning of a failed one, and restoring a backup onto the live library (rows
 * replaced in one transaction) or onto a damaged one (the file swapped and the connection
 * reopened through the connection owner, so every store sees the restored file).
 */
export interface BackupStore {
  readonly backupDirectory: string
  /** Set while the most recent backup attempt failed (a new object per failure); undefined once one succeeds. */
  readonly backupWarning: BackupWarning | undefined
  listBackups(): BackupFile[]
  backupInventory(): BackupInventory
  /** Takes a verified backup now and rotates old ones. */
  backup(reason?: BackupReason): BackupFile
  /** Takes the daily backup if the newest backup is older than a day; returns it, or undefined. */
  backupIfDue(): BackupFile | undefined
  /** After a save: the daily backup when due, a failure kept as the warning (never thrown). */
  maybeDailyBackup(): void
  /** On a writable open: removes a killed restore's leftovers, tidies the folder, takes the daily backup when due. */
  housekeepOnOpen(): void
  restoreBackup(backupId: string): RestoredBackup
}

/** Options of {@link createBackupStore} (those of `openDesignLibrary` it reads). */
export interface BackupStoreOptions extends Pick<OpenDatabaseOptions, 'nativeBinding' | 'migrations' | 'backupDir'> {
  readonly path: string
  readonly dailyBackup?: boolean
  readonly backupsKept?: number
  /** Where best-effort failures are told (never throws into the caller). */
  readonly warn: (message: string) => void
}

export function createBackupStore(conn: LibraryConnection, options: BackupStoreOptions, metrics: Pick<MetricsCache, 'stop' | 'invalidateOtherEngines'>): BackupStore {
  const backupDirectory = options.backupDir ?? backupDirectoryOf(options.path)
  const keep = options.backupsKept ?? DEFAULT_BACKUPS_KEPT
  let lastBackupAtMs = 0
  let backupWarning: BackupWarning | undefined
  const now = (): string => new Date().toISOString()

  const takeLibraryBackup = (reason: BackupReason): BackupFile => {
    let made: BackupFile
    try {
      made = takeBackup(conn.db, conn.path, reason, { keep, directory: backupDirectory, nativeBinding: options.nativeBinding })
    } catch (error) {
      backupWarning = { message: `The ${reason} backup failed (${messageOf(error)}); the library itself is fine.`, at: now() }
      throw error
    }
    lastBackupAtMs = Date.now()
    backupWarning = undefined
    return made
  }

  /** `known`: the verified backups when the caller has just listed them (no second look at the folder). */
  const backupIfDue = (known?: ReadonlyArray<BackupFile>): BackupFile | undefined => {
    if (conn.readOnly || options.dailyBackup === false) return undefined
    const hasDesigns = conn.statement('SELECT 1 FROM designs LIMIT 1').get() !== undefined
    if (!hasDesigns) return undefined
    const newest = (known ?? listBackups(conn.path, backupDirectory))[0]
    const newestMs = newest === undefined ? 0 : Date.parse(newest.createdAt)
    lastBackupAtMs = Math.max(lastBackupAtMs, Number.isFinite(newestMs) ? newestMs : 0)
    if (Date.now() - lastBackupAtMs < DAILY_BACKUP_INTERVAL_MS) return undefined
    return takeLibraryBackup('daily')
  }

  /** A best-effort backup failed: warn now, and keep it for the app to show (`backupWarning`). */
  const backupFailed = (message: string): void => {
    backupWarning = { message, at: now() }
    options.warn(message)
  }

  /**
   * The entry a restored library starts with after its restored trail: which backup, where the
   * replaced file was kept, and the head of the trail it replaced (that trail is in the kept
   * copy; this chain continues the backup's, so `db verify` stays intact).
   */
  const auditRestore = (backupId: string, safetyBackupId: string, replaced: ReturnType<typeof auditHead>): void => {
    appendAudit(conn.db, {
      action: 'library.restore', entityKind: 'library', entityId: null,
      detail: {
        backupId, safetyBackupId,
        replacedTrailHead: replaced === undefined ? null : { seq: replaced.seq, hash: replaced.hash, at: replaced.at },
      },
    })
  }

  /**
   * Byte copy of a file that cannot be read as a library (and of its WAL), kept in the
   * backups' `unverified/` folder: never lost, but never listed, counted or rotated as a
   * backup, because it is not a verified one. Returns its path relative to the backups.
   */
  const keepDamagedBytes = (): string => {
    if (!existsSync(conn.path)) return ''
    const stem = basename(conn.path, extname(conn.path))
    const name = `${stem}-damaged-before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}.db`
    const folder = join(backupDirectory, QUARANTINE_FOLDER)
    mkdirSync(folder, { recursive: true })
    copyFileSync(conn.path, join(folder, name))
    if (existsSync(`${conn.path}-wal`)) copyFileSync(`${conn.path}-wal`, join(folder, `${name}-wal`))
    return `${QUARANTINE_FOLDER}/${name}`
  }

  /**
   * Keeps the current file before a restore: a verified VACUUM INTO copy when it can be read,
   * otherwise (damaged) a byte copy of the file and its WAL, so a restore never loses anything.
   */
  const keepCurrentFile = (): string => {
    if (conn.db.memory) return keepDamagedBytes()
    try {
      return takeLibraryBackup('before-restore').backupId
    } catch {
      return keepDamagedBytes()
    }
  }

  return {
    backupDirectory,
    get backupWarning() { return backupWarning },
    listBackups: () => listBackups(conn.path, backupDirectory),
    backupInventory: () => backupInventory(conn.path, backupDirectory),
    backup: (reason = 'manual') => {
      if (conn.db.memory) throw new BackupError('bad-request', `There is no readable library file to back up (${conn.readOnlyReason ?? 'placeholder'}).`)
      return takeLibraryBackup(reason)
    },
    backupIfDue: () => backupIfDue(),

    maybeDailyBackup() {
      if (options.dailyBackup === false || Date.now() - lastBackupAtMs < DAILY_BACKUP_INTERVAL_MS) return
      try {
        backupIfDue()
      } catch (error) {
        // A failed daily backup must not fail the save that triggered it; the next save retries.
        backupFailed(`The daily backup failed (${messageOf(error)}); your change was saved. The next save tries again.`)
      }
    },

    housekeepOnOpen() {
      if (conn.readOnly) return
      removeRestoreLeftovers(conn.path)
      let verified: BackupFile[] | undefined
      try {
        const tidied = tidyBackupFolder(conn.path, backupDirectory)
        for (const line of tidied.done) options.warn(`Backups: ${line}.`)
        verified = tidied.verified
      } catch (error) {
        options.warn(`The backup folder could not be tidied (${messageOf(error)}).`)
      }
      if (options.dailyBackup !== false) {
        try {
          backupIfDue(verified)
        } catch (error) {
          // Opening must not fail because the backup folder is not writable; it must say so.
          backupFailed(`The daily backup failed (${messageOf(error)}); the library itself is fine.`)
        }
      }
    },

    restoreBackup(backupId) {
      if (conn.problem === 'read-only-location' || (conn.readOnly && conn.problem === undefined)) {
        throw new LibraryReadOnlyError(conn.readOnlyReason ?? 'opened read-only')
      }
      const target = listBackups(conn.path, backupDirectory).find((b) => b.backupId === backupId)
      if (target === undefined) throw new BackupError('not-found', `No backup named ${backupId} in ${backupDirectory}.`)
      const problem = checkBackupFile(target.path, SCHEMA_VERSION, options.nativeBinding)
      if (problem !== undefined) throw new BackupError('bad-request', `The backup ${backupId} cannot be restored: ${problem}. Nothing was changed.`)
      // Stage the chosen backup next to the library first: the safety backup below rotates old
      // backups and could otherwise delete the very file being restored.
      // The process id in the names lets a later open tell a dead restore's leftovers from a
      // restore still running in another process (removeRestoreLeftovers).
      const staged = `${conn.path}.restoring-${process.pid}`
      const stagingBackups = `${conn.path}.restoring-backups-${process.pid}`
      copyFileSync(target.path, staged)
      fsyncFile(staged)
      faultPoint('restore:staged')
      try {
        const safety = keepCurrentFile()
        faultPoint('restore:safety-taken')
        if (!conn.readOnly) {
          // Writable library: bring the staged copy to this schema, then replace every row in
          // one transaction on the live connection. The connection stays valid, and another
          // process only ever sees a committed state.
          const upgraded = openDatabase(staged, { nativeBinding: options.nativeBinding, migrations: options.migrations, backupDir: stagingBackups })
          const stagedProblem = upgraded.readOnly ? upgraded.readOnlyReason : undefined
          upgraded.close()
          if (stagedProblem !== undefined) throw new BackupError('bad-request', `The backup ${backupId} cannot be restored: ${stagedProblem}. Nothing was changed.`)
          const replaced = auditHead(conn.db)
          busyAware(() => replaceAllRows(conn.db, staged, () => auditRestore(backupId, safety, replaced)))
          conn.noteWrite(`the rows of backup ${backupId}`)
        } else {
          // Read-only (damaged, unreadable, newer): the file itself is replaced and reopened;
          // every store reads the new connection from the owner from now on.
          metrics.stop()
          conn.reopen(() => {
            rmSync(`${conn.path}-wal`, { force: true })
            rmSync(`${conn.path}-shm`, { force: true })
            // The staged copy was fsynced above, so after this rename (and the folder's fsync) a
            // power cut leaves either the old file or the complete backup, never a torn one.
            renameSync(staged, conn.path)
            fsyncDirectory(dirname(conn.path))
            conn.noteWrite(`backup ${backupId} in place of the file`)
          })
          // The damaged file's trail could not be read; the restored file records the restore.
          if (!conn.readOnly) conn.writeTx(() => auditRestore(backupId, safety, undefined))
        }
        if (!conn.readOnly) metrics.invalidateOtherEngines()
        faultPoint('restore:replaced')
        return { restoredBackupId: backupId, safetyBackupId: safety, schemaVersion: conn.schemaVersion }
      } finally {
        rmSync(staged, { force: true })
        rmSync(`${staged}-wal`, { force: true })
        rmSync(`${staged}-shm`, { force: true })
        rmSync(stagingBackups, { recursive: true, force: true })
      }
    },
  }
}

/**
 * Removes what a restore killed half-way left beside the library: `<file>.restoring-<pid>`
 * staging copies (with their -wal/-shm) and `.restoring-backups-<pid>` folders whose process
 * is gone, and the un-numbered `.restoring` names older builds used. The library file itself
 * is never touched: a restore either replaced it whole (rename) or not at all.
 */
export function removeRestoreLeftovers(databasePath: string): void {
  const folder = dirname(databasePath)
  const base = basename(databasePath)
  let names: string[]
  try {
    names = readdirSync(folder)
  } catch {
    return
  }
  for (const name of names) {
    if (!name.startsWith(`${base}.restoring`)) continue
    const pid = /^\.restoring(?:-backups)?-(\d+)(?:-wal|-shm)?$/.exec(name.slice(base.length))
    const legacy = /^\.restoring(?:-backups)?(?:-wal|-shm)?$/.test(name.slice(base.length))
    if (pid === null && !legacy) continue
    if (pid !== null && processAlive(Number(pid[1]))) continue
    try {
      rmSync(join(folder, name), { recursive: true, force: true })
    } catch {
      // Read-only folder or removed meanwhile; tried again on the next open.
    }
  }
}

/**
 * Replaces every row of the live database with the rows of `sourcePath` (same schema), in
 * one IMMEDIATE transaction: tables emptied and refilled column by column, the full-text
 * index rebuilt by the version trigger, the immutability triggers (`*_immutable_delete`:
 * versions, profiles, the audit trail, approvals) dropped and recreated with their exact SQL
 * inside the transaction (so the schema afterwards is byte-identical). `afterRows` runs in
 * the same transaction (the restore's audit entry).
 */
function replaceAllRows(db: Database.Database, sourcePath: string, afterRows: () => void = () => {}): void {
  db.prepare("ATTACH DATABASE ? AS restore_source").run(sourcePath)
  try {
    const tables = (db.prepare(`SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
      AND name NOT LIKE 'design_search%'`).all() as Array<{ name: string }>).map((r) => r.name)
    const triggers = db.prepare(`SELECT name, sql FROM main.sqlite_schema WHERE type = 'trigger' AND name LIKE '%\\_immutable\\_delete' ESCAPE '\\'`)
      .all() as Array<{ name: string; sql: string }>
    // Children before parents when deleting (ON DELETE RESTRICT acts at once, even deferred),
    // parents before children when inserting. `projects` is a parent of `designs`: before it
    // was listed here, restoring a backup with a design in a project onto a healthy library
    // failed with "FOREIGN KEY constraint failed".
    const order = ['projects', 'designs', 'design_versions', 'measurements', 'design_tags', 'version_metrics', 'audit_log', 'approvals']
    const ordered = [...order.filter((t) => tables.includes(t)), ...tables.filter((t) => !order.includes(t))]
    db.transaction(() => {
      // References are checked once every table is filled (and by foreign_key_check below),
      // so a table added later whose parent comes after it in `ordered` cannot fail the insert.
      db.pragma('defer_foreign_keys = ON')
      for (const t of triggers) db.exec(`DROP TRIGGER main."${t.name}"`)
      for (const table of [...ordered].reverse()) db.exec(`DELETE FROM main."${table}"`)
      db.exec('DELETE FROM main.design_search')
      for (const table of ordered) {
        const columns = (db.prepare(`SELECT name FROM pragma_table_info(?, 'main')`).all(table) as Array<{ name: string }>).map((c) => `"${c.name}"`).join(', ')
        const orderBy = table === 'design_versions' ? ' ORDER BY design_id, version' : ''
        db.exec(`INSERT INTO main."${table}" (${columns}) SELECT ${columns} FROM restore_source."${table}"${orderBy}`)
      }
      for (const t of triggers) db.exec(t.sql)
      afterRows()
      const problems = db.prepare('PRAGMA main.foreign_key_check').all()
      if (problems.length > 0) throw new Error(`the backup has ${problems.length} broken references; nothing was changed`)
    }).immediate()
  } finally {
    db.exec('DETACH DATABASE restore_source')
  }
}
