/**
 * Degradation modifier (science brief §2.4.6): carrier degradation inside the phagocytes,
 * first-order rates by core class in pbpk.json `modifiers.degradation` (sources and evidence
 * there).
 */
import type { PbpkAssumption } from '../types'
import { cite, modifierResult } from './common'
import type { Modifier } from './types'

/**
 * Carrier degradation in the phagocytes (brief §2.4.6): first order, rate by core class
 * (pbpk.json modifiers.degradation) unless the input gives one; 0 for non-degradable cores.
 */
export const degradationModifier: Modifier = (input, { data }) => {
  let kDeg = 0
  const assumptions: PbpkAssumption[] = []
  if (input.core.degradable) {
    const dc = data.modifiers.degradation[input.core.coreClass]
    kDeg = input.core.degradationPerH ?? dc?.value ?? 0
    if (input.core.degradationPerH === undefined && dc) {
      assumptions.push(cite(`modifier.degradation.${input.core.coreClass}`, `Carrier degradation in phagocytic cells (${input.core.coreClass})`, dc))
    }
  }
  return modifierResult({ scalars: { degradationPerH: kDeg }, assumptions })
}

