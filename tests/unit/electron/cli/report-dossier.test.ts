/**
 * The review report as a dossier (issue #16, the audit of the last session): the cover carries
 * the version's signatures (`db approve`); a 4-design comparison cites the guidance of every
 * quality attribute it tabulates and ICH Q6A (as the single report does), lists the flags most
 * serious first, and keeps its contents clear of the footer even when four long names and their
 * signatures fill the cover. PDFs read back with pdftotext (text and word boxes).
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { userInfo } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { approvalsText } from '../../../../shared/report/build'
import { REPO_ROOT, makeTempDir } from '../helpers'
import { runInProcess as cli } from './support/in-process'

const squeeze = (s: string): string => s.replace(/\s+/g, '')
const layoutText = (pdf: string): string => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' })
const example = (name: string): string => join(REPO_ROOT, 'resources', 'examples', `${name}.nanoforge.json`)

let tmp: { dir: string; cleanup: () => void }
let db: string
const ids: string[] = []
const osUser = userInfo().username

async function ok(...args: string[]): Promise<string> {
  const r = await cli(...args)
  if (r.code !== 0) throw new Error(`nanoforge ${args.join(' ')} exited ${r.code}: ${r.stderr}`)
  return r.stdout
}

beforeAll(async () => {
  tmp = makeTempDir('nanoforge-report-dossier-')
  db = join(tmp.dir, 'lab.db')
  // A fourth design with a long name, a gold core (a persistent-core caution) and an antibody ligand.
  const gold = JSON.parse(readFileSync(example('ra-folate-peg-liposome'), 'utf8')) as Record<string, unknown> & { context: { species: string }; payload: { trigger: string } }
  gold.name = 'Gold-core anti-ICAM-1 PEG particle for inflamed synovium (RA, human dosing)'
  gold.core = { material: 'gold', diameterNm: 40 }
  gold.ligands = [{ ligand: 'anti-icam-1', perParticle: 20 }]
  gold.context.species = 'human'
  gold.payload.trigger = 'none'
  const goldFile = join(tmp.dir, 'gold.nanoforge.json')
  writeFileSync(goldFile, JSON.stringify(gold))
  for (const file of [example('ra-folate-peg-liposome'), example('lupus-rbc-silica'), example('t1d-tolerogenic-plga'), goldFile]) {
    ids.push(JSON.parse(await ok('db', 'save', file, '--db', db, '--json')).designId)
  }
  await ok('db', 'project', ids[0]!, ids[3]!, '--name', 'RA liposomes', '--db', db)
  await ok('db', 'specs', 'set', 'RA liposomes', 'endotoxin', '--max', '0.5', '--db', db)
  await ok('db', 'specs', 'set', 'RA liposomes', 'residual-solvent', '--max', '5000', '--db', db)
  await ok('measure', 'add', ids[0]!, '--version', '1', '--endotoxin', '0.2', '--residual-solvent', '800', '--solvent', 'ethanol', '--db', db)
  await ok('db', 'approve', ids[0]!, '--version', '1', '--meaning', 'reviewed', '--name', 'Dr. Ada Lovelace', '--db', db)
  await ok('db', 'approve', ids[0]!, '--version', '1', '--meaning', 'approved for synthesis', '--name', 'Prof. Grace Hopper', '--db', db)
  for (const id of ids.slice(1)) await ok('db', 'approve', id, '--version', '1', '--meaning', 'reviewed', '--name', 'Dr. Rosalind Franklin of the review board', '--db', db)
}, 90_000)

afterAll(() => tmp?.cleanup())

describe('the cover names the version\'s signatures', () => {
  it('a signed version lists each signature, oldest first; an unsigned one says none is recorded', async () => {
    const pdf = join(tmp.dir, 'signed.pdf')
    await ok('report', ids[0]!, '--out', pdf, '--db', db)
    const text = squeeze(layoutText(pdf))
    expect(text).toContain(squeeze(`Signatures reviewed — Dr. Ada Lovelace (OS user ${osUser}),`))
    expect(text.indexOf(squeeze('reviewed — Dr. Ada Lovelace'))).toBeLessThan(text.indexOf(squeeze('approved for synthesis — Prof. Grace Hopper')))
    // The cover comes before the contents: both signatures are on page 1.
    expect(text.indexOf(squeeze('Prof. Grace Hopper'))).toBeLessThan(text.indexOf('Contents'))

    const other = join(tmp.dir, 'unsigned.pdf')
    const fresh = join(tmp.dir, 'unsigned.db')
    const id = JSON.parse(await ok('db', 'save', example('t1d-tolerogenic-plga'), '--db', fresh, '--json')).designId as string
    await ok('report', id, '--out', other, '--db', fresh)
    expect(squeeze(layoutText(other))).toContain(squeeze('Signatures None recorded for this version'))
    // A structural assumption (no number) says what was chosen, not a bare label and a dash.
    expect(text).toContain(squeeze('Blood convention: Central blood pool = whole'))
    // The methods say which parameters made the estimates: no calibration profile is applied.
    expect(text).toContain(squeeze('Calibration profile none: the engine with its catalog parameters (section 3).'))
  }, 60_000)

  it('says so in words when a signature was given to other content than the version', () => {
    const base = { documentHash: 'a'.repeat(64) }
    const sig = { meaning: 'reviewed', signerName: 'ada', signerUser: 'ada', at: '2026-12-06T20:28:37.299Z', documentHash: 'a'.repeat(64) }
    expect(approvalsText({ ...base, approvals: [sig] })).toBe('reviewed — OS user ada, 2026-12-06 20:28 UTC')
    expect(approvalsText({ ...base, approvals: [{ ...sig, documentHash: 'b'.repeat(64) }] }))
      .toBe(`reviewed — OS user ada, 2026-12-06 20:28 UTC — signed other content (hash ${'b'.repeat(12)}…), not this version: run nanoforge db verify`)
    expect(approvalsText(base)).toMatch(/^None recorded/)
  })
})

/** Word boxes that run into the footer band (the body ends 54 pt above the edge, the footer's rule is 42 pt above it). */
function footerClashes(pdf: string): string[] {
  const bbox = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  let height = 0
  let page = 0
  const clash: string[] = []
  for (const line of bbox.split('\n')) {
    const p = /<page width="([\d.]+)" height="([\d.]+)">/.exec(line)
    if (p) {
      height = Number(p[2])
      page += 1
    }
    const w = /<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/.exec(line)
    if (w && Number(w[1]) < height - 42 && Number(w[2]) > height - 50) clash.push(`page ${page}: ${w[3]}`)
  }
  return clash
}

/**
 * Each page rendered in colour (pdftoppm, 40 dpi) and the share of its pixels that are clearly
 * coloured (not grey: the text, rules and table shading are grey; the charts' curves and bands
 * and the particle drawing are coloured).
 */
function colouredShare(pdf: string, dir: string, prefix: string): number[] {
  execFileSync('pdftoppm', ['-r', '40', pdf, join(dir, prefix)])
  return readdirSync(dir).filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.ppm')).sort().map((f) => {
    const bytes = readFileSync(join(dir, f))
    const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'))
    if (!header) throw new Error(`${f} is not a binary PPM`)
    const n = Number(header[1]) * Number(header[2])
    const pixels = bytes.subarray(bytes.length - 3 * n)
    let coloured = 0
    for (let i = 0; i < pixels.length; i += 3) {
      const r = pixels[i]!, g = pixels[i + 1]!, b = pixels[i + 2]!
      if (Math.max(r, g, b) - Math.min(r, g, b) > 24) coloured += 1
    }
    return coloured / n
  })
}

describe('the single report\'s pages as images', () => {
  it('every page with a figure shows it in colour, the text-only pages are grey, and nothing runs into the footer', async () => {
    const pdf = join(tmp.dir, 'pages.pdf')
    await ok('report', ids[0]!, '--out', pdf, '--db', db)
    expect(footerClashes(pdf)).toEqual([])
    const share = colouredShare(pdf, tmp.dir, 'pages')
    const pages = layoutText(pdf).split('\f').slice(0, share.length)
    expect(share.length).toBeGreaterThanOrEqual(8)
    const figurePages = pages.map((t, i) => (/Figure \d+\./.test(t) ? i : -1)).filter((i) => i >= 0)
    // Figure 1 (the particle), 2 (release) and 3 (biodistribution with bands), on two pages or more.
    expect(new Set(pages.join('\n').match(/Figure \d+\./g))).toEqual(new Set(['Figure 1.', 'Figure 2.', 'Figure 3.']))
    expect(figurePages.length).toBeGreaterThanOrEqual(2)
    for (const i of figurePages) expect(share[i]!, `page ${i + 1} (a figure) coloured share`).toBeGreaterThan(0.001)
    // The cover and the references are text and rules: no coloured pixel to speak of.
    expect(share[0]!, 'cover').toBeLessThan(0.0005)
    expect(share[share.length - 1]!, 'last page (references)').toBeLessThan(0.0005)
  }, 60_000)
})

describe('a 4-design comparison as a dossier', () => {
  let pdf: string
  let text: string
  beforeAll(async () => {
    pdf = join(tmp.dir, 'cmp.pdf')
    await ok('report', ids[0]!, '--compare', ids[1]!, ids[2]!, ids[3]!, '--out', pdf, '--db', db)
    text = layoutText(pdf)
  }, 60_000)

  it('cites the guidance of every quality attribute in its side-by-side table, and ICH Q6A for pass/fail', () => {
    const refs = text.slice(text.lastIndexOf('8 References'))
    const number = (needle: string): string => {
      const m = new RegExp(`\\[(\\d+)\\][^\\[]*${needle}`).exec(squeeze(refs))
      if (m === null) throw new Error(`no reference holds ${needle}`)
      return m[1]!
    }
    const cqa = squeeze(text.slice(text.indexOf('2.3 Critical quality attributes side by side'), text.indexOf('2.4 Models and equations')))
    // USP <85> for endotoxin, ICH Q3C for residual solvents, ICH Q6A for the rule, the FDA guidances for the rest.
    for (const needle of ['<85>', 'Q3C', 'Q6A', 'ContainNanomaterials', 'LiposomeDrugProducts']) expect(cqa, needle).toContain(`[${number(needle)}]`)
    expect(cqa).toContain(squeeze('Endotoxin (EU/mL) ['))
  })

  it('lists the flags most serious first (by the highest severity any design has), then in the rule set\'s order', () => {
    const table = text.slice(text.indexOf('6.4 Translation flags'), text.indexOf('6.5 Warnings'))
    const rank = { Info: 0, Caution: 1, Concern: 2 } as const
    const rows = table.split('\n').filter((l) => /\[\d+\] \[[VU]\]/.test(l)).map((l) => Math.max(...[...l.matchAll(/\b(Info|Caution|Concern)\b/g)].map((m) => rank[m[1] as keyof typeof rank])))
    expect(rows.length).toBeGreaterThanOrEqual(6)
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!, `row ${i + 1}`).toBeGreaterThanOrEqual(rows[i]!)
    // The gold core's persistence (a caution for D4 alone) is among the cautions, above every info row.
    expect(table.indexOf('Non-degradable core persists')).toBeLessThan(table.indexOf('Splenic filtration'))
  })

  it('keeps the cover and its contents clear of the footer, with every contents line and page number', () => {
    expect(footerClashes(pdf)).toEqual([])
    for (const chapter of ['1 Objective', '2 Model description', '3 Parameters and their sources', '4 Model evaluation and qualification', '5 Simulations', '6 Results', '7 Conclusions', '8 References']) {
      expect(text, chapter).toMatch(new RegExp(`${chapter}\\s*\\.*\\s*\\d+`))
    }
  })
})
