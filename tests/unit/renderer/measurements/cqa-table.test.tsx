// @vitest-environment jsdom
/**
 * The CQA table of the Measurements area (issue #16) on the real backend: a project's limits
 * set in the library, readings typed into the form, and the statuses worked out by hand from
 * them; a design in no project says so; a quality value outside its range is refused with its
 * path and the typed values stay.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { ReleasePanel } from '../../../../renderer/features/release/release-panel'
import { useDesignStore } from '../../../../renderer/stores/design-store'
import { useEstimateStore } from '../../../../renderer/stores/estimate-store'
import { useMeasurementStore } from '../../../../renderer/stores/measurement-store'
import { setSpecLimit } from '../../../../electron/db/specs'
import { newDesign } from '../../../../shared/design/defaults'
import { deriveProperties } from '../../../../shared/design/derived'
import { formatQuantity } from '../../../../shared/design/format'
import { simulateDesign } from '../../../../shared/engine/simulate'
import { createDispatchApi, installCanvasStubs, type DispatchApi } from '../release/support'

let backend: DispatchApi
let designId: string
const design = newDesign()

beforeAll(() => installCanvasStubs())
beforeEach(() => {
  backend = createDispatchApi()
  window.nanoApi = backend.api
  designId = backend.library.saveDesign(design).designId
  useDesignStore.getState().replace(design, designId, 1)
  useMeasurementStore.setState({ designId: null, version: null, items: [], allVersions: true, draft: null, csvErrors: null, notice: null, lastDeleted: null, selectedId: null, fits: {} })
  useEstimateStore.setState({ simulation: simulateDesign(design), status: 'ready' })
})
afterEach(() => {
  cleanup()
  delete window.nanoApi
  backend.close()
})

const table = (): HTMLElement => screen.getByRole('region', { name: 'Quality attributes against specifications' })
const row = (attribute: string): HTMLElement => table().querySelector(`tr[data-attribute="${attribute}"]`) as HTMLElement

describe('CQA table', () => {
  it('shows the project\'s limits, the readings typed in and pass / FAIL / not measured worked out by hand', async () => {
    const project = backend.library.createProject('Screen A')
    backend.library.moveToProject([designId], project.projectId)
    setSpecLimit(backend.library, project.projectId, { attribute: 'encapsulationEfficiencyPct', min: 80, max: null, note: '' })
    setSpecLimit(backend.library, project.projectId, { attribute: 'endotoxinEuPerMl', min: null, max: 0.5, note: '' })
    setSpecLimit(backend.library, project.projectId, { attribute: 'zetaMv', min: -40, max: -10, note: '' })
    render(<ReleasePanel />)
    await waitFor(() => expect(screen.getByTestId('cqa-source').textContent).toMatch(/Specification of the project “Screen A”/))
    expect(row('zetaMv').dataset.status).toBe('not measured')

    const group = screen.getByRole('group', { name: 'Quality reading' })
    fireEvent.change(within(group).getByLabelText('Measured encapsulation efficiency (%)'), { target: { value: '84,5' } })
    fireEvent.change(within(group).getByLabelText('Measured endotoxin (EU/mL)'), { target: { value: '0.8' } })
    fireEvent.click(within(group).getByRole('button', { name: 'Add quality reading' }))
    // 84.5 ≥ 80: pass; 0.8 > 0.5: FAIL.
    await waitFor(() => expect(row('encapsulationEfficiencyPct').dataset.status).toBe('pass'))
    expect(row('endotoxinEuPerMl').dataset.status).toBe('fail')
    expect(within(row('endotoxinEuPerMl')).getByText('FAIL')).toBeTruthy()
    expect(row('endotoxinEuPerMl').textContent).toContain('≤ 0.5 EU/mL')
    expect(row('endotoxinEuPerMl').textContent).toContain('0.8 EU/mL (1 of 1 outside)')
    // The size row carries the engine's hydrodynamic diameter, and no limit.
    expect(row('zAverageNm').textContent).toContain(`${formatQuantity(deriveProperties(design).hydrodynamicDiameterNm, 'nm', 4)}, engine`)
    expect(row('zAverageNm').dataset.status).toBe('no spec')
    expect(screen.getByTestId('cqa-counts').textContent).toMatch(/^1 pass, 1 fail, 1 not measured/)
  })

  it('says a design in no project has no specification, and refuses an out-of-range value with its path, keeping what was typed', async () => {
    render(<ReleasePanel />)
    await waitFor(() => expect(screen.getByTestId('cqa-source').textContent).toMatch(/in no project, so no specification applies/))
    const group = screen.getByRole('group', { name: 'Quality reading' })
    const ee = within(group).getByLabelText('Measured encapsulation efficiency (%)') as HTMLInputElement
    fireEvent.change(ee, { target: { value: '120' } })
    fireEvent.click(within(group).getByRole('button', { name: 'Add quality reading' }))
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/data\.encapsulationEfficiencyPct: Encapsulation efficiency is from 0 % to 100 %; 120 is not/))
    expect(ee.value).toBe('120')
    const res = await backend.api.listMeasurements({ designId })
    expect(res.ok && res.value.items).toEqual([])
  })
})
