import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { biodistributionStudyFromMeasurement, syntheticBiodistributionStudy } from '../../shared/engine/calibrate'
import { mulberry32 } from '../../shared/engine/pbpk/random'
import type { Design } from '../../shared/design/types'
import { openAppSession, type AppSession } from './support/app-session'
import { REPO_ROOT } from './support/web-host'

/**
 * The app's review report with the calibration profile chosen in the profile picker (issue #16:
 * the methods name the calibration profile if any). A design with an in-vivo study made by the
 * engine with the liver's uptake × 2 is saved in the app's library; `nanoforge calibrate`
 * learns a profile from it while the app runs; the profile is chosen in the Biodistribution
 * tab's picker and the report is made from the Export menu. Its methods name the profile and
 * its section 6.6 reads exactly as that of `nanoforge report --profile` of the same version
 * (same code: the figure numbers aside, the app's report has the 3D figure as Figure 1). The
 * app's comparison report of this design and another applies the same chosen profile: its
 * methods and section 6.6 read exactly as those of `nanoforge report A --compare B --profile`.
 */

const WAIT = { timeout: 120_000 } as const
const TISSUES = ['blood', 'liver', 'spleen'] as const
const TIMES_H = [1, 4, 24]

let app: AppSession
let page: Page
let designId: string
/** A second design, outside the profile's training design, for the comparison report. */
let secondId: string
let tmp: string

async function api<T>(channel: string, body: unknown): Promise<T> {
  const res = await fetch(new URL(`api/${channel}`, app.host.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const out = (await res.json()) as { ok: boolean; value?: T; message?: string }
  if (!out.ok) throw new Error(`${channel} failed: ${out.message ?? res.status}`)
  return out.value as T
}

const nanoforge = (...args: string[]): string =>
  execFileSync(process.execPath, [join(REPO_ROOT, 'bin', 'nanoforge.js'), ...args, '--db', app.host.dbPath], { cwd: REPO_ROOT, encoding: 'utf8' })
const pdfText = (pdf: string): string => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
/** Section 6.6 of a report's text, its figure number and report date taken out. */
const calibratedSection = (text: string): string => {
  const start = text.lastIndexOf('6.6 Estimate with the calibration profile')
  // Page breaks fall elsewhere (the app's report has one figure more): the running footer and a
  // table header repeated on a new page are taken out.
  const section = text.slice(start, text.indexOf('7 Conclusions', start)).replace(/Figure \d+\./g, 'Figure n.').replace(/Page \d+ of \d+/g, '')
    .replaceAll('NanoForge design review — Profiled liposome, version 1', '').replaceAll(TISSUE_HEADER, '').replace(/\s+/g, ' ')
  // the key-metrics table's header, repeated where a page break splits the table, kept once
  const first = section.indexOf(METRIC_HEADER)
  return first < 0 ? section : section.slice(0, first + METRIC_HEADER.length) + section.slice(first + METRIC_HEADER.length).replaceAll(` ${METRIC_HEADER}`, '')
}
const METRIC_HEADER = 'Metric Unit Engine With profile 95 % band'
const TISSUE_HEADER = 'Tissue AUC engine (%ID·h) AUC with profile Band (%ID·h) With profile at 72 h (%ID·h) (%ID)'

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'nanoforge-report-profile-app-'))
  app = await openAppSession({ width: 1600, height: 900 })
  page = app.page
  const source = JSON.parse(readFileSync(join(REPO_ROOT, 'resources', 'examples', 'ra-folate-peg-liposome.nanoforge.json'), 'utf8')) as Design
  designId = (await api<{ designId: string }>('design:save', { design: { ...source, name: 'Profiled liposome' } })).designId
  const design = (await api<{ design: Design }>('design:get', { designId })).design
  const data = {
    species: design.context.species, doseMgPerKg: design.context.dose.mgPerKg, doseBasis: design.context.dose.basis, timesH: TIMES_H,
    tissues: Object.fromEntries(TISSUES.map((t) => [t, { percentInjectedDose: TIMES_H.map(() => 1) }])),
  }
  const skeleton = biodistributionStudyFromMeasurement({ id: 'x', design, data })
  const synthetic = syntheticBiodistributionStudy({ id: 'x', input: skeleton.input, tissues: TISSUES, timesH: TIMES_H, truth: { liverKMax: 2 }, cv: 0.2, uniform: mulberry32(21), withSd: true })
  const at = (tissue: string, timeH: number): { value: number; sd?: number } =>
    synthetic.observations.find((o) => o.quantity === 'percentDose' && o.tissue === tissue && o.timeH === timeH)!
  await api('measurement:add', {
    designId, version: 1, kind: 'biodistribution', label: 'Liver-heavy mouse study',
    data: { ...data, tissues: Object.fromEntries(TISSUES.map((t) => [t, { percentInjectedDose: TIMES_H.map((h) => at(t, h).value), sdPercentInjectedDose: TIMES_H.map((h) => at(t, h).sd!) }])) },
  })
  // Saved before calibrate: its synchronous run outlasts the host's keep-alive, so a request after it would meet a closed socket.
  const second = JSON.parse(readFileSync(join(REPO_ROOT, 'resources', 'examples', 't1d-tolerogenic-plga.nanoforge.json'), 'utf8')) as Design
  secondId = (await api<{ designId: string }>('design:save', { design: { ...second, name: 'Compared PLGA' } })).designId
  nanoforge('calibrate', designId, '--parameters', 'liverKMax', '--samples', '6000', '--seed', '5', '--name', 'App lab profile')
}, 240_000)

afterAll(async () => {
  await app?.close()
  if (tmp) rmSync(tmp, { recursive: true, force: true })
})

describe('the app\'s review report with a calibration profile', () => {
  it('names the profile chosen in the picker and estimates with it as report --profile does', async () => {
    const profileId = (JSON.parse(nanoforge('db', 'profiles', '--json')) as { profiles: Array<{ id: string }> }).profiles[0]!.id
    await page.goto(app.host.url)
    await page.getByRole('button', { name: /Profiled liposome/ }).click()
    await expect.poll(() => page.locator('.save-status').innerText(), WAIT).toBe('Opened version 1')
    await page.locator('.estimates-status', { hasText: 'Estimate current' }).waitFor(WAIT)
    await page.getByRole('tab', { name: 'Biodistribution' }).click()
    const picker = page.getByRole('region', { name: 'Calibration profile' })
    const select = picker.getByLabel('Estimate also with')
    await expect.poll(() => select.locator('option').allInnerTexts(), WAIT).toContainEqual(expect.stringMatching(/^App lab profile, version 1/))
    await select.selectOption(profileId)
    await picker.getByRole('table', { name: 'Headline metrics, engine as is and with the profile' }).waitFor(WAIT)

    await page.getByRole('toolbar', { name: 'Builder tools' }).locator('summary', { hasText: 'Export' }).click()
    const button = page.getByRole('button', { name: 'Review report (PDF)' })
    await expect.poll(() => page.getByRole('group', { name: 'Review report' }).innerText(), WAIT)
      .toMatch(/The report applies calibration profile "App lab profile" \(chosen in the Biodistribution tab\)/)
    const [download] = await Promise.all([page.waitForEvent('download', WAIT), button.click()])
    await expect.poll(() => page.getByRole('group', { name: 'Review report' }).innerText(), WAIT)
      .toMatch(/Review report of version 1 with calibration profile "App lab profile" exported/)
    const app66 = pdfText(await download.path())
    expect(app66).toContain(`Calibration profile "App lab profile" version 1 (id ${profileId}), learned`)
    expect(app66).toContain('Measurements used (1, 9 observations): "Liver-heavy mouse study" (in-vivo biodistribution, "Profiled liposome" version 1)')

    const cliPdf = join(tmp, 'cli.pdf')
    nanoforge('report', designId, '--profile', profileId, '--out', cliPdf)
    const cli = pdfText(cliPdf)
    expect(calibratedSection(app66).length).toBeGreaterThan(500)
    expect(calibratedSection(app66)).toBe(calibratedSection(cli))
    // The methods' statement of the profile is the same sentence in both.
    const methods = (t: string): string => {
      const start = t.indexOf('Calibration profile "App lab profile"', t.lastIndexOf('5 Simulations'))
      const end = 'which the other sections show.'
      return t.slice(start, t.indexOf(end, start) + end.length)
    }
    expect(methods(app66)).toMatch(/^Calibration profile .*R-hat at most 1\.\d{3} \(limit 1\.01\).*which the other sections show\.$/)
    expect(methods(app66)).toBe(methods(cli))
  }, 300_000)

  it('the comparison report applies the profile chosen in the picker to every design, as report --compare --profile does', async () => {
    // Runs after the review report above: the profile is still chosen in the picker.
    const profileId = (JSON.parse(nanoforge('db', 'profiles', '--json')) as { profiles: Array<{ id: string }> }).profiles[0]!.id
    for (const name of ['Profiled liposome', 'Compared PLGA']) await page.getByRole('checkbox', { name: `Select ${name}`, exact: true }).check(WAIT)
    const group = page.getByRole('group', { name: 'Comparison report' })
    await expect.poll(() => group.innerText(), WAIT).toMatch(/The comparison report applies calibration profile "App lab profile" \(chosen in the Biodistribution tab\) to every design/)
    const [download] = await Promise.all([page.waitForEvent('download', WAIT), group.getByRole('button', { name: 'Comparison report (PDF)' }).click()])
    await expect.poll(() => group.innerText(), WAIT).toMatch(/Comparison report of 2 designs with calibration profile "App lab profile" exported/)
    const appText = pdfText(await download.path())
    // The CLI's comparison in the app's order of the designs (D1 is the first named on the cover).
    const order = appText.indexOf('D1 Profiled liposome') >= 0 ? [designId, secondId] : [secondId, designId]
    const cliPdf = join(tmp, 'cli-compare.pdf')
    nanoforge('report', order[0]!, '--compare', order[1]!, '--profile', profileId, '--out', cliPdf)
    const cliText = pdfText(cliPdf)
    // Section 6.6 without the running footer and page numbers (page breaks fall elsewhere: the app's report has the 3D renders).
    const section = (t: string): string => {
      const start = t.lastIndexOf('6.6 Estimate with the calibration profile')
      return t.slice(start, t.indexOf('7 Conclusions', start)).replace(/Page \d+ of \d+/g, '').replace(/NanoForge design comparison — D1 \S[^—]*?, D2 (Profiled liposome|Compared PLGA)/g, '').replace(/\s+/g, ' ')
    }
    expect(section(appText).length).toBeGreaterThan(500)
    expect(section(appText)).toContain('App lab profile')
    expect(section(appText)).toBe(section(cliText))
    const methods = (t: string): string => {
      const start = t.indexOf('Calibration profile: every design estimated under "App lab profile"', t.lastIndexOf('5 Simulations'))
      const end = 'which the other sections show.'
      return start < 0 ? '' : t.slice(start, t.indexOf(end, start) + end.length)
    }
    expect(methods(appText)).toMatch(/R-hat at most 1\.\d{3} \(limit 1\.01\)/)
    expect(methods(appText)).toBe(methods(cliText))
    // The app's comparison carries the two 3D renders, the CLI's none.
    const images = (file: string): string[] => execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2)
    expect(images(await download.path())).toHaveLength(2)
    expect(images(cliPdf)).toEqual([])
  }, 300_000)
})
