/**
 * `nanoforge suggest` (issue #14, next experiment) on a temporary library: a saved design with
 * an in-vivo study whose liver reads 1.5× and spleen 2× the engine (and the target as the
 * engine; the liver of the default PEG-PLGA holds ~74 %ID at 4 h, and a %ID above 120 is refused), a
 * profile saved through the profile store (its draws are prior draws: what a calibration that
 * learned little would keep), and a goal over the core diameter. The suggestions follow the
 * contract, are the same for the same seed, carry the lab's lesson (liver + spleen expected
 * above the engine's), and leave the library untouched; a bad goal file, an unknown profile
 * and a missing --profile are exit 2 naming what is wrong.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDesignLibrary } from '../../../../electron/db/library'
import { createMeasurementStore } from '../../../../electron/db/measurements'
import { createProfileStore } from '../../../../electron/db/profiles'
import { newDesign } from '../../../../shared/design/defaults'
import { validateDesign } from '../../../../shared/design/schema'
import { biodistributionStudyFromMeasurement, predictBiodistributionStudy, priorOf } from '../../../../shared/engine/calibrate'
import { designDomain } from '../../../../shared/engine/calibrate/domain'
import { mulberry32, standardNormal } from '../../../../shared/engine/pbpk/random'
import { ENGINE_VERSION } from '../../../../shared/engine/version'
import { fileHash, makeTempDir } from '../helpers'
import { runInProcess } from './support/in-process'

let dir: string
let cleanup: () => void
let db: string
let profileId: string
let goalFile: string
const design = newDesign()
const TIMES_H = [1, 4, 24, 48]
const TISSUES = ['blood', 'liver', 'spleen', 'joints'] as const
const FACTOR: Record<(typeof TISSUES)[number], number> = { blood: 1, liver: 1.5, spleen: 2, joints: 1 }

beforeAll(() => {
  ({ dir, cleanup } = makeTempDir('nanoforge-suggest-'))
  db = join(dir, 'lib.db')
  const library = openDesignLibrary({ path: db, deferredMetrics: false, dailyBackup: false })
  try {
    const saved = library.saveDesign(design)
    const skeleton = {
      species: design.context.species, doseMgPerKg: design.context.dose.mgPerKg, doseBasis: design.context.dose.basis, timesH: TIMES_H,
      tissues: Object.fromEntries(TISSUES.map((t) => [t, { percentInjectedDose: TIMES_H.map(() => 1) }])),
    }
    const study = biodistributionStudyFromMeasurement({ id: 'x', design, data: skeleton })
    const engine = predictBiodistributionStudy(study, {})
    const valueOf = (t: string, h: number): number => engine[study.observations.findIndex((o) => o.quantity === 'percentDose' && o.tissue === t && o.timeH === h)]!
    const m = createMeasurementStore(library).add({
      designId: saved.designId, version: 1, kind: 'biodistribution', label: 'lab', data: {
        ...skeleton, tissues: Object.fromEntries(TISSUES.map((t) => [t, { percentInjectedDose: TIMES_H.map((h) => valueOf(t, h) * FACTOR[t]) }])),
      },
    })
    const u = mulberry32(5)
    const sampled = ['liverKMax', 'spleenKMax'] as const
    const interval = { median: 1, ci95: [0.4, 2.5] as [number, number] }
    profileId = createProfileStore(library).save({
      name: 'lab profile', engineVersion: ENGINE_VERSION, seed: 1, parameters: [...sampled],
      summary: {
        parameters: { liverKMax: { prior: interval, posterior: interval, informed: true, widthRatio: 1 }, spleenKMax: { prior: interval, posterior: interval, informed: true, widthRatio: 1 } },
        within2Fold: { before: null, after: null, leaveOneOut: null }, notIdentifiable: [], leaveOneOut: null,
      },
      draws: { sampled: [...sampled], ln: Array.from({ length: 100 }, () => sampled.map((id) => priorOf(id).sigmaLn * standardNormal(u))) },
      diagnostics: { rHatMax: 1.001, essMin: 1000, converged: true, chains: 4, warmup: 10, draws: 100, acceptance: [0.3, 0.3, 0.3, 0.3], evaluations: 440, rHatLimit: 1.01, essLimit: 400, engineFailures: 0 },
      provenance: {
        designs: [{ designId: saved.designId, versions: [1] }],
        measurements: [{ id: m.id, designId: saved.designId, version: 1, kind: 'biodistribution' }],
        observations: 16, errorModel: {}, domain: designDomain([{ design, species: 'mouse' }]),
      },
    }).id
  } finally {
    library.close()
  }
  goalFile = join(dir, 'goal.json')
  writeFileSync(goalFile, JSON.stringify({
    format: 'nanoforge.goal', version: 1, base: design,
    vary: [{ path: 'core.diameterNm', min: 60, max: 240 }],
    objectives: [{ metric: 'targetAucPercentDoseH', sense: 'max' }],
    constraints: [{ metric: 'liverSpleenAt24hPercentDose', max: 70 }],
  }))
})
afterAll(() => cleanup())

describe('nanoforge suggest', () => {
  it('prints the contract: K designs with expected metrics, why and what would settle it; same seed, same answer; nothing written', async () => {
    const before = fileHash(db)
    const args = ['suggest', goalFile, '--profile', profileId.slice(0, 8), '--db', db, '--count', '2', '--seed', '3', '--candidates', '12', '--json']
    const r = await runInProcess(...args)
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.suggestions).toHaveLength(2)
    expect(out.profile).toMatchObject({ id: profileId, name: 'lab profile', version: 1 })
    // the lab point: liver + spleen at 24 h read 2× the engine; target as the engine
    expect(out.lab).toHaveLength(1)
    expect(out.lab[0].metrics.sort()).toEqual(['liverSpleenAt24hPercentDose', 'targetAucPercentDoseH', 'targetToLiverSpleenAucRatio'])
    for (const s of out.suggestions) {
      expect(validateDesign(s.design).valid).toBe(true)
      expect(s.design.core.diameterNm).toBeGreaterThanOrEqual(60)
      expect(s.design.core.diameterNm).toBeLessThanOrEqual(240)
      for (const metric of ['targetAucPercentDoseH', 'liverSpleenAt24hPercentDose']) {
        const e = s.expected[metric]
        expect(e.ci95[0]).toBeLessThan(e.median)
        expect(e.median).toBeLessThan(e.ci95[1])
      }
      // learned from the lab: liver + spleen expected above what the engine alone says
      expect(s.expected.liverSpleenAt24hPercentDose.median).toBeGreaterThan(s.engine.liverSpleenAt24hPercentDose)
      expect(typeof s.why).toBe('string')
      expect(s.why.length).toBeGreaterThan(40)
      expect(s.settle.measurement.length).toBeGreaterThan(10)
    }
    const again = await runInProcess(...args)
    expect(again.stdout).toBe(r.stdout)
    expect(fileHash(db)).toBe(before)
    const human = await runInProcess('suggest', goalFile, '--profile', profileId, '--db', db, '--count', '1', '--candidates', '8')
    expect(human.code, human.stderr).toBe(0)
    expect(human.stdout).toMatch(/Next experiments with calibration profile lab profile v1/)
    expect(human.stdout).toMatch(/1\. core\.diameterNm = /)
    expect(human.stdout).toMatch(/Why: /)
    expect(human.stderr).toMatch(/suggest: \d+\/\d+ designs scored/)
  }, 60_000)

  it('a bad goal file exits 2 with every problem at its JSON path', async () => {
    const bad = join(dir, 'bad.json')
    const goal = JSON.parse(readFileSync(goalFile, 'utf8'))
    writeFileSync(bad, JSON.stringify({ ...goal, vary: [{ path: 'core.diameterNm', min: 300, max: 60 }], objectives: [{ metric: 'selectivty', sense: 'max' }] }))
    const r = await runInProcess('suggest', bad, '--profile', profileId, '--db', db, '--json')
    expect(r.code).toBe(2)
    const error = JSON.parse(r.stdout).error
    expect(error.code).toBe('bad-input')
    expect(error.reason).toBe('invalid-goal')
    const paths = error.issues.map((i: { path: string }) => i.path)
    expect(paths).toContain('objectives[0].metric')
    expect(paths).toContain('vary[0].max')
  })

  it('an unknown profile, a missing --profile and a bad --count are exit 2 naming them', async () => {
    const unknown = await runInProcess('suggest', goalFile, '--profile', 'ffffffff-0000', '--db', db, '--json')
    expect(unknown.code).toBe(2)
    const error = JSON.parse(unknown.stdout).error
    expect(error).toMatchObject({ code: 'bad-input', reason: 'not-found' })
    expect(error.issues[0].path).toBe('--profile')
    expect(error.message).toMatch(/Nothing was suggested/)
    const missing = await runInProcess('suggest', goalFile, '--db', db)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/--profile ID is required/)
    const count = await runInProcess('suggest', goalFile, '--profile', profileId, '--db', db, '--count', '6')
    expect(count.code).toBe(2)
    expect(count.stderr).toMatch(/--count must be a whole number from 1 to 5, got '6'/)
  })

  it('says when in-vivo data were attached to the profile\'s design after it was learned (they are not among the lab points)', async () => {
    const args = ['suggest', goalFile, '--profile', profileId, '--db', db, '--count', '1', '--candidates', '4', '--json']
    const before = JSON.parse((await runInProcess(...args)).stdout)
    expect(before.warnings).toEqual([])
    const library = openDesignLibrary({ path: db, deferredMetrics: false, dailyBackup: false })
    let added: string
    try {
      const used = createProfileStore(library).get(profileId)!.provenance.measurements[0]!
      const m = createMeasurementStore(library).get(used.id)!
      if (m.kind !== 'biodistribution') throw new Error('expected the lab study')
      added = createMeasurementStore(library).add({ designId: m.designId, version: 1, kind: 'biodistribution', label: 'repeat', data: m.data }).id
    } finally {
      library.close()
    }
    const r = await runInProcess(...args)
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.warnings).toEqual([`1 in-vivo or release measurement was attached to the profile's designs after it was learned (${added.slice(0, 8)}): calibrate again to include it`])
    // the lab points are still the profile's own measurement only
    expect(out.lab).toHaveLength(1)
    expect(out.lab[0].source).not.toBe(added)
    const human = await runInProcess('suggest', goalFile, '--profile', profileId, '--db', db, '--count', '1', '--candidates', '4')
    expect(human.stderr).toContain('warning: 1 in-vivo or release measurement was attached')
  }, 60_000)
})
