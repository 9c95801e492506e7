import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openAppSession, type AppSession } from './support/app-session'
import { axeViolations, saveScreen } from './support/layout-checks'

/**
 * Specification limits edited in the app (issue #16), on the web host with a fresh library: a
 * saved design takes an encapsulation-efficiency reading of 84 % (no spec yet); a project is
 * created in the Library panel and the design filed under it from the CQA table; a lower limit
 * of 90 % typed under the row turns the status to FAIL (84 < 90), and 80 % turns it to Pass
 * (84 ≥ 80); an upper limit below the lower one is refused at `spec.max` with the typed text
 * kept. Screenshot: .reports/screens/cqa-edit-1280x720.png; axe-core clean on the table.
 */

const WAIT = { timeout: 60_000 } as const

let app: AppSession
let page: Page

beforeAll(async () => {
  app = await openAppSession({ width: 1280, height: 720 })
  page = app.page
})

afterAll(async () => {
  await app?.close()
})

const eeRow = (): ReturnType<Page['locator']> => page.locator('.cqa-table tr[data-attribute="encapsulationEfficiencyPct"]')

describe('editing a project limit in the CQA table', () => {
  it('sets a limit and the attribute turns FAIL, then Pass; a bad limit is refused at its field', async () => {
    await page.goto(app.host.url)
    await page.getByLabel('Design name', { exact: true }).fill('E2E CQA limits')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => page.locator('.save-status').innerText(), WAIT).toBe('Saved version 1')

    const group = page.getByRole('group', { name: 'Quality reading' })
    const ee = group.getByLabel('Measured encapsulation efficiency (%)', { exact: true })
    await expect.poll(() => ee.isDisabled(), WAIT).toBe(false)
    await ee.fill('84')
    await group.getByRole('button', { name: 'Add quality reading' }).click()
    await expect.poll(() => eeRow().getAttribute('data-status'), WAIT).toBe('no spec')

    // A project from the Library panel, then the design filed under it from the CQA table.
    await page.getByLabel('New project name', { exact: true }).fill('E2E screen')
    await page.getByRole('button', { name: 'Create project' }).click()
    // The picker lists the library's projects: the one just created appears without a reload.
    const picker = page.getByRole('form', { name: 'File under a project' })
    await expect.poll(() => picker.locator('option').allInnerTexts(), WAIT).toEqual(['E2E screen'])
    await picker.getByRole('button', { name: 'File under project' }).click()
    await expect.poll(() => page.getByTestId('cqa-source').innerText(), WAIT).toMatch(/Specification of the project “E2E screen”/)

    // Lower limit 90 %: 84 < 90, FAIL.
    await eeRow().getByRole('button', { name: 'Edit limit of Encapsulation efficiency' }).click()
    const form = page.getByRole('form', { name: 'Limit of Encapsulation efficiency' })
    await form.getByLabel('Lower limit (%)', { exact: true }).fill('90')
    await form.getByLabel('Justification', { exact: true }).fill('free drug drives toxicity')
    await form.getByRole('button', { name: 'Save limit' }).click()
    await expect.poll(() => eeRow().getAttribute('data-status'), WAIT).toBe('fail')
    expect(await eeRow().locator('.cqa-status').innerText()).toBe('FAIL')
    expect(await eeRow().innerText()).toContain('≥ 90 %')

    // A bad limit: upper below lower, refused at spec.max, the typed text kept.
    await eeRow().getByRole('button', { name: 'Edit limit of Encapsulation efficiency' }).click()
    await form.getByLabel('Upper limit (%)', { exact: true }).fill('50')
    await form.getByRole('button', { name: 'Save limit' }).click()
    await expect.poll(() => form.getByRole('alert').innerText(), WAIT).toMatch(/spec\.max: the upper limit 50 is below the lower limit 90\. Nothing was written\./)
    expect(await form.getByLabel('Upper limit (%)', { exact: true }).inputValue()).toBe('50')
    await form.getByRole('button', { name: 'Cancel' }).click()
    expect(await eeRow().getAttribute('data-status')).toBe('fail')

    // Lower limit 80 %: 84 ≥ 80, Pass.
    await eeRow().getByRole('button', { name: 'Edit limit of Encapsulation efficiency' }).click()
    await form.getByLabel('Lower limit (%)', { exact: true }).fill('80')
    await form.getByLabel('Upper limit (%)', { exact: true }).fill('')
    await form.getByRole('button', { name: 'Save limit' }).click()
    await expect.poll(() => eeRow().getAttribute('data-status'), WAIT).toBe('pass')
    expect(await eeRow().innerText()).toContain('≥ 80 %')

    // The editor open on the next row for the reviewer's screenshot.
    await page.locator('.cqa-table tr[data-attribute="endotoxinEuPerMl"]').getByRole('button', { name: 'Edit limit of Endotoxin' }).click()
    await page.getByRole('form', { name: 'Limit of Endotoxin' }).getByLabel('Upper limit (EU/mL)', { exact: true }).fill('0.5')
    // The EE row (Pass, with its justification) above the open editor, for the reviewer.
    await page.locator('.spec-editor').evaluate((el) => el.scrollIntoView({ block: 'end' }))
    await saveScreen(page, 'cqa-edit')
    expect(await axeViolations(page, '.cqa-table')).toEqual([])
    expect(app.pageErrors).toEqual([])
  })
})
