/**
 * In-vivo leakage of gradient-loaded weak bases from liposomes (release.json drug class
 * weak-base-gradient, from Webb 1995; a drug's own calibrated rate where it has one; a fluid
 * bilayer × the fluid multiplier^(1 − ordered share)). Checked analytically: after the burst, the
 * survival of a first-order release falls as exp(−k Δt) between any two times.
 */
import { describe, expect, it } from 'vitest'
import { validateDesign } from '../../../../../shared/design/schema'
import { predictRelease, RELEASE_CATALOG } from '../../../../../shared/engine/release'
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

describe('liposome leakage of gradient-loaded weak bases', () => {
  it('the class rate is the geometric mean of the two Webb 1995 rates', () => {
    const k = RELEASE_CATALOG.drugClasses['weak-base-gradient']!.liposomeFirstOrderRatePerH!.value
    // Webb 1995: 25 % and 5 % kept at 72 h → k = −ln(0.25)/72 and −ln(0.05)/72; the class takes their geometric mean
    expect(k).toBeCloseTo(Math.sqrt((-Math.log(0.25) / 72) * (-Math.log(0.05) / 72)), 4)
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

  it('a fluid egg-PC bilayer leaks far faster than an ordered DSPC one with the same cholesterol (Biol Pharm Bull 1995, 18:1020: 50 % in 5 min vs 40 % in 4 h)', () => {
    const fluid = validateDesign({ ...liposomeDoc('daunorubicin'), core: { material: 'liposome', diameterNm: 100, bilayer: { lipid: 'egg-pc', cholesterolMolPct: 40 } } })
    if (!fluid.valid) throw new Error(JSON.stringify(fluid.errors))
    const p = predictRelease(fluid.design, { timesH: [0, 1, 2] })
    const kFluid = -Math.log((1 - p.environments.plasma.fractionReleased[2]!) / (1 - p.environments.plasma.fractionReleased[1]!))
    const kOrdered = -Math.log(survivalRatio(liposome('daunorubicin'))) / 24
    expect(kFluid / kOrdered).toBeGreaterThan(100)
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
