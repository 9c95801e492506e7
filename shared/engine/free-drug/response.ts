/**
 * Exposure → response of the glucocorticoids (issue #15): receptor occupancy in the target as
 * the benefit, cortisol suppression as the systemic harm marker.
 *
 * Receptor-mediated glucocorticoid effects follow the unbound concentration through a
 * receptor-occupancy (Emax) law, RO = C_u / (C_u + K_D), and the IC50 of their effects,
 * cortisol suppression among them, agrees with the receptor K_D (Jusko WJ 1995, Toxicology
 * 102:189, doi:10.1016/0300-483X(95)03047-J: "IC50 values agree well with receptor KD values";
 * the occupancy approach of Derendorf H, Hochhaus G, Möllmann H et al., e.g. Rohatagi S et al.
 * 1997, J Clin Pharmacol 37:916). So
 *   benefit = RO_target = C̄_u,T / (C̄_u,T + K_D),
 *   harm    = cortisol suppression = I_max · C̄_u,blood / (C̄_u,blood + K_D), I_max = 1,
 * with C̄ the unbound concentration averaged over the horizon (AUC / τ). Averaging before the
 * Emax law is an assumption [U]: the mean of an occupancy over a fluctuating curve is lower
 * than the occupancy of the mean (Jensen), for the particle and the free drug alike.
 */
import type { Cited } from '../../catalog/cited'
import type { DrugId } from '../../catalog/ids'

/** Receptor pharmacodynamics of a glucocorticoid. */
export interface GlucocorticoidPd {
  /** Unbound equilibrium dissociation constant at the human glucocorticoid receptor, nM. */
  readonly receptorKdNm: Cited
  /** Usual daily dose of the free drug in RA (the comparator of dose tailoring), mg/day. */
  readonly usualDailyDoseMg: Cited
}

const DEX_KD_NM = 5

/** The glucocorticoids with an occupancy model. */
export const GLUCOCORTICOID_PD: Partial<Readonly<Record<DrugId, GlucocorticoidPd>>> = {
  dexamethasone: {
    receptorKdNm: { value: DEX_KD_NM, unit: 'nM', source: 'NanoForge estimate: dexamethasone binds the human glucocorticoid receptor with a K_D of a few nM (order of magnitude recalled from receptor-binding studies, not re-read)', evidence: 'U' },
    usualDailyDoseMg: { value: 7.5 * 0.75 / 5, unit: 'mg/day', source: 'Low-dose glucocorticoid in RA ≤ 7.5 mg prednisone-equivalent per day (Buttgereit F et al. 2002, Ann Rheum Dis 61:718, doi:10.1136/ard.61.8.718; recalled, not re-read) at 0.75 mg dexamethasone ≙ 5 mg prednisone (Goodman & Gilman 12th ed. 2010)', evidence: 'D', note: '7.5 × 0.75 / 5 = 1.125 mg/day.' },
  },
  prednisolone: {
    receptorKdNm: { value: DEX_KD_NM * 100 / 16, unit: 'nM', source: 'Relative receptor affinity prednisolone 16 against dexamethasone 100 (receptor-occupancy tables of Derendorf H, Hochhaus G et al.; recalled, not re-read) × the dexamethasone K_D', evidence: 'U', note: '5 nM × 100 / 16 = 31 nM.' },
    usualDailyDoseMg: { value: 7.5, unit: 'mg/day', source: 'Low-dose glucocorticoid in RA ≤ 7.5 mg prednisone-equivalent per day (Buttgereit F et al. 2002, Ann Rheum Dis 61:718; recalled, not re-read)', evidence: 'U' },
  },
}

/** mg/L → nM for a molecular weight in Da (g/mol): c · 10⁶ / MW. */
export function mgPerLToNm(mgPerL: number, molecularWeightDa: number): number {
  return mgPerL * 1e6 / molecularWeightDa
}

/** Receptor occupancy (or fractional inhibition with I_max = 1) at an unbound concentration: C / (C + K_D). */
export function occupancy(unboundNm: number, kdNm: number): number {
  if (!(unboundNm >= 0) || !(kdNm > 0)) throw new Error(`occupancy: concentration must be ≥ 0 and K_D > 0 nM, got ${unboundNm} and ${kdNm}`)
  return unboundNm / (unboundNm + kdNm)
}

/** Unbound concentration that gives occupancy `ro` (0 < ro < 1): K_D · ro / (1 − ro). */
export function concentrationForOccupancy(ro: number, kdNm: number): number {
  if (!(ro > 0 && ro < 1)) throw new Error(`concentrationForOccupancy: occupancy must be between 0 and 1 (exclusive), got ${ro}`)
  return kdNm * ro / (1 - ro)
}
