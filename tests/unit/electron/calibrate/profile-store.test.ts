/**
 * Schema v4 (calibration profiles): the v3 fixture upgrades (to v4 and on) keeping every row and gains
 * an empty, immutable profiles table; the committed v4 fixture's profile reads back; the store
 * numbers versions per name, refuses bad profiles with their paths and writes nothing then.
 */
import Database from 'better-sqlite3'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDesignLibrary, type DesignLibrary } from '../../../../electron/db/library'
import { SCHEMA_VERSION } from '../../../../electron/db/migrations'
import { createProfileStore, type NewCalibrationProfile } from '../../../../electron/db/profiles'
import { InvalidInputError } from '../../../../electron/db/errors'
import { REPO_ROOT, makeTempDir } from '../helpers'

const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'db')
let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = makeTempDir()))
afterEach(() => cleanup())

const open = (path: string): DesignLibrary => openDesignLibrary({ path, deferredMetrics: false, dailyBackup: false })

function profile(name: string): NewCalibrationProfile {
  const prior = { median: 1, ci95: [0.3965, 2.522] as [number, number] }
  return {
    name, engineVersion: '9.9.9', seed: 3, parameters: ['liverKMax'],
    summary: {
      parameters: { liverKMax: { prior, posterior: { median: 2, ci95: [1.5, 2.6] }, informed: true, widthRatio: 0.3 } },
      within2Fold: { before: 0.5, after: 1, leaveOneOut: 0.75 }, notIdentifiable: [],
      leaveOneOut: { folds: [{ heldOut: 'm1', points: 4, before: 0.5, after: 0.75 }], failedFolds: [] },
    },
    draws: { sampled: ['liverKMax'], ln: [[0.69], [0.7], [0.68]] },
    diagnostics: { rHatMax: 1.002, essMin: 900, converged: true, chains: 4, warmup: 100, draws: 100, acceptance: [0.3], evaluations: 800, rHatLimit: 1.01, essLimit: 400, engineFailures: 0 },
    provenance: {
      designs: [{ designId: 'd1', versions: [1] }], measurements: [{ id: 'm1', designId: 'd1', version: 1, kind: 'biodistribution' }],
      observations: 4, errorModel: {}, domain: { hydrodynamicDiameterNm: [100, 120], coreMaterials: ['gold'], surfaces: ['peg'], species: ['mouse'], diseases: ['healthy'] },
    },
  }
}

describe('schema v4: calibration profiles', () => {
  it('upgrades library-v3.db to v4 with every earlier row kept and an empty profiles table', () => {
    const path = join(dir, 'v3.db')
    copyFileSync(join(FIXTURES, 'library-v3.db'), path)
    const before = new Database(path, { readonly: true })
    const count = (db: Database.Database, table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
    const rowsBefore = ['designs', 'design_versions', 'measurements', 'design_tags', 'projects'].map((t) => count(before, t))
    before.close()
    const library = open(path)
    try {
      // v4 or later (a later step keeps the profiles table)
      expect(library.schemaVersion).toBe(SCHEMA_VERSION)
      expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(4)
      const db = library.connection
      expect(['designs', 'design_versions', 'measurements', 'design_tags', 'projects'].map((t) => count(db, t))).toEqual(rowsBefore)
      expect(rowsBefore[0]).toBe(3)
      expect(count(db, 'calibration_profiles')).toBe(0)
      expect(createProfileStore(library).list()).toEqual([])
      // the upgraded file takes a profile
      const saved = createProfileStore(library).save(profile('after upgrade'))
      expect(saved.version).toBe(1)
    } finally {
      library.close()
    }
  })

  it('reads the profile stored in library-v4.db, and keeps it immutable', () => {
    const path = join(dir, 'v4.db')
    copyFileSync(join(FIXTURES, 'library-v4.db'), path)
    const library = open(path)
    try {
      const store = createProfileStore(library)
      const listed = store.list()
      expect(listed).toHaveLength(1)
      expect(listed[0]).toMatchObject({ name: 'PLGA mouse liver', version: 1, designs: 1, measurements: 1, parameters: ['liverKMax', 'spleenKMax'] })
      expect(listed[0]!.problem).toBeUndefined()
      const p = store.resolve('20000000')
      expect(p.ok).toBe(true)
      if (!p.ok) return
      expect(p.profile.summary.parameters.liverKMax!.posterior!.median).toBe(1.8)
      expect(p.profile.draws.ln).toHaveLength(4)
      expect(p.profile.provenance.measurements[0]!.kind).toBe('biodistribution')
      const db = library.connection
      expect(() => db.prepare("UPDATE calibration_profiles SET name = 'x'").run()).toThrow(/immutable/)
      expect(() => db.prepare('DELETE FROM calibration_profiles').run()).toThrow(/immutable/)
      expect(store.list()[0]!.name).toBe('PLGA mouse liver')
    } finally {
      library.close()
    }
  })

  it('numbers versions per name (case-insensitive), resolves by prefix, refuses a bad profile with its path', () => {
    const library = open(join(dir, 'new.db'))
    try {
      const store = createProfileStore(library)
      const a1 = store.save(profile('Liver'), new Date('2026-01-01T00:00:00Z'))
      const b1 = store.save(profile('spleen'), new Date('2026-01-02T00:00:00Z'))
      const a2 = store.save(profile('liver'), new Date('2026-01-03T00:00:00Z'))
      expect([a1.version, b1.version, a2.version]).toEqual([1, 1, 2])
      expect(store.list().map((p) => p.id)).toEqual([a2.id, b1.id, a1.id])
      expect(store.get(a1.id)).toEqual(a1)
      expect(store.resolve(a2.id.slice(0, 8))).toMatchObject({ ok: true, profile: { id: a2.id } })
      expect(store.resolve('zzzz')).toMatchObject({ ok: false, reason: 'not-found' })
      expect(store.resolve('ab')).toMatchObject({ ok: false, reason: 'not-found' })
      const bad = { ...profile('bad'), draws: { sampled: ['liverKMax'], ln: [[0.1, 0.2]] } } as NewCalibrationProfile
      let error: unknown
      try { store.save(bad) } catch (e) { error = e }
      expect(error).toBeInstanceOf(InvalidInputError)
      expect((error as InvalidInputError).issues[0]!.path).toBe('draws.ln[0]')
      const badName = { ...profile('x'), name: 'a\u202Eb' }
      expect(() => store.save(badName)).toThrow(/name/)
      expect(store.list()).toHaveLength(3)
    } finally {
      library.close()
    }
  })
})
