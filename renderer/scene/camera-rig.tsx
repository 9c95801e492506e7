import { useLayoutEffect, useRef } from 'react'
import { useThree } from '@react-three/fiber'
import { PerspectiveCamera, Vector3 } from 'three'

/** Props of {@link CameraRig}. */
export interface CameraRigProps {
  /** Radius of what must stay in view (the outer surface), nm. */
  readonly radiusNm: number
}

/** Camera distance at which a sphere of this radius fills the view with a margin. */
export function fitDistance(radius: number, fovDeg: number, aspect: number): number {
  const halfV = (fovDeg * Math.PI) / 360
  const halfH = Math.atan(Math.tan(halfV) * Math.max(aspect, 0.1))
  const half = Math.min(halfV, halfH)
  return (radius * 1.55) / Math.sin(half)
}

/**
 * Keeps the particle framed: fits the camera on mount and whenever the particle grows or
 * shrinks out of a comfortable band, and keeps near/far planes and zoom limits in scale.
 *
 * Why: diameters span 1-5000 nm at 1 unit = 1 nm, so a fixed camera would lose the particle.
 * Re-fitting only outside the band means a slider drag visibly changes the particle's size
 * on screen instead of being cancelled out by the camera. Camera presets and reset (issue 6)
 * call the same fit.
 */
export function CameraRig({ radiusNm }: CameraRigProps): null {
  const get = useThree((s) => s.get)
  const invalidate = useThree((s) => s.invalidate)
  // Re-run once the default controls register; mutate them only through get() (R3F state, not React state).
  const hasControls = useThree((s) => s.controls !== null)
  const size = useThree((s) => s.size)
  const fitted = useRef(false)

  useLayoutEffect(() => {
    if (!(radiusNm > 0)) return
    const { camera, controls } = get()
    if (!(camera instanceof PerspectiveCamera)) return
    const ctl = controls as unknown as { target?: Vector3; minDistance?: number; maxDistance?: number; update?: () => void } | null
    const target = ctl?.target ?? new Vector3()
    const ideal = fitDistance(radiusNm, camera.fov, size.width / Math.max(size.height, 1))
    const offset = camera.position.clone().sub(target)
    const current = offset.length()
    if (!fitted.current || !(current > 0) || current < ideal * 0.5 || current > ideal * 2.5) {
      if (!(current > 0)) offset.set(0, 0, 1)
      offset.setLength(ideal)
      camera.position.copy(target).add(offset)
      fitted.current = true
    }
    camera.near = Math.max(radiusNm * 0.01, 0.001)
    camera.far = ideal * 20
    camera.updateProjectionMatrix()
    if (ctl) {
      ctl.minDistance = radiusNm * 1.1
      ctl.maxDistance = ideal * 8
      ctl.update?.()
    }
    invalidate()
  }, [radiusNm, hasControls, size.width, size.height, get, invalidate])

  return null
}
