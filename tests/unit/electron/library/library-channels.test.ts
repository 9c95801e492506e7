import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { contract, type Channel, type ChannelRequest, type ChannelResponse } from '../../../../shared/ipc/contract'
import type { Design } from '../../../../shared/design/types'
import { createHandlers } from '../../../../electron/services/handlers'
import { openDesignLibrary, type DesignLibrary } from '../../../../electron/db/library'
import { loadExample, makeTempDir } from '../helpers'

let temp: ReturnType<typeof makeTempDir>
let library: DesignLibrary
let handlers: ReturnType<typeof createHandlers>

/** Calls a channel as the dispatcher does (request parsed by its schema) and checks the response schema. */
async function call<C extends Channel>(channel: C, request: ChannelRequest<C>): Promise<ChannelResponse<C>> {
  const req = contract[channel].req.parse(request)
  const handler = handlers[channel] as (r: unknown) => unknown
  const result = await handler(req) as { ok: boolean; value?: unknown; message?: string }
  if (!result.ok) throw new Error(`${channel} failed: ${result.message}`)
  return contract[channel].res.parse(result.value) as ChannelResponse<C>
}

async function callErr(channel: Channel, request: unknown): Promise<{ code: string; message: string; issues?: unknown[] }> {
  const handler = handlers[channel] as (r: unknown) => unknown
  const result = await handler(contract[channel].req.parse(request)) as { ok: boolean; code: string; message: string; issues?: unknown[] }
  expect(result.ok).toBe(false)
  return result
}

function variant(base: Design, name: string, diameterNm: number): Design {
  return { ...base, name, core: { ...base.core, diameterNm } }
}

beforeEach(() => {
  temp = makeTempDir()
  library = openDesignLibrary({ path: join(temp.dir, 'library.db'), deferredMetrics: false, dailyBackup: false })
  handlers = createHandlers(library, { host: 'web', appVersion: 'test' })
})
afterEach(() => {
  library.close()
  temp.cleanup()
})

describe('library:list', () => {
  it('sorts by every summary metric, filters by tag, disease, core material and text, and pages', async () => {
    const t1d = loadExample('t1d-tolerogenic-plga.nanoforge.json')
    const lupus = loadExample('lupus-rbc-silica.nanoforge.json')
    const ra = loadExample('ra-folate-peg-liposome.nanoforge.json')
    const ids = [
      library.saveDesign(variant(t1d, 'Small PLGA', 80)).designId,
      library.saveDesign(variant(t1d, 'Large PLGA', 300)).designId,
      library.saveDesign(lupus).designId,
      library.saveDesign(ra).designId,
    ]
    expect(library.pendingMetricsCount()).toBe(4)
    expect(library.computePendingMetrics()).toBe(4)
    expect(library.pendingMetricsCount()).toBe(0)

    for (const sortBy of ['selectivityIndex', 'hydrodynamicDiameterNm', 'bloodHalfLifeH', 't50PlasmaH'] as const) {
      const key = sortBy
      const desc = await call('library:list', { sortBy })
      const values = desc.items.map((i) => i.metrics[key])
      const present = values.filter((v): v is number => v !== null)
      expect(present).toEqual([...present].sort((a, b) => b - a))
      // Designs without the metric come last in both directions.
      expect(values.slice(present.length).every((v) => v === null)).toBe(true)
      const asc = await call('library:list', { sortBy, sortDirection: 'asc' })
      const ascPresent = asc.items.map((i) => i.metrics[key]).filter((v): v is number => v !== null)
      expect(ascPresent).toEqual([...present].sort((a, b) => a - b))
    }
    const byName = await call('library:list', { sortBy: 'name' })
    expect(byName.items.map((i) => i.name)).toEqual([...byName.items.map((i) => i.name)].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })))

    const bySelectivity = await call('library:list', { sortBy: 'selectivityIndex' })
    expect(bySelectivity.items[0]!.metrics.selectivityIndex).not.toBeNull()
    expect(bySelectivity.items[0]!.metrics.engineVersion).not.toBe('')

    await call('library:addTag', { designId: ids[1]!, tag: 'lead' })
    await call('library:addTag', { designId: ids[3]!, tag: 'lead' })
    const tagged = await call('library:list', { tag: 'lead' })
    expect(tagged.items.map((i) => i.designId).sort()).toEqual([ids[1], ids[3]].sort())
    expect(tagged.items.every((i) => i.tags.includes('lead'))).toBe(true)

    const byDisease = await call('library:list', { disease: lupus.context.disease })
    expect(byDisease.items.map((i) => i.designId)).toEqual([ids[2]])
    const byCore = await call('library:list', { coreMaterial: t1d.core.material })
    expect(byCore.total).toBe(2)
    const byText = await call('library:list', { query: 'Large' })
    expect(byText.items.map((i) => i.designId)).toEqual([ids[1]])
    const combined = await call('library:list', { query: 'PLGA', tag: 'lead' })
    expect(combined.items.map((i) => i.designId)).toEqual([ids[1]])

    const page1 = await call('library:list', { sortBy: 'name', limit: 3 })
    const page2 = await call('library:list', { sortBy: 'name', limit: 3, offset: 3 })
    expect(page1.total).toBe(4)
    expect(page1.items).toHaveLength(3)
    expect(page2.items).toHaveLength(1)
    expect(new Set([...page1.items, ...page2.items].map((i) => i.designId)).size).toBe(4)
  })

  it('rejects unknown sort keys and oversized tags at the channel schema', () => {
    expect(contract['library:list'].req.safeParse({ sortBy: 'droptable' }).success).toBe(false)
    expect(contract['library:addTag'].req.safeParse({ designId: 'abcd', tag: 'x'.repeat(65) }).success).toBe(false)
    expect(contract['library:list'].req.safeParse({ extra: 1 }).success).toBe(false)
  })
})

describe('duplicate, rename, trash', () => {
  it('duplicates into a new design, renames as a new version, and trashes/restores without losing versions', async () => {
    const base = loadExample('t1d-tolerogenic-plga.nanoforge.json')
    const { designId } = library.saveDesign(base)
    const copy = await call('library:duplicate', { designId })
    expect(copy.designId).not.toBe(designId)
    expect(library.getDesign(copy.designId)!.design.name).toBe(`${base.name} (copy)`)

    const renamed = await call('library:rename', { designId, name: 'Tolerogenic lead' })
    expect(renamed.version).toBe(2)
    expect(library.getDesign(designId)!.design.name).toBe('Tolerogenic lead')
    expect(library.getDesign(designId, 1)!.design.name).toBe(base.name)
    expect((await call('library:list', { query: 'Tolerogenic lead' })).items.map((i) => i.designId)).toContain(designId)

    const trashed = await call('library:trash', { designId })
    expect(trashed.deletedAt).toMatch(/^\d{4}-/)
    const live = await call('library:list', {})
    expect(live.items.map((i) => i.designId)).toEqual([copy.designId])
    expect((await call('library:list', { query: 'Tolerogenic' })).items.map((i) => i.designId)).not.toContain(designId)
    const trash = await call('library:listTrash', {})
    expect(trash.items.map((i) => i.designId)).toEqual([designId])
    expect(trash.items[0]!.latestVersion).toBe(2)

    await call('library:restoreFromTrash', { designId })
    expect((await call('library:listTrash', {})).total).toBe(0)
    expect((await call('library:list', {})).total).toBe(2)
    expect(library.history(designId)).toHaveLength(2)
  })

  it('answers not-found for unknown designs and read-only for a read-only library', async () => {
    expect((await callErr('library:trash', { designId: 'no-such-design' })).code).toBe('not-found')
    expect((await callErr('library:history', { designId: 'no-such-design' })).code).toBe('not-found')
    const { designId } = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json'))
    library.close()
    library = openDesignLibrary({ path: join(temp.dir, 'library.db'), readonly: true })
    handlers = createHandlers(library, { host: 'web', appVersion: 'test' })
    expect((await callErr('library:rename', { designId, name: 'x' })).code).toBe('read-only')
    expect((await callErr('library:addTag', { designId, tag: 'x' })).code).toBe('read-only')
  })
})

describe('tags and notes', () => {
  it('adds, lists with counts (live designs only), removes tags; keeps a design note', async () => {
    const a = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
    const b = library.saveDesign(loadExample('ra-folate-peg-liposome.nanoforge.json')).designId
    await call('library:addTag', { designId: a, tag: 'in vivo' })
    await call('library:addTag', { designId: a, tag: 'in vivo' })
    expect((await call('library:addTag', { designId: a, tag: ' batch-7 ' })).tags).toEqual(['batch-7', 'in vivo'])
    await call('library:addTag', { designId: b, tag: 'in vivo' })
    expect((await call('library:listTags', {})).tags).toEqual([{ tag: 'batch-7', count: 1 }, { tag: 'in vivo', count: 2 }])
    await call('library:trash', { designId: b })
    expect((await call('library:listTags', {})).tags).toEqual([{ tag: 'batch-7', count: 1 }, { tag: 'in vivo', count: 1 }])
    expect((await call('library:removeTag', { designId: a, tag: 'batch-7' })).tags).toEqual(['in vivo'])

    const note = await call('library:setNote', { designId: a, note: 'Best so far; repeat DLS.' })
    expect(note.note).toBe('Best so far; repeat DLS.')
    expect((await call('library:list', {})).items.find((i) => i.designId === a)!.note).toBe('Best so far; repeat DLS.')
    expect(library.history(a)).toHaveLength(1)
  })
})

describe('projects', () => {
  it('creates projects (names unique, case-insensitive), files designs under them, filters by project', async () => {
    const a = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
    const b = library.saveDesign(loadExample('ra-folate-peg-liposome.nanoforge.json')).designId
    const screen = await call('library:createProject', { name: 'Autoimmune screen' })
    expect((await call('library:createProject', { name: 'autoimmune SCREEN' })).projectId).toBe(screen.projectId)
    expect((await call('library:moveToProject', { designIds: [a, 'not-a-design'], projectId: screen.projectId })).moved).toBe(1)
    const inProject = await call('library:list', { projectId: screen.projectId })
    expect(inProject.items.map((i) => [i.designId, i.projectId])).toEqual([[a, screen.projectId]])
    expect((await call('library:listProjects', {})).projects).toEqual([{ ...screen, designCount: 1 }])
    const copy = await call('library:duplicate', { designId: a })
    expect((await call('library:list', { projectId: screen.projectId })).total).toBe(2)
    await call('library:moveToProject', { designIds: [a, copy.designId], projectId: null })
    expect((await call('library:list', { projectId: screen.projectId })).total).toBe(0)
    expect((await callErr('library:moveToProject', { designIds: [b], projectId: 'no-such-project' })).code).toBe('not-found')
  })
})

describe('history, diff, restore a version', () => {
  it('lists every version with date and note, diffs field by field with units, restores as a new version', async () => {
    const base = loadExample('t1d-tolerogenic-plga.nanoforge.json')
    const { designId } = library.saveDesign(variant(base, base.name, 120), { note: 'first' })
    library.saveDesign(variant(base, base.name, 150), { designId, note: 'bigger core' })

    const history = await call('library:history', { designId })
    expect(history.versions.map((v) => [v.version, v.note])).toEqual([[1, 'first'], [2, 'bigger core']])
    expect(history.versions.every((v) => !Number.isNaN(Date.parse(v.createdAt)))).toBe(true)

    const diff = await call('library:diff', { from: { designId, version: 1 }, to: { designId, version: 2 } })
    const core = diff.changes.find((c) => c.path === 'core.diameterNm')
    expect(core).toMatchObject({ kind: 'changed', unit: 'nm', before: '120 nm', after: '150 nm', text: 'core.diameterNm: 120 nm → 150 nm' })
    expect(diff.changes.every((c) => c.path !== 'name')).toBe(true)

    const restored = await call('library:restoreVersion', { designId, version: 1 })
    expect(restored.version).toBe(3)
    expect(library.getDesign(designId)!.design.core.diameterNm).toBe(120)
    expect(library.getDesign(designId, 2)!.design.core.diameterNm).toBe(150)
    expect((await call('library:history', { designId })).versions[2]!.note).toBe('Restored from version 1')
    const same = await call('library:diff', { from: { designId, version: 1 }, to: { designId, version: 3 } })
    expect(same.changes).toEqual([])
    expect((await callErr('library:diff', { from: { designId, version: 9 }, to: { designId } })).code).toBe('not-found')
  })
})

describe('compare and metrics CSV', () => {
  it('returns 2-4 designs with metrics and the differing paths, and a CSV with one row each', async () => {
    const base = loadExample('t1d-tolerogenic-plga.nanoforge.json')
    const a = library.saveDesign(variant(base, 'Alpha, "quoted"', 100)).designId
    const b = library.saveDesign(variant(base, 'Beta', 200)).designId
    const c = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
    const compared = await call('library:compare', { items: [{ designId: a }, { designId: b }, { designId: c }] })
    expect(compared.items.map((i) => i.designId)).toEqual([a, b, c])
    expect(compared.items.every((i) => i.metrics.selectivityIndex !== null)).toBe(true)
    expect(compared.differingPaths).toContain('core.diameterNm')
    expect(compared.differingPaths).toContain('name')
    expect(contract['library:compare'].req.safeParse({ items: [{ designId: a }] }).success).toBe(false)
    expect(contract['library:compare'].req.safeParse({ items: Array(5).fill({ designId: a }) }).success).toBe(false)

    const { csv, fileName } = await call('library:metricsCsv', { items: [{ designId: a }, { designId: b }] })
    expect(fileName).toMatch(/\.csv$/)
    const lines = csv.trimEnd().split('\r\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toContain('selectivity_index')
    expect(lines[0]).toContain('hydrodynamic_diameter_nm')
    expect(lines[1]).toContain('"Alpha, ""quoted"""')
    const header = lines[0]!.split(',')
    const si = Number(lines[2]!.split(',')[header.indexOf('selectivity_index')])
    expect(si).toBeCloseTo(compared.items[1]!.metrics.selectivityIndex!, 10)
  })
})
