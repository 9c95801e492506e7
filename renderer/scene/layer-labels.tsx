import { useEffect, useMemo } from 'react'
import { BufferGeometry, Float32BufferAttribute } from 'three'
import { LABEL_HEIGHT, layerLabelPlacements } from './layer-label-placement'
import { makeLabel } from './scene-label'
import type { SceneModel } from './scene-model'

/**
 * Labels of the core and each shell, with leader lines, in a group that turns to face the
 * camera every frame (the view rig's `billboard`), so they stay readable from any angle.
 *
 * Why sprites with canvas text inside the scene (not DOM): they follow the particle when the
 * camera orbits or zooms and appear in PNG exports; they are drawn on top (no depth test) and
 * are never clipped by the cutaway. Their height scales with the particle, so at the framed
 * distance they stay the same size on screen, large enough for presentation mode.
 */
export function LayerLabels({ model, nameOf }: { readonly model: SceneModel; readonly nameOf: (id: string) => string }): React.JSX.Element | null {
  const placements = useMemo(() => layerLabelPlacements(model, nameOf), [model, nameOf])
  const leaders = useMemo(() => {
    const g = new BufferGeometry()
    const points = placements.flatMap((p) => [p.anchor[0], p.anchor[1], 0, p.at[0] - model.outerRadiusNm * 0.02, p.at[1], 0])
    g.setAttribute('position', new Float32BufferAttribute(points, 3))
    return g
  }, [placements, model.outerRadiusNm])
  useEffect(() => () => leaders.dispose(), [leaders])
  if (placements.length === 0) return null
  const h = model.outerRadiusNm * LABEL_HEIGHT
  return (
    <group name="layer-labels" userData={{ billboard: true }}>
      <lineSegments geometry={leaders} renderOrder={99}>
        <lineBasicMaterial color="#d7dee9" depthTest={false} transparent opacity={0.85} />
      </lineSegments>
      {placements.map((p) => <LayerLabel key={p.key} text={p.text} x={p.at[0]} y={p.at[1]} height={h} />)}
    </group>
  )
}

function LayerLabel({ text, x, y, height }: { readonly text: string; readonly x: number; readonly y: number; readonly height: number }): React.JSX.Element {
  const label = useMemo(() => makeLabel(text, 'rgba(15, 20, 32, 0.78)'), [text])
  useEffect(() => () => label.texture.dispose(), [label])
  const width = height * label.aspect
  return (
    <sprite name="layer-label" position={[x + width / 2, y, 0]} scale={[width, height, 1]} renderOrder={100}>
      <spriteMaterial map={label.texture} transparent depthTest={false} toneMapped={false} />
    </sprite>
  )
}
