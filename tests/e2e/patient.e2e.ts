import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { openAppSession, type AppSession } from './support/app-session'
import { axeViolations, horizontalOverflow, notClickableReason, saveScreen } from './support/layout-checks'
import { REPO_ROOT } from './support/web-host'
import { EXAMPLE_DESIGNS } from '../../renderer/features/welcome/examples'
import type { Design } from '../../shared/design/types'
import { validatePatient } from '../../shared/patient/schema'
import { simulatePatient } from '../../shared/patient/simulate-patient'
import { referencePatient } from '../../shared/patient/physiology'
import { runCohort, validateCohort } from '../../shared/patient/cohort'
import * as ids from '../../shared/catalog/ids'

/**
 * The Patient tab (issue #15) in Chromium against the real web host, at 1280×720 and
 * 1920×1080: the welcome example (a rat PEG-liposome, prednisolone) is refused with the reason and switched to human from
 * the tab; the example RA patient gives the numbers the CLI's `simulate --patient` gives
 * (computed here by the shared code); a cohort of 20 patients gives p5/p50/p95 bands equal to
 * `population`'s, and its extreme patient opens in the form. Every estimate tab stays visible
 * and clickable with the ninth tab. Screenshots: .reports/screens/patient-<w>x<h>.png (the
 * patient) and patient-cohort-<w>x<h>.png; axe-core clean; no code word on screen.
 */

const WAIT = { timeout: 120_000 } as const
const SIZES = [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }] as const
const CODE_LIKE = [...new Set(Object.values(ids).filter(Array.isArray).flat() as string[])].filter((id) => /[-0-9]/.test(id))
const PARAMETER_PATH = /\b[a-z][A-Za-z]*\.(?:[a-z0-9-]+\.)*[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*\b/
const TABS = ['Release', 'Biodistribution', 'Selectivity', 'Body map', 'Assumptions', /^Flags( \(\d+\))?$/, 'Sensitivity', 'Find designs', 'Patient'] as const

const PATIENT = (() => {
  const v = validatePatient(JSON.parse(readFileSync(join(REPO_ROOT, 'resources', 'patients', 'ra-62f.nanoforge-patient.json'), 'utf8')))
  if (!v.valid) throw new Error('example patient invalid')
  return v.patient
})()
const COHORT = (() => {
  const v = validateCohort(JSON.parse(readFileSync(join(REPO_ROOT, 'resources', 'cohorts', 'ra.nanoforge-cohort.json'), 'utf8')))
  if (!v.valid) throw new Error('example cohort invalid')
  return v.cohort
})()
/** The welcome screen's rat PEG-liposome (prednisolone, arthritis) as the tab's button makes it: species human. */
const EXAMPLE = EXAMPLE_DESIGNS.find((e) => e.id === 'peg-liposome-arthritis')!
const HUMAN_EXAMPLE: Design = { ...EXAMPLE.design(), context: { ...EXAMPLE.design().context, species: 'human' } }

/** The app's number format (3 significant digits, as formatValue for values 0.001-1000). */
const three = (x: number): string => String(Number(x.toPrecision(3)))
/** A ratio to free drug as the app writes it: three decimals within 5 % of 1, else 3 significant digits. */
const ratio3 = (x: number): string => (x >= 0.95 && x <= 1.05 ? x.toFixed(3) : three(x))

let app: AppSession

beforeAll(async () => {
  app = await openAppSession({ width: 1280, height: 720 })
})

afterAll(async () => {
  await app?.close()
})

async function openApp(size: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await app.browser.newContext({ viewport: size })
  const page = await context.newPage()
  page.on('pageerror', (e) => app.pageErrors.push(e.message))
  await page.goto(app.host.url)
  await page.waitForFunction(() => (window.__nanoforgeScene?.frame ?? 0) > 0, null, WAIT)
  await page.locator('.estimates-status', { hasText: 'Estimate current' }).waitFor(WAIT)
  return { context, page }
}

describe.each(SIZES)('Patient tab at $width×$height', (size) => {
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    ({ context, page } = await openApp(size))
  }, 180_000)

  afterAll(async () => {
    await context?.close()
  })

  it('keeps all nine estimate tabs visible and clickable', async () => {
    for (const name of TABS) {
      const tab = page.getByRole('tab', { name, exact: typeof name === 'string' })
      expect(await notClickableReason(tab), String(name)).toBeNull()
    }
    // the estimate body keeps room under the wrapped bar (the layout test's floor)
    const bodyHeight = await page.locator('.estimates-body').evaluate((el) => el.getBoundingClientRect().height)
    expect(bodyHeight).toBeGreaterThanOrEqual(size.height === 720 ? 270 : 400)
  })

  it('refuses the rat example design with the reason, then estimates the human design in the example patient', async () => {
    await page.getByRole('tab', { name: 'Patient', exact: true }).click()
    const body = page.locator('.estimates-body')
    // the example is a rat design: a reason, never a crash
    await page.getByRole('list', { name: 'Example designs' }).getByRole('button', { name: EXAMPLE.title, exact: true }).click()
    await expect.poll(() => body.innerText(), WAIT).toMatch(/Virtual patients are human, and this design is for a rat/)
    await page.getByRole('button', { name: 'Estimate this design in humans' }).click()
    await page.getByLabel('Start from', { exact: true }).waitFor(WAIT)
    await page.getByLabel('Start from', { exact: true }).selectOption({ label: `Example: ${PATIENT.name}` })
    // the form shows the file's values
    expect(await page.getByLabel('Age (years)', { exact: true }).inputValue()).toBe('62')
    expect(await page.getByLabel('eGFR (CKD-EPI) (mL/min per 1.73 m²)', { exact: true }).inputValue()).toBe('55')
    expect(await page.getByLabel('DAS28', { exact: true }).inputValue()).toBe('5.4')
    const table = page.getByRole('table', { name: 'Response versus free drug' })
    await table.waitFor(WAIT)

    // the CLI's numbers (simulate --patient, target occupancy 0.5), by the shared code here
    const cli = simulatePatient(HUMAN_EXAMPLE, PATIENT, { hours: 72, targetOccupancy: 0.5 })
    const rows = await table.locator('tbody tr').allInnerTexts()
    const target = rows.find((r) => r.startsWith('Target (joints): unbound exposure'))!
    expect(target).toContain(`× ${ratio3(cli.response.versusFreeDrug.targetExposureRatio!)}`)
    const systemic = rows.find((r) => r.startsWith('Body: plasma exposure'))!
    expect(systemic).toContain(`× ${ratio3(cli.response.versusFreeDrug.systemicExposureRatio!)}`)
    // the physiology echoed: GFR = 55 × BSA / 1.73 for 58 kg, 160 cm
    const facts = await page.getByRole('definition').allInnerTexts()
    expect(facts).toContain(`${three(cli.patient.gfrMlPerMin)} mL/min`)
    expect(cli.patient.gfrMlPerMin).toBeGreaterThan(45)
    expect(cli.patient.gfrMlPerMin).toBeLessThan(55)
    // the dose for 50 % occupancy, as the CLI finds it
    const dose = cli.response.doseForTarget!
    const doseText = await page.getByRole('group', { name: 'Dose for the target effect' }).innerText()
    if (dose.doseMgPerKg === null) expect(doseText).toMatch(/Not reached/)
    else expect(doseText).toContain(`${three(dose.doseMgPerKg)} mg/kg`)

    // every disclosure open (organ volumes, sources), so their text is scanned too
    await page.locator('.estimates-body details:not([open]) > summary').evaluateAll((els) => els.forEach((e) => (e as HTMLElement).click()))
    const text = await body.innerText()
    expect(text).toMatch(/Tsuei|Al-Habet|Huisinga/)
    for (const id of CODE_LIKE) expect(text).not.toMatch(new RegExp(`(^|[\\s(])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([\\s).,;:]|$)`))
    expect(text).not.toMatch(PARAMETER_PATH)
    await page.locator('.estimates-body details[open] > summary').evaluateAll((els) => els.forEach((e) => (e as HTMLElement).click()))
    await page.getByRole('heading', { name: 'In this patient' }).evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await saveScreen(page, 'patient')
    expect(await axeViolations(page, '.estimates')).toEqual([])
    expect(await horizontalOverflow(page)).toEqual([])
  })

  it('Selectivity compares the same dose as free drug in the reference human, with the free-drug sources', async () => {
    await page.getByRole('tab', { name: 'Selectivity', exact: true }).click()
    const ratio = page.getByLabel('Target exposure ratio', { exact: true })
    await ratio.waitFor(WAIT)
    const ref = simulatePatient(HUMAN_EXAMPLE, referencePatient('rheumatoid-arthritis'), { hours: 72, tailorDose: false })
    await expect.poll(() => ratio.innerText(), WAIT).toBe(`× ${ratio3(ref.response.versusFreeDrug.targetExposureRatio!)}`)
    expect(await page.getByLabel('Systemic exposure ratio', { exact: true }).innerText()).toBe(`× ${ratio3(ref.response.versusFreeDrug.systemicExposureRatio!)}`)
    await page.getByText('Free-drug numbers and their sources').click()
    const sources = await page.getByRole('table', { name: 'Free prednisolone pharmacokinetics with sources' }).innerText()
    expect(sources).toMatch(/Al-Habet S, Rogers HJ 1980, Br J Clin Pharmacol 10:503/)
    await page.getByRole('region', { name: 'Versus free drug' }).evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await saveScreen(page, 'selectivity-free-drug')
    expect(await axeViolations(page, '.estimates')).toEqual([])
    await page.getByRole('tab', { name: 'Patient', exact: true }).click()
  })

  it('runs a cohort of 20: p5/p50/p95 bands equal to population\'s, and the extreme patient opens in the form', async () => {
    await page.getByLabel('Patients', { exact: true }).fill('20')
    await page.getByLabel('Seed', { exact: true }).fill('3')
    await page.getByRole('button', { name: 'Run cohort' }).click()
    const table = page.getByRole('table', { name: 'Cohort percentiles' })
    await table.waitFor(WAIT)
    const cli = runCohort(HUMAN_EXAMPLE, COHORT, { n: 20, seed: 3, hours: 72 })
    const ratios = await table.locator('tr[data-metric="targetExposureRatio"] td').allInnerTexts()
    const p = cli.metrics.targetExposureRatio
    expect(ratios).toEqual([ratio3(p.p5!), ratio3(p.p50!), ratio3(p.p95!)])
    expect(p.p5!).toBeLessThanOrEqual(p.p50!)
    expect(p.p50!).toBeLessThanOrEqual(p.p95!)
    expect(await page.locator('.ratio-bands .bar-row').count()).toBeGreaterThanOrEqual(2)
    expect(await page.locator('.analysis-result').innerText()).toMatch(/20 patients, seed 3, 72 h horizon/)

    await page.locator('.ratio-bands').scrollIntoViewIfNeeded()
    await saveScreen(page, 'patient-cohort')
    expect(await axeViolations(page, '.estimates')).toEqual([])

    const highest = cli.extremes!.highest.patient
    await page.getByRole('button', { name: 'Open the highest patient' }).click()
    await expect.poll(() => page.getByLabel('Age (years)', { exact: true }).inputValue(), WAIT).toBe(String(Number(highest.ageY.toPrecision(6))))
    await expect.poll(() => page.locator('.patient-result').innerText(), WAIT).toMatch(/Highest of the cohort|Versus the same dose/)
    expect(app.pageErrors).toEqual([])
  })
})
