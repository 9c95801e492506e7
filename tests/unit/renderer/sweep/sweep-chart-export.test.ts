/**
 * SVG and CSV export of the sweep viewer's scatter and parallel coordinates (issue 12): the
 * drawn samples, one marker (scatter) or one line (parallel coordinates) each, and one CSV
 * row per plotted point with the axis values (names and units in the titles).
 */
import { describe, expect, it } from 'vitest'
import { parallelChartSpec, scatterChartSpec } from '../../../../renderer/features/sweep/sweep-charts'
import type { SweepAxis } from '../../../../renderer/features/sweep/sweep-data'
import { chartToCsv, chartToSvg } from '../../../../renderer/lib/chart-export'

function axis(over: Partial<SweepAxis> & Pick<SweepAxis, 'key' | 'label' | 'values'>): SweepAxis {
  return { role: 'knob', unit: '', categorical: false, categories: [], categoryLabels: [], integer: false, scale: 'linear', domain: [0, 1], ...over }
}

const diameter = axis({ key: 'core.diameterNm', label: 'Core diameter', unit: 'nm', values: Float64Array.from([80, 120.5, 160.25, 200, 240]) })
const halfLife = axis({ key: 'bloodHalfLifeH', role: 'metric', label: 'Blood half-life', unit: 'h', scale: 'log', values: Float64Array.from([1.5, 3.25, Number.NaN, 12, 30]) })
const material = axis({ key: 'core.material', label: 'Core material', categorical: true, categories: ['plga-50-50', 'gold'], categoryLabels: ['PLGA 50:50', 'Gold'], values: Float64Array.from([0, 1, 1, 0, 1]) })

describe('sweep scatter export', () => {
  it('writes only the drawn rows, each at its axis values', () => {
    const drawn = Uint32Array.from([0, 1, 3, 4])
    const spec = scatterChartSpec(diameter, halfLife, drawn, 'ra-sweep.parquet')
    const lines = chartToCsv(spec).split('\r\n').filter(Boolean)
    expect(lines[0]).toBe('series,Core diameter (nm),Blood half-life (h)')
    expect(lines.slice(1)).toEqual([...drawn].map((r) => `Samples passing the filters,${diameter.values[r]},${halfLife.values[r]}`))
    const svg = chartToSvg(spec)
    const group = /<g class="series" data-label="Samples passing the filters">(.*?)<\/g>/.exec(svg)?.[1] ?? ''
    expect(group.match(/<rect /g)).toHaveLength(drawn.length)
    expect(svg).toContain('Core diameter (nm)')
    expect(svg).toContain('Blood half-life (h)')
    expect(spec.yLog).toBe(true)
  })

  it('names a choice knob on x by its options and says what the indices of one on y are', () => {
    const drawn = Uint32Array.from([0, 1, 2])
    const csv = chartToCsv(scatterChartSpec(material, diameter, drawn, 'x.csv')).split('\r\n').filter(Boolean)
    expect(csv.slice(1)).toEqual(['Samples passing the filters,PLGA 50:50,80', 'Samples passing the filters,Gold,120.5', 'Samples passing the filters,Gold,160.25'])
    const onY = scatterChartSpec(diameter, material, drawn, 'x.csv')
    expect(onY.yLabel).toBe('Core material (option: 0 = PLGA 50:50; 1 = Gold)')
    expect(onY.series[0]!.ys).toEqual([0, 1, 1])
  })

  it('leaves a missing value empty rather than writing NaN', () => {
    const csv = chartToCsv(scatterChartSpec(diameter, halfLife, Uint32Array.from([2]), 'x.csv')).split('\r\n').filter(Boolean)
    expect(csv[1]).toBe('Samples passing the filters,160.25,')
  })
})

describe('sweep parallel coordinates export', () => {
  // a log axis from 1 to 100 h: 10 h sits half way up (log10 10 / log10 100)
  const logAxis = axis({ key: 'bloodHalfLifeH', role: 'metric', label: 'Blood half-life', unit: 'h', scale: 'log', domain: [1, 100], values: Float64Array.from([10, 1, 100, Number.NaN, 31.6]) })
  const linear = axis({ key: 'core.diameterNm', label: 'Core diameter', unit: 'nm', domain: [50, 250], values: Float64Array.from([100, 150, 250, 50, 200]) })
  const sample = Float64Array.from([40, 41, 42, 43, 44])

  it('draws a line per drawn sample through its positions and writes position and value per point', () => {
    const drawn = Uint32Array.from([0, 2, 3])
    const spec = parallelChartSpec([linear, logAxis, material], drawn, sample)
    const svg = chartToSvg(spec)
    const paths = [...svg.matchAll(/<path class="series" data-label="(Sample \d+)" d="([^"]*)"/g)]
    expect(paths.map((m) => m[1])).toEqual(['Sample 40', 'Sample 42', 'Sample 43'])
    // sample 43 has no half-life: its line breaks there (two pieces, one point each)
    expect(paths[2]![2]!.match(/[ML]/g)).toEqual(['M', 'M'])
    expect(svg).not.toContain('class="legend"><rect')
    const rows = chartToCsv(spec).split('\r\n').filter(Boolean).map((l) => l.split(','))
    expect(chartToCsv(spec).split('\r\n')[0]).toBe('series,Axis (unit),"Position on the axis (0 bottom to 1 top, dimensionless)",Value (in the axis unit; option index for a choice knob)')
    const body = rows.slice(1)
    expect(body).toHaveLength(3 * 3)
    // sample 40: diameter 100 nm of 50-250 → 0.25; half-life 10 h of 1-100 h (log) → 0.5; option 0 of 2 → 0.25
    expect(body.slice(0, 3).map((r) => [r[0], r[1], Number(r.at(-2)), Number(r.at(-1))])).toEqual([
      ['Sample 40', 'Core diameter (nm)', 0.25, 100],
      ['Sample 40', 'Blood half-life (h)', expect.closeTo(0.5, 12), 10],
      ['Sample 40', 'Core material', 0.25, 0],
    ])
    expect(body[7]!.slice(-2)).toEqual(['', ''])
  })
})
