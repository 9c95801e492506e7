import { create } from 'zustand'
import { attachSpec, readSweepFile, SweepOpenError, type SweepData } from './sweep-data'
import { defaultOrder, type AxisFilter, type Filters, type SortOrder } from './sweep-filter'

/** Parallel axes shown when a sweep opens (knobs first, then metrics); more are switched on per axis. */
export const DEFAULT_PARALLEL_AXES = 8

/** What the viewer shows: the sweep, its filters and the chosen axes. */
export interface SweepViewState {
  readonly open: boolean
  /** Reading a file, or why the last file was refused. */
  readonly status: { readonly kind: 'idle' } | { readonly kind: 'reading'; readonly fileName: string } | { readonly kind: 'error'; readonly message: string }
  /** Why the last spec file was refused (CSV sweeps). */
  readonly specError: string | null
  readonly data: SweepData | null
  readonly filters: Filters
  readonly xKey: string
  readonly yKey: string
  readonly colourKey: string
  /** Axes of the parallel coordinates, in table order. */
  readonly parallelKeys: ReadonlyArray<string>
  readonly selectedRow: number | null
  /** The table's order: by the colour axis, best first by default. */
  readonly order: SortOrder

  openDialog: () => void
  closeDialog: () => void
  /** Reads a picked file; a refused file leaves the sweep that was open as it was. */
  loadFile: (file: Blob & { readonly name: string }) => Promise<void>
  /** Gives a CSV sweep its spec file. */
  loadSpec: (file: Blob & { readonly name: string }) => Promise<void>
  setFilter: (key: string, filter: AxisFilter | null) => void
  clearFilters: () => void
  setAxes: (patch: Partial<Pick<SweepViewState, 'xKey' | 'yKey' | 'colourKey' | 'order'>>) => void
  toggleParallel: (key: string) => void
  select: (row: number | null) => void
}

/** The view of a newly opened sweep: x the first knob, y the first metric, colour the second metric. */
export function initialView(data: SweepData): Pick<SweepViewState, 'filters' | 'xKey' | 'yKey' | 'colourKey' | 'parallelKeys' | 'selectedRow' | 'order'> {
  const knobs = data.axes.filter((a) => a.role === 'knob')
  const metrics = data.axes.filter((a) => a.role === 'metric')
  // a virtual cohort without knobs: x is a patient's covariate (age, not the sex choice)
  const patients = data.axes.filter((a) => a.role === 'patient')
  const inputs = knobs.length > 0 ? knobs : patients
  const x = inputs.find((a) => !a.categorical) ?? inputs[0] ?? data.axes[0]!
  const y = metrics[0] ?? data.axes[1] ?? x
  const colour = metrics[1] ?? metrics[0] ?? y
  return {
    filters: {}, xKey: x.key, yKey: y.key, colourKey: colour.key,
    // a virtual cohort: every covariate and at least two metrics beside the knobs
    parallelKeys: data.axes.slice(0, Math.max(DEFAULT_PARALLEL_AXES, knobs.length + (patients.length > 0 ? patients.length + 2 : 1))).map((a) => a.key),
    selectedRow: null, order: defaultOrder(colour),
  }
}

/** File text or bytes through the Blob API (the web host's and Electron's file pickers give a File). */
async function bytesOf(file: Blob): Promise<ArrayBuffer> {
  return file.arrayBuffer()
}

export const useSweepStore = create<SweepViewState>()((set, get) => ({
  open: false,
  status: { kind: 'idle' },
  specError: null,
  data: null,
  filters: {},
  xKey: '',
  yKey: '',
  colourKey: '',
  parallelKeys: [],
  selectedRow: null,
  order: 'descending',

  openDialog: () => set({ open: true }),
  closeDialog: () => set({ open: false }),

  loadFile: async (file) => {
    set({ status: { kind: 'reading', fileName: file.name } })
    try {
      const data = await readSweepFile(file.name, await bytesOf(file))
      set({ data, status: { kind: 'idle' }, specError: null, ...initialView(data) })
    } catch (error) {
      const message = error instanceof SweepOpenError ? error.message : `${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}`
      set({ status: { kind: 'error', message } })
    }
  },

  loadSpec: async (file) => {
    const data = get().data
    if (!data) return
    try {
      const text = new TextDecoder('utf-8').decode(await bytesOf(file))
      const withSpec = await attachSpec(data, file.name, text)
      set({ data: withSpec, specError: null })
    } catch (error) {
      set({ specError: error instanceof Error ? error.message : String(error) })
    }
  },

  setFilter: (key, filter) => {
    const next: Record<string, AxisFilter> = { ...get().filters }
    if (filter) next[key] = filter
    else delete next[key]
    set({ filters: next })
  },
  clearFilters: () => set({ filters: {} }),
  setAxes: (patch) => {
    const data = get().data
    // a new colour axis starts best first
    const colour = patch.colourKey !== undefined && patch.order === undefined ? data?.axes.find((a) => a.key === patch.colourKey) : undefined
    set({ ...patch, ...(colour ? { order: defaultOrder(colour) } : {}) })
  },
  toggleParallel: (key) => {
    const { data, parallelKeys } = get()
    if (!data) return
    const on = parallelKeys.includes(key) ? parallelKeys.filter((k) => k !== key) : [...parallelKeys, key]
    set({ parallelKeys: data.axes.map((a) => a.key).filter((k) => on.includes(k)) })
  },
  select: (row) => set({ selectedRow: row }),
}))
