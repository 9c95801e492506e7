import { execFileSync } from 'node:child_process'
import { userInfo } from 'node:os'
import { mkdirSync, readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openAppSession, type AppSession } from './support/app-session'
import { REPO_ROOT } from './support/web-host'

/**
 * The design-review report from the app (issue #16: "generated in the app and by the CLI with
 * the same code"): the Export menu makes the PDF of the open saved version in a worker and
 * offers it as a download; pdftotext reads it back. An unsaved or edited design cannot be
 * reported, and the menu says why. A signature given with `nanoforge db approve` while the app
 * runs is on the app's report's cover, as on the CLI's (the history answer carries it).
 */

const WAIT = { timeout: 90_000 } as const
let app: AppSession
let page: Page

beforeAll(async () => {
  app = await openAppSession({ width: 1600, height: 900 })
  page = app.page
})
afterAll(async () => {
  await app?.close()
})

describe('the review report from the app', () => {
  it('is refused for an unsaved design, then exported for the saved version with its name, sections and hash', async () => {
    await page.goto(app.host.url)
    await page.getByRole('toolbar', { name: 'Builder tools' }).locator('summary', { hasText: 'Export' }).click()
    const button = page.getByRole('button', { name: 'Review report (PDF)' })
    expect(await button.isDisabled()).toBe(true)
    await expect.poll(() => page.getByRole('group', { name: 'Review report' }).innerText(), WAIT).toMatch(/Save the design first/)

    await page.getByLabel('Design name', { exact: true }).fill('E2E review report')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => page.locator('.save-status').innerText(), WAIT).toBe('Saved version 1')
    // Signed from the command line on the library the app has open.
    const nanoforge = (...args: string[]): string => execFileSync(process.execPath, [join(REPO_ROOT, 'bin', 'nanoforge.js'), ...args, '--db', app.host.dbPath], { cwd: REPO_ROOT, encoding: 'utf8' })
    const designId = (JSON.parse(nanoforge('db', 'list', '--json')) as { items: Array<{ designId: string }> }).items[0]!.designId
    nanoforge('db', 'approve', designId, '--version', '1', '--meaning', 'reviewed', '--name', 'E2E Reviewer')
    const summary = page.getByRole('toolbar', { name: 'Builder tools' }).locator('summary', { hasText: 'Export' })
    if (!(await button.isVisible())) await summary.click()
    expect(await button.isDisabled()).toBe(false)
    const [download] = await Promise.all([page.waitForEvent('download', WAIT), button.click()])
    expect(download.suggestedFilename()).toMatch(/^e2e-review-report.*-v1-review\.pdf$/i)
    const text = execFileSync('pdftotext', ['-layout', await download.path(), '-'], { encoding: 'utf8' })
    expect(text).toContain('E2E review report')
    for (const title of ['1 Objective', '2 Model description', '4 Model evaluation and qualification', '6 Results', '8 References']) expect(text).toContain(title)
    expect(text).toMatch(/content hash[\s\S]{0,40}[0-9a-f]{64}/i)
    expect(text).toMatch(new RegExp(`Signatures\\s+reviewed — E2E Reviewer \\(OS user ${userInfo().username}\\), \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC`))
    await expect.poll(() => page.getByRole('group', { name: 'Review report' }).innerText(), WAIT).toMatch(/Review report of version 1 exported/)

    // The 3D figure: one raster image in the PDF, the render of the scene (800 × 800 px), with
    // its caption; the command line's report of the same version has no image and says why.
    const pdf = await download.path()
    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).trim().split('\n').slice(2)
    expect(images).toHaveLength(1)
    const [, , type, width, height, color] = images[0]!.trim().split(/\s+/)
    expect([type, width, height, color]).toEqual(['image', '800', '800', 'rgb'])
    const flat = text.replace(/\s+/g, ' ')
    expect(flat).toContain('Figure 1. The particle\'s 3D scene, rendered for this report by the app from its scene components (not a screenshot of the window)')
    expect(flat).toMatch(/Scale bar \d+ nm, true at every depth \(orthographic projection/)
    expect(flat).toContain('Figure 2. Cross-section of the particle')
    // The page with the figure, as a reviewer sees it: the render is coloured (the particle's
    // layers on the scene's dark background), not a blank or grey box.
    const dir = dirname(pdf)
    execFileSync('pdftoppm', ['-r', '60', '-f', '2', '-l', '2', pdf, join(dir, 'figure-page')])
    const bytes = readFileSync(join(dir, readdirSync(dir).find((f) => f.startsWith('figure-page') && f.endsWith('.ppm'))!))
    const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'))!
    const n = Number(header[1]) * Number(header[2])
    const pixels = bytes.subarray(bytes.length - 3 * n)
    let coloured = 0
    let dark = 0
    for (let i = 0; i < pixels.length; i += 3) {
      const [r, g, b] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!]
      if (Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured++
      if (r < 40 && g < 40 && b < 50) dark++
    }
    // For a reviewer's eye (and the lead's): the page as an image.
    mkdirSync(join(REPO_ROOT, '.reports', 'screens'), { recursive: true })
    execFileSync('pdftoppm', ['-r', '60', '-f', '2', '-l', '2', '-png', '-singlefile', pdf, join(REPO_ROOT, '.reports', 'screens', 'report-3d-figure-page')])
    expect(dark).toBeGreaterThan(0.03 * n)
    expect(coloured).toBeGreaterThan(300)

    // The scale is true: in the render, the particle's top edge lies its outer radius above the
    // centre (orthographic camera aimed at the centre), at the nm per pixel the caption states;
    // the outer diameter is the derived-properties table's.
    execFileSync('pdfimages', [pdf, join(dir, 'render')])
    execFileSync('pdfimages', ['-png', pdf, join(REPO_ROOT, '.reports', 'screens', 'report-3d-render')]) // the render itself, for the eye
    const image = readFileSync(join(dir, readdirSync(dir).find((f) => f.startsWith('render') && f.endsWith('.ppm'))!))
    const head = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(image.subarray(0, 64).toString('latin1'))!
    const [wPx, hPx] = [Number(head[1]), Number(head[2])]
    const rgb = image.subarray(image.length - 3 * wPx * hPx)
    const background = [rgb[0]!, rgb[1]!, rgb[2]!]
    let topRow = -1
    for (let y = 0; y < hPx / 2 && topRow < 0; y++) {
      for (let x = 0; x < wPx; x++) {
        const i = 3 * (y * wPx + x)
        if (Math.abs(rgb[i]! - background[0]!) + Math.abs(rgb[i + 1]! - background[1]!) + Math.abs(rgb[i + 2]! - background[2]!) > 60) { topRow = y; break }
      }
    }
    const nmPerPx = Number(/orthographic projection, ([\d.]+) nm per pixel/.exec(flat)![1])
    const outerDiameterNm = Number(/Outer diameter ([\d.]+) nm/.exec(flat)![1])
    const radiusNm = (hPx / 2 - topRow) * nmPerPx
    expect(radiusNm).toBeGreaterThan(0.97 * outerDiameterNm / 2)
    expect(radiusNm).toBeLessThan(1.06 * outerDiameterNm / 2)

    const cliPdf = join(dirname(pdf), 'cli.pdf')
    nanoforge('report', designId, '--out', cliPdf)
    expect(execFileSync('pdfimages', ['-list', cliPdf], { encoding: 'utf8' }).trim().split('\n').slice(2)).toEqual([])
    const cliText = execFileSync('pdftotext', ['-layout', cliPdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    expect(cliText).toContain('the command line draws no 3D scene (a headless command has no GPU); the review report made in the app (Export, Review report) carries a render of the particle\'s 3D scene with its scale bar.')
  }, 180_000)
})
