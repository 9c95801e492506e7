import { describe, expect, it } from 'vitest'
import { ORGAN_KEYS, PBPK_DATA, type BiodistributionInput } from '../../../../../../shared/engine/pbpk'
import { dosedParticles, particlesPerMgOf, saturationModifier, shareOfLoad } from '../../../../../../shared/engine/pbpk/modifiers/saturation'
import { BARE, ctxFor, expectCited, unitPerturbation } from './helpers'

const sat = PBPK_DATA.modifiers.saturation
const fb = sat.particleCountFallback
const run = (input: BiodistributionInput) => saturationModifier(input, ctxFor(input))

describe('saturation modifier (capacity in particles, Ouyang 2020)', () => {
  it('particles per mg: the design count when given, else a sphere of the HD at the fallback density', () => {
    expect(particlesPerMgOf({ ...BARE, particlesPerMg: 3.3e11 }, PBPK_DATA)).toBe(3.3e11)
    // 100 nm polymer sphere: V = π/6·d³ = 5.236e-16 cm³
    const vCm3 = (Math.PI / 6) * (100e-7) ** 3
    expect(particlesPerMgOf(BARE, PBPK_DATA)).toBeCloseTo(1e-3 / (vCm3 * fb.solidDensityGPerCm3.value), -6)
    const gold = { ...BARE, core: { coreClass: 'inorganic-solid' as const, imaging: true, degradable: false } }
    expect(particlesPerMgOf(gold, PBPK_DATA) / particlesPerMgOf(BARE, PBPK_DATA)).toBeCloseTo(fb.solidDensityGPerCm3.value / fb.inorganicDensityGPerCm3.value, 12)
    // a vesicle weighs only its wall: outer minus inner sphere at density 1
    const lipo = { ...BARE, core: { coreClass: 'lipid-vesicle' as const, imaging: false, degradable: true } }
    const wallCm3 = (Math.PI / 6) * ((100e-7) ** 3 - (100e-7 - 2 * fb.vesicleWallNm.value * 1e-7) ** 3)
    // particles per mg × g per particle (wall volume × 1 g/cm³) = 1e-3 g per mg
    expect(particlesPerMgOf(lipo, PBPK_DATA) * wallCm3 * 1).toBeCloseTo(1e-3, 12)
  })

  it('dosed particles = mg/kg × kg × particles/mg', () => {
    const input = { ...BARE, particlesPerMg: 2e11, particleDoseMgPerKg: 5 }
    expect(dosedParticles(input, PBPK_DATA, 0.025)).toBeCloseTo(5 * 0.025 * 2e11, -3)
    expect(run(input).scalars.doseParticles).toBeCloseTo(5 * ctxFor(input).bodyWeightKg * 2e11, -3)
  })

  it('liver capacity per g from the catalog; other organs in proportion to their µg/g capacities', () => {
    const r = run(BARE)
    const mouse = PBPK_DATA.organNp.mouse
    for (const o of ORGAN_KEYS) {
      expect(r.organs[o]!.capacityParticlesPerG!).toBeCloseTo(sat.liverCapacityParticlesPerG.value * mouse[o].capacityUgPerG.value / mouse.liver.capacityUgPerG.value, -3)
    }
    expect(r.organs.liver!.capacityParticlesPerG).toBe(sat.liverCapacityParticlesPerG.value)
    expect(r.scalars.nonSaturableFraction).toBe(sat.nonSaturableFraction.value)
    expectCited(r)
  })

  it('Monte Carlo multiplies each organ capacity by its draw', () => {
    const pert = unitPerturbation()
    const organs = { ...pert.organs, spleen: { ...pert.organs.spleen, capacity: 2 } }
    const r = saturationModifier(BARE, ctxFor(BARE, { ...pert, organs }))
    expect(r.organs.spleen!.capacityParticlesPerG! / run(BARE).organs.spleen!.capacityParticlesPerG!).toBeCloseTo(2, 14)
    expect(r.organs.liver!.capacityParticlesPerG).toBe(run(BARE).organs.liver!.capacityParticlesPerG)
  })

  it('warns, with the particle count, from the warning fraction of the liver capacity up; not below', () => {
    const bw = ctxFor(BARE).bodyWeightKg
    const liverG = PBPK_DATA.species.mouse.volumeFractions.liver.value * bw * 1000
    const threshold = sat.warningFractionOfLiverCapacity.value * sat.liverCapacityParticlesPerG.value * liverG
    const perMg = 1e12
    const at = (particles: number) => run({ ...BARE, particlesPerMg: perMg, particleDoseMgPerKg: particles / (perMg * bw) })
    expect(at(1.01 * threshold).warnings).toHaveLength(1)
    expect(at(1.01 * threshold).warnings[0]).toMatch(/particles/)
    expect(at(0.99 * threshold).warnings).toEqual([])
    // the share in words: 31 % of the load at the threshold (fraction 0.3 × 1.03), times from twice
    expect(at(1.03 * threshold).warnings[0]).toContain(`, ${Math.round(100 * 1.03 * sat.warningFractionOfLiverCapacity.value)} % of the `)
    const load = threshold / sat.warningFractionOfLiverCapacity.value
    expect(at(247.1 * load).warnings[0]).toContain(', 250 times the ')
    expect(at(1.99 * load).warnings[0]).toContain(', 199 % of the ')
  })

  it('writes a share of the load as a percentage below twice it and as a multiple from there', () => {
    expect(shareOfLoad(0.3)).toBe('30 % of')
    expect(shareOfLoad(1.5)).toBe('150 % of')
    expect(shareOfLoad(2)).toBe('2 times')
    expect(shareOfLoad(247.1)).toBe('250 times')
  })

  it('flags a dose above the validated maximum, naming both', () => {
    const max = PBPK_DATA.validity.doseMaxMgPerKg.value
    const w = run({ ...BARE, particlesPerMg: 1, particleDoseMgPerKg: 2 * max }).warnings
    expect(w).toHaveLength(1)
    expect(w[0]).toContain(`${2 * max} mg/kg exceeds ${max} mg/kg`)
  })
})
