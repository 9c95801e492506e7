/**
 * In-vivo leakage of gradient-loaded weak bases from liposomes (release.json drug class
 * weak-base-gradient, from Webb 1995). Checked analytically: after the burst, the survival of a
 * first-order release falls as exp(−k Δt) between any two times.
 */
import { describe, expect, it } from 'vitest'
import { validateDesign } from '../../../../../shared/design/schema'
import { predictRelease, RELEASE_CATALOG } from '../../../../../shared/engine/release'
import type { DrugId } from '../../../../../shared/catalog/ids'

function liposome(drug: DrugId) {
  const checked = validateDesign({
    format: 'nanoforge.design', version: 2, name: `liposomal ${drug}`,
    core: { material: 'liposome', diameterNm: 100, bilayer: { lipid: 'dspc', cholesterolMolPct: 40 } },
    coatings: [], ligands: [], payload: { drug, loadingPctWw: 5, trigger: 'none' },
    context: { disease: 'healthy', species: 'human', goal: 'deliver', dose: { mgPerKg: 1, basis: 'drug' } },
  })
  if (!checked.valid) throw new Error(JSON.stringify(checked.errors))
  return checked.design
}

describe('liposome leakage of gradient-loaded weak bases', () => {
  it.each(['vincristine', 'doxorubicin', 'daunorubicin', 'irinotecan'] as const)('%s leaks at the class rate from Webb 1995', (drug) => {
    expect(RELEASE_CATALOG.drugs[drug]!.class).toBe('weak-base-gradient')
    const k = RELEASE_CATALOG.drugClasses['weak-base-gradient']!.liposomeFirstOrderRatePerH!.value
    // Webb 1995: 25 % and 5 % kept at 72 h → k = −ln(0.25)/72 and −ln(0.05)/72; the class takes their geometric mean
    expect(k).toBeCloseTo(Math.sqrt((-Math.log(0.25) / 72) * (-Math.log(0.05) / 72)), 4)
    const p = predictRelease(liposome(drug), { timesH: [0, 24, 48] })
    const ratio = (1 - p.environments.plasma.fractionReleased[2]!) / (1 - p.environments.plasma.fractionReleased[1]!)
    expect(ratio).toBeCloseTo(Math.exp(-k * 24), 6)
  })
})
