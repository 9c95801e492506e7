import { randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'
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
import { NewProfileSchema, ProfileId, type CalibrationProfile } from '../../shared/ipc/channels/profile'
import { SpecLimitInput, type SpecLimit, type SpecLimitValues } from '../../shared/quality/specs'
import { jsonDataProblem } from '../../shared/security/json-data'
import type { CqaAttributeId } from '../../shared/quality/attributes'
import { faultPoint } from './faults'
import { createProfileStore } from './profiles'
import { SPECS_SCHEMA_VERSION, projectSpecs } from './specs'
import { appendAudit, sha256Hex } from './audit'
import {
  DesignNotFoundError, busyAware, designDocumentHash, summariseDesign, syncDesignHead, type DesignLibrary, type StoredDesign,
} from './library'

/** The `format` tag of a NanoForge bundle file. */
export const BUNDLE_FORMAT = 'nanoforge.bundle'
/**
 * The bundle version this build writes. Version 2 (issues #14, #16) adds the projects of the
 * exported designs with their specification limits, and the calibration profiles learned on
 * them; version 1 bundles (designs only) are still read.
 */
export const BUNDLE_VERSION = 2
/** Every bundle version this build reads. */
export const BUNDLE_VERSIONS_READ = [1, 2] as const
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

/** A specification limit inside a bundle: the limit as set, and when it was last set where it came from. */
export type BundleSpec = SpecLimit

/** A project of the exported designs with its specification limits (bundle v2). */
export interface BundleProject {
  readonly projectId: string
  readonly name: string
  readonly specs: BundleSpec[]
}

/** A calibration profile inside a bundle (bundle v2): the stored profile, whole and unchanged. */
export type BundleProfile = CalibrationProfile

/**
 * A `nanoforge.bundle` file: designs moved between offline machines with every version, note,
 * tag and measurement (issue 5, "Move work between offline machines"); from version 2 also the
 * projects' specification limits and the calibration profiles learned on those designs (a
 * version 1 file reads as having neither).
 */
export interface Bundle {
  readonly format: typeof BUNDLE_FORMAT
  readonly version: (typeof BUNDLE_VERSIONS_READ)[number]
  readonly exportedAt: string
  readonly engineVersion: string
  readonly designs: BundleDesign[]
  readonly projects: BundleProject[]
  readonly profiles: BundleProfile[]
}

/** One problem of a bundle, with its JSON path (`designs[0].versions[1].design.core.diameterNm`). */
export interface BundleIssue {
  readonly path: string
  readonly message: string
}

export { BundleValidationError } from './errors'
import { BundleValidationError, LibraryReadOnlyError } from './errors'

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

const BundleSchemaV1 = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(1),
  exportedAt: BundleTime,
  engineVersion: EngineVersionText,
  designs: z.array(BundleDesignSchema).max(100_000),
}).strict()

// A limit is checked by the store's own schema (SpecLimitInput: attribute of the registry, each
// side inside the attribute's range, min ≤ max) after the envelope, so its problems carry the
// same words as `db specs set` at `projects[i].specs[k].max`.
const BundleProjectSchema = z.object({
  projectId: DesignId,
  name: NameText,
  specs: z.array(z.object({ updatedAt: BundleTime }).catchall(z.unknown())).max(1000),
}).strict()

/** A profile as stored: the save schema (the one every profile passes) plus its identity. */
const BundleProfileSchema = NewProfileSchema.extend({ id: ProfileId, version: VersionNumber, createdAt: BundleTime }).strict()

const BundleSchemaV2 = BundleSchemaV1.extend({
  version: z.literal(2),
  projects: z.array(BundleProjectSchema).max(100_000),
  profiles: z.array(BundleProfileSchema).max(10_000),
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
  // Bounded depth before any schema or the design validator walks it (they recurse: a bundle of
  // nested brackets overflowed the stack, a crash instead of bad input).
  const shape = jsonDataProblem(raw)
  if (shape !== undefined) {
    add(pathText(shape.path), shape.message)
    return { ok: false, issues, total }
  }
  if (typeof raw === 'object' && raw !== null && (raw as { format?: unknown }).format !== BUNDLE_FORMAT) {
    add('format', `must be "${BUNDLE_FORMAT}"; this is not a NanoForge bundle${(raw as { format?: unknown }).format === 'nanoforge.design' ? ' (it is a single design file: open it or use db save)' : ''}`)
    return { ok: false, issues, total }
  }
  const declared = typeof raw === 'object' && raw !== null ? (raw as { version?: unknown }).version : undefined
  if (!(BUNDLE_VERSIONS_READ as ReadonlyArray<unknown>).includes(declared)) {
    add('version', `this build reads bundle versions ${BUNDLE_VERSIONS_READ.join(' and ')}; this file says ${JSON.stringify(declared) ?? 'nothing'}${typeof declared === 'number' && declared > BUNDLE_VERSION ? ' (written by a newer NanoForge: update this one)' : ''}`)
    return { ok: false, issues, total }
  }
  const parsedEnvelope = declared === 1 ? BundleSchemaV1.safeParse(raw) : BundleSchemaV2.safeParse(raw)
  if (!parsedEnvelope.success) {
    for (const issue of parsedEnvelope.error.issues) add(pathText(issue.path), issue.message)
    return { ok: false, issues, total }
  }
  const envelope = parsedEnvelope
  const projectsRaw = 'projects' in envelope.data ? envelope.data.projects : []
  const profilesRaw = 'profiles' in envelope.data ? envelope.data.profiles : []
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
  const projects = checkProjects(projectsRaw, envelope.data.designs, add)
  checkProfiles(profilesRaw, envelope.data.designs, add)
  if (total > 0) return { ok: false, issues, total }
  return { ok: true, bundle: { ...envelope.data, designs, projects, profiles: profilesRaw as BundleProfile[] } }
}

type AddIssue = (path: string, message: string) => void

/**
 * A v2 bundle's projects: each one the project of at least one of its designs (same id and
 * name), listed once, each limit valid by the store's schema and given once per attribute.
 */
function checkProjects(
  projects: ReadonlyArray<z.infer<typeof BundleProjectSchema>>, designs: ReadonlyArray<z.infer<typeof BundleDesignSchema>>, add: AddIssue,
): BundleProject[] {
  const named = new Map<string, string>()
  for (const d of designs) if (d.project !== null) named.set(d.project.projectId, d.project.name)
  const seen = new Set<string>()
  return projects.map((p, i) => {
    const base = `projects[${i}]`
    if (seen.has(p.projectId)) add(`${base}.projectId`, `project ${p.projectId} appears twice in the bundle`)
    seen.add(p.projectId)
    const name = named.get(p.projectId)
    if (name === undefined) add(`${base}.projectId`, `no design of the bundle is filed under project ${p.projectId}`)
    else if (name !== p.name) add(`${base}.name`, `the designs name project ${p.projectId} "${name}", not "${p.name}"`)
    const attributes = new Set<string>()
    const specs: BundleSpec[] = []
    p.specs.forEach((raw, k) => {
      const sBase = `${base}.specs[${k}]`
      const { updatedAt, ...limit } = raw
      const parsed = SpecLimitInput.safeParse(limit)
      if (!parsed.success) {
        for (const issue of parsed.error.issues) add(joinPath(sBase, pathText(issue.path)), issue.message)
        return
      }
      if (attributes.has(parsed.data.attribute)) add(`${sBase}.attribute`, `project ${p.projectId} has two limits for ${parsed.data.attribute}`)
      attributes.add(parsed.data.attribute)
      specs.push({ ...parsed.data, note: parsed.data.note.trim(), updatedAt })
    })
    return { projectId: p.projectId, name: p.name, specs }
  })
}

/**
 * A v2 bundle's profiles: ids given once, and every design version and measurement a profile's
 * provenance names is in the bundle, as the same kind on the same version (a profile never
 * arrives citing data the importing library would not hold).
 */
function checkProfiles(
  profiles: ReadonlyArray<z.infer<typeof BundleProfileSchema>>, designs: ReadonlyArray<z.infer<typeof BundleDesignSchema>>, add: AddIssue,
): void {
  const versionsOf = new Map(designs.map((d) => [d.designId, d.versions.length] as const))
  const measurementsById = new Map(designs.flatMap((d) => d.measurements.map((m) => [m.id, { designId: d.designId, version: m.version, kind: m.kind }] as const)))
  const seen = new Set<string>()
  profiles.forEach((p, i) => {
    const base = `profiles[${i}]`
    if (seen.has(p.id)) add(`${base}.id`, `profile ${p.id} appears twice in the bundle`)
    seen.add(p.id)
    p.provenance.designs.forEach((d, j) => {
      const n = versionsOf.get(d.designId)
      if (n === undefined) add(`${base}.provenance.designs[${j}].designId`, `design ${d.designId} is not in the bundle`)
      else d.versions.forEach((v, k) => { if (v > n) add(`${base}.provenance.designs[${j}].versions[${k}]`, `design ${d.designId} has no version ${v} in the bundle`) })
    })
    p.provenance.measurements.forEach((m, j) => {
      const found = measurementsById.get(m.id)
      if (found === undefined) add(`${base}.provenance.measurements[${j}].id`, `measurement ${m.id} is not in the bundle`)
      else if (found.designId !== m.designId || found.version !== m.version || found.kind !== m.kind) {
        add(`${base}.provenance.measurements[${j}]`, `measurement ${m.id} is a ${found.kind} measurement of design ${found.designId} version ${found.version} in the bundle, not a ${m.kind} measurement of ${m.designId} version ${m.version}`)
      }
    })
  })
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
  const projects = new Map<string, BundleProject>()
  for (const d of designs) {
    if (d.project === null || projects.has(d.project.projectId)) continue
    const specs = library.schemaVersion >= SPECS_SCHEMA_VERSION ? projectSpecs(library, d.project.projectId).specs : []
    projects.set(d.project.projectId, { projectId: d.project.projectId, name: d.project.name, specs })
  }
  const { profiles } = profilesForExport(library, designs.map((d) => d.designId))
  return {
    format: BUNDLE_FORMAT, version: BUNDLE_VERSION, exportedAt: new Date().toISOString(), engineVersion: ENGINE_VERSION, designs,
    projects: [...projects.values()], profiles,
  }
}

/** A calibration profile an export leaves out, and why. */
export interface ProfileLeftOut {
  readonly id: string
  readonly name: string
  readonly version: number
  readonly reason: string
}

/**
 * The calibration profiles an export of these designs carries: every profile whose provenance
 * names one of them, when ALL the designs it was learned on are exported (its measurements go
 * with their designs). A profile also learned on a design not exported is left out, with the
 * reason (export those designs together to carry it).
 *
 * Why not carry it anyway, or add the missing designs: a profile must not arrive citing data the
 * importing library cannot show (the rule of `profile:save`), and an export never sends designs
 * the user did not pick.
 */
export function profilesForExport(library: DesignLibrary, designIds: ReadonlyArray<string>): { profiles: BundleProfile[]; leftOut: ProfileLeftOut[] } {
  const chosen = new Set(designIds)
  const store = createProfileStore(library)
  const profiles: BundleProfile[] = []
  const leftOut: ProfileLeftOut[] = []
  // Oldest first, a name's versions in order (two saved in one millisecond tie on created_at),
  // so an import that renumbers them keeps their order.
  const items = store.list().slice().sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name) || a.version - b.version)
  for (const item of items) {
    if (item.problem !== undefined) {
      leftOut.push({ id: item.id, name: item.name, version: item.version, reason: item.problem })
      continue
    }
    const profile = store.get(item.id)!
    const learnedOn = [...new Set([...profile.provenance.designs.map((d) => d.designId), ...profile.provenance.measurements.map((m) => m.designId)])]
    if (!learnedOn.some((id) => chosen.has(id))) continue
    const missing = learnedOn.filter((id) => !chosen.has(id))
    if (missing.length > 0) {
      leftOut.push({ id: item.id, name: item.name, version: item.version, reason: `also learned on design(s) ${missing.join(', ')}, not in this export; export them together to carry the profile` })
      continue
    }
    profiles.push(profile)
  }
  return { profiles, leftOut }
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
  if ((bundle.projects.some((p) => p.specs.length > 0) && library.schemaVersion < SPECS_SCHEMA_VERSION) || (bundle.profiles.length > 0 && library.schemaVersion < 4)) {
    throw new LibraryReadOnlyError(`this library file (schema ${library.schemaVersion}) has no table for the bundle's specifications or calibration profiles`)
  }
  const db = library.connection
  const summary = {
    designsAdded: 0, versionsAdded: 0, versionsSkipped: 0, measurementsAdded: 0, measurementsSkipped: 0,
    conflicts: [] as Array<{ sourceDesignId: string; importedAsDesignId: string; reason: string }>,
    specsAdded: 0, specsSkipped: 0, specConflicts: [] as SpecConflict[],
    profilesAdded: 0, profilesSkipped: 0, profiles: [] as ImportedProfile[],
  }
  /** Bundle design id → the id it has here (itself, a conflict's new id, or an earlier import's copy). */
  const designMap = new Map<string, string>()
  /** Bundle measurement id → the id it has here (profiles' provenance is mapped through it). */
  const measurementMap = new Map<string, string>()

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
  const sameMeasurement = db.prepare('SELECT id FROM measurements WHERE design_id = ? AND version = ? AND kind = ? AND created_at = ? AND data = ? LIMIT 1')
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
    designMap.set(d.designId, designId)
    for (const m of d.measurements) {
      if (!freshIds && measurementExists.get(m.id) !== undefined) {
        measurementMap.set(m.id, m.id)
        summary.measurementsSkipped++
        continue
      }
      const localId = freshIds ? randomUUID() : m.id
      measurementMap.set(m.id, localId)
      insertMeasurement.run({
        id: localId, designId, version: m.version, kind: m.kind, label: m.label,
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
          // The copy's measurements got fresh ids when it was imported: found again by content.
          designMap.set(d.designId, copy)
          for (const m of d.measurements) {
            const found = sameMeasurement.get(copy, m.version, m.kind, m.createdAt, JSON.stringify(m.data)) as { id: string } | undefined
            if (found !== undefined) measurementMap.set(m.id, found.id)
          }
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
    importSpecs(db, valid, summary)
    importProfiles(db, valid, designMap, measurementMap, summary)
  })

  // Only back up when something will change: a dry look at ids and hashes first.
  const needsWrite = bundle.designs.some((d) => {
    const local = localHashes(d.designId)
    return local.length < d.versions.length || d.versions.some((v, i) => local[i] !== v.documentHash) ||
      d.measurements.some((m) => measurementExists.get(m.id) === undefined) ||
      d.tags.some((t) => tagExists.get(d.designId, t) === undefined) || (d.note !== '' && noteEmpty.get(d.designId) !== undefined) ||
      (d.project !== null && projectMissing.get(d.designId) !== undefined)
  }) || specsToWrite(db, bundle) || bundle.profiles.some((p) => db.prepare('SELECT 1 FROM calibration_profiles WHERE id = ?').get(p.id) === undefined)
  let backupId: string | undefined
  if (needsWrite && options.backup !== false && !db.memory) backupId = library.backup('before-import').backupId
  faultPoint('import:backup-taken')
  busyAware(() => write.immediate(bundle))
  if (summary.designsAdded + summary.versionsAdded + summary.measurementsAdded + summary.specsAdded + summary.profilesAdded > 0 || needsWrite) {
    library.noteWrite(`import: ${summary.designsAdded} design(s), ${summary.versionsAdded} version(s), ${summary.measurementsAdded} measurement(s), ` +
      `${summary.specsAdded} specification limit(s), ${summary.profilesAdded} calibration profile(s)`)
  }
  faultPoint('import:committed')
  library.refreshMetricsLater()
  return { ...summary, ...(backupId !== undefined ? { backupId } : {}) }
}

/** A bundle limit that differs from the one the importing library's project already has: the local one is kept. */
export interface SpecConflict {
  readonly projectId: string
  readonly projectName: string
  readonly attribute: CqaAttributeId
  readonly local: SpecSides
  readonly bundle: SpecSides
  readonly reason: string
}
type SpecSides = Pick<SpecLimitValues, 'min' | 'max' | 'note'>

/** A profile the import added: its id here (the bundle's unless taken) and its version under its name here. */
export interface ImportedProfile {
  readonly sourceProfileId: string
  readonly profileId: string
  readonly name: string
  readonly sourceVersion: number
  readonly version: number
}

interface SpecRowHere { readonly min_value: number | null; readonly max_value: number | null; readonly note: string }

/** The project of this library a bundle project's limits go to: same id, else same name (any case); undefined when neither. */
function projectHere(db: Database.Database, p: BundleProject): { id: string; name: string } | undefined {
  return (db.prepare('SELECT id, name FROM projects WHERE id = ?').get(p.projectId) as { id: string; name: string } | undefined) ??
    (db.prepare('SELECT id, name FROM projects WHERE name = ? COLLATE NOCASE').get(p.name) as { id: string; name: string } | undefined)
}

const sameSides = (row: SpecRowHere, s: SpecSides): boolean => row.min_value === s.min && row.max_value === s.max && row.note === s.note

/** True when some bundle limit is not yet in its project here (the import then writes, so it backs up first). */
function specsToWrite(db: Database.Database, bundle: Bundle): boolean {
  return bundle.projects.some((p) => {
    if (p.specs.length === 0) return false
    const here = projectHere(db, p)
    return here === undefined || p.specs.some((s) => db.prepare('SELECT 1 FROM project_specs WHERE project_id = ? AND attribute = ?').get(here.id, s.attribute) === undefined)
  })
}

/**
 * Writes a bundle's specification limits into the projects they belong to here (inside the
 * import's transaction, after the designs, so the projects the designs brought exist).
 *
 * Decision, where the project here already has a limit for the attribute: an equal limit (same
 * min, max and note) is skipped; a different one is NEVER overwritten: the local limit stays and
 * the difference is reported (`specConflicts`: both limits), because a limit is the receiving
 * team's commitment and changing it is a decision (`db specs set` or the app's CQA table), not a
 * side effect of an import. A limit the project lacks is added, with its audit entry shaped as
 * `db specs set` writes it (`project.spec-set`, previous null) plus where it came from.
 */
function importSpecs(db: Database.Database, bundle: Bundle, summary: { specsAdded: number; specsSkipped: number; specConflicts: SpecConflict[] }): void {
  const at = new Date().toISOString()
  for (const p of bundle.projects) {
    if (p.specs.length === 0) continue
    let here = projectHere(db, p)
    if (here === undefined) {
      // Only when every design of the project was skipped as an earlier import's copy (its project renamed or gone since).
      db.prepare('INSERT INTO projects (id, name, created_at) VALUES (?, ?, ?)').run(p.projectId, p.name, at)
      appendAudit(db, { action: 'project.create', entityKind: 'project', entityId: p.projectId, detail: { name: p.name, source: 'bundle' } }, { at })
      here = { id: p.projectId, name: p.name }
    }
    for (const s of p.specs) {
      const row = db.prepare('SELECT min_value, max_value, note FROM project_specs WHERE project_id = ? AND attribute = ?').get(here.id, s.attribute) as SpecRowHere | undefined
      if (row !== undefined) {
        if (sameSides(row, s)) {
          summary.specsSkipped++
          continue
        }
        summary.specConflicts.push({
          projectId: here.id, projectName: here.name, attribute: s.attribute,
          local: { min: row.min_value, max: row.max_value, note: row.note }, bundle: { min: s.min, max: s.max, note: s.note },
          reason: `project "${here.name}" already has a different ${s.attribute} limit; the local limit was kept (change it with db specs set or in the app if the bundle's is right)`,
        })
        continue
      }
      db.prepare('INSERT INTO project_specs (project_id, attribute, min_value, max_value, note, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(here.id, s.attribute, s.min, s.max, s.note, at)
      appendAudit(db, {
        action: 'project.spec-set', entityKind: 'project', entityId: here.id,
        detail: {
          attribute: s.attribute, min: s.min, max: s.max, note: s.note, previous: null,
          source: { bundleExportedAt: bundle.exportedAt, projectId: p.projectId, updatedAt: s.updatedAt },
        },
      }, { at })
      summary.specsAdded++
    }
  }
}

/** The hashed content of a profile (as `profile.save` anchors it in the trail). */
const profileContentSha256 = (p: Pick<CalibrationProfile, 'parameters' | 'summary' | 'draws' | 'diagnostics' | 'provenance'>): string =>
  sha256Hex(JSON.stringify([p.parameters, p.summary, p.draws, p.diagnostics, p.provenance]))

/**
 * Writes a bundle's calibration profiles (inside the import's transaction, after the designs).
 *
 * A profile stays immutable: its posterior, draws, diagnostics, engine version, seed and time of
 * calibration are stored as they came; only its provenance is mapped to the ids the designs and
 * measurements have here (a design imported as a conflict copy has a new id, its measurements
 * new ids). Its id is kept unless taken. Its version is the next under its name here (a name
 * clash gets the next version; the bundle's version is in the summary and the audit entry). A
 * profile already here (same id, or same name and mapped content) is skipped, so importing a
 * bundle twice adds nothing. Each added profile gets a `profile.save` entry as `calibrate` writes,
 * with where it came from.
 */
function importProfiles(
  db: Database.Database, bundle: Bundle, designMap: ReadonlyMap<string, string>, measurementMap: ReadonlyMap<string, string>,
  summary: { profilesAdded: number; profilesSkipped: number; profiles: ImportedProfile[] },
): void {
  const at = new Date().toISOString()
  bundle.profiles.forEach((p, i) => {
    const provenance = {
      ...p.provenance,
      designs: p.provenance.designs.map((d) => ({ ...d, designId: designMap.get(d.designId) ?? d.designId })),
      measurements: p.provenance.measurements.map((m) => ({ ...m, id: measurementMap.get(m.id) ?? m.id, designId: designMap.get(m.designId) ?? m.designId })),
    }
    const unmapped = p.provenance.measurements.findIndex((m) => !measurementMap.has(m.id))
    if (unmapped >= 0) {
      throw new BundleValidationError([{ path: `profiles[${i}].provenance.measurements[${unmapped}].id`, message: 'the measurement could not be found in this library after the import; nothing was imported' }], 1)
    }
    const content = profileContentSha256({ ...p, provenance })
    const byId = db.prepare('SELECT parameters, summary, draws, diagnostics, provenance FROM calibration_profiles WHERE id = ?').get(p.id) as Record<'parameters' | 'summary' | 'draws' | 'diagnostics' | 'provenance', string> | undefined
    const sameName = db.prepare('SELECT parameters, summary, draws, diagnostics, provenance FROM calibration_profiles WHERE name = ?').all(p.name) as Array<Record<'parameters' | 'summary' | 'draws' | 'diagnostics' | 'provenance', string>>
    const contentOf = (r: Record<'parameters' | 'summary' | 'draws' | 'diagnostics' | 'provenance', string>): string =>
      sha256Hex(`[${r.parameters},${r.summary},${r.draws},${r.diagnostics},${r.provenance}]`)
    if ((byId !== undefined && contentOf(byId) === content) || sameName.some((r) => contentOf(r) === content)) {
      summary.profilesSkipped++
      return
    }
    // The same id with other content is not this profile (ids are random UUIDs): a new id, never a change.
    const id = byId === undefined ? p.id : randomUUID()
    const last = db.prepare('SELECT max(version) AS v FROM calibration_profiles WHERE name = ?').get(p.name) as { v: number | null }
    const version = (last.v ?? 0) + 1
    db.prepare(`INSERT INTO calibration_profiles (id, name, version, created_at, engine_version, seed, parameters, summary, draws, diagnostics, provenance)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, p.name, version, p.createdAt, p.engineVersion, p.seed,
      JSON.stringify(p.parameters), JSON.stringify(p.summary), JSON.stringify(p.draws), JSON.stringify(p.diagnostics), JSON.stringify(provenance))
    appendAudit(db, {
      action: 'profile.save', entityKind: 'profile', entityId: id, version,
      detail: {
        name: p.name, engineVersion: p.engineVersion, seed: p.seed, contentSha256: content,
        imported: { bundleExportedAt: bundle.exportedAt, sourceProfileId: p.id, sourceVersion: p.version, createdAt: p.createdAt },
      },
    }, { at })
    summary.profilesAdded++
    summary.profiles.push({ sourceProfileId: p.id, profileId: id, name: p.name, sourceVersion: p.version, version })
  })
}
