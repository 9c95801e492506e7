import type Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import {
  MAX_MEASUREMENTS_PER_VERSION, MeasurementSchema, NewMeasurementSchema,
  type Measurement, type MeasurementKindId, type NewMeasurement,
} from '../../shared/ipc/channels/measurement'
import { escapeUnsafeText } from '../../shared/design/schema-text'
import { formatIssuePath } from '../../shared/ipc/result'
import { busyAware, type DesignLibrary } from './library-core'
import { appendAudit, detailText, sha256Hex } from './audit'

export { MeasurementLimitError, MeasurementNotFoundError, MeasurementValidationError } from './errors'
import { MeasurementLimitError, MeasurementNotFoundError, MeasurementValidationError } from './errors'

/** Options of {@link MeasurementStore.list}. */
export interface ListMeasurementsOptions {
  readonly designId: string
  /** One version; omit for every version of the design. */
  readonly version?: number
  readonly kind?: MeasurementKindId
  /** Include measurements in the trash (default false). */
  readonly includeDeleted?: boolean
}

/**
 * Measurements attached to immutable design versions (schema v2 `measurements` table).
 *
 * Why a store beside the library rather than inside it: measurements grow their own
 * features (kinds, trash, import) without touching the design code; sharing the library's
 * writer connection keeps one transaction scope and one read-only state.
 */
export interface MeasurementStore {
  /** Validates (per kind) and stores a measurement of an existing design version. */
  add(input: unknown, now?: Date): Measurement
  /** Measurements of a design (or one version), oldest first. */
  list(options: ListMeasurementsOptions): Measurement[]
  /** One measurement by id (also when in the trash); undefined if it does not exist. */
  get(id: string): Measurement | undefined
  /** Moves a measurement to the trash (soft delete); returns when. Idempotent. */
  remove(id: string, now?: Date): { id: string; deletedAt: string }
  /** Takes a measurement out of the trash. */
  restore(id: string): Measurement
}

interface MeasurementRow {
  readonly id: string
  readonly design_id: string
  readonly version: number
  readonly kind: string
  readonly label: string
  readonly measured_on: string | null
  readonly created_at: string
  readonly data: string
  readonly deleted_at: string | null
}

const COLUMNS = 'id, design_id, version, kind, label, measured_on, created_at, data, deleted_at'

/**
 * Opens the measurement store over a library's writer connection.
 *
 * Why: writes call `library.requireWritable()` first, so a read-only library refuses with
 * the library's own reason; reads work on a read-only file too. The connection is read from
 * the library on every call (restoring a backup onto a damaged library reopens it), and the
 * prepared statements are dropped when it changes: holding the first connection answered
 * "The database connection is not open" after a restore.
 */
export function createMeasurementStore(library: DesignLibrary): MeasurementStore {
  let cachedFor: Database.Database | undefined
  let cache = new Map<string, Database.Statement>()
  let insertTx: ((m: NewMeasurement, nowIso: string) => string) | undefined
  const current = (): Database.Database => {
    const db = library.connection
    if (db !== cachedFor) {
      cachedFor = db
      cache = new Map()
      insertTx = undefined
    }
    return db
  }
  const statement = (sql: string): Database.Statement => {
    const db = current()
    let s = cache.get(sql)
    if (s === undefined) {
      s = db.prepare(sql)
      cache.set(sql, s)
    }
    return s
  }
  const byId = (id: string): MeasurementRow | undefined =>
    statement(`SELECT ${COLUMNS} FROM measurements WHERE id = ?`).get(id) as MeasurementRow | undefined

  const insertBody = (m: NewMeasurement, nowIso: string): string => {
    const exists = statement('SELECT 1 FROM design_versions WHERE design_id = ? AND version = ?').get(m.designId, m.version)
    if (exists === undefined) {
      const known = statement('SELECT 1 FROM designs WHERE id = ?').get(m.designId) !== undefined
      throw new MeasurementNotFoundError(known
        ? `Design ${m.designId} has no version ${m.version}.`
        : `No design with id ${m.designId} in the library.`)
    }
    const live = statement('SELECT count(*) AS n FROM measurements WHERE design_id = ? AND version = ? AND deleted_at IS NULL')
      .get(m.designId, m.version) as { n: number }
    if (live.n >= MAX_MEASUREMENTS_PER_VERSION) {
      throw new MeasurementLimitError(`Version ${m.version} already has ${live.n} measurements (the limit is ${MAX_MEASUREMENTS_PER_VERSION}); delete some first.`)
    }
    const id = randomUUID()
    const data = JSON.stringify(m.data)
    statement(`INSERT INTO measurements (id, design_id, version, kind, label, measured_on, created_at, data, deleted_at)
      VALUES (@id, @designId, @version, @kind, @label, @measuredOn, @createdAt, @data, NULL)`).run({
      id,
      designId: m.designId,
      version: m.version,
      kind: m.kind,
      label: m.label.trim(),
      measuredOn: m.measuredOn ?? null,
      createdAt: nowIso,
      data,
    })
    // The data itself can be large (a biodistribution table): the entry anchors it by hash.
    appendAudit(current(), {
      action: 'measurement.add', entityKind: 'measurement', entityId: id, designId: m.designId, version: m.version,
      detail: { kind: m.kind, label: detailText(m.label.trim()), measuredOn: m.measuredOn ?? null, dataSha256: sha256Hex(data) },
    }, { at: nowIso })
    return id
  }
  // IMMEDIATE takes the write lock before the checks, so another writer makes this wait (busy
  // timeout) and then fail as LibraryBusyError, never as a raw "database is locked".
  const insert = (m: NewMeasurement, nowIso: string): string => {
    const db = current()
    if (insertTx === undefined) {
      const tx = db.transaction(insertBody)
      insertTx = (mm, at) => tx.immediate(mm, at)
    }
    const run = insertTx
    return busyAware(() => run(m, nowIso))
  }

  return {
    add(input, now = new Date()) {
      library.requireWritable()
      const parsed = NewMeasurementSchema.safeParse(input)
      if (!parsed.success) {
        throw new MeasurementValidationError(parsed.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message })))
      }
      const id = insert(parsed.data, now.toISOString())
      library.noteWrite(`measurement ${id} on design ${parsed.data.designId} version ${parsed.data.version}`)
      return toMeasurement(byId(id)!)!
    },

    list(options) {
      // A read-only file from before schema v2 has no measurements table: nothing attached.
      if (library.schemaVersion < 2) return []
      const where = ['design_id = @designId']
      if (options.version !== undefined) where.push('version = @version')
      if (options.kind !== undefined) where.push('kind = @kind')
      if (options.includeDeleted !== true) where.push('deleted_at IS NULL')
      const rows = statement(`SELECT ${COLUMNS} FROM measurements WHERE ${where.join(' AND ')} ORDER BY version, created_at, id`)
        .all({ designId: options.designId, version: options.version, kind: options.kind }) as MeasurementRow[]
      // Kinds this build does not know (a newer file) are skipped, not reported as broken.
      return rows.map(toMeasurement).filter((m): m is Measurement => m !== undefined)
    },

    get(id) {
      const row = byId(id)
      return row === undefined ? undefined : toMeasurement(row)
    },

    remove(id, now = new Date()) {
      library.requireWritable()
      const row = byId(id)
      if (row === undefined) throw new MeasurementNotFoundError(`No measurement with id ${id}.`)
      if (row.deleted_at !== null) return { id, deletedAt: row.deleted_at }
      const deletedAt = now.toISOString()
      busyAware(() => current().transaction(() => {
        statement('UPDATE measurements SET deleted_at = ? WHERE id = ?').run(deletedAt, id)
        appendAudit(current(), {
          action: 'measurement.trash', entityKind: 'measurement', entityId: id, designId: row.design_id, version: row.version, detail: { deletedAt },
        }, { at: deletedAt })
      }).immediate())
      library.noteWrite(`measurement ${id} moved to the trash`)
      return { id, deletedAt }
    },

    restore(id) {
      library.requireWritable()
      const row = byId(id)
      if (row === undefined) throw new MeasurementNotFoundError(`No measurement with id ${id}.`)
      if (row.deleted_at !== null) {
        busyAware(() => current().transaction(() => {
          statement('UPDATE measurements SET deleted_at = NULL WHERE id = ?').run(id)
          appendAudit(current(), {
            action: 'measurement.untrash', entityKind: 'measurement', entityId: id, designId: row.design_id, version: row.version,
            detail: { wasDeletedAt: row.deleted_at },
          })
        }).immediate())
      }
      library.noteWrite(`measurement ${id} taken out of the trash`)
      const restored = toMeasurement(byId(id)!)
      if (restored === undefined) throw new MeasurementNotFoundError(`Measurement ${id} is of a kind this version of NanoForge cannot show.`)
      return restored
    },
  }
}

/** Row → contract shape; undefined for a kind or data this build cannot read. */
function toMeasurement(row: MeasurementRow): Measurement | undefined {
  let data: unknown
  try {
    data = JSON.parse(row.data)
  } catch {
    return undefined
  }
  const stored = {
    id: row.id,
    designId: row.design_id,
    version: row.version,
    kind: row.kind,
    label: row.label,
    measuredOn: row.measured_on,
    createdAt: row.created_at,
    deletedAt: row.deleted_at,
    data,
  }
  const parsed = MeasurementSchema.safeParse(stored)
  if (parsed.success) return parsed.data
  // A row stored before the text rules (a label or CSV column name with a control
  // character) is shown with those characters escaped, never dropped from the list.
  const escaped = MeasurementSchema.safeParse({ ...stored, label: escapeUnsafeText(row.label), data: escapeUnsafeText(data) })
  return escaped.success ? escaped.data : undefined
}
