import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { openAppSession, type AppSession } from './support/app-session'
import { SCREEN_SIZES, axeViolations, horizontalOverflow, saveScreen } from './support/layout-checks'
import { predictionIntervalShort, withinStudyShort } from '../../shared/engine/validation/measured-accuracy'

/**
 * Presentation end-to-end (issue 12): readable from the back of a room — at 1920×1080 labels
 * are at least 24 px and key numbers at least 48 px, measured from computed styles — with the
 * outcome metrics (selectivity index, blood half-life, target AUC, drug released in the
 * target) for the open design and for saved designs side by side, the latter with one
 * overlaid chart and views of equal size (one camera, one scale); no serious or critical
 * axe-core violation; screenshots of both screens at three sizes in .reports/screens/.
 */

const WAIT = { timeout: 90_000 } as const
const OUTCOMES = ['Selectivity index', 'Blood half-life', 'Target AUC', 'Drug released in target']

let app: AppSession

beforeAll(async () => {
  app = await openAppSession({ width: 1600, height: 900 })
})

/** Two saved designs to show side by side: the default one and a larger one. */
async function saveTwoDesigns(): Promise<void> {
  const page = app.page
  await page.goto(app.host.url)
  await page.getByLabel('Design name', { exact: true }).fill('Review A 120 nm')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect.poll(() => page.locator('.save-status').innerText(), WAIT).toBe('Saved version 1')
  await page.getByRole('button', { name: 'New design', exact: true }).click()
  await page.getByLabel('Design name', { exact: true }).fill('Review B 200 nm')
  await page.getByLabel('Core diameter (nm)', { exact: true }).fill('200')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect.poll(() => page.locator('.save-status').innerText(), WAIT).toBe('Saved version 1')
  await expect.poll(() => page.locator('.library-count').innerText(), WAIT).toMatch(/^2 designs/)
}

afterAll(async () => {
  await app?.close()
})

async function present(size: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page; dialog: Locator }> {
  const context = await app.browser.newContext({ viewport: size })
  const page = await context.newPage()
  page.on('pageerror', (e) => app.pageErrors.push(e.message))
  await page.goto(app.host.url)
  await page.waitForFunction(() => (window.__nanoforgeScene?.frame ?? 0) > 0, null, WAIT)
  await expect.poll(() => page.locator('.estimates-status').innerText(), WAIT).toMatch(/Estimate current/)
  await page.getByRole('button', { name: 'Present', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Presentation mode' })
  await dialog.waitFor(WAIT)
  return { context, page, dialog }
}

/** Smallest computed font size (px) among the elements matched. */
async function smallestFontPx(locator: Locator): Promise<number> {
  const sizes = await locator.evaluateAll((els) => els.map((e) => Number.parseFloat(getComputedStyle(e).fontSize)))
  expect(sizes.length).toBeGreaterThan(0)
  return Math.min(...sizes)
}

/** The outcome metrics shown in one presented design, as "label: value" lines. */
async function outcomes(section: Locator): Promise<string[]> {
  return section.locator('.presented-number.is-outcome').evaluateAll((els) => els.map((e) => `${e.querySelector('dt')?.textContent ?? ''}: ${e.querySelector('dd')?.textContent ?? ''}`))
}

/** Labels of presented numbers whose figure (number and unit) breaks over more than one line. */
async function wrappedFigures(scope: Locator): Promise<string[]> {
  return scope.locator('.presented-number').evaluateAll((els) => els
    .filter((e) => (e.querySelector('.presented-figure')?.getClientRects().length ?? 0) > 1)
    .map((e) => e.querySelector('dt')?.textContent ?? '?'))
}

describe('presentation mode', () => {
  it('has two saved designs to review', async () => {
    await saveTwoDesigns()
  })

  for (const size of SCREEN_SIZES) {
    it(`${size.width}×${size.height}: large type, the outcome metrics, and no serious axe violation`, async () => {
      const { context, page, dialog } = await present(size)
      try {
        const section = dialog.locator('.presented')
        await expect.poll(async () => (await outcomes(section)).length, WAIT).toBe(4)
        const lines = await outcomes(section)
        OUTCOMES.forEach((label, i) => expect(lines[i]).toMatch(new RegExp(`^${label}.*: \\d`)))

        const labelPx = await smallestFontPx(dialog.locator('.presented-numbers dt'))
        // The key numbers are the figures (the dd also holds the unit and the band, at label size).
        const numberPx = await smallestFontPx(dialog.locator('.presented-numbers .presented-figure'))
        if (size.width >= 1920) {
          // Issue 12: at 1920×1080 and above, labels ≥ 24 px and key numbers ≥ 48 px.
          expect(labelPx).toBeGreaterThanOrEqual(24)
          expect(numberPx).toBeGreaterThanOrEqual(48)
        } else {
          expect(labelPx).toBeGreaterThanOrEqual(18)
          expect(numberPx).toBeGreaterThanOrEqual(32)
        }
        // Type scales with the screen: twice the width, about twice the size (within the clamp).
        if (size.width === 3840) expect(numberPx).toBeGreaterThanOrEqual(96)
        // The 3D view's labels (core, shells, outer diameter) are as large as the mode's own
        // labels: their text is 1/1.4 of the plate the scene probe measures on screen.
        await expect.poll(async () => {
          const platesPx = await page.evaluate(() => window.__nanoforgeScene?.labelsPx ?? [])
          return platesPx.length >= 3 ? Math.min(...platesPx) / 1.4 : 0
        }, WAIT).toBeGreaterThanOrEqual(labelPx - 1)
        // A number and its unit stay on one line ("0.21 % of drug dose", never the unit on a line below).
        expect(await wrappedFigures(dialog)).toEqual([])
        expect(await horizontalOverflow(page)).toEqual([])
        await saveScreen(page, 'presentation')
        expect(await axeViolations(page, '.presentation')).toEqual([])
      } finally {
        await context.close()
      }
    })

    it(`${size.width}×${size.height}: two saved designs side by side, each with its outcome metrics`, async () => {
      const { context, page, dialog } = await present(size)
      try {
        await dialog.locator('summary', { hasText: 'Compare saved designs' }).click()
        const boxes = dialog.getByRole('group', { name: 'Designs shown side by side' })
        await boxes.getByRole('checkbox', { name: 'Review A 120 nm' }).check()
        await boxes.getByRole('checkbox', { name: 'Review B 200 nm' }).check()
        await expect.poll(() => dialog.locator('canvas').count(), WAIT).toBe(2)
        const sections = dialog.locator('.presented')
        for (const i of [0, 1]) {
          await expect.poll(async () => (await outcomes(sections.nth(i))).length, WAIT).toBe(4)
          const lines = await outcomes(sections.nth(i))
          OUTCOMES.forEach((label, j) => expect(lines[j]).toMatch(new RegExp(`^${label}.*: \\d`)))
        }
        // The two designs differ in size, so their estimates differ: each was computed for its own design.
        expect(await outcomes(sections.nth(0))).not.toEqual(await outcomes(sections.nth(1)))
        // a room comparing designs reads how often the engine moved with a design as papers did
        expect(await dialog.locator('.presentation-accuracy').innerText()).toBe(`Estimates: ${predictionIntervalShort()}; ${withinStudyShort()}.`)
        if (size.width === 1920) {
          // The outcome metrics side by side get their 95 % bands on request (each design's own run).
          await dialog.getByRole('button', { name: 'Compute 95 % bands' }).click()
          const banded = async (i: number): Promise<string[]> => (await outcomes(sections.nth(i))).filter((l) => /95 % band .+–.+/.test(l))
          for (const i of [0, 1]) await expect.poll(async () => (await banded(i)).length, WAIT).toBe(4)
          expect(await banded(0)).not.toEqual(await banded(1))
          await expect.poll(() => dialog.locator('.presentation-bands').innerText(), WAIT).toMatch(/95 % bands from \d+ Monte Carlo samples per design/)
        }
        if (size.width >= 1920) expect(await smallestFontPx(dialog.locator('.presented-numbers dt'))).toBeGreaterThanOrEqual(24)
        expect(await wrappedFigures(dialog)).toEqual([])
        // Both views lie fully inside the window (the right one is not cut).
        for (const i of [0, 1]) {
          const box = await sections.nth(i).locator('canvas').boundingBox()
          expect(box && box.x >= 0 && box.x + box.width <= size.width + 0.5 && box.y + box.height <= size.height + 0.5).toBe(true)
        }
        await dialog.locator('summary', { hasText: 'Compare saved designs' }).click()
        // Let the views take the room the closed picker left (the canvas follows its box on resize).
        await page.waitForTimeout(500)
        // One camera and equal boxes: the views show both particles at one scale. Unequal
        // boxes (cards whose numbers or flags take different heights) gave 1.04 against
        // 0.91 px per nm at 1920×1080, a 14 % size difference that is not in the designs.
        const views = await Promise.all([0, 1].map((i) => sections.nth(i).locator('canvas').boundingBox()))
        expect(Math.abs((views[0]?.height ?? 0) - (views[1]?.height ?? -10))).toBeLessThanOrEqual(1)
        expect(Math.abs((views[0]?.width ?? 0) - (views[1]?.width ?? -10))).toBeLessThanOrEqual(1)
        expect(views[0]?.height ?? 0).toBeGreaterThanOrEqual(0.15 * size.height)
        // One overlaid chart: a curve per design, the designs' names in its key, type as large
        // as the labels (≥ 24 px at 1920 and above), inside the window.
        const chart = dialog.locator('.presented-chart')
        await expect.poll(() => chart.locator('path.presented-curve').count(), WAIT).toBe(2)
        const curves = await chart.locator('path.presented-curve').evaluateAll((ps) => ps.map((p) => p.getAttribute('d') ?? ''))
        expect(curves.every((d) => d.split('L').length > 10)).toBe(true)
        expect(curves[0]).not.toBe(curves[1])
        const key = await chart.locator('.presented-chart-head').innerText()
        expect(key).toContain('Review A 120 nm')
        expect(key).toContain('Review B 200 nm')
        const textPx = await chart.locator('svg[role="img"] text').evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect().height))
        expect(textPx.length).toBeGreaterThanOrEqual(7)
        expect(Math.min(...textPx)).toBeGreaterThanOrEqual(size.width >= 1920 ? 24 : 17)
        const chartBox = await chart.boundingBox()
        expect(chartBox && chartBox.height >= 0.15 * size.height && chartBox.y + chartBox.height <= size.height + 0.5).toBe(true)
        expect(await horizontalOverflow(page)).toEqual([])
        await saveScreen(page, 'presentation-side-by-side')
        expect(await axeViolations(page, '.presentation')).toEqual([])
      } finally {
        await context.close()
      }
    })
  }

  it('raised no page errors', () => {
    expect(app.pageErrors).toEqual([])
  })
})
