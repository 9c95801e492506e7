// @vitest-environment jsdom
import { foldText, MEASURED_FOLD_ERROR_BY_READOUT } from '../../../../shared/engine/validation/measured-accuracy'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { newDesign } from '../../../../shared/design/defaults'
import type { Design } from '../../../../shared/design/types'
import { simulateDesign, simulateDesignUncertainty, type DesignSimulation } from '../../../../shared/engine/simulate'
import { BIODISTRIBUTION_KEYS, type BiodistributionKey } from '../../../../shared/engine/pbpk/types'
import type { MonteCarloResult } from '../../../../shared/engine/pbpk/monte-carlo'
import { BiodistributionPanel } from '../../../../renderer/features/biodistribution/biodistribution-panel'
import { SelectivityCard } from '../../../../renderer/features/selectivity/selectivity-card'
import { AssumptionsList } from '../../../../renderer/features/selectivity/assumptions-list'
import { BodyMap } from '../../../../renderer/features/body-map/body-map'
import { TISSUE_LABELS, formatValue } from '../../../../renderer/features/biodistribution/biodistribution-model'
import { EstimatesPanel } from '../../../../renderer/features/estimates/estimates-panel'
import { estimateKey, useEstimateStore } from '../../../../renderer/stores/estimate-store'

const HOURS = 48
let design: Design
let simulation: DesignSimulation
let band: MonteCarloResult

beforeAll(() => {
  design = newDesign()
  simulation = simulateDesign(design, { hours: HOURS })
  band = simulateDesignUncertainty(design, { samples: 6, seed: 3, hours: HOURS })
})

beforeEach(() => {
  useEstimateStore.setState({
    ...useEstimateStore.getInitialState(),
    hours: HOURS,
    status: 'ready',
    simulation,
    simulatedDesign: design,
    simulationKey: estimateKey(design, HOURS),
    requestedDesign: design,
    requestedKey: estimateKey(design, HOURS),
    elapsedMs: 3,
  })
})

afterEach(() => cleanup())

/** Sets a finished band, for this design or (with `otherKey`) for another one. */
function setBand(otherKey = false): void {
  useEstimateStore.setState({
    uncertainty: band, uncertaintyDesign: design, uncertaintyStatus: 'done',
    uncertaintyKey: otherKey ? 'some other design' : estimateKey(design, HOURS),
  })
}

/** Relative luminance of a #rrggbb colour (WCAG 2 formula). */
function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
}

describe('BiodistributionPanel', () => {
  it('has one table row for every tissue key of a real simulation, the target marked', () => {
    render(<BiodistributionPanel />)
    const table = screen.getByRole('table', { name: /Percent of dose per tissue at 48 h/ })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows).toHaveLength(BIODISTRIBUTION_KEYS.length)
    expect(rows.map((r) => r.getAttribute('data-tissue'))).toEqual([...BIODISTRIBUTION_KEYS])
    const target = simulation.selectivity.targetTissue
    expect(target).toBe('joints')
    const targetRow = rows.find((r) => r.getAttribute('data-tissue') === target)
    expect(targetRow?.textContent).toContain('(target)')
    // The liver cell holds the liver's % dose at the horizon (3 significant figures).
    const liverRow = rows.find((r) => r.getAttribute('data-tissue') === 'liver')
    const liverCell = liverRow ? within(liverRow).getAllByRole('cell')[0] : null
    const liverAtEnd = simulation.biodistribution.percentDose.liver.at(-1) ?? Number.NaN
    expect(Number.parseFloat(liverCell?.textContent ?? '')).toBeCloseTo(liverAtEnd, liverAtEnd >= 10 ? 0 : 1)
    expect(screen.getByRole('img', { name: /Percent of injected dose over time/ })).toBeTruthy()
  })

  it('shows blood, liver, spleen and the target by default, and a toggle adds a tissue to the chart', () => {
    render(<BiodistributionPanel />)
    const checked = (name: RegExp): boolean => (screen.getByRole('checkbox', { name }) as HTMLInputElement).checked
    expect(checked(/^Blood$/)).toBe(true)
    expect(checked(/^Liver$/)).toBe(true)
    expect(checked(/^Spleen$/)).toBe(true)
    expect(checked(/^Joints \(target\)$/)).toBe(true)
    expect(checked(/^Brain$/)).toBe(false)
    fireEvent.click(screen.getByRole('checkbox', { name: /^Brain$/ }))
    expect(screen.getByRole('img', { name: /Percent of injected dose/ }).getAttribute('aria-label')).toContain('Brain')
  })

  it('counts what a residualizing label reads when asked: organs gain the carrier they degraded, the degraded row is 0', () => {
    setBand(false)
    render(<BiodistributionPanel />)
    const bio = simulation.biodistribution
    expect(Math.max(...bio.degradedInTissuePercentDose.liver)).toBeGreaterThan(1) // a degradable core: the view differs
    fireEvent.change(screen.getByRole('combobox', { name: /Counting/ }), { target: { value: 'label' } })
    const table = screen.getByRole('table', { name: /Percent of dose per tissue at 48 h/ })
    const cellOf = (key: string, col = 0): string => {
      const row = within(table).getAllByRole('row').find((r) => r.getAttribute('data-tissue') === key)!
      return within(row).getAllByRole('cell')[col]!.textContent ?? ''
    }
    const liverLabel = bio.percentDose.liver.at(-1)! + bio.degradedInTissuePercentDose.liver.at(-1)!
    expect(Number.parseFloat(cellOf('liver'))).toBeCloseTo(liverLabel, liverLabel >= 10 ? 0 : 1)
    expect(cellOf('degraded')).toBe('0')
    // the band column reads the label view's band
    expect(cellOf('liver', 3)).toContain(formatValue(band.residualizingLabelPercentDose.liver.median.at(-1)!))
    expect(screen.getByRole('columnheader', { name: /intact particles/ })).toBeTruthy()
    expect(screen.getByRole('img', { name: /seen by a residualizing label/ })).toBeTruthy()
  })

  it('adds band columns only for a band of the same design', () => {
    setBand(true)
    const { unmount } = render(<BiodistributionPanel />)
    expect(screen.queryByRole('columnheader', { name: /AUC band/ })).toBeNull()
    unmount()
    setBand(false)
    render(<BiodistributionPanel />)
    expect(screen.getByRole('columnheader', { name: /AUC band/ })).toBeTruthy()
    expect(screen.getByText(/95 % band \(2.5–97.5 %\) from 6 Monte Carlo samples/)).toBeTruthy()
  })

  it('refuses a bad sample count with a message and keeps the text', () => {
    render(<BiodistributionPanel />)
    const input = screen.getByRole('spinbutton', { name: 'Monte Carlo samples' }) as HTMLInputElement
    fireEvent.change(input, { target: { value: '3' } })
    expect(screen.getByRole('alert').textContent).toMatch(/from 10 to 5000/)
    expect(input.value).toBe('3')
    expect((screen.getByRole('button', { name: /Compute uncertainty/ }) as HTMLButtonElement).disabled).toBe(true)
    fireEvent.change(input, { target: { value: '25' } })
    expect(screen.getByRole('button', { name: 'Compute uncertainty (25 samples)' })).toBeTruthy()
  })

  it('shows a labelled progress bar and a Cancel button while Monte Carlo runs', () => {
    useEstimateStore.setState({ uncertaintyStatus: 'running', uncertaintyProgress: { done: 7, total: 20 } })
    render(<BiodistributionPanel />)
    const bar = screen.getByRole('progressbar', { name: /Uncertainty progress/ })
    expect(bar.getAttribute('aria-valuenow')).toBe('7')
    expect(bar.getAttribute('aria-valuemax')).toBe('20')
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('progressbar')).toBeNull()
  })
})

describe('SelectivityCard', () => {
  it('shows the target, the selectivity index and its formula', () => {
    render(<SelectivityCard />)
    expect(screen.getByLabelText('Target tissue').textContent).toBe('Joints')
    const si = Number.parseFloat(screen.getByLabelText('Selectivity index').textContent ?? '')
    expect(si).toBeCloseTo(simulation.selectivity.selectivityIndex, 2)
    const summary = screen.getByText('How is the selectivity index computed?')
    expect(summary.getAttribute('title')).toContain('AUC_target / m_target')
    expect(screen.getByText('SI = (AUC_target / m_target) ÷ (AUC_other / m_other)')).toBeTruthy()
    const halfLife = Number.parseFloat(screen.getByLabelText('Blood half-life').textContent ?? '')
    expect(halfLife).toBeCloseTo(simulation.biodistribution.bloodHalfLifeH, 0)
    // how far held-out published blood values fell from the engine, beside the half-life
    expect(screen.getByLabelText('Blood half-life').textContent).toContain(`held-out ×${foldText(MEASURED_FOLD_ERROR_BY_READOUT.blood.p80)} for 4 in 5`)
  })

  it('lists the simulation warnings and the drug released by site', () => {
    render(<SelectivityCard />)
    const warnings = screen.getByRole('region', { name: 'Simulation warnings' })
    expect(within(warnings).getAllByRole('listitem')).toHaveLength(simulation.warnings.length)
    const bar = screen.getByRole('img', { name: /Drug released in target/ })
    expect(bar.getAttribute('aria-label')).toContain('Drug released in blood')
    const inTarget = Number.parseFloat(screen.getByLabelText('Drug released in target (% of drug dose)').textContent ?? '')
    expect(inTarget).toBeCloseTo(simulation.selectivity.drugReleasedInTargetPercentDose, 2)
  })

  it('adds bands once Monte Carlo has run for this design', () => {
    setBand(false)
    render(<SelectivityCard />)
    expect(screen.getByLabelText('Selectivity index').textContent).toMatch(/95 % band .+–.+ \(median/)
  })
})

describe('SelectivityCard for other goals', () => {
  it('shows the imaging window for goal image and the tolerize target in words', () => {
    const base = newDesign()
    const imaging: Design = { ...base, core: { ...base.core, material: 'iron-oxide', diameterNm: 20 }, context: { ...base.context, goal: 'image' } }
    const imagingSim = simulateDesign(imaging, { hours: HOURS })
    const imagingResult = imagingSim.biodistribution.imaging
    expect(imagingResult).toBeDefined()
    useEstimateStore.setState({ simulation: imagingSim, simulatedDesign: imaging, simulationKey: estimateKey(imaging, HOURS) })
    const { unmount } = render(<SelectivityCard />)
    const windowText = screen.getByRole('region', { name: 'Imaging window' }).textContent ?? ''
    expect(windowText).toContain(`Best time ${Number((imagingResult?.bestTimeH ?? 0).toPrecision(3))} h`)
    expect(windowText).toMatch(/target-to-background/)
    unmount()

    const tolerize: Design = { ...base, context: { ...base.context, goal: 'tolerize' } }
    const tolerizeSim = simulateDesign(tolerize, { hours: HOURS })
    useEstimateStore.setState({ simulation: tolerizeSim, simulatedDesign: tolerize, simulationKey: estimateKey(tolerize, HOURS) })
    render(<SelectivityCard />)
    expect(screen.getByLabelText('Target tissue').textContent).toBe('Antigen-presenting cells of spleen and liver')
    expect(screen.queryByRole('region', { name: 'Imaging window' })).toBeNull()
    expect(screen.getByText(/every organ except liver and spleen/)).toBeTruthy()
  })
})

describe('AssumptionsList', () => {
  it('marks every [U] value "assumption" and can show only those', () => {
    render(<AssumptionsList />)
    const table = screen.getByRole('table', { name: 'Engine assumptions with evidence tags' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows).toHaveLength(simulation.assumptions.length)
    const unverified = simulation.assumptions.filter((a) => a.evidence === 'U').length
    expect(unverified).toBeGreaterThan(0)
    expect(rows.filter((r) => r.textContent?.includes('[U] assumption'))).toHaveLength(unverified)
    fireEvent.click(screen.getByRole('checkbox', { name: /Only assumptions/ }))
    expect(within(table).getAllByRole('row').slice(1)).toHaveLength(unverified)
  })
})

describe('BodyMap', () => {
  /** The drawn organs: key, data value, fill and <title> text. */
  function organEntries(container: HTMLElement): { key: BiodistributionKey; value: number; fill: string; title: string }[] {
    return [...container.querySelectorAll<SVGGElement>('g.bm-organ')].map((g) => ({
      key: (g.dataset.tissue ?? '') as BiodistributionKey,
      value: Number(g.dataset.value),
      fill: g.dataset.fill ?? '',
      title: g.querySelector('title')?.textContent ?? '',
    }))
  }

  /** Higher value never gets a darker colour, and the top is clearly brighter than the bottom. */
  function expectColourOrder(entries: ReadonlyArray<{ value: number; fill: string }>): void {
    const byValue = [...entries].sort((x, y) => x.value - y.value)
    for (let i = 1; i < byValue.length; i++) {
      expect(luminance(byValue[i].fill)).toBeGreaterThanOrEqual(luminance(byValue[i - 1].fill) - 1e-9)
    }
    expect(luminance(byValue.at(-1)?.fill ?? '#000000')).toBeGreaterThan(luminance(byValue[0].fill) + 0.2)
  }

  it('colours organs by %ID per gram at 24 h by default, in the order of the concentration, target outlined', () => {
    const { container } = render(<BodyMap />)
    expect(screen.getByRole('radio', { name: /Per gram \(%ID\/g\)/ })).toHaveProperty('checked', true)
    const entries = organEntries(container)
    expect(entries.length).toBe(11)
    // Independently: %ID at 24 h over the mass = volume fraction × body weight × 1000 g/kg.
    const bio = simulation.biodistribution
    const i24 = bio.timesH.indexOf(24)
    expect(i24).toBeGreaterThan(0)
    const expected = (key: BiodistributionKey): number => bio.percentDose[key][i24] / (bio.tissueMassG[key] ?? Number.NaN)
    for (const e of entries) {
      expect(Number.isFinite(expected(e.key))).toBe(true)
      expect(e.value).toBeCloseTo(expected(e.key), 9)
      expect(e.title).toMatch(/ %ID\/g$/)
    }
    expectColourOrder(entries)
    // The ranked list uses the same measure, highest concentration first.
    const order = [...entries].sort((x, y) => expected(y.key) - expected(x.key)).map((e) => TISSUE_LABELS[e.key])
    const ranked = within(screen.getByRole('list', { name: /Organs ranked by % of dose per gram/ })).getAllByRole('listitem')
    expect(ranked.map((li) => li.textContent?.split(':')[0].replace(' (target)', ''))).toEqual(order)
    expect(ranked[0].textContent).toMatch(/%ID\/g$/)
    // Per gram, muscle (the biggest organ) is not hotter than the liver.
    expect(expected('liver')).toBeGreaterThan(expected('muscle'))
    expect(screen.getByRole('img', { name: /Colour legend: .* %ID\/g, log scale/ })).toBeTruthy()
    expect(container.querySelector('g.bm-organ.is-target')?.getAttribute('data-tissue')).toBe('joints')
    expect(screen.getByText('Degraded carrier: — (no mass)')).toBeTruthy()
  })

  it('colours organs in the order of their AUC, and of AUC per gram, each with a titled value', () => {
    const { container } = render(<BodyMap />)
    fireEvent.click(screen.getByRole('radio', { name: /Exposure AUC/ }))
    const entries = organEntries(container)
    // Values are the AUCs of the real simulation.
    for (const e of entries) {
      expect(e.value).toBeCloseTo(simulation.biodistribution.aucPercentDoseH[e.key], 9)
      expect(e.title).toMatch(/%ID·h$/)
    }
    expectColourOrder(entries)
    fireEvent.click(screen.getByRole('radio', { name: /AUC per gram/ }))
    const perGram = organEntries(container)
    for (const e of perGram) {
      expect(e.value).toBeCloseTo(simulation.biodistribution.aucPercentDoseH[e.key] / (simulation.biodistribution.tissueMassG[e.key] ?? Number.NaN), 9)
      expect(e.title).toMatch(/%ID·h\/g$/)
    }
    expectColourOrder(perGram)
    expect(screen.getByRole('slider', { name: 'Time (h)' })).toHaveProperty('disabled', true)
  })

  it('switches to % dose at a time chosen with the "Time (h)" slider', () => {
    const { container } = render(<BodyMap />)
    fireEvent.click(screen.getByRole('radio', { name: /% of dose at a time/ }))
    const slider = screen.getByRole('slider', { name: 'Time (h)' })
    fireEvent.change(slider, { target: { value: '0' } })
    const liver = container.querySelector<SVGGElement>('g.bm-organ[data-tissue="liver"]')
    // At t = 0 all of the dose is in blood.
    expect(Number(liver?.dataset.value)).toBeCloseTo(simulation.biodistribution.percentDose.liver[0], 9)
    const last = simulation.biodistribution.timesH.length - 1
    fireEvent.change(slider, { target: { value: String(last) } })
    expect(Number(container.querySelector<SVGGElement>('g.bm-organ[data-tissue="liver"]')?.dataset.value)).toBeCloseTo(simulation.biodistribution.percentDose.liver[last], 9)
    expect(liver?.querySelector('title')?.textContent).toMatch(/% of dose$/)
  })

  it('divides the Monte Carlo band by the organ mass per gram', () => {
    setBand()
    const { container } = render(<BodyMap />)
    const i24 = simulation.biodistribution.timesH.indexOf(24)
    const mass = simulation.biodistribution.tissueMassG.liver ?? Number.NaN
    const lo = band.percentDose.liver.lower[i24] / mass
    const hi = band.percentDose.liver.upper[i24] / mass
    const title = container.querySelector('g.bm-organ[data-tissue="liver"] title')?.textContent ?? ''
    expect(title).toBe(`Liver: ${formatValue(simulation.biodistribution.percentDose.liver[i24] / mass)} %ID/g (95 % band ${formatValue(lo)}–${formatValue(hi)})`)
  })
})

describe('EstimatesPanel', () => {
  it('says whether the estimate is current and offers the new tabs', () => {
    render(<EstimatesPanel />)
    expect(screen.getByRole('status').textContent).toMatch(/Estimate current/)
    act(() => useEstimateStore.setState({ status: 'running' }))
    expect(screen.getByRole('status').textContent).toMatch(/^Estimating…/)
    for (const name of ['Biodistribution', 'Selectivity', 'Body map', 'Assumptions']) {
      fireEvent.click(screen.getByRole('tab', { name }))
      expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(screen.getByRole('tab', { name }).id)
    }
  })
})
