import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { launchChromium } from './support/browser'
import { startWebHost, type RunningWebHost } from './support/web-host'
import { predictionIntervalShort } from '../../shared/engine/validation/measured-accuracy'

/**
 * Builder end-to-end (issue 6): build a design only through the UI (palette by click and by
 * drag onto the view, property panel, a pick in the 3D view), watch derived numbers and the
 * estimate change, undo and redo, cutaway and layer labels change the pixels, PNG (2× and
 * 4K) and GLB exports are valid files, the draw calls do not grow with the ligand count,
 * presentation mode opens and Esc leaves it, two saved designs side by side share one camera,
 * and the autosaved draft is offered back after a reload.
 */

const WAIT = { timeout: 60_000 } as const

let host: RunningWebHost
let browser: Browser
let context: BrowserContext
let page: Page
const pageErrors: string[] = []

function derived(name: string): Locator {
  return page.getByRole('region', { name: 'Derived properties' }).getByLabel(name, { exact: true })
}

function status(): Promise<string> {
  return page.locator('.scene-status').innerText()
}

/** The latest frame number the scene probe published. */
async function frame(): Promise<number> {
  return page.evaluate(() => window.__nanoforgeScene?.frame ?? 0)
}

/** Waits for a frame newer than `after`, then returns the probe. */
async function nextFrame(after: number): Promise<NonNullable<Window['__nanoforgeScene']>> {
  await page.waitForFunction((f) => (window.__nanoforgeScene?.frame ?? 0) > f, after, WAIT)
  const s = await page.evaluate(() => window.__nanoforgeScene)
  if (!s) throw new Error('no scene probe')
  return s
}

/** Waits until the probe reports exactly `n` ligand instances, then returns the probe. */
async function waitForLigands(n: number): Promise<NonNullable<Window['__nanoforgeScene']>> {
  await page.waitForFunction((count) => window.__nanoforgeScene?.instances === count, n, WAIT)
  const s = await page.evaluate(() => window.__nanoforgeScene)
  if (!s) throw new Error('no scene probe')
  return s
}

async function canvasPng(): Promise<Buffer> {
  return page.locator('.canvas-host canvas').screenshot()
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(buf: Buffer): { width: number; height: number } {
  expect([...buf.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  expect(buf.subarray(12, 16).toString('ascii')).toBe('IHDR')
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) }
}

/** Opens the toolbar's Export menu (PNG size, background, PNG and GLB buttons) unless it is open. */
async function openExportMenu(): Promise<void> {
  const menu = page.getByRole('toolbar', { name: 'Builder tools' }).locator('details', { has: page.locator('summary', { hasText: 'Export' }) })
  if (!(await menu.evaluate((d) => (d as HTMLDetailsElement).open))) await menu.locator('summary').click()
}

async function download(click: () => Promise<void>): Promise<Buffer> {
  const [dl] = await Promise.all([page.waitForEvent('download', WAIT), click()])
  const path = await dl.path()
  return readFileSync(path)
}

beforeAll(async () => {
  host = await startWebHost()
  browser = await launchChromium()
  context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true })
  page = await context.newPage()
  page.on('pageerror', (e) => pageErrors.push(e.message))
  await page.goto(host.url)
  await page.waitForFunction(() => (window.__nanoforgeScene?.frame ?? 0) > 0, null, WAIT)
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await host?.stop()
})

describe('builder', () => {
  it('builds a design through the palette, the panel and a pick in the scene; numbers and estimate follow', async () => {
    await expect.poll(status, WAIT).toBe('1 core, 1 shell, 250 ligands')
    const hdBefore = await derived('Hydrodynamic diameter').innerText()
    await expect.poll(() => page.locator('.estimates-body').innerText(), WAIT).toMatch(/t50/)
    const estimateBefore = await page.locator('.estimates-body').innerText()

    // Palette: a red-blood-cell membrane goes under the PEG corona; a second ligand type.
    const palette = page.getByRole('region', { name: 'Component palette' })
    await palette.getByRole('tab', { name: 'Coatings' }).click()
    await palette.getByRole('button', { name: /^Add Red blood cell membrane/ }).click()
    await expect.poll(status, WAIT).toBe('1 core, 2 shells, 250 ligands')
    await palette.getByRole('tab', { name: 'Ligands' }).click()
    await palette.getByRole('button', { name: /^Add Cyclic RGD/ }).click()
    await expect.poll(status, WAIT).toBe('1 core, 2 shells, 500 ligands')

    // Panel: the core diameter; derived numbers and the estimate change.
    await page.getByLabel('Core diameter (nm)', { exact: true }).fill('200')
    await expect.poll(() => derived('Hydrodynamic diameter').innerText(), WAIT).not.toBe(hdBefore)
    await expect.poll(() => page.locator('.estimates-body').innerText(), WAIT).not.toBe(estimateBefore)
    await expect.poll(() => page.locator('.scene-measures').innerText(), WAIT).toMatch(/Core Ø\s+200 nm/)

    // Scene pick: in the cutaway the centre of the view is the core's cross-section.
    const f0 = await frame()
    await page.getByRole('button', { name: 'Cutaway' }).click()
    await nextFrame(f0)
    const box = await page.locator('.canvas-host canvas').boundingBox()
    if (!box) throw new Error('canvas has no box')
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    await expect.poll(() => page.locator('[data-section="core"]').getAttribute('class'), WAIT).toMatch(/is-selected/)
    await page.getByRole('button', { name: 'Cutaway' }).click()
  })

  it('undoes and redoes through the toolbar (naming the action) and the keyboard', async () => {
    const undo = page.getByRole('toolbar', { name: 'Builder tools' }).getByRole('button', { name: /^Undo/ })
    await expect.poll(() => undo.innerText(), WAIT).toBe('Undo Core diameter')
    await undo.click()
    await expect.poll(() => page.getByLabel('Core diameter (nm)', { exact: true }).inputValue(), WAIT).toBe('120')
    await expect.poll(() => undo.innerText(), WAIT).toMatch(/^Undo Add ligand/)
    await undo.click()
    await expect.poll(status, WAIT).toBe('1 core, 2 shells, 250 ligands')
    await page.getByRole('button', { name: /^Redo Add ligand/ }).click()
    await expect.poll(status, WAIT).toBe('1 core, 2 shells, 500 ligands')
    await page.locator('body').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('Control+y')
    await expect.poll(() => page.getByLabel('Core diameter (nm)', { exact: true }).inputValue(), WAIT).toBe('200')
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.getByLabel('Core diameter (nm)', { exact: true }).inputValue(), WAIT).toBe('120')
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(() => page.getByLabel('Core diameter (nm)', { exact: true }).inputValue(), WAIT).toBe('200')
  })

  it('changes the canvas pixels when the cutaway is toggled', async () => {
    const before = await canvasPng()
    const f = await frame()
    await page.getByRole('button', { name: 'Cutaway' }).click()
    await expect.poll(() => page.getByRole('button', { name: 'Cutaway' }).getAttribute('aria-pressed'), WAIT).toBe('true')
    await nextFrame(f)
    const after = await canvasPng()
    expect(after.equals(before)).toBe(false)
    const f1 = await frame()
    await page.getByRole('button', { name: 'Cutaway' }).click()
    await nextFrame(f1)
  })

  it('draws per-layer labels in the view that the Labels button hides', async () => {
    const labels = page.getByRole('toolbar', { name: 'Builder tools' }).getByRole('button', { name: 'Labels' })
    expect(await labels.getAttribute('aria-pressed')).toBe('true')
    const before = await canvasPng()
    const f = await frame()
    await labels.click()
    await expect.poll(() => labels.getAttribute('aria-pressed'), WAIT).toBe('false')
    const s = await nextFrame(f)
    const after = await canvasPng()
    expect(after.equals(before)).toBe(false)
    const f1 = await frame()
    await labels.click()
    // One label per layer (1 core, 2 shells) and one set of leader lines come back.
    expect((await nextFrame(f1)).calls).toBe(s.calls + 4)
  })

  it('keeps the draw calls constant from 250 to 20,000 ligands (instancing)', async () => {
    // One ligand type for a clean count.
    await page.getByRole('button', { name: 'Remove ligand 2' }).click()
    const count = page.getByRole('spinbutton', { name: 'Ligands per particle', exact: true })
    await count.fill('250')
    await expect.poll(status, WAIT).toBe('1 core, 2 shells, 250 ligands')
    await count.fill('20000')
    await expect.poll(status, WAIT).toBe('1 core, 2 shells, 20,000 ligands')
    const large = await waitForLigands(20_000)
    // PEG chains are instanced too: thousands of them, still one draw call.
    expect(large.allInstances).toBeGreaterThan(20_000)
    await count.fill('250')
    await expect.poll(status, WAIT).toBe('1 core, 2 shells, 250 ligands')
    const small = await waitForLigands(250)
    expect(large.calls).toBe(small.calls)
    expect(large.calls).toBeLessThan(20)
  })

  it('exports a PNG at 2× the view size and a valid GLB', async () => {
    const canvas = await page.locator('.canvas-host canvas').evaluate((c) => ({ w: c.clientWidth, h: c.clientHeight }))
    await openExportMenu()
    await page.getByLabel('PNG size').selectOption('2x')
    await page.getByLabel('Transparent background').check()
    const png = await download(() => page.getByRole('button', { name: 'Export PNG' }).click())
    expect(pngSize(png)).toEqual({ width: canvas.w * 2, height: canvas.h * 2 })
    await expect.poll(() => page.locator('.export-status').innerText(), WAIT).toBe('PNG exported')

    const glb = await download(() => page.getByRole('button', { name: 'Export GLB' }).click())
    expect(glb.subarray(0, 4).toString('ascii')).toBe('glTF')
    expect(glb.readUInt32LE(4)).toBe(2)
    expect(glb.readUInt32LE(8)).toBe(glb.length)
    const jsonLength = glb.readUInt32LE(12)
    const json = JSON.parse(glb.subarray(20, 20 + jsonLength).toString('utf8')) as { meshes?: unknown[]; extensionsUsed?: string[] }
    expect(json.meshes?.length).toBeGreaterThan(2)
    expect(json.extensionsUsed).toContain('EXT_mesh_gpu_instancing')
  })

  it('exports a 4K PNG of 3840 × 2160 pixels whatever the view size', async () => {
    await openExportMenu()
    await page.getByLabel('PNG size').selectOption('4k')
    await page.getByLabel('Transparent background').uncheck()
    const png = await download(() => page.getByRole('button', { name: 'Export PNG' }).click())
    expect(pngSize(png)).toEqual({ width: 3840, height: 2160 })
    // The view is restored to its on-screen size afterwards.
    const canvas = await page.locator('.canvas-host canvas').evaluate((c) => ({ w: (c as HTMLCanvasElement).width, h: c.clientHeight }))
    expect(canvas.w).toBeLessThan(3840)
  })

  it('enters presentation mode, steps views with the arrow keys and leaves with Esc', async () => {
    await page.getByRole('button', { name: 'Present', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Presentation mode' })
    await dialog.waitFor(WAIT)
    await expect.poll(() => dialog.locator('.presented-numbers').innerText(), WAIT).toMatch(/Hydrodynamic diameter/)
    await expect.poll(() => dialog.locator('canvas').count(), WAIT).toBe(1)
    // the room reads the estimates with how far published values fell from them
    await expect.poll(() => dialog.locator('.presentation-accuracy').innerText(), WAIT).toBe(`Estimates: ${predictionIntervalShort()}.`)
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => dialog.getByRole('status').first().innerText(), WAIT).toMatch(/View: Front/)
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.count(), WAIT).toBe(0)
    await page.waitForFunction(() => document.querySelector('.canvas-host canvas') !== null, null, WAIT)
  })

  it('asks before New discards changes, and offers the autosaved draft after a reload', async () => {
    await page.getByRole('button', { name: 'New design', exact: true }).click()
    const ask = page.getByRole('alertdialog', { name: 'Discard unsaved changes?' })
    await ask.waitFor(WAIT)
    await ask.getByRole('button', { name: 'Keep editing' }).click()
    await expect.poll(status, WAIT).toBe('1 core, 2 shells, 250 ligands')

    await page.getByLabel('Design name', { exact: true }).fill('Draft survives reload')
    await page.waitForFunction(() => localStorage.getItem('nanoforge.draft.v1')?.includes('Draft survives reload') === true, null, WAIT)
    await page.reload()
    await page.getByRole('button', { name: 'Restore unsaved draft' }).click()
    await expect.poll(() => page.getByLabel('Design name', { exact: true }).inputValue(), WAIT).toBe('Draft survives reload')
    await expect.poll(status, WAIT).toBe('1 core, 2 shells, 250 ligands')
    expect(pageErrors).toEqual([])
  })

  it('shows two saved designs side by side in presentation mode under one camera', async () => {
    const firstDiameter = await page.getByLabel('Core diameter (nm)', { exact: true }).inputValue()
    expect(firstDiameter).not.toBe('300')
    await page.keyboard.press('Control+s')
    await expect.poll(() => page.locator('.save-status').innerText(), WAIT).toBe('Saved version 1')
    await page.getByRole('button', { name: 'New design', exact: true }).click()
    await page.getByLabel('Core diameter (nm)', { exact: true }).fill('300')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => page.locator('.save-status').innerText(), WAIT).toBe('Saved version 1')
    await page.keyboard.press('Alt+p')
    const dialog = page.getByRole('dialog', { name: 'Presentation mode' })
    await dialog.waitFor(WAIT)
    await dialog.getByText('Compare saved designs').click()
    const boxes = dialog.getByRole('group', { name: 'Designs shown side by side' }).getByRole('checkbox')
    await expect.poll(() => boxes.count(), WAIT).toBe(2)
    await boxes.nth(0).check()
    await boxes.nth(1).check()
    await expect.poll(() => dialog.locator('canvas').count(), WAIT).toBe(2)
    await expect.poll(() => dialog.locator('h1').innerText(), WAIT).toBe('2 designs side by side')
    const numbers = (): Promise<string> => dialog.locator('.presented-numbers').allInnerTexts().then((t) => t.join(' | '))
    // Side by side the diameters carry their short names (Core Ø), as in the 3D view's measurements.
    await expect.poll(numbers, WAIT).toMatch(new RegExp(`Core Ø\\s+${firstDiameter} nm`))
    await expect.poll(numbers, WAIT).toMatch(/Core Ø\s+300 nm/)

    // One camera: orbiting the first view moves the second.
    const views = dialog.locator('canvas')
    const second = (): Promise<Buffer> => views.nth(1).screenshot()
    const settled = async (): Promise<Buffer> => {
      let last = await second()
      await expect.poll(async () => {
        const now = await second()
        const same = now.equals(last)
        last = now
        return same
      }, WAIT).toBe(true)
      return last
    }
    const before = await settled()
    const box = await views.nth(0).boundingBox()
    if (!box) throw new Error('first view has no box')
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.35, { steps: 8 })
    await page.mouse.up()
    await expect.poll(async () => (await second()).equals(before), WAIT).toBe(false)
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.count(), WAIT).toBe(0)
  })

  it('adds a component dragged from the palette onto the 3D view', async () => {
    await expect.poll(status, WAIT).toBe('1 core, 1 shell, 250 ligands')
    const palette = page.getByRole('region', { name: 'Component palette' })
    await palette.getByRole('tab', { name: 'Coatings' }).click()
    await palette.getByRole('button', { name: /^Add Red blood cell membrane/ }).dragTo(page.locator('.canvas-host canvas'))
    await expect.poll(status, WAIT).toBe('1 core, 2 shells, 250 ligands')
    const undo = page.getByRole('toolbar', { name: 'Builder tools' }).getByRole('button', { name: /^Undo/ })
    await expect.poll(() => undo.innerText(), WAIT).toMatch(/^Undo Add .*membrane/i)
    expect(pageErrors).toEqual([])
  })
})
