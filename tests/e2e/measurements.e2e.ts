import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openAppSession, type AppSession } from './support/app-session'

/**
 * Measurements end-to-end (issue 5): a saved design version takes a DLS reading, shown with
 * its difference to the predicted hydrodynamic diameter; an in-vivo biodistribution CSV is
 * attached and the Biodistribution tab overlays it with the measured-vs-predicted table.
 */

const WAIT = { timeout: 60_000 } as const
const SHOTS = process.env.NANOFORGE_E2E_SCREENSHOTS
const BIO_CSV = ['time (h),liver,liver sd,spleen,blood', '1,20,3,2,40', '4,30,4,4,20', '24,35,5,6,5', ''].join('\n')

let app: AppSession
let page: Page

beforeAll(async () => {
  app = await openAppSession({ width: 1400, height: 1000 })
  page = app.page
})

afterAll(async () => {
  await app?.close()
})

describe('measurements', () => {
  it('adds a DLS reading with its difference to the prediction, and compares an in-vivo CSV with the biodistribution estimate', async () => {
    await page.goto(app.host.url)
    await page.getByLabel('Design name', { exact: true }).fill('E2E measurements')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => page.locator('.save-status').innerText(), WAIT).toBe('Saved version 1')

    // --- DLS: measured Z-average next to the predicted diameter ---
    const zAverage = page.getByLabel('Z-average (nm)', { exact: true })
    await expect.poll(() => zAverage.isDisabled(), WAIT).toBe(false)
    await zAverage.fill('180')
    await page.getByLabel('PDI', { exact: true }).fill('0.15')
    await page.getByLabel('Reading label', { exact: true }).fill('DLS batch 1')
    await page.getByRole('button', { name: 'Add DLS reading' }).click()
    const sizeTable = page.getByRole('table', { name: 'Measured vs predicted size and charge' })
    await sizeTable.waitFor(WAIT)
    const predictedText = await sizeTable.locator('tr[data-kind="dls"] td').nth(1).innerText()
    const predicted = Number(/Hydrodynamic diameter ([\d.]+) nm/.exec(predictedText)?.[1])
    expect(predicted).toBeGreaterThan(0)
    const diff = await sizeTable.getByTestId('dls-difference').innerText()
    const nm = Number(/^[+−]([\d.]+) nm/.exec(diff)?.[1]) * (diff.startsWith('−') ? -1 : 1)
    expect(nm).toBeCloseTo(180 - predicted, 0) // both shown to 4 significant figures
    expect(diff).toMatch(/nm \([+−][\d.]+ %\)$/)

    // --- In-vivo CSV, saved to the version ---
    await page.getByLabel('In-vivo biodistribution (CSV)', { exact: true })
      .setInputFiles({ name: 'study-12.csv', mimeType: 'text/csv', buffer: Buffer.from(BIO_CSV, 'utf8') })
    const preview = page.getByRole('group', { name: 'In-vivo data preview' })
    await preview.waitFor(WAIT)
    await preview.getByLabel('Method', { exact: true }).fill('IVIS')
    await preview.getByRole('button', { name: 'Save in-vivo data' }).click()
    const attached = page.getByRole('list', { name: 'Attached measurements' })
    await expect.poll(() => attached.innerText(), WAIT).toContain('in-vivo biodistribution')

    if (SHOTS) await page.locator('.measured-release').screenshot({ path: `${SHOTS}/measurements-1-section.png` })

    // --- Biodistribution tab: measured vs predicted ---
    await page.getByRole('tab', { name: 'Biodistribution' }).click()
    const compare = page.getByRole('table', { name: 'Measured vs predicted % of injected dose' })
    await compare.waitFor(WAIT)
    expect(await compare.locator('tbody tr').count()).toBe(9)
    const liver1h = await compare.locator('tbody tr[data-tissue="liver"]').first().locator('td').allInnerTexts()
    expect(liver1h[0]).toBe('1')
    expect(liver1h[1]).toBe('20 ± 3')
    // Ratio and prediction are shown to 3 significant figures: agree within 1 %.
    expect(Math.abs(Number(liver1h[3]) / (20 / Number(liver1h[2])) - 1)).toBeLessThan(0.01)
    await expect.poll(() => page.getByTestId('bd-within-two-fold').innerText(), WAIT).toMatch(/^\d of 9 measured points \(\d+ %\) lie within 2-fold of the prediction\.$/)
    await expect.poll(() => page.locator('.bd-chart-host').getAttribute('data-measured-points'), WAIT).toBe('9')
    await page.locator('.bd-chart-host canvas').first().waitFor(WAIT)
    if (SHOTS) {
      await page.locator('.bd-chart').screenshot({ path: `${SHOTS}/measurements-2-chart.png` })
      await page.locator('.bd-measured').screenshot({ path: `${SHOTS}/measurements-3-table.png` })
    }

    expect(app.pageErrors).toEqual([])
  })
})
