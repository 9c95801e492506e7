// @vitest-environment jsdom
/**
 * The release tab draws, beside the particle's curve, what the measurement's set-up would read
 * (dialysis: released drug crosses the membrane first); the draft form stores the set-up.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, render, screen } from '@testing-library/react'
import { ReleasePanel, apparentReleaseCurve, releaseChartSpec } from '../../../../renderer/features/release/release-panel'
import { releaseParticleProblem } from '../../../../renderer/features/measurements/measured-release'
import { useDesignStore } from '../../../../renderer/stores/design-store'
import { useEstimateStore } from '../../../../renderer/stores/estimate-store'
import { useMeasurementStore } from '../../../../renderer/stores/measurement-store'
import { newDesign } from '../../../../shared/design/defaults'
import type { Design } from '../../../../shared/design/types'
import type { Measurement } from '../../../../shared/ipc/channels/measurement'
import { simulateDesign } from '../../../../shared/engine/simulate'
import { releasedFractionFunction } from '../../../../shared/engine/release/index'
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
