/**
 * A design "with a calibration profile" (apply.ts, domain.ts): the multipliers act on a
 * whole-design simulation exactly where the calibration put them (checked against the
 * calibration's own study predictions, an independent path through studies.ts), bands over
 * identical draws collapse onto the point estimate, the release multiplier scales the hazard
 * (survival S^m), and the distance checks flag what lies outside the training designs.
 */
import { describe, expect, it } from 'vitest'
import { newDesign } from '../../../../../shared/design/defaults'
import { deriveProperties } from '../../../../../shared/design/derived'
import type { Design } from '../../../../../shared/design/types'
import { biodistributionInputFromDesign } from '../../../../../shared/engine/pbpk'
import { predictRelease, releaseHazard } from '../../../../../shared/engine/release'
import { simulateDesign } from '../../../../../shared/engine/simulate'
import { predictBiodistributionStudy, sampleDrawMultipliers, type BiodistributionStudy } from '../../../../../shared/engine/calibrate'
import { estimateWithProfile, inputWithMultipliers, profileBands, simulateWithMultipliers } from '../../../../../shared/engine/calibrate/apply'
import { DIAMETER_TOLERANCE, designDomain, domainWarnings, surfaceOf } from '../../../../../shared/engine/calibrate/domain'

const design = newDesign()
const derived = deriveProperties(design)
const input = biodistributionInputFromDesign(design, derived)
const tissues = ['blood', 'liver', 'spleen', 'joints'] as const
const times = [1, 4, 24, 72]

/** The calibration's prediction of each tissue at each time under m (studies.ts path). */
function studyPrediction(m: Parameters<typeof predictBiodistributionStudy>[1]): number[] {
  const study: BiodistributionStudy = {
    kind: 'biodistribution', id: 's', input, counting: 'intact',
    observations: tissues.flatMap((tissue) => times.map((timeH) => ({ quantity: 'percentDose' as const, tissue, timeH, value: 1 }))),
  }
  return predictBiodistributionStudy(study, m)
}

/** The same observations from a whole-design run; blood as a blood sample reads it (× intravascular / central mass), as the calibration reads a lab's blood. */
function atTimes(r: ReturnType<typeof simulateWithMultipliers>): number[] {
  const bloodSample = r.intravascularBloodMassG / r.tissueMassG.blood!
  return tissues.flatMap((tissue) => times.map((t) => {
    const i = r.timesH.indexOf(t)
    expect(i).toBeGreaterThanOrEqual(0)
    return r.percentDose[tissue][i]! * (tissue === 'blood' ? bloodSample : 1)
  }))
}

function expectRelativelyClose(actual: ReadonlyArray<number>, expected: ReadonlyArray<number>, rel: number): void {
  expect(actual).toHaveLength(expected.length)
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]!)).toBeLessThanOrEqual(rel * Math.abs(expected[i]!) + 1e-3))
}

describe('a design under calibration multipliers', () => {
  it('with no multiplier is the plain estimate (simulateDesign)', () => {
    const plain = simulateDesign(design).biodistribution
    const r = simulateWithMultipliers(design, {})
    expect(r.timesH).toEqual(plain.timesH)
    expectRelativelyClose(r.percentDose.liver, plain.percentDose.liver, 1e-9)
    expect(r.bloodHalfLifeH).toBeCloseTo(plain.bloodHalfLifeH, 9)
  })

  it('moves particle %ID exactly as the calibration predicted it (liver ×3, spleen ×0.5, K_rel ×2, degradation ×2)', () => {
    const m = { liverKMax: 3, spleenKMax: 0.5, mpsKRel: 2, degradation: 2 }
    // solver tolerances differ (calibration 3e-3, a single run tighter): agreement within 1 %
    expectRelativelyClose(atTimes(simulateWithMultipliers(design, m)), studyPrediction(m), 0.01)
    // and the multipliers do move the liver (the check above is not vacuous): by more than 10 %
    // either way (K_max × 3 raises the uptake, K_rel × 2 and degradation × 2 lower what stays)
    const nominal = studyPrediction({})
    const moved = studyPrediction(m)
    const liver24 = tissues.indexOf('liver') * times.length + times.indexOf(24)
    expect(Math.abs(Math.log(moved[liver24]! / nominal[liver24]!))).toBeGreaterThan(Math.log(1.1))
  })

  it('multiplies the release hazard by the release-rate multiplier, so the survival is S^m', () => {
    const hazard = releaseHazard(design)
    const scaled = inputWithMultipliers({ ...input, releaseHazard: hazard }, { releaseRate: 2.5 }).releaseHazard!
    for (const t of [0.5, 3, 20]) expect(scaled('plasma', t)).toBeCloseTo(2.5 * hazard('plasma', t), 12)
    // S_m(t) = exp(−∫ m r) = S(t)^m: integrate the scaled hazard (trapezoid on a log grid) and compare with (1 − F)^m
    const grid = Array.from({ length: 4001 }, (_, i) => 1e-4 * Math.pow(24 / 1e-4, i / 4000))
    let integral = 0
    for (let i = 1; i < grid.length; i++) integral += 0.5 * (scaled('plasma', grid[i]!) + scaled('plasma', grid[i - 1]!)) * (grid[i]! - grid[i - 1]!)
    const f24 = predictRelease(design, { timesH: [24] }).environments.plasma.fractionReleased[0]!
    expect(Math.exp(-integral)).toBeCloseTo(Math.pow(1 - f24, 2.5), 2)
  })

  it('bands over identical draws collapse onto the point estimate; spread draws give a band around it', () => {
    const same = profileBands(design, Array.from({ length: 5 }, () => ({ liverKMax: 2 })), 1)
    const point = simulateWithMultipliers(design, { liverKMax: 2 })
    expect(same.bloodHalfLifeH.lower).toBe(same.bloodHalfLifeH.upper)
    expect(same.bloodHalfLifeH.median).toBeCloseTo(point.bloodHalfLifeH, 1)
    const last = same.timesH.length - 1
    expect(Math.abs(same.percentDose.liver.median[last]! / point.percentDose.liver[point.timesH.length - 1]! - 1)).toBeLessThan(0.01)
    const spread = profileBands(design, [0.5, 1, 2, 4].map((liverKMax) => ({ liverKMax })), 1)
    expect(spread.percentDose.liver.lower[last]!).toBeLessThan(spread.percentDose.liver.upper[last]!)
  })

  it('estimates with a profile: medians for the point, seeded draws for the band', () => {
    const profile = { medians: { liverKMax: 2 }, sampled: ['liverKMax'] as const, drawsLn: [[Math.log(1.5)], [Math.log(2)], [Math.log(2.5)]], domain: designDomain([{ design, species: 'mouse' }]) }
    const a = estimateWithProfile(design, profile, { samples: 20, seed: 4 })
    const b = estimateWithProfile(design, profile, { samples: 20, seed: 4 })
    expect(a).toEqual(b)
    expect(a.bands.samples).toBe(20)
    expect(a.estimate.bloodHalfLifeH).toBeCloseTo(simulateWithMultipliers(design, { liverKMax: 2 }).bloodHalfLifeH, 9)
    expect(a.warnings).toEqual([])
  })

  it('samples saved draws whole, and the parameters the profile did not calibrate from their prior', () => {
    const sets = sampleDrawMultipliers(['liverKMax', 'mpsKRel'], [[Math.log(2), Math.log(0.5)]], 3000, 7)
    for (const s of sets.slice(0, 5)) { expect(s.liverKMax).toBeCloseTo(2, 12); expect(s.mpsKRel).toBeCloseTo(0.5, 12) }
    const ln = sets.map((s) => Math.log(s.spleenKMax!))
    const mean = ln.reduce((x, y) => x + y, 0) / ln.length
    const sd = Math.sqrt(ln.reduce((x, y) => x + (y - mean) ** 2, 0) / (ln.length - 1))
    expect(sd).toBeGreaterThan(0.44) // prior σ_ln = √ln 1.25 = 0.472
    expect(sd).toBeLessThan(0.50)
    expect(() => sampleDrawMultipliers(['liverKMax'], [], 3, 1)).toThrow(/no posterior draws/)
  })
})

describe('distance from the profile\'s designs', () => {
  const withCore = (diameterNm: number): Design => ({ ...design, core: { ...design.core, diameterNm } })
  const dh = (d: Design): number => deriveProperties(d).hydrodynamicDiameterNm
  const domain = designDomain([{ design: withCore(100), species: 'mouse' }, { design: withCore(150), species: 'mouse' }])

  it('holds the range, materials, surfaces, species and diseases of the training designs', () => {
    expect(domain.hydrodynamicDiameterNm[0]).toBeCloseTo(dh(withCore(100)), 9)
    expect(domain.hydrodynamicDiameterNm[1]).toBeCloseTo(dh(withCore(150)), 9)
    expect(domain.coreMaterials).toEqual([design.core.material])
    expect(domain.surfaces).toEqual([surfaceOf(design)])
    expect(domain.species).toEqual(['mouse'])
    expect(domain.diseases).toEqual([design.context.disease])
  })

  it('warns nothing for a design within the range widened by the tolerance, and names each way a design lies outside', () => {
    expect(domainWarnings(withCore(120), domain)).toEqual([])
    // the widened edge: a core just inside hi × 1.25 passes, far beyond it is flagged
    const edge = withCore(170)
    expect(dh(edge)).toBeGreaterThan(domain.hydrodynamicDiameterNm[1])
    expect(dh(edge)).toBeLessThan(domain.hydrodynamicDiameterNm[1] * DIAMETER_TOLERANCE)
    expect(domainWarnings(edge, domain)).toEqual([])
    const big = withCore(400)
    expect(dh(big)).toBeGreaterThan(domain.hydrodynamicDiameterNm[1] * DIAMETER_TOLERANCE)
    expect(domainWarnings(big, domain)).toEqual([expect.stringMatching(/^hydrodynamic diameter .* outside the profile's designs/)])
    const other: Design = { ...withCore(120), coatings: [], context: { ...design.context, species: 'rat', disease: 'healthy' } }
    const w = domainWarnings(other, domain)
    expect(w.some((x) => x.startsWith("outer surface 'bare'"))).toBe(design.coatings.length > 0)
    expect(w).toContain(`species 'rat' is not among the profile's designs (mouse)`)
    expect(w.some((x) => x.startsWith("disease 'healthy'"))).toBe(design.context.disease !== 'healthy')
  })
})
