import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { launchChromium } from './support/browser'
import { startWebHost, type RunningWebHost } from './support/web-host'
import { saveScreen } from './support/layout-checks'
import { newDesign } from '../../shared/design/defaults'
import type { Design } from '../../shared/design/types'

/**
 * The design library end-to-end (issue 5 proof): in Chromium against the web host, with
 * designs saved through the HTTP API and the form; search, filter by text, disease, core and
 * tag, sort by a metric; history with a field-by-field diff and a restore; compare three
 * designs (three columns, a differing parameter highlighted, curves, CSV); export a bundle and
 * import it into a second host with a fresh database.
 */

const WAIT = { timeout: 60_000 } as const

let hostA: RunningWebHost
let hostB: RunningWebHost | undefined
let browser: Browser
let context: BrowserContext
const pageErrors: string[] = []

const base = newDesign()
const designs: ReadonlyArray<Design> = [
  { ...base, name: 'E2E Alpha PLGA arthritis', core: { material: 'plga-50-50', diameterNm: 120 } },
  { ...base, name: 'E2E Beta gold psoriasis', core: { material: 'gold', diameterNm: 40 }, context: { ...base.context, disease: 'psoriasis' } },
  { ...base, name: 'E2E Gamma liposome arthritis', core: { material: 'liposome', diameterNm: 100, bilayer: { lipid: 'hspc', cholesterolMolPct: 38 } } },
  { ...base, name: 'E2E Delta PLGA large', core: { material: 'plga-50-50', diameterNm: 300 } },
]

/** Saves a design through the host's HTTP API (setup speed; the UI is exercised afterwards). */
async function saveViaApi(host: RunningWebHost, design: Design): Promise<string> {
  const res = await fetch(new URL('api/design:save', host.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ design }),
  })
  const body = (await res.json()) as { ok: boolean; value?: { designId: string }; message?: string }
  if (!body.ok || !body.value) throw new Error(`save failed: ${body.message ?? res.status}`)
  return body.value.designId
}

async function openPage(host: RunningWebHost): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (e) => pageErrors.push(e.message))
  await page.goto(host.url)
  try {
    await page.getByRole('region', { name: 'Library' }).or(page.getByRole('navigation', { name: 'Library' })).waitFor(WAIT)
  } catch (e) {
    const body = await page.locator('body').innerText().catch(() => '(no body)')
    throw new Error(`the library panel did not appear: ${String(e)}\npage errors: ${pageErrors.join('\n')}\nbody: ${body.slice(0, 2000)}\nhost stderr: ${host.stderr()}`, { cause: e })
  }
  return page
}

/** Names of the listed designs, top to bottom. */
function listedNames(page: Page): Promise<string[]> {
  return page.getByRole('list', { name: 'Saved designs' }).locator('li.library-row .library-name').allInnerTexts()
}

/** The list row of a design. */
function row(page: Page, name: string): Locator {
  return page.getByRole('list', { name: 'Saved designs' }).locator('li.library-row').filter({ has: page.getByRole('button', { name: new RegExp(name) }) })
}

beforeAll(async () => {
  hostA = await startWebHost()
  for (const d of designs) await saveViaApi(hostA, d)
  browser = await launchChromium()
  context = await browser.newContext({ viewport: { width: 1400, height: 950 }, acceptDownloads: true })
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await hostA?.stop()
  await hostB?.stop()
})

describe('library: browse, history, compare, move between machines', () => {
  it('searches, filters, tags, sorts, restores a version, compares three designs, and carries them to a fresh library', async () => {
    const page = await openPage(hostA)
    await expect.poll(() => listedNames(page), WAIT).toHaveLength(4)

    // --- Search and filters ---
    await page.getByLabel('Search designs', { exact: true }).fill('gold')
    await expect.poll(() => listedNames(page), WAIT).toEqual(['E2E Beta gold psoriasis'])
    await page.getByLabel('Search designs', { exact: true }).fill('')
    await expect.poll(() => listedNames(page), WAIT).toHaveLength(4)

    await page.getByLabel('Filter by disease', { exact: true }).selectOption('psoriasis')
    await expect.poll(() => listedNames(page), WAIT).toEqual(['E2E Beta gold psoriasis'])
    await page.getByLabel('Filter by disease', { exact: true }).selectOption('')
    await page.getByLabel('Filter by core material', { exact: true }).selectOption('liposome')
    await expect.poll(() => listedNames(page), WAIT).toEqual(['E2E Gamma liposome arthritis'])
    await page.getByLabel('Filter by core material', { exact: true }).selectOption('')
    await expect.poll(() => listedNames(page), WAIT).toHaveLength(4)

    // Tag one design through its actions, then filter by the tag.
    await row(page, 'E2E Alpha').locator('summary', { hasText: 'Actions' }).click()
    await row(page, 'E2E Alpha').getByLabel('New tag', { exact: true }).fill('lead')
    await row(page, 'E2E Alpha').getByRole('button', { name: 'Add tag', exact: true }).click()
    await expect.poll(() => row(page, 'E2E Alpha').getByRole('list', { name: 'Tags' }).innerText(), WAIT).toContain('lead')
    await page.getByLabel('Filter by tag', { exact: true }).selectOption('lead')
    await expect.poll(() => listedNames(page), WAIT).toEqual(['E2E Alpha PLGA arthritis'])
    await page.getByLabel('Filter by tag', { exact: true }).selectOption('')

    // --- Sort by a summary metric and by name ---
    await page.getByLabel('Sort by', { exact: true }).selectOption('hydrodynamicDiameterNm')
    await expect.poll(async () => (await listedNames(page))[0], WAIT).toBe('E2E Delta PLGA large')
    expect((await listedNames(page)).at(-1)).toBe('E2E Beta gold psoriasis')
    await page.getByLabel('Sort order', { exact: true }).selectOption('asc')
    await expect.poll(async () => (await listedNames(page))[0], WAIT).toBe('E2E Beta gold psoriasis')
    await page.getByLabel('Sort by', { exact: true }).selectOption('name')
    await expect.poll(() => listedNames(page), WAIT).toEqual([
      'E2E Alpha PLGA arthritis', 'E2E Beta gold psoriasis', 'E2E Delta PLGA large', 'E2E Gamma liposome arthritis',
    ])

    // --- Open Alpha, save a second version through the form ---
    await page.getByRole('button', { name: /E2E Alpha PLGA arthritis/ }).click()
    await expect.poll(() => page.locator('.save-status').innerText(), WAIT).toBe('Opened version 1')
    await page.getByLabel('Core diameter (nm)', { exact: true }).fill('150')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => page.locator('.save-status').innerText(), WAIT).toBe('Saved version 2')

    // --- History: both versions, the diff with units, restore version 1 as version 3 ---
    await page.getByRole('button', { name: 'History of the open design' }).click()
    const history = page.getByRole('dialog', { name: /History of E2E Alpha/ })
    await history.waitFor(WAIT)
    await expect.poll(() => history.getByRole('table', { name: 'Versions' }).locator('tbody tr').count(), WAIT).toBe(2)
    const diff = history.getByRole('table', { name: 'Changes from version 1 to version 2' })
    await diff.waitFor(WAIT)
    const diameterChange = diff.locator('tr[data-path="core.diameterNm"]')
    await expect.poll(() => diameterChange.innerText(), WAIT).toMatch(/Core diameter\tnm\t120\t150/)
    await history.getByRole('button', { name: 'Restore this version (version 1)' }).click()
    await expect.poll(() => history.getByRole('status').innerText(), WAIT).toMatch(/restored as version 3 and opened/)
    await expect.poll(() => history.getByRole('table', { name: 'Versions' }).locator('tbody tr').count(), WAIT).toBe(3)
    expect(Number(await page.getByLabel('Core diameter (nm)', { exact: true }).inputValue())).toBe(120)
    await history.getByRole('button', { name: 'Close', exact: true }).click()
    await expect.poll(() => page.getByRole('dialog').count(), WAIT).toBe(0)
    await expect.poll(() => row(page, 'E2E Alpha').innerText(), WAIT).toMatch(/version 3/)

    // --- Compare three designs ---
    for (const n of ['E2E Alpha PLGA arthritis', 'E2E Beta gold psoriasis', 'E2E Gamma liposome arthritis']) {
      await page.getByRole('checkbox', { name: `Select ${n}`, exact: true }).check()
    }
    await page.getByRole('button', { name: 'Compare selected (3)' }).click()
    const compare = page.getByRole('dialog', { name: 'Compare 3 designs' })
    const params = compare.getByRole('table', { name: 'Parameters side by side' })
    await params.waitFor(WAIT)
    expect(await params.locator('thead th').allInnerTexts()).toEqual(['Parameter', 'E2E Alpha PLGA arthritis (v3)', 'E2E Beta gold psoriasis (v1)', 'E2E Gamma liposome arthritis (v1)'])
    const coreRow = params.locator('tr[data-path="core.material"]')
    expect(await coreRow.getAttribute('data-differs')).toBe('true')
    expect(await coreRow.getAttribute('class')).toContain('differs')
    expect(await params.locator('tr[data-path="context.species"]').getAttribute('data-differs')).toBe('false')
    // The engine runs in a worker: wait for three curves in each chart.
    await expect.poll(() => compare.locator('path.curve-line').count(), WAIT).toBe(6)
    // the curves are read with how often the engine's differences matched published ones
    expect(await compare.getByText(/^How far the engine's differences between designs were checked: /).getAttribute('title')).toMatch(/^Comparing designs: within one study/)
    await saveScreen(page, 'compare-three')
    const metrics = compare.getByRole('table', { name: 'Metrics side by side' })
    await expect.poll(() => metrics.locator('td', { hasText: '…' }).count(), WAIT).toBe(0)
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download', WAIT),
      compare.getByRole('button', { name: 'Export CSV', exact: true }).click(),
    ])
    const csv = readFileSync(await csvDownload.path(), 'utf8')
    expect(csv.split('\r\n')[0]).toBe('metric,unit,E2E Alpha PLGA arthritis (v3),E2E Beta gold psoriasis (v1),E2E Gamma liposome arthritis (v1)')
    const diaCells = csv.split('\r\n').find((l) => l.startsWith('Hydrodynamic diameter,'))!.split(',').slice(2).map(Number)
    expect(diaCells.every((v) => v > 0)).toBe(true)
    expect(diaCells[1]).toBeLessThan(diaCells[0]!) // 40 nm gold vs 120 nm PLGA
    // Every chart exports (issue 12): the overlaid release curves as SVG and CSV, with all three designs.
    const releaseExport = compare.getByRole('group', { name: /^Export the Drug released/ })
    const [svgDownload] = await Promise.all([page.waitForEvent('download', WAIT), releaseExport.getByRole('button', { name: /as SVG$/ }).click()])
    const svg = readFileSync(await svgDownload.path(), 'utf8')
    expect(svg.startsWith('<svg') || svg.startsWith('<?xml')).toBe(true)
    for (const n of ['E2E Alpha PLGA arthritis (v3)', 'E2E Beta gold psoriasis (v1)', 'E2E Gamma liposome arthritis (v1)']) expect(svg).toContain(n)
    const [curveCsvDownload] = await Promise.all([page.waitForEvent('download', WAIT), releaseExport.getByRole('button', { name: /as CSV$/ }).click()])
    const curveRows = readFileSync(await curveCsvDownload.path(), 'utf8').split('\r\n').filter(Boolean)
    expect(curveRows[0]).toBe('series,Time (h),Released (%)')
    expect(new Set(curveRows.slice(1).map((r) => r.split(',')[0])).size).toBe(3)
    await compare.getByRole('button', { name: 'Close', exact: true }).click()

    // --- Export the three as a bundle ---
    const [bundleDownload] = await Promise.all([
      page.waitForEvent('download', WAIT),
      page.getByRole('button', { name: 'Export selected (3)' }).click(),
    ])
    const bundlePath = await bundleDownload.path()
    const bundleText = readFileSync(bundlePath, 'utf8')
    expect(() => JSON.parse(bundleText) as unknown).not.toThrow()
    await expect.poll(() => page.locator('.transfer-result').innerText(), WAIT).toMatch(/Exported 3 designs, 5 versions/)

    // --- Trash and restore ---
    await row(page, 'E2E Delta').locator('summary', { hasText: 'Actions' }).click()
    await row(page, 'E2E Delta').getByRole('button', { name: 'Move to trash', exact: true }).click()
    await expect.poll(() => listedNames(page), WAIT).toHaveLength(3)
    await page.getByRole('button', { name: /^Trash/ }).click()
    const trash = page.getByRole('list', { name: 'Designs in the trash' })
    await trash.getByRole('button', { name: 'Restore E2E Delta PLGA large' }).click()
    await expect.poll(() => trash.locator('li').count(), WAIT).toBe(0)
    await page.getByRole('button', { name: 'Designs', exact: true }).click()
    await expect.poll(() => listedNames(page), WAIT).toHaveLength(4)

    // --- Import into a fresh library on a second host ---
    hostB = await startWebHost()
    const pageB = await openPage(hostB)
    await expect.poll(() => pageB.locator('.library-count').innerText(), WAIT).toBe('0 designs')
    // A damaged bundle changes nothing and says what is wrong.
    const broken = bundleText.replace('"designs"', '"designz"')
    expect(broken).not.toBe(bundleText)
    await pageB.getByLabel('Import bundle file', { exact: true }).setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) })
    await expect.poll(() => pageB.locator('.transfer-error').innerText(), WAIT).toMatch(/Nothing was imported from broken\.json/)
    expect(await pageB.locator('.library-count').innerText()).toBe('0 designs')

    await pageB.getByLabel('Import bundle file', { exact: true }).setInputFiles(bundlePath)
    const result = pageB.getByRole('list', { name: 'Import result' })
    await expect.poll(() => result.innerText(), WAIT).toMatch(/3 designs added/)
    expect(await result.innerText()).toMatch(/5 versions added/)
    await expect.poll(() => listedNames(pageB), WAIT).toHaveLength(3)
    expect((await listedNames(pageB)).sort()).toEqual(['E2E Alpha PLGA arthritis', 'E2E Beta gold psoriasis', 'E2E Gamma liposome arthritis'])
    // The history came along: Alpha has its three versions there too.
    await pageB.getByRole('button', { name: /E2E Alpha PLGA arthritis/ }).click()
    await expect.poll(() => pageB.locator('.save-status').innerText(), WAIT).toBe('Opened version 3')
    // Importing the same file again duplicates nothing.
    await pageB.getByLabel('Import bundle file', { exact: true }).setInputFiles(bundlePath)
    await expect.poll(() => result.innerText(), WAIT).toMatch(/0 designs added/)
    expect(await result.innerText()).toMatch(/5 already here \(skipped\)/)
    await expect.poll(() => listedNames(pageB), WAIT).toHaveLength(3)

    // --- Rename and duplicate on the second machine ---
    const beta = row(pageB, 'E2E Beta')
    await beta.locator('summary', { hasText: 'Actions' }).click()
    await beta.getByRole('button', { name: 'Rename…', exact: true }).click()
    await beta.getByLabel('New name', { exact: true }).fill('E2E Beta gold, renamed')
    await beta.getByRole('button', { name: 'Save name', exact: true }).click()
    await expect.poll(() => listedNames(pageB), WAIT).toContain('E2E Beta gold, renamed')
    const gamma = row(pageB, 'E2E Gamma')
    await gamma.locator('summary', { hasText: 'Actions' }).click()
    await gamma.getByRole('button', { name: 'Duplicate', exact: true }).click()
    await expect.poll(() => listedNames(pageB), WAIT).toHaveLength(4)
    expect((await listedNames(pageB)).filter((n) => n.startsWith('E2E Gamma'))).toHaveLength(2)

    expect(pageErrors).toEqual([])
  })
})
