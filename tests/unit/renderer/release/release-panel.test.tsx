// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react'
import { ReleasePanel } from '../../../../renderer/features/release/release-panel'
import { fractionAt } from '../../../../renderer/features/release/release-format'
import { useDesignStore } from '../../../../renderer/stores/design-store'
import { useEstimateStore } from '../../../../renderer/stores/estimate-store'
import { useMeasurementStore } from '../../../../renderer/stores/measurement-store'
import { newDesign } from '../../../../shared/design/defaults'
import { simulateDesign } from '../../../../shared/engine/simulate'
import { createDispatchApi, installCanvasStubs, type DispatchApi } from './support'

let backend: DispatchApi
beforeAll(() => installCanvasStubs())
beforeEach(() => {
  backend = createDispatchApi()
  window.nanoApi = backend.api
  useDesignStore.getState().newDesign()
  useMeasurementStore.setState({ designId: null, version: null, items: [], allVersions: true, draft: null, csvErrors: null, notice: null, selectedId: null, fits: {} })
})
afterEach(() => {
  cleanup()
  delete window.nanoApi
  backend.close()
  useEstimateStore.setState({ simulation: null, releaseView: null, releaseHorizon: 'auto', status: 'idle' })
})

function hoursPattern(h: number | null): RegExp {
  if (h === null) return /not reached/
  // The panel rounds; accept the value to two significant figures or to the hour.
  return new RegExp(`^(${Number(h.toPrecision(2))}|${Math.round(h)}) h$`)
}

describe('ReleasePanel (predicted release)', () => {
  it('waits for the first estimate', () => {
    render(<ReleasePanel />)
    expect(screen.getByText('Waiting for the first estimate…')).toBeTruthy()
  })

  it('draws the three curves with an accessible summary and the t50/t80/burst table, and follows the estimate', async () => {
    const plga = simulateDesign({ ...newDesign(), core: { material: 'plga-50-50', diameterNm: 120 } })
    // What the worker sends with the estimate: the release at the chart's horizon (72 h here).
    act(() => useEstimateStore.setState({ simulation: plga, releaseView: { release: plga.release, hours: 72, error: null }, status: 'ready' }))
    render(<ReleasePanel />)

    const table = screen.getByRole('table', { name: 'Release by environment' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Plasma (pH 7.4)', 'Inflamed tissue (pH 6.8)', 'Endolysosome (pH 5.0)'])
    const plasma = plga.release.environments.plasma
    expect(screen.getByTestId('t50-plasma').textContent).toMatch(hoursPattern(plasma.t50H))
    expect(within(rows[0]!).getAllByRole('cell')[2]!.textContent).toBe(`${(100 * plasma.burstFraction1H).toFixed(1)} %`)
    expect(screen.getByTestId('release-mechanism').textContent).toBe(plga.release.mechanismLabel)

    const chart = screen.getByRole('img', { name: /Predicted fraction released versus time/ })
    expect(chart.getAttribute('aria-label')).toMatch(/Plasma: t50 .* h/)
    // uPlot built its legend with one entry per environment.
    await waitFor(() => expect(chart.querySelectorAll('.u-legend .u-label').length).toBe(4))
    expect([...chart.querySelectorAll('.u-legend .u-label')].map((n) => n.textContent)).toEqual(['Time (h)', 'Plasma', 'Inflamed tissue', 'Endolysosome'])

    // Assumptions: every unverified parameter is labelled "assumption" and carries its source.
    const list = screen.getByRole('list', { name: 'Release assumptions' })
    const unverified = plga.release.assumptions.filter((a) => a.evidence === 'U')
    expect(unverified.length).toBeGreaterThan(0)
    expect(within(list).getAllByText('assumption')).toHaveLength(unverified.length)
    expect(list.textContent).toContain(unverified[0]!.source)

    // A different core: the numbers follow the new estimate.
    const liposome = simulateDesign({ ...newDesign(), core: { material: 'liposome', diameterNm: 100 } })
    expect(liposome.release.environments.plasma.t50H).not.toBe(plasma.t50H)
    act(() => useEstimateStore.setState({ simulation: liposome, releaseView: { release: liposome.release, hours: 72, error: null } }))
    expect(screen.getByTestId('release-mechanism').textContent).toBe(liposome.release.mechanismLabel)
    expect(screen.getByTestId('t50-plasma').textContent).toMatch(hoursPattern(liposome.release.environments.plasma.t50H))
  })
})

describe('ReleasePanel horizon', () => {
  it('keeps the horizon choice in the estimate store, so the worker predicts it with the next estimate', () => {
    const plga = simulateDesign(newDesign())
    act(() => useEstimateStore.setState({ simulation: plga, releaseView: { release: plga.release, hours: 72, error: null }, status: 'ready' }))
    render(<ReleasePanel />)
    const select = screen.getByRole('combobox', { name: /Horizon/ })
    act(() => {
      ;(select as HTMLSelectElement).value = '720'
      select.dispatchEvent(new Event('change', { bubbles: true }))
    })
    expect(useEstimateStore.getState().releaseHorizon).toBe(720)
  })
})

describe('fractionAt', () => {
  it('interpolates linearly between grid points and refuses times beyond the horizon', () => {
    const curve = { timesH: [0, 2, 4], fractionReleased: [0, 0.4, 0.6] }
    expect(fractionAt(curve, 1)).toBeCloseTo(0.2, 12)
    expect(fractionAt(curve, 3)).toBeCloseTo(0.5, 12)
    expect(fractionAt(curve, 4)).toBe(0.6)
    expect(fractionAt(curve, 4.5)).toBeNull()
    expect(fractionAt(curve, -1)).toBeNull()
  })
})
