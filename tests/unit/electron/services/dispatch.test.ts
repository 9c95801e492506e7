import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDesignLibrary, type DesignLibrary } from '../../../../electron/db/library'
import { dispatch } from '../../../../electron/services/dispatch'
import { ENGINE_VERSION, createHandlers } from '../../../../electron/services/handlers'
import { CHANNELS, type Handlers } from '../../../../shared/ipc/contract'
import { ok } from '../../../../shared/ipc/result'
import { loadExample, makeTempDir } from '../helpers'

let cleanup: () => void
let library: DesignLibrary
let handlers: Handlers
beforeEach(() => {
  const temp = makeTempDir()
  cleanup = temp.cleanup
  library = openDesignLibrary({ path: join(temp.dir, 'lib.db') })
  handlers = createHandlers(library, { host: 'web', appVersion: '9.9.9' })
})
afterEach(() => {
  library.close()
  cleanup()
})

describe('dispatch', () => {
  it('answers bad-request for unknown channels, including prototype keys', async () => {
    for (const channel of ['design:delete', 'toString', '__proto__', 'constructor', '']) {
      expect(await dispatch(handlers, channel, {})).toMatchObject({ ok: false, code: 'bad-request', message: expect.stringMatching(/Unknown channel/) })
    }
  })

  it('rejects payloads that break the channel schema, naming the paths', async () => {
    const result = await dispatch(handlers, 'design:list', { limit: 'ten', sneaky: true })
    expect(result).toMatchObject({ ok: false, code: 'bad-request' })
    expect(!result.ok && result.message).toMatch(/limit/)
    expect(!result.ok && result.issues?.map((i) => i.path)).toContain('limit')
    expect(await dispatch(handlers, 'design:get', undefined)).toMatchObject({ ok: false, code: 'bad-request' })
  })

  it('turns a throwing handler into internal, and never throws itself', async () => {
    const boom: Handlers = { ...handlers, 'design:list': () => { throw new Error('disk on fire') } }
    await expect(dispatch(boom, 'design:list', {})).resolves.toEqual({ ok: false, code: 'internal', message: 'disk on fire' })
  })

  it('catches a handler answering outside the response schema', async () => {
    const drifting: Handlers = { ...handlers, 'design:list': () => ok({ items: [], total: 0, extra: 1 } as never) }
    expect(await dispatch(drifting, 'design:list', {})).toMatchObject({ ok: false, code: 'internal' })
  })
})

describe('createHandlers over a real library', () => {
  it('implements every channel of the contract', () => {
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort())
  })

  it('saves, lists and gets a design through the contract', async () => {
    const design = loadExample('ra-folate-peg-liposome.nanoforge.json')
    const saved = await dispatch(handlers, 'design:save', { design, note: 'first' })
    expect(saved).toMatchObject({ ok: true, value: { version: 1, warnings: expect.any(Array) } })
    const designId = saved.ok ? (saved.value as { designId: string }).designId : ''

    const again = await dispatch(handlers, 'design:save', { design, designId })
    expect(again).toMatchObject({ ok: true, value: { designId, version: 2 } })

    const list = await dispatch(handlers, 'design:list', { query: 'folate' })
    expect(list).toMatchObject({ ok: true, value: { total: 1, items: [{ designId, latestVersion: 2 }] } })

    const got = await dispatch(handlers, 'design:get', { designId, version: 1 })
    expect(got).toMatchObject({ ok: true, value: { designId, version: 1, design: { name: design.name } } })
    expect(got.ok && (got.value as { versions: unknown[] }).versions).toHaveLength(2)
  })

  it('reports every design problem at once as invalid-design', async () => {
    const design = { ...loadExample('ra-folate-peg-liposome.nanoforge.json'), colour: 'red', core: { material: 'plga-50-50', diameterNm: -5 } }
    const result = await dispatch(handlers, 'design:save', { design })
    expect(result).toMatchObject({ ok: false, code: 'invalid-design' })
    const issues = result.ok ? [] : result.issues ?? []
    expect(issues.length).toBeGreaterThanOrEqual(2)
    expect(!result.ok && result.message).toBe(`The design has ${issues.length} problems`)
    expect(issues.map((i) => i.path)).toContain('core.diameterNm')
    expect(library.listDesigns().total).toBe(0)
  })

  it('answers not-found for unknown designs and versions', async () => {
    expect(await dispatch(handlers, 'design:get', { designId: 'missing' })).toMatchObject({ ok: false, code: 'not-found' })
    const saved = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json'))
    const result = await dispatch(handlers, 'design:get', { designId: saved.designId, version: 5 })
    expect(result).toMatchObject({ ok: false, code: 'not-found' })
    expect(!result.ok && result.message).toContain('no version 5')
    expect(await dispatch(handlers, 'design:save', { design: loadExample('lupus-rbc-silica.nanoforge.json'), designId: 'missing' }))
      .toMatchObject({ ok: false, code: 'not-found' })
  })

  it('reports app info, and read-only on saves into a read-only library', async () => {
    expect(await dispatch(handlers, 'app:info', {})).toEqual({
      ok: true,
      value: { appVersion: '9.9.9', engineVersion: ENGINE_VERSION, databasePath: library.path, readOnly: false, host: 'web' },
    })
    const readOnly = openDesignLibrary({ path: library.path, readonly: true })
    try {
      const roHandlers = createHandlers(readOnly, { host: 'electron', appVersion: '1.0.0' })
      expect(await dispatch(roHandlers, 'app:info', {})).toMatchObject({ ok: true, value: { readOnly: true, readOnlyReason: expect.any(String) } })
      expect(await dispatch(roHandlers, 'design:save', { design: loadExample('lupus-rbc-silica.nanoforge.json') }))
        .toMatchObject({ ok: false, code: 'read-only' })
    } finally {
      readOnly.close()
    }
  })
})
