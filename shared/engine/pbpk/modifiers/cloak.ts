/**
 * Cell-membrane cloak modifier (science brief §2.4.4): multipliers per membrane source in
 * pbpk.json `modifiers.cloak` (sources and evidence there).
 */
import type { PbpkAssumption } from '../types'
import { cite, modifierResult } from './common'
import { inflamedTargetOf } from './disease'
import type { Modifier } from './types'

/**
 * Cell-membrane cloak (brief §2.4.4): liver and spleen K_max × the cloak's multiplier (self
 * markers such as CD47); inflamed-site adhesion (leukocyte and platelet membranes) × PA of the
 * lesion.
 */
export const cloakModifier: Modifier = (input, { data }) => {
  if (input.membraneCloak === null) return modifierResult({})
  const source = input.membraneCloak
  const cl = data.modifiers.cloak[source]
  const assumptions: PbpkAssumption[] = [
    cite(`modifier.cloak.${source}.phagocyteKMax`, `${source} membrane cloak: liver/spleen K_max multiplier`, cl.phagocyteKMaxMultiplier),
  ]
  if (cl.inflamedPermeabilityMultiplier.value !== 1 && inflamedTargetOf(input, data) !== null) {
    assumptions.push(cite(`modifier.cloak.${source}.inflamedPermeability`, `${source} membrane cloak: inflamed-site adhesion PA multiplier`, cl.inflamedPermeabilityMultiplier))
  }
  const pc = cl.phagocyteKMaxMultiplier.value
  return modifierResult({
    organs: { liver: { kMax: pc }, spleen: { kMax: pc } },
    lesion: { permeability: cl.inflamedPermeabilityMultiplier.value },
    assumptions,
  })
}

