import { create } from 'zustand'
import type { DesignSummary } from '../../shared/ipc/contract'
import { getApi } from '../bridge'

/** The saved-design list as the library panel shows it. */
export interface LibraryState {
  readonly items: ReadonlyArray<DesignSummary>
  readonly total: number
  /** Text in the search box; sent to the host as `query`. */
  readonly query: string
  readonly loading: boolean
  /** Why the last refresh failed, or null. */
  readonly error: string | null
  /** True once the first list has arrived (distinguishes "empty" from "not loaded yet"). */
  readonly loaded: boolean

  /** Fetch the list for the current query. Latest call wins; stale answers are dropped. */
  refresh: () => Promise<void>
  /** Change the search text and refresh. */
  setQuery: (query: string) => void
}

/** Page size of the list; the library panel shows this many most-recent matches. */
export const LIBRARY_PAGE = 200

/**
 * Library store (zustand, one store per concern).
 *
 * Why: the list is shared by the library panel and, later, the comparison picker (issue 6);
 * a request counter makes fast typing in the search box safe (answers may arrive out of order).
 */
export const useLibraryStore = create<LibraryState>()((set, get) => {
  let seq = 0
  return {
    items: [],
    total: 0,
    query: '',
    loading: false,
    error: null,
    loaded: false,

    refresh: async () => {
      const mine = ++seq
      const query = get().query.trim()
      set({ loading: true })
      let res: Awaited<ReturnType<ReturnType<typeof getApi>['listDesigns']>>
      try {
        res = await getApi().listDesigns(query ? { query, limit: LIBRARY_PAGE } : { limit: LIBRARY_PAGE })
      } catch (e) {
        res = { ok: false, code: 'internal', message: e instanceof Error ? e.message : String(e) }
      }
      if (mine !== seq) return
      if (res.ok) set({ items: res.value.items, total: res.value.total, loading: false, error: null, loaded: true })
      else set({ loading: false, error: res.message, loaded: true })
    },

    setQuery: (query) => {
      set({ query })
      void get().refresh()
    },
  }
})
