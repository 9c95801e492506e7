/**
 * `nanoforge report` (issue #16, "The report"): a real library in a temp folder, the saved
 * examples with measurements attached, the PDF read back with poppler (pdftotext, pdftoppm)
 * as a reviewer's tools would read it.
 *
 * What is checked against what:
 * - section titles: the EMA order written out here by hand, not read from the code;
 * - numbers: the design's own values and the engine's derived values written with the app's
 *   formatter (shared/design/format.ts), which is what the app's panels show;
 * - citations: every source of every engine assumption, catalog assumption and flag, taken
 *   from the engine and the catalog directly (not from the report's reference list);
 * - pages: rendered at 50 dpi, each must have ink (grey-level spread) — a blank or failed page
 *   has none; text boxes of every word must lie inside the page margins (nothing clipped or
 *   overflowing), also in the 4-design landscape comparison.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { designAssumptions } from '../../../../shared/design/assumptions'
import { deriveProperties } from '../../../../shared/design/derived'
import { DERIVED_QUANTITIES } from '../../../../shared/design/fields'
import { formatFieldValue, formatQuantity } from '../../../../shared/design/format'
import { validateDesign } from '../../../../shared/design/schema'
import type { Design } from '../../../../shared/design/types'
import { simulateDesign } from '../../../../shared/engine/simulate'
import { ENGINE_VERSION } from '../../../../shared/engine/version'
import { evaluateFlags } from '../../../../shared/flags/evaluate'
import * as catalogIds from '../../../../shared/catalog/ids'
import { CORE_CLASSES, DRUG_CLASSES } from '../../../../shared/catalog'
import { REPO_ROOT, makeTempDir } from '../helpers'
import { runInProcess } from './support/in-process'

const cli = runInProcess

/** The sections in the order of the EMA PBPK-report guideline, as a reviewer expects them. */
const SECTIONS = [
  '1 Objective', '2 Model description', '3 Parameters and their sources', '4 Model evaluation and qualification',
  '5 Simulations', '6 Results', '7 Conclusions', '8 References',
]
const SUBSECTIONS = [
  '2.1 The design', '2.2 Derived properties', '2.3 Critical quality attributes against specifications', '2.4 Models and equations', '4.1 Measurements against predictions', '4.2 Published experiments like this design',
  '6.1 Release in three environments', '6.2 Biodistribution with Monte Carlo bands', '6.3 Selectivity', '6.4 Translation flags', '6.5 Warnings',
]

const EXAMPLES = ['ra-folate-peg-liposome', 't1d-tolerogenic-plga', 'lupus-rbc-silica'] as const

let tmp: { dir: string; cleanup: () => void }
let db: string
const ids: Record<string, string> = {}

/** Text of a PDF as pdftotext reads it, all whitespace removed (wrapping is layout, not content). */
function squeezed(pdf: string): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
}
const squeeze = (s: string): string => s.replace(/\s+/g, '')

function exampleDesign(name: string): Design {
  const checked = validateDesign(JSON.parse(readFileSync(join(REPO_ROOT, 'resources', 'examples', `${name}.nanoforge.json`), 'utf8')))
  if (!checked.valid) throw new Error(`${name} is not valid`)
  return checked.design
}

async function ok(...args: string[]): Promise<string> {
  const r = await cli(...args)
  if (r.code !== 0) throw new Error(`nanoforge ${args.join(' ')} exited ${r.code}: ${r.stderr}`)
  return r.stdout
}

/** Every word box of a PDF (pdftotext -bbox) with its page's size. */
function wordBoxes(pdf: string): Array<{ page: number; width: number; height: number; xMin: number; xMax: number; yMin: number; yMax: number; word: string }> {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const out = []
  let page = 0
  let width = 0
  let height = 0
  for (const line of html.split('\n')) {
    const p = /<page width="([\d.]+)" height="([\d.]+)">/.exec(line)
    if (p) {
      page += 1
      width = Number(p[1])
      height = Number(p[2])
      continue
    }
    const w = /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*)<\/word>/.exec(line)
    if (w) out.push({ page, width, height, xMin: Number(w[1]), yMin: Number(w[2]), xMax: Number(w[3]), yMax: Number(w[4]), word: w[5]! })
  }
  return out
}

/** Renders every page at 50 dpi in grey (PGM) and returns each page's grey-level standard deviation and inked share. */
function pageInk(pdf: string, dir: string, prefix: string): Array<{ sd: number; inked: number }> {
  execFileSync('pdftoppm', ['-r', '50', '-gray', pdf, join(dir, prefix)])
  const files = readdirSync(dir).filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.pgm')).sort()
  return files.map((f) => {
    const bytes = readFileSync(join(dir, f))
    // Binary PGM: "P5", width, height, maxval, one whitespace byte, then width × height bytes.
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'))
    if (!header) throw new Error(`${f} is not a binary PGM`)
    const n = Number(header[1]) * Number(header[2])
    const pixels = bytes.subarray(header[0].length, header[0].length + n)
    let sum = 0
    let sumSq = 0
    let inked = 0
    for (const v of pixels) {
      sum += v
      sumSq += v * v
      if (v < 200) inked += 1
    }
    const mean = sum / n
    return { sd: Math.sqrt(sumSq / n - mean * mean), inked: inked / n }
  })
}

function pdfPages(pdf: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1])
}

beforeAll(async () => {
  tmp = makeTempDir('nanoforge-report-')
  db = join(tmp.dir, 'library.db')
  for (const name of EXAMPLES) {
    const saved = JSON.parse(await ok('db save', join(REPO_ROOT, 'resources', 'examples', `${name}.nanoforge.json`), '--db', db, '--json'))
    ids[name] = saved.designId
  }
  // A fourth design with a long name (wrapping in the 4-column comparison).
  const variant = { ...exampleDesign('ra-folate-peg-liposome'), name: 'Folate PEG-liposome dexamethasone, 150 nm core with a denser brush for the long-circulation arm of the study' }
  const variantFile = join(tmp.dir, 'variant.nanoforge.json')
  writeFileSync(variantFile, JSON.stringify({ ...variant, core: { ...variant.core, diameterNm: 150 }, coatings: [{ kind: 'peg', molecularWeightDa: 2000, graftingDensityPerNm2: 0.15 }] }))
  ids.variant = JSON.parse(await ok('db save', variantFile, '--db', db, '--json')).designId
  // Measurements of the folate liposome, version 1: DLS, zeta, a release profile, a biodistribution study.
  const folate = ids['ra-folate-peg-liposome']!
  await ok('measure add', folate, '--version', '1', '--dls', '112', '--pdi', '0.11', '--label', 'DLS batch 7', '--db', db)
  await ok('measure add', folate, '--version', '1', '--zeta=-7.5', '--label', 'Zeta batch 7', '--db', db)
  const releaseCsv = join(tmp.dir, 'release.csv')
  writeFileSync(releaseCsv, 'time (h),rep1,rep2,rep3\n0.5,12,14,13\n1,22,25,21\n4,48,51,50\n24,81,84,80\n')
  await ok('measure add', folate, '--version', '1', releaseCsv, '--label', 'Dialysis release batch 7', '--db', db)
  const bioCsv = join(tmp.dir, 'bio.csv')
  writeFileSync(bioCsv, 'time (h),liver,liver sd,spleen,blood\n1,8,2,1.5,60\n24,20,4,4,15\n')
  await ok('measure add', folate, '--version', '1', '--biodistribution', bioCsv, '--label', 'Mouse biodistribution study 3', '--db', db)
}, 60_000)

afterAll(() => tmp?.cleanup())

describe('nanoforge report: one design', () => {
  let pdf: string
  let text: string
  let design: Design

  beforeAll(async () => {
    pdf = join(tmp.dir, 'folate.pdf')
    const r = await cli('report', ids['ra-folate-peg-liposome']!, '--out', pdf, '--db', db, '--json')
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'design', designs: [{ designId: ids['ra-folate-peg-liposome'], version: 1 }] })
    text = squeezed(pdf)
    design = exampleDesign('ra-folate-peg-liposome')
  }, 60_000)

  it('holds every section in the EMA order, and the subsections', () => {
    const positions = SECTIONS.map((s) => text.lastIndexOf(squeeze(s)))
    for (const [i, s] of SECTIONS.entries()) expect(positions[i], s).toBeGreaterThan(0)
    // The body's headings (after the contents on the cover) come in this order.
    const body = SECTIONS.map((s) => text.indexOf(squeeze(s), text.indexOf(squeeze('8 References')) + 1))
    expect([...body].sort((a, b) => a - b)).toEqual(body)
    for (const s of SUBSECTIONS) expect(text, s).toContain(squeeze(s))
  })

  it('has the cover facts: name, version, date, engine version and the content hash of the version', async () => {
    const shown = JSON.parse(await ok('db show', ids['ra-folate-peg-liposome']!, '--db', db, '--json'))
    expect(text).toContain(squeeze(design.name))
    // Label and value sit in two columns; a wrapped label interleaves with the value in the text.
    expect(text).toContain(squeeze('Content hash'))
    expect(text).toContain(shown.documentHash)
    expect(shown.documentHash).toMatch(/^[0-9a-f]{64}$/)
    expect(text).toContain(squeeze(`Engine version${ENGINE_VERSION}`))
    expect(text).toContain(squeeze('Version1 of 1'))
    expect(text).toContain(squeeze(`Version saved${shown.createdAt.slice(0, 10)}`))
  })

  it('shows the design and derived numbers as the app writes them, units included', () => {
    // The design table: label, value as the form shows it, unit.
    expect(text).toContain(squeeze(`Core diameter ${formatFieldValue('core.diameterNm', design.core.diameterNm)} nm`))
    expect(text).toContain(squeeze('Bilayer lipid Egg phosphatidylcholine (egg PC)'))
    expect(text).toContain(squeeze('Coating 1 PEG grafting density 0.08 chains/nm²'))
    expect(text).toContain(squeeze('Drug loading 6 % w/w'))
    expect(text).toContain(squeeze('Dose 2 mg/kg'))
    // Derived quantities through the app's formatter (the derived panel's rows).
    const d = deriveProperties(design)
    const Q = DERIVED_QUANTITIES
    expect(text).toContain(squeeze(`${Q.hydrodynamicDiameterNm.label}${formatQuantity(d.hydrodynamicDiameterNm, 'nm')}`))
    expect(text).toContain(squeeze(`${Q.surfaceAreaNm2.label}${formatQuantity(d.surfaceAreaNm2, 'nm²')}`))
    expect(text).toContain(squeeze(`${Q.particlesPerMg.label}${formatQuantity(d.particlesPerMg)}`))
    // ×10ⁿ survives as Unicode (not e-notation, not lost glyphs).
    expect(formatQuantity(d.particlesPerMg)).toMatch(/^\d\.\d\d × 10[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/)
  })

  it('cites every source of every assumption and flag the estimate rests on', () => {
    const sim = simulateDesign(design, { hours: 72 })
    const sources = new Set([
      ...sim.assumptions.map((a) => a.source),
      ...designAssumptions(design).map((a) => a.cited.source),
      ...evaluateFlags(design).map((f) => f.source),
    ])
    expect(sources.size).toBeGreaterThan(30)
    const missing = [...sources].filter((s) => !text.includes(squeeze(s)))
    expect(missing).toEqual([])
  })

  it('puts the measurements next to the predictions', () => {
    const d = deriveProperties(design)
    expect(text).toContain(squeeze(`DLS: DLS batch 7`))
    expect(text).toContain(squeeze('112 nm (PDI'))
    expect(text).toContain(squeeze(`${formatQuantity(d.hydrodynamicDiameterNm, 'nm')} hydrodynamic`))
    expect(text).toContain(squeeze('Zeta potential: Zeta batch 7'))
    expect(text).toContain(squeeze('Release "Dialysis release batch 7"'))
    expect(text).toContain(squeeze('In-vivo biodistribution "Mouse biodistribution study 3"'))
    // The release rows: time 4 h, mean of 48, 51, 50 = 49.67 → "49.7" as the app writes it.
    expect(text).toContain(squeeze(`4 ${formatQuantity((48 + 51 + 50) / 3)}`))
    // 2 tissues × 2 times + blood × 2 = 6 measured points.
    expect(text).toMatch(/pointswithin2-foldoftheprediction/)
    expect(text).toContain(squeeze('of 6 points within 2-fold'))
  })

  it('states the validation score computed from the validation files', () => {
    expect(text).toMatch(/held-outrows\d+of\d+\(\d+%\)/)
    expect(text).toMatch(/prospectiveblindset\d+of\d+\(\d+%\)/)
  })

  it('renders every page with ink, and every word inside the page margins', () => {
    const pages = pdfPages(pdf)
    expect(pages).toBeGreaterThanOrEqual(8)
    const ink = pageInk(pdf, tmp.dir, 'single')
    expect(ink).toHaveLength(pages)
    for (const [i, p] of ink.entries()) {
      expect(p.sd, `page ${i + 1} grey-level spread`).toBeGreaterThan(8)
      expect(p.inked, `page ${i + 1} inked share`).toBeGreaterThan(0.005)
    }
    const words = wordBoxes(pdf)
    expect(words.length).toBeGreaterThan(1000)
    // 54 pt margins; 1 pt of tolerance for glyph side bearings.
    const outside = words.filter((w) => w.xMin < 53 || w.xMax > w.width - 53 || w.yMin < 0 || w.yMax > w.height - 20)
    expect(outside.map((w) => `p${w.page} "${w.word}" ${w.xMin}-${w.xMax}`)).toEqual([])
  })
})

describe('nanoforge report --compare', () => {
  it('lays 4 designs side by side on landscape pages without any text leaving the page', async () => {
    const pdf = join(tmp.dir, 'compare4.pdf')
    const r = await cli('report', ids['ra-folate-peg-liposome']!, '--compare', ids['t1d-tolerogenic-plga']!, ids['lupus-rbc-silica']!, ids.variant!, '--out', pdf, '--db', db, '--json')
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout).kind).toBe('comparison')
    const text = squeezed(pdf)
    for (const s of SECTIONS) expect(text, s).toContain(squeeze(s))
    for (const name of EXAMPLES) expect(text).toContain(squeeze(exampleDesign(name).name))
    expect(text).toContain(squeeze('2.1 The designs side by side'))
    // Each design's core diameter in the side-by-side table's row.
    expect(text).toContain(squeeze('Core diameter nm 95 400 60 150'))
    const words = wordBoxes(pdf)
    expect(words[0]!.width).toBeGreaterThan(words[0]!.height)
    const outside = words.filter((w) => w.xMin < 53 || w.xMax > w.width - 53 || w.yMax > w.height - 20)
    expect(outside.map((w) => `p${w.page} "${w.word}" ${w.xMin}-${w.xMax}`)).toEqual([])
    const ink = pageInk(pdf, tmp.dir, 'compare')
    expect(ink).toHaveLength(pdfPages(pdf))
    for (const p of ink) expect(p.sd).toBeGreaterThan(8)
  }, 60_000)

  it('refuses one design named twice and more than 4 designs, writing nothing', async () => {
    const out = join(tmp.dir, 'never.pdf')
    const twice = await cli('report', ids['lupus-rbc-silica']!, '--compare', ids['lupus-rbc-silica']!, '--out', out, '--db', db)
    expect(twice.code).toBe(2)
    expect(twice.stderr).toMatch(/named twice/)
    const five = await cli('report', 'a', '--compare', 'b', 'c', 'd', 'e', '--out', out, '--db', db)
    expect(five.code).toBe(2)
    expect(existsSync(out)).toBe(false)
  })
})

describe('nanoforge report: failures', () => {
  it('an unknown id or version is bad input (exit 2) with the reason, and no file', async () => {
    const out = join(tmp.dir, 'missing.pdf')
    const unknown = await cli('report', 'ffffffff', '--out', out, '--db', db, '--json')
    expect(unknown.code).toBe(2)
    expect(JSON.parse(unknown.stdout).error.reason).toBe('not-found')
    const version = await cli('report', ids['lupus-rbc-silica']!, '--version', '9', '--out', out, '--db', db)
    expect(version.code).toBe(2)
    expect(version.stderr).toMatch(/has no version 9 \(latest is 1\)/)
    expect(existsSync(out)).toBe(false)
  })

  it('an unwritable path is bad input before any work, and leaves no partial file', async () => {
    const noFolder = join(tmp.dir, 'no-such-folder', 'r.pdf')
    const r = await cli('report', ids['lupus-rbc-silica']!, '--out', noFolder, '--db', db, '--json')
    expect(r.code).toBe(2)
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'bad-input', reason: 'unwritable' })
    expect(r.stderr).toMatch(/does not exist/)
    const folder = join(tmp.dir, 'a-folder.pdf')
    mkdirSync(folder)
    const isDir = await cli('report', ids['lupus-rbc-silica']!, '--out', folder, '--db', db)
    expect(isDir.code).toBe(2)
    expect(isDir.stderr).toMatch(/it is a folder/)
    expect(readdirSync(tmp.dir).filter((f) => f.includes('.partial-'))).toEqual([])
  })

  it('--out is required, and a second design without --compare is a usage error', async () => {
    expect((await cli('report', ids['lupus-rbc-silica']!, '--db', db)).code).toBe(2)
    const two = await cli('report', ids['lupus-rbc-silica']!, ids['t1d-tolerogenic-plga']!, '--out', join(tmp.dir, 'x.pdf'), '--db', db)
    expect(two.code).toBe(2)
    expect(two.stderr).toMatch(/--compare/)
  })
})

describe('no code words in the report (the app\'s rule, issue 12)', () => {
  it('names catalog ids, parameter paths and fields as the app does, and never writes e-notation', async () => {
    const pdf = join(tmp.dir, 'words.pdf')
    await ok('report', ids['lupus-rbc-silica']!, '--compare', ids['t1d-tolerogenic-plga']!, '--out', pdf, '--db', db)
    const single = join(tmp.dir, 'words-single.pdf')
    await ok('report', ids['ra-folate-peg-liposome']!, '--out', single, '--db', db)
    // Ids with a hyphen or a digit never occur in prose: any occurrence is a leak.
    const codeLike = [...new Set([...Object.values(catalogIds).filter(Array.isArray).flat() as string[], ...CORE_CLASSES, ...DRUG_CLASSES])]
      .filter((id) => /[-0-9]/.test(id))
    expect(codeLike).toEqual(expect.arrayContaining(['plga-75-25', 'rheumatoid-arthritis', 'lipid-vesicle']))
    for (const file of [pdf, single]) {
      // The references list quotes sources as written (a source may name an id); the body may not.
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
      const body = text.slice(0, text.lastIndexOf('8 References'))
      const leaks = codeLike.filter((id) => new RegExp(`(?<![\\w/.-])${id.replace(/-/g, '\\-')}(?![\\w/-])`).test(body))
      expect(leaks, file).toEqual([])
      const paths = [...body.matchAll(/\b[a-z][A-Za-z]*\.(?:[a-z0-9-]+\.)*[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*\b/g)].map((m) => m[0])
      expect(paths, file).toEqual([])
      // design ids (UUIDs) and content hashes are hex: "…-4e49-…" is an id, not e-notation
      const prose = body.replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '').replace(/\b[0-9a-f]{64}\b/gi, '')
      expect(prose).not.toMatch(/\b\d+(?:\.\d+)?e[+-]?\d+\b/i)
    }
  }, 60_000)
})
