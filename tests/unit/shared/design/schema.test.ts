import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { validateDesign, type DesignValidation } from '../../../../shared/design/schema'
import { newDesign } from '../../../../shared/design/defaults'
import { getLigand, PEG_PROPERTIES } from '../../../../shared/catalog/index'
import type { DesignIssue } from '../../../../shared/design/types'
import { DESIGN_MIGRATIONS } from '../../../../shared/design/migrate'

const EXAMPLES_DIR = fileURLToPath(new URL('../../../../resources/examples/', import.meta.url))
const exampleFiles = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.nanoforge.json'))

/** A fresh, mutable JSON copy of the default design to break in tests. */
function base(): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return JSON.parse(JSON.stringify(newDesign()))
}
function errorsOf(v: DesignValidation): DesignIssue[] {
  if (v.valid) throw new Error('expected an invalid design')
  return v.errors
}
function messageAt(issues: ReadonlyArray<DesignIssue>, path: string): string {
  const hit = issues.find((i) => i.path === path)
  if (!hit) throw new Error(`no issue at ${path}; got ${JSON.stringify(issues)}`)
  return hit.message
}

describe('valid designs', () => {
  it('ships the three spec examples', () => {
    expect(exampleFiles.sort()).toEqual([
      'lupus-rbc-silica.nanoforge.json', 'ra-folate-peg-liposome.nanoforge.json', 't1d-tolerogenic-plga.nanoforge.json',
    ])
  })

  it.each(exampleFiles)('%s validates', (file) => {
    const raw: unknown = JSON.parse(readFileSync(`${EXAMPLES_DIR}${file}`, 'utf8'))
    const v = validateDesign(raw)
    expect(v.valid).toBe(true)
    if (v.valid) expect(v.design).toEqual(raw)
  })

  it('the RA example warns that its PEG is a mushroom (goal deliver), without failing', () => {
    const raw: unknown = JSON.parse(readFileSync(`${EXAMPLES_DIR}ra-folate-peg-liposome.nanoforge.json`, 'utf8'))
    const v = validateDesign(raw)
    expect(v.valid).toBe(true)
    expect(messageAt(v.warnings, 'coatings[0].graftingDensityPerNm2')).toMatch(/mushroom/)
  })

  it('the default design is valid and raises no warning', () => {
    const v = validateDesign(newDesign())
    expect(v).toEqual({ valid: true, design: newDesign(), warnings: [] })
  })
})

describe('errors: paths and messages', () => {
  it('reports the spec example message for a negative diameter', () => {
    const d = base()
    d.core.diameterNm = -5
    expect(messageAt(errorsOf(validateDesign(d)), 'core.diameterNm')).toBe('must be between 1 and 5000 nm, got -5')
  })

  it('reports all problems at once, each with its path', () => {
    const d = base()
    d.core.diameterNm = 6000
    d.payload.loadingPctWw = 75
    d.payload.trigger = 'acid'
    d.context.dose.mgPerKg = 0
    d.coatings[0].graftingDensityPerNm2 = -1
    d.ligands[0].perParticle = 2.5
    d.name = ''
    const errors = errorsOf(validateDesign(d))
    expect(errors.map((e) => e.path).sort()).toEqual([
      'context.dose.mgPerKg', 'coatings[0].graftingDensityPerNm2', 'core.diameterNm', 'ligands[0].perParticle',
      'name', 'payload.loadingPctWw', 'payload.trigger',
    ].sort())
    expect(messageAt(errors, 'payload.loadingPctWw')).toBe('must be between 0 and 60 % w/w, got 75')
    expect(messageAt(errors, 'context.dose.mgPerKg')).toMatch(/must be greater than 0/)
    expect(messageAt(errors, 'ligands[0].perParticle')).toBe('must be a whole number, got 2.5')
  })

  it('names the wrong type', () => {
    const d = base()
    d.core.diameterNm = '120'
    expect(messageAt(errorsOf(validateDesign(d)), 'core.diameterNm')).toMatch(/must be a number .* got the text "120"/)
  })

  it('rejects a non-object document at the root', () => {
    expect(errorsOf(validateDesign([1, 2]))).toEqual([{ path: '', message: 'a design must be a JSON object, got a list' }])
    expect(errorsOf(validateDesign(null))[0]!.message).toMatch(/got null/)
  })

  it('reports missing required fields', () => {
    const d = base()
    delete d.payload
    delete d.core.material
    const errors = errorsOf(validateDesign(d))
    expect(messageAt(errors, 'payload')).toMatch(/is missing/)
    expect(messageAt(errors, 'core.material')).toMatch(/is missing/)
  })

  it('enforces name and notes lengths', () => {
    const d = base()
    d.name = 'x'.repeat(201)
    d.notes = 'n'.repeat(20_001)
    const errors = errorsOf(validateDesign(d))
    expect(messageAt(errors, 'name')).toBe('must be at most 200 characters, got 201')
    expect(messageAt(errors, 'notes')).toBe('must be at most 20000 characters, got 20001')
    const ok = base()
    ok.name = 'x'.repeat(200)
    ok.notes = 'n'.repeat(20_000)
    expect(validateDesign(ok).valid).toBe(true)
    const blank = base()
    blank.name = '   '
    expect(messageAt(errorsOf(validateDesign(blank)), 'name')).toBe('must not be empty')
  })

  it('limits coatings to three layers and checks each', () => {
    const d = base()
    d.coatings = [
      { kind: 'lipid', material: 'lipid-bilayer' }, { kind: 'membrane', source: 'platelet' },
      { kind: 'polymer', material: 'zwitterionic', thicknessNm: 0 }, { kind: 'peg', molecularWeightDa: 100, graftingDensityPerNm2: 0.1 },
    ]
    const errors = errorsOf(validateDesign(d))
    expect(messageAt(errors, 'coatings')).toBe('at most 3 coating layers are allowed, got 4')
    expect(messageAt(errors, 'coatings[2].thicknessNm')).toMatch(/must be greater than 0/)
    expect(messageAt(errors, 'coatings[3].molecularWeightDa')).toBe(
      `must be between ${PEG_PROPERTIES.molecularWeightRangeDa.min.value} and ${PEG_PROPERTIES.molecularWeightRangeDa.max.value} Da, got 100`)
  })

  it('refuses an unknown coating kind with a suggestion', () => {
    const d = base()
    d.coatings[0] = { kind: 'pegg', molecularWeightDa: 2000, graftingDensityPerNm2: 0.5 }
    expect(messageAt(errorsOf(validateDesign(d)), 'coatings[0].kind')).toBe('unknown coating kind "pegg"; did you mean "peg"?')
  })

  it('requires format "nanoforge.design"', () => {
    const d = base()
    d.format = 'nanoforge.designs'
    expect(messageAt(errorsOf(validateDesign(d)), 'format')).toMatch(/must be "nanoforge.design"/)
    delete d.format
    expect(messageAt(errorsOf(validateDesign(d)), 'format')).toMatch(/is missing/)
  })
})

describe('unknown keys and ids', () => {
  it('rejects unknown top-level keys and suggests the intended one', () => {
    const d = base()
    d.nmae = d.name
    delete d.name
    d.colour = 'red'
    const errors = errorsOf(validateDesign(d))
    expect(messageAt(errors, 'nmae')).toBe('unknown field "nmae"; did you mean "name"?')
    expect(messageAt(errors, 'colour')).toMatch(/^unknown field "colour"; the fields allowed here are format, version, name/)
    expect(messageAt(errors, 'name')).toMatch(/is missing/)
  })

  it('rejects unknown keys inside known objects', () => {
    const d = base()
    d.core.diamterNm = 120
    d.context.dose.mgPerKG = 1
    d.coatings[0].graftingDensity = 0.5
    d.ligands[0].count = 3
    const errors = errorsOf(validateDesign(d))
    expect(messageAt(errors, 'core.diamterNm')).toBe('unknown field "diamterNm"; did you mean "diameterNm"?')
    expect(messageAt(errors, 'context.dose.mgPerKG')).toBe('unknown field "mgPerKG"; did you mean "mgPerKg"?')
    expect(messageAt(errors, 'coatings[0].graftingDensity')).toMatch(/^unknown field "graftingDensity"/)
    expect(messageAt(errors, 'ligands[0].count')).toMatch(/^unknown field "count"/)
  })

  it('names the nearest catalog id for every id field', () => {
    const d = base()
    d.core.material = 'plga5050'
    d.ligands[0].ligand = 'folat'
    d.payload.drug = 'dexamethazone'
    d.context.disease = 'rheumatoid arthritis'
    d.context.species = 'Mouse'
    d.coatings = [{ kind: 'membrane', source: 'red-blood-cells' }]
    const errors = errorsOf(validateDesign(d))
    expect(messageAt(errors, 'core.material')).toBe('unknown core material "plga5050"; did you mean "plga-50-50"?')
    expect(messageAt(errors, 'ligands[0].ligand')).toBe('unknown ligand "folat"; did you mean "folate"?')
    expect(messageAt(errors, 'payload.drug')).toBe('unknown drug "dexamethazone"; did you mean "dexamethasone"?')
    expect(messageAt(errors, 'context.disease')).toBe('unknown disease "rheumatoid arthritis"; did you mean "rheumatoid-arthritis"?')
    expect(messageAt(errors, 'context.species')).toBe('unknown species "Mouse"; did you mean "mouse"?')
    expect(messageAt(errors, 'coatings[0].source')).toBe('unknown membrane source "red-blood-cells"; did you mean "red-blood-cell"?')
  })

  it('lists the known values when nothing is close', () => {
    const d = base()
    d.payload.drug = 'aspirin'
    expect(messageAt(errorsOf(validateDesign(d)), 'payload.drug')).toMatch(/^unknown drug "aspirin"; known values are dexamethasone, methotrexate/)
  })

  it('rejects a ligand type listed twice', () => {
    const d = base()
    d.ligands = [{ ligand: 'folate', perParticle: 10 }, { ligand: 'rgd', perParticle: 10 }, { ligand: 'folate', perParticle: 5 }]
    expect(messageAt(errorsOf(validateDesign(d)), 'ligands[2].ligand')).toMatch(/already listed at ligands\[0\]/)
  })

  it('requires at least one ligand of a listed type', () => {
    const d = base()
    d.ligands[0].perParticle = 0
    expect(messageAt(errorsOf(validateDesign(d)), 'ligands[0].perParticle')).toMatch(/between 1 and/)
  })
})

describe('physically impossible designs', () => {
  it('refuses PEG denser than the packing limit (Manson 2011), accepts the limit itself', () => {
    const limit = PEG_PROPERTIES.packingLimitPerNm2.value
    const d = base()
    d.coatings[0].graftingDensityPerNm2 = 1.2
    expect(1.2).toBeGreaterThan(limit)
    expect(messageAt(errorsOf(validateDesign(d)), 'coatings[0].graftingDensityPerNm2')).toMatch(/packing limit is 1\.13 chains\/nm²/)
    d.coatings[0].graftingDensityPerNm2 = limit
    expect(validateDesign(d).valid).toBe(true)
  })

  it('refuses more ligands than fit on the outer surface (count × footprint > 4πr²)', () => {
    // 60 nm bare silica: outer surface 4π·30²; the antibody footprint comes from the catalog.
    const surface = 4 * Math.PI * 30 ** 2
    const capacity = Math.floor(surface / getLigand('anti-icam-1').footprintNm2.value)
    const d = base()
    d.core = { material: 'mesoporous-silica', diameterNm: 60 }
    d.coatings = []
    d.ligands = [{ ligand: 'anti-icam-1', perParticle: capacity + 1 }]
    const message = messageAt(errorsOf(validateDesign(d)), 'ligands')
    expect(message).toMatch(/more ligands than fit/)
    expect(message).toContain(`at most ${capacity} anti-icam-1`)
    d.ligands = [{ ligand: 'anti-icam-1', perParticle: capacity }]
    const ok = validateDesign(d)
    expect(ok.valid).toBe(true)
    // ... but almost full coverage is flagged.
    expect(messageAt(ok.warnings, 'ligands')).toMatch(/cover about/)
  })

  it('sums the footprints of several ligand types', () => {
    const surface = 4 * Math.PI * 30 ** 2
    const fp = getLigand('anti-cd4').footprintNm2.value
    const half = Math.ceil(surface / fp / 2) + 1
    const d = base()
    d.core = { material: 'mesoporous-silica', diameterNm: 60 }
    d.coatings = []
    d.ligands = [{ ligand: 'anti-cd4', perParticle: half }, { ligand: 'anti-vcam-1', perParticle: half }]
    expect(messageAt(errorsOf(validateDesign(d)), 'ligands')).toMatch(/more ligands than fit/)
  })

  it('refuses a liposome too small to hold its own bilayer', () => {
    const d = base()
    d.core = { material: 'liposome', diameterNm: 8, bilayer: { lipid: 'dspc', cholesterolMolPct: 40 } }
    expect(messageAt(errorsOf(validateDesign(d)), 'core.diameterNm')).toMatch(/cannot exist/)
  })
})

describe('warnings for unusual designs', () => {
  it('flags a diameter outside the modelled range of the core', () => {
    const d = base()
    d.core = { material: 'pamam-g5', diameterNm: 100 }
    d.ligands = []
    const v = validateDesign(d)
    expect(v.valid).toBe(true)
    expect(messageAt(v.warnings, 'core.diameterNm')).toMatch(/outside 4-8 nm/)
  })

  it('flags tolerize with a non-antigen payload, and an antigen of another disease', () => {
    const d = base()
    d.context.goal = 'tolerize'
    expect(messageAt(validateDesign(d).warnings, 'payload.drug')).toMatch(/not an antigen.*collagen-ii-peptide/)
    d.payload.drug = 'mog-35-55'
    expect(messageAt(validateDesign(d).warnings, 'payload.drug')).toMatch(/antigen for multiple-sclerosis/)
    d.payload.drug = 'collagen-ii-peptide'
    expect(validateDesign(d).warnings.filter((w) => w.path === 'payload.drug')).toEqual([])
  })

  it('flags an antigen payload when the goal is deliver', () => {
    const d = base()
    d.payload.drug = 'collagen-ii-peptide'
    expect(messageAt(validateDesign(d).warnings, 'payload.drug')).toMatch(/goal "tolerize"/)
  })

  it('flags image with a non-imaging core, not with gold', () => {
    const d = base()
    d.context.goal = 'image'
    expect(messageAt(validateDesign(d).warnings, 'core.material')).toMatch(/no imaging contrast/)
    d.core = { material: 'gold', diameterNm: 40 }
    d.payload.loadingPctWw = 2
    expect(validateDesign(d).warnings.filter((w) => w.path === 'core.material')).toEqual([])
  })

  it('flags mushroom PEG for delivery but not brush PEG', () => {
    const d = base()
    const star = 4 / (Math.PI * (0.35 * (2000 / 44) ** 0.6) ** 2)
    d.coatings[0].graftingDensityPerNm2 = Number((0.8 * star).toFixed(4))
    d.ligands = []
    expect(messageAt(validateDesign(d).warnings, 'coatings[0].graftingDensityPerNm2')).toMatch(/mushroom regime/)
    d.coatings[0].graftingDensityPerNm2 = Number((1.2 * star).toFixed(4))
    expect(validateDesign(d).warnings).toEqual([])
  })

  it('flags loading above the typical capacity of the core class', () => {
    const d = base()
    d.payload.loadingPctWw = 35
    const v = validateDesign(d)
    expect(v.valid).toBe(true)
    expect(messageAt(v.warnings, 'payload.loadingPctWw')).toMatch(/above the ~20 % w\/w typical for PLGA 50:50/)
  })

  it('flags buried PEG, ligands outnumbering PEG chains, thick shells and large doses', () => {
    const d = base()
    d.coatings = [{ kind: 'peg', molecularWeightDa: 2000, graftingDensityPerNm2: 0.5 }, { kind: 'polymer', material: 'chitosan', thicknessNm: 80 }]
    d.context.dose.mgPerKg = 200
    const v = validateDesign(d)
    expect(messageAt(v.warnings, 'coatings[0]')).toMatch(/buried PEG/)
    expect(messageAt(v.warnings, 'coatings[1].thicknessNm')).toMatch(/unusually thick/)
    expect(messageAt(v.warnings, 'context.dose.mgPerKg')).toMatch(/unusually high dose/)
    const sparse = base()
    sparse.coatings[0].graftingDensityPerNm2 = 0.001
    sparse.ligands[0].perParticle = 1000
    expect(messageAt(validateDesign(sparse).warnings, 'ligands')).toMatch(/PEG chains/)
  })

  it('keeps warnings on an invalid design', () => {
    const d = base()
    d.core.diameterNm = -1
    d.context.goal = 'tolerize'
    const v = validateDesign(d)
    expect(v.valid).toBe(false)
    expect(messageAt(v.warnings, 'payload.drug')).toMatch(/not an antigen/)
  })
})

describe('versions', () => {
  it('refuses a newer file and names both versions', () => {
    const d = base()
    d.version = 3
    d.someFutureField = true
    expect(errorsOf(validateDesign(d))).toEqual([{
      path: 'version',
      message: 'this file is design format version 3; this build reads up to version 2. Open it with a newer NanoForge',
    }])
  })

  it('refuses a non-integer version', () => {
    const d = base()
    d.version = '1'
    expect(messageAt(errorsOf(validateDesign(d)), 'version')).toMatch(/whole-number design format version/)
  })

  it('migrates an older file through the injected table, then validates it', () => {
    const old = base()
    old.version = 0
    old.title = old.name
    delete old.name
    const migrations = [{
      from: 0,
      description: 'renamed "title" to "name"',
      migrate: (doc: Record<string, unknown>) => {
        const { title, ...rest } = doc
        return { ...rest, name: title }
      },
    }, ...DESIGN_MIGRATIONS]
    const v = validateDesign(old, { migrations })
    expect(v.valid).toBe(true)
    if (!v.valid) return
    expect(v.design.name).toBe(newDesign().name)
    expect(v.design.version).toBe(2)
    expect(messageAt(v.warnings, 'version')).toMatch(/version 0 .*upgraded to version 2.*renamed "title"/)
    // The caller's object is untouched.
    expect(old.title).toBe(newDesign().name)
    expect(old.version).toBe(0)
  })

  it('reports an older version with no migration path', () => {
    const old = base()
    old.version = 0
    expect(messageAt(errorsOf(validateDesign(old)), 'version')).toMatch(/no upgrade from version 0 to 1/)
  })
})
