/**
 * Bilayer modifier (issue #10 item 3, surface beyond PEG): an ordered liposome bilayer — a lipid
 * melting above body temperature (DSPC, HSPC: gel phase), or a saturated lipid (sphingomyelin)
 * with enough cholesterol to be liquid-ordered — adsorbs fewer opsonins than a fluid one, so liver and
 * spleen phagocytes take it up more slowly and it circulates for hours without PEG:
 * - Senior J, Gregoriadis G 1982, FEBS Lett 145:109-114 (recalled, DOI not read): cholesterol-rich
 *   small vesicles of high-T_m phosphatidylcholine stay intact in blood and are cleared more
 *   slowly than fluid (egg PC) ones;
 * - Gabizon A, Papahadjopoulos D 1988, PNAS 85:6949-6953, doi:10.1073/pnas.85.18.6949:
 *   rigid bilayers (sphingomyelin or HSPC with cholesterol) are the base of long-circulating
 *   liposomes, a fluid egg-PC base clears fast whatever is added;
 * - Allen TM, Hansen C, Martin F, Redemann C, Yau-Young A 1991, BBA 1066:29-36,
 *   doi:10.1016/0005-2736(91)90246-5: PEG-lipid prolongs circulation of fluid and rigid
 *   bilayers alike, i.e. PEG and a rigid bilayer are two routes to the same protection;
 * - Drummond DC, Meyer O, Hong K, Kirpotin DB, Papahadjopoulos D 1999, Pharmacol Rev 51:691-743
 *   (review: DSPC/cholesterol and SM/cholesterol liposomes, DaunoXome, the vincristine
 *   liposomes, circulate for hours in people without PEG).
 *
 * Factor on liver and spleen K_max: f_o^(r·(1 − φ)), with
 * - r = the bilayer's ordered share at 37 °C ({@link orderedBilayerShare}), 0-1;
 * - φ = the share of the surface a PEG brush (or a zwitterionic coat) already shields from
 *   proteins (BiodistributionInput.proteinRepellentFraction, the coverage the stealth modifier
 *   uses): proteins meet the bilayer only where the coat leaves it bare, so the two combine
 *   through the modifier product without counting the same protection twice — a dense PEG brush
 *   (φ = 1) leaves the bilayer nothing to add, a bare rigid bilayer gets f_o in full;
 * - f_o = pbpk.json modifiers.bilayer.kMaxFactorOrdered, calibrated on calibration rows only.
 * Smooth in T_m, cholesterol and PEG coverage: no jump anywhere. The cholesterol knob obeys the
 * no-cliff rule everywhere (a 10 % step moves the factor < 2-fold). The lipid is a choice from the
 * catalog, not a knob; a lipid whose main transition lies within two widths of body temperature
 * (or of the T_m from which cholesterol orders chains) sits on a named physical threshold, the
 * chain-melting transition, where the factor moves steeply with T_m. Such a bilayer is partly
 * ordered at body temperature, and the modifier warns (share between
 * {@link PARTLY_ORDERED_SHARE} limits).
 */
import type { PbpkAssumption } from '../types'
import type { PbpkData } from '../data'
import { cite, clamp, modifierResult } from './common'
import type { Modifier } from './types'

/** The bilayer parameters (pbpk.json modifiers.bilayer) the ordered share reads. */
export type BilayerOrderingParams = Pick<PbpkData['modifiers']['bilayer'],
  'orderingMidpointC' | 'gelTransitionWidthC' | 'cholesterolOrderingFromMolPct' | 'cholesterolOrderingToMolPct' | 'bodyTemperatureC'>

/**
 * Share of a bilayer that is ordered at body temperature, 0-1. Two routes to order, either one
 * enough, combined as independent shares: r = 1 − (1 − r_gel)·(1 − r_chol), with
 * - r_gel = 1 / (1 + exp(−(T_m − T_body)/w)): a lipid whose main (chain-melting) transition T_m
 *   (lipids.json) lies above body temperature is in the gel phase there, with or without
 *   cholesterol — DSPC (55 °C), HSPC (~53 °C), DPPC (~41-42 °C) (Drummond DC et al. 1999,
 *   Pharmacol Rev 51:691-743, Table 2; Marsh D 2013, Handbook of Lipid Bilayers, 2nd ed., CRC
 *   Press); the logistic's width w stands for the breadth of real transitions (lipid mixtures,
 *   small vesicles) and keeps a lipid melting just above 37 °C (DPPC) partly disordered;
 * - r_chol = g·c: cholesterol orders saturated chains that would be fluid on their own into the
 *   liquid-ordered phase (a single ordered phase from about 30 mol %; Vist MR, Davis JH 1990,
 *   Biochemistry 29:451-464, doi:10.1021/bi00454a021), while a cholesterol-poor bilayer binds
 *   more plasma proteins (Semple SC, Chonn A, Cullis PR 1996, Biochemistry 35:2521-2525,
 *   doi:10.1021/bi950414i): g = 1 / (1 + exp(−(T_m − T_mid)/w)) counts the chains as saturated
 *   enough when T_m lies above T_mid (unsaturated egg PC, DOPC, POPC melt far below 0 °C and stay
 *   fluid with cholesterol), c = smoothstep of the cholesterol mol % from c₀ to c₁.
 * So DSPC or HSPC is ordered with or without cholesterol (CPX-351's DSPC/DSPG with 10 mol %),
 * sphingomyelin (T_m ~38 °C) mostly through its cholesterol, DMPC (24 °C) only partly, egg PC
 * never. Smooth in T_m and cholesterol (no cliff at a transition).
 */
export function orderedBilayerShare(mainTransitionTemperatureC: number, cholesterolMolPct: number, p: BilayerOrderingParams): number {
  if (!Number.isFinite(mainTransitionTemperatureC) || !Number.isFinite(cholesterolMolPct)) {
    throw new Error(`orderedBilayerShare: T_m and cholesterol must be finite numbers, got ${mainTransitionTemperatureC} °C and ${cholesterolMolPct} mol %`)
  }
  const w = p.gelTransitionWidthC.value
  const rGel = 1 / (1 + Math.exp(-(mainTransitionTemperatureC - p.bodyTemperatureC.value) / w))
  const g = 1 / (1 + Math.exp(-(mainTransitionTemperatureC - p.orderingMidpointC.value) / w))
  const c0 = p.cholesterolOrderingFromMolPct.value
  const c1 = p.cholesterolOrderingToMolPct.value
  const x = clamp((cholesterolMolPct - c0) / (c1 - c0), 0, 1)
  const rChol = g * x * x * (3 - 2 * x)
  return 1 - (1 - rGel) * (1 - rChol)
}

/** The liver/spleen K_max factor of a bilayer: f_o^(r·(1 − φ)) (module comment). */
export function bilayerKMaxFactor(orderedShare: number, shieldedFraction: number, kMaxFactorOrdered: number): number {
  return Math.pow(kMaxFactorOrdered, clamp(orderedShare, 0, 1) * (1 - clamp(shieldedFraction, 0, 1)))
}

/**
 * Ordered shares between which a bare bilayer counts as partly ordered at body temperature: on
 * its lipid's transition, so its clearance estimate is sensitive to the lipid's exact T_m and the
 * cholesterol (the warning of {@link bilayerModifier}). A NanoForge choice of where "partly"
 * begins; it gates a warning only, never a number.
 */
export const PARTLY_ORDERED_SHARE = { from: 0.1, to: 0.9 } as const

/** Bilayer modifier: liver and spleen K_max × f_o^(r·(1 − φ)); no effect without a bilayer. */
export const bilayerModifier: Modifier = (input, { data }) => {
  const r = input.orderedBilayerShare ?? 0
  if (!(r > 0)) return modifierResult({})
  const bl = data.modifiers.bilayer
  const phi = clamp(input.proteinRepellentFraction ?? 0, 0, 1)
  const factor = bilayerKMaxFactor(r, phi, bl.kMaxFactorOrdered.value)
  const assumptions: PbpkAssumption[] = [
    cite('modifier.bilayer.liverSpleenKMax',
      `Ordered bilayer share ${r.toFixed(2)}, surface left bare by the coat ${(1 - phi).toFixed(2)}: liver and spleen K_max × ${bl.kMaxFactorOrdered.value}^(${r.toFixed(2)} × ${(1 - phi).toFixed(2)}) = ${factor.toPrecision(3)}`,
      bl.kMaxFactorOrdered, factor),
    cite('modifier.bilayer.bodyTemperatureC', 'Body temperature: a lipid whose main transition lies above it is gel-phase, ordered without cholesterol (logistic in T_m)', bl.bodyTemperatureC),
    cite('modifier.bilayer.orderingMidpointC', 'Lipid main transition above which cholesterol orders its chains (logistic in T_m)', bl.orderingMidpointC),
    cite('modifier.bilayer.cholesterolOrderingToMolPct', 'Cholesterol from which a saturated bilayer is fully liquid-ordered (smoothstep ramp)', bl.cholesterolOrderingToMolPct),
  ]
  const warnings = r > PARTLY_ORDERED_SHARE.from && r < PARTLY_ORDERED_SHARE.to && 1 - phi > PARTLY_ORDERED_SHARE.from
    ? [`The bilayer is partly ordered at body temperature (ordered share ${r.toFixed(2)}): its lipid melts close to ${bl.bodyTemperatureC.value} °C or has too little cholesterol to be fully ordered, so liver and spleen uptake (K_max × ${factor.toPrecision(2)}) moves steeply with the lipid's exact transition and the cholesterol content.`]
    : []
  return modifierResult({ organs: { liver: { kMax: factor }, spleen: { kMax: factor } }, assumptions, warnings })
}
