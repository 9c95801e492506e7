// @vitest-environment jsdom
/**
 * SVG and CSV export of the presentation's overlaid target-tissue chart (issue 12): one curve
 * per design up to the shown horizon, in the design's colour and dash, and one CSV row per
 * plotted point with the numbers the chart was given.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { catchDownloads } from '../support/catch-downloads'
import { OverlayChart, type OverlayModel } from '../../../../renderer/features/presentation/overlay-chart'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const model: OverlayModel = {
  title: 'Particles in joints over time',
  yTitle: '% of injected dose',
  series: [
    { name: 'Small PLGA', colour: '#0072B2', dash: '', timesH: [0, 12, 24, 48, 72], percentDose: [0, 1.234567, 2.5, 1.75, 0.5] },
    { name: 'Large PLGA', colour: '#D55E00', dash: '6 3', timesH: [0, 12, 24, 48, 72], percentDose: [0, 0.3333333, 0.9, 1.2, 1.1] },
  ],
  without: [],
}

describe('side-by-side chart export', () => {
  it('writes each design curve up to the horizon to SVG and CSV', async () => {
    const offered = catchDownloads()
    render(<OverlayChart model={model} hours={48} />)
    fireEvent.click(screen.getByRole('button', { name: 'Export side-by-side chart as SVG' }))
    fireEvent.click(screen.getByRole('button', { name: 'Export side-by-side chart as CSV' }))
    expect(offered.map((o) => o.name)).toEqual(['particles-in-joints-over-time.svg', 'particles-in-joints-over-time.csv'])
    const doc = new DOMParser().parseFromString(await offered[0]!.text, 'image/svg+xml')
    expect(doc.querySelector('parsererror')).toBeNull()
    for (const s of model.series) {
      const path = doc.querySelector(`path.series[data-label="${s.name}"]`)!
      // four points up to 48 h: one move and three line segments
      expect(path.getAttribute('d')!.match(/[ML]/g)).toEqual(['M', 'L', 'L', 'L'])
      expect(path.getAttribute('stroke')).toBe(s.colour)
    }
    expect(doc.querySelector('path.series[data-label="Large PLGA"]')!.getAttribute('stroke-dasharray')).toBe('6 3')
    expect(doc.querySelector('.x-title')!.textContent).toBe('Time (h)')
    expect(doc.querySelector('.y-title')!.textContent).toBe('Particles in the target (% of injected dose)')
    const lines = (await offered[1]!.text).split('\r\n').filter(Boolean)
    expect(lines[0]).toBe('series,Time (h),Particles in the target (% of injected dose)')
    const expected = model.series.flatMap((s) => s.timesH.flatMap((t, i) => (t <= 48 ? [`${s.name},${t},${s.percentDose[i]}`] : [])))
    expect(lines.slice(1)).toEqual(expected)
    expect(lines).toHaveLength(1 + 2 * 4)
  })
})
