// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { cleanup, render, screen, within } from '@testing-library/react'
import { BiodistributionPanel } from '../../../../renderer/features/biodistribution/biodistribution-panel'
import { compareBiodistribution, interpolateAt } from '../../../../renderer/features/biodistribution/measured-comparison'
import { useDesignStore } from '../../../../renderer/stores/design-store'
import { useEstimateStore } from '../../../../renderer/stores/estimate-store'
import { useMeasurementStore } from '../../../../renderer/stores/measurement-store'
import { newDesign } from '../../../../shared/design/defaults'
import type { Design } from '../../../../shared/design/types'
import { simulateDesign, type DesignSimulation } from '../../../../shared/engine/simulate'
import { createDispatchApi, installCanvasStubs, type DispatchApi } from '../release/support'

/**
 * The "measured vs predicted" table of the Biodistribution tab, checked against ratios
 * computed here by hand from the simulation's own output grid (not through the
 * comparison code): points on grid times, one halfway between two grid times, and one after
 * the horizon.
 */

let backend: DispatchApi
let design: Design
let simulation: DesignSimulation
let designId: string

/** Index of an output time that must exist on the engine grid (1 h steps to 24 h, then 2 h). */
function gridIndex(tH: number): number {
  const i = simulation.biodistribution.timesH.indexOf(tH)
  if (i < 0) throw new Error(`${tH} h is not an output time`)
  return i
}

beforeAll(() => {
  installCanvasStubs()
  design = newDesign()
  simulation = simulateDesign(design)
})
beforeEach(() => {
  backend = createDispatchApi()
  window.nanoApi = backend.api
  designId = backend.library.saveDesign(design).designId
  useDesignStore.getState().replace(design, designId, 1)
  useMeasurementStore.setState({ designId: null, version: null, items: [], allVersions: true, notice: null, lastDeleted: null })
  useEstimateStore.setState({ simulation, status: 'ready' })
})
afterEach(() => {
  cleanup()
  delete window.nanoApi
  backend.close()
})

describe('measured vs predicted biodistribution', () => {
  it('interpolates linearly and returns null outside the predicted times', () => {
    expect(interpolateAt([0, 2, 4], [0, 10, 30], 3)).toBe(20)
    expect(interpolateAt([0, 2, 4], [0, 10, 30], 2)).toBe(10)
    expect(interpolateAt([0, 2, 4], [0, 10, 30], 4.5)).toBeNull()
    expect(interpolateAt([], [], 1)).toBeNull()
  })

  it('shows per tissue and time the measured, predicted and ratio values, and the share within two-fold', async () => {
    const pd = simulation.biodistribution.percentDose
    const liver1 = pd.liver[gridIndex(1)]!
    const liver4 = pd.liver[gridIndex(4)]!
    const spleen24 = pd.spleen[gridIndex(24)]!
    const spleen25 = (pd.spleen[gridIndex(24)]! + pd.spleen[gridIndex(26)]!) / 2 // halfway between 24 and 26 h
    // Measured values chosen as known multiples of the prediction: ratios 1.5, 0.3, 0.6 and 0.4
    // (below 1 where the prediction is large: the store refuses more than 120 % of the dose).
    const measured = {
      species: design.context.species, doseMgPerKg: design.context.dose.mgPerKg, doseBasis: design.context.dose.basis,
      timesH: [1, 4, 24, 25, 100],
      tissues: {
        liver: { percentInjectedDose: [1.5 * liver1, 0.3 * liver4, null, null, 10], sdPercentInjectedDose: [0.5, null, null, null, null] },
        spleen: { percentInjectedDose: [null, null, 0.6 * spleen24, 0.4 * spleen25, null] },
      },
    }
    for (const v of [liver1, liver4, spleen24, spleen25]) expect(v).toBeGreaterThan(0)
    const added = await backend.api.addMeasurement({ designId, version: 1, kind: 'biodistribution', label: 'Study A', data: measured })
    expect(added.ok, JSON.stringify(added)).toBe(true)

    render(<BiodistributionPanel />)
    const table = await screen.findByRole('table', { name: 'Measured vs predicted % of injected dose' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows.map((r) => r.getAttribute('data-tissue'))).toEqual(['liver', 'liver', 'liver', 'spleen', 'spleen'])
    const cells = rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))
    const sig = (v: number): string => String(Number(v.toPrecision(3)))
    expect(cells[0]).toEqual(['1', `${sig(1.5 * liver1)} ± 0.5`, sig(liver1), '1.5', 'yes'])
    expect(cells[1]).toEqual(['4', sig(0.3 * liver4), sig(liver4), '0.3', 'no'])
    expect(cells[2]).toEqual(['100', '10', 'beyond horizon', '—', '—'])
    expect(cells[3]).toEqual(['24', sig(0.6 * spleen24), sig(spleen24), '0.6', 'yes'])
    expect(cells[4]).toEqual(['25', sig(0.4 * spleen25), sig(spleen25), '0.4', 'no'])
    // 2 of the 4 comparable points (1.5 and 0.6) lie within two-fold; the 100 h point is not counted.
    const summary = screen.getByTestId('bd-within-two-fold')
    expect(summary.textContent).toBe('2 of 4 measured points (50 %) lie within 2-fold of the prediction.')
    expect(summary.getAttribute('data-fraction')).toBe('0.5')
    expect(screen.getByText(/1 point\(s\) measured after the 72 h horizon/)).toBeTruthy()
    expect(screen.queryByRole('list', { name: 'Comparison caveats' })).toBeNull()
    // The liver and spleen curves are drawn by default, so their five measured points are overlaid.
    expect(screen.getByRole('img', { name: /with 5 measured points/ })).toBeTruthy()
  })

  it('says when the study differs from the design (species, dose) and counts nothing it cannot compare', async () => {
    const other = design.context.species === 'rat' ? 'mouse' : 'rat'
    await backend.api.addMeasurement({
      designId, version: 1, kind: 'biodistribution', label: 'Other species',
      data: { species: other, doseMgPerKg: 99, doseBasis: 'particle', timesH: [200], tissues: { brain: { percentInjectedDose: [1] } } },
    })
    render(<BiodistributionPanel />)
    const caveats = await screen.findByRole('list', { name: 'Comparison caveats' })
    expect(caveats.textContent).toContain(`Measured in ${other}; the prediction is for ${design.context.species}.`)
    expect(caveats.textContent).toContain('Dose 99 mg/kg (particle basis) in the study')
    expect(screen.getByTestId('bd-within-two-fold').textContent).toBe('No measured point could be compared with the prediction.')
    // The brain is not drawn by default: the point is in the table but not on the chart.
    expect(screen.queryByRole('img', { name: /measured points/ })).toBeNull()
  })

  it('agrees with a direct count on a hand-made prediction', () => {
    const zeros = Object.fromEntries(Object.keys(simulation.biodistribution.percentDose).map((k) => [k, [0, 0, 0]]))
    const predicted = { timesH: [0, 10, 20], percentDose: { ...zeros, blood: [50, 20, 10] } } as unknown as Parameters<typeof compareBiodistribution>[1]
    const c = compareBiodistribution({
      species: 'mouse', doseMgPerKg: 1, doseBasis: 'drug', timesH: [5, 15, 20],
      tissues: { blood: { percentInjectedDose: [70, 8, 20] }, liver: { percentInjectedDose: [3, null, null] } },
    }, predicted)
    // blood 5 h: predicted (50 + 20) / 2 = 35, ratio 2 (edge, within); 15 h: 15, ratio 8/15; 20 h: 10, ratio 2; liver: predicted 0, no ratio.
    expect(c.points.map((p) => [p.key, p.predictedPercentDose, p.ratio])).toEqual([
      ['blood', 35, 2], ['blood', 15, 8 / 15], ['blood', 10, 2], ['liver', 0, null],
    ])
    expect([c.compared, c.withinTwoFold, c.fractionWithinTwoFold, c.beyondHorizon]).toEqual([3, 3, 1, 0])
  })

  it('reads blood as a blood sample reads it: the central pool times intravascular / central blood, other tissues unscaled', () => {
    const zeros = Object.fromEntries(Object.keys(simulation.biodistribution.percentDose).map((k) => [k, [0, 0, 0]]))
    const predicted = { timesH: [0, 10, 20], percentDose: { ...zeros, blood: [50, 20, 10], liver: [0, 4, 8] }, bloodSampleScale: 2 } as unknown as Parameters<typeof compareBiodistribution>[1]
    const c = compareBiodistribution({
      species: 'mouse', doseMgPerKg: 1, doseBasis: 'drug', timesH: [10, 20],
      tissues: { blood: { percentInjectedDose: [40, 20] }, liver: { percentInjectedDose: [4, 8] } },
    }, predicted)
    expect(c.points.map((p) => [p.key, p.predictedPercentDose, p.ratio])).toEqual([
      ['blood', 40, 1], ['blood', 20, 1], ['liver', 4, 1], ['liver', 8, 1],
    ])
    // the panel passes the engine's own scale: intravascular / central blood of the mouse, about 2.2
    const bio = simulation.biodistribution
    expect(bio.intravascularBloodMassG / bio.tissueMassG.blood!).toBeGreaterThan(1.5)
  })
})
