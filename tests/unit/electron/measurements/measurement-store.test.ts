import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LibraryReadOnlyError, openDesignLibrary, type DesignLibrary } from '../../../../electron/db/library'
import {
  MeasurementNotFoundError, MeasurementValidationError, createMeasurementStore, type MeasurementStore,
} from '../../../../electron/db/measurements'
import { loadExample, makeTempDir } from '../helpers'

let cleanup: () => void
let path: string
let library: DesignLibrary
let store: MeasurementStore
let designId: string

const release = {
  timesH: [0, 1, 2, 4, 8, 24],
  replicates: [[0, 12.5, 20, 31, 45, 70], [0, 11, null, 30, 47, 72]],
  timeUnitOriginal: 'min',
  sourceName: 'batch-7.csv',
}

beforeEach(() => {
  const temp = makeTempDir()
  cleanup = temp.cleanup
  path = join(temp.dir, 'lib.db')
  library = openDesignLibrary({ path })
  store = createMeasurementStore(library)
  designId = library.saveDesign(loadExample('t1d-tolerogenic-plga.nanoforge.json')).designId
  library.saveDesign({ ...loadExample('t1d-tolerogenic-plga.nanoforge.json'), name: 'Second version' }, { designId })
})
afterEach(() => {
  library.close()
  cleanup()
})

describe('measurement store over the v2 table', () => {
  it('adds a release profile to a version and reads it back exactly, with nulls for blank cells', () => {
    const added = store.add({ designId, version: 1, kind: 'release', label: ' Dialysis, PBS 37 °C ', measuredOn: '2026-11-02', data: release },
      new Date('2026-11-20T10:00:00Z'))
    expect(added).toMatchObject({ designId, version: 1, kind: 'release', label: 'Dialysis, PBS 37 °C', measuredOn: '2026-11-02', createdAt: '2026-11-20T10:00:00.000Z', deletedAt: null })
    expect(added.data).toEqual(release)
    expect(store.get(added.id)).toEqual(added)
    const raw = library.connection.prepare('SELECT kind, data FROM measurements WHERE id = ?').get(added.id) as { kind: string; data: string }
    expect(raw.kind).toBe('release')
    expect(JSON.parse(raw.data).replicates[1][2]).toBeNull()
  })

  it('lists per version or for every version, oldest first, and by kind', () => {
    const a = store.add({ designId, version: 1, kind: 'release', label: 'a', data: release }, new Date('2026-01-01T00:00:00Z'))
    const b = store.add({ designId, version: 2, kind: 'dls', label: 'b', data: { zAverageNm: 142.3, pdi: 0.11 } }, new Date('2026-01-02T00:00:00Z'))
    const c = store.add({ designId, version: 2, kind: 'zeta', label: 'c', data: { zetaMv: -23.4 } }, new Date('2026-01-03T00:00:00Z'))
    expect(store.list({ designId, version: 1 }).map((m) => m.id)).toEqual([a.id])
    expect(store.list({ designId, version: 2 }).map((m) => m.id)).toEqual([b.id, c.id])
    expect(store.list({ designId }).map((m) => m.id)).toEqual([a.id, b.id, c.id])
    expect(store.list({ designId, kind: 'zeta' }).map((m) => m.label)).toEqual(['c'])
    expect(store.list({ designId: 'other-design' })).toEqual([])
  })

  it('soft-deletes to the trash and restores', () => {
    const a = store.add({ designId, version: 1, kind: 'release', label: 'a', data: release })
    const removed = store.remove(a.id, new Date('2026-02-01T00:00:00Z'))
    expect(removed).toEqual({ id: a.id, deletedAt: '2026-02-01T00:00:00.000Z' })
    expect(store.list({ designId, version: 1 })).toEqual([])
    expect(store.list({ designId, version: 1, includeDeleted: true }).map((m) => m.deletedAt)).toEqual(['2026-02-01T00:00:00.000Z'])
    // The row is still there (soft delete): deleting again keeps the first time.
    expect(store.remove(a.id).deletedAt).toBe('2026-02-01T00:00:00.000Z')
    expect(store.restore(a.id)).toMatchObject({ id: a.id, deletedAt: null })
    expect(store.list({ designId, version: 1 }).map((m) => m.id)).toEqual([a.id])
    expect(() => store.remove('no-such-measurement')).toThrow(MeasurementNotFoundError)
  })

  it('refuses a version or design that does not exist, and SQLite enforces the version key itself', () => {
    expect(() => store.add({ designId, version: 3, kind: 'zeta', label: '', data: { zetaMv: 1 } })).toThrow(`Design ${designId} has no version 3.`)
    expect(() => store.add({ designId: 'nope-nope', version: 1, kind: 'zeta', label: '', data: { zetaMv: 1 } })).toThrow(MeasurementNotFoundError)
    expect(() => library.connection.prepare(
      `INSERT INTO measurements (id, design_id, version, kind, label, created_at, data) VALUES ('x1', ?, 9, 'zeta', '', '2026', '{}')`,
    ).run(designId)).toThrow(/FOREIGN KEY/)
  })

  it('reports every validation problem with its path', () => {
    let caught: unknown
    try {
      store.add({
        designId, version: 1, kind: 'release', label: 'bad', measuredOn: '2026-02-30',
        data: { timesH: [0, 2, 1], replicates: [[0, 10], [0, 'x', 20]] },
      })
    } catch (e) {
      caught = e
    }
    expect(caught).toBeInstanceOf(MeasurementValidationError)
    const paths = (caught as MeasurementValidationError).issues.map((i) => i.path)
    expect(paths).toContain('measuredOn')
    expect(paths).toContain('data.replicates[1][1]')
    expect(() => store.add({ designId, version: 1, kind: 'dls', label: '', data: { zAverageNm: 100, pdi: 1.4 } }))
      .toThrow(/data\.pdi: the PDI is between 0 and 1/)
    expect(() => store.add({ designId, version: 1, kind: 'release', label: '', data: { timesH: [0, 2, 1], replicates: [[1, 2, 3]] } }))
      .toThrow(/data\.timesH\[2\]: times must increase/)
    expect(() => store.add({ designId, version: 1, kind: 'release', label: '', data: { timesH: [0, 1], replicates: [[1, 2, 3]] } }))
      .toThrow(/data\.replicates\[0\]: has 3 cells for 2 time points/)
    expect(() => store.add({ designId, version: 1, kind: 'release', label: '', data: { timesH: [0, 1], replicates: [[null, null]] } }))
      .toThrow(/every cell is blank/)
    expect(() => store.add({ designId, version: 1, kind: 'viscosity', label: '', data: {} })).toThrow(MeasurementValidationError)
    expect(store.list({ designId, includeDeleted: true })).toEqual([])
  })

  it('bounds the size of a profile', () => {
    const timesH = Array.from({ length: 1001 }, (_, i) => i)
    expect(() => store.add({ designId, version: 1, kind: 'release', label: '', data: { timesH, replicates: [timesH.map(() => 1)] } }))
      .toThrow(/data\.timesH: at most 1000 time points/)
    expect(() => store.add({ designId, version: 1, kind: 'release', label: 'x'.repeat(201), data: release })).toThrow(/label/)
  })

  it('refuses every write on a read-only library but still lists', () => {
    const kept = store.add({ designId, version: 1, kind: 'zeta', label: 'kept', data: { zetaMv: -10 } })
    library.close()
    library = openDesignLibrary({ path, readonly: true })
    store = createMeasurementStore(library)
    expect(library.readOnly).toBe(true)
    expect(store.list({ designId }).map((m) => m.id)).toEqual([kept.id])
    expect(() => store.add({ designId, version: 1, kind: 'zeta', label: '', data: { zetaMv: 1 } })).toThrow(LibraryReadOnlyError)
    expect(() => store.remove(kept.id)).toThrow(LibraryReadOnlyError)
    expect(() => store.restore(kept.id)).toThrow(LibraryReadOnlyError)
  })
})
