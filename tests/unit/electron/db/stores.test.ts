/**
 * The library's stores built by hand over one connection owner, as openDesignLibrary builds
 * them: what each promises on its own (the facade's tests cover them together).
 */
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import '../../../../electron/db/library' // registers the design code and engine the design store writes with
import { openLibraryConnection, type LibraryConnection } from '../../../../electron/db/connection'
import { createDesignStore, type DesignStore } from '../../../../electron/db/design-store'
import { createTagNoteStore, type TagNoteStore } from '../../../../electron/db/tag-note-store'
import { createTrashStore, type TrashStore } from '../../../../electron/db/trash-store'
import { createProjectStore, type ProjectStore } from '../../../../electron/db/project-store'
import { createListingStore, type ListingStore } from '../../../../electron/db/listing'
import { DesignNotFoundError, InvalidInputError } from '../../../../electron/db/errors'
import { loadExample, makeTempDir } from '../helpers'

let cleanup: () => void
let conn: LibraryConnection
let tags: TagNoteStore
let designs: DesignStore
let trash: TrashStore
let projects: ProjectStore
let listing: ListingStore
let afterSaves: number

beforeEach(() => {
  const temp = makeTempDir()
  cleanup = temp.cleanup
  conn = openLibraryConnection({ path: join(temp.dir, 'lib.db') })
  afterSaves = 0
  tags = createTagNoteStore(conn)
  designs = createDesignStore(conn, {
    cachedMetricsOf: (_hash, diameterNm) => ({
      selectivityIndex: null, targetTissue: null, bloodHalfLifeH: null, t50PlasmaH: null, hydrodynamicDiameterNm: diameterNm, engineVersion: '',
    }),
    tagsOf: tags.tagsOf,
    afterSave: () => { afterSaves++ },
  })
  trash = createTrashStore(conn, tags)
  projects = createProjectStore(conn)
  listing = createListingStore(conn, tags)
})
afterEach(() => {
  conn.close()
  cleanup()
})

const entries = (action: string): number =>
  (conn.db.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ?').get(action) as { n: number }).n

const save = (name: string): string => designs.saveDesign({ ...loadExample('lupus-rbc-silica.nanoforge.json'), name }).designId

describe('design store', () => {
  it('runs the after-save work once per committed save, and counts the write; a refused save does neither', () => {
    const id = save('One')
    designs.saveDesign({ ...loadExample('lupus-rbc-silica.nanoforge.json'), name: 'One, v2' }, { designId: id })
    expect(afterSaves).toBe(2)
    expect(conn.writesCommitted).toBe(2)
    expect(conn.lastWrite).toBe(`design ${id} version 2`)
    expect(() => designs.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json'), { designId: 'no-such-design' })).toThrow(DesignNotFoundError)
    expect(() => designs.saveDesign({ ...loadExample('lupus-rbc-silica.nanoforge.json'), name: 'bad\u001b[31m' })).toThrow(InvalidInputError)
    expect(afterSaves).toBe(2)
    expect(conn.writesCommitted).toBe(2)
    expect(entries('design.create')).toBe(1)
    expect(entries('design.save')).toBe(1)
  })

  it('history reads the version metrics through the cache it was given (never computes)', () => {
    const id = save('One')
    const [entry] = designs.history(id)!
    expect(entry!.metrics.engineVersion).toBe('')
    expect(entry!.metrics.hydrodynamicDiameterNm).toBe(entry!.hydrodynamicDiameterNm)
    expect(designs.history('no-such-design')).toBeUndefined()
  })
})

describe('trash store', () => {
  it('lists the most recently trashed first with paging; trashing twice keeps the first time and one audit entry', () => {
    const a = save('A')
    const b = save('B')
    const first = trash.trashDesign(a)
    trash.trashDesign(b)
    expect(trash.trashDesign(a)).toEqual(first)
    expect(entries('design.trash')).toBe(1 + 1)
    // Same millisecond or not, B (trashed later, created later) comes first.
    expect(trash.listTrash().items.map((i) => i.designId)).toEqual([b, a])
    expect(trash.listTrash({ limit: 1, offset: 1 })).toMatchObject({ total: 2, items: [{ designId: a, deletedAt: first.deletedAt }] })
    expect(listing.listLibrary().total).toBe(0)
    trash.restoreFromTrash(a)
    trash.restoreFromTrash(a)
    expect(entries('design.untrash')).toBe(1)
    expect(listing.listLibrary().items.map((i) => i.designId)).toEqual([a])
    expect(() => trash.trashDesign('no-such-design')).toThrow(DesignNotFoundError)
  })
})

describe('tags and notes store', () => {
  it('keeps tags sorted without case, adds a tag once, audits only real changes, counts live designs only', () => {
    const a = save('A')
    tags.addTag(a, 'beta')
    expect(tags.addTag(a, ' Alpha ')).toEqual(['Alpha', 'beta'])
    expect(tags.addTag(a, 'beta')).toEqual(['Alpha', 'beta'])
    expect(entries('design.tag-add')).toBe(2)
    expect(tags.removeTag(a, 'not-there')).toEqual(['Alpha', 'beta'])
    expect(entries('design.tag-remove')).toBe(0)
    expect(tags.listTags()).toEqual([{ tag: 'Alpha', count: 1 }, { tag: 'beta', count: 1 }])
    trash.trashDesign(a)
    expect(tags.listTags()).toEqual([])
    expect(() => tags.addTag(a, 'x'.repeat(65))).toThrow(InvalidInputError)
    expect(() => tags.setNote(a, 'bidi \u202e override')).toThrow(InvalidInputError)
    expect(tags.setNote(a, 'two\nlines').note).toBe('two\nlines')
  })
})

describe('project store', () => {
  it('names are unique without case; moves count existing designs only; a copy follows its original only out of a project', () => {
    const p = projects.createProject('Lab work')
    expect(projects.createProject('  LAB WORK ').projectId).toBe(p.projectId)
    const a = save('A')
    const b = save('B')
    expect(projects.moveToProject(['no-such-design', a], p.projectId)).toBe(1)
    expect(() => projects.moveToProject([b], 'no-such-project')).toThrow(DesignNotFoundError)
    expect(projects.listProjects()).toMatchObject([{ name: 'Lab work', designCount: 1 }])
    const before = entries('design.project')
    projects.followOriginal(b, a)
    expect(designs.designMeta(b)?.projectId).toBe(p.projectId)
    const c = save('C')
    projects.followOriginal(c, 'no-such-design')
    expect(designs.designMeta(c)?.projectId).toBeNull()
    expect(entries('design.project')).toBe(before + 1)
  })
})

describe('listing store', () => {
  it('listDesigns answers the summary only, listLibrary adds metrics, tags, note and project', () => {
    const a = save('A')
    tags.addTag(a, 't')
    const summaryKeys = ['designId', 'name', 'latestVersion', 'coreMaterial', 'coreDiameterNm', 'disease', 'createdAt', 'updatedAt']
    expect(Object.keys(listing.listDesigns().items[0]!).sort()).toEqual([...summaryKeys].sort())
    expect(Object.keys(listing.listLibrary().items[0]!).sort()).toEqual([...summaryKeys, 'metrics', 'tags', 'note', 'projectId'].sort())
    expect(listing.listLibrary().items[0]!.tags).toEqual(['t'])
  })
})
