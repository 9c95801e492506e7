/**
 * The quantile rule every percentile in the app and the CLI uses (calibration posteriors, Sobol
 * bootstrap intervals, virtual-cohort percentiles): linear interpolation between the sorted
 * values at position q·(n − 1) (Hyndman RJ, Fan Y 1996, Am Stat 50:361-365,
 * doi:10.2307/2684934, definition 7; R's and numpy's default). The Monte Carlo bands use the
 * same rule through bandOf (pbpk/monte-carlo.ts), which selects the few ranks it needs instead
 * of sorting.
 */

/** Quantile q ∈ [0, 1] of ascending `sorted` values (type 7); between equal neighbours their value exactly. Throws on no values. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new Error('quantileSorted: no values')
  const pos = q * (sorted.length - 1)
  const i = Math.floor(pos)
  const f = pos - i
  const vi = sorted[i]!
  if (i + 1 >= sorted.length) return vi
  const vj = sorted[i + 1]!
  // v·(1 − f) + v·f can miss v by an ulp; a quantile of identical values is that value
  return vj === vi ? vi : vi * (1 - f) + vj * f
}
