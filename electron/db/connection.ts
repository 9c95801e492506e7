import type Database from 'better-sqlite3'
import { openDatabase, type OpenDatabaseOptions, type OpenedDatabase, type OpenProblem } from './database'
import { LibraryBusyError, LibraryReadOnlyError } from './errors'

/**
 * The one owner of a library's SQLite connection: it opens (and migrates) the file, knows
 * whether it is read-only and why, reopens it after a backup restore replaced the file, and
 * closes it. Every store of the library (designs, listing, trash, projects, tags and notes,
 * metrics cache, backups; and the sibling stores through `DesignLibrary.connection`) reads the
 * connection and its prepared statements from here on every use.
 *
 * Why one owner: the library used to keep its connection in a closure and swap it on restore,
 * and a store that had kept the first handle answered "The database connection is not open"
 * after restoring a backup (issue 11 item 11). Statements and transaction functions are
 * cached per connection, so a reopen drops them all at once and no store can hold a stale one.
 */
export interface LibraryConnection {
  /** The library file. */
  readonly path: string
  /** The current connection (a new object after {@link reopen}). Read it on every use. */
  readonly db: Database.Database
  /** Counts the connections opened by this owner (1 after opening, +1 per reopen). */
  readonly generation: number
  readonly readOnly: boolean
  /** Why the library is read-only, in words for the user; undefined when writable. */
  readonly readOnlyReason: string | undefined
  /** What is wrong with the file; undefined when healthy. */
  readonly problem: OpenProblem | undefined
  readonly schemaVersion: number
  /** Backup taken before migrating the file during the last open, if any. */
  readonly backupPath: string | undefined
  /** True once {@link close} ran. */
  readonly closed: boolean
  /** A statement prepared on the current connection (prepared on first use, then cached). */
  statement(sql: string): Database.Statement
  /**
   * Something built from the current connection (a transaction function, say), built on
   * first use and rebuilt after a reopen. `key` names it among the owner's cached objects.
   */
  perConnection<T>(key: string, build: (db: Database.Database) => T): T
  /** Throws {@link LibraryReadOnlyError} with the reason when the library opened read-only. */
  requireWritable(): void
  /** Runs `body` in an IMMEDIATE transaction, turning SQLite's busy error into {@link LibraryBusyError}. */
  writeTx<T>(body: () => T): T
  /** How many write transactions committed through this owner (and sibling stores), and the last one in words. */
  readonly writesCommitted: number
  readonly lastWrite: string | undefined
  noteWrite(description: string): void
  /**
   * Closes the connection, runs `whileClosed` (a restore renames a backup over the damaged
   * file there) and opens the same path again, writable if it can be. Cached statements and
   * transaction functions are dropped, so every store uses the new connection from now on.
   */
  reopen(whileClosed?: () => void): void
  close(): void
}

/** Options of {@link openLibraryConnection}: those of `openDatabase` plus the path. */
export interface LibraryConnectionOptions extends Pick<OpenDatabaseOptions, 'nativeBinding' | 'readonly' | 'migrations' | 'backupDir'> {
  readonly path: string
}

/** Runs `body`, turning SQLite's busy error into {@link LibraryBusyError}. */
export function busyAware<T>(body: () => T): T {
  try {
    return body()
  } catch (error) {
    if (error instanceof Error && (error as { code?: string }).code?.startsWith('SQLITE_BUSY') === true) throw new LibraryBusyError()
    throw error
  }
}

/**
 * Opens the library file (see `openDatabase` for damaged, foreign or newer files: they open
 * read-only with a reason, never overwritten) and returns its owner.
 */
export function openLibraryConnection(options: LibraryConnectionOptions): LibraryConnection {
  let opened: OpenedDatabase = openDatabase(options.path, options)
  let generation = 1
  let closed = false
  // Prepared on first use: a read-only file of another schema version still opens and fails
  // only on the query that does not fit.
  let statements = new Map<string, Database.Statement>()
  let built = new Map<string, unknown>()
  let writesCommitted = 0
  let lastWrite: string | undefined

  const forget = (): void => {
    statements = new Map()
    built = new Map()
  }

  const owner: LibraryConnection = {
    get path() { return opened.path },
    get db() { return opened.db },
    get generation() { return generation },
    get readOnly() { return opened.readOnly },
    get readOnlyReason() { return opened.readOnlyReason },
    get problem() { return opened.problem },
    get schemaVersion() { return opened.schemaVersion },
    get backupPath() { return opened.backupPath },
    get closed() { return closed },
    get writesCommitted() { return writesCommitted },
    get lastWrite() { return lastWrite },

    statement(sql) {
      let statement = statements.get(sql)
      if (statement === undefined) {
        statement = opened.db.prepare(sql)
        statements.set(sql, statement)
      }
      return statement
    },

    perConnection<T>(key: string, build: (db: Database.Database) => T): T {
      if (!built.has(key)) built.set(key, build(opened.db))
      return built.get(key) as T
    },

    requireWritable() {
      if (opened.readOnly) throw new LibraryReadOnlyError(opened.readOnlyReason ?? 'opened read-only')
    },

    writeTx(body) {
      return busyAware(() => opened.db.transaction(body).immediate())
    },

    noteWrite(description) {
      writesCommitted++
      lastWrite = description
    },

    reopen(whileClosed) {
      forget()
      opened.close()
      try {
        whileClosed?.()
      } finally {
        // Opened again even when the swap failed: the stores then see the file as it is
        // (still damaged, read-only with its reason) instead of a closed connection.
        opened = openDatabase(options.path, { ...options, readonly: false })
        generation++
      }
    },

    close() {
      closed = true
      forget()
      opened.close()
    },
  }
  return owner
}
