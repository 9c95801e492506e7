/**
 * The review report's "Critical quality attributes against specifications" (issue #16): a
 * library with a project, its limits and readings chosen here; the PDF read back with
 * pdftotext. Statuses are worked out by hand from the readings and limits below; the predicted
 * size is the engine's derived hydrodynamic diameter written with the app's formatter. The
 * 4-design comparison's side-by-side CQA table must keep every word inside the page.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deriveProperties } from '../../../../shared/design/derived'
import { formatQuantity } from '../../../../shared/design/format'
import { validateDesign } from '../../../../shared/design/schema'
import { REPO_ROOT, makeTempDir } from '../helpers'
import { runInProcess as cli } from './support/in-process'

const squeeze = (s: string): string => s.replace(/\s+/g, '')
const squeezed = (pdf: string): string => squeeze(execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }))
const example = (name: string): string => join(REPO_ROOT, 'resources', 'examples', `${name}.nanoforge.json`)

let tmp: { dir: string; cleanup: () => void }
let db: string
const ids: string[] = []

async function ok(...args: string[]): Promise<string> {
  const r = await cli(...args)
  if (r.code !== 0) throw new Error(`nanoforge ${args.join(' ')} exited ${r.code}: ${r.stderr}`)
  return r.stdout
}

beforeAll(async () => {
  tmp = makeTempDir('nanoforge-report-cqa-')
  db = join(tmp.dir, 'lab.db')
  for (const name of ['ra-folate-peg-liposome', 'lupus-rbc-silica', 't1d-tolerogenic-plga', 'ra-folate-peg-liposome']) {
    ids.push(JSON.parse(await ok('db', 'save', example(name), '--db', db, '--json')).designId)
  }
  const [lipo, silica] = ids as [string, string]
  await ok('db', 'project', lipo, ids[3]!, '--name', 'RA liposomes', '--db', db)
  await ok('db', 'project', silica, '--name', 'Lupus leads', '--db', db)
  await ok('db', 'specs', 'set', 'RA liposomes', 'size', '--min', '80', '--max', '150', '--note', 'EPR window', '--db', db)
  await ok('db', 'specs', 'set', 'RA liposomes', 'pdi', '--max', '0.2', '--db', db)
  await ok('db', 'specs', 'set', 'RA liposomes', 'zeta', '--min=-30', '--max=-5', '--db', db)
  await ok('db', 'specs', 'set', 'RA liposomes', 'ee', '--min', '85', '--db', db)
  await ok('db', 'specs', 'set', 'RA liposomes', 'endotoxin', '--max', '0.5', '--db', db)
  await ok('db', 'specs', 'set', 'Lupus leads', 'ee', '--min', '70', '--db', db)
  await ok('measure', 'add', lipo, '--version', '1', '--dls', '128', '--pdi', '0.14', '--label', 'batch 1', '--db', db)
  await ok('measure', 'add', lipo, '--version', '1', '--dls', '162', '--pdi', '0.25', '--label', 'batch 2', '--db', db)
  await ok('measure', 'add', lipo, '--version', '1', '--ee', '91.5', '--endotoxin', '0.2', '--residual-solvent', '800', '--solvent', 'ethanol', '--db', db)
  await ok('measure', 'add', silica, '--version', '1', '--ee', '66', '--db', db)
}, 60_000)

afterAll(() => tmp?.cleanup())

describe('report: CQAs against specifications', () => {
  let text: string
  beforeAll(async () => {
    const pdf = join(tmp.dir, 'single.pdf')
    await ok('report', ids[0]!, '--out', pdf, '--db', db)
    text = squeezed(pdf)
  }, 60_000)

  it('puts the section after the derived properties and before the models, in the contents order', () => {
    const at = (s: string): number => text.lastIndexOf(squeeze(s))
    expect(at('2.2 Derived properties')).toBeGreaterThan(0)
    expect(at('2.3 Critical quality attributes against specifications')).toBeGreaterThan(at('2.2 Derived properties'))
    expect(at('2.4 Models and equations')).toBeGreaterThan(at('2.3 Critical quality attributes against specifications'))
  })

  it('holds the limits, the readings, the prediction and the statuses worked out by hand', () => {
    // size 128 and 162 against 80-150: one outside -> FAIL; PDI 0.14 and 0.25 against <= 0.2 -> FAIL;
    // zeta limit, no reading -> Not measured; EE 91.5 >= 85 -> Pass; endotoxin 0.2 <= 0.5 -> Pass;
    // drug loading, free drug, residual solvent (800 ppm measured), cholesterol: no limit.
    expect(text).toContain(squeeze('Critical quality attributes of this version: 2 pass, 2 fail, 1 not measured, 4 without a limit.'))
    expect(text).toContain(squeeze('Specification of the project "RA liposomes" (5 limit(s); last changed'))
    for (const cell of ['80 to 150 nm', '≤ 0.2', '-30 to -5 mV', '≥ 85 %', '≤ 0.5 EU/mL', '91.5 %', '0.2 EU/mL', '800 ppm']) expect(text, cell).toContain(squeeze(cell))
    const design = validateDesign(JSON.parse(readFileSync(example('ra-folate-peg-liposome'), 'utf8')))
    if (!design.valid) throw new Error('example invalid')
    const hd = deriveProperties(design.design).hydrodynamicDiameterNm
    expect(text).toContain(squeeze(`${formatQuantity(hd, 'nm', 4)}, engine`))
    expect(text).toContain(squeeze(`${formatQuantity(design.design.payload.loadingPctWw, '% w/w', 4)}, design`))
    const section = text.slice(text.lastIndexOf(squeeze('2.3 Critical quality')), text.lastIndexOf(squeeze('2.4 Models and equations')))
    expect(section.match(/FAIL/g)).toHaveLength(2)
    expect(section.match(/Pass/g)).toHaveLength(2)
    expect(section).toContain('Notmeasured')
    expect(text).toContain(squeeze('Quality attributes: 2 pass, 2 fail, 1 not measured, 4 without a limit against the specification of project "RA liposomes"; fail: Size (Z-average), Polydispersity index (section 2.3).'))
  })

  it('cites the guidances that name the attributes and the definition of a specification', () => {
    for (const source of [
      'ICH 1999, Q6A Specifications: Test Procedures and Acceptance Criteria for New Drug Substances and New Drug Products: Chemical Substances',
      'FDA 2022, Drug Products, Including Biological Products, that Contain Nanomaterials',
      'United States Pharmacopeia, General Chapter <85> Bacterial Endotoxins Test',
      'ICH 2021, Q3C(R8) Impurities: Guideline for Residual Solvents',
    ]) expect(text, source).toContain(squeeze(source))
  })

  it('says that a design in no project has no specification', async () => {
    const pdf = join(tmp.dir, 'plga.pdf')
    await ok('report', ids[2]!, '--out', pdf, '--db', db)
    const plga = squeezed(pdf)
    expect(plga).toContain(squeeze('This design is in no project, so no specification applies'))
    expect(plga).toContain(squeeze('(the design is in no project, so no specification applies)'))
  }, 60_000)

  it('sets 4 designs side by side, each against its own project, with every word inside the landscape page', async () => {
    const pdf = join(tmp.dir, 'cmp.pdf')
    await ok('report', ids[0]!, '--compare', ids[1]!, ids[2]!, ids[3]!, '--out', pdf, '--db', db)
    const cmp = squeezed(pdf)
    expect(cmp).toContain(squeeze('2.3 Critical quality attributes side by side'))
    expect(cmp).toContain(squeeze('(D1: "RA liposomes"; D2: "Lupus leads"; D3: no project; D4: "RA liposomes")'))
    // D2's EE 66 % against its own project's >= 70 %.
    expect(cmp).toContain(squeeze('FAIL; measured 66 %'))
    const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    let width = 0
    let height = 0
    const outside: string[] = []
    for (const line of html.split('\n')) {
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
  }, 60_000)
})
