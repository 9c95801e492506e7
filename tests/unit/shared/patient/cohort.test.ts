/**
 * Virtual cohorts (issue #15, step 4): the sampler reproduces its distributions (sex share,
 * means, SDs, correlations) within sampling error, is seeded, respects bounds; the cohort
 * file's problems come back with paths; percentiles follow the R type-7 definition; a small
 * cohort of the disease runs end to end.
 */
import { describe, expect, it } from 'vitest'
import { validateDesign } from '../../../../shared/design/schema'
import { cholesky, marginalValue, runCohort, sampleCohort, validateCohort } from '../../../../shared/patient/cohort'
import { quantileSorted } from '../../../../shared/engine/quantile'
import raCohort from '../../../../resources/cohorts/ra.nanoforge-cohort.json' with { type: 'json' }
import liposome from '../../../../resources/examples/ra-folate-peg-liposome.nanoforge.json' with { type: 'json' }
import { METRIC_IDS } from '../../../../shared/metrics/registry'

/** The cohort file as the tests edit it. */
type CohortDoc = { covariates: { ageY: { sd: number }; activity: { scale: string } }; correlations: Array<{ between: string[]; rho: number; source: string }> }

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length
const sd = (xs: number[]): number => Math.sqrt(xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0) / (xs.length - 1))
function pearson(xs: number[], ys: number[]): number {
  const mx = mean(xs)
  const my = mean(ys)
  let sxy = 0
  let sxx = 0
  let syy = 0
  xs.forEach((x, i) => { sxy += (x - mx) * (ys[i]! - my); sxx += (x - mx) ** 2; syy += (ys[i]! - my) ** 2 })
  return sxy / Math.sqrt(sxx * syy)
}

function cohort() {
  const v = validateCohort(raCohort)
  if (!v.valid) throw new Error(JSON.stringify(v.errors))
  return v.cohort
}

describe('cohort sampler', () => {
  const { patients } = sampleCohort(cohort(), 6000, 42)

  it('reproduces the sex share and the age distribution (sampling error ~1-2 %)', () => {
    const women = patients.filter((p) => p.sex === 'female').length / patients.length
    expect(women).toBeGreaterThan(0.73)
    expect(women).toBeLessThan(0.77)
    const ages = patients.map((p) => p.ageY)
    // bounds 18-95 cut < 0.3 % of N(56, 13): mean and SD barely move
    expect(mean(ages)).toBeGreaterThan(55.3)
    expect(mean(ages)).toBeLessThan(56.7)
    expect(sd(ages)).toBeGreaterThan(12.3)
    expect(sd(ages)).toBeLessThan(13.5)
  })

  it('women\'s weight is lognormal with mean 70 and SD 15 kg; men\'s heights centre on 176 cm', () => {
    const w = patients.filter((p) => p.sex === 'female').map((p) => p.bodyWeightKg)
    expect(mean(w)).toBeGreaterThan(68.5)
    expect(mean(w)).toBeLessThan(71.5)
    expect(sd(w)).toBeGreaterThan(13.5)
    expect(sd(w)).toBeLessThan(16)
    const h = patients.filter((p) => p.sex === 'male').map((p) => p.heightCm)
    expect(mean(h)).toBeGreaterThan(175)
    expect(mean(h)).toBeLessThan(177)
  })

  it('carries the stated correlations (age-eGFR −0.5, height-weight 0.45 within sex)', () => {
    expect(pearson(patients.map((p) => p.ageY), patients.map((p) => p.egfrMlPerMin))).toBeCloseTo(-0.5, 1)
    const women = patients.filter((p) => p.sex === 'female')
    // the lognormal bends a normal-score correlation of 0.45 only slightly
    expect(pearson(women.map((p) => p.heightCm), women.map((p) => p.bodyWeightKg))).toBeGreaterThan(0.38)
    expect(pearson(women.map((p) => p.heightCm), women.map((p) => p.bodyWeightKg))).toBeLessThan(0.48)
  })

  it('respects every bound and is reproducible from its seed', () => {
    for (const p of patients) {
      expect(p.activity.value).toBeGreaterThanOrEqual(2.6)
      expect(p.egfrMlPerMin).toBeGreaterThanOrEqual(15)
    }
    expect(sampleCohort(cohort(), 50, 7).patients).toEqual(sampleCohort(cohort(), 50, 7).patients)
    expect(sampleCohort(cohort(), 50, 7).patients).not.toEqual(sampleCohort(cohort(), 50, 8).patients)
  })
})

describe('cohort file and helpers', () => {
  it('reports problems with their paths', () => {
    const bad = structuredClone(raCohort) as CohortDoc
    bad.covariates.ageY.sd = -1
    bad.covariates.activity.scale = 'PASI'
    bad.correlations.push({ between: ['ageY', 'ageY'], rho: 0.2, source: 'x' })
    const v1 = validateCohort(bad)
    expect(v1.valid || v1.errors.map((e) => e.path)).toContain('covariates.ageY.sd')
    const bad2 = structuredClone(raCohort) as CohortDoc
    bad2.covariates.activity.scale = 'PASI'
    bad2.correlations.push({ between: ['ageY', 'ageY'], rho: 0.2, source: 'x' })
    const v2 = validateCohort(bad2)
    expect(v2.valid || v2.errors.map((e) => e.path).sort()).toEqual(['correlations[3].between', 'covariates.activity.scale'])
  })

  it('refuses correlations that are not a correlation matrix', () => {
    const bad = structuredClone(raCohort) as CohortDoc
    bad.correlations = [
      { between: ['ageY', 'heightCm'], rho: 0.9, source: 'x' }, { between: ['heightCm', 'bodyWeightKg'], rho: 0.9, source: 'x' },
      { between: ['ageY', 'bodyWeightKg'], rho: -0.9, source: 'x' },
    ]
    const v = validateCohort(bad)
    expect(v.valid || v.errors.map((e) => e.path)).toEqual(['correlations'])
  })

  it('Cholesky of [[1, .5], [.5, 1]] is [[1, 0], [.5, √.75]]', () => {
    const l = cholesky([[1, 0.5], [0.5, 1]])!
    expect(l[1]![0]).toBeCloseTo(0.5, 12)
    expect(l[1]![1]).toBeCloseTo(Math.sqrt(0.75), 12)
  })

  it('a lognormal given by mean 70, SD 15 has median 70/√(1 + (15/70)²)', () => {
    expect(marginalValue({ distribution: 'lognormal', mean: 70, sd: 15, source: 'x' }, 0)).toBeCloseTo(70 / Math.sqrt(1 + (15 / 70) ** 2), 9)
  })

  it('quantiles by linear interpolation (R type 7): 1..10 → p5 1.45, p50 5.5, p95 9.55', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    expect(quantileSorted(xs, 0.05)).toBeCloseTo(1.45, 12)
    expect(quantileSorted(xs, 0.5)).toBeCloseTo(5.5, 12)
    expect(quantileSorted(xs, 0.95)).toBeCloseTo(9.55, 12)
  })
})

describe('a cohort run', () => {
  it('40 RA patients with a human dexamethasone liposome: every registry metric with ordered percentiles, extremes to open', () => {
    const d = validateDesign({ ...liposome, context: { ...liposome.context, species: 'human', dose: { mgPerKg: 0.1, basis: 'drug' } } })
    if (!d.valid) throw new Error('invalid design')
    const r = runCohort(d.design, cohort(), { n: 40, seed: 3 })
    expect(r.n).toBe(40)
    for (const id of [...METRIC_IDS, 'targetExposureRatio', 'systemicExposureRatio']) {
      const p = r.metrics[id as keyof typeof r.metrics]
      expect(p.p5, id).not.toBeNull()
      expect(p.p5!).toBeLessThanOrEqual(p.p50!)
      expect(p.p50!).toBeLessThanOrEqual(p.p95!)
    }
    expect(r.extremes!.lowest.value).toBeLessThanOrEqual(r.extremes!.highest.value)
    expect(r.extremes!.lowest.patient.format).toBe('nanoforge.patient')
    // patients differ, so the target exposure does
    expect(r.metrics.targetAucPercentDoseH.p95!).toBeGreaterThan(r.metrics.targetAucPercentDoseH.p5!)
  })
})
