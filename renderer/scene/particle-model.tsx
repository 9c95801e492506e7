import { useEffect, useMemo } from 'react'
import {
  BufferGeometry, CanvasTexture, Float32BufferAttribute, FrontSide, SRGBColorSpace, SphereGeometry,
} from 'three'
import { coreColour, shellColour } from './scene-palette'
import { meanSphereSpacing } from '../../shared/geometry/sphere-points'
import { LigandInstances } from './ligand-instances'
import type { SceneModel } from './scene-model'

/** Props of {@link ParticleModel}. */
export interface ParticleModelProps {
  readonly model: SceneModel
}

/** Materials that look metallic (gold, iron oxide); drawn with some metalness. */
const METALLIC = new Set(['gold', 'iron-oxide'])

/**
 * The particle, to scale (1 scene unit = 1 nm): a solid core, each coating layer as its own
 * translucent shell, and the ligands on the outer surface.
 *
 * Why: one shared unit sphere scaled per layer, so dragging the diameter slider changes a
 * transform instead of rebuilding geometry. Shells are drawn back to front by radius
 * (renderOrder) with depthWrite off, so inner layers stay visible through outer ones.
 */
export function ParticleModel({ model }: ParticleModelProps): React.JSX.Element {
  const unitSphere = useMemo(() => new SphereGeometry(1, 64, 48), [])
  useEffect(() => () => unitSphere.dispose(), [unitSphere])
  const shellsOuterFirst = [...model.shells].sort((a, b) => b.outerRadiusNm - a.outerRadiusNm)
  return (
    <group name="particle">
      {model.core && (
        <mesh name="core" geometry={unitSphere} scale={model.core.radiusNm}>
          <meshStandardMaterial
            color={coreColour(model.core.material)}
            roughness={METALLIC.has(model.core.material) ? 0.3 : 0.6}
            metalness={METALLIC.has(model.core.material) ? 0.5 : 0.05}
          />
        </mesh>
      )}
      {shellsOuterFirst.map((shell, i) => (
        <mesh
          key={`${shell.kind}-${i}`}
          name={`shell-${shell.kind}`}
          geometry={unitSphere}
          scale={shell.outerRadiusNm}
          renderOrder={1 + i}
        >
          <meshStandardMaterial
            color={shellColour(shell.kind, shell.material)}
            transparent
            opacity={0.28}
            depthWrite={false}
            side={FrontSide}
            roughness={0.8}
          />
        </mesh>
      ))}
      <LigandInstances
        ligands={model.ligands}
        radiusNm={model.outerRadiusNm}
        spacingNm={meanSphereSpacing(model.drawnLigandCount, model.outerRadiusNm)}
      />
      <DiameterMeasure radiusNm={model.outerRadiusNm} />
    </group>
  )
}

/** Props of {@link DiameterMeasure}. */
export interface DiameterMeasureProps {
  /** Radius of the outer surface, nm. */
  readonly radiusNm: number
}

/**
 * A dimension line under the particle spanning its outer diameter, labelled in nm.
 *
 * Why: a labelled measurement drawn in scene units is correct in any projection and at any
 * zoom, unlike a screen-space scale bar in a perspective view. The label is a sprite with a
 * canvas texture (not DOM), so it is part of the rendered image and of PNG exports.
 */
export function DiameterMeasure({ radiusNm }: DiameterMeasureProps): React.JSX.Element | null {
  const geometry = useMemo(() => {
    const g = new BufferGeometry()
    const t = 0.06
    // Unit bar from x = -1 to x = 1 with end ticks; scaled by the radius.
    g.setAttribute('position', new Float32BufferAttribute([-1, 0, 0, 1, 0, 0, -1, -t, 0, -1, t, 0, 1, -t, 0, 1, t, 0], 3))
    return g
  }, [])
  useEffect(() => () => geometry.dispose(), [geometry])
  const label = useMemo(() => makeLabel(`Outer Ø ${formatNm(radiusNm * 2)}`), [radiusNm])
  useEffect(() => () => label.texture.dispose(), [label])
  if (!(radiusNm > 0)) return null
  const y = -radiusNm * 1.18
  const h = radiusNm * 0.13
  return (
    <group name="diameter-measure" position={[0, y, 0]}>
      <lineSegments geometry={geometry} scale={[radiusNm, radiusNm, radiusNm]}>
        <lineBasicMaterial color="#d7dee9" />
      </lineSegments>
      <sprite position={[0, -h * 0.75, 0]} scale={[h * label.aspect, h, 1]} renderOrder={100}>
        <spriteMaterial map={label.texture} transparent depthTest={false} toneMapped={false} />
      </sprite>
    </group>
  )
}

/** Renders a text label into a canvas texture; returns it with its width/height ratio. */
function makeLabel(text: string): { readonly texture: CanvasTexture; readonly aspect: number } {
  const px = 64
  const font = `600 ${px}px system-ui, 'Liberation Sans', sans-serif`
  const canvas = document.createElement('canvas')
  const ctx = canvas.getContext('2d')
  let textWidth = text.length * px * 0.6
  if (ctx) {
    ctx.font = font
    textWidth = ctx.measureText(text).width
  }
  canvas.width = Math.ceil(textWidth + px * 0.6)
  canvas.height = Math.ceil(px * 1.4)
  if (ctx) {
    ctx.font = font
    ctx.textAlign = 'center'
    ctx.textBaseline = 'middle'
    ctx.fillStyle = '#e6ebf2'
    ctx.fillText(text, canvas.width / 2, canvas.height / 2)
  }
  const texture = new CanvasTexture(canvas)
  texture.colorSpace = SRGBColorSpace
  return { texture, aspect: canvas.width / canvas.height }
}

/** "190 nm", "1.2 nm", "4,800 nm". */
function formatNm(v: number): string {
  const digits = v < 10 ? 1 : 0
  return `${v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} nm`
}
