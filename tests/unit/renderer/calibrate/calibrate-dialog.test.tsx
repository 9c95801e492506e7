// @vitest-environment jsdom
/**
 * The Calibrate dialog against the real services (handlers + dispatch on a temporary SQLite
 * library) with the worker's handler run in-process: it lists the chosen design's data, runs a
 * calibration with progress, shows the verdict and the prior/posterior table, saves the profile
 * (the store then lists it for the picker); Cancel terminates the worker and keeps nothing; a
 * design without calibration data is named and Run stays off.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { CalibrateDialog } from '../../../../renderer/features/calibrate/calibrate-dialog'
import { handleCalibrateRequest } from '../../../../renderer/features/calibrate/calibrate-handler'
import type { CalibrateWorkerLike } from '../../../../renderer/features/calibrate/calibrate-client'
import type { CalibrateRequest, CalibrateResponse } from '../../../../renderer/features/calibrate/calibrate-protocol'
import { useCalibrateStore } from '../../../../renderer/features/calibrate/calibrate-store'
import { predictRelease } from '../../../../shared/engine/release'
import type { Design } from '../../../../shared/design/types'
import { createDispatchApi, type DispatchApi } from '../release/support'
import raLiposome from '../../../fixtures/designs/ra-folate-peg-liposome.nanoforge.json'

/** The calibration worker in-process: `auto` answers with the real handler, `manual` never answers. */
class InProcessCalibrateWorker implements CalibrateWorkerLike {
  onmessage: ((event: MessageEvent<CalibrateResponse>) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  terminated = false
  constructor(readonly mode: 'auto' | 'manual') {}
  postMessage(message: CalibrateRequest): void {
    if (this.mode === 'manual') return
    setTimeout(() => handleCalibrateRequest(message, (m) => { if (!this.terminated) this.onmessage?.({ data: m } as MessageEvent<CalibrateResponse>) }), 0)
  }
  terminate(): void { this.terminated = true }
}

let backend: DispatchApi
let releaseDesignId: string
let bareDesignId: string

beforeEach(async () => {
  backend = createDispatchApi()
  window.nanoApi = backend.api
  // (not tests/unit/electron/helpers.ts: its import.meta.url reading breaks under jsdom)
  const design: Design = { ...(raLiposome as unknown as Design), name: 'Release lab design' }
  releaseDesignId = backend.library.saveDesign(design).designId
  const timesH = [2, 8, 24, 48]
  const f = predictRelease(design, { timesH }).environments.plasma.fractionReleased
  // the engine's curve released twice as fast (1 − (1 − F)²), three replicates ± 1.5 %
  const curve = f.map((fi) => 100 * (1 - (1 - fi) ** 2))
  const replicates = [-1.5, 0, 1.5].map((d) => curve.map((v) => v + d))
  const added = await backend.api.addMeasurement({ designId: releaseDesignId, version: 1, kind: 'release', label: 'dialysis PBS', data: { timesH, replicates } })
  if (!added.ok) throw new Error(added.message)
  bareDesignId = backend.library.saveDesign({ ...design, name: 'No data design' }).designId
  useCalibrateStore.setState({ profiles: [], profilesLoaded: false, profilesError: null, selectedProfileId: null, selectedProfile: null })
})

afterEach(() => {
  cleanup()
  delete window.nanoApi
  backend.close()
})

function chooseOnly(label: string): void {
  const group = screen.getByRole('group', { name: /Parameters to calibrate/ })
  for (const box of within(group).getAllByRole('checkbox')) {
    const name = box.parentElement!.textContent!
    if ((box as HTMLInputElement).checked !== (name === label)) fireEvent.click(box)
  }
}

describe('CalibrateDialog', () => {
  it('calibrates the release rate, shows the verdict and intervals, and saves a profile the picker lists', async () => {
    const workers: InProcessCalibrateWorker[] = []
    render(<CalibrateDialog designIds={[releaseDesignId]} onClose={() => {}} makeWorker={() => { const w = new InProcessCalibrateWorker('auto'); workers.push(w); return w }} />)
    const data = await screen.findByRole('table', { name: 'Calibration data of the chosen designs' })
    await waitFor(() => expect(within(data).getAllByRole('row')).toHaveLength(2))
    expect(within(data).getByRole('rowheader').textContent).toBe('Release lab design')
    chooseOnly('Drug release rate (hazard multiplier)')
    fireEvent.change(screen.getByLabelText('Posterior samples'), { target: { value: '4000' } })
    fireEvent.click(screen.getByRole('button', { name: 'Run calibration' }))
    const verdict = await screen.findByTestId('calibrate-verdict', {}, { timeout: 60_000 })
    expect(verdict.textContent).toBe('Converged: the posterior is reported below.')
    const table = screen.getByRole('table', { name: 'Prior and posterior of every parameter' })
    const row = within(table).getByRole('row', { name: /Drug release rate/ })
    const cells = within(row).getAllByRole('cell').map((c) => c.textContent)
    expect(cells[0]).toBe('1 (0.396–2.52)')
    // posterior median near the true 2: "m (lo–hi)" with lo < 2 < hi
    const [, lo, hi] = /\(([\d.]+)–([\d.]+)\)/.exec(cells[1]!)!.map(Number)
    expect(lo).toBeLessThan(2)
    expect(hi).toBeGreaterThan(2)
    expect(screen.getByRole('img', { name: /Prior and posterior 95 % intervals/ })).toBeTruthy()
    expect(workers).toHaveLength(1)
    expect(workers[0]!.terminated).toBe(true)

    fireEvent.change(screen.getByLabelText('Profile name'), { target: { value: 'PBS release' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save profile' }))
    await screen.findByText('Saved profile “PBS release”, version 1. Choose it beside the estimates (Biodistribution tab).')
    await waitFor(() => expect(useCalibrateStore.getState().profiles.map((p) => p.name)).toEqual(['PBS release']))
    expect(screen.queryByRole('button', { name: 'Save profile' })).toBeNull() // saved once: no second copy

    // the picker's store reads it back with its draws
    await useCalibrateStore.getState().selectProfile(useCalibrateStore.getState().profiles[0]!.id)
    expect(useCalibrateStore.getState().selectedProfile?.draws.sampled).toEqual(['releaseRate'])
  }, 90_000)

  it('cancels a run: the worker is terminated and nothing is kept', async () => {
    const worker = new InProcessCalibrateWorker('manual')
    render(<CalibrateDialog designIds={[releaseDesignId]} onClose={() => {}} makeWorker={() => worker} />)
    await waitFor(() => expect((screen.getByRole('button', { name: 'Run calibration' }) as HTMLButtonElement).disabled).toBe(false))
    fireEvent.click(screen.getByRole('button', { name: 'Run calibration' }))
    expect(screen.getByRole('progressbar', { name: 'Calibration progress' })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    await screen.findByText('Calibration cancelled; nothing was kept.')
    expect(worker.terminated).toBe(true)
    expect(screen.queryByRole('progressbar')).toBeNull()
  })

  it('names a design without calibration data and keeps Run off; bad settings say what is wrong', async () => {
    render(<CalibrateDialog designIds={[bareDesignId]} onClose={() => {}} makeWorker={() => new InProcessCalibrateWorker('manual')} />)
    await screen.findByText('None of the chosen designs has in-vivo or release data to calibrate on.')
    expect(screen.getByRole('row', { name: /No data design/ }).textContent).toMatch(/no in-vivo biodistribution or release measurement/)
    expect((screen.getByRole('button', { name: 'Run calibration' }) as HTMLButtonElement).disabled).toBe(true)
    fireEvent.change(screen.getByLabelText('Posterior samples'), { target: { value: '10' } })
    expect(screen.getByText('Posterior samples is a whole number from 16 to 100000.')).toBeTruthy()
    chooseOnly('none')
    expect(screen.getByText('Choose at least one parameter.')).toBeTruthy()
  })
})
