// @vitest-environment jsdom
/**
 * SVG and CSV export of the calibrate dialog's prior-vs-posterior chart (issue 12): a median
 * marker and a 95 % whisker per parameter for prior and posterior on a log axis of multipliers,
 * and a CSV row per parameter and distribution with the summaries' own numbers.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { catchDownloads, csvRows } from '../support/catch-downloads'
import { PriorPosteriorChart, type ChartParameter } from '../../../../renderer/features/calibrate/prior-posterior-chart'
import { CALIBRATION_PARAMETER_LABELS } from '../../../../shared/engine/calibrate/parameters'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

// Priors of a log-normal multiplier with σ_ln = 0.5: median 1, 95 % interval exp(±1.96 × 0.5).
const lo = Math.exp(-1.96 * 0.5)
const hi = Math.exp(1.96 * 0.5)
const parameters: ChartParameter[] = [
  { id: 'liverKMax', prior: { median: 1, ci95: [lo, hi] }, posterior: { median: 0.6123, ci95: [0.48, 0.79] } },
  { id: 'releaseRate', prior: { median: 1, ci95: [lo, hi] }, posterior: null },
]

describe('prior and posterior chart export', () => {
  it('writes medians and 95 % intervals per parameter to SVG and CSV, leaving an unreported posterior empty', async () => {
    const offered = catchDownloads()
    render(<PriorPosteriorChart parameters={parameters} />)
    fireEvent.click(screen.getByRole('button', { name: 'Export prior and posterior chart as SVG' }))
    fireEvent.click(screen.getByRole('button', { name: 'Export prior and posterior chart as CSV' }))
    expect(offered.map((o) => o.name)).toEqual(['prior-and-posterior-of-the-calibrated-multipliers.svg', 'prior-and-posterior-of-the-calibrated-multipliers.csv'])
    const doc = new DOMParser().parseFromString(await offered[0]!.text, 'image/svg+xml')
    expect(doc.querySelector('parsererror')).toBeNull()
    expect(doc.querySelectorAll('g.series[data-label^="Prior"] rect')).toHaveLength(2)
    expect(doc.querySelectorAll('g.series[data-label^="Posterior"] rect')).toHaveLength(1)
    expect(doc.querySelectorAll('path.whisker')).toHaveLength(3)
    expect([...doc.querySelectorAll('text.category')].map((t) => t.textContent)).toEqual([CALIBRATION_PARAMETER_LABELS.liverKMax, CALIBRATION_PARAMETER_LABELS.releaseRate])
    // on the log axis the prior's interval is symmetric about its median of 1: ×hi and ÷hi equally far
    const whisker = doc.querySelector('g.series[data-label^="Prior"] path.whisker')!.getAttribute('d')!
    const ys = [...whisker.matchAll(/[MV]([-\d.]+) ([-\d.]+)|V([-\d.]+)/g)].map((m) => Number(m[2] ?? m[3]))
    const median = doc.querySelector('g.series[data-label^="Prior"] rect')!
    const medianY = Number(median.getAttribute('y')) + 4
    expect(Math.abs(ys[0]! - medianY)).toBeCloseTo(Math.abs(ys[1]! - medianY), 0)
    expect(doc.querySelector('.y-title')!.textContent).toBe('Multiplier of the nominal value (×, dimensionless)')
    const rows = csvRows(await offered[1]!.text)
    const y = 'Multiplier of the nominal value (×, dimensionless)'
    expect(rows[0]).toEqual(['series', 'Parameter', y, `95 % interval low, ${y}`, `95 % interval high, ${y}`])
    expect(rows.slice(1)).toEqual([
      ['Prior median, 95 % interval', CALIBRATION_PARAMETER_LABELS.liverKMax, '1', String(lo), String(hi)],
      ['Prior median, 95 % interval', CALIBRATION_PARAMETER_LABELS.releaseRate, '1', String(lo), String(hi)],
      ['Posterior median, 95 % interval', CALIBRATION_PARAMETER_LABELS.liverKMax, '0.6123', '0.48', '0.79'],
      ['Posterior median, 95 % interval', CALIBRATION_PARAMETER_LABELS.releaseRate, '', '', ''],
    ])
  })
})
