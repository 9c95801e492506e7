import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  CORE_MATERIAL_IDS, DISEASE_IDS, DRUG_IDS, LIGAND_IDS, LIPID_COATING_IDS, MEMBRANE_SOURCE_IDS,
  POLYMER_COATING_IDS,
} from '../../../../shared/catalog/ids'
import {
  assumptionsOf, catalog, getCore, getDisease, getDrug, getLigand, getLipidCoating, getMembrane,
  getPolymerCoating, PEG_PROPERTIES,
} from '../../../../shared/catalog/index'

const CATALOG_FILES = ['cores.json', 'coatings.json', 'ligands.json', 'drugs.json', 'diseases.json']
function readCatalogFile(name: string): unknown {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../../../../resources/catalog/${name}`, import.meta.url)), 'utf8'))
}

/** Every number must be the `value` of an object that also has unit, source and evidence. */
function uncitedNumbers(x: unknown, path: string, out: string[]): string[] {
  if (typeof x === 'number') out.push(path)
  else if (Array.isArray(x)) x.forEach((v, i) => uncitedNumbers(v, `${path}[${i}]`, out))
  else if (x !== null && typeof x === 'object') {
    const o = x as Record<string, unknown>
    if ('value' in o) {
      const ok = typeof o.value === 'number' && Number.isFinite(o.value)
        && typeof o.unit === 'string' && o.unit.length > 0
        && typeof o.source === 'string' && o.source.length > 0
        && ['V', 'C', 'D', 'U'].includes(o.evidence as string)
      if (!ok) out.push(`${path} (incomplete citation)`)
      for (const [k, v] of Object.entries(o)) if (k !== 'value') uncitedNumbers(v, `${path}.${k}`, out)
    } else {
      for (const [k, v] of Object.entries(o)) uncitedNumbers(v, path ? `${path}.${k}` : k, out)
    }
  }
  return out
}

describe('catalog coverage', () => {
  it('has an entry with a name and description for every contract id', () => {
    const groups: Array<[ReadonlyArray<string>, (id: never) => { id: string; name: string; description: string }]> = [
      [CORE_MATERIAL_IDS, getCore], [MEMBRANE_SOURCE_IDS, getMembrane], [POLYMER_COATING_IDS, getPolymerCoating],
      [LIPID_COATING_IDS, getLipidCoating], [LIGAND_IDS, getLigand], [DRUG_IDS, getDrug], [DISEASE_IDS, getDisease],
    ]
    for (const [ids, get] of groups) {
      for (const id of ids) {
        const e = get(id as never)
        expect(e.id).toBe(id)
        expect(e.name.length).toBeGreaterThan(0)
        expect(e.description.length).toBeGreaterThan(0)
      }
    }
    expect(catalog.cores.map((c) => c.id)).toEqual([...CORE_MATERIAL_IDS])
    expect(catalog.ligands.map((c) => c.id)).toEqual([...LIGAND_IDS])
    expect(catalog.diseases.map((c) => c.id)).toEqual([...DISEASE_IDS])
  })

  it('throws for an id outside the contract instead of returning undefined', () => {
    expect(() => getCore('unobtainium' as never)).toThrow(/unknown core material/)
  })

  it.each(CATALOG_FILES)('%s: every number carries value, unit, source and evidence', (file) => {
    expect(uncitedNumbers(readCatalogFile(file), '', [])).toEqual([])
  })

  it('the citation checker itself catches a bare number and a missing source', () => {
    expect(uncitedNumbers({ a: { b: 3 } }, '', [])).toEqual(['a.b'])
    expect(uncitedNumbers({ a: { value: 3, unit: 'nm', evidence: 'U' } }, '', [])).toHaveLength(1)
  })

  it.each(CATALOG_FILES)('%s: assumptionsOf finds every [U] number in the file', (file) => {
    const text = readFileSync(fileURLToPath(new URL(`../../../../resources/catalog/${file}`, import.meta.url)), 'utf8')
    const tagged = text.match(/"evidence":\s*"U"/g)?.length ?? 0
    expect(assumptionsOf(readCatalogFile(file))).toHaveLength(tagged)
  })
})

describe('catalog physical properties', () => {
  it('every core has a positive density, an ordered modelled range and a hex colour', () => {
    for (const c of catalog.cores) {
      expect(c.densityGPerCm3.value).toBeGreaterThan(0)
      expect(c.diameterRangeNm.min.value).toBeLessThan(c.diameterRangeNm.max.value)
      expect(c.colour).toMatch(/^#[0-9a-f]{6}$/i)
    }
  })

  it('only iron oxide and gold are imaging cores; liposome has a bilayer wall', () => {
    expect(catalog.cores.filter((c) => c.imaging).map((c) => c.id).sort()).toEqual(['gold', 'iron-oxide'])
    expect(getCore('liposome').class).toBe('lipid-vesicle')
    const wall = getCore('liposome').wallThicknessNm?.value ?? 0
    expect(wall).toBeGreaterThanOrEqual(4)
    expect(wall).toBeLessThanOrEqual(5)
  })

  it('bulk densities agree with handbook values (gold 19.3, magnetite 5.2 g/cm3)', () => {
    expect(getCore('gold').densityGPerCm3.value).toBeCloseTo(19.3, 1)
    expect(getCore('iron-oxide').densityGPerCm3.value).toBeCloseTo(5.2, 0)
  })

  it('PEG constants are those of brief §2.4.2 with the brief evidence tags', () => {
    expect(PEG_PROPERTIES.floryConstantNm.value).toBe(0.35)
    expect(PEG_PROPERTIES.floryConstantNm.evidence).toBe('U')
    expect(PEG_PROPERTIES.ethyleneOxideUnitMassDa.value).toBe(44)
    expect(PEG_PROPERTIES.packingLimitPerNm2.value).toBe(1.13)
    expect(PEG_PROPERTIES.packingLimitPerNm2.evidence).toBe('V')
    expect(PEG_PROPERTIES.packingLimitPerNm2.source).toMatch(/Manson/)
  })

  it('lipid bilayer is 4-5 nm thick and membrane cloaks are thicker than a bare bilayer', () => {
    const bilayer = getLipidCoating('lipid-bilayer').thicknessNm.value
    expect(bilayer).toBeGreaterThanOrEqual(4)
    expect(bilayer).toBeLessThanOrEqual(5)
    for (const m of catalog.membranes) expect(m.thicknessNm.value).toBeGreaterThan(bilayer)
  })

  it('drug molecular weights match published values (PubChem)', () => {
    // Published average masses, g/mol.
    const published: Record<string, number> = {
      dexamethasone: 392.5, methotrexate: 454.4, prednisolone: 360.4, tacrolimus: 804.0, rapamycin: 914.2,
      'mog-35-55': 2582, cyclosporine: 1202.6, docetaxel: 807.9, curcumin: 368.4, capecitabine: 359.3,
    }
    for (const [id, mw] of Object.entries(published)) {
      expect(Math.abs(getDrug(id as never).molecularWeightDa.value - mw) / mw).toBeLessThan(0.001)
    }
    expect(getLigand('folate').molecularWeightDa.value).toBeCloseTo(441.4, 1)
  })

  it('every small-molecule drug has a logP (the release size and burst relations need MW and logP)', () => {
    for (const d of catalog.drugs) {
      if (d.class === 'small-hydrophobic' || d.class === 'small-hydrophilic') {
        expect(d.logP, d.id).toBeDefined()
        expect(d.molecularWeightDa.value).toBeLessThan(1500)
      }
    }
    // lipophilic drugs have positive logP, the charged antifolate a negative one
    expect(getDrug('methotrexate').logP!.value).toBeLessThan(0)
    for (const id of ['tacrolimus', 'rapamycin', 'docetaxel', 'curcumin', 'cyclosporine'] as const) expect(getDrug(id).logP!.value).toBeGreaterThan(2)
  })

  it('antigens are exactly the peptide-antigen class and each belongs to a disease', () => {
    for (const d of catalog.drugs) expect(d.isAntigen).toBe(d.class === 'peptide-antigen')
    const claimed = catalog.diseases.flatMap((d) => d.antigenDrugIds)
    for (const d of catalog.drugs.filter((x) => x.isAntigen)) expect(claimed).toContain(d.id)
  })

  it('ligand affinities follow brief §2.6.1 (folate < 1 nM, mannose mM-range monovalent)', () => {
    expect(getLigand('folate').monovalentKdNm.value).toBeLessThanOrEqual(1)
    expect(getLigand('mannose').monovalentKdNm.value).toBeGreaterThanOrEqual(1e5)
    for (const l of catalog.ligands) {
      expect(l.footprintNm2.value).toBeGreaterThan(0)
      expect(l.lengthNm.value).toBeGreaterThan(0)
    }
    // An IgG is far larger than a small molecule.
    expect(getLigand('anti-icam-1').footprintNm2.value).toBeGreaterThan(10 * getLigand('folate').footprintNm2.value)
  })

  it('diseases map to the biodistribution tissue keys of cli.md', () => {
    const expected: Record<string, string | null> = {
      healthy: null, 'rheumatoid-arthritis': 'joints', 'lupus-nephritis': 'kidneys', 'multiple-sclerosis': 'brain',
      'type-1-diabetes': 'pancreas', 'inflammatory-bowel-disease': 'colon', psoriasis: 'skin',
    }
    for (const d of catalog.diseases) expect(d.targetTissue).toBe(expected[d.id])
  })
})

describe('assumptionsOf', () => {
  it('lists the U numbers of an object with their paths, and skips V/D ones', () => {
    const paths = assumptionsOf(PEG_PROPERTIES).map((a) => a.path)
    expect(paths).toContain('floryConstantNm')
    expect(paths).toContain('molecularWeightRangeDa.min')
    expect(paths).not.toContain('packingLimitPerNm2')
    expect(paths).not.toContain('ethyleneOxideUnitMassDa')
    expect(assumptionsOf({ x: { value: 1, unit: 'nm', source: 's', evidence: 'V' } })).toEqual([])
  })
})
