/**
 * Charge modifier (science brief §2.4.3): surface charge changes liver and lung phagocytic
 * uptake unless a PEG brush hides it. Thresholds and multipliers in pbpk.json
 * `modifiers.charge` (sources and evidence there); validity range in `validity`.
 */
import type { OrganKey } from '../data'
import type { PbpkAssumption } from '../types'
import { cite, modifierResult, signed } from './common'
import { effectivePegCoverage } from './stealth'
import type { Modifier, OrganEffect } from './types'

/**
 * Surface charge (brief §2.4.3), hidden by a PEG brush (coverage at the layer's outer surface,
 * effectivePegCoverage, ≥ pegShieldCoverageRatio):
 * cationic particles raise liver and lung K_max (opsonisation, lung capture), strongly anionic
 * ones liver K_max (scavenger receptors).
 */
export const chargeModifier: Modifier = (input, { data }) => {
  const ch = data.modifiers.charge
  const organs: Partial<Record<OrganKey, OrganEffect>> = {}
  const assumptions: PbpkAssumption[] = []
  const warnings: string[] = []
  if (effectivePegCoverage(input) < ch.pegShieldCoverageRatio.value) {
    if (input.zetaMv > ch.cationicThresholdMv.value) {
      const m = ch.cationicLiverLungKMaxMultiplier.value
      organs.liver = { kMax: m }
      organs.lungs = { kMax: m }
      assumptions.push(cite('modifier.charge.cationic', `ζ = ${input.zetaMv} mV > ${signed(ch.cationicThresholdMv.value)} mV: liver and lung K_max multiplier (opsonisation, lung capture)`, ch.cationicLiverLungKMaxMultiplier))
    } else if (input.zetaMv < ch.anionicThresholdMv.value) {
      organs.liver = { kMax: ch.anionicLiverKMaxMultiplier.value }
      assumptions.push(cite('modifier.charge.anionic', `ζ = ${input.zetaMv} mV < ${signed(ch.anionicThresholdMv.value)} mV without PEG brush: liver K_max multiplier (scavenger receptors)`, ch.anionicLiverKMaxMultiplier))
    }
  }
  const v = data.validity
  if (input.zetaMv < v.zetaMinMv.value || input.zetaMv > v.zetaMaxMv.value) {
    const range = v.zetaMinMv.value === -v.zetaMaxMv.value ? `±${v.zetaMaxMv.value} mV` : `${v.zetaMinMv.value} to ${v.zetaMaxMv.value} mV`
    warnings.push(`Zeta potential ${input.zetaMv} mV is outside ${range}; the charge heuristics are extrapolated.`)
  }
  return modifierResult({ organs, assumptions, warnings })
}

