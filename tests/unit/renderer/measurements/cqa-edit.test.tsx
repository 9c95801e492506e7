// @vitest-environment jsdom
/**
 * Editing a project's limits in the CQA table (issue #16) on the real backend (dispatch +
 * handlers + SQLite): a limit typed under a row is stored, logged as `project.spec-set`, and the
 * row's status turns from "no spec" to FAIL for a reading outside it (worked out by hand);
 * clearing it goes back to "no spec"; a bad limit names its field and keeps the typed text; the
 * unit shown comes from the registry; a design in no project is offered the library's projects
 * and, once filed, its rows can be edited.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { ReleasePanel } from '../../../../renderer/features/release/release-panel'
import { useDesignStore } from '../../../../renderer/stores/design-store'
import { useEstimateStore } from '../../../../renderer/stores/estimate-store'
import { useMeasurementStore } from '../../../../renderer/stores/measurement-store'
import { createMeasurementStore } from '../../../../electron/db/measurements'
import { projectSpecs } from '../../../../electron/db/specs'
import { allowedRangeText, specDraftToInput } from '../../../../renderer/features/measurements/spec-editor'
import { cqaAttribute } from '../../../../shared/quality/attributes'
import { newDesign } from '../../../../shared/design/defaults'
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

describe('editing limits in the CQA table', () => {
  it('sets a limit (logged), the reading outside it turns FAIL, a bad limit is refused at its field, and clearing goes back to no spec', async () => {
    const project = backend.library.createProject('RA liposomes')
    backend.library.moveToProject([designId], project.projectId)
    // One PDI reading of 0.25 on version 1.
    createMeasurementStore(backend.library).add({ designId, version: 1, kind: 'dls', label: 'batch 1', data: { zAverageNm: 120, pdi: 0.25 } })
    render(<ReleasePanel />)
    await waitFor(() => expect(row('pdi').dataset.status).toBe('no spec'))

    fireEvent.click(within(row('pdi')).getByRole('button', { name: 'Edit limit of Polydispersity index' }))
    const form = screen.getByRole('form', { name: 'Limit of Polydispersity index' })
    // PDI has no unit: plain labels; the allowed range is the registry's 0 to 1.
    expect(within(form).getByLabelText('Upper limit')).toBeTruthy()
    expect(form.textContent).toContain('Polydispersity index is from 0 to 1')
    const upper = within(form).getByLabelText('Upper limit') as HTMLInputElement
    fireEvent.change(upper, { target: { value: '1,5' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Save limit' }))
    await waitFor(() => expect(within(form).getByRole('alert').textContent).toMatch(/spec\.max: Polydispersity index is from 0 to 1; 1\.5 is not\. Nothing was written/))
    expect(upper.value).toBe('1,5')
    expect(projectSpecs(backend.library, project.projectId).specs).toEqual([])

    // 0.25 > 0.2: FAIL.
    fireEvent.change(upper, { target: { value: '0.2' } })
    fireEvent.change(within(form).getByLabelText('Justification'), { target: { value: 'monodisperse enough for EPR' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Save limit' }))
    await waitFor(() => expect(row('pdi').dataset.status).toBe('fail'))
    expect(row('pdi').textContent).toContain('≤ 0.2')
    expect(row('pdi').textContent).toContain('monodisperse enough for EPR')
    expect(screen.getByRole('status').textContent).toMatch(/limit set for the project “RA liposomes” \(logged in the audit trail\)/)
    const entries = backend.library.connection.prepare(`SELECT action, detail FROM audit_log WHERE action LIKE 'project.spec-%'`).all() as Array<{ action: string; detail: string }>
    expect(entries.map((e) => e.action)).toEqual(['project.spec-set'])
    expect(JSON.parse(entries[0]!.detail)).toMatchObject({ attribute: 'pdi', min: null, max: 0.2, previous: null })

    // Size in nm: the unit of the registry appears in the editor's labels.
    fireEvent.click(within(row('zAverageNm')).getByRole('button', { name: 'Edit limit of Size (Z-average)' }))
    expect(screen.getByLabelText('Lower limit (nm)')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))

    fireEvent.click(within(row('pdi')).getByRole('button', { name: 'Edit limit of Polydispersity index' }))
    fireEvent.click(screen.getByRole('button', { name: 'Clear limit' }))
    await waitFor(() => expect(row('pdi').dataset.status).toBe('no spec'))
    expect(projectSpecs(backend.library, project.projectId).specs).toEqual([])
  })

  it('offers the library\'s projects to a design in no project, and edits its limits once filed', async () => {
    backend.library.createProject('Screen B')
    render(<ReleasePanel />)
    const picker = await screen.findByRole('form', { name: 'File under a project' })
    expect(within(row('pdi')).queryByRole('button', { name: /Edit/ })).toBeNull()
    fireEvent.click(within(picker).getByRole('button', { name: 'File under project' }))
    await waitFor(() => expect(screen.getByTestId('cqa-source').textContent).toMatch(/Specification of the project “Screen B”/))
    expect(within(row('pdi')).getByRole('button', { name: 'Edit limit of Polydispersity index' })).toBeTruthy()
  })

  it('says where to create a project when the library has none', async () => {
    render(<ReleasePanel />)
    expect((await screen.findByTestId('cqa-no-projects')).textContent).toMatch(/create a project in the Library panel/)
  })
})

describe('specDraftToInput', () => {
  it('reads empty sides as no limit, a decimal comma and a typographic minus, and names a box that is not a number', () => {
    expect(specDraftToInput('zetaMv', '\u221230', '-5,5', 'n')).toEqual({ ok: true, spec: { attribute: 'zetaMv', min: -30, max: -5.5, note: 'n' } })
    expect(specDraftToInput('pdi', '', ' ', '')).toEqual({ ok: true, spec: { attribute: 'pdi', min: null, max: null, note: '' } })
    expect(specDraftToInput('pdi', 'abc', '0.2', '')).toEqual({ ok: false, issues: [{ path: 'spec.min', message: '“abc” is not a number' }] })
  })
})

describe('allowed range in words', () => {
  it('writes whole bounds with thousands separators', () => {
    expect(allowedRangeText(cqaAttribute('endotoxinEuPerMl'))).toBe('from 0 EU/mL to 1,000,000 EU/mL')
  })
})
