import { describe, expect, it } from 'vitest'
import { curveChartSpec, SERIES_COLOURS } from '../../../../renderer/features/compare/curve-chart'
import { chartToCsv, chartToSvg } from '../../../../renderer/lib/chart-export'

describe('compare dialog curves: SVG and CSV export', () => {
  const series = [
    { name: 'Alpha (v3)', colour: SERIES_COLOURS[0]!, xs: [0, 36, 72], ys: [0, 40, 80] },
    { name: 'Beta (v1)', colour: SERIES_COLOURS[1]!, xs: [0, 36, 72], ys: [0, 10.5, 20.25] },
  ]
  const spec = curveChartSpec('Drug released (%) over time (h), Plasma (pH 7.4)', 'Time (h)', 'Released (%)', series, 100)

  it('carries every point of every design with its name, in long form', () => {
    const rows = chartToCsv(spec).split('\r\n').filter(Boolean)
    expect(rows[0]).toBe('series,Time (h),Released (%)')
    expect(rows).toContain('Alpha (v3),72,80')
    expect(rows).toContain('Beta (v1),36,10.5')
    expect(rows).toHaveLength(1 + 6)
  })

  it('draws each design in its screen colour, the second dashed as on screen, on the fixed 0-100 axis', () => {
    expect(spec.series[0]!.dash).toBeUndefined()
    expect(spec.series[1]!.dash).toEqual([6, 3])
    expect(spec.yRange).toEqual([0, 100])
    const svg = chartToSvg(spec)
    expect(svg).toContain('Alpha (v3)')
    expect(svg).toContain('Beta (v1)')
    expect(svg.toLowerCase()).toContain(SERIES_COLOURS[1]!.toLowerCase())
    expect(svg).toContain('stroke-dasharray="6 3"')
  })
})
