import { Color, type InstancedMesh, Matrix4, Quaternion, Vector3 } from 'three'
import { fibonacciSpherePoints } from '../../shared/geometry/sphere-points'
import type { Selection } from '../stores/view-store'
import { ligandColour, ligandLengthNm } from './scene-palette'
import { interleaveLigandTypes, type LigandInput, type SceneModel } from './scene-model'

/** One drawable of the particle: a plain mesh (one draw call) or an instanced mesh (one draw call for all instances). */
export interface PlanItem {
  readonly key: string
  readonly role: 'core' | 'shell' | 'cap' | 'ligands' | 'peg-chains' | 'payload'
  readonly kind: 'mesh' | 'instanced'
  /** Instances drawn by an instanced item (0 for plain meshes). */
  readonly instances: number
  /** What picking this item selects. */
  readonly selection: Selection | null
}

/** Most payload dots drawn in the core (a visual density cue, not a molecule count). */
export const PAYLOAD_DOTS_MAX = 600

/**
 * How many payload dots the cutaway shows for a loading: grows with the loading (0-60 %
 * w/w) up to {@link PAYLOAD_DOTS_MAX}.
 */
export function payloadDotCount(loadingPctWw: number): number {
  if (!Number.isFinite(loadingPctWw) || loadingPctWw <= 0) return 0
  return Math.max(40, Math.round(PAYLOAD_DOTS_MAX * Math.min(1, loadingPctWw / 30)))
}

/**
 * The list of drawables for a scene model.
 *
 * Why: the React scene mounts exactly these items, so tests can prove the instancing
 * contract without WebGL — the number of items (draw calls) depends on the layers, never on
 * the ligand or PEG chain counts, which only change an instanced item's `instances`.
 */
export function planScene(model: SceneModel, opts: { readonly cutaway: boolean }): ReadonlyArray<PlanItem> {
  const items: PlanItem[] = []
  if (model.core) {
    items.push({ key: 'core', role: 'core', kind: 'mesh', instances: 0, selection: { kind: 'core' } })
    if (opts.cutaway) items.push({ key: 'cap-core', role: 'cap', kind: 'mesh', instances: 0, selection: { kind: 'core' } })
  }
  model.shells.forEach((s, i) => {
    const selection: Selection | null = s.coatingIndex === null ? null : { kind: 'coating', index: s.coatingIndex }
    // The PEG corona is drawn as chains; its shell is a faint envelope so it can still be picked.
    items.push({ key: `shell-${i}`, role: 'shell', kind: 'mesh', instances: 0, selection })
    if (opts.cutaway) items.push({ key: `cap-${i}`, role: 'cap', kind: 'mesh', instances: 0, selection })
  })
  if (model.peg && model.peg.drawnChainCount > 0) {
    const pegShell = model.shells.find((s) => s.kind === 'peg' && s.coatingIndex !== null)
    items.push({
      key: 'peg-chains', role: 'peg-chains', kind: 'instanced', instances: model.peg.drawnChainCount,
      selection: pegShell && pegShell.coatingIndex !== null ? { kind: 'coating', index: pegShell.coatingIndex } : null,
    })
  }
  if (model.drawnLigandCount > 0 && model.outerRadiusNm > 0) {
    items.push({ key: 'ligands', role: 'ligands', kind: 'instanced', instances: model.drawnLigandCount, selection: { kind: 'ligands' } })
  }
  if (model.payload && model.core) {
    const n = payloadDotCount(model.payload.loadingPctWw)
    if (n > 0) items.push({ key: 'payload', role: 'payload', kind: 'instanced', instances: n, selection: { kind: 'payload' } })
  }
  return items
}

/** Draw calls a plan costs: one per item, whatever the instance counts. */
export function planDrawCalls(plan: ReadonlyArray<PlanItem>): number {
  return plan.length
}

/** Smallest power of two ≥ n (and ≥ 16): instance buffers grow in steps, not per instance. */
export function capacityFor(n: number): number {
  let c = 16
  while (c < n) c *= 2
  return c
}

/**
 * Write every ligand's transform and colour into one instanced mesh; returns the count.
 *
 * Why: ligands sit at their true count and spacing on a Fibonacci lattice; a marker's radius
 * is half the ligand's catalog length, clamped so neighbours never touch. Pure three (no
 * WebGL), so tests fill a real InstancedMesh and check it.
 */
export function fillLigandInstances(
  mesh: InstancedMesh, ligands: ReadonlyArray<LigandInput>, radiusNm: number, spacingNm: number,
): number {
  const total = Math.min(mesh.instanceMatrix.count, ligands.reduce((s, l) => s + l.perParticle, 0))
  const points = fibonacciSpherePoints(total, radiusNm)
  const types = interleaveLigandTypes(ligands)
  const colours = ligands.map((l) => new Color(ligandColour(l.ligand)))
  const markers = ligands.map((l) => Math.min(Math.max(ligandLengthNm(l.ligand) / 2, radiusNm * 0.004), spacingNm * 0.45))
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
  if (total > 0) mesh.computeBoundingSphere()
  return total
}

/**
 * Place PEG chain glyphs on the graft surface: each instance sits at a lattice point, its
 * +Y axis along the surface normal, scaled to the layer height; a twist per chain breaks
 * the regularity. Returns the count.
 */
export function fillPegInstances(mesh: InstancedMesh, count: number, graftRadiusNm: number, heightNm: number): number {
  const n = Math.min(mesh.instanceMatrix.count, Math.max(0, Math.floor(count)))
  const points = fibonacciSpherePoints(n, graftRadiusNm)
  const up = new Vector3(0, 1, 0)
  const dir = new Vector3()
  const q = new Quaternion()
  const twist = new Quaternion()
  const pos = new Vector3()
  const scale = new Vector3(heightNm, heightNm, heightNm)
  const m = new Matrix4()
  for (let i = 0; i < n; i++) {
    pos.set(points[i * 3], points[i * 3 + 1], points[i * 3 + 2])
    dir.copy(pos).normalize()
    q.setFromUnitVectors(up, dir)
    twist.setFromAxisAngle(up, i * 2.399963)
    q.multiply(twist)
    m.compose(pos, q, scale)
    mesh.setMatrixAt(i, m)
  }
  mesh.count = n
  mesh.instanceMatrix.needsUpdate = true
  if (n > 0) mesh.computeBoundingSphere()
  return n
}

/**
 * Dispersed payload dots inside the core (deterministic pseudo-random, uniform in volume).
 * Returns the count.
 */
export function fillPayloadInstances(mesh: InstancedMesh, count: number, coreRadiusNm: number): number {
  const n = Math.min(mesh.instanceMatrix.count, Math.max(0, Math.floor(count)))
  let seed = 12345
  const rand = (): number => {
    seed = (seed * 1664525 + 1013904223) >>> 0
    return seed / 4294967296
  }
  const dot = Math.max(coreRadiusNm * 0.025, 0.05)
  const m = new Matrix4()
  for (let i = 0; i < n; i++) {
    const r = coreRadiusNm * 0.92 * Math.cbrt(rand())
    const z = 2 * rand() - 1
    const a = 2 * Math.PI * rand()
    const ring = Math.sqrt(1 - z * z)
    m.makeScale(dot, dot, dot)
    m.setPosition(r * ring * Math.cos(a), r * ring * Math.sin(a), r * z)
    mesh.setMatrixAt(i, m)
  }
  mesh.count = n
  mesh.instanceMatrix.needsUpdate = true
  if (n > 0) mesh.computeBoundingSphere()
  return n
}
