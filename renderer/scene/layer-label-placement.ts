import { formatNm } from './scene-label'
import type { SceneModel } from './scene-model'

/** One layer label: its text, the point on the layer it points at and where the text sits. */
export interface LayerLabelPlacement {
  readonly key: string
  readonly text: string
  /** Point on the layer (in the plane facing the camera), nm. */
  readonly anchor: readonly [number, number]
  /** Centre-left of the text, nm. */
  readonly at: readonly [number, number]
}

/**
 * Where the layer labels go, in the plane through the centre that faces the camera: one per
 * layer (core first, then shells inner to outer), stacked in a column right of the particle,
 * each with a leader to a point inside its own layer (the middle of a shell's thickness).
 *
 * Why pure: the placement (one label per layer, pointing into the right band, never
 * overlapping the next) is checked by unit tests without WebGL.
 */
export function layerLabelPlacements(model: SceneModel, nameOf: (id: string) => string): ReadonlyArray<LayerLabelPlacement> {
  const R = model.outerRadiusNm
  if (!(R > 0)) return []
  const layers: Array<{ key: string; text: string; radius: number }> = []
  if (model.core) layers.push({ key: 'core', text: `Core: ${nameOf(model.core.material)}, Ø ${formatNm(model.core.radiusNm * 2)}`, radius: model.core.radiusNm * 0.6 })
  model.shells.forEach((s, i) => {
    layers.push({
      key: `shell-${i}`,
      text: `${nameOf(s.material)}: ${formatNm(s.outerRadiusNm - s.innerRadiusNm)} shell`,
      radius: (s.innerRadiusNm + s.outerRadiusNm) / 2,
    })
  })
  const n = layers.length
  const step = R * LABEL_STEP
  // The column is centred on the particle's equator, innermost layer lowest.
  return layers.map((l, i) => {
    const y = (i - (n - 1) / 2) * step
    // Point at the layer where the label's height meets it, or (when the layer is too small
    // for that height) at 45° towards the label.
    const sin = Math.max(-0.9, Math.min(0.9, y / Math.max(l.radius, 1e-9)))
    const angle = Math.asin(Math.abs(y) <= l.radius ? sin : Math.sign(y) * Math.SQRT1_2)
    return { key: l.key, text: l.text, anchor: [l.radius * Math.cos(angle), l.radius * Math.sin(angle)], at: [R * 1.18, y] }
  })
}

/** Label height as a fraction of the outer radius (large enough for a projector). */
export const LABEL_HEIGHT = 0.13
/** Vertical distance between stacked labels as a fraction of the outer radius. */
export const LABEL_STEP = 0.3
