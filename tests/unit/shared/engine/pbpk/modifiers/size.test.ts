import { describe, expect, it } from 'vitest'
import { PBPK_DATA, resolveParameters } from '../../../../../../shared/engine/pbpk'
import { sizeModifier } from '../../../../../../shared/engine/pbpk/modifiers/size'
import { BARE, ctxFor, expectCited } from './helpers'

const sz = PBPK_DATA.modifiers.size
const run = (hd: number, disease: typeof BARE.disease = 'healthy') => {
  const input = { ...BARE, hydrodynamicDiameterNm: hd, disease }
  return sizeModifier(input, ctxFor(input))
}

describe('size modifier (brief §2.4.1)', () => {
  it('permeability of leaky organs and the lesion: exp(−(HD − HD_ref)/λ), clamped', () => {
    const ref = sz.permeabilityReferenceNm.value
    const len = sz.permeabilityLengthNm.value
    expect(run(ref).lesion.permeability).toBe(1)
    expect(run(ref + len).lesion.permeability).toBeCloseTo(Math.exp(-1), 14)
    expect(run(ref + 2 * len).organs[sz.leakyOrgans[0]!]!.permeability).toBeCloseTo(Math.exp(-2), 14)
    // clamps: a tiny particle is capped at the maximum, a huge one at the minimum
    expect(run(1).lesion.permeability).toBe(Math.min(sz.permeabilityMultiplierMax.value, Math.exp((ref - 1) / len)))
    expect(run(5000).lesion.permeability).toBe(sz.permeabilityMultiplierMin.value)
    // organs that are not leaky keep their PAC
    expect(run(300).organs.spleen!.permeability).toBeUndefined()
  })

  it('liver K_max × (HD/HD_ref)^b within its clamp', () => {
    const ref = sz.liverReferenceNm.value
    const b = sz.liverExponent.value
    expect(run(ref).organs.liver!.kMax).toBe(1)
    expect(run(2 * ref).organs.liver!.kMax).toBeCloseTo(2 ** b, 14)
    expect(run(ref / 2).organs.liver!.kMax).toBeCloseTo(0.5 ** b, 14)
    expect(run(0.01 * ref).organs.liver!.kMax).toBe(sz.liverMultiplierMin.value)
    expect(run(1e4 * ref).organs.liver!.kMax).toBe(sz.liverMultiplierMax.value)
  })

  it('spleen K_max: 1 + extra/(1 + exp(−(HD − mid)/w)); half the extra at the midpoint, → 1 when small', () => {
    const mid = sz.spleenMidpointNm.value
    expect(run(mid).organs.spleen!.kMax).toBeCloseTo(1 + sz.spleenExtraMax.value / 2, 14)
    expect(run(mid + sz.spleenWidthNm.value).organs.spleen!.kMax).toBeCloseTo(1 + sz.spleenExtraMax.value / (1 + Math.exp(-1)), 14)
    expect(run(10).organs.spleen!.kMax).toBeLessThan(1.01)
  })

  it('splenic filtration: E_max/2 of splenic flow at the midpoint, logistic in ln HD, negligible for small particles', () => {
    const mid = sz.spleenFiltrationMidpointNm.value
    const eMax = sz.spleenFiltrationExtractionMax.value
    const w = sz.spleenFiltrationLogWidth.value
    expect(run(mid).organs.spleen!.flowExtraction).toBeCloseTo(eMax / 2, 14)
    // one width above the midpoint in ln HD: E_max/(1 + e^−1)
    expect(run(mid * Math.exp(w)).organs.spleen!.flowExtraction).toBeCloseTo(eMax / (1 + Math.exp(-1)), 12)
    // no cliff: a 10 % size step never changes E by more than 1.1^(1/w)
    for (const hd of [100, 150, 200, 250, 300, 400]) {
      const ratio = run(hd * 1.1).organs.spleen!.flowExtraction! / run(hd).organs.spleen!.flowExtraction!
      expect(ratio).toBeLessThanOrEqual(Math.pow(1.1, 1 / w) * (1 + 1e-12))
    }
    expect(run(50).organs.spleen!.flowExtraction!).toBeLessThan(1e-4) // 0.3/(1 + 5^5) ≈ 9.6e-5
    expect(run(mid).assumptions.map((a) => a.id)).toContain('modifier.size.spleenFiltration')
    expect(run(50).assumptions.map((a) => a.id)).not.toContain('modifier.size.spleenFiltration')
  })

  it('liver immediate share: 0 at and below the delayed size, 1 at and above the immediate size, linear in ln HD', () => {
    const lo = sz.liverDelayedUptakeBelowNm.value
    const hi = sz.liverImmediateUptakeAboveNm.value
    expect(run(lo).organs.liver!.immediateKMaxFraction).toBe(0)
    expect(run(lo / 2).organs.liver!.immediateKMaxFraction).toBe(0)
    expect(run(hi).organs.liver!.immediateKMaxFraction).toBeCloseTo(1, 14)
    expect(run(3 * hi).organs.liver!.immediateKMaxFraction).toBe(1)
    expect(run(Math.sqrt(lo * hi)).organs.liver!.immediateKMaxFraction).toBeCloseTo(0.5, 12)
    expect(run(lo).assumptions.map((a) => a.id)).not.toContain('modifier.size.liverImmediateUptake')
  })

  it('the spleen\'s macrophages share the liver\'s immediate share at every size', () => {
    for (const hd of [5, 13, 20, 40, 80, 100, 200]) {
      expect(run(hd).organs.spleen!.immediateKMaxFraction).toBe(run(hd).organs.liver!.immediateKMaxFraction)
    }
  })

  it('composed: the liver splits K_max into a delayed and an immediate part that sum to the full K_max', () => {
    const hd = Math.sqrt(sz.liverDelayedUptakeBelowNm.value * sz.liverImmediateUptakeAboveNm.value)
    const liver = resolveParameters({ ...BARE, hydrodynamicDiameterNm: hd }).params.compartments.find((c) => c.key === 'liver')!
    expect(liver.undelayedUptakePerH / (liver.kMaxPerH + liver.undelayedUptakePerH)).toBeCloseTo(0.5, 12)
  })

  it('texts show the values of the data file; every assumption is cited', () => {
    const r = run(150)
    expectCited(r)
    const text = (id: string): string => r.assumptions.find((a) => a.id === id)!.description
    expect(text('modifier.size.liverKMax')).toContain(`^${sz.liverExponent.value}`)
    expect(text('modifier.size.liverKMax')).toContain(`${sz.liverMultiplierMin.value}-${sz.liverMultiplierMax.value}`)
    expect(text('modifier.size.spleenKMax')).toContain(`${sz.spleenExtraMax.value}/`)
    expect(text('modifier.size.spleenKMax')).toContain(`${sz.spleenMidpointNm.value})/${sz.spleenWidthNm.value}`)
  })

  it('warns outside the validated size range, naming the size and the range', () => {
    const v = PBPK_DATA.validity
    expect(run(v.hydrodynamicDiameterMaxNm.value + 1).warnings[0]).toContain(`${v.hydrodynamicDiameterMinNm.value}-${v.hydrodynamicDiameterMaxNm.value} nm`)
    expect(run(v.hydrodynamicDiameterMinNm.value / 2).warnings).toHaveLength(1)
    expect(run(100).warnings).toEqual([])
  })
})
