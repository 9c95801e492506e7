import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import * as ids from '../../shared/catalog/ids'
import { CORE_CLASSES, DRUG_CLASSES } from '../../shared/catalog'
import { BIODISTRIBUTION_KEYS } from '../../shared/engine/pbpk/types'
import { newDesign } from '../../shared/design/defaults'
import type { Design } from '../../shared/design/types'
import { openAppSession, type AppSession } from './support/app-session'

/**
 * No code words on screen (issue 12): the visible text of every main screen — the builder
 * with each palette group and each estimate tab, the library, the history dialog, the
 * compare dialog and presentation mode — holds no raw catalog or contract id
 * (`plga-50-50`, a table cell reading `joints`, an option reading `deliver`), no parameter
 * path (`payload.loadingPctWw`, `core.plga-75-25.burstFraction`), no e-notation
 * (1.225e+12), one spelling of %ID·h, and no "Brief §" in place of a literature citation.
 */

const WAIT = { timeout: 90_000 } as const

/** Every id the contract and catalog define; each must reach the screen as its display name. */
const ALL_IDS: ReadonlyArray<string> = [...new Set([
  ...Object.values(ids).filter(Array.isArray).flat() as string[],
  ...CORE_CLASSES, ...DRUG_CLASSES, ...BIODISTRIBUTION_KEYS,
])]
/** Ids with a hyphen or digit never occur in prose: any occurrence is a leak. */
const CODE_LIKE = ALL_IDS.filter((id) => /[-0-9]/.test(id))
/** Single-word ids ("joints", "deliver", "mouse") are English words: a leak only when an element reads exactly that. */
const WORD_LIKE = ALL_IDS.filter((id) => !/[-0-9]/.test(id))

/** What one screen shows: its visible text, and the texts of its leaf elements (cells, options, values). */
async function screenText(scope: Locator): Promise<{ text: string; leaves: string[] }> {
  return scope.evaluate((root) => {
    const leaves: string[] = []
    for (const el of root.querySelectorAll<HTMLElement>('td, th, dd, dt, li, option, span, p, label, button, summary, h1, h2, h3, h4, legend, text')) {
      if (el.children.length > 0 && el.tagName !== 'OPTION') continue
      const style = getComputedStyle(el)
      if (style.visibility === 'hidden' || style.display === 'none') continue
      const t = (el.textContent ?? '').trim()
      if (t) leaves.push(t)
    }
    // Chromium's innerText is the rendered text (hidden elements left out), selects included.
    return { text: (root as HTMLElement).innerText, leaves }
  })
}

/**
 * Code words in one screen's text, as "screen: what" lines. The assumption lists' source and
 * note cells are scanned like everything else: they cite the literature, never the engine's
 * internal notes ("brief §2.2.1", "brief Part 3").
 */
function codeWords(screen: string, shown: { text: string; leaves: string[] }): string[] {
  const out: string[] = []
  const { text, leaves } = shown
  for (const m of text.matchAll(/\b\d+(?:\.\d+)?e[+-]?\d+\b/gi)) out.push(`${screen}: e-notation "${m[0]}"`)
  for (const id of CODE_LIKE) {
    if (new RegExp(`(?<![\\w/.-])${id.replace(/[-]/g, '\\-')}(?![\\w/-])`).test(text)) out.push(`${screen}: raw id "${id}"`)
  }
  for (const leaf of leaves) if (WORD_LIKE.includes(leaf)) out.push(`${screen}: element reading the raw id "${leaf}"`)
  for (const m of text.matchAll(/\b[a-z][A-Za-z]*\.(?:[a-z0-9-]+\.)*[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*\b/g)) out.push(`${screen}: parameter path "${m[0]}"`)
  if (/%\s?dose·h|%dose h/i.test(text)) out.push(`${screen}: "%dose·h" (the app writes %ID·h)`)
  if (/\bbrief (§|Part\b)/i.test(text)) out.push(`${screen}: "Brief §" instead of a literature citation`)
  return [...new Set(out)]
}

/** Checks one screen (the whole page, or a dialog) and returns its code words. */
async function scan(page: Page, screen: string, scope: Locator = page.locator('body')): Promise<string[]> {
  return codeWords(screen, await screenText(scope))
}

let app: AppSession

async function save(design: Design): Promise<void> {
  const res = await fetch(new URL('api/design:save', app.host.url), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ design }),
  })
  const body = (await res.json()) as { ok: boolean; message?: string }
  if (!body.ok) throw new Error(`save failed: ${body.message ?? res.status}`)
}

beforeAll(async () => {
  app = await openAppSession({ width: 1600, height: 1000 })
  const base = newDesign()
  await save({ ...base, name: 'Scan A PLGA joints' })
  await save({ ...base, name: 'Scan B liposome', core: { material: 'liposome', diameterNm: 100, bilayer: { lipid: 'hspc', cholesterolMolPct: 38 } }, context: { ...base.context, goal: 'image' } })
})

afterAll(async () => {
  await app?.close()
})

describe('no code words on screen', () => {
  it('the builder: every palette group and every estimate tab', async () => {
    const page = app.page
    await page.goto(app.host.url)
    await page.waitForFunction(() => (window.__nanoforgeScene?.frame ?? 0) > 0, null, WAIT)
    await expect.poll(() => page.locator('.estimates-status').innerText(), WAIT).toMatch(/Estimate current/)
    const found: string[] = []
    for (const group of ['Cores', 'Coatings', 'Ligands', 'Payloads']) {
      await page.getByRole('tab', { name: group, exact: true }).click()
      found.push(...await scan(page, `palette ${group}`))
    }
    for (const tab of ['Release', 'Biodistribution', 'Selectivity', 'Body map', 'Assumptions', 'Flags', 'Sensitivity', 'Find designs', 'Patient']) {
      // The Flags tab carries its count ("Flags (2)").
      await page.getByRole('tab', { name: tab === 'Flags' ? /^Flags \(\d+\)$/ : tab, exact: true }).click()
      // Find designs shows its goal editor (knob names, options, metrics) once started.
      if (tab === 'Find designs') await page.getByRole('button', { name: 'Start a goal from the open design' }).click()
      // Open every disclosure of the tab (assumption lists), so their text is on screen too.
      await page.locator('.estimates-body details:not([open]) > summary').evaluateAll((els) => els.forEach((e) => (e as HTMLElement).click()))
      found.push(...await scan(page, `estimates ${tab}`))
    }
    expect(found).toEqual([])
  })

  it('the history and compare dialogs', async () => {
    const page = app.page
    await expect.poll(() => page.locator('.library-count').innerText(), WAIT).toMatch(/^2 designs/)
    await page.getByRole('button', { name: /Scan A PLGA joints/ }).click()
    await expect.poll(() => page.locator('.save-status').innerText(), WAIT).toBe('Opened version 1')
    await page.getByLabel('Core diameter (nm)', { exact: true }).fill('150')
    await page.getByLabel('Drug loading (% w/w)', { exact: true }).fill('8')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => page.locator('.save-status').innerText(), WAIT).toBe('Saved version 2')
    await page.getByRole('button', { name: 'History of the open design' }).click()
    const history = page.getByRole('dialog', { name: /History of Scan A/ })
    await history.getByRole('table', { name: 'Changes from version 1 to version 2' }).waitFor(WAIT)
    const found = await scan(page, 'history', history)
    await history.getByRole('button', { name: 'Close', exact: true }).click()

    for (const n of ['Scan A PLGA joints', 'Scan B liposome']) await page.getByRole('checkbox', { name: `Select ${n}`, exact: true }).check()
    await page.getByRole('button', { name: 'Compare selected (2)' }).click()
    const compare = page.getByRole('dialog', { name: 'Compare 2 designs' })
    await expect.poll(() => compare.locator('path.curve-line').count(), WAIT).toBe(4)
    found.push(...await scan(page, 'compare', compare))
    await compare.getByRole('button', { name: 'Close', exact: true }).click()
    found.push(...await scan(page, 'library'))
    expect(found).toEqual([])
  })

  it('presentation mode, alone and side by side', async () => {
    const page = app.page
    await page.getByRole('button', { name: 'Present', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Presentation mode' })
    await expect.poll(() => dialog.locator('.presented-number.is-outcome').count(), WAIT).toBe(4)
    const found = await scan(page, 'presentation', dialog)
    await dialog.locator('summary', { hasText: 'Compare saved designs' }).click()
    const boxes = dialog.getByRole('group', { name: 'Designs shown side by side' })
    await boxes.getByRole('checkbox', { name: 'Scan A PLGA joints' }).check()
    await boxes.getByRole('checkbox', { name: 'Scan B liposome' }).check()
    await expect.poll(() => dialog.locator('.presented-number.is-outcome').count(), WAIT).toBe(8)
    found.push(...await scan(page, 'presentation side by side', dialog))
    await dialog.getByRole('button', { name: 'Exit presentation' }).click()
    expect(found).toEqual([])
  })

  it('the scanner finds what it is meant to find', () => {
    const leak = codeWords('fixture', { text: 'Core plga-50-50 at 1.225e+12 per mg; payload.loadingPctWw; AUC 3 %dose·h; Brief §1.2', leaves: ['joints'] })
    expect(leak).toEqual([
      'fixture: e-notation "1.225e+12"',
      'fixture: raw id "plga-50-50"',
      'fixture: element reading the raw id "joints"',
      'fixture: parameter path "payload.loadingPctWw"',
      'fixture: "%dose·h" (the app writes %ID·h)',
      'fixture: "Brief §" instead of a literature citation',
    ])
    expect(codeWords('fixture', { text: 'PLGA 50:50, 1.23 × 10¹² per mg, Joints, Potts-Guy, doi:10.1023/A:1015810312465, 5.0e', leaves: ['Joints'] })).toEqual([])
  })

  it('raised no page errors', () => {
    expect(app.pageErrors).toEqual([])
  })
})
