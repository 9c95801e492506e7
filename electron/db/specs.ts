import type Database from 'better-sqlite3'
import { formatIssuePath } from '../../shared/ipc/result'
import { SpecLimitInput, type SpecLimit, type SpecLimitValues } from '../../shared/quality/specs'
import { CQA_ATTRIBUTE_IDS, type CqaAttributeId } from '../../shared/quality/attributes'
import { appendAudit, hasAuditTrail } from './audit'
import { DesignNotFoundError, InvalidInputError, LibraryReadOnlyError } from './errors'
import { busyAware, type DesignLibrary, type Project } from './library-core'

/**
 * Specification limits of critical quality attributes, per project (schema v6
 * `project_specs`; issue #16: "Spec limits are set per project").
 *
 * Decision: a design in no project has no specification, and no default set is shipped.
 * Why: a limit is an acceptance criterion the team commits to and justifies for its product
 * (the FDA guidances name the attributes, never the numbers); a built-in default would pass or
 * fail batches against limits nobody set. A design out of a project still shows its measured
 * and predicted attributes, each marked "no spec".
 *
 * Every change goes into the audit trail in the same transaction as the row: action
 * `project.spec-set` (detail: attribute, min, max, note, and the previous limit or null) or
 * `project.spec-clear` (detail: attribute and the limit removed), entity the project. So the
 * trail answers "who changed this limit, when, from what", and `db verify` checks the chain and
 * that each stored row still equals the last entry that set it (verifyAuditTrail, step 4): the
 * row's updated_at is the entry's time, which is why both writers here use one `at`.
 */

/** The oldest schema with `project_specs`. */
export const SPECS_SCHEMA_VERSION = 6

interface SpecRow {
  readonly attribute: string
  readonly min_value: number | null
  readonly max_value: number | null
  readonly note: string
  readonly updated_at: string
}

/** The last change of a project's specification (from the audit trail). */
export interface SpecChange {
  readonly seq: number
  readonly at: string
  readonly osUser: string
  readonly action: 'project.spec-set' | 'project.spec-clear'
  readonly attribute: string
  readonly min: number | null
  readonly max: number | null
  readonly note: string
  readonly previous: { readonly min: number | null; readonly max: number | null; readonly note: string } | null
}

/** A project's specification: its limits (attribute order of the registry) and its change history. */
export interface ProjectSpecs {
  readonly project: { readonly projectId: string; readonly name: string }
  readonly specs: SpecLimit[]
  /** Every logged change, oldest first (empty before the trail began). */
  readonly changes: SpecChange[]
}

const hasSpecs = (library: DesignLibrary): boolean => library.schemaVersion >= SPECS_SCHEMA_VERSION

const order = (id: string): number => {
  const i = (CQA_ATTRIBUTE_IDS as ReadonlyArray<string>).indexOf(id)
  return i < 0 ? Number.MAX_SAFE_INTEGER : i
}

function toLimit(row: SpecRow): SpecLimit | undefined {
  if (!(CQA_ATTRIBUTE_IDS as ReadonlyArray<string>).includes(row.attribute)) return undefined // a newer build's attribute
  return { attribute: row.attribute as CqaAttributeId, min: row.min_value, max: row.max_value, note: row.note, updatedAt: row.updated_at }
}

function readLimits(db: Database.Database, projectId: string): SpecLimit[] {
  const rows = db.prepare('SELECT attribute, min_value, max_value, note, updated_at FROM project_specs WHERE project_id = ?').all(projectId) as SpecRow[]
  return rows.map(toLimit).filter((l): l is SpecLimit => l !== undefined).sort((a, b) => order(a.attribute) - order(b.attribute))
}

function readChanges(db: Database.Database, projectId: string): SpecChange[] {
  if (!hasAuditTrail(db)) return []
  const rows = db.prepare(`SELECT seq, at, os_user, action, detail FROM audit_log
    WHERE entity_kind = 'project' AND entity_id = ? AND action IN ('project.spec-set', 'project.spec-clear') ORDER BY seq`)
    .all(projectId) as Array<{ seq: number; at: string; os_user: string; action: SpecChange['action']; detail: string }>
  return rows.map((r) => {
    const d = JSON.parse(r.detail) as { attribute: string; min?: number | null; max?: number | null; note?: string; previous?: SpecChange['previous'] }
    return {
      seq: r.seq, at: r.at, osUser: r.os_user, action: r.action, attribute: d.attribute,
      min: d.min ?? null, max: d.max ?? null, note: d.note ?? '', previous: d.previous ?? null,
    }
  })
}

/**
 * A project by its id or name (names are unique regardless of case); throws
 * {@link DesignNotFoundError} naming the projects there are.
 */
export function resolveProject(library: DesignLibrary, text: string): Project {
  const projects = library.listProjects()
  const t = text.trim()
  const found = projects.find((p) => p.projectId === t) ?? projects.find((p) => p.name.toLowerCase() === t.toLowerCase())
  if (found !== undefined) return found
  throw new DesignNotFoundError(t, projects.length === 0
    ? `No project named "${t}": the library has no projects yet (create one with 'nanoforge db project ID --name NAME' or in the app's library).`
    : `No project named "${t}"; the projects are: ${projects.map((p) => `"${p.name}"`).join(', ')}.`)
}

/** A project's limits and their logged changes; empty for a library before schema v6. */
export function projectSpecs(library: DesignLibrary, projectId: string): ProjectSpecs {
  const project = library.listProjects().find((p) => p.projectId === projectId)
  if (project === undefined) throw new DesignNotFoundError(projectId, `No project with id ${projectId} in the library.`)
  const db = library.connection
  return {
    project: { projectId: project.projectId, name: project.name },
    specs: hasSpecs(library) ? readLimits(db, projectId) : [],
    changes: hasSpecs(library) ? readChanges(db, projectId) : [],
  }
}

/**
 * The specification a design is held to: its project's (null when the design is in no
 * project). Throws {@link DesignNotFoundError} for an unknown design.
 */
export function specsForDesign(library: DesignLibrary, designId: string): ProjectSpecs | null {
  const row = library.connection.prepare('SELECT project_id FROM designs WHERE id = ?').get(designId) as { project_id: string | null } | undefined
  if (row === undefined) throw new DesignNotFoundError(designId, `No design with id ${designId} in the library.`)
  return row.project_id === null ? null : projectSpecs(library, row.project_id)
}

/** Throws the library's read-only reason, or a sentence for a file before schema v6. */
function requireSpecsWritable(library: DesignLibrary): void {
  library.requireWritable()
  if (!hasSpecs(library)) throw new LibraryReadOnlyError(`this library file has no specifications table (schema ${library.schemaVersion}, before v${SPECS_SCHEMA_VERSION})`)
}

/**
 * Sets (or replaces) one limit of a project: validated by {@link SpecLimitInput} (problems at
 * `attribute`, `min`, `max`, `note`; nothing written), then the row and its audit entry in one
 * transaction. Returns the stored limit.
 */
export function setSpecLimit(library: DesignLibrary, projectId: string, input: unknown, now: Date = new Date()): SpecLimit {
  requireSpecsWritable(library)
  const parsed = SpecLimitInput.safeParse(input)
  if (!parsed.success) throw new InvalidInputError(parsed.error.issues.map((i) => ({ path: formatIssuePath(i.path), message: i.message })))
  const s: SpecLimitValues = { ...parsed.data, note: parsed.data.note.trim() }
  const db = library.connection
  const at = now.toISOString()
  busyAware(() => db.transaction(() => {
    if (db.prepare('SELECT 1 FROM projects WHERE id = ?').get(projectId) === undefined) {
      throw new DesignNotFoundError(projectId, `No project with id ${projectId} in the library.`)
    }
    const before = db.prepare('SELECT attribute, min_value, max_value, note, updated_at FROM project_specs WHERE project_id = ? AND attribute = ?')
      .get(projectId, s.attribute) as SpecRow | undefined
    db.prepare(`INSERT INTO project_specs (project_id, attribute, min_value, max_value, note, updated_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (project_id, attribute) DO UPDATE SET min_value = excluded.min_value, max_value = excluded.max_value, note = excluded.note, updated_at = excluded.updated_at`)
      .run(projectId, s.attribute, s.min, s.max, s.note, at)
    appendAudit(db, {
      action: 'project.spec-set', entityKind: 'project', entityId: projectId,
      detail: {
        attribute: s.attribute, min: s.min, max: s.max, note: s.note,
        previous: before === undefined ? null : { min: before.min_value, max: before.max_value, note: before.note },
      },
    }, { at })
  }).immediate())
  library.noteWrite(`specification of ${s.attribute} in project ${projectId}`)
  return { attribute: s.attribute, min: s.min, max: s.max, note: s.note, updatedAt: at }
}

/**
 * Removes one limit of a project (the attribute is then "no spec"); returns false, and writes
 * nothing, when the project had no limit for it. Logged as `project.spec-clear`.
 */
export function clearSpecLimit(library: DesignLibrary, projectId: string, attribute: CqaAttributeId, now: Date = new Date()): boolean {
  requireSpecsWritable(library)
  const db = library.connection
  const at = now.toISOString()
  const removed = busyAware(() => db.transaction((): boolean => {
    const before = db.prepare('SELECT attribute, min_value, max_value, note, updated_at FROM project_specs WHERE project_id = ? AND attribute = ?')
      .get(projectId, attribute) as SpecRow | undefined
    if (before === undefined) return false
    db.prepare('DELETE FROM project_specs WHERE project_id = ? AND attribute = ?').run(projectId, attribute)
    appendAudit(db, {
      action: 'project.spec-clear', entityKind: 'project', entityId: projectId,
      detail: { attribute, previous: { min: before.min_value, max: before.max_value, note: before.note } },
    }, { at })
    return true
  }).immediate())
  if (removed) library.noteWrite(`specification of ${attribute} removed from project ${projectId}`)
  return removed
}
