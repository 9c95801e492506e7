import type Database from 'better-sqlite3'
import type { DesignSummary, VersionInfo } from '../../shared/ipc/contract'
import type { LibraryItem, LibrarySort, TrashItem, VersionMetrics } from '../../shared/ipc/channels/library'
import type { Design } from '../../shared/design/types'
import type { OpenDatabaseOptions, OpenProblem } from './database'
import type { BackupFile, BackupInventory, BackupReason } from './backups'

/**
 * The library's public types: the {@link DesignLibrary} interface every caller uses (main
 * process, web host, services, CLI, tests) and the shapes of its answers.
 *
 * Why a module of their own: the stores that implement the interface (design-store.ts,
 * listing.ts, trash-store.ts, ...) and the facade that composes them (library-core.ts) all
 * need them, and none of the stores should import the facade.
 */

/** Options of {@link DesignLibrary.saveDesign}. */
export interface SaveDesignOptions {
  /** Append a new version to this design; omit to create a new design. */
  readonly designId?: string
  /** Why this version was saved (shown in the history). */
  readonly note?: string
  /** The engine version whose derived metrics are stored with the version. */
  readonly engineVersion?: string
}

/** What a save created. */
export interface SavedVersion {
  readonly designId: string
  readonly version: number
}

/** Options of {@link DesignLibrary.listDesigns}. */
export interface ListDesignsOptions {
  /** Words to find in name, notes, materials, disease, drug or ligands (prefix match), or an id prefix. */
  readonly query?: string
  readonly limit?: number
  readonly offset?: number
}

/** Options of {@link DesignLibrary.listLibrary}: {@link ListDesignsOptions} plus filters and sorting. */
export interface LibraryListOptions extends ListDesignsOptions {
  readonly projectId?: string
  readonly tag?: string
  readonly disease?: string
  readonly coreMaterial?: string
  readonly sortBy?: LibrarySort
  readonly sortDirection?: 'asc' | 'desc'
}

/** One page of the library, newest first. */
export interface DesignPage {
  readonly items: DesignSummary[]
  /** How many designs match in total (for paging). */
  readonly total: number
}

/** One page of {@link DesignLibrary.listLibrary}. */
export interface LibraryPage {
  readonly items: LibraryItem[]
  readonly total: number
}

/** One page of the trash. */
export interface TrashPage {
  readonly items: TrashItem[]
  readonly total: number
}

/** One version of a design with its normalised document. */
export interface StoredDesign {
  readonly designId: string
  readonly version: number
  readonly createdAt: string
  readonly note: string
  readonly engineVersion: string
  readonly documentHash: string
  /** The document upgraded to the current design-format version (what every reader uses). */
  readonly design: Design
  /**
   * The document exactly as stored, possibly an older design-format version; `documentHash` is
   * of this. Only bundle export needs it, so a version travels unchanged between libraries.
   */
  readonly documentAsWritten: Design
  /** Derived metrics stored at save time (engine output, JSON). */
  readonly summary: Readonly<Record<string, unknown>>
  /** Every version of the design, oldest first. */
  readonly versions: VersionInfo[]
}

/** One line of a design's history, with more detail than the IPC `VersionInfo`. */
export interface HistoryEntry extends VersionInfo {
  readonly name: string
  readonly engineVersion: string
  readonly documentHash: string
  readonly hydrodynamicDiameterNm: number | null
  /** Engine metrics of this version when already computed (null fields otherwise). */
  readonly metrics: VersionMetrics
}

/** Design-level facts that are not part of any version. */
export interface DesignMeta {
  readonly designId: string
  readonly name: string
  readonly note: string
  readonly tags: string[]
  readonly latestVersion: number
  readonly deletedAt: string | null
  readonly projectId: string | null
}

/** A project: a named group of designs (one project per design, or none). */
export interface Project {
  readonly projectId: string
  readonly name: string
  readonly createdAt: string
  readonly designCount: number
}

/** Result of {@link DesignLibrary.resolveDesignId}. */
export type ResolvedDesignId =
  | { readonly ok: true; readonly designId: string }
  | { readonly ok: false; readonly reason: 'not-found' | 'ambiguous' | 'invalid'; readonly message: string; readonly candidates: ReadonlyArray<string> }

/** The last backup attempt failed: why, and when (cleared by the next backup that succeeds). */
export interface BackupWarning {
  /** Words for the user: what failed and that the library itself is fine. */
  readonly message: string
  /** When the attempt failed, ISO time. */
  readonly at: string
}

/** What {@link DesignLibrary.restoreBackup} did. */
export interface RestoredBackup {
  readonly restoredBackupId: string
  readonly safetyBackupId: string
  readonly schemaVersion: number
}

/**
 * The design library: designs with immutable, append-only versions in one SQLite file.
 *
 * Why an interface without Electron: the main process, the web host, the CLI and the tests
 * all use the same store code (issue 2, "Store").
 */
export interface DesignLibrary {
  readonly path: string
  readonly readOnly: boolean
  /** Why the library is read-only, in words for the user; undefined when writable. */
  readonly readOnlyReason: string | undefined
  /** What is wrong with the file (damaged, not a library, read-only location…); undefined when healthy. */
  readonly problem: OpenProblem | undefined
  /**
   * How many write transactions this library object committed, and the last one in words.
   * Why: a command that fails after its write committed must say the change is there (a
   * retry would duplicate it), and one that fails before must say nothing was written.
   */
  readonly writesCommitted: number
  readonly lastWrite: string | undefined
  /** Records a write committed by a sibling store (measurements, bundle import). */
  noteWrite(description: string): void
  /** Schema version of the open file. */
  readonly schemaVersion: number
  /** Backup taken before migrating the file during this open, if any. */
  readonly backupPath: string | undefined
  /** Saves a new design (version 1) or appends a version; one transaction. */
  saveDesign(design: Design, options?: SaveDesignOptions): SavedVersion
  listDesigns(options?: ListDesignsOptions): DesignPage
  /** Listing with filters (tag, disease, core material, text) and sorting by any summary metric. */
  listLibrary(options?: LibraryListOptions): LibraryPage
  /** The latest version, or the given one; undefined when either does not exist. */
  getDesign(designId: string, version?: number): StoredDesign | undefined
  /** Every version, oldest first; undefined when the design does not exist. */
  history(designId: string): HistoryEntry[] | undefined
  /** Name, note, tags and trash state; undefined when the design does not exist. */
  designMeta(designId: string): DesignMeta | undefined
  /** Expands a unique id prefix (like git's short hashes) to the full design id. */
  resolveDesignId(prefix: string): ResolvedDesignId
  /** Copies one version into a new design. */
  duplicateDesign(designId: string, options?: { readonly version?: number; readonly name?: string }): SavedVersion
  /** Renames a design: a new version whose document carries the new name (versions stay immutable). */
  renameDesign(designId: string, name: string): SavedVersion
  /** Saves an old version's document as a new latest version. */
  restoreVersion(designId: string, version: number, note?: string): SavedVersion
  /** Soft delete: the design leaves listings and search; nothing is erased. */
  trashDesign(designId: string): { readonly deletedAt: string }
  restoreFromTrash(designId: string): void
  listTrash(options?: { readonly limit?: number; readonly offset?: number }): TrashPage
  listTags(): Array<{ tag: string; count: number }>
  /** Every project, by name, with its live design count. */
  listProjects(): Project[]
  /** Creates a project, or returns the existing one of that name (names are unique, case-insensitive). */
  createProject(name: string): Project
  /** Files designs under a project (null: under none); returns how many designs exist and were moved. */
  moveToProject(designIds: ReadonlyArray<string>, projectId: string | null): number
  addTag(designId: string, tag: string): string[]
  removeTag(designId: string, tag: string): string[]
  setNote(designId: string, note: string): { readonly note: string; readonly updatedAt: string }
  /**
   * Engine metrics of one version: cached by document hash and engine version, computed (and
   * cached when writable) on demand. Undefined when the version does not exist.
   */
  versionMetrics(designId: string, version?: number): VersionMetrics | undefined
  /**
   * Computes the engine metrics of designs saved since the last run (at most `max`); returns
   * how many were filled. Runs by itself after saves unless `deferredMetrics` is false.
   */
  computePendingMetrics(max?: number): number
  /** Starts the deferred metrics worker (after writes made outside saveDesign, e.g. an import). */
  refreshMetricsLater(): void
  /** Designs whose listing metrics are not computed yet. */
  pendingMetricsCount(): number
  /**
   * Set while the most recent backup attempt (the daily one on open or after a save, or a
   * manual one) failed; undefined once a backup succeeds. A new object for every failure, so a
   * caller can tell whether its own write triggered one. Why: a failing backup must be shown to
   * the user (issue 11 item 4), not only written to a log.
   */
  readonly backupWarning: BackupWarning | undefined
  /** Every backup of this library, newest first. */
  listBackups(): BackupFile[]
  /** The verified backups and the files kept but not offered for restore, from one look at the folder. */
  backupInventory(): BackupInventory
  /** Where backups go. */
  readonly backupDirectory: string
  /** Takes a verified backup now and rotates old ones. */
  backup(reason?: BackupReason): BackupFile
  /** Takes the daily backup if the newest backup is older than a day; returns it, or undefined. */
  backupIfDue(): BackupFile | undefined
  /**
   * Replaces the library with a backup (after keeping a verified copy of the current file),
   * reopening it in place (migrating an older backup). Works on a read-only (damaged) library.
   */
  restoreBackup(backupId: string): RestoredBackup
  /**
   * The library's one writer connection (the connection owner's current one, ./connection.ts),
   * for sibling stores in electron/db (measurements, profiles, specs, approvals, bundle) that
   * share its transactions and read-only state. Never leaves the main process or the CLI.
   * Read it on every use: a restore onto a damaged library reopens the connection.
   */
  readonly connection: Database.Database
  /** Throws {@link LibraryReadOnlyError} when the library opened read-only. */
  requireWritable(): void
  /** Stops the metrics worker, checkpoints and closes the file. */
  close(): void
}

/** Options of {@link openDesignLibrary}. */
export interface OpenDesignLibraryOptions extends Pick<OpenDatabaseOptions, 'nativeBinding' | 'readonly' | 'migrations' | 'backupDir'> {
  readonly path: string
  /**
   * Compute engine metrics after saves on a timer (default true) instead of inside the save.
   * Why: the engine takes ~15 ms per design and a save must stay under 5 ms (issue 5).
   */
  readonly deferredMetrics?: boolean
  /** Take the daily backup on open and while in use (default true). */
  readonly dailyBackup?: boolean
  /** How many rotating backups to keep (default 10). */
  readonly backupsKept?: number
  /**
   * Told about best-effort work that failed (the daily backup, tidying the backup folder).
   * Why: that work must never fail the save it follows, but it must not fail silently either.
   */
  readonly onWarning?: (message: string) => void
}

/** Default page size of {@link DesignLibrary.listDesigns}. */
export const DEFAULT_LIST_LIMIT = 100
/** Largest page {@link DesignLibrary.listDesigns} returns. */
export const MAX_LIST_LIMIT = 500
/** Shortest id prefix accepted by {@link DesignLibrary.resolveDesignId}. */
export const MIN_ID_PREFIX_LENGTH = 4
