import Database from 'better-sqlite3'
import { accessSync, closeSync, constants as fsConstants, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import { APPLICATION_ID, MIGRATIONS, type Migration } from './migrations'
import { writeVerifiedCopy } from './backups'
import { messageOf } from '../../shared/ipc/result'

/** Busy timeout: wait this long for another connection's lock instead of failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000

/** Cap on the WAL file left behind after a checkpoint (docs/security.md §5, "Checkpoint"). */
export const JOURNAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024

/** `PRAGMA synchronous` value FULL: every commit is fsynced, so a save survives a power cut. */
const SYNCHRONOUS_FULL = 2

/** The 16-byte magic at the start of every SQLite 3 file. */
const SQLITE_HEADER = 'SQLite format 3\u0000'

/**
 * Largest library read into memory when its folder cannot be written (read-only media).
 * Why a bound: the copy lives in RAM; a library of 10,000 designs is ~50 MB.
 */
export const MAX_IN_MEMORY_LIBRARY_BYTES = 1024 * 1024 * 1024

/**
 * `PRAGMA fullfsync` on macOS: there `fsync()` does not flush the drive's cache, so a commit
 * is durable only with F_FULLFSYNC (sqlite.org/pragma.html#pragma_fullfsync; Apple's fsync(2)
 * man page). Elsewhere the pragma has no effect and stays 0.
 */
export const FULLFSYNC = process.platform === 'darwin' ? 1 : 0

/**
 * Why a file could not be opened for writing, as a machine-readable kind (the reason text
 * says it in words). Callers decide from it: the CLI refuses `not-a-library` as bad input,
 * a read command fails on `missing`, and everything else opens read-only with the reason.
 */
export type OpenProblem =
  | 'missing' | 'not-a-library' | 'foreign' | 'damaged' | 'newer' | 'read-only-location' | 'unreadable'
  | 'settings' | 'upgrade-failed'

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** Path to a better-sqlite3 `.node` build (Electron ships one rebuilt for its ABI). */
  readonly nativeBinding?: string
  /**
   * Open without writing anything: no settings, no migrations, no WAL attached or
   * checkpointed. Read commands use it, so they never wait for (or block) a writer.
   */
  readonly readonly?: boolean
  /** The schema steps to apply; defaults to {@link MIGRATIONS}. Tests pass longer lists. */
  readonly migrations?: ReadonlyArray<Migration>
  /** Where the pre-migration backup goes; defaults to `backups/` next to the database. */
  readonly backupDir?: string
}

/** An open database connection plus what the open found out about the file. */
export interface OpenedDatabase {
  readonly db: Database.Database
  /** The file asked for (also when a placeholder is open instead of it). */
  readonly path: string
  /** True when nothing may be written; {@link readOnlyReason} says why in a user's words. */
  readonly readOnly: boolean
  readonly readOnlyReason: string | undefined
  /**
   * What is wrong with the file, when something is (undefined for a healthy file, also when
   * it was opened read-only on request).
   */
  readonly problem: OpenProblem | undefined
  /** `user_version` of the file before any migration ran (0 for a new file). */
  readonly fileSchemaVersion: number
  /** `user_version` after opening (equal to the newest migration when writable). */
  readonly schemaVersion: number
  /** The backup taken before migrating an existing file, if one was taken. */
  readonly backupPath: string | undefined
  /** Checkpoints the WAL into the main file (TRUNCATE) and closes the connection. */
  readonly close: () => void
}

/** The connection settings as read back from SQLite (see {@link readDatabaseSettings}). */
export interface DatabaseSettings {
  readonly journalMode: string
  readonly synchronous: number
  readonly foreignKeys: number
  readonly busyTimeoutMs: number
  readonly applicationId: number
  readonly journalSizeLimitBytes: number
  readonly userVersion: number
  /** 1 on macOS (F_FULLFSYNC on every commit and checkpoint), 0 elsewhere. */
  readonly fullFsync: number
}

/**
 * Reads the connection settings back from SQLite.
 *
 * Why: a better-sqlite3 upgrade or a different build (Electron's) must not silently change
 * durability; the open asserts these values and the tests check them
 * (docs/security.md §5, test 6).
 */
export function readDatabaseSettings(db: Database.Database): DatabaseSettings {
  return {
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    synchronous: Number(db.pragma('synchronous', { simple: true })),
    foreignKeys: Number(db.pragma('foreign_keys', { simple: true })),
    busyTimeoutMs: Number(db.pragma('busy_timeout', { simple: true })),
    applicationId: Number(db.pragma('application_id', { simple: true })),
    journalSizeLimitBytes: Number(db.pragma('journal_size_limit', { simple: true })),
    userVersion: Number(db.pragma('user_version', { simple: true })),
    fullFsync: Number(db.pragma('fullfsync', { simple: true })),
  }
}

/**
 * Opens (creating if needed) the design library file with the settings a lab can trust.
 *
 * Why each step (docs/security.md §5):
 * - WAL, `synchronous=FULL`, `foreign_keys=ON`, busy timeout, `journal_size_limit` on every
 *   open, read back and asserted: a commit must survive a power cut.
 * - `quick_check` first; a file that is not SQLite, is damaged, belongs to another
 *   application, or was written by a newer schema is never written to: it opens read-only
 *   with a reason (or, when it cannot be read at all, an empty read-only placeholder opens
 *   so the app still starts and can say what is wrong).
 * - Migrations keyed on `user_version`, each in its own transaction that also sets
 *   `user_version`; an existing file is copied to a verified backup first.
 *
 * The backup uses `VACUUM INTO`, SQLite's synchronous consistent-copy command (§5 lists it
 * beside `db.backup`), so opening stays synchronous for the CLI and the main process.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  const migrations = options.migrations ?? MIGRATIONS
  const knownVersion = migrations.length > 0 ? migrations[migrations.length - 1]!.version : 0
  const existing = existsSync(path) && statSync(path).size > 0

  if (existing) {
    const problem = headerProblem(path)
    if (problem !== undefined) {
      return openPlaceholder(path, options, migrations,
        `${path} is not a NanoForge design library (${problem}). It was left untouched. ` +
        'Choose another file, or move this one away to start a new library.', 'not-a-library')
    }
  }

  if (options.readonly === true && !existing) {
    return openPlaceholder(path, options, migrations, `${path} does not exist; nothing to read.`, 'missing')
  }

  // Look before writing anything: a read-only connection decides whether this file may be
  // written at all, so a foreign, damaged or newer file never gets even a WAL attached.
  let fileVersion = 0
  if (existing) {
    let inspection: FileInspection
    try {
      inspection = inspectFile(path, options, options.readonly !== true)
    } catch (error) {
      const location = readOnlyLocation(path)
      if (location !== undefined) return openFromReadOnlyLocation(path, options, migrations, location)
      const code = (error as { code?: unknown }).code
      if (typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code)) {
        return openPlaceholder(path, options, migrations,
          `${path} is damaged (${messageOf(error)}). It was left untouched; restore a backup (nanoforge db backups, db restore).`, 'damaged')
      }
      return openPlaceholder(path, options, migrations,
        `${path} could not be read as a NanoForge design library (${messageOf(error)}). It was left untouched.`, 'unreadable')
    }
    if (inspection.damage !== undefined) {
      const problem = `${path} is damaged (quick_check: ${inspection.damage}).`
      return openReadOnlyFile(path, options, migrations,
        `${problem} It opened read-only so nothing more is lost; copy your designs out or restore a backup.`, 'damaged', problem)
    }
    if (inspection.userVersion > knownVersion) {
      return openReadOnlyFile(path, options, migrations,
        `${path} was written by a newer NanoForge (library schema version ${inspection.userVersion}); this ` +
        `version of NanoForge knows schema version ${knownVersion}. It opened read-only: update ` +
        'NanoForge to change it.', 'newer')
    }
    const fresh = inspection.applicationId === 0 && inspection.userVersion === 0 && inspection.empty
    if (inspection.applicationId !== APPLICATION_ID && !fresh) {
      return openReadOnlyFile(path, options, migrations,
        `${path} is an SQLite database of another application (application_id ${inspection.applicationId}), ` +
        'not a NanoForge design library. It opened read-only and was left untouched.', 'foreign')
    }
    if (options.readonly === true) {
      if (fresh) {
        return openPlaceholder(path, options, migrations, `${path} is an empty SQLite file, not a NanoForge design library yet.`, 'not-a-library')
      }
      return openReadOnlyFile(path, options, migrations, 'The library was opened read-only on request.', undefined)
    }
    fileVersion = inspection.userVersion
    const location = readOnlyLocation(path)
    if (location !== undefined) {
      return openReadOnlyFile(path, options, migrations, readOnlyLocationReason(path, location), 'read-only-location')
    }
  }

  try {
    mkdirSync(dirname(path), { recursive: true })
  } catch (error) {
    return openPlaceholder(path, options, migrations, `The folder of ${path} cannot be created: ${messageOf(error)}.`, 'read-only-location')
  }
  let db: Database.Database
  try {
    db = new Database(path, { nativeBinding: options.nativeBinding, timeout: BUSY_TIMEOUT_MS })
  } catch (error) {
    const location = readOnlyLocation(path)
    if (location !== undefined && !existing) {
      return openPlaceholder(path, options, migrations, readOnlyLocationReason(path, location), 'read-only-location')
    }
    return openPlaceholder(path, options, migrations, `${path} could not be opened for writing: ${messageOf(error)}.`, 'unreadable')
  }

  try {
    const settingsProblem = applyDurableSettings(db)
    if (settingsProblem !== undefined) {
      closeQuietly(db, false)
      return openReadOnlyFile(path, options, migrations,
        `The settings that make saves durable could not be applied to ${path} (${settingsProblem}); ` +
        'it opened read-only so nothing is saved without them.', 'settings')
    }

    let backupPath: string | undefined
    if (fileVersion < knownVersion) {
      if (fileVersion > 0) {
        try {
          backupPath = backupBeforeMigration(db, path, fileVersion, knownVersion, options)
        } catch (error) {
          closeQuietly(db, false)
          return openReadOnlyFile(path, options, migrations,
            `${path} needs an upgrade from schema version ${fileVersion} to ${knownVersion}, but the ` +
            `backup taken first failed (${messageOf(error)}), so it was not upgraded and opened read-only.`, 'upgrade-failed')
        }
      }
      try {
        applyMigrations(db, migrations, fileVersion)
      } catch (error) {
        const reached = Number(db.pragma('user_version', { simple: true }))
        closeQuietly(db, false)
        return openReadOnlyFile(path, options, migrations,
          `Upgrading ${path} to schema version ${knownVersion} failed at the step after version ${reached} ` +
          `(${messageOf(error)}). That step was rolled back` +
          `${backupPath !== undefined ? ` and a backup is at ${backupPath}` : ''}; it opened read-only.`, 'upgrade-failed')
      }
    }

    const finalVersion = Number(db.pragma('user_version', { simple: true }))
    const finalApplicationId = Number(db.pragma('application_id', { simple: true }))
    if (finalVersion !== knownVersion || finalApplicationId !== APPLICATION_ID) {
      throw new Error(
        `After opening ${path}: user_version ${finalVersion} (expected ${knownVersion}), ` +
        `application_id ${finalApplicationId} (expected ${APPLICATION_ID}).`)
    }
    return {
      db, path, readOnly: false, readOnlyReason: undefined, problem: undefined,
      fileSchemaVersion: fileVersion, schemaVersion: finalVersion, backupPath,
      close: () => closeQuietly(db, true),
    }
  } catch (error) {
    if (db.open) db.close()
    throw error
  }
}

/** What a read-only look at an existing file found. */
interface FileInspection {
  readonly damage: string | undefined
  readonly userVersion: number
  readonly applicationId: number
  readonly empty: boolean
}

/**
 * Reads header fields and (before writing) runs `quick_check` on a read-only connection;
 * throws when the file cannot be read at all.
 *
 * Why no quick_check for a read-only open: it reads every page (about a second on a library
 * of 100,000 designs) and a read changes nothing; damage a query meets there still surfaces
 * as SQLite's "malformed" error, which the CLI reports as `io`/`damaged`.
 */
function inspectFile(path: string, options: OpenDatabaseOptions, check: boolean): FileInspection {
  const db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding, timeout: BUSY_TIMEOUT_MS })
  try {
    const damage = check ? quickCheckProblem(db) : undefined
    if (damage !== undefined) return { damage, userVersion: 0, applicationId: 0, empty: false }
    return {
      damage: undefined,
      userVersion: Number(db.pragma('user_version', { simple: true })),
      applicationId: Number(db.pragma('application_id', { simple: true })),
      empty: isEmptySchema(db),
    }
  } finally {
    db.close()
  }
}

/**
 * Why the file at `path` cannot be written where it is (a read-only medium or folder, a
 * write-protected file), or undefined when it can.
 *
 * Why `access(W_OK)` and not an attempted write: it answers EROFS for read-only media even
 * for root, and asks without creating anything. SQLite needs to create `-wal` and `-shm`
 * beside the file, so the folder must be writable too.
 */
export function readOnlyLocation(path: string): string | undefined {
  for (const target of [dirname(path), path]) {
    if (target === path && !existsSync(path)) continue
    try {
      accessSync(target, fsConstants.W_OK)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EROFS') return `${target} is on a read-only medium`
      if (code === 'EACCES' || code === 'EPERM') return `${target} is not writable by this user`
      if (code === 'ENOENT') continue
      return `${target} cannot be written (${code ?? messageOf(error)})`
    }
  }
  return undefined
}

function readOnlyLocationReason(path: string, why: string): string {
  return `read-only location: ${why}. ${path} opened read-only and the file itself is fine; copy it to a writable folder to change it.`
}

/**
 * Opens a healthy library whose folder cannot be written. SQLite cannot create the `-shm`
 * file a WAL database needs even to read it, so the file is read into memory and opened from
 * there (`sqlite3_deserialize` through better-sqlite3's Buffer constructor), with the header's
 * WAL flag set back to rollback mode in the copy only (bytes 18-19; sqlite.org/fileformat2.html
 * §1.3.4). The file itself is never written.
 */
function openFromReadOnlyLocation(
  path: string, options: OpenDatabaseOptions, migrations: ReadonlyArray<Migration>, why: string,
): OpenedDatabase {
  const reason = readOnlyLocationReason(path, why)
  const walBytes = existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0
  if (walBytes > 0) {
    return openPlaceholder(path, options, migrations,
      `${reason} Its last changes are still in ${path}-wal, which cannot be merged here; copy the folder to a writable place to read them.`,
      'read-only-location')
  }
  const size = statSync(path).size
  if (size > MAX_IN_MEMORY_LIBRARY_BYTES) {
    return openPlaceholder(path, options, migrations, `${reason} It is too large (${size} bytes) to read into memory here.`, 'read-only-location')
  }
  let db: Database.Database | undefined
  try {
    const bytes = readFileSync(path)
    if (bytes[18] === 2) bytes[18] = 1
    if (bytes[19] === 2) bytes[19] = 1
    db = new Database(bytes, { readonly: true, nativeBinding: options.nativeBinding })
    const damage = quickCheckProblem(db)
    const applicationId = Number(db.pragma('application_id', { simple: true }))
    const version = Number(db.pragma('user_version', { simple: true }))
    const knownVersion = migrations.length > 0 ? migrations[migrations.length - 1]!.version : 0
    if (damage !== undefined) {
      db.close()
      return openPlaceholder(path, options, migrations, `${path} is damaged (quick_check: ${damage}) and on a read-only location.`, 'damaged')
    }
    if (applicationId !== APPLICATION_ID) {
      db.close()
      return openPlaceholder(path, options, migrations,
        `${path} is not a NanoForge design library (application_id ${applicationId}). It was left untouched.`, 'not-a-library')
    }
    db.pragma('query_only = ON')
    const opened = db
    return {
      db: opened, path, readOnly: true,
      readOnlyReason: version > knownVersion ? `${reason} It was also written by a newer NanoForge (schema version ${version}).` : reason,
      problem: 'read-only-location', fileSchemaVersion: version, schemaVersion: version, backupPath: undefined,
      close: () => closeQuietly(opened, false),
    }
  } catch (error) {
    if (db?.open === true) db.close()
    return openPlaceholder(path, options, migrations, `${reason} It cannot be read either (${messageOf(error)}).`, 'unreadable')
  }
}

/** Sets and reads back the durability settings; returns a problem description or undefined. */
function applyDurableSettings(db: Database.Database): string | undefined {
  const journalMode = String(db.pragma('journal_mode = WAL', { simple: true }))
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`)
  db.pragma(`fullfsync = ${FULLFSYNC}`)
  db.pragma(`checkpoint_fullfsync = ${FULLFSYNC}`)
  const s = readDatabaseSettings(db)
  const problems: string[] = []
  if (journalMode.toLowerCase() !== 'wal' || s.journalMode.toLowerCase() !== 'wal') problems.push(`journal_mode is '${s.journalMode}', expected 'wal'`)
  if (s.synchronous !== SYNCHRONOUS_FULL) problems.push(`synchronous is ${s.synchronous}, expected ${SYNCHRONOUS_FULL} (FULL)`)
  if (s.foreignKeys !== 1) problems.push('foreign_keys is off')
  if (s.busyTimeoutMs !== BUSY_TIMEOUT_MS) problems.push(`busy_timeout is ${s.busyTimeoutMs} ms, expected ${BUSY_TIMEOUT_MS}`)
  if (s.journalSizeLimitBytes !== JOURNAL_SIZE_LIMIT_BYTES) problems.push(`journal_size_limit is ${s.journalSizeLimitBytes}`)
  if (s.fullFsync !== FULLFSYNC) problems.push(`fullfsync is ${s.fullFsync}, expected ${FULLFSYNC}`)
  return problems.length > 0 ? problems.join('; ') : undefined
}

/** Runs every migration above `fromVersion`, each in its own transaction with its user_version. */
function applyMigrations(db: Database.Database, migrations: ReadonlyArray<Migration>, fromVersion: number): void {
  for (const migration of migrations) {
    if (migration.version <= fromVersion) continue
    const step = db.transaction(() => {
      migration.up(db)
      db.pragma(`application_id = ${APPLICATION_ID}`)
      db.pragma(`user_version = ${migration.version}`)
    })
    step.immediate()
  }
}

/**
 * Copies the database to a new file with `VACUUM INTO` and verifies the copy with
 * `integrity_check` before any migration touches the original (temporary name, verified,
 * fsynced, renamed: see `writeVerifiedCopy`).
 */
function backupBeforeMigration(
  db: Database.Database, path: string, fromVersion: number, toVersion: number, options: OpenDatabaseOptions,
): string {
  const dir = options.backupDir ?? join(dirname(path), 'backups')
  mkdirSync(dir, { recursive: true })
  const stem = basename(path, extname(path))
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  let target = join(dir, `${stem}-schema-v${fromVersion}-before-v${toVersion}-${stamp}.db`)
  for (let n = 2; existsSync(target); n++) {
    target = join(dir, `${stem}-schema-v${fromVersion}-before-v${toVersion}-${stamp}-${n}.db`)
  }
  writeVerifiedCopy(db, target, { nativeBinding: options.nativeBinding })
  return target
}

/** Opens the real file read-only; if even reading fails, falls back to the placeholder. */
function openReadOnlyFile(
  path: string, options: OpenDatabaseOptions, migrations: ReadonlyArray<Migration>, reason: string,
  problem: OpenProblem | undefined, problemText: string = reason,
): OpenedDatabase {
  let db: Database.Database | undefined
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding, timeout: BUSY_TIMEOUT_MS })
    db.pragma('query_only = ON')
    db.pragma('foreign_keys = ON')
    const version = Number(db.pragma('user_version', { simple: true }))
    db.prepare('SELECT count(*) FROM sqlite_schema').get()
    const opened = db
    return {
      db: opened, path, readOnly: true, readOnlyReason: reason, problem,
      fileSchemaVersion: version, schemaVersion: version, backupPath: undefined,
      close: () => closeQuietly(opened, false),
    }
  } catch (error) {
    if (db?.open === true) db.close()
    const location = readOnlyLocation(path)
    if (location !== undefined && (problem === undefined || problem === 'read-only-location')) {
      return openFromReadOnlyLocation(path, options, migrations, location)
    }
    return openPlaceholder(path, options, migrations,
      `${problemText} It cannot be read either (${messageOf(error)}); the file was left untouched and an empty ` +
      'read-only library stands in for it. Restore a backup or choose another file.', problem ?? 'unreadable')
  }
}

/**
 * An empty, current-schema, read-only in-memory library standing in for a file that cannot
 * be read at all, so the app and the CLI can start and show `reason` instead of crashing.
 */
function openPlaceholder(
  path: string, options: OpenDatabaseOptions, migrations: ReadonlyArray<Migration>, reason: string, problem: OpenProblem,
): OpenedDatabase {
  const db = new Database(':memory:', { nativeBinding: options.nativeBinding })
  db.pragma('foreign_keys = ON')
  applyMigrations(db, migrations, 0)
  db.pragma('query_only = ON')
  const version = Number(db.pragma('user_version', { simple: true }))
  return {
    db, path, readOnly: true, readOnlyReason: reason, problem,
    fileSchemaVersion: 0, schemaVersion: version, backupPath: undefined,
    close: () => closeQuietly(db, false),
  }
}

/** Why the first bytes show the file is not SQLite 3, or undefined when they look right. */
function headerProblem(path: string): string | undefined {
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.alloc(100)
    const bytes = readSync(fd, buffer, 0, 100, 0)
    if (bytes < 100) return `it is only ${bytes} bytes long`
    if (buffer.toString('latin1', 0, 16) !== SQLITE_HEADER) return 'it is not an SQLite file'
    return undefined
  } finally {
    closeSync(fd)
  }
}

/** `PRAGMA quick_check`; returns the first problems found, or undefined when 'ok'. */
function quickCheckProblem(db: Database.Database): string | undefined {
  try {
    const rows = db.pragma('quick_check') as Array<Record<string, unknown>>
    const messages = rows.map((r) => String(Object.values(r)[0]))
    if (messages.length === 1 && messages[0] === 'ok') return undefined
    return messages.slice(0, 3).join('; ')
  } catch (error) {
    // Only SQLite's own damage codes mean damage. "unable to open database file" on a
    // read-only medium (no -shm can be created) or a busy lock is about the location, not the
    // file, and must not be reported as "damaged" (issue 11 item 3).
    const code = (error as { code?: unknown }).code
    if (typeof code === 'string' && !/^SQLITE_(CORRUPT|NOTADB)/.test(code)) throw error
    return messageOf(error)
  }
}

function isEmptySchema(db: Database.Database): boolean {
  const row = db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }
  return row.n === 0
}

function closeQuietly(db: Database.Database, checkpoint: boolean): void {
  if (!db.open) return
  if (checkpoint) {
    try {
      // Without waiting: a TRUNCATE checkpoint otherwise waits the whole busy timeout for
      // another writer, which made every command under a lock 5 s slower for nothing.
      db.pragma('busy_timeout = 0')
      db.pragma('wal_checkpoint(TRUNCATE)')
    } catch {
      // Another connection may hold the WAL; SQLite checkpoints at the next opportunity.
    }
  }
  db.close()
}

