/**
 * Stealth modifier (science brief §2.4.2, recalibrated): how the surface coat hides the
 * particle from liver and spleen phagocytes. Today the PEG coverage ratio alone (pbpk.json
 * `modifiers.peg`, sources and evidence there).
 */
import type { PbpkAssumption } from '../types'
import { cite, clamp, modifierResult } from './common'
import type { Modifier } from './types'

/**
 * Stealth coat (brief §2.4.2, recalibrated; today PEG coverage only): liver and spleen K_max ×
 * [f_res + (1 − f_res)·exp(−k s)], s = clamp(Γ/Γ*, 0, s_max) (pbpk.json modifiers.peg).
 */
export const stealthModifier: Modifier = (input, { data }) => {
  const pg = data.modifiers.peg
  const s = clamp(input.pegCoverageRatio, 0, pg.coverageRatioMax.value)
  const fRes = pg.residualFraction.value
  const pegFactor = fRes + (1 - fRes) * Math.exp(-pg.liverSpleenKMaxDecay.value * s)
  const assumptions: PbpkAssumption[] = []
  const warnings: string[] = []
  if (s > 0) {
    assumptions.push(cite('modifier.peg.liverSpleenKMax', `PEG coverage ratio ${s.toFixed(2)}: liver and spleen K_max × [${fRes} + ${1 - fRes}·exp(−${pg.liverSpleenKMaxDecay.value} s)]`, pg.liverSpleenKMaxDecay, pegFactor))
    assumptions.push(cite('modifier.peg.residualFraction', 'Liver/spleen K_max fraction left under a dense PEG brush', pg.residualFraction))
  }
  if (input.pegCoverageRatio > pg.coverageRatioMax.value) {
    warnings.push(`PEG coverage ratio ${input.pegCoverageRatio.toFixed(2)} is above ${pg.coverageRatioMax.value}; the PEG effect is capped at a ratio of ${pg.coverageRatioMax.value}.`)
  }
  return modifierResult({ organs: { liver: { kMax: pegFactor }, spleen: { kMax: pegFactor } }, assumptions, warnings })
}

