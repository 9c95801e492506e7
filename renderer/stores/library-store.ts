import { create } from 'zustand'
import type { ChannelResponse, LibraryItem, NanoApi, ProjectInfo } from '../../shared/ipc/contract'
import type { Result } from '../../shared/ipc/result'
import { getApi } from '../bridge'
import { labelWithUnit } from '../../shared/design/fields'
import { getMetric, type MetricId } from '../../shared/metrics/registry'
import { savedButBackupFailedText, useAppInfoStore, type BackupWarningAnswer } from './app-info-store'

/** A design in the trash, with when it was deleted. */
export type TrashItem = ChannelResponse<'library:listTrash'>['items'][number]
/** A tag in use and how many live designs carry it. */
export type TagCount = ChannelResponse<'library:listTags'>['tags'][number]
/** How the list is sorted (the host's sort keys). */
export type LibrarySortBy = NonNullable<Parameters<NanoApi['libraryList']>[0]['sortBy']>
export type SortDirection = 'asc' | 'desc'

/** The filters of the list; '' means "any". */
export interface LibraryFilters {
  readonly tag: string
  readonly disease: string
  readonly coreMaterial: string
  /** Project id; '' for any project. */
  readonly projectId: string
}

/** What the last library action did, shown in the panel's status line. */
export type LibraryNotice = { readonly kind: 'ok' | 'warning' | 'error'; readonly message: string } | null

/** The saved-design list, the trash, tags, the selection and which library dialog is open. */
export interface LibraryState {
  readonly items: ReadonlyArray<LibraryItem>
  readonly total: number
  /** Text in the search box; sent to the host as `query`. */
  readonly query: string
  readonly filters: LibraryFilters
  readonly sortBy: LibrarySortBy
  readonly sortDirection: SortDirection
  readonly loading: boolean
  /** Why the last refresh failed, or null. */
  readonly error: string | null
  /** True once the first list has arrived (distinguishes "empty" from "not loaded yet"). */
  readonly loaded: boolean
  /** Which list the panel shows. */
  readonly view: 'designs' | 'trash'
  readonly trash: ReadonlyArray<TrashItem>
  readonly trashTotal: number
  readonly tags: ReadonlyArray<TagCount>
  /** Projects designs can be filed under, with how many live designs each holds. */
  readonly projects: ReadonlyArray<ProjectInfo>
  /** Design ids ticked for comparison or export, in the order they were ticked. */
  readonly selected: ReadonlyArray<string>
  readonly notice: LibraryNotice
  /** Ids shown in the comparison overlay, or null when it is closed. */
  readonly compareIds: ReadonlyArray<string> | null
  /** Design whose history overlay is open, or null. */
  readonly historyId: string | null

  /** Fetch the list for the current query, filters and sort. Latest call wins. */
  refresh: () => Promise<void>
  /** Change the search text and refresh. */
  setQuery: (query: string) => void
  /** Change one or more filters and refresh. */
  setFilters: (filters: Partial<LibraryFilters>) => void
  /** Change the sort; the direction defaults to the host's (descending for dates and metrics, ascending for names). */
  setSort: (sortBy: LibrarySortBy, direction?: SortDirection) => void
  setView: (view: 'designs' | 'trash') => void
  refreshTrash: () => Promise<void>
  refreshTags: () => Promise<void>
  refreshProjects: () => Promise<void>
  /** Create a project; returns its id or null. */
  createProject: (name: string) => Promise<string | null>
  /** File designs under a project (null: out of any project). */
  moveToProject: (designIds: ReadonlyArray<string>, projectId: string | null) => Promise<boolean>
  toggleSelected: (designId: string) => void
  clearSelection: () => void

  /** Copy a design (latest version) as a new design; returns the new id or null. */
  duplicate: (designId: string) => Promise<string | null>
  /** Rename (saved by the host as a new version). */
  rename: (designId: string, name: string) => Promise<boolean>
  /** Move to the trash (restorable). */
  moveToTrash: (designId: string) => Promise<boolean>
  restoreFromTrash: (designId: string) => Promise<boolean>
  addTag: (designId: string, tag: string) => Promise<boolean>
  removeTag: (designId: string, tag: string) => Promise<boolean>
  /** Tell the panel that something else changed the library (import, restore) and say so. */
  changed: (message: string) => Promise<void>
  /** Show a message in the panel's status line (e.g. the result of an export). */
  notify: (notice: LibraryNotice) => void
  /** Save the design-level note (not a version note; no new version). */
  setNote: (designId: string, note: string) => Promise<boolean>

  openCompare: (designIds: ReadonlyArray<string>) => void
  closeCompare: () => void
  openHistory: (designId: string) => void
  closeHistory: () => void
}

/** Page size of the list; the library panel shows this many matches. */
export const LIBRARY_PAGE = 200
/** Compare takes two to four designs (library:compare). */
export const COMPARE_MIN = 2
export const COMPARE_MAX = 4

/** "Blood half-life (h)": a metric's label with its unit, from the shared registry. */
function metricLabel(id: MetricId): string {
  return labelWithUnit(getMetric(id))
}

/** Names of the sort keys for the "Sort by" control, with units. */
export const SORT_LABELS: Readonly<Record<LibrarySortBy, string>> = {
  updatedAt: 'Last saved',
  createdAt: 'Created',
  name: 'Name',
  // The metric sorts are named as the metric registry names them (shared/metrics/registry.ts).
  selectivityIndex: metricLabel('selectivityIndex'),
  t50PlasmaH: metricLabel('t50PlasmaH'),
  hydrodynamicDiameterNm: metricLabel('hydrodynamicDiameterNm'),
  bloodHalfLifeH: metricLabel('bloodHalfLifeH'),
}

/** The host's default direction: ascending for names, descending for dates and metrics. */
export function defaultDirection(sortBy: LibrarySortBy): SortDirection {
  return sortBy === 'name' ? 'asc' : 'desc'
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

/**
 * The notice of a write that may have triggered the daily backup: a confirmation, or, when
 * that backup failed, a warning that says the change is saved but the backup is not. Either
 * way the footer learns of it (the standing warning is asked of the host).
 */
function withBackupWarning(savedText: string, answer: BackupWarningAnswer): LibraryNotice {
  void useAppInfoStore.getState().noteWrite(answer)
  return answer.backupWarning === undefined
    ? { kind: 'ok', message: savedText }
    : { kind: 'warning', message: savedButBackupFailedText(savedText, answer.backupWarning) }
}

/** Calls the bridge and turns a throw into a failed Result (the bridge should never throw, but a fake might). */
async function call<T>(f: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await f()
  } catch (e) {
    return { ok: false, code: 'internal', message: messageOf(e) }
  }
}

/**
 * Library store (zustand, one store per concern).
 *
 * Why: the list, the trash, the tag filter and the selection are shared by the library
 * panel, the transfer controls and the comparison and history overlays; a request counter
 * makes fast typing or filter changes safe (answers may arrive out of order). Every action
 * reports through `notice`, so a failed rename or trash never passes silently and never
 * changes the list until the host has confirmed it.
 */
export const useLibraryStore = create<LibraryState>()((set, get) => {
  let seq = 0
  let trashSeq = 0

  const fail = (what: string, message: string): void => set({ notice: { kind: 'error', message: `${what}: ${message}` } })
  const done = async (message: string | LibraryNotice): Promise<void> => {
    set({ notice: typeof message === 'string' ? { kind: 'ok', message } : message })
    await Promise.all([get().refresh(), get().refreshTags(), get().view === 'trash' ? get().refreshTrash() : Promise.resolve()])
  }

  return {
    items: [],
    total: 0,
    query: '',
    filters: { tag: '', disease: '', coreMaterial: '', projectId: '' },
    sortBy: 'updatedAt',
    sortDirection: 'desc',
    loading: false,
    error: null,
    loaded: false,
    view: 'designs',
    trash: [],
    trashTotal: 0,
    tags: [],
    projects: [],
    selected: [],
    notice: null,
    compareIds: null,
    historyId: null,

    refresh: async () => {
      const mine = ++seq
      const { query: raw, filters, sortBy, sortDirection } = get()
      const query = raw.trim()
      set({ loading: true })
      const api = getApi()
      const res = await call(() => api.libraryList({
        ...(query ? { query } : {}),
        ...(filters.tag ? { tag: filters.tag } : {}),
        ...(filters.disease ? { disease: filters.disease } : {}),
        ...(filters.coreMaterial ? { coreMaterial: filters.coreMaterial } : {}),
        ...(filters.projectId ? { projectId: filters.projectId } : {}),
        sortBy,
        sortDirection,
        limit: LIBRARY_PAGE,
      }))
      if (mine !== seq) return
      if (res.ok) set({ items: res.value.items, total: res.value.total, loading: false, error: null, loaded: true })
      else set({ loading: false, error: res.message, loaded: true })
    },

    setQuery: (query) => {
      set({ query })
      void get().refresh()
    },

    setFilters: (filters) => {
      set((s) => ({ filters: { ...s.filters, ...filters } }))
      void get().refresh()
    },

    setSort: (sortBy, direction) => {
      set({ sortBy, sortDirection: direction ?? defaultDirection(sortBy) })
      void get().refresh()
    },

    setView: (view) => {
      set({ view })
      if (view === 'trash') void get().refreshTrash()
      else void get().refresh()
    },

    refreshTrash: async () => {
      const mine = ++trashSeq
      const res = await call(() => getApi().listTrash({ limit: LIBRARY_PAGE }))
      if (mine !== trashSeq) return
      if (res.ok) set({ trash: res.value.items, trashTotal: res.value.total })
      else fail('Could not load the trash', res.message)
    },

    refreshTags: async () => {
      const api = getApi()
      if (typeof api.listTags !== 'function') return
      const res = await call(() => api.listTags({}))
      if (res.ok) set({ tags: res.value.tags })
    },

    refreshProjects: async () => {
      const api = getApi()
      if (typeof api.listProjects !== 'function') return
      const res = await call(() => api.listProjects({}))
      if (res.ok) set({ projects: res.value.projects })
    },

    createProject: async (name) => {
      const trimmed = name.trim()
      if (!trimmed) {
        fail('Project not created', 'type a name first.')
        return null
      }
      const res = await call(() => getApi().createProject({ name: trimmed }))
      if (!res.ok) {
        fail('Project not created', res.message)
        return null
      }
      await get().refreshProjects()
      set({ notice: { kind: 'ok', message: `Project "${res.value.name}" created.` } })
      return res.value.projectId
    },

    moveToProject: async (designIds, projectId) => {
      if (designIds.length === 0) return false
      const res = await call(() => getApi().moveToProject({ designIds: [...designIds], projectId }))
      if (!res.ok) {
        fail('Not moved', res.message)
        return false
      }
      const name = projectId === null ? null : get().projects.find((p) => p.projectId === projectId)?.name ?? projectId
      await get().refreshProjects()
      await done(name === null ? `${res.value.moved} design(s) taken out of their project.` : `${res.value.moved} design(s) filed under "${name}".`)
      return true
    },

    toggleSelected: (designId) => {
      set((s) => ({ selected: s.selected.includes(designId) ? s.selected.filter((x) => x !== designId) : [...s.selected, designId] }))
    },

    clearSelection: () => set({ selected: [] }),

    duplicate: async (designId) => {
      const res = await call(() => getApi().duplicateDesign({ designId }))
      if (!res.ok) {
        fail('Not duplicated', res.message)
        return null
      }
      await done(withBackupWarning(`Duplicated as a new design (version ${res.value.version}).`, res.value))
      return res.value.designId
    },

    rename: async (designId, name) => {
      const trimmed = name.trim()
      if (!trimmed) {
        fail('Not renamed', 'the name cannot be empty.')
        return false
      }
      const res = await call(() => getApi().renameDesign({ designId, name: trimmed }))
      if (!res.ok) {
        fail('Not renamed', res.message)
        return false
      }
      await done(withBackupWarning(`Renamed to "${trimmed}" (saved as version ${res.value.version}).`, res.value))
      return true
    },

    moveToTrash: async (designId) => {
      const res = await call(() => getApi().trashDesign({ designId }))
      if (!res.ok) {
        fail('Not moved to the trash', res.message)
        return false
      }
      set((s) => ({ selected: s.selected.filter((x) => x !== designId) }))
      await done('Moved to the trash. Restore it from the Trash view.')
      return true
    },

    restoreFromTrash: async (designId) => {
      const res = await call(() => getApi().restoreFromTrash({ designId }))
      if (!res.ok) {
        fail('Not restored', res.message)
        return false
      }
      await get().refreshTrash()
      await done('Restored from the trash.')
      return true
    },

    addTag: async (designId, tag) => {
      const t = tag.trim()
      if (!t) {
        fail('Tag not added', 'type a tag first.')
        return false
      }
      const res = await call(() => getApi().addTag({ designId, tag: t }))
      if (!res.ok) {
        fail('Tag not added', res.message)
        return false
      }
      await done(`Tagged "${t}".`)
      return true
    },

    removeTag: async (designId, tag) => {
      const res = await call(() => getApi().removeTag({ designId, tag }))
      if (!res.ok) {
        fail('Tag not removed', res.message)
        return false
      }
      await done(`Tag "${tag}" removed.`)
      return true
    },

    changed: async (message) => done(message),

    notify: (notice) => set({ notice }),

    setNote: async (designId, note) => {
      const res = await call(() => getApi().setDesignNote({ designId, note }))
      if (!res.ok) {
        fail('Note not saved', res.message)
        return false
      }
      await done('Note saved.')
      return true
    },

    openCompare: (designIds) => set({ compareIds: designIds.slice(0, COMPARE_MAX) }),
    closeCompare: () => set({ compareIds: null }),
    openHistory: (designId) => set({ historyId: designId }),
    closeHistory: () => set({ historyId: null }),
  }
})
