/**
 * The audit trail and approvals (schema v5, issue #16): every write path of the library
 * appends one entry in the same transaction as its change; the chain recomputes with an
 * independent implementation of the documented hash format; entries and approvals cannot be
 * changed through SQLite; tampering with any entry, design version or approval in the file
 * (triggers dropped, as an attacker with sqlite3 would) is found by verification at the right
 * entry; the v4 fixture upgrades with a genesis entry that anchors its versions.
 */
import Database from 'better-sqlite3'
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { userInfo } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDesignLibrary, type DesignLibrary } from '../../../../electron/db/library'
import { createMeasurementStore } from '../../../../electron/db/measurements'
import { createProfileStore, type NewCalibrationProfile } from '../../../../electron/db/profiles'
import { exportBundle, importBundle } from '../../../../electron/db/bundle'
import { APPROVAL_MEANINGS, approveVersion, listApprovals } from '../../../../electron/db/approvals'
import { AUDIT_ACTIONS, designTrail, verifyAuditTrail } from '../../../../electron/db/audit'
import { DesignNotFoundError, InvalidInputError } from '../../../../electron/db/errors'
import { REPO_ROOT, loadExample, makeTempDir } from '../helpers'

const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'db')
let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = makeTempDir()))
afterEach(() => cleanup())

const open = (path: string): DesignLibrary => openDesignLibrary({ path, deferredMetrics: false, dailyBackup: false })

interface Row {
  seq: number; at: string; os_user: string; action: string; entity_kind: string; entity_id: string | null
  design_id: string | null; version: number | null; detail: string; prev_hash: string; hash: string
}
const rowsOf = (db: Database.Database): Row[] => db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Row[]
const count = (db: Database.Database): number => (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n

/**
 * The hash of an entry as docs/security.md states it, written here from the documentation
 * (not imported): SHA-256 of the JSON array of the format tag and the columns in order.
 */
function documentedHash(r: Omit<Row, 'hash'>): string {
  const array = ['nanoforge.audit/1', r.seq, r.at, r.os_user, r.action, r.entity_kind, r.entity_id, r.design_id, r.version, r.detail, r.prev_hash]
  return createHash('sha256').update(JSON.stringify(array), 'utf8').digest('hex')
}

/** A raw connection to the file with the append-only triggers dropped: what an attacker with sqlite3 can do. */
function tamper(path: string, sql: string): void {
  const raw = new Database(path)
  try {
    for (const t of ['audit_log_immutable_update', 'audit_log_immutable_delete', 'approvals_immutable_update', 'approvals_immutable_delete',
      'design_versions_immutable_update', 'design_versions_immutable_delete']) raw.exec(`DROP TRIGGER IF EXISTS ${t}`)
    raw.exec(sql)
  } finally {
    raw.close()
  }
}

/** Verification of the file as it is on disk (a fresh read-only connection). */
function verifyFile(path: string): ReturnType<typeof verifyAuditTrail> {
  const raw = new Database(path, { readonly: true })
  try {
    return verifyAuditTrail(raw)
  } finally {
    raw.close()
  }
}

function profile(name: string): NewCalibrationProfile {
  const prior = { median: 1, ci95: [0.3965, 2.522] as [number, number] }
  return {
    name, engineVersion: '9.9.9', seed: 3, parameters: ['liverKMax'],
    summary: {
      parameters: { liverKMax: { prior, posterior: { median: 2, ci95: [1.5, 2.6] }, informed: true, widthRatio: 0.3 } },
      within2Fold: { before: 0.5, after: 1, leaveOneOut: null }, notIdentifiable: [], leaveOneOut: null,
    },
    draws: { sampled: ['liverKMax'], ln: [[0.69], [0.7]] },
    diagnostics: { rHatMax: 1.002, essMin: 900, converged: true, chains: 4, warmup: 100, draws: 100, acceptance: [0.3], evaluations: 800, rHatLimit: 1.01, essLimit: 400, engineFailures: 0 },
    provenance: {
      designs: [{ designId: 'd1', versions: [1] }], measurements: [{ id: 'm1', designId: 'd1', version: 1, kind: 'biodistribution' }],
      observations: 4, errorModel: {}, domain: { hydrodynamicDiameterNm: [100, 120], coreMaterials: ['gold'], surfaces: ['peg'], species: ['mouse'], diseases: ['healthy'] },
    },
  }
}

/**
 * Every member of the DesignLibrary object, classified. A member added later without a
 * class fails the first test, so a new write path cannot be added without its audit check.
 */
const RECORD_WRITES = [
  'saveDesign', 'duplicateDesign', 'renameDesign', 'restoreVersion', 'trashDesign', 'restoreFromTrash', 'createProject',
  'moveToProject', 'addTag', 'removeTag', 'setNote', 'restoreBackup',
] as const
/** Reads, and writes of caches or files that record nothing a person did (metrics, backup files). */
const NOT_RECORDS = [
  'path', 'readOnly', 'readOnlyReason', 'problem', 'writesCommitted', 'lastWrite', 'noteWrite', 'schemaVersion', 'backupPath',
  'listDesigns', 'listLibrary', 'getDesign', 'history', 'designMeta', 'resolveDesignId', 'listTrash', 'listTags', 'listProjects',
  'versionMetrics', 'computePendingMetrics', 'refreshMetricsLater', 'pendingMetricsCount', 'backupWarning', 'listBackups',
  'backupInventory', 'backupDirectory', 'backup', 'backupIfDue', 'connection', 'requireWritable', 'close',
] as const

describe('audit trail: every write path appends its entry', () => {
  it('classifies every member of the library (a new write path must be added to this test)', () => {
    const library = open(join(dir, 'lib.db'))
    try {
      expect(Object.keys(library).sort()).toEqual([...RECORD_WRITES, ...NOT_RECORDS].sort())
    } finally {
      library.close()
    }
  })

  it('appends exactly the expected entry for each write, by the OS user, and the chain recomputes from the documented format', () => {
    const path = join(dir, 'lib.db')
    const library = open(path)
    const db = (): Database.Database => library.connection
    const measurements = createMeasurementStore(library)
    const profiles = createProfileStore(library)
    const seen: string[] = []
    /** Runs one write and returns the actions it appended. */
    const appended = <T>(what: string, write: () => T): { result: T; actions: string[] } => {
      const before = count(db())
      const result = write()
      const actions = rowsOf(db()).slice(before).map((r) => r.action)
      seen.push(what)
      return { result, actions }
    }
    try {
      expect(rowsOf(db()).map((r) => r.action)).toEqual(['library.genesis'])
      const design = loadExample('lupus-rbc-silica.nanoforge.json')
      const a = appended('saveDesign', () => library.saveDesign(design, { note: 'first' }))
      expect(a.actions).toEqual(['design.create'])
      const id = a.result.designId
      expect(appended('saveDesign', () => library.saveDesign({ ...design, notes: 'v2' }, { designId: id })).actions).toEqual(['design.save'])
      expect(appended('renameDesign', () => library.renameDesign(id, 'Renamed')).actions).toEqual(['design.rename'])
      expect(appended('restoreVersion', () => library.restoreVersion(id, 1)).actions).toEqual(['design.restore-version'])
      const project = appended('createProject', () => library.createProject('Screen A'))
      expect(project.actions).toEqual(['project.create'])
      expect(appended('moveToProject', () => library.moveToProject([id], project.result.projectId)).actions).toEqual(['design.project'])
      // A duplicate is a new design, filed under its source's project: two entries.
      expect(appended('duplicateDesign', () => library.duplicateDesign(id)).actions).toEqual(['design.duplicate', 'design.project'])
      expect(appended('addTag', () => library.addTag(id, 'lead')).actions).toEqual(['design.tag-add'])
      expect(appended('removeTag', () => library.removeTag(id, 'lead')).actions).toEqual(['design.tag-remove'])
      expect(appended('setNote', () => library.setNote(id, 'repeat DLS')).actions).toEqual(['design.note'])
      expect(appended('trashDesign', () => library.trashDesign(id)).actions).toEqual(['design.trash'])
      expect(appended('restoreFromTrash', () => library.restoreFromTrash(id)).actions).toEqual(['design.untrash'])
      const m = appended('measurements.add', () => measurements.add({ designId: id, version: 2, kind: 'dls', label: 'batch 1', data: { zAverageNm: 150, pdi: 0.1 } }))
      expect(m.actions).toEqual(['measurement.add'])
      expect(appended('measurements.remove', () => measurements.remove(m.result.id)).actions).toEqual(['measurement.trash'])
      expect(appended('measurements.restore', () => measurements.restore(m.result.id)).actions).toEqual(['measurement.untrash'])
      expect(appended('profiles.save', () => profiles.save(profile('P'))).actions).toEqual(['profile.save'])
      expect(appended('approveVersion', () => approveVersion(library, { designId: id, version: 2, meaning: 'reviewed' })).actions).toEqual(['design.approve'])

      // Writes that change nothing append nothing (idempotent calls leave no false record).
      expect(appended('addTag', () => { library.addTag(id, 'x'); return library.addTag(id, 'x') }).actions).toEqual(['design.tag-add'])
      expect(appended('restoreFromTrash', () => library.restoreFromTrash(id)).actions).toEqual([])

      // Import: one entry per design imported, anchoring the versions it added.
      const other = open(join(dir, 'other.db'))
      const o1 = other.saveDesign(loadExample('t1d-tolerogenic-plga.nanoforge.json')).designId
      other.saveDesign(loadExample('t1d-tolerogenic-plga.nanoforge.json'), { designId: o1, note: 'again' })
      const o2 = other.saveDesign(loadExample('ra-folate-peg-liposome.nanoforge.json')).designId
      const bundle = JSON.stringify(exportBundle(other, [o1, o2]))
      other.close()
      const imported = appended('importBundle', () => importBundle(library, bundle, { backup: false }))
      expect(imported.actions).toEqual(['design.import', 'design.import'])
      const importRows = rowsOf(db()).filter((r) => r.action === 'design.import')
      expect(importRows.map((r) => r.design_id).sort()).toEqual([o1, o2].sort())
      const o1Detail = JSON.parse(importRows.find((r) => r.design_id === o1)!.detail) as { versionsAdded: Array<{ version: number }> }
      expect(o1Detail.versionsAdded.map((v) => v.version)).toEqual([1, 2])
      // The same bundle again changes nothing and appends nothing.
      expect(appended('importBundle', () => importBundle(library, bundle, { backup: false })).actions).toEqual([])

      // Every record write was exercised above (restoreBackup has its own test below).
      for (const w of RECORD_WRITES.filter((w) => w !== 'restoreBackup')) expect(seen).toContain(w)

      // Who, and the chain, recomputed independently.
      const rows = rowsOf(db())
      const me = userInfo().username
      expect(new Set(rows.map((r) => r.os_user))).toEqual(new Set([me]))
      rows.forEach((r, i) => {
        expect(r.seq).toBe(i + 1)
        expect(r.prev_hash).toBe(i === 0 ? '0'.repeat(64) : rows[i - 1]!.hash)
        expect(documentedHash(r)).toBe(r.hash)
        expect(AUDIT_ACTIONS as ReadonlyArray<string>).toContain(r.action)
        expect(Number.isNaN(Date.parse(r.at))).toBe(false)
      })
      // A save's entry anchors the stored text of its version by SHA-256.
      const save = rows.find((r) => r.action === 'design.create')!
      const stored = db().prepare('SELECT document, document_hash FROM design_versions WHERE design_id = ? AND version = 1').get(id) as { document: string; document_hash: string }
      const detail = JSON.parse(save.detail) as { textSha256: string; documentHash: string; note: string }
      expect(detail.textSha256).toBe(createHash('sha256').update(stored.document, 'utf8').digest('hex'))
      expect(detail.documentHash).toBe(stored.document_hash)
      expect(detail.note).toBe('first')
      expect(verifyAuditTrail(db()).intact).toBe(true)
    } finally {
      library.close()
    }
  })

  it('commits the change and its entry together: a failing entry leaves the change unwritten, a refused write leaves no entry', () => {
    const library = open(join(dir, 'lib.db'))
    try {
      const db = library.connection
      const id = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
      const entries = count(db)
      // An entry that cannot be written (here refused by a trigger) must take its change with it.
      db.exec("CREATE TEMP TRIGGER refuse_entries BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'no entries'); END")
      expect(() => library.addTag(id, 'lost')).toThrow(/no entries/)
      expect(() => library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json'), { designId: id })).toThrow(/no entries/)
      expect(() => library.setNote(id, 'lost')).toThrow(/no entries/)
      db.exec('DROP TRIGGER temp.refuse_entries')
      expect(library.designMeta(id)!.tags).toEqual([])
      expect(library.designMeta(id)!.note).toBe('')
      expect(library.history(id)!.length).toBe(1)
      // Refused writes: nothing changed, nothing logged.
      expect(() => library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json'), { designId: 'no-such-design' })).toThrow(DesignNotFoundError)
      expect(() => library.addTag(id, '')).toThrow(InvalidInputError)
      expect(count(db)).toBe(entries)
    } finally {
      library.close()
    }
  })

  it('refuses UPDATE and DELETE of entries and approvals through SQLite', () => {
    const library = open(join(dir, 'lib.db'))
    try {
      const db = library.connection
      const id = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
      approveVersion(library, { designId: id, version: 1, meaning: 'reviewed' })
      expect(() => db.prepare("UPDATE audit_log SET os_user = 'x'").run()).toThrow(/append-only/)
      expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/)
      expect(() => db.prepare("UPDATE approvals SET meaning = 'approved for synthesis'").run()).toThrow(/cannot be changed/)
      expect(() => db.prepare('DELETE FROM approvals').run()).toThrow(/cannot be deleted/)
    } finally {
      library.close()
    }
  })

  it('restoring a backup puts the backup\'s trail back and records the restore in it; the chain stays intact', () => {
    const path = join(dir, 'lib.db')
    const library = open(path)
    try {
      const id = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
      const backup = library.backup('manual')
      const atBackup = rowsOf(library.connection)
      library.addTag(id, 'after the backup')
      const replacedHead = rowsOf(library.connection).at(-1)!
      const restored = library.restoreBackup(backup.backupId)
      const rows = rowsOf(library.connection)
      expect(rows.slice(0, atBackup.length)).toEqual(atBackup)
      expect(rows.length).toBe(atBackup.length + 1)
      const last = rows.at(-1)!
      expect(last.action).toBe('library.restore')
      expect(JSON.parse(last.detail)).toEqual({
        backupId: backup.backupId, safetyBackupId: restored.safetyBackupId,
        replacedTrailHead: { seq: replacedHead.seq, hash: replacedHead.hash, at: replacedHead.at },
      })
      expect(verifyAuditTrail(library.connection).intact).toBe(true)
      // The append-only triggers are back after the restore.
      expect(() => library.connection.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/)
    } finally {
      library.close()
    }
  })
})

describe('audit trail: restore onto a damaged library', () => {
  it('the file is replaced by the backup, whose trail continues with the restore (no head of the unreadable trail)', () => {
    const path = join(dir, 'lib.db')
    const library = open(path)
    library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json'))
    const backup = library.backup('manual')
    const atBackup = rowsOf(library.connection)
    library.close()
    const bytes = readFileSync(path)
    bytes.fill(0x5a, 4096 * 2, bytes.length)
    writeFileSync(path, bytes)
    const damaged = open(path)
    try {
      expect(damaged.readOnly).toBe(true)
      const restored = damaged.restoreBackup(backup.backupId)
      const rows = rowsOf(damaged.connection)
      expect(rows.slice(0, -1)).toEqual(atBackup)
      expect(rows.at(-1)!.action).toBe('library.restore')
      expect(JSON.parse(rows.at(-1)!.detail)).toEqual({ backupId: backup.backupId, safetyBackupId: restored.safetyBackupId, replacedTrailHead: null })
      expect(verifyAuditTrail(damaged.connection).intact).toBe(true)
    } finally {
      damaged.close()
    }
  })
})

describe('approvals', () => {
  it('signs a version with the OS user, the given name, the meaning, the time and the version\'s content hash, linked to its entry', () => {
    const library = open(join(dir, 'lib.db'))
    try {
      const id = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
      library.saveDesign({ ...loadExample('lupus-rbc-silica.nanoforge.json'), notes: 'v2' }, { designId: id })
      const at = new Date('2026-12-06T12:00:00.000Z')
      const a = approveVersion(library, { designId: id, version: 2, meaning: 'approved for synthesis', signerName: '  Dr. Ada Lovelace ' }, at)
      const b = approveVersion(library, { designId: id, version: 1, meaning: 'reviewed' })
      expect(a).toMatchObject({ designId: id, version: 2, meaning: 'approved for synthesis', signerUser: userInfo().username, signerName: 'Dr. Ada Lovelace', at: at.toISOString() })
      expect(a.documentHash).toBe(library.getDesign(id, 2)!.documentHash)
      expect(b.signerName).toBe(userInfo().username)
      const entry = rowsOf(library.connection).find((r) => r.seq === a.auditSeq)!
      expect(entry).toMatchObject({ action: 'design.approve', design_id: id, version: 2, at: at.toISOString(), os_user: userInfo().username })
      expect(listApprovals(library.connection, id, 2)).toEqual([a])
      expect(listApprovals(library.connection, id).map((x) => x.version)).toEqual([2, 1])
      expect(APPROVAL_MEANINGS).toEqual(['reviewed', 'approved for synthesis'])
    } finally {
      library.close()
    }
  })

  it('refuses an unknown meaning, version or design, and a bad name, writing nothing', () => {
    const library = open(join(dir, 'lib.db'))
    try {
      const id = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
      const before = count(library.connection)
      const issues = (f: () => unknown): unknown => {
        try {
          f()
        } catch (error) {
          return error instanceof InvalidInputError ? error.issues.map((i) => i.path) : error
        }
        return 'no error'
      }
      expect(issues(() => approveVersion(library, { designId: id, version: 1, meaning: 'approved' }))).toEqual(['meaning'])
      expect(issues(() => approveVersion(library, { designId: id, version: 1, meaning: 'reviewed', signerName: 'A\u202eB' }))).toEqual(['name'])
      expect(issues(() => approveVersion(library, { designId: id, version: 1, meaning: 'reviewed', signerName: '   ' }))).toEqual(['name'])
      expect(() => approveVersion(library, { designId: id, version: 7, meaning: 'reviewed' })).toThrow(/has no version 7 \(latest is 1\)/)
      expect(() => approveVersion(library, { designId: 'nope', version: 1, meaning: 'reviewed' })).toThrow(DesignNotFoundError)
      expect(count(library.connection)).toBe(before)
      expect((library.connection.prepare('SELECT count(*) AS n FROM approvals').get() as { n: number }).n).toBe(0)
    } finally {
      library.close()
    }
  })
})

describe('db verify: tampering in the file is found at the right entry', () => {
  /** A library with two designs, a few changes and an approval; returns its path, ids and trail. */
  function build(): { path: string; id: string; rows: Row[] } {
    const path = join(dir, 'lib.db')
    const library = open(path)
    const id = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json'), { note: 'first' }).designId
    library.saveDesign({ ...loadExample('lupus-rbc-silica.nanoforge.json'), notes: 'second' }, { designId: id })
    library.addTag(id, 'lead')
    library.saveDesign(loadExample('t1d-tolerogenic-plga.nanoforge.json'))
    approveVersion(library, { designId: id, version: 2, meaning: 'reviewed' })
    library.setNote(id, 'done')
    const rows = rowsOf(library.connection)
    library.close()
    expect(verifyFile(path)).toMatchObject({ intact: true, entries: rows.length, firstBroken: null, head: { seq: rows.length, hash: rows.at(-1)!.hash } })
    return { path, id, rows }
  }
  const seqOf = (rows: Row[], action: string, version?: number): number =>
    rows.find((r) => r.action === action && (version === undefined || r.version === version))!.seq

  it('an edited entry: hash mismatch at that entry', () => {
    const { path, rows } = build()
    const seq = seqOf(rows, 'design.tag-add')
    tamper(path, `UPDATE audit_log SET detail = '{"tag":"innocent"}' WHERE seq = ${seq}`)
    expect(verifyFile(path).firstBroken).toMatchObject({ seq, kind: 'hash-mismatch' })
  })

  it('an edited entry whose own hash was recomputed: the next entry\'s prev_hash no longer links', () => {
    const { path, rows } = build()
    const target = rows.find((r) => r.action === 'design.tag-add')!
    const forged = { ...target, os_user: 'someone-else' }
    tamper(path, `UPDATE audit_log SET os_user = 'someone-else', hash = '${documentedHash(forged)}' WHERE seq = ${target.seq}`)
    expect(verifyFile(path).firstBroken).toMatchObject({ seq: target.seq + 1, kind: 'prev-hash-mismatch' })
  })

  it('a deleted entry: the gap at its seq; a deleted last entry: the version it recorded has no entry', () => {
    const { path, rows } = build()
    const middle = seqOf(rows, 'design.tag-add')
    const copy = join(dir, 'copy.db')
    copyFileSync(path, copy)
    tamper(path, `DELETE FROM audit_log WHERE seq = ${middle}`)
    expect(verifyFile(path).firstBroken).toMatchObject({ seq: middle, kind: 'gap' })
    // Truncating the tail leaves a consistent shorter chain; the version saved by the removed entry betrays it.
    const library = open(copy)
    const saved = library.saveDesign(loadExample('ra-folate-peg-liposome.nanoforge.json'))
    const last = rowsOf(library.connection).at(-1)!
    library.close()
    tamper(copy, `DELETE FROM audit_log WHERE seq = ${last.seq}`)
    expect(verifyFile(copy).firstBroken).toMatchObject({ kind: 'version-unlogged', designId: saved.designId, version: 1 })
  })

  it('an edited design version (document, or document_hash): named at the entry that saved it', () => {
    const { path, id, rows } = build()
    tamper(path, `UPDATE design_versions SET document = json_set(document, '$.core.diameterNm', 999) WHERE design_id = '${id}' AND version = 1`)
    expect(verifyFile(path).firstBroken).toMatchObject({ seq: seqOf(rows, 'design.create'), kind: 'version-changed', designId: id, version: 1 })
    const second = join(dir, 'second.db')
    // Only the hash column of another version: also found, at that version's save.
    const fresh = build2(second)
    tamper(second, `UPDATE design_versions SET document_hash = '${'a'.repeat(64)}' WHERE design_id = '${fresh.id}' AND version = 2`)
    const found = verifyFile(second)
    expect(found.firstBroken).toMatchObject({ seq: fresh.saveSeq, kind: 'version-changed', version: 2 })
    // The approval of version 2 signed the old hash: reported too.
    expect(found.problems.map((p) => p.kind)).toContain('approval-content')
  })

  it('an edited or deleted approval: named at the entry that recorded it', () => {
    const { path, rows } = build()
    const seq = seqOf(rows, 'design.approve')
    const copy = join(dir, 'copy.db')
    copyFileSync(path, copy)
    tamper(path, "UPDATE approvals SET meaning = 'approved for synthesis'")
    expect(verifyFile(path).firstBroken).toMatchObject({ seq, kind: 'approval-mismatch' })
    tamper(copy, 'DELETE FROM approvals')
    expect(verifyFile(copy).firstBroken).toMatchObject({ seq, kind: 'approval-missing' })
  })

  /** A second library like build()'s, at another path; returns the design and the seq of its version-2 save. */
  function build2(path: string): { id: string; saveSeq: number } {
    const library = open(path)
    const id = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
    library.saveDesign({ ...loadExample('lupus-rbc-silica.nanoforge.json'), notes: 'second' }, { designId: id })
    approveVersion(library, { designId: id, version: 2, meaning: 'approved for synthesis' })
    const saveSeq = seqOf(rowsOf(library.connection), 'design.save', 2)
    library.close()
    return { id, saveSeq }
  }
})

describe('schema v5 upgrade and fixture', () => {
  it('upgrades library-v4.db with a genesis entry that says history before it is not known and anchors the existing versions', () => {
    const path = join(dir, 'v4.db')
    copyFileSync(join(FIXTURES, 'library-v4.db'), path)
    const before = new Database(path, { readonly: true })
    const versions = before.prepare('SELECT design_id, version, document FROM design_versions').all() as Array<{ design_id: string; version: number; document: string }>
    before.close()
    const library = open(path)
    try {
      const rows = rowsOf(library.connection)
      expect(rows.map((r) => r.action)).toEqual(['library.genesis'])
      const genesis = JSON.parse(rows[0]!.detail) as Record<string, unknown>
      expect(genesis).toMatchObject({ schemaVersionBefore: 4, schemaVersion: 5, designs: 3, versions: 6, measurements: 1, calibrationProfiles: 1 })
      expect(String(genesis.note)).toMatch(/not logged and cannot be reconstructed/)
      // The digest recomputed here from the rows as the documentation states it.
      const triples = versions
        .map((v) => [v.design_id, v.version, createHash('sha256').update(v.document, 'utf8').digest('hex')] as const)
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]))
      expect(genesis.versionsDigest).toBe(createHash('sha256').update(JSON.stringify(triples), 'utf8').digest('hex'))
      expect(verifyAuditTrail(library.connection).intact).toBe(true)
    } finally {
      library.close()
    }
    // A version older than the trail edited afterwards: found at the genesis entry.
    tamper(path, "UPDATE design_versions SET document = json_set(document, '$.notes', 'edited') WHERE version = 1 AND design_id = '00000000-0000-4000-8000-000000000002'")
    expect(verifyFile(path).firstBroken).toMatchObject({ seq: 1, kind: 'genesis-digest' })
  })

  it('library-v5.db verifies intact and reads back its approval and trail', () => {
    const path = join(dir, 'v5.db')
    copyFileSync(join(FIXTURES, 'library-v5.db'), path)
    expect(verifyFile(path)).toMatchObject({ intact: true, entries: 3 })
    const library = open(path)
    try {
      const id = '00000000-0000-4000-8000-000000000001'
      expect(designTrail(library.connection, id).map((e) => e.action)).toEqual(['design.approve'])
      const [approval] = listApprovals(library.connection, id)
      expect(approval).toMatchObject({ version: 2, meaning: 'reviewed', signerName: 'Ada Reviewer', documentHash: library.getDesign(id, 2)!.documentHash })
      // The upgraded-and-reopened file keeps appending to the same chain.
      library.addTag(id, 'more')
      expect(verifyAuditTrail(library.connection)).toMatchObject({ intact: true, entries: 4 })
    } finally {
      library.close()
    }
  })
})
