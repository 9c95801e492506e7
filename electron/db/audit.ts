import type Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { userInfo } from 'node:os'

/**
 * The library's audit trail (schema v5 `audit_log`, issue #16 "Audit trail and approvals").
 *
 * Every change to the library's records appends one entry in the SAME transaction as the
 * change: who (the OS user), when (UTC ISO), what (action, the entity and a canonical JSON of
 * what changed, or hashes of large parts) and a hash chain. The rules follow what a regulated
 * lab expects of electronic records (21 CFR Part 11 §11.10(e): "secure, computer-generated,
 * time-stamped audit trails to independently record the date and time of operator entries and
 * actions that create, modify, or delete electronic records"; EU GMP Annex 11 §9, "audit
 * trails"): entries are append-only (triggers refuse UPDATE and DELETE), and the chain makes
 * any later edit or removal of an entry detectable by {@link verifyAuditTrail}.
 *
 * What is NOT logged: caches the library recomputes by itself (engine listing metrics,
 * `version_metrics`, `designs.updated_at`), which record nothing a person did.
 *
 * The hash of an entry (format `nanoforge.audit/1`) is SHA-256 over the UTF-8 bytes of
 * `JSON.stringify([AUDIT_HASH_FORMAT, seq, at, osUser, action, entityKind, entityId,
 * designId, version, detail, prevHash])`, with `detail` the stored canonical JSON text; the
 * first entry's prevHash is {@link GENESIS_PREV_HASH}. A JSON array has no key order to agree
 * on, so anyone can recompute a hash from the columns with any JSON library.
 */

/** Tag of the hash serialisation (changes only with a new format, never silently). */
export const AUDIT_HASH_FORMAT = 'nanoforge.audit/1'
/** prev_hash of the first entry: 64 zeros. */
export const GENESIS_PREV_HASH = '0'.repeat(64)
/**
 * Longest canonical detail text stored as is; a longer one is stored as its SHA-256, length
 * and top-level keys. Why: the trail must stay readable and small; the full content of large
 * records (design documents, profile draws) lives in their own immutable tables, and the
 * entry anchors them by hash.
 */
export const MAX_DETAIL_CHARS = 16_384
/** Longest free text (a note) kept verbatim inside a detail; longer text is stored as its hash. */
export const MAX_DETAIL_TEXT_CHARS = 2_000

/** What an entry is about. */
export type AuditEntityKind = 'library' | 'design' | 'measurement' | 'profile' | 'project'

/** The actions the library logs (one source of truth: docs/security.md "Audit trail" lists them). */
export const AUDIT_ACTIONS = [
  'library.genesis', 'library.restore',
  'design.create', 'design.save', 'design.rename', 'design.restore-version', 'design.duplicate',
  'design.note', 'design.tag-add', 'design.tag-remove', 'design.project', 'design.trash', 'design.untrash',
  'design.import', 'design.approve',
  'project.create', 'project.spec-set', 'project.spec-clear',
  'measurement.add', 'measurement.trash', 'measurement.untrash',
  'profile.save',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/** What a write path gives to {@link appendAudit}. */
export interface AuditInput {
  readonly action: AuditAction
  readonly entityKind: AuditEntityKind
  readonly entityId: string | null
  /** The design the entry concerns (for `db audit ID`), when any. */
  readonly designId?: string | null
  /** The design version concerned, when any. */
  readonly version?: number | null
  /** What changed: plain JSON (no undefined values needed; they are dropped). */
  readonly detail: Readonly<Record<string, unknown>>
}

/** One stored entry. */
export interface AuditEntry {
  readonly seq: number
  readonly at: string
  readonly osUser: string
  readonly action: string
  readonly entityKind: string
  readonly entityId: string | null
  readonly designId: string | null
  readonly version: number | null
  /** The canonical JSON text as stored (hashed as is). */
  readonly detailText: string
  readonly prevHash: string
  readonly hash: string
}

/** An entry for output: the detail parsed. */
export interface AuditEntryView extends Omit<AuditEntry, 'detailText'> {
  readonly detail: unknown
}

interface AuditRow {
  readonly seq: number
  readonly at: string
  readonly os_user: string
  readonly action: string
  readonly entity_kind: string
  readonly entity_id: string | null
  readonly design_id: string | null
  readonly version: number | null
  readonly detail: string
  readonly prev_hash: string
  readonly hash: string
}

const COLUMNS = 'seq, at, os_user, action, entity_kind, entity_id, design_id, version, detail, prev_hash, hash'

/** JSON with object keys sorted at every level and undefined members dropped (the stored detail form). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>
    const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null'
  return JSON.stringify(value) ?? 'null'
}

/** SHA-256 hex of a text's UTF-8 bytes. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** A free text for a detail: verbatim when short, else its hash and length (see {@link MAX_DETAIL_TEXT_CHARS}). */
export function detailText(text: string): string | { readonly sha256: string; readonly chars: number } {
  return text.length <= MAX_DETAIL_TEXT_CHARS ? text : { sha256: sha256Hex(text), chars: text.length }
}

/** The hash of an entry from its fields (format {@link AUDIT_HASH_FORMAT}, see the module comment). */
export function auditEntryHash(e: Omit<AuditEntry, 'hash'>): string {
  return sha256Hex(JSON.stringify([
    AUDIT_HASH_FORMAT, e.seq, e.at, e.osUser, e.action, e.entityKind, e.entityId, e.designId, e.version, e.detailText, e.prevHash,
  ]))
}

let cachedOsUser: string | undefined

/**
 * The OS user running this process: the "who" of every entry and the signer of approvals.
 *
 * Why the OS account and not a name typed in the app: NanoForge has no login of its own, and
 * the account the lab's IT manages is the identity a reviewer can trace. Only the main
 * process, the web host and the CLI call this (never the renderer). `os.userInfo()` throws
 * for a uid without a passwd entry (some containers); then the environment, then the uid.
 */
export function currentOsUser(): string {
  if (cachedOsUser !== undefined) return cachedOsUser
  let name: string | undefined
  try {
    name = userInfo().username
  } catch {
    name = undefined
  }
  if (name === undefined || name === '') name = process.env.USER ?? process.env.USERNAME ?? process.env.LOGNAME
  if (name === undefined || name === '') name = typeof process.getuid === 'function' ? `uid:${process.getuid()}` : 'unknown'
  cachedOsUser = name
  return name
}

const hasLog = new WeakMap<Database.Database, boolean>()

/** True when the connection's file has the audit tables (schema v5 or later). */
export function hasAuditTrail(db: Database.Database): boolean {
  let known = hasLog.get(db)
  if (known === undefined || !known) {
    known = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_log'").get() !== undefined
    hasLog.set(db, known)
  }
  return known
}

/**
 * Appends one entry to the chain. Must run inside the write transaction of the change it
 * records (throws otherwise), so the change and its entry commit together or not at all.
 * A library file before schema v5 (tests and fixture scripts open older schemas on purpose)
 * has no trail: nothing is appended and undefined is returned.
 */
export function appendAudit(db: Database.Database, input: AuditInput, options: { readonly at?: string; readonly osUser?: string } = {}): AuditEntry | undefined {
  if (!db.inTransaction) throw new Error(`audit entry '${input.action}' outside a transaction: the change and its entry must commit together`)
  if (!hasAuditTrail(db)) return undefined
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined
  let text = canonicalJson(input.detail)
  if (text.length > MAX_DETAIL_CHARS) {
    text = canonicalJson({ detailSha256: sha256Hex(text), detailChars: text.length, keys: Object.keys(input.detail).sort() })
  }
  const fields: Omit<AuditEntry, 'hash'> = {
    seq: (last?.seq ?? 0) + 1,
    at: options.at ?? new Date().toISOString(),
    osUser: options.osUser ?? currentOsUser(),
    action: input.action,
    entityKind: input.entityKind,
    entityId: input.entityId,
    designId: input.designId ?? null,
    version: input.version ?? null,
    detailText: text,
    prevHash: last?.hash ?? GENESIS_PREV_HASH,
  }
  const entry: AuditEntry = { ...fields, hash: auditEntryHash(fields) }
  db.prepare(`INSERT INTO audit_log (${COLUMNS}) VALUES (@seq, @at, @osUser, @action, @entityKind, @entityId, @designId, @version, @detailText, @prevHash, @hash)`)
    .run(entry)
  return entry
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq, at: row.at, osUser: row.os_user, action: row.action, entityKind: row.entity_kind, entityId: row.entity_id,
    designId: row.design_id, version: row.version, detailText: row.detail, prevHash: row.prev_hash, hash: row.hash,
  }
}

/** An entry with its detail parsed for output (a detail that is not JSON is shown as its text). */
export function viewEntry(e: AuditEntry): AuditEntryView {
  const { detailText: text, ...rest } = e
  let detail: unknown
  try {
    detail = JSON.parse(text)
  } catch {
    detail = text
  }
  return { ...rest, detail }
}

/** The trail of one design (its versions, note, tags, trash, measurements, approvals), oldest first. */
export function designTrail(db: Database.Database, designId: string): AuditEntry[] {
  if (!hasAuditTrail(db)) return []
  return (db.prepare(`SELECT ${COLUMNS} FROM audit_log WHERE design_id = ? ORDER BY seq`).all(designId) as AuditRow[]).map(toEntry)
}

/** The newest entry, or undefined for a library without a trail or an empty one. */
export function auditHead(db: Database.Database): AuditEntry | undefined {
  if (!hasAuditTrail(db)) return undefined
  const row = db.prepare(`SELECT ${COLUMNS} FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as AuditRow | undefined
  return row === undefined ? undefined : toEntry(row)
}

/** Sort key of a design version in the genesis digest. */
function versionKey(designId: string, version: number): string {
  return `${designId}\u0000${version}`
}

/** The design id and version of a {@link versionKey}. */
function splitVersionKey(key: string): [string, number] {
  const cut = key.lastIndexOf('\u0000')
  return [key.slice(0, cut), Number(key.slice(cut + 1))]
}

/** A `design_versions` row as verification reads it. */
interface VersionCheckRow {
  readonly design_id: string
  readonly version: number
  readonly created_at: string
  readonly note: string
  readonly engine_version: string
  readonly name: string
  readonly core_material: string
  readonly core_diameter_nm: number
  readonly disease: string
  readonly document: string
  readonly document_hash: string
}

/**
 * What of a stored version differs from what its entry recorded, in words (empty: nothing).
 *
 * Why more than the document: the version's note says why it was made, its time when, and the
 * engine version which engine it was made for; the list columns (name, core, diameter, disease)
 * are what the library panel and `db list` show. Each was written once with the version (the
 * table refuses updates), so any difference was made around NanoForge. The list columns are
 * checked against the stored document itself (they are copies of its fields); the metrics
 * cache (`summary`, hydrodynamic diameter) is recomputed by the engine and is not evidence.
 */
function versionChanges(v: VersionCheckRow, textSha256: string, anchor: VersionAnchor): string[] {
  const changed: string[] = []
  if (anchor.textSha256 !== textSha256) changed.push('its stored document changed')
  else if (anchor.documentHash !== undefined && anchor.documentHash !== v.document_hash) changed.push('its document_hash column changed')
  if (anchor.savedAt !== undefined && anchor.savedAt !== v.created_at) changed.push(`its saved time changed (${v.created_at}, recorded ${anchor.savedAt})`)
  if (typeof anchor.note === 'string' && anchor.note !== v.note) changed.push('its note changed')
  if (isRecord(anchor.note) && typeof anchor.note.sha256 === 'string' && anchor.note.sha256 !== sha256Hex(v.note)) changed.push('its note changed')
  if (anchor.engineVersion !== undefined && anchor.engineVersion !== v.engine_version) changed.push(`its engine version changed (${v.engine_version}, recorded ${anchor.engineVersion})`)
  if (anchor.textSha256 === textSha256) {
    let doc: unknown
    try {
      doc = JSON.parse(v.document)
    } catch {
      doc = undefined
    }
    if (isRecord(doc) && isRecord(doc.core) && isRecord(doc.context)) {
      const copies: Array<[string, unknown, unknown]> = [
        ['name', v.name, doc.name], ['core_material', v.core_material, doc.core.material],
        ['core_diameter_nm', v.core_diameter_nm, doc.core.diameterNm], ['disease', v.disease, doc.context.disease],
      ]
      for (const [column, stored, inDocument] of copies) if (stored !== inDocument) changed.push(`its ${column} column no longer copies the document`)
    }
  }
  return changed
}

/**
 * SHA-256 over the design versions given as `[designId, version, textSha256]` triples, sorted
 * by design id then version, serialised as one JSON array. Anchors the versions that existed
 * before the trail began (they have no entry of their own).
 */
export function versionsDigest(rows: ReadonlyArray<{ designId: string; version: number; textSha256: string }>): string {
  const sorted = [...rows].sort((a, b) => (a.designId < b.designId ? -1 : a.designId > b.designId ? 1 : a.version - b.version))
  return sha256Hex(JSON.stringify(sorted.map((r) => [r.designId, r.version, r.textSha256])))
}

/**
 * The first entry of a library's trail, written by the v5 migration inside its transaction.
 *
 * Why it records counts and a digest: changes made before schema v5 were never logged and no
 * history can be invented for them; the entry says so, and the digest of every existing
 * version's stored text lets `db verify` still detect a later edit of those versions.
 */
export function appendGenesis(db: Database.Database, schemaVersionBefore: number): AuditEntry | undefined {
  const versions = (db.prepare('SELECT design_id, version, document FROM design_versions').all() as Array<{ design_id: string; version: number; document: string }>)
    .map((r) => ({ designId: r.design_id, version: r.version, textSha256: sha256Hex(r.document) }))
  const count = (table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  const designs = count('designs')
  const empty = designs === 0 && count('measurements') === 0 && count('calibration_profiles') === 0
  return appendAudit(db, {
    action: 'library.genesis', entityKind: 'library', entityId: null,
    detail: {
      schemaVersionBefore,
      schemaVersion: 5,
      designs, versions: versions.length, measurements: count('measurements'), calibrationProfiles: count('calibration_profiles'),
      versionsDigest: versionsDigest(versions),
      note: empty
        ? 'The audit trail begins here, with an empty library.'
        : `The audit trail begins here, at the upgrade from library schema ${schemaVersionBefore}. Changes made before it were not logged and cannot be reconstructed; the ${versions.length} design version(s) present now are anchored by versionsDigest.`,
    },
  })
}

/** One problem {@link verifyAuditTrail} found. */
export interface AuditProblem {
  /** The entry at fault (for a removed entry, the seq that is missing); null when no entry can be named. */
  readonly seq: number | null
  readonly kind:
    | 'gap' | 'prev-hash-mismatch' | 'hash-mismatch' | 'bad-entry'
    | 'version-changed' | 'version-missing' | 'version-unlogged' | 'genesis-digest' | 'approval-mismatch' | 'approval-missing' | 'approval-content'
    | 'spec-changed' | 'spec-unlogged' | 'spec-missing'
  readonly message: string
  readonly designId?: string
  readonly version?: number
  /** For a specification limit problem: the project and the attribute. */
  readonly projectId?: string
  readonly attribute?: string
}

/** What {@link verifyAuditTrail} found. */
export interface AuditVerification {
  readonly intact: boolean
  readonly entries: number
  /** The newest entry's seq and hash: record it outside the library (a lab notebook, a ticket) to anchor the chain. */
  readonly head: { readonly seq: number; readonly hash: string; readonly at: string } | null
  /** The first broken link in chain order (chain problems before content problems), or null. */
  readonly firstBroken: AuditProblem | null
  /** Every problem found (at most {@link MAX_REPORTED_PROBLEMS}). */
  readonly problems: AuditProblem[]
  /** specLimits: the `project_specs` rows checked (0 for a library before schema v6). */
  readonly checked: { readonly designVersions: number; readonly approvals: number; readonly specLimits: number }
}

/** Most problems one verification lists. */
export const MAX_REPORTED_PROBLEMS = 100

interface VersionAnchor {
  readonly seq: number
  readonly textSha256: string
  readonly documentHash: string | undefined
  /**
   * What a save's entry recorded beside the hashes (absent for versions added by a bundle
   * import, whose entry lists hashes only): the version's time (the entry's own), its note
   * (text, or its SHA-256 when long) and the engine version.
   */
  readonly savedAt?: string
  readonly note?: unknown
  readonly engineVersion?: string
}

/** A row of the `approvals` table as SQLite returns it (read here to verify, in approvals.ts to list). */
export interface ApprovalRow {
  readonly id: string
  readonly design_id: string
  readonly version: number
  readonly meaning: string
  readonly signer_user: string
  readonly signer_name: string
  readonly at: string
  readonly document_hash: string
  readonly audit_seq: number
}

/** What the last `project.spec-set` / `project.spec-clear` entry of a project's attribute recorded. */
interface SpecAnchor {
  readonly seq: number
  readonly action: 'project.spec-set' | 'project.spec-clear'
  readonly at: string
  readonly min: number | null
  readonly max: number | null
  readonly note: string
}

/** A `project_specs` row as SQLite returns it (read here to verify, in specs.ts to show). */
interface SpecVerifyRow {
  readonly project_id: string
  readonly attribute: string
  readonly min_value: number | null
  readonly max_value: number | null
  readonly note: string
  readonly updated_at: string
}

const specKey = (projectId: string, attribute: string): string => `${projectId}\u0000${attribute}`
const numberOrNull = (v: unknown): number | null => (typeof v === 'number' ? v : null)
const limitText = (min: number | null, max: number | null, note: string): string =>
  `min ${min === null ? 'none' : String(min)}, max ${max === null ? 'none' : String(max)}, note ${JSON.stringify(note.length > 60 ? `${note.slice(0, 57)}...` : note)}`

/**
 * Step 4 of {@link verifyAuditTrail}: each stored limit against the replayed trail; returns the
 * rows checked. A library before schema v6 has no `project_specs` table and nothing to check.
 *
 * Why updated_at is compared too: the store writes the row and its entry with one timestamp, so
 * a changed updated_at misstates when the limit was set, which a reviewer reads in `db specs show`.
 * Numbers compare with ===: SQLite REAL and JSON both carry the IEEE double the store wrote
 * (JSON.stringify round-trips a double exactly), so equal limits are equal bit for bit.
 */
function checkSpecLimits(db: Database.Database, expected: ReadonlyMap<string, SpecAnchor>, add: (p: AuditProblem) => void): number {
  if (db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'project_specs'").get() === undefined) return 0
  const rows = db.prepare('SELECT project_id, attribute, min_value, max_value, note, updated_at FROM project_specs ORDER BY project_id, attribute').all() as SpecVerifyRow[]
  const names = new Map((db.prepare('SELECT id, name FROM projects').all() as Array<{ id: string; name: string }>).map((p) => [p.id, p.name]))
  const projectText = (id: string): string => (names.has(id) ? `project "${names.get(id)!}" (${id})` : `project ${id}`)
  const seen = new Set<string>()
  for (const r of rows) {
    const key = specKey(r.project_id, r.attribute)
    seen.add(key)
    const anchor = expected.get(key)
    const where = { projectId: r.project_id, attribute: r.attribute }
    if (anchor === undefined) {
      add({ seq: null, kind: 'spec-unlogged', ...where, message: `${projectText(r.project_id)} has a ${r.attribute} limit (${limitText(r.min_value, r.max_value, r.note)}) that no audit entry set: it was written around NanoForge, or its attribute or project was changed` })
      continue
    }
    if (anchor.action === 'project.spec-clear') {
      add({ seq: anchor.seq, kind: 'spec-unlogged', ...where, message: `${projectText(r.project_id)} has a ${r.attribute} limit (${limitText(r.min_value, r.max_value, r.note)}) although entry ${anchor.seq} (project.spec-clear) removed it and no later entry set it` })
      continue
    }
    const changed: string[] = []
    if (r.min_value !== anchor.min) changed.push(`min ${String(anchor.min)} -> ${String(r.min_value)}`)
    if (r.max_value !== anchor.max) changed.push(`max ${String(anchor.max)} -> ${String(r.max_value)}`)
    if (r.note !== anchor.note) changed.push('note')
    if (r.updated_at !== anchor.at) changed.push(`updated_at ${anchor.at} -> ${r.updated_at}`)
    if (changed.length > 0) {
      add({ seq: anchor.seq, kind: 'spec-changed', ...where, message: `${projectText(r.project_id)}'s ${r.attribute} limit no longer matches what entry ${anchor.seq} (project.spec-set) recorded when it was set (${changed.join('; ')}): it was edited around NanoForge` })
    }
  }
  for (const [key, anchor] of expected) {
    if (anchor.action !== 'project.spec-set' || seen.has(key)) continue
    const [projectId, attribute] = key.split('\u0000') as [string, string]
    add({ seq: anchor.seq, kind: 'spec-missing', projectId, attribute, message: `${projectText(projectId)}'s ${attribute} limit set by entry ${anchor.seq} (${limitText(anchor.min, anchor.max, anchor.note)}) is missing from project_specs: it was deleted, or its attribute or project was changed, around NanoForge` })
  }
  return rows.length
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Checks the whole trail of a library:
 * 1. the chain: seq runs 1, 2, 3, ... without a gap, every prev_hash is the previous entry's
 *    hash, every hash recomputes from the entry's fields;
 * 2. the records it anchors: every design version's stored text still has the SHA-256 its
 *    save (or import) entry recorded, and its document_hash column the recorded one; the
 *    versions older than the trail still give the genesis digest; a version saved later
 *    without an entry is reported;
 * 3. approvals: each row matches the entry that recorded it, and the version it signs still
 *    has the content hash it signed; an approval entry without its row is reported;
 * 4. specification limits (schema v6 `project_specs`): replaying every `project.spec-set` and
 *    `project.spec-clear` entry in chain order gives, per project and attribute, the limit that
 *    must be stored now (or none); each row must equal the last entry that set it (min, max,
 *    note, and updated_at = the entry's time), a row with no entry or one after a clear is
 *    reported, and so is a limit an entry set whose row is gone. Every write of a limit
 *    (electron/db/specs.ts, bundle import) logs it in the same transaction, and the table is
 *    newer than the trail, so no limit predates its entry.
 *
 * What it cannot prove: a local attacker who rewrites the whole chain (and the records)
 * consistently is not detected without a head hash recorded elsewhere (docs/security.md).
 */
export function verifyAuditTrail(db: Database.Database): AuditVerification {
  const problems: AuditProblem[] = []
  const add = (p: AuditProblem): void => {
    if (problems.length < MAX_REPORTED_PROBLEMS) problems.push(p)
  }
  if (!hasAuditTrail(db)) {
    const problem: AuditProblem = { seq: null, kind: 'bad-entry', message: 'This library has no audit trail (library schema before v5): open it with this NanoForge to upgrade it.' }
    return { intact: false, entries: 0, head: null, firstBroken: problem, problems: [problem], checked: { designVersions: 0, approvals: 0, specLimits: 0 } }
  }
  const rows = (db.prepare(`SELECT ${COLUMNS} FROM audit_log ORDER BY seq`).all() as AuditRow[]).map(toEntry)

  // 1. The chain.
  let previous: AuditEntry | undefined
  for (const e of rows) {
    const expectedSeq = (previous?.seq ?? 0) + 1
    if (e.seq !== expectedSeq) {
      add({
        seq: expectedSeq, kind: 'gap',
        message: e.seq > expectedSeq
          ? `entry ${expectedSeq}${e.seq - expectedSeq > 1 ? `-${e.seq - 1}` : ''} is missing: the trail jumps from ${expectedSeq - 1} to ${e.seq}`
          : `entry ${e.seq} is out of order after ${expectedSeq - 1}`,
      })
    }
    const expectedPrev = previous?.hash ?? GENESIS_PREV_HASH
    if (e.prevHash !== expectedPrev) {
      add({ seq: e.seq, kind: 'prev-hash-mismatch', message: `entry ${e.seq}'s prev_hash is not the hash of ${previous === undefined ? 'the chain start (64 zeros)' : `entry ${previous.seq}`}: an earlier entry was changed or removed, or this one was` })
    }
    const recomputed = auditEntryHash(e)
    if (recomputed !== e.hash) {
      add({ seq: e.seq, kind: 'hash-mismatch', message: `entry ${e.seq} (${e.action}) was changed after it was written: its fields hash to ${recomputed.slice(0, 16)}..., the stored hash is ${e.hash.slice(0, 16)}...` })
    }
    previous = e
  }
  const chainProblems = problems.length

  // 2. Design versions against what their entries recorded.
  const anchors = new Map<string, VersionAnchor>()
  const approvalEntries = new Map<number, Record<string, unknown>>()
  const specState = new Map<string, SpecAnchor>()
  let genesis: { entry: AuditEntry; detail: Record<string, unknown> } | undefined
  for (const e of rows) {
    let detail: unknown
    try {
      detail = JSON.parse(e.detailText)
    } catch {
      add({ seq: e.seq, kind: 'bad-entry', message: `entry ${e.seq}'s detail is not JSON` })
      continue
    }
    if (!isRecord(detail)) continue
    if (e.action === 'library.genesis' && genesis === undefined) genesis = { entry: e, detail }
    if (e.action === 'design.approve') approvalEntries.set(e.seq, detail)
    if ((e.action === 'project.spec-set' || e.action === 'project.spec-clear') && e.entityId !== null) {
      if (typeof detail.attribute !== 'string') {
        add({ seq: e.seq, kind: 'bad-entry', projectId: e.entityId, message: `entry ${e.seq} (${e.action}) names no attribute` })
      } else {
        specState.set(specKey(e.entityId, detail.attribute), e.action === 'project.spec-clear'
          ? { seq: e.seq, action: e.action, at: e.at, min: null, max: null, note: '' }
          : { seq: e.seq, action: e.action, at: e.at, min: numberOrNull(detail.min), max: numberOrNull(detail.max), note: typeof detail.note === 'string' ? detail.note : '' })
      }
    }
    const anchored: Array<{ designId: string; version: number } & VersionAnchor> = []
    if (e.designId !== null && e.version !== null && typeof detail.textSha256 === 'string' && e.action !== 'design.approve') {
      anchored.push({
        seq: e.seq, designId: e.designId, version: e.version, textSha256: detail.textSha256, documentHash: typeof detail.documentHash === 'string' ? detail.documentHash : undefined,
        savedAt: e.at, note: detail.note, engineVersion: typeof detail.engineVersion === 'string' ? detail.engineVersion : undefined,
      })
    }
    if (e.designId !== null && Array.isArray(detail.versionsAdded)) {
      for (const v of detail.versionsAdded) {
        if (isRecord(v) && typeof v.version === 'number' && typeof v.textSha256 === 'string') {
          anchored.push({ seq: e.seq, designId: e.designId, version: v.version, textSha256: v.textSha256, documentHash: typeof v.documentHash === 'string' ? v.documentHash : undefined })
        }
      }
    }
    for (const { designId, version, ...anchor } of anchored) anchors.set(versionKey(designId, version), anchor)
  }

  const versions = db.prepare(`SELECT design_id, version, created_at, note, engine_version, name, core_material, core_diameter_nm, disease, document, document_hash
    FROM design_versions ORDER BY design_id, version`).all() as VersionCheckRow[]
  const preTrail: Array<{ designId: string; version: number; textSha256: string; createdAt: string }> = []
  const currentHash = new Map<string, string>()
  for (const v of versions) {
    const textSha256 = sha256Hex(v.document)
    currentHash.set(versionKey(v.design_id, v.version), v.document_hash)
    const anchor = anchors.get(versionKey(v.design_id, v.version))
    if (anchor === undefined) {
      preTrail.push({ designId: v.design_id, version: v.version, textSha256, createdAt: v.created_at })
      continue
    }
    const changed = versionChanges(v, textSha256, anchor)
    if (changed.length > 0) {
      add({
        seq: anchor.seq, kind: 'version-changed', designId: v.design_id, version: v.version,
        message: `design ${v.design_id} version ${v.version} no longer matches what entry ${anchor.seq} recorded when it was saved (${changed.join('; ')})`,
      })
    }
  }
  // A version an entry saved that is gone (deleted, or its design or number changed, around NanoForge).
  for (const [key, anchor] of anchors) {
    if (currentHash.has(key)) continue
    const [designId, version] = splitVersionKey(key)
    add({
      seq: anchor.seq, kind: 'version-missing', designId, version,
      message: `design ${designId} version ${version}, saved by entry ${anchor.seq}, is missing from design_versions: it was deleted, or its design or number was changed, around NanoForge`,
    })
  }
  if (genesis !== undefined) {
    const recorded = genesis.detail.versionsDigest
    const recordedCount = genesis.detail.versions
    if (recorded !== versionsDigest(preTrail) || recordedCount !== preTrail.length) {
      const later = preTrail.filter((p) => p.createdAt > genesis!.entry.at)
      if (later.length > 0) {
        for (const p of later.slice(0, 5)) {
          add({
            seq: null, kind: 'version-unlogged', designId: p.designId, version: p.version,
            message: `design ${p.designId} version ${p.version} (saved ${p.createdAt}, after the trail began) has no audit entry: its entry was removed, or the row was written around NanoForge`,
          })
        }
      } else {
        add({
          seq: genesis.entry.seq, kind: 'genesis-digest',
          message: `the ${String(recordedCount)} design version(s) that existed when the trail began (entry ${genesis.entry.seq}) no longer give the digest recorded then (${preTrail.length} such version(s) now): one of them was edited, added or removed`,
        })
      }
    }
  } else if (preTrail.length > 0) {
    add({ seq: null, kind: 'version-unlogged', designId: preTrail[0]!.designId, version: preTrail[0]!.version, message: `${preTrail.length} design version(s) have no audit entry and the trail has no genesis entry` })
  }

  // 3. Approvals.
  const bySeq = new Map(rows.map((r) => [r.seq, r]))
  const approvals = db.prepare('SELECT id, design_id, version, meaning, signer_user, signer_name, at, document_hash, audit_seq FROM approvals ORDER BY audit_seq')
    .all() as ApprovalRow[]
  const seen = new Set<number>()
  for (const a of approvals) {
    seen.add(a.audit_seq)
    const detail = approvalEntries.get(a.audit_seq)
    const entry = bySeq.get(a.audit_seq)
    if (detail === undefined || entry === undefined) {
      add({ seq: a.audit_seq, kind: 'approval-mismatch', designId: a.design_id, version: a.version, message: `approval ${a.id} points at entry ${a.audit_seq}, which is not an approval entry` })
      continue
    }
    const same = entry.designId === a.design_id && entry.version === a.version && entry.at === a.at && entry.osUser === a.signer_user &&
      detail.approvalId === a.id && detail.meaning === a.meaning && detail.signerName === a.signer_name && detail.documentHash === a.document_hash
    if (!same) {
      add({ seq: a.audit_seq, kind: 'approval-mismatch', designId: a.design_id, version: a.version, message: `approval ${a.id} (design ${a.design_id} version ${a.version}) differs from what entry ${a.audit_seq} recorded when it was signed` })
      continue
    }
    const now = currentHash.get(versionKey(a.design_id, a.version))
    if (now !== a.document_hash) {
      add({ seq: a.audit_seq, kind: 'approval-content', designId: a.design_id, version: a.version, message: `design ${a.design_id} version ${a.version} no longer has the content hash approval ${a.id} (entry ${a.audit_seq}) signed` })
    }
  }
  for (const [seq, detail] of approvalEntries) {
    if (!seen.has(seq)) {
      const entry = bySeq.get(seq)
      add({ seq, kind: 'approval-missing', designId: entry?.designId ?? undefined, version: entry?.version ?? undefined, message: `the approval recorded by entry ${seq} (${String(detail.meaning)}) is missing from the approvals table` })
    }
  }

  // 4. Specification limits against the last entry that set or cleared them.
  const specLimits = checkSpecLimits(db, specState, add)

  // Chain problems first (they decide what can be trusted), then the rest by seq.
  const content = problems.slice(chainProblems).sort((a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER))
  const ordered = [...problems.slice(0, chainProblems), ...content]
  const head = rows.length === 0 ? null : { seq: rows[rows.length - 1]!.seq, hash: rows[rows.length - 1]!.hash, at: rows[rows.length - 1]!.at }
  return {
    intact: ordered.length === 0,
    entries: rows.length,
    head,
    firstBroken: ordered[0] ?? null,
    problems: ordered,
    checked: { designVersions: versions.length, approvals: approvals.length, specLimits },
  }
}
