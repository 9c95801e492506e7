/**
 * Where a published value will fall around an estimate (issue #10): a prediction interval set
 * on the calibration rows and checked on the held-out rows. The Monte Carlo band says how much
 * the engine's own parameters move an estimate; it held the published value for about 60 % of
 * rows (band-coverage.ts), so it is not this.
 *
 * Split conformal prediction (Vovk V, Gammerman A, Shafer G 2005, Algorithmic Learning in a
 * Random World, Springer; Lei J, G'Sell M, Rinaldo A, Tibshirani RJ, Wasserman L 2018, J Am
 * Stat Assoc 113:1094-1111, doi:10.1080/01621459.2017.1307116, §2.2 and Theorem 2.2): with
 * the fold errors e_i = max(r_i, 1/r_i) of n calibration rows (r = engine ÷ published) sorted,
 * the interval estimate ×/÷ k with k = e_(⌈(n + 1)·level⌉) holds a new published value with
 * probability at least `level` (and below level + 1/(n + 1) when the errors have no ties),
 * provided the new row is exchangeable with the calibration rows. Whether that holds for
 * studies the engine was never tuned on is what the held-out rows check: the README and the
 * app quote how many of them fell inside.
 */

/** The fold error of an engine ÷ published ratio: max(r, 1/r) ≥ 1. Throws on a ratio that is not finite and positive. */
export function foldErrorOf(ratio: number): number {
  if (!(ratio > 0) || !Number.isFinite(ratio)) throw new Error(`foldErrorOf: a ratio must be finite and positive, got ${ratio}`)
  return ratio >= 1 ? ratio : 1 / ratio
}

/**
 * The split-conformal fold k of `level` ∈ (0, 1) from calibration fold errors: the
 * ⌈(n + 1)·level⌉-th smallest; +∞ when that rank exceeds n (too few rows for the level).
 */
export function conformalFold(calibrationFoldErrors: ReadonlyArray<number>, level: number): number {
  if (!(level > 0 && level < 1)) throw new Error(`conformalFold: level must be in (0, 1), got ${level}`)
  const n = calibrationFoldErrors.length
  if (n === 0) throw new Error('conformalFold: no calibration rows')
  for (const [i, e] of calibrationFoldErrors.entries()) {
    if (!(e >= 1) || !Number.isFinite(e)) throw new Error(`conformalFold: fold error ${i} is ${e}; fold errors are finite and ≥ 1`)
  }
  // (n + 1)·level can land an ulp above a whole number (100 × 0.07 = 7.000000000000001), which
  // ceil would push one rank too far
  const rank = Math.ceil((n + 1) * level - 1e-12)
  if (rank > n) return Number.POSITIVE_INFINITY
  return [...calibrationFoldErrors].sort((a, b) => a - b)[rank - 1]!
}

/** How many fold errors lie inside ×/÷ k (e ≤ k). */
export function insideFold(foldErrors: ReadonlyArray<number>, k: number): { readonly inside: number; readonly rows: number } {
  return { inside: foldErrors.filter((e) => e <= k).length, rows: foldErrors.length }
}
