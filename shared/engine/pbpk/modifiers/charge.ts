/**
 * Charge modifier (science brief §2.4.3): surface charge changes liver and lung phagocytic
 * uptake unless a PEG brush hides it. Thresholds, multipliers and the ramp in pbpk.json
 * `modifiers.charge` (sources and evidence there); validity range in `validity`.
 */
import type { OrganKey } from '../data'
import type { PbpkAssumption } from '../types'
import { cite, clamp, modifierResult, signed } from './common'
import { effectivePegCoverage } from './stealth'
import type { Modifier, OrganEffect } from './types'

/**
 * Share of the charge effect that acts, 0-1: how far ζ lies past its threshold, in units of
 * the ramp (0 at the threshold, 1 from threshold + ramp), times the unshielded share of the
 * surface, 1 − s/s_shield with s the PEG coverage at the layer's outer surface.
 */
export function chargeEffectShare(excessMv: number, rampMv: number, pegCoverage: number, shieldCoverage: number): number {
  return clamp(excessMv / rampMv, 0, 1) * clamp(1 - pegCoverage / shieldCoverage, 0, 1)
}

/**
 * Surface charge (brief §2.4.3): cationic particles raise liver and lung K_max (opsonisation,
 * lung capture), strongly anionic ones liver K_max (scavenger receptors). The multiplier is
 * m^a with a = {@link chargeEffectShare}: log-linear in ζ over a ramp past the threshold (a
 * zeta potential is known to a few mV) and in the PEG coverage up to the brush that hides
 * the charge — so no 10 % step of ζ or of PEG flips a ×3 on or off.
 */
export const chargeModifier: Modifier = (input, { data }) => {
  const ch = data.modifiers.charge
  const organs: Partial<Record<OrganKey, OrganEffect>> = {}
  const assumptions: PbpkAssumption[] = []
  const warnings: string[] = []
  const s = effectivePegCoverage(input)
  const ramp = ch.chargeRampMv.value
  const shield = ch.pegShieldCoverageRatio.value
  const cationic = chargeEffectShare(input.zetaMv - ch.cationicThresholdMv.value, ramp, s, shield)
  const anionic = chargeEffectShare(ch.anionicThresholdMv.value - input.zetaMv, ramp, s, shield)
  const shieldText = s > 0 ? `, PEG coverage ${s.toFixed(2)} of the ${shield} that hides it` : ''
  if (cationic > 0) {
    const m = Math.pow(ch.cationicLiverLungKMaxMultiplier.value, cationic)
    organs.liver = { kMax: m }
    organs.lungs = { kMax: m }
    assumptions.push(cite('modifier.charge.cationic', `ζ = ${input.zetaMv} mV > ${signed(ch.cationicThresholdMv.value)} mV: liver and lung K_max × ${ch.cationicLiverLungKMaxMultiplier.value}^${cationic.toFixed(2)} (opsonisation, lung capture; full from ${signed(ch.cationicThresholdMv.value + ramp)} mV${shieldText})`, ch.cationicLiverLungKMaxMultiplier, m))
  } else if (anionic > 0) {
    const m = Math.pow(ch.anionicLiverKMaxMultiplier.value, anionic)
    organs.liver = { kMax: m }
    assumptions.push(cite('modifier.charge.anionic', `ζ = ${input.zetaMv} mV < ${signed(ch.anionicThresholdMv.value)} mV: liver K_max × ${ch.anionicLiverKMaxMultiplier.value}^${anionic.toFixed(2)} (scavenger receptors; full from ${signed(ch.anionicThresholdMv.value - ramp)} mV${shieldText})`, ch.anionicLiverKMaxMultiplier, m))
  }
  const v = data.validity
  if (input.zetaMv < v.zetaMinMv.value || input.zetaMv > v.zetaMaxMv.value) {
    const range = v.zetaMinMv.value === -v.zetaMaxMv.value ? `±${v.zetaMaxMv.value} mV` : `${v.zetaMinMv.value} to ${v.zetaMaxMv.value} mV`
    warnings.push(`Zeta potential ${input.zetaMv} mV is outside ${range}; the charge heuristics are extrapolated.`)
  }
  return modifierResult({ organs, assumptions, warnings })
}
