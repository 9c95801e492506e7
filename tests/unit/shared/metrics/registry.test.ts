import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Design } from '../../../../shared/design/types'
import { newDesign } from '../../../../shared/design/defaults'
import { validateDesign } from '../../../../shared/design/schema'
import { setKnobs } from '../../../../shared/analysis/design-paths'
import { simulateDesign } from '../../../../shared/engine/simulate'
import { predictRelease } from '../../../../shared/engine/release'
import {
  METRICS, METRIC_IDS, T50_RELEASE_HORIZON_H, evaluateDesign, evaluateDesignDetailed, getMetric, isMetricId,
} from '../../../../shared/metrics/registry'

/** An example design, read through the validator (which migrates older versions). */
function example(name: string): Design {
  const checked = validateDesign(JSON.parse(readFileSync(join(process.cwd(), 'resources', 'examples', `${name}.nanoforge.json`), 'utf8')))
  if (!checked.valid) throw new Error(`${name}: ${JSON.stringify(checked.errors)}`)
  return checked.design
}

describe('metric registry', () => {
  it('lists every metric the issue names once, with label, unit and direction', () => {
    const required = ['selectivityIndex', 'targetAucPercentDoseH', 'targetToLiverSpleenAucRatio', 'drugReleasedInTargetPercentDose',
      'drugReleasedInBloodPercentDose', 'bloodHalfLifeH', 't50PlasmaH', 't50InflamedH', 't50EndolysosomeH', 'hydrodynamicDiameterNm',
      'liverSpleenAt24hPercentDose']
    expect(METRICS.map((m) => m.id)).toEqual([...METRIC_IDS])
    expect(new Set(METRIC_IDS).size).toBe(METRIC_IDS.length)
    for (const id of required) expect(isMetricId(id)).toBe(true)
    for (const m of METRICS) {
      expect(m.label.length).toBeGreaterThan(0)
      expect(['higher', 'lower', 'target']).toContain(m.direction)
    }
    expect(getMetric('bloodHalfLifeH').unit).toBe('h')
    expect(() => getMetric('selectivity')).toThrow(/Unknown metric 'selectivity'.*selectivityIndex/)
  })

  it('evaluateDesign reads the same numbers as simulate, and liver + spleen at the 24 h output', () => {
    const design = example('ra-folate-peg-liposome')
    const sim = simulateDesign(design, { hours: 72 })
    const m = evaluateDesign(design)
    expect(m.selectivityIndex).toBe(sim.selectivity.selectivityIndex)
    expect(m.targetAucPercentDoseH).toBe(sim.selectivity.targetAucPercentDoseH)
    expect(m.bloodHalfLifeH).toBe(sim.biodistribution.bloodHalfLifeH)
    expect(m.t50InflamedH).toBe(sim.release.environments.inflamed.t50H)
    expect(m.hydrodynamicDiameterNm).toBe(sim.derived.hydrodynamicDiameterNm)
    const i24 = sim.biodistribution.timesH.indexOf(24)
    expect(i24).toBeGreaterThan(0)
    expect(m.liverSpleenAt24hPercentDose).toBeCloseTo(sim.biodistribution.percentDose.liver[i24]! + sim.biodistribution.percentDose.spleen[i24]!, 12)
    for (const id of METRIC_IDS) expect(Number.isFinite(m[id])).toBe(true)
  })

  it('a t50 beyond the horizon is found on the long release horizon, where half is released', () => {
    // A 2 µm polycaprolactone particle: PCL erodes over months, so half is not out within 72 h.
    const slow = setKnobs(newDesign(), [['core.material', 'pcl'], ['core.diameterNm', 2000]])
    if (!slow.valid) throw new Error(JSON.stringify(slow.errors))
    const design = slow.design
    const sim = simulateDesign(design, { hours: 72 })
    expect(sim.release.environments.plasma.t50H).toBeNull() // the case this handles
    const { metrics, censored } = evaluateDesignDetailed(design)
    const t50 = metrics.t50PlasmaH
    if (censored.includes('t50PlasmaH')) {
      expect(t50).toBe(T50_RELEASE_HORIZON_H)
      const f = predictRelease(design, { timesH: [T50_RELEASE_HORIZON_H] }).environments.plasma.fractionReleased[0]!
      expect(f).toBeLessThan(0.5)
    } else {
      expect(t50).toBeGreaterThan(72)
      const f = predictRelease(design, { timesH: [t50] }).environments.plasma.fractionReleased[0]!
      expect(f).toBeCloseTo(0.5, 4)
    }
  })

  it('refuses a horizon shorter than the 24 h read', () => {
    expect(() => evaluateDesign(newDesign(), { hours: 12 })).toThrow(/at least 24 h/)
  })
})
