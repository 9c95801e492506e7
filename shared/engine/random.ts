/**
 * Seeded pseudo-random numbers shared by the engine (bootstrap f2, fitting tests, Monte
 * Carlo): mulberry32 (Tommy Ettinger, public domain), a 32-bit generator with period 2^32 —
 * plenty for ≤ 10^5 samples × ~70 parameters — so every seeded result can be reproduced.
 */

/** A uniform generator on [0, 1). */
export type Uniform = () => number

/** mulberry32 seeded with a 32-bit integer; returns uniforms in [0, 1). */
export function mulberry32(seed: number): Uniform {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
