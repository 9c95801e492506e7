import type Database from 'better-sqlite3'
import { openLibraryConnection } from './connection'
import { createBackupStore } from './backup-store'
import { createDesignStore } from './design-store'
import { createListingStore } from './listing'
import { createMetricsCache } from './metrics-cache'
import { createProjectStore } from './project-store'
import { createTagNoteStore } from './tag-note-store'
import { createTrashStore } from './trash-store'
import type { DesignLibrary, OpenDesignLibraryOptions } from './library-types'

/**
 * The design library: {@link openDesignLibrary} composes one connection owner and the stores
 * of each concern into the {@link DesignLibrary} every caller uses.
 *
 * The layout (issue 11 item 11):
 * - ./connection.ts — the connection owner: opens and migrates the file, knows read-only and
 *   why, reopens after a restore, closes; hands every store the current connection and its
 *   prepared statements, so no store keeps a stale handle.
 * - ./design-store.ts — designs and versions (save, read, history, meta, id prefixes,
 *   duplicate, rename, restore a version).
 * - ./listing.ts — listing and search; ./trash-store.ts — the trash; ./project-store.ts —
 *   projects; ./tag-note-store.ts — tags and the design note.
 * - ./metrics-cache.ts — the engine's listing metrics and their deferred worker.
 * - ./backup-store.ts — daily and manual backups, the backup warning, restores.
 * - ./library-rows.ts (head rows, audit entry, text rule), ./library-engine.ts (the design
 *   code and engine, injected by ./library), ./library-types.ts (the public types).
 * The sibling stores (measurements, profiles, specs, approvals, audit, bundle) take the library
 * and read `library.connection` on every use, which is the owner's current connection.
 *
 * Why this module reads without the engine: `nanoforge db list` and the other read commands
 * import it alone and start in a fraction of the time; ./library registers the engine.
 */

export * from './library-types'
export { busyAware } from './connection'
export { designDocumentHash, registerLibraryEngine, summariseDesign, type LibraryEngine } from './library-engine'
export { syncDesignHead } from './library-rows'
export { removeRestoreLeftovers } from './backup-store'
export { BackupError, DesignNotFoundError, InvalidInputError, LibraryBusyError, LibraryReadOnlyError } from './errors'

/**
 * Opens the design library at `path` (see `openDatabase` for what happens to damaged,
 * foreign or newer files: they open read-only with a reason, never overwritten).
 *
 * Why a factory over a class: callers only see the {@link DesignLibrary} interface, so the
 * web host and the main process can be handed a test double or a worker proxy later.
 */
export function openDesignLibrary(options: OpenDesignLibraryOptions): DesignLibrary {
  const conn = openLibraryConnection(options)
  const warn = (message: string): void => {
    try {
      options.onWarning?.(message)
    } catch {
      // A failing warning sink must not turn best-effort work into a failure.
    }
  }
  const metrics = createMetricsCache(conn, { deferred: options.deferredMetrics })
  const backups = createBackupStore(conn, { ...options, warn }, metrics)
  const tags = createTagNoteStore(conn)
  const designs = createDesignStore(conn, {
    cachedMetricsOf: (hash, diameterNm) => metrics.metricsOf(hash, diameterNm),
    tagsOf: tags.tagsOf,
    afterSave: () => {
      metrics.schedule()
      backups.maybeDailyBackup()
    },
  })
  const listing = createListingStore(conn, tags)
  const trash = createTrashStore(conn, tags)
  const projects = createProjectStore(conn)

  backups.housekeepOnOpen()

  const library: DesignLibrary = {
    get path() { return conn.path },
    get readOnly() { return conn.readOnly },
    get readOnlyReason() { return conn.readOnlyReason },
    get problem() { return conn.problem },
    get writesCommitted() { return conn.writesCommitted },
    get lastWrite() { return conn.lastWrite },
    noteWrite: (description) => conn.noteWrite(description),
    get schemaVersion() { return conn.schemaVersion },
    get backupPath() { return conn.backupPath },
    get connection(): Database.Database { return conn.db },
    requireWritable: () => conn.requireWritable(),

    saveDesign: designs.saveDesign,
    getDesign: designs.getDesign,
    history: designs.history,
    designMeta: designs.designMeta,
    resolveDesignId: designs.resolveDesignId,
    duplicateDesign(designId, dupOptions) {
      const saved = designs.duplicateDesign(designId, dupOptions)
      projects.followOriginal(saved.designId, designId)
      return saved
    },
    renameDesign: designs.renameDesign,
    restoreVersion: designs.restoreVersion,

    listDesigns: listing.listDesigns,
    listLibrary: listing.listLibrary,

    trashDesign: trash.trashDesign,
    restoreFromTrash: trash.restoreFromTrash,
    listTrash: trash.listTrash,

    listTags: tags.listTags,
    addTag: tags.addTag,
    removeTag: tags.removeTag,
    setNote: tags.setNote,

    listProjects: projects.listProjects,
    createProject: projects.createProject,
    moveToProject: projects.moveToProject,

    versionMetrics(designId, version) {
      const found = designs.getDesign(designId, version)
      if (found === undefined) return undefined
      const diameter = typeof found.summary.hydrodynamicDiameterNm === 'number' ? found.summary.hydrodynamicDiameterNm : null
      return metrics.metricsOf(found.documentHash, diameter, () => found.design)
    },
    computePendingMetrics: (max) => metrics.computePending(max),
    refreshMetricsLater: () => metrics.schedule(),
    pendingMetricsCount: () => metrics.pendingCount(),

    get backupWarning() { return backups.backupWarning },
    backupDirectory: backups.backupDirectory,
    listBackups: backups.listBackups,
    backupInventory: backups.backupInventory,
    backup: (reason) => backups.backup(reason),
    backupIfDue: backups.backupIfDue,
    restoreBackup: backups.restoreBackup,

    close() {
      metrics.stop()
      conn.close()
    },
  }

  // A new engine version invalidates the listing metrics; they are recomputed in the background.
  metrics.refreshOnOpen()
  return library
}
