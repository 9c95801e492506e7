/**
 * Design format version 2: the liposome bilayer (issue 10, item 3). Schema rules, the
 * v1 -> v2 migration, the stored-document upgrade, the derived bilayer phase and the default
 * liposome bilayer. Expected values come from the literature and the contract text, not from
 * the code under test.
 */
import { describe, expect, it } from 'vitest'
import { validateDesign, type DesignValidation } from '../../../../shared/design/schema'
import { newDesign, newLiposomeBilayer } from '../../../../shared/design/defaults'
import { bilayerPhaseAt, deriveProperties } from '../../../../shared/design/derived'
import { upgradeStoredDesign } from '../../../../shared/design/stored'
import { designAssumptions } from '../../../../shared/design/assumptions'
import { canonicalDesignJson, normaliseDesign } from '../../../../shared/design/normalise'
import { DESIGN_VERSION, type Design, type DesignIssue } from '../../../../shared/design/types'

type Doc = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

/** A version-2 liposome design (the default design with a liposome core). */
function liposome(bilayer: unknown = { lipid: 'hspc', cholesterolMolPct: 38 }): Doc {
  const d = JSON.parse(JSON.stringify(newDesign())) as Doc
  d.core = { material: 'liposome', diameterNm: 100, bilayer }
  d.payload.loadingPctWw = 5
  return d
}
/** The same design as a version-1 file wrote it: no bilayer. */
function v1(material = 'liposome'): Doc {
  const d = liposome()
  d.version = 1
  d.core = { material, diameterNm: 100 }
  return d
}
function errorsOf(v: DesignValidation): DesignIssue[] {
  if (v.valid) throw new Error('expected an invalid design')
  return v.errors
}
function at(issues: ReadonlyArray<DesignIssue>, path: string): string {
  const hit = issues.find((i) => i.path === path)
  if (!hit) throw new Error(`no issue at ${path}; got ${JSON.stringify(issues)}`)
  return hit.message
}

describe('version 2 schema: core.bilayer', () => {
  it('writes version 2', () => {
    expect(DESIGN_VERSION).toBe(2)
    expect(newDesign().version).toBe(2)
  })

  it('accepts a liposome with a bilayer and keeps it', () => {
    const v = validateDesign(liposome())
    expect(v.valid).toBe(true)
    if (v.valid) expect(v.design.core.bilayer).toEqual({ lipid: 'hspc', cholesterolMolPct: 38 })
  })

  it('requires the bilayer of a liposome, saying what to give', () => {
    const d = liposome()
    delete d.core.bilayer
    expect(at(errorsOf(validateDesign(d)), 'core.bilayer')).toMatch(/^is missing; give the liposome bilayer as \{"lipid", "cholesterolMolPct"\}/)
  })

  it('refuses a bilayer on any other core with the contract sentence', () => {
    const d = liposome()
    d.core.material = 'plga-50-50'
    expect(at(errorsOf(validateDesign(d)), 'core.bilayer')).toMatch(/^only a liposome core has a bilayer/)
    d.core.material = 'gold'
    expect(at(errorsOf(validateDesign(d)), 'core.bilayer')).toMatch(/^only a liposome core has a bilayer/)
  })

  it('names the nearest lipid id for a typo', () => {
    expect(at(errorsOf(validateDesign(liposome({ lipid: 'dspc2', cholesterolMolPct: 0 }))), 'core.bilayer.lipid'))
      .toBe('unknown bilayer lipid "dspc2"; did you mean "dspc"?')
    expect(at(errorsOf(validateDesign(liposome({ lipid: 'EggSM', cholesterolMolPct: 0 }))), 'core.bilayer.lipid'))
      .toMatch(/did you mean "egg-sm"\?/)
  })

  it('refuses cholesterol outside 0-60 mol % with the path and the value', () => {
    expect(at(errorsOf(validateDesign(liposome({ lipid: 'dspc', cholesterolMolPct: 61 }))), 'core.bilayer.cholesterolMolPct'))
      .toBe('must be between 0 and 60 mol %, got 61')
    expect(at(errorsOf(validateDesign(liposome({ lipid: 'dspc', cholesterolMolPct: -1 }))), 'core.bilayer.cholesterolMolPct'))
      .toBe('must be between 0 and 60 mol %, got -1')
    expect(at(errorsOf(validateDesign(liposome({ lipid: 'dspc', cholesterolMolPct: '40' }))), 'core.bilayer.cholesterolMolPct'))
      .toMatch(/must be a number/)
  })

  it('reports a missing field, an unknown field and a wrong type inside the bilayer', () => {
    const errors = errorsOf(validateDesign(liposome({ lipid: 'dspc', cholestrolMolPct: 40 })))
    expect(at(errors, 'core.bilayer.cholestrolMolPct')).toBe('unknown field "cholestrolMolPct"; did you mean "cholesterolMolPct"?')
    expect(at(errors, 'core.bilayer.cholesterolMolPct')).toMatch(/^is missing/)
    expect(at(errorsOf(validateDesign(liposome('dspc'))), 'core.bilayer')).toMatch(/^must be an object/)
  })

  it('warns above 50 mol % cholesterol, citing the solubility work, and still accepts it', () => {
    const v = validateDesign(liposome({ lipid: 'dspc', cholesterolMolPct: 55 }))
    expect(v.valid).toBe(true)
    expect(at(v.warnings, 'core.bilayer.cholesterolMolPct')).toMatch(/Huang, Buboltz & Feigenson 1999/)
    expect(validateDesign(liposome({ lipid: 'dspc', cholesterolMolPct: 50 })).warnings).toEqual([])
  })

  it('reports every problem at once: bad bilayer and a bad dose together', () => {
    const d = liposome({ lipid: 'dspc2', cholesterolMolPct: 70 })
    d.context.dose.mgPerKg = -1
    const paths = errorsOf(validateDesign(d)).map((e) => e.path).sort()
    expect(paths).toEqual(['context.dose.mgPerKg', 'core.bilayer.cholesterolMolPct', 'core.bilayer.lipid'])
  })

  it('normalises the bilayer in key order and hashes it', () => {
    const d = liposome({ cholesterolMolPct: 38, lipid: 'hspc' }) as unknown as Design
    expect(Object.keys(normaliseDesign(d).core)).toEqual(['material', 'diameterNm', 'bilayer'])
    expect(Object.keys(normaliseDesign(d).core.bilayer!)).toEqual(['lipid', 'cholesterolMolPct'])
    const other = liposome({ lipid: 'dspc', cholesterolMolPct: 38 }) as unknown as Design
    expect(canonicalDesignJson(d)).not.toBe(canonicalDesignJson(other))
  })
})

describe('reading version-1 files', () => {
  it('gives a version-1 liposome the fluid egg-PC bilayer the version-1 engine modelled, and says so', () => {
    const v = validateDesign(v1())
    expect(v.valid).toBe(true)
    if (!v.valid) return
    expect(v.design.version).toBe(2)
    expect(v.design.core).toEqual({ material: 'liposome', diameterNm: 100, bilayer: { lipid: 'egg-pc', cholesterolMolPct: 0 } })
    expect(at(v.warnings, 'version')).toMatch(/version 1 and was upgraded to version 2.*egg PC without cholesterol/)
  })

  it('leaves a version-1 non-liposome unchanged but for the version', () => {
    const raw = v1('plga-50-50')
    const v = validateDesign(raw)
    expect(v.valid).toBe(true)
    if (!v.valid) return
    expect(v.design).toEqual({ ...raw, version: 2 })
    expect(v.design.core.bilayer).toBeUndefined()
  })

  it('reads a version-2 document unchanged (no migration, no warning)', () => {
    const raw = liposome()
    const v = validateDesign(raw)
    expect(v).toEqual({ valid: true, design: raw, warnings: [] })
  })

  it('refuses version 3, naming both versions', () => {
    const d = liposome()
    d.version = 3
    expect(errorsOf(validateDesign(d))).toEqual([{
      path: 'version',
      message: 'this file is design format version 3; this build reads up to version 2. Open it with a newer NanoForge',
    }])
  })

  it('a version-1 file that already had a bilayer key is still checked (the migration does not hide it)', () => {
    const d = v1('gold')
    d.core.bilayer = { lipid: 'dspc', cholesterolMolPct: 0 }
    expect(at(errorsOf(validateDesign(d)), 'core.bilayer')).toMatch(/only a liposome core/)
  })
})

describe('upgradeStoredDesign (database rows, drafts, bundles)', () => {
  it('upgrades a stored version-1 liposome without touching the input', () => {
    const raw = v1()
    const up = upgradeStoredDesign(raw)
    expect(up.version).toBe(2)
    expect(up.core.bilayer).toEqual({ lipid: 'egg-pc', cholesterolMolPct: 0 })
    expect(raw.version).toBe(1)
    expect(raw.core.bilayer).toBeUndefined()
  })

  it('returns current, newer and non-design documents as they are', () => {
    const current = liposome()
    expect(upgradeStoredDesign(current)).toBe(current)
    const newer = { ...liposome(), version: 9 }
    expect(upgradeStoredDesign(newer)).toBe(newer)
    expect(upgradeStoredDesign(null)).toBeNull()
    expect(upgradeStoredDesign('x')).toBe('x')
  })
})

describe('derived bilayer phase at 37 °C', () => {
  // Expected phases from the literature: Tm of DSPC 55 °C, DPPC ~41 °C, HSPC ~53 °C, egg SM
  // ~38-41 °C are above body temperature (gel); egg PC, DOPC, POPC (< 0 °C) and DMPC (~24 °C)
  // melt below it (fluid); >= 30 mol % cholesterol gives the liquid-ordered phase (Doxil's
  // HSPC/cholesterol 38 mol %, Barenholz 2012).
  it.each([
    ['egg-pc', 0, 'fluid'], ['dopc', 20, 'fluid'], ['popc', 0, 'fluid'], ['dmpc', 10, 'fluid'],
    ['dppc', 0, 'gel'], ['dspc', 20, 'gel'], ['hspc', 0, 'gel'], ['egg-sm', 0, 'gel'],
    ['hspc', 38, 'liquid-ordered'], ['egg-pc', 30, 'liquid-ordered'], ['egg-sm', 45, 'liquid-ordered'],
  ] as const)('%s with %d mol %% cholesterol is %s', (lipid, cholesterolMolPct, phase) => {
    expect(bilayerPhaseAt({ lipid, cholesterolMolPct })).toBe(phase)
  })

  it('follows temperature: DPPC melts between 37 and 45 °C, DMPC between 20 and 30 °C', () => {
    expect(bilayerPhaseAt({ lipid: 'dppc', cholesterolMolPct: 0 }, 45)).toBe('fluid')
    expect(bilayerPhaseAt({ lipid: 'dmpc', cholesterolMolPct: 0 }, 20)).toBe('gel')
    expect(bilayerPhaseAt({ lipid: 'dmpc', cholesterolMolPct: 0 }, 30)).toBe('fluid')
  })

  it('is part of the derived properties of a liposome and null for other cores', () => {
    expect(deriveProperties(liposome({ lipid: 'dspc', cholesterolMolPct: 0 }) as unknown as Design).bilayerPhase).toBe('gel')
    expect(deriveProperties(newDesign()).bilayerPhase).toBeNull()
  })

  it('lists the unverified bilayer numbers among the assumptions', () => {
    const paths = designAssumptions(liposome({ lipid: 'egg-sm', cholesterolMolPct: 10 }) as unknown as Design).map((a) => a.path)
    expect(paths).toContain('bilayer lipid egg-sm.mainTransitionTemperatureC')
    expect(paths).toContain('cholesterol.liquidOrderedFromMolPct')
  })
})

describe('the default liposome bilayer', () => {
  it('is Doxil\'s HSPC with 38 mol % cholesterol: the label masses give 56:38:5 in moles', () => {
    // Independent arithmetic from the DOXIL label (per mL: 9.58 mg HSPC, 3.19 mg cholesterol,
    // 3.19 mg mPEG2000-DSPE) with HSPC ~784 Da (the mean of DSPC 790 and DPPC 734 weighted
    // 82:18 by chain... taken here as 784), cholesterol 386.7 Da, mPEG2000-DSPE ~2806 Da.
    const mol = [9.58 / 784, 3.19 / 386.7, 3.19 / 2806]
    const total = mol.reduce((a, b) => a + b, 0)
    const pct = mol.map((m) => (100 * m) / total)
    expect(pct[0]).toBeCloseTo(56.6, 0)
    expect(pct[1]).toBeCloseTo(38, 0)
    expect(pct[2]).toBeCloseTo(5.2, 0)
    expect(newLiposomeBilayer()).toEqual({ lipid: 'hspc', cholesterolMolPct: Math.round(pct[1]!) })
    expect(bilayerPhaseAt(newLiposomeBilayer())).toBe('liquid-ordered')
  })
})
