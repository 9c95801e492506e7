import type Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { SafeText } from '../../shared/ipc/text'
import { formatIssuePath } from '../../shared/ipc/result'
import { CALIBRATION_PARAMETER_IDS } from '../../shared/engine/calibrate/parameters'
import { InvalidInputError } from './errors'
import { busyAware, type DesignLibrary } from './library-core'
import { appendAudit, sha256Hex } from './audit'

/**
 * Calibration profiles (schema v4 `calibration_profiles`, issue #14): the posterior of one
 * calibration of the engine on a lab's measurements, named, versioned per name and immutable.
 *
 * Why a store of its own beside the library (like measurements.ts): the CLI (`calibrate`,
 * `db profiles`, `simulate --profile`) and the app's services read and write profiles through
 * one module, sharing the library's writer connection, transaction scope and read-only state.
 */

/** Most posterior draws a profile keeps (thinned evenly from the pooled chains). */
export const MAX_PROFILE_DRAWS = 1000

const ParameterId = z.enum(CALIBRATION_PARAMETER_IDS)
const FiniteNumber = z.number().finite()

/** A median and 95 % interval as stored (multipliers, > 0). */
const Interval = z.object({ median: FiniteNumber, ci95: z.tuple([FiniteNumber, FiniteNumber]).readonly() })

/** The contract summary of the calibration (shared/engine/calibrate/summary.ts) plus the LOSO folds. */
export const ProfileSummarySchema = z.object({
  parameters: z.partialRecord(ParameterId, z.object({
    prior: Interval,
    posterior: Interval.nullable(),
    informed: z.boolean(),
    widthRatio: FiniteNumber.nullable(),
  })),
  within2Fold: z.object({ before: FiniteNumber.nullable(), after: FiniteNumber.nullable(), leaveOneOut: FiniteNumber.nullable() }),
  notIdentifiable: z.array(z.string()).readonly(),
  leaveOneOut: z.object({
    folds: z.array(z.object({
      heldOut: z.string(),
      points: z.number().int().min(0),
      before: FiniteNumber.nullable(),
      after: FiniteNumber.nullable(),
    })),
    failedFolds: z.array(z.string()),
  }).nullable(),
})

/** Thinned posterior draws: `ln[d][j]` = ln multiplier of `sampled[j]` in draw d. */
export const ProfileDrawsSchema = z.object({
  sampled: z.array(ParameterId),
  ln: z.array(z.array(FiniteNumber)).min(1).max(MAX_PROFILE_DRAWS),
}).superRefine((d, ctx) => {
  d.ln.forEach((row, i) => {
    if (row.length !== d.sampled.length) ctx.addIssue({ code: 'custom', path: ['ln', i], message: `a draw has ${row.length} values for ${d.sampled.length} sampled parameters` })
  })
})

/** Diagnostics of the run that produced the profile (always a converged one). */
export const ProfileDiagnosticsSchema = z.object({
  rHatMax: FiniteNumber,
  essMin: FiniteNumber,
  converged: z.literal(true),
  chains: z.number().int().min(2),
  warmup: z.number().int().min(0),
  draws: z.number().int().min(1),
  acceptance: z.array(FiniteNumber),
  evaluations: z.number().int().min(0),
  rHatLimit: FiniteNumber,
  essLimit: FiniteNumber,
  engineFailures: z.number().int().min(0),
})

/** The designs a profile was learned on: the "far from the profile" warning compares with these. */
export const ProfileDomainSchema = z.object({
  hydrodynamicDiameterNm: z.tuple([FiniteNumber, FiniteNumber]).readonly(),
  coreMaterials: z.array(z.string()).readonly(),
  surfaces: z.array(z.string()).readonly(),
  species: z.array(z.string()).readonly(),
  diseases: z.array(z.string()).readonly(),
})

/** Where a profile's evidence came from. */
export const ProfileProvenanceSchema = z.object({
  designs: z.array(z.object({ designId: z.string(), versions: z.array(z.number().int().min(1)) })).min(1),
  measurements: z.array(z.object({ id: z.string(), designId: z.string(), version: z.number().int().min(1), kind: z.enum(['biodistribution', 'release']) })).min(1),
  observations: z.number().int().min(0),
  errorModel: z.record(z.string(), z.unknown()),
  domain: ProfileDomainSchema,
})

/** What the caller gives to save a profile (the store adds id, version and created_at). */
export const NewProfileSchema = z.object({
  name: SafeText({ min: 1, max: 200, trim: true, lengthMessage: 'a profile name has 1 to 200 characters' }),
  engineVersion: z.string().min(1).max(64),
  seed: z.number().int().min(0).max(0xffffffff),
  parameters: z.array(ParameterId).min(1),
  summary: ProfileSummarySchema,
  draws: ProfileDrawsSchema,
  diagnostics: ProfileDiagnosticsSchema,
  provenance: ProfileProvenanceSchema,
}).strict()

/** A profile to save. */
export type NewCalibrationProfile = z.input<typeof NewProfileSchema>

/** A stored profile. */
export interface CalibrationProfile extends z.output<typeof NewProfileSchema> {
  readonly id: string
  readonly version: number
  readonly createdAt: string
}

/** One line of the profile listing (no draws). */
export interface CalibrationProfileListItem {
  readonly id: string
  readonly name: string
  readonly version: number
  readonly createdAt: string
  readonly engineVersion: string
  readonly seed: number
  readonly parameters: ReadonlyArray<string>
  readonly designs: number
  readonly measurements: number
  readonly within2Fold: { readonly before: number | null; readonly after: number | null; readonly leaveOneOut: number | null } | null
  /** Why the row cannot be read by this build (a newer or damaged row); it is listed, never hidden. */
  readonly problem?: string
}

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
