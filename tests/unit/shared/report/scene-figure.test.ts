/**
 * The report's 3D figure input (issue #16, "the 3D figure with scale bar"): the same layout
 * code takes an optional render of the scene. With one, the PDF holds it as a raster image
 * (pdfimages) captioned as a render made for the report, with a round scale bar of about a
 * quarter of the image's width; without one (the command line) it holds no image and the
 * cross-section's caption says why; when the app could not render, the caption gives the
 * reason. The PNG here is made by a minimal encoder in the test (zlib + CRC-32, PNG
 * specification ISO/IEC 15948), not by the code under test.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { validateDesign } from '../../../../shared/design/schema'
import { analyseDesign } from '../../../../shared/report/analyse'
import { buildComparisonReport, buildDesignReport, NO_3D_FROM_CLI, NO_3D_IN_CLI_COMPARISON, type ReportSettings, type ReportVersion } from '../../../../shared/report/build'
import { renderReportPdf } from '../../../../shared/report/render-pdf'
import { REPO_ROOT, makeTempDir } from '../../electron/helpers'

const tmp = makeTempDir('nanoforge-scene-figure-')
afterAll(() => tmp.cleanup())

const SETTINGS: ReportSettings = {
  generatedAt: '2026-12-06T12:00:00.000Z',
  validation: { heldOut: { scored: 24, within2Fold: 20, share: 20 / 24 }, calibration: { scored: 23, within2Fold: 7, share: 7 / 23 }, prospective: { scored: 11, within2Fold: 3, share: 3 / 11 }, heldOutFoldError: { rows: 24, p50: 1.5, p80: 3, p95: 9 } },
}
const checked = validateDesign(JSON.parse(readFileSync(join(REPO_ROOT, 'resources/examples/ra-folate-peg-liposome.nanoforge.json'), 'utf8')))
if (!checked.valid) throw new Error('example invalid')
const VERSION: ReportVersion = {
  designId: '00000000-0000-4000-8000-000000000001', version: 1, versionCount: 1, savedAt: '2026-12-01T09:30:00.000Z', note: '',
  documentHash: 'b'.repeat(64), savedEngineVersion: '0.2.0', design: checked.design, measurements: [],
}
const analysis = analyseDesign(checked.design, false)
const fonts = { regular: readFileSync(join(REPO_ROOT, 'shared/report/fonts/DejaVuSans.ttf')), bold: readFileSync(join(REPO_ROOT, 'shared/report/fonts/DejaVuSans-Bold.ttf')) }

/** CRC-32 (the PNG chunk checksum, polynomial 0xEDB88320). */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const b of bytes) {
    c ^= b
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1
  }
  return (c ^ 0xffffffff) >>> 0
}

/** A width × height RGB PNG: a dark field with an orange disc (what a particle render looks like to pdfimages). */
function png(width: number, height: number): Uint8Array {
  const raw = Buffer.alloc(height * (1 + 3 * width))
  for (let y = 0; y < height; y++) {
    raw[y * (1 + 3 * width)] = 0 // filter: none
    for (let x = 0; x < width; x++) {
      const inside = (x - width / 2) ** 2 + (y - height / 2) ** 2 < (0.4 * width) ** 2
      raw.set(inside ? [230, 159, 0] : [15, 20, 32], y * (1 + 3 * width) + 1 + 3 * x)
    }
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const out = Buffer.alloc(12 + data.length)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc32(body), 8 + data.length)
    return out
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB, deflate, no filter method, no interlace
  return new Uint8Array(Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]))
}

const imagesOf = (pdf: string): string[][] => execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).trim().split('\n').slice(2).map((l) => l.trim().split(/\s+/))
const textOf = (pdf: string): string => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')

describe('the report\'s 3D figure', () => {
  it('with a render: the image in the PDF, captioned as made for the report, a 1-2-5 scale bar near a quarter of its width, then the cross-section', () => {
    // 200 px at 0.8 nm per px spans 160 nm; a quarter is 40 nm, so the bar is 20 nm (the largest 1, 2, 5 × 10ⁿ not above it).
    const render = { png: png(200, 200), widthPx: 200, heightPx: 200, nmPerPx: 0.8, view: 'test view', legend: [{ label: 'Core: test', color: '#E69F00' as const }] }
    const doc = buildDesignReport(VERSION, analysis, SETTINGS, { kind: 'render', render })
    const scene = doc.blocks.find((b) => b.kind === 'scene-image')
    expect(scene).toMatchObject({ kind: 'scene-image', scaleBarNm: 20, widthPx: 200, nmPerPx: 0.8 })
    const pdf = join(tmp.dir, 'with-render.pdf')
    writeFileSync(pdf, renderReportPdf(doc, fonts))
    const images = imagesOf(pdf)
    expect(images).toHaveLength(1)
    expect(images[0]!.slice(2, 6)).toEqual(['image', '200', '200', 'rgb'])
    const text = textOf(pdf)
    expect(text).toContain('Figure 1. The particle\'s 3D scene, rendered for this report by the app from its scene components (not a screenshot of the window): test view.')
    expect(text).toContain('Scale bar 20 nm, true at every depth (orthographic projection, 0.8 nm per pixel of 200 × 200).')
    expect(text).toContain('20 nm')
    expect(text).toContain('Figure 2. Cross-section of the particle')
    expect(text).toContain('The same particle as Figure 1, as a 2D vector drawing with the radii of its layers.')
    expect(text).not.toContain('the command line draws no 3D scene')
  })

  it('without one (the command line): no image, and the cross-section says why and where the 3D view is', () => {
    const pdf = join(tmp.dir, 'cli.pdf')
    writeFileSync(pdf, renderReportPdf(buildDesignReport(VERSION, analysis, SETTINGS), fonts))
    expect(imagesOf(pdf)).toEqual([])
    const text = textOf(pdf)
    expect(text).toContain(`Figure 1. Cross-section of the particle`)
    expect(text).toContain(NO_3D_FROM_CLI)
    expect(text).toContain('no GPU')
  })

  it('when the app could not render: no image, and the caption gives the reason', () => {
    const pdf = join(tmp.dir, 'unavailable.pdf')
    writeFileSync(pdf, renderReportPdf(buildDesignReport(VERSION, analysis, SETTINGS, { kind: 'unavailable', reason: 'the browser gave no WebGL context' }), fonts))
    expect(imagesOf(pdf)).toEqual([])
    expect(textOf(pdf)).toContain('A 2D vector drawing: the app could not render the 3D scene for this report (the browser gave no WebGL context).')
  })
})

describe('the comparison report\'s 3D figures', () => {
  const other = validateDesign(JSON.parse(readFileSync(join(REPO_ROOT, 'resources/examples/t1d-tolerogenic-plga.nanoforge.json'), 'utf8')))
  if (!other.valid) throw new Error('example invalid')
  const third = validateDesign(JSON.parse(readFileSync(join(REPO_ROOT, 'resources/examples/lupus-rbc-silica.nanoforge.json'), 'utf8')))
  if (!third.valid) throw new Error('example invalid')
  const compared = [checked.design, other.design, third.design].map((design, i) => ({
    version: { ...VERSION, designId: `00000000-0000-4000-8000-00000000000${i + 1}`, design },
    analysis: i === 0 ? analysis : analyseDesign(design, false),
  }))

  it('from the app: one image per design side by side, each titled with its figure number and design, with its own 1-2-5 scale bar, after the cross-sections at one scale', () => {
    // Different sizes and scales per design, as the app's renders (each fills its image with its particle):
    // 200 px × 0.8 nm = 160 nm, a quarter 40 -> 20 nm; 100 px × 3 nm = 300 nm, a quarter 75 -> 50 nm; 120 px × 0.1 nm = 12 nm, a quarter 3 -> 2 nm.
    const renders = [[200, 0.8], [100, 3], [120, 0.1]].map(([px, nmPerPx], i) => ({
      kind: 'render' as const,
      render: { png: png(px!, px!), widthPx: px!, heightPx: px!, nmPerPx: nmPerPx!, view: `test view ${i + 1}`, legend: [{ label: `Core ${i + 1}`, color: '#E69F00' as const }] },
    }))
    const doc = buildComparisonReport(compared, SETTINGS, renders)
    const row = doc.blocks.find((b) => b.kind === 'scene-row')
    expect(row?.kind === 'scene-row' && row.cells.map((c) => c.image?.scaleBarNm)).toEqual([20, 50, 2])
    const pdf = join(tmp.dir, 'compare-with-renders.pdf')
    writeFileSync(pdf, renderReportPdf(doc, fonts))
    const images = imagesOf(pdf)
    expect(images.map((row) => row.slice(2, 6))).toEqual([['image', '200', '200', 'rgb'], ['image', '100', '100', 'rgb'], ['image', '120', '120', 'rgb']])
    const text = textOf(pdf)
    expect(text).toContain('Figure 1. Cross-sections of the 3 particles drawn to one scale')
    expect(text).toContain('the 3D scene of each design follows (Figures 2–4), each with its own scale bar.')
    // One figure per design, side by side, each titled with its design.
    const flat = text.replace(/\s+/g, '')
    // (Titles wrap in their columns, so pdftotext -layout interleaves their second lines: the number, the column and the name's first word.)
    compared.forEach((x, i) => expect(flat).toContain(`Figure${i + 2}.D${i + 1}:${x.version.design.name.split(' ')[0]}`))
    expect(text).toContain('Figures 2–4. The particles\' 3D scenes, rendered for this report by the app from their scene components (not screenshots of the window): test view 1; test view 2; test view 3.')
    expect(text).toContain('Scale bars, each true at every depth of its render (orthographic projection): D1 20 nm (0.8 nm per pixel of 200 × 200), D2 50 nm (3 nm per pixel of 100 × 100), D3 2 nm (0.1 nm per pixel of 120 × 120)')
    for (const bar of ['20 nm', '50 nm', '2 nm']) expect(text).toContain(bar)
    expect(text).not.toContain('the command line draws no 3D scene')
    // The release chart keeps counting after the renders.
    expect(text).toContain('Figure 5. Predicted release in plasma of each design.')
  })

  it('from the command line: no image, and the cross-sections\' caption says why and where the 3D renders are', () => {
    const pdf = join(tmp.dir, 'compare-cli.pdf')
    writeFileSync(pdf, renderReportPdf(buildComparisonReport(compared, SETTINGS), fonts))
    expect(imagesOf(pdf)).toEqual([])
    const text = textOf(pdf)
    expect(text).toContain(NO_3D_IN_CLI_COMPARISON)
    expect(text).toContain('Figure 2. Predicted release in plasma of each design.')
  })

  it('a design the app could not render says why, the others keep their image; a figure list of the wrong length is refused', () => {
    const renders = [
      { kind: 'render' as const, render: { png: png(100, 100), widthPx: 100, heightPx: 100, nmPerPx: 1, view: 'v', legend: [] } },
      { kind: 'unavailable' as const, reason: 'the browser gave no WebGL context' },
    ]
    const pdf = join(tmp.dir, 'compare-partial.pdf')
    writeFileSync(pdf, renderReportPdf(buildComparisonReport(compared.slice(0, 2), SETTINGS, renders), fonts))
    expect(imagesOf(pdf)).toHaveLength(1)
    const flat = textOf(pdf).replace(/\s+/g, '')
    expect(flat).toContain(`Figure3.D2:${compared[1]!.version.design.name.split(' ')[0]}`)
    expect(flat).toContain('Theappcouldnotrenderthe3Dsceneforthisreport(thebrowsergavenoWebGLcontext);thecross-sectionisinFigure1.')
    expect(flat).toContain('Scalebars,eachtrueateverydepthofitsrender(orthographicprojection):D120nm(1nmperpixelof100×100);')
    expect(() => buildComparisonReport(compared, SETTINGS, renders)).toThrow(/one 3D figure per design: 2 for 3 designs/)
  })
})
