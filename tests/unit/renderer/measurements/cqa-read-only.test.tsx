// @vitest-environment jsdom
/**
 * A library opened read-only (issue #16, the gap the last review found): the CQA table's limit
 * editors, the project picker and the readings are disabled up front, with the host's reason on
 * the screen, instead of refusing a limit only after it was typed. The real backend (dispatch +
 * handlers + SQLite) on a file first written normally (a design filed under a project with a
 * limit and a reading), then opened again read-only: the renderer learns it from `app:info`.
 * The same file opened writable enables every control (the control case).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { ReleasePanel } from '../../../../renderer/features/release/release-panel'
import { readOnlyReasonOf } from '../../../../renderer/stores/library-read-only'
import { attachBlockedReason } from '../../../../renderer/features/measurements/measured-release'
import { useAppInfoStore } from '../../../../renderer/stores/app-info-store'
import { useDesignStore } from '../../../../renderer/stores/design-store'
import { useEstimateStore } from '../../../../renderer/stores/estimate-store'
import { useMeasurementStore } from '../../../../renderer/stores/measurement-store'
import { openDesignLibrary, type DesignLibrary } from '../../../../electron/db/library'
import { createMeasurementStore } from '../../../../electron/db/measurements'
import { projectSpecs, setSpecLimit } from '../../../../electron/db/specs'
import { dispatch } from '../../../../electron/services/dispatch'
import { createHandlers } from '../../../../electron/services/handlers'
import { CHANNELS, contract, type NanoApi } from '../../../../shared/ipc/contract'
import type { Result } from '../../../../shared/ipc/result'
import { newDesign } from '../../../../shared/design/defaults'
import { simulateDesign } from '../../../../shared/engine/simulate'
import { installCanvasStubs } from '../release/support'

const design = newDesign()
let dir: string
let path: string
let designId: string
let projectId: string
let library: DesignLibrary | undefined

/** The real handlers over `lib`, as the web host and Electron's preload expose them. */
function apiOver(lib: DesignLibrary): NanoApi {
  const handlers = createHandlers(lib, { host: 'web', appVersion: 'test' })
  const api: Record<string, (req: unknown) => Promise<Result<unknown>>> = {}
  for (const channel of CHANNELS) api[contract[channel].method] = (req: unknown) => dispatch(handlers, channel, req)
  return api as unknown as NanoApi
}

/** Opens the prepared file (read-only or not) behind the renderer, with nothing known yet of app:info. */
function openBehindRenderer(readonly: boolean): DesignLibrary {
  library = openDesignLibrary({ path, readonly, dailyBackup: false })
  window.nanoApi = apiOver(library)
  useAppInfoStore.setState({ info: null, error: null, backupWarning: null })
  useDesignStore.getState().replace(design, designId, 1)
  useMeasurementStore.setState({ designId: null, version: null, items: [], allVersions: true, draft: null, csvErrors: null, notice: null, lastDeleted: null, selectedId: null, fits: {} })
  useEstimateStore.setState({ simulation: simulateDesign(design), status: 'ready' })
  return library
}

beforeAll(() => installCanvasStubs())
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nanoforge-cqa-read-only-'))
  path = join(dir, 'lib.db')
  const writable = openDesignLibrary({ path, dailyBackup: false })
  designId = writable.saveDesign(design).designId
  projectId = writable.createProject('RA liposomes').projectId
  writable.moveToProject([designId], projectId)
  setSpecLimit(writable, projectId, { attribute: 'encapsulationEfficiencyPct', min: 90, max: null, note: 'free drug drives toxicity' })
  createMeasurementStore(writable).add({ designId, version: 1, kind: 'quality', label: 'CoA batch 7', data: { encapsulationEfficiencyPct: 84 } })
  writable.close()
})
afterEach(() => {
  cleanup()
  delete window.nanoApi
  library?.close()
  library = undefined
  rmSync(dir, { recursive: true, force: true })
})

const table = (): HTMLElement => screen.getByRole('region', { name: 'Quality attributes against specifications' })
const row = (attribute: string): HTMLElement => table().querySelector(`tr[data-attribute="${attribute}"]`) as HTMLElement
const editButtons = (): HTMLButtonElement[] => within(table()).queryAllByRole('button', { name: /^Edit limit of / }) as HTMLButtonElement[]

describe('CQA editors in a read-only library', () => {
  it('disables every limit editor and the readings up front, with the host\'s reason beside them; nothing is written', async () => {
    const lib = openBehindRenderer(true)
    expect(lib.readOnly).toBe(true)
    render(<ReleasePanel />)
    // The stored limit and reading still show: 84 < 90 is FAIL (read-only is not "no data").
    await waitFor(() => expect(row('encapsulationEfficiencyPct').dataset.status).toBe('fail'))
    const reason = await screen.findByTestId('cqa-read-only')
    expect(reason.textContent).toBe('The library is read-only: The library was opened read-only on request. Nothing can be changed in it here.')

    const edits = editButtons()
    expect(edits.length).toBeGreaterThanOrEqual(8) // one per attribute of the design
    for (const b of edits) {
      expect(b.disabled, b.getAttribute('aria-label') ?? '').toBe(true)
      expect(b.getAttribute('aria-describedby')).toBe(reason.id)
    }
    // A click on a disabled editor opens nothing.
    fireEvent.click(within(row('encapsulationEfficiencyPct')).getByRole('button', { name: 'Edit limit of Encapsulation efficiency' }))
    expect(screen.queryByRole('form', { name: 'Limit of Encapsulation efficiency' })).toBeNull()

    // Readings (the CQAs' measured values) and deletions are writes too: disabled with the reason.
    const quality = screen.getByRole('group', { name: 'Quality reading' })
    expect((within(quality).getByRole('button', { name: 'Add quality reading' }) as HTMLButtonElement).disabled).toBe(true)
    expect((within(quality).getByLabelText('Measured encapsulation efficiency (%)') as HTMLInputElement).disabled).toBe(true)
    const del = screen.getByRole('button', { name: /^Delete CoA batch 7/ }) as HTMLButtonElement
    expect(del.disabled).toBe(true)
    const measurements = screen.getByRole('region', { name: 'Measurements' })
    expect(measurements.querySelector('.attach-reason')?.textContent).toMatch(/^The library is read-only: The library was opened read-only on request\./)

    // Nothing changed in the file.
    expect(projectSpecs(lib, projectId).specs.map((l) => [l.attribute, l.min, l.max])).toEqual([['encapsulationEfficiencyPct', 90, null]])
  })

  it('the same file opened writable enables the editors and shows no read-only reason', async () => {
    openBehindRenderer(false)
    render(<ReleasePanel />)
    await waitFor(() => expect(row('encapsulationEfficiencyPct').dataset.status).toBe('fail'))
    await waitFor(() => expect(useAppInfoStore.getState().info?.readOnly).toBe(false))
    expect(screen.queryByTestId('cqa-read-only')).toBeNull()
    for (const b of editButtons()) expect(b.disabled).toBe(false)
    fireEvent.click(within(row('encapsulationEfficiencyPct')).getByRole('button', { name: 'Edit limit of Encapsulation efficiency' }))
    expect(screen.getByRole('form', { name: 'Limit of Encapsulation efficiency' })).toBeTruthy()
    expect((screen.getByRole('button', { name: /^Delete CoA batch 7/ }) as HTMLButtonElement).disabled).toBe(false)
  })

  it('disables the project picker of a design in no project, and offers no "create a project" when there is none', async () => {
    const writable = openDesignLibrary({ path, dailyBackup: false })
    writable.moveToProject([designId], null)
    writable.close()
    openBehindRenderer(true)
    render(<ReleasePanel />)
    const picker = await screen.findByRole('form', { name: 'File under a project' })
    await screen.findByTestId('cqa-read-only')
    expect((within(picker).getByRole('button', { name: 'File under project' }) as HTMLButtonElement).disabled).toBe(true)
    expect((within(picker).getByRole('combobox') as HTMLSelectElement).disabled).toBe(true)
    expect(screen.queryByTestId('cqa-no-projects')).toBeNull()
  })
})

describe('the read-only reason in words', () => {
  it('quotes the host\'s reason, ends one sentence, and is null while writable or unknown', () => {
    expect(readOnlyReasonOf(null)).toBeNull()
    expect(readOnlyReasonOf({ readOnly: false })).toBeNull()
    expect(readOnlyReasonOf({ readOnly: true })).toBe('The library is read-only. Nothing can be changed in it here.')
    expect(readOnlyReasonOf({ readOnly: true, readOnlyReason: 'x.db was written by a newer NanoForge (library schema version 9)' }))
      .toBe('The library is read-only: x.db was written by a newer NanoForge (library schema version 9). Nothing can be changed in it here.')
  })

  it('comes before "save the design first": saving is refused in a read-only library too', () => {
    expect(attachBlockedReason(null, null, false, 'RO.')).toBe('RO.')
    expect(attachBlockedReason('d', 1, true, 'RO.')).toBe('RO.')
    expect(attachBlockedReason('d', 1, false)).toBeNull()
  })
})
