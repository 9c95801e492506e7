/**
 * Censoring below the limit of quantification from the lab's side (issue #14: "censoring of
 * values below the limit of quantification"): `measure add --biodistribution FILE --loq X`
 * stores the study's LOQ with it, and `nanoforge calibrate` then counts a 0 (or any value at
 * or below X) as censored instead of refusing it. Without --loq the 0 is refused, and the
 * message says how to give the LOQ. A bad --loq is refused at its field, nothing written.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDesignLibrary } from '../../../../electron/db/library'
import { createMeasurementStore } from '../../../../electron/db/measurements'
import { biodistributionStudyFromMeasurement, predictBiodistributionStudy } from '../../../../shared/engine/calibrate'
import type { Design } from '../../../../shared/design/types'
import { runInProcess } from '../cli/support/in-process'
import { fileHash, fixturePath, makeTempDir } from '../helpers'

const TIMES_H = [1, 4, 24]
const TISSUES = ['blood', 'liver', 'spleen'] as const

let dir: string
let cleanup: () => void
let db: string
let designId: string
let csv: string

beforeAll(() => {
  ({ dir, cleanup } = makeTempDir())
  db = join(dir, 'lib.db')
  const library = openDesignLibrary({ path: db, deferredMetrics: false, dailyBackup: false })
  let design: Design
  try {
    designId = library.saveDesign(JSON.parse(readFileSync(fixturePath('ra-folate-peg-liposome.nanoforge.json'), 'utf8')) as Design).designId
    design = library.getDesign(designId)!.design
  } finally {
    library.close()
  }
  // the engine with liver uptake × 2 (any numbers the likelihood can take), and the spleen at
  // 1 h reported as 0: below the assay's LOQ of 0.5 %ID
  const data = {
    species: design.context.species, doseMgPerKg: design.context.dose.mgPerKg, doseBasis: design.context.dose.basis, timesH: TIMES_H,
    tissues: Object.fromEntries(TISSUES.map((t) => [t, { percentInjectedDose: TIMES_H.map(() => 1) }])),
  }
  const skeleton = biodistributionStudyFromMeasurement({ id: 'x', design, data })
  const mu = predictBiodistributionStudy(skeleton, { liverKMax: 2 })
  const value = (tissue: string, timeH: number): number => mu[skeleton.observations.findIndex((o) => o.quantity !== 'bloodHalfLifeH' && o.tissue === tissue && o.timeH === timeH)]!
  csv = join(dir, 'study.csv')
  writeFileSync(csv, `time (h),${TISSUES.join(',')}\n${TIMES_H.map((h) => `${h},${TISSUES.map((t) => (t === 'spleen' && h === 1 ? '0' : value(t, h).toPrecision(4))).join(',')}`).join('\n')}\n`)
})
afterAll(() => cleanup())

const add = (...extra: string[]) => runInProcess('measure', 'add', designId, '--version', '1', '--biodistribution', csv, '--db', db, '--json', ...extra)

describe('a study with a value below the limit of quantification', () => {
  it('is refused by calibrate without an LOQ, and the message says how to give one', async () => {
    expect((await add()).code).toBe(0)
    const r = await runInProcess('calibrate', designId, '--samples', '16', '--db', db, '--json')
    expect(r.code).toBe(2)
    const issue = JSON.parse(r.stdout).error.issues[0]
    expect(issue.path).toBe('data.tissues.spleen.percentInjectedDose[0]')
    expect(issue.message).toMatch(/--loq/)
    // the measurement is kept (bad for calibration, still a valid record); remove it for the next test
    const id = JSON.parse(r.stdout).error.issues[0].message.match(/measurement ([0-9a-f-]{36})/)[1]
    expect((await runInProcess('measure', 'delete', id, '--db', db)).code).toBe(0)
  })

  it('a bad --loq is refused at its field and writes nothing; --loq without --biodistribution is a usage error', async () => {
    const before = fileHash(db)
    let r = await add('--loq', '0')
    expect(r.code).toBe(2)
    expect(JSON.stringify(JSON.parse(r.stdout).error.issues)).toMatch(/loqPercentInjectedDose.*above 0/)
    r = await add('--loq', '500')
    expect(r.code).toBe(2)
    r = await runInProcess('measure', 'add', designId, '--version', '1', '--dls', '100', '--pdi', '0.1', '--loq', '0.5', '--db', db, '--json')
    expect(r.code).toBe(2)
    expect(JSON.parse(r.stdout).error.message).toMatch(/--loq .*belong to --biodistribution/)
    expect(fileHash(db)).toBe(before)
  })

  it('with --loq is stored with its LOQ and calibrated with the 0 counted as censored', async () => {
    const added = await add('--loq', '0.5')
    expect(added.code).toBe(0)
    const library = openDesignLibrary({ path: db, deferredMetrics: false, dailyBackup: false, readonly: true })
    try {
      const [m] = createMeasurementStore(library).list({ designId })
      expect(m?.kind === 'biodistribution' ? m.data.loqPercentInjectedDose : null).toBe(0.5)
    } finally {
      library.close()
    }
    const r = await runInProcess('calibrate', designId, '--parameters', 'liverKMax', '--samples', '16000', '--seed', '2', '--db', db, '--json')
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    // all 9 cells enter the likelihood (8 values and the censored one) ...
    expect(out.provenance.observations).toBe(9)
    expect(out.leaveOneOut).toBeNull() // one study: nothing to hold out
    // and the listing says why there is no leave-one-study-out instead of a bare dash
    const listed = await runInProcess('db', 'profiles', '--db', db)
    expect(listed.stdout).toMatch(/within 2-fold: before \d+ %, after \d+ %, no leave-one-study-out \(one study: none can be held out\)/)
    // the data came from liver uptake × 2: the posterior sees it
    expect(out.parameters.liverKMax.posterior.ci95[0]).toBeLessThan(2)
    expect(out.parameters.liverKMax.posterior.ci95[1]).toBeGreaterThan(2)
  }, 120_000)
})
