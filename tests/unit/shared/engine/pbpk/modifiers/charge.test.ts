import { describe, expect, it } from 'vitest'
import { PBPK_DATA } from '../../../../../../shared/engine/pbpk'
import { chargeEffectShare, chargeModifier } from '../../../../../../shared/engine/pbpk/modifiers/charge'
import { signed } from '../../../../../../shared/engine/pbpk/modifiers/common'
import { BARE, ctxFor, expectCited } from './helpers'

const ch = PBPK_DATA.modifiers.charge
const run = (zetaMv: number, pegCoverageRatio = 0) => {
  const input = { ...BARE, zetaMv, pegCoverageRatio }
  return chargeModifier(input, ctxFor(input))
}

describe('charge modifier (brief §2.4.3)', () => {
  const ramp = ch.chargeRampMv.value
  const mCat = ch.cationicLiverLungKMaxMultiplier.value
  const mAn = ch.anionicLiverKMaxMultiplier.value

  it('cationic from threshold + ramp: liver and lung K_max × the full cationic multiplier', () => {
    for (const z of [ch.cationicThresholdMv.value + ramp, ch.cationicThresholdMv.value + ramp + 20]) {
      const r = run(z)
      expect(r.organs.liver!.kMax).toBeCloseTo(mCat, 12)
      expect(r.organs.lungs!.kMax).toBeCloseTo(mCat, 12)
      expect(r.assumptions.map((a) => a.id)).toEqual(['modifier.charge.cationic'])
      expectCited(r)
      // the text shows the threshold from the data, with its sign
      expect(r.assumptions[0]!.description).toContain(`> ${signed(ch.cationicThresholdMv.value)} mV`)
    }
  })

  it('anionic from threshold − ramp: liver K_max × the full anionic multiplier, lungs untouched', () => {
    const r = run(ch.anionicThresholdMv.value - ramp - 1)
    expect(r.organs.liver!.kMax).toBeCloseTo(mAn, 12)
    expect(r.organs.lungs).toBeUndefined()
    expect(r.assumptions[0]!.id).toBe('modifier.charge.anionic')
    expect(r.assumptions[0]!.description).toContain(`< ${signed(ch.anionicThresholdMv.value)} mV`)
    expect(r.assumptions[0]!.description).toContain('−')
  })

  it('between the thresholds and at them, no effect', () => {
    for (const z of [0, ch.cationicThresholdMv.value, ch.anionicThresholdMv.value]) {
      expect(run(z).organs).toEqual({})
      expect(run(z).assumptions).toEqual([])
    }
  })

  it('over the ramp the multiplier rises log-linearly: m^(1/2) half-way, and a 10 % step of ζ changes it by less than 2×', () => {
    expect(run(ch.cationicThresholdMv.value + ramp / 2).organs.liver!.kMax).toBeCloseTo(Math.sqrt(mCat), 12)
    expect(run(ch.anionicThresholdMv.value - ramp / 2).organs.liver!.kMax).toBeCloseTo(Math.sqrt(mAn), 12)
    const k = (z: number): number => run(z).organs.liver?.kMax ?? 1
    for (let z = -60; z <= 60; z += 0.5) {
      const step = Math.max(0.1 * Math.abs(z), 0.5)
      const ratio = k(z + step) / k(z)
      expect(ratio, `ζ ${z} → ${z + step}`).toBeLessThan(2)
      expect(ratio).toBeGreaterThan(0.5)
    }
  })

  it('a PEG brush hides the charge: none at coverage ≥ the shield ratio, m^(1/2) at half of it, all but nothing just below', () => {
    const shield = ch.pegShieldCoverageRatio.value
    const z = ch.cationicThresholdMv.value + ramp + 20
    expect(run(z, shield).organs).toEqual({})
    expect(run(z, shield + 1).organs).toEqual({})
    expect(run(z, shield / 2).organs.liver!.kMax).toBeCloseTo(Math.sqrt(mCat), 12)
    // continuous at the brush: 1 % below it the effect is ~1 % of the full one (was a ×3 step)
    expect(run(z, 0.99 * shield).organs.liver!.kMax).toBeCloseTo(Math.pow(mCat, 0.01), 12)
    const za = ch.anionicThresholdMv.value - ramp - 20
    expect(run(za, shield).organs).toEqual({})
    expect(run(za, shield / 2).organs.liver!.kMax).toBeCloseTo(Math.sqrt(mAn), 12)
  })

  it('chargeEffectShare is the product of the ζ ramp and the unshielded share, each clamped to 0-1', () => {
    expect(chargeEffectShare(2.5, 5, 0, 1)).toBe(0.5)
    expect(chargeEffectShare(10, 5, 0.25, 1)).toBe(0.75)
    expect(chargeEffectShare(-1, 5, 0, 1)).toBe(0)
    expect(chargeEffectShare(10, 5, 2, 1)).toBe(0)
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
    const effective = grafted * (2.5 / 17.5) ** 2
    expect(chargeModifier(tiny, ctxFor(tiny)).organs.liver!.kMax).toBeCloseTo(Math.pow(ch.cationicLiverLungKMaxMultiplier.value, 1 - effective / ch.pegShieldCoverageRatio.value), 12)
  })
})
