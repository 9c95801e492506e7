/**
 * Fixed chains for the diagnostics tests, regenerated from a seed so the reference values
 * computed from them by an independent implementation (R package posterior 1.4.0, the
 * reference implementation of Vehtari et al. 2021) stay attached to exactly these numbers.
 */
import { mulberry32, standardNormal } from '../../../../../shared/engine/pbpk/random'

/** `chains` AR(1) chains x_t = φ x_{t−1} + e_t of `n` draws, chain k shifted by shift[k]. */
export function ar1Chains(seed: number, chains: number, n: number, phi: number, shift: ReadonlyArray<number> = []): number[][] {
  const u = mulberry32(seed)
  return Array.from({ length: chains }, (_, k) => {
    let x = standardNormal(u)
    const out: number[] = []
    for (let i = 0; i < n; i++) {
      x = phi * x + standardNormal(u)
      out.push(x + (shift[k] ?? 0))
    }
    return out
  })
}

/** The same, rounded to one decimal (ties for the rank normalisation). */
export function roundedChains(seed: number, chains: number, n: number): number[][] {
  return ar1Chains(seed, chains, n, 0).map((c) => c.map((v) => Math.round(v * 10) / 10))
}

/** The reference sets used by the tests. */
export const REFERENCE_SETS = {
  mixing: () => ar1Chains(11, 4, 50, 0.7),
  stuck: () => ar1Chains(11, 4, 50, 0.7, [0, 0, 0, 1.5]),
  tiesOdd: () => roundedChains(5, 3, 25),
} as const
