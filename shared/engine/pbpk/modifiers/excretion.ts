/**
 * Excretion modifier (science brief §2.1.2, §2.4.1): renal filtration by size and the
 * species' urinary and biliary particle clearances (pbpk.json `excretion`, sources and
 * evidence there).
 */
import { PBPK_DATA } from '../data'
import type { PbpkAssumption } from '../types'
import { cite, modifierResult } from './common'
import type { Modifier } from './types'

/**
 * Glomerular sieving coefficient of particles of hydrodynamic diameter `hdNm`: the fraction of
 * the glomerular filtration rate that carries them into urine (brief §2.4.1). 1 up to
 * freeFiltrationBelowNm (inulin-sized solutes are filtered freely), then a logistic in HD
 * (logisticMidpointNm, logisticWidthNm) renormalised to 1 there, and 0 from
 * noFiltrationAboveNm (pbpk.json excretion.renalFiltration). Calibrated on Choi 2007's liver
 * values for 4.36 and 8.65 nm quantum dots; replaces the brief's f = 1 below 5.5 nm, which
 * filters such a dot like inulin.
 */
export function renalFilteredFraction(hdNm: number, r = PBPK_DATA.excretion.renalFiltration): number {
  if (hdNm <= r.freeFiltrationBelowNm.value) return 1
  if (hdNm >= r.noFiltrationAboveNm.value) return 0
  const logistic = (x: number): number => 1 / (1 + Math.exp((x - r.logisticMidpointNm.value) / r.logisticWidthNm.value))
  return logistic(hdNm) / logistic(r.freeFiltrationBelowNm.value)
}

/**
 * Diameter the glomerulus sees, nm: HD + ΔHD_corona·(1 − r), r the share of the surface that
 * resists protein adsorption (brief §2.4.1: serum proteins add > 15 nm to a charged dot's HD
 * and block its excretion; a zwitterionic coat prevents it, Choi 2007). Linear in r, so a
 * partly protected surface is partly filtered, never a cliff.
 */
export function renalDiameterNm(hdNm: number, proteinRepellentFraction: number, r = PBPK_DATA.excretion.renalFiltration): number {
  const repelled = Math.min(1, Math.max(0, proteinRepellentFraction))
  return hdNm + r.coronaDiameterIncreaseNm.value * (1 - repelled)
}

/**
 * A batch's small end filtered at less than this share of GFR is cleared by the phagocytes long
 * before the kidney matters, so filtration across the batch is not worth a warning.
 */
const NOTABLE_SIEVING = 0.01
/**
 * A batch's large end filtered at less than this share of GFR is cleared slowly enough by the
 * kidney for the liver and spleen phagocytes to take a good part of it.
 */
const SLOW_SIEVING = 0.1

/** The sieving coefficient at the two ends of an ordinary batch, when filtration changes steeply across it. */
export interface SteepFiltration {
  readonly smallNm: number
  readonly largeNm: number
  readonly smallSieving: number
  readonly largeSieving: number
}

/**
 * Filtration across an ordinary batch: the sieving coefficient at d·e^(−√3σ) and d·e^(√3σ),
 * the outer nodes of a three-point Gauss–Hermite rule over ln d (σ = batchSizeSpreadLn, what
 * Choi 2007's calibration values prefer), when it changes more than 2-fold between them, the
 * small end is filtered at NOTABLE_SIEVING of GFR or more and the large end at SLOW_SIEVING or
 * less; else null. The engine runs one size, and near the cutoff the larger particles of a real
 * batch escape filtration (they go to the liver and spleen instead); the spread is not run
 * because the calibration values cannot tell it from the sieving width (pbpk.json,
 * batchSizeSpreadLn).
 */
export function steepFiltrationAcrossBatch(hdRenalNm: number, r = PBPK_DATA.excretion.renalFiltration): SteepFiltration | null {
  const node = Math.exp(Math.sqrt(3) * r.batchSizeSpreadLn.value)
  const smallNm = hdRenalNm / node
  const largeNm = hdRenalNm * node
  const smallSieving = renalFilteredFraction(smallNm, r)
  const largeSieving = renalFilteredFraction(largeNm, r)
  if (smallSieving < NOTABLE_SIEVING || largeSieving > SLOW_SIEVING || largeSieving > smallSieving / 2) return null
  return { smallNm, largeNm, smallSieving, largeSieving }
}

/** A sieving coefficient in words: two significant digits (0.16, 0.011), 1 and 0 as they are. */
function sievingText(f: number): string {
  return f === 0 || f === 1 ? String(f) : String(Number(f.toPrecision(2)))
}

/**
 * Excretion (brief §2.1.2, §2.4.1): K_urine = f_filt(HD_renal)·GFR + K_urineC·BW^0.75 (filtered
 * particles plus the species' urinary clearance of particles), K_bile = K_bileC·BW^0.75.
 */
export const excretionModifier: Modifier = (input, { data, bodyWeightKg }) => {
  const phys = data.species[input.species]
  const ex = data.excretion[input.species]
  const hd = input.hydrodynamicDiameterNm
  const repelled = input.proteinRepellentFraction ?? 0
  const hdRenal = renalDiameterNm(hd, repelled, data.excretion.renalFiltration)
  const fFilt = renalFilteredFraction(hdRenal, data.excretion.renalFiltration)
  // an individual's GFR (virtual patient: eGFR de-indexed by body surface area) or the species'
  const gfr = input.physiology?.gfrLPerH ?? phys.gfrCoefficient.value * Math.pow(bodyWeightKg, 0.75)
  const urine = fFilt * gfr + ex.urinaryCoefficient.value * Math.pow(bodyWeightKg, 0.75)
  const bile = ex.biliaryCoefficient.value * Math.pow(bodyWeightKg, 0.75)
  const assumptions: PbpkAssumption[] = []
  const rf = data.excretion.renalFiltration
  if (hd < rf.noFiltrationAboveNm.value && hdRenal > hd) {
    assumptions.push(cite('modifier.size.renalCorona', `Serum proteins on ${((1 - Math.min(1, repelled)) * 100).toFixed(0)} % of the surface: the glomerulus sees ${hdRenal.toFixed(1)} nm, not ${hd.toFixed(1)} nm (+${rf.coronaDiameterIncreaseNm.value} nm on an unprotected surface)`, rf.coronaDiameterIncreaseNm, hdRenal))
  }
  if (fFilt > 0) {
    assumptions.push(cite('modifier.size.renalFiltration', `Renal filtration: sieving coefficient ${fFilt.toFixed(3)} of GFR for a ${hdRenal.toFixed(1)} nm particle at the glomerulus (calibrated on Choi 2007)`, rf.logisticMidpointNm, fFilt))
    if (!input.physiology) assumptions.push(cite(`species.${input.species}.gfrCoefficient`, 'Glomerular filtration rate coefficient', phys.gfrCoefficient))
  }
  const steep = steepFiltrationAcrossBatch(hdRenal, rf)
  const warnings = steep === null ? [] : [
    `Renal filtration is steep at ${hdRenal.toFixed(1)} nm: the glomerulus passes ${sievingText(fFilt)} of GFR for this size, `
    + `${sievingText(steep.smallSieving)} at ${steep.smallNm.toFixed(1)} nm and ${sievingText(steep.largeSieving)} at ${steep.largeNm.toFixed(1)} nm, `
    + `the ends of an ordinary batch (σ of ln d ${rf.batchSizeSpreadLn.value}; sieving calibrated on Choi 2007). The estimate runs one size: `
    + 'the larger particles of a real batch escape filtration and go to the liver and spleen, so their share there can be several-fold above this estimate.',
  ]
  return modifierResult({
    scalars: { renalFilteredFraction: fFilt, urineClearanceLPerH: urine, bileClearanceLPerH: bile },
    assumptions,
    warnings,
  })
}

