/**
 * SVG and CSV export of the sweep viewer's scatter (issue 12): the drawn samples, one marker
 * and one CSV row each, at the values of the two axes (names and units in the titles); a
 * choice knob on x written by its option names.
 */
import { describe, expect, it } from 'vitest'
import { scatterChartSpec } from '../../../../renderer/features/sweep/sweep-charts'
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
