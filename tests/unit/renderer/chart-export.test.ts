import { describe, expect, it } from 'vitest'
import { chartFileStem, chartToCsv, chartToSvg, decadeTicks, niceTicks, tickText, type ChartSpec } from '../../../renderer/lib/chart-export'

/** Reads the numbers of an SVG path's M/L commands. */
function pathPoints(d: string): Array<[number, number]> {
  return [...d.matchAll(/[ML]([-\d.]+) ([-\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])])
}

describe('chart export', () => {
  const line: ChartSpec = {
    title: 'Release <test> & "quotes"',
    xLabel: 'Time (h)',
    yLabel: 'Released (%)',
    yRange: [0, 100],
    series: [
      { label: 'y = t', colour: '#56B4E9', xs: [0, 25, 50, 75, 100], ys: [0, 25, 50, 75, 100] },
      { label: 'Measured, batch 7', colour: '#FFFFFF', kind: 'points', xs: [10, 20], ys: [12, null], errors: [2, null] },
    ],
  }

  it('draws a straight line y = x as collinear points spanning the plot, in order', () => {
    const svg = chartToSvg(line, { width: 800, height: 480 })
    const d = /<path class="series" data-label="y = t" d="([^"]+)"/.exec(svg)?.[1]
    expect(d).toBeDefined()
    const pts = pathPoints(d!)
    expect(pts).toHaveLength(5)
    // Equal steps in x and y between consecutive points (a line), x increasing, y decreasing on screen.
    const dx = pts[1]![0] - pts[0]![0]
    const dy = pts[1]![1] - pts[0]![1]
    expect(dx).toBeGreaterThan(0)
    expect(dy).toBeLessThan(0)
    for (let i = 1; i < pts.length; i++) {
      expect(pts[i]![0] - pts[i - 1]![0]).toBeCloseTo(dx, 1)
      expect(pts[i]![1] - pts[i - 1]![1]).toBeCloseTo(dy, 1)
    }
  })

  it('escapes text, titles both axes, puts measured points as squares with one SD bar, and skips missing values', () => {
    const svg = chartToSvg(line)
    expect(svg).toContain('<title>Release &lt;test&gt; &amp; &quot;quotes&quot;</title>')
    expect(svg).toContain('>Time (h)</text>')
    expect(svg).toContain('>Released (%)</text>')
    const measured = /<g class="series" data-label="Measured, batch 7">(.*?)<\/g>/.exec(svg)?.[1] ?? ''
    expect(measured.match(/<rect /g)).toHaveLength(1)
    expect(measured.match(/<line /g)).toHaveLength(1)
    // White on screen becomes black on the white figure.
    expect(measured).toContain('fill="#000000"')
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
  })

  it('writes the same numbers as CSV in long form with the axis titles as headers', () => {
    const csv = chartToCsv(line)
    const rows = csv.trimEnd().split('\r\n')
    expect(rows[0]).toBe('series,Time (h),Released (%),"± SD, Released (%)"')
    expect(rows).toHaveLength(1 + 5 + 2)
    expect(rows[3]).toBe('y = t,50,50,')
    expect(rows[6]).toBe('"Measured, batch 7",10,12,2')
    expect(rows[7]).toBe('"Measured, batch 7",20,,')
  })

  it('picks 1-2-5 ticks (Heckbert 1990) and decades on log axes', () => {
    // By hand from Heckbert's loose labelling: 72 → range 100, step nice(100/5 = 20) = 20, 0…80.
    expect(niceTicks(0, 72, 6)).toEqual([0, 20, 40, 60, 80])
    // 100 → range 100, step nice(25) = 20 (2.5 rounds to 2).
    expect(niceTicks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100])
    // 6 → range 10, step nice(2) = 2, from floor(−3/2)·2 = −4 to ceil(3/2)·2 = 4.
    expect(niceTicks(-3, 3, 6)).toEqual([-4, -2, 0, 2, 4])
    expect(decadeTicks(0.002, 35)).toEqual([0.001, 0.01, 0.1, 1, 10, 100])
    expect(tickText(1.225e12)).toBe('1.23 × 10¹²')
    expect(tickText(1e-4)).toBe('10⁻⁴')
    expect(tickText(72)).toBe('72')
  })

  it('makes a file name from the title', () => {
    expect(chartFileStem('Biodistribution, % of injected dose')).toBe('biodistribution-of-injected-dose')
    expect(chartFileStem('***')).toBe('chart')
  })
})
