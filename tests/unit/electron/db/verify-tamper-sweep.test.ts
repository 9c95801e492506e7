/**
 * "Tampering with any audit row or version in the SQLite file is detected by db verify"
 * (issue #16, proof), swept rather than sampled: on a library with saves, a rename, a
 * duplicate, a restore, a tag, a note, a project limit, an approval and a bundle import, every
 * column of every audit entry, every recorded column of every design version (document, hash,
 * note, time, engine version and the list columns copied from the document), the removal of
 * every version and every column of the approval are changed one at a time in a copy of the
 * file with NanoForge's immutability triggers dropped (what a person with the file and an
 * SQLite shell can do). Each must make `verifyAuditTrail` report the library broken, at the
 * entry that recorded what was changed where one can be named.
 *
 * Not covered, by design: the metrics cache of a version (`summary`, hydrodynamic diameter,
 * recomputed by the engine) and the chain rewritten whole and consistently (detected only
 * against a head hash kept outside the file: docs/security.md §6).
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDesignLibrary } from '../../../../electron/db/library'
import { approveVersion } from '../../../../electron/db/approvals'
import { exportBundle, importBundle } from '../../../../electron/db/bundle'
import { setSpecLimit } from '../../../../electron/db/specs'
import { verifyAuditTrail } from '../../../../electron/db/audit'
import { loadExample, makeTempDir } from '../helpers'

const TRIGGERS = ['audit_log_immutable_update', 'audit_log_immutable_delete', 'approvals_immutable_update', 'approvals_immutable_delete',
  'design_versions_immutable_update', 'design_versions_immutable_delete']

let tmp: { dir: string; cleanup: () => void }
/** The library file's bytes, intact. */
let image: Buffer

interface EntryRow { seq: number; action: string; design_id: string | null; version: number | null }
interface VersionRow { design_id: string; version: number }

/** Runs `sql` on an in-memory copy of the intact file (triggers dropped) and verifies it. */
function tampered(sql: string, ...params: unknown[]): ReturnType<typeof verifyAuditTrail> & { changes: number } {
  const db = new Database(image)
  try {
    db.pragma('foreign_keys = OFF')
    for (const t of TRIGGERS) db.exec(`DROP TRIGGER IF EXISTS ${t}`)
    const changes = db.prepare(sql).run(...params).changes
    return { ...verifyAuditTrail(db), changes }
  } finally {
    db.close()
  }
}

/** A value of the same SQLite type as `v` that differs from it. */
function other(v: unknown, column: string): unknown {
  if (typeof v === 'number') return v + 1
  if (v === null) return column === 'version' ? 99 : 'x'
  const text = String(v)
  if (column === 'detail' || column === 'document' || column === 'summary') return JSON.stringify({ ...JSON.parse(text), tampered: true })
  if (/hash$/.test(column)) return text.replace(/^./, (c) => (c === '0' ? '1' : '0'))
  return `${text}x`
}

let entries: EntryRow[]
let versions: VersionRow[]

beforeAll(() => {
  tmp = makeTempDir('nanoforge-tamper-sweep-')
  const path = join(tmp.dir, 'lab.db')
  const library = openDesignLibrary({ path, dailyBackup: false, deferredMetrics: false })
  const silica = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json'), { note: 'first' }).designId
  library.saveDesign({ ...loadExample('lupus-rbc-silica.nanoforge.json'), notes: 'second' }, { designId: silica, note: 'why: a thinner membrane' })
  library.renameDesign(silica, 'RBC silica, renamed')
  library.restoreVersion(silica, 1)
  library.duplicateDesign(silica, { version: 2 })
  library.addTag(silica, 'lead')
  library.setNote(silica, 'reviewed Friday')
  const project = library.createProject('Lupus leads')
  library.moveToProject([silica], project.projectId)
  setSpecLimit(library, project.projectId, { attribute: 'pdi', min: null, max: 0.2, note: 'monodisperse' })
  approveVersion(library, { designId: silica, version: 2, meaning: 'approved for synthesis', signerName: 'Dr. Ada Lovelace' })
  // A design from another library, brought in by a bundle (its entry lists the versions it added).
  const otherPath = join(tmp.dir, 'other.db')
  const source = openDesignLibrary({ path: otherPath, dailyBackup: false, deferredMetrics: false })
  const plga = source.saveDesign(loadExample('t1d-tolerogenic-plga.nanoforge.json'), { note: 'from the other lab' }).designId
  source.saveDesign({ ...loadExample('t1d-tolerogenic-plga.nanoforge.json'), notes: 'v2' }, { designId: plga })
  const bundle = JSON.stringify(exportBundle(source, [plga]))
  source.close()
  importBundle(library, bundle)
  library.close()
  const db = new Database(path, { readonly: true })
  image = db.serialize()
  // The file is in WAL mode (header bytes 18-19 = 2), which an in-memory copy cannot open: mark
  // it rollback-journal (1), as the library's own in-memory read of a read-only file does.
  if (image[18] === 2) image[18] = 1
  if (image[19] === 2) image[19] = 1
  entries = db.prepare('SELECT seq, action, design_id, version FROM audit_log ORDER BY seq').all() as EntryRow[]
  versions = db.prepare('SELECT design_id, version FROM design_versions ORDER BY design_id, version').all() as VersionRow[]
  db.close()
}, 60_000)

afterAll(() => tmp?.cleanup())

describe('db verify finds every single tampering', () => {
  it('the intact library verifies, with every kind of entry the sweep needs', () => {
    const db = new Database(image)
    expect(verifyAuditTrail(db)).toMatchObject({ intact: true, firstBroken: null })
    db.close()
    const actions = new Set(entries.map((e) => e.action))
    for (const a of ['design.create', 'design.save', 'design.rename', 'design.restore-version', 'design.duplicate', 'design.tag-add', 'design.note', 'project.spec-set', 'design.approve', 'design.import']) {
      expect(actions, a).toContain(a)
    }
    expect(versions.length).toBeGreaterThanOrEqual(7)
  })

  it('any column of any audit entry changed: broken at that entry', () => {
    const columns = ['at', 'os_user', 'action', 'entity_kind', 'entity_id', 'design_id', 'version', 'detail', 'prev_hash', 'hash']
    const db = new Database(image, { readonly: true })
    const missed: string[] = []
    for (const e of entries) {
      const row = db.prepare('SELECT * FROM audit_log WHERE seq = ?').get(e.seq) as Record<string, unknown>
      for (const column of columns) {
        const r = tampered(`UPDATE audit_log SET ${column} = ? WHERE seq = ?`, other(row[column], column), e.seq)
        expect(r.changes).toBe(1)
        if (r.intact || r.firstBroken?.seq !== e.seq) missed.push(`entry ${e.seq} (${e.action}).${column}: ${r.intact ? 'intact' : `${r.firstBroken?.kind} at ${r.firstBroken?.seq}`}`)
      }
      // Removed: a gap at its seq, or (the last entry) the change it recorded is unlogged or missing.
      const removed = tampered('DELETE FROM audit_log WHERE seq = ?', e.seq)
      if (removed.intact) missed.push(`entry ${e.seq} (${e.action}) removed: intact`)
    }
    db.close()
    expect(missed).toEqual([])
  })

  it('any recorded column of any design version changed, or the version removed: broken at the entry that saved it', () => {
    const columns = ['created_at', 'note', 'document', 'document_hash', 'engine_version', 'name', 'core_material', 'core_diameter_nm', 'disease']
    const db = new Database(image, { readonly: true })
    const saves = new Map(entries.filter((e) => e.design_id !== null && e.version !== null && e.action.startsWith('design.') && ['design.create', 'design.save', 'design.rename', 'design.restore-version', 'design.duplicate'].includes(e.action))
      .map((e) => [`${e.design_id}/${e.version}`, e.seq]))
    const missed: string[] = []
    for (const v of versions) {
      const row = db.prepare('SELECT * FROM design_versions WHERE design_id = ? AND version = ?').get(v.design_id, v.version) as Record<string, unknown>
      const expectedSeq = saves.get(`${v.design_id}/${v.version}`) // undefined for the imported versions: their import entry
      for (const column of columns) {
        const r = tampered(`UPDATE design_versions SET ${column} = ? WHERE design_id = ? AND version = ?`, other(row[column], column), v.design_id, v.version)
        expect(r.changes).toBe(1)
        const imported = expectedSeq === undefined
        // An imported version's entry records its hashes only: its note, time and engine version are the bundle's.
        if (imported && ['created_at', 'note', 'engine_version'].includes(column)) continue
        if (r.intact || r.firstBroken?.kind !== 'version-changed' || (!imported && r.firstBroken.seq !== expectedSeq)) {
          missed.push(`${v.design_id} v${v.version}.${column}: ${r.intact ? 'intact' : `${r.firstBroken?.kind} at ${r.firstBroken?.seq}`}`)
        }
      }
      const removed = tampered('DELETE FROM design_versions WHERE design_id = ? AND version = ?', v.design_id, v.version)
      if (removed.intact || removed.firstBroken?.kind !== 'version-missing') missed.push(`${v.design_id} v${v.version} removed: ${removed.intact ? 'intact' : removed.firstBroken?.kind}`)
    }
    db.close()
    expect(missed).toEqual([])
  })

  it('any column of the approval changed, or the approval removed: broken at the entry that recorded it', () => {
    const seq = entries.find((e) => e.action === 'design.approve')!.seq
    const db = new Database(image, { readonly: true })
    const row = db.prepare('SELECT * FROM approvals').get() as Record<string, unknown>
    db.close()
    for (const column of ['design_id', 'version', 'meaning', 'signer_user', 'signer_name', 'at', 'document_hash']) {
      const r = tampered(`UPDATE approvals SET ${column} = ?`, other(row[column], column))
      expect(r.intact, column).toBe(false)
      expect(r.firstBroken?.seq, column).toBe(seq)
    }
    expect(tampered('DELETE FROM approvals').firstBroken).toMatchObject({ seq, kind: 'approval-missing' })
  })
})
