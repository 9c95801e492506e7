/**
 * Virtual patients (issue #15, step 1): the patient file's checks, the physiology relations
 * against hand arithmetic, and the proof that the reference patient reproduces today's
 * reference-human result (every organ AUC within 1e-6 relative).
 */
import { describe, expect, it } from 'vitest'
import { validateDesign } from '../../../../shared/design/schema'
import type { Design } from '../../../../shared/design/types'
import { simulateDesign } from '../../../../shared/engine/simulate'
import { BIODISTRIBUTION_KEYS } from '../../../../shared/engine/pbpk'
import {
  bodySurfaceAreaM2, leanBodyWeightKg, patientPhysiology, referencePatient, REFERENCE_EGFR_ML_PER_MIN_PER_173M2,
} from '../../../../shared/patient/physiology'
import { validatePatient, type Patient } from '../../../../shared/patient/schema'
import { ACTIVITY_SCALES, lesionActivityScale } from '../../../../shared/patient/activity'
import { DISEASE_IDS } from '../../../../shared/catalog/ids'
import liposome from '../../../../resources/examples/ra-folate-peg-liposome.nanoforge.json' with { type: 'json' }
import silica from '../../../../resources/examples/lupus-rbc-silica.nanoforge.json' with { type: 'json' }
import tolerogenic from '../../../../resources/examples/t1d-tolerogenic-plga.nanoforge.json' with { type: 'json' }

/** An example design moved to the human reference body. */
function human(doc: unknown): Design {
  const d = doc as { context: Record<string, unknown> }
  const checked = validateDesign({ ...d, context: { ...d.context, species: 'human' } })
  if (!checked.valid) throw new Error(JSON.stringify(checked.errors))
  return checked.design
}

const WOMAN = {
  format: 'nanoforge.patient', version: 1, sex: 'female', ageY: 62, bodyWeightKg: 58, heightCm: 160,
  egfrMlPerMin: 55, disease: 'rheumatoid-arthritis', activity: { scale: 'DAS28', value: 5.4 },
}

describe('patient file', () => {
  it('accepts the issue\'s patient', () => {
    const v = validatePatient(WOMAN)
    expect(v.valid).toBe(true)
  })

  it('reports every impossible or unknown value at its path', () => {
    const v = validatePatient({ ...WOMAN, ageY: -3, heightCm: 'tall', sexx: 'f', disease: 'gout', activity: { scale: 'DAS28', value: 1 } })
    expect(v.valid).toBe(false)
    if (v.valid) return
    const paths = v.errors.map((e) => e.path).sort()
    expect(paths).toEqual(['ageY', 'disease', 'heightCm', 'sexx'])
    expect(v.errors.find((e) => e.path === 'ageY')!.message).toMatch(/between 18 and 110/)
  })

  it('checks the activity scale against the disease and the value against the scale', () => {
    const wrongScale = validatePatient({ ...WOMAN, activity: { scale: 'PASI', value: 5 } })
    expect(wrongScale.valid || wrongScale.errors).toEqual([{ path: 'activity.scale', message: expect.stringContaining('"DAS28"') }])
    const offScale = validatePatient({ ...WOMAN, activity: { scale: 'DAS28', value: 12 } })
    expect(offScale.valid || offScale.errors.map((e) => e.path)).toEqual(['activity.value'])
  })

  it('refuses a weight and height that make no adult (BMI outside 12-70)', () => {
    const v = validatePatient({ ...WOMAN, bodyWeightKg: 200, heightCm: 130 })
    expect(v.valid || v.errors.map((e) => e.path)).toEqual(['bodyWeightKg'])
  })

  it('refuses a file that is not a patient', () => {
    expect(validatePatient([]).valid).toBe(false)
    const v = validatePatient({ ...WOMAN, format: 'nanoforge.design' })
    expect(v.valid || v.errors.map((e) => e.path)).toEqual(['format'])
  })
})

describe('physiology relations', () => {
  it('Du Bois BSA of a 70 kg, 176 cm man is 1.86 m² (hand arithmetic)', () => {
    // 0.007184 × 70^0.425 × 176^0.725 = 0.007184 × 6.0837 × 42.467 = 1.856
    expect(bodySurfaceAreaM2(70, 176)).toBeCloseTo(1.856, 3)
  })

  it('Janmahasatian LBW: 58 kg, 160 cm woman 37.6 kg; 70 kg, 176 cm man 56.1 kg (hand arithmetic)', () => {
    // BMI 22.656: 9270 × 58 / (8780 + 244 × 22.656) = 537660 / 14308.1 = 37.58
    expect(leanBodyWeightKg('female', 58, 160)).toBeCloseTo(37.58, 1)
    // BMI 22.598: 9270 × 70 / (6680 + 216 × 22.598) = 648900 / 11561.2 = 56.13
    expect(leanBodyWeightKg('male', 70, 176)).toBeCloseTo(56.13, 1)
  })

  it('the reference patient has the engine\'s reference GFR (125 mL/min) and eGFR 117 per 1.73 m²', () => {
    expect(REFERENCE_EGFR_ML_PER_MIN_PER_173M2).toBeCloseTo(125.06 * 1.73 / 1.856, 0)
    const p = patientPhysiology(referencePatient('rheumatoid-arthritis'))
    expect(p.gfrMlPerMin).toBeCloseTo(0.31 * 70 ** 0.75 * 1000 / 60, 6)
    expect(p.tissueScale).toBe(1)
    expect(p.engine.physiology.lesionActivityScale).toBeCloseTo(1, 12)
  })

  it('the issue\'s woman: smaller organs (LBW scaling), GFR de-indexed, activity above the reference', () => {
    const v = validatePatient(WOMAN)
    if (!v.valid) throw new Error('invalid')
    const p = patientPhysiology(v.patient)
    // SF = (37.58 − skin − 1.4) / (56.13 − 2.597 − 1.4); skin = 2.597 × 1.598 / 1.856 = 2.236
    expect(p.tissueScale).toBeCloseTo((37.58 - 2.236 - 1.4) / (56.13 - 2.597 - 1.4), 2)
    expect(p.organVolumesL.liver).toBeCloseTo(0.0257 * 70 * p.tissueScale, 6)
    expect(p.organVolumesL.brain).toBeCloseTo(1.4, 9)
    // GFR = 55 × 1.598 / 1.73 = 50.8 mL/min
    expect(p.gfrMlPerMin).toBeCloseTo(55 * bodySurfaceAreaM2(58, 160) / 1.73, 9)
    expect(p.gfrMlPerMin).toBeCloseTo(50.8, 0)
    // (5.4 − 2.6) / (5.1 − 2.6) = 1.12
    expect(p.engine.physiology.lesionActivityScale).toBeCloseTo(1.12, 9)
    // the organs and the rest add up to the body weight
    const total = Object.values(p.organVolumesL).reduce((a, b) => a + b, 0)
    expect(total).toBeCloseTo(58, 9)
    expect(p.organVolumesL.rest).toBeGreaterThan(0)
  })
})

describe('the reference patient reproduces today\'s reference human', () => {
  const designs: Array<[string, Design]> = [
    ['PEG-liposome, RA', human(liposome)],
    ['RBC-cloaked silica, lupus nephritis', human(silica)],
    ['tolerogenic PLGA, T1D', human(tolerogenic)],
  ]
  it.each(designs)('%s: every AUC, the half-life and the drug released within 1e-6 relative', (_name, design) => {
    const reference = simulateDesign(design)
    const patient: Patient = referencePatient(design.context.disease)
    const individual = patientPhysiology(patient).engine
    const asPatient = simulateDesign(design, { individual })
    for (const key of BIODISTRIBUTION_KEYS) {
      const a = reference.biodistribution.aucPercentDoseH[key]
      const b = asPatient.biodistribution.aucPercentDoseH[key]
      expect(Math.abs(b - a), `${key}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-6 * Math.abs(a) + 1e-12)
    }
    const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(a), 1e-300)
    expect(rel(reference.biodistribution.bloodHalfLifeH, asPatient.biodistribution.bloodHalfLifeH)).toBeLessThan(1e-6)
    expect(rel(reference.selectivity.drugReleasedInTargetPercentDose, asPatient.selectivity.drugReleasedInTargetPercentDose)).toBeLessThan(1e-6)
  })
})

describe('activity scales', () => {
  it('every disease has a scale; linear scales give 0 at remission, 1 at the reference and rise between', () => {
    for (const disease of DISEASE_IDS) {
      const scales = ACTIVITY_SCALES[disease]
      expect(scales.length, disease).toBeGreaterThan(0)
      for (const s of scales) {
        expect(s.reference.value, `${disease} ${s.id}`).toBeGreaterThanOrEqual(s.min)
        expect(s.reference.value, `${disease} ${s.id}`).toBeLessThanOrEqual(s.max)
        expect(lesionActivityScale(s, s.reference.value)).toBeCloseTo(1, 12)
        if (s.mapping === 'linear') {
          expect(s.noLesion!.value).toBeLessThan(s.reference.value)
          expect(lesionActivityScale(s, s.noLesion!.value)).toBe(0)
          expect(lesionActivityScale(s, s.min)).toBe(0)
          expect(lesionActivityScale(s, s.max)).toBeGreaterThanOrEqual(1)
        } else {
          expect(lesionActivityScale(s, s.min)).toBe(1)
        }
      }
    }
  })
})
