import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { newDesign } from '../../shared/design/defaults'
import type { Design } from '../../shared/design/types'
import { openAppSession, type AppSession } from './support/app-session'

/**
 * The comparison report from the app (issue #16: "One PDF per design, or per comparison of 2-4
 * designs ... generated in the app and by the CLI with the same code"): four designs ticked in
 * the library, "Comparison report (PDF)" makes the CLI's comparison in the report worker and
 * offers it as a download; pdftotext reads it back (names, the side-by-side CQA table against
 * the project's limit set with the CLI), and every word of every landscape page lies inside
 * the page (pdftotext -bbox), as the pages render (pdftoppm). The app's comparison carries
 * each design's 3D render (pdfimages: one 800 × 800 image per design); the CLI's comparison of
 * the same designs carries none and its caption says why.
 */

const WAIT = { timeout: 90_000 } as const
const REPO = process.cwd() // vitest runs from the repository root
let app: AppSession
let page: Page
/** The designs' ids in the library, in the order of `designs`. */
const savedIds: string[] = []

const base = newDesign()
const designs: ReadonlyArray<Design> = [
  { ...base, name: 'E2E Cmp Alpha PLGA', core: { material: 'plga-50-50', diameterNm: 120 } },
  { ...base, name: 'E2E Cmp Beta gold', core: { material: 'gold', diameterNm: 40 } },
  { ...base, name: 'E2E Cmp Gamma liposome with a long name that has to wrap in its column', core: { material: 'liposome', diameterNm: 100, bilayer: { lipid: 'hspc', cholesterolMolPct: 38 } } },
  { ...base, name: 'E2E Cmp Delta PLGA large', core: { material: 'plga-50-50', diameterNm: 300 } },
]

async function saveViaApi(design: Design): Promise<string> {
  const res = await fetch(new URL('api/design:save', app.host.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ design }) })
  const body = (await res.json()) as { ok: boolean; value?: { designId: string }; message?: string }
  if (!body.ok || !body.value) throw new Error(`save failed: ${body.message ?? res.status}`)
  return body.value.designId
}

/** The CLI on the host's library (the web host keeps it open; SQLite WAL lets both write). */
function nanoforge(...args: string[]): string {
  return execFileSync(process.execPath, [join(REPO, 'bin', 'nanoforge.js'), ...args, '--db', app.host.dbPath], { encoding: 'utf8' })
}

beforeAll(async () => {
  app = await openAppSession({ width: 1600, height: 900 })
  page = app.page
  const ids = savedIds
  for (const d of designs) ids.push(await saveViaApi(d))
  nanoforge('db', 'project', ids[0]!, ids[1]!, '--name', 'E2E screen')
  nanoforge('db', 'specs', 'set', 'E2E screen', 'ee', '--min', '80')
  nanoforge('measure', 'add', ids[0]!, '--version', '1', '--ee', '72')
}, 120_000)
afterAll(async () => {
  await app?.close()
})

describe('the comparison report from the app', () => {
  it('is offered for 2-4 ticked designs and downloads the landscape comparison with the CQAs side by side, every word on the page', async () => {
    await page.goto(app.host.url)
    const button = page.getByRole('button', { name: 'Comparison report (PDF)' })
    await button.waitFor(WAIT)
    expect(await button.isDisabled()).toBe(true)
    await page.getByRole('checkbox', { name: `Select ${designs[0]!.name}`, exact: true }).check(WAIT)
    expect(await button.isDisabled()).toBe(true) // one design is not a comparison
    for (const d of designs.slice(1)) await page.getByRole('checkbox', { name: `Select ${d.name}`, exact: true }).check(WAIT)
    expect(await button.isDisabled()).toBe(false)

    const [download] = await Promise.all([page.waitForEvent('download', WAIT), button.click()])
    expect(download.suggestedFilename()).toMatch(/-comparison\.pdf$/)
    const pdf = await download.path()
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    const flat = text.replace(/\s+/g, '')
    expect(text).toContain('Design comparison report')
    for (const d of designs) expect(flat).toContain(d.name.replace(/\s+/g, ''))
    for (const title of ['1 Objective', '2 Model description', '2.3 Critical quality attributes side by side', '6 Results', '8 References']) expect(text).toContain(title)
    // The two designs in "E2E screen" against its EE >= 80 %: the one measured at 72 % fails, the other is not measured.
    expect(flat).toContain('"E2Escreen"')
    expect(flat).toContain('FAIL;measured72%')
    expect(flat).toContain('Notmeasured;spec≥80%')
    await expect.poll(() => page.getByRole('group', { name: 'Comparison report' }).innerText(), WAIT).toMatch(/Comparison report of 4 designs exported/)

    // One 3D render per design (800 × 800 RGB, the app's report figure), each captioned with its design.
    const listImages = (file: string): string[][] => execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2).map((l) => l.trim().split(/\s+/))
    expect(listImages(pdf).map((row) => row.slice(2, 6))).toEqual(designs.map(() => ['image', '800', '800', 'rgb']))
    // Side by side, one figure per design titled with its number and design (titles wrap in their columns: the name's first words).
    designs.forEach((d, i) => expect(flat).toContain(`Figure${i + 2}.D${i + 1}:${d.name.split(' ').slice(0, 2).join('')}`))
    expect(flat).toContain("Figures2–5.Theparticles'3Dscenes,renderedforthisreportbytheappfromtheirscenecomponents(notscreenshotsofthewindow)")
    mkdirSync(join(REPO, '.reports', 'screens'), { recursive: true })
    const firstRenderPage = Number(listImages(pdf)[0]![0])
    execFileSync('pdftoppm', ['-r', '60', '-f', String(firstRenderPage), '-l', String(firstRenderPage), '-png', '-singlefile', pdf, join(REPO, '.reports', 'screens', 'report-compare-3d-page')])
    // The CLI's comparison of the same four designs: no image, and the caption says why.
    const order = savedIds
    const cliPdf = join(mkdtempSync(join(tmpdir(), 'nanoforge-compare-cli-')), 'cli.pdf')
    nanoforge('report', order[0]!, '--compare', ...order.slice(1), '--out', cliPdf)
    expect(listImages(cliPdf)).toEqual([])
    expect(execFileSync('pdftotext', [cliPdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain('thecommandlinedrawsno3Dscene(aheadlesscommandhasnoGPU)')
    rmSync(dirname(cliPdf), { recursive: true, force: true })

    // Every word inside the landscape page (54 pt margins, 1 pt tolerance), on every page.
    const bbox = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    let width = 0
    let height = 0
    const outside: string[] = []
    for (const line of bbox.split('\n')) {
      const p = /<page width="([\d.]+)" height="([\d.]+)">/.exec(line)
      if (p) {
        width = Number(p[1])
        height = Number(p[2])
      }
      const w = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/.exec(line)
      if (w && (Number(w[1]) < 53 || Number(w[3]) > width - 53 || Number(w[4]) > height - 20)) outside.push(w[5]!)
    }
    expect(width).toBeGreaterThan(height)
    expect(outside).toEqual([])
    // The pages render (poppler exits 0 and writes one image per page).
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1])
    const images = mkdtempSync(join(tmpdir(), 'nanoforge-compare-pages-'))
    try {
      execFileSync('pdftoppm', ['-r', '20', '-png', pdf, join(images, 'page')])
      expect(readdirSync(images).filter((f) => f.endsWith('.png'))).toHaveLength(pages)
    } finally {
      rmSync(images, { recursive: true, force: true })
    }
    expect(app.pageErrors).toEqual([])
  }, 240_000)
})
