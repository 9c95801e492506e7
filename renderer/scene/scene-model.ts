import { meanSphereSpacing } from '../../shared/geometry/sphere-points'

/**
 * Most ligand markers the view draws. Above it the drawn population is thinned evenly and
 * the status line says so.
 *
 * Why: the validator allows up to 10 million ligands on a 5 µm particle; one instance costs
 * 64 bytes of matrix plus colour, so an uncapped buffer could exhaust GPU memory. 200,000 is
 * ten times the 20,000 that issue 6 requires to stay smooth.
 */
export const MAX_DRAWN_LIGANDS = 200_000

/** One concentric layer as the design's derived properties describe it (1 unit = 1 nm). */
export interface LayerInput {
  readonly kind: 'core' | 'peg' | 'membrane' | 'polymer' | 'lipid'
  readonly material: string
  readonly innerRadiusNm: number
  readonly outerRadiusNm: number
}

/** One ligand type with its true count per particle. */
export interface LigandInput {
  readonly ligand: string
  readonly perParticle: number
}

/**
 * Everything the 3D view draws, in nanometres: a core, shells inner to outer, and the ligand
 * population on the outer surface.
 *
 * Why: the scene takes plain data, not the design store, so the same view can show one
 * design in the builder or two to four side by side in presentation mode (issue 6), and the
 * status line describes exactly what the scene draws.
 */
export interface SceneModel {
  readonly core: { readonly material: string; readonly radiusNm: number } | null
  readonly shells: ReadonlyArray<{
    readonly kind: Exclude<LayerInput['kind'], 'core'>
    readonly material: string
    readonly innerRadiusNm: number
    readonly outerRadiusNm: number
  }>
  /** Ligand types and the counts drawn; they share one lattice on the outer surface. */
  readonly ligands: ReadonlyArray<LigandInput>
  /** True ligands per particle (sum over types). */
  readonly ligandCount: number
  /** Ligands drawn (= instances): the true count up to {@link MAX_DRAWN_LIGANDS}. */
  readonly drawnLigandCount: number
  /** Radius the ligands sit on: the outer surface of the outermost layer. */
  readonly outerRadiusNm: number
  /** Mean ligand spacing on that surface, nm (∞ with no ligands). */
  readonly ligandSpacingNm: number
}

/**
 * Build the scene model from derived layers and the design's ligands.
 *
 * Why: a single pure step between the science (shared/design/derived) and the drawing, so
 * non-finite or empty input degrades to "nothing to draw" instead of a WebGL error.
 */
export function buildSceneModel(
  layers: ReadonlyArray<LayerInput>,
  outerRadiusNm: number,
  ligands: ReadonlyArray<LigandInput>,
): SceneModel {
  const ok = (r: number): boolean => Number.isFinite(r) && r > 0
  const coreLayer = layers.find((l) => l.kind === 'core')
  const shells = layers
    .filter((l): l is LayerInput & { kind: Exclude<LayerInput['kind'], 'core'> } => l.kind !== 'core')
    .filter((l) => ok(l.outerRadiusNm) && l.outerRadiusNm > l.innerRadiusNm)
    .map((l) => ({ kind: l.kind, material: l.material, innerRadiusNm: l.innerRadiusNm, outerRadiusNm: l.outerRadiusNm }))
  const usable = ligands.filter((l) => Number.isFinite(l.perParticle) && l.perParticle > 0)
    .map((l) => ({ ligand: l.ligand, perParticle: Math.floor(l.perParticle) }))
  const ligandCount = usable.reduce((sum, l) => sum + l.perParticle, 0)
  const drawn = ligandCount > MAX_DRAWN_LIGANDS
    ? usable.map((l) => ({ ligand: l.ligand, perParticle: Math.max(1, Math.floor((l.perParticle * MAX_DRAWN_LIGANDS) / ligandCount)) }))
    : usable
  const outer = ok(outerRadiusNm) ? outerRadiusNm : Math.max(0, ...layers.map((l) => l.outerRadiusNm).filter(ok))
  return {
    core: coreLayer && ok(coreLayer.outerRadiusNm) ? { material: coreLayer.material, radiusNm: coreLayer.outerRadiusNm } : null,
    shells,
    ligands: drawn,
    ligandCount,
    drawnLigandCount: drawn.reduce((sum, l) => sum + l.perParticle, 0),
    outerRadiusNm: outer,
    ligandSpacingNm: meanSphereSpacing(ligandCount, outer),
  }
}

/**
 * The status line: what the scene shows, e.g. "1 core, 1 shell, 250 ligands".
 *
 * Why: a screen-reader-visible and test-visible statement of the picture (issue 6, Quality).
 */
export function describeScene(model: SceneModel): string {
  const plural = (n: number, one: string, many: string): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`
  return [
    plural(model.core ? 1 : 0, 'core', 'cores'),
    plural(model.shells.length, 'shell', 'shells'),
    plural(model.ligandCount, 'ligand', 'ligands'),
  ].join(', ') + (model.drawnLigandCount < model.ligandCount
    ? ` (${model.drawnLigandCount.toLocaleString('en-US')} ligands drawn)`
    : '')
}

/**
 * Which ligand type each lattice point gets, spread evenly over the sphere.
 *
 * Why: the Fibonacci lattice sweeps pole to pole in index order, so assigning types in
 * blocks would paint bands; interleaving by running share (largest remainder first) mixes
 * each type uniformly over the surface while keeping its exact count.
 */
export function interleaveLigandTypes(ligands: ReadonlyArray<LigandInput>): Uint16Array {
  const total = ligands.reduce((s, l) => s + l.perParticle, 0)
  const out = new Uint16Array(total)
  const placed = new Array<number>(ligands.length).fill(0)
  for (let i = 0; i < total; i++) {
    let best = 0
    let bestDeficit = Number.NEGATIVE_INFINITY
    for (let t = 0; t < ligands.length; t++) {
      const deficit = ((i + 1) * ligands[t].perParticle) / total - placed[t]
      if (placed[t] < ligands[t].perParticle && deficit > bestDeficit) {
        best = t
        bestDeficit = deficit
      }
    }
    out[i] = best
    placed[best]++
  }
  return out
}
