import type { Camera, Scene, Vector3, WebGLRenderer } from 'three'

/** What export needs from a mounted canvas. */
export interface SceneHandle {
  readonly gl: WebGLRenderer
  readonly scene: Scene
  readonly camera: Camera
  readonly size: { readonly width: number; readonly height: number }
  readonly invalidate: () => void
  /** The orbit target (the particle's centre), where the scale bar is measured; null without controls. */
  readonly target?: Vector3 | null
}

const handles = new Map<string, () => SceneHandle>()

/**
 * Register a canvas under an id (the builder view is "builder"); returns the unregister.
 *
 * Why: export (PNG, GLB) runs outside the React tree of the canvas; a tiny registry hands it
 * the live renderer without putting three objects into a store.
 */
export function registerSceneHandle(id: string, getHandle: () => SceneHandle): () => void {
  handles.set(id, getHandle)
  return () => {
    if (handles.get(id) === getHandle) handles.delete(id)
  }
}

/** The live handle of a canvas, or null when it is not mounted. */
export function getSceneHandle(id: string): SceneHandle | null {
  return handles.get(id)?.() ?? null
}
