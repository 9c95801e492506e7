import { describe, expect, it } from 'vitest'
import { designSeriesStyle, targetOverlay } from '../../../../renderer/features/presentation/overlay-chart'
import { EXAMPLE_DESIGNS } from '../../../../renderer/features/welcome/examples'
import { newDesign } from '../../../../shared/design/defaults'
import { simulateDesign, type DesignSimulation } from '../../../../shared/engine/simulate'
import type { Design } from '../../../../shared/design/types'

function example(id: string): Design {
  const found = EXAMPLE_DESIGNS.find((e) => e.id === id)
  if (!found) throw new Error(`no example ${id}`)
  return found.design()
}

describe('the side-by-side overlay chart', () => {
  const small = newDesign()
  const large: Design = { ...small, name: 'Large', core: { ...small.core, diameterNm: 200 } }
  const simSmall = simulateDesign(small, { hours: 72 })
  const simLarge = simulateDesign(large, { hours: 72 })

  it('draws each design\'s target tissue over time, named once when the designs share it', () => {
    const model = targetOverlay([{ name: 'A', simulation: simSmall }, { name: 'B', simulation: simLarge }])
    expect(simSmall.selectivity.targetTissue).toBe('joints')
    expect(model.title).toBe('Particles in joints over time')
    expect(model.series.map((s) => s.name)).toEqual(['A', 'B'])
    // The curve is the engine's joints series itself, point for point.
    expect(model.series[0]!.percentDose).toEqual(simSmall.biodistribution.percentDose.joints)
    expect(model.series[1]!.timesH).toEqual(simLarge.biodistribution.timesH)
    // Its area is the target AUC the cards show (trapezoids on the engine's grid, within 2 %).
    const s = model.series[0]!
    let auc = 0
    for (let i = 1; i < s.timesH.length; i++) auc += ((s.percentDose[i]! + s.percentDose[i - 1]!) / 2) * (s.timesH[i]! - s.timesH[i - 1]!)
    expect(auc / simSmall.selectivity.targetAucPercentDoseH).toBeGreaterThan(0.98)
    expect(auc / simSmall.selectivity.targetAucPercentDoseH).toBeLessThan(1.02)
  })

  it('names each design\'s own target when they differ, and sums liver and spleen for a tolerance target', () => {
    const tolerance = simulateDesign(example('plga-mog-tolerance'), { hours: 72 })
    expect(tolerance.selectivity.targetTissue).toBe('spleen+liver-apc')
    const model = targetOverlay([{ name: 'Arthritis', simulation: simSmall }, { name: 'EAE', simulation: tolerance }])
    expect(model.title).toBe('Particles in the target over time')
    expect(model.series.map((s) => s.name)).toEqual(['Arthritis (Joints)', 'EAE (Antigen-presenting cells of spleen and liver)'])
    const bio = tolerance.biodistribution
    const j = bio.timesH.length - 1
    expect(model.series[1]!.percentDose[j]).toBeCloseTo(bio.percentDose.liver[j]! + bio.percentDose.spleen[j]!, 10)
  })

  it('leaves out a design without a target, and one not yet estimated, saying which', () => {
    const noTarget = { ...simSmall, selectivity: { ...simSmall.selectivity, targetTissue: null } } as DesignSimulation
    const model = targetOverlay([{ name: 'A', simulation: simSmall }, { name: 'None', simulation: noTarget }, { name: 'Pending', simulation: null }])
    expect(model.series.map((s) => s.name)).toEqual(['A (Joints)'])
    expect(model.without).toEqual(['None'])
  })

  it('gives each design its compare-dialog colour and dash, distinct for four designs', () => {
    const styles = [0, 1, 2, 3].map(designSeriesStyle)
    expect(new Set(styles.map((s) => s.colour)).size).toBe(4)
    expect(new Set(styles.map((s) => s.dash)).size).toBe(4)
  })
})
