import { describe, expect, it } from 'vitest'
import { PBPK_DATA } from '../../../../../../shared/engine/pbpk'
import { chargeModifier } from '../../../../../../shared/engine/pbpk/modifiers/charge'
import { signed } from '../../../../../../shared/engine/pbpk/modifiers/common'
import { BARE, ctxFor, expectCited } from './helpers'

const ch = PBPK_DATA.modifiers.charge
const run = (zetaMv: number, pegCoverageRatio = 0) => {
  const input = { ...BARE, zetaMv, pegCoverageRatio }
  return chargeModifier(input, ctxFor(input))
}

describe('charge modifier (brief §2.4.3)', () => {
  it('cationic above the threshold: liver and lung K_max × the cationic multiplier', () => {
    const r = run(ch.cationicThresholdMv.value + 1)
    expect(r.organs).toEqual({ liver: { kMax: ch.cationicLiverLungKMaxMultiplier.value }, lungs: { kMax: ch.cationicLiverLungKMaxMultiplier.value } })
    expect(r.assumptions.map((a) => a.id)).toEqual(['modifier.charge.cationic'])
    expectCited(r)
    // the text shows the threshold from the data, with its sign
    expect(r.assumptions[0]!.description).toContain(`> ${signed(ch.cationicThresholdMv.value)} mV`)
  })

  it('anionic below the threshold: liver K_max × the anionic multiplier, lungs untouched', () => {
    const r = run(ch.anionicThresholdMv.value - 1)
    expect(r.organs).toEqual({ liver: { kMax: ch.anionicLiverKMaxMultiplier.value } })
    expect(r.assumptions[0]!.id).toBe('modifier.charge.anionic')
    expect(r.assumptions[0]!.description).toContain(`< ${signed(ch.anionicThresholdMv.value)} mV`)
    expect(r.assumptions[0]!.description).toContain('−')
  })

  it('between the thresholds (and at them: strict inequalities), no effect', () => {
    for (const z of [0, ch.cationicThresholdMv.value, ch.anionicThresholdMv.value]) {
      expect(run(z).organs).toEqual({})
      expect(run(z).assumptions).toEqual([])
    }
  })

  it('a PEG brush hides the charge: no effect at coverage ≥ the shield ratio, full effect just below', () => {
    const shield = ch.pegShieldCoverageRatio.value
    for (const z of [ch.cationicThresholdMv.value + 20, ch.anionicThresholdMv.value - 20]) {
      expect(run(z, shield).organs).toEqual({})
      expect(run(z, shield + 1).organs).toEqual({})
      expect(Object.keys(run(z, 0.99 * shield).organs).length).toBeGreaterThan(0)
    }
  })

  it('warns outside the validated zeta range with the value and the range', () => {
    const v = PBPK_DATA.validity
    const w = run(v.zetaMaxMv.value + 5).warnings
    expect(w).toHaveLength(1)
    expect(w[0]).toContain(`${v.zetaMaxMv.value + 5} mV`)
    expect(w[0]).toContain(`${v.zetaMaxMv.value} mV`)
    expect(run(v.zetaMinMv.value - 1).warnings).toHaveLength(1)
    expect(run(0).warnings).toEqual([])
  })
  it('the PEG shield is the coverage at the layer\'s outer surface: a dense PEG 5 kDa on a 5 nm core does not hide a cationic charge', () => {
    // grafted Γ/Γ* well above the shield threshold, but on R = 2.5 nm with a 15 nm layer only
    // (2.5/17.5)² ≈ 0.02 of it reaches the outer surface (stealth modifier, curvature)
    const grafted = ch.pegShieldCoverageRatio.value * 5
    const flat = { ...BARE, zetaMv: ch.cationicThresholdMv.value + 10, pegCoverageRatio: grafted }
    const tiny = { ...flat, pegGraftRadiusNm: 2.5, pegLayerThicknessNm: 15 }
    expect(chargeModifier(flat, ctxFor(flat)).organs).toEqual({})
    expect(chargeModifier(tiny, ctxFor(tiny)).organs.liver).toEqual({ kMax: ch.cationicLiverLungKMaxMultiplier.value })
  })
})
