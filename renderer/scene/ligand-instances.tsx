import { useEffect, useLayoutEffect, useMemo, useRef } from 'react'
import { useThree } from '@react-three/fiber'
import { Color, IcosahedronGeometry, type InstancedMesh, Matrix4 } from 'three'
import { fibonacciSpherePoints } from '../../shared/geometry/sphere-points'
import { ligandColour, ligandLengthNm } from './scene-palette'
import { interleaveLigandTypes, type LigandInput } from './scene-model'

/** Props of {@link LigandInstances}. */
export interface LigandInstancesProps {
  readonly ligands: ReadonlyArray<LigandInput>
  /** Radius of the surface the ligands sit on, nm. */
  readonly radiusNm: number
  /** Mean spacing of the ligands on that surface, nm (sizes the markers so they never touch). */
  readonly spacingNm: number
}

/** Smallest power of two ≥ n (and ≥ 16): the instance buffer grows in steps, not per ligand. */
function capacityFor(n: number): number {
  let c = 16
  while (c < n) c *= 2
  return c
}

/**
 * Every ligand of the particle as ONE instanced mesh: one draw call whatever the count.
 *
 * Why: ligands are drawn at their true count and spacing (Fibonacci lattice on the outer
 * surface), which can be 20,000 markers (issue 6); instancing keeps that to a single draw
 * call. The buffer is allocated in power-of-two steps so that dragging the count re-uses it
 * and only `mesh.count` changes. A marker's radius is half the ligand's catalog length, so
 * an antibody looks bigger than folate, clamped so that neighbours never overlap.
 */
export function LigandInstances({ ligands, radiusNm, spacingNm }: LigandInstancesProps): React.JSX.Element | null {
  const total = ligands.reduce((s, l) => s + l.perParticle, 0)
  const capacity = capacityFor(total)
  const detail = total > 4000 ? 0 : 1
  const meshRef = useRef<InstancedMesh>(null)
  const invalidate = useThree((s) => s.invalidate)
  const geometry = useMemo(() => new IcosahedronGeometry(1, detail), [detail])
  useEffect(() => () => geometry.dispose(), [geometry])

  useLayoutEffect(() => {
    const mesh = meshRef.current
    if (!mesh || total === 0) return
    const points = fibonacciSpherePoints(total, radiusNm)
    const types = interleaveLigandTypes(ligands)
    const colours = ligands.map((l) => new Color(ligandColour(l.ligand)))
    // Marker radius ≈ half the ligand's length (to scale), never so large that neighbours
    // touch, never so small that it vanishes next to a micron-sized core.
    const markers = ligands.map((l) =>
      Math.min(Math.max(ligandLengthNm(l.ligand) / 2, radiusNm * 0.004), spacingNm * 0.45))
    const m = new Matrix4()
    for (let i = 0; i < total; i++) {
      const marker = markers[types[i]]
      m.makeScale(marker, marker, marker)
      m.setPosition(points[i * 3], points[i * 3 + 1], points[i * 3 + 2])
      mesh.setMatrixAt(i, m)
      mesh.setColorAt(i, colours[types[i]])
    }
    mesh.count = total
    mesh.instanceMatrix.needsUpdate = true
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true
    mesh.computeBoundingSphere()
    invalidate()
  }, [ligands, total, radiusNm, spacingNm, capacity, geometry, invalidate])

  if (total === 0 || !(radiusNm > 0)) return null
  return (
    <instancedMesh
      key={`${capacity}-${detail}`}
      ref={meshRef}
      args={[geometry, undefined, capacity]}
      name="ligands"
    >
      <meshStandardMaterial roughness={0.45} metalness={0.05} />
    </instancedMesh>
  )
}
