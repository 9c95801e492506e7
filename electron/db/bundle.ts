import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { DESIGN_VERSION, type Design } from '../../shared/design/types'
import { normaliseDesign } from '../../shared/design/normalise'
import { validateDesign } from '../../shared/design/schema'
import { upgradeStoredDesign } from '../../shared/design/stored'
import { DesignId, VersionNote, VersionNumber } from '../../shared/ipc/channels/design'
import { NameText, TagName } from '../../shared/ipc/channels/library'
import { SafeText, StrictIsoDate, StrictIsoTime } from '../../shared/ipc/text'
import { formatIssuePath, messageOf } from '../../shared/ipc/result'
import { MeasurementId, MeasurementKind, MeasurementSchema } from '../../shared/ipc/channels/measurement'
import type { ImportSummary } from '../../shared/ipc/channels/library'
import { ENGINE_VERSION } from '../../shared/engine/version'
import { faultPoint } from './faults'
import { appendAudit, sha256Hex } from './audit'
import {
  DesignNotFoundError, busyAware, designDocumentHash, summariseDesign, syncDesignHead, type DesignLibrary, type StoredDesign,
} from './library'

/** The `format` tag of a NanoForge bundle file. */
export const BUNDLE_FORMAT = 'nanoforge.bundle'
/** The bundle version this build writes and reads. */
export const BUNDLE_VERSION = 1
/** Most problems one failed import reports (the rest are counted). */
export const MAX_BUNDLE_ISSUES = 100

/**
 * One version of a design inside a bundle: the immutable document and its provenance, the
 * same fields as a stored version (`documentHash`, the SHA-256 of the canonical document, is
 * checked on import).
 */
export type BundleVersion = Pick<StoredDesign, 'version' | 'createdAt' | 'note' | 'engineVersion' | 'documentHash' | 'design'>

/** A measurement inside a bundle (the v2 table row, data parsed). */
export interface BundleMeasurement {
  readonly id: string
  readonly version: number
  readonly kind: string
  readonly label: string
  readonly measuredOn: string | null
  readonly createdAt: string
  readonly deletedAt: string | null
  readonly data: unknown
}

/** One design with its whole history, note, tags and measurements. */
export interface BundleDesign {
  readonly designId: string
  readonly name: string
  readonly createdAt: string
  readonly updatedAt: string
  readonly note: string
  readonly tags: string[]
  readonly deletedAt: string | null
  /** The project the design is filed under (matched by id, then by name, on import). */
  readonly project: { readonly projectId: string; readonly name: string } | null
  /** Versions 1..n, in order. */
  readonly versions: BundleVersion[]
  readonly measurements: BundleMeasurement[]
}

/**
 * A `nanoforge.bundle` file, version 1: designs moved between offline machines with every
 * version, note, tag and measurement (issue 5, "Move work between offline machines").
 */
export interface Bundle {
  readonly format: typeof BUNDLE_FORMAT
  readonly version: typeof BUNDLE_VERSION
  readonly exportedAt: string
  readonly engineVersion: string
  readonly designs: BundleDesign[]
}

/** One problem of a bundle, with its JSON path (`designs[0].versions[1].design.core.diameterNm`). */
export interface BundleIssue {
  readonly path: string
  readonly message: string
}

export { BundleValidationError } from './errors'
import { BundleValidationError } from './errors'

// Every text and time of a bundle is checked by the same types as the IPC requests
// (shared/ipc/text.ts): a bundle can bring in nothing a save could not.
/** A bundle timestamp: strict UTC ISO, a real time, not in the future. */
const BundleTime = StrictIsoTime
/** An engine version string as stored with each version. */
const EngineVersionText = SafeText({ max: 64 })

const BundleVersionSchema = z.object({
  version: VersionNumber,
  createdAt: BundleTime,
  note: VersionNote,
  engineVersion: EngineVersionText,
  documentHash: z.string().regex(/^[0-9a-f]{64}$/, 'a document hash is 64 hex digits'),
  design: z.unknown(),
}).strict()

const BundleMeasurementSchema = z.object({
  id: MeasurementId,
  version: VersionNumber,
  kind: MeasurementKind,
  label: SafeText({ max: 200 }),
  measuredOn: StrictIsoDate.nullable(),
  createdAt: BundleTime,
  deletedAt: BundleTime.nullable(),
  data: z.unknown(),
}).strict()

const BundleDesignSchema = z.object({
  designId: DesignId,
  name: SafeText({ max: 200 }),
  createdAt: BundleTime,
  updatedAt: BundleTime,
  note: SafeText({ max: 20_000, multiline: true }),
  tags: z.array(TagName).max(200),
  deletedAt: BundleTime.nullable(),
  project: z.object({ projectId: DesignId, name: NameText }).strict().nullable(),
  versions: z.array(BundleVersionSchema).min(1).max(100_000),
  measurements: z.array(BundleMeasurementSchema).max(100_000),
}).strict()

const BundleSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  exportedAt: BundleTime,
  engineVersion: EngineVersionText,
  designs: z.array(BundleDesignSchema).max(100_000),
}).strict()

/** `designs[0].versions[1]` from a zod path ('' for the whole bundle). */
function pathText(segments: ReadonlyArray<PropertyKey>): string {
  return segments.length === 0 ? '' : formatIssuePath(segments)
}

function joinPath(base: string, rest: string): string {
  if (rest === '') return base
  return rest.startsWith('[') ? `${base}${rest}` : `${base}.${rest}`
}

/**
 * Parses and checks a bundle completely without touching any database: the envelope, every
 * design document (validateDesign), every document hash, version numbering, and every
 * measurement (the measurement channel's own schema). Returns the bundle with normalised
 * documents, or every problem with its JSON path.
 */
export function parseBundle(text: string): { ok: true; bundle: Bundle } | { ok: false; issues: BundleIssue[]; total: number } {
  const issues: BundleIssue[] = []
  let total = 0
  const add = (path: string, message: string): void => {
    total++
    if (issues.length < MAX_BUNDLE_ISSUES) issues.push({ path, message })
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    add('', `the file is not JSON (${messageOf(error)})`)
    return { ok: false, issues, total }
  }
  if (typeof raw === 'object' && raw !== null && (raw as { format?: unknown }).format !== BUNDLE_FORMAT) {
    add('format', `must be "${BUNDLE_FORMAT}"; this is not a NanoForge bundle${(raw as { format?: unknown }).format === 'nanoforge.design' ? ' (it is a single design file: open it or use db save)' : ''}`)
    return { ok: false, issues, total }
  }
  const envelope = BundleSchema.safeParse(raw)
  if (!envelope.success) {
    for (const issue of envelope.error.issues) add(pathText(issue.path), issue.message)
    return { ok: false, issues, total }
  }
  const seenDesigns = new Set<string>()
  const seenMeasurements = new Set<string>()
  const designs: BundleDesign[] = []
  envelope.data.designs.forEach((d, i) => {
    const base = `designs[${i}]`
    if (seenDesigns.has(d.designId)) add(`${base}.designId`, `design ${d.designId} appears twice in the bundle`)
    seenDesigns.add(d.designId)
    const versions: BundleVersion[] = []
    d.versions.forEach((v, j) => {
      const vBase = `${base}.versions[${j}]`
      if (v.version !== j + 1) add(`${vBase}.version`, `versions must be numbered 1, 2, 3, ... in order; expected ${j + 1}, got ${v.version}`)
      const checked = validateDesign(v.design)
      if (!checked.valid) {
        for (const e of checked.errors) add(joinPath(`${vBase}.design`, e.path), e.message)
        return
      }
      // A version written by an older build travels as written (its hash is of that text) and
      // is stored so; reading upgrades it. It passed validation through the migration above.
      const older = (v.design as { version?: unknown }).version !== DESIGN_VERSION
      const asWritten = older ? v.design as Design : checked.design
      const hash = designDocumentHash(asWritten)
      if (hash !== v.documentHash) add(`${vBase}.documentHash`, 'does not match the design document (the bundle was edited or damaged)')
      versions.push({ ...v, design: normaliseDesign(asWritten) })
    })
    const measurements: BundleMeasurement[] = []
    d.measurements.forEach((m, k) => {
      const mBase = `${base}.measurements[${k}]`
      if (seenMeasurements.has(m.id)) add(`${mBase}.id`, `measurement ${m.id} appears twice in the bundle`)
      seenMeasurements.add(m.id)
      if (m.version > d.versions.length) add(`${mBase}.version`, `design ${d.designId} has no version ${m.version} in the bundle`)
      // Every kind, biodistribution included, is checked by the measurement channel's schema.
      const parsed = MeasurementSchema.safeParse({ ...m, designId: d.designId })
      if (!parsed.success) for (const issue of parsed.error.issues) add(joinPath(mBase, pathText(issue.path)), issue.message)
      measurements.push(m)
    })
    designs.push({ ...d, versions, measurements })
  })
  if (total > 0) return { ok: false, issues, total }
  return { ok: true, bundle: { ...envelope.data, designs } }
}

/**
 * Builds a bundle of the given designs (every version, note, tags, measurements).
 *
 * Why whole histories: a bundle is how work moves between offline machines and the
 * human-readable last line of recovery (docs/security.md §5, "JSON snapshot export").
 */
export function exportBundle(library: DesignLibrary, designIds: ReadonlyArray<string>): Bundle {
  const db = library.connection
  const designs: BundleDesign[] = []
  for (const designId of [...new Set(designIds)]) {
    const meta = library.designMeta(designId)
    if (meta === undefined || meta.latestVersion === 0) throw new DesignNotFoundError(designId)
    const head = db.prepare('SELECT created_at, updated_at FROM designs WHERE id = ?').get(designId) as { created_at: string; updated_at: string }
    const versions: BundleVersion[] = []
    for (let v = 1; v <= meta.latestVersion; v++) {
      const stored = library.getDesign(designId, v)
      if (stored === undefined) continue
      versions.push({
        version: stored.version, createdAt: stored.createdAt, note: stored.note,
        engineVersion: stored.engineVersion, documentHash: stored.documentHash, design: stored.documentAsWritten,
      })
    }
    const rows = db.prepare(`SELECT id, version, kind, label, measured_on, created_at, deleted_at, data
      FROM measurements WHERE design_id = ? ORDER BY version, created_at, id`).all(designId) as Array<{
      id: string; version: number; kind: string; label: string; measured_on: string | null; created_at: string; deleted_at: string | null; data: string
    }>
    const project = meta.projectId === null ? null
      : (db.prepare('SELECT id AS projectId, name FROM projects WHERE id = ?').get(meta.projectId) as { projectId: string; name: string } | undefined) ?? null
    designs.push({
      designId, name: meta.name, createdAt: head.created_at, updatedAt: head.updated_at, note: meta.note,
      tags: meta.tags, deletedAt: meta.deletedAt, project, versions,
      measurements: rows.map((r) => ({
        id: r.id, version: r.version, kind: r.kind, label: r.label, measuredOn: r.measured_on,
        createdAt: r.created_at, deletedAt: r.deleted_at, data: JSON.parse(r.data) as unknown,
      })),
    })
  }
  return { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, exportedAt: new Date().toISOString(), engineVersion: ENGINE_VERSION, designs }
}

/** Options of {@link importBundle}. */
export interface ImportBundleOptions {
  /** Take a verified backup before writing (default true). */
  readonly backup?: boolean
}

/**
 * Imports a bundle: validates everything first ({@link parseBundle}; a bad bundle throws
 * {@link BundleValidationError} and writes nothing), takes a backup, then writes in one
 * transaction.
 *
 * Never duplicates: a version whose design id, version number and document hash are already
 * here is skipped; a design that is already here with fewer versions gets the missing later
 * versions appended. A conflict (same design id and version number, different document: two
 * machines edited the same design apart) imports the bundle's design whole as a new design
 * with a new id, so neither history is altered, and reports it; importing the same bundle
 * again finds that copy (same sequence of document hashes) and skips it. Tags are merged; a
 * design note is taken only when the local one is empty; measurements are matched by id.
 */
export function importBundle(library: DesignLibrary, text: string, options: ImportBundleOptions = {}): ImportSummary {
  library.requireWritable()
  const parsed = parseBundle(text)
  if (!parsed.ok) throw new BundleValidationError(parsed.issues, parsed.total)
  return importValidBundle(library, parsed.bundle, options)
}

/**
 * Imports a bundle that {@link parseBundle} accepted (see {@link importBundle}).
 *
 * Why separate: the CLI parses and validates the bundle before it opens (or creates) the
 * library, so a bundle that cannot be imported never leaves an empty library file behind.
 */
export function importValidBundle(library: DesignLibrary, bundle: Bundle, options: ImportBundleOptions = {}): ImportSummary {
  library.requireWritable()
  const db = library.connection
  const summary = {
    designsAdded: 0, versionsAdded: 0, versionsSkipped: 0, measurementsAdded: 0, measurementsSkipped: 0,
    conflicts: [] as Array<{ sourceDesignId: string; importedAsDesignId: string; reason: string }>,
  }

  const localHashes = (designId: string): string[] =>
    (db.prepare('SELECT document_hash FROM design_versions WHERE design_id = ? ORDER BY version').all(designId) as Array<{ document_hash: string }>)
      .map((r) => r.document_hash)
  const findCopy = (hashes: ReadonlyArray<string>): string | undefined => {
    const candidates = db.prepare('SELECT design_id FROM design_versions WHERE version = 1 AND document_hash = ?').all(hashes[0]) as Array<{ design_id: string }>
    return candidates.map((c) => c.design_id).find((id) => {
      const h = localHashes(id)
      return h.length === hashes.length && h.every((x, i) => x === hashes[i])
    })
  }
  const measurementExists = db.prepare('SELECT 1 FROM measurements WHERE id = ?')
  const tagExists = db.prepare('SELECT 1 FROM design_tags WHERE design_id = ? AND tag = ?')
  const noteEmpty = db.prepare("SELECT 1 FROM designs WHERE id = ? AND note = ''")
  const projectMissing = db.prepare('SELECT 1 FROM designs WHERE id = ? AND project_id IS NULL')
  const insertDesign = db.prepare(`INSERT INTO designs (id, seq, name, created_at, updated_at, latest_version, deleted_at, note)
    VALUES (@id, (SELECT coalesce(max(seq), 0) + 1 FROM designs), @name, @createdAt, @updatedAt, 0, @deletedAt, @note)`)
  const insertVersion = db.prepare(`INSERT INTO design_versions (design_id, version, created_at, note, document, document_hash,
    engine_version, summary, name, core_material, core_diameter_nm, hydrodynamic_diameter_nm, disease)
    VALUES (@designId, @version, @createdAt, @note, @document, @documentHash, @engineVersion, @summary, @name, @coreMaterial,
    @coreDiameterNm, @hydrodynamicDiameterNm, @disease)`)
  const insertTag = db.prepare('INSERT OR IGNORE INTO design_tags (design_id, tag, created_at) VALUES (?, ?, ?)')
  const insertMeasurement = db.prepare(`INSERT INTO measurements (id, design_id, version, kind, label, measured_on, created_at, data, deleted_at)
    VALUES (@id, @designId, @version, @kind, @label, @measuredOn, @createdAt, @data, @deletedAt)`)

  /** What the current design's import changed, for its audit entry (one per design imported). */
  let changes: { versionsAdded: Array<{ version: number; documentHash: string; textSha256: string }>; measurementsAdded: number; tagsAdded: number; other: string[] }
  const resetChanges = (): void => {
    changes = { versionsAdded: [], measurementsAdded: 0, tagsAdded: 0, other: [] }
  }
  resetChanges()
  /** Appends the entry of one imported design, when its import changed anything (same transaction). */
  const auditDesign = (designId: string, d: BundleDesign, exportedAt: string, conflictWith?: string): void => {
    if (changes.versionsAdded.length + changes.measurementsAdded + changes.tagsAdded + changes.other.length === 0) return
    appendAudit(db, {
      action: 'design.import', entityKind: 'design', entityId: designId, designId,
      version: changes.versionsAdded.length > 0 ? changes.versionsAdded[changes.versionsAdded.length - 1]!.version : null,
      detail: {
        sourceDesignId: d.designId, bundleExportedAt: exportedAt, ...(conflictWith !== undefined ? { conflict: conflictWith } : {}),
        versionsAdded: changes.versionsAdded, measurementsAdded: changes.measurementsAdded, tagsAdded: changes.tagsAdded, other: changes.other,
      },
    })
  }

  const addVersion = (designId: string, v: BundleVersion): void => {
    const s = summariseDesign(upgradeStoredDesign(v.design))
    const document = JSON.stringify(v.design)
    changes.versionsAdded.push({ version: v.version, documentHash: v.documentHash, textSha256: sha256Hex(document) })
    insertVersion.run({
      designId, version: v.version, createdAt: v.createdAt, note: v.note, document,
      documentHash: v.documentHash, engineVersion: v.engineVersion, summary: JSON.stringify(s), name: v.design.name,
      coreMaterial: v.design.core.material, coreDiameterNm: v.design.core.diameterNm,
      hydrodynamicDiameterNm: typeof s.hydrodynamicDiameterNm === 'number' ? s.hydrodynamicDiameterNm : null,
      disease: v.design.context.disease,
    })
    summary.versionsAdded++
  }
  const addMeasurements = (designId: string, d: BundleDesign, freshIds: boolean): void => {
    for (const m of d.measurements) {
      if (!freshIds && measurementExists.get(m.id) !== undefined) {
        summary.measurementsSkipped++
        continue
      }
      insertMeasurement.run({
        id: freshIds ? randomUUID() : m.id, designId, version: m.version, kind: m.kind, label: m.label,
        measuredOn: m.measuredOn, createdAt: m.createdAt, data: JSON.stringify(m.data), deletedAt: m.deletedAt,
      })
      summary.measurementsAdded++
      changes.measurementsAdded++
    }
  }
  /** The local project for a bundle project: same id, else same name, else created with the bundle's id. */
  const localProject = (project: BundleDesign['project']): string | null => {
    if (project === null) return null
    const byId = db.prepare('SELECT id FROM projects WHERE id = ?').get(project.projectId) as { id: string } | undefined
    if (byId !== undefined) return byId.id
    const byName = db.prepare('SELECT id FROM projects WHERE name = ? COLLATE NOCASE').get(project.name) as { id: string } | undefined
    if (byName !== undefined) return byName.id
    db.prepare('INSERT INTO projects (id, name, created_at) VALUES (?, ?, ?)').run(project.projectId, project.name, new Date().toISOString())
    changes.other.push(`project ${project.projectId} ("${project.name}") created`)
    return project.projectId
  }
  const fileUnder = (designId: string, project: BundleDesign['project']): void => {
    const projectId = localProject(project)
    if (projectId !== null && db.prepare('UPDATE designs SET project_id = ? WHERE id = ? AND project_id IS NULL').run(projectId, designId).changes > 0) {
      changes.other.push(`filed under project ${projectId}`)
    }
  }
  const addWholeDesign = (designId: string, d: BundleDesign, freshIds: boolean): void => {
    insertDesign.run({ id: designId, name: d.name, createdAt: d.createdAt, updatedAt: d.updatedAt, deletedAt: d.deletedAt, note: d.note })
    fileUnder(designId, d.project)
    for (const v of d.versions) addVersion(designId, v)
    for (const t of d.tags) changes.tagsAdded += insertTag.run(designId, t, d.updatedAt).changes
    addMeasurements(designId, d, freshIds)
    syncDesignHead(db, designId)
    db.prepare('UPDATE designs SET updated_at = ? WHERE id = ?').run(d.updatedAt, designId)
    summary.designsAdded++
  }

  const write = db.transaction((valid: Bundle) => {
    for (const d of valid.designs) {
      resetChanges()
      const hashes = d.versions.map((v) => v.documentHash)
      const local = localHashes(d.designId)
      if (local.length === 0) {
        addWholeDesign(d.designId, d, false)
        auditDesign(d.designId, d, valid.exportedAt)
        continue
      }
      const common = Math.min(local.length, hashes.length)
      const conflictAt = hashes.slice(0, common).findIndex((h, i) => h !== local[i])
      if (conflictAt >= 0) {
        const copy = findCopy(hashes)
        if (copy !== undefined) {
          summary.versionsSkipped += hashes.length
          summary.measurementsSkipped += d.measurements.length
          continue
        }
        const newId = randomUUID()
        addWholeDesign(newId, d, true)
        auditDesign(newId, d, valid.exportedAt, `version ${conflictAt + 1} differs from local design ${d.designId}; imported as a new design`)
        summary.conflicts.push({
          sourceDesignId: d.designId, importedAsDesignId: newId,
          reason: `version ${conflictAt + 1} of design ${d.designId} differs from the one in this library (edited on two machines); the bundle's design was imported as a new design`,
        })
        continue
      }
      summary.versionsSkipped += common
      for (const v of d.versions.slice(common)) addVersion(d.designId, v)
      for (const t of d.tags) changes.tagsAdded += insertTag.run(d.designId, t, d.updatedAt).changes
      if (d.note !== '' && db.prepare("UPDATE designs SET note = ? WHERE id = ? AND note = ''").run(d.note, d.designId).changes > 0) {
        changes.other.push('design note taken from the bundle')
      }
      fileUnder(d.designId, d.project)
      addMeasurements(d.designId, d, false)
      if (hashes.length > common) {
        syncDesignHead(db, d.designId)
        db.prepare('UPDATE designs SET updated_at = max(updated_at, ?) WHERE id = ?').run(d.updatedAt, d.designId)
      }
      auditDesign(d.designId, d, valid.exportedAt)
    }
  })

  // Only back up when something will change: a dry look at ids and hashes first.
  const needsWrite = bundle.designs.some((d) => {
    const local = localHashes(d.designId)
    return local.length < d.versions.length || d.versions.some((v, i) => local[i] !== v.documentHash) ||
      d.measurements.some((m) => measurementExists.get(m.id) === undefined) ||
      d.tags.some((t) => tagExists.get(d.designId, t) === undefined) || (d.note !== '' && noteEmpty.get(d.designId) !== undefined) ||
      (d.project !== null && projectMissing.get(d.designId) !== undefined)
  })
  let backupId: string | undefined
  if (needsWrite && options.backup !== false && !db.memory) backupId = library.backup('before-import').backupId
  faultPoint('import:backup-taken')
  busyAware(() => write.immediate(bundle))
  if (summary.designsAdded + summary.versionsAdded + summary.measurementsAdded > 0 || needsWrite) {
    library.noteWrite(`import: ${summary.designsAdded} design(s), ${summary.versionsAdded} version(s), ${summary.measurementsAdded} measurement(s)`)
  }
  faultPoint('import:committed')
  library.refreshMetricsLater()
  return { ...summary, ...(backupId !== undefined ? { backupId } : {}) }
}
