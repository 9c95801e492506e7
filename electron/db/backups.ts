import Database from 'better-sqlite3'
import { existsSync, mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import { APPLICATION_ID } from './migrations'

/** How many backups {@link takeBackup} keeps (older ones are deleted, newest first kept). */
export const DEFAULT_BACKUPS_KEPT = 10

/** A daily backup is due when the newest backup is older than this, ms. */
export const DAILY_BACKUP_INTERVAL_MS = 24 * 60 * 60 * 1000

/** Why a backup was taken; part of its file name so a listing can say it. */
export type BackupReason = 'before-migration' | 'before-import' | 'before-restore' | 'daily' | 'manual'

/** One backup file of a library. */
export interface BackupFile {
  /** The file name: the opaque id the UI passes back (never a path from the renderer). */
  readonly backupId: string
  readonly path: string
  readonly createdAt: string
  readonly sizeBytes: number
  readonly reason: string
}

/**
 * Where the backups of the library at `databasePath` live: `backups/` next to it (the same
 * folder openDatabase uses for the pre-migration copy).
 */
export function backupDirectoryOf(databasePath: string): string {
  return join(dirname(databasePath), 'backups')
}

const STAMP = /(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)/

/** Turns the `2026-11-25T03-04-05-678Z` stamp in a file name back into an ISO time. */
function stampToIso(stamp: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/.exec(stamp)
  return m === null ? stamp : `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`
}

/**
 * Every backup of the library at `databasePath`, newest first: the rotating backups
 * (`<stem>-backup-<reason>-<stamp>.db`) and the pre-migration copies openDatabase takes
 * (`<stem>-schema-vA-before-vB-<stamp>.db`).
 */
export function listBackups(databasePath: string, directory = backupDirectoryOf(databasePath)): BackupFile[] {
  if (!existsSync(directory)) return []
  const stem = basename(databasePath, extname(databasePath))
  const out: BackupFile[] = []
  for (const name of readdirSync(directory)) {
    if (!name.startsWith(`${stem}-`) || !name.endsWith('.db')) continue
    const stamp = STAMP.exec(name)
    if (stamp === null) continue
    const rest = name.slice(stem.length + 1)
    const reason = rest.startsWith('backup-')
      ? rest.slice('backup-'.length, rest.indexOf(stamp[1]!) - 1)
      : rest.startsWith('schema-') ? 'before-migration' : 'other'
    const path = join(directory, name)
    out.push({ backupId: name, path, createdAt: stampToIso(stamp[1]!), sizeBytes: statSync(path).size, reason })
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.backupId.localeCompare(a.backupId))
}

/** Why a file cannot serve as a backup of a NanoForge library, or undefined when it can. */
export function checkBackupFile(path: string, maxSchemaVersion: number, nativeBinding?: string): string | undefined {
  let db: Database.Database | undefined
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding })
    const integrity = db.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') return `integrity_check failed: ${String(integrity)}`
    const applicationId = Number(db.pragma('application_id', { simple: true }))
    if (applicationId !== APPLICATION_ID) return `it is not a NanoForge library (application_id ${applicationId})`
    const version = Number(db.pragma('user_version', { simple: true }))
    if (version > maxSchemaVersion) return `it was written by a newer NanoForge (schema version ${version}, this build knows ${maxSchemaVersion})`
    return undefined
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  } finally {
    if (db?.open === true) db.close()
  }
}

/**
 * Writes a consistent copy of the open database with `VACUUM INTO` (includes the WAL's
 * committed content; security-and-storage.md §5 "Backups"), verifies it with
 * `integrity_check`, then deletes all but the newest `keep` backups.
 *
 * Why VACUUM INTO over copying the file: copying the .db while the -wal has content gives a
 * stale or torn copy (sqlite.org/howtocorrupt.html).
 */
export function takeBackup(
  db: Database.Database, databasePath: string, reason: BackupReason,
  options: { readonly keep?: number; readonly directory?: string; readonly nativeBinding?: string; readonly now?: Date } = {},
): BackupFile {
  const directory = options.directory ?? backupDirectoryOf(databasePath)
  mkdirSync(directory, { recursive: true })
  const stem = basename(databasePath, extname(databasePath))
  const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-')
  let name = `${stem}-backup-${reason}-${stamp}.db`
  for (let n = 2; existsSync(join(directory, name)); n++) name = `${stem}-backup-${reason}-${stamp}-${n}.db`
  const path = join(directory, name)
  db.prepare('VACUUM INTO ?').run(path)
  const problem = checkBackupFile(path, Number.MAX_SAFE_INTEGER, options.nativeBinding)
  if (problem !== undefined) {
    unlinkSync(path)
    throw new Error(`The backup ${name} failed its check (${problem}) and was removed.`)
  }
  rotateBackups(databasePath, options.keep ?? DEFAULT_BACKUPS_KEPT, directory)
  const created = listBackups(databasePath, directory).find((b) => b.backupId === name)
  return created ?? { backupId: name, path, createdAt: new Date().toISOString(), sizeBytes: statSync(path).size, reason }
}

/** Deletes all but the newest `keep` backups of the library. */
export function rotateBackups(databasePath: string, keep: number, directory = backupDirectoryOf(databasePath)): void {
  const all = listBackups(databasePath, directory)
  for (const old of all.slice(Math.max(1, keep))) {
    try {
      unlinkSync(old.path)
    } catch {
      // Already gone or locked: rotation retries next time.
    }
  }
}
