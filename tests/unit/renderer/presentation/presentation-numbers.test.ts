import { describe, expect, it } from 'vitest'
import { keyNumbers, outcomeNumbers } from '../../../../renderer/features/presentation/presentation-numbers'
import { newDesign } from '../../../../shared/design/defaults'
import { simulateDesign } from '../../../../shared/engine/simulate'
import type { MonteCarloResult } from '../../../../shared/engine/pbpk/monte-carlo'

describe('presentation numbers', () => {
  const design = newDesign()
  const simulation = simulateDesign(design, { hours: 72 })

  it('shows the four outcome metrics of a review, in order, with units apart from the numbers', () => {
    const rows = outcomeNumbers(simulation, null)
    expect(rows.map((r) => r.label.replace(/ \(.*\)$/, ''))).toEqual(['Selectivity index', 'Blood half-life', 'Target AUC', 'Drug released in target'])
    expect(rows.map((r) => r.unit)).toEqual(['', 'h', '%ID·h', '% of drug dose'])
    expect(Number(rows[1]!.value)).toBeCloseTo(simulation.biodistribution.bloodHalfLifeH, 1)
    expect(rows.every((r) => r.band === undefined && !/e[+-]/.test(r.value))).toBe(true)
  })

  it('adds the 95 % band of exactly this design when one is given', () => {
    const band = { lower: 1.5, upper: 12, median: 4 }
    const mc = { bloodHalfLifeH: band, selectivity: { selectivityIndex: band, targetAucPercentDoseH: band, drugReleasedInTargetPercentDose: band } } as unknown as MonteCarloResult
    const rows = outcomeNumbers(simulation, mc)
    expect(rows[1]!.band).toBe('95 % band 1.5–12 h')
    expect(rows[0]!.band).toBe('95 % band 1.5–12')
  })

  it('keeps side-by-side cards short (the two diameters and the outcomes) and shows only geometry without an estimate', () => {
    expect(keyNumbers(simulation.derived, simulation, null, true).map((r) => r.label).slice(0, 2)).toEqual(['Hydrodynamic Ø', 'Core Ø'])
    expect(keyNumbers(simulation.derived, simulation).map((r) => r.label).slice(0, 2)).toEqual(['Hydrodynamic diameter', 'Core diameter'])
    expect(keyNumbers(simulation.derived, simulation, null, true)).toHaveLength(6)
    expect(keyNumbers(simulation.derived, null).every((r) => r.kind === 'geometry')).toBe(true)
  })
})
