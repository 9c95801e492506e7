/**
 * Seeded pseudo-random numbers for reproducible bootstrap and tests.
 */

/** mulberry32 generator (T. Ettinger, public domain): returns uniforms in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Standard normal deviates by Box-Muller on a uniform source. */
export function normalSource(uniform: () => number): () => number {
  return () => {
    const u = 1 - uniform()
    const v = uniform()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }
}
