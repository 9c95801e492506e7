import type { DesignSummary } from '../../shared/ipc/contract'
import type { LibraryItem, VersionMetrics } from '../../shared/ipc/channels/library'
import { unsafeTextProblem } from '../../shared/design/schema-text'
import type Database from 'better-sqlite3'
import { ENGINE_VERSION } from '../../shared/engine/version'
import type { LibraryConnection } from './connection'
import { DesignNotFoundError, InvalidInputError } from './errors'
import { appendAudit, type AuditAction, type AuditInput } from './audit'

/**
 * What several stores of the library share: the design's head row (the `designs` row with its
 * latest version's core diameter) and its conversion to the IPC shapes, the design-level audit
 * entry, the text rule, and paging arithmetic. One place for each, so the listing, the trash
 * and the design store read a design the same way.
 */

/** A `designs` row joined with its latest version (what listings, trash and meta read). */
export interface HeadRow {
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

/** The columns of {@link HeadRow}, with `d` the designs table and `v` its latest version. */
export const HEAD_COLUMNS = `d.id, d.seq, d.name, d.latest_version, d.created_at, d.updated_at, d.core_material, d.disease, d.note,
  d.hydrodynamic_diameter_nm, d.selectivity_index, d.target_tissue, d.blood_half_life_h, d.t50_plasma_h,
  d.metrics_engine_version, d.deleted_at, d.project_id, v.core_diameter_nm`

const HEAD_SQL = `SELECT ${HEAD_COLUMNS} FROM designs AS d LEFT JOIN design_versions AS v ON v.design_id = d.id AND v.version = d.latest_version WHERE d.id = ?`

/** The head row of a design, or undefined when there is no such id. */
export function headOf(conn: LibraryConnection, designId: string): HeadRow | undefined {
  return conn.statement(HEAD_SQL).get(designId) as HeadRow | undefined
}

/** The head row of a design that has at least one version; {@link DesignNotFoundError} otherwise. */
export function requireHead(conn: LibraryConnection, designId: string): HeadRow {
  const head = headOf(conn, designId)
  if (head === undefined || head.latest_version === 0) throw new DesignNotFoundError(designId)
  return head
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
 * Appends the audit entry of a design-level change (./audit.ts) inside the caller's
 * transaction: the change and its entry commit together or not at all.
 */
export function auditDesign(conn: LibraryConnection, action: AuditAction, designId: string, detail: AuditInput['detail'], version: number | null = null, at?: string): void {
  appendAudit(conn.db, { action, entityKind: 'design', entityId: designId, designId, version, detail }, { at })
}

/** Now, as the ISO text every timestamp column holds. */
export function nowIso(): string {
  return new Date().toISOString()
}

/**
 * Refuses text that breaks the shared rule (shared/design/schema-text.ts), naming the field.
 *
 * Why here as well as in the schemas: every entry point checks its input with those schemas,
 * and the library is where they all meet, so no caller can store text a later export would
 * refuse to import.
 */
export function requireSafeText(fields: ReadonlyArray<readonly [path: string, text: string | undefined, multiline?: boolean]>): void {
  const issues = fields.flatMap(([path, text, multiline]) => {
    const problem = text === undefined ? undefined : unsafeTextProblem(text, { multiline: multiline === true })
    return problem === undefined ? [] : [{ path, message: problem }]
  })
  if (issues.length > 0) throw new InvalidInputError(issues)
}

/** `value` truncated to an integer in [min, max]; `min` for NaN or infinities. */
export function clampInt(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min
  return Math.min(max, Math.max(min, Math.trunc(value)))
}

export function toSummary(row: HeadRow): DesignSummary {
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

/** The listing metrics kept in the head row (null fields until the metrics worker filled them). */
export function headMetrics(row: HeadRow): VersionMetrics {
  return {
    selectivityIndex: row.selectivity_index,
    targetTissue: row.target_tissue,
    bloodHalfLifeH: row.blood_half_life_h,
    t50PlasmaH: row.t50_plasma_h,
    hydrodynamicDiameterNm: row.hydrodynamic_diameter_nm,
    engineVersion: row.metrics_engine_version ?? '',
  }
}

export function toItem(row: HeadRow, tags: string[]): LibraryItem {
  return { ...toSummary(row), metrics: headMetrics(row), tags, note: row.note, projectId: row.project_id }
}
