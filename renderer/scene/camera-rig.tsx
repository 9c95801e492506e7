import { useLayoutEffect, useRef } from 'react'
import { useThree } from '@react-three/fiber'
import { OrthographicCamera, PerspectiveCamera, Vector3 } from 'three'
import { CAMERA_DIRECTIONS, type CameraPreset } from '../stores/view-store'

/** Props of {@link CameraRig}. */
export interface CameraRigProps {
  /** Radius of what must stay in view (the outer surface), nm. */
  readonly radiusNm: number
  /** The last camera preset asked for; a new `seq` re-applies it (reset, presets, arrow keys). */
  readonly request: { readonly preset: CameraPreset; readonly seq: number }
}

/** Camera distance at which a sphere of this radius fills the view with a margin. */
export function fitDistance(radius: number, fovDeg: number, aspect: number): number {
  const halfV = (fovDeg * Math.PI) / 360
  const halfH = Math.atan(Math.tan(halfV) * Math.max(aspect, 0.1))
  const half = Math.min(halfV, halfH)
  return (radius * 1.55) / Math.sin(half)
}

/** Orthographic zoom (pixels per nm) at which a sphere of this radius fills the view with a margin. */
export function fitZoom(radius: number, widthPx: number, heightPx: number): number {
  return Math.min(widthPx, heightPx) / (2 * radius * 1.55)
}

type Controls = { target?: Vector3; minDistance?: number; maxDistance?: number; minZoom?: number; maxZoom?: number; update?: () => void } | null

/**
 * Keeps the particle framed in either projection: fits on mount, when a camera preset is
 * requested, when the projection changes, and when the particle grows or shrinks out of a
 * comfortable band; keeps near/far planes and zoom limits in scale.
 *
 * Why: diameters span 1-5000 nm at 1 unit = 1 nm. Re-fitting only outside the band means a
 * slider drag visibly changes the particle's size instead of being cancelled by the camera.
 */
export function CameraRig({ radiusNm, request }: CameraRigProps): null {
  const get = useThree((s) => s.get)
  const invalidate = useThree((s) => s.invalidate)
  const hasControls = useThree((s) => s.controls !== null)
  const cameraObject = useThree((s) => s.camera)
  const size = useThree((s) => s.size)
  const applied = useRef<{ seq: number; camera: unknown } | null>(null)

  useLayoutEffect(() => {
    if (!(radiusNm > 0)) return
    const { controls, camera } = get()
    const ctl = controls as unknown as Controls
    const target = ctl?.target ?? new Vector3()
    const aspect = size.width / Math.max(size.height, 1)
    const fov = camera instanceof PerspectiveCamera ? camera.fov : 40
    const ideal = fitDistance(radiusNm, fov, aspect)
    const fresh = applied.current?.seq !== request.seq || applied.current.camera !== camera
    const offset = camera.position.clone().sub(target)
    if (fresh || !(offset.length() > 0)) {
      const [x, y, z] = CAMERA_DIRECTIONS[request.preset]
      offset.set(x, y, z)
    }
    if (camera instanceof OrthographicCamera) {
      const zoom = fitZoom(radiusNm, size.width, size.height)
      if (fresh || camera.zoom < zoom * 0.4 || camera.zoom > zoom * 2.5) camera.zoom = zoom
      offset.setLength(ideal)
      camera.position.copy(target).add(offset)
      camera.near = 0.01
      camera.far = ideal * 20
      if (ctl) {
        ctl.minZoom = zoom * 0.3
        ctl.maxZoom = zoom * 40
      }
    } else {
      const current = offset.length()
      if (fresh || current < ideal * 0.5 || current > ideal * 2.5) offset.setLength(ideal)
      camera.position.copy(target).add(offset)
      camera.near = Math.max(radiusNm * 0.01, 0.001)
      camera.far = ideal * 20
      if (ctl) {
        ctl.minDistance = radiusNm * 1.1
        ctl.maxDistance = ideal * 8
      }
    }
    camera.lookAt(target)
    camera.updateProjectionMatrix()
    ctl?.update?.()
    applied.current = { seq: request.seq, camera }
    invalidate()
  }, [radiusNm, request, cameraObject, hasControls, size.width, size.height, get, invalidate])

  return null
}
