/**
 * Free-drug PK (issue #15, step 2): each drug's half-life and clearance against the published
 * values (within 2-fold), the body-weight and renal-function effects in the direction and size
 * published, and the target-tissue AUC formula against a numerical integration of its ODEs.
 */
import { describe, expect, it } from 'vitest'
import { FREE_DRUG_PK } from '../../../../../shared/engine/free-drug/data'
import {
  bolusConcentrationMgPerL, freeDrugParameters, systemicAucMgHPerL, targetUnboundAucMgHPerL,
} from '../../../../../shared/engine/free-drug/model'
import type { DrugId } from '../../../../../shared/catalog/ids'

const DRUGS = Object.keys(FREE_DRUG_PK) as DrugId[]

describe('free-drug PK against published human PK', () => {
  it('covers the five drugs the issue names (and rapamycin: rapamycin.test.ts)', () => {
    // at least these: entries added later (rapamycin, the liposome payloads) are checked by the it.each below
    expect(DRUGS).toEqual(expect.arrayContaining(['cyclosporine', 'dexamethasone', 'methotrexate', 'prednisolone', 'tacrolimus', 'rapamycin']))
  })

  it.each(DRUGS)('%s: half-life and clearance within 2-fold of every published value', (drug) => {
    const d = FREE_DRUG_PK[drug]!
    const p = freeDrugParameters(drug, { bodyWeightKg: d.studyBodyWeightKg.value, gfrMlPerMin: d.studyGfrMlPerMin.value })!
    for (const t of d.publishedHalfLivesH) {
      const ratio = p.halfLifeH / t.value
      expect(ratio, `${drug} t½ ${p.halfLifeH.toFixed(2)} h vs ${t.value.toFixed(2)} h (${t.source})`).toBeGreaterThan(0.5)
      expect(ratio).toBeLessThan(2)
    }
    for (const c of d.publishedClearancesLPerH) {
      const ratio = p.clearanceLPerH / c.value
      expect(ratio, `${drug} CL ${p.clearanceLPerH.toFixed(2)} L/h vs ${c.value.toFixed(2)} L/h (${c.source})`).toBeGreaterThan(0.5)
      expect(ratio).toBeLessThan(2)
    }
  })

  it('is null for a drug without free-drug data (no invented numbers)', () => {
    expect(freeDrugParameters('sirna', { bodyWeightKg: 70, gfrMlPerMin: 120 })).toBeNull()
    expect(freeDrugParameters('mog-35-55', { bodyWeightKg: 70, gfrMlPerMin: 120 })).toBeNull()
  })
})

describe('covariate effects', () => {
  it('methotrexate clearance falls with renal function as Bressolle 1998 measured (CLcr 39.8 vs 103.5 mL/min: 63.7 vs 115.1 mL/min)', () => {
    // Bressolle F et al. 1998, Ann Rheum Dis 57:110, Table 2: group 1 (53.3 kg, CLcr 39.8) and group 4 (71.1 kg, CLcr 103.5)
    const low = freeDrugParameters('methotrexate', { bodyWeightKg: 53.3, gfrMlPerMin: 39.8 })!
    const normal = freeDrugParameters('methotrexate', { bodyWeightKg: 71.1, gfrMlPerMin: 103.5 })!
    const modelRatio = low.clearanceLPerH / normal.clearanceLPerH
    const publishedRatio = 63.7 / 115.1
    expect(modelRatio).toBeLessThan(1)
    expect(modelRatio / publishedRatio).toBeGreaterThan(0.75)
    expect(modelRatio / publishedRatio).toBeLessThan(1.25)
    // and the half-life lengthens (published 10.8 → 22.7 h, ×2.1)
    expect(low.halfLifeH).toBeGreaterThan(normal.halfLifeH)
  })

  it('dexamethasone, nearly all metabolised (2.6 % unchanged in urine), barely changes with GFR', () => {
    const normal = freeDrugParameters('dexamethasone', { bodyWeightKg: 70, gfrMlPerMin: 120 })!
    const impaired = freeDrugParameters('dexamethasone', { bodyWeightKg: 70, gfrMlPerMin: 30 })!
    expect(impaired.clearanceLPerH / normal.clearanceLPerH).toBeGreaterThan(0.97)
    expect(impaired.clearanceLPerH).toBeLessThan(normal.clearanceLPerH)
  })

  it('a heavier body has a larger volume and a longer dexamethasone half-life (Tsuei 1979: Vss and t½ rise with weight)', () => {
    const light = freeDrugParameters('dexamethasone', { bodyWeightKg: 55, gfrMlPerMin: 120 })!
    const heavy = freeDrugParameters('dexamethasone', { bodyWeightKg: 90, gfrMlPerMin: 120 })!
    expect(heavy.volumeL).toBeGreaterThan(light.volumeL)
    expect(heavy.clearanceLPerH).toBeGreaterThan(light.clearanceLPerH)
    expect(heavy.halfLifeH).toBeGreaterThan(light.halfLifeH)
  })

  it('refuses an impossible individual with the values named', () => {
    expect(() => freeDrugParameters('dexamethasone', { bodyWeightKg: 0, gfrMlPerMin: 100 })).toThrow(/0 kg/)
  })
})

describe('target-tissue exposure formula', () => {
  /** Explicit integration of the body + flow-limited target ODEs (module comment of model.ts), RK4. */
  function integrate(drug: DrugId, localMg: number, systemicBolusMg: number, qT: number, vT: number, kp: number): number {
    const p = freeDrugParameters(drug, { bodyWeightKg: 70, gfrMlPerMin: 120 })!
    // local release as a 2-h zero-order input, systemic drug as a bolus
    const inputH = 2
    const f = (t: number, c: number, aT: number): [number, number] => {
      const r = t < inputH ? localMg / inputH : 0
      return [-p.eliminationRatePerH * c, r + qT * c - qT * aT / (vT * kp)]
    }
    // systemic concentration: the bolus plus the local drug once it leaves the target — the
    // target is a satellite (its outflow does not change blood), so blood gets the local
    // amount as it leaves; modelled here by adding it to the systemic amount (AUC is linear)
    let c = (systemicBolusMg + localMg) / p.volumeL
    let aT = 0
    let auc = 0
    const dt = 0.002
    for (let t = 0; t < 40 * p.halfLifeH + 200; t += dt) {
      const [k1c, k1a] = f(t, c, aT)
      const [k2c, k2a] = f(t + dt / 2, c + dt / 2 * k1c, aT + dt / 2 * k1a)
      const [k3c, k3a] = f(t + dt / 2, c + dt / 2 * k2c, aT + dt / 2 * k2a)
      const [k4c, k4a] = f(t + dt, c + dt * k3c, aT + dt * k3a)
      const cT0 = aT / vT
      c += dt / 6 * (k1c + 2 * k2c + 2 * k3c + k4c)
      aT += dt / 6 * (k1a + 2 * k2a + 2 * k3a + k4a)
      auc += dt * (cT0 + aT / vT) / 2
    }
    return p.fractionUnbound * auc / kp
  }

  it('matches an RK4 integration of the tissue ODE for dexamethasone (local release + systemic drug)', () => {
    const p = freeDrugParameters('dexamethasone', { bodyWeightKg: 70, gfrMlPerMin: 120 })!
    const qT = 0.3
    const analytic = targetUnboundAucMgHPerL(p, 0.5, 0.5 + 4, qT)
    const numeric = integrate('dexamethasone', 0.5, 4, qT, 0.1, 3)
    expect(Math.abs(numeric - analytic) / analytic).toBeLessThan(2e-3)
  })

  it('free drug alone: unbound target AUC = f_u × D / CL, the bolus curve integrates to D / CL', () => {
    const p = freeDrugParameters('prednisolone', { bodyWeightKg: 70, gfrMlPerMin: 120 })!
    expect(targetUnboundAucMgHPerL(p, 0, 10, 0.5)).toBeCloseTo(p.fractionUnbound * 10 / p.clearanceLPerH, 12)
    let auc = 0
    const dt = 0.001
    for (let t = 0; t < 60; t += dt) auc += dt * (bolusConcentrationMgPerL(p, 10, t) + bolusConcentrationMgPerL(p, 10, t + dt)) / 2
    expect(auc / systemicAucMgHPerL(p, 10)).toBeCloseTo(1, 4)
  })
})
