import { useEffect, useMemo, useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import { BufferGeometry, type Camera, Float32BufferAttribute, OrthographicCamera, PerspectiveCamera, type Sprite, Vector3 } from 'three'
import { typeScale } from '../lib/type-scale'
import { fitLabelColumn, labelLayers } from './layer-label-placement'
import { makeLabel } from './scene-label'
import type { SceneModel } from './scene-model'

/** Default label height on screen, px, at the 14-px root font of a ≤ 1920-px window (the box; its text is 1/1.4 of it). */
export const LAYER_LABEL_PX = 17

/**
 * Label height on screen for the app's root font: 17 px at 14 px (text ≈ 12 px), growing with
 * the type above 1920 px (25 px at 4K) so 3D labels are not the smallest text on a 4K screen.
 */
export function layerLabelPx(rootPx: number): number {
  return Math.round(LAYER_LABEL_PX * typeScale(rootPx))
}

/** Scene nanometres per screen pixel at the orbit target, for either camera; 0 when unknown. */
export function viewNmPerPx(camera: Camera, target: Vector3, heightPx: number): number {
  const distance = camera.position.distanceTo(target)
  let visibleHeightNm = 0
  if (camera instanceof PerspectiveCamera) visibleHeightNm = 2 * distance * Math.tan((camera.fov * Math.PI) / 360)
  else if (camera instanceof OrthographicCamera) visibleHeightNm = (camera.top - camera.bottom) / camera.zoom
  return visibleHeightNm > 0 && heightPx > 0 ? visibleHeightNm / heightPx : 0
}

const origin = new Vector3()

/**
 * Labels of the core and each shell, with leader lines, in a group that turns to face the
 * camera every frame (the view rig's `billboard`), so they stay readable from any angle.
 *
 * Why sprites with canvas text inside the scene (not DOM): they follow the particle when the
 * camera orbits and appear in PNG exports; they are drawn on top (no depth test) and never
 * clipped by the cutaway. Every frame they are resized to `labelPx` on screen and kept inside
 * the view ({@link fitLabelColumn}): the same size whatever the zoom, never cut at the edge of
 * a narrow side-by-side view.
 */
export function LayerLabels({ model, nameOf, labelPx = LAYER_LABEL_PX }: {
  readonly model: SceneModel
  readonly nameOf: (id: string) => string
  readonly labelPx?: number
}): React.JSX.Element | null {
  const layers = useMemo(() => labelLayers(model, nameOf), [model, nameOf])
  const labels = useMemo(() => layers.map((l) => makeLabel(l.text, 'rgba(15, 20, 32, 0.82)')), [layers])
  useEffect(() => () => labels.forEach((l) => l.texture.dispose()), [labels])
  const leaders = useMemo(() => {
    const g = new BufferGeometry()
    g.setAttribute('position', new Float32BufferAttribute(new Float32Array(layers.length * 6), 3))
    return g
  }, [layers])
  useEffect(() => () => leaders.dispose(), [leaders])
  const sprites = useRef<Array<Sprite | null>>([])

  useFrame(({ camera, size, controls }) => {
    const target = (controls as unknown as { target?: Vector3 } | null)?.target ?? origin
    const distance = camera.position.distanceTo(target)
    let visibleHeightNm = 0
    if (camera instanceof PerspectiveCamera) visibleHeightNm = 2 * distance * Math.tan((camera.fov * Math.PI) / 360)
    else if (camera instanceof OrthographicCamera) visibleHeightNm = (camera.top - camera.bottom) / camera.zoom
    if (!(visibleHeightNm > 0) || !(size.height > 0)) return
    const nmPerPx = visibleHeightNm / size.height
    const column = fitLabelColumn(layers, labels.map((l) => l.aspect), {
      outerRadiusNm: model.outerRadiusNm, halfWidthNm: (size.width / 2) * nmPerPx, halfHeightNm: visibleHeightNm / 2, nmPerPx,
    }, labelPx)
    const positions = leaders.getAttribute('position') as Float32BufferAttribute
    labels.forEach((label, i) => {
      const sprite = sprites.current[i]
      const y = column.ys[i] ?? 0
      const width = column.heightNm * label.aspect
      if (sprite) {
        sprite.position.set(column.x + width / 2, y, 0)
        sprite.scale.set(width, column.heightNm, 1)
      }
      const anchor = column.anchors[i] ?? [0, 0]
      positions.setXYZ(2 * i, anchor[0], anchor[1], 0)
      positions.setXYZ(2 * i + 1, column.x - 2 * nmPerPx, y, 0)
    })
    positions.needsUpdate = true
    leaders.computeBoundingSphere()
  })

  if (layers.length === 0) return null
  return (
    <group name="layer-labels" userData={{ billboard: true }}>
      <lineSegments geometry={leaders} renderOrder={99} frustumCulled={false}>
        <lineBasicMaterial color="#d7dee9" depthTest={false} transparent opacity={0.85} />
      </lineSegments>
      {labels.map((label, i) => (
        <sprite
          key={layers[i]!.key}
          name="layer-label"
          ref={(s) => {
            sprites.current[i] = s
          }}
          renderOrder={100}
          frustumCulled={false}
        >
          <spriteMaterial map={label.texture} transparent depthTest={false} toneMapped={false} />
        </sprite>
      ))}
    </group>
  )
}
