/**
 * Size dependence of drug leakage from liposomes (issue #10 item 3, h58).
 *
 * The bilayer of a small vesicle is curved: its outer leaflet is stretched and its inner one
 * compressed, by an area share of order (bilayer thickness)/(radius). The extra area per lipid of
 * the outer leaflet opens packing defects through which an aqueous-core drug crosses (Nagayasu A,
 * Uchiyama K, Kiwada H 1999, Adv Drug Deliv Rev 40:75-87, doi:10.1016/S0169-409X(99)00041-1:
 * small liposomes release their drug faster in blood; recalled, not re-read). Passive
 * permeability rises steeply, close to exponentially, with the area per lipid (Nagle JF, Mathai
 * JC, Zeidel ML, Tristram-Nagle S 2008, J Gen Physiol 131:77-85, doi:10.1085/jgp.200709849,
 * abstract: water permeability "most strongly correlated with the area per lipid"), and the
 * curvature's added area goes as 1/d, so
 *
 *   k(d) = k(d_ref) · exp(λ · (1/d − 1/d_ref))
 *
 * with d the vesicle diameter, d_ref the diameter at which the catalogued leakage rates are read
 * (release.json cores.liposome.leakageReferenceDiameterNm) and λ (nm) the curvature length of the
 * drug class (release.json drugClasses.<class>.curvatureLeakageLengthNm), fitted on the
 * calibration rows of liposomes of 50 and 100 nm (Biol Pharm Bull 1995, 18:1020-1023,
 * doi:10.1248/bpb.18.1020). Smooth in d, 1 at d_ref, falling towards exp(−λ/d_ref) for flat
 * (very large) bilayers.
 */

/**
 * Curvature factor of a liposome's leakage rate, exp(λ·(1/d − 1/d_ref)) (module comment).
 * Throws on a non-positive or non-finite diameter, naming the value.
 */
export function curvatureLeakageFactor(diameterNm: number, curvatureLengthNm: number, referenceDiameterNm: number): number {
  if (!(Number.isFinite(diameterNm) && diameterNm > 0) || !(Number.isFinite(referenceDiameterNm) && referenceDiameterNm > 0)) {
    throw new Error(`curvatureLeakageFactor: diameters must be positive numbers, got ${diameterNm} nm (vesicle) and ${referenceDiameterNm} nm (reference)`)
  }
  if (!(Number.isFinite(curvatureLengthNm) && curvatureLengthNm >= 0)) {
    throw new Error(`curvatureLeakageFactor: the curvature length must be a number >= 0, got ${curvatureLengthNm} nm`)
  }
  return Math.exp(curvatureLengthNm * (1 / diameterNm - 1 / referenceDiameterNm))
}
