/**
 * Axis and scale-bar numbers of the report's charts and particle figure, against values
 * worked out by hand from Heckbert's rule (a step of 1, 2, 2.5 or 5 × 10ⁿ not below the rough
 * step) and the scale-bar rule (the largest 1, 2 or 5 × 10ⁿ nm not above a third of the extent).
 */
import { describe, expect, it } from 'vitest'
import { niceCeiling, niceStep, niceTicks, scaleBarLengthNm, tickLabel } from '../../../../shared/report/axis'

describe('report axes', () => {
  it('picks 1, 2, 2.5 or 5 × 10ⁿ steps', () => {
    expect(niceStep(0.3)).toBeCloseTo(0.5, 12) // 3 → 5
    expect(niceStep(12)).toBe(20) // 72 h over 6 intervals: 1.2 → 2
    expect(niceStep(20)).toBe(20)
    expect(niceStep(21)).toBe(25)
    expect(niceStep(0.0007)).toBeCloseTo(0.001, 15) // 7 → 10
    expect(() => niceStep(0)).toThrow(/positive/)
    expect(() => niceStep(Number.NaN)).toThrow(/positive/)
  })

  it('ticks cover the range at the nice step, with no float noise', () => {
    expect(niceTicks(0, 72, 6)).toEqual([0, 20, 40, 60])
    expect(niceTicks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100])
    expect(niceTicks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3])
    expect(niceTicks(5, 5)).toEqual([5])
  })

  it('rounds an axis top up to a labelled tick, at least the floor', () => {
    expect(niceCeiling(44.3)).toBe(50) // step 10 for 5 intervals
    expect(niceCeiling(101)).toBe(125) // step 25
    expect(niceCeiling(0)).toBe(1)
  })

  it('scale bars are round lengths near a third of the particle', () => {
    expect(scaleBarLengthNm(105)).toBe(20) // 35 → 2 × 10
    expect(scaleBarLengthNm(400)).toBe(100) // 133 → 1 × 100
    expect(scaleBarLengthNm(60)).toBe(20) // 20 → 2 × 10
    expect(scaleBarLengthNm(1600)).toBe(500) // 533 → 5 × 100
    expect(() => scaleBarLengthNm(0)).toThrow(/positive/)
  })

  it('labels ticks without float noise, thousands grouped', () => {
    expect(tickLabel(0.1 + 0.2)).toBe('0.3')
    expect(tickLabel(1500)).toBe('1,500')
  })
})
