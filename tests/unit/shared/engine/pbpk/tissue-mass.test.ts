import { describe, expect, it } from 'vitest'
import pbpkJson from '../../../../../resources/catalog/pbpk.json'
import { simulateBiodistribution } from '../../../../../shared/engine/pbpk'
import { GOLD_100, PEG_LIPOSOME } from './fixtures'

/** Reads species physiology straight from the catalog JSON (independent of the engine's data layer). */
const mouse = (pbpkJson as unknown as {
  species: { mouse: { bodyWeightKg: { value: number }; volumeFractions: Record<string, { value: number }> } }
}).species.mouse

describe('tissueMassG', () => {
  const r = simulateBiodistribution(PEG_LIPOSOME, { hours: 1 })

  it('equals volume fraction × body weight × 1000 g/L (mouse liver and muscle, healthy)', () => {
    const bw = mouse.bodyWeightKg.value
    expect(bw).toBe(0.02)
    // 0.055 × 0.02 kg × 1000 g/kg = 1.1 g; 0.384 × 0.02 × 1000 = 7.68 g
    expect(r.tissueMassG.liver).toBeCloseTo(mouse.volumeFractions.liver.value * bw * 1000, 9)
    expect(r.tissueMassG.muscle).toBeCloseTo(mouse.volumeFractions.muscle.value * bw * 1000, 9)
    expect(r.tissueMassG.liver).toBeCloseTo(1.1, 9)
    expect(r.tissueMassG.muscle).toBeCloseTo(7.68, 9)
  })

  it('follows a body weight override and leaves excreta without mass', () => {
    const heavy = simulateBiodistribution({ ...GOLD_100, bodyWeightKg: 0.025 }, { hours: 1 })
    expect(heavy.tissueMassG.spleen).toBeCloseTo(mouse.volumeFractions.spleen.value * 0.025 * 1000, 9)
    expect(heavy.tissueMassG.excreted).toBeNull()
    expect(heavy.tissueMassG.degraded).toBeNull()
    expect(heavy.tissueMassG.blood).toBeGreaterThan(0)
    expect(heavy.tissueMassG.rest).toBeGreaterThan(0)
  })
  it('counts a disease lesion with its own (swollen) volume', () => {
    const ra = (pbpkJson as unknown as { diseases: Record<string, { volumeMultiplier: { value: number } }> }).diseases['rheumatoid-arthritis']
    const sick = simulateBiodistribution({ ...PEG_LIPOSOME, disease: 'rheumatoid-arthritis' }, { hours: 1 })
    expect(sick.tissueMassG.joints).toBeCloseTo(mouse.volumeFractions.joints.value * 0.02 * 1000 * ra.volumeMultiplier.value, 9)
  })
})
