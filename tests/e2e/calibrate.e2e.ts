import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { biodistributionStudyFromMeasurement, syntheticBiodistributionStudy } from '../../shared/engine/calibrate'
import { CALIBRATION_PARAMETER_IDS } from '../../shared/engine/calibrate/parameters'
import { mulberry32 } from '../../shared/engine/pbpk/random'
import { METRIC_IDS } from '../../shared/metrics/registry'
import type { Design } from '../../shared/design/types'
import { openAppSession, type AppSession } from './support/app-session'
import { axeViolations, saveScreen } from './support/layout-checks'
import { REPO_ROOT } from './support/web-host'

/**
 * Calibrate from the app (issue #14, "In the app"): a library holds two designs with in-vivo
 * studies made by the engine under KNOWN multipliers (liver K_max × 2, spleen K_max × 0.6,
 * log-normal noise CV 20 %, the data of the CLI's calibrate test); the library's "Calibrate
 * selected (2)" opens the dialog; a run too short is refused with the reasons; a run of 8000
 * samples converges, its 95 % intervals hold the true multipliers, and the profile is saved;
 * the Biodistribution tab's picker then shows the design with the profile beside the engine as
 * is (more in the liver, as a liver uptake × 2 must give), and a design unlike the training
 * ones gets the far-from-training warning; the dialog's Suggest section proposes two designs,
 * each with what would settle it. Screenshots calibrate-<w>x<h>.png (and -profile, -suggest);
 * axe-core clean; no parameter or metric id, UUID or e-notation on screen.
 */

const WAIT = { timeout: 120_000 } as const
const TRUTH = { liverKMax: 2, spleenKMax: 0.6 }
const TISSUES = ['blood', 'liver', 'spleen'] as const
const TIMES_H = [1, 4, 24]

let app: AppSession
let page: Page

async function api<T>(channel: string, body: unknown): Promise<T> {
  const res = await fetch(new URL(`api/${channel}`, app.host.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const out = (await res.json()) as { ok: boolean; value?: T; message?: string }
  if (!out.ok) throw new Error(`${channel} failed: ${out.message ?? res.status}`)
  return out.value as T
}

const fixture = (file: string): Design => JSON.parse(readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'designs', file), 'utf8')) as Design

/** Saves a design and attaches one synthetic in-vivo study of it (engine under TRUTH × noise). */
async function seedDesign(file: string, name: string, noiseSeed: number): Promise<string> {
  const design = { ...fixture(file), name }
  const saved = await api<{ designId: string }>('design:save', { design })
  const data = {
    species: design.context.species, doseMgPerKg: design.context.dose.mgPerKg, doseBasis: design.context.dose.basis, timesH: TIMES_H,
    tissues: Object.fromEntries(TISSUES.map((t) => [t, { percentInjectedDose: TIMES_H.map(() => 1) }])),
  }
  const stored = await api<{ design: Design }>('design:get', { designId: saved.designId })
  const skeleton = biodistributionStudyFromMeasurement({ id: 'x', design: stored.design, data })
  const synthetic = syntheticBiodistributionStudy({ id: 'x', input: skeleton.input, tissues: TISSUES, timesH: TIMES_H, truth: TRUTH, cv: 0.2, uniform: mulberry32(noiseSeed), withSd: true })
  const at = (tissue: string, timeH: number): { value: number; sd?: number } =>
    synthetic.observations.find((o) => o.quantity === 'percentDose' && o.tissue === tissue && o.timeH === timeH)!
  await api('measurement:add', {
    designId: saved.designId, version: 1, kind: 'biodistribution', label: `${name} mouse study`,
    data: { ...data, tissues: Object.fromEntries(TISSUES.map((t) => [t, { percentInjectedDose: TIMES_H.map((h) => at(t, h).value), sdPercentInjectedDose: TIMES_H.map((h) => at(t, h).sd!) }])) },
  })
  return saved.designId
}

beforeAll(async () => {
  app = await openAppSession({ width: 1280, height: 720 })
  page = app.page
  await seedDesign('lupus-rbc-silica.nanoforge.json', 'Lab lupus silica', 21)
  await seedDesign('ra-folate-peg-liposome.nanoforge.json', 'Lab arthritis liposome', 22)
  await api('design:save', { design: { ...fixture('t1d-tolerogenic-plga.nanoforge.json'), name: 'Untrained PLGA design' } })
}, 180_000)

afterAll(async () => {
  await app?.close()
})

/**
 * The dialog's text holds no parameter or metric id, no library id (a UUID) and no e-notation
 * (issue 12: no code words on screen).
 * `degradation` is also an English word ("Carrier degradation in phagocytes"), so only the
 * camel-case ids are looked for.
 */
async function codeWordsIn(scope: ReturnType<Page['getByRole']>): Promise<string[]> {
  const text = await scope.innerText()
  return [
    ...[...CALIBRATION_PARAMETER_IDS, ...METRIC_IDS].filter((id) => /[A-Z]/.test(id) && new RegExp(`\\b${id}\\b`).test(text)).map((id) => `id ${id}`),
    ...[...text.matchAll(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g)].map((m) => `library id ${m[0]}`),
    ...[...text.matchAll(/\b\d+(?:\.\d+)?e[+-]?\d+\b/gi)].map((m) => `e-notation ${m[0]}`),
  ]
}

describe('Calibrate dialog and profile picker', () => {
  it('refuses a short run with the reasons, saves a converged profile holding the truth, and estimates a design with it', async () => {
    await page.goto(app.host.url)
    await page.locator('.estimates-status', { hasText: 'Estimate current' }).waitFor(WAIT)
    await page.getByLabel('Select Lab lupus silica').check()
    await page.getByLabel('Select Lab arthritis liposome').check()
    await page.getByRole('button', { name: 'Calibrate selected (2)' }).click()
    const dialog = page.getByRole('dialog', { name: 'Calibrate the engine on 2 designs' })
    await dialog.waitFor(WAIT)
    const data = dialog.getByRole('table', { name: 'Calibration data of the chosen designs' })
    await expect.poll(() => data.locator('tbody tr').count(), WAIT).toBe(2)

    // liver and spleen uptake only: the data are blood, liver and spleen of two healthy-enough studies
    for (const label of ['Inflamed target vessel permeability (disease excess)', 'Release from liver and spleen phagocytes (K_rel)', 'Carrier degradation in phagocytes', 'Drug release rate (hazard multiplier)']) {
      await dialog.getByLabel(label).uncheck()
    }
    await dialog.getByLabel('Profile name').fill('E2E lab mice')

    // --- too short: refused, the reasons name the parameters in words, nothing to save
    await dialog.getByLabel('Posterior samples').fill('400')
    await dialog.getByRole('button', { name: 'Run calibration' }).click()
    const verdict = dialog.getByTestId('calibrate-verdict')
    await expect.poll(() => verdict.innerText().catch(() => ''), WAIT).toMatch(/Refused: the chains did not converge/)
    const reasons = await dialog.locator('.calibrate-reasons').first().innerText()
    expect(reasons).toMatch(/(R-hat|bulk ESS) of Liver phagocytic uptake \(K_max\)/)
    expect(await dialog.getByRole('button', { name: 'Save profile' }).count()).toBe(0)

    // --- long enough: progress, then converged
    await dialog.getByLabel('Posterior samples').fill('8000')
    await dialog.getByLabel('Seed').fill('3')
    await dialog.getByRole('button', { name: 'Run calibration' }).click()
    const bar = dialog.getByRole('progressbar', { name: 'Calibration progress' })
    await bar.waitFor(WAIT)
    await expect.poll(() => verdict.innerText().catch(() => ''), { timeout: 300_000 }).toMatch(/^Converged/)
    const params = dialog.getByRole('table', { name: 'Prior and posterior of every parameter' })
    expect(await params.locator('tbody tr').count()).toBe(2)
    await dialog.getByRole('img', { name: /Prior and posterior 95 % intervals/ }).waitFor(WAIT)
    const shares = (await dialog.getByTestId('within-2-fold').innerText()).split('\t').map((s) => s.trim())
    expect(shares).toHaveLength(3)
    for (const s of shares) expect(s).toMatch(/^\d+ %$/)
    expect(await dialog.getByRole('table', { name: /Leave-one-study-out/ }).locator('tbody tr').count()).toBe(2)
    expect(await codeWordsIn(dialog)).toEqual([])
    expect(await axeViolations(page, '.calibrate-dialog')).toEqual([])
    await saveScreen(page, 'calibrate')
    await page.setViewportSize({ width: 1920, height: 1080 })
    await saveScreen(page, 'calibrate')
    await page.setViewportSize({ width: 1280, height: 720 })

    await dialog.getByRole('button', { name: 'Save profile' }).click()
    await expect.poll(() => dialog.getByRole('status').filter({ hasText: 'Saved profile' }).innerText().catch(() => ''), WAIT)
      .toBe('Saved profile “E2E lab mice”, version 1. Choose it beside the estimates (Biodistribution tab).')

    // the saved posterior holds the true multipliers inside its 95 % intervals
    const listed = await api<{ items: Array<{ id: string; name: string }> }>('profile:list', {})
    expect(listed.items.map((p) => p.name)).toEqual(['E2E lab mice'])
    const { profile } = await api<{ profile: { summary: { parameters: Record<string, { posterior: { ci95: [number, number] } }> } } }>('profile:get', { id: listed.items[0]!.id })
    for (const [id, truth] of Object.entries(TRUTH)) {
      const [lo, hi] = profile.summary.parameters[id]!.posterior.ci95
      expect(lo).toBeLessThan(truth)
      expect(hi).toBeGreaterThan(truth)
    }

    // --- the next experiments for the default goal (built from the first design)
    await dialog.getByLabel('Designs to propose').selectOption('2')
    await dialog.getByRole('button', { name: 'Suggest next experiments' }).click()
    const suggestions = dialog.getByRole('list', { name: 'Suggested next designs' })
    await expect.poll(() => suggestions.locator(':scope > li').count(), WAIT).toBe(2)
    expect(await suggestions.innerText()).toMatch(/What would settle it: /)
    expect(await codeWordsIn(dialog)).toEqual([])
    await suggestions.evaluate((el) => { el.scrollIntoView({ block: 'center' }) })
    await saveScreen(page, 'calibrate-suggest')
    await dialog.getByRole('button', { name: 'Close' }).click()

    // --- the picker: the lupus design with the profile, beside the engine as is
    await page.getByRole('button', { name: /Lab lupus silica/ }).click()
    await expect.poll(() => page.locator('.save-status').innerText(), WAIT).toBe('Opened version 1')
    await page.locator('.estimates-status', { hasText: 'Estimate current' }).waitFor(WAIT)
    await page.getByRole('tab', { name: 'Biodistribution' }).click()
    const picker = page.getByRole('region', { name: 'Calibration profile' })
    const select = picker.getByLabel('Estimate also with')
    await expect.poll(() => select.locator('option').allInnerTexts(), WAIT).toContain('E2E lab mice, version 1 (2 designs): within 2-fold ' + shares[0] + ' → ' + shares[1] + ', held out ' + shares[2])
    await select.selectOption(listed.items[0]!.id)
    const table = picker.getByRole('table', { name: /Per tissue at 72 h, engine as is and with the profile/ })
    await table.waitFor(WAIT)
    await picker.getByRole('table', { name: 'Headline metrics, engine as is and with the profile' }).waitFor(WAIT)
    const liver = table.locator('tr[data-tissue="liver"] td')
    const asIs = Number(await liver.nth(2).innerText())
    const calibrated = Number((await liver.nth(3).innerText()).split(' ')[0])
    expect(calibrated).toBeGreaterThan(asIs) // liver uptake × ~2 puts more of the dose in the liver
    expect(await picker.getByRole('list', { name: 'Profile warnings' }).count()).toBe(0)
    expect(await axeViolations(page, '.profile-picker')).toEqual([])
    await picker.evaluate((el) => { el.scrollIntoView({ block: 'start' }) })
    await saveScreen(page, 'calibrate-profile')

    // --- a design unlike the training ones: the warning says how
    await page.getByRole('button', { name: /Untrained PLGA design/ }).click()
    await expect.poll(() => page.locator('.save-status').innerText(), WAIT).toBe('Opened version 1')
    await expect.poll(() => picker.getByRole('list', { name: 'Profile warnings' }).innerText().catch(() => ''), WAIT).toMatch(/Core material .* is not among the profile's designs/)
    expect(await codeWordsIn(picker)).toEqual([])
    expect(app.pageErrors).toEqual([])
  }, 600_000)
})
