import { describe, expect, it } from 'vitest'
import { PBPK_DATA, resolveParameters } from '../../../../../../shared/engine/pbpk'
import { diseaseModifier, inflamedTargetOf } from '../../../../../../shared/engine/pbpk/modifiers/disease'
import type { DiseaseId } from '../../../../../../shared/catalog/ids'
import { BARE, ctxFor, expectCited, unitPerturbation } from './helpers'

const D = PBPK_DATA.diseases
const DISEASES = Object.keys(D) as DiseaseId[]

describe('disease modifier (brief §2.5)', () => {
  it('healthy: no lesion, no effect, no assumption', () => {
    const r = diseaseModifier(BARE, ctxFor(BARE))
    expect(inflamedTargetOf(BARE, PBPK_DATA)).toBeNull()
    expect(r.organs).toEqual({})
    expect(r.lesion).toEqual({})
    expect(r.scalars).toEqual({})
    expect(r.assumptions).toEqual([])
  })

  for (const disease of DISEASES.filter((d) => D[d].targetTissue !== null)) {
    it(`${disease}: the catalog multipliers act on the lesion only, each one cited`, () => {
      const input = { ...BARE, disease }
      const d = D[disease]
      const r = diseaseModifier(input, ctxFor(input))
      expect(r.organs).toEqual({})
      expect(r.lesion.permeability).toBe(d.permeabilityMultiplier!.value)
      expect(r.lesion.kMax).toBe(d.kMaxMultiplier!.value)
      expect(r.lesion.volume).toBe(d.volumeMultiplier!.value)
      expect(r.lesion.phagocyteK50H).toBe(d.phagocyteK50H?.value)
      expect(r.scalars.lesionFractionOfOrgan).toBe(d.lesionFractionOfOrgan?.value ?? 1)
      expectCited(r)
      const ids = r.assumptions.map((a) => a.id)
      expect(ids).toContain(`disease.${disease}.permeabilityMultiplier`)
      expect(ids).toContain(`disease.${disease}.kMaxMultiplier`)
      expect(ids.includes(`disease.${disease}.volumeMultiplier`)).toBe(d.volumeMultiplier!.value !== 1)
    })

    it(`${disease}: composed, only the target organ's compartments change (vs healthy)`, () => {
      const organ = D[disease].targetTissue!
      const healthy = resolveParameters(BARE).params
      const sick = resolveParameters({ ...BARE, disease }).params
      const others = (p: typeof healthy): unknown[] => p.compartments.filter((c) => c.key !== organ)
      expect(others(sick)).toEqual(others(healthy))
      const lesion = sick.compartments.find((c) => c.key === organ && c.inflamed)!
      const normal = healthy.compartments.find((c) => c.key === organ)!
      const frac = D[disease].lesionFractionOfOrgan?.value ?? 1
      // K_max of the lesion = organ K_max × the disease multiplier; volume × fraction × swelling
      expect(lesion.kMaxPerH).toBeCloseTo(normal.kMaxPerH * D[disease].kMaxMultiplier!.value, 12)
      expect(lesion.volumeL).toBeCloseTo(normal.volumeL * frac * D[disease].volumeMultiplier!.value, 15)
      expect(sick.compartments.filter((c) => c.key === organ)).toHaveLength(frac < 1 ? 2 : 1)
      expect(sick.compartments[sick.targetIndex]).toBe(lesion)
    })
  }

  it('Monte Carlo scales the excess of the multipliers over 1', () => {
    const input = { ...BARE, disease: 'rheumatoid-arthritis' as const }
    const pert = unitPerturbation({ diseasePermeability: 0.5, diseaseKMax: 2 })
    const r = diseaseModifier(input, ctxFor(input, pert))
    const d = D['rheumatoid-arthritis']
    expect(r.lesion.permeability).toBeCloseTo(1 + (d.permeabilityMultiplier!.value - 1) * 0.5, 14)
    expect(r.lesion.kMax).toBeCloseTo(1 + (d.kMaxMultiplier!.value - 1) * 2, 14)
    // the assumption reports the factor applied
    expect(r.assumptions.find((a) => a.id.endsWith('.kMaxMultiplier'))!.value).toBe(r.lesion.kMax)
  })

  it('tolerize: the lesion is still built but is not the target', () => {
    const p = resolveParameters({ ...BARE, disease: 'psoriasis', goal: 'tolerize' }).params
    expect(p.targetIndex).toBe(-1)
    expect(p.compartments.some((c) => c.inflamed && c.key === 'skin')).toBe(true)
  })
})
