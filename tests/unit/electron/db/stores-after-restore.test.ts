/**
 * Issue 11 item 11: "stores per concern that always use the current connection". A restore
 * either replaces every row on the live connection (healthy library) or renames the backup
 * over a damaged file and reopens it (a new connection). After either, every store of the
 * library and every sibling store made before the restore must work on the restored file:
 * holding the first connection used to answer "The database connection is not open".
 */
import Database from 'better-sqlite3'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDesignLibrary, type DesignLibrary } from '../../../../electron/db/library'
import { createMeasurementStore } from '../../../../electron/db/measurements'
import { createProfileStore } from '../../../../electron/db/profiles'
import { projectSpecs, setSpecLimit } from '../../../../electron/db/specs'
import { approveVersion, listApprovals } from '../../../../electron/db/approvals'
import { verifyAuditTrail } from '../../../../electron/db/audit'
import { ENGINE_VERSION } from '../../../../shared/engine/version'
import { loadExample, makeTempDir } from '../helpers'

let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = makeTempDir()))
afterEach(() => cleanup())

const open = (path: string): DesignLibrary => openDesignLibrary({ path, deferredMetrics: false, dailyBackup: false })

const release = { timesH: [0, 1, 2, 4], replicates: [[0, 10, 20, 35]], timeUnitOriginal: 'h', sourceName: 'batch.csv' }

function integrity(path: string): string {
  const db = new Database(path, { readonly: true })
  try {
    return String(db.pragma('integrity_check', { simple: true }))
  } finally {
    db.close()
  }
}

describe.each([
  { kind: 'healthy library (rows replaced on the live connection)', damage: false },
  { kind: 'damaged library (file swapped, connection reopened)', damage: true },
])('after restoring a backup onto a $kind', ({ damage }) => {
  it('every store of the library and every sibling store made before the restore works on the restored file', () => {
    const path = join(dir, 'lib.db')
    const first = open(path)
    const a = first.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
    const projectP = first.createProject('Project P').projectId
    first.moveToProject([a], projectP)
    first.addTag(a, 'kept-tag')
    first.setNote(a, 'kept note')
    createMeasurementStore(first).add({ designId: a, version: 1, kind: 'release', label: 'in the backup', data: release })
    const backup = first.backup('manual')
    // Written after the backup: the restore must take it away.
    const lost = first.saveDesign(loadExample('ra-folate-peg-liposome.nanoforge.json')).designId
    first.close()

    if (damage) {
      const bytes = readFileSync(path)
      bytes.fill(0x5a, 4096 * 2, bytes.length)
      writeFileSync(path, bytes)
    }
    const library = open(path)
    try {
      expect(library.readOnly).toBe(damage)
      // Sibling stores made before the restore, as the main process and the web host make them.
      const measurements = createMeasurementStore(library)
      const profiles = createProfileStore(library)
      const connectionBefore = library.connection

      library.restoreBackup(backup.backupId)
      expect(library.readOnly).toBe(false)
      if (damage) {
        // The damaged file's connection is closed and replaced, not kept by anyone.
        expect(connectionBefore.open).toBe(false)
        expect(library.connection).not.toBe(connectionBefore)
      } else {
        expect(library.connection).toBe(connectionBefore)
      }

      // Designs and versions.
      expect(library.getDesign(lost)).toBeUndefined()
      expect(library.getDesign(a)?.design.name).toBe(loadExample('lupus-rbc-silica.nanoforge.json').name)
      expect(library.history(a)?.map((h) => h.version)).toEqual([1])
      expect(library.designMeta(a)).toMatchObject({ tags: ['kept-tag'], note: 'kept note', projectId: projectP, latestVersion: 1, deletedAt: null })
      expect(library.resolveDesignId(a.slice(0, 8))).toEqual({ ok: true, designId: a })
      const b = library.saveDesign(loadExample('t1d-tolerogenic-plga.nanoforge.json'))
      expect(b.version).toBe(1)
      expect(library.renameDesign(b.designId, 'Renamed after restore').version).toBe(2)
      expect(library.restoreVersion(b.designId, 1).version).toBe(3)
      const copy = library.duplicateDesign(a)
      expect(library.designMeta(copy.designId)?.projectId).toBe(projectP)

      // Listing and search.
      expect(library.listLibrary().total).toBe(3)
      expect(library.listDesigns({ query: 'Renamed' }).total).toBe(0) // version 3 restored the old name
      expect(library.listLibrary({ projectId: projectP }).items.map((i) => i.designId).sort()).toEqual([a, copy.designId].sort())

      // Trash.
      library.trashDesign(b.designId)
      expect(library.listTrash().items.map((i) => i.designId)).toEqual([b.designId])
      expect(library.listLibrary().total).toBe(2)
      library.restoreFromTrash(b.designId)
      expect(library.listTrash().total).toBe(0)

      // Projects.
      const projectQ = library.createProject('Project Q').projectId
      expect(library.moveToProject([b.designId], projectQ)).toBe(1)
      expect(library.listProjects().map((p) => [p.name, p.designCount])).toEqual([['Project P', 2], ['Project Q', 1]])

      // Tags and notes.
      expect(library.addTag(b.designId, 'new-tag')).toEqual(['new-tag'])
      expect(library.listTags()).toEqual([{ tag: 'kept-tag', count: 1 }, { tag: 'new-tag', count: 1 }])
      expect(library.removeTag(b.designId, 'new-tag')).toEqual([])
      expect(library.setNote(b.designId, 'written after restore').note).toBe('written after restore')

      // Metrics cache and its worker (deferred off: computed on request).
      expect(library.pendingMetricsCount()).toBe(3)
      expect(library.computePendingMetrics()).toBe(3)
      expect(library.pendingMetricsCount()).toBe(0)
      expect(library.versionMetrics(a)?.engineVersion).toBe(ENGINE_VERSION)
      expect(library.listLibrary({ sortBy: 'selectivityIndex' }).items.every((i) => i.metrics.engineVersion === ENGINE_VERSION)).toBe(true)

      // Backups.
      const after = library.backup('manual')
      expect(library.listBackups().map((f) => f.backupId)).toContain(after.backupId)
      expect(library.backupInventory().backups.map((f) => f.backupId)).toContain(backup.backupId)

      // Sibling stores: measurements and profiles made before the restore, specs and approvals.
      expect(measurements.list({ designId: a }).map((m) => m.label)).toEqual(['in the backup'])
      measurements.add({ designId: b.designId, version: 3, kind: 'release', label: 'after restore', data: release })
      expect(measurements.list({ designId: b.designId })).toHaveLength(1)
      expect(profiles.list()).toEqual([])
      setSpecLimit(library, projectP, { attribute: 'pdi', min: null, max: 0.2, note: 'after restore' })
      expect(projectSpecs(library, projectP).specs.map((s) => [s.attribute, s.max])).toEqual([['pdi', 0.2]])
      approveVersion(library, { designId: a, version: 1, meaning: 'reviewed', signerName: 'Test Signer' })
      expect(listApprovals(library.connection, a).map((x) => x.meaning)).toEqual(['reviewed'])
      expect(verifyAuditTrail(library.connection).intact).toBe(true)
    } finally {
      library.close()
    }
    expect(integrity(path)).toBe('ok')
    const reopened = open(path)
    try {
      expect(reopened.listLibrary().total).toBe(3)
      expect(createMeasurementStore(reopened).list({ designId: a })).toHaveLength(1)
    } finally {
      reopened.close()
    }
  })
})
