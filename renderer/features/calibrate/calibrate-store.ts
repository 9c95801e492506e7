import { create } from 'zustand'
import type { Measurement } from '../../../shared/ipc/channels/measurement'
import type { CalibrationProfile, CalibrationProfileListItem } from '../../../shared/ipc/channels/profile'
import { profileFreshnessWarnings } from '../../../shared/engine/calibrate/freshness'
import { getApi } from '../../bridge'

/**
 * The Calibrate dialog's place in the app and the library's calibration profiles.
 *
 * Why one store: the dialog saves a profile and the picker beside the estimates lists them;
 * after a save the list is read again from the host, so the picker offers the new profile at
 * once without either component knowing the other.
 */
export interface CalibrateState {
  /** Designs the dialog calibrates on (null: closed). */
  readonly dialogDesignIds: ReadonlyArray<string> | null
  openDialog(designIds: ReadonlyArray<string>): void
  closeDialog(): void

  /** Profiles of the library, newest first (`profile:list`). */
  readonly profiles: ReadonlyArray<CalibrationProfileListItem>
  readonly profilesLoaded: boolean
  readonly profilesError: string | null
  refreshProfiles(): Promise<void>

  /** The profile chosen in the picker (null: uncalibrated only). */
  readonly selectedProfileId: string | null
  /** The chosen profile with its draws, once read. */
  readonly selectedProfile: CalibrationProfile | null
  readonly selectedError: string | null
  /**
   * Whether the lab's data moved on since the chosen profile was learned (in-vivo or release
   * data attached to its designs afterwards, data it used deleted): sentences, empty when not.
   */
  readonly selectedFreshness: ReadonlyArray<string>
  selectProfile(id: string | null): Promise<void>
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))

export const useCalibrateStore = create<CalibrateState>((set, get) => ({
  dialogDesignIds: null,
  openDialog: (designIds) => set({ dialogDesignIds: [...designIds] }),
  closeDialog: () => set({ dialogDesignIds: null }),

  profiles: [],
  profilesLoaded: false,
  profilesError: null,
  async refreshProfiles() {
    let res: Awaited<ReturnType<ReturnType<typeof getApi>['listProfiles']>>
    try {
      res = await getApi().listProfiles({})
    } catch (e) {
      res = { ok: false, code: 'internal', message: messageOf(e) }
    }
    if (!res.ok) {
      set({ profilesLoaded: true, profilesError: res.message })
      return
    }
    const profiles = res.value.items
    // a chosen profile that is gone (another window restored a backup) is unchosen, not kept
    const selected = get().selectedProfileId
    const stillThere = selected !== null && profiles.some((p) => p.id === selected)
    set({ profiles, profilesLoaded: true, profilesError: null, ...(selected !== null && !stillThere ? { selectedProfileId: null, selectedProfile: null } : {}) })
  },

  selectedProfileId: null,
  selectedProfile: null,
  selectedError: null,
  selectedFreshness: [],
  async selectProfile(id) {
    set({ selectedProfileId: id, selectedProfile: null, selectedError: null, selectedFreshness: [] })
    if (id === null) return
    let res: Awaited<ReturnType<ReturnType<typeof getApi>['getProfile']>>
    try {
      res = await getApi().getProfile({ id })
    } catch (e) {
      res = { ok: false, code: 'internal', message: messageOf(e) }
    }
    if (get().selectedProfileId !== id) return // chosen again meanwhile: the latest choice wins
    if (!res.ok) {
      set({ selectedError: `The profile could not be read: ${res.message}` })
      return
    }
    set({ selectedProfile: res.value.profile })
    const freshness = await freshnessOf(res.value.profile)
    if (get().selectedProfileId === id) set({ selectedFreshness: freshness })
  },
}))

/**
 * The freshness warnings of a profile (shared/engine/calibrate/freshness.ts) from the live
 * measurements of its designs (`measurement:list`). A list that cannot be read is said, not
 * taken for "nothing new".
 */
async function freshnessOf(profile: CalibrationProfile): Promise<string[]> {
  const all: Measurement[] = []
  for (const { designId } of profile.provenance.designs) {
    let res: Awaited<ReturnType<ReturnType<typeof getApi>['listMeasurements']>>
    try {
      // with the trash: a deleted measurement is then named by its label, not by an id
      res = await getApi().listMeasurements({ designId, includeDeleted: true })
    } catch (e) {
      res = { ok: false, code: 'internal', message: messageOf(e) }
    }
    if (!res.ok) return [`Could not check whether lab data were added since the profile was learned: ${res.message}`]
    all.push(...res.value.items)
  }
  const labels = new Map(all.map((m) => [m.id, m.label]))
  // on screen a measurement is its label (“in-vivo study” when it has none), never an id
  const nameOf = (id: string): string => { const label = labels.get(id); return label ? `“${label}”` : 'an unnamed measurement' }
  const live = all.filter((m) => m.deletedAt === null)
  return profileFreshnessWarnings(profile, live, nameOf).map((w) => `${w.charAt(0).toUpperCase()}${w.slice(1)}.`)
}
