/**
 * The report code runs in a browser as it runs in Node (issue #16: "a kept PDF library that
 * runs in Node and in the renderer", the same code in the app later).
 *
 * shared/report (layout, engine calls and the jsPDF renderer) is bundled for the browser by
 * Vite, with no Node built-in available, and run in Chromium on an example design; the same
 * input is rendered in Node. The two PDFs must read the same (pdftotext) page for page, and
 * be the same file byte for byte.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { build } from 'vite'
import { validateDesign } from '../../shared/design/schema'
import { analyseDesign } from '../../shared/report/analyse'
import { buildDesignReport, type ReportSettings, type ReportVersion } from '../../shared/report/build'
import { renderReportPdf } from '../../shared/report/render-pdf'
import { makeTempDir, REPO_ROOT } from '../unit/electron/helpers'
import { launchChromium } from './support/browser'

let browser: Browser
let tmp: { dir: string; cleanup: () => void }

beforeAll(async () => {
  tmp = makeTempDir('nanoforge-report-browser-')
  browser = await launchChromium()
}, 90_000)

afterAll(async () => {
  await browser?.close()
  tmp?.cleanup()
})

/** A fixed input: the validation numbers are given (not scored) so both sides see the same. */
const SETTINGS: ReportSettings = {
  generatedAt: '2026-12-06T12:00:00.000Z',
  validation: { heldOut: { scored: 24, within2Fold: 20, share: 20 / 24 }, calibration: { scored: 23, within2Fold: 7, share: 7 / 23 }, prospective: { scored: 11, within2Fold: 3, share: 3 / 11 }, heldOutFoldError: { rows: 24, p50: 1.5, p80: 3, p95: 9 } },
}

describe('the report in a browser', () => {
  it('bundles without Node modules and renders in Chromium the same report as in Node', async () => {
    const entry = join(tmp.dir, 'entry.ts')
    writeFileSync(entry, [
      `export { analyseDesign } from ${JSON.stringify(join(REPO_ROOT, 'shared/report/analyse.ts'))}`,
      `export { buildDesignReport } from ${JSON.stringify(join(REPO_ROOT, 'shared/report/build.ts'))}`,
      `export { renderReportPdf } from ${JSON.stringify(join(REPO_ROOT, 'shared/report/render-pdf.ts'))}`,
    ].join('\n'))
    const output = await build({
      configFile: false, logLevel: 'silent', root: REPO_ROOT,
      build: { write: false, minify: false, lib: { entry, formats: ['iife'], name: 'NanoforgeReport', fileName: 'report' } },
    })
    const bundle = (Array.isArray(output) ? output[0]! : output as { output: Array<{ type: string; code?: string }> }).output.find((o) => o.type === 'chunk')!
    const code = (bundle as { code: string }).code
    expect(code.length).toBeGreaterThan(100_000)

    const checked = validateDesign(JSON.parse(readFileSync(join(REPO_ROOT, 'resources/examples/ra-folate-peg-liposome.nanoforge.json'), 'utf8')))
    if (!checked.valid) throw new Error('example invalid')
    const version: ReportVersion = {
      designId: '00000000-0000-4000-8000-000000000001', version: 2, versionCount: 3, savedAt: '2026-12-01T09:30:00.000Z', note: 'browser check',
      documentHash: 'a'.repeat(64), savedEngineVersion: '0.2.0', design: checked.design, measurements: [],
    }
    const regular = readFileSync(join(REPO_ROOT, 'shared/report/fonts/DejaVuSans.ttf'))
    const bold = readFileSync(join(REPO_ROOT, 'shared/report/fonts/DejaVuSans-Bold.ttf'))

    const page = await browser.newPage()
    await page.addScriptTag({ content: code })
    const base64 = await page.evaluate(async ({ version, settings, regular, bold }) => {
      const fromBase64 = (s: string): Uint8Array => Uint8Array.from(atob(s), (c) => c.charCodeAt(0))
      const lib = (window as unknown as { NanoforgeReport: {
        analyseDesign: typeof analyseDesign; buildDesignReport: typeof buildDesignReport; renderReportPdf: typeof renderReportPdf
      } }).NanoforgeReport
      const doc = lib.buildDesignReport(version, lib.analyseDesign(version.design, true), settings)
      const bytes = lib.renderReportPdf(doc, { regular: fromBase64(regular), bold: fromBase64(bold) })
      let binary = ''
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
      return btoa(binary)
    }, { version, settings: SETTINGS, regular: regular.toString('base64'), bold: bold.toString('base64') })
    await page.close()

    const browserPdf = join(tmp.dir, 'browser.pdf')
    writeFileSync(browserPdf, Buffer.from(base64, 'base64'))
    const nodePdf = join(tmp.dir, 'node.pdf')
    writeFileSync(nodePdf, renderReportPdf(buildDesignReport(version, analyseDesign(checked.design, true), SETTINGS), { regular, bold }))

    const text = (pdf: string): string => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    const fromBrowser = text(browserPdf)
    expect(fromBrowser).toContain('1 Objective')
    expect(fromBrowser).toContain('6.2 Biodistribution with Monte Carlo bands')
    expect(fromBrowser).toContain('chains/nm²')
    expect(fromBrowser).toMatch(/\d\.\d\d × 10[⁰¹²³⁴⁵⁶⁷⁸⁹]+/)
    expect(fromBrowser).toBe(text(nodePdf))
    // The same input gives the same file, byte for byte (fixed date and file identifier).
    expect(readFileSync(browserPdf).equals(readFileSync(nodePdf))).toBe(true)
  }, 180_000)
})
