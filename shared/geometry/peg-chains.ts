/**
 * PEG chain glyphs for the 3D view: the path of one chain in unit coordinates and how many
 * chains to draw.
 *
 * Why pure and shared: the scene draws every PEG chain as one instance of a single tube
 * geometry, so the chain's *form* (the regime) lives in this path while the instances only
 * carry position and orientation. Keeping the maths here lets unit tests check the form by
 * regime without WebGL (brief §2.4.2: mushroom = coils of size ≈ R_F; brush = stretched
 * chains, height > R_F).
 */

/** PEG conformation regime (shared/design/derived `PegRegime` without 'none'). */
export type PegChainRegime = 'mushroom' | 'brush'

/** Most PEG chains drawn; more are thinned evenly (the status line says so). */
export const MAX_DRAWN_PEG_CHAINS = 2000

/**
 * Points of one chain from its graft point (origin) outward along +Y, in units of the
 * layer thickness (so y ∈ [0, 1]); x/z is the lateral excursion in the same units.
 *
 * - mushroom: a compact random-coil-like helix (several loops) whose lateral radius is
 *   about half its height, so it reads as a blob sitting on the surface;
 * - brush: a nearly straight strand with a small wiggle, extended to the full height.
 *
 * Deterministic: same regime and segment count give the same path.
 */
export function pegChainPath(regime: PegChainRegime, segments = 24): Float32Array {
  const n = Math.max(4, Math.floor(segments))
  const out = new Float32Array((n + 1) * 3)
  for (let i = 0; i <= n; i++) {
    const t = i / n
    let x: number
    let y: number
    let z: number
    if (regime === 'mushroom') {
      // Three and a half loops, radius swelling in the middle: a coil ≈ R_F across.
      const a = t * Math.PI * 7
      const r = 0.42 * Math.sin(Math.PI * Math.min(1, t * 1.15)) + 0.04
      x = r * Math.cos(a)
      z = r * Math.sin(a)
      y = 0.9 * t
    } else {
      const a = t * Math.PI * 4
      x = 0.05 * Math.sin(a)
      z = 0.05 * Math.cos(a * 0.5) - 0.05
      y = t
    }
    out[i * 3] = x
    out[i * 3 + 1] = y
    out[i * 3 + 2] = z
  }
  return out
}

/** Height and lateral extent of a chain path (for tests and fitting). */
export function pathExtent(path: Float32Array): { readonly height: number; readonly lateral: number; readonly endToEnd: number } {
  let maxY = 0
  let lateral = 0
  const n = path.length / 3
  for (let i = 0; i < n; i++) {
    maxY = Math.max(maxY, path[i * 3 + 1])
    lateral = Math.max(lateral, Math.hypot(path[i * 3], path[i * 3 + 2]))
  }
  const last = (n - 1) * 3
  const endToEnd = Math.hypot(path[last] - path[0], path[last + 1] - path[1], path[last + 2] - path[2])
  return { height: maxY, lateral, endToEnd }
}

/**
 * How many PEG chains to draw for a true count: the true count up to
 * {@link MAX_DRAWN_PEG_CHAINS}, never negative, integer.
 *
 * Why: a 200 nm particle at 0.5 chains/nm² carries ~60,000 chains; drawing them all adds
 * nothing the eye can see, while the cap keeps the instance buffer bounded.
 */
export function drawnPegChains(trueCount: number): number {
  if (!Number.isFinite(trueCount) || trueCount <= 0) return 0
  return Math.min(MAX_DRAWN_PEG_CHAINS, Math.floor(trueCount))
}
