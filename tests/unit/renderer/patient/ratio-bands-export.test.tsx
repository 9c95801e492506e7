// @vitest-environment jsdom
/**
 * SVG and CSV export of the Patient tab's cohort ratio bands (issue 12): per ratio the cohort
 * median as a marker with its 5th–95th percentile whisker on a log axis, and a CSV row per
 * ratio with the percentiles the chart was given.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { catchDownloads, csvRows } from '../support/catch-downloads'
import { RatioBands } from '../../../../renderer/features/patient/cohort-view'
import type { CohortMetricRow } from '../../../../renderer/features/patient/patient-format'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const rows: CohortMetricRow[] = [
  { id: 'targetExposureRatio', label: 'Drug in the target against free drug', unit: '', p5: 2.5, p50: 4.123456789, p95: 9.75, text: { p5: '2.5', p50: '4.1', p95: '9.8' } },
  { id: 'systemicExposureRatio', label: 'Drug in the body against free drug', unit: '', p5: 0.2, p50: 0.5, p95: 1.25, text: { p5: '0.2', p50: '0.5', p95: '1.3' } },
]

describe('cohort ratio bands export', () => {
  it('writes a marker and a percentile whisker per ratio to SVG, and a row per ratio to CSV', async () => {
    const offered = catchDownloads()
    render(<RatioBands rows={rows} />)
    fireEvent.click(screen.getByRole('button', { name: 'Export ratio bands as SVG' }))
    fireEvent.click(screen.getByRole('button', { name: 'Export ratio bands as CSV' }))
    expect(offered.map((o) => o.name)).toEqual(['ratios-to-free-drug-over-the-cohort.svg', 'ratios-to-free-drug-over-the-cohort.csv'])
    const doc = new DOMParser().parseFromString(await offered[0]!.text, 'image/svg+xml')
    expect(doc.querySelector('parsererror')).toBeNull()
    const marks = [...doc.querySelectorAll('g.series rect')]
    expect(marks).toHaveLength(2)
    expect(doc.querySelectorAll('g.series path.whisker')).toHaveLength(2)
    // the larger median sits higher on the page
    expect(Number(marks[0]!.getAttribute('y'))).toBeLessThan(Number(marks[1]!.getAttribute('y')))
    expect([...doc.querySelectorAll('text.category')].map((t) => t.textContent)).toEqual(rows.map((r) => r.label))
    const y = 'Ratio to free drug (×, dimensionless)'
    const csv = csvRows(await offered[1]!.text)
    expect(csv[0]).toEqual(['series', 'Metric', y, `5th–95th percentile low, ${y}`, `5th–95th percentile high, ${y}`])
    expect(csv.slice(1).map((r) => [r[1], Number(r[2]), Number(r[3]), Number(r[4])])).toEqual(rows.map((r) => [r.label, r.p50, r.p5, r.p95]))
  })
})
