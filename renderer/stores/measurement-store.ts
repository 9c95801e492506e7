import { create } from 'zustand'
import {
  ReleaseMeasurementData, type Measurement, type NewMeasurement, type ReleaseMeasurement, type ReleaseMeasurementValues,
  type ReleaseMethodValues,
} from '../../shared/ipc/channels/measurement'
import {
  compareProfiles, fitModels, parseReleaseCsv, type CsvIssue, type FitResult, type ProfileComparison, type ReleaseData,
} from '../../shared/engine/fit'
import { getApi } from '../bridge'

/** Largest CSV file the attach control reads, bytes (a lab export is a few kB). */
export const MAX_CSV_BYTES = 2 * 1024 * 1024

/** A parsed CSV waiting to be saved: the data as it will be stored, and what the reader noticed. */
export interface ReleaseDraft {
  readonly fileName: string
  readonly data: ReleaseMeasurementValues
  readonly warnings: ReadonlyArray<string>
  /** Problems that stop the save (bounds of the contract), each with its path. */
  readonly problems: ReadonlyArray<string>
}

/** Outcome of fitting one release measurement. */
export type FitOutcome = { readonly ok: true; readonly result: FitResult } | { readonly ok: false; readonly error: string }

/** What the last attach/delete did, shown under the controls. */
export type MeasurementNotice = { readonly kind: 'info' | 'error'; readonly message: string } | null

/** Measured data attached to the open design version, the CSV being attached, and fits. */
export interface MeasurementState {
  /** The design version whose measurements are loaded. */
  readonly designId: string | null
  readonly version: number | null
  /** Live measurements of that version (or of every version, see `allVersions`), oldest first. */
  readonly items: ReadonlyArray<Measurement>
  /** List the measurements of every version of the design, not only the open one. */
  readonly allVersions: boolean
  readonly loading: boolean
  readonly error: string | null
  readonly draft: ReleaseDraft | null
  /** Line-numbered problems of the last CSV that could not be read. */
  readonly csvErrors: { readonly fileName: string; readonly errors: ReadonlyArray<CsvIssue> } | null
  readonly saving: boolean
  readonly notice: MeasurementNotice
  /** The last measurement sent to the trash (for Undo). */
  readonly lastDeleted: Measurement | null
  /** The release measurement whose fit is shown. */
  readonly selectedId: string | null
  /** Fits by measurement id (computed once; measurements are immutable). */
  readonly fits: Readonly<Record<string, FitOutcome>>

  /** Load the measurements of a saved version (null clears). Latest call wins. */
  load: (designId: string | null, version: number | null) => Promise<void>
  /** Parse CSV text into a draft, or record its line-numbered errors. */
  readCsvText: (text: string, fileName: string) => void
  /** Read a picked file with FileReader, then {@link MeasurementState.readCsvText}. */
  readCsvFile: (file: File) => Promise<void>
  discardDraft: () => void
  /** Saves the draft as a release measurement of the loaded version; `releaseMethod` is the set-up the scientist named (none: not stated). */
  attachDraft: (label: string, measuredOn: string, releaseMethod?: ReleaseMethodValues) => Promise<boolean>
  /**
   * Save a DLS, zeta or in-vivo biodistribution reading to the loaded version. On failure the
   * notice carries every problem with its path and the caller keeps what was typed.
   */
  addReading: (reading: ReadingInput, label: string, measuredOn: string) => Promise<boolean>
  /** Send a measurement to the trash (restorable with {@link MeasurementState.undoDelete}). */
  remove: (id: string) => Promise<void>
  undoDelete: () => Promise<void>
  /** Show the fit of one release measurement (fits it if not done yet). */
  select: (id: string | null) => void
  /** Switch between this version's measurements and every version's, and reload. */
  setAllVersions: (all: boolean) => Promise<void>
}

/** A reading typed or read in the Measurements section: its kind and data, without the envelope. */
export type ReadingInput = { [K in Exclude<NewMeasurement['kind'], 'release'>]: { readonly kind: K; readonly data: Extract<NewMeasurement, { kind: K }>['data'] } }[Exclude<NewMeasurement['kind'], 'release'>]

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

/** The stored values of a release measurement as the fitting code reads them (null → NaN). */
export function toReleaseData(data: ReleaseMeasurementValues): ReleaseData {
  return { timesH: data.timesH, replicates: data.replicates.map((col) => col.map((v) => (v === null ? Number.NaN : v))) }
}

/**
 * Fits every model of the library to a release measurement; never throws.
 *
 * Why on the main thread: fitting the whole library on a 12-point profile takes about a
 * millisecond (bench `fitAllModelsMedianMs`), less than a worker round trip.
 */
export function fitMeasurement(data: ReleaseMeasurementValues): FitOutcome {
  try {
    return { ok: true, result: fitModels(toReleaseData(data)) }
  } catch (e) {
    return { ok: false, error: messageOf(e) }
  }
}

/**
 * Turns CSV text into a draft measurement (NaN cells become null, the time unit and file
 * name are kept) or the reader's line-numbered errors.
 *
 * Why separate from the store: the attach control and the tests use the same step, and the
 * contract's bounds are checked here so the user hears about them before saving.
 */
export function draftFromCsv(text: string, fileName: string): { ok: true; draft: ReleaseDraft } | { ok: false; errors: CsvIssue[] } {
  const parsed = parseReleaseCsv(text)
  if (!parsed.ok) return { ok: false, errors: parsed.errors }
  const data: ReleaseMeasurementValues = {
    timesH: parsed.timesH,
    replicates: parsed.replicates.map((col) => col.map((v) => (Number.isFinite(v) ? v : null))),
    timeUnitOriginal: parsed.timeUnit,
    sourceName: fileName.slice(0, 260),
    replicateNames: parsed.replicateNames.map((n) => n.slice(0, 100)),
  }
  const checked = ReleaseMeasurementData.safeParse(data)
  const problems = checked.success ? [] : checked.error.issues.map((i) => `${i.path.map(String).join('.') || 'data'}: ${i.message}`)
  return { ok: true, draft: { fileName, data, warnings: parsed.warnings, problems } }
}

/** A stored release measurement as a profile for f1/f2. */
export function profileOf(m: ReleaseMeasurement): ReleaseData {
  return toReleaseData(m.data)
}

/** f1/f2 of two profiles, or the reason they cannot be compared; never throws. */
export function compareReleaseProfiles(reference: ReleaseData, test: ReleaseData): { ok: true; result: ProfileComparison } | { ok: false; error: string } {
  try {
    return { ok: true, result: compareProfiles(reference, test) }
  } catch (e) {
    return { ok: false, error: messageOf(e) }
  }
}

/** Label shown for a measurement: its label, else its file name, else its date. */
export function measurementTitle(m: Measurement): string {
  if (m.label.trim() !== '') return m.label
  if ((m.kind === 'release' || m.kind === 'biodistribution') && m.data.sourceName) return m.data.sourceName
  return `${m.kind} measurement of ${m.createdAt.slice(0, 10)}`
}

/** Order of the list: by version, then by when it was attached (as the host lists them). */
function byVersionThenTime(a: Measurement, b: Measurement): number {
  return a.version - b.version || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)
}

/** The newest release measurement, if any. */
function newestRelease(items: ReadonlyArray<Measurement>): ReleaseMeasurement | undefined {
  return [...items].reverse().find((m): m is ReleaseMeasurement => m.kind === 'release')
}

/**
 * Measurement store (zustand, one store per concern).
 *
 * Why: the release tab's attach control, measurement list, fit table and comparison all
 * work on one loaded version; fits are kept per measurement id because stored measurements
 * never change, so switching between them costs nothing.
 */
export const useMeasurementStore = create<MeasurementState>()((set, get) => {
  let seq = 0
  const ensureFit = (id: string | null): void => {
    if (id === null || get().fits[id] !== undefined) return
    const m = get().items.find((x) => x.id === id)
    if (m?.kind !== 'release') return
    set((s) => ({ fits: { ...s.fits, [id]: fitMeasurement(m.data) } }))
  }
  return {
    designId: null,
    version: null,
    items: [],
    allVersions: true,
    loading: false,
    error: null,
    draft: null,
    csvErrors: null,
    saving: false,
    notice: null,
    lastDeleted: null,
    selectedId: null,
    fits: {},

    load: async (designId, version) => {
      const mine = ++seq
      const same = get().designId === designId && get().version === version
      set({ designId, version, loading: designId !== null, error: null, ...(same ? {} : { items: [], selectedId: null, lastDeleted: null, notice: null }) })
      if (designId === null || version === null) {
        set({ items: [], loading: false })
        return
      }
      let res: Awaited<ReturnType<ReturnType<typeof getApi>['listMeasurements']>>
      try {
        res = await getApi().listMeasurements(get().allVersions ? { designId } : { designId, version })
      } catch (e) {
        res = { ok: false, code: 'internal', message: messageOf(e) }
      }
      if (mine !== seq) return
      if (!res.ok) {
        set({ loading: false, error: `Could not load the measurements: ${res.message}` })
        return
      }
      const items = res.value.items
      const keep = get().selectedId
      const selectedId = keep !== null && items.some((m) => m.id === keep) ? keep : newestRelease(items)?.id ?? null
      set({ items, loading: false, selectedId })
      ensureFit(selectedId)
    },

    readCsvText: (text, fileName) => {
      const out = draftFromCsv(text, fileName)
      if (out.ok) set({ draft: out.draft, csvErrors: null, notice: null })
      else set({ draft: null, csvErrors: { fileName, errors: out.errors }, notice: null })
    },

    readCsvFile: async (file) => {
      if (file.size > MAX_CSV_BYTES) {
        set({ draft: null, csvErrors: { fileName: file.name, errors: [{ line: 0, message: `the file is ${(file.size / 1024 / 1024).toFixed(1)} MB; release CSV files up to ${MAX_CSV_BYTES / 1024 / 1024} MB are read` }] } })
        return
      }
      try {
        const text = await new Promise<string>((resolve, reject) => {
          const reader = new FileReader()
          reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '')
          reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'))
          reader.readAsText(file)
        })
        get().readCsvText(text, file.name)
      } catch (e) {
        set({ draft: null, csvErrors: { fileName: file.name, errors: [{ line: 0, message: messageOf(e) }] } })
      }
    },

    discardDraft: () => set({ draft: null, csvErrors: null }),

    attachDraft: async (label, measuredOn, releaseMethod) => {
      const { draft, designId, version } = get()
      if (!draft || designId === null || version === null) return false
      if (draft.problems.length > 0) {
        set({ notice: { kind: 'error', message: `Not saved: ${draft.problems.join('; ')}` } })
        return false
      }
      set({ saving: true, notice: null })
      let res: Awaited<ReturnType<ReturnType<typeof getApi>['addMeasurement']>>
      try {
        res = await getApi().addMeasurement({
          designId, version, kind: 'release', label: label.trim().slice(0, 200),
          data: releaseMethod ? { ...draft.data, releaseMethod } : draft.data,
          ...(measuredOn ? { measuredOn } : {}),
        })
      } catch (e) {
        res = { ok: false, code: 'internal', message: messageOf(e) }
      }
      if (!res.ok) {
        // The draft stays, so nothing the user picked is lost.
        const detail = res.issues?.length ? ` (${res.issues.map((i) => `${i.path}: ${i.message}`).join('; ')})` : ''
        set({ saving: false, notice: { kind: 'error', message: `Not saved: ${res.message}${detail}` } })
        return false
      }
      const m = res.value.measurement
      if (get().designId === designId && get().version === version) {
        set((s) => ({ items: [...s.items, m].sort(byVersionThenTime), selectedId: m.id }))
        ensureFit(m.id)
      }
      set({ saving: false, draft: null, notice: { kind: 'info', message: `Attached “${measurementTitle(m)}” to version ${version}.` } })
      return true
    },

    addReading: async (reading, label, measuredOn) => {
      const { designId, version } = get()
      if (designId === null || version === null) return false
      set({ saving: true, notice: null })
      let res: Awaited<ReturnType<ReturnType<typeof getApi>['addMeasurement']>>
      try {
        res = await getApi().addMeasurement({
          designId, version, label: label.trim().slice(0, 200), ...reading,
          ...(measuredOn ? { measuredOn } : {}),
        } as NewMeasurement)
      } catch (e) {
        res = { ok: false, code: 'internal', message: messageOf(e) }
      }
      if (!res.ok) {
        const detail = res.issues?.length ? ` (${res.issues.map((i) => `${i.path}: ${i.message}`).join('; ')})` : ''
        set({ saving: false, notice: { kind: 'error', message: `Not saved: ${res.message}${detail}` } })
        return false
      }
      const m = res.value.measurement
      if (get().designId === designId && get().version === version) set((s) => ({ items: [...s.items, m].sort(byVersionThenTime) }))
      set({ saving: false, notice: { kind: 'info', message: `Attached “${measurementTitle(m)}” to version ${version}.` } })
      return true
    },

    remove: async (id) => {
      const m = get().items.find((x) => x.id === id)
      if (!m) return
      const res = await getApi().deleteMeasurement({ id }).catch((e: unknown) => ({ ok: false as const, code: 'internal' as const, message: messageOf(e) }))
      if (!res.ok) {
        set({ notice: { kind: 'error', message: `Not deleted: ${res.message}` } })
        return
      }
      set((s) => {
        const items = s.items.filter((x) => x.id !== id)
        return {
          items,
          lastDeleted: m,
          selectedId: s.selectedId === id ? newestRelease(items)?.id ?? null : s.selectedId,
          notice: { kind: 'info', message: `Moved “${measurementTitle(m)}” to the trash.` },
        }
      })
      ensureFit(get().selectedId)
    },

    undoDelete: async () => {
      const m = get().lastDeleted
      if (!m) return
      const res = await getApi().restoreMeasurement({ id: m.id }).catch((e: unknown) => ({ ok: false as const, code: 'internal' as const, message: messageOf(e) }))
      if (!res.ok) {
        set({ notice: { kind: 'error', message: `Not restored: ${res.message}` } })
        return
      }
      const restored = res.value.measurement
      set((s) => ({
        lastDeleted: null,
        items: s.designId === restored.designId && (s.allVersions || s.version === restored.version)
          ? [...s.items.filter((x) => x.id !== restored.id), restored].sort(byVersionThenTime)
          : s.items,
        notice: { kind: 'info', message: `Restored “${measurementTitle(restored)}”.` },
      }))
    },

    select: (id) => {
      set({ selectedId: id })
      ensureFit(id)
    },

    setAllVersions: async (all) => {
      set({ allVersions: all })
      await get().load(get().designId, get().version)
    },
  }
})
