import { useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import { type InstancedMesh, type Sprite, Vector3, type WebGLRenderer } from 'three'

/** The GPU renderer string, for test logs (SwiftShader in CI). */
function rendererName(gl: WebGLRenderer): string {
  const ctx = gl.getContext()
  const ext = ctx.getExtension('WEBGL_debug_renderer_info')
  const name: unknown = ext ? ctx.getParameter(ext.UNMASKED_RENDERER_WEBGL) : ctx.getParameter(ctx.RENDERER)
  return typeof name === 'string' ? name : 'unknown'
}

/**
 * Renders each frame and then publishes `window.__nanoforgeScene` ({ frame, calls,
 * triangles, instances (ligands), allInstances, renderer, labelsPx }) from `gl.info.render`.
 *
 * Why: three resets `gl.info` at the start of every render, so a normal useFrame callback
 * (which runs before the render) would only ever see the previous frame; with on-demand
 * rendering the last frame would never be reported. Taking over the render (priority 1)
 * lets the probe read the numbers of the frame just drawn. It writes a plain window field,
 * never React state (R3F pitfalls: no setState in useFrame). Tests and the bench read it.
 */
export function SceneProbe(): null {
  const frame = useRef(0)
  const name = useRef<string | null>(null)
  useFrame(({ gl, scene, camera, size }) => {
    gl.render(scene, camera)
    frame.current += 1
    name.current ??= rendererName(gl)
    let instances = 0
    let allInstances = 0
    scene.traverseVisible((o) => {
      if (!(o as InstancedMesh).isInstancedMesh) return
      allInstances += (o as InstancedMesh).count
      if (o.name === 'ligands') instances += (o as InstancedMesh).count
    })
    // Text sprites' heights on screen (px): each sprite's world height projected through the
    // camera, so tests measure what is drawn however the size was chosen.
    const labelsPx: number[] = []
    const up = new Vector3(0, 1, 0).applyQuaternion(camera.quaternion)
    scene.traverseVisible((o) => {
      if (!(o as Sprite).isSprite || (o.name !== 'layer-label' && o.name !== 'diameter-label')) return
      const centre = o.getWorldPosition(new Vector3())
      const height = o.getWorldScale(new Vector3()).y
      const top = centre.clone().addScaledVector(up, height / 2).project(camera)
      const bottom = centre.clone().addScaledVector(up, -height / 2).project(camera)
      labelsPx.push(Math.round(((top.y - bottom.y) / 2) * size.height * 10) / 10)
    })
    window.__nanoforgeScene = {
      labelsPx,
      frame: frame.current,
      calls: gl.info.render.calls,
      triangles: gl.info.render.triangles,
      instances,
      allInstances,
      renderer: name.current,
    }
  }, 1)
  return null
}
