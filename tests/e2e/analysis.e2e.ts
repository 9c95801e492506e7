import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { openAppSession, type AppSession } from './support/app-session'
import { axeViolations, horizontalOverflow, saveScreen } from './support/layout-checks'
import { newDesign } from '../../shared/design/defaults'
import { defaultKnobs } from '../../shared/analysis/knobs'
import { pathLabelWithUnit } from '../../shared/design/fields'
import * as ids from '../../shared/catalog/ids'
import { join } from 'node:path'
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { REPO_ROOT } from './support/web-host'

/**
 * The analysis panels of issue 13 in Chromium against the real web host, at 1280×720 and
 * 1920×1080: a local sensitivity of the default design (its knobs each a bar of the tornado,
 * labelled as the form labels them, largest |∂ln y/∂ln x| first), and a tiny find-designs run
 * (2 knobs, 60 evaluations) whose front point, clicked, becomes the open design with its goal
 * and seed in the notes. Screenshots: .reports/screens/analysis-sensitivity-<w>x<h>.png and
 * analysis-<w>x<h>.png (the front); axe-core clean; no parameter path on screen.
 */

const WAIT = { timeout: 90_000 } as const
const SIZES = [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }] as const
/** Catalog and contract ids with a hyphen or digit: on screen only as their display names. */
const CODE_LIKE = [...new Set(Object.values(ids).filter(Array.isArray).flat() as string[])].filter((id) => /[-0-9]/.test(id))
const EXAMPLE_GOAL = join(REPO_ROOT, 'resources', 'goals', 'ra-selectivity.nanoforge-goal.json')

/** The code-word scan's pattern of a parameter path (tests/e2e/code-words.e2e.ts). */
const PARAMETER_PATH = /\b[a-z][A-Za-z]*\.(?:[a-z0-9-]+\.)*[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*\b/

let app: AppSession

beforeAll(async () => {
  app = await openAppSession({ width: 1280, height: 720 })
})

afterAll(async () => {
  await app?.close()
})

/** Calls the web host's API as the renderer does. */
async function api<T>(channel: string, body: unknown): Promise<T> {
  const res = await fetch(new URL(`api/${channel}`, app.host.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const out = (await res.json()) as { ok: boolean; value?: T; message?: string }
  if (!out.ok) throw new Error(`${channel} failed: ${out.message ?? res.status}`)
  return out.value as T
}

async function openApp(size: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await app.browser.newContext({ viewport: size })
  const page = await context.newPage()
  page.on('pageerror', (e) => app.pageErrors.push(e.message))
  await page.goto(app.host.url)
  await page.waitForFunction(() => (window.__nanoforgeScene?.frame ?? 0) > 0, null, WAIT)
  await page.locator('.estimates-status', { hasText: 'Estimate current' }).waitFor(WAIT)
  return { context, page }
}

describe.each(SIZES)('analysis panels at $width×$height', (size) => {
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    ({ context, page } = await openApp(size))
  }, 180_000)

  afterAll(async () => {
    await context?.close()
  })

  it('runs a local sensitivity: a tornado with one bar per knob, labelled with the field labels, largest first', async () => {
    await page.getByRole('tab', { name: 'Sensitivity', exact: true }).click()
    await page.getByLabel('Metric', { exact: true }).selectOption({ label: 'Selectivity index' })
    await page.getByLabel('Method', { exact: true }).selectOption('local')
    await page.getByRole('button', { name: 'Run sensitivity' }).click()
    const rows = page.locator('.tornado .bar-row')
    await expect.poll(() => rows.count(), WAIT).toBeGreaterThan(0)

    // The default design's knobs as the form names them (shared/design/fields.ts).
    const expected = defaultKnobs(newDesign()).map((k) => pathLabelWithUnit(k.path))
    const labels = await page.locator('.tornado .bar-label').allInnerTexts()
    expect(labels.length).toBeGreaterThanOrEqual(expected.length - 1) // a knob without a defined coefficient is listed apart
    for (const label of labels) expect(expected).toContain(label)
    expect(labels).toContain('Core diameter (nm)')
    for (const label of labels) expect(label).not.toMatch(PARAMETER_PATH)

    // Sorted by magnitude (the exact coefficient rides on each row), each with its signed value as text.
    const values = (await rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.value))).map(Number)
    const texts = await page.locator('.tornado .bar-value').allInnerTexts()
    texts.forEach((t, i) => expect(t.startsWith(values[i]! > 0 ? '+' : '-')).toBe(true))
    for (const v of values) expect(Number.isFinite(v)).toBe(true)
    for (let i = 1; i < values.length; i++) expect(Math.abs(values[i]!)).toBeLessThanOrEqual(Math.abs(values[i - 1]!) + 1e-9)

    const panelText = await page.locator('.estimates-body').innerText()
    expect(panelText).not.toMatch(PARAMETER_PATH)
    expect(panelText).toMatch(/runs, seed 1, 72 h horizon/)
    await page.locator('.tornado').scrollIntoViewIfNeeded()
    await saveScreen(page, 'analysis-sensitivity')
    expect(await axeViolations(page, '.estimates')).toEqual([])

    // every index of every metric as CSV, knobs by their labels and paths
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download every index (CSV)' }).click()])
    const csv = readFileSync(await csvDownload.path(), 'utf8').trimEnd().split('\n')
    expect(csv[0]).toBe('metric,metric_label,knob,knob_label,coefficient')
    expect(csv.length).toBeGreaterThan(expected.length)
    expect(csv.some((l) => l.startsWith('selectivityIndex,Selectivity index,core.diameterNm,Core diameter (nm),'))).toBe(true)

    // The tornado's own SVG and CSV (issue 12): a row and a bar per knob drawn, with the very
    // coefficient each bar carries on screen, in the chart's order.
    const tornadoExport = page.getByRole('group', { name: 'Export the tornado chart' })
    const [tornadoCsv] = await Promise.all([page.waitForEvent('download'), tornadoExport.getByRole('button', { name: /as CSV$/ }).click()])
    expect(tornadoCsv.suggestedFilename()).toBe('tornado-local-sensitivity-of-selectivity-index-to-each-knob.csv')
    const tornadoRows = readFileSync((await tornadoCsv.path())!, 'utf8').split('\r\n').filter(Boolean)
    expect(tornadoRows[0]).toBe('series,Knob,∂ln y / ∂ln x (dimensionless)')
    expect(tornadoRows.slice(1).map((r) => Number(r.slice(r.lastIndexOf(',') + 1)))).toEqual(values)
    tornadoRows.slice(1).forEach((r, i) => expect(r).toContain(labels[i]!))
    const [tornadoSvg] = await Promise.all([page.waitForEvent('download'), tornadoExport.getByRole('button', { name: /as SVG$/ }).click()])
    const svg = readFileSync((await tornadoSvg.path())!, 'utf8')
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(values.length)
    expect(svg).toContain('∂ln y / ∂ln x (dimensionless)')
  })

  it('over the engine assumptions, Morris runs on every engine worker and names the assumptions in words', async () => {
    await page.getByLabel('Over', { exact: true }).selectOption('parameters')
    await page.getByLabel('Method', { exact: true }).selectOption('morris')
    await page.getByLabel('Trajectories r', { exact: true }).fill('4')
    await page.getByRole('button', { name: 'Run sensitivity' }).click()
    // 4 trajectories over the 62 multipliers: 4·63 = 252 runs, split over the page's engine workers
    const heading = page.locator('.analysis-result', { hasText: '252 runs, r = 4' })
    await heading.waitFor(WAIT)
    // the shared pool's general workers (renderer/engine/worker-pool.ts poolSize: every core, at most 8)
    const workers = await page.evaluate(() => Math.max(1, Math.min(8, navigator.hardwareConcurrency || 1)))
    const text = await heading.innerText()
    expect(text).toMatch(/over 62 engine assumptions/)
    if (workers > 1) expect(text).toMatch(new RegExp(`on ${workers} engine workers`))
    // one shared pool (renderer/engine/worker-pool.ts): every worker of the page runs the pool's
    // entry, at most one per core plus the live estimate's lane, whatever the panels have run
    const running = page.workers().map((w) => w.url())
    expect(running.length).toBeGreaterThan(0)
    expect(running.length).toBeLessThanOrEqual(workers + 1)
    for (const url of running) expect(url).toMatch(/pool\.worker[^/]*\.js$/)
    expect(await page.locator('.estimates-body').innerText()).not.toMatch(PARAMETER_PATH)
    // back to the design knobs for the other tests
    await page.getByLabel('Over', { exact: true }).selectOption('design')
  })

  it('finds designs: a front of points, and a clicked point opens as the current, unsaved design', async () => {
    await page.getByRole('tab', { name: 'Find designs', exact: true }).click()
    await page.getByRole('button', { name: 'Start a goal from the open design' }).click()
    // The default draft varies the core diameter and the PEG grafting density (2 knobs, population 20).
    await expect.poll(() => page.getByRole('checkbox', { name: 'Vary Core diameter (nm)', exact: true }).isChecked(), WAIT).toBe(true)
    await page.getByLabel('Evaluations', { exact: true }).fill('60')
    await page.getByLabel('Seed', { exact: true }).fill('7')
    await page.getByRole('button', { name: 'Find designs', exact: true }).click()
    const points = page.locator('.scatter .point-group[role="button"]')
    await expect.poll(() => points.count(), WAIT).toBeGreaterThan(0)
    expect(await page.locator('.analysis-result').innerText()).toMatch(/60 evaluations .*seed 7/)

    const nameBefore = await page.getByLabel('Design name', { exact: true }).inputValue()
    const last = points.last()
    const spoken = (await last.getAttribute('aria-label')) ?? ''
    const diameter = Number(/Core diameter: ([\d.,]+)/.exec(spoken)?.[1]?.replace(/,/g, ''))
    expect(diameter).toBeGreaterThanOrEqual(60)
    expect(diameter).toBeLessThanOrEqual(240)
    await page.locator('.scatter').scrollIntoViewIfNeeded()
    await last.hover()
    await expect.poll(() => page.locator('.scatter-tip').innerText(), WAIT).toMatch(/Selectivity index: /)
    await saveScreen(page, 'analysis')
    // The front exports like every chart: CSV rows are the plotted points (one per front member,
    // plus the starting design), the SVG names its axes.
    const frontExport = page.getByRole('group', { name: 'Export the Pareto front' })
    const [frontCsv] = await Promise.all([page.waitForEvent('download'), frontExport.getByRole('button', { name: /as CSV$/ }).click()])
    const frontRows = readFileSync((await frontCsv.path())!, 'utf8').split('\r\n').filter(Boolean)
    expect(frontRows.filter((r) => /^(Meets every constraint|Misses a constraint),/.test(r))).toHaveLength(await points.count())
    expect(frontRows.filter((r) => r.startsWith('Starting design,'))).toHaveLength(1)
    const [frontSvg] = await Promise.all([page.waitForEvent('download'), frontExport.getByRole('button', { name: /as SVG$/ }).click()])
    expect(readFileSync((await frontSvg.path())!, 'utf8')).toContain('Pareto front')
    await last.click()

    const n = (await last.getAttribute('data-point'))!
    await expect.poll(() => page.getByLabel('Design name', { exact: true }).inputValue(), WAIT).toBe(`${nameBefore} (found ${n})`)
    const formDiameter = Number(await page.getByLabel('Core diameter (nm)', { exact: true }).inputValue())
    // the hover text rounds to 3 significant digits
    expect(Math.abs(formDiameter - diameter) / diameter).toBeLessThan(0.01)
    expect(await page.locator('.save-status').innerText()).toMatch(/as a new, unsaved design/)
    // Saving records the goal and the seed: they travel in the design's notes.
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => page.locator('.save-status').innerText(), WAIT).toBe('Saved version 1')
    const saved = await api<{ items: Array<{ designId: string; name: string }> }>('design:list', { query: 'found' })
    // (both window sizes save into the one library: take the copy with this diameter)
    const copies = await Promise.all(saved.items.filter((i) => i.name === `${nameBefore} (found ${n})`)
      .map((i) => api<{ design: { notes?: string; core: { diameterNm: number } } }>('design:get', { designId: i.designId })))
    const stored = copies.find((c) => c.design.core.diameterNm === formDiameter)
    expect(stored).toBeDefined()
    const notes = stored!.design.notes ?? ''
    expect(notes).toMatch(/Found with Find designs \(NSGA-II\): front point \d+ of \d+.*seed 7, 60 evaluations/)
    expect(notes).toMatch(/Goal file \(nanoforge\.goal version 1\): \{"format":"nanoforge\.goal"/)

    expect(await horizontalOverflow(page)).toEqual([])
    expect(await axeViolations(page, '.estimates')).toEqual([])
    const panelText = await page.locator('.estimates-body').innerText()
    expect(panelText).not.toMatch(PARAMETER_PATH)
    for (const id of CODE_LIKE) expect(panelText).not.toMatch(new RegExp(`(?<![\\w/.-])${id}(?![\\w/-])`))
    expect(app.pageErrors).toEqual([])
  })

  it('exports the goal, and imports a goal file: a bad one is listed at its JSON paths, the example fills the editor', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export goal' }).click()])
    expect(download.suggestedFilename()).toMatch(/\.nanoforge-goal\.json$/)
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { format: string; vary: Array<{ path: string }> }
    expect(exported.format).toBe('nanoforge.goal')
    expect(exported.vary.map((v) => v.path)).toEqual(['core.diameterNm', 'coatings[0].graftingDensityPerNm2'])

    const dir = mkdtempSync(join(tmpdir(), 'nanoforge-goal-'))
    const bad = JSON.parse(readFileSync(EXAMPLE_GOAL, 'utf8'))
    bad.vary[0].max = 9000
    bad.objectives[0].metric = 'selectivity'
    writeFileSync(join(dir, 'bad.nanoforge-goal.json'), JSON.stringify(bad))
    await page.getByLabel('Import goal file').setInputFiles(join(dir, 'bad.nanoforge-goal.json'))
    const alert = page.getByRole('alert')
    await expect.poll(() => alert.innerText(), WAIT).toMatch(/objectives\[0\]\.metric: unknown metric "selectivity"; did you mean "selectivityIndex"/)

    await page.getByLabel('Import goal file').setInputFiles(EXAMPLE_GOAL)
    await expect.poll(() => alert.count(), WAIT).toBe(0)
    expect(await page.getByRole('checkbox', { name: 'Vary Core material', exact: true }).isChecked()).toBe(true)
    expect(await page.getByLabel('Core diameter (nm): highest', { exact: true }).inputValue()).toBe('250')
    expect(await page.getByRole('checkbox', { name: 'PLA (poly-DL-lactide)' }).isChecked()).toBe(true)
    expect(await page.getByRole('checkbox', { name: 'PCL (polycaprolactone)' }).isChecked()).toBe(false)
  })
})
