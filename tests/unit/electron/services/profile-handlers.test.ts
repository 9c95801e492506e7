/**
 * The profile channels (issue #14, the app's Calibrate dialog and profile picker) through the
 * one IPC pipeline (dispatch + handlers) on a temporary library: a profile whose provenance is
 * the library's own data is saved as version 1, 2 of its name, listed and read back; bad input
 * is `bad-request` naming the field (schema), an unknown measurement or design version, a
 * measurement of another kind, another engine version; nothing is written then. An unknown
 * profile id is `not-found`.
 */
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDesignLibrary, type DesignLibrary } from '../../../../electron/db/library'
import { createMeasurementStore } from '../../../../electron/db/measurements'
import { dispatch } from '../../../../electron/services/dispatch'
import { ENGINE_VERSION, createHandlers } from '../../../../electron/services/handlers'
import type { Handlers } from '../../../../shared/ipc/contract'
import type { NewCalibrationProfile } from '../../../../shared/ipc/channels/profile'
import { loadExample, makeTempDir } from '../helpers'

let cleanup: () => void
let library: DesignLibrary
let handlers: Handlers
let designId: string
let measurementId: string

beforeEach(() => {
  const temp = makeTempDir()
  cleanup = temp.cleanup
  library = openDesignLibrary({ path: join(temp.dir, 'lib.db'), deferredMetrics: false, dailyBackup: false })
  handlers = createHandlers(library, { host: 'web', appVersion: '9.9.9' })
  const design = loadExample('lupus-rbc-silica.nanoforge.json')
  designId = library.saveDesign(design).designId
  measurementId = createMeasurementStore(library).add({
    designId, version: 1, kind: 'biodistribution', label: 'mouse study',
    data: { species: 'mouse', doseMgPerKg: 5, doseBasis: 'drug', timesH: [1, 24], tissues: { liver: { percentInjectedDose: [30, 40] } } },
  }).id
})
afterEach(() => {
  library.close()
  cleanup()
})

type ProvenanceMeasurement = NewCalibrationProfile['provenance']['measurements'][number]

function profile(over: Partial<NewCalibrationProfile> = {}, measurement: ProvenanceMeasurement = { id: measurementId, designId, version: 1, kind: 'biodistribution' }): NewCalibrationProfile {
  const prior = { median: 1, ci95: [0.3965, 2.522] as [number, number] }
  return {
    name: 'lab A', engineVersion: ENGINE_VERSION, seed: 3, parameters: ['liverKMax'],
    summary: {
      parameters: { liverKMax: { prior, posterior: { median: 2, ci95: [1.5, 2.6] }, informed: true, widthRatio: 0.3 } },
      within2Fold: { before: 0.5, after: 1, leaveOneOut: null }, notIdentifiable: [], leaveOneOut: null,
    },
    draws: { sampled: ['liverKMax'], ln: [[0.69], [0.7]] },
    diagnostics: { rHatMax: 1.002, essMin: 900, converged: true, chains: 4, warmup: 100, draws: 100, acceptance: [0.3], evaluations: 800, rHatLimit: 1.01, essLimit: 400, engineFailures: 0 },
    provenance: {
      designs: [{ designId: measurement.designId, versions: [measurement.version] }], measurements: [measurement],
      observations: 2, errorModel: {}, domain: { hydrodynamicDiameterNm: [100, 120], coreMaterials: ['mesoporous-silica'], surfaces: ['membrane:rbc'], species: ['mouse'], diseases: ['lupus-nephritis'] },
    },
    ...over,
  }
}

const count = async (): Promise<number> => {
  const r = await dispatch(handlers, 'profile:list', {})
  if (!r.ok) throw new Error(r.message)
  return (r.value as { items: unknown[] }).items.length
}

describe('profile channels', () => {
  it('saves versions per name, lists them newest first and reads one back with its draws', async () => {
    expect(await count()).toBe(0)
    const first = await dispatch(handlers, 'profile:save', { profile: profile() })
    expect(first).toMatchObject({ ok: true, value: { profile: { name: 'lab A', version: 1, designs: 1, measurements: 1, parameters: ['liverKMax'] } } })
    const second = await dispatch(handlers, 'profile:save', { profile: profile({ seed: 4 }) })
    expect(second).toMatchObject({ ok: true, value: { profile: { name: 'lab A', version: 2, seed: 4 } } })
    const listed = await dispatch(handlers, 'profile:list', {})
    expect(listed.ok && (listed.value as { items: Array<{ version: number }> }).items.map((p) => p.version).sort()).toEqual([1, 2])
    const id = first.ok ? (first.value as { profile: { id: string } }).profile.id : ''
    const got = await dispatch(handlers, 'profile:get', { id })
    expect(got).toMatchObject({ ok: true, value: { profile: { id, version: 1, draws: { sampled: ['liverKMax'], ln: [[0.69], [0.7]] } } } })
  })

  it('refuses a profile that breaks the schema, naming the field; nothing is written', async () => {
    const bad = { ...profile(), name: '   ' }
    const r = await dispatch(handlers, 'profile:save', { profile: bad })
    expect(r).toMatchObject({ ok: false, code: 'bad-request' })
    expect(!r.ok && r.issues?.map((i) => i.path)).toContain('profile.name')
    const notConverged = await dispatch(handlers, 'profile:save', { profile: { ...profile(), diagnostics: { ...profile().diagnostics, converged: false } } })
    expect(!notConverged.ok && notConverged.issues?.map((i) => i.path)).toContain('profile.diagnostics.converged')
    const ragged = await dispatch(handlers, 'profile:save', { profile: { ...profile(), draws: { sampled: ['liverKMax'], ln: [[0.1, 0.2]] } } })
    expect(!ragged.ok && ragged.issues?.map((i) => i.path)).toContain('profile.draws.ln[0]')
    expect(await count()).toBe(0)
  })

  it('refuses provenance the library does not hold, or another engine version, with the paths', async () => {
    const unknown = await dispatch(handlers, 'profile:save', { profile: profile({}, { id: 'no-such-measurement', designId, version: 1, kind: 'biodistribution' }) })
    expect(unknown).toMatchObject({ ok: false, code: 'bad-request' })
    expect(!unknown.ok && unknown.issues).toEqual([{ path: 'profile.provenance.measurements[0].id', message: `measurement no-such-measurement is not a live measurement of design ${designId} in the library` }])

    const wrongKind = await dispatch(handlers, 'profile:save', { profile: profile({}, { id: measurementId, designId, version: 1, kind: 'release' }) })
    expect(!wrongKind.ok && wrongKind.issues?.[0]).toMatchObject({ path: 'profile.provenance.measurements[0]', message: expect.stringMatching(/is a biodistribution measurement of design .* not a release measurement/) })

    const noVersion = await dispatch(handlers, 'profile:save', { profile: profile({}, { id: measurementId, designId, version: 7, kind: 'biodistribution' }) })
    expect(!noVersion.ok && noVersion.issues?.map((i) => i.path)).toEqual(['profile.provenance.designs[0]', 'profile.provenance.measurements[0]'])

    const older = await dispatch(handlers, 'profile:save', { profile: profile({ engineVersion: '0.0.1' }) })
    expect(!older.ok && older.issues?.map((i) => i.path)).toEqual(['profile.engineVersion'])
    expect(!older.ok && older.message).toMatch(/Nothing was written/)

    // a measurement in the trash is not live data
    createMeasurementStore(library).remove(measurementId)
    const trashed = await dispatch(handlers, 'profile:save', { profile: profile() })
    expect(!trashed.ok && trashed.issues?.map((i) => i.path)).toEqual(['profile.provenance.measurements[0].id'])
    expect(await count()).toBe(0)
  })

  it('answers not-found for an unknown profile id and bad-request for an id that is not one', async () => {
    expect(await dispatch(handlers, 'profile:get', { id: '00000000-0000-0000-0000-000000000000' })).toMatchObject({ ok: false, code: 'not-found', message: expect.stringMatching(/No calibration profile/) })
    const bad = await dispatch(handlers, 'profile:get', { id: '../etc' })
    expect(bad).toMatchObject({ ok: false, code: 'bad-request' })
    expect(!bad.ok && bad.issues?.map((i) => i.path)).toEqual(['id'])
    expect(await dispatch(handlers, 'profile:list', { extra: 1 })).toMatchObject({ ok: false, code: 'bad-request' })
  })

  it('refuses to save in a read-only library with its reason', async () => {
    const path = library.path
    library.close()
    library = openDesignLibrary({ path, readonly: true, deferredMetrics: false, dailyBackup: false })
    handlers = createHandlers(library, { host: 'web', appVersion: '9.9.9' })
    expect(await dispatch(handlers, 'profile:save', { profile: profile() })).toMatchObject({ ok: false, code: 'read-only' })
  })
})
