// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react'
import { ReleasePanel, apparentReleaseCurve, releaseChartSpec, releaseSpreadNote } from '../../../../renderer/features/release/release-panel'
import { releaseParticleProblem } from '../../../../renderer/features/measurements/measured-release'
import { fractionAt } from '../../../../renderer/features/release/release-format'
import { useDesignStore } from '../../../../renderer/stores/design-store'
import { useEstimateStore } from '../../../../renderer/stores/estimate-store'
import { useMeasurementStore } from '../../../../renderer/stores/measurement-store'
import { newDesign } from '../../../../shared/design/defaults'
import { simulateDesign } from '../../../../shared/engine/simulate'
import { releasedFractionFunction } from '../../../../shared/engine/release/index'
import type { Design } from '../../../../shared/design/types'
import type { Measurement } from '../../../../shared/ipc/channels/measurement'
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

// What the measurement's set-up reads (dialysis: released drug crosses the membrane first),
// drawn beside the particle's curve; the draft form stores the set-up.
const plga = (): Design => ({ ...newDesign(), core: { material: 'plga-50-50', diameterNm: 120 } })

function releaseMeasurement(releaseMethod?: { kind: 'dialysis' | 'sample-and-separate'; particleConcentrationMgPerMl?: number }): Measurement {
  return {
    id: 'm-1', designId: 'd-1', version: 1, kind: 'release', label: 'bag run', measuredOn: null, createdAt: '2026-12-01T10:00:00.000Z', deletedAt: null,
    data: { timesH: [0, 2, 8, 24], replicates: [[0, 20, 45, 70]], ...(releaseMethod ? { releaseMethod } : {}) },
  } as Measurement
}

describe('apparentReleaseCurve', () => {
  it('lags the particle curve for a dialysis bag and is absent for a set-up that counts released drug directly', () => {
    const design = plga()
    const times = [0, 0.5, 1, 2, 4, 8, 24]
    const particle = releasedFractionFunction(design, 'plasma')
    const curve = apparentReleaseCurve(design, { kind: 'dialysis' }, times)
    expect(curve?.setUp).toBe('Dialysis bag')
    expect(curve!.percent[0]).toBe(0)
    for (let i = 1; i < times.length; i++) {
      expect(curve!.percent[i]!).toBeGreaterThanOrEqual(curve!.percent[i - 1]!)
      // the bag never reads more than the particle has released, and reads clearly less early on
      expect(curve!.percent[i]!).toBeLessThanOrEqual(100 * particle(times[i]!) + 1e-9)
    }
    expect(curve!.percent[2]!).toBeLessThan(0.8 * 100 * particle(1))
    expect(curve!.assumptions.map((a) => a.parameter)).toContain('inVitro.membraneRatePerH')
    // more particles in the bag hold a lipophilic drug back longer (f_u = 1/(1 + K·φ))
    const dense = apparentReleaseCurve(design, { kind: 'dialysis', particleConcentrationMgPerMl: 50 }, times)
    expect(dense!.percent[4]!).toBeLessThan(curve!.percent[4]!)
    expect(apparentReleaseCurve(design, { kind: 'sample-and-separate' }, times)).toBeNull()
    expect(apparentReleaseCurve(design, undefined, times)).toBeNull()
    expect(apparentReleaseCurve(null, { kind: 'dialysis' }, times)).toBeNull()
  })
})

describe('ReleasePanel with a measurement taken in a dialysis bag', () => {
  it('draws the dashed as-measured curve, says why, and exports it with the chart', () => {
    const design = plga()
    act(() => useDesignStore.getState().replace(design, null, null))
    const sim = simulateDesign(useDesignStore.getState().design)
    act(() => useEstimateStore.setState({ simulation: sim, releaseView: { release: sim.release, hours: 72, error: null }, status: 'ready' }))
    render(<ReleasePanel />)
    // after the first render: the measurements section loads (and clears) on mount
    act(() => useMeasurementStore.setState({ items: [releaseMeasurement({ kind: 'dialysis', particleConcentrationMgPerMl: 2 })], selectedId: 'm-1' }))
    expect(screen.getByTestId('release-apparent').textContent).toMatch(/dialysis bag of “bag run” would read it/)
    expect(screen.getByTestId('release-apparent').textContent).toMatch(/Modi & Anderson 2013/)
    expect(screen.getByRole('img', { name: /Dashed: the plasma curve as a dialysis bag would read it/ })).toBeTruthy()
    const curve = apparentReleaseCurve(useDesignStore.getState().lastValid?.design ?? null, { kind: 'dialysis', particleConcentrationMgPerMl: 2 }, sim.release.environments.plasma.timesH)
    const spec = releaseChartSpec(sim.release, null, 'bag run', curve)
    expect(spec.series.map((x) => x.label)).toContain('As a dialysis bag reads it, Plasma (pH 7.4)')
  })

  it('draws no dashed curve for a measurement without a set-up', () => {
    const sim = simulateDesign(useDesignStore.getState().design)
    act(() => useEstimateStore.setState({ simulation: sim, releaseView: { release: sim.release, hours: 72, error: null }, status: 'ready' }))
    render(<ReleasePanel />)
    act(() => useMeasurementStore.setState({ items: [releaseMeasurement()], selectedId: 'm-1' }))
    expect(screen.getByRole('img', { name: /Measured “bag run”/ })).toBeTruthy()
    expect(screen.queryByTestId('release-apparent')).toBeNull()
  })
})

describe('releaseParticleProblem', () => {
  it('reads blank as not stated, decimal commas, and names a bad value', () => {
    expect(releaseParticleProblem('')).toEqual({ value: null, problem: null })
    expect(releaseParticleProblem(' 2,5 ')).toEqual({ value: 2.5, problem: null })
    expect(releaseParticleProblem('abc').problem).toMatch(/“abc” is not a number of mg\/mL/)
    expect(releaseParticleProblem('0').problem).toMatch(/outside \(0, 1000\] mg\/mL/)
    expect(releaseParticleProblem('5000').problem).toMatch(/outside/)
  })
})

describe('releaseSpreadNote', () => {
  it('states the calibrated spread of a matrix release time and of a liposome\'s leakage, and nothing for a gold core', () => {
    // 10^1.67 = 46.8: one standard deviation of the release speed over the calibration rows
    expect(releaseSpreadNote(plga())).toMatch(/released 47× faster or slower than one diffusivity predicts/)
    // 10^0.51 = 3.24: the leakage speeds the liposome calibration rows ask for
    expect(releaseSpreadNote({ ...plga(), core: { material: 'liposome', diameterNm: 100, bilayer: { lipid: 'hspc', cholesterolMolPct: 38 } } })).toMatch(/liposomes of the calibration set leaked their drug in the body 3\.2× faster or slower/)
    expect(releaseSpreadNote({ ...plga(), core: { material: 'gold', diameterNm: 20 } })).toBeNull()
    expect(releaseSpreadNote(null)).toBeNull()
  })
})
