/**
 * Project specifications and quality measurements (schema v6, issue #16 "Critical quality
 * attributes"): the v6 step upgrades a v5 library keeping every row (measurement ids and data
 * byte for byte, the audit chain intact) and then accepts the `quality` kind; limits are
 * validated (each problem at its field, nothing written), every set and clear appends an audit
 * entry in the same transaction with the previous limit, the chain stays intact for
 * `db verify`, and a refused write leaves neither a row nor an entry.
 */
import Database from 'better-sqlite3'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDesignLibrary, type DesignLibrary } from '../../../../electron/db/library'
import { createMeasurementStore } from '../../../../electron/db/measurements'
import { verifyAuditTrail } from '../../../../electron/db/audit'
import { InvalidInputError } from '../../../../electron/db/errors'
import { clearSpecLimit, projectSpecs, resolveProject, setSpecLimit, specsForDesign } from '../../../../electron/db/specs'
import { dispatch } from '../../../../electron/services/dispatch'
import { createHandlers } from '../../../../electron/services/handlers'
import { REPO_ROOT, loadExample, makeTempDir } from '../helpers'

const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'db')
let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = makeTempDir()))
afterEach(() => cleanup())

const open = (path: string): DesignLibrary => openDesignLibrary({ path, deferredMetrics: false, dailyBackup: false })

describe('schema v6: upgrade of a v5 library', () => {
  it('keeps every measurement row as it was, the audit chain intact, and then takes quality readings', () => {
    const path = join(dir, 'v5.db')
    copyFileSync(join(FIXTURES, 'library-v5.db'), path)
    const raw = new Database(path, { readonly: true })
    const before = raw.prepare('SELECT * FROM measurements ORDER BY id').all()
    const auditBefore = raw.prepare('SELECT * FROM audit_log ORDER BY seq').all()
    raw.close()
    expect(before.length).toBeGreaterThan(0)

    const library = open(path)
    try {
      expect(library.schemaVersion).toBe(6)
      const db = library.connection
      expect(db.prepare('SELECT * FROM measurements ORDER BY id').all()).toEqual(before)
      // The migration itself writes no entry: the trail is the v5 one, unchanged, and intact.
      expect(db.prepare('SELECT * FROM audit_log ORDER BY seq').all()).toEqual(auditBefore)
      expect(verifyAuditTrail(db).intact).toBe(true)
      expect(String(db.pragma('foreign_key_check', { simple: true }) ?? 'none')).toBe('none')
      // The rebuilt table keeps its index and its foreign key to the version.
      expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'measurements' AND name NOT LIKE 'sqlite_%'").all()).toEqual([{ name: 'measurements_by_version' }])
      expect(() => db.prepare(`INSERT INTO measurements (id, design_id, version, kind, created_at, data) VALUES ('x', 'no-such-design', 1, 'quality', '2026-01-01', '{}')`).run())
        .toThrow(/FOREIGN KEY/)
      expect(() => db.prepare(`INSERT INTO measurements (id, design_id, version, kind, created_at, data) VALUES ('y', '00000000-0000-4000-8000-000000000001', 1, 'colour', '2026-01-01', '{}')`).run())
        .toThrow(/CHECK/)

      const store = createMeasurementStore(library)
      const added = store.add({
        designId: '00000000-0000-4000-8000-000000000001', version: 2, kind: 'quality', label: 'batch 7',
        data: { encapsulationEfficiencyPct: 82.5, endotoxinEuPerMl: 0.05, residualSolventPpm: 310, residualSolventName: 'ethanol' },
      })
      expect(store.get(added.id)).toMatchObject({ kind: 'quality', data: { encapsulationEfficiencyPct: 82.5, residualSolventName: 'ethanol' } })
      expect(verifyAuditTrail(db).intact).toBe(true)
      // The fixture's project survives with no limits yet.
      const project = resolveProject(library, 'autoimmune SCREEN')
      expect(projectSpecs(library, project.projectId).specs).toEqual([])
    } finally {
      library.close()
    }
  })

  it('library-v6.db holds the two limits its writer set, with their audit entries, and verifies intact', () => {
    const path = join(dir, 'v6.db')
    copyFileSync(join(FIXTURES, 'library-v6.db'), path)
    const library = open(path)
    try {
      const specs = specsForDesign(library, '00000000-0000-4000-8000-000000000001')!
      expect(specs.project.name).toBe('Autoimmune screen')
      expect(specs.specs.map((s) => [s.attribute, s.min, s.max])).toEqual([['zAverageNm', 150, 250], ['pdi', null, 0.2]])
      expect(specs.changes.map((c) => [c.action, c.attribute])).toEqual([['project.spec-set', 'zAverageNm'], ['project.spec-set', 'pdi']])
      expect(verifyAuditTrail(library.connection).intact).toBe(true)
      // Design 3 was never filed under a project: no specification.
      expect(specsForDesign(library, '00000000-0000-4000-8000-000000000003')).toBeNull()
    } finally {
      library.close()
    }
  })
})

describe('project specification limits', () => {
  const setUp = (): { library: DesignLibrary; projectId: string; designId: string } => {
    const library = open(join(dir, 'lib.db'))
    const designId = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
    const projectId = library.createProject('Lupus leads').projectId
    library.moveToProject([designId], projectId)
    return { library, projectId, designId }
  }

  it('records every set, change and clear in the audit trail with the previous limit, and the chain verifies', () => {
    const { library, projectId, designId } = setUp()
    try {
      const db = library.connection
      setSpecLimit(library, projectId, { attribute: 'zAverageNm', min: 80, max: 150, note: 'EPR window' }, new Date('2026-03-01T10:00:00Z'))
      setSpecLimit(library, projectId, { attribute: 'zAverageNm', min: 90, max: 140, note: 'tightened after batch 3' }, new Date('2026-03-02T10:00:00Z'))
      setSpecLimit(library, projectId, { attribute: 'zetaMv', min: -30, max: -5, note: '' })
      expect(clearSpecLimit(library, projectId, 'zetaMv')).toBe(true)
      expect(clearSpecLimit(library, projectId, 'zetaMv')).toBe(false) // nothing to clear: no entry

      const entries = db.prepare("SELECT action, entity_kind, entity_id, detail, at FROM audit_log WHERE action LIKE 'project.spec-%' ORDER BY seq").all() as Array<{ action: string; entity_kind: string; entity_id: string; detail: string; at: string }>
      expect(entries.map((e) => e.action)).toEqual(['project.spec-set', 'project.spec-set', 'project.spec-set', 'project.spec-clear'])
      expect(entries.every((e) => e.entity_kind === 'project' && e.entity_id === projectId)).toBe(true)
      expect(JSON.parse(entries[0]!.detail)).toEqual({ attribute: 'zAverageNm', min: 80, max: 150, note: 'EPR window', previous: null })
      expect(JSON.parse(entries[1]!.detail)).toEqual({ attribute: 'zAverageNm', min: 90, max: 140, note: 'tightened after batch 3', previous: { min: 80, max: 150, note: 'EPR window' } })
      expect(entries[1]!.at).toBe('2026-03-02T10:00:00.000Z')
      expect(JSON.parse(entries[3]!.detail)).toEqual({ attribute: 'zetaMv', previous: { min: -30, max: -5, note: '' } })

      const specs = specsForDesign(library, designId)!
      expect(specs.specs).toEqual([{ attribute: 'zAverageNm', min: 90, max: 140, note: 'tightened after batch 3', updatedAt: '2026-03-02T10:00:00.000Z' }])
      expect(specs.changes).toHaveLength(4)
      expect(verifyAuditTrail(db)).toMatchObject({ intact: true })
    } finally {
      library.close()
    }
  })

  it('refuses bad limits with the field and the reason, writing neither a row nor an entry', () => {
    const { library, projectId } = setUp()
    try {
      const db = library.connection
      const entries = (): number => (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n
      const rows = (): number => (db.prepare('SELECT count(*) AS n FROM project_specs').get() as { n: number }).n
      const n0 = entries()
      const refused = (input: unknown): Array<{ path: string; message: string }> => {
        try {
          setSpecLimit(library, projectId, input)
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidInputError)
          return [...(e as InvalidInputError).issues]
        }
        throw new Error('accepted')
      }
      expect(refused({ attribute: 'zAverageNm', min: null, max: null, note: '' })).toEqual([{ path: 'min', message: expect.stringMatching(/lower limit, an upper limit or both/) }])
      expect(refused({ attribute: 'zAverageNm', min: 200, max: 100, note: '' })).toEqual([{ path: 'max', message: expect.stringMatching(/100 is below the lower limit 200/) }])
      expect(refused({ attribute: 'pdi', min: null, max: 1.5, note: '' })[0]).toMatchObject({ path: 'max', message: expect.stringMatching(/Polydispersity index is from 0 to 1; 1.5 is not/) })
      expect(refused({ attribute: 'zAverageNm', min: 0, max: 100, note: '' })[0]).toMatchObject({ path: 'min', message: expect.stringMatching(/above 0 nm/) })
      expect(refused({ attribute: 'colour', min: 1, max: 2, note: '' })[0]).toMatchObject({ path: 'attribute' })
      expect(refused({ attribute: 'pdi', min: null, max: 0.2, note: 'bad\u0007bell' })[0]).toMatchObject({ path: 'note' })
      expect(refused({ attribute: 'pdi', min: null, max: 0.2, note: '', extra: 1 })[0]!.message).toMatch(/extra/)
      expect(entries()).toBe(n0)
      expect(rows()).toBe(0)
      // An unknown project: refused inside the transaction, still nothing written.
      expect(() => setSpecLimit(library, 'no-such-project', { attribute: 'pdi', min: null, max: 0.2, note: '' })).toThrow(/No project with id no-such-project/)
      expect(entries()).toBe(n0)
      expect(() => resolveProject(library, 'Nope')).toThrow(/No project named "Nope"; the projects are: "Lupus leads"/)
    } finally {
      library.close()
    }
  })

  it('a read-only library refuses to set a limit with its reason', () => {
    const path = join(dir, 'ro.db')
    const { library, projectId } = (() => {
      const l = open(path)
      const pid = l.createProject('P').projectId
      return { library: l, projectId: pid }
    })()
    library.close()
    const ro = openDesignLibrary({ path, readonly: true, deferredMetrics: false, dailyBackup: false })
    try {
      expect(() => setSpecLimit(ro, projectId, { attribute: 'pdi', min: null, max: 0.2, note: '' })).toThrow(/read-only/i)
    } finally {
      ro.close()
    }
  })
})

describe('quality measurements', () => {
  it('refuses an empty reading, values outside their ranges and a solvent name without its value, at their paths', () => {
    const library = open(join(dir, 'q.db'))
    try {
      const designId = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
      const store = createMeasurementStore(library)
      const issues = (data: unknown): Array<{ path: string; message: string }> => {
        try {
          store.add({ designId, version: 1, kind: 'quality', label: '', data })
        } catch (e) {
          return [...(e as { issues: Array<{ path: string; message: string }> }).issues]
        }
        throw new Error('accepted')
      }
      expect(issues({})[0]).toMatchObject({ path: 'data', message: expect.stringMatching(/at least one value/) })
      expect(issues({ encapsulationEfficiencyPct: 120 })[0]).toMatchObject({ path: 'data.encapsulationEfficiencyPct', message: expect.stringMatching(/from 0 % to 100 %; 120 is not/) })
      expect(issues({ endotoxinEuPerMl: -1 })[0]).toMatchObject({ path: 'data.endotoxinEuPerMl' })
      expect(issues({ drugLoadingPctWw: 5, residualSolventName: 'ethanol' })[0]).toMatchObject({ path: 'data.residualSolventName' })
      expect(issues({ drugLoadingPctWw: 5, colour: 'red' })[0]!.message).toMatch(/colour/)
      expect(store.list({ designId })).toEqual([])
    } finally {
      library.close()
    }
  })
})

describe('the measurement:specs channel', () => {
  it('answers the design\'s project limits and their last change, null for a design in no project, and refuses an unknown design', async () => {
    const library = open(join(dir, 'ipc.db'))
    try {
      const handlers = createHandlers(library, { host: 'web', appVersion: '0.0.0' })
      const designId = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
      expect(await dispatch(handlers, 'measurement:specs', { designId })).toEqual({ ok: true, value: { project: null, specs: [], lastChange: null } })
      const project = library.createProject('Lupus leads')
      library.moveToProject([designId], project.projectId)
      setSpecLimit(library, project.projectId, { attribute: 'pdi', min: null, max: 0.2, note: '' }, new Date('2026-04-01T08:00:00Z'))
      expect(await dispatch(handlers, 'measurement:specs', { designId })).toMatchObject({
        ok: true,
        value: { project: { projectId: project.projectId, name: 'Lupus leads' }, specs: [{ attribute: 'pdi', min: null, max: 0.2 }], lastChange: { at: '2026-04-01T08:00:00.000Z' } },
      })
      expect(await dispatch(handlers, 'measurement:specs', { designId: 'no-such-design' })).toMatchObject({ ok: false })
    } finally {
      library.close()
    }
  })
})
