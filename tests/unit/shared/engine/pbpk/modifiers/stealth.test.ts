import { describe, expect, it } from 'vitest'
import { PBPK_DATA, resolveParameters } from '../../../../../../shared/engine/pbpk'
import { pegResidualFraction, stealthModifier } from '../../../../../../shared/engine/pbpk/modifiers/stealth'
import { BARE, ctxFor, expectCited } from './helpers'

const pg = PBPK_DATA.modifiers.peg
const run = (s: number, core: typeof BARE.core = BARE.core) => {
  const input = { ...BARE, pegCoverageRatio: s, core }
  return stealthModifier(input, ctxFor(input))
}
const VESICLE: typeof BARE.core = { coreClass: 'lipid-vesicle', imaging: false, degradable: true }
/** f_res + (1 − f_res)·exp(−k·min(s, s_max)), written out from the catalog values (BARE is a PLGA matrix: the solid-core residual). */
const expected = (s: number, f = pg.solidCoreResidualFraction.value): number =>
  f + (1 - f) * Math.exp(-pg.liverSpleenKMaxDecay.value * Math.min(s, pg.coverageRatioMax.value))

describe('stealth modifier (PEG today, brief §2.4.2)', () => {
  it('liver and spleen K_max × f_res + (1 − f_res)·exp(−k s) at s = 0, 1, 3; capped above s_max', () => {
    expect(run(0).organs.liver!.kMax).toBeCloseTo(1, 14)
    for (const s of [0.5, 1, 3]) {
      const r = run(s)
      expect(r.organs.liver!.kMax).toBeCloseTo(expected(s), 14)
      expect(r.organs.spleen!.kMax).toBe(r.organs.liver!.kMax)
    }
    expect(run(pg.coverageRatioMax.value + 2).organs.liver!.kMax).toBe(run(pg.coverageRatioMax.value).organs.liver!.kMax)
    // a dense brush leaves the residual fraction (within e^(−k·s_max))
    expect(run(3).organs.liver!.kMax).toBeGreaterThanOrEqual(pg.solidCoreResidualFraction.value)
    expect(run(3).organs.liver!.kMax).toBeLessThan(pg.solidCoreResidualFraction.value * 1.001)
    expect(Object.keys(run(2).organs).sort()).toEqual(['liver', 'spleen'])
  })

  it('records the PEG factor (cited) only with PEG, and warns above s_max with the cap from the data', () => {
    expect(run(0).assumptions).toEqual([])
    const r = run(2)
    expectCited(r)
    expect(r.assumptions.find((a) => a.id === 'modifier.peg.liverSpleenKMax')!.value).toBeCloseTo(expected(2), 14)
    expect(r.assumptions.find((a) => a.id === 'modifier.peg.liverSpleenKMax')!.description).toContain(`${pg.solidCoreResidualFraction.value} + `)
    expect(r.warnings).toEqual([])
    const w = run(pg.coverageRatioMax.value + 1).warnings
    expect(w).toHaveLength(1)
    expect(w[0]).toContain(`above ${pg.coverageRatioMax.value}`)
  })

  it('a dense brush leaves a lipid vesicle its own residual and every solid core the solid-core one (one value for liver and spleen)', () => {
    expect(pegResidualFraction('lipid-vesicle', pg)).toBe(pg.residualFraction)
    for (const c of ['polymer-matrix', 'inorganic-solid', 'inorganic-porous', 'lipid-matrix', 'protein', 'polysaccharide', 'dendrimer'] as const) {
      expect(pegResidualFraction(c, pg)).toBe(pg.solidCoreResidualFraction)
    }
    // the fitted solid-core residual is larger: PEG on gold or PLGA shields less than PEG-lipid on a liposome
    expect(pg.solidCoreResidualFraction.value).toBeGreaterThan(pg.residualFraction.value)
    const v = run(3, VESICLE)
    expect(v.organs.liver!.kMax).toBeCloseTo(expected(3, pg.residualFraction.value), 14)
    expect(v.organs.spleen!.kMax).toBe(v.organs.liver!.kMax)
    expect(v.assumptions.find((a) => a.id === 'modifier.peg.residualFraction')!.value).toBe(pg.residualFraction.value)
    expect(v.assumptions.find((a) => a.id === 'modifier.peg.residualFraction')!.description).toContain('lipid vesicle')
    expect(run(3).assumptions.find((a) => a.id === 'modifier.peg.residualFraction')!.description).toContain('solid core (polymer-matrix)')
    // at low coverage the carrier hardly matters (the residual only sets the floor)
    expect(run(0.1, VESICLE).organs.liver!.kMax! / run(0.1).organs.liver!.kMax!).toBeGreaterThan(0.85)
  })

  it('composed: liver and spleen K_max fall by the factor, other organs are untouched', () => {
    const bare = resolveParameters(BARE).params.compartments
    const peg = resolveParameters({ ...BARE, pegCoverageRatio: 1 }).params.compartments
    peg.forEach((c, j) => {
      const b = bare[j]!
      const ratio = (c.kMaxPerH + c.undelayedUptakePerH) / (b.kMaxPerH + b.undelayedUptakePerH)
      if (c.key === 'liver' || c.key === 'spleen') expect(ratio).toBeCloseTo(expected(1), 12)
      else if (b.kMaxPerH > 0) expect(ratio).toBe(1)
    })
  })
})
