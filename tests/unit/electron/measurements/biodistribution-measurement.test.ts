import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runMeasureAdd, runMeasureList } from '../../../../electron/cli/commands/measure'
import { main } from '../../../../electron/cli/main'
import { UsageError } from '../../../../electron/cli/commands/common'
import type { CliIo } from '../../../../electron/cli/types'
import { BundleValidationError, exportBundle, importBundle, parseBundle } from '../../../../electron/db/bundle'
import { openDesignLibrary, type DesignLibrary } from '../../../../electron/db/library'
import { MeasurementValidationError, createMeasurementStore, type MeasurementStore } from '../../../../electron/db/measurements'
import { dispatch } from '../../../../electron/services/dispatch'
import { createHandlers } from '../../../../electron/services/handlers'
import { loadExample, makeTempDir } from '../helpers'

/**
 * The in-vivo `biodistribution` kind end to end on real temp SQLite files: the store, the
 * IPC handlers, bundles and `nanoforge measure add --biodistribution`.
 */

let dir: string
let cleanup: () => void
let path: string
let library: DesignLibrary
let store: MeasurementStore
let designId: string

const study = {
  species: 'mouse',
  doseMgPerKg: 5,
  doseBasis: 'drug',
  timesH: [1, 4, 24],
  tissues: {
    liver: { percentInjectedDose: [30.5, 42, 38], sdPercentInjectedDose: [4.1, 5, null] },
    spleen: { percentInjectedDose: [5, null, 9.5] },
  },
  method: 'IVIS, DiR-labelled',
  notes: 'n = 4 per time point',
  sourceName: 'study-12.csv',
}

beforeEach(() => {
  const temp = makeTempDir()
  dir = temp.dir
  cleanup = temp.cleanup
  path = join(dir, 'lib.db')
  library = openDesignLibrary({ path })
  store = createMeasurementStore(library)
  designId = library.saveDesign(loadExample('ra-folate-peg-liposome.nanoforge.json')).designId
})
afterEach(() => {
  library.close()
  cleanup()
})

function issuesOf(run: () => unknown): Array<{ path: string; message: string }> {
  try {
    run()
  } catch (e) {
    if (e instanceof MeasurementValidationError) return [...e.issues]
    throw e
  }
  throw new Error('expected a validation error')
}

describe('biodistribution measurements in the store', () => {
  it('stores a study with a subset of tissues and reads it back exactly (nulls kept)', () => {
    const added = store.add({ designId, version: 1, kind: 'biodistribution', label: 'Study 12', measuredOn: '2026-09-30', data: study })
    expect(added).toMatchObject({ kind: 'biodistribution', version: 1, label: 'Study 12', measuredOn: '2026-09-30' })
    expect(added.data).toEqual(study)
    // A second connection (the CLI, after a restart) reads the same row.
    library.close()
    library = openDesignLibrary({ path })
    store = createMeasurementStore(library)
    expect(store.list({ designId, kind: 'biodistribution' })).toEqual([added])
  })

  it('refuses bad studies with a path per problem and stores nothing', () => {
    const issues = issuesOf(() => store.add({
      designId, version: 1, kind: 'biodistribution', label: '',
      data: {
        ...study, species: 'dog', doseMgPerKg: 0, timesH: [1, 4, 4],
        tissues: { liver: { percentInjectedDose: [30, 130, -1] }, spleen: { percentInjectedDose: [1, 2] }, livr: { percentInjectedDose: [1, 2, 3] } },
      },
    }))
    const paths = issues.map((i) => i.path)
    expect(paths).toEqual(expect.arrayContaining([
      'data.species', 'data.doseMgPerKg', 'data.tissues.liver.percentInjectedDose[1]', 'data.tissues.liver.percentInjectedDose[2]', 'data.tissues',
    ]))
    expect(issues.find((i) => i.path === 'data.tissues')?.message).toMatch(/livr/)
    expect(issues.find((i) => i.path === 'data.tissues.liver.percentInjectedDose[1]')?.message).toBe('% of injected dose is at most 120')

    // Structure checks run once the values are in bounds.
    const shape = issuesOf(() => store.add({
      designId, version: 1, kind: 'biodistribution', label: '',
      data: { ...study, timesH: [1, 4, 4], tissues: { liver: { percentInjectedDose: [1, 2], sdPercentInjectedDose: [null, 1, 1] }, spleen: { percentInjectedDose: [null, null, null] } } },
    }))
    expect(shape).toEqual(expect.arrayContaining([
      { path: 'data.timesH[2]', message: 'times must increase: 4 h follows 4 h' },
      { path: 'data.tissues.liver.percentInjectedDose', message: 'has 2 values for 3 time points' },
      { path: 'data.tissues.liver.sdPercentInjectedDose[2]', message: 'an SD without a mean value at that time' },
      { path: 'data.tissues.spleen.percentInjectedDose', message: 'every value is blank: at least one is needed' },
    ]))
    expect(issuesOf(() => store.add({ designId, version: 1, kind: 'biodistribution', label: '', data: { ...study, tissues: {} } })))
      .toEqual([{ path: 'data.tissues', message: expect.stringMatching(/^at least one tissue \(blood, liver/) }])
    expect(store.list({ designId, includeDeleted: true })).toEqual([])
  })

  it('answers bad-request with the paths through the IPC handlers, and adds a good study', async () => {
    const handlers = createHandlers(library, { host: 'web', appVersion: '0.0.0' })
    const bad = await dispatch(handlers, 'measurement:add', { designId, version: 1, kind: 'biodistribution', label: '', data: { ...study, doseBasis: 'carrier' } })
    expect(bad).toMatchObject({ ok: false, code: 'bad-request' })
    expect(!bad.ok && bad.issues?.map((i) => i.path)).toEqual(['data.doseBasis'])
    const good = await dispatch(handlers, 'measurement:add', { designId, version: 1, kind: 'biodistribution', label: 'ok', data: study })
    expect(good.ok).toBe(true)
    expect(await dispatch(handlers, 'measurement:list', { designId, kind: 'biodistribution' })).toMatchObject({ ok: true, value: { items: [{ label: 'ok', data: study }] } })
  })

  it('travels in a bundle and comes back identical; a damaged study in a bundle is refused with its path', () => {
    const added = store.add({ designId, version: 1, kind: 'biodistribution', label: 'Study 12', data: study })
    const bundle = exportBundle(library, [designId])
    expect(bundle.designs[0]!.measurements.map((m) => m.kind)).toEqual(['biodistribution'])
    const target = openDesignLibrary({ path: join(dir, 'other.db') })
    try {
      const summary = importBundle(target, JSON.stringify(bundle), { backup: false })
      expect(summary.measurementsAdded).toBe(1)
      expect(createMeasurementStore(target).get(added.id)).toEqual(added)

      const damaged = structuredClone(bundle) as unknown as { designs: Array<{ measurements: Array<{ data: { tissues: Record<string, unknown> } }> }> }
      damaged.designs[0]!.measurements[0]!.data.tissues.liver = { percentInjectedDose: [1, 'x', 3] }
      const parsed = parseBundle(JSON.stringify(damaged))
      expect(parsed.ok).toBe(false)
      expect(!parsed.ok && parsed.issues.map((i) => i.path)).toContain('designs[0].measurements[0].data.tissues.liver.percentInjectedDose[1]')
      expect(() => importBundle(target, JSON.stringify(damaged), { backup: false })).toThrow(BundleValidationError)
    } finally {
      target.close()
    }
  })
})

function capture(): CliIo & { out: () => string; err: () => string } {
  let out = ''
  let err = ''
  return { stdout: (t) => { out += t }, stderr: (t) => { err += t }, out: () => out, err: () => err }
}

describe('nanoforge measure add --biodistribution', () => {
  it('attaches a CSV with explicit species and dose, and lists it', async () => {
    library.close()
    const file = join(dir, 'study-12.csv')
    writeFileSync(file, 'time (h),liver,liver sd,spleen,joints\n1,30.5,4.1,5,0.4\n4,42,5,,0.9\n24,38,,9.5,1.2\n')
    let io = capture()
    expect(await runMeasureAdd([designId, '--version', '1', '--biodistribution', file, '--species', 'rat', '--dose', '2.5', '--dose-basis', 'particle',
      '--method', 'IVIS', '--measured-on', '2026-09-30', '--db', path, '--json'], io)).toBe(0)
    const m = JSON.parse(io.out()).measurement
    expect(m).toMatchObject({ kind: 'biodistribution', label: 'study-12', measuredOn: '2026-09-30' })
    expect(m.data).toMatchObject({ species: 'rat', doseMgPerKg: 2.5, doseBasis: 'particle', method: 'IVIS', timesH: [1, 4, 24] })
    expect(m.data.tissues).toEqual({
      liver: { percentInjectedDose: [30.5, 42, 38], sdPercentInjectedDose: [4.1, 5, null] },
      spleen: { percentInjectedDose: [5, null, 9.5] },
      joints: { percentInjectedDose: [0.4, 0.9, 1.2] },
    })
    io = capture()
    expect(await runMeasureList([designId, '--db', path], io)).toBe(0)
    expect(io.out()).toMatch(/biodistribution rat 2\.5 mg\/kg \(particle\) liver,spleen,joints at 1, 4, 24 h/)
    library = openDesignLibrary({ path })
  })

  it('takes species and dose from the version when not given, and exits 2 with line numbers for a bad file', async () => {
    library.close()
    const context = loadExample('ra-folate-peg-liposome.nanoforge.json').context
    const good = join(dir, 'd.csv')
    writeFileSync(good, 'time (d);spleen\n1;2,5\n')
    let io = capture()
    expect(await runMeasureAdd([designId, '--version', '1', '--biodistribution', good, '--db', path, '--json'], io)).toBe(0)
    expect(JSON.parse(io.out()).measurement.data).toMatchObject({ species: context.species, doseMgPerKg: context.dose.mgPerKg, doseBasis: context.dose.basis, timesH: [24] })
    expect(io.err()).toMatch(/taken from version 1's context/)

    const bad = join(dir, 'bad.csv')
    writeFileSync(bad, 'time (h),liver,kidney\n1,20,3\n2,abc,4\n')
    io = capture()
    expect(await main(['measure', 'add', designId, '--version', '1', '--biodistribution', bad, '--db', path, '--json'], io)).toBe(2)
    const error = JSON.parse(io.out()).error
    expect(error.written).toBe(false)
    expect(error.issues[0]).toMatchObject({ path: 'line 1', message: expect.stringMatching(/'kidney' is not a tissue/) })
    await expect(runMeasureAdd([designId, '--version', '1', '--zeta', '1', '--species', 'rat', '--db', path], capture())).rejects.toThrow(UsageError)
    library = openDesignLibrary({ path })
    expect(createMeasurementStore(library).list({ designId })).toHaveLength(1)
  })
})
