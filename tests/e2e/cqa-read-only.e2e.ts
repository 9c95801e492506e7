import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openDesignLibrary } from '../../electron/db/library'
import { createMeasurementStore } from '../../electron/db/measurements'
import { setSpecLimit } from '../../electron/db/specs'
import { newDesign } from '../../shared/design/defaults'
import { openAppSession, type AppSession } from './support/app-session'
import { axeViolations, saveScreen } from './support/layout-checks'

/**
 * A library written by a newer NanoForge opens read-only (issue #16, the gap the last review
 * found): in the real app on the web host, the open design's CQA table shows its project's
 * limit and the reading (FAIL), every "Edit limit" is disabled with the host's reason beside
 * it, and the quality readings cannot be added, before anything is typed; the design form's Save
 * and Save as new design are disabled with the same reason. Screenshot:
 * .reports/screens/cqa-read-only-1280x720.png; axe-core clean on the table.
 */

const WAIT = { timeout: 60_000 } as const

let session: AppSession
let page: Page

beforeAll(async () => {
  session = await openAppSession({ width: 1280, height: 720 }, {
    prepareLibrary: (dbPath) => {
      const library = openDesignLibrary({ path: dbPath, dailyBackup: false })
      const designId = library.saveDesign({ ...newDesign(), name: 'E2E read-only CQA' }).designId
      const project = library.createProject('E2E screen')
      library.moveToProject([designId], project.projectId)
      setSpecLimit(library, project.projectId, { attribute: 'encapsulationEfficiencyPct', min: 90, max: null, note: 'free drug drives toxicity' })
      createMeasurementStore(library).add({ designId, version: 1, kind: 'quality', label: 'CoA batch 7', data: { encapsulationEfficiencyPct: 84 } })
      library.close()
      // As if a newer NanoForge had written it: this build opens it read-only, untouched.
      const raw = new Database(dbPath)
      raw.pragma('user_version = 99')
      raw.close()
    },
  })
  page = session.page
})

afterAll(async () => {
  await session?.close()
})

describe('CQA editors in a library opened read-only', () => {
  it('are disabled up front with the reason, while the stored limit and reading still show', async () => {
    await page.goto(session.host.url)
    await expect.poll(() => page.locator('.app-info').innerText(), WAIT).toMatch(/read-only: .*newer NanoForge/)
    await page.getByRole('button', { name: /E2E read-only CQA/ }).click()
    await expect.poll(() => page.locator('.save-status').innerText(), WAIT).toBe('Opened version 1')
    await page.getByRole('tab', { name: 'Release', exact: true }).click()

    const eeRow = page.locator('.cqa-table tr[data-attribute="encapsulationEfficiencyPct"]')
    await expect.poll(() => eeRow.getAttribute('data-status'), WAIT).toBe('fail')
    expect(await eeRow.innerText()).toContain('≥ 90 %')
    const reason = page.getByTestId('cqa-read-only')
    await expect.poll(() => reason.innerText(), WAIT).toMatch(/^The library is read-only: .*written by a newer NanoForge \(library schema version 99\).*Nothing can be changed in it here\.$/)

    const edits = page.locator('.cqa-table').getByRole('button', { name: /^Edit limit of / })
    const count = await edits.count()
    expect(count).toBeGreaterThanOrEqual(8)
    const reasonId = await reason.getAttribute('id')
    for (let i = 0; i < count; i++) {
      expect(await edits.nth(i).isDisabled()).toBe(true)
      expect(await edits.nth(i).getAttribute('aria-describedby')).toBe(reasonId)
    }
    const quality = page.getByRole('group', { name: 'Quality reading' })
    expect(await quality.getByRole('button', { name: 'Add quality reading' }).isDisabled()).toBe(true)
    expect(await quality.getByLabel('Measured encapsulation efficiency (%)', { exact: true }).isDisabled()).toBe(true)
    expect(await page.getByRole('button', { name: /^Delete CoA batch 7/ }).isDisabled()).toBe(true)

    // The design form says it too: an edit cannot be saved, as a new version or a new design.
    const form = page.getByRole('form', { name: 'Design' })
    await form.getByLabel('Core diameter (nm)', { exact: true }).fill('150')
    // one line in the form; the host's whole reason opens under it
    const formNotice = form.locator('details.form-read-only')
    await expect.poll(() => formNotice.locator('summary').innerText(), WAIT).toBe('The library is read-only: nothing can be saved here.')
    const formReason = form.getByTestId('form-read-only')
    expect(await formReason.isVisible()).toBe(false)
    await formNotice.locator('summary').click()
    await expect.poll(() => formReason.isVisible(), WAIT).toBe(true)
    expect(await formReason.innerText()).toMatch(/^The library is read-only: .*written by a newer NanoForge.*Nothing can be changed in it here\.$/)
    const formReasonId = await formReason.getAttribute('id')
    for (const name of ['Save', 'Save as new design']) {
      const button = form.getByRole('button', { name, exact: true })
      expect(await button.isDisabled(), name).toBe(true)
      expect(await button.getAttribute('aria-describedby'), name).toBe(formReasonId)
    }
    expect(await axeViolations(page, '.form-header')).toEqual([])
    // Ctrl+S does what the disabled Save button does: one line in the status, no save sent to the host
    const saves: string[] = []
    const onRequest = (request: { url: () => string }): void => { if (/design(:|%3A)save/i.test(request.url())) saves.push(request.url()) }
    page.on('request', onRequest)
    await form.getByLabel('Core diameter (nm)', { exact: true }).press('Control+s')
    await expect.poll(() => page.locator('.save-status').innerText(), WAIT).toBe('Not saved: the library is read-only (the notice above says why).')
    page.off('request', onRequest)
    expect(saves).toEqual([])
    // closed again for the screenshot: the one line the form shows
    await formNotice.locator('summary').click()
    await expect.poll(() => formReason.isVisible(), WAIT).toBe(false)

    // The reason, the FAIL row and the disabled editors in one view, for the reviewer.
    // Only the pane scrolls (scrollIntoView would also move the page itself).
    await reason.evaluate((el) => {
      let pane = el.parentElement
      while (pane !== null && !/(auto|scroll)/.test(getComputedStyle(pane).overflowY)) pane = pane.parentElement
      if (pane !== null) pane.scrollTop += el.getBoundingClientRect().top - pane.getBoundingClientRect().top - 8
    })
    await saveScreen(page, 'cqa-read-only')
    expect(await axeViolations(page, '.cqa-table')).toEqual([])
    expect(session.pageErrors).toEqual([])
  })
})
