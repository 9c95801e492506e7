import type Database from 'better-sqlite3'
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { createHash, randomUUID } from 'node:crypto'
import { basename, dirname, extname, join } from 'node:path'
import type { DesignSummary, VersionInfo } from '../../shared/ipc/contract'
import type { LibraryItem, LibrarySort, TrashItem, VersionMetrics } from '../../shared/ipc/channels/library'
import type { Design } from '../../shared/design/types'
import { upgradeStoredDesign } from '../../shared/design/stored'
import { unsafeTextProblem } from '../../shared/design/schema-text'
import { ENGINE_VERSION } from '../../shared/engine/version'
import { openDatabase, type OpenDatabaseOptions, type OpenProblem } from './database'
import { busyAware, openLibraryConnection } from './connection'
import { faultPoint } from './faults'
import { SCHEMA_VERSION } from './migrations'
import type { EngineMetrics } from './metrics'
import {
  DAILY_BACKUP_INTERVAL_MS, DEFAULT_BACKUPS_KEPT, QUARANTINE_FOLDER, backupDirectoryOf, backupInventory, checkBackupFile, listBackups,
  takeBackup, tidyBackupFolder, type BackupFile, type BackupInventory, type BackupReason,
} from './backups'

export { busyAware } from './connection'
export { BackupError, DesignNotFoundError, InvalidInputError, LibraryBusyError, LibraryReadOnlyError } from './errors'
import { BackupError, DesignNotFoundError, InvalidInputError, LibraryReadOnlyError } from './errors'
import { messageOf } from '../../shared/ipc/result'
import { fsyncDirectory, fsyncFile, processAlive } from './files'
import { appendAudit, auditHead, detailText, sha256Hex, type AuditAction, type AuditInput } from './audit'

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
  /** Checkpoints and closes the file. */
  /**
   * The library's one writer connection, for sibling stores in electron/db (measurements,
   * tags, backups) that share its transactions and read-only state. Never leaves the main
   * process or the CLI. Read it on every use: a backup restore reopens the connection.
   */
  readonly connection: Database.Database
  /** Throws {@link LibraryReadOnlyError} when the library opened read-only. */
  requireWritable(): void
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
/** Designs computed per timer tick by the deferred metrics worker (~15 ms each). */
const METRICS_BATCH = 2

interface HeadRow {
  readonly id: string
  readonly seq: number
  readonly name: string
  readonly latest_version: number
  readonly created_at: string
  readonly updated_at: string
  readonly core_material: string
  readonly core_diameter_nm: number
  readonly disease: string
  readonly note: string
  readonly hydrodynamic_diameter_nm: number | null
  readonly selectivity_index: number | null
  readonly target_tissue: string | null
  readonly blood_half_life_h: number | null
  readonly t50_plasma_h: number | null
  readonly metrics_engine_version: string | null
  readonly deleted_at: string | null
  readonly project_id: string | null
}

interface VersionRow {
  readonly version: number
  readonly created_at: string
  readonly note: string
  readonly name: string
  readonly engine_version: string
  readonly document_hash: string
  readonly hydrodynamic_diameter_nm: number | null
}

interface DocumentRow {
  readonly version: number
  readonly created_at: string
  readonly note: string
  readonly engine_version: string
  readonly document_hash: string
  readonly document: string
  readonly summary: string
}

interface MetricsRow {
  readonly selectivity_index: number | null
  readonly target_tissue: string | null
  readonly blood_half_life_h: number | null
  readonly t50_plasma_h: number | null
  readonly hydrodynamic_diameter_nm: number | null
  readonly engine_version: string
}

/**
 * What the library needs from the design code and the engine to write: normalising and
 * hashing documents, their derived summary, and the engine's listing metrics.
 *
 * Why injected: these modules (catalogs, the PBPK engine) take longer to load than the whole
 * read path, and `nanoforge db list` and the other read commands never need them. The module
 * `./library` registers them; reading through `./library-core` alone starts without them.
 */
export interface LibraryEngine {
  readonly canonicalDesignJson: (design: Design) => string
  readonly normaliseDesign: (design: Design) => Design
  readonly deriveProperties: (design: Design) => unknown
  readonly computeEngineMetrics: (design: Design) => EngineMetrics
}

let registeredEngine: LibraryEngine | undefined

/** Called once by `./library` with the real design code and engine. */
export function registerLibraryEngine(engine: LibraryEngine): void {
  registeredEngine = engine
}

function engine(): LibraryEngine {
  if (registeredEngine === undefined) {
    throw new Error('The design engine is not loaded: import electron/db/library (not library-core) to write or compute metrics.')
  }
  return registeredEngine
}

/** SHA-256 of the canonical design JSON: equal designs hash equal whatever their key order. */
export function designDocumentHash(design: Design): string {
  return createHash('sha256').update(engine().canonicalDesignJson(design), 'utf8').digest('hex')
}

/** Cheap derived summary stored with every version (no engine run; < 0.1 ms). */
export function summariseDesign(design: Design): Record<string, unknown> {
  try {
    const derived = engine().deriveProperties(design) as Record<string, unknown>
    const summary: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(derived)) {
      if (value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
        summary[key] = value
      }
    }
    return summary
  } catch (error) {
    return { error: messageOf(error) }
  }
}

/**
 * Re-reads a design's latest version into its denormalised listing columns (name, material,
 * disease, hash, diameter, and cached engine metrics when present for this engine version).
 *
 * Why exported: the bundle importer inserts versions with their original dates and must leave
 * `designs` exactly as a save would.
 */
export function syncDesignHead(db: Database.Database, designId: string): void {
  db.prepare(`
    UPDATE designs SET
      latest_version = v.version, name = v.name, core_material = v.core_material, disease = v.disease,
      document_hash = v.document_hash, hydrodynamic_diameter_nm = v.hydrodynamic_diameter_nm,
      selectivity_index = m.selectivity_index, target_tissue = m.target_tissue,
      blood_half_life_h = m.blood_half_life_h, t50_plasma_h = m.t50_plasma_h,
      metrics_engine_version = m.engine_version
    FROM design_versions AS v
    LEFT JOIN version_metrics AS m ON m.document_hash = v.document_hash AND m.engine_version = @engine
    WHERE designs.id = @id AND v.design_id = designs.id
      AND v.version = (SELECT max(version) FROM design_versions WHERE design_id = @id)`).run({ id: designId, engine: ENGINE_VERSION })
}

/**
 * Opens the design library at `path` (see `openDatabase` for what happens to damaged,
 * foreign or newer files: they open read-only with a reason, never overwritten).
 *
 * Why a factory over a class: callers only see the {@link DesignLibrary} interface, so the
 * web host and the main process can be handed a test double or a worker proxy later.
 */
export function openDesignLibrary(options: OpenDesignLibraryOptions): DesignLibrary {
  const backupDirectory = options.backupDir ?? backupDirectoryOf(options.path)
  const keep = options.backupsKept ?? DEFAULT_BACKUPS_KEPT
  const conn = openLibraryConnection(options)
  const statements = (name: StatementName): Database.Statement => conn.statement(SQL[name])
  let metricsTimer: ReturnType<typeof setTimeout> | undefined
  let lastBackupAtMs = 0
  let backupWarning: BackupWarning | undefined
  const noteWrite = (description: string): void => conn.noteWrite(description)
  const warn = (message: string): void => {
    try {
      options.onWarning?.(message)
    } catch {
      // A failing warning sink must not turn best-effort work into a failure.
    }
  }

  const db = (): Database.Database => conn.db
  const requireWritable = (): void => conn.requireWritable()
  const now = (): string => new Date().toISOString()

  const headOf = (designId: string): HeadRow | undefined => statements('head').get(designId) as HeadRow | undefined
  const requireHead = (designId: string): HeadRow => {
    const head = headOf(designId)
    if (head === undefined || head.latest_version === 0) throw new DesignNotFoundError(designId)
    return head
  }

  const cachedMetrics = (hash: string): MetricsRow | undefined =>
    statements('cachedMetrics').get(hash, ENGINE_VERSION) as MetricsRow | undefined

  const storeMetrics = (hash: string, m: EngineMetrics): void => {
    statements('insertMetrics').run({
      hash, engine: m.engineVersion, now: now(), si: m.selectivityIndex, tissue: m.targetTissue,
      halfLife: m.bloodHalfLifeH, t50: m.t50PlasmaH, dh: m.hydrodynamicDiameterNm, error: m.error,
    })
  }

  /** Inserts a version; returns the hashes its audit entry anchors (canonical design hash, stored text's SHA-256). */
  const insertVersion = (designId: string, version: number, design: Design, note: string, engineVersion: string, createdAt: string): { documentHash: string; textSha256: string } => {
    const summary = summariseDesign(design)
    const hydro = typeof summary.hydrodynamicDiameterNm === 'number' ? summary.hydrodynamicDiameterNm : null
    const document = JSON.stringify(engine().normaliseDesign(design))
    const documentHash = designDocumentHash(design)
    statements('insertVersion').run({
      designId, version, now: createdAt, note,
      document,
      documentHash,
      engineVersion,
      summary: JSON.stringify(summary),
      name: design.name,
      coreMaterial: design.core.material,
      coreDiameterNm: design.core.diameterNm,
      hydrodynamicDiameterNm: hydro,
      disease: design.context.disease,
    })
    return { documentHash, textSha256: sha256Hex(document) }
  }

  /**
   * Appends the audit entry of a design-level change (./audit.ts) inside the caller's
   * transaction: the change and its entry commit together or not at all.
   */
  const audit = (action: AuditAction, designId: string, detail: AuditInput['detail'], version: number | null = null, at?: string): void => {
    appendAudit(db(), { action, entityKind: 'design', entityId: designId, designId, version, detail }, { at })
  }
  /** Runs `body` in an IMMEDIATE transaction (busy-aware): a write and its audit entry. */
  const writeTx = <T>(body: () => T): T => conn.writeTx(body)

  const saveTransaction = (): ((design: Design, saveOptions: SaveDesignOptions, action: AuditAction) => SavedVersion) => {
    const tx = db().transaction((design: Design, saveOptions: SaveDesignOptions, action: AuditAction): SavedVersion => {
      const at = now()
      let designId: string
      let version: number
      if (saveOptions.designId === undefined) {
        designId = randomUUID()
        version = 1
        statements('insertDesign').run({ id: designId, name: design.name, now: at })
      } else {
        const row = statements('latestVersion').get(saveOptions.designId) as { latest_version: number } | undefined
        if (row === undefined) throw new DesignNotFoundError(saveOptions.designId)
        designId = saveOptions.designId
        version = row.latest_version + 1
      }
      const engineVersion = saveOptions.engineVersion ?? ENGINE_VERSION
      const hashes = insertVersion(designId, version, design, saveOptions.note ?? '', engineVersion, at)
      statements('touchDesign').run({ id: designId, now: at })
      syncDesignHead(db(), designId)
      audit(version === 1 && action === 'design.save' ? 'design.create' : action, designId, {
        name: design.name, note: detailText(saveOptions.note ?? ''), engineVersion, ...hashes,
      }, version, at)
      return { designId, version }
    })
    return (design, saveOptions, action) => tx.immediate(design, saveOptions, action)
  }
  // Rebuilt on the new connection after a restore reopened the file.
  const save = (design: Design, saveOptions: SaveDesignOptions, action: AuditAction): SavedVersion =>
    conn.perConnection('save', saveTransaction)(design, saveOptions, action)

  const scheduleMetrics = (): void => {
    if (options.deferredMetrics === false || metricsTimer !== undefined || conn.closed || conn.readOnly) return
    metricsTimer = setTimeout(() => {
      metricsTimer = undefined
      if (conn.closed) return
      let filled: number
      try {
        filled = computePending(METRICS_BATCH)
      } catch {
        return // busy or closed: the next save schedules again
      }
      if (filled > 0) scheduleMetrics()
    }, 0)
    metricsTimer.unref?.()
  }

  const computePending = (max: number): number => {
    if (conn.readOnly) return 0
    const rows = statements('pendingHeads').all(Math.max(1, Math.trunc(max))) as Array<{ id: string; document_hash: string; latest_version: number }>
    let filled = 0
    for (const row of rows) {
      if (cachedMetrics(row.document_hash) === undefined) {
        const doc = statements('document').get(row.id, row.latest_version) as DocumentRow | undefined
        if (doc === undefined) continue
        const metrics = engine().computeEngineMetrics(upgradeStoredDesign(JSON.parse(doc.document)))
        busyAware(() => db().transaction(() => {
          storeMetrics(row.document_hash, metrics)
          syncDesignHead(db(), row.id)
        }).immediate())
      } else {
        busyAware(() => syncDesignHead(db(), row.id))
      }
      filled++
    }
    return filled
  }

  const metricsOfRow = (hash: string, fallbackDiameter: number | null, compute: (() => Design) | undefined): VersionMetrics => {
    const cached = cachedMetrics(hash)
    if (cached !== undefined) return toMetrics(cached)
    if (compute === undefined) return emptyMetrics(fallbackDiameter)
    const m = engine().computeEngineMetrics(compute())
    if (!conn.readOnly) {
      try {
        busyAware(() => storeMetrics(hash, m))
      } catch {
        // A busy writer elsewhere: the numbers are still right, only not cached.
      }
    }
    return {
      selectivityIndex: m.selectivityIndex, targetTissue: m.targetTissue, bloodHalfLifeH: m.bloodHalfLifeH,
      t50PlasmaH: m.t50PlasmaH, hydrodynamicDiameterNm: m.hydrodynamicDiameterNm, engineVersion: m.engineVersion,
    }
  }

  const tagsOf = (designId: string): string[] =>
    (statements('tagsOf').all(designId) as Array<{ tag: string }>).map((r) => r.tag)

  const tagsByDesign = (ids: ReadonlyArray<string>): Map<string, string[]> => {
    const map = new Map<string, string[]>()
    if (ids.length === 0) return map
    const rows = statements('tagsOfMany').all(JSON.stringify(ids)) as Array<{ design_id: string; tag: string }>
    for (const r of rows) {
      const list = map.get(r.design_id) ?? []
      list.push(r.tag)
      map.set(r.design_id, list)
    }
    return map
  }

  const toItem = (row: HeadRow, tags: string[]): LibraryItem => ({
    ...toSummary(row),
    metrics: {
      selectivityIndex: row.selectivity_index,
      targetTissue: row.target_tissue,
      bloodHalfLifeH: row.blood_half_life_h,
      t50PlasmaH: row.t50_plasma_h,
      hydrodynamicDiameterNm: row.hydrodynamic_diameter_nm,
      engineVersion: row.metrics_engine_version ?? '',
    },
    tags,
    note: row.note,
    projectId: row.project_id,
  })

  const getDesign = (designId: string, version?: number): StoredDesign | undefined => {
    const head = statements('latestVersion').get(designId) as { latest_version: number } | undefined
    if (head === undefined) return undefined
    const row = statements('document').get(designId, version ?? head.latest_version) as DocumentRow | undefined
    if (row === undefined) return undefined
    const documentAsWritten = JSON.parse(row.document) as Design
    return {
      designId,
      version: row.version,
      createdAt: row.created_at,
      note: row.note,
      engineVersion: row.engine_version,
      documentHash: row.document_hash,
      // Versions stored by an older build stay as written; readers get the current shape.
      design: upgradeStoredDesign(documentAsWritten),
      documentAsWritten,
      summary: JSON.parse(row.summary) as Record<string, unknown>,
      versions: (statements('versions').all(designId) as VersionRow[]).map((v) => ({ version: v.version, createdAt: v.created_at, note: v.note })),
    }
  }

  const requireVersion = (designId: string, version?: number): StoredDesign => {
    requireHead(designId)
    const found = getDesign(designId, version)
    if (found === undefined) throw new DesignNotFoundError(designId, `Design ${designId} has no version ${version ?? ''}.`)
    return found
  }

  const saveWritable = (design: Design, saveOptions: SaveDesignOptions, action: AuditAction = 'design.save'): SavedVersion => {
    requireWritable()
    requireSafeText([['name', design.name], ['notes', design.notes, true], ['note', saveOptions.note, true]])
    const saved = busyAware(() => save(design, saveOptions, action))
    noteWrite(`design ${saved.designId} version ${saved.version}`)
    faultPoint('save:committed')
    scheduleMetrics()
    maybeDailyBackup()
    return saved
  }

  const takeLibraryBackup = (reason: BackupReason): BackupFile => {
    let made: BackupFile
    try {
      made = takeBackup(db(), conn.path, reason, { keep, directory: backupDirectory, nativeBinding: options.nativeBinding })
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
    const hasDesigns = statements('anyDesign').get() !== undefined
    if (!hasDesigns) return undefined
    const newest = (known ?? listBackups(conn.path, backupDirectory))[0]
    const newestMs = newest === undefined ? 0 : Date.parse(newest.createdAt)
    lastBackupAtMs = Math.max(lastBackupAtMs, Number.isFinite(newestMs) ? newestMs : 0)
    if (Date.now() - lastBackupAtMs < DAILY_BACKUP_INTERVAL_MS) return undefined
    return takeLibraryBackup('daily')
  }

  /** A best-effort backup failed: warn now, and keep it for the app to show (`backupWarning`). */
  function backupFailed(message: string): void {
    backupWarning = { message, at: now() }
    warn(message)
  }

  function maybeDailyBackup(): void {
    if (options.dailyBackup === false || Date.now() - lastBackupAtMs < DAILY_BACKUP_INTERVAL_MS) return
    try {
      backupIfDue()
    } catch (error) {
      // A failed daily backup must not fail the save that triggered it; the next save retries.
      backupFailed(`The daily backup failed (${messageOf(error)}); your change was saved. The next save tries again.`)
    }
  }

  if (!conn.readOnly) {
    removeRestoreLeftovers(conn.path)
    let verified: BackupFile[] | undefined
    try {
      const tidied = tidyBackupFolder(conn.path, backupDirectory)
      for (const line of tidied.done) warn(`Backups: ${line}.`)
      verified = tidied.verified
    } catch (error) {
      warn(`The backup folder could not be tidied (${messageOf(error)}).`)
    }
    if (options.dailyBackup !== false) {
      try {
        backupIfDue(verified)
      } catch (error) {
        // Opening must not fail because the backup folder is not writable; it must say so.
        backupFailed(`The daily backup failed (${messageOf(error)}); the library itself is fine.`)
      }
    }
  }

  const library: DesignLibrary = {
    get path() { return conn.path },
    get readOnly() { return conn.readOnly },
    get readOnlyReason() { return conn.readOnlyReason },
    get problem() { return conn.problem },
    get writesCommitted() { return conn.writesCommitted },
    get lastWrite() { return conn.lastWrite },
    get backupWarning() { return backupWarning },
    noteWrite,
    get schemaVersion() { return conn.schemaVersion },
    get backupPath() { return conn.backupPath },
    get connection() { return conn.db },
    backupDirectory,
    requireWritable: () => requireWritable(),

    saveDesign(design, saveOptions = {}) {
      // IMMEDIATE takes the write lock up front, so two writers wait (busy timeout) instead of
      // failing on a lock upgrade half-way through.
      return saveWritable(design, saveOptions)
    },

    listDesigns(listOptions = {}) {
      const page = library.listLibrary(listOptions)
      return { items: page.items.map(({ metrics: _m, tags: _t, note: _n, projectId: _p, ...summary }) => summary), total: page.total }
    },

    listLibrary(listOptions = {}) {
      const limit = clampInt(listOptions.limit ?? DEFAULT_LIST_LIMIT, 1, MAX_LIST_LIMIT)
      const offset = Math.max(0, Math.trunc(listOptions.offset ?? 0))
      const filter = buildFilter(listOptions)
      const order = orderBy(listOptions.sortBy ?? 'updatedAt', listOptions.sortDirection)
      // Two steps: sort only the keys (a sort over thousands of search hits stays narrow),
      // then read the full rows of the one page.
      const seqs = (db().prepare(`
        SELECT d.seq FROM designs AS d
        WHERE d.deleted_at IS NULL AND d.latest_version > 0 ${filter.sql}
        ORDER BY ${order}
        LIMIT @limit OFFSET @offset`).all({ ...filter.params, limit, offset }) as Array<{ seq: number }>).map((r) => r.seq)
      const bySeq = new Map((statements('headsBySeq').all(JSON.stringify(seqs)) as HeadRow[]).map((r) => [r.seq, r]))
      const rows = seqs.map((seq) => bySeq.get(seq)).filter((r): r is HeadRow => r !== undefined)
      const total = (db().prepare(`
        SELECT count(*) AS n FROM designs AS d
        WHERE d.deleted_at IS NULL AND d.latest_version > 0 ${filter.sql}`).get(filter.params) as { n: number }).n
      const tags = tagsByDesign(rows.map((r) => r.id))
      return { items: rows.map((r) => toItem(r, tags.get(r.id) ?? [])), total }
    },

    getDesign,

    history(designId) {
      const head = statements('latestVersion').get(designId)
      if (head === undefined) return undefined
      return (statements('versions').all(designId) as VersionRow[]).map((v) => ({
        version: v.version,
        createdAt: v.created_at,
        note: v.note,
        name: v.name,
        engineVersion: v.engine_version,
        documentHash: v.document_hash,
        hydrodynamicDiameterNm: v.hydrodynamic_diameter_nm,
        metrics: metricsOfRow(v.document_hash, v.hydrodynamic_diameter_nm, undefined),
      }))
    },

    designMeta(designId) {
      const head = headOf(designId)
      if (head === undefined) return undefined
      return {
        designId, name: head.name, note: head.note, tags: tagsOf(designId), latestVersion: head.latest_version,
        deletedAt: head.deleted_at, projectId: head.project_id,
      }
    },

    resolveDesignId(prefix) {
      const wanted = prefix.trim().toLowerCase()
      if (!/^[0-9a-z-]+$/.test(wanted)) {
        return { ok: false, reason: 'invalid', message: `'${prefix}' is not a design id (ids are letters, digits and dashes).`, candidates: [] }
      }
      if (statements('latestVersion').get(wanted) !== undefined) return { ok: true, designId: wanted }
      if (wanted.length < MIN_ID_PREFIX_LENGTH) {
        return { ok: false, reason: 'invalid', message: `'${prefix}' is too short: give at least ${MIN_ID_PREFIX_LENGTH} characters of the design id.`, candidates: [] }
      }
      const matches = (statements('idsByPrefix').all(`${wanted}*`) as Array<{ id: string }>).map((r) => r.id)
      if (matches.length === 1) return { ok: true, designId: matches[0]! }
      if (matches.length === 0) {
        return { ok: false, reason: 'not-found', message: `No design id starts with '${prefix}'.`, candidates: [] }
      }
      return {
        ok: false,
        reason: 'ambiguous',
        message: `'${prefix}' matches more than one design (${matches.join(', ')}${matches.length >= 10 ? ', ...' : ''}); give more characters.`,
        candidates: matches,
      }
    },

    duplicateDesign(designId, dupOptions = {}) {
      const source = requireVersion(designId, dupOptions.version)
      const name = dupOptions.name ?? `${source.design.name} (copy)`.slice(0, 200)
      const saved = saveWritable({ ...source.design, name }, {
        note: `Duplicated from ${designId} version ${source.version}`,
      }, 'design.duplicate')
      const projectId = headOf(designId)?.project_id ?? null
      if (projectId !== null) {
        writeTx(() => {
          statements('moveToProject').run({ id: saved.designId, projectId })
          audit('design.project', saved.designId, { projectId, why: `the project of ${designId}, which it duplicates` })
        })
      }
      return saved
    },

    renameDesign(designId, name) {
      const source = requireVersion(designId)
      const trimmed = name.trim()
      if (trimmed === '') throw new InvalidInputError([{ path: 'name', message: 'a design name cannot be empty' }])
      return saveWritable({ ...source.design, name: trimmed }, {
        designId, note: `Renamed from "${source.design.name}" to "${trimmed}"`,
      }, 'design.rename')
    },

    restoreVersion(designId, version, note) {
      const source = requireVersion(designId, version)
      return saveWritable(source.design, { designId, note: note ?? `Restored from version ${version}` }, 'design.restore-version')
    },

    trashDesign(designId) {
      requireWritable()
      const head = requireHead(designId)
      if (head.deleted_at !== null) return { deletedAt: head.deleted_at }
      const at = now()
      writeTx(() => {
        if (statements('trash').run({ id: designId, now: at }).changes > 0) audit('design.trash', designId, { deletedAt: at }, null, at)
      })
      return { deletedAt: at }
    },

    restoreFromTrash(designId) {
      requireWritable()
      const head = requireHead(designId)
      if (head.deleted_at === null) return
      writeTx(() => {
        if (statements('untrash').run(designId).changes > 0) audit('design.untrash', designId, { wasDeletedAt: head.deleted_at })
      })
    },

    listTrash(trashOptions = {}) {
      const limit = clampInt(trashOptions.limit ?? DEFAULT_LIST_LIMIT, 1, MAX_LIST_LIMIT)
      const offset = Math.max(0, Math.trunc(trashOptions.offset ?? 0))
      const rows = db().prepare(`
        SELECT ${HEAD_COLUMNS}
        FROM designs AS d
        JOIN design_versions AS v ON v.design_id = d.id AND v.version = d.latest_version
        WHERE d.deleted_at IS NOT NULL
        ORDER BY d.deleted_at DESC, d.seq DESC LIMIT @limit OFFSET @offset`).all({ limit, offset }) as HeadRow[]
      const total = (db().prepare('SELECT count(*) AS n FROM designs WHERE deleted_at IS NOT NULL').get() as { n: number }).n
      const tags = tagsByDesign(rows.map((r) => r.id))
      return { items: rows.map((r) => ({ ...toItem(r, tags.get(r.id) ?? []), deletedAt: r.deleted_at! })), total }
    },

    listTags() {
      return statements('allTags').all() as Array<{ tag: string; count: number }>
    },

    listProjects() {
      return statements('allProjects').all() as Project[]
    },

    createProject(name) {
      requireWritable()
      const clean = name.trim()
      if (clean.length < 1 || clean.length > 200) throw new InvalidInputError([{ path: 'name', message: 'a project name is 1 to 200 characters' }])
      requireSafeText([['name', clean]])
      const existing = statements('projectByName').get(clean) as Project | undefined
      if (existing !== undefined) return existing
      const projectId = randomUUID()
      writeTx(() => {
        statements('insertProject').run({ id: projectId, name: clean, now: now() })
        appendAudit(db(), { action: 'project.create', entityKind: 'project', entityId: projectId, detail: { name: clean } })
      })
      return statements('projectById').get(projectId) as Project
    },

    moveToProject(designIds, projectId) {
      requireWritable()
      if (projectId !== null && statements('projectById').get(projectId) === undefined) {
        throw new DesignNotFoundError(projectId, `No project with id ${projectId} in the library.`)
      }
      return writeTx(() => {
        let moved = 0
        for (const id of designIds) {
          const before = headOf(id)
          const changed = statements('moveToProject').run({ id, projectId }).changes
          moved += changed
          if (changed > 0 && before !== undefined && before.project_id !== projectId) {
            audit('design.project', id, { projectId, previousProjectId: before.project_id })
          }
        }
        return moved
      })
    },

    addTag(designId, tag) {
      requireWritable()
      requireHead(designId)
      const clean = cleanTag(tag)
      writeTx(() => {
        if (statements('addTag').run({ id: designId, tag: clean, now: now() }).changes > 0) audit('design.tag-add', designId, { tag: clean })
      })
      return tagsOf(designId)
    },

    removeTag(designId, tag) {
      requireWritable()
      requireHead(designId)
      writeTx(() => {
        if (statements('removeTag').run({ id: designId, tag: tag.trim() }).changes > 0) audit('design.tag-remove', designId, { tag: tag.trim() })
      })
      return tagsOf(designId)
    },

    setNote(designId, note) {
      requireWritable()
      requireHead(designId)
      requireSafeText([['note', note, true]])
      const at = now()
      writeTx(() => {
        statements('setNote').run({ id: designId, note, now: at })
        audit('design.note', designId, { note: detailText(note) })
      })
      return { note, updatedAt: at }
    },

    versionMetrics(designId, version) {
      const found = getDesign(designId, version)
      if (found === undefined) return undefined
      const diameter = typeof found.summary.hydrodynamicDiameterNm === 'number' ? found.summary.hydrodynamicDiameterNm : null
      return metricsOfRow(found.documentHash, diameter, () => found.design)
    },

    computePendingMetrics(max = Number.MAX_SAFE_INTEGER) {
      return computePending(max)
    },

    refreshMetricsLater() {
      scheduleMetrics()
    },

    pendingMetricsCount() {
      return (statements('pendingCount').get() as { n: number }).n
    },

    listBackups: () => listBackups(conn.path, backupDirectory),
    backupInventory: () => backupInventory(conn.path, backupDirectory),
    backup: (reason = 'manual') => {
      if (conn.db.memory) throw new BackupError('bad-request', `There is no readable library file to back up (${conn.readOnlyReason ?? 'placeholder'}).`)
      return takeLibraryBackup(reason)
    },
    backupIfDue: () => backupIfDue(),

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
          // one transaction on the live connection. The connection (and the sibling stores
          // that hold it) stays valid, and another process only ever sees a committed state.
          const upgraded = openDatabase(staged, { nativeBinding: options.nativeBinding, migrations: options.migrations, backupDir: stagingBackups })
          const stagedProblem = upgraded.readOnly ? upgraded.readOnlyReason : undefined
          upgraded.close()
          if (stagedProblem !== undefined) throw new BackupError('bad-request', `The backup ${backupId} cannot be restored: ${stagedProblem}. Nothing was changed.`)
          const replaced = auditHead(db())
          busyAware(() => replaceAllRows(db(), staged, () => auditRestore(backupId, safety, replaced)))
          noteWrite(`the rows of backup ${backupId}`)
        } else {
          // Read-only (damaged, unreadable, newer): the file itself is replaced and reopened.
          if (metricsTimer !== undefined) clearTimeout(metricsTimer)
          metricsTimer = undefined
          conn.reopen(() => {
            rmSync(`${conn.path}-wal`, { force: true })
            rmSync(`${conn.path}-shm`, { force: true })
            // The staged copy was fsynced above, so after this rename (and the folder's fsync) a
            // power cut leaves either the old file or the complete backup, never a torn one.
            renameSync(staged, conn.path)
            fsyncDirectory(dirname(conn.path))
            noteWrite(`backup ${backupId} in place of the file`)
          })
          // The damaged file's trail could not be read; the restored file records the restore.
          if (!conn.readOnly) writeTx(() => auditRestore(backupId, safety, undefined))
        }
        if (!conn.readOnly) {
          db().prepare('UPDATE designs SET metrics_engine_version = NULL WHERE metrics_engine_version IS NOT @engine').run({ engine: ENGINE_VERSION })
          scheduleMetrics()
        }
        faultPoint('restore:replaced')
        return { restoredBackupId: backupId, safetyBackupId: safety, schemaVersion: conn.schemaVersion }
      } finally {
        rmSync(staged, { force: true })
        rmSync(`${staged}-wal`, { force: true })
        rmSync(`${staged}-shm`, { force: true })
        rmSync(stagingBackups, { recursive: true, force: true })
      }
    },

    close() {
      if (metricsTimer !== undefined) clearTimeout(metricsTimer)
      metricsTimer = undefined
      conn.close()
    },
  }

  /**
   * The entry a restored library starts with after its restored trail: which backup, where the
   * replaced file was kept, and the head of the trail it replaced (that trail is in the kept
   * copy; this chain continues the backup's, so `db verify` stays intact).
   */
  function auditRestore(backupId: string, safetyBackupId: string, replaced: ReturnType<typeof auditHead>): void {
    appendAudit(db(), {
      action: 'library.restore', entityKind: 'library', entityId: null,
      detail: {
        backupId, safetyBackupId,
        replacedTrailHead: replaced === undefined ? null : { seq: replaced.seq, hash: replaced.hash, at: replaced.at },
      },
    })
  }

  /**
   * Keeps the current file before a restore: a verified VACUUM INTO copy when it can be read,
   * otherwise (damaged) a byte copy of the file and its WAL, so a restore never loses anything.
   */
  function keepCurrentFile(): string {
    if (conn.db.memory) return keepDamagedBytes()
    try {
      return takeLibraryBackup('before-restore').backupId
    } catch {
      return keepDamagedBytes()
    }
  }

  /**
   * Byte copy of a file that cannot be read as a library (and of its WAL), kept in the
   * backups' `unverified/` folder: never lost, but never listed, counted or rotated as a
   * backup, because it is not a verified one. Returns its path relative to the backups.
   */
  function keepDamagedBytes(): string {
    if (!existsSync(conn.path)) return ''
    const stem = basename(conn.path, extname(conn.path))
    const name = `${stem}-damaged-before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}.db`
    const folder = join(backupDirectory, QUARANTINE_FOLDER)
    mkdirSync(folder, { recursive: true })
    copyFileSync(conn.path, join(folder, name))
    if (existsSync(`${conn.path}-wal`)) copyFileSync(`${conn.path}-wal`, join(folder, `${name}-wal`))
    return `${QUARANTINE_FOLDER}/${name}`
  }

  // A new engine version invalidates the listing metrics; they are recomputed in the background.
  // Looked at first with a read: an UPDATE takes the write lock even when it matches no row,
  // and would make every open wait for another writer.
  if (!conn.readOnly && conn.schemaVersion >= 3) {
    try {
      const stale = db().prepare('SELECT 1 FROM designs WHERE metrics_engine_version IS NOT NULL AND metrics_engine_version <> @engine LIMIT 1')
        .get({ engine: ENGINE_VERSION })
      if (stale !== undefined) {
        db().prepare('UPDATE designs SET metrics_engine_version = NULL WHERE metrics_engine_version IS NOT NULL AND metrics_engine_version <> @engine')
          .run({ engine: ENGINE_VERSION })
      }
      if (library.pendingMetricsCount() > 0) scheduleMetrics()
    } catch {
      // Busy: the listing keeps the old numbers until the next open.
    }
  }
  return library
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
    // Children before parents when deleting, parents before children when inserting.
    const order = ['designs', 'design_versions', 'measurements', 'design_tags', 'version_metrics', 'audit_log', 'approvals']
    const ordered = [...order.filter((t) => tables.includes(t)), ...tables.filter((t) => !order.includes(t))]
    db.transaction(() => {
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

const HEAD_COLUMNS = `d.id, d.seq, d.name, d.latest_version, d.created_at, d.updated_at, d.core_material, d.disease, d.note,
  d.hydrodynamic_diameter_nm, d.selectivity_index, d.target_tissue, d.blood_half_life_h, d.t50_plasma_h,
  d.metrics_engine_version, d.deleted_at, d.project_id, v.core_diameter_nm`

const SQL = {
  insertDesign: `
    INSERT INTO designs (id, seq, name, created_at, updated_at, latest_version)
    VALUES (@id, (SELECT coalesce(max(seq), 0) + 1 FROM designs), @name, @now, @now, 0)`,
  touchDesign: 'UPDATE designs SET updated_at = @now WHERE id = @id',
  latestVersion: 'SELECT latest_version FROM designs WHERE id = ?',
  head: `SELECT ${HEAD_COLUMNS} FROM designs AS d LEFT JOIN design_versions AS v ON v.design_id = d.id AND v.version = d.latest_version WHERE d.id = ?`,
  anyDesign: 'SELECT 1 FROM designs LIMIT 1',
  headsBySeq: `SELECT ${HEAD_COLUMNS} FROM designs AS d JOIN design_versions AS v ON v.design_id = d.id AND v.version = d.latest_version
    WHERE d.seq IN (SELECT value FROM json_each(?))`,
  insertVersion: `
    INSERT INTO design_versions (
    design_id, version, created_at, note, document, document_hash, engine_version, summary,
    name, core_material, core_diameter_nm, hydrodynamic_diameter_nm, disease)
    VALUES (
    @designId, @version, @now, @note, @document, @documentHash, @engineVersion, @summary,
    @name, @coreMaterial, @coreDiameterNm, @hydrodynamicDiameterNm, @disease)`,
  document: `
    SELECT version, created_at, note, engine_version, document_hash, document, summary
    FROM design_versions WHERE design_id = ? AND version = ?`,
  versions: `
    SELECT version, created_at, note, name, engine_version, document_hash, hydrodynamic_diameter_nm
    FROM design_versions WHERE design_id = ? ORDER BY version`,
  // GLOB on the BINARY primary key uses the index for a prefix; ids contain no glob characters.
  idsByPrefix: 'SELECT id FROM designs WHERE id GLOB ? ORDER BY id LIMIT 10',
  cachedMetrics: `
    SELECT selectivity_index, target_tissue, blood_half_life_h, t50_plasma_h, hydrodynamic_diameter_nm, engine_version
    FROM version_metrics WHERE document_hash = ? AND engine_version = ?`,
  insertMetrics: `
    INSERT OR REPLACE INTO version_metrics (document_hash, engine_version, computed_at, selectivity_index, target_tissue,
      blood_half_life_h, t50_plasma_h, hydrodynamic_diameter_nm, error)
    VALUES (@hash, @engine, @now, @si, @tissue, @halfLife, @t50, @dh, @error)`,
  pendingHeads: `
    SELECT id, document_hash, latest_version FROM designs
    WHERE metrics_engine_version IS NULL AND latest_version > 0 ORDER BY seq DESC LIMIT ?`,
  pendingCount: 'SELECT count(*) AS n FROM designs WHERE metrics_engine_version IS NULL AND latest_version > 0',
  trash: 'UPDATE designs SET deleted_at = @now WHERE id = @id AND deleted_at IS NULL',
  untrash: 'UPDATE designs SET deleted_at = NULL WHERE id = ?',
  tagsOf: 'SELECT tag FROM design_tags WHERE design_id = ? ORDER BY tag COLLATE NOCASE',
  tagsOfMany: 'SELECT design_id, tag FROM design_tags WHERE design_id IN (SELECT value FROM json_each(?)) ORDER BY tag COLLATE NOCASE',
  allTags: `
    SELECT t.tag AS tag, count(*) AS count FROM design_tags AS t JOIN designs AS d ON d.id = t.design_id
    WHERE d.deleted_at IS NULL GROUP BY t.tag ORDER BY t.tag COLLATE NOCASE`,
  addTag: 'INSERT OR IGNORE INTO design_tags (design_id, tag, created_at) VALUES (@id, @tag, @now)',
  removeTag: 'DELETE FROM design_tags WHERE design_id = @id AND tag = @tag',
  setNote: 'UPDATE designs SET note = @note, updated_at = @now WHERE id = @id',
  allProjects: `
    SELECT p.id AS projectId, p.name AS name, p.created_at AS createdAt,
      (SELECT count(*) FROM designs AS d WHERE d.project_id = p.id AND d.deleted_at IS NULL) AS designCount
    FROM projects AS p ORDER BY p.name COLLATE NOCASE`,
  projectById: `SELECT p.id AS projectId, p.name AS name, p.created_at AS createdAt,
      (SELECT count(*) FROM designs AS d WHERE d.project_id = p.id AND d.deleted_at IS NULL) AS designCount
    FROM projects AS p WHERE p.id = ?`,
  projectByName: `SELECT p.id AS projectId, p.name AS name, p.created_at AS createdAt,
      (SELECT count(*) FROM designs AS d WHERE d.project_id = p.id AND d.deleted_at IS NULL) AS designCount
    FROM projects AS p WHERE p.name = ? COLLATE NOCASE`,
  insertProject: 'INSERT INTO projects (id, name, created_at) VALUES (@id, @name, @now)',
  moveToProject: 'UPDATE designs SET project_id = @projectId WHERE id = @id',
} as const

type StatementName = keyof typeof SQL

/** Trims a tag and checks it (1-64 characters, the shared text rule). */
function cleanTag(tag: string): string {
  const clean = tag.trim()
  if (clean.length < 1 || clean.length > 64) throw new InvalidInputError([{ path: 'tag', message: 'a tag is 1 to 64 characters' }])
  requireSafeText([['tag', clean]])
  return clean
}

/**
 * Refuses text that breaks the shared rule (shared/design/schema-text.ts), naming the field.
 *
 * Why here as well as in the schemas: every entry point checks its input with those schemas,
 * and the library is where they all meet, so no caller can store text a later export would
 * refuse to import.
 */
function requireSafeText(fields: ReadonlyArray<readonly [path: string, text: string | undefined, multiline?: boolean]>): void {
  const issues = fields.flatMap(([path, text, multiline]) => {
    const problem = text === undefined ? undefined : unsafeTextProblem(text, { multiline: multiline === true })
    return problem === undefined ? [] : [{ path, message: problem }]
  })
  if (issues.length > 0) throw new InvalidInputError(issues)
}

/** ORDER BY for a sort key; metric sorts keep designs without the metric last. */
function orderBy(sortBy: LibrarySort, direction: 'asc' | 'desc' | undefined): string {
  const column: Record<LibrarySort, string> = {
    updatedAt: 'd.updated_at',
    createdAt: 'd.created_at',
    name: 'd.name COLLATE NOCASE',
    selectivityIndex: 'd.selectivity_index',
    t50PlasmaH: 'd.t50_plasma_h',
    hydrodynamicDiameterNm: 'd.hydrodynamic_diameter_nm',
    bloodHalfLifeH: 'd.blood_half_life_h',
  }
  const dir = direction ?? (sortBy === 'name' ? 'asc' : 'desc')
  const col = column[sortBy]
  const metric = sortBy !== 'updatedAt' && sortBy !== 'createdAt' && sortBy !== 'name'
  // DESC already puts NULLs last in SQLite (and matches the partial indexes); ASC needs NULLS LAST.
  if (dir === 'desc') return `${col} DESC, d.seq DESC`
  return metric ? `${col} ASC NULLS LAST, d.seq ASC` : `${col} ASC, d.seq ASC`
}

/** WHERE fragment and parameters for the listing filters (FTS5 prefix words or an id prefix, tag, disease, core). */
function buildFilter(options: LibraryListOptions): { sql: string; params: Record<string, string> } {
  let sql = ''
  const params: Record<string, string> = {}
  const words = (options.query ?? '').split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w))
  if (words.length > 0) {
    // Each word becomes a quoted FTS5 phrase with a prefix star, so user text can never be
    // read as FTS5 syntax (AND, NEAR, column filters, stray quotes).
    params.match = words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ')
    const fts = 'd.seq IN (SELECT rowid FROM design_search WHERE design_search MATCH @match)'
    if (words.length === 1 && /^[0-9a-f-]{4,}$/i.test(words[0]!)) {
      params.idPrefix = `${words[0]!.toLowerCase()}*`
      sql += ` AND (${fts} OR d.id GLOB @idPrefix)`
    } else {
      sql += ` AND ${fts}`
    }
  }
  if (options.projectId !== undefined) {
    params.projectId = options.projectId
    sql += ' AND d.project_id = @projectId'
  }
  if (options.tag !== undefined && options.tag.trim() !== '') {
    params.tag = options.tag.trim()
    sql += ' AND d.id IN (SELECT design_id FROM design_tags WHERE tag = @tag)'
  }
  if (options.disease !== undefined && options.disease !== '') {
    params.disease = options.disease
    sql += ' AND d.disease = @disease'
  }
  if (options.coreMaterial !== undefined && options.coreMaterial !== '') {
    params.coreMaterial = options.coreMaterial
    sql += ' AND d.core_material = @coreMaterial'
  }
  return { sql, params }
}

function toMetrics(row: MetricsRow): VersionMetrics {
  return {
    selectivityIndex: row.selectivity_index,
    targetTissue: row.target_tissue,
    bloodHalfLifeH: row.blood_half_life_h,
    t50PlasmaH: row.t50_plasma_h,
    hydrodynamicDiameterNm: row.hydrodynamic_diameter_nm,
    engineVersion: row.engine_version,
  }
}

function emptyMetrics(hydrodynamicDiameterNm: number | null): VersionMetrics {
  return { selectivityIndex: null, targetTissue: null, bloodHalfLifeH: null, t50PlasmaH: null, hydrodynamicDiameterNm, engineVersion: '' }
}

function toSummary(row: HeadRow): DesignSummary {
  return {
    designId: row.id,
    name: row.name,
    latestVersion: row.latest_version,
    coreMaterial: row.core_material,
    coreDiameterNm: row.core_diameter_nm,
    disease: row.disease,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

function clampInt(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min
  return Math.min(max, Math.max(min, Math.trunc(value)))
}
