// @vitest-environment jsdom
/**
 * The profile picker beside the estimates, against the real services (handlers + dispatch on a
 * temporary SQLite library): for a chosen profile it shows how the profile was learned (prior
 * and posterior of every parameter, the chart, within 2-fold before/after/held out and each
 * held-out study) from the stored profile, and it warns when in-vivo data were attached to the
 * profile's designs after it was learned, or data it used were deleted (issue #14).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { ProfilePicker } from '../../../../renderer/features/calibrate/profile-picker'
import type { CalibrateWorkerLike } from '../../../../renderer/features/calibrate/calibrate-client'
import { useCalibrateStore } from '../../../../renderer/features/calibrate/calibrate-store'
import { handleCalibrateRequest } from '../../../../renderer/features/calibrate/calibrate-handler'
import type { CalibrateRequest, CalibrateResponse } from '../../../../renderer/features/calibrate/calibrate-protocol'
import { createProfileStore } from '../../../../electron/db/profiles'
import { designDomain } from '../../../../shared/engine/calibrate/domain'
import { ENGINE_VERSION } from '../../../../shared/engine/version'
import type { Design } from '../../../../shared/design/types'
import { createDispatchApi, type DispatchApi } from '../release/support'
import raLiposome from '../../../fixtures/designs/ra-folate-peg-liposome.nanoforge.json'

/** A worker that never answers: the picker's own estimate stays "running"; the checks do not need it. */
const silentWorker = (): CalibrateWorkerLike => ({ onmessage: null, onerror: null, postMessage() {}, terminate() {} })

/** The calibration worker in-process: the real handler answers (estimate and suggest). */
class InProcessWorker implements CalibrateWorkerLike {
  onmessage: ((event: MessageEvent<CalibrateResponse>) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  terminated = false
  readonly requests: string[] = []
  postMessage(message: CalibrateRequest): void {
    this.requests.push(message.kind)
    setTimeout(() => handleCalibrateRequest(message, (m) => { if (!this.terminated) this.onmessage?.({ data: m } as MessageEvent<CalibrateResponse>) }), 0)
  }
  terminate(): void { this.terminated = true }
}

let backend: DispatchApi
let designId: string
let usedIds: string[]
let profileId: string

const study = {
  species: 'mouse' as const, doseMgPerKg: 2, doseBasis: 'drug' as const, timesH: [1, 24],
  tissues: { liver: { percentInjectedDose: [20, 40] }, spleen: { percentInjectedDose: [2, 4] } },
}

beforeEach(async () => {
  backend = createDispatchApi()
  window.nanoApi = backend.api
  const design = raLiposome as unknown as Design
  designId = backend.library.saveDesign(design).designId
  usedIds = []
  for (const label of ['study A', 'study B']) {
    const added = await backend.api.addMeasurement({ designId, version: 1, kind: 'biodistribution', label, data: study })
    if (!added.ok) throw new Error(added.message)
    usedIds.push(added.value.measurement.id)
  }
  const interval = { median: 1, ci95: [0.396, 2.52] as [number, number] }
  profileId = createProfileStore(backend.library).save({
    name: 'lab A', engineVersion: ENGINE_VERSION, seed: 7, parameters: ['liverKMax', 'targetPermeability'],
    summary: {
      parameters: {
        liverKMax: { prior: interval, posterior: { median: 1.9, ci95: [1.5, 2.3] }, informed: true, widthRatio: 0.3 },
        targetPermeability: { prior: interval, posterior: null, informed: false, widthRatio: null },
      },
      within2Fold: { before: 0.5, after: 1, leaveOneOut: 0.75 },
      notIdentifiable: ['targetPermeability: no observation of these studies responds to it'],
      leaveOneOut: { folds: [{ heldOut: usedIds[0]!, points: 4, before: 0.5, after: 1 }, { heldOut: usedIds[1]!, points: 4, before: 0.5, after: 0.5 }], failedFolds: [] },
    },
    draws: { sampled: ['liverKMax'], ln: [[0.6], [0.7], [0.65]] },
    diagnostics: { rHatMax: 1.004, essMin: 812, converged: true, chains: 4, warmup: 1000, draws: 4000, acceptance: [0.3, 0.3, 0.3, 0.3], evaluations: 20004, rHatLimit: 1.01, essLimit: 400, engineFailures: 0 },
    provenance: {
      designs: [{ designId, versions: [1] }],
      measurements: usedIds.map((id) => ({ id, designId, version: 1, kind: 'biodistribution' as const })),
      observations: 8, errorModel: {}, domain: designDomain([{ design, species: 'mouse' }]),
    },
  }).id
  useCalibrateStore.setState({ profiles: [], profilesLoaded: false, profilesError: null, selectedProfileId: null, selectedProfile: null, selectedError: null, selectedFreshness: [] })
})

afterEach(() => {
  cleanup()
  delete window.nanoApi
  backend.close()
})

describe('ProfilePicker', () => {
  it('shows how the chosen profile was learned: prior and posterior per parameter, the chart, within 2-fold and leave-one-study-out', async () => {
    render(<ProfilePicker makeWorker={silentWorker} />)
    await waitFor(() => expect(useCalibrateStore.getState().profiles.map((p) => p.id)).toEqual([profileId]))
    await useCalibrateStore.getState().selectProfile(profileId)
    const table = await screen.findByRole('table', { name: 'Prior and posterior of every parameter of the profile' })
    const liver = within(table).getByRole('row', { name: /Liver phagocytic uptake/ })
    expect(within(liver).getAllByRole('cell').map((c) => c.textContent)).toEqual(['1 (0.396–2.52)', '1.9 (1.5–2.3)', '0.3'])
    expect(within(table).getByRole('row', { name: /permeability/i }).textContent).toMatch(/not informed by these data: prior kept/)
    // the chart draws the informed parameter only, and its text equivalent says the numbers
    const chart = screen.getByRole('img', { name: /Prior and posterior 95 % intervals/ })
    expect(chart.getAttribute('aria-label')).toMatch(/posterior 1\.9 \(1\.5–2\.3\)/)
    expect(chart.querySelectorAll('[data-parameter]')).toHaveLength(1)
    expect(screen.getByTestId('profile-within-2-fold').textContent).toBe('50 %100 %75 %')
    const folds = screen.getByRole('table', { name: /Leave-one-study-out of the profile/ })
    expect(within(folds).getAllByRole('row')).toHaveLength(3)
    // each held-out study by its label and design once the library is read (never an id)
    const studyB = await within(folds).findByRole('row', { name: /study B \(/ })
    expect(studyB.textContent).toMatch(/4\s*50 %\s*50 %$/)
    expect(folds.textContent).not.toMatch(/[0-9a-f]{8}/)
    // nothing new in the library yet
    expect(useCalibrateStore.getState().selectedFreshness).toEqual([])
    expect(screen.queryByRole('list', { name: 'Profile warnings' })).toBeNull()
  })

  it('suggests next experiments with the saved profile, learning from the measurements it was learned from', async () => {
    const workers: InProcessWorker[] = []
    render(<ProfilePicker makeWorker={() => { const w = new InProcessWorker(); workers.push(w); return w }} />)
    await useCalibrateStore.getState().selectProfile(profileId)
    const button = await screen.findByRole('button', { name: 'Suggest next experiments' })
    expect(screen.getByText(/The default goal built from the first design/)).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Designs to propose'), { target: { value: '1' } })
    fireEvent.click(button)
    const list = await screen.findByRole('list', { name: 'Suggested next designs' }, { timeout: 60_000 })
    expect(list.children).toHaveLength(1) // one suggestion (its own warnings are a nested list)
    expect(list.textContent).toMatch(/What would settle it: /)
    // the studies the profile learned from gave lab points
    expect(screen.getByText(/the lab gave \d+ points? to learn from/).textContent).toMatch(/the lab gave [1-9]\d* point/)
    expect(workers.flatMap((w) => w.requests)).toContain('suggest')
  }, 90_000)

  it('warns when in-vivo data were attached to its designs after it was learned, and when data it used were deleted', async () => {
    const newer = await backend.api.addMeasurement({ designId, version: 1, kind: 'biodistribution', label: 'study C', data: study })
    if (!newer.ok) throw new Error(newer.message)
    const deleted = await backend.api.deleteMeasurement({ id: usedIds[0]! })
    if (!deleted.ok) throw new Error(deleted.message)
    render(<ProfilePicker makeWorker={silentWorker} />)
    await useCalibrateStore.getState().selectProfile(profileId)
    const list = await screen.findByRole('list', { name: 'Profile warnings' })
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2))
    // named by their labels, not ids (the deleted one read from the trash)
    expect(list.textContent).toContain("1 in-vivo or release measurement was attached to the profile's designs after it was learned (“study C”): calibrate again to include it.")
    expect(list.textContent).toContain('1 measurement the profile was learned from is no longer in the library (“study A”)')
  })
})
