/**
 * Human free-drug PK of rapamycin (sirolimus, issue #15): CL and V are the oral apparent values of
 * healthy volunteers (Brattström et al. 2000, Ther Drug Monit 22:537) times the oral
 * bioavailability, so the half-life does not depend on F; it is checked against the terminal
 * half-lives of two other studies (renal transplant patients), the clearance against a third's
 * CL/F. And the virtual-patient path a rapamycin design now takes: an exposure comparison in whole
 * blood whose systemic ratio is the share of the dose released (AUC = amount / CL).
 */
import { describe, expect, it } from 'vitest'
import { FREE_DRUG_PK } from '../../../../../shared/engine/free-drug/data'
import { freeDrugParameters } from '../../../../../shared/engine/free-drug/model'
import { simulatePatient } from '../../../../../shared/patient/simulate-patient'
import { checkedPatient, humanDesign } from '../../patient/fixtures'
import raDoc from '../../../../../resources/examples/ra-folate-peg-liposome.nanoforge.json' with { type: 'json' }

// Published values typed from the abstracts read (not taken from data.ts):
// Brattström 2000 (healthy men, single oral doses): CL/F 278 mL/h/kg, Vss/F 23 L/kg, t½ 82 h.
// Zimmerman & Kahan 1997 (40 renal transplant patients, 2 weeks of oral doses): t½ 62 h, CL/F 208 mL/h/kg.
// Ferron et al. 1997 (36 renal transplant patients, single oral doses): t½ 63 h.
const BRATTSTROM = { clOverFMlPerHPerKg: 278, vssOverFLPerKg: 23, tHalfH: 82 }
const ZIMMERMAN = { tHalfH: 62, clOverFMlPerHPerKg: 208 }
const FERRON = { tHalfH: 63 }

describe('rapamycin (sirolimus) free-drug PK in adults', () => {
  const p = freeDrugParameters('rapamycin', { bodyWeightKg: 70, gfrMlPerMin: 120 })!

  it('exists, in whole blood, with every number cited and derived ones showing their arithmetic', () => {
    const d = FREE_DRUG_PK.rapamycin!
    expect(d).toBeDefined()
    expect(d.matrix).toBe('blood')
    for (const c of [d.clearanceLPerHPerKg, d.volumeLPerKg, d.fractionUnbound, d.fractionExcretedUnchanged, ...d.publishedHalfLivesH, ...d.publishedClearancesLPerH]) {
      expect(c.source.length, c.source).toBeGreaterThan(20)
      if (c.evidence === 'D') expect(c.note, c.source).toBeTruthy()
    }
  })

  it('half-life ln2·V/CL is the healthy volunteers\' ln2·(Vss/F)/(CL/F): F cancels (hand arithmetic: 57.3 h)', () => {
    const expected = Math.LN2 * BRATTSTROM.vssOverFLPerKg / (BRATTSTROM.clOverFMlPerHPerKg / 1000)
    expect(expected).toBeCloseTo(57.35, 1)
    expect(p.halfLifeH).toBeCloseTo(expected, 6)
  })

  it('half-life within 2-fold of the terminal half-lives of two other studies (62 h, 63 h) and of the same study\'s (82 h)', () => {
    for (const t of [ZIMMERMAN.tHalfH, FERRON.tHalfH, BRATTSTROM.tHalfH]) {
      expect(p.halfLifeH / t, `${p.halfLifeH.toFixed(1)} h vs ${t} h`).toBeGreaterThan(0.5)
      expect(p.halfLifeH / t).toBeLessThan(2)
    }
  })

  it('blood clearance within 2-fold of Zimmerman & Kahan\'s CL/F × the same F (a check of CL/F between studies, not of F)', () => {
    const f = p.clearanceLPerH / (BRATTSTROM.clOverFMlPerHPerKg / 1000 * 70)
    expect(f).toBeGreaterThan(0.05)
    expect(f).toBeLessThan(0.3)
    const other = ZIMMERMAN.clOverFMlPerHPerKg / 1000 * f * 70
    expect(p.clearanceLPerH / other).toBeGreaterThan(0.5)
    expect(p.clearanceLPerH / other).toBeLessThan(2)
  })

  it('almost all cleared by metabolism: a fall of GFR to a quarter lowers clearance by < 2 %', () => {
    const impaired = freeDrugParameters('rapamycin', { bodyWeightKg: 70, gfrMlPerMin: 30 })!
    expect(impaired.clearanceLPerH).toBeLessThan(p.clearanceLPerH)
    expect(impaired.clearanceLPerH / p.clearanceLPerH).toBeGreaterThan(0.98)
  })
})

describe('a rapamycin design in a virtual patient', () => {
  const design = humanDesign({ ...(raDoc as object), payload: { ...(raDoc as { payload: object }).payload, drug: 'rapamycin' } }, { dose: { mgPerKg: 0.05, basis: 'drug' } })
  const woman = checkedPatient({ sex: 'female', ageY: 62, bodyWeightKg: 58, heightCm: 160, egfrMlPerMin: 55, disease: 'rheumatoid-arthritis', activity: { scale: 'DAS28', value: 5.4 } })
  const r = simulatePatient(design, woman)

  it('is compared with the same dose of free sirolimus in whole blood (was: no comparison), without an effect number', () => {
    expect(r.response.model).toBe('exposure')
    expect(r.response.freeDrugPk?.matrix).toBe('blood')
    expect(r.response.versusFreeDrug.targetExposureRatio).not.toBeNull()
    expect(r.response.versusFreeDrug.benefitRatio).toBeNull()
    expect(r.response.notes.join(' ')).toMatch(/no cited local exposure-response model/)
  })

  it('systemic exposure ÷ free drug = share of the dose released by the horizon (AUC = amount / CL)', () => {
    expect(r.response.versusFreeDrug.systemicExposureRatio!).toBeCloseTo(r.response.drugAtHorizon.releasedPercentDose / 100, 9)
    // drug released in the joints adds A_local/Q_T the free drug never gives
    expect(r.response.versusFreeDrug.targetExposureRatio!).toBeGreaterThanOrEqual(r.response.versusFreeDrug.systemicExposureRatio! - 1e-12)
  })
})
