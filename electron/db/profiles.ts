import type Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import { formatIssuePath } from '../../shared/ipc/result'
import {
  NewProfileSchema, type CalibrationProfile, type CalibrationProfileListItem, type NewCalibrationProfile,
} from '../../shared/ipc/channels/profile'
import { InvalidInputError } from './errors'
import { busyAware, type DesignLibrary } from './library-core'
import { appendAudit, sha256Hex } from './audit'
import { createMeasurementStore } from './measurements'
import { profileFreshnessWarnings } from '../../shared/engine/calibrate/freshness'

/**
 * Calibration profiles (schema v4 `calibration_profiles`, issue #14): the posterior of one
 * calibration of the engine on a lab's measurements, named, versioned per name and immutable.
 *
 * Why a store of its own beside the library (like measurements.ts): the CLI (`calibrate`,
 * `db profiles`, `simulate --profile`) and the app's services read and write profiles through
 * one module, sharing the library's writer connection, transaction scope and read-only state.
 * The schemas are the IPC contract's (shared/ipc/channels/profile.ts), re-exported here.
 */
export {
  MAX_PROFILE_DRAWS, NewProfileSchema, ProfileDiagnosticsSchema, ProfileDomainSchema, ProfileDrawsSchema, ProfileProvenanceSchema,
  ProfileSummarySchema, type CalibrationProfile, type CalibrationProfileListItem, type NewCalibrationProfile,
} from '../../shared/ipc/channels/profile'

/** Result of {@link ProfileStore.resolve}. */
export type ResolvedProfile =
  | { readonly ok: true; readonly profile: CalibrationProfile }
  | { readonly ok: false; readonly reason: 'not-found' | 'ambiguous' | 'unreadable'; readonly message: string }

/** Profiles of one library. */
export interface ProfileStore {
  /** Validates and saves a profile as the next version of its name; one transaction. */
  save(input: NewCalibrationProfile, now?: Date): CalibrationProfile
  /** Every profile, newest first (a library before schema v4 has none). */
  list(): CalibrationProfileListItem[]
  /** One profile by exact id; undefined when there is none. Throws when the row is unreadable. */
  get(id: string): CalibrationProfile | undefined
  /** A profile by id or unique id prefix (at least 4 characters). */
  resolve(idOrPrefix: string): ResolvedProfile
}

interface ProfileRow {
  readonly id: string
  readonly name: string
  readonly version: number
  readonly created_at: string
  readonly engine_version: string
  readonly seed: number
  readonly parameters: string
  readonly summary: string
  readonly draws: string
  readonly diagnostics: string
  readonly provenance: string
}

const COLUMNS = 'id, name, version, created_at, engine_version, seed, parameters, summary, draws, diagnostics, provenance'

/**
 * Opens the profile store over a library's writer connection (read on every call: a backup
 * restore reopens it, see measurements.ts).
 */
export function createProfileStore(library: DesignLibrary): ProfileStore {
  let cachedFor: Database.Database | undefined
  let cache = new Map<string, Database.Statement>()
  const statement = (sql: string): Database.Statement => {
    const db = library.connection
    if (db !== cachedFor) {
      cachedFor = db
      cache = new Map()
    }
    let s = cache.get(sql)
    if (s === undefined) {
      s = db.prepare(sql)
      cache.set(sql, s)
    }
    return s
  }
  const hasTable = (): boolean => library.schemaVersion >= 4

  const byId = (id: string): ProfileRow | undefined =>
    statement(`SELECT ${COLUMNS} FROM calibration_profiles WHERE id = ?`).get(id) as ProfileRow | undefined

  return {
    save(input, now = new Date()) {
      library.requireWritable()
      const parsed = NewProfileSchema.safeParse(input)
      if (!parsed.success) {
        throw new InvalidInputError(parsed.error.issues.map((i) => ({ path: formatIssuePath(i.path), message: i.message })))
      }
      const p = parsed.data
      const id = randomUUID()
      const createdAt = now.toISOString()
      const db = library.connection
      // IMMEDIATE: the next version number is read and used under the write lock, so two
      // calibrations saved at once under one name get versions n and n + 1, never both n.
      const tx = db.transaction(() => {
        const last = statement('SELECT max(version) AS v FROM calibration_profiles WHERE name = ?').get(p.name) as { v: number | null }
        const version = (last.v ?? 0) + 1
        statement(`INSERT INTO calibration_profiles (${COLUMNS}) VALUES
          (@id, @name, @version, @createdAt, @engineVersion, @seed, @parameters, @summary, @draws, @diagnostics, @provenance)`).run({
          id, name: p.name, version, createdAt, engineVersion: p.engineVersion, seed: p.seed,
          parameters: JSON.stringify(p.parameters), summary: JSON.stringify(p.summary), draws: JSON.stringify(p.draws),
          diagnostics: JSON.stringify(p.diagnostics), provenance: JSON.stringify(p.provenance),
        })
        // Audit (issue #16): the profile's content is anchored by hash (its draws are large).
        appendAudit(db, {
          action: 'profile.save', entityKind: 'profile', entityId: id, version,
          detail: { name: p.name, engineVersion: p.engineVersion, seed: p.seed, contentSha256: sha256Hex(JSON.stringify([p.parameters, p.summary, p.draws, p.diagnostics, p.provenance])) },
        }, { at: createdAt })
        return version
      })
      const version = busyAware(() => tx.immediate())
      library.noteWrite(`calibration profile ${id} (${p.name} version ${version})`)
      return { ...p, id, version, createdAt }
    },

    list() {
      if (!hasTable()) return []
      const rows = statement(`SELECT ${COLUMNS} FROM calibration_profiles ORDER BY created_at DESC, id`).all() as ProfileRow[]
      return rows.map((row) => {
        const base = { id: row.id, name: row.name, version: row.version, createdAt: row.created_at, engineVersion: row.engine_version, seed: row.seed }
        const read = readRow(row)
        if (!read.ok) return { ...base, parameters: [], designs: 0, measurements: 0, within2Fold: null, problem: read.message }
        const p = read.profile
        return {
          ...base, parameters: p.parameters, designs: p.provenance.designs.length, measurements: p.provenance.measurements.length,
          within2Fold: p.summary.within2Fold,
        }
      })
    },

    get(id) {
      if (!hasTable()) return undefined
      const row = byId(id)
      if (row === undefined) return undefined
      const read = readRow(row)
      if (!read.ok) throw new Error(read.message)
      return read.profile
    },

    resolve(text) {
      const notFound = { ok: false, reason: 'not-found', message: `No calibration profile with id '${text}' in the library (list them with nanoforge db profiles).` } as const
      if (!hasTable()) return notFound
      const exact = byId(text)
      let row = exact
      if (row === undefined) {
        if (text.length < 4) return notFound
        const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`)
        const rows = statement(`SELECT ${COLUMNS} FROM calibration_profiles WHERE id LIKE ? ESCAPE '\\' LIMIT 2`).all(`${escaped}%`) as ProfileRow[]
        if (rows.length === 0) return notFound
        if (rows.length > 1) return { ok: false, reason: 'ambiguous', message: `The id prefix '${text}' matches more than one calibration profile; give more characters.` }
        row = rows[0]
      }
      const read = readRow(row!)
      return read.ok ? read : { ok: false, reason: 'unreadable', message: read.message }
    },
  }
}

/** A row back to a profile, validated; a row this build cannot read says why (never a crash). */
function readRow(row: ProfileRow): { ok: true; profile: CalibrationProfile } | { ok: false; message: string } {
  const fields: Record<string, unknown> = {}
  for (const key of ['parameters', 'summary', 'draws', 'diagnostics', 'provenance'] as const) {
    try {
      fields[key] = JSON.parse(row[key])
    } catch {
      return { ok: false, message: `Calibration profile ${row.id}: the ${key} column is not JSON.` }
    }
  }
  const parsed = NewProfileSchema.safeParse({ name: row.name, engineVersion: row.engine_version, seed: row.seed, ...fields })
  if (!parsed.success) {
    const first = parsed.error.issues[0]!
    return { ok: false, message: `Calibration profile ${row.id} cannot be read by this version of NanoForge (${formatIssuePath(first.path)}: ${first.message}).` }
  }
  return { ok: true, profile: { ...parsed.data, id: row.id, version: row.version, createdAt: row.created_at } }
}

/**
 * Whether the library's data moved on since the profile was learned (shared/engine/calibrate/
 * freshness.ts): calibration measurements attached to its designs afterwards, and measurements
 * it was learned from that are gone. One sentence each; empty when neither.
 */
export function profileFreshness(library: DesignLibrary, profile: Pick<CalibrationProfile, 'createdAt' | 'provenance'>): string[] {
  const measurements = createMeasurementStore(library)
  const live = profile.provenance.designs.flatMap((d) => measurements.list({ designId: d.designId }))
  return profileFreshnessWarnings(profile, live)
}
