import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openAppSession, type AppSession } from './support/app-session'

/**
 * Release end-to-end (issue 3, "In the app"): the predicted curves follow the design, a
 * saved design version takes a measured release CSV, the fit ranks every model and names the
 * best, and the measurement is still attached after a reload.
 */

const WAIT = { timeout: 60_000 } as const
const CSV = [
  'time (min);A;B;C',
  '0;0;0;0',
  '30;10,5;11;9,8',
  '60;17;18;16',
  '120;27;28;26,5',
  '240;40;41;39',
  '480;56;57;55',
  '1440;80;82;79',
  '',
].join('\n')

let app: AppSession
let page: Page

beforeAll(async () => {
  app = await openAppSession({ width: 1280, height: 1000 })
  page = app.page
})

afterAll(async () => {
  await app?.close()
})

describe('release panel and measured release data', () => {
  it('updates the curves live, attaches a CSV to the saved version, ranks the fits, and keeps it after a reload', async () => {
    await page.goto(app.host.url)
    const t50 = page.getByTestId('t50-plasma')
    await expect.poll(() => t50.count(), WAIT).toBe(1)
    await expect.poll(() => t50.innerText(), WAIT).toMatch(/h$|not reached/)
    const chart = page.getByRole('img', { name: /Predicted fraction released versus time/ })
    await chart.locator('canvas').first().waitFor(WAIT)
    const t50Before = await t50.innerText()
    const mechanismBefore = await page.getByTestId('release-mechanism').innerText()
    const labelBefore = await chart.getAttribute('aria-label')

    // --- Live: another core material changes the curves and their numbers ---
    await page.getByLabel('Core material', { exact: true }).selectOption('liposome')
    await expect.poll(() => page.getByTestId('release-mechanism').innerText(), WAIT).not.toBe(mechanismBefore)
    await expect.poll(() => t50.innerText(), WAIT).not.toBe(t50Before)
    await expect.poll(() => chart.getAttribute('aria-label'), WAIT).not.toBe(labelBefore)

    // --- Unsaved: attaching is disabled and says why ---
    const attach = page.getByLabel('Attach release data (CSV)', { exact: true })
    expect(await attach.isDisabled()).toBe(true)
    expect(await page.locator('.attach-reason').innerText()).toMatch(/Save the design first/)

    // --- Save, attach a CSV, see the fit ---
    const name = 'E2E release liposome'
    await page.getByLabel('Design name', { exact: true }).fill(name)
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => page.locator('.save-status').innerText(), WAIT).toBe('Saved version 1')
    await expect.poll(() => attach.isDisabled(), WAIT).toBe(false)

    await attach.setInputFiles({ name: 'batch-7.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') })
    const preview = page.getByRole('table', { name: 'Preview of the release data' })
    await preview.waitFor(WAIT)
    expect(await preview.getByRole('row').count()).toBe(8)
    await page.getByRole('button', { name: 'Save measurement' }).click()

    const fitTable = page.getByRole('table', { name: 'Model fits ranked' })
    await fitTable.waitFor(WAIT)
    expect(await fitTable.getByRole('row').count()).toBeGreaterThanOrEqual(13) // header + at least the twelve models of cli.md
    const bestLine = page.getByTestId('best-model')
    // Models are named as in the literature ("Korsmeyer-Peppas", "First-order with Fmax"), not by id.
    await expect.poll(() => bestLine.innerText(), WAIT).toMatch(/^Best model: [A-Z][A-Za-z -]+ \(/)
    const best = /^Best model: ([A-Z][A-Za-z -]+?) \(/.exec(await bestLine.innerText())?.[1] ?? ''
    expect(await fitTable.getByRole('rowheader', { name: `${best} (best)` }).count()).toBe(1)
    await page.getByRole('img', { name: new RegExp(`${best} fit versus time`) }).locator('canvas').first().waitFor(WAIT)
    await page.getByRole('img', { name: /Residuals of the/ }).waitFor(WAIT)
    const compare = page.getByRole('region', { name: 'Compare release profiles' })
    await expect.poll(() => compare.getByTestId('f2').innerText(), WAIT).toMatch(/^-?\d/)

    // --- Reload and open: the measurement is still attached to version 1 ---
    await page.reload()
    await page.getByLabel('Search designs', { exact: true }).fill('E2E release')
    const item = page.getByRole('listitem').getByRole('button', { name: new RegExp(name) })
    await item.waitFor(WAIT)
    await item.click()
    await expect.poll(() => page.locator('.save-status').innerText(), WAIT).toBe('Opened version 1')
    const attached = page.getByRole('list', { name: 'Attached measurements' })
    await attached.waitFor(WAIT)
    expect(await attached.innerText()).toContain('batch-7')
    await expect.poll(() => page.getByTestId('best-model').innerText(), WAIT).toContain(`Best model: ${best}`)

    expect(app.pageErrors).toEqual([])
  })
})
