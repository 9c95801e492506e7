/**
 * The sweep's virtual-cohort method (issue 17): each sample a virtual patient of a cohort file
 * (issue 15's sampler), derived from the seed and the sample index alone, so any split gives
 * identical rows; covariates written beside the metrics and inside the cohort file's bounds;
 * the patient response recorded; a non-human base design refused with the reason.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import raCohort from '../../../../resources/cohorts/ra.nanoforge-cohort.json' with { type: 'json' }
import { newDesign } from '../../../../shared/design/defaults'
import type { Design } from '../../../../shared/design/types'
import { evaluateSerially } from '../../../../shared/analysis/evaluate'
import { cohortResponseHorizonH, validateCohort } from '../../../../shared/patient/cohort'
import { simulatePatient } from '../../../../shared/patient/simulate-patient'
import { PATIENT_LIMITS } from '../../../../shared/patient/schema'
import { canonicalSpecJson, parseSweepSpec, type ResolvedSweep } from '../../../../shared/sweep/spec'
import { evaluateShard, shardRange, sweepSampler, type SweepTable } from '../../../../shared/sweep/shard'
import { COVARIATE_COLUMNS } from '../../../../shared/sweep/cohort'
import { decodeSweepParquet, encodeSweepParquet, sweepColumnNames } from '../../../../shared/sweep/parquet'

/** The default design given to a person with rheumatoid arthritis (the RA cohort's disease). */
function humanDesign(): Design {
  const d = newDesign()
  return { ...d, context: { ...d.context, species: 'human', disease: 'rheumatoid-arthritis' } }
}

function cohortSpec(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { format: 'nanoforge.sweep', version: 1, base: humanDesign(), method: 'virtual-cohort', cohort: raCohort, samples: 12, seed: 7, hours: 24, ...extra }
}

function resolved(doc: Record<string, unknown>): ResolvedSweep {
  const parsed = parseSweepSpec(doc)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
  return parsed.sweep
}

function errorsOf(doc: Record<string, unknown>): Array<{ path: string; message: string }> {
  const parsed = parseSweepSpec(doc)
  if (parsed.ok) throw new Error('the spec was accepted')
  return parsed.errors
}

/** Tables joined in order, as a merge joins shards. */
function concat(tables: ReadonlyArray<SweepTable>): SweepTable {
  return {
    sample: tables.flatMap((t) => t.sample),
    knobs: tables[0]!.knobs.map((_, d) => tables.flatMap((t) => t.knobs[d]!)),
    covariates: tables[0]!.covariates!.map((_, c) => tables.flatMap((t) => t.covariates![c]!)),
    metrics: tables[0]!.metrics.map((_, j) => tables.flatMap((t) => t.metrics[j]!)),
    error: tables.flatMap((t) => t.error),
  }
}

describe('virtual-cohort spec', () => {
  it('accepts a human design of the cohort\'s disease, with or without knobs; records registry and response metrics by default', () => {
    const plain = resolved(cohortSpec())
    expect(plain.knobs).toEqual([])
    expect(plain.spec.metrics).toContain('selectivityIndex')
    expect(plain.spec.metrics).toContain('targetExposureRatio')
    expect(plain.spec.metrics).toContain('cortisolSuppression')
    // the canonical spec carries the cohort itself and parses back to the same spec
    const canonical = canonicalSpecJson(plain.spec)
    expect(JSON.parse(canonical).cohort.femaleFraction.value).toBe(0.75)
    expect(canonicalSpecJson(resolved(JSON.parse(canonical) as Record<string, unknown>).spec)).toBe(canonical)
    const knobbed = resolved(cohortSpec({ vary: [{ path: 'core.diameterNm', min: 60, max: 200 }], metrics: ['selectivityIndex', 'systemicExposureRatio'] }))
    expect(knobbed.knobs.map((k) => k.path)).toEqual(['core.diameterNm'])
    expect(knobbed.spec.metrics).toEqual(['selectivityIndex', 'systemicExposureRatio'])
  })

  it('refuses a non-human base design, naming the species and what to do', () => {
    const mouse = newDesign() // the default design is for a mouse
    expect(mouse.context.species).toBe('mouse')
    const errors = errorsOf(cohortSpec({ base: mouse }))
    expect(errors).toEqual([{ path: 'base.context.species', message: expect.stringMatching(/^is "mouse": a virtual-cohort sweep draws virtual patients, who are human, so its base design must be a human design \(set base\.context\.species to "human"/) }])
    // also when the cohort is missing: both problems at once
    const both = errorsOf(cohortSpec({ base: mouse, cohort: undefined }))
    expect(both.map((e) => e.path).sort()).toEqual(['base.context.species', 'cohort'])
  })

  it('refuses another disease than the cohort\'s, a missing or broken cohort, knobs of species or disease, and response metrics elsewhere', () => {
    const lupus = humanDesign()
    const lupusErrors = errorsOf(cohortSpec({ base: { ...lupus, context: { ...lupus.context, disease: 'lupus-nephritis' } } }))
    expect(lupusErrors).toHaveLength(1)
    expect(lupusErrors[0]!.path).toBe('base.context.disease')
    expect(lupusErrors[0]!.message).toMatch(/targets lupus-nephritis but the patient has rheumatoid-arthritis/)
    expect(errorsOf(cohortSpec({ cohort: undefined }))[0]).toMatchObject({ path: 'cohort', message: expect.stringMatching(/^is missing; a virtual-cohort sweep draws its patients from a cohort/) })
    const broken = { ...raCohort, femaleFraction: { value: 1.5, source: 'x' } }
    expect(errorsOf(cohortSpec({ cohort: broken })).map((e) => e.path)).toEqual(['cohort.femaleFraction.value'])
    expect(errorsOf(cohortSpec({ cohort: 'ra.nanoforge-cohort.json' }))[0]!.message).toMatch(/names a file .* only nanoforge sweep reads/)
    expect(errorsOf(cohortSpec({ vary: [{ path: 'context.species', options: ['human', 'rat'] }] })).map((e) => e.path)).toContain('vary[0].path')
    expect(errorsOf(cohortSpec({ levels: 3 })).map((e) => e.path)).toEqual(['levels'])
    const lhs = errorsOf({ ...cohortSpec({ method: 'latin-hypercube', vary: [{ path: 'core.diameterNm', min: 60, max: 200 }], metrics: ['benefitRatio'] }) })
    expect(lhs.map((e) => e.path).sort()).toEqual(['cohort', 'metrics[0]'])
    expect(lhs.find((e) => e.path === 'metrics[0]')!.message).toMatch(/patient response metric, recorded only by a "virtual-cohort" sweep/)
    // an empty vary is still refused for the design-only methods
    expect(errorsOf({ ...cohortSpec({ method: 'sobol', vary: [] }), cohort: undefined }).map((e) => e.path)).toEqual(['vary'])
  })
})

describe('virtual-cohort samples', () => {
  it('any split gives identical rows: 1 shard, 4 shards and 3 uneven pieces (with a knob)', async () => {
    const sweep = resolved(cohortSpec({ vary: [{ path: 'core.diameterNm', min: 60, max: 200 }] }))
    const n = sweep.spec.samples
    const whole = await evaluateShard(sweep, shardRange(0, 1, n), evaluateSerially)
    const four = await Promise.all([0, 1, 2, 3].map((i) => evaluateShard(sweep, shardRange(i, 4, n), evaluateSerially)))
    const uneven = await Promise.all([[0, 1], [1, 8], [8, n]].map(([start, end]) => evaluateShard(sweep, { start: start!, end: end! }, evaluateSerially)))
    expect(whole.error.every((e) => e === null)).toBe(true)
    expect(whole.covariates).toHaveLength(COVARIATE_COLUMNS.length)
    expect(concat(four)).toEqual(whole)
    expect(concat(uneven)).toEqual(whole)
    // the patients differ from sample to sample
    expect(new Set(whole.covariates![1]).size).toBe(n)
  })

  it('sample i\'s patient depends on the seed and i only: not on the sample count, the knobs or the run; another seed gives others', () => {
    const patientOf = (doc: Record<string, unknown>, i: number): unknown => sweepSampler(resolved(doc)).sample(i).patient
    const at7 = patientOf(cohortSpec({ samples: 10 }), 7)
    expect(patientOf(cohortSpec({ samples: 10 }), 7)).toEqual(at7)
    expect(patientOf(cohortSpec({ samples: 5000 }), 7)).toEqual(at7)
    expect(patientOf(cohortSpec({ samples: 10, vary: [{ path: 'core.diameterNm', min: 60, max: 200 }] }), 7)).toEqual(at7)
    expect(patientOf(cohortSpec({ samples: 10, seed: 8 }), 7)).not.toEqual(at7)
    expect(patientOf(cohortSpec({ samples: 10 }), 6)).not.toEqual(at7)
  })

  it('3000 patients: every covariate inside the cohort file\'s bounds; sex share, age and eGFR as published; neighbours independent', () => {
    const n = 3000
    const { sample } = sweepSampler(resolved(cohortSpec({ samples: n })))
    const patients = Array.from({ length: n }, (_, i) => sample(i).patient!)
    type Bound = { min: number; max: number }
    const c = raCohort.covariates
    const within = (v: number, b: Bound): boolean => v >= b.min && v <= b.max
    for (const p of patients) {
      const sexed = <T extends Bound>(m: { female: T; male: T }): T => m[p.sex]
      expect(within(p.ageY, c.ageY)).toBe(true)
      expect(within(p.egfrMlPerMin, c.egfrMlPerMin)).toBe(true)
      expect(within(p.activity.value, c.activity)).toBe(true)
      expect(within(p.heightCm, sexed(c.heightCm))).toBe(true)
      expect(within(p.bodyWeightKg, sexed(c.bodyWeightKg))).toBe(true)
      const bmi = p.bodyWeightKg / (p.heightCm / 100) ** 2
      expect(within(bmi, PATIENT_LIMITS.bodyMassIndexKgPerM2)).toBe(true)
      expect(p.disease).toBe(raCohort.disease)
      expect(p.activity.scale).toBe(c.activity.scale)
    }
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length
    // binomial SD of the share at n = 3000: √(0.75·0.25/3000) = 0.0079; 3 SD
    const women = patients.filter((p) => p.sex === 'female').length / n
    expect(Math.abs(women - raCohort.femaleFraction.value)).toBeLessThan(3 * Math.sqrt(0.75 * 0.25 / n))
    // N(56, 13) cut at 18 and 95 loses < 0.3 %: the mean stays within 3 SE (13/√3000 = 0.24) of 56
    expect(Math.abs(mean(patients.map((p) => p.ageY)) - c.ageY.mean)).toBeLessThan(3 * c.ageY.sd / Math.sqrt(n))
    // eGFR falls with age (ρ = −0.5 in the file): Pearson r of the draws is clearly negative
    const ages = patients.map((p) => p.ageY)
    const egfr = patients.map((p) => p.egfrMlPerMin)
    const r = (xs: number[], ys: number[]): number => {
      const mx = mean(xs)
      const my = mean(ys)
      let sxy = 0
      let sxx = 0
      let syy = 0
      xs.forEach((x, i) => { sxy += (x - mx) * (ys[i]! - my); sxx += (x - mx) ** 2; syy += (ys[i]! - my) ** 2 })
      return sxy / Math.sqrt(sxx * syy)
    }
    expect(r(ages, egfr)).toBeLessThan(-0.4)
    expect(r(ages, egfr)).toBeGreaterThan(-0.6)
    // neighbouring samples' patients are independent (3 SE of r at n ≈ 3000 is 0.055)
    expect(Math.abs(r(ages.slice(0, -1), ages.slice(1)))).toBeLessThan(0.055)
  })

  it('every cohort file of resources/cohorts: 1000 patients, each covariate inside that file\'s bounds (by sex where the file splits it)', () => {
    const folder = join(__dirname, '../../../../resources/cohorts')
    const files = readdirSync(folder).filter((f) => f.endsWith('.nanoforge-cohort.json'))
    expect(files.length).toBeGreaterThanOrEqual(5)
    type Bound = { min?: number; max?: number }
    type Marginal = Bound | { female: Bound; male: Bound }
    for (const file of files) {
      const doc = JSON.parse(readFileSync(join(folder, file), 'utf8')) as { disease: string; covariates: Record<string, Marginal> }
      const base = humanDesign()
      const { sample } = sweepSampler(resolved(cohortSpec({ cohort: doc, samples: 1000, base: { ...base, context: { ...base.context, disease: doc.disease } } })))
      for (let i = 0; i < 1000; i++) {
        const p = sample(i).patient!
        const values: Record<string, number> = { ageY: p.ageY, heightCm: p.heightCm, bodyWeightKg: p.bodyWeightKg, egfrMlPerMin: p.egfrMlPerMin, activity: p.activity.value }
        for (const [cov, v] of Object.entries(values)) {
          const m = doc.covariates[cov]!
          const b: Bound = 'female' in m ? m[p.sex] : m
          if (b.min !== undefined) expect(v, `${file} ${cov}`).toBeGreaterThanOrEqual(b.min)
          if (b.max !== undefined) expect(v, `${file} ${cov}`).toBeLessThanOrEqual(b.max)
        }
        expect(p.disease).toBe(doc.disease)
      }
    }
  })

  it('records each patient\'s covariates and response: the columns are the patient run\'s values', async () => {
    const sweep = resolved(cohortSpec({ samples: 4, metrics: ['selectivityIndex', 'systemicExposureRatio', 'targetExposureRatio', 'targetOccupancy'] }))
    const table = await evaluateShard(sweep, { start: 0, end: 4 }, evaluateSerially)
    const cohort = validateCohort(raCohort)
    if (!cohort.valid) throw new Error('the RA cohort is valid')
    const design = humanDesign()
    const horizonH = cohortResponseHorizonH(design, cohort.cohort, 24)
    const { sample } = sweepSampler(sweep)
    for (let i = 0; i < 4; i++) {
      const p = sample(i).patient!
      expect(table.covariates!.map((col) => col[i])).toEqual([p.sex, p.ageY, p.heightCm, p.bodyWeightKg, p.egfrMlPerMin, p.activity.value])
      const run = simulatePatient(design, p, { hours: 24, tailorDose: false, responseHorizonH: horizonH })
      // the model's identity (simulate-patient.ts): systemic exposure ÷ free drug = the share of the dose released
      expect(table.metrics[1]![i]).toBeCloseTo(run.response.drugAtHorizon.releasedPercentDose / 100, 12)
      expect(table.metrics[2]![i]).toBe(run.response.versusFreeDrug.targetExposureRatio)
      const target = run.response.target
      expect(table.metrics[3]![i]).toBe(target?.kind === 'drug' ? target.particle.effect : null)
    }
    // dexamethasone is a glucocorticoid with a receptor model: occupancy is a fraction
    expect(table.metrics[3]!.every((v) => v !== null && v > 0 && v < 1)).toBe(true)
  })

  it('a Parquet shard holds the covariate columns between the knobs and the metrics, read back unchanged', async () => {
    const sweep = resolved(cohortSpec({ samples: 3, vary: [{ path: 'core.material', options: ['plga-50-50', 'pla'] }], metrics: ['bloodHalfLifeH', 'harmRatio'] }))
    const table = await evaluateShard(sweep, { start: 0, end: 3 }, evaluateSerially)
    const canonical = canonicalSpecJson(sweep.spec)
    const bytes = encodeSweepParquet(table, sweep.knobs, sweep.spec.metrics, { specHash: 'h', spec: canonical, engineVersion: 'e', shard: null, start: 0, end: 3 })
    const decoded = await decodeSweepParquet(bytes)
    expect(decoded.columnNames).toEqual(['sample', 'core.material', 'patient.sex', 'patient.ageY', 'patient.heightCm', 'patient.bodyWeightKg', 'patient.egfrMlPerMin', 'patient.activity', 'bloodHalfLifeH', 'harmRatio', 'error'])
    expect(decoded.columnNames).toEqual(sweepColumnNames(sweep.knobs, sweep.spec.metrics, true))
    expect(decoded.columns.slice(2, 8)).toEqual(table.covariates)
    expect(decoded.columns.slice(8, 10)).toEqual(table.metrics)
  })
})
