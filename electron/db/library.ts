import type Database from 'better-sqlite3'
import { createHash, randomUUID } from 'node:crypto'
import type { DesignSummary, VersionInfo } from '../../shared/ipc/contract'
import type { Design } from '../../shared/design/types'
import { canonicalDesignJson, normaliseDesign } from '../../shared/design/normalise'
import { deriveProperties } from '../../shared/design/derived'
import { openDatabase, type OpenDatabaseOptions } from './database'

/**
 * Thrown by every write on a library that opened read-only.
 *
 * Why a type: services map it to `err('read-only', reason)` and the CLI to a clear message,
 * instead of leaking SQLite's "attempt to write a readonly database".
 */
export class LibraryReadOnlyError extends Error {
  /** Same words as {@link DesignLibrary.readOnlyReason}. */
  readonly reason: string
  constructor(reason: string) {
    super(`The design library is read-only: ${reason}`)
    this.name = 'LibraryReadOnlyError'
    this.reason = reason
  }
}

/**
 * Thrown when a save names a design that does not exist.
 *
 * Why a type: the services answer `not-found` rather than `internal`.
 */
export class DesignNotFoundError extends Error {
  readonly designId: string
  constructor(designId: string) {
    super(`No design with id ${designId} in the library.`)
    this.name = 'DesignNotFoundError'
    this.designId = designId
  }
}

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

/** One page of the library, newest first. */
export interface DesignPage {
  readonly items: DesignSummary[]
  /** How many designs match in total (for paging). */
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
  readonly design: Design
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
}

/** Result of {@link DesignLibrary.resolveDesignId}. */
export type ResolvedDesignId =
  | { readonly ok: true; readonly designId: string }
  | { readonly ok: false; readonly reason: 'not-found' | 'ambiguous' | 'invalid'; readonly message: string; readonly candidates: ReadonlyArray<string> }

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
  /** Schema version of the open file. */
  readonly schemaVersion: number
  /** Backup taken before migrating the file during this open, if any. */
  readonly backupPath: string | undefined
  /** Saves a new design (version 1) or appends a version; one transaction. */
  saveDesign(design: Design, options?: SaveDesignOptions): SavedVersion
  listDesigns(options?: ListDesignsOptions): DesignPage
  /** The latest version, or the given one; undefined when either does not exist. */
  getDesign(designId: string, version?: number): StoredDesign | undefined
  /** Every version, oldest first; undefined when the design does not exist. */
  history(designId: string): HistoryEntry[] | undefined
  /** Expands a unique id prefix (like git's short hashes) to the full design id. */
  resolveDesignId(prefix: string): ResolvedDesignId
  /** Checkpoints and closes the file. */
  /**
   * The library's one writer connection, for sibling stores in electron/db (measurements,
   * tags, backups) that share its transactions and read-only state. Never leaves the main
   * process or the CLI.
   */
  readonly connection: Database.Database
  /** Throws {@link LibraryReadOnlyError} when the library opened read-only. */
  requireWritable(): void
  close(): void
}

/** Options of {@link openDesignLibrary}. */
export interface OpenDesignLibraryOptions extends Pick<OpenDatabaseOptions, 'nativeBinding' | 'readonly' | 'migrations' | 'backupDir'> {
  readonly path: string
}

/** Default page size of {@link DesignLibrary.listDesigns}. */
export const DEFAULT_LIST_LIMIT = 100
/** Largest page {@link DesignLibrary.listDesigns} returns. */
export const MAX_LIST_LIMIT = 500
/** Shortest id prefix accepted by {@link DesignLibrary.resolveDesignId}. */
export const MIN_ID_PREFIX_LENGTH = 4

interface DesignRow {
  readonly id: string
  readonly name: string
  readonly latest_version: number
  readonly created_at: string
  readonly updated_at: string
  readonly core_material: string
  readonly core_diameter_nm: number
  readonly disease: string
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

/**
 * Opens the design library at `path` (see `openDatabase` for what happens to damaged,
 * foreign or newer files: they open read-only with a reason, never overwritten).
 *
 * Why a factory over a class: callers only see the {@link DesignLibrary} interface, so the
 * web host and the main process can be handed a test double or a worker proxy later.
 */
export function openDesignLibrary(options: OpenDesignLibraryOptions): DesignLibrary {
  const opened = openDatabase(options.path, options)
  const db = opened.db
  // Prepared on first use: a read-only file of another schema version still opens and
  // fails only on the query that does not fit.
  const statements = lazyStatements(db)

  const requireWritable = (): void => {
    if (opened.readOnly) throw new LibraryReadOnlyError(opened.readOnlyReason ?? 'opened read-only')
  }

  const saveTransaction = db.transaction((design: Design, saveOptions: SaveDesignOptions): SavedVersion => {
    // Stored: the normalised document in the spec's key order (readable, exportable as is).
    // Hashed: the canonical form (sorted keys), so equal designs hash equal whatever their layout.
    const documentJson = JSON.stringify(normaliseDesign(design))
    const canonicalJson = canonicalDesignJson(design)
    const now = new Date().toISOString()
    let designId: string
    let version: number
    if (saveOptions.designId === undefined) {
      designId = randomUUID()
      version = 1
      statements('insertDesign').run({ id: designId, name: design.name, now })
    } else {
      const row = statements('latestVersion').get(saveOptions.designId) as { latest_version: number } | undefined
      if (row === undefined) throw new DesignNotFoundError(saveOptions.designId)
      designId = saveOptions.designId
      version = row.latest_version + 1
      statements('touchDesign').run({ id: designId, name: design.name, now, version })
    }
    const summary = summarise(design)
    statements('insertVersion').run({
      designId,
      version,
      now,
      note: saveOptions.note ?? '',
      document: documentJson,
      documentHash: createHash('sha256').update(canonicalJson, 'utf8').digest('hex'),
      engineVersion: saveOptions.engineVersion ?? 'unknown',
      summary: JSON.stringify(summary),
      name: design.name,
      coreMaterial: design.core.material,
      coreDiameterNm: design.core.diameterNm,
      hydrodynamicDiameterNm: typeof summary.hydrodynamicDiameterNm === 'number' && Number.isFinite(summary.hydrodynamicDiameterNm)
        ? summary.hydrodynamicDiameterNm
        : null,
      disease: design.context.disease,
    })
    return { designId, version }
  })

  const versionInfos = (designId: string): VersionRow[] => statements('versions').all(designId) as VersionRow[]

  return {
    path: opened.path,
    readOnly: opened.readOnly,
    readOnlyReason: opened.readOnlyReason,
    schemaVersion: opened.schemaVersion,
    backupPath: opened.backupPath,
    connection: opened.db,
    requireWritable: () => requireWritable(),

    saveDesign(design, saveOptions = {}) {
      requireWritable()
      // IMMEDIATE takes the write lock up front, so two writers wait (busy timeout) instead of
      // failing on a lock upgrade half-way through.
      return saveTransaction.immediate(design, saveOptions)
    },

    listDesigns(listOptions = {}) {
      const limit = clampInt(listOptions.limit ?? DEFAULT_LIST_LIMIT, 1, MAX_LIST_LIMIT)
      const offset = Math.max(0, Math.trunc(listOptions.offset ?? 0))
      const filter = buildFilter(listOptions.query)
      const params = { ...filter.params, limit, offset }
      const rows = db.prepare(`
        SELECT d.id, d.name, d.latest_version, d.created_at, d.updated_at,
               v.core_material, v.core_diameter_nm, v.disease
        FROM designs AS d
        JOIN design_versions AS v ON v.design_id = d.id AND v.version = d.latest_version
        WHERE d.deleted_at IS NULL AND d.latest_version > 0 ${filter.sql}
        ORDER BY d.updated_at DESC, d.seq DESC
        LIMIT @limit OFFSET @offset`).all(params) as DesignRow[]
      const total = (db.prepare(`
        SELECT count(*) AS n FROM designs AS d
        WHERE d.deleted_at IS NULL AND d.latest_version > 0 ${filter.sql}`).get(filter.params) as { n: number }).n
      return { items: rows.map(toSummary), total }
    },

    getDesign(designId, version) {
      const head = statements('latestVersion').get(designId) as { latest_version: number } | undefined
      if (head === undefined) return undefined
      const row = statements('document').get(designId, version ?? head.latest_version) as DocumentRow | undefined
      if (row === undefined) return undefined
      return {
        designId,
        version: row.version,
        createdAt: row.created_at,
        note: row.note,
        engineVersion: row.engine_version,
        documentHash: row.document_hash,
        design: JSON.parse(row.document) as Design,
        summary: JSON.parse(row.summary) as Record<string, unknown>,
        versions: versionInfos(designId).map((v) => ({ version: v.version, createdAt: v.created_at, note: v.note })),
      }
    },

    history(designId) {
      const head = statements('latestVersion').get(designId)
      if (head === undefined) return undefined
      return versionInfos(designId).map((v) => ({
        version: v.version,
        createdAt: v.created_at,
        note: v.note,
        name: v.name,
        engineVersion: v.engine_version,
        documentHash: v.document_hash,
        hydrodynamicDiameterNm: v.hydrodynamic_diameter_nm,
      }))
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

    close() {
      opened.close()
    },
  }
}

const SQL = {
  insertDesign: `
    INSERT INTO designs (id, seq, name, created_at, updated_at, latest_version)
    VALUES (@id, (SELECT coalesce(max(seq), 0) + 1 FROM designs), @name, @now, @now, 1)`,
  touchDesign: `
    UPDATE designs SET name = @name, updated_at = @now, latest_version = @version WHERE id = @id`,
  latestVersion: 'SELECT latest_version FROM designs WHERE id = ?',
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
} as const

type StatementName = keyof typeof SQL

function lazyStatements(db: Database.Database): (name: StatementName) => Database.Statement {
  const cache = new Map<StatementName, Database.Statement>()
  return (name) => {
    let statement = cache.get(name)
    if (statement === undefined) {
      statement = db.prepare(SQL[name])
      cache.set(name, statement)
    }
    return statement
  }
}

/** WHERE fragment and parameters for a free-text query (FTS5 prefix words, or an id prefix). */
function buildFilter(query: string | undefined): { sql: string; params: Record<string, string> } {
  const words = (query ?? '').split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w))
  if (words.length === 0) return { sql: '', params: {} }
  // Each word becomes a quoted FTS5 phrase with a prefix star, so user text can never be
  // read as FTS5 syntax (AND, NEAR, column filters, stray quotes).
  const match = words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ')
  const idPrefix = words.length === 1 && /^[0-9a-f-]{4,}$/i.test(words[0]!) ? `${words[0]!.toLowerCase()}*` : ''
  return {
    sql: 'AND (d.seq IN (SELECT rowid FROM design_search WHERE design_search MATCH @match) OR (@idPrefix <> \'\' AND d.id GLOB @idPrefix))',
    params: { match, idPrefix },
  }
}

/**
 * The scalar derived metrics stored with a version (hydrodynamic diameter, PEG regime,
 * particles per mg, ...) for listing and sorting; a failure here must not stop the save.
 */
function summarise(design: Design): Record<string, unknown> {
  try {
    const derived = deriveProperties(design) as unknown as Record<string, unknown>
    const summary: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(derived)) {
      if (value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
        summary[key] = value
      }
    }
    return summary
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) }
  }
}

function toSummary(row: DesignRow): DesignSummary {
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
