import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppSession, type AppSession } from './support/app-session'
import { axeViolations, horizontalOverflow, saveScreen } from './support/layout-checks'
import { newDesign } from '../../shared/design/defaults'
import type { Design } from '../../shared/design/types'
import { simulatePatient } from '../../shared/patient/simulate-patient'
import { referencePatient } from '../../shared/patient/physiology'
import * as ids from '../../shared/catalog/ids'

/**
 * The Patient tab's whole-blood trough target (issue #15, tacrolimus) in Chromium against the
 * real web host at 1280×720: the new design switched to tacrolimus, lupus nephritis and human
 * in the properties pane, estimated in the reference patient, shows the trough, the mean, the
 * time in the 5-10 ng/mL range and above 20 ng/mL with particles and with oral free drug as
 * `simulate --patient` computes them (by the shared code here), the dose for a 5 ng/mL trough,
 * and the sources; no code word on screen, axe-core clean. Screenshot:
 * .reports/screens/patient-trough.png.
 */

const WAIT = { timeout: 120_000 } as const
const CODE_LIKE = [...new Set(Object.values(ids).filter(Array.isArray).flat() as string[])].filter((id) => /[-0-9]/.test(id))
/** The app's number format (3 significant digits, as formatValue for values 0.001-1000). */
const three = (x: number): string => String(Number(x.toPrecision(3)))

const DESIGN: Design = (() => {
  const d = newDesign()
  return { ...d, payload: { ...d.payload, drug: 'tacrolimus' }, context: { ...d.context, disease: 'lupus-nephritis', species: 'human' } }
})()

let app: AppSession

beforeAll(async () => {
  app = await openAppSession({ width: 1280, height: 720 })
}, 180_000)

afterAll(async () => {
  await app?.close()
})

describe('tacrolimus trough target in the Patient tab', () => {
  it('shows the CLI\'s trough, time in range and dose for the trough, with sources', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 720 } })
    const page = await context.newPage()
    page.on('pageerror', (e) => app.pageErrors.push(e.message))
    await page.goto(app.host.url)
    await page.waitForFunction(() => (window.__nanoforgeScene?.frame ?? 0) > 0, null, WAIT)
    await page.locator('.estimates-status', { hasText: 'Estimate current' }).waitFor(WAIT)

    await page.getByLabel('Drug', { exact: true }).selectOption('tacrolimus')
    await page.getByLabel('Disease', { exact: true }).selectOption('lupus-nephritis')
    await page.getByLabel('Species', { exact: true }).selectOption('human')
    await page.getByRole('tab', { name: 'Patient', exact: true }).click()
    await page.getByRole('button', { name: 'Estimate in this patient' }).click()
    const table = page.getByRole('table', { name: 'Trough and time in range versus free drug' })
    await table.waitFor(WAIT)

    const cli = simulatePatient(DESIGN, referencePatient('lupus-nephritis'), { hours: 72, targetOccupancy: 0.5 }).response.exposureTarget!
    const rows = await table.locator('tbody tr').allInnerTexts()
    const row = (start: string): string => rows.find((r) => r.startsWith(start)) ?? `no row "${start}" in ${JSON.stringify(rows)}`
    expect(row('Trough (steady state)')).toContain(`${three(cli.particle.troughNgPerMl)} ng/mL`)
    expect(row('Trough (steady state)')).toContain(`${three(cli.freeDrug.troughNgPerMl)} ng/mL`)
    expect(row('Time in the target range 5-10 ng/mL')).toContain(`${three(100 * cli.particle.fractionInRange!)} %`)
    expect(row('Time above 20 ng/mL')).toContain(cli.particle.fractionAboveToxicity === 0 ? '0 %' : `${three(100 * cli.particle.fractionAboveToxicity)} %`)
    const dose = await page.getByRole('group', { name: 'Dose for the trough target' }).innerText()
    const d = cli.doseForTrough!
    if (d.doseMgPerKg === null) expect(dose).toMatch(/Not reached/)
    else expect(dose).toContain(`${three(d.doseMgPerKg)} mg/kg`)
    expect(dose).toContain(`${three(d.freeDrugDoseMgPer12H)} mg by mouth every 12 h`)

    const region = page.getByRole('region', { name: 'Trough target' })
    const text = await region.innerText()
    expect(text).toMatch(/Chen W.*2011/)
    expect(text).toMatch(/Böttiger Y.*1999/)
    expect(text).toMatch(/no efficacy number/)
    for (const id of CODE_LIKE) expect(text).not.toMatch(new RegExp(`(^|[\\s(])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([\\s).,;:]|$)`))
    await region.evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await saveScreen(page, 'patient-trough')
    expect(await axeViolations(page, '.estimates')).toEqual([])
    expect(await horizontalOverflow(page)).toEqual([])
    expect(app.pageErrors).toEqual([])
    await context.close()
  }, 300_000)
})
