import { describe, expect, it } from 'vitest'
import { chartFontScale, scaledAxes } from '../../../../renderer/features/release/uplot-chart'

describe('chart axes that follow the app type size', () => {
  it('scales only above the 14-px root of a 1920-px window (app.css clamp)', () => {
    expect(chartFontScale(14)).toBe(1)
    expect(chartFontScale(12)).toBe(1)
    expect(chartFontScale(Number.NaN)).toBe(1)
    // 3840 px: 0.365 vw + 7 px = 21.0 px (under the 22-px cap) → 1.5×.
    expect(chartFontScale(0.00365 * 3840 + 7)).toBeCloseTo(1.501, 3)
  })

  it('at scale 1 keeps uPlot\'s own 12-px fonts and the sizes the caller set', () => {
    const [x, y] = scaledAxes([{ label: 'Time (h)' }, { label: 'Released (%)', size: 48, labelSize: 22 }], 1)
    expect(x!.font).toMatch(/^12px /)
    expect(x!.labelFont).toMatch(/^bold 12px /)
    expect([x!.size, x!.labelSize, x!.gap, x!.space, x!.ticks?.size]).toEqual([50, 30, 5, 50, 10])
    expect([y!.size, y!.labelSize, y!.space]).toEqual([48, 22, 30])
  })

  it('at 1.5× grows the type and the room reserved for it together, keeping other options', () => {
    const stroke = '#9aa7ba'
    const [x, y] = scaledAxes([{ label: 'Time (h)', stroke, ticks: { stroke, width: 1 } }, { label: '% of injected dose', size: 64, labelSize: 22 }], 1.5)
    expect(x!.font).toMatch(/^18px /)
    expect(x!.labelFont).toMatch(/^bold 18px /)
    expect([x!.size, x!.labelSize, x!.gap, x!.space]).toEqual([75, 45, 8, 75])
    expect(x!.ticks).toEqual({ stroke, width: 1, size: 15 })
    expect(x!.stroke).toBe(stroke)
    expect(x!.label).toBe('Time (h)')
    expect([y!.size, y!.labelSize, y!.space]).toEqual([96, 33, 45])
  })
})
