// @vitest-environment jsdom
/**
 * The analysis store and panels (issue 13) in jsdom, with the engine workers as in-process
 * stand-ins running the real handler and engine: a local sensitivity drawn as a tornado with
 * the form's labels, Cancel, the goal editor's checks in words, and a front point that opens
 * as the current design with its goal and seed in the notes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { newDesign } from '../../../../shared/design/defaults'
import { defaultKnobs } from '../../../../shared/analysis/knobs'
import { evaluateDesign } from '../../../../shared/metrics/registry'
import { designSensitivity } from '../../../../shared/analysis/design-sensitivity'
import { pathLabelWithUnit } from '../../../../shared/design/fields'
import { useDesignStore } from '../../../../renderer/stores/design-store'
import { setAnalysisWorkers, useAnalysisStore } from '../../../../renderer/features/analysis/analysis-store'
import { SensitivityPanel } from '../../../../renderer/features/analysis/sensitivity-panel'
import { FindDesignsPanel } from '../../../../renderer/features/analysis/find-designs-panel'
import { workerFactory } from '../engine/in-process-worker'
import { withinStudySentence, withinStudyShort } from '../../../../shared/engine/validation/measured-accuracy'

const initial = useAnalysisStore.getState()

beforeEach(() => {
  useAnalysisStore.setState(initial, true)
  useDesignStore.getState().replace(newDesign(), null, null)
  setAnalysisWorkers(workerFactory('auto').make, 2)
})

afterEach(() => {
  cleanup()
})

describe('sensitivity', () => {
  it('a local run draws one tornado bar per knob, form labels, largest |coefficient| first, the numbers of the shared analysis', async () => {
    render(<SensitivityPanel />)
    fireEvent.change(screen.getByLabelText('Metric'), { target: { value: 'bloodHalfLifeH' } })
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Run sensitivity' })) })
    await screen.findByRole('region', { name: 'Sensitivity result' }, { timeout: 20_000 })
    const design = newDesign()
    const expected = await designSensitivity(design, defaultKnobs(design), { method: 'local', metrics: ['bloodHalfLifeH'] })
    const rows = expected.indices.bloodHalfLifeH!.flatMap((r) => ('coefficient' in r && r.coefficient !== null ? [{ label: pathLabelWithUnit(r.knob), c: r.coefficient }] : []))
    rows.sort((a, b) => Math.abs(b.c) - Math.abs(a.c))
    const items = document.querySelectorAll<HTMLElement>('.tornado .bar-row')
    expect([...items].map((li) => li.querySelector('.bar-label')!.textContent)).toEqual(rows.map((r) => r.label))
    expect([...items].map((li) => Number(li.dataset.value))).toEqual(rows.map((r) => r.c))
    expect(screen.getByRole('heading', { level: 3 }).textContent).toBe('Blood half-life (h): local sensitivity over 6 design knobs')
    expect(useAnalysisStore.getState().sensitivity.workers).toBe(2)
  })

  it('Cancel stops the run and says so', async () => {
    setAnalysisWorkers(workerFactory('manual').make, 2)
    render(<SensitivityPanel />)
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Run sensitivity' })) })
    expect(screen.getByRole('progressbar', { name: 'Sensitivity progress' })).toBeTruthy()
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Cancel' })) })
    expect(useAnalysisStore.getState().sensitivity.status).toBe('cancelled')
    expect(screen.getByText('Cancelled; no result.')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Run sensitivity' })).toBeTruthy()
  })

  it('over the engine assumptions the run goes to every worker, with progress, and Cancel stops it', async () => {
    const factory = workerFactory('manual')
    setAnalysisWorkers(factory.make, 2)
    useAnalysisStore.getState().setSensitivitySettings({ method: 'morris', over: 'parameters', samples: 4 })
    render(<SensitivityPanel />)
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Run sensitivity' })) })
    expect(useAnalysisStore.getState().sensitivity.workers).toBe(2)
    // the first slice (13 of the 4·63 points) is split over both workers
    expect(factory.workers).toHaveLength(2)
    for (const w of factory.workers) expect(w.last('evaluate-parameters')).toBeDefined()
    // answer each worker's request in flight until the first slice is done (ranges 4, 4, 4, 1)
    for (let round = 0; round < 4 && useAnalysisStore.getState().sensitivity.done === 0; round++) {
      await act(async () => { for (const w of factory.workers) w.answer(w.last('evaluate-parameters')!) })
      await act(async () => { await new Promise((r) => setTimeout(r, 0)) })
    }
    const run = useAnalysisStore.getState().sensitivity
    expect(run.total).toBe(252)
    expect(run.done).toBeGreaterThan(0)
    expect(run.done).toBeLessThan(252)
    expect(screen.getByRole('progressbar', { name: 'Sensitivity progress' })).toBeTruthy()
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Cancel' })) })
    expect(useAnalysisStore.getState().sensitivity.status).toBe('cancelled')
    expect(factory.workers.every((w) => w.terminated)).toBe(true)
  })

  it('says how far a knob\'s effect was checked against published comparisons, the whole statement on hover', () => {
    render(<SensitivityPanel />)
    const note = screen.getByText((_, el) => el?.tagName === 'SPAN' && el.textContent === `How far a knob's effect was checked: ${withinStudyShort()}.`)
    expect(note.getAttribute('title')).toBe(withinStudySentence())
  })

  it('a new method starts from its own sample size', () => {
    const store = useAnalysisStore.getState()
    store.setSensitivitySettings({ method: 'sobol' })
    expect(useAnalysisStore.getState().sensitivitySettings.samples).toBe(256)
    store.setSensitivitySettings({ over: 'parameters' })
    expect(useAnalysisStore.getState().sensitivitySettings.samples).toBe(64)
  })
})

describe('find designs', () => {
  it('says how far the engine\'s differences between designs were checked', () => {
    render(<FindDesignsPanel />)
    const note = screen.getByText((_, el) => el?.tagName === 'SPAN' && el.textContent === `How far the engine's differences between designs were checked: ${withinStudyShort()}.`)
    expect(note.getAttribute('title')).toBe(withinStudySentence())
  })

  it('the editor reports problems in words and a budget below one population', async () => {
    render(<FindDesignsPanel />)
    fireEvent.click(screen.getByRole('button', { name: 'Start a goal from the open design' }))
    const lowest = screen.getByLabelText('Core diameter (nm): lowest')
    fireEvent.change(lowest, { target: { value: '500' } })
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Find designs' })) })
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('Core diameter (nm), max: max (240) must be greater than min (500)')
    fireEvent.change(lowest, { target: { value: '60' } })
    fireEvent.change(screen.getByLabelText('Evaluations'), { target: { value: '10' } })
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Find designs' })) })
    expect(screen.getByRole('alert').textContent).toContain('Evaluations: give a whole number from 20 (one population of 20 for 2 knobs)')
    expect(useAnalysisStore.getState().optimize.status).toBe('idle')
  })

  it('runs, draws the front, and a clicked point becomes the current design with its goal and seed in the notes', async () => {
    render(<FindDesignsPanel />)
    fireEvent.click(screen.getByRole('button', { name: 'Start a goal from the open design' }))
    fireEvent.change(screen.getByLabelText('Evaluations'), { target: { value: '40' } })
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '9' } })
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Find designs' })) })
    const front = await screen.findByRole('region', { name: 'Pareto front' }, { timeout: 20_000 })
    const points = within(front).getAllByRole('button', { name: /^Design \d+/ })
    const result = useAnalysisStore.getState().optimize.result!
    expect(points.length).toBe(result.front.length)
    expect(result.evaluations).toBe(40)
    const target = points[points.length - 1]!
    const n = Number(target.getAttribute('data-point'))
    await act(async () => { fireEvent.click(target) })
    const opened = useDesignStore.getState()
    expect(opened.design.name).toBe(`${newDesign().name} (found ${n})`)
    expect(opened.design.core.diameterNm).toBe(result.front[n - 1]!.design.core.diameterNm)
    expect(opened.designId).toBeNull()
    expect(opened.design.notes).toMatch(/front point \d+ of \d+, seed 9, 40 evaluations/)
    expect(opened.validation.valid).toBe(true)
    expect(screen.getByText(/as the current, unsaved design/)).toBeTruthy()
    // the starting design is drawn against the front, with its own metrics
    expect(useAnalysisStore.getState().optimize.baseMetrics).toEqual(evaluateDesign(newDesign(), { hours: 72 }))
    expect(document.querySelector('.scatter .reference')).not.toBeNull()
  })
})
