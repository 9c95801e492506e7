/**
 * Issue 11 / brief H9 item 1: one text rule (no control or bidirectional formatting
 * characters; line breaks and tabs only in notes) for every way text enters the library: the
 * IPC contract (design:save, setNote, addTag, createProject, rename, measurement:add), the
 * bundle reader, the CLI (db save --note, measure add --label) and CSV column names. Each
 * refuses with the field's path and writes nothing; what one entry point stores, every other
 * accepts again (export -> import round trip).
 */
import Database from 'better-sqlite3'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { main } from '../../../../electron/cli/main'
import { exportBundle, importBundle, parseBundle } from '../../../../electron/db/bundle'
import { openDesignLibrary, type DesignLibrary } from '../../../../electron/db/library'
import { createMeasurementStore } from '../../../../electron/db/measurements'
import { dispatch } from '../../../../electron/services/dispatch'
import { createHandlers } from '../../../../electron/services/handlers'
import { validateDesign } from '../../../../shared/design/schema'
import type { Handlers } from '../../../../shared/ipc/contract'
import { loadExample, makeTempDir } from '../helpers'

const ESC = '\u001b'
const RLO = '\u202e'

let temp: ReturnType<typeof makeTempDir>
let library: DesignLibrary
let handlers: Handlers
let designId: string
beforeEach(() => {
  temp = makeTempDir('nanoforge-text-rule-')
  library = openDesignLibrary({ path: join(temp.dir, 'lib.db'), deferredMetrics: false, dailyBackup: false })
  handlers = createHandlers(library, { host: 'web', appVersion: '0.0.0' })
  designId = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
})
afterEach(() => {
  library.close()
  temp.cleanup()
})

/** Rows of a table, counted through a plain connection (not the code under test). */
function count(table: string): number {
  const db = new Database(library.path, { readonly: true })
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  } finally {
    db.close()
  }
}

function capture(): { io: { stdout: (t: string) => void; stderr: (t: string) => void }; out: () => string; err: () => string } {
  let out = ''
  let err = ''
  return { io: { stdout: (t) => void (out += t), stderr: (t) => void (err += t) }, out: () => out, err: () => err }
}

interface Refusal { ok: false; code: string; issues?: Array<{ path: string; message: string }> }

function expectRefused(result: unknown, path: string, code: string = 'bad-request'): void {
  const r = result as Refusal
  expect(r.ok).toBe(false)
  expect(r.code).toBe(code)
  expect(r.issues?.map((i) => i.path)).toContain(path)
  expect(r.issues?.find((i) => i.path === path)?.message).toMatch(/U\+(001B|202E|0007|0000)/)
}

describe('the design validator (every design, whatever carried it)', () => {
  it('refuses control and bidi characters in the name and notes, keeps line breaks in notes', () => {
    const base = loadExample('lupus-rbc-silica.nanoforge.json')
    const bad = validateDesign({ ...base, name: `Lead ${RLO}fdp.exe`, notes: `ok${ESC}[2J` })
    expect(bad.valid).toBe(false)
    expect(!bad.valid && bad.errors.map((e) => e.path).sort()).toEqual(['name', 'notes'])
    expect(validateDesign({ ...base, notes: 'line one\n\tline two\r\n' }).valid).toBe(true)
    expect(validateDesign({ ...base, name: 'tab\tin name' }).valid).toBe(false)
  })
})

describe('IPC (the same pipeline as the web host)', () => {
  it('design:save refuses an ESC in the note and a right-to-left override in the design name', async () => {
    const design = loadExample('lupus-rbc-silica.nanoforge.json')
    expectRefused(await dispatch(handlers, 'design:save', { design, note: `first${ESC}[31m` }), 'note')
    expectRefused(await dispatch(handlers, 'design:save', { design: { ...design, name: `x${RLO}y` } }), 'name', 'invalid-design')
    expect(count('design_versions')).toBe(1)
  })

  it('setNote, addTag, createProject, rename, duplicate and restoreVersion refuse it with the field name', async () => {
    expectRefused(await dispatch(handlers, 'library:setNote', { designId, note: `a${ESC}b` }), 'note')
    expectRefused(await dispatch(handlers, 'library:addTag', { designId, tag: `lead${RLO}` }), 'tag')
    expectRefused(await dispatch(handlers, 'library:createProject', { name: `\u0000Tolerance` }), 'name')
    expectRefused(await dispatch(handlers, 'library:rename', { designId, name: `new${ESC}` }), 'name')
    expectRefused(await dispatch(handlers, 'library:duplicate', { designId, name: `copy${RLO}` }), 'name')
    expectRefused(await dispatch(handlers, 'library:restoreVersion', { designId, version: 1, note: `\u0007` }), 'note')
    expect([count('design_versions'), count('design_tags'), count('projects')]).toEqual([1, 0, 0])
    // Multi-line text keeps its line breaks.
    expect(await dispatch(handlers, 'library:setNote', { designId, note: 'repeat DLS\n\tnext week' })).toMatchObject({ ok: true })
  })

  it('measurement:add refuses the label, the method, the notes and CSV column names', async () => {
    const release = { timesH: [0, 1, 2], replicates: [[0, 10, 20]] }
    expectRefused(await dispatch(handlers, 'measurement:add', { designId, version: 1, kind: 'zeta', label: `z${ESC}`, data: { zetaMv: -10 } }), 'label')
    expectRefused(await dispatch(handlers, 'measurement:add', {
      designId, version: 1, kind: 'release', label: 'r', data: { ...release, replicateNames: [`A${RLO}`] },
    }), 'data.replicateNames[0]')
    expectRefused(await dispatch(handlers, 'measurement:add', {
      designId, version: 1, kind: 'biodistribution', label: 'b',
      data: { species: 'mouse', doseMgPerKg: 5, doseBasis: 'drug', timesH: [1], tissues: { liver: { percentInjectedDose: [40] } }, method: `ICP${ESC}` },
    }), 'data.method')
    expect(count('measurements')).toBe(0)
  })
})

describe('the library itself (the place every writer meets)', () => {
  it('refuses such text from a caller that skipped the schemas, with InvalidInputError issues', () => {
    const issuesOf = (run: () => unknown): string[] => {
      try {
        run()
      } catch (error) {
        return ((error as { issues?: Array<{ path: string }> }).issues ?? []).map((i) => i.path)
      }
      return []
    }
    expect(issuesOf(() => library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json'), { note: ESC }))).toEqual(['note'])
    expect(issuesOf(() => library.setNote(designId, `a${RLO}`))).toEqual(['note'])
    expect(issuesOf(() => library.addTag(designId, `t${ESC}`))).toEqual(['tag'])
    expect(issuesOf(() => library.createProject(`p${ESC}`))).toEqual(['name'])
    expect(issuesOf(() => library.renameDesign(designId, `n${RLO}`))).toContain('name')
    expect(count('design_versions')).toBe(1)
  })
})

describe('bundles', () => {
  it('refuse a version note, a design note in the document and a measurement label with control characters', () => {
    const good = JSON.stringify(exportBundle(library, [designId]))
    const mutate = (edit: (b: { designs: Array<Record<string, unknown> & { versions: Array<Record<string, unknown>> }> }) => void): string => {
      const b = JSON.parse(good) as Parameters<typeof edit>[0]
      edit(b)
      return JSON.stringify(b)
    }
    const pathsOf = (text: string): string[] => {
      const parsed = parseBundle(text)
      return parsed.ok ? [] : parsed.issues.map((i) => i.path)
    }
    expect(pathsOf(good)).toEqual([])
    expect(pathsOf(mutate((b) => { b.designs[0]!.versions[0]!.note = `n${ESC}` }))).toEqual(['designs[0].versions[0].note'])
    expect(pathsOf(mutate((b) => { (b.designs[0]!.versions[0]!.design as Record<string, unknown>).notes = `x${RLO}` })))
      .toContain('designs[0].versions[0].design.notes')
    expect(pathsOf(mutate((b) => {
      b.designs[0]!.measurements = [{ id: 'm-1', version: 1, kind: 'zeta', label: 'ok', measuredOn: null, createdAt: '2026-01-01T00:00:00Z',
        deletedAt: null, data: { zetaMv: -1, note: 1 } }]
    }))).toContain('designs[0].measurements[0].data')
  })

  it('whatever the IPC stores, a bundle carries back in: notes with line breaks and tabs, unicode names', async () => {
    const design = { ...loadExample('lupus-rbc-silica.nanoforge.json'), name: 'Tolérance — 200 nm, 5 µm²', notes: 'one\n\ttwo' }
    const saved = await dispatch(handlers, 'design:save', { design, note: 'why:\n\t- first' })
    expect(saved.ok).toBe(true)
    const id = saved.ok ? (saved.value as { designId: string }).designId : ''
    await dispatch(handlers, 'library:setNote', { designId: id, note: 'plan\r\n\tnext' })
    await dispatch(handlers, 'measurement:add', { designId: id, version: 1, kind: 'zeta', label: 'PBS 37 °C', data: { zetaMv: -12 } })
    const other = openDesignLibrary({ path: join(temp.dir, 'other.db'), deferredMetrics: false, dailyBackup: false })
    try {
      const summary = importBundle(other, JSON.stringify(exportBundle(library, [id])), { backup: false })
      expect(summary).toMatchObject({ designsAdded: 1, versionsAdded: 1, measurementsAdded: 1 })
    } finally {
      other.close()
    }
  })
})

describe('the CLI and CSV files', () => {
  it('db save --note with ESC: bad-input naming --note, and no library file created', async () => {
    const fresh = join(temp.dir, 'fresh.db')
    const file = join(temp.dir, 'd.nanoforge.json')
    writeFileSync(file, JSON.stringify(loadExample('lupus-rbc-silica.nanoforge.json')))
    const c = capture()
    expect(await main(['db', 'save', file, '--note', `try${ESC}[2J`, '--db', fresh, '--json'], c.io)).toBe(2)
    const error = (JSON.parse(c.out()) as { error: { code: string; issues: Array<{ path: string; message: string }> } }).error
    expect(error).toMatchObject({ code: 'bad-input', issues: [{ path: '--note', message: expect.stringMatching(/U\+001B/) }] })
    expect(() => new Database(fresh, { fileMustExist: true })).toThrow()
  })

  it('measure add --label and a release CSV whose column name holds ESC: bad-input with the field, nothing stored', async () => {
    library.close()
    const csv = join(temp.dir, 'run.csv')
    writeFileSync(csv, `time (h),A${ESC}[31m,B\n0,0,0\n1,10,11\n2,20,21\n`)
    let c = capture()
    expect(await main(['measure', 'add', designId, '--version', '1', csv, '--db', join(temp.dir, 'lib.db'), '--json'], c.io)).toBe(2)
    let error = (JSON.parse(c.out()) as { error: { written?: boolean; issues: Array<{ path: string }> } }).error
    expect(error.written).toBe(false)
    expect(error.issues.map((i) => i.path)).toEqual(['data.replicateNames[0]'])
    c = capture()
    expect(await main(['measure', 'add', designId, '--version', '1', '--zeta=-5', '--label', `z${RLO}`, '--db', join(temp.dir, 'lib.db'), '--json'], c.io)).toBe(2)
    error = (JSON.parse(c.out()) as { error: { written?: boolean; issues: Array<{ path: string }> } }).error
    expect(error).toMatchObject({ written: false, issues: [{ path: 'label' }] })
    library = openDesignLibrary({ path: join(temp.dir, 'lib.db'), deferredMetrics: false, dailyBackup: false })
    expect(count('measurements')).toBe(0)
  })

  it('a measurement stored by an older build with ESC in its label is listed with the character escaped, not dropped', () => {
    library.connection.prepare(`INSERT INTO measurements (id, design_id, version, kind, label, measured_on, created_at, data, deleted_at)
      VALUES ('old-1', ?, 1, 'release', ?, NULL, '2026-01-15T10:00:00.000Z', ?, NULL)`)
      .run(designId, `old${ESC}[31m`, JSON.stringify({ timesH: [0, 1], replicates: [[0, 5]], replicateNames: [`A${RLO}`] }))
    const items = createMeasurementStore(library).list({ designId })
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({ id: 'old-1', label: 'old\\u{1b}[31m', data: { replicateNames: ['A\\u{202e}'] } })
  })
})
