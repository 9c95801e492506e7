/**
 * The example cohort of each disease (issue #15, "virtual cohorts … from published distributions
 * for each disease's patients"): every file validates, cites a source for every distribution, and
 * its sampled patients reproduce the cited sex share and means. Cited numbers are typed here from
 * the trial tables named in each file, not read from the files.
 */
import { describe, expect, it } from 'vitest'
import { sampleCohort, validateCohort } from '../../../../shared/patient/cohort'
import { DISEASE_IDS } from '../../../../shared/catalog/ids'
import { EXAMPLE_COHORTS, exampleCohortsFor } from '../../../../renderer/features/patient/patient-examples'
import ln from '../../../../resources/cohorts/lupus-nephritis.nanoforge-cohort.json' with { type: 'json' }
import ms from '../../../../resources/cohorts/multiple-sclerosis.nanoforge-cohort.json' with { type: 'json' }
import ibd from '../../../../resources/cohorts/ibd.nanoforge-cohort.json' with { type: 'json' }
import psoriasis from '../../../../resources/cohorts/psoriasis.nanoforge-cohort.json' with { type: 'json' }
import t1d from '../../../../resources/cohorts/t1d.nanoforge-cohort.json' with { type: 'json' }

interface Cited { readonly female: number; readonly ageY: number; readonly bodyWeightKg: number; readonly activity: number }

// From the tables: LUNAR + CALIBRATE (Front Immunol 2022 Table 3: 148/166 women, age 29.4 and
// 32.0 y in arms of 72 and 94, UPCR 4.2 and 3.6); OPERA (65.5 % women, 38.1 y, BMI 26.2 → weight
// through the cohort's mean heights); ULTRA 1 (62.3 % men, weight 78.7/76.8/75.5 kg, Mayo
// 8.7/9.0/8.8; age from medians 37/40/36.5); IXORA-S (202/302 men, 44.0 and 42.7 y, 89.4 and
// 85.8 kg, PASI 19.8 and 19.9); Omnipod 5 pivotal trial, adolescents and adults (Diabetes Care
// 2021 44:1630 Table 1: 78/128 women, 36.9 y, BMI 26.6; all at stage 3). Weight of LN, MS and
// T1D: the cited BMI × the sex's mean height².
const CITED: Record<string, { doc: unknown; disease: string; cited: Cited }> = {
  'lupus-nephritis': { doc: ln, disease: 'lupus-nephritis', cited: { female: 148 / 166, ageY: (72 * 29.4 + 94 * 32.0) / 166, bodyWeightKg: 26.3 * (0.89 * 1.62 ** 2 + 0.11 * 1.76 ** 2), activity: (72 * 4.2 + 94 * 3.6) / 166 } },
  'multiple-sclerosis': { doc: ms, disease: 'multiple-sclerosis', cited: { female: 949 / 1448, ageY: 38.1, bodyWeightKg: 26.2 * (0.655 * 1.62 ** 2 + 0.345 * 1.76 ** 2), activity: 2.89 } },
  ibd: { doc: ibd, disease: 'inflammatory-bowel-disease', cited: { female: 1 - (63.1 + 60.0 + 63.8) / 300, ageY: (37 + 40 + 36.5) / 3, bodyWeightKg: (78.7 + 76.8 + 75.5) / 3, activity: (8.7 + 9.0 + 8.8) / 3 } },
  psoriasis: { doc: psoriasis, disease: 'psoriasis', cited: { female: 100 / 302, ageY: (166 * 44.0 + 136 * 42.7) / 302, bodyWeightKg: (166 * 89.4 + 136 * 85.8) / 302, activity: (166 * 19.8 + 136 * 19.9) / 302 } },
  t1d: { doc: t1d, disease: 'type-1-diabetes', cited: { female: 78 / 128, ageY: 36.9, bodyWeightKg: 26.6 * ((78 / 128) * 1.62 ** 2 + (50 / 128) * 1.76 ** 2), activity: 3 } },
}

describe('a cohort for each disease with cited covariates', () => {
  it('every disease but healthy has an example cohort of its own', () => {
    const covered = DISEASE_IDS.filter((d) => exampleCohortsFor(d).length > 0)
    expect(covered).toEqual(DISEASE_IDS.filter((d) => d !== 'healthy'))
    expect(EXAMPLE_COHORTS.map((c) => c.cohort.disease)).toEqual(covered)
  })

  it.each(Object.entries(CITED))('%s: valid, every distribution cited (a year, or said to be an estimate or recalled)', (_id, { doc, disease }) => {
    const v = validateCohort(doc)
    if (!v.valid) throw new Error(JSON.stringify(v.errors))
    expect(v.cohort.disease).toBe(disease)
    const sources = JSON.stringify(doc).match(/"source":\s*"[^"]*"/g) ?? []
    expect(sources.length).toBeGreaterThanOrEqual(9) // female share, age, height ×2, weight, eGFR, activity, 3 correlations
    for (const s of sources) {
      expect(s).not.toMatch(/resources\/|\.ts\b|docs\//)
      expect(s, s).toMatch(/(19|20)\d\d|NanoForge estimate|recalled, not re-read/)
    }
  })

  it.each(Object.entries(CITED))('%s: 4,000 sampled patients reproduce the cited sex share (±0.02) and means (±10 %: bounds truncate)', (_id, { doc, cited }) => {
    const v = validateCohort(doc)
    if (!v.valid) throw new Error('invalid')
    const { patients } = sampleCohort(v.cohort, 4000, 11)
    const mean = (f: (p: (typeof patients)[number]) => number): number => patients.reduce((a, p) => a + f(p), 0) / patients.length
    expect(Math.abs(mean((p) => (p.sex === 'female' ? 1 : 0)) - cited.female)).toBeLessThan(0.02)
    for (const [key, value] of [['ageY', mean((p) => p.ageY)], ['bodyWeightKg', mean((p) => p.bodyWeightKg)], ['activity', mean((p) => p.activity.value)]] as const) {
      const want = cited[key]
      expect(Math.abs(value / want - 1), `${key}: sampled ${value.toFixed(2)} vs cited ${want.toFixed(2)}`).toBeLessThan(0.1)
    }
    // every patient is an adult with the disease on the cohort's scale, within the scale's bounds
    expect(patients.every((p) => p.ageY >= 18 && p.activity.scale === v.cohort.activityScale)).toBe(true)
  })
})
