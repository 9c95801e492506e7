import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { launchChromium } from './support/browser'
import { startWebHost, type RunningWebHost } from './support/web-host'

/**
 * Foundation end-to-end (issue 2): build a design only through the form, watch the derived
 * numbers change, save, reload, find it in the library, open it and see the saved values;
 * the canvas draws real pixels with the ligands as instances at their true count; and the
 * app never requests anything outside the loopback host.
 */

const WAIT = { timeout: 60_000 } as const

let host: RunningWebHost
let browser: Browser
let context: BrowserContext
let page: Page
const requests: string[] = []
const pageErrors: string[] = []
const consoleErrors: string[] = []

/** Text of one row of the derived-properties panel. */
function derived(name: string): Locator {
  return page.getByRole('region', { name: 'Derived properties' }).getByLabel(name, { exact: true })
}

/** Waits until the scene probe reports a rendered frame satisfying `predicate` on instances. */
async function waitForInstances(count: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const s = window.__nanoforgeScene
      return s !== undefined && s.frame > 0 && s.instances === n
    },
    count,
    WAIT,
  )
}

/**
 * Reads the WebGL canvas back (preserveDrawingBuffer) through a 2D canvas and summarises it:
 * pixels that differ from the background colour, and distinct colours (4-bit buckets).
 */
async function canvasPixelSummary(): Promise<{ width: number; height: number; nonBackground: number; colours: number; centreDiffers: boolean }> {
  return page.evaluate(() => {
    const gl = document.querySelector<HTMLCanvasElement>('.canvas-host canvas')
    if (!gl) throw new Error('no canvas')
    const c = document.createElement('canvas')
    c.width = gl.width
    c.height = gl.height
    const ctx = c.getContext('2d')
    if (!ctx) throw new Error('no 2d context')
    ctx.drawImage(gl, 0, 0)
    const { data } = ctx.getImageData(0, 0, c.width, c.height)
    const bg = [0x0f, 0x14, 0x20]
    const differs = (i: number): boolean =>
      Math.abs(data[i] - bg[0]) + Math.abs(data[i + 1] - bg[1]) + Math.abs(data[i + 2] - bg[2]) > 30
    let nonBackground = 0
    const buckets = new Set<number>()
    for (let i = 0; i < data.length; i += 4) {
      if (differs(i)) nonBackground++
      buckets.add(((data[i] >> 4) << 8) | ((data[i + 1] >> 4) << 4) | (data[i + 2] >> 4))
    }
    const centre = ((c.height >> 1) * c.width + (c.width >> 1)) * 4
    return { width: c.width, height: c.height, nonBackground, colours: buckets.size, centreDiffers: differs(centre) }
  })
}

beforeAll(async () => {
  host = await startWebHost()
  browser = await launchChromium()
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  context.on('request', (r) => requests.push(r.url()))
  page = await context.newPage()
  page.on('pageerror', (e) => pageErrors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text())
  })
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await host?.stop()
})

describe('foundation: form → scene → save → library → open', () => {
  it('builds a design through the form, saves it, opens it again after a reload, and stays on loopback', async () => {
    await page.goto(host.url)
    const diameter = page.getByLabel('Core diameter (nm)', { exact: true })
    await diameter.waitFor(WAIT)
    await waitForInstances(250) // the default design: 250 folates
    const callsAt250 = (await page.evaluate(() => window.__nanoforgeScene))?.calls

    // --- Build the design only through the form ---
    const hydroBefore = await derived('Hydrodynamic diameter').innerText()
    await page.getByLabel('Core material', { exact: true }).selectOption('plga-75-25')
    await diameter.fill('150')
    await expect.poll(() => derived('Hydrodynamic diameter').innerText(), WAIT).not.toBe(hydroBefore)
    const hydroAt150 = await derived('Hydrodynamic diameter').innerText()

    // Switch PEG off and on again through the checkbox, then set its chain and density.
    const peg = page.getByLabel('PEG coating', { exact: true })
    await peg.uncheck()
    await expect.poll(() => derived('PEG regime').innerText(), WAIT).toBe('no PEG')
    await expect.poll(() => derived('Hydrodynamic diameter').innerText(), WAIT).not.toBe(hydroAt150)
    await peg.check()
    await page.getByLabel('PEG molecular weight (Da)', { exact: true }).fill('5000')
    await page.getByLabel('PEG grafting density (chains/nm²)', { exact: true }).fill('0.3')
    await expect.poll(() => derived('PEG regime').innerText(), WAIT).toMatch(/brush|mushroom/)

    await page.getByLabel('Ligand type', { exact: true }).selectOption('anti-icam-1')
    await page.getByRole('spinbutton', { name: 'Ligands per particle', exact: true }).fill('400')
    await expect.poll(() => derived('Ligands per particle').innerText(), WAIT).toBe('400')

    await page.getByLabel('Drug', { exact: true }).selectOption('methotrexate')
    await page.getByLabel('Drug loading (% w/w)', { exact: true }).fill('8')
    await page.getByLabel('Release trigger', { exact: true }).selectOption('ph')
    await page.getByLabel('Disease', { exact: true }).selectOption('lupus-nephritis')
    await page.getByLabel('Species', { exact: true }).selectOption('rat')
    await page.getByLabel('Goal', { exact: true }).selectOption('deliver')
    await page.getByLabel('Dose (mg/kg)', { exact: true }).fill('5')
    await page.getByLabel('Dose basis', { exact: true }).selectOption('particle')
    const name = 'E2E anti-ICAM-1 PEG-PLGA methotrexate'
    await page.getByLabel('Design name', { exact: true }).fill(name)

    // --- The scene follows: status line, instance count, real pixels ---
    await expect.poll(() => page.locator('.scene-status').innerText(), WAIT).toBe('1 core, 1 shell, 400 ligands')
    await waitForInstances(400)
    const probe = await page.evaluate(() => window.__nanoforgeScene)
    expect(probe?.calls).toBeGreaterThanOrEqual(3) // core, shell, one instanced draw for all ligands
    expect(probe?.calls).toBe(callsAt250) // instancing: draw calls do not grow with the ligand count
    const pixels = await canvasPixelSummary()
    expect(pixels.width).toBeGreaterThan(100)
    expect(pixels.centreDiffers).toBe(true)
    expect(pixels.nonBackground / (pixels.width * pixels.height)).toBeGreaterThan(0.02)
    expect(pixels.colours).toBeGreaterThan(8)

    // --- Invalid input is reported at the field and blocks nothing else ---
    await diameter.fill('-5')
    const diameterErrors = page.locator('.field', { has: diameter }).locator('.field-errors')
    await expect.poll(() => diameterErrors.innerText(), WAIT).toContain('between 1 and 5000')
    expect(await page.locator('.scene-stale').count()).toBe(1) // the view says it shows the last valid design
    await diameter.fill('150')
    await expect.poll(() => diameterErrors.count(), WAIT).toBe(0)

    // --- Save ---
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => page.locator('.save-status').innerText(), WAIT).toBe('Saved version 1')
    const savedItem = page.getByRole('button', { name: new RegExp(name) })
    await savedItem.waitFor(WAIT)

    // --- Reload: the form starts fresh; the library still has the design ---
    await page.reload()
    await diameter.waitFor(WAIT)
    await expect.poll(() => page.getByLabel('Design name', { exact: true }).inputValue(), WAIT).not.toBe(name)
    await page.getByLabel('Search designs', { exact: true }).fill('anti-ICAM')
    const item = page.getByRole('listitem').getByRole('button', { name: new RegExp(name) })
    await item.waitFor(WAIT)
    expect(await item.innerText()).toMatch(/150 nm/)
    expect(await item.innerText()).toMatch(/version 1/)

    // Open it with the keyboard.
    await item.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.save-status').innerText(), WAIT).toBe('Opened version 1')

    // --- The form shows the saved values ---
    const value = (label: string): Promise<string> => page.getByLabel(label, { exact: true }).inputValue()
    expect(await value('Design name')).toBe(name)
    expect(await value('Core material')).toBe('plga-75-25')
    expect(Number(await value('Core diameter (nm)'))).toBe(150)
    expect(await page.getByLabel('PEG coating', { exact: true }).isChecked()).toBe(true)
    expect(Number(await value('PEG molecular weight (Da)'))).toBe(5000)
    expect(Number(await value('PEG grafting density (chains/nm²)'))).toBe(0.3)
    expect(await value('Ligand type')).toBe('anti-icam-1')
    expect(Number(await page.getByRole('spinbutton', { name: 'Ligands per particle', exact: true }).inputValue())).toBe(400)
    expect(await value('Drug')).toBe('methotrexate')
    expect(Number(await value('Drug loading (% w/w)'))).toBe(8)
    expect(await value('Release trigger')).toBe('ph')
    expect(await value('Disease')).toBe('lupus-nephritis')
    expect(await value('Species')).toBe('rat')
    expect(await value('Goal')).toBe('deliver')
    expect(Number(await value('Dose (mg/kg)'))).toBe(5)
    expect(await value('Dose basis')).toBe('particle')
    await waitForInstances(400)
    expect(await item.getAttribute('aria-current')).toBe('true')

    // --- Saving the open design appends a version instead of overwriting ---
    await diameter.fill('160')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => page.locator('.save-status').innerText(), WAIT).toBe('Saved version 2')
    await expect.poll(() => item.innerText(), WAIT).toMatch(/version 2/)

    // --- Offline: nothing outside the loopback host was requested; no page errors ---
    expect(requests.length).toBeGreaterThan(0)
    const outside = requests.filter((u) => !(u.startsWith(`${host.origin}/`) || u.startsWith('data:') || u.startsWith('blob:')))
    expect(outside).toEqual([])
    expect(new URL(host.origin).hostname).toBe('127.0.0.1')
    expect(pageErrors).toEqual([])
    expect(consoleErrors).toEqual([])
  })
})
