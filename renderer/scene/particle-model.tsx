import { useEffect, useMemo, useRef } from 'react'
import { useFrame, useThree, type ThreeEvent } from '@react-three/fiber'
import {
  BufferGeometry, CatmullRomCurve3, CircleGeometry, DoubleSide, Float32BufferAttribute, FrontSide,
  IcosahedronGeometry, type InstancedMesh, type Mesh, OctahedronGeometry, type Plane, RingGeometry, SphereGeometry, type Sprite, TubeGeometry, Vector3,
} from 'three'
import { pegChainPath } from '../../shared/geometry/peg-chains'
import { meanSphereSpacing } from '../../shared/geometry/sphere-points'
import type { Selection } from '../stores/view-store'
import { catalog } from '../../shared/catalog'
import { coreColour, shellColour } from './scene-palette'
import { formatNm, makeLabel } from './scene-label'
import { DERIVED_QUANTITIES } from '../../shared/design/fields'
import type { SceneModel } from './scene-model'
import { LAYER_LABEL_PX, viewNmPerPx } from './layer-labels'
import {
  capacityFor, fillLigandInstances, fillPayloadInstances, fillPegInstances, payloadDotCount, planScene, type PlanItem,
} from './scene-plan'

/** Props of {@link ParticleModel}. */
export interface ParticleModelProps {
  readonly model: SceneModel
  /** Cut away the half facing the camera (clipping plane `clipPlane`). */
  readonly cutaway?: boolean
  /** The clipping plane the cutaway uses (kept facing the camera by the view). */
  readonly clipPlane?: Plane
  readonly selection?: Selection | null
  /** Called when the user clicks a component (not after an orbit drag). */
  readonly onPick?: (selection: Selection) => void
  /** Height on screen of the diameter label, px (the layer labels' size). */
  readonly labelPx?: number
}

/** Materials that look metallic (gold, iron oxide); drawn with some metalness. */
const METALLIC = new Set(['gold', 'iron-oxide'])
const NO_PLANES: Plane[] = []
const HIGHLIGHT = '#3a5a80'
const PAYLOAD_COLOUR = '#ffd166'

function sameSelection(a: Selection | null | undefined, b: Selection | null): boolean {
  if (!a || !b || a.kind !== b.kind) return false
  return a.kind !== 'coating' || (b.kind === 'coating' && a.index === b.index)
}

/**
 * The particle, to scale (1 scene unit = 1 nm): a solid core, each coating layer as its own
 * translucent shell, the PEG corona as instanced chains shaped by its regime, the ligands
 * on the outer surface, and (in the cutaway) cross-section caps and payload dots.
 *
 * Why: it mounts exactly the items of {@link planScene}, so the draw calls depend on the
 * layers only, never on the ligand or chain counts (tested). One shared unit sphere is scaled
 * per layer, so a slider drag changes transforms, not geometry. Clicks pick a component
 * (the nearest visible one: hits on the clipped-away half are ignored).
 */
export function ParticleModel({ model, cutaway = false, clipPlane, selection = null, onPick, labelPx }: ParticleModelProps): React.JSX.Element {
  const unitSphere = useMemo(() => new SphereGeometry(1, 64, 48), [])
  const disc = useMemo(() => new CircleGeometry(1, 96), [])
  useEffect(() => () => {
    unitSphere.dispose()
    disc.dispose()
  }, [unitSphere, disc])
  const planes = cutaway && clipPlane ? [clipPlane] : NO_PLANES
  const plan = planScene(model, { cutaway })
  const outerToInner = [...model.shells].map((s, i) => ({ s, i })).sort((a, b) => b.s.outerRadiusNm - a.s.outerRadiusNm)
  const order = new Map(outerToInner.map(({ i }, k) => [i, k]))
  const invalidate = useThree((s) => s.invalidate)
  useEffect(() => {
    invalidate()
  }, [cutaway, selection, invalidate])

  const pick = (item: PlanItem) => (e: ThreeEvent<MouseEvent>): void => {
    if (!item.selection || !onPick) return
    if (e.delta > 6) return // an orbit drag, not a click
    // Clipped away (with a little slack for hits on the cut face itself): let the next hit take it.
    if (cutaway && clipPlane && clipPlane.distanceToPoint(e.point) < -0.01) return
    e.stopPropagation()
    onPick(item.selection)
  }

  return (
    <group name="particle">
      {plan.map((item) => {
        const selected = sameSelection(selection, item.selection)
        switch (item.role) {
          case 'core': {
            const core = model.core
            if (!core) return null
            return (
              <mesh key={item.key} name="core" geometry={unitSphere} scale={core.radiusNm} onClick={pick(item)}>
                <meshStandardMaterial
                  color={coreColour(core.material)}
                  emissive={selected ? HIGHLIGHT : '#000000'}
                  roughness={METALLIC.has(core.material) ? 0.3 : 0.6}
                  metalness={METALLIC.has(core.material) ? 0.5 : 0.05}
                  clippingPlanes={planes}
                  side={cutaway ? DoubleSide : FrontSide}
                />
              </mesh>
            )
          }
          case 'shell': {
            const i = Number(item.key.slice('shell-'.length))
            const shell = model.shells[i]
            if (!shell) return null
            const isPeg = shell.kind === 'peg'
            const base = isPeg ? 0.1 : 0.28
            return (
              <mesh
                key={item.key}
                name={`shell-${shell.kind}`}
                geometry={unitSphere}
                scale={shell.outerRadiusNm}
                renderOrder={1 + (order.get(i) ?? 0)}
                onClick={pick(item)}
              >
                <meshStandardMaterial
                  color={shellColour(shell.kind, shell.material)}
                  emissive={selected ? HIGHLIGHT : '#000000'}
                  transparent
                  opacity={selected ? Math.min(0.6, base * 2) : base}
                  depthWrite={false}
                  side={cutaway ? DoubleSide : FrontSide}
                  roughness={0.8}
                  clippingPlanes={planes}
                />
              </mesh>
            )
          }
          case 'cap':
            return clipPlane ? <CrossSectionCap key={item.key} item={item} model={model} disc={disc} clipPlane={clipPlane} selected={selected} onClick={pick(item)} /> : null
          case 'peg-chains':
            return model.peg ? (
              <PegChains
                key={item.key}
                regime={model.peg.regime}
                count={item.instances}
                graftRadiusNm={model.peg.graftRadiusNm}
                heightNm={model.peg.heightNm}
                planes={planes}
                selected={selected}
                onClick={pick(item)}
              />
            ) : null
          case 'ligands':
            return (
              <LigandInstances
                key={item.key}
                ligands={model.ligands}
                radiusNm={model.outerRadiusNm}
                spacingNm={meanSphereSpacing(model.drawnLigandCount, model.outerRadiusNm)}
                planes={planes}
                selected={selected}
                onClick={pick(item)}
              />
            )
          case 'payload':
            return model.core ? (
              <PayloadDots
                key={item.key}
                count={payloadDotCount(model.payload?.loadingPctWw ?? 0)}
                coreRadiusNm={model.core.radiusNm}
                planes={planes}
                visible={cutaway}
                onClick={pick(item)}
              />
            ) : null
        }
      })}
      <DiameterMeasure radiusNm={model.outerRadiusNm} labelPx={labelPx} />
    </group>
  )
}

/** Props shared by the instanced parts. */
interface InstancedPartProps {
  readonly planes: Plane[]
  readonly selected?: boolean
  readonly onClick: (e: ThreeEvent<MouseEvent>) => void
}

/**
 * Every ligand of the particle as ONE instanced mesh: one draw call whatever the count.
 *
 * Why: 20,000 ligands must stay smooth (issue 6). The buffer grows in power-of-two steps, so
 * dragging the count re-uses it and only `mesh.count` changes.
 */
export function LigandInstances({ ligands, radiusNm, spacingNm, planes, selected, onClick }: InstancedPartProps & {
  readonly ligands: SceneModel['ligands']
  readonly radiusNm: number
  readonly spacingNm: number
}): React.JSX.Element | null {
  const total = ligands.reduce((s, l) => s + l.perParticle, 0)
  const capacity = capacityFor(total)
  // Fewer triangles per marker when there are many (80 → 8): markers are then a few pixels wide.
  const detail = total > 4000 ? -1 : 1
  const meshRef = useRef<InstancedMesh>(null)
  const invalidate = useThree((s) => s.invalidate)
  const geometry = useMemo(() => (detail < 0 ? new OctahedronGeometry(1, 0) : new IcosahedronGeometry(1, detail)), [detail])
  useEffect(() => () => geometry.dispose(), [geometry])
  useEffect(() => {
    const mesh = meshRef.current
    if (!mesh || total === 0) return
    fillLigandInstances(mesh, ligands, radiusNm, spacingNm)
    invalidate()
  }, [ligands, total, radiusNm, spacingNm, capacity, geometry, invalidate])
  if (total === 0 || !(radiusNm > 0)) return null
  return (
    <instancedMesh key={`${capacity}-${detail}`} ref={meshRef} args={[geometry, undefined, capacity]} name="ligands" onClick={onClick}>
      <meshStandardMaterial roughness={0.45} metalness={0.05} emissive={selected ? HIGHLIGHT : '#000000'} clippingPlanes={planes} />
    </instancedMesh>
  )
}

/**
 * The PEG corona as instanced chains: one tube geometry whose path follows the regime
 * (mushroom coils or brush strands, shared/geometry/peg-chains), one instance per chain.
 */
export function PegChains({ regime, count, graftRadiusNm, heightNm, planes, selected, onClick }: InstancedPartProps & {
  readonly regime: 'mushroom' | 'brush'
  readonly count: number
  readonly graftRadiusNm: number
  readonly heightNm: number
}): React.JSX.Element | null {
  const capacity = capacityFor(count)
  const meshRef = useRef<InstancedMesh>(null)
  const invalidate = useThree((s) => s.invalidate)
  const geometry = useMemo(() => {
    const path = pegChainPath(regime, regime === 'mushroom' ? 24 : 8)
    const points: Vector3[] = []
    for (let i = 0; i < path.length; i += 3) points.push(new Vector3(path[i], path[i + 1], path[i + 2]))
    // Few triangles per chain: thousands of instances must stay cheap on software GL.
    return new TubeGeometry(new CatmullRomCurve3(points), regime === 'mushroom' ? 16 : 6, regime === 'mushroom' ? 0.07 : 0.05, 3, false)
  }, [regime])
  useEffect(() => () => geometry.dispose(), [geometry])
  useEffect(() => {
    const mesh = meshRef.current
    if (!mesh) return
    fillPegInstances(mesh, count, graftRadiusNm, heightNm)
    invalidate()
  }, [count, graftRadiusNm, heightNm, capacity, geometry, invalidate])
  if (count <= 0) return null
  return (
    <instancedMesh key={`${capacity}-${regime}`} ref={meshRef} args={[geometry, undefined, capacity]} name={`peg-chains-${regime}`} onClick={onClick}>
      <meshStandardMaterial color={catalog.peg.colour} emissive={selected ? HIGHLIGHT : '#000000'} roughness={0.7} clippingPlanes={planes} />
    </instancedMesh>
  )
}

/** The payload as dispersed dots in the core, shown in the cutaway. */
export function PayloadDots({ count, coreRadiusNm, planes, visible, onClick }: InstancedPartProps & {
  readonly count: number
  readonly coreRadiusNm: number
  readonly visible: boolean
}): React.JSX.Element | null {
  const capacity = capacityFor(count)
  const meshRef = useRef<InstancedMesh>(null)
  const invalidate = useThree((s) => s.invalidate)
  const geometry = useMemo(() => new IcosahedronGeometry(1, 0), [])
  useEffect(() => () => geometry.dispose(), [geometry])
  useEffect(() => {
    const mesh = meshRef.current
    if (!mesh) return
    fillPayloadInstances(mesh, count, coreRadiusNm)
    invalidate()
  }, [count, coreRadiusNm, capacity, invalidate])
  if (count <= 0) return null
  return (
    <instancedMesh key={capacity} ref={meshRef} args={[geometry, undefined, capacity]} name="payload" visible={visible} renderOrder={50} onClick={onClick}>
      {/* In the transparent pass after the core's cap (renderOrder), so the dots read on the cut face. */}
      <meshStandardMaterial color={PAYLOAD_COLOUR} emissive={PAYLOAD_COLOUR} emissiveIntensity={0.4} transparent opacity={1} clippingPlanes={planes} />
    </instancedMesh>
  )
}

/**
 * A cross-section cap in the cutting plane: a disc for the core, a ring for each shell,
 * so the cutaway reads like a sliced particle with each layer's thickness visible.
 * The cap follows the plane (it is re-oriented every frame by the view's cutaway rig).
 */
function CrossSectionCap({ item, model, disc, clipPlane, selected, onClick }: {
  readonly item: PlanItem
  readonly model: SceneModel
  readonly disc: CircleGeometry
  readonly clipPlane: Plane
  readonly selected: boolean
  readonly onClick: (e: ThreeEvent<MouseEvent>) => void
}): React.JSX.Element | null {
  const isCore = item.key === 'cap-core'
  const shell = isCore ? null : model.shells[Number(item.key.slice('cap-'.length))]
  const ring = useMemo(
    () => (shell ? new RingGeometry(shell.innerRadiusNm / shell.outerRadiusNm, 1, 96, 1) : null),
    [shell],
  )
  useEffect(() => () => ring?.dispose(), [ring])
  const ref = useRef<Mesh>(null)
  useEffect(() => {
    const mesh = ref.current
    if (!mesh) return
    // Face the cap away from the kept half: its normal is the plane's (towards the viewer).
    mesh.quaternion.setFromUnitVectors(new Vector3(0, 0, 1), clipPlane.normal.clone().negate())
  })
  if (isCore && model.core) {
    return (
      <mesh ref={ref} name="cap-core" geometry={disc} scale={model.core.radiusNm} userData={{ cap: true }} renderOrder={40} onClick={onClick}>
        {/* Slightly see-through and not writing depth, so the payload dots behind it (drawn after) show on the cut face. */}
        <meshBasicMaterial color={coreColour(model.core.material)} transparent opacity={0.8} depthWrite={false} side={DoubleSide} />
      </mesh>
    )
  }
  if (!shell || !ring) return null
  return (
    <mesh ref={ref} name={`cap-${shell.kind}`} geometry={ring} scale={shell.outerRadiusNm} userData={{ cap: true }} onClick={onClick}>
      <meshBasicMaterial color={shellColour(shell.kind, shell.material)} transparent opacity={selected ? 0.9 : 0.7} depthWrite={false} side={DoubleSide} />
    </mesh>
  )
}

/** Props of {@link DiameterMeasure}. */
export interface DiameterMeasureProps {
  /** Radius of the outer surface, nm. */
  readonly radiusNm: number
  /** Height of the label on screen, px. */
  readonly labelPx?: number
}

const ORIGIN = new Vector3()

/**
 * A dimension line under the particle spanning its outer diameter, labelled in nm.
 *
 * Why: a labelled measurement drawn in scene units is correct in any projection and at any
 * zoom, unlike a screen-space scale bar in a perspective view. The label is a sprite with a
 * canvas texture (not DOM), so it is part of the rendered image and of PNG exports.
 */
export function DiameterMeasure({ radiusNm, labelPx = LAYER_LABEL_PX }: DiameterMeasureProps): React.JSX.Element | null {
  const geometry = useMemo(() => {
    const g = new BufferGeometry()
    const t = 0.06
    // Unit bar from x = -1 to x = 1 with end ticks; scaled by the radius.
    g.setAttribute('position', new Float32BufferAttribute([-1, 0, 0, 1, 0, 0, -1, -t, 0, -1, t, 0, 1, -t, 0, 1, t, 0], 3))
    return g
  }, [])
  useEffect(() => () => geometry.dispose(), [geometry])
  const label = useMemo(() => makeLabel(`${DERIVED_QUANTITIES.outerDiameterNm.shortLabel} ${formatNm(radiusNm * 2)}`), [radiusNm])
  useEffect(() => () => label.texture.dispose(), [label])
  const sprite = useRef<Sprite>(null)
  const y = -radiusNm * 1.18
  // The label keeps a fixed size on screen, as the layer labels do (a size tied to the
  // particle made it ~5 px tall in a small side-by-side view and 9 px in a laptop builder),
  // under the bar but never below the view's bottom edge.
  useFrame(({ camera, size, controls }) => {
    const s = sprite.current
    const target = (controls as unknown as { target?: Vector3 } | null)?.target ?? ORIGIN
    const nmPerPx = viewNmPerPx(camera, target, size.height)
    if (!s || !(nmPerPx > 0)) return
    const hNm = labelPx * nmPerPx
    const lowest = -(size.height / 2) * nmPerPx + 0.6 * hNm - y
    s.scale.set(hNm * label.aspect, hNm, 1)
    s.position.set(0, Math.max(-0.75 * hNm, lowest), 0)
  })
  if (!(radiusNm > 0)) return null
  const h = radiusNm * 0.13
  // The outer group turns to face the camera (view rig), so the bar is always seen square on.
  return (
    <group name="diameter-measure" userData={{ billboard: true }}>
      <group position={[0, y, 0]}>
      <lineSegments geometry={geometry} scale={[radiusNm, radiusNm, radiusNm]}>
        <lineBasicMaterial color="#d7dee9" />
      </lineSegments>
      <sprite ref={sprite} name="diameter-label" position={[0, -h * 0.75, 0]} scale={[h * label.aspect, h, 1]} renderOrder={100}>
        <spriteMaterial map={label.texture} transparent depthTest={false} toneMapped={false} />
      </sprite>
      </group>
    </group>
  )
}
