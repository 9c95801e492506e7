import { describe, expect, it } from 'vitest'
import { resolveParameters, runModel, simulateBiodistribution, renalFilteredFraction } from '../../../../../shared/engine/pbpk'
import type { ModelParameters } from '../../../../../shared/engine/pbpk/parameters'
import { at, GOLD_100 } from './fixtures'

describe('PBPK limit cases', () => {
  it('a protein-repellent particle below the renal cutoff (4 nm) is mostly excreted; one above it (20 nm) is not', () => {
    const small = simulateBiodistribution({ ...GOLD_100, hydrodynamicDiameterNm: 4, zetaMv: 0, proteinRepellentFraction: 1 }, { hours: 24, timesH: [4, 24] })
    const large = simulateBiodistribution({ ...GOLD_100, hydrodynamicDiameterNm: 20, zetaMv: 0, proteinRepellentFraction: 1 }, { hours: 24, timesH: [4, 24] })
    expect(at(small, 'excreted', 24)).toBeGreaterThan(90)
    expect(at(large, 'excreted', 24)).toBeLessThan(5)
  })

  it('the same 4 nm particle with a surface that adsorbs serum proteins is not excreted (Choi 2007: corona > 15 nm)', () => {
    const bare = simulateBiodistribution({ ...GOLD_100, hydrodynamicDiameterNm: 4, zetaMv: -30 }, { hours: 24, timesH: [24] })
    expect(at(bare, 'excreted', 24)).toBeLessThan(5)
    // partly protected: partly filtered, between the two
    const half = simulateBiodistribution({ ...GOLD_100, hydrodynamicDiameterNm: 4, zetaMv: -30, proteinRepellentFraction: 0.95 }, { hours: 24, timesH: [24] })
    expect(at(half, 'excreted', 24)).toBeGreaterThan(at(bare, 'excreted', 24))
  })

  it('renal sieving coefficient: 1 for inulin-sized solutes (≤ 3 nm), falling monotonically, ~0 by 8 nm, 0 from 10 nm', () => {
    expect(renalFilteredFraction(2)).toBe(1)
    expect(renalFilteredFraction(3)).toBe(1)
    let previous = 1
    for (let hd = 3.1; hd < 10; hd += 0.1) {
      const f = renalFilteredFraction(hd)
      expect(f).toBeLessThan(previous)
      previous = f
    }
    // Choi 2007: below 5.5 nm most of the dose is excreted (the validation test checks the urine
    // at 4 h, which a small sieving coefficient still allows: GFR clears the mouse plasma every
    // few minutes); the globular-protein threshold is 6.2-7.1 nm, so filtration there is a small
    // fraction of GFR
    expect(renalFilteredFraction(4.36)).toBeGreaterThan(0.15)
    expect(renalFilteredFraction(7)).toBeLessThan(0.1)
    expect(renalFilteredFraction(8)).toBeLessThan(0.04)
    expect(renalFilteredFraction(10)).toBe(0)
  })

  it('with PC uptake off and no extravasation, blood decays as the analytic one-pool solution', () => {
    const { params } = resolveParameters({ ...GOLD_100, hydrodynamicDiameterNm: 50 })
    const clearance = 1e-4 // L/h, renal only
    const p: ModelParameters = {
      ...params, urineClearanceLPerH: clearance, bileClearanceLPerH: 0, bolusInfusionH: 1e-6,
      compartments: params.compartments.map((c) => ({ ...c, kMaxPerH: 0, undelayedUptakePerH: 0, paLPerH: 0, endothelialCapturePerH: 0, filtrationPerH: 0 })),
    }
    // Well-mixed limit: the intravascular pool V = V_blood + Σ V_capillary holds the dose and
    // is cleared through the kidney with the well-stirred organ clearance CL·Q_K/(Q_K + CL):
    // A(t) = 100·exp(−CL_eff·t/V); the central blood pool holds the fraction V_blood/V of it.
    const vBlood = p.arterialVolumeL + p.venousVolumeL
    const vTotal = vBlood + p.compartments.reduce((s, c) => s + c.capillaryVolumeL, 0)
    const qK = p.compartments.find((c) => c.key === 'kidneys')!.flowLPerH
    const clEff = clearance * qK / (qK + clearance)
    const times = [0, 1, 6, 24, 72]
    const run = runModel(p, GOLD_100, times, 1e-7, 1e-9)
    const n = run.layout.size
    for (const [i, t] of times.entries()) {
      if (t === 0) continue
      const blood = run.states[i * n + run.layout.arterial]! + run.states[i * n + run.layout.venous]!
      const analytic = 100 * (vBlood / vTotal) * Math.exp(-clEff * t / vTotal)
      expect(Math.abs(blood - analytic) / analytic).toBeLessThan(1e-3)
    }
  })
})
