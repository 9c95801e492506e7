import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openAppSession, type AppSession } from './support/app-session'
import { validationTable } from '../../shared/engine/validation/validation-table'
import { scoreIntervalText } from '../../shared/engine/validation/validation-row-view'
import { axeViolations } from './support/layout-checks'
import { foldText, MEASURED_FOLD_ERROR_BY_READOUT } from '../../shared/engine/validation/measured-accuracy'

/**
 * Biodistribution end-to-end (issue 4, "In the app"): the chart and its table, the blood
 * half-life following a PEG change live, a Monte Carlo band computed with progress in its
 * own worker (the form stays live meanwhile), Cancel, the selectivity card and the body map.
 */

const WAIT = { timeout: 90_000 } as const
const SHOTS = process.env.NANOFORGE_E2E_SCREENSHOTS

let app: AppSession
let page: Page

beforeAll(async () => {
  app = await openAppSession({ width: 1400, height: 1000 })
  page = app.page
})

afterAll(async () => {
  await app?.close()
})

/** Blood half-life in the biodistribution tab, at full precision (h). */
async function halfLife(): Promise<string> {
  return (await page.getByTestId('bd-blood-half-life').getAttribute('data-hours')) ?? ''
}

/** Status line of the estimates panel. */
function status(): Promise<string> {
  return page.getByRole('region', { name: 'Estimates' }).getByRole('status').first().innerText()
}

describe('biodistribution tab', () => {
  it('shows chart and table, follows the design live, computes and cancels the band', async () => {
    await page.goto(app.host.url)
    await page.getByRole('tab', { name: 'Biodistribution' }).click()
    const table = page.getByRole('table', { name: /Percent of dose per tissue at/ })
    await table.waitFor(WAIT)
    await expect.poll(() => table.locator('tbody tr').count(), WAIT).toBe(15)
    await expect.poll(() => table.locator('tr.is-target').count(), WAIT).toBe(1)
    // each tissue's own held-out fold error, where published values of it exist
    const liver = MEASURED_FOLD_ERROR_BY_READOUT.liver
    expect(await table.locator('tr[data-tissue="liver"] td').last().innerText()).toBe(`×${foldText(liver.p80)} (${liver.rows} values)`)
    expect(await table.locator('tr[data-tissue="kidneys"] td').last().innerText()).toBe('not measured')
    await page.locator('.bd-chart-host canvas').first().waitFor(WAIT)
    await expect.poll(() => page.getByRole('img', { name: /Percent of injected dose over time/ }).count(), WAIT).toBe(1)
    await expect.poll(status, WAIT).toMatch(/Estimate current/)
    // how far published values fell from such estimates, before any band is computed
    await expect.poll(() => page.locator('.uncertainty-summary').innerText(), WAIT).toMatch(/values the engine was not tuned on, its estimate was within ×[\d.]+ of the published value for half/)
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/bd-1-chart.png` })

    // --- PEG density drives the blood half-life, live.
    const before = await halfLife()
    await page.getByLabel('PEG grafting density (chains/nm²)', { exact: true }).fill('0.02')
    await expect.poll(halfLife, WAIT).not.toBe(before)
    const afterPeg = await halfLife()
    await page.getByLabel('Ligand type', { exact: true }).selectOption('anti-icam-1')
    await expect.poll(halfLife, WAIT).not.toBe(afterPeg)
    await expect.poll(status, WAIT).toMatch(/Estimate current/)

    // --- A small Monte Carlo run completes and draws the band.
    const samples = page.getByRole('spinbutton', { name: 'Monte Carlo samples' })
    await samples.fill('12')
    await page.getByRole('button', { name: 'Compute uncertainty (12 samples)' }).click()
    await expect.poll(() => page.locator('.uncertainty-summary').innerText(), WAIT).toMatch(/from 12 Monte Carlo samples/)
    await expect.poll(() => page.getByRole('columnheader', { name: /AUC band/ }).count(), WAIT).toBe(1)
    await expect.poll(() => page.locator('.bd-chart-host').getAttribute('data-bands'), WAIT).not.toBe('0')
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/bd-2-band.png` })

    // --- A long run shows progress; the form and the live estimate stay responsive meanwhile.
    await samples.fill('5000')
    await page.getByRole('button', { name: 'Compute uncertainty (5000 samples)' }).click()
    const bar = page.getByRole('progressbar', { name: /Uncertainty progress/ })
    await bar.waitFor(WAIT)
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), WAIT).toBeGreaterThan(0)
    // The old band is gone while a new one is computed.
    expect(await page.getByRole('columnheader', { name: /AUC band/ }).count()).toBe(0)
    await page.getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => bar.count(), WAIT).toBe(0)
    await expect.poll(() => page.locator('.uncertainty-summary').innerText(), WAIT).toMatch(/cancelled/)

    // Start again, then change the design mid-run: the run stops and no band of the old design appears.
    await page.getByRole('button', { name: 'Compute uncertainty (5000 samples)' }).click()
    await bar.waitFor(WAIT)
    const beforeEdit = await halfLife()
    await page.getByLabel('PEG grafting density (chains/nm²)', { exact: true }).fill('0.4')
    await expect.poll(halfLife, WAIT).not.toBe(beforeEdit)
    await expect.poll(() => bar.count(), WAIT).toBe(0)
    expect(await page.getByRole('columnheader', { name: /AUC band/ }).count()).toBe(0)
  })

  it('shows the selectivity card with formula and bands, the assumptions and the body map', async () => {
    await page.getByRole('tab', { name: 'Selectivity' }).click()
    await expect.poll(() => page.getByLabel('Selectivity index', { exact: true }).innerText(), WAIT).toMatch(/\d/)
    await page.getByText('How is the selectivity index computed?').click()
    await expect.poll(() => page.getByText('SI = (AUC_target / m_target) ÷ (AUC_other / m_other)').isVisible(), WAIT).toBe(true)
    await page.getByRole('spinbutton', { name: 'Monte Carlo samples' }).fill('10')
    await page.getByRole('button', { name: 'Compute uncertainty (10 samples)' }).click()
    await expect.poll(() => page.getByLabel('Selectivity index', { exact: true }).innerText(), WAIT).toMatch(/95 % band/)
    // the band says what it is, with its measured coverage of published values
    await expect.poll(() => page.getByText(/not a prediction interval: checked against published studies/).count(), WAIT).toBeGreaterThan(0)
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/bd-3-selectivity.png` })

    await page.getByRole('tab', { name: 'Assumptions' }).click()
    await expect.poll(() => page.getByText('[U]').count(), WAIT).toBeGreaterThan(0)

    await page.getByRole('tab', { name: 'Body map' }).click()
    const map = page.getByRole('img', { name: /Body map/ })
    await map.waitFor(WAIT)
    await expect.poll(() => map.locator('g.bm-organ').count(), WAIT).toBe(11)
    // Default measure: %ID per gram of organ at the chosen time.
    await expect.poll(() => map.locator('g.bm-organ[data-tissue="liver"] title').textContent(), WAIT).toMatch(/^Liver: [\d.]+ %ID\/g \(95 % band [\d.]+–[\d.]+\)$/)
    await page.getByRole('radio', { name: /Exposure AUC/ }).check()
    await expect.poll(() => map.locator('g.bm-organ[data-tissue="liver"] title').textContent(), WAIT).toMatch(/^Liver: [\d.]+ %ID·h \(95 % band [\d.]+–[\d.]+\)$/)
    // The body map exports like every chart (issue 12): CSV of the drawn values, SVG of the drawn map.
    const exportGroup = page.getByRole('group', { name: 'Export the body map' })
    const [csvDownload] = await Promise.all([page.waitForEvent('download', WAIT), exportGroup.getByRole('button', { name: 'Export body map as CSV' }).click()])
    const csvRows = readFileSync(await csvDownload.path(), 'utf8').split('\r\n').filter(Boolean)
    expect(csvRows[0]).toMatch(/^tissue,exposure AUC 0–[\d.]+ h \(%ID·h\),95 % band lower,95 % band upper,target$/)
    expect(csvRows).toHaveLength(1 + 11)
    const liverDrawn = Number(await map.locator('g.bm-organ[data-tissue="liver"]').getAttribute('data-value'))
    const liverRow = csvRows.find((r) => r.startsWith('Liver,'))!.split(',')
    expect(Number(liverRow[1])).toBeCloseTo(liverDrawn, 10)
    expect(Number(liverRow[2])).toBeLessThanOrEqual(Number(liverRow[1]) * 1.0001)
    expect(csvRows.filter((r) => r.endsWith(',yes'))).toHaveLength(1)
    const [svgDownload] = await Promise.all([page.waitForEvent('download', WAIT), exportGroup.getByRole('button', { name: 'Export body map as SVG' }).click()])
    const svg = readFileSync(await svgDownload.path(), 'utf8')
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/)
    expect(svg).toContain('Body map: exposure AUC')
    expect(svg).toContain(`fill="${(await map.locator('g.bm-organ[data-tissue="liver"]').getAttribute('data-fill'))!}"`)
    expect(svg).toContain('stroke-dasharray="4 2"')
    await page.getByRole('radio', { name: /% of dose at a time/ }).check()
    await page.getByRole('slider', { name: 'Time (h)' }).fill('0')
    await expect.poll(() => map.locator('g.bm-organ[data-tissue="liver"] title').textContent(), WAIT).toMatch(/% of dose \(95 % band/)
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/bd-4-bodymap.png` })
    expect(app.pageErrors).toEqual([])
  })

  it('lists published experiments like the design, with the engine on each and on this design', async () => {
    await page.getByRole('tab', { name: 'Biodistribution' }).click()
    const section = page.locator('details.published-like')
    await section.locator('summary').click()
    // the form is still the PEG-PLGA with an anti-ICAM-1 ligand from the first test: the nearest
    // published PEG-PLGA (Panagi 2001) had no ligand, and says so
    const table = page.getByRole('table', { name: 'Published experiments like this design' })
    await expect.poll(() => table.locator('tbody tr').count(), WAIT).toBeGreaterThan(0)
    expect(await table.locator('tbody tr').first().locator('th').innerText()).toMatch(/^Panagi 2001/)
    expect(await table.locator('tbody tr').first().locator('td').first().innerText()).toMatch(/ligands: none \(this design: /)
    // the rat PEG-liposome example (DPPC/cholesterol, PEG2000, ~100 nm): Lobatto 2015's rat PK rows are like it
    await page.getByRole('list', { name: 'Example designs' }).getByRole('button', { name: 'PEG-liposome, prednisolone, arthritis (rat)', exact: true }).click()
    await page.getByRole('alertdialog', { name: 'Discard unsaved changes?' }).getByRole('button', { name: 'Discard changes' }).click()
    await expect.poll(() => table.locator('tbody tr').first().locator('th').innerText(), WAIT).toMatch(/^Lobatto 2015/)
    const first = table.locator('tbody tr').first()
    expect(await first.locator('th').innerText()).toMatch(/^Lobatto 2015/)
    expect(await first.locator('th').getAttribute('title')).toMatch(/doi:10\./)
    // the published value, the engine's estimate of that experiment, the ratio and this design's estimate, with units
    const cells = await first.locator('td').allInnerTexts()
    expect(cells[2]).toMatch(/^[\d.]+ (h|%ID·h)$/)
    expect(cells[3]).toMatch(/^[\d.]+ (h|%ID·h)$/)
    expect(cells[4]).toMatch(/^[\d.]+×$/)
    expect(cells[5]).toMatch(/^[\d.]+ (h|%ID·h)$/)
    expect(await section.locator('.pl-summary').innerText()).toMatch(/the engine was within 2-fold of the published value \d+ times? of \d+/)
    expect(await axeViolations(page, 'details.published-like')).toEqual([])
    if (SHOTS) {
      await table.scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${SHOTS}/bd-5-published-like.png` })
    }

    // --- Open a published particle as a new design: the form takes its design
    const firstName = (await first.locator('td').first().innerText()).split('\n')[0]!
    await first.getByRole('button', { name: 'Open' }).click()
    // the example was opened unchanged, so nothing is discarded and nothing is asked
    await expect.poll(() => page.getByLabel('Design name', { exact: true }).inputValue(), WAIT).toBe(firstName)

    // --- Every published row beside the engine, with the scorer's counts (computed here by the shared code)
    const all = validationTable()
    const held = all.filter((r) => r.set === 'validation')
    const heldWithin = held.filter((r) => r.within2Fold === true).length
    await section.getByRole('button', { name: 'Every published row and the engine…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Published rows and the engine' })
    const rowsTable = dialog.getByRole('table', { name: 'Published rows and the engine' })
    await expect.poll(() => rowsTable.locator('tbody tr').count(), WAIT).toBe(held.length)
    expect(await dialog.locator('.pl-summary').innerText()).toContain(`Held out, never used to set a parameter: ${heldWithin} of ${held.length}`)
    expect(await dialog.locator('.pl-summary').innerText()).toContain(scoreIntervalText(held))
    await dialog.getByLabel('Outcome').selectOption('outside')
    await expect.poll(() => rowsTable.locator('tbody tr').count(), WAIT).toBe(held.length - heldWithin)
    await dialog.getByLabel('Search').fill('onivyde')
    await expect.poll(() => rowsTable.locator('tbody tr').count(), WAIT).toBe(1)
    expect(await rowsTable.locator('tbody tr th').first().getAttribute('title')).toMatch(/Onivyde/)
    await dialog.getByLabel('Search').fill('')
    // the rows shown download as CSV: the held-out misses, one line each under the header
    const [csvFile] = await Promise.all([page.waitForEvent('download', WAIT), dialog.getByRole('button', { name: 'Download these rows (CSV)' }).click()])
    const csvLines = readFileSync(await csvFile.path(), 'utf8').split('\r\n').filter(Boolean)
    expect(csvLines[0]).toMatch(/^id,set,paper,citation,/)
    expect(csvLines).toHaveLength(1 + held.length - heldWithin)
    expect(csvLines.slice(1).every((l) => l.includes(',held-out,'))).toBe(true)
    expect(await axeViolations(page, '.validation-table-dialog')).toEqual([])
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/bd-6-validation-table.png` })
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.count(), WAIT).toBe(0)
    expect(app.pageErrors).toEqual([])
  })
})
