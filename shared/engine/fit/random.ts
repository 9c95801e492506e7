/**
 * Seeded pseudo-random numbers for reproducible bootstrap and tests.
 */

export { mulberry32 } from '../random'

/** Standard normal deviates by Box-Muller on a uniform source. */
export function normalSource(uniform: () => number): () => number {
  return () => {
    const u = 1 - uniform()
    const v = uniform()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }
}
