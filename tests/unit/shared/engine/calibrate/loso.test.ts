import { describe, expect, it } from 'vitest'
import { newDesign } from '../../../../../shared/design/defaults'
import { deriveProperties } from '../../../../../shared/design/derived'
import { biodistributionInputFromDesign } from '../../../../../shared/engine/pbpk'
import { mulberry32 } from '../../../../../shared/engine/random'
import {
  calibrate, leaveOneStudyOut, posteriorMedianMultipliers, syntheticBiodistributionStudy, within2Fold, within2FoldShare,
  type BiodistributionStudy, type CalibrationStudy, type Multipliers, type ReleaseStudy,
} from '../../../../../shared/engine/calibrate'

const base = newDesign()
const truth = { liverKMax: 3, targetPermeability: 0.4, mpsKRel: 0.5 }

/** The lab: the default design at three doses, %ID of 4 tissues at 3 times, CV 20 %. */
function lab(): BiodistributionStudy[] {
  const u = mulberry32(77)
  return [1, 5, 25].map((mg) => {
    const d = { ...base, context: { ...base.context, dose: { mgPerKg: mg, basis: 'drug' as const } } }
    return syntheticBiodistributionStudy({
      id: `dose-${mg}`, input: biodistributionInputFromDesign(d, deriveProperties(d)),
      tissues: ['blood', 'liver', 'spleen', 'joints'], timesH: [1, 4, 24], truth, cv: 0.2, uniform: u,
    })
  })
}

/** A prediction that is the observed value × a factor per study, for exact counting. */
const scaled = (factor: Readonly<Record<string, number>>) => (s: CalibrationStudy, m: Multipliers): number[] =>
  s.kind === 'release' ? [] : s.observations.map((o) => o.value * (m.liverKMax === undefined ? factor[s.id]! : 1))

function fakeStudy(id: string, n: number, censoredAt: number[] = []): BiodistributionStudy {
  const s = lab()[0]!
  return { ...s, id, observations: Array.from({ length: n }, (_, i) => ({ quantity: 'percentDose' as const, tissue: 'liver' as const, timeH: i + 1, value: 10, ...(censoredAt.includes(i) ? { censored: true } : {}) })) }
}

describe('within 2-fold', () => {
  it('includes the 2-fold bounds and nothing beyond', () => {
    expect(within2Fold(10, 20)).toBe(true)
    expect(within2Fold(10, 5)).toBe(true)
    expect(within2Fold(10, 20.01)).toBe(false)
    expect(within2Fold(10, 4.99)).toBe(false)
    expect(within2Fold(10, 0)).toBe(false)
  })

  it('counts uncensored biodistribution points only (release profiles and censored points are not scored)', () => {
    const release: ReleaseStudy = { kind: 'release', id: 'r', timesH: [1], meanPercent: [50], sdPercent: [null], nominalFraction: [0.5], environment: 'plasma' }
    const share = within2FoldShare([fakeStudy('a', 4, [1]), release], {}, scaled({ a: 1.5 }))
    expect(share).toEqual({ points: 3, within2Fold: 3, share: 1 })
  })
})

describe('leave-one-study-out', () => {
  it('fits each fold on the other studies only and pools the held-out points', () => {
    const studies = [fakeStudy('a', 2), fakeStudy('b', 3), fakeStudy('c', 4)]
    const seen: string[][] = []
    // nominal: study a within 2-fold (×1.5), b and c not (×3); a "calibration" fixes everything
    // except when c is held out, where it fails (null)
    const r = leaveOneStudyOut(studies, (training) => {
      seen.push(training.map((s) => s.id))
      return training.some((s) => s.id === 'c') ? { liverKMax: 1 } : null
    }, scaled({ a: 1.5, b: 3, c: 3 }))
    expect(seen).toEqual([['b', 'c'], ['a', 'c'], ['a', 'b']])
    expect(r.before).toEqual({ points: 9, within2Fold: 2, share: 2 / 9 })
    expect(r.failedFolds).toEqual(['c'])
    expect(r.after).toEqual({ points: 5, within2Fold: 5, share: 1 })
    expect(r.beforeOnSameFolds).toEqual({ points: 5, within2Fold: 2, share: 0.4 })
    expect(() => leaveOneStudyOut([studies[0]!], () => ({}))).toThrow(/at least 2 studies/)
  })

  it('with the real calibration: a lab whose liver takes up 3× more raises the held-out within-2-fold share', () => {
    const studies = lab()
    const nominal = within2FoldShare(studies, {})
    expect(nominal.share).toBeLessThan(0.85) // the nominal engine misses some points by > 2-fold
    const r = leaveOneStudyOut(studies, (training) => {
      const c = calibrate(training, { parameters: ['liverKMax', 'targetPermeability', 'mpsKRel'], seed: 1, warmup: 300, draws: 800, rHatMax: 1.05, essMin: 150 })
      return c.status === 'converged' ? posteriorMedianMultipliers(c) : null
    })
    expect(r.failedFolds).toEqual([])
    expect(r.before.points).toBe(36)
    expect(r.after.share).toBeGreaterThan(r.before.share + 0.1)
    // the learned liver multiplier is near the hidden 3 in every fold
    for (const f of r.folds) {
      expect(f.multipliers!.liverKMax!).toBeGreaterThan(2)
      expect(f.multipliers!.liverKMax!).toBeLessThan(4.5)
    }
  }, 120_000)
})
