import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openAppSession, type AppSession } from './support/app-session'
import { axeViolations, saveScreen } from './support/layout-checks'

/**
 * The translation flag panel (issue #16, brief H17) in Chromium against the real web host.
 *
 * Two designs are built in the form. An iron-oxide core dosed at 20 mg/kg of particles in a
 * person carries at least 20 × 0.9 × 0.724 ≈ 13 mg Fe/kg (core share of the particle mass
 * above 0.9 under a thin PEG brush; magnetite is 72.4 % iron), above the 7.3 mg Fe/kg of
 * ferumoxytol's 510 mg in 70 kg: the iron-load concern. The default PEG brush adds the two
 * PEG cautions (complement activation, accelerated blood clearance): "Flags (3)". A bare PLGA
 * particle (PEG switched off, no ligand) raises no caution or concern: "Flags (0)", with the
 * nanomaterial guidance's info flag still listed.
 */

const WAIT = { timeout: 90_000 } as const

let app: AppSession
let page: Page

const flagsTab = (p: Page) => p.getByRole('tab', { name: /^Flags \(\d+\)$/ })
const cards = (p: Page) => p.locator('.flag-list > li')

beforeAll(async () => {
  app = await openAppSession({ width: 1600, height: 1000 })
  page = app.page
  await page.goto(app.host.url)
  await page.waitForFunction(() => (window.__nanoforgeScene?.frame ?? 0) > 0, null, WAIT)
})

afterAll(async () => {
  await app?.close()
})

describe('translation flags in the builder', () => {
  it('an iron-oxide core at a high human dose: "Flags (3)", the iron-load concern first with its why, what to measure and its source', async () => {
    await page.getByLabel('Design name', { exact: true }).fill('Iron oxide 20 mg/kg human')
    await page.getByLabel('Core material', { exact: true }).selectOption({ label: 'Iron oxide (SPION)' })
    await page.getByLabel('Core diameter (nm)', { exact: true }).fill('20')
    await page.getByLabel('Species', { exact: true }).selectOption('human')
    await page.getByLabel('Dose basis', { exact: true }).selectOption('particle')
    await page.getByLabel('Dose (mg/kg)', { exact: true }).fill('20')

    await expect.poll(() => flagsTab(page).innerText(), WAIT).toBe('Flags (3)')
    await flagsTab(page).click()
    await expect.poll(() => cards(page).count(), WAIT).toBeGreaterThanOrEqual(3)

    const first = cards(page).first()
    const text = await first.innerText()
    // Severity in words (the icon beside it is decorative), the title, the design's own numbers.
    expect(text).toMatch(/^Concern\s+Iron dose above the largest approved single iron-oxide dose/)
    expect(text).toMatch(/carries 1\d(\.\d+)? mg Fe\/kg, above the 7\.3 mg Fe\/kg/)
    expect(text).toMatch(/Measure next\s+Serum iron, transferrin saturation and ferritin/)
    expect(text).toMatch(/Source\s+Feraheme \(ferumoxytol\) US prescribing information/)
    expect(text).toMatch(/\[U\] recalled, not yet re-read against the publication/)
    expect(await first.locator('svg.flag-icon').getAttribute('aria-hidden')).toBe('true')

    // Most serious first: the concern, then the two PEG cautions, then info.
    const severities = await cards(page).locator('.flag-severity-word').allInnerTexts()
    expect(severities).toEqual(['Concern', 'Caution', 'Caution', ...severities.slice(3).map(() => 'Info')])
    const titles = await cards(page).locator('h3').allInnerTexts()
    expect(titles[1]).toContain('Complement activation-related pseudoallergy (CARPA)')
    expect(titles[2]).toContain('Accelerated blood clearance on repeated dosing')
    expect(await page.locator('.flags-summary').innerText()).toMatch(/^This design raises \d+ flags: 1 concern, 2 cautions, \d+ info\.$/)

    // For a reviewer: .reports/screens/flags-1600x1000.png
    await saveScreen(page, 'flags')
    expect(await axeViolations(page, '.estimates')).toEqual([])
  })

  it('follows the form live: a mouse at the same dose is 12× less in a person, and the concern goes', async () => {
    await page.getByLabel('Species', { exact: true }).selectOption('mouse')
    // 13–14.5 mg Fe/kg in a mouse × 3/37 ≈ 1.2 mg Fe/kg human-equivalent, below 7.3.
    await expect.poll(() => flagsTab(page).innerText(), WAIT).toBe('Flags (2)')
    expect(await cards(page).locator('.flag-severity-word').allInnerTexts()).not.toContain('Concern')
    await page.getByLabel('Species', { exact: true }).selectOption('human')
    await expect.poll(() => flagsTab(page).innerText(), WAIT).toBe('Flags (3)')
  })

  it('presentation mode lists the concern and cautions of the open design under its numbers', async () => {
    await page.getByRole('button', { name: 'Present', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Presentation mode' })
    await dialog.waitFor(WAIT)
    const list = dialog.getByRole('list', { name: 'Translation flags of Iron oxide 20 mg/kg human' })
    const items = await list.locator('li').allInnerTexts()
    expect(items[0]).toMatch(/^Concern\s+Iron dose above the largest approved single iron-oxide dose$/)
    expect(items.slice(1).every((t) => t.startsWith('Caution'))).toBe(true)
    expect(items).toHaveLength(3)
    // For a reviewer: .reports/screens/flags-presentation-1600x1000.png, once the outcomes are in.
    await expect.poll(() => dialog.locator('.presented-number.is-outcome').count(), WAIT).toBe(4)
    await expect.poll(() => dialog.locator('.presented-number.is-outcome dd').first().innerText(), WAIT).toMatch(/\d/)
    // The 3D view draws its first frame after the numbers (software WebGL): its scale-bar label appears with it.
    await expect.poll(() => dialog.locator('.scale-bar-label').first().innerText(), WAIT).toMatch(/\d+ nm/)
    await saveScreen(page, 'flags-presentation')
    expect(await axeViolations(page, '.presentation')).toEqual([])
    await dialog.getByRole('button', { name: 'Exit presentation' }).click()
    await dialog.waitFor({ state: 'detached', ...WAIT })
  })

  it('a bare PLGA particle raises no caution: "Flags (0)", the info flag listed, axe clean', async () => {
    await page.getByRole('button', { name: 'New design', exact: true }).click()
    // The iron-oxide design was never saved: the app asks before discarding it.
    await page.getByRole('alertdialog', { name: 'Discard unsaved changes?' }).getByRole('button', { name: 'Discard changes' }).click()
    await page.getByLabel('Design name', { exact: true }).fill('Bare PLGA')
    await page.getByLabel('PEG coating', { exact: true }).uncheck()
    await page.getByLabel('Ligand type', { exact: true }).first().selectOption('none')
    await expect.poll(() => flagsTab(page).innerText(), WAIT).toBe('Flags (0)')
    await flagsTab(page).click()
    await expect.poll(() => page.locator('.flags-summary').innerText(), WAIT).toBe('This design raises 1 flag: 1 info.')
    expect(await cards(page).count()).toBe(1)
    const text = await cards(page).first().innerText()
    expect(text).toMatch(/^Info\s+Nanomaterial quality attributes the FDA guidance names/)
    expect(text).toMatch(/Source\s+FDA 2022, Drug Products, Including Biological Products, that Contain Nanomaterials/)
    expect(await axeViolations(page, '.estimates')).toEqual([])
    await saveScreen(page, 'flags-none')
  })

  it('raised no page errors', () => {
    expect(app.pageErrors).toEqual([])
  })
})
