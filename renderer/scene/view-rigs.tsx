import { useEffect, type RefObject } from 'react'
import { useFrame, useThree } from '@react-three/fiber'
import { OrthographicCamera, type PerspectiveCamera, type Plane, Vector3 } from 'three'
import { registerSceneHandle } from './scene-handle'

const tmp = new Vector3()

/**
 * Keeps the cutaway plane facing the camera: it passes through the particle's centre and
 * removes the half nearer the viewer, from any angle. Cross-section caps follow it, and
 * objects marked `userData.billboard` (the diameter bar) turn to face the camera.
 *
 * Why: a fixed plane would show nothing from some presets (e.g. top view of a z-cut). It
 * mutates the plane inside the frame loop (R3F pitfalls: no React state per frame).
 */
export function CutawayRig({ getPlane }: { readonly getPlane: () => Plane }): null {
  useFrame(({ camera, controls, scene }) => {
    const plane = getPlane()
    const target = (controls as unknown as { target?: Vector3 } | null)?.target ?? tmp.set(0, 0, 0)
    const toCamera = camera.position.clone().sub(target).normalize()
    plane.normal.copy(toCamera).negate()
    plane.constant = 0
    scene.traverse((o) => {
      if (o.userData.cap === true) o.quaternion.setFromUnitVectors(new Vector3(0, 0, 1), toCamera)
      if (o.userData.billboard === true) o.quaternion.copy(camera.quaternion)
    })
  })
  return null
}

/** Nice scale-bar lengths: 1, 2, 5 × 10^k nm. */
export function niceLength(maxNm: number): number {
  if (!(maxNm > 0)) return 0
  const exp = Math.floor(Math.log10(maxNm))
  for (const m of [5, 2, 1]) {
    const v = m * 10 ** exp
    if (v <= maxNm) return v
  }
  return 10 ** exp
}

/** Length a scale bar aims for, px: 140 px, or 12 % of a wide view (rounded down to a 1-2-5 length in nm). */
export function scaleBarTargetPx(viewWidthPx: number): number {
  return Math.max(140, 0.12 * viewWidthPx)
}

/** Pixels per nm at the orbit target for either projection. */
export function pixelsPerNm(camera: PerspectiveCamera | OrthographicCamera, target: Vector3, heightPx: number): number {
  if (camera instanceof OrthographicCamera) return camera.zoom * (heightPx / Math.max(camera.top - camera.bottom, 1e-9))
  const d = camera.position.distanceTo(target)
  const visible = 2 * d * Math.tan((camera.fov * Math.PI) / 360)
  return heightPx / visible
}

/**
 * Updates a DOM scale bar (outside the canvas) after each camera change: a bar of a round
 * length (1, 2, 5 × 10^k nm) about 120 px long at the particle's centre.
 *
 * Why: writes the DOM node directly from the frame loop, so orbiting never re-renders React.
 */
export function ScaleBarRig({ barRef, labelRef }: { readonly barRef: RefObject<HTMLElement | null>; readonly labelRef: RefObject<HTMLElement | null> }): null {
  useFrame(({ camera, controls, size }) => {
    const bar = barRef.current
    const label = labelRef.current
    if (!bar || !label) return
    const target = (controls as unknown as { target?: Vector3 } | null)?.target ?? tmp.set(0, 0, 0)
    const ppn = pixelsPerNm(camera as PerspectiveCamera | OrthographicCamera, target, size.height)
    if (!(ppn > 0) || !Number.isFinite(ppn)) return
    // About 140 px, or 12 % of the view's width on large screens, so the bar stays readable at 4K.
    const nm = niceLength(scaleBarTargetPx(size.width) / ppn)
    const px = nm * ppn
    bar.style.width = `${px.toFixed(1)}px`
    const text = `${nm.toLocaleString('en-US')} nm`
    if (label.textContent !== text) label.textContent = text
  })
  return null
}

/** Registers this canvas's renderer, scene and camera under `id` for export. */
export function SceneHandleRig({ id }: { readonly id: string }): null {
  const get = useThree((s) => s.get)
  useEffect(() => registerSceneHandle(id, () => {
    const s = get()
    const target = (s.controls as unknown as { target?: Vector3 } | null)?.target ?? null
    return { gl: s.gl, scene: s.scene, camera: s.camera, size: s.size, invalidate: s.invalidate, target }
  }), [id, get])
  return null
}
