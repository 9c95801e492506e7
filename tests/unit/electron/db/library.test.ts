import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DesignNotFoundError, openDesignLibrary, type DesignLibrary } from '../../../../electron/db/library'
import type { Design } from '../../../../shared/design/types'
import { EXAMPLE_FILES, loadExample, makeTempDir } from '../helpers'

let dir: string
let cleanup: () => void
let path: string
let library: DesignLibrary
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir())
  path = join(dir, 'library.db')
  library = openDesignLibrary({ path })
})
afterEach(() => {
  library.close()
  cleanup()
})

const silica = (): Design => loadExample('lupus-rbc-silica.nanoforge.json')

describe('saving versions', () => {
  it('creates version 1, then appends version 2 without touching version 1', () => {
    const first = library.saveDesign(silica(), { note: 'first', engineVersion: '0.1.0' })
    expect(first.version).toBe(1)
    expect(first.designId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    const v1Before = library.getDesign(first.designId, 1)!

    const bigger: Design = { ...silica(), name: 'Bigger silica', core: { ...silica().core, diameterNm: 90 } }
    const second = library.saveDesign(bigger, { designId: first.designId, note: 'bigger core' })
    expect(second).toEqual({ designId: first.designId, version: 2 })

    const v1After = library.getDesign(first.designId, 1)!
    expect(v1After).toMatchObject({ version: 1, note: 'first', documentHash: v1Before.documentHash, createdAt: v1Before.createdAt })
    expect(v1After.design.core.diameterNm).toBe(60)
    const latest = library.getDesign(first.designId)!
    expect(latest.version).toBe(2)
    expect(latest.design.core.diameterNm).toBe(90)
    expect(latest.documentHash).not.toBe(v1Before.documentHash)
    expect(latest.versions.map((v) => [v.version, v.note])).toEqual([[1, 'first'], [2, 'bigger core']])
    expect(typeof latest.summary.hydrodynamicDiameterNm).toBe('number')

    const history = library.history(first.designId)!
    expect(history.map((h) => h.name)).toEqual([silica().name, 'Bigger silica'])
    expect(history[0]!.engineVersion).toBe('0.1.0')
    expect(library.listDesigns().items).toHaveLength(1)
    expect(library.listDesigns().items[0]).toMatchObject({ name: 'Bigger silica', latestVersion: 2, coreDiameterNm: 90 })
  })

  it('refuses to append to a design that does not exist, and writes nothing', () => {
    expect(() => library.saveDesign(silica(), { designId: 'no-such-design' })).toThrow(DesignNotFoundError)
    expect(library.listDesigns().total).toBe(0)
  })

  it('makes versions immutable in the database itself (UPDATE and DELETE abort)', () => {
    const { designId } = library.saveDesign(silica())
    const raw = new Database(path)
    try {
      expect(() => raw.prepare("UPDATE design_versions SET note = 'edited' WHERE design_id = ?").run(designId)).toThrow(/immutable/)
      expect(() => raw.prepare('DELETE FROM design_versions WHERE design_id = ?').run(designId)).toThrow(/immutable/)
      expect(() => raw.prepare('DELETE FROM designs WHERE id = ?').run(designId)).toThrow()
      expect(raw.prepare('SELECT note FROM design_versions WHERE design_id = ?').pluck().get(designId)).toBe('')
    } finally {
      raw.close()
    }
  })
})

describe('listing and search', () => {
  it('lists newest first with totals, pages, and finds designs by words, materials and id prefix', () => {
    const ids = EXAMPLE_FILES.map((name) => library.saveDesign(loadExample(name)).designId)
    const all = library.listDesigns()
    expect(all.total).toBe(3)
    expect(all.items.map((d) => d.designId)).toEqual([...ids].reverse())
    expect(all.items[0]).toEqual({
      designId: ids[2],
      name: loadExample('t1d-tolerogenic-plga.nanoforge.json').name,
      latestVersion: 1,
      coreMaterial: loadExample('t1d-tolerogenic-plga.nanoforge.json').core.material,
      coreDiameterNm: loadExample('t1d-tolerogenic-plga.nanoforge.json').core.diameterNm,
      disease: 'type-1-diabetes',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    })

    const page = library.listDesigns({ limit: 2, offset: 2 })
    expect(page).toMatchObject({ total: 3 })
    expect(page.items.map((d) => d.designId)).toEqual([ids[0]])

    expect(library.listDesigns({ query: 'lupus' }).items.map((d) => d.designId)).toEqual([ids[0]])
    expect(library.listDesigns({ query: 'silica' }).items.map((d) => d.designId)).toEqual([ids[0]]) // core material
    expect(library.listDesigns({ query: 'synovial' }).items.map((d) => d.designId)).toEqual([ids[1]]) // notes
    expect(library.listDesigns({ query: 'fol' }).total).toBe(1) // prefix of "folate"
    expect(library.listDesigns({ query: ids[2]!.slice(0, 8) }).items.map((d) => d.designId)).toContain(ids[2])
    expect(library.listDesigns({ query: 'nothing-like-this' }).total).toBe(0)
    // FTS5 syntax in user text is treated as words, never as a query language.
    expect(() => library.listDesigns({ query: '"AND (NEAR name: *' })).not.toThrow()
    expect(library.listDesigns({ query: '   ' }).total).toBe(3)
  })

  it('finds a design again after a new version changes its name', () => {
    const { designId } = library.saveDesign(silica())
    library.saveDesign({ ...silica(), name: 'Renamed cloak' }, { designId })
    expect(library.listDesigns({ query: 'renamed' }).items.map((d) => d.designId)).toEqual([designId])
    expect(library.listDesigns({ query: 'tacrolimus' }).total).toBe(1)
  })
})

describe('persistence and ids', () => {
  it('keeps designs and versions across close and reopen', () => {
    const { designId } = library.saveDesign(silica(), { note: 'kept' })
    library.saveDesign(silica(), { designId, note: 'kept too' })
    library.close()
    library = openDesignLibrary({ path })
    expect(library.readOnly).toBe(false)
    expect(library.listDesigns().items.map((d) => d.designId)).toEqual([designId])
    expect(library.history(designId)!.map((v) => v.note)).toEqual(['kept', 'kept too'])
    // Stored as written (a version-1 fixture); read upgraded to the current format version.
    expect(library.getDesign(designId)!.documentAsWritten).toEqual(silica())
    expect(library.getDesign(designId)!.design).toEqual({ ...silica(), version: 2 })
  })

  it('resolves unique id prefixes like git and explains ambiguous or unknown ones', () => {
    const { designId } = library.saveDesign(silica())
    expect(library.resolveDesignId(designId)).toEqual({ ok: true, designId })
    expect(library.resolveDesignId(designId.slice(0, 6).toUpperCase())).toEqual({ ok: true, designId })
    expect(library.resolveDesignId('ab')).toMatchObject({ ok: false, reason: 'invalid' })
    expect(library.resolveDesignId('x*y')).toMatchObject({ ok: false, reason: 'invalid' })

    const raw = new Database(path)
    raw.exec(`INSERT INTO designs (id, seq, name, created_at, updated_at) VALUES
      ('abcd0001-0000-4000-8000-000000000000', 100, 'a', 'x', 'x'),
      ('abcd0002-0000-4000-8000-000000000000', 101, 'b', 'x', 'x')`)
    raw.close()
    const ambiguous = library.resolveDesignId('abcd')
    expect(ambiguous).toMatchObject({ ok: false, reason: 'ambiguous' })
    expect(ambiguous.ok ? '' : ambiguous.message).toContain('abcd0001-0000-4000-8000-000000000000')
    expect(library.resolveDesignId('abcd0002')).toEqual({ ok: true, designId: 'abcd0002-0000-4000-8000-000000000000' })
    expect(library.resolveDesignId('ffff9999')).toMatchObject({ ok: false, reason: 'not-found' })
  })
})
