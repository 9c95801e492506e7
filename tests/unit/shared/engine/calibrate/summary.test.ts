import { describe, expect, it } from 'vitest'
import { newDesign } from '../../../../../shared/design/defaults'
import { deriveProperties } from '../../../../../shared/design/derived'
import { biodistributionInputFromDesign } from '../../../../../shared/engine/pbpk'
import { calibrate, contractSummary, predictBiodistributionStudy, sampleProfileMultipliers, type BiodistributionStudy } from '../../../../../shared/engine/calibrate'

const design = newDesign()
const input = biodistributionInputFromDesign(design, deriveProperties(design))
const skeleton: BiodistributionStudy = {
  kind: 'biodistribution', id: 'lab', input, counting: 'intact',
  observations: (['blood', 'liver', 'spleen'] as const).flatMap((tissue) => [1, 4, 24].map((timeH) => ({ quantity: 'percentDose' as const, tissue, timeH, value: 1 }))),
}
// a lab whose liver takes up 4× faster than the engine says, measured without noise
const truth = predictBiodistributionStudy(skeleton, { liverKMax: 4 })
const lab: BiodistributionStudy = { ...skeleton, observations: skeleton.observations.map((o, i) => ({ ...o, value: truth[i]! })) }

describe('the CLI contract summary', () => {
  it('reports prior, posterior, diagnostics and within-2-fold shares as plain JSON', () => {
    const r = calibrate([lab], { parameters: ['liverKMax'], seed: 4, warmup: 500, draws: 2000 })
    expect(r.status).toBe('converged')
    const s = contractSummary(r, [lab])
    expect(JSON.parse(JSON.stringify(s))).toEqual(s) // no NaN or Infinity
    const liver = s.parameters.liverKMax!
    expect(liver.prior.median).toBe(1)
    expect(liver.prior.ci95[1]).toBeCloseTo(Math.exp(1.959964 * Math.sqrt(Math.log(1.25))), 6) // 2.52
    expect(liver.posterior!.ci95[0]).toBeLessThan(4)
    expect(liver.posterior!.ci95[1]).toBeGreaterThan(4)
    expect(s.diagnostics.converged).toBe(true)
    expect(s.diagnostics.rHatMax!).toBeLessThan(1.01)
    expect(s.within2Fold.after).toBe(1)
    expect(s.within2Fold.before!).toBeLessThan(1)
    expect(s.within2Fold.leaveOneOut).toBeNull()
  })

  it('withholds the posterior and the after share when the run did not converge', () => {
    const r = calibrate([lab], { parameters: ['liverKMax'], seed: 4, warmup: 5, draws: 10 })
    const s = contractSummary(r, [lab])
    expect(s.status).toBe('not-converged')
    expect(s.parameters.liverKMax!.posterior).toBeNull()
    expect(s.within2Fold.after).toBeNull()
    expect(s.reasons.length).toBeGreaterThan(0)
    expect(JSON.parse(JSON.stringify(s))).toEqual(s)
  })

  it('profile samples: posterior draws for the calibrated parameter, prior draws for the rest; none without a posterior', () => {
    const r = calibrate([lab], { parameters: ['liverKMax'], seed: 4, warmup: 500, draws: 2000 })
    const samples = sampleProfileMultipliers(r, 4000, 9)
    expect(sampleProfileMultipliers(r, 3, 9)).toEqual(samples.slice(0, 3)) // seeded
    const lnLiver = samples.map((m) => Math.log(m.liverKMax!)).sort((a, b) => a - b)
    const lnSpleen = samples.map((m) => Math.log(m.spleenKMax!))
    const post = r.parameters.find((p) => p.id === 'liverKMax')!.posterior!
    expect(Math.exp(lnLiver[2000]!)).toBeCloseTo(post.median, 1)
    // spleen was not calibrated: its spread is the prior's, SD of ln m = √ln 1.25 = 0.472
    const mean = lnSpleen.reduce((a, b) => a + b, 0) / lnSpleen.length
    const sd = Math.sqrt(lnSpleen.reduce((a, b) => a + (b - mean) ** 2, 0) / (lnSpleen.length - 1))
    expect(Math.abs(mean)).toBeLessThan(0.03)
    expect(sd).toBeGreaterThan(0.44)
    expect(sd).toBeLessThan(0.50)
    const short = calibrate([lab], { parameters: ['liverKMax'], seed: 4, warmup: 5, draws: 10 })
    expect(() => sampleProfileMultipliers(short, 10, 1)).toThrow(/no posterior to sample: .*ESS/)
  })
})
