/**
 * How the drug and its state in the matrix set release from a matrix particle (issue #10
 * item 4): apparent diffusivity from molecular weight, burst from hydrophilicity, and the
 * dissolved/dispersed weight from loading against matrix solubility. Pure functions; the
 * constants live in resources/catalog/release.json with their sources.
 */

/**
 * Apparent diffusivity of a small-molecule drug in a matrix, cm²/s, exponential in molecular
 * size (free-volume picture: a larger solute needs a rarer, larger hole):
 *
 *   log10 D_app = log10 D_ref,matrix − β · (MW − MW_ref)
 *
 * D_ref,matrix is the core's diffusivity for the reference drug (dexamethasone, MW_ref). β is
 * the size coefficient of the Potts-Guy relation, log10 k_p = −2.7 + 0.71 log10 K_ow −
 * 0.0061 MW (Potts & Guy 1992, Pharm Res 9:663-669, doi:10.1023/A:1015810312465), whose MW
 * term is the diffusivity of a solute in a lipid/polymer-like barrier (stratum corneum). Its
 * partition term is not used: release into a sink does not need the drug to partition in.
 * The matrix constants D_ref are calibrated on nanoparticle release rows
 * (resources/validation/release-published.json, calibration set).
 */
export function drugMatrixDiffusivityCm2PerS(
  referenceDiffusivityCm2PerS: number, molecularWeightDa: number, referenceMolecularWeightDa: number, log10PerDa: number,
): number {
  if (!(molecularWeightDa > 0)) throw new Error(`drug molecular weight must be > 0 Da, got ${molecularWeightDa}`)
  return referenceDiffusivityCm2PerS * Math.pow(10, -log10PerDa * (molecularWeightDa - referenceMolecularWeightDa))
}

/**
 * Burst multiplier from the drug's hydrophilicity: hydrophilic drugs partition to the
 * particle surface during preparation and leave in the first hour (Huang & Brazel 2001,
 * J Control Release 73:121-136). A logistic in logP, so the multiplier moves smoothly from
 * 1 (lipophilic) to maxMultiplier (hydrophilic):
 *
 *   m(logP) = 1 + (m_max − 1) / (1 + 10^(s·(logP − logP_mid)))
 */
export function hydrophilicBurstMultiplier(logP: number, maxMultiplier: number, midpointLogP: number, slopePerLogP: number): number {
  return 1 + (maxMultiplier - 1) / (1 + Math.pow(10, slopePerLogP * (logP - midpointLogP)))
}

/**
 * Weight of the dispersed-drug (Baker-Lonsdale) form against the dissolved (Crank) form, from
 * the loading-to-solubility ratio x = C0/Cs: 0 up to x_start, 1 from x_end, and a smoothstep
 * w = t²(3 − 2t) in t = ln(x/x_start)/ln(x_end/x_start) between. Baker & Lonsdale's solution
 * needs C0 > Cs; the brief (§1.2) applies it above ~3. Blending the two survival curves with a
 * C¹ weight removes the jump a hard switch makes at the threshold: at x = 3 the Baker-Lonsdale
 * t50 is ~1.9× the Crank t50, which a 10 % loading step would otherwise cross.
 */
export function dispersedWeight(loadingPctWw: number, solubilityPctWw: number, startRatio: number, endRatio: number): number {
  if (!(loadingPctWw > 0) || !(solubilityPctWw > 0)) return 0
  const x = loadingPctWw / solubilityPctWw
  if (x <= startRatio) return 0
  if (x >= endRatio) return 1
  const t = Math.log(x / startRatio) / Math.log(endRatio / startRatio)
  return t * t * (3 - 2 * t)
}
