import { create } from 'zustand'

/** Named camera directions; "reset" returns to the start view (oblique). */
export type CameraPreset = 'front' | 'top' | 'oblique'

/** Camera presets in the order arrow keys step through them (presentation mode). */
export const CAMERA_PRESETS: ReadonlyArray<CameraPreset> = ['oblique', 'front', 'top']

/** Human names of the presets, for buttons and announcements. */
export const CAMERA_PRESET_LABELS: Readonly<Record<CameraPreset, string>> = {
  front: 'Front', top: 'Top', oblique: 'Oblique',
}

/** Unit direction from the target to the camera for each preset. */
export const CAMERA_DIRECTIONS: Readonly<Record<CameraPreset, readonly [number, number, number]>> = {
  front: [0, 0, 1],
  top: [0, 1, 0.0001],
  oblique: [0.55, 0.4, 0.73],
}

/** What can be selected in the scene and in the property panel. */
export type Selection =
  | { readonly kind: 'core' }
  | { readonly kind: 'coating'; readonly index: number }
  | { readonly kind: 'ligands' }
  | { readonly kind: 'payload' }

/** Section id in the property panel for a selection (scroll target, highlight key). */
export function selectionKey(s: Selection | null): string | null {
  if (!s) return null
  return s.kind === 'coating' ? `coating-${s.index}` : s.kind
}

/** Camera, cutaway, projection and selection of the 3D view. */
export interface ViewState {
  readonly cutaway: boolean
  readonly projection: 'perspective' | 'orthographic'
  readonly labels: boolean
  /** Last requested camera preset and a counter, so asking for the same preset again re-applies it. */
  readonly cameraRequest: { readonly preset: CameraPreset; readonly seq: number }
  readonly selection: Selection | null
  /** Where the selection came from: the scene scrolls the panel, the panel does not scroll itself. */
  readonly selectionSource: 'scene' | 'panel' | null
  readonly presentation: boolean

  setCutaway: (on: boolean) => void
  toggleCutaway: () => void
  setProjection: (p: ViewState['projection']) => void
  toggleProjection: () => void
  setLabels: (on: boolean) => void
  requestCamera: (preset: CameraPreset) => void
  /** Step through {@link CAMERA_PRESETS} (arrow keys in presentation mode). */
  stepCamera: (by: 1 | -1) => void
  resetCamera: () => void
  select: (s: Selection | null, source: 'scene' | 'panel') => void
  setPresentation: (on: boolean) => void
}

/**
 * The view store: how the particle is looked at, separate from what it is.
 *
 * Why: one store per concern (style anchors §3); view changes are not design edits, so they
 * never enter undo history or make the design dirty. The scene reads it, toolbar buttons and
 * keyboard shortcuts write it.
 */
export const useViewStore = create<ViewState>()((set, get) => ({
  cutaway: false,
  projection: 'perspective',
  labels: true,
  cameraRequest: { preset: 'oblique', seq: 0 },
  selection: null,
  selectionSource: null,
  presentation: false,

  setCutaway: (cutaway) => set({ cutaway }),
  toggleCutaway: () => set((s) => ({ cutaway: !s.cutaway })),
  setProjection: (projection) => set({ projection }),
  toggleProjection: () => set((s) => ({ projection: s.projection === 'perspective' ? 'orthographic' : 'perspective' })),
  setLabels: (labels) => set({ labels }),
  requestCamera: (preset) => set((s) => ({ cameraRequest: { preset, seq: s.cameraRequest.seq + 1 } })),
  stepCamera: (by) => {
    const { preset } = get().cameraRequest
    const i = CAMERA_PRESETS.indexOf(preset)
    const next = CAMERA_PRESETS[(i + by + CAMERA_PRESETS.length) % CAMERA_PRESETS.length]
    get().requestCamera(next)
  },
  resetCamera: () => get().requestCamera('oblique'),
  select: (selection, source) => set({ selection, selectionSource: selection ? source : null }),
  setPresentation: (presentation) => set({ presentation }),
}))
