/**
 * The Patient tab's pure helpers (issue #15): the form's text ↔ the patient file through the
 * file's own validator, problems placed at their controls, one source of the fields' bounds,
 * the ratio and percentile formats, and the log axis of the cohort's ratio bands.
 */
import { describe, expect, it } from 'vitest'
import raPatient from '../../../../resources/patients/ra-62f.nanoforge-patient.json' with { type: 'json' }
import { PATIENT_FIELDS, PATIENT_NUMBER_KEYS, validatePatient, type Patient } from '../../../../shared/patient/schema'
import { referencePatient } from '../../../../shared/patient/physiology'
import type { CohortResult, Percentiles } from '../../../../shared/patient/cohort'
import { METRIC_IDS } from '../../../../shared/metrics/registry'
import {
  cohortMetricRows, draftForDisease, draftFromPatient, issuesByControl, logPosition, patientDocument, patientSummary, ratioAxis, ratioNumberText, ratioText,
  referenceDraft, validateDraft,
} from '../../../../renderer/features/patient/patient-format'
import { EXAMPLE_COHORTS, EXAMPLE_PATIENTS, examplePatientsFor } from '../../../../renderer/features/patient/patient-examples'

const example = (): Patient => {
  const v = validatePatient(raPatient)
  if (!v.valid) throw new Error('example invalid')
  return v.patient
}

describe('the patient form and the patient file', () => {
  it('a patient → form text → the same patient (the example file and every reference patient)', () => {
    const p = example()
    const back = validateDraft(draftFromPatient(p), p.disease)
    expect(back.valid && back.patient).toEqual(p)
    for (const disease of ['rheumatoid-arthritis', 'lupus-nephritis', 'psoriasis', 'type-1-diabetes'] as const) {
      const d = validateDraft(referenceDraft(disease), disease)
      expect(d.valid, disease).toBe(true)
      // the form holds 6 significant digits: the reference eGFR (117.19…) within 1e-5 relative
      if (d.valid) expect(d.patient.egfrMlPerMin).toBeCloseTo(referencePatient(disease).egfrMlPerMin, 3)
    }
  })

  it('the document the form downloads is the file format (what `simulate --patient` reads)', () => {
    const p = example()
    expect(patientDocument(draftFromPatient(p), p.disease)).toEqual(raPatient)
  })

  it('puts each problem at its control: an empty weight is missing, age 12 is out of range, "abc" is not a number, the BMI goes to the weight', () => {
    const d = { ...draftFromPatient(example()), bodyWeightKg: '', ageY: '12', heightCm: 'abc' }
    const v = validateDraft(d, 'rheumatoid-arthritis')
    expect(v.valid).toBe(false)
    const by = issuesByControl(v.valid ? [] : v.errors)
    expect(by.get('bodyWeightKg')?.[0]).toMatch(/is missing; give the body weight in kg/)
    expect(by.get('ageY')?.[0]).toMatch(/between 18 and 110 years \(age\)/)
    expect(by.get('heightCm')?.[0]).toMatch(/must be a number \(height, cm\), got "abc"/)
    const bmi = validateDraft({ ...draftFromPatient(example()), bodyWeightKg: '240', heightCm: '150' }, 'rheumatoid-arthritis')
    expect(bmi.valid || issuesByControl(bmi.errors).get('bodyWeightKg')?.[0]).toMatch(/BMI of 106\.7/)
    const das = validateDraft({ ...draftFromPatient(example()), activity: '11' }, 'rheumatoid-arthritis')
    expect(das.valid || issuesByControl(das.errors).get('activity')?.[0]).toBe('DAS28 runs from 0 to 10, got 11')
  })

  it('the form\'s bounds are the validator\'s: each field\'s min and max pass, a step beyond fails (one source)', () => {
    const base = draftFromPatient(example())
    for (const key of PATIENT_NUMBER_KEYS) {
      const f = PATIENT_FIELDS[key]
      // a partner that keeps the BMI plausible (20.8 at 30 kg, 120 cm; 62.5 at 250 kg, 200 cm), so the combination rule does not interfere
      const partner = key === 'bodyWeightKg' ? { heightCm: '120' } : key === 'heightCm' ? { bodyWeightKg: '30' } : {}
      const partnerMax = key === 'bodyWeightKg' ? { heightCm: '200' } : key === 'heightCm' ? { bodyWeightKg: '116' } : {}
      expect(validateDraft({ ...base, ...partner, [key]: String(f.min) }, 'rheumatoid-arthritis').valid, `${key} min`).toBe(true)
      expect(validateDraft({ ...base, ...partner, [key]: String(f.min - f.step) }, 'rheumatoid-arthritis').valid, `${key} below min`).toBe(false)
      expect(validateDraft({ ...base, ...partnerMax, [key]: String(f.max) }, 'rheumatoid-arthritis').valid, `${key} max`).toBe(true)
      expect(validateDraft({ ...base, ...partnerMax, [key]: String(f.max + f.step) }, 'rheumatoid-arthritis').valid, `${key} above max`).toBe(false)
    }
  })

  it('a draft moved to a disease without its scale takes that disease\'s first scale at its reference value', () => {
    const d = draftForDisease(draftFromPatient(example()), 'lupus-nephritis')
    expect(d.scale).toBe('SLEDAI-2K')
    expect(d.activity).toBe('12')
    const same = draftFromPatient(example())
    expect(draftForDisease(same, 'rheumatoid-arthritis')).toBe(same)
  })

  it('one line of who the patient is', () => {
    expect(patientSummary(example())).toBe('Female, 62 y, 58 kg, 160 cm, eGFR 55, DAS28 5.4')
    expect(patientSummary({ ...referencePatient('healthy') })).toBe('Male, 35 y, 70 kg, 176 cm, eGFR 117')
  })

  it('the shipped examples pass their validators and belong to their disease', () => {
    expect(EXAMPLE_PATIENTS.length).toBeGreaterThan(0)
    expect(EXAMPLE_COHORTS.length).toBeGreaterThan(0)
    expect(examplePatientsFor('rheumatoid-arthritis').map((e) => e.id)).toEqual(['ra-62f'])
    expect(examplePatientsFor('psoriasis')).toEqual([])
  })
})

describe('ratios and percentiles as shown', () => {
  it('three significant digits, three decimals within 5 % of 1 (1.002 is not "1")', () => {
    expect(ratioNumberText(2.3149)).toBe('2.31')
    expect(ratioNumberText(0.44266)).toBe('0.443')
    expect(ratioNumberText(1.0020485)).toBe('1.002')
    expect(ratioNumberText(0.99992)).toBe('1.000')
    expect(ratioNumberText(0.9490)).toBe('0.949')
    expect(ratioText(null)).toBe('—')
    expect(ratioText(Number.NaN)).toBe('—')
    expect(ratioText(12.34)).toBe('× 12.3')
  })

  it('cohort rows: response ratios first, fractions as %, metrics no patient has listed apart', () => {
    const p = (v: number | null): Percentiles => ({ p5: v, p50: v, p95: v })
    const metrics = Object.fromEntries(METRIC_IDS.map((id) => [id, p(2)])) as Record<string, Percentiles>
    Object.assign(metrics, {
      targetExposureRatio: { p5: 0.476, p50: 0.536, p95: 0.568 }, systemicExposureRatio: p(0.44), benefitRatio: p(1.0012), harmRatio: p(null),
      targetOccupancy: { p5: 0.1, p50: 0.25, p95: 0.5 }, cortisolSuppression: p(null),
    })
    const result = { n: 3, seed: 1, hours: 72, disease: 'rheumatoid-arthritis', redrawn: 0, metrics, extremes: null } as unknown as CohortResult
    const { rows, undefinedFor } = cohortMetricRows(result)
    expect(rows.slice(0, 4).map((r) => r.id)).toEqual(['targetExposureRatio', 'systemicExposureRatio', 'benefitRatio', 'targetOccupancy'])
    expect(rows[0]!.text).toEqual({ p5: '0.476', p50: '0.536', p95: '0.568' })
    expect(rows[2]!.text.p50).toBe('1.001')
    expect(rows[3]!.text).toEqual({ p5: '10 %', p50: '25 %', p95: '50 %' })
    expect(undefinedFor).toEqual(['Cortisol suppression ÷ free drug', 'Cortisol suppression'])
    expect(rows).toHaveLength(4 + METRIC_IDS.length)
  })

  it('the ratio axis holds 1 and every value inside its ends, ticks on 1-2-5', () => {
    const a = ratioAxis([0.42, 0.57, 0.93])
    expect(a.min).toBeCloseTo(0.42 / 1.25, 12)
    expect(a.max).toBeCloseTo(1.25, 12)
    expect(a.ticks).toEqual([0.5, 1])
    const b = ratioAxis([3, 40])
    expect(b.ticks).toEqual([1, 2, 5, 10, 20, 50])
    // a narrow spread around 1: the ends are ticks too
    expect(ratioAxis([0.99, 1.01]).ticks).toHaveLength(3)
    expect(logPosition(1, { min: 0.1, max: 10 })).toBeCloseTo(50, 12)
    expect(logPosition(100, { min: 0.1, max: 10 })).toBe(100)
    expect(logPosition(0, { min: 0.1, max: 10 })).toBe(0)
  })
})
