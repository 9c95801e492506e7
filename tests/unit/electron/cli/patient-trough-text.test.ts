/**
 * The text output of `nanoforge simulate FILE --patient P.json` for a drug dosed to a whole-blood
 * trough (tacrolimus, issue #15): the steady-state trough, mean, peak, AUC and time in the cited
 * range of the particles and of the free drug, the ratios and the dose for the range's lower
 * bound, each number read back from the printed text and held to the --json block of the same
 * run of the real CLI (three significant digits, fractions to 0.1 %). And the population text
 * saying the trough is not computed for a cohort, and how to get it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../helpers'
import { runCli } from './support/cli-process'
import { runInProcess as cli } from './support/in-process'

const dir = mkdtempSync(join(tmpdir(), 'nanoforge-trough-text-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function writeJson(name: string, value: unknown): string {
  const file = join(dir, name)
  writeFileSync(file, JSON.stringify(value))
  return file
}

function exampleAsHuman(example: string, name: string, over: Record<string, unknown> = {}): string {
  const doc = JSON.parse(readFileSync(`${REPO_ROOT}/resources/examples/${example}.nanoforge.json`, 'utf8')) as { context: Record<string, unknown>; payload: Record<string, unknown> }
  return writeJson(`${name}.nanoforge.json`, { ...doc, name, ...over, context: { ...doc.context, species: 'human', dose: { mgPerKg: 0.05, basis: 'drug' } } })
}

// The README's example: the lupus-rbc-silica design (tacrolimus) as a human design at 0.05 mg/kg
// in a 69-kg woman with lupus nephritis, eGFR 91 (a range, 5-10 ng/mL, is cited for this disease).
const LUPUS = exampleAsHuman('lupus-rbc-silica', 'lupus tacrolimus human')
const LUPUS_PATIENT = writeJson('ln-31f.nanoforge-patient.json', {
  format: 'nanoforge.patient', version: 1, sex: 'female', ageY: 31, bodyWeightKg: 69, heightCm: 162, egfrMlPerMin: 91,
  disease: 'lupus-nephritis', activity: { scale: 'proteinuria', value: 3.9 },
})
// The shipped RA patient with the RA example's carrier holding tacrolimus: no range cited for RA.
const RA_PATIENT = `${REPO_ROOT}/resources/patients/ra-62f.nanoforge-patient.json`
const RA_TAC = (() => {
  const doc = JSON.parse(readFileSync(`${REPO_ROOT}/resources/examples/ra-folate-peg-liposome.nanoforge.json`, 'utf8')) as { payload: Record<string, unknown> }
  return exampleAsHuman('ra-folate-peg-liposome', 'ra tacrolimus human', { payload: { ...doc.payload, drug: 'tacrolimus' } })
})()

interface Exposure { troughNgPerMl: number; meanNgPerMl: number; peakNgPerMl: number; aucNgHPerMl: number; intervalH: number; fractionInRange: number | null; fractionAboveRange: number | null; fractionAboveToxicity: number }

/** The number after `label` in `line` (the first match). */
function numberAfter(line: string, label: string): number {
  const at = line.indexOf(label)
  expect(at, `'${label}' in: ${line}`).toBeGreaterThanOrEqual(0)
  const m = /^\s*(-?[\d.]+(?:e[-+]?\d+)?)/.exec(line.slice(at + label.length))
  expect(m, `a number after '${label}' in: ${line}`).not.toBeNull()
  return Number(m![1])
}

/** Printed at three significant digits: within half a unit of the third digit. */
function expectSig3(printed: number, exact: number, what: string): void {
  expect(Math.abs(printed - exact), `${what}: printed ${printed}, --json ${exact}`).toBeLessThanOrEqual(Math.abs(exact) * 5e-3 + 1e-12)
}

/** Printed as a percentage with one decimal. */
function expectPct(line: string, label: string, fraction: number, what: string): void {
  const re = new RegExp(`([\\d.]+) % ${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)
  const m = re.exec(line)
  expect(m, `'… % ${label}' in: ${line}`).not.toBeNull()
  expect(Math.abs(Number(m![1]) - 100 * fraction), `${what}: printed ${m![1]} %, --json ${fraction}`).toBeLessThanOrEqual(0.05 + 1e-9)
}

function expectExposure(line: string, x: Exposure, what: string, range: string | null): void {
  expectSig3(numberAfter(line, 'trough '), x.troughNgPerMl, `${what} trough`)
  expectSig3(numberAfter(line, 'mean '), x.meanNgPerMl, `${what} mean`)
  expectSig3(numberAfter(line, 'peak '), x.peakNgPerMl, `${what} peak`)
  expectSig3(numberAfter(line, 'AUC '), x.aucNgHPerMl, `${what} AUC`)
  expect(line).toMatch(/trough [\d.]+ ng\/mL, mean [\d.]+ ng\/mL, peak [\d.]+ ng\/mL, AUC [\d.]+ ng·h\/mL over \d+ h/)
  expect(numberAfter(line, 'ng·h/mL over ')).toBe(x.intervalH)
  if (range) {
    expectPct(line, `in ${range}`, x.fractionInRange!, `${what} in range`)
    expectPct(line, 'above 10 ng/mL', x.fractionAboveRange!, `${what} above range`)
  } else {
    expect(line).not.toMatch(/ % in /)
  }
  expect(line).toMatch(/; of the interval /)
  expectPct(line, 'above 20 ng/mL', x.fractionAboveToxicity, `${what} above toxicity`)
}

describe('simulate --patient, text: the whole-blood trough of a tacrolimus design (lupus nephritis, range 5-10 ng/mL)', () => {
  let text = ''
  let doc: { response: { exposureTarget: Record<string, unknown> & { particle: Exposure & { drugDoseMg: number }; freeDrug: Exposure & { doseMgPer12H: number }; versusFreeDrug: { troughRatio: number; meanConcentrationRatio: number }; doseForTrough: { doseMgPerKg: number; drugDoseMg: number; freeDrugDoseMgPer12H: number; particle: Exposure; freeDrug: Exposure; meanConcentrationVsFreeDrug: number } } } }
  beforeAll(async () => {
    const [t, j] = await Promise.all([runCli(['simulate', LUPUS, '--patient', LUPUS_PATIENT]), runCli(['simulate', LUPUS, '--patient', LUPUS_PATIENT, '--json'])])
    expect(t.code, t.stderr).toBe(0)
    expect(j.code, j.stderr).toBe(0)
    text = t.stdout
    doc = JSON.parse(j.stdout)
  }, 60_000)
  const line = (start: string): string => {
    const found = text.split('\n').find((l) => l.trimStart().startsWith(start))
    expect(found, `a line starting '${start}' in:\n${text}`).toBeDefined()
    return found!
  }

  it('heads the block with the matrix, the drug, the cited range and the toxicity threshold, with units', () => {
    expect(line('Whole-blood trough target')).toBe('Whole-blood trough target of tacrolimus at steady state (lupus nephritis range 5-10 ng/mL; toxicity above 20 ng/mL):')
    expect(line('Range [V]:')).toMatch(/Chen W.*2011.*Am J Kidney Dis 57:235/)
    expect(line('Toxicity threshold [V]:')).toMatch(/Böttiger Y.*1999.*Br J Clin Pharmacol 48:445/)
  })

  it('the particles\' and the free drug\'s trough, mean, peak, AUC and shares of the interval are the --json numbers', () => {
    const e = doc.response.exposureTarget
    const particles = line('Particles, ')
    expect(particles).toContain('0.05 mg/kg (drug) every 72 h')
    expectSig3(numberAfter(particles, '(drug) every 72 h ('), e.particle.drugDoseMg, 'particle drug dose')
    expectExposure(particles, e.particle, 'particles', '5-10 ng/mL')
    const free = line('Free drug, ')
    expectSig3(numberAfter(free, 'Free drug, '), e.freeDrug.doseMgPer12H, 'free dose')
    expect(free).toMatch(/mg by mouth every 12 h \(F 0\.18\)/)
    expectExposure(free, e.freeDrug, 'free drug', '5-10 ng/mL')
    const vs = line('Versus free drug: trough')
    expectSig3(numberAfter(vs, 'trough × '), e.versusFreeDrug.troughRatio, 'trough ratio')
    expectSig3(numberAfter(vs, 'mean concentration × '), e.versusFreeDrug.meanConcentrationRatio, 'mean ratio')
  })

  it('the dose for a 5 ng/mL trough, and the free drug\'s dose for the same trough, are the --json numbers', () => {
    const d = doc.response.exposureTarget.doseForTrough
    const dose = line('Dose for a 5 ng/mL trough:')
    expectSig3(numberAfter(dose, 'trough: '), d.doseMgPerKg, 'tailored dose')
    expect(dose).toMatch(/mg\/kg \(drug basis, [\d.]+ mg of drug\) every 72 h/)
    expectSig3(numberAfter(dose, 'drug basis, '), d.drugDoseMg, 'tailored drug mg')
    expectExposure(dose.slice(dose.indexOf('every 72 h:')), d.particle, 'tailored particles', '5-10 ng/mL')
    const free = line('Free drug for the same trough:')
    expectSig3(numberAfter(free, 'same trough: '), d.freeDrugDoseMgPer12H, 'free dose for the trough')
    expectExposure(free.slice(free.indexOf('every 12 h:')), d.freeDrug, 'free drug for the trough', '5-10 ng/mL')
    expectSig3(numberAfter(free, 'mean concentration × '), d.meanConcentrationVsFreeDrug, 'tailored mean ratio')
    // the bound itself: the tailored trough prints as the target (an independent fact, not the code's output)
    expect(numberAfter(dose, 'every 72 h: trough ')).toBe(5)
  })

  it('prints every note of the block', () => {
    for (const n of doc.response.exposureTarget.notes as string[]) expect(text).toContain(`Note: ${n}`)
  })
})

describe('simulate --patient, text: the shipped RA patient with a tacrolimus design (no cited range)', () => {
  it('gives trough, mean, peak, AUC and the share above 20 ng/mL, says no range is cited, and offers no dose for a trough', async () => {
    const [t, j] = await Promise.all([runCli(['simulate', RA_TAC, '--patient', RA_PATIENT]), runCli(['simulate', RA_TAC, '--patient', RA_PATIENT, '--json'])])
    expect(t.code, t.stderr).toBe(0)
    expect(j.code, j.stderr).toBe(0)
    const e = JSON.parse(j.stdout).response.exposureTarget
    expect(e.targetRange).toBeNull()
    const lines = t.stdout.split('\n')
    expect(lines).toContain('Whole-blood trough target of tacrolimus at steady state (no cited range for rheumatoid arthritis; toxicity above 20 ng/mL):')
    expectExposure(lines.find((l) => l.startsWith('  Particles, '))!, e.particle, 'particles', null)
    expectExposure(lines.find((l) => l.startsWith('  Free drug, '))!, e.freeDrug, 'free drug', null)
    expect(t.stdout).not.toMatch(/Dose for a .* trough/)
    expect(t.stdout).not.toMatch(/Range \[/)
  }, 60_000)
})

describe('no trough block where the drug is not dosed to a trough; the population text says where to get it', () => {
  it('a dexamethasone design prints no trough', async () => {
    const dex = exampleAsHuman('ra-folate-peg-liposome', 'ra dexamethasone human')
    const run = await cli('simulate', dex, '--patient', RA_PATIENT)
    expect(run.code).toBe(0)
    expect(run.stdout).not.toMatch(/trough/i)
    const pop = await cli('population', dex, '--cohort', `${REPO_ROOT}/resources/cohorts/ra.nanoforge-cohort.json`, '--n', '5', '--seed', '2')
    expect(pop.code).toBe(0)
    expect(pop.stdout).not.toMatch(/trough/i)
  }, 60_000)

  it('a tacrolimus cohort says its trough is not computed and names the simulate --patient call', async () => {
    const pop = await cli('population', LUPUS, '--cohort', `${REPO_ROOT}/resources/cohorts/lupus-nephritis.nanoforge-cohort.json`, '--n', '5', '--seed', '3')
    expect(pop.code).toBe(0)
    expect(pop.stdout).toContain(`Trough target of tacrolimus: not computed for a cohort`)
    expect(pop.stdout).toContain(`nanoforge simulate ${LUPUS} --patient PATIENT.json`)
    const json = await cli('population', LUPUS, '--cohort', `${REPO_ROOT}/resources/cohorts/lupus-nephritis.nanoforge-cohort.json`, '--n', '5', '--seed', '3', '--json')
    // --json is unchanged: one document, no trough keys
    expect(JSON.stringify(JSON.parse(json.stdout))).not.toMatch(/trough/i)
  }, 60_000)
})
