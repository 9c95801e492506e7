// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { CompareDialog } from '../../../../renderer/features/compare/compare-dialog'
import { HistoryDialog } from '../../../../renderer/features/history/history-dialog'
import { TransferPanel } from '../../../../renderer/features/transfer/transfer-panel'
import { useDesignStore } from '../../../../renderer/stores/design-store'
import { useLibraryStore } from '../../../../renderer/stores/library-store'
import { newDesign } from '../../../../shared/design/defaults'
import { simulateDesign } from '../../../../shared/engine/simulate'
import { createEngineClient } from '../../../../renderer/engine/engine-client'
import type { EstimateDesigns } from '../../../../renderer/engine/design-estimates'
import { workerFactory } from '../engine/in-process-worker'
import type { Design } from '../../../../shared/design/types'
import { createFakeLibraryApi, type FakeLibraryApi } from './support/fake-library-api'
import { withinStudySentence, withinStudyShort } from '../../../../shared/engine/validation/measured-accuracy'

const base = newDesign()
const a: Design = { ...base, name: 'Alpha' }
const b: Design = { ...base, name: 'Beta', core: { ...base.core, diameterNm: 300 } }
const c: Design = { ...base, name: 'Gamma', core: { ...base.core, diameterNm: 300 }, coatings: [] }

let api: FakeLibraryApi
/** Downloads the page offered: file name and the blob's text. */
let downloads: Array<{ fileName: string; blob: Blob }>
const INITIAL = useLibraryStore.getState()

beforeEach(() => {
  api = createFakeLibraryApi([{ design: a }, { design: b }, { design: c }])
  window.nanoApi = api
  useDesignStore.getState().newDesign()
  useLibraryStore.setState({ ...INITIAL, selected: [], notice: null })
  downloads = []
  // jsdom has no object URLs; record what the page hands to the download link instead.
  let lastBlob: Blob | null = null
  URL.createObjectURL = (blob: Blob) => {
    lastBlob = blob
    return 'blob:fake'
  }
  URL.revokeObjectURL = () => undefined
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    if (lastBlob) downloads.push({ fileName: this.download, blob: lastBlob })
  })
})

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
  delete window.nanoApi
})

/**
 * The engine client with in-process workers running the worker's own handler, instead of a
 * module worker jsdom lacks; `workers` records what each was sent.
 */
const engineWorkers = workerFactory('auto')
const engineClient = createEngineClient(engineWorkers.make)
const inProcess: EstimateDesigns = (designs, hours) => engineClient.simulateBatch(designs, hours)

describe('CompareDialog', () => {
  it('shows three designs side by side, highlights what differs, overlays curves and exports the metrics', async () => {
    const workersBefore = engineWorkers.workers.length
    render(<CompareDialog designIds={['d-1', 'd-2', 'd-3']} onClose={() => undefined} estimate={inProcess} />)
    const params = await screen.findByRole('table', { name: 'Parameters side by side' })
    const heads = within(params).getAllByRole('columnheader').map((h) => h.textContent)
    expect(heads).toEqual(['Parameter', 'Alpha (v1)', 'Beta (v1)', 'Gamma (v1)'])
    const row = (label: string): HTMLElement => within(params).getByRole('rowheader', { name: new RegExp(`^${label}`) }).closest('tr')!
    expect(row('Core diameter \\(nm\\)').dataset.differs).toBe('true')
    expect(row('Core diameter \\(nm\\)').textContent).toContain('differs')
    expect(row('Drug$').dataset.differs).toBe('false')
    expect(within(row('Coating 1 PEG molecular weight \\(Da\\)')).getAllByRole('cell').map((td) => td.textContent)).toEqual(['2000', '2000', '—'])

    // Only-differing filter hides equal parameters.
    fireEvent.click(screen.getByLabelText('Show only differing parameters'))
    expect(within(params).queryByRole('rowheader', { name: /^Drug$/ })).toBeNull()

    // Curves: one line per design once every estimate is in.
    await waitFor(() => expect(document.querySelectorAll('.curve-line')).toHaveLength(6), { timeout: 20_000 })
    // The three designs were estimated in one worker call, not one run per column.
    const used = engineWorkers.workers.slice(workersBefore)
    expect(used.flatMap((w) => w.received.map((r) => (r.kind === 'simulate-batch' ? r.designs.length : -1)))).toEqual([3])
    const release = screen.getByRole('img', { name: /Drug released \(%\)/ })
    expect(release.querySelectorAll('path.curve-line')).toHaveLength(3)
    // the curves are read with how often the engine's differences matched published ones
    const checked = screen.getByText(`How far the engine's differences between designs were checked: ${withinStudyShort()}.`)
    expect(checked.getAttribute('title')).toBe(withinStudySentence())
    for (const p of release.querySelectorAll('path.curve-line')) expect(p.getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+)+$/)

    // Metrics table, then CSV export through a download.
    const metrics = screen.getByRole('table', { name: 'Metrics side by side' })
    const diaCells = within(within(metrics).getByRole('rowheader', { name: 'Hydrodynamic diameter (nm)' }).closest('tr')!).getAllByRole('cell')
    expect(Number(diaCells[1]!.textContent)).toBeGreaterThan(Number(diaCells[0]!.textContent))
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }))
    expect(downloads).toHaveLength(1)
    expect(downloads[0]!.fileName).toMatch(/Alpha-vs-Beta-vs-Gamma\.csv$/)
    const csv = await downloads[0]!.blob.text()
    expect(csv.split('\r\n')[0]).toBe('metric,unit,Alpha (v1),Beta (v1),Gamma (v1)')
    const diaCsv = csv.split('\r\n').find((l) => l.startsWith('Hydrodynamic diameter,'))!.split(',')
    expect(Number(diaCsv[2])).toBe(simulateDesign(a, { hours: 72 }).derived.hydrodynamicDiameterNm)
  })

  it('says so when the host cannot load the designs', async () => {
    render(<CompareDialog designIds={['d-1', 'nope']} onClose={() => undefined} estimate={inProcess} />)
    expect((await screen.findByRole('alert')).textContent).toMatch(/Could not load the designs: No design nope/)
  })

  it('takes focus, keeps Tab inside, and closes with Escape', async () => {
    const onClose = vi.fn()
    render(<CompareDialog designIds={['d-1', 'd-2']} onClose={onClose} estimate={inProcess} />)
    const close = screen.getByRole('button', { name: 'Close' })
    expect(document.activeElement).toBe(close)
    await screen.findByRole('button', { name: 'Export CSV' })
    fireEvent.keyDown(close, { key: 'Tab', shiftKey: true })
    const focusables = screen.getByRole('dialog').querySelectorAll('button:not([disabled]), input, select')
    expect(document.activeElement).toBe(focusables[focusables.length - 1])
    expect(document.activeElement).not.toBe(close)
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' })
    expect(onClose).toHaveBeenCalledTimes(1)
  })
})

describe('HistoryDialog', () => {
  /** d-1 with three versions: 120 nm, 150 nm, then 150 nm with 8 % loading. */
  async function threeVersions(): Promise<void> {
    await api.saveDesign({ designId: 'd-1', design: { ...a, core: { ...a.core, diameterNm: 150 } }, note: 'bigger core' })
    await api.saveDesign({ designId: 'd-1', design: { ...a, core: { ...a.core, diameterNm: 150 }, payload: { ...a.payload, loadingPctWw: 8 } }, note: 'more drug' })
  }

  it('lists every version with date and note and diffs two of them field by field with units', async () => {
    await threeVersions()
    render(<HistoryDialog designId="d-1" onClose={() => undefined} />)
    const versions = await screen.findByRole('table', { name: 'Versions' })
    await waitFor(() => expect(within(versions).getAllByRole('row')).toHaveLength(4))
    expect(within(versions).getByText('more drug')).toBeTruthy()
    expect(within(versions).getByText('bigger core')).toBeTruthy()
    expect(within(versions).getAllByRole('rowheader')[0]!.textContent).toBe('3 (latest)')
    expect(versions.querySelectorAll('time')).toHaveLength(3)

    // Default diff: the last two versions.
    const diff = await screen.findByRole('table', { name: 'Changes from version 2 to version 3' })
    const rows = within(diff).getAllByRole('row').slice(1)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.textContent).toContain('Drug loading')
    expect(within(rows[0]!).getAllByRole('cell').map((td) => td.textContent)).toEqual(['% w/w', '5', '8'])

    fireEvent.change(screen.getByLabelText('From version'), { target: { value: '1' } })
    const wider = await screen.findByRole('table', { name: 'Changes from version 1 to version 3' })
    expect(within(wider).getAllByRole('row').slice(1).map((r) => r.getAttribute('data-path')).sort()).toEqual(['core.diameterNm', 'payload.loadingPctWw'])
    const dia = within(wider).getByRole('rowheader', { name: 'Core diameter' }).closest('tr')!
    expect(within(dia).getAllByRole('cell').map((td) => td.textContent)).toEqual(['nm', '120', '150'])
  })

  it('restores an old version as a new one and loads it into the form', async () => {
    await threeVersions()
    await useDesignStore.getState().open('d-1')
    render(<HistoryDialog designId="d-1" onClose={() => undefined} />)
    fireEvent.click(await screen.findByRole('button', { name: 'Restore this version (version 1)' }))
    await waitFor(() => expect(useDesignStore.getState().version).toBe(4))
    expect(useDesignStore.getState().design.core.diameterNm).toBe(120)
    expect(useDesignStore.getState().design.payload.loadingPctWw).toBe(5)
    expect(api.stored.get('d-1')!.versions).toHaveLength(4)
    expect(api.stored.get('d-1')!.versions[3]!.note).toBe('Restored from version 1')
    expect(screen.getByRole('status').textContent).toMatch(/restored as version 4 and opened/)
    // The diff now compares the restored version with its source: identical parameters.
    expect(await screen.findByText('Versions 1 and 4 have the same parameters.')).toBeTruthy()
  })

  it('never replaces unsaved edits in the form when restoring', async () => {
    await threeVersions()
    await useDesignStore.getState().open('d-1')
    useDesignStore.getState().setCoreDiameterNm(333)
    render(<HistoryDialog designId="d-1" onClose={() => undefined} />)
    fireEvent.click(await screen.findByRole('button', { name: 'Restore this version (version 1)' }))
    await waitFor(() => expect(api.stored.get('d-1')!.versions).toHaveLength(4))
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/still holds your unsaved changes/))
    expect(useDesignStore.getState().design.core.diameterNm).toBe(333)
    expect(useDesignStore.getState().dirty).toBe(true)
  })
})

describe('TransferPanel', () => {
  it('exports the selected designs as a bundle download and imports a bundle file, saying what was added and skipped', async () => {
    useLibraryStore.setState({ selected: ['d-1', 'd-3'] })
    render(<TransferPanel />)
    fireEvent.click(screen.getByRole('button', { name: 'Export selected (2)' }))
    await waitFor(() => expect(downloads).toHaveLength(1))
    expect(downloads[0]!.fileName).toBe('fake-bundle.json')
    const bundle = await downloads[0]!.blob.text()
    expect((JSON.parse(bundle) as { designs: Array<{ designId: string }> }).designs.map((d) => d.designId)).toEqual(['d-1', 'd-3'])
    expect(screen.getByText(/Exported 2 designs, 2 versions and 0 measurements/)).toBeTruthy()

    // Import it into a fresh library: two designs added; again: everything skipped.
    const fresh = createFakeLibraryApi()
    window.nanoApi = fresh
    const input = screen.getByLabelText('Import bundle file')
    fireEvent.change(input, { target: { files: [new File([bundle], 'lab.json', { type: 'application/json' })] } })
    const result = await screen.findByRole('list', { name: 'Import result' })
    expect(result.textContent).toContain('2 designs added')
    expect(fresh.stored.size).toBe(2)
    fireEvent.change(input, { target: { files: [new File([bundle], 'lab.json', { type: 'application/json' })] } })
    await waitFor(() => expect(screen.getByRole('list', { name: 'Import result' }).textContent).toContain('0 designs added'))
    expect(screen.getByRole('list', { name: 'Import result' }).textContent).toContain('2 already here (skipped)')
    expect(fresh.stored.size).toBe(2)
  })

  it('shows every problem of a bad bundle with its path, and imports nothing', async () => {
    render(<TransferPanel />)
    fireEvent.change(screen.getByLabelText('Import bundle file'), { target: { files: [new File(['{"format":"other"}'], 'bad.json')] } })
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(/Nothing was imported from bad.json: Not a bundle/)
    expect(within(alert).getByRole('list', { name: 'Problems in the bundle' }).textContent).toContain('format: expected "fake.bundle"')
    expect(api.stored.size).toBe(3)
  })

  it('exports the stored metrics of the selected designs as CSV', async () => {
    useLibraryStore.setState({ selected: ['d-2', 'd-1'] })
    render(<TransferPanel />)
    fireEvent.click(screen.getByRole('button', { name: 'Export metrics CSV (2)' }))
    await waitFor(() => expect(downloads).toHaveLength(1))
    expect(downloads[0]!.fileName).toBe('fake-metrics.csv')
    expect((await downloads[0]!.blob.text()).split('\r\n').slice(1, 3).map((l) => l.split(',')[0])).toEqual(['Beta', 'Alpha'])
    expect(api.calls.find((c) => c.method === 'metricsCsv')?.req).toEqual({ items: [{ designId: 'd-2' }, { designId: 'd-1' }] })
  })

  it('disables export until designs are ticked', () => {
    render(<TransferPanel />)
    expect((screen.getByRole('button', { name: 'Export selected (0)' }) as HTMLButtonElement).disabled).toBe(true)
  })
})
