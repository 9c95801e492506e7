import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { Design } from '../../../../shared/design/types'
import { openDesignLibrary, type DesignLibrary } from '../../../../electron/db/library'
import { BundleValidationError, exportBundle, importBundle, parseBundle, type Bundle } from '../../../../electron/db/bundle'
import { createHandlers } from '../../../../electron/services/handlers'
import { fileHash, loadExample, makeTempDir } from '../helpers'

let temp: ReturnType<typeof makeTempDir>
const open: DesignLibrary[] = []

function lib(name: string): DesignLibrary {
  const l = openDesignLibrary({ path: join(temp.dir, name), deferredMetrics: false, dailyBackup: false })
  open.push(l)
  return l
}

/** Attaches a DLS measurement to a version with plain SQL (the v2 table the measurement store writes). */
function addDls(library: DesignLibrary, designId: string, version: number, zAverageNm: number): string {
  const id = randomUUID()
  library.connection.prepare(`INSERT INTO measurements (id, design_id, version, kind, label, measured_on, created_at, data, deleted_at)
    VALUES (?, ?, ?, 'dls', 'batch A', '2026-01-15', '2026-01-15T10:00:00.000Z', ?, NULL)`)
    .run(id, designId, version, JSON.stringify({ zAverageNm, pdi: 0.12 }))
  return id
}

/** Everything a bundle holds, read back from a library, for equality checks. */
function snapshot(library: DesignLibrary, ids: ReadonlyArray<string>): unknown {
  const { exportedAt: _e, ...rest } = exportBundle(library, ids)
  return rest
}

/** A library with two designs, three versions, tags, a note and measurements. */
function seed(library: DesignLibrary): string[] {
  const base = loadExample('t1d-tolerogenic-plga.nanoforge.json')
  const a = library.saveDesign(base, { note: 'first' }).designId
  library.saveDesign({ ...base, core: { ...base.core, diameterNm: 180 } } as Design, { designId: a, note: 'bigger' })
  const b = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
  library.addTag(a, 'lead')
  library.addTag(b, 'in vivo')
  library.setNote(a, 'Repeat DLS next week')
  library.moveToProject([a], library.createProject('Tolerance').projectId)
  addDls(library, a, 1, 210)
  addDls(library, a, 2, 236)
  return [a, b]
}

beforeEach(() => {
  temp = makeTempDir()
})
afterEach(() => {
  for (const l of open.splice(0)) l.close()
  temp.cleanup()
})

describe('bundle export and import', () => {
  it('round-trips: importing an export reproduces designs, versions, notes, tags and measurements exactly', () => {
    const source = lib('source.db')
    const ids = seed(source)
    const text = JSON.stringify(exportBundle(source, ids))
    const target = lib('target.db')
    const result = importBundle(target, text)
    expect(result).toMatchObject({ designsAdded: 2, versionsAdded: 3, versionsSkipped: 0, measurementsAdded: 2, conflicts: [] })
    expect(snapshot(target, ids)).toEqual(snapshot(source, ids))
    expect(target.getDesign(ids[0]!)!.documentHash).toBe(source.getDesign(ids[0]!)!.documentHash)
    expect(target.listLibrary({ tag: 'lead' }).items.map((i) => i.designId)).toEqual([ids[0]])
    expect(target.listProjects().map((p) => [p.name, p.designCount])).toEqual([['Tolerance', 1]])
    expect(result.backupId).toBeDefined()
  })

  it('never duplicates: a second import skips everything; a longer history appends only the new versions', () => {
    const source = lib('source.db')
    const ids = seed(source)
    const target = lib('target.db')
    importBundle(target, JSON.stringify(exportBundle(source, ids)))
    const again = importBundle(target, JSON.stringify(exportBundle(source, ids)))
    expect(again).toMatchObject({ designsAdded: 0, versionsAdded: 0, versionsSkipped: 3, measurementsAdded: 0, measurementsSkipped: 2 })
    expect(again.backupId).toBeUndefined()
    expect(target.listLibrary().total).toBe(2)

    const base = source.getDesign(ids[1]!)!.design
    source.saveDesign({ ...base, name: 'Lupus v2' }, { designId: ids[1]!, note: 'renamed at the bench' })
    const grown = importBundle(target, JSON.stringify(exportBundle(source, [ids[1]!])))
    expect(grown).toMatchObject({ designsAdded: 0, versionsAdded: 1, versionsSkipped: 1, conflicts: [] })
    expect(target.history(ids[1]!)!.map((v) => v.note)).toEqual(['', 'renamed at the bench'])
    expect(target.listLibrary({ query: 'Lupus v2' }).items.map((i) => i.designId)).toEqual([ids[1]])
  })

  it('imports a conflicting history (same id, different version 2) as a new design, once', () => {
    const source = lib('source.db')
    const ids = seed(source)
    const target = lib('target.db')
    importBundle(target, JSON.stringify(exportBundle(source, ids)))
    // Both machines add a different version 3 to design a.
    const base = source.getDesign(ids[0]!)!.design
    source.saveDesign({ ...base, core: { ...base.core, diameterNm: 300 } }, { designId: ids[0]! })
    target.saveDesign({ ...base, core: { ...base.core, diameterNm: 90 } }, { designId: ids[0]! })
    const bundle = JSON.stringify(exportBundle(source, [ids[0]!]))
    const result = importBundle(target, bundle)
    expect(result.conflicts).toHaveLength(1)
    expect(result.conflicts[0]!.sourceDesignId).toBe(ids[0])
    const newId = result.conflicts[0]!.importedAsDesignId
    expect(target.getDesign(newId)!.design.core.diameterNm).toBe(300)
    expect(target.getDesign(ids[0]!)!.design.core.diameterNm).toBe(90)
    expect(target.history(newId)).toHaveLength(3)
    const again = importBundle(target, bundle)
    expect(again.conflicts).toEqual([])
    expect(again.designsAdded).toBe(0)
    expect(target.listLibrary().total).toBe(3)
  })

  it('a bad bundle writes nothing and names every problem with its JSON path', () => {
    const source = lib('source.db')
    const ids = seed(source)
    const good = exportBundle(source, ids)
    const target = lib('target.db')
    const existing = target.saveDesign(loadExample('ra-folate-peg-liposome.nanoforge.json')).designId
    target.close()
    const before = fileHash(join(temp.dir, 'target.db'))
    const reopened = lib('target.db')

    const bad = structuredClone(good) as unknown as { designs: Array<{ versions: Array<{ design: { core: { diameterNm: unknown } }; documentHash: string }>; measurements: Array<{ data: { pdi: unknown } }> }> }
    bad.designs[1]!.versions[0]!.design.core.diameterNm = -5
    bad.designs[0]!.measurements[1]!.data.pdi = 7
    bad.designs[0]!.versions[1]!.documentHash = 'a'.repeat(64)
    let thrown: unknown
    try {
      importBundle(reopened, JSON.stringify(bad))
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(BundleValidationError)
    const paths = (thrown as BundleValidationError).issues.map((i) => i.path)
    expect(paths).toContain('designs[1].versions[0].design.core.diameterNm')
    expect(paths).toContain('designs[0].measurements[1].data.pdi')
    expect(paths).toContain('designs[0].versions[1].documentHash')
    // The good first design was not written either: one transaction, after full validation.
    expect(reopened.listLibrary().items.map((i) => i.designId)).toEqual([existing])
    expect(reopened.listBackups()).toEqual([])
    reopened.close()
    expect(fileHash(join(temp.dir, 'target.db'))).toBe(before)
  })

  it('says what is wrong with non-bundles: not JSON, a design file, bad envelope, broken numbering', () => {
    expect(parseBundle('{nope')).toMatchObject({ ok: false, issues: [{ path: '' }] })
    const design = parseBundle(JSON.stringify(loadExample('lupus-rbc-silica.nanoforge.json')))
    expect(design.ok).toBe(false)
    if (!design.ok) expect(design.issues[0]!.message).toMatch(/single design file/)
    const envelope = parseBundle(JSON.stringify({ format: 'nanoforge.bundle', version: 3, exportedAt: 'x', engineVersion: 'x', designs: [] }))
    expect(envelope.ok).toBe(false)
    if (!envelope.ok) expect(envelope.issues.map((i) => i.path)).toContain('version')

    const source = lib('source.db')
    const good = exportBundle(source, seed(source)) as Bundle
    const renumbered = structuredClone(good) as unknown as { designs: Array<{ versions: Array<{ version: number }> }> }
    renumbered.designs[0]!.versions[1]!.version = 5
    const parsed = parseBundle(JSON.stringify(renumbered))
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.issues.map((i) => i.path)).toContain('designs[0].versions[1].version')
  })

  it('works over the library:export and library:import channels as text', async () => {
    const source = lib('source.db')
    const ids = seed(source)
    const target = lib('target.db')
    const out = await createHandlers(source, { host: 'web', appVersion: 't' })['library:export']({ designIds: ids })
    expect(out.ok).toBe(true)
    if (!out.ok) return
    expect(out.value).toMatchObject({ designCount: 2, versionCount: 3, measurementCount: 2 })
    const targetHandlers = createHandlers(target, { host: 'web', appVersion: 't' })
    const imported = await targetHandlers['library:import']({ bundle: out.value.bundle })
    expect(imported.ok && imported.value.designsAdded).toBe(2)
    const bad = await targetHandlers['library:import']({ bundle: '{"format":"nanoforge.bundle"}' })
    expect(bad.ok).toBe(false)
    if (!bad.ok) {
      expect(bad.code).toBe('bad-request')
      expect(bad.issues!.length).toBeGreaterThan(0)
    }
  })
})
