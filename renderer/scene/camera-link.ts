/** Where a camera stands: position, orbit target and (orthographic) zoom, in scene units (nm). */
export interface CameraPose {
  readonly position: readonly [number, number, number]
  readonly target: readonly [number, number, number]
  readonly zoom: number
}

/** Views that share one camera: whatever one view's controls do, the others follow. */
export interface CameraLink {
  /** A view announces its new pose; every other subscriber receives it. */
  publish: (from: string, pose: CameraPose) => void
  /** Receive the poses of the other views; returns the unsubscribe function. */
  subscribe: (id: string, onPose: (pose: CameraPose) => void) => () => void
  /** The last pose published, so a view that mounts late starts where the others are. */
  readonly last: () => CameraPose | null
}

/**
 * A camera link for views side by side (presentation mode).
 *
 * Why plain callbacks rather than a store: poses change every frame of an orbit drag; they
 * are applied to the other cameras directly (no React render) and each view renders on
 * demand only when a pose arrives.
 */
export function createCameraLink(): CameraLink {
  const listeners = new Map<string, (pose: CameraPose) => void>()
  let last: CameraPose | null = null
  return {
    publish(from, pose) {
      last = pose
      for (const [id, onPose] of listeners) if (id !== from) onPose(pose)
    },
    subscribe(id, onPose) {
      listeners.set(id, onPose)
      return () => {
        if (listeners.get(id) === onPose) listeners.delete(id)
      }
    },
    last: () => last,
  }
}
