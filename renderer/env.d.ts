/// <reference types="vite/client" />
import type { NanoApi } from '../shared/ipc/contract'

/**
 * What the scene test hook publishes after each rendered frame (renderer/scene/scene-probe.tsx).
 *
 * Why: end-to-end tests and the bench read draw calls, triangles and instance counts from
 * the real WebGL renderer instead of trusting React props.
 */
export interface NanoforgeSceneInfo {
  /** Frames rendered since the canvas mounted. */
  readonly frame: number
  /** Draw calls of the last frame (gl.info.render.calls). */
  readonly calls: number
  /** Triangles of the last frame (gl.info.render.triangles). */
  readonly triangles: number
  /** Ligand instances drawn (the visible InstancedMesh named "ligands"); 0 without ligands. */
  readonly instances: number
  /** Sum of the visible instance counts of every InstancedMesh (ligands, PEG chains, payload dots). */
  readonly allInstances: number
  /** The WebGL renderer string (UNMASKED_RENDERER_WEBGL when available). */
  readonly renderer: string
  /** Heights on screen, px, of the text sprites drawn (layer labels and the diameter label). */
  readonly labelsPx: ReadonlyArray<number>
}

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in the web host, where the HTTP bridge is used. */
    nanoApi?: NanoApi
    /** Written by the scene probe for tests; never read by the app. */
    __nanoforgeScene?: NanoforgeSceneInfo
  }
}
