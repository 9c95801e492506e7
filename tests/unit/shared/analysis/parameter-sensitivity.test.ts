import { describe, expect, it } from 'vitest'
import { newDesign } from '../../../../shared/design/defaults'
import { ORGAN_KEYS, PBPK_DATA } from '../../../../shared/engine/pbpk'
import { normalQuantile } from '../../../../shared/engine/pbpk/random'
import { multiplierAt, parameterSensitivity, uncertainParameterPaths } from '../../../../shared/analysis/parameter-sensitivity'

describe('sensitivity over the engine\'s uncertain parameters', () => {
  it('lists every multiplier the Monte Carlo perturbs', () => {
    const paths = uncertainParameterPaths()
    for (const organ of ORGAN_KEYS) for (const p of ['partition', 'permeability', 'kMax', 'kRel', 'capacity']) expect(paths).toContain(`organs.${organ}.${p}`)
    expect(paths).toContain('diseasePermeability')
    expect(new Set(paths).size).toBe(paths.length)
  })

  it('maps u to the truncated lognormal by inverse transform: median 1 at u = 0.5, the quantile bounds at 0 and 1', () => {
    const mc = PBPK_DATA.monteCarlo
    const sigma = Math.sqrt(Math.log(1 + mc.coefficientOfVariation.value ** 2))
    expect(multiplierAt(0.5)).toBeCloseTo(1, 12)
    expect(multiplierAt(0)).toBeCloseTo(Math.exp(sigma * normalQuantile(mc.lowerQuantile.value)), 10)
    expect(multiplierAt(1)).toBeCloseTo(Math.exp(sigma * normalQuantile(mc.upperQuantile.value)), 10)
    expect(multiplierAt(0.3)).toBeLessThan(multiplierAt(0.31))
  })

  it('local: metrics the parameters cannot move have zero coefficients; the liver\'s K_max moves liver + spleen uptake', () => {
    const r = parameterSensitivity(newDesign(), { method: 'local', metrics: ['hydrodynamicDiameterNm', 't50PlasmaH', 'liverSpleenAt24hPercentDose'] })
    expect(r.over).toBe('parameters')
    expect(r.evaluations).toBe(2 * r.knobs.length + 1)
    expect(r.failedEvaluations).toBe(0)
    for (const row of r.indices.hydrodynamicDiameterNm!) expect(row).toMatchObject({ coefficient: 0 })
    for (const row of r.indices.t50PlasmaH!) expect(row).toMatchObject({ coefficient: 0 })
    const liver = r.indices.liverSpleenAt24hPercentDose!.find((x) => x.knob === 'organs.liver.kMax') as { coefficient: number }
    expect(liver.coefficient).toBeGreaterThan(0) // faster hepatic uptake puts more in liver + spleen
  })
})
