/**
 * PLGA / PLA bulk erosion coupled to diffusion (brief §1.3, Siepmann / Raman approach).
 *
 * Mw(t) = Mw0 exp(-k_deg t) and D(t) = D0 exp[beta (1 - Mw/Mw0)]; the sphere solution is
 * used with tau = ∫ D(t) dt / R^2, exact for spatially uniform D(t) (brief §1.3 [D]).
 */

/** Molecular-weight ratio Mw/Mw0 = exp(-k_deg t) (brief §1.3, pseudo-first-order scission). */
export function molecularWeightRatio(tH: number, degradationRatePerH: number): number {
  return Math.exp(-degradationRatePerH * tH)
}

/** Diffusivity multiplier D(t)/D0 = exp[beta (1 - Mw/Mw0)] (brief §1.3). */
export function diffusivityRatio(tH: number, degradationRatePerH: number, beta: number): number {
  return Math.exp(beta * (1 - Math.exp(-degradationRatePerH * tH)))
}

/**
 * Phi(t) = ∫0^t D(s)/D0 ds = ∫0^t exp[beta (1 - e^(-k s))] ds, in hours (brief §1.3).
 *
 * Exact series: expanding exp(-beta e^(-k s)) gives
 * Phi = e^beta Σ_{m≥0} (-beta)^m / m! · I_m, with I_0 = t and I_m = (1 - q^m)/(m k), q = e^(-k t).
 * 1 - q^m is built by the recurrence a_{m+1} = q a_m + (1 - q) (no cancellation). One exp per
 * call; terms stop when negligible. Returns t when k t or beta is zero.
 */
export function erosionTimeIntegralH(tH: number, degradationRatePerH: number, beta: number): number {
  if (!(tH > 0)) return 0
  const kt = degradationRatePerH * tH
  if (!(kt > 0) || beta === 0) return tH
  const q = Math.exp(-kt)
  const oneMinusQ = -Math.expm1(-kt)
  let sum = tH // m = 0 term
  let coeff = 1 // (-beta)^m / m!
  let a = 0 // 1 - q^m
  for (let m = 1; m < 400; m++) {
    coeff *= -beta / m
    a = q * a + oneMinusQ
    const term = (coeff * a) / (m * degradationRatePerH)
    sum += term
    if (m > beta && Math.abs(term) < 1e-17 * Math.abs(sum)) break
  }
  return Math.exp(beta) * sum
}
