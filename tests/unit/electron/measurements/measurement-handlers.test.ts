import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDesignLibrary, type DesignLibrary } from '../../../../electron/db/library'
import { dispatch } from '../../../../electron/services/dispatch'
import { createHandlers } from '../../../../electron/services/handlers'
import type { Handlers } from '../../../../shared/ipc/contract'
import { loadExample, makeTempDir } from '../helpers'

let cleanup: () => void
let path: string
let library: DesignLibrary
let handlers: Handlers
let designId: string

beforeEach(() => {
  const temp = makeTempDir()
  cleanup = temp.cleanup
  path = join(temp.dir, 'lib.db')
  library = openDesignLibrary({ path })
  handlers = createHandlers(library, { host: 'web', appVersion: '0.0.0' })
  designId = library.saveDesign(loadExample('ra-folate-peg-liposome.nanoforge.json')).designId
})
afterEach(() => {
  library.close()
  cleanup()
})

const profile = { timesH: [0, 0.5, 1, 2, 4, 8, 24], replicates: [[0, 8, 14, 22, 35, 52, 80]] }

describe('measurement channels through dispatch', () => {
  it('adds, lists, deletes and restores', async () => {
    const added = await dispatch(handlers, 'measurement:add', { designId, version: 1, kind: 'release', label: 'Batch 1', data: profile })
    expect(added.ok).toBe(true)
    const id = added.ok ? (added.value as { measurement: { id: string } }).measurement.id : ''
    expect(await dispatch(handlers, 'measurement:list', { designId, version: 1 })).toMatchObject({ ok: true, value: { items: [{ id, label: 'Batch 1', data: profile }] } })
    const deleted = await dispatch(handlers, 'measurement:delete', { id })
    expect(deleted).toMatchObject({ ok: true, value: { id } })
    expect(await dispatch(handlers, 'measurement:list', { designId })).toEqual({ ok: true, value: { items: [] } })
    expect(await dispatch(handlers, 'measurement:restore', { id })).toMatchObject({ ok: true, value: { measurement: { id, deletedAt: null } } })
    expect(await dispatch(handlers, 'measurement:list', { designId })).toMatchObject({ ok: true, value: { items: [{ id }] } })
  })

  it('answers bad-request with paths, not-found for a missing version, and read-only when the file is', async () => {
    const bad = await dispatch(handlers, 'measurement:add', { designId, version: 1, kind: 'zeta', label: '', data: { zetaMv: 'minus ten' } })
    expect(bad).toMatchObject({ ok: false, code: 'bad-request' })
    expect(!bad.ok && bad.issues?.map((i) => i.path)).toContain('data.zetaMv')
    const extra = await dispatch(handlers, 'measurement:add', { designId, version: 1, kind: 'zeta', label: '', data: { zetaMv: 1 }, sneaky: 1 })
    expect(extra).toMatchObject({ ok: false, code: 'bad-request' })
    expect(await dispatch(handlers, 'measurement:add', { designId, version: 7, kind: 'zeta', label: '', data: { zetaMv: 1 } }))
      .toMatchObject({ ok: false, code: 'not-found', message: `Design ${designId} has no version 7.` })
    expect(await dispatch(handlers, 'measurement:delete', { id: 'missing' })).toMatchObject({ ok: false, code: 'not-found' })

    library.close()
    library = openDesignLibrary({ path, readonly: true })
    handlers = createHandlers(library, { host: 'web', appVersion: '0.0.0' })
    expect(await dispatch(handlers, 'measurement:add', { designId, version: 1, kind: 'zeta', label: '', data: { zetaMv: 1 } }))
      .toMatchObject({ ok: false, code: 'read-only' })
    expect(await dispatch(handlers, 'measurement:list', { designId })).toEqual({ ok: true, value: { items: [] } })
  })
})
