import { describe, expect, it } from 'vitest'
import { PBPK_DATA, resolveParameters } from '../../../../../../shared/engine/pbpk'
import { cloakModifier } from '../../../../../../shared/engine/pbpk/modifiers/cloak'
import type { MembraneSourceId } from '../../../../../../shared/catalog/ids'
import { BARE, ctxFor, expectCited } from './helpers'

const CLOAKS = Object.keys(PBPK_DATA.modifiers.cloak) as MembraneSourceId[]

describe('cloak modifier (brief §2.4.4)', () => {
  it('no cloak: no effect', () => {
    const r = cloakModifier(BARE, ctxFor(BARE))
    expect(r).toEqual({ organs: {}, lesion: {}, scalars: {}, assumptions: [], warnings: [] })
  })

  for (const source of CLOAKS) {
    const cl = PBPK_DATA.modifiers.cloak[source]
    it(`${source}: liver and spleen K_max × ${cl.phagocyteKMaxMultiplier.value}, lesion PA × ${cl.inflamedPermeabilityMultiplier.value}`, () => {
      const input = { ...BARE, disease: 'rheumatoid-arthritis' as const, membraneCloak: source }
      const r = cloakModifier(input, ctxFor(input))
      expect(r.organs).toEqual({ liver: { kMax: cl.phagocyteKMaxMultiplier.value }, spleen: { kMax: cl.phagocyteKMaxMultiplier.value } })
      expect(r.lesion).toEqual({ permeability: cl.inflamedPermeabilityMultiplier.value })
      expectCited(r)
      const ids = r.assumptions.map((a) => a.id)
      expect(ids).toContain(`modifier.cloak.${source}.phagocyteKMax`)
      // the adhesion assumption appears only where it acts: a PA multiplier ≠ 1 and a lesion
      expect(ids.includes(`modifier.cloak.${source}.inflamedPermeability`)).toBe(cl.inflamedPermeabilityMultiplier.value !== 1)
      const healthy = cloakModifier({ ...input, disease: 'healthy' }, ctxFor(input))
      expect(healthy.assumptions.map((a) => a.id)).toEqual([`modifier.cloak.${source}.phagocyteKMax`])
    })
  }

  it('composed: the cloak multiplies liver and spleen K_max and the lesion PA, nothing else', () => {
    const source = CLOAKS.find((c) => PBPK_DATA.modifiers.cloak[c].inflamedPermeabilityMultiplier.value !== 1)!
    const cl = PBPK_DATA.modifiers.cloak[source]
    const input = { ...BARE, disease: 'rheumatoid-arthritis' as const }
    const bare = resolveParameters(input).params.compartments
    const cloaked = resolveParameters({ ...input, membraneCloak: source }).params.compartments
    cloaked.forEach((c, j) => {
      const b = bare[j]!
      const k = (c.kMaxPerH + c.undelayedUptakePerH) / (b.kMaxPerH + b.undelayedUptakePerH)
      if (c.key === 'liver' || c.key === 'spleen') expect(k).toBeCloseTo(cl.phagocyteKMaxMultiplier.value, 12)
      else if (b.kMaxPerH > 0) expect(k).toBe(1)
      expect(c.paLPerH / b.paLPerH).toBeCloseTo(c.inflamed ? cl.inflamedPermeabilityMultiplier.value : 1, 12)
    })
  })
})
