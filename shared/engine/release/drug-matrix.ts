/**
 * How the drug and its state in the matrix set release from a matrix particle (issue #10
 * item 4): apparent diffusivity from molecular weight, burst from hydrophilicity, and the
 * dissolved/dispersed weight from loading against matrix solubility. Pure functions; the
 * constants live in resources/catalog/release.json with their sources.
 */

/**
 * Apparent diffusivity of a small-molecule drug in a matrix, cm²/s, from its size by the
 * Stokes-Einstein relation for a solute moving through the water-filled pores of a hydrated
 * matrix: D ∝ 1/r_h and r_h ∝ MW^(1/3) for a molecule of fixed specific volume, so
 *
 *   D_app = D_ref,matrix · (MW_ref / MW)^a,   a = 1/3
 *
 * (Siepmann J & Siepmann F 2012, J Control Release 161:351-362, doi:10.1016/j.jconrel.2011.10.006,
 * on water-filled pore diffusion in PLGA devices). D_ref,matrix is the core's diffusivity for
 * the reference drug (dexamethasone, MW_ref).
 *
 * Why not the free-volume (Potts-Guy) law used before, log10 D falling 0.0061 per Da: the
 * calibration rows refute it. Cyclosporine (1203 Da) released 83 % in 24 h from ~180 nm PLGA
 * (Aksungur 2011) and rapamycin (914 Da) 91 % in 2.5 h from ~200 nm PCL (Othman 2016), where
 * that law put them 900- and 16 000-fold slower than measured; across the four matrix
 * calibration rows a single D_ref fits no worse with a = 1/3 than with any steeper size term
 * (least squares in ln time, resources/validation/release-published.json).
 */
export function drugMatrixDiffusivityCm2PerS(
  referenceDiffusivityCm2PerS: number, molecularWeightDa: number, referenceMolecularWeightDa: number, sizeExponent: number,
): number {
  if (!(molecularWeightDa > 0)) throw new Error(`drug molecular weight must be > 0 Da, got ${molecularWeightDa}`)
  return referenceDiffusivityCm2PerS * Math.pow(referenceMolecularWeightDa / molecularWeightDa, sizeExponent)
}

/**
 * Burst (surface-associated) fraction of a sphere of radius R from its value at a reference
 * radius: F_b(R) = 1 − (1 − F_b,ref)^(R_ref/R). Drug that ends up at the surface during
 * preparation scales with the surface-to-volume ratio 3/R of a sphere, so for a small burst
 * F_b ∝ 1/R (the leading term of this form); the power form keeps F_b below 1 for any radius
 * and is smooth in R. Surface-associated drug is the accepted origin of the burst (Huang X &
 * Brazel CS 2001, J Control Release 73:121-136, doi:10.1016/S0168-3659(01)00248-6).
 */
export function sizeScaledBurstFraction(referenceBurstFraction: number, referenceRadiusNm: number, radiusNm: number): number {
  if (!(radiusNm > 0)) throw new Error(`particle radius must be > 0 nm, got ${radiusNm}`)
  if (!(referenceBurstFraction >= 0 && referenceBurstFraction < 1)) throw new Error(`reference burst fraction must lie in [0, 1), got ${referenceBurstFraction}`)
  return 1 - Math.pow(1 - referenceBurstFraction, referenceRadiusNm / radiusNm)
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
