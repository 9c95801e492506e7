import { meanSphereSpacing } from '../../shared/geometry/sphere-points'
import { drawnPegChains } from '../../shared/geometry/peg-chains'

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
  /** Index in the design's coatings (null for the core); lets a picked shell select its panel section. */
  readonly coatingIndex?: number | null
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
    readonly coatingIndex: number | null
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
  /** PEG chains to draw as instanced glyphs (outermost PEG layer), or absent. */
  readonly peg?: ScenePeg
  /** Payload drawn as dispersed dots in the core (seen in the cutaway), or absent. */
  readonly payload?: { readonly drug: string; readonly loadingPctWw: number }
}

/** The PEG corona as the view draws it. */
export interface ScenePeg {
  readonly regime: 'mushroom' | 'brush'
  /** Radius of the surface the chains are grafted on, nm. */
  readonly graftRadiusNm: number
  /** Layer thickness (chain height), nm. */
  readonly heightNm: number
  /** True chains per particle. */
  readonly chainCount: number
  /** Chains drawn (capped). */
  readonly drawnChainCount: number
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
    .map((l) => ({
      kind: l.kind, material: l.material, innerRadiusNm: l.innerRadiusNm, outerRadiusNm: l.outerRadiusNm, coatingIndex: l.coatingIndex ?? null,
    }))
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

/** The parts of derived properties {@link sceneModelFromDesign} reads. */
export interface SceneDerivedInput {
  readonly layers: ReadonlyArray<LayerInput>
  readonly outerRadiusNm: number
  readonly pegLayers: ReadonlyArray<{
    readonly regime: 'mushroom' | 'brush'
    readonly graftRadiusNm: number
    readonly layerThicknessNm: number
    readonly chainsPerParticle: number
    readonly coatingIndex: number
  }>
}

/**
 * Scene model of a design: layers, ligands, the outermost PEG layer as chains and the payload.
 *
 * Why: the builder and presentation mode both draw a design from its derived properties;
 * one function keeps them identical.
 */
export function sceneModelFromDesign(
  design: { readonly ligands: ReadonlyArray<LigandInput>; readonly payload: { readonly drug: string; readonly loadingPctWw: number } },
  derived: SceneDerivedInput,
): SceneModel {
  const base = buildSceneModel(derived.layers, derived.outerRadiusNm, design.ligands)
  const outerPeg = derived.pegLayers[derived.pegLayers.length - 1]
  const peg: ScenePeg | undefined = outerPeg && outerPeg.layerThicknessNm > 0
    ? {
        regime: outerPeg.regime,
        graftRadiusNm: outerPeg.graftRadiusNm,
        heightNm: outerPeg.layerThicknessNm,
        chainCount: Math.floor(outerPeg.chainsPerParticle),
        drawnChainCount: drawnPegChains(outerPeg.chainsPerParticle),
      }
    : undefined
  return {
    ...base,
    ...(peg ? { peg } : {}),
    ...(design.payload.loadingPctWw > 0 ? { payload: { drug: design.payload.drug, loadingPctWw: design.payload.loadingPctWw } } : {}),
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
 * What the PEG corona drawing shows ("PEG brush: 22,619 chains (6,000 drawn)"), or ''.
 *
 * Why: the regime is the point of drawing chains; saying it in words makes the picture
 * checkable by tests and screen readers.
 */
export function describePeg(model: SceneModel): string {
  const p = model.peg
  if (!p) return ''
  const drawn = p.drawnChainCount < p.chainCount ? ` (${p.drawnChainCount.toLocaleString('en-US')} drawn)` : ''
  return `PEG ${p.regime}: ${p.chainCount.toLocaleString('en-US')} chains${drawn}`
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
