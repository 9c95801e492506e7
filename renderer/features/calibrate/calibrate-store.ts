import { create } from 'zustand'
import type { CalibrationProfile, CalibrationProfileListItem } from '../../../shared/ipc/channels/profile'
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
  async selectProfile(id) {
    set({ selectedProfileId: id, selectedProfile: null, selectedError: null })
    if (id === null) return
    let res: Awaited<ReturnType<ReturnType<typeof getApi>['getProfile']>>
    try {
      res = await getApi().getProfile({ id })
    } catch (e) {
      res = { ok: false, code: 'internal', message: messageOf(e) }
    }
    if (get().selectedProfileId !== id) return // chosen again meanwhile: the latest choice wins
    if (!res.ok) set({ selectedError: `The profile could not be read: ${res.message}` })
    else set({ selectedProfile: res.value.profile })
  },
}))
