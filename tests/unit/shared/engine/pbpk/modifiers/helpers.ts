/** Shared inputs and checks of the PBPK modifier tests. */
import { expect } from 'vitest'
import { PBPK_DATA, type BiodistributionInput, type ParameterPerturbation } from '../../../../../../shared/engine/pbpk'
import type { ModifierContext, ModifierResult } from '../../../../../../shared/engine/pbpk/modifiers/types'

/** A bare 100 nm PLGA particle in a healthy mouse, 10 mg/kg. */
export const BARE: BiodistributionInput = {
  species: 'mouse', disease: 'healthy', goal: 'deliver', hydrodynamicDiameterNm: 100, pegCoverageRatio: 0,
  zetaMv: -5, membraneCloak: null, ligands: [],
  core: { coreClass: 'polymer-matrix', imaging: false, degradable: true }, particleDoseMgPerKg: 10,
}

/** The modifier context of the species' default body weight. */
export function ctxFor(input: BiodistributionInput, perturbation?: ParameterPerturbation): ModifierContext {
  const bodyWeightKg = input.bodyWeightKg ?? PBPK_DATA.species[input.species].bodyWeightKg.value
  return perturbation ? { data: PBPK_DATA, bodyWeightKg, perturbation } : { data: PBPK_DATA, bodyWeightKg }
}

/** Every assumption carries a literature source and an evidence tag; ids are unique. */
export function expectCited(r: ModifierResult): void {
  for (const a of r.assumptions) {
    expect(a.source.length, a.id).toBeGreaterThan(10)
    expect(['V', 'C', 'D', 'U'], a.id).toContain(a.evidence)
    expect(a.description.length, a.id).toBeGreaterThan(0)
  }
  expect(new Set(r.assumptions.map((a) => a.id)).size).toBe(r.assumptions.length)
}

/** A perturbation that leaves every organ parameter at its nominal value. */
export function unitPerturbation(overrides: Partial<ParameterPerturbation> = {}): ParameterPerturbation {
  const organs = Object.fromEntries(Object.keys(PBPK_DATA.organNp.mouse).map((o) => [o, { partition: 1, permeability: 1, kMax: 1, kRel: 1, capacity: 1 }]))
  return { organs: organs as unknown as ParameterPerturbation['organs'], diseasePermeability: 1, diseaseKMax: 1, ...overrides }
}
