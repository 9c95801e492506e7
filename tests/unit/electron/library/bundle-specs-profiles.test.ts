/**
 * Bundles carry project specifications and calibration profiles (bundle v2; issues #14, #16):
 * export → import into a fresh library gives the same limits and the same profiles (content
 * byte for byte, provenance valid there), every imported row audited and the chain intact
 * (`db verify`); importing again adds nothing. Conflicts: a project here with a different limit
 * keeps its own (reported, never overwritten) and takes the limits it lacks; a profile name
 * taken here gets the next version; a design imported as a conflict copy (new id, fresh
 * measurement ids) has its profiles' provenance mapped to those ids. A bundle written by the
 * previous build (v1, tests/fixtures/bundles/bundle-v1.nanoforge-bundle.json, made by the v1
 * exporter from tests/fixtures/db/library-v6.db) still imports. Bad content is refused with its
 * JSON path and nothing is written. An export leaves out a profile also learned on a design not
 * exported, and says why.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDesignLibrary, type DesignLibrary } from '../../../../electron/db/library'
import { designDocumentHash } from '../../../../electron/db/library'
import { createMeasurementStore } from '../../../../electron/db/measurements'
import { createProfileStore } from '../../../../electron/db/profiles'
import { projectSpecs, setSpecLimit } from '../../../../electron/db/specs'
import { verifyAuditTrail } from '../../../../electron/db/audit'
import { BundleValidationError } from '../../../../electron/db/errors'
import { BUNDLE_VERSION, exportBundle, importBundle, parseBundle, profilesForExport, type Bundle } from '../../../../electron/db/bundle'
import { ENGINE_VERSION } from '../../../../shared/engine/version'
import type { NewCalibrationProfile } from '../../../../shared/ipc/channels/profile'
import { REPO_ROOT, loadExample, makeTempDir } from '../helpers'
import { createHandlers } from '../../../../electron/services/handlers'
import { ExportBundleResponse } from '../../../../shared/ipc/channels/library'

let dir: string
let cleanup: () => void
const opened: DesignLibrary[] = []
beforeEach(() => ({ dir, cleanup } = makeTempDir()))
afterEach(() => {
  for (const l of opened.splice(0)) l.close()
  cleanup()
})

const lib = (name: string): DesignLibrary => {
  const l = openDesignLibrary({ path: join(dir, name), deferredMetrics: false, dailyBackup: false })
  opened.push(l)
  return l
}

/** A calibration profile learned on one biodistribution measurement (shape of the calibrate contract). */
function profile(name: string, designId: string, measurementId: string, medianX: number): NewCalibrationProfile {
  const prior = { median: 1, ci95: [0.3965, 2.522] as [number, number] }
  return {
    name, engineVersion: ENGINE_VERSION, seed: 7, parameters: ['liverKMax'],
    summary: {
      parameters: { liverKMax: { prior, posterior: { median: medianX, ci95: [medianX * 0.8, medianX * 1.3] }, informed: true, widthRatio: 0.3 } },
      within2Fold: { before: 0.5, after: 1, leaveOneOut: null }, notIdentifiable: [], leaveOneOut: null,
    },
    draws: { sampled: ['liverKMax'], ln: [[Math.log(medianX)], [Math.log(medianX) + 0.01]] },
    diagnostics: { rHatMax: 1.002, essMin: 900, converged: true, chains: 4, warmup: 500, draws: 2, acceptance: [0.3, 0.3, 0.3, 0.3], evaluations: 100, rHatLimit: 1.01, essLimit: 400, engineFailures: 0 },
    provenance: {
      designs: [{ designId, versions: [1] }],
      measurements: [{ id: measurementId, designId, version: 1, kind: 'biodistribution' }],
      observations: 2, errorModel: { kind: 'log-normal' },
      domain: { hydrodynamicDiameterNm: [100, 120], coreMaterials: ['silica'], surfaces: ['rbc-membrane'], species: ['mouse'], diseases: ['lupus'] },
    },
  }
}

const BIO = { species: 'mouse', doseMgPerKg: 5, doseBasis: 'drug', timesH: [1, 24], tissues: { liver: { percentInjectedDose: [30, 40] } } } as const

/** A source library: design A in project "RA liposomes" with two limits, a study and two profile versions. */
function source(): { library: DesignLibrary; designId: string; projectId: string; measurementId: string } {
  const library = lib('source.db')
  const designId = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
  const projectId = library.createProject('RA liposomes').projectId
  library.moveToProject([designId], projectId)
  setSpecLimit(library, projectId, { attribute: 'zAverageNm', min: 80, max: 150, note: 'EPR window' })
  setSpecLimit(library, projectId, { attribute: 'pdi', min: null, max: 0.2, note: '' })
  const measurementId = createMeasurementStore(library).add({ designId, version: 1, kind: 'biodistribution', label: 'mouse study', data: BIO }).id
  const store = createProfileStore(library)
  store.save(profile('lab A', designId, measurementId, 2))
  store.save(profile('lab A', designId, measurementId, 2.5))
  return { library, designId, projectId, measurementId }
}

const limits = (l: DesignLibrary, projectId: string): Array<[string, number | null, number | null, string]> =>
  projectSpecs(l, projectId).specs.map((s) => [s.attribute, s.min, s.max, s.note])

const auditActions = (l: DesignLibrary): string[] =>
  (l.connection.prepare('SELECT action FROM audit_log ORDER BY seq').all() as Array<{ action: string }>).map((r) => r.action)

/** A profile without what the store assigns (id, version, created), for comparing content. */
const content = ({ id: _i, version: _v, createdAt: _c, ...rest }: { id: string; version: number; createdAt: string } & Record<string, unknown>): Record<string, unknown> => rest

describe('bundle v2: specifications and calibration profiles', () => {
  it('round-trips limits and profiles into a fresh library, audited, db verify intact, and a second import adds nothing', () => {
    const src = source()
    const text = JSON.stringify(exportBundle(src.library, [src.designId]))
    const parsed = parseBundle(text)
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.bundle.version).toBe(2)
    expect(BUNDLE_VERSION).toBe(2)
    expect(parsed.bundle.projects.map((p) => [p.name, p.specs.length])).toEqual([['RA liposomes', 2]])
    expect(parsed.bundle.profiles.map((p) => [p.name, p.version])).toEqual([['lab A', 1], ['lab A', 2]])

    const target = lib('target.db')
    const before = auditActions(target).length
    const summary = importBundle(target, text)
    expect(summary).toMatchObject({ designsAdded: 1, specsAdded: 2, specsSkipped: 0, specConflicts: [], profilesAdded: 2, profilesSkipped: 0 })
    // Same limits, in the project of the same name (here created with the bundle's id).
    const projectHere = target.listProjects().find((p) => p.name === 'RA liposomes')!
    expect(limits(target, projectHere.projectId)).toEqual(limits(src.library, src.projectId))
    expect(limits(target, projectHere.projectId)).toEqual([['zAverageNm', 80, 150, 'EPR window'], ['pdi', null, 0.2, '']])
    // Same profiles: ids, versions, created times and every field of content.
    const srcStore = createProfileStore(src.library)
    const tgtStore = createProfileStore(target)
    for (const item of srcStore.list()) {
      const a = srcStore.get(item.id)!
      const b = tgtStore.get(item.id)!
      expect(b).toEqual(a)
    }
    // The provenance resolves here: the design version and the measurement exist live.
    const p = tgtStore.list()[0]!
    expect(p.problem).toBeUndefined()
    expect(createMeasurementStore(target).list({ designId: src.designId }).map((m) => m.id)).toEqual([src.measurementId])
    // Audited: the design, two limits as `db specs set` logs them, two profiles as `calibrate` logs them.
    const added = auditActions(target).slice(before)
    expect(added.filter((a) => a === 'project.spec-set')).toHaveLength(2)
    expect(added.filter((a) => a === 'profile.save')).toHaveLength(2)
    const specEntry = target.connection.prepare(`SELECT detail FROM audit_log WHERE action = 'project.spec-set' ORDER BY seq LIMIT 1`).get() as { detail: string }
    expect(JSON.parse(specEntry.detail)).toMatchObject({ attribute: 'zAverageNm', min: 80, max: 150, note: 'EPR window', previous: null, source: { projectId: src.projectId } })
    expect(verifyAuditTrail(target.connection)).toMatchObject({ intact: true })

    const n = auditActions(target).length
    const again = importBundle(target, text)
    expect(again).toMatchObject({ designsAdded: 0, versionsAdded: 0, specsAdded: 0, specsSkipped: 2, profilesAdded: 0, profilesSkipped: 2 })
    expect(auditActions(target)).toHaveLength(n)
    expect(tgtStore.list()).toHaveLength(2)
  })

  it('keeps a different local limit (reported), adds the missing one, and gives a taken profile name the next versions', () => {
    const src = source()
    const text = JSON.stringify(exportBundle(src.library, [src.designId]))
    const target = lib('target.db')
    // The receiving lab's own project of the same name (any case), its own size limit and its own "lab A".
    const local = target.createProject('ra LIPOSOMES')
    setSpecLimit(target, local.projectId, { attribute: 'zAverageNm', min: 90, max: 140, note: 'our window' })
    const localDesign = target.saveDesign(loadExample('t1d-tolerogenic-plga.nanoforge.json')).designId
    const localMeasurement = createMeasurementStore(target).add({ designId: localDesign, version: 1, kind: 'biodistribution', label: 'ours', data: BIO }).id
    createProfileStore(target).save(profile('lab A', localDesign, localMeasurement, 3))

    const summary = importBundle(target, text)
    expect(summary.specsAdded).toBe(1)
    expect(summary.specConflicts).toEqual([{
      projectId: local.projectId, projectName: 'ra LIPOSOMES', attribute: 'zAverageNm',
      local: { min: 90, max: 140, note: 'our window' }, bundle: { min: 80, max: 150, note: 'EPR window' }, reason: expect.stringMatching(/local limit was kept/),
    }])
    expect(limits(target, local.projectId)).toEqual([['zAverageNm', 90, 140, 'our window'], ['pdi', null, 0.2, '']])
    // The bundle's design went into the local project (same name), not a second project.
    expect(target.listProjects().map((p) => p.name)).toEqual(['ra LIPOSOMES'])
    expect(summary.profiles?.map((p) => [p.name, p.sourceVersion, p.version])).toEqual([['lab A', 1, 2], ['lab A', 2, 3]])
    expect(createProfileStore(target).list().map((p) => p.version).sort()).toEqual([1, 2, 3])
    expect(verifyAuditTrail(target.connection)).toMatchObject({ intact: true })
  })

  it('maps a profile\'s provenance to a design imported as a conflict copy (new design id, new measurement ids)', () => {
    const src = source()
    const bundle = exportBundle(src.library, [src.designId])
    // The target has the same design id with a different version 1 (edited on two machines).
    const other = structuredClone(bundle) as { -readonly [K in keyof Bundle]: Bundle[K] } & { designs: Array<{ versions: Array<{ design: { name: string }; documentHash: string }>; measurements: unknown[] }> }
    other.designs[0]!.versions[0]!.design.name = 'Edited elsewhere'
    other.designs[0]!.versions[0]!.documentHash = designDocumentHash(other.designs[0]!.versions[0]!.design as never)
    other.designs[0]!.measurements = []
    other.projects = []
    other.profiles = []
    const target = lib('target.db')
    importBundle(target, JSON.stringify(other))

    const summary = importBundle(target, JSON.stringify(bundle))
    expect(summary.conflicts).toHaveLength(1)
    const copyId = summary.conflicts[0]!.importedAsDesignId
    const copyMeasurements = createMeasurementStore(target).list({ designId: copyId })
    expect(copyMeasurements).toHaveLength(1)
    expect(copyMeasurements[0]!.id).not.toBe(src.measurementId)
    const store = createProfileStore(target)
    for (const item of store.list()) {
      const p = store.get(item.id)!
      expect(p.provenance.designs).toEqual([{ designId: copyId, versions: [1] }])
      expect(p.provenance.measurements).toEqual([{ id: copyMeasurements[0]!.id, designId: copyId, version: 1, kind: 'biodistribution' }])
      const original = createProfileStore(src.library).get(item.id)!
      // Everything but the provenance's ids is as calibrated.
      expect({ ...content(p as never), provenance: undefined }).toEqual({ ...content(original as never), provenance: undefined })
    }
    // Importing again finds the copy and its measurement by content: nothing added.
    expect(importBundle(target, JSON.stringify(bundle))).toMatchObject({ designsAdded: 0, profilesAdded: 0, profilesSkipped: 2 })
    expect(verifyAuditTrail(target.connection)).toMatchObject({ intact: true })
  })

  it('imports a bundle written by the previous build (v1): designs, project and measurements, no limits or profiles', () => {
    const text = readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'bundles', 'bundle-v1.nanoforge-bundle.json'), 'utf8')
    expect(JSON.parse(text)).toMatchObject({ version: 1 })
    expect(JSON.parse(text)).not.toHaveProperty('projects')
    const target = lib('target.db')
    const summary = importBundle(target, text)
    expect(summary).toMatchObject({ designsAdded: 3, measurementsAdded: 1, specsAdded: 0, profilesAdded: 0, specConflicts: [] })
    expect(target.listProjects().map((p) => p.name)).toEqual(['Autoimmune screen'])
    expect(projectSpecs(target, target.listProjects()[0]!.projectId).specs).toEqual([])
    expect(verifyAuditTrail(target.connection)).toMatchObject({ intact: true })
  })

  it('refuses bad limits, profiles and envelopes with their JSON paths and writes nothing', () => {
    const src = source()
    const good = exportBundle(src.library, [src.designId])
    /** The parts of a bundle the variants edit, loosely typed (the point is to break them). */
    type Loose = {
      version: number
      projects: Array<{ projectId: string; specs: Array<Record<string, unknown>> }>
      profiles?: Array<{ provenance: { measurements: Array<{ id: string }>; designs: Array<{ versions: number[] }> }; diagnostics: { converged: boolean } }>
    }
    const variants: Array<[string, (b: Loose) => void, string]> = [
      ['a PDI limit above 1', (b) => { b.projects[0]!.specs[1]!.max = 1.5 }, 'projects[0].specs[1].max'],
      ['min above max', (b) => { b.projects[0]!.specs[0]!.min = 200 }, 'projects[0].specs[0].max'],
      ['an unknown attribute', (b) => { b.projects[0]!.specs[0]!.attribute = 'colour' }, 'projects[0].specs[0].attribute'],
      ['two limits for one attribute', (b) => { b.projects[0]!.specs[1] = { ...b.projects[0]!.specs[0] } }, 'projects[0].specs[1].attribute'],
      ['a project no design is in', (b) => { b.projects[0]!.projectId = '00000000-0000-4000-8000-00000000beef' }, 'projects[0].projectId'],
      ['a profile citing a measurement not in the bundle', (b) => { b.profiles![0]!.provenance.measurements[0].id = 'not-here' }, 'profiles[0].provenance.measurements[0].id'],
      ['a profile citing a design version not in the bundle', (b) => { b.profiles![1]!.provenance.designs[0].versions = [2] }, 'profiles[1].provenance.designs[0].versions[0]'],
      ['a profile that is not converged', (b) => { b.profiles![0]!.diagnostics.converged = false }, 'profiles[0].diagnostics.converged'],
      ['a v2 bundle without profiles', (b) => { delete b.profiles }, 'profiles'],
      ['a v1 bundle carrying projects', (b) => { b.version = 1 }, ''],
      ['a future version', (b) => { b.version = 3 }, 'version'],
    ]
    const target = lib('target.db')
    const n = auditActions(target).length
    for (const [what, edit, path] of variants) {
      const b = structuredClone(good) as unknown as Loose
      edit(b)
      const parsed = parseBundle(JSON.stringify(b))
      expect(parsed.ok, what).toBe(false)
      if (!parsed.ok) expect(parsed.issues.map((i) => i.path), what).toContain(path)
      expect(() => importBundle(target, JSON.stringify(b)), what).toThrow(BundleValidationError)
    }
    expect(auditActions(target)).toHaveLength(n)
    expect(target.listProjects()).toEqual([])
    expect(createProfileStore(target).list()).toEqual([])
    expect(target.listDesigns({}).total).toBe(0)
  })

  it('leaves out of an export a profile also learned on a design not exported, and says why', async () => {
    const src = source()
    const other = src.library.saveDesign(loadExample('t1d-tolerogenic-plga.nanoforge.json')).designId
    const m2 = createMeasurementStore(src.library).add({ designId: other, version: 1, kind: 'biodistribution', label: 'study 2', data: BIO }).id
    const both = profile('two designs', src.designId, src.measurementId, 1.5)
    const both2 = { ...both, provenance: { ...both.provenance, designs: [...both.provenance.designs, { designId: other, versions: [1] }], measurements: [...both.provenance.measurements, { id: m2, designId: other, version: 1, kind: 'biodistribution' as const }] } }
    createProfileStore(src.library).save(both2)
    const { profiles, leftOut } = profilesForExport(src.library, [src.designId])
    expect(profiles.map((p) => p.name)).toEqual(['lab A', 'lab A'])
    expect(leftOut).toEqual([{ id: expect.any(String), name: 'two designs', version: 1, reason: expect.stringContaining(other) }])
    expect(exportBundle(src.library, [src.designId, other]).profiles.map((p) => p.name)).toEqual(['lab A', 'lab A', 'two designs'])
    // the app's export says the same through its channel (the CLI prints it on stderr)
    const res = await createHandlers(src.library, { host: 'web', appVersion: 't' })['library:export']({ designIds: [src.designId] })
    expect(res.ok).toBe(true)
    if (!res.ok) return
    expect(ExportBundleResponse.parse(res.value)).toBeTruthy()
    expect(res.value.profileCount).toBe(2)
    expect(res.value.profilesLeftOut).toEqual([{ name: 'two designs', version: 1, reason: expect.stringContaining(other) }])
  })
})
