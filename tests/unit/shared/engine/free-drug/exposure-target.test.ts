/**
 * Exposure targets (issue #15, tacrolimus): the released-drug concentration against the
 * analytic one-compartment solution (first-order release → Bateman function), steady states
 * against brute-force superposition of single doses, the interval AUC against mass balance
 * (amount / CL), the time in range against hand-computed crossings, and the oral free-drug
 * path against a published steady-state whole-blood trough of a standard oral dose.
 */
import { describe, expect, it } from 'vitest'
import {
  EXPOSURE_TARGET_PD, concentrationFromReleaseMgPerL, intervalExposure, oralConcentrationMgPerL, oralSteadyStateConcentrationMgPerL,
  oralSteadyStateCurve, steadyStateOfRepeatedDose,
} from '../../../../../shared/engine/free-drug/exposure-target'
import { freeDrugParameters } from '../../../../../shared/engine/free-drug/model'

// Prograf healthy-volunteer IV values (CL 0.040 L/h/kg, V 1.91 L/kg) in 70 kg, written out here
const CL = 0.040 * 70
const V = 1.91 * 70
const K = CL / V
const PK = { clearanceLPerH: CL, volumeL: V, eliminationRatePerH: K }

/** Bateman function for a first-order input of D with rate constant kr (independent formula). */
function bateman(doseMg: number, kr: number, t: number): number {
  return doseMg * kr / (V * (kr - K)) * (Math.exp(-K * t) - Math.exp(-kr * t))
}

describe('released drug → whole-blood concentration (one-compartment, no second PK model)', () => {
  it('first-order release A(t) = D(1 − e^(−k_r t)) gives the Bateman function (0.5 % at every hour to 168 h)', () => {
    const dose = 5
    const kr = 0.15
    const times = Array.from({ length: 1681 }, (_, i) => i * 0.1)
    const curve = concentrationFromReleaseMgPerL(PK, times, times.map((t) => dose * (1 - Math.exp(-kr * t))))
    for (let h = 1; h <= 168; h++) {
      const i = curve.timesH.findIndex((t) => Math.abs(t - h) < 1e-9)
      expect(i).toBeGreaterThan(0)
      const want = bateman(dose, kr, h)
      expect(Math.abs(curve.concentrationsMgPerL[i]! / want - 1), `t = ${h} h`).toBeLessThan(0.005)
    }
  })

  it('the oral path is the same Bateman function (F = 1, k_a = k_r)', () => {
    for (const t of [0.5, 3, 24, 100]) expect(oralConcentrationMgPerL(PK, 5, 1, 0.15, t)).toBeCloseTo(bateman(5, 0.15, t), 12)
  })

  it('a coarse engine-like grid (1-2 h) still follows the Bateman function within 2 %', () => {
    const times = [0, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3]
    for (let t = 4; t < 72; t += t < 24 ? 1 : 2) times.push(t)
    times.push(72)
    const kr = 0.3
    const curve = concentrationFromReleaseMgPerL(PK, times, times.map((t) => 3 * (1 - Math.exp(-kr * t))))
    for (let i = 0; i < curve.timesH.length; i++) {
      const t = curve.timesH[i]!
      if (t < 2) continue
      expect(Math.abs(curve.concentrationsMgPerL[i]! / bateman(3, kr, t) - 1), `t = ${t} h`).toBeLessThan(0.02)
    }
  })

  it('steady state of a dose every τ = brute-force sum of 400 earlier doses (each with its exponential tail)', () => {
    const tau = 72
    const times = Array.from({ length: 721 }, (_, i) => i * 0.1)
    const single = concentrationFromReleaseMgPerL(PK, times, times.map((t) => 4 * (1 - Math.exp(-0.08 * t))))
    const ss = steadyStateOfRepeatedDose(single, K)
    const cTau = single.concentrationsMgPerL[single.concentrationsMgPerL.length - 1]!
    for (const idx of [0, 100, 400, 700, single.timesH.length - 1]) {
      const t = single.timesH[idx]!
      let sum = single.concentrationsMgPerL[idx]!
      for (let n = 1; n <= 400; n++) sum += cTau * Math.exp(-K * (t + n * tau - tau))
      expect(ss.concentrationsMgPerL[idx]).toBeCloseTo(sum, 12)
    }
    // periodic: the level at the start of an interval is the level at its end
    expect(ss.concentrationsMgPerL[0]).toBeCloseTo(ss.concentrationsMgPerL[ss.concentrationsMgPerL.length - 1]!, 12)
  })

  it('steady-state AUC over one interval = the amount released per interval / CL (mass balance, 0.5 %)', () => {
    const times = Array.from({ length: 721 }, (_, i) => i * 0.1)
    const released = 4 * (1 - Math.exp(-0.08 * 72))
    const single = concentrationFromReleaseMgPerL(PK, times, times.map((t) => 4 * (1 - Math.exp(-0.08 * t))))
    const e = intervalExposure(steadyStateOfRepeatedDose(single, K), null, 20)
    expect(Math.abs(e.aucNgHPerMl / (released / CL * 1000) - 1)).toBeLessThan(0.005)
    expect(e.meanNgPerMl).toBeCloseTo(e.aucNgHPerMl / 72, 9)
  })

  it('oral steady state = brute-force superposition of 600 single oral doses every 12 h', () => {
    const pd = EXPOSURE_TARGET_PD.tacrolimus!
    const f = pd.oralBioavailability.value
    const ka = pd.absorptionRatePerH.value
    for (const t of [0, 1, 6, 12]) {
      let sum = 0
      for (let n = 0; n < 600; n++) sum += oralConcentrationMgPerL(PK, 2, f, ka, t + 12 * n)
      expect(oralSteadyStateConcentrationMgPerL(PK, 2, f, ka, 12, t)).toBeCloseTo(sum, 12)
    }
  })
})

describe('time in range, above it and above the toxicity threshold', () => {
  it('a ramp 0 → 30 ng/mL over 30 h: 5 h in 5-10, 20 h above 10, 10 h above 20 (hand arithmetic)', () => {
    const curve = { timesH: [0, 10, 30], concentrationsMgPerL: [0, 0.010, 0.030] }
    const e = intervalExposure(curve, { lowNgPerMl: 5, highNgPerMl: 10 }, 20)
    expect(e.fractionInRange).toBeCloseTo(5 / 30, 12)
    expect(e.fractionAboveRange).toBeCloseTo(20 / 30, 12)
    expect(e.fractionAboveToxicity).toBeCloseTo(10 / 30, 12)
    expect(e.troughNgPerMl).toBe(0)
    expect(e.peakNgPerMl).toBeCloseTo(30, 12)
    expect(e.aucNgHPerMl).toBeCloseTo(30 * 30 / 2, 9)
  })

  it('bad input is refused with what is wrong', () => {
    expect(() => intervalExposure({ timesH: [0, 1], concentrationsMgPerL: [0, 1] }, { lowNgPerMl: 10, highNgPerMl: 5 }, 20)).toThrow(/low bound must be below/)
    expect(() => concentrationFromReleaseMgPerL(PK, [0, 1, 1], [0, 1, 2])).toThrow(/times must increase/)
    expect(() => concentrationFromReleaseMgPerL(PK, [0, 1], [0])).toThrow(/one amount each/)
  })
})

describe('oral free tacrolimus against a published steady-state trough', () => {
  it('0.021 mg/kg every 12 h gives a whole-blood trough (and AUC₀₋₁₂) within 2-fold of the published 6.4 ng/mL (108.9 ng·h/mL)', () => {
    const pd = EXPOSURE_TARGET_PD.tacrolimus!
    // typed from the paper's Table 2, not read from the catalog
    const doseMgPerKg = 0.021
    const publishedTroughNgPerMl = 6.4
    expect(pd.publishedTrough.doseMgPerKgPer12H.value).toBe(doseMgPerKg)
    expect(pd.publishedTrough.troughNgPerMl.value).toBe(publishedTroughNgPerMl)
    for (const bodyWeightKg of [60, 70, 86]) {
      const pk = freeDrugParameters('tacrolimus', { bodyWeightKg, gfrMlPerMin: 100 })!
      const curve = oralSteadyStateCurve(pk, doseMgPerKg * bodyWeightKg, pd.oralBioavailability.value, pd.absorptionRatePerH.value, pd.freeDrugIntervalH.value)
      const e = intervalExposure(curve, null, 20)
      const trough = e.troughNgPerMl
      expect(trough / publishedTroughNgPerMl, `${bodyWeightKg} kg: ${trough.toFixed(2)} ng/mL`).toBeGreaterThan(0.5)
      expect(trough / publishedTroughNgPerMl).toBeLessThan(2)
      // the same table's AUC₀₋₁₂ 108.9 ng·h/mL, within 2-fold too
      expect(e.aucNgHPerMl / 108.9).toBeGreaterThan(0.5)
      expect(e.aucNgHPerMl / 108.9).toBeLessThan(2)
      // the one-compartment model has no distribution phase: its peak stays below the published Cmax 16.4 ng/mL (stated limitation)
      expect(e.peakNgPerMl).toBeLessThan(16.4)
    }
  })

  it('k_a reproduces the published oral t_max of 1 h in the one-compartment model (Möller 1999)', () => {
    const pd = EXPOSURE_TARGET_PD.tacrolimus!
    const ka = pd.absorptionRatePerH.value
    const tmax = Math.log(ka / K) / (ka - K)
    expect(Math.abs(tmax - 1)).toBeLessThan(0.05)
  })

  it('the lupus nephritis target range and the toxicity threshold are the cited numbers (5-10, 20 ng/mL)', () => {
    const pd = EXPOSURE_TARGET_PD.tacrolimus!
    expect(pd.troughTargets['lupus-nephritis']!.lowNgPerMl.value).toBe(5)
    expect(pd.troughTargets['lupus-nephritis']!.highNgPerMl.value).toBe(10)
    expect(pd.toxicityThresholdNgPerMl.value).toBe(20)
    for (const c of [pd.troughTargets['lupus-nephritis']!.lowNgPerMl, pd.toxicityThresholdNgPerMl, pd.absorptionRatePerH]) expect(c.source).toMatch(/(19|20)\d\d/)
  })
})
