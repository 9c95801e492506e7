// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { differenceFrom, differenceText, parseNumberField } from '../../../../renderer/features/measurements/add-readings'
import { ReleasePanel } from '../../../../renderer/features/release/release-panel'
import { useDesignStore } from '../../../../renderer/stores/design-store'
import { useEstimateStore } from '../../../../renderer/stores/estimate-store'
import { useMeasurementStore } from '../../../../renderer/stores/measurement-store'
import { newDesign } from '../../../../shared/design/defaults'
import { deriveProperties } from '../../../../shared/design/derived'
import { surfaceZetaMv } from '../../../../shared/engine/pbpk/from-design'
import { simulateDesign } from '../../../../shared/engine/simulate'
import { createDispatchApi, installCanvasStubs, type DispatchApi } from '../release/support'

/** The Measurements section of the Release tab: DLS, zeta and in-vivo data on the real backend. */

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

async function stored(): Promise<Array<{ kind: string; label: string; data: unknown; measuredOn: string | null }>> {
  const res = await backend.api.listMeasurements({ designId })
  return res.ok ? res.value.items : []
}

describe('difference helpers', () => {
  it('computes measured − predicted in the unit and in %', () => {
    expect(differenceFrom(110, 100)).toEqual({ difference: 10, percent: 10 })
    expect(differenceText(differenceFrom(90, 120), 'nm')).toBe('−30 nm (−25 %)')
    expect(differenceText(differenceFrom(-30, -20), 'mV')).toBe('−10 mV (−50 %)')
    expect(differenceFrom(5, 0).percent).toBeNull()
    expect(parseNumberField(' 12,5 ')).toBe(12.5)
    expect(parseNumberField('12 nm')).toBeNull()
  })
})

describe('Measurements section', () => {
  it('adds a DLS reading and shows it next to the predicted hydrodynamic diameter, and a zeta next to the expected surface zeta', async () => {
    render(<ReleasePanel />)
    const predicted = deriveProperties(design).hydrodynamicDiameterNm
    const measured = Math.round(predicted * 1.2 * 10) / 10
    // By hand: difference and % of the prediction.
    const diff = measured - predicted
    const pct = (100 * diff) / predicted
    fireEvent.change(screen.getByLabelText('Reading label'), { target: { value: 'Batch 7 DLS' } })
    fireEvent.change(screen.getByLabelText('Reading measured on (date)'), { target: { value: '2026-11-03' } })
    fireEvent.change(screen.getByLabelText('Z-average (nm)'), { target: { value: String(measured).replace('.', ',') } })
    fireEvent.change(screen.getByLabelText('PDI'), { target: { value: '0.12' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add DLS reading' }))

    const table = await screen.findByRole('table', { name: 'Measured vs predicted size and charge' })
    const dls = within(table).getByTestId('dls-difference')
    expect(dls.textContent).toBe(`+${Number(diff.toPrecision(4))} nm (+${Number(pct.toPrecision(4))} %)`)
    expect(table.textContent).toContain(`Hydrodynamic diameter ${Number(predicted.toPrecision(4))} nm`)
    expect(await stored()).toMatchObject([{ kind: 'dls', label: 'Batch 7 DLS', measuredOn: '2026-11-03', data: { zAverageNm: measured, pdi: 0.12 } }])

    fireEvent.change(screen.getByLabelText('Zeta potential (mV)'), { target: { value: '-31' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add zeta reading' }))
    const zeta = await within(table).findByTestId('zeta-difference')
    const expected = surfaceZetaMv(design)
    expect(zeta.textContent).toContain(`${Math.abs(Number((-31 - expected).toPrecision(4)))} mV`)
    const list = screen.getByRole('list', { name: 'Attached measurements' })
    expect(list.textContent).toContain('DLS, Z-average')
    expect(list.textContent).toContain('zeta potential -31 mV')
  })

  it('keeps what was typed and says why when a value is out of bounds', async () => {
    render(<ReleasePanel />)
    fireEvent.change(screen.getByLabelText('Z-average (nm)'), { target: { value: '120' } })
    fireEvent.change(screen.getByLabelText('PDI'), { target: { value: '1.7' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add DLS reading' }))
    await waitFor(() => expect(screen.getByText(/data\.pdi: the PDI is between 0 and 1/)).toBeTruthy())
    expect((screen.getByLabelText('PDI') as HTMLInputElement).value).toBe('1.7')
    fireEvent.change(screen.getByLabelText('Zeta potential (mV)'), { target: { value: 'minus ten' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add zeta reading' }))
    expect(screen.getByText('Zeta potential (mV): enter a number.')).toBeTruthy()
    expect(await stored()).toEqual([])
  })

  it('reads an in-vivo CSV (line-numbered errors first), saves it with species and dose, deletes it and undoes', async () => {
    render(<ReleasePanel />)
    const input = screen.getByLabelText('In-vivo biodistribution (CSV)')
    fireEvent.change(input, { target: { files: [new File(['time (h),liver,lung\n1,20,2\n'], 'bad.csv', { type: 'text/csv' })] } })
    const problems = await screen.findByRole('list', { name: 'Biodistribution CSV problems' })
    expect(problems.textContent).toMatch(/Line 1: column 'lung' is not a tissue/)

    fireEvent.change(input, { target: { files: [new File(['time (h),liver,liver sd,spleen\n1,30,4,5\n24,38,3,9\n'], 'study-12.csv', { type: 'text/csv' })] } })
    const preview = await screen.findByRole('group', { name: 'In-vivo data preview' })
    expect(preview.textContent).toContain('2 tissues (liver, spleen) at 1, 24 h')
    expect((within(preview).getByLabelText('Species') as HTMLSelectElement).value).toBe(design.context.species)
    fireEvent.change(within(preview).getByLabelText('Species'), { target: { value: 'rat' } })
    fireEvent.change(within(preview).getByLabelText('Dose (mg/kg)'), { target: { value: '2,5' } })
    fireEvent.change(within(preview).getByLabelText('Method'), { target: { value: 'IVIS' } })
    // the assay's LOQ (calibration censors values at or below it): a non-number is refused, saved as a number
    const loq = within(preview).getByLabelText('Limit of quantification (% of injected dose, optional)')
    fireEvent.change(loq, { target: { value: 'low' } })
    fireEvent.click(within(preview).getByRole('button', { name: 'Save in-vivo data' }))
    expect(await screen.findByText('Limit of quantification: “low” is not a number.')).toBeTruthy()
    fireEvent.change(loq, { target: { value: '0,05' } })
    fireEvent.click(within(preview).getByRole('button', { name: 'Save in-vivo data' }))

    const list = await screen.findByRole('list', { name: 'Attached measurements' })
    await waitFor(() => expect(list.textContent).toContain('in-vivo biodistribution, rat, 2.5 mg/kg'))
    const [m] = await stored()
    expect(m).toMatchObject({ kind: 'biodistribution', label: 'study-12', data: { species: 'rat', doseMgPerKg: 2.5, method: 'IVIS', timesH: [1, 24], loqPercentInjectedDose: 0.05 } })

    fireEvent.click(screen.getByRole('button', { name: 'Delete study-12' }))
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Moved “study-12” to the trash.'))
    expect(await stored()).toEqual([])
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }))
    await waitFor(() => expect(screen.getByRole('list', { name: 'Attached measurements' }).textContent).toContain('study-12'))
    expect(await stored()).toHaveLength(1)
  })

  it('is disabled for an unsaved design', () => {
    useDesignStore.getState().newDesign()
    render(<ReleasePanel />)
    expect((screen.getByLabelText('Z-average (nm)') as HTMLInputElement).disabled).toBe(true)
    expect((screen.getByRole('button', { name: 'Add DLS reading' }) as HTMLButtonElement).disabled).toBe(true)
    expect((screen.getByLabelText('In-vivo biodistribution (CSV)') as HTMLInputElement).disabled).toBe(true)
  })
})
