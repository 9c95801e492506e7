import { copyFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import * as ids from '../../shared/catalog/ids'
import { decodeSweepParquet, encodeSweepParquet } from '../../shared/sweep/parquet'
import { canonicalSpecJson, parseSweepSpec } from '../../shared/sweep/spec'
import { emptyTable, sweepSampler } from '../../shared/sweep/shard'
import { sha256Hex } from '../../renderer/features/sweep/sweep-data'
import { makeTempDir, REPO_ROOT } from '../unit/electron/helpers'
import { main } from '../../electron/cli/main'
import { newDesign } from '../../shared/design/defaults'
import { fileBytes, makeSweepFiles, testSpec, type SweepFiles } from '../unit/renderer/sweep/sweep-fixture'
import { openAppSession, type AppSession } from './support/app-session'
import { axeViolations, horizontalOverflow, saveScreen } from './support/layout-checks'

/**
 * Issue 17, "Back into the app", in Chromium against the real web host at 1280×720 and
 * 1920×1080: a 30-sample sweep made by the CLI's own commands (two shards and a merge) is
 * opened from Export > Open sweep…, filtered by typed ranges and by brushing a parallel
 * axis (the counts checked against the file read independently), and a listed sample is
 * opened as a design: the form shows its values. The CSV form opens too and asks for the
 * spec (a wrong one refused); a file that is not a sweep is refused with its reason. A
 * 100,000-row table stays responsive (times measured in the page). Screenshots
 * .reports/screens/sweep-<w>x<h>.png; axe-core clean; no code words in the dialog.
 */

const WAIT = { timeout: 90_000 } as const
const SIZES = [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }] as const
/** Catalog and contract ids with a hyphen or digit: on screen only as their display names. */
const CODE_LIKE = [...new Set(Object.values(ids).filter(Array.isArray).flat() as string[])].filter((id) => /[-0-9]/.test(id))
/** The code-word scan's pattern of a parameter path (tests/e2e/code-words.e2e.ts). */
const PARAMETER_PATH = /\b[a-z][A-Za-z]*\.(?:[a-z0-9-]+\.)*[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*\b/

let app: AppSession
let tmp: { dir: string; cleanup: () => void }
let files: SweepFiles
/** The merged file's columns, read in Node (the expected counts come from here, not from the app). */
let diameters: number[]
let selectivity: number[]

beforeAll(async () => {
  tmp = makeTempDir('nanoforge-sweep-e2e-')
  files = await makeSweepFiles(tmp.dir)
  const decoded = await decodeSweepParquet(fileBytes(files.parquet))
  diameters = decoded.columns[decoded.columnNames.indexOf('core.diameterNm')] as number[]
  selectivity = decoded.columns[decoded.columnNames.indexOf('selectivityIndex')] as number[]
  app = await openAppSession({ width: 1280, height: 720 })
}, 180_000)

afterAll(async () => {
  await app?.close()
  tmp?.cleanup()
})

async function openApp(size: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await app.browser.newContext({ viewport: size })
  const page = await context.newPage()
  page.on('pageerror', (e) => app.pageErrors.push(e.message))
  await page.goto(app.host.url)
  await page.waitForFunction(() => (window.__nanoforgeScene?.frame ?? 0) > 0, null, WAIT)
  await page.locator('.estimates-status', { hasText: 'Estimate current' }).waitFor(WAIT)
  return { context, page }
}

/** Export > Open sweep…: the dialog. */
async function openViewer(page: Page): Promise<Locator> {
  await page.getByRole('toolbar', { name: 'Builder tools' }).locator('summary', { hasText: 'Export' }).click()
  await page.getByRole('button', { name: 'Open sweep…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Sweep' })
  await dialog.waitFor(WAIT)
  return dialog
}

async function passing(dialog: Locator): Promise<number> {
  return Number(await dialog.locator('.sweep-count').getAttribute('data-passing'))
}

/** Code words in the dialog's visible text (the scan of tests/e2e/code-words.e2e.ts). */
async function codeWords(dialog: Locator): Promise<string[]> {
  const text = await dialog.innerText()
  const out: string[] = []
  for (const m of text.matchAll(/\b\d+(?:\.\d+)?e[+-]?\d+\b/gi)) out.push(`e-notation "${m[0]}"`)
  for (const id of CODE_LIKE) if (new RegExp(`(?<![\\w/.-])${id.replace(/-/g, '\\-')}(?![\\w/-])`).test(text)) out.push(`raw id "${id}"`)
  const path = PARAMETER_PATH.exec(text)
  if (path) out.push(`parameter path "${path[0]}"`)
  return out
}

describe.each(SIZES)('the sweep viewer at $width×$height', (size) => {
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    ({ context, page } = await openApp(size))
  }, 180_000)

  afterAll(async () => {
    await context?.close()
  })

  it('opens the merged Parquet, filters by typed ranges and a brush, and opens a sample as a design', async () => {
    const dialog = await openViewer(page)
    await dialog.getByLabel('Sweep file (.parquet or .csv)').setInputFiles(files.parquet)
    await expect.poll(() => dialog.locator('.sweep-count').innerText(), WAIT).toMatch(/^30 of 30 samples pass \(no filter\)/)
    expect(await dialog.locator('.sweep-provenance').innerText()).toMatch(/sweep\.parquet: 30 samples · Latin hypercube, seed 5, 24 h horizon · 0 samples without a result · engine \d+\.\d+\.\d+ · spec hash [0-9a-f]{12}… · base design Sweep base/)

    // axes named as the form and the registry name them
    const labels = await dialog.locator('.pc-axis-label').allInnerTexts()
    // a metric's axis is logarithmic when its values span at least LOG_SCALE_MIN_RATIO (10×): this
    // sweep's selectivity index does; its blood half-lives (PEG-PLGA, 0.4-4 h) do not
    expect(labels).toEqual(['Core diameter (nm)', 'Core material', 'Ligand 1 per particle · log', 'Selectivity index · log', 'Blood half-life (h)', 'Liver + spleen at 24 h (%ID)'])
    expect(await dialog.locator('.pc-axis[data-axis="core.material"] .pc-tick').allInnerTexts()).toEqual(['PLGA 50:50', 'PLA (poly-DL-lactide)'])

    // typed range on the core diameter: the count is the file's own
    await dialog.getByLabel('Core diameter (nm): lowest', { exact: true }).fill('100')
    await dialog.getByLabel('Core diameter (nm): lowest', { exact: true }).press('Enter')
    await dialog.getByLabel('Core diameter (nm): highest', { exact: true }).fill('200')
    await dialog.getByLabel('Core diameter (nm): highest', { exact: true }).press('Enter')
    const inRange = diameters.filter((d) => d >= 100 && d <= 200).length
    expect(inRange).toBeGreaterThan(5)
    expect(inRange).toBeLessThan(30)
    await expect.poll(() => passing(dialog), WAIT).toBe(inRange)
    expect(await dialog.locator('.sweep-count').innerText()).toMatch(new RegExp(`^${inRange} of 30 samples pass the filter`))

    // brush the top half of the selectivity axis: the passing rows are those in both ranges
    const axis = dialog.locator('.pc-axis[data-axis="selectivityIndex"]')
    const plot = dialog.locator('.sweep-parallel .sweep-plot')
    const box = (await plot.boundingBox())!
    const axisX = (await axis.boundingBox())!.x
    const top = box.y + 54
    const bottom = box.y + box.height - 14
    // from just above the axis (the brush takes its top end) to half-way down
    await page.mouse.move(axisX, top - 4)
    await page.mouse.down()
    await page.mouse.move(axisX, (top + bottom) / 2, { steps: 6 })
    await page.mouse.up()
    await expect.poll(() => dialog.locator('.sweep-filter-table tr.filtered').count(), WAIT).toBe(2)
    const lowest = Number(await dialog.getByLabel('Selectivity index: lowest', { exact: true }).inputValue())
    const highest = Number(await dialog.getByLabel('Selectivity index: highest', { exact: true }).inputValue())
    const [sMin, sMax] = [Math.min(...selectivity), Math.max(...selectivity)]
    // the brush began at the top of the axis (its largest value, shown to 4 digits) and ended half-way down
    expect(highest).toBe(Number(sMax.toPrecision(4)))
    expect(lowest).toBeGreaterThan(sMin)
    expect(lowest).toBeLessThan(sMax)
    const both = diameters.filter((d, r) => d >= 100 && d <= 200 && selectivity[r]! >= lowest * 0.999 && selectivity[r]! <= highest * 1.001).length
    await expect.poll(() => passing(dialog), WAIT).toBe(both)
    expect(await dialog.locator('.pc-axis[data-axis="selectivityIndex"] .pc-brush').count()).toBe(1)

    // clicking the axis clears its brush
    await page.mouse.click(axisX, (top + bottom) / 2)
    await expect.poll(() => passing(dialog), WAIT).toBe(inRange)

    expect(await codeWords(dialog)).toEqual([])
    await saveScreen(page, 'sweep')
    expect(await axeViolations(page, '.sweep-dialog')).toEqual([])
    expect(await horizontalOverflow(page)).toEqual([])

    // the best sample by the colour metric, opened as a design
    const first = dialog.locator('.sweep-best tbody th button').first()
    const label = (await first.innerText()).trim()
    const sample = Number(/^Sample (\d+)$/.exec(label)?.[1])
    expect(Number.isInteger(sample)).toBe(true)
    await first.click()
    await dialog.locator('.sweep-details').scrollIntoViewIfNeeded()
    expect(await dialog.locator('.sweep-details h3').innerText()).toBe(`Sample ${sample}`)
    await saveScreen(page, 'sweep-sample')
    await dialog.getByRole('button', { name: `Open sample ${sample} as a design` }).click()
    await expect.poll(() => page.getByRole('dialog', { name: 'Sweep' }).count(), WAIT).toBe(0)
    await expect.poll(() => page.getByLabel('Design name', { exact: true }).inputValue(), WAIT).toBe(`Sweep base (sweep sample ${sample})`)
    const formDiameter = Number(await page.getByLabel('Core diameter (nm)', { exact: true }).inputValue())
    expect(formDiameter).toBeCloseTo(diameters[sample]!, 6)
    expect(await page.locator('.save-status').innerText()).toMatch(/Opened “Sweep base \(sweep sample \d+\)” as a new, unsaved design/)
    // focus came back to the menu's button
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Export')
    expect(app.pageErrors).toEqual([])
  })

  it('the CSV asks for the spec: a wrong one is refused, the right one lets samples open; a file that is not a sweep is refused', async () => {
    const dialog = await openViewer(page)
    // the sweep opened before is still there, filters included
    expect(await passing(dialog)).toBeGreaterThan(0)
    await dialog.getByLabel('Sweep file (.parquet or .csv)').setInputFiles(files.csv)
    await expect.poll(() => dialog.locator('.sweep-provenance').innerText(), WAIT).toMatch(/^sweep\.csv: 30 samples/)
    expect(await passing(dialog)).toBe(30)
    expect(await dialog.locator('.sweep-spec').innerText()).toMatch(/A CSV carries the sweep's spec hash but not its base design/)
    await dialog.locator('.sweep-best tbody th button').first().click()
    const open = dialog.getByRole('button', { name: /^Open sample \d+ as a design$/ })
    expect(await open.isDisabled()).toBe(true)

    const other = join(tmp.dir, 'other-spec.json')
    writeFileSync(other, JSON.stringify(testSpec(30, 99)))
    await dialog.getByLabel('Sweep spec file (.json)').setInputFiles(other)
    await expect.poll(() => dialog.getByRole('alert').innerText(), WAIT).toMatch(/other-spec\.json is not the spec of this sweep/)
    await dialog.getByLabel('Sweep spec file (.json)').setInputFiles(files.spec)
    await expect.poll(() => open.isDisabled(), WAIT).toBe(false)
    expect(await dialog.locator('.sweep-spec').count()).toBe(0)

    const people = join(tmp.dir, 'people.csv')
    writeFileSync(people, 'name,age\nAda,36\n')
    await dialog.getByLabel('Sweep file (.parquet or .csv)').setInputFiles(people)
    await expect.poll(() => dialog.getByRole('alert').innerText(), WAIT).toMatch(/^people\.csv is not a sweep table: a merged sweep CSV starts with the columns sample/)
    // the sweep that was open stays open
    expect(await dialog.locator('.sweep-provenance').innerText()).toMatch(/^sweep\.csv/)
    expect(await codeWords(dialog)).toEqual([])
    expect(await axeViolations(page, '.sweep-dialog')).toEqual([])
    await dialog.getByRole('button', { name: 'Close' }).click()
    expect(app.pageErrors).toEqual([])
  })
})

describe('a 100,000-sample table', () => {
  it('opens, filters and redraws in well under a second (measured in the page)', async () => {
    // the file format of a real sweep (the sampler's knob values); the metrics are made up here
    // (10^5 engine runs would take minutes): this measures the viewer, not the engine
    const rows = 100_000
    const parsed = parseSweepSpec(testSpec(rows))
    if (!parsed.ok) throw new Error('spec')
    const { sweep } = parsed
    const sampler = sweepSampler(sweep)
    const table = emptyTable(sweep.knobs.length, sweep.spec.metrics.length)
    for (let i = 0; i < rows; i++) {
      const s = sampler.sample(i)
      table.sample.push(i)
      s.values.forEach((v, d) => table.knobs[d]!.push(v))
      const d = s.values[0] as number
      const l = s.values[2] as number
      table.metrics[0]!.push(Math.exp(-((d - 120) ** 2) / 4000) * Math.log10(l) * 3)
      table.metrics[1]!.push(2 + 40 / d + (s.values[1] === 'pla' ? 1 : 0))
      table.metrics[2]!.push(20 + d / 10)
      table.error.push(null)
    }
    const canonical = canonicalSpecJson(sweep.spec)
    const bytes = encodeSweepParquet(table, sweep.knobs, sweep.spec.metrics, { specHash: await sha256Hex(canonical), spec: canonical, engineVersion: '0.2.0', shard: null, start: 0, end: rows })
    const file = join(tmp.dir, 'big.parquet')
    writeFileSync(file, new Uint8Array(bytes))

    const { context, page } = await openApp({ width: 1280, height: 720 })
    try {
      const dialog = await openViewer(page)
      const t0 = Date.now()
      await dialog.getByLabel('Sweep file (.parquet or .csv)').setInputFiles(file)
      await expect.poll(() => passing(dialog), WAIT).toBe(rows)
      const openMs = Date.now() - t0
      expect(Number(await dialog.locator('.sweep-parallel').getAttribute('data-drawn'))).toBeLessThan(3300)
      expect(Number(await dialog.locator('.sweep-scatter').getAttribute('data-drawn'))).toBe(rows)
      expect(await dialog.locator('.sweep-count').innerText()).toMatch(/the lines show a fixed random 3,000 of them/)

      // a typed range: from the Enter key to the next painted frame, in the page
      const filterMs = await page.evaluate(async () => {
        const input = document.querySelector<HTMLInputElement>('input[aria-label="Core diameter (nm): lowest"]')!
        input.value = '150'
        const t = performance.now()
        input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
        return performance.now() - t
      })
      const expected = table.knobs[0]!.filter((d) => (d as number) >= 150).length
      await expect.poll(() => passing(dialog), WAIT).toBe(expected)

      // a brush dragged over the selectivity axis: 20 moves, each a filter and a redraw
      const axisX = (await dialog.locator('.pc-axis[data-axis="selectivityIndex"]').boundingBox())!.x
      const plot = (await dialog.locator('.sweep-parallel .sweep-plot').boundingBox())!
      const t1 = Date.now()
      await page.mouse.move(axisX, plot.y + 70)
      await page.mouse.down()
      await page.mouse.move(axisX, plot.y + plot.height - 40, { steps: 20 })
      await page.mouse.up()
      const brushMs = (Date.now() - t1) / 20
      await expect.poll(() => passing(dialog), WAIT).toBeLessThan(expected)
      await saveScreen(page, 'sweep-large')
      console.log(`[sweep viewer, 10^5 rows] open ${openMs} ms; typed filter to painted frame ${filterMs.toFixed(0)} ms; brush ${brushMs.toFixed(0)} ms per move`)
      expect(filterMs).toBeLessThan(1000)
      expect(brushMs).toBeLessThan(1000)
      expect(openMs).toBeLessThan(20_000)
      expect(app.pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  }, 180_000)
})

describe('a virtual-cohort sweep', () => {
  it('shows the patients\' covariates as axes, filters on age, and opens a sample as its design', async () => {
    // 12 patients of the RA cohort with the default design given to a person, made by the CLI
    copyFileSync(join(REPO_ROOT, 'resources', 'cohorts', 'ra.nanoforge-cohort.json'), join(tmp.dir, 'ra.json'))
    const d = newDesign()
    const spec = join(tmp.dir, 'cohort.json')
    writeFileSync(spec, JSON.stringify({
      format: 'nanoforge.sweep', version: 1, base: { ...d, name: 'Cohort base', context: { ...d.context, species: 'human' } },
      method: 'virtual-cohort', cohort: 'ra.json', samples: 12, seed: 4, metrics: ['selectivityIndex', 'targetExposureRatio', 'harmRatio'], hours: 24,
    }))
    const quiet = { stdout: () => {}, stderr: () => {} }
    expect(await main(['sweep', spec, '--out', join(tmp.dir, 'cohort-shards')], quiet)).toBe(0)
    const file = join(tmp.dir, 'cohort.parquet')
    expect(await main(['merge', join(tmp.dir, 'cohort-shards'), '--out', file], quiet)).toBe(0)
    const decoded = await decodeSweepParquet(fileBytes(file))
    const ages = decoded.columns[decoded.columnNames.indexOf('patient.ageY')] as number[]

    const { context, page } = await openApp({ width: 1280, height: 720 })
    try {
      const dialog = await openViewer(page)
      await dialog.getByLabel('Sweep file (.parquet or .csv)').setInputFiles(file)
      await expect.poll(() => dialog.locator('.sweep-count').innerText(), WAIT).toMatch(/^12 of 12 samples pass \(no filter\)/)
      expect(await dialog.locator('.sweep-provenance').innerText()).toMatch(/cohort\.parquet: 12 samples · virtual cohort of Adults with active rheumatoid arthritis \(treatment candidates\), seed 4, 24 h horizon/)
      // the metrics' axes may be logarithmic (· log) depending on the values drawn
      expect((await dialog.locator('.pc-axis-label').allInnerTexts()).map((l) => l.replace(/ · log$/, ''))).toEqual([
        'Sex', 'Age (years)', 'Height (cm)', 'Body weight (kg)', 'eGFR (CKD-EPI) (mL/min per 1.73 m²)', 'Disease activity (DAS28)',
        'Selectivity index', 'Target exposure ÷ free drug',
      ])
      await dialog.getByLabel('Age (years): lowest', { exact: true }).fill('50')
      await dialog.getByLabel('Age (years): lowest', { exact: true }).press('Enter')
      await dialog.getByLabel('Age (years): highest', { exact: true }).fill('70')
      await dialog.getByLabel('Age (years): highest', { exact: true }).press('Enter')
      await expect.poll(() => passing(dialog), WAIT).toBe(ages.filter((a) => a >= 50 && a <= 70).length)
      expect(await codeWords(dialog)).toEqual([])
      await saveScreen(page, 'sweep-cohort')
      expect(await axeViolations(page, '.sweep-dialog')).toEqual([])
      expect(await horizontalOverflow(page)).toEqual([])

      const first = dialog.locator('.sweep-best tbody th button').first()
      const sample = Number(/^Sample (\d+)$/.exec((await first.innerText()).trim())?.[1])
      await first.click()
      expect(await dialog.locator('.sweep-details').innerText()).toMatch(/Age \(years\)/)
      await dialog.getByRole('button', { name: `Open sample ${sample} as a design` }).click()
      await expect.poll(() => page.getByLabel('Design name', { exact: true }).inputValue(), WAIT).toBe(`Cohort base (sweep sample ${sample})`)
      expect(app.pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  }, 180_000)
})
