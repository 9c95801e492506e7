/**
 * The specification write channels (issue #16: limits edited in the app) through the one IPC
 * pipeline (dispatch + handlers) on a temporary library: `measurement:setSpec` stores a limit
 * and appends exactly the audit entry `nanoforge db specs set` appends (same store function:
 * action, entity, detail with the previous limit); `measurement:clearSpec` removes it
 * (`project.spec-clear`) and answers `cleared: false` with nothing written when none was set.
 * Bad input is `bad-request` naming the field (`spec.min`, `spec.max`, `spec.attribute`,
 * `projectId`) and writes neither a row nor an entry; an unknown project is `not-found`; a
 * read-only library answers `read-only` with its reason. The chain stays intact (`db verify`).
 */
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDesignLibrary, type DesignLibrary } from '../../../../electron/db/library'
import { verifyAuditTrail } from '../../../../electron/db/audit'
import { projectSpecs } from '../../../../electron/db/specs'
import { dispatch } from '../../../../electron/services/dispatch'
import { createHandlers } from '../../../../electron/services/handlers'
import type { Handlers } from '../../../../shared/ipc/contract'
import { loadExample, makeTempDir } from '../helpers'

let cleanup: () => void
let library: DesignLibrary
let handlers: Handlers
let designId: string
let projectId: string

beforeEach(() => {
  const temp = makeTempDir()
  cleanup = temp.cleanup
  library = openDesignLibrary({ path: join(temp.dir, 'lib.db'), deferredMetrics: false, dailyBackup: false })
  handlers = createHandlers(library, { host: 'web', appVersion: '9.9.9' })
  designId = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
  projectId = library.createProject('RA liposomes').projectId
  library.moveToProject([designId], projectId)
})
afterEach(() => {
  library.close()
  cleanup()
})

const specEntries = (): Array<{ action: string; entity_kind: string; entity_id: string; detail: string }> =>
  library.connection.prepare(`SELECT action, entity_kind, entity_id, detail FROM audit_log WHERE action LIKE 'project.spec-%' ORDER BY seq`).all() as Array<{ action: string; entity_kind: string; entity_id: string; detail: string }>

const auditCount = (): number => (library.connection.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n

describe('measurement:setSpec and measurement:clearSpec', () => {
  it('sets a limit, replaces it with the previous one logged, clears it, each an audit entry as the CLI writes it', async () => {
    const set = await dispatch(handlers, 'measurement:setSpec', { projectId, spec: { attribute: 'zAverageNm', min: 80, max: 150, note: ' EPR window ' } })
    expect(set).toMatchObject({ ok: true, value: { spec: { attribute: 'zAverageNm', min: 80, max: 150, note: 'EPR window' } } })
    // The design's CQA read channel now answers it (what the table reloads).
    expect(await dispatch(handlers, 'measurement:specs', { designId })).toMatchObject({ ok: true, value: { specs: [{ attribute: 'zAverageNm', min: 80, max: 150 }] } })

    expect(await dispatch(handlers, 'measurement:setSpec', { projectId, spec: { attribute: 'zAverageNm', min: null, max: 120, note: '' } })).toMatchObject({ ok: true })
    expect(await dispatch(handlers, 'measurement:clearSpec', { projectId, attribute: 'zAverageNm' })).toEqual({ ok: true, value: { cleared: true } })
    const entries = specEntries()
    expect(entries.map((e) => [e.action, e.entity_kind, e.entity_id])).toEqual([
      ['project.spec-set', 'project', projectId], ['project.spec-set', 'project', projectId], ['project.spec-clear', 'project', projectId],
    ])
    expect(JSON.parse(entries[0]!.detail)).toEqual({ attribute: 'zAverageNm', min: 80, max: 150, note: 'EPR window', previous: null })
    expect(JSON.parse(entries[1]!.detail)).toEqual({ attribute: 'zAverageNm', min: null, max: 120, note: '', previous: { min: 80, max: 150, note: 'EPR window' } })
    expect(JSON.parse(entries[2]!.detail)).toEqual({ attribute: 'zAverageNm', previous: { min: null, max: 120, note: '' } })
    expect(projectSpecs(library, projectId).specs).toEqual([])
    expect(verifyAuditTrail(library.connection).intact).toBe(true)

    // Clearing again: nothing to clear, nothing written.
    const n = auditCount()
    expect(await dispatch(handlers, 'measurement:clearSpec', { projectId, attribute: 'zAverageNm' })).toEqual({ ok: true, value: { cleared: false } })
    expect(auditCount()).toBe(n)
  })

  it('refuses bad limits at their field and writes nothing', async () => {
    const n = auditCount()
    const cases: Array<[unknown, string[]]> = [
      // PDI is 0 to 1 (the registry's bound).
      [{ projectId, spec: { attribute: 'pdi', min: null, max: 1.5, note: '' } }, ['spec.max']],
      // min above max.
      [{ projectId, spec: { attribute: 'encapsulationEfficiencyPct', min: 90, max: 80, note: '' } }, ['spec.max']],
      // No side at all.
      [{ projectId, spec: { attribute: 'zetaMv', min: null, max: null, note: '' } }, ['spec.min']],
      // A size of 0 nm (the registry's exclusive lower bound); a limit that is text.
      [{ projectId, spec: { attribute: 'zAverageNm', min: 0, max: 150, note: '' } }, ['spec.min']],
      [{ projectId, spec: { attribute: 'zAverageNm', min: 80, max: '150', note: '' } }, ['spec.max']],
      // Not an attribute of the registry.
      [{ projectId, spec: { attribute: 'colour', min: 1, max: 2, note: '' } }, ['spec.attribute']],
      // A control character in the note.
      [{ projectId, spec: { attribute: 'pdi', min: null, max: 0.2, note: 'ok\u001b[31m' } }, ['spec.note']],
      // A path-like project id.
      [{ projectId: '../x', spec: { attribute: 'pdi', min: null, max: 0.2, note: '' } }, ['projectId']],
      [{ projectId, attribute: 'pdi' }, ['spec', '(root)']], // the clear request sent to the set channel: spec missing, attribute unknown
    ]
    for (const [request, paths] of cases) {
      const res = await dispatch(handlers, 'measurement:setSpec', request)
      expect(res, JSON.stringify(request)).toMatchObject({ ok: false, code: 'bad-request' })
      expect(!res.ok && [...new Set(res.issues?.map((i) => i.path))].sort()).toEqual([...paths].sort())
    }
    const clear = await dispatch(handlers, 'measurement:clearSpec', { projectId, attribute: 'size' })
    expect(!clear.ok && clear.issues?.map((i) => i.path)).toEqual(['attribute'])
    expect(auditCount()).toBe(n)
    expect(projectSpecs(library, projectId).specs).toEqual([])
  })

  it('answers not-found for a project that is not in the library, and writes nothing', async () => {
    const n = auditCount()
    const other = '00000000-0000-4000-8000-00000000abcd'
    expect(await dispatch(handlers, 'measurement:setSpec', { projectId: other, spec: { attribute: 'pdi', min: null, max: 0.2, note: '' } }))
      .toMatchObject({ ok: false, code: 'not-found', message: expect.stringContaining(other) })
    expect(await dispatch(handlers, 'measurement:clearSpec', { projectId: other, attribute: 'pdi' }))
      .toMatchObject({ ok: false, code: 'not-found', message: expect.stringContaining(other) })
    expect(auditCount()).toBe(n)
  })

  it('refuses both writes in a read-only library with its reason', async () => {
    await dispatch(handlers, 'measurement:setSpec', { projectId, spec: { attribute: 'pdi', min: null, max: 0.2, note: '' } })
    const path = library.path
    library.close()
    library = openDesignLibrary({ path, readonly: true, deferredMetrics: false, dailyBackup: false })
    handlers = createHandlers(library, { host: 'web', appVersion: '9.9.9' })
    const set = await dispatch(handlers, 'measurement:setSpec', { projectId, spec: { attribute: 'pdi', min: null, max: 0.3, note: '' } })
    expect(set).toMatchObject({ ok: false, code: 'read-only' })
    expect(!set.ok && set.message.length).toBeGreaterThan(5)
    expect(await dispatch(handlers, 'measurement:clearSpec', { projectId, attribute: 'pdi' })).toMatchObject({ ok: false, code: 'read-only' })
    expect(projectSpecs(library, projectId).specs).toMatchObject([{ attribute: 'pdi', max: 0.2 }])
  })
})
