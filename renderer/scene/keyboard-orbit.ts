import { useEffect } from 'react'
import { useThree } from '@react-three/fiber'
import { OrthographicCamera, Spherical, Vector3 } from 'three'

/** Degrees the camera turns per arrow-key press (Shift: fine steps). */
export const ORBIT_STEP_DEG = 15
export const ORBIT_FINE_STEP_DEG = 3
/** Zoom factor per +/− press. */
export const ZOOM_STEP = 1.2

/** What one key does to the camera, or null when the key is not an orbit key. */
export type OrbitStep =
  | { readonly kind: 'rotate'; readonly azimuthRad: number; readonly polarRad: number }
  | { readonly kind: 'zoom'; readonly factor: number }

/**
 * The camera move of a key press on the focused 3D view: ←/→ turn around the vertical axis,
 * ↑/↓ tilt over or under, +/− (or PageUp/PageDown) zoom in and out; Shift makes a fine step.
 * Pure, so the mapping is unit tested.
 */
export function orbitStepFor(key: string, shiftKey: boolean): OrbitStep | null {
  const step = ((shiftKey ? ORBIT_FINE_STEP_DEG : ORBIT_STEP_DEG) * Math.PI) / 180
  switch (key) {
    case 'ArrowLeft': return { kind: 'rotate', azimuthRad: -step, polarRad: 0 }
    case 'ArrowRight': return { kind: 'rotate', azimuthRad: step, polarRad: 0 }
    case 'ArrowUp': return { kind: 'rotate', azimuthRad: 0, polarRad: -step }
    case 'ArrowDown': return { kind: 'rotate', azimuthRad: 0, polarRad: step }
    case '+': case '=': case 'PageUp': return { kind: 'zoom', factor: ZOOM_STEP }
    case '-': case '_': case 'PageDown': return { kind: 'zoom', factor: 1 / ZOOM_STEP }
    default: return null
  }
}

/** Smallest angle kept between the camera and the poles (rad), so "up" stays defined. */
const POLE_MARGIN_RAD = 1e-3

/**
 * The camera offset from the orbit target after turning by `azimuthRad` around the y axis
 * and tilting by `polarRad` from it, at the same distance; the tilt stops just short of the
 * poles (as OrbitControls does), where the view's up direction would flip.
 */
export function orbitOffset(offset: Vector3, azimuthRad: number, polarRad: number): Vector3 {
  const s = new Spherical().setFromVector3(offset)
  s.theta += azimuthRad
  s.phi = Math.min(Math.PI - POLE_MARGIN_RAD, Math.max(POLE_MARGIN_RAD, s.phi + polarRad))
  return new Vector3().setFromSpherical(s)
}

type Controls = { target?: Vector3; minDistance?: number; maxDistance?: number; minZoom?: number; maxZoom?: number; update?: () => void } | null

/**
 * Makes the 3D canvas a keyboard stop: it gets tabindex 0, an accessible name saying which
 * keys orbit, and arrow/zoom keys move the camera through the orbit controls (so linked
 * side-by-side views follow, and the controls' distance and zoom limits hold).
 *
 * Why on the canvas element: the keys act only while the view has focus, so arrow keys in a
 * slider or a tab list keep their own meaning; the focus ring is drawn by CSS (:focus-visible).
 */
export function KeyboardOrbitRig({ label }: { readonly label: string }): null {
  const gl = useThree((s) => s.gl)
  const get = useThree((s) => s.get)
  const invalidate = useThree((s) => s.invalidate)
  useEffect(() => {
    const canvas = gl.domElement
    canvas.setAttribute('tabindex', '0')
    canvas.setAttribute('role', 'img')
    canvas.setAttribute('aria-label', `${label}. Arrow keys orbit, + and − zoom (Shift for fine steps).`)
    canvas.setAttribute('data-pane-focus', '')
    const onKey = (e: KeyboardEvent): void => {
      if (e.altKey || e.ctrlKey || e.metaKey) return
      const step = orbitStepFor(e.key, e.shiftKey)
      if (!step) return
      e.preventDefault()
      e.stopPropagation()
      const { camera, controls } = get()
      const ctl = controls as unknown as Controls
      const target = ctl?.target ?? new Vector3()
      if (step.kind === 'rotate') {
        camera.position.copy(target).add(orbitOffset(camera.position.clone().sub(target), step.azimuthRad, step.polarRad))
        camera.lookAt(target)
      } else if (camera instanceof OrthographicCamera) {
        camera.zoom = clamp(camera.zoom * step.factor, ctl?.minZoom ?? 0, ctl?.maxZoom ?? Infinity)
        camera.updateProjectionMatrix()
      } else {
        const offset = camera.position.clone().sub(target)
        offset.setLength(clamp(offset.length() / step.factor, ctl?.minDistance ?? 0, ctl?.maxDistance ?? Infinity))
        camera.position.copy(target).add(offset)
      }
      ctl?.update?.()
      invalidate()
    }
    canvas.addEventListener('keydown', onKey)
    return () => canvas.removeEventListener('keydown', onKey)
  }, [gl, get, invalidate, label])
  return null
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v))
}
