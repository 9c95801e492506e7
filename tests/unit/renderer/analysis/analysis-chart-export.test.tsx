// @vitest-environment jsdom
/**
 * SVG and CSV export of the Sensitivity tab's tornado, Morris and Sobol charts (issue 12):
 * the buttons under each chart offer a file whose SVG holds one mark per knob at the knob's
 * value and whose CSV holds one row per bar or point, with the rows' own numbers in full.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { catchDownloads, csvRows } from '../support/catch-downloads'
import { MorrisChart, SobolChart, TornadoChart } from '../../../../renderer/features/analysis/analysis-charts'
import type { MorrisRow, SobolRow, TornadoRow } from '../../../../renderer/features/analysis/analysis-format'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const tornado: TornadoRow[] = [
  { path: 'core.diameterNm', label: 'Core diameter (nm)', coefficient: -1.234567891234 },
  { path: 'coating.pegDensity', label: 'PEG density (chains/nm²)', coefficient: 0.6180339887 },
  { path: 'payload.loading', label: 'Drug loading (% w/w)', coefficient: 0.0421 },
]

const sobol: SobolRow[] = [
  { path: 'core.diameterNm', label: 'Core diameter (nm)', first: 0.5123456, total: 0.6234567, firstCi95: [0.41, 0.6], totalCi95: [0.52, 0.73] },
  { path: 'coating.pegDensity', label: 'PEG density (chains/nm²)', first: 0.1011, total: 0.2222, firstCi95: [0.05, 0.15], totalCi95: [0.16, 0.3] },
] as SobolRow[]

const morris: MorrisRow[] = [
  { path: 'core.diameterNm', label: 'Core diameter (nm)', muStar: 3.14159, sigma: 1.41421 },
  { path: 'coating.pegDensity', label: 'PEG density (chains/nm²)', muStar: 0.577, sigma: 2.71828 },
] as MorrisRow[]

describe('analysis chart export', () => {
  it('tornado: an SVG bar per knob carrying its coefficient and a CSV row per bar', async () => {
    const offered = catchDownloads()
    render(<TornadoChart rows={tornado} metric="Blood half-life" />)
    fireEvent.click(screen.getByRole('button', { name: 'Export tornado chart as SVG' }))
    fireEvent.click(screen.getByRole('button', { name: 'Export tornado chart as CSV' }))
    expect(offered.map((o) => o.name)).toEqual(['tornado-local-sensitivity-of-blood-half-life-to-each-knob.svg', 'tornado-local-sensitivity-of-blood-half-life-to-each-knob.csv'])
    const doc = new DOMParser().parseFromString(await offered[0]!.text, 'image/svg+xml')
    expect(doc.querySelector('parsererror')).toBeNull()
    const bars = [...doc.querySelectorAll('rect.bar')]
    expect(bars.map((b) => Number(b.getAttribute('data-value')))).toEqual(tornado.map((r) => r.coefficient))
    // the negative bar hangs below the zero line, the positive ones stand on it
    const zeroY = Number(doc.querySelector('line.zero')!.getAttribute('y1'))
    expect(Number(bars[0]!.getAttribute('y'))).toBeCloseTo(zeroY, 1)
    expect(Number(bars[1]!.getAttribute('y')) + Number(bars[1]!.getAttribute('height'))).toBeCloseTo(zeroY, 1)
    // longer coefficient, longer bar
    expect(Number(bars[0]!.getAttribute('height'))).toBeGreaterThan(Number(bars[1]!.getAttribute('height')))
    expect([...doc.querySelectorAll('text.category')].map((t) => t.textContent)).toEqual(tornado.map((r) => r.label))
    expect(doc.querySelector('.y-title')!.textContent).toBe('∂ln y / ∂ln x (dimensionless)')
    expect(doc.querySelector('title')!.textContent).toMatch(/Blood half-life/)
    const rows = csvRows(await offered[1]!.text)
    expect(rows[0]).toEqual(['series', 'Knob', '∂ln y / ∂ln x (dimensionless)'])
    expect(rows.slice(1).map((r) => [r[1], Number(r[2])])).toEqual(tornado.map((r) => [r.label, r.coefficient]))
  })

  it('tornado over the engine assumptions names its axis after them', async () => {
    const offered = catchDownloads()
    render(<TornadoChart rows={tornado.slice(0, 1)} metric="Selectivity index" noun="assumption" />)
    fireEvent.click(screen.getByRole('button', { name: 'Export tornado chart as CSV' }))
    expect(csvRows(await offered[0]!.text)[0]![1]).toBe('Assumption')
  })

  it('Sobol: S and ST bars with their 95 % whiskers in the SVG, and a row per bar with its interval in the CSV', async () => {
    const offered = catchDownloads()
    render(<SobolChart rows={sobol} metric="Target AUC" />)
    fireEvent.click(screen.getByRole('button', { name: 'Export Sobol chart as SVG' }))
    fireEvent.click(screen.getByRole('button', { name: 'Export Sobol chart as CSV' }))
    const doc = new DOMParser().parseFromString(await offered[0]!.text, 'image/svg+xml')
    const first = [...doc.querySelectorAll('g.series[data-label="First-order S (alone)"] rect.bar')].map((b) => Number(b.getAttribute('data-value')))
    const total = [...doc.querySelectorAll('g.series[data-label="Total ST (with interactions)"] rect.bar')].map((b) => Number(b.getAttribute('data-value')))
    expect(first).toEqual(sobol.map((r) => r.first))
    expect(total).toEqual(sobol.map((r) => r.total))
    expect(doc.querySelectorAll('path.whisker')).toHaveLength(2 * sobol.length)
    const rows = csvRows(await offered[1]!.text)
    const share = 'Share of the variance (dimensionless)'
    expect(rows[0]).toEqual(['series', 'Knob', share, `95 % interval low, ${share}`, `95 % interval high, ${share}`])
    const body = rows.slice(1).map((r) => [r[0], r[1], Number(r[2]), Number(r[3]), Number(r[4])])
    expect(body).toEqual([
      ...sobol.map((r) => ['First-order S (alone)', r.label, r.first, r.firstCi95[0], r.firstCi95[1]]),
      ...sobol.map((r) => ['Total ST (with interactions)', r.label, r.total, r.totalCi95[0], r.totalCi95[1]]),
    ])
  })

  it('Morris: a marker per knob at (μ*, σ) and a CSV row per knob with its unit in the headers', async () => {
    const offered = catchDownloads()
    render(<MorrisChart rows={morris} metric="Blood half-life" unit="h" />)
    fireEvent.click(screen.getByRole('button', { name: 'Export Morris chart as SVG' }))
    fireEvent.click(screen.getByRole('button', { name: 'Export Morris chart as CSV' }))
    const doc = new DOMParser().parseFromString(await offered[0]!.text, 'image/svg+xml')
    for (const r of morris) expect(doc.querySelectorAll(`g.series[data-label="${r.label}"] rect`)).toHaveLength(1)
    // the knob with the larger μ* sits further right, the one with the larger σ higher
    const at = (label: string): { x: number; y: number } => {
      const rect = doc.querySelector(`g.series[data-label="${label}"] rect`)!
      return { x: Number(rect.getAttribute('x')), y: Number(rect.getAttribute('y')) }
    }
    expect(at(morris[0]!.label).x).toBeGreaterThan(at(morris[1]!.label).x)
    expect(at(morris[0]!.label).y).toBeGreaterThan(at(morris[1]!.label).y)
    expect(doc.querySelector('.x-title')!.textContent).toBe('μ*, mean |effect| on Blood half-life (h)')
    const rows = csvRows(await offered[1]!.text)
    expect(rows[0]).toEqual(['series', 'μ*, mean |effect| on Blood half-life (h)', 'σ, spread of the effect (h)'])
    expect(rows.slice(1).map((r) => [r[0], Number(r[1]), Number(r[2])])).toEqual(morris.map((r) => [r.label, r.muStar, r.sigma]))
  })
})
