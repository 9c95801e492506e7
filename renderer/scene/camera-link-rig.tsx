import { useEffect, useRef } from 'react'
import { useThree } from '@react-three/fiber'
import { OrthographicCamera, Vector3 } from 'three'
import type { CameraLink, CameraPose } from './camera-link'

type Controls = { target: Vector3; update: () => void; addEventListener: (t: 'change', f: () => void) => void; removeEventListener: (t: 'change', f: () => void) => void }

const tmp = new Vector3()

/**
 * Joins this canvas's camera to a {@link CameraLink}: orbiting or zooming here moves the
 * other views the same way, and their moves are applied here.
 *
 * Why: side-by-side designs are compared "with the same camera" (issue 6), so a difference
 * on screen is a difference in the particles, not in the viewing angle or distance. A pose
 * applied from the link does not echo back (the change it causes is not re-published).
 */
export function CameraLinkRig({ link, id }: { readonly link: CameraLink; readonly id: string }): null {
  const controls = useThree((s) => s.controls) as unknown as Controls | null
  const camera = useThree((s) => s.camera)
  const invalidate = useThree((s) => s.invalidate)
  const applying = useRef(false)

  useEffect(() => {
    if (!controls) return
    const apply = (pose: CameraPose): void => {
      applying.current = true
      try {
        camera.position.set(...pose.position)
        controls.target.set(...pose.target)
        if (camera instanceof OrthographicCamera && camera.zoom !== pose.zoom) {
          camera.zoom = pose.zoom
          camera.updateProjectionMatrix()
        }
        camera.lookAt(controls.target)
        controls.update()
      } finally {
        applying.current = false
      }
      invalidate()
    }
    const onChange = (): void => {
      if (applying.current) return
      const t = controls.target
      const zoom = camera instanceof OrthographicCamera ? camera.zoom : 1
      link.publish(id, { position: camera.position.toArray(), target: [t.x, t.y, t.z], zoom })
    }
    const off = link.subscribe(id, apply)
    const last = link.last()
    if (last && tmp.fromArray(last.position).distanceTo(camera.position) > 1e-6) apply(last)
    controls.addEventListener('change', onChange)
    return () => {
      off()
      controls.removeEventListener('change', onChange)
    }
  }, [controls, camera, invalidate, link, id])
  return null
}
