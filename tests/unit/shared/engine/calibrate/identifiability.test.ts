import { describe, expect, it } from 'vitest'
import { fisherInformation, symmetricEigen } from '../../../../../shared/engine/calibrate/identifiability'

describe('symmetric eigen-decomposition (Jacobi)', () => {
  it('finds the eigenpairs of small matrices with known answers', () => {
    // [[2, 1], [1, 2]]: eigenvalues 1 and 3, vectors (1, −1)/√2 and (1, 1)/√2
    const e = symmetricEigen([2, 1, 1, 2], 2)
    expect(e[0]!.value).toBeCloseTo(1, 12)
    expect(e[1]!.value).toBeCloseTo(3, 12)
    expect(Math.abs(e[0]!.vector[0]! + e[0]!.vector[1]!)).toBeLessThan(1e-12)
    expect(Math.abs(e[1]!.vector[0]! - e[1]!.vector[1]!)).toBeLessThan(1e-12)
    // [[2, −1, 0], [−1, 2, −1], [0, −1, 2]]: 2 − √2, 2, 2 + √2 (the discrete Laplacian)
    const l = symmetricEigen([2, -1, 0, -1, 2, -1, 0, -1, 2], 3).map((x) => x.value)
    expect(l[0]).toBeCloseTo(2 - Math.SQRT2, 12)
    expect(l[1]).toBeCloseTo(2, 12)
    expect(l[2]).toBeCloseTo(2 + Math.SQRT2, 12)
  })
})

describe('Fisher information at the posterior median', () => {
  it('is σ JᵀJ σ for linear residuals, and names a combination the data cannot separate', () => {
    // residuals r = y − (θ₁ + θ₂) at 4 points, plus one point on θ₃ alone: the data inform
    // θ₁ + θ₂ and θ₃, never θ₁ − θ₂
    const residuals = (t: Float64Array): number[] => [1, 2, 3, 4].map((y) => y - 2 * (t[0]! + t[1]!)).concat([0.5 - 3 * t[2]!])
    const sigma = [0.5, 0.5, 0.5]
    const r = fisherInformation(residuals, Float64Array.of(0.1, 0.2, 0.3), ['liverKMax', 'mpsKRel', 'degradation'], sigma, ['spleenKMax'], ['releaseRate'])
    // J = [[−2, −2, 0] × 4, [0, 0, −3]]; JᵀJ = [[16, 16, 0], [16, 16, 0], [0, 0, 9]]; × σ² = 0.25
    const expected = [4, 4, 0, 4, 4, 0, 0, 0, 2.25]
    r.scaledFisher.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 9))
    expect(r.dataToPriorPrecision).toEqual({ liverKMax: expect.closeTo(4, 9), mpsKRel: expect.closeTo(4, 9), degradation: expect.closeTo(2.25, 9) })
    expect(r.eigen[0]!.value).toBeCloseTo(0, 9)
    const note = r.notes.find((n) => n.startsWith('the combination'))!
    expect(note).toMatch(/0\.71·ln liverKMax .0\.71·ln mpsKRel is not identifiable/)
    expect(note).not.toMatch(/degradation/)
    expect(r.notes.some((n) => n.startsWith('releaseRate: no observation'))).toBe(true)
    expect(r.notes.some((n) => n.startsWith('spleenKMax: its posterior 95 % interval'))).toBe(true)
    expect(r.notIdentifiable).toEqual(['releaseRate'])
  })
})
