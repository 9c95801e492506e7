import type Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import type { Design } from '../../shared/design/types'
import { upgradeStoredDesign } from '../../shared/design/stored'
import { ENGINE_VERSION } from '../../shared/engine/version'
import type { VersionMetrics } from '../../shared/ipc/channels/library'
import { busyAware, type LibraryConnection } from './connection'
import { DesignNotFoundError, InvalidInputError } from './errors'
import { faultPoint } from './faults'
import { detailText, sha256Hex, type AuditAction } from './audit'
import { designDocumentHash, libraryEngine, summariseDesign } from './library-engine'
import { auditDesign, headOf, requireHead, requireSafeText, syncDesignHead } from './library-rows'
import {
  MIN_ID_PREFIX_LENGTH, type DesignLibrary, type SavedVersion, type SaveDesignOptions, type StoredDesign,
} from './library-types'

/**
 * Designs and their versions: saving (a new design or a new immutable version), reading a
 * version, the history, a design's meta, id prefixes, and the writes that are saves of an
 * existing document (duplicate, rename, restore a version).
 */
export type DesignStore = Pick<DesignLibrary,
  'saveDesign' | 'getDesign' | 'history' | 'designMeta' | 'resolveDesignId' | 'duplicateDesign' | 'renameDesign' | 'restoreVersion'>

/** What the design store needs from the other stores of its library. */
export interface DesignStoreNeeds {
  /** Cached metrics of a version, or empty ones with its diameter (never computes: history is a read). */
  readonly cachedMetricsOf: (documentHash: string, fallbackDiameterNm: number | null) => VersionMetrics
  readonly tagsOf: (designId: string) => string[]
  /**
   * Runs after every committed save, outside its transaction: best-effort work (the deferred
   * metrics, the daily backup) that must never fail the save.
   */
  readonly afterSave: () => void
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

const SQL = {
  insertDesign: `
    INSERT INTO designs (id, seq, name, created_at, updated_at, latest_version)
    VALUES (@id, (SELECT coalesce(max(seq), 0) + 1 FROM designs), @name, @now, @now, 0)`,
  touchDesign: 'UPDATE designs SET updated_at = @now WHERE id = @id',
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

type SaveTransaction = (design: Design, options: SaveDesignOptions, action: AuditAction) => SavedVersion

export function createDesignStore(conn: LibraryConnection, needs: DesignStoreNeeds): DesignStore {
  /** Inserts a version; returns the hashes its audit entry anchors (canonical design hash, stored text's SHA-256). */
  const insertVersion = (designId: string, version: number, design: Design, note: string, engineVersion: string, createdAt: string): { documentHash: string; textSha256: string } => {
    const summary = summariseDesign(design)
    const hydro = typeof summary.hydrodynamicDiameterNm === 'number' ? summary.hydrodynamicDiameterNm : null
    const document = JSON.stringify(libraryEngine().normaliseDesign(design))
    const documentHash = designDocumentHash(design)
    conn.statement(SQL.insertVersion).run({
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

  const buildSave = (db: Database.Database): SaveTransaction => {
    const tx = db.transaction((design: Design, saveOptions: SaveDesignOptions, action: AuditAction): SavedVersion => {
      const at = new Date().toISOString()
      let designId: string
      let version: number
      if (saveOptions.designId === undefined) {
        designId = randomUUID()
        version = 1
        conn.statement(SQL.insertDesign).run({ id: designId, name: design.name, now: at })
      } else {
        const row = conn.statement(SQL.latestVersion).get(saveOptions.designId) as { latest_version: number } | undefined
        if (row === undefined) throw new DesignNotFoundError(saveOptions.designId)
        designId = saveOptions.designId
        version = row.latest_version + 1
      }
      const engineVersion = saveOptions.engineVersion ?? ENGINE_VERSION
      const hashes = insertVersion(designId, version, design, saveOptions.note ?? '', engineVersion, at)
      conn.statement(SQL.touchDesign).run({ id: designId, now: at })
      syncDesignHead(db, designId)
      auditDesign(conn, version === 1 && action === 'design.save' ? 'design.create' : action, designId, {
        name: design.name, note: detailText(saveOptions.note ?? ''), engineVersion, ...hashes,
      }, version, at)
      return { designId, version }
    })
    // IMMEDIATE takes the write lock up front, so two writers wait (busy timeout) instead of
    // failing on a lock upgrade half-way through.
    return (design, saveOptions, action) => tx.immediate(design, saveOptions, action)
  }

  const save = (design: Design, saveOptions: SaveDesignOptions, action: AuditAction = 'design.save'): SavedVersion => {
    conn.requireWritable()
    requireSafeText([['name', design.name], ['notes', design.notes, true], ['note', saveOptions.note, true]])
    // Built once per connection: a restore that reopened the file gets a transaction on the new one.
    const saved = busyAware(() => conn.perConnection('design-save', buildSave)(design, saveOptions, action))
    conn.noteWrite(`design ${saved.designId} version ${saved.version}`)
    faultPoint('save:committed')
    needs.afterSave()
    return saved
  }

  const getDesign = (designId: string, version?: number): StoredDesign | undefined => {
    const head = conn.statement(SQL.latestVersion).get(designId) as { latest_version: number } | undefined
    if (head === undefined) return undefined
    const row = conn.statement(SQL.document).get(designId, version ?? head.latest_version) as DocumentRow | undefined
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
      versions: (conn.statement(SQL.versions).all(designId) as VersionRow[]).map((v) => ({ version: v.version, createdAt: v.created_at, note: v.note })),
    }
  }

  const requireVersion = (designId: string, version?: number): StoredDesign => {
    requireHead(conn, designId)
    const found = getDesign(designId, version)
    if (found === undefined) throw new DesignNotFoundError(designId, `Design ${designId} has no version ${version ?? ''}.`)
    return found
  }

  return {
    saveDesign: (design, saveOptions = {}) => save(design, saveOptions),
    getDesign,

    history(designId) {
      if (conn.statement(SQL.latestVersion).get(designId) === undefined) return undefined
      return (conn.statement(SQL.versions).all(designId) as VersionRow[]).map((v) => ({
        version: v.version,
        createdAt: v.created_at,
        note: v.note,
        name: v.name,
        engineVersion: v.engine_version,
        documentHash: v.document_hash,
        hydrodynamicDiameterNm: v.hydrodynamic_diameter_nm,
        metrics: needs.cachedMetricsOf(v.document_hash, v.hydrodynamic_diameter_nm),
      }))
    },

    designMeta(designId) {
      const head = headOf(conn, designId)
      if (head === undefined) return undefined
      return {
        designId, name: head.name, note: head.note, tags: needs.tagsOf(designId), latestVersion: head.latest_version,
        deletedAt: head.deleted_at, projectId: head.project_id,
      }
    },

    resolveDesignId(prefix) {
      const wanted = prefix.trim().toLowerCase()
      if (!/^[0-9a-z-]+$/.test(wanted)) {
        return { ok: false, reason: 'invalid', message: `'${prefix}' is not a design id (ids are letters, digits and dashes).`, candidates: [] }
      }
      if (conn.statement(SQL.latestVersion).get(wanted) !== undefined) return { ok: true, designId: wanted }
      if (wanted.length < MIN_ID_PREFIX_LENGTH) {
        return { ok: false, reason: 'invalid', message: `'${prefix}' is too short: give at least ${MIN_ID_PREFIX_LENGTH} characters of the design id.`, candidates: [] }
      }
      const matches = (conn.statement(SQL.idsByPrefix).all(`${wanted}*`) as Array<{ id: string }>).map((r) => r.id)
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
      return save({ ...source.design, name }, { note: `Duplicated from ${designId} version ${source.version}` }, 'design.duplicate')
    },

    renameDesign(designId, name) {
      const source = requireVersion(designId)
      const trimmed = name.trim()
      if (trimmed === '') throw new InvalidInputError([{ path: 'name', message: 'a design name cannot be empty' }])
      return save({ ...source.design, name: trimmed }, { designId, note: `Renamed from "${source.design.name}" to "${trimmed}"` }, 'design.rename')
    },

    restoreVersion(designId, version, note) {
      const source = requireVersion(designId, version)
      return save(source.design, { designId, note: note ?? `Restored from version ${version}` }, 'design.restore-version')
    },
  }
}
