/** Shared inputs for the PBPK tests. */
import type { BiodistributionInput } from '../../../../../shared/engine/pbpk'

/** A 100 nm PEGylated liposome (coverage ratio 2) in a healthy mouse, 10 mg/kg particles. */
export const PEG_LIPOSOME: BiodistributionInput = {
  species: 'mouse', disease: 'healthy', goal: 'deliver', hydrodynamicDiameterNm: 100, pegCoverageRatio: 2,
  zetaMv: -5, membraneCloak: null, ligands: [],
  core: { coreClass: 'lipid-vesicle', imaging: false, degradable: true }, particleDoseMgPerKg: 10,
}

/** A 100 nm citrate-like gold particle without PEG (non-degradable), healthy mouse. */
export const GOLD_100: BiodistributionInput = {
  species: 'mouse', disease: 'healthy', goal: 'deliver', hydrodynamicDiameterNm: 100, pegCoverageRatio: 0,
  zetaMv: -20, membraneCloak: null, ligands: [],
  core: { coreClass: 'inorganic-solid', imaging: true, degradable: false }, particleDoseMgPerKg: 1,
}

/** Sum of all reported keys at output index i. */
export function totalAt(pd: Readonly<Record<string, ReadonlyArray<number>>>, i: number): number {
  let s = 0
  for (const v of Object.values(pd)) s += v[i]!
  return s
}

/** Value of `key` at time t (must be an output time). */
export function at(r: { timesH: ReadonlyArray<number>; percentDose: Readonly<Record<string, ReadonlyArray<number>>> }, key: string, t: number): number {
  const i = r.timesH.indexOf(t)
  if (i < 0) throw new Error(`no output at ${t} h`)
  return r.percentDose[key]![i]!
}
