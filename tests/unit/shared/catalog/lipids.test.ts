/**
 * resources/catalog/lipids.json: every bilayer lipid of the version-2 design format, with its
 * citations. Tm windows and molecular weights are checked against literature values and an
 * independent formula-mass calculation written here, not against the file's own numbers.
 */
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { BILAYER_LIPID_IDS } from '../../../../shared/catalog/ids'
import { assumptionsOf, catalog, CHOLESTEROL_PROPERTIES, getLipid, type Cited } from '../../../../shared/catalog/index'

const RAW = JSON.parse(readFileSync(fileURLToPath(new URL('../../../../resources/catalog/lipids.json', import.meta.url)), 'utf8')) as {
  lipids: Array<Record<string, unknown>>
  cholesterol: Record<string, unknown>
}

/** Every Cited inside an object, with its path. */
function citedIn(x: unknown, path = ''): Array<[string, Cited]> {
  if (Array.isArray(x)) return x.flatMap((v, i) => citedIn(v, `${path}[${i}]`))
  if (x !== null && typeof x === 'object' && !Array.isArray(x)) {
    const o = x as Record<string, unknown>
    if ('value' in o && 'evidence' in o) return [[path, o as unknown as Cited]]
    return Object.entries(o).flatMap(([k, v]) => citedIn(v, path ? `${path}.${k}` : k))
  }
  return []
}

/** Formula mass with IUPAC 2013 conventional atomic weights (independent of the catalog's notes). */
function formulaMassDa(formula: string): number {
  const w: Record<string, number> = { C: 12.011, H: 1.008, N: 14.007, O: 15.999, P: 30.974 }
  let m = 0
  for (const [, el, n] of formula.matchAll(/([A-Z][a-z]?)(\d*)/g)) m += w[el!]! * (n ? Number(n) : 1)
  return m
}

describe('bilayer lipids catalog', () => {
  it('has one entry per contract id, in contract order, with a display name naming the lipid', () => {
    expect(catalog.bilayerLipids.map((l) => l.id)).toEqual([...BILAYER_LIPID_IDS])
    expect(BILAYER_LIPID_IDS).toEqual(['egg-pc', 'dopc', 'popc', 'dmpc', 'dppc', 'dspc', 'hspc', 'egg-sm'])
    for (const id of BILAYER_LIPID_IDS) {
      const l = getLipid(id)
      expect(l.name.length).toBeGreaterThan(3)
      expect(l.acylChains.length).toBeGreaterThan(0)
    }
    expect(() => getLipid('dspc2' as never)).toThrow(/unknown bilayer lipid/)
  })

  it('every number is cited with a literature source (author and year), never a path to our docs', () => {
    const all = [...citedIn(RAW.lipids), ...citedIn(RAW.cholesterol)]
    expect(all.length).toBe(8 * 3 + 4)
    for (const [path, c] of all) {
      expect(c.unit, path).not.toBe('')
      expect(['V', 'C', 'D', 'U'], path).toContain(c.evidence)
      expect(c.source, path).not.toMatch(/\.md\b|shared\/|brief §/i)
      if (c.evidence === 'V') expect(c.source, path).toMatch(/[A-Z][a-z]+.*(19|20)\d\d/)
      if (c.evidence === 'D') expect(`${c.source} ${c.note ?? ''}`, path).toMatch(/=/)
    }
  })

  it('assumptionsOf lists exactly the [U] numbers', () => {
    const tagged = JSON.stringify(RAW).match(/"evidence":"U"/g)?.length ?? 0
    expect(assumptionsOf(RAW)).toHaveLength(tagged)
    expect(tagged).toBeGreaterThan(0)
  })

  // Literature windows (°C): Koynova & Caffrey 1998 and Drummond et al. 1999 compilations,
  // Barenholz 2012 (HSPC 53 °C); egg PC and unsaturated PCs are well below 0 °C.
  it.each([
    ['egg-pc', -16, -2], ['dopc', -22, -16], ['popc', -8, -2], ['dmpc', 23, 25],
    ['dppc', 41, 42.5], ['dspc', 54, 56], ['hspc', 51, 55], ['egg-sm', 36, 42],
  ] as const)('%s main transition lies in %d to %d °C', (id, lo, hi) => {
    const t = getLipid(id).mainTransitionTemperatureC
    expect(t.unit).toBe('°C')
    expect(t.value).toBeGreaterThanOrEqual(lo)
    expect(t.value).toBeLessThanOrEqual(hi)
  })

  it.each([
    ['dopc', 'C44H84NO8P'], ['popc', 'C42H82NO8P'], ['dmpc', 'C36H72NO8P'], ['dppc', 'C40H80NO8P'],
    ['dspc', 'C44H88NO8P'], ['egg-sm', 'C39H79N2O6P'],
  ] as const)('%s molecular weight is the formula mass of %s', (id, formula) => {
    expect(getLipid(id).molecularWeightDa.value).toBeCloseTo(formulaMassDa(formula), 1)
  })

  it('mixtures sit between their pure components: HSPC between DPPC and DSPC, egg PC near POPC', () => {
    const hspc = getLipid('hspc').molecularWeightDa.value
    expect(hspc).toBeGreaterThan(formulaMassDa('C40H80NO8P'))
    expect(hspc).toBeLessThan(formulaMassDa('C44H88NO8P'))
    expect(Math.abs(getLipid('egg-pc').molecularWeightDa.value - formulaMassDa('C42H82NO8P'))).toBeLessThan(15)
  })

  it('fluid areas per lipid are 0.55-0.75 nm² (DPPC 0.64 nm² at 50 °C, Nagle & Tristram-Nagle 2000)', () => {
    for (const l of catalog.bilayerLipids) {
      expect(l.fluidAreaPerLipidNm2.value).toBeGreaterThan(0.55)
      expect(l.fluidAreaPerLipidNm2.value).toBeLessThan(0.75)
    }
    expect(getLipid('dppc').fluidAreaPerLipidNm2.value).toBe(0.64)
  })

  it('cholesterol: formula mass, the 66 mol % PC solubility limit of Huang et al. 1999, thresholds in order', () => {
    expect(CHOLESTEROL_PROPERTIES.molecularWeightDa.value).toBeCloseTo(formulaMassDa('C27H46O'), 1)
    expect(CHOLESTEROL_PROPERTIES.solubilityLimitPcMolPct).toMatchObject({ value: 66, evidence: 'V' })
    expect(CHOLESTEROL_PROPERTIES.liquidOrderedFromMolPct.value)
      .toBeLessThan(CHOLESTEROL_PROPERTIES.crystalWarningMolPct.value)
    expect(CHOLESTEROL_PROPERTIES.crystalWarningMolPct.value)
      .toBeLessThan(CHOLESTEROL_PROPERTIES.solubilityLimitPcMolPct.value)
  })
})
