/**
 * In-vivo leakage of gradient-loaded weak bases from liposomes (release.json drug class
 * weak-base-gradient, from Webb 1995; a drug's own calibrated rate where it has one; a fluid
 * bilayer × the fluid multiplier^(1 − ordered share)). Checked analytically: after the burst, the
 * survival of a first-order release falls as exp(−k Δt) between any two times.
 */
import { describe, expect, it } from 'vitest'
import { validateDesign } from '../../../../../shared/design/schema'
import { predictRelease, RELEASE_CATALOG } from '../../../../../shared/engine/release'
import { curvatureLeakageFactor } from '../../../../../shared/engine/release/liposome-leakage'
import type { DrugId } from '../../../../../shared/catalog/ids'
import { PBPK_DATA } from '../../../../../shared/engine/pbpk/data'

function liposomeDoc(drug: DrugId) {
  return {
    format: 'nanoforge.design', version: 2, name: `liposomal ${drug}`,
    core: { material: 'liposome', diameterNm: 100, bilayer: { lipid: 'dspc', cholesterolMolPct: 40 } },
    coatings: [], ligands: [], payload: { drug, loadingPctWw: 5, trigger: 'none' },
    context: { disease: 'healthy', species: 'human', goal: 'deliver', dose: { mgPerKg: 1, basis: 'drug' } },
  }
}

function liposome(drug: DrugId) {
  const checked = validateDesign(liposomeDoc(drug))
  if (!checked.valid) throw new Error(JSON.stringify(checked.errors))
  return checked.design
}

/**
 * Ordered share of a bilayer at 37 °C, written out here (pbpk.json modifiers.bilayer): a gel
 * share logistic in T_m − body temperature, a cholesterol share logistic in T_m − midpoint ×
 * smoothstep in cholesterol, combined as r = 1 − (1 − r_gel)(1 − r_chol).
 */
function orderedShare(tmC: number, cholMolPct: number): number {
  const b = PBPK_DATA.modifiers.bilayer
  const w = b.gelTransitionWidthC.value
  const rGel = 1 / (1 + Math.exp(-(tmC - b.bodyTemperatureC.value) / w))
  const g = 1 / (1 + Math.exp(-(tmC - b.orderingMidpointC.value) / w))
  const x = Math.min(1, Math.max(0, (cholMolPct - b.cholesterolOrderingFromMolPct.value) / (b.cholesterolOrderingToMolPct.value - b.cholesterolOrderingFromMolPct.value)))
  return 1 - (1 - rGel) * (1 - g * x * x * (3 - 2 * x))
}

/** Survival ratio S(48 h)/S(24 h) of a design in plasma: exp(−k·24) for a first-order release after the burst. */
function survivalRatio(design: ReturnType<typeof liposome>): number {
  const p = predictRelease(design, { timesH: [0, 24, 48] })
  return (1 - p.environments.plasma.fractionReleased[2]!) / (1 - p.environments.plasma.fractionReleased[1]!)
}

/** First-order rate (1/h) between two times after the burst: −ln(S(t2)/S(t1))/(t2 − t1). */
function firstOrderRate(design: ReturnType<typeof liposome>, t1: number, t2: number): number {
  const p = predictRelease(design, { timesH: [0, t1, t2] })
  return -Math.log((1 - p.environments.plasma.fractionReleased[2]!) / (1 - p.environments.plasma.fractionReleased[1]!)) / (t2 - t1)
}

function sized(drug: DrugId, diameterNm: number) {
  const v = validateDesign({ ...liposomeDoc(drug), core: { material: 'liposome', diameterNm, bilayer: { lipid: 'dspc', cholesterolMolPct: 40 } } })
  if (!v.valid) throw new Error(JSON.stringify(v.errors))
  return v.design
}

describe('curvature term of small vesicles, k(d) = k(d_ref) exp(λ(1/d − 1/d_ref))', () => {
  it('is 1 at the reference diameter, exp(λ/d_ref·(d_ref/d − 1)) elsewhere, and refuses bad input with the value named', () => {
    expect(curvatureLeakageFactor(100, 150, 100)).toBe(1)
    expect(curvatureLeakageFactor(50, 150, 100)).toBeCloseTo(Math.exp(1.5), 12)
    expect(curvatureLeakageFactor(1e9, 150, 100)).toBeCloseTo(Math.exp(-1.5), 6)
    expect(curvatureLeakageFactor(80, 0, 100)).toBe(1)
    expect(() => curvatureLeakageFactor(0, 150, 100)).toThrow(/0 nm/)
    expect(() => curvatureLeakageFactor(50, Number.NaN, 100)).toThrow(/NaN/)
  })

  it('makes 50 nm HSPC daunorubicin liposomes lose ~40 % in 4 h while 100 nm ones keep ~all (Biol Pharm Bull 1995, 18:1020, the calibration rows)', () => {
    const retained = (d: number): number => {
      const v = validateDesign({ ...liposomeDoc('daunorubicin'), core: { material: 'liposome', diameterNm: d, bilayer: { lipid: 'hspc', cholesterolMolPct: 40 } } })
      if (!v.valid) throw new Error(JSON.stringify(v.errors))
      const p = predictRelease(v.design, { timesH: [0, 4] })
      return 1 - p.environments.plasma.fractionReleased[1]!
    }
    expect(retained(50)).toBeGreaterThan(0.6 / 1.5)
    expect(retained(50)).toBeLessThan(0.6 * 1.5)
    expect(retained(100)).toBeGreaterThan(0.75)
    expect(retained(100) - retained(50)).toBeGreaterThan(0.15)
  })

  it('scales the weak-base rate by the factor, smoothly, and leaves the rate of a lipophilic drug alone', () => {
    const wb = RELEASE_CATALOG.drugClasses['weak-base-gradient']!
    const lambda = wb.curvatureLeakageLengthNm!.value
    const core = RELEASE_CATALOG.cores.liposome as { leakageReferenceDiameterNm?: { value: number } }
    const dRef = core.leakageReferenceDiameterNm!.value
    const k100 = firstOrderRate(sized('vincristine', dRef), 24, 48)
    for (const d of [45, 60, 80, 150, 250]) {
      expect(firstOrderRate(sized('vincristine', d), 24, 48) / k100).toBeCloseTo(curvatureLeakageFactor(d, lambda, dRef), 6)
    }
    for (let d = 30; d < 400; d *= 1.1) {
      const a = firstOrderRate(sized('daunorubicin', d), 1, 2)
      const b = firstOrderRate(sized('daunorubicin', d * 1.1), 1, 2)
      expect(Math.max(a / b, b / a)).toBeLessThan(2)
    }
    expect(RELEASE_CATALOG.drugClasses['lipophilic-small']!.curvatureLeakageLengthNm).toBeUndefined()
    expect(firstOrderRate(sized('dexamethasone', 50), 1, 2)).toBeCloseTo(firstOrderRate(sized('dexamethasone', 100), 1, 2), 9)
  })
})

describe('liposome leakage of gradient-loaded weak bases', () => {
  it('the class rate is the DSPC/cholesterol rate of Webb 1995, and sphingomyelin scales it by the paper\'s ratio', () => {
    const wb = RELEASE_CATALOG.drugClasses['weak-base-gradient']!
    // Webb 1995: 25 % (SM/cholesterol) and 5 % (DSPC/cholesterol) kept at 72 h → k = −ln(0.25)/72 and −ln(0.05)/72
    expect(wb.liposomeFirstOrderRatePerH!.value).toBeCloseTo(-Math.log(0.05) / 72, 4)
    expect(wb.bilayerLipidLeakageFactor!['egg-sm']!.value).toBeCloseTo(Math.log(0.25) / Math.log(0.05), 3)
    const withLipid = (lipid: 'dspc' | 'egg-sm') => {
      const v = validateDesign({ ...liposomeDoc('vincristine'), core: { material: 'liposome', diameterNm: 100, bilayer: { lipid, cholesterolMolPct: 45 } } })
      if (!v.valid) throw new Error(JSON.stringify(v.errors))
      return v.design
    }
    // both bilayers ordered (r ≈ 1), so the rate ratio is the lipid factor (× the small fluid remainder of SM)
    const ratio = firstOrderRate(withLipid('egg-sm'), 24, 48) / firstOrderRate(withLipid('dspc'), 24, 48)
    expect(ratio).toBeGreaterThan(0.4)
    expect(ratio).toBeLessThan(0.55)
  })

  it.each(['vincristine', 'doxorubicin', 'daunorubicin', 'irinotecan'] as const)('%s leaks first-order at its own calibrated rate or the class rate, × the fluid multiplier^(1 − r)', (drug) => {
    expect(RELEASE_CATALOG.drugs[drug]!.class).toBe('weak-base-gradient')
    const own = (RELEASE_CATALOG.drugs[drug] as { liposomeFirstOrderRatePerH?: { value: number } }).liposomeFirstOrderRatePerH?.value
    const k0 = own ?? RELEASE_CATALOG.drugClasses['weak-base-gradient']!.liposomeFirstOrderRatePerH!.value
    const m = RELEASE_CATALOG.drugClasses['weak-base-gradient']!.fluidBilayerLeakageMultiplier!.value
    const k = k0 * Math.pow(m, 1 - orderedShare(55, 40)) // DSPC, T_m 55 °C (lipids.json)
    expect(survivalRatio(liposome(drug))).toBeCloseTo(Math.exp(-k * 24), 6)
  })

  it('doxorubicin (ammonium-sulfate gradient, calibrated on Doxil) leaks more slowly than the class rate', () => {
    expect(survivalRatio(liposome('doxorubicin'))).toBeGreaterThan(survivalRatio(liposome('vincristine')))
  })

  it('a fluid egg-PC bilayer leaks far faster than an ordered HSPC one of the same size and cholesterol (Biol Pharm Bull 1995, 18:1020: 50 % in 5 min vs 40 % in 4 h at 50 nm)', () => {
    const at50 = (lipid: 'egg-pc' | 'hspc'): number => {
      const v = validateDesign({ ...liposomeDoc('daunorubicin'), core: { material: 'liposome', diameterNm: 50, bilayer: { lipid, cholesterolMolPct: 40 } } })
      if (!v.valid) throw new Error(JSON.stringify(v.errors))
      return firstOrderRate(v.design, 0.5, 1)
    }
    // published: k_fluid = ln 2 / (5/60 h) = 8.3 1/h, k_ordered = −ln(0.6)/4 h = 0.128 1/h → 65-fold
    const published = (Math.LN2 / (5 / 60)) / (-Math.log(0.6) / 4)
    const ratio = at50('egg-pc') / at50('hspc')
    expect(ratio).toBeGreaterThan(published / 2)
    expect(ratio).toBeLessThan(published * 2)
  })

  it('a drug class without a calibrated fluid-bilayer multiplier (lipophilic dexamethasone) leaks alike from fluid and ordered bilayers', () => {
    const fluid = validateDesign({ ...liposomeDoc('dexamethasone'), core: { material: 'liposome', diameterNm: 100, bilayer: { lipid: 'egg-pc', cholesterolMolPct: 40 } } })
    if (!fluid.valid) throw new Error(JSON.stringify(fluid.errors))
    expect(RELEASE_CATALOG.drugClasses['lipophilic-small']!.fluidBilayerLeakageMultiplier).toBeUndefined()
    const rate = (d: ReturnType<typeof liposome>): number => {
      const p = predictRelease(d, { timesH: [0, 1, 2] })
      return -Math.log((1 - p.environments.plasma.fractionReleased[2]!) / (1 - p.environments.plasma.fractionReleased[1]!))
    }
    expect(rate(fluid.design) / rate(liposome('dexamethasone'))).toBeCloseTo(1, 9)
  })
})
