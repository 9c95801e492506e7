// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { ReleasePanel } from '../../../../renderer/features/release/release-panel'
import { useDesignStore } from '../../../../renderer/stores/design-store'
import { useEstimateStore } from '../../../../renderer/stores/estimate-store'
import { useMeasurementStore } from '../../../../renderer/stores/measurement-store'
import { newDesign } from '../../../../shared/design/defaults'
import { fitModels, getReleaseModel, parseReleaseCsv } from '../../../../shared/engine/fit'
import { simulateDesign } from '../../../../shared/engine/simulate'
import { createDispatchApi, installCanvasStubs, type DispatchApi } from './support'

const GOOD_CSV = 'time (min);A;B;C\n0;0;0;0\n30;10,5;11;9,8\n60;17;18;16\n120;27;28;26,5\n240;40;41;39\n480;56;57;55\n1440;80;82;79\n'
const BAD_CSV = 'time (h),rep1,rep2\n0,0,0\n1,12,abc\n2,20,21\n'

let backend: DispatchApi
let designId: string
beforeAll(() => installCanvasStubs())
beforeEach(() => {
  backend = createDispatchApi()
  window.nanoApi = backend.api
  const design = newDesign()
  designId = backend.library.saveDesign(design).designId
  useDesignStore.getState().replace(design, designId, 1)
  useMeasurementStore.setState({ designId: null, version: null, items: [], allVersions: true, draft: null, csvErrors: null, notice: null, lastDeleted: null, selectedId: null, fits: {} })
  useEstimateStore.setState({ simulation: simulateDesign(design), status: 'ready' })
})
afterEach(() => {
  cleanup()
  delete window.nanoApi
  backend.close()
  useEstimateStore.setState({ simulation: null, status: 'idle' })
})

function pick(text: string, name: string): void {
  const input = screen.getByLabelText('Attach release data (CSV)')
  fireEvent.change(input, { target: { files: [new File([text], name, { type: 'text/csv' })] } })
}

describe('Measured release in the release tab', () => {
  it('is disabled, with the reason, for an unsaved design and for unsaved edits', () => {
    act(() => useDesignStore.getState().newDesign())
    render(<ReleasePanel />)
    const input = screen.getByLabelText('Attach release data (CSV)') as HTMLInputElement
    expect(input.disabled).toBe(true)
    expect(input.getAttribute('aria-describedby')).toBeTruthy()
    expect(document.getElementById(input.getAttribute('aria-describedby')!)?.textContent).toMatch(/Save the design first/)

    act(() => {
      useDesignStore.getState().replace(newDesign(), designId, 1)
      useDesignStore.getState().setCoreDiameterNm(150)
    })
    expect(input.disabled).toBe(true)
    expect(document.getElementById(input.getAttribute('aria-describedby')!)?.textContent).toMatch(/unsaved changes/)
  })

  it('shows line-numbered errors for a file it cannot read, and saves nothing', async () => {
    render(<ReleasePanel />)
    pick(BAD_CSV, 'bad.csv')
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('Could not read bad.csv')
    expect(within(alert).getByRole('list', { name: 'CSV problems' }).textContent).toMatch(/Line 3: .*'abc' is not a number/)
    expect(screen.queryByRole('button', { name: 'Save measurement' })).toBeNull()
    const stored = await backend.api.listMeasurements({ designId })
    expect(stored.ok && stored.value.items).toEqual([])
  })

  it('previews a good file, saves it with the version, fits every model and names the best, then deletes and undoes', async () => {
    render(<ReleasePanel />)
    pick(GOOD_CSV, 'batch-7.csv')
    const preview = await screen.findByRole('table', { name: 'Preview of the release data' })
    expect(within(preview).getAllByRole('row')).toHaveLength(8) // header + 7 time points
    expect(within(preview).getAllByRole('row')[2]!.textContent).toContain('0.5') // 30 min → 0.5 h
    expect(screen.getByRole('group', { name: 'Release data preview' }).textContent).toMatch(/7 time points × 3 replicates, times converted from min to h/)
    fireEvent.change(screen.getByLabelText('Measured on (date)'), { target: { value: '2026-11-02' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save measurement' }))

    const list = await screen.findByRole('list', { name: 'Attached measurements' })
    expect(list.textContent).toContain('batch-7')
    expect(list.textContent).toContain('measured 2026-11-02')
    const stored = await backend.api.listMeasurements({ designId, version: 1 })
    expect(stored.ok && stored.value.items.map((m) => m.kind)).toEqual(['release'])

    // The fit: every model of the library ranked, and the best named as fitModels would.
    const parsed = parseReleaseCsv(GOOD_CSV)
    if (!parsed.ok) throw new Error('fixture must parse')
    const expected = fitModels(parsed)
    const table = await screen.findByRole('table', { name: 'Model fits ranked' })
    expect(within(table).getAllByRole('row')).toHaveLength(expected.models.length + 1)
    // Named as the model library names it ("Peppas-Sahlin"), not by its id.
    const bestName = getReleaseModel(expected.best ?? '')?.name ?? ''
    expect(bestName).not.toBe('')
    expect(screen.getByTestId('best-model').textContent).toContain(`Best model: ${bestName}`)
    expect(screen.getByRole('img', { name: new RegExp(`${bestName} fit versus time`) })).toBeTruthy()
    expect(screen.getByRole('img', { name: /Residuals of the/ })).toBeTruthy()

    // Sorting by R² puts the highest R² first.
    fireEvent.click(within(table).getByRole('button', { name: /^R²/ }))
    const topR2 = getReleaseModel([...expected.models].sort((a, b) => b.r2 - a.r2)[0]!.model)?.name ?? '?'
    expect(within(within(table).getAllByRole('row')[1]!).getByRole('rowheader').textContent).toMatch(new RegExp(`^${topR2}`))

    // Comparing the profile with itself: f1 = 0 and f2 = 100 by definition.
    const compare = screen.getByRole('region', { name: 'Compare release profiles' })
    expect(within(compare).getByLabelText(/Test profile/)).toBeTruthy()
    pick(GOOD_CSV, 'batch-8.csv')
    fireEvent.click(await screen.findByRole('button', { name: 'Save measurement' }))
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Attached measurements' })).getAllByRole('listitem')).toHaveLength(2))
    const second = useMeasurementStore.getState().items[1]!
    fireEvent.change(within(compare).getByLabelText(/Test profile/), { target: { value: second.id } })
    expect(within(compare).getByTestId('f2').textContent).toBe('100')
    expect(within(compare).getByTestId('f1').textContent).toBe('0')
    expect(within(compare).getByRole('list', { name: 'Conditions of use' }).textContent).toMatch(/Not met: .*units/)

    // Delete goes to the trash; Undo brings it back.
    fireEvent.click(screen.getByRole('button', { name: 'Delete batch-8' }))
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Attached measurements' })).getAllByRole('listitem')).toHaveLength(1))
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }))
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Attached measurements' })).getAllByRole('listitem')).toHaveLength(2))
  })

  it('keeps the draft and says why when the host refuses the save', async () => {
    render(<ReleasePanel />)
    // The form claims a version the library does not have (e.g. another window deleted it).
    act(() => useDesignStore.setState({ version: 5 }))
    pick(GOOD_CSV, 'batch-7.csv')
    fireEvent.click(await screen.findByRole('button', { name: 'Save measurement' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toBe(`Not saved: Design ${designId} has no version 5.`)
    expect(screen.getByRole('table', { name: 'Preview of the release data' })).toBeTruthy()
  })

  it('keeps showing the data of earlier versions, tagged with their version, after a new version is saved', async () => {
    render(<ReleasePanel />)
    pick(GOOD_CSV, 'batch-7.csv')
    fireEvent.click(await screen.findByRole('button', { name: 'Save measurement' }))
    await screen.findByRole('table', { name: 'Model fits ranked' })

    act(() => useDesignStore.getState().setCoreDiameterNm(150))
    await act(async () => { await useDesignStore.getState().save() })
    expect(useDesignStore.getState().version).toBe(2)
    await waitFor(() => expect(screen.getByRole('list', { name: 'Attached measurements' }).textContent).toContain('[version 1]'))

    fireEvent.click(screen.getByLabelText('Show data of every version of this design'))
    await screen.findByText('No measured data attached to this version yet.')
    expect(screen.queryByRole('list', { name: 'Attached measurements' })).toBeNull()
    const v2 = await backend.api.listMeasurements({ designId, version: 2 })
    expect(v2.ok && v2.value.items).toEqual([])
  })
})
