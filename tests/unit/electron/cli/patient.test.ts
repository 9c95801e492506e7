/**
 * `nanoforge simulate FILE --patient PATIENT.json` and `nanoforge population FILE --cohort
 * COHORT.json` (issue #15): the contract's keys, exit 2 with paths for bad patients, mouse
 * designs and bad cohorts, and a seeded population.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../helpers'
import { runInProcess as cli } from './support/in-process'

const MOUSE = `${REPO_ROOT}/resources/examples/ra-folate-peg-liposome.nanoforge.json`
const PATIENT = `${REPO_ROOT}/resources/patients/ra-62f.nanoforge-patient.json`
const COHORT = `${REPO_ROOT}/resources/cohorts/ra.nanoforge-cohort.json`
const dir = mkdtempSync(join(tmpdir(), 'nanoforge-patient-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function writeJson(name: string, value: unknown): string {
  const file = join(dir, name)
  writeFileSync(file, JSON.stringify(value))
  return file
}

const mouseDoc = JSON.parse(readFileSync(MOUSE, 'utf8')) as { context: Record<string, unknown> }
const HUMAN = writeJson('human.nanoforge.json', { ...mouseDoc, name: 'PEG-liposome dexamethasone, human', context: { ...mouseDoc.context, species: 'human', dose: { mgPerKg: 0.1, basis: 'drug' } } })

describe('nanoforge simulate --patient', () => {
  it('adds response (target, systemic, versusFreeDrug) and the patient\'s physiology; everything else as the simulate document', async () => {
    const run = await cli('simulate', HUMAN, '--patient', PATIENT, '--json')
    expect(run.code).toBe(0)
    const doc = JSON.parse(run.stdout)
    expect(Object.keys(doc.response.versusFreeDrug)).toEqual(expect.arrayContaining(['targetExposureRatio', 'systemicExposureRatio']))
    expect(typeof doc.response.versusFreeDrug.targetExposureRatio).toBe('number')
    expect(doc.response.target.tissue).toBe('joints')
    expect(doc.response.systemic.effectName).toBe('cortisol suppression')
    expect(doc.patient.bodyWeightKg).toBe(58)
    expect(doc.patient.gfrMlPerMin).toBeCloseTo(50.8, 0)
    const plain = JSON.parse((await cli('simulate', HUMAN, '--json')).stdout)
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(Object.keys(plain)))
    // the patient is not the reference man: her biodistribution differs
    expect(doc.biodistribution.aucPercentDoseH.liver).not.toBeCloseTo(plain.biodistribution.aucPercentDoseH.liver, 3)
  })

  it('refuses a mouse design with exit 2 and the field', async () => {
    const run = await cli('simulate', MOUSE, '--patient', PATIENT, '--json')
    expect(run.code).toBe(2)
    const err = JSON.parse(run.stdout.length > 0 ? run.stdout : run.stderr).error
    expect(err.reason).toBe('patient-design-mismatch')
    expect(err.issues[0].path).toBe('context.species')
    expect(err.message).toMatch(/human designs only/)
  })

  it('impossible or unknown patient values: exit 2 with every path', async () => {
    const bad = writeJson('bad.nanoforge-patient.json', { ...JSON.parse(readFileSync(PATIENT, 'utf8')), ageY: 250, egfrMlPerMin: -5, disease: 'gout', smoker: true })
    const run = await cli('simulate', HUMAN, '--patient', bad, '--json')
    expect(run.code).toBe(2)
    const err = JSON.parse(run.stdout.length > 0 ? run.stdout : run.stderr).error
    expect(err.issues.map((i: { path: string }) => i.path).sort()).toEqual(['ageY', 'disease', 'egfrMlPerMin', 'smoker'])
  })

  it('prints a readable summary without --json', async () => {
    const run = await cli('simulate', HUMAN, '--patient', PATIENT)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/Versus 5\.8 mg of free dexamethasone/)
    expect(run.stdout).toMatch(/Dose for 50\.0 % occupancy/)
  })
})

describe('nanoforge population', () => {
  it('{n, seed, metrics: {<metric>: {p5, p50, p95}}}, the same for the same seed', async () => {
    const a = await cli('population', HUMAN, '--cohort', COHORT, '--n', '25', '--seed', '11', '--json')
    expect(a.code).toBe(0)
    const doc = JSON.parse(a.stdout)
    expect(doc.n).toBe(25)
    expect(doc.seed).toBe(11)
    for (const [id, p] of Object.entries(doc.metrics as Record<string, { p5: number; p50: number; p95: number }>)) {
      expect(p.p5, id).toBeLessThanOrEqual(p.p50)
      expect(p.p50, id).toBeLessThanOrEqual(p.p95)
    }
    expect(doc.metrics.selectivityIndex).toBeDefined()
    expect(doc.extremes.highest.patient.format).toBe('nanoforge.patient')
    const b = await cli('population', HUMAN, '--cohort', COHORT, '--n', '25', '--seed', '11', '--json')
    expect(b.stdout).toBe(a.stdout)
  })

  it('a bad cohort or a mouse design: exit 2 with paths', async () => {
    const cohort = JSON.parse(readFileSync(COHORT, 'utf8')) as { femaleFraction: { value: number } }
    const bad = writeJson('bad.nanoforge-cohort.json', { ...cohort, femaleFraction: { ...cohort.femaleFraction, value: 1.5 } })
    const run = await cli('population', HUMAN, '--cohort', bad, '--n', '5', '--json')
    expect(run.code).toBe(2)
    expect(JSON.parse(run.stdout.length > 0 ? run.stdout : run.stderr).error.issues[0].path).toBe('femaleFraction.value')
    const mouse = await cli('population', MOUSE, '--cohort', COHORT, '--n', '5', '--json')
    expect(mouse.code).toBe(2)
    expect(JSON.parse(mouse.stdout.length > 0 ? mouse.stdout : mouse.stderr).error.issues[0].path).toBe('context.species')
  })

  it('needs --cohort', async () => {
    const run = await cli('population', HUMAN)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/--cohort/)
  })
})
