import Database from 'better-sqlite3'
import {
  closeSync, existsSync, mkdirSync, openSync, readSync, readdirSync, renameSync, statSync, unlinkSync,
} from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import { messageOf } from '../../shared/ipc/result'
import { APPLICATION_ID } from './migrations'
import { faultPoint } from './faults'
import { BackupFailedError } from './errors'
import { processAlive, publishFile, removeQuietly } from './files'

export { BackupFailedError } from './errors'

/** How many backups {@link takeBackup} keeps (older ones are deleted, newest first kept). */
export const DEFAULT_BACKUPS_KEPT = 10

/** A daily backup is due when the newest backup is older than this, ms. */
export const DAILY_BACKUP_INTERVAL_MS = 24 * 60 * 60 * 1000

/**
 * Name of the folder inside the backup folder where files that look like backups but fail
 * verification are moved (never deleted: a user may still want to look at them).
 */
export const QUARANTINE_FOLDER = 'unverified'

/** A `.partial` file of a live process is left alone for this long, ms (then it is a leftover). */
const PARTIAL_GRACE_MS = 10 * 60 * 1000

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

/** A file in the backup folder named like a backup of this library, verified or not. */
interface BackupCandidate extends BackupFile {
  /** Why it cannot serve as a backup, or undefined when its structure checks out. */
  readonly problem: string | undefined
}

/** The names in the backup folder (one directory read), or none when it does not exist. */
function folderNames(directory: string): string[] {
  return existsSync(directory) ? readdirSync(directory) : []
}

/**
 * Every file named like a backup of the library (`<stem>-backup-…` or `<stem>-schema-…`,
 * `.db`) among `names` (the folder's listing, read once by the caller), each checked.
 */
function backupCandidates(databasePath: string, directory: string, names: ReadonlyArray<string> = folderNames(directory)): BackupCandidate[] {
  const stem = basename(databasePath, extname(databasePath))
  const out: BackupCandidate[] = []
  for (const name of names) {
    if (!name.startsWith(`${stem}-`) || !name.endsWith('.db')) continue
    const stamp = STAMP.exec(name)
    if (stamp === null) continue
    const rest = name.slice(stem.length + 1)
    const reason = rest.startsWith('backup-')
      ? rest.slice('backup-'.length, rest.indexOf(stamp[1]!) - 1)
      : rest.startsWith('schema-') ? 'before-migration' : 'other'
    const path = join(directory, name)
    let sizeBytes: number
    try {
      const stat = statSync(path)
      if (!stat.isFile()) continue
      sizeBytes = stat.size
    } catch {
      continue // removed meanwhile by another process's rotation
    }
    out.push({ backupId: name, path, createdAt: stampToIso(stamp[1]!), sizeBytes, reason, problem: backupHeaderProblem(path, sizeBytes) })
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.backupId.localeCompare(a.backupId))
}

/**
 * Every verified backup of the library at `databasePath`, newest first: the rotating backups
 * (`<stem>-backup-<reason>-<stamp>.db`) and the pre-migration copies openDatabase takes
 * (`<stem>-schema-vA-before-vB-<stamp>.db`).
 *
 * "Verified" here is the structural check of {@link backupHeaderProblem} (complete length,
 * NanoForge application_id, a schema version), cheap enough for every listing: it rejects a
 * 0-byte file from a full disk, a copy cut short by a kill, and foreign files. Every backup
 * this code writes also passed `integrity_check` before it got its name, and a restore runs
 * `integrity_check` again before touching the library.
 */
export function listBackups(databasePath: string, directory = backupDirectoryOf(databasePath)): BackupFile[] {
  return verifiedOnly(backupCandidates(databasePath, directory))
}

/** A file in the backup folder that is not offered as a backup, and why. */
export interface UnverifiedBackup {
  readonly file: string
  readonly problem: string
}

/** What the backup folder holds: the verified backups (newest first) and the files kept but not offered. */
export interface BackupInventory {
  readonly backups: BackupFile[]
  readonly unverified: UnverifiedBackup[]
}

/**
 * The verified backups and, with why, the files that are not offered as backups: files named
 * like backups that fail verification (not yet moved aside) and everything in `unverified/`.
 * Read only, from one look at the folder; for `db backups`, so a user knows they exist.
 */
export function backupInventory(databasePath: string, directory = backupDirectoryOf(databasePath)): BackupInventory {
  const candidates = backupCandidates(databasePath, directory)
  const unverified: UnverifiedBackup[] = candidates
    .filter((c) => c.problem !== undefined)
    .map((c) => ({ file: c.backupId, problem: c.problem! }))
  const quarantine = join(directory, QUARANTINE_FOLDER)
  if (existsSync(quarantine)) {
    for (const name of readdirSync(quarantine).sort()) {
      unverified.push({ file: `${QUARANTINE_FOLDER}/${name}`, problem: 'kept aside: it failed verification, or is the damaged file a restore replaced' })
    }
  }
  return { backups: verifiedOnly(candidates), unverified }
}

/** Files in the backup folder that are not offered as backups ({@link backupInventory}). */
export function listUnverifiedBackups(databasePath: string, directory = backupDirectoryOf(databasePath)): UnverifiedBackup[] {
  return backupInventory(databasePath, directory).unverified
}

/** The candidates that passed verification, without their check result. */
function verifiedOnly(candidates: ReadonlyArray<BackupCandidate>): BackupFile[] {
  return candidates.filter((c) => c.problem === undefined).map(({ problem: _p, ...file }) => file)
}

/**
 * Why a file's first 100 bytes and length show it is not a complete NanoForge library copy,
 * or undefined when they agree. Reads only the header (sqlite.org/fileformat2.html §1.3):
 * page size at offset 16, change counter 24, page count 28 (valid when the
 * version-valid-for number at 92 equals the change counter), user_version 60,
 * application_id 68.
 */
export function backupHeaderProblem(path: string, sizeBytes: number): string | undefined {
  if (sizeBytes < 512) return `it is only ${sizeBytes} bytes long`
  const header = Buffer.alloc(100)
  let fd: number | undefined
  try {
    fd = openSync(path, 'r')
    if (readSync(fd, header, 0, 100, 0) < 100) return 'its header is incomplete'
  } catch (error) {
    return messageOf(error)
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
  if (header.toString('latin1', 0, 16) !== 'SQLite format 3\u0000') return 'it is not an SQLite file'
  const rawPageSize = header.readUInt16BE(16)
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize
  const changeCounter = header.readUInt32BE(24)
  const pageCount = header.readUInt32BE(28)
  const validFor = header.readUInt32BE(92)
  if (validFor !== changeCounter || pageCount === 0) return 'its header does not record its length'
  if (pageCount * pageSize !== sizeBytes) return `it is cut short or padded (${sizeBytes} bytes, the header says ${pageCount * pageSize})`
  const applicationId = header.readUInt32BE(68)
  if (applicationId !== APPLICATION_ID) return `it is not a NanoForge library (application_id ${applicationId})`
  if (header.readUInt32BE(60) < 1) return 'it has no schema version'
  return undefined
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
    if (version < 1) return 'it has no schema version'
    if (version > maxSchemaVersion) return `it was written by a newer NanoForge (schema version ${version}, this build knows ${maxSchemaVersion})`
    return undefined
  } catch (error) {
    return messageOf(error)
  } finally {
    if (db?.open === true) db.close()
  }
}

/**
 * Writes a consistent copy of `db` to `target` without ever leaving an unverified file under
 * a backup's name: `VACUUM INTO` a temporary `.partial-<pid>` name (it does not end in `.db`,
 * so no listing sees it), `integrity_check` + application_id + schema version, fsync, rename
 * to `target`, fsync the folder. A kill at any step leaves at most the `.partial` file, which
 * {@link cleanBackupDirectory} removes later. Throws (after removing the partial file) when
 * any step fails, e.g. a full disk.
 *
 * Why VACUUM INTO over copying the file: copying the .db while the -wal has content gives a
 * stale or torn copy (sqlite.org/howtocorrupt.html); VACUUM INTO reads one consistent
 * snapshot including the WAL (sqlite.org/lang_vacuum.html#vacuuminto).
 */
export function writeVerifiedCopy(
  db: Database.Database, target: string, options: { readonly maxSchemaVersion?: number; readonly nativeBinding?: string } = {},
): void {
  const partial = `${target}.partial-${process.pid}`
  try {
    db.prepare('VACUUM INTO ?').run(partial)
    faultPoint('backup:written')
    const problem = checkBackupFile(partial, options.maxSchemaVersion ?? Number.MAX_SAFE_INTEGER, options.nativeBinding)
    if (problem !== undefined) throw new Error(`the copy failed its check (${problem})`)
    faultPoint('backup:verified')
    publishFile(partial, target)
  } catch (error) {
    removeQuietly(partial)
    throw error
  }
}

/**
 * Takes a verified backup of the open database ({@link writeVerifiedCopy}), then deletes all
 * but the newest `keep` verified backups.
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
  try {
    writeVerifiedCopy(db, path, { nativeBinding: options.nativeBinding })
  } catch (error) {
    throw new BackupFailedError(`The backup ${name} could not be written in ${directory}: ${messageOf(error)}`, error)
  }
  faultPoint('backup:renamed')
  const kept = rotateBackups(databasePath, options.keep ?? DEFAULT_BACKUPS_KEPT, directory)
  const created = kept.find((b) => b.backupId === name)
  return created ?? { backupId: name, path, createdAt: new Date().toISOString(), sizeBytes: statSync(path).size, reason }
}


/**
 * Deletes all but the newest `keep` verified backups and returns the ones kept (newest
 * first). Files that fail verification are never counted (so they can never push out a good
 * backup) and are moved aside by {@link tidyBackupFolder}, from the same look at the folder.
 */
export function rotateBackups(databasePath: string, keep: number, directory = backupDirectoryOf(databasePath)): BackupFile[] {
  const { verified } = tidyBackupFolder(databasePath, directory)
  for (const old of verified.slice(Math.max(1, keep))) removeQuietly(old.path)
  return verified.slice(0, Math.max(1, keep))
}

/** What {@link tidyBackupFolder} did, and the verified backups it found (newest first). */
export interface TidiedBackupFolder {
  /** One line per file removed or moved aside, for a warning. */
  readonly done: string[]
  readonly verified: BackupFile[]
}

/**
 * Tidies the backup folder of a library: removes `.partial-<pid>` files whose writer is gone
 * (or that are older than 10 minutes), and moves files named like backups that fail
 * verification into `unverified/` (kept, never listed or counted). Returns what it did, one
 * line per file, for a warning.
 */
export function cleanBackupDirectory(databasePath: string, directory = backupDirectoryOf(databasePath)): string[] {
  return tidyBackupFolder(databasePath, directory).done
}

/**
 * {@link cleanBackupDirectory} that also returns the verified backups, all from one reading
 * of the folder. Why: opening the library, taking a backup and rotating used to list the
 * folder (and read every backup's header) up to seven times per command.
 */
export function tidyBackupFolder(databasePath: string, directory = backupDirectoryOf(databasePath)): TidiedBackupFolder {
  const names = folderNames(directory)
  const stem = basename(databasePath, extname(databasePath))
  const done: string[] = []
  for (const name of names) {
    // VACUUM INTO also writes a rollback journal beside its target (`…partial-<pid>-journal`).
    const partial = /\.db\.partial-(\d+)(-journal|-wal|-shm)?$/.exec(name)
    if (!name.startsWith(`${stem}-`) || partial === null) continue
    const path = join(directory, name)
    try {
      const ageMs = Date.now() - statSync(path).mtimeMs
      if (processAlive(Number(partial[1])) && ageMs < PARTIAL_GRACE_MS) continue
      unlinkSync(path)
      done.push(`removed the unfinished backup ${name}`)
    } catch {
      // Gone meanwhile.
    }
  }
  const candidates = backupCandidates(databasePath, directory, names)
  for (const bad of candidates.filter((c) => c.problem !== undefined)) {
    try {
      const quarantine = join(directory, QUARANTINE_FOLDER)
      mkdirSync(quarantine, { recursive: true })
      renameSync(bad.path, join(quarantine, bad.backupId))
      done.push(`moved ${bad.backupId} to ${QUARANTINE_FOLDER}/ (${bad.problem ?? ''})`)
    } catch {
      // Another process moved it first, or the folder is read-only: it stays unlisted anyway.
    }
  }
  return { done, verified: verifiedOnly(candidates) }
}
