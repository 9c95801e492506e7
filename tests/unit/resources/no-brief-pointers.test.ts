/**
 * The app shows literature citations, never a pointer to the project's own notes (issue #12):
 * no catalog text, no validator message and no engine warning or assumption text may read
 * "brief §2.4.2", "Brief §1.6" or "brief Part 3". A bare section sign with no document is the
 * same pointer with its name cut off, so it is refused too.
 *
 * Why the variants: the example designs do not trigger every message, and a scan of texts that
 * never appear proves nothing. Each message that once carried a pointer is triggered here
 * (and its presence asserted) before the scan.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { deriveGeometry } from '../../../shared/design/derived'
import { validateDesign } from '../../../shared/design/schema'
import type { Design } from '../../../shared/design/types'
import { listModels } from '../../../shared/engine/fit'
import { PBPK_DATA, type BiodistributionInput } from '../../../shared/engine/pbpk'
import { ligandsModifier } from '../../../shared/engine/pbpk/modifiers/ligands'
import { simulateDesign } from '../../../shared/engine/simulate'

const ROOT = join(__dirname, '..', '..', '..')
const CATALOG_DIR = join(ROOT, 'resources', 'catalog')
const EXAMPLES_DIR = join(ROOT, 'resources', 'examples')

/** "brief §…", "Brief §…", "brief Part …", or a section sign on its own. */
const POINTER = /brief\s*§|brief\s+part\b|§/i

/** Every string inside a parsed JSON value, with where it sits. */
function stringsOf(value: unknown, path: string, out: Array<[string, string]>): Array<[string, string]> {
  if (typeof value === 'string') out.push([path, value])
  else if (Array.isArray(value)) value.forEach((v, i) => stringsOf(v, `${path}[${i}]`, out))
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) stringsOf(v, `${path}.${k}`, out)
  }
  return out
}

/** The texts among `texts` that point at the project's notes, each as "where: text". */
function pointers(texts: ReadonlyArray<[string, string]>): string[] {
  return texts.filter(([, t]) => POINTER.test(t)).map(([where, t]) => `${where}: ${t}`)
}

function rawExample(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(EXAMPLES_DIR, name), 'utf8')) as Record<string, unknown>
}

/** Validator warnings of a valid design, and the engine's warnings and assumption texts. */
function shownTexts(label: string, raw: unknown): { texts: Array<[string, string]>; warnings: string[]; parameters: string[] } {
  const v = validateDesign(raw)
  // Every design here must be valid: an invalid one would skip the engine's texts.
  if (!v.valid) throw new Error(`${label} is not valid: ${v.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`)
  const texts: Array<[string, string]> = v.warnings.map((w): [string, string] => [`${label} validator warning ${w.path}`, w.message])
  const sim = simulateDesign(v.design, { hours: 24 }, v.warnings)
  texts.push(...sim.warnings.map((w): [string, string] => [`${label} engine warning`, w]))
  for (const a of sim.assumptions) {
    texts.push([`${label} assumption ${a.parameter} source`, a.source])
    if (a.description !== undefined) texts.push([`${label} assumption ${a.parameter} description`, a.description])
  }
  return { texts, warnings: [...sim.warnings], parameters: sim.assumptions.map((a) => a.parameter) }
}

describe('catalog texts cite the literature, not the project notes', () => {
  const files = readdirSync(CATALOG_DIR).filter((f) => f.endsWith('.json'))

  it('no string in any catalog file points at the brief', () => {
    // Guards against a vacuous pass: the scan must see the whole catalog.
    expect(files).toEqual(expect.arrayContaining(['cores.json', 'coatings.json', 'ligands.json', 'diseases.json', 'pbpk.json', 'release.json']))
    const texts = files.flatMap((f) => stringsOf(JSON.parse(readFileSync(join(CATALOG_DIR, f), 'utf8')), f, []))
    expect(texts.length).toBeGreaterThan(500)
    expect(pointers(texts)).toEqual([])
  })

  it('the scan itself flags each form of pointer (and leaves a plain citation alone)', () => {
    const flagged = pointers([
      ['a', 'first-order permeation release (brief §1.4)'],
      ['b', 'Brief §1.6 #1 [V*]'],
      ['c', 'whole blood (brief Part 4 note 3)'],
      ['d', 'fallback defaults (§2.2.3)'],
      ['e', 'Choi HS et al. 2007, Nat Biotechnol 25:1165'],
    ])
    expect(flagged.map((s) => s.slice(0, 1))).toEqual(['a', 'b', 'c', 'd'])
  })
})

describe('validator and engine texts for the example designs cite the literature', () => {
  const names = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.nanoforge.json'))

  it('each example design: validator messages, engine warnings and assumption texts', () => {
    expect(names.length).toBeGreaterThanOrEqual(3)
    for (const name of names) {
      const { texts } = shownTexts(name, rawExample(name))
      expect(texts.length, name).toBeGreaterThan(10)
      expect(pointers(texts), name).toEqual([])
    }
  })

  describe('variants that trigger the messages the examples do not', () => {
    const ra = rawExample('ra-folate-peg-liposome.nanoforge.json')

    it('mushroom-regime PEG for delivery, and the trigger rate multipliers (the RA example itself)', () => {
      const { texts, parameters } = shownTexts('RA example', ra)
      expect(texts.some(([, t]) => t.includes('mushroom regime'))).toBe(true)
      expect(parameters.some((p) => p.startsWith('rateMultiplier.'))).toBe(true)
      expect(pointers(texts)).toEqual([])
    })

    it('human and rat: the species-scaling warning', () => {
      for (const species of ['human', 'rat']) {
        const context = { ...(ra.context as Record<string, unknown>), species }
        const { texts, warnings } = shownTexts(`RA in ${species}`, { ...ra, context })
        expect(warnings.some((w) => w.includes('phagocyte parameters are unverified')), species).toBe(true)
        expect(pointers(texts), species).toEqual([])
      }
    })

    it('ligands covering 50-100 % of the surface: the dense-ligand warning', () => {
      const v = validateDesign(ra)
      if (!v.valid) throw new Error('the RA example is not valid')
      const design: Design = v.design
      const perLigand = deriveGeometry(design.core, design.coatings, [{ ligand: 'folate', perParticle: 1 }]).ligandAreaFraction
      const perParticle = Math.ceil(0.75 / perLigand)
      const { texts, warnings } = shownTexts('dense folate', { ...ra, ligands: [{ ligand: 'folate', perParticle }] })
      expect(warnings.some((w) => w.includes('dense ligands'))).toBe(true)
      expect(pointers(texts)).toEqual([])
    })

    it('siRNA in a liposome: the endosomal-escape warning', () => {
      const payload = { ...(ra.payload as Record<string, unknown>), drug: 'sirna', trigger: 'none' }
      const { texts, warnings } = shownTexts('siRNA liposome', { ...ra, payload })
      expect(warnings.some((w) => w.includes('endosomal escape'))).toBe(true)
      expect(pointers(texts)).toEqual([])
    })

    it('a targeting gain above the warning threshold (threshold lowered, as no catalog ligand reaches 3×)', () => {
      const input: BiodistributionInput = {
        species: 'mouse', disease: 'rheumatoid-arthritis', goal: 'deliver', hydrodynamicDiameterNm: 100, pegCoverageRatio: 0,
        zetaMv: -5, membraneCloak: null, ligands: [{ ligand: 'folate', perParticle: 150 }],
        core: { coreClass: 'polymer-matrix', imaging: false, degradable: true }, particleDoseMgPerKg: 10,
      }
      const data = { ...PBPK_DATA, avidity: { ...PBPK_DATA.avidity, gainWarningThreshold: { ...PBPK_DATA.avidity.gainWarningThreshold, value: 1 } } }
      const r = ligandsModifier(input, { data, bodyWeightKg: PBPK_DATA.species.mouse.bodyWeightKg.value })
      expect(r.warnings.some((w) => w.includes('targeting gain'))).toBe(true)
      const texts: Array<[string, string]> = [
        ...r.warnings.map((w): [string, string] => ['ligand warning', w]),
        ...r.assumptions.flatMap((a): Array<[string, string]> => [[`${a.id} source`, a.source], [`${a.id} description`, a.description]]),
      ]
      expect(pointers(texts)).toEqual([])
    })
  })
})

describe('fit model references cite the literature', () => {
  it('every model of `fit --list-models` names a publication, not the brief', () => {
    const models = listModels()
    expect(models.length).toBeGreaterThanOrEqual(12)
    expect(pointers(models.map((m) => [m.model, m.reference]))).toEqual([])
    // A literature citation has an author-year; DDSolver's paper is named for every model.
    for (const m of models) expect(m.reference, m.model).toMatch(/Zhang Y et al\. 2010, AAPS J 12:263/)
  })
})
