/**
 * Counter-based random numbers for sweeps (issue 17): every number is a pure function of
 * (seed, sample index, stream), so a shard that evaluates samples 500-999 draws exactly the
 * numbers a single process draws for them, whatever the split. A sequential generator
 * (mulberry32, shared/engine/random.ts) would need every earlier draw first.
 *
 * Construction: the idea of Salmon, Moraes, Dror & Shaw 2011 ("Parallel random numbers: as
 * easy as 1, 2, 3", Proc. SC'11, doi:10.1145/2063384.2063405): a keyed bijective mixing of a
 * counter. The mixer here is the 32-bit finaliser of MurmurHash3 (Appleby 2011, public
 * domain), which is a bijection of 32-bit words with full avalanche; chained over the key,
 * the index and the stream it gives uniform 32-bit words. Two words make one 53-bit double.
 * Tests check uniformity (χ²), independence of neighbouring indices and streams, and the
 * LHS permutation's bijectivity.
 */

/** The MurmurHash3 32-bit finaliser: a bijection of 32-bit words with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** Weyl increment (2^32/φ), added between rounds so that zero inputs do not stay zero. */
const GOLDEN = 0x9e3779b9

/**
 * A 32-bit word from (seed, index, stream). For a fixed seed and stream the map index → word
 * is a bijection on 32-bit indices (each step is a bijection of the running word), so no two
 * samples of one sweep share a word.
 */
export function hash32(seed: number, index: number, stream: number): number {
  let h = fmix32((seed >>> 0) ^ GOLDEN)
  h = fmix32((h + Math.imul((stream >>> 0) + 1, GOLDEN)) >>> 0)
  h = fmix32((h ^ (index >>> 0)) >>> 0)
  return fmix32((h + GOLDEN) >>> 0)
}

/** 2^-53: the spacing of the doubles this module returns. */
const TWO_POW_MINUS_53 = 1 / 9007199254740992

/**
 * A uniform double in [0, 1) from (seed, index, stream), with 53 random bits: 21 bits from
 * one word and 32 from a second (the stream's odd twin), as in the usual 53-bit construction.
 */
export function uniformAt(seed: number, index: number, stream: number): number {
  const hi = hash32(seed, index, 2 * stream) >>> 11
  const lo = hash32(seed, index, 2 * stream + 1)
  return (hi * 4294967296 + lo) * TWO_POW_MINUS_53
}

/**
 * A keyed pseudo-random permutation of {0, …, n − 1}, evaluated one element at a time:
 * a 4-round balanced Feistel network on the smallest even number of bits covering n (Luby &
 * Rackoff 1988, SIAM J. Comput. 17:373-386: four rounds give a pseudo-random permutation),
 * restricted to [0, n) by cycle walking (Black & Rogaway 2002, CT-RSA, LNCS 2271:114-130:
 * re-apply until the value falls inside; the domain is < 4n, so fewer than 4 steps on average).
 * Why not shuffle an array: a shard would have to build the whole n-element permutation;
 * here sample i needs only π(i).
 */
export function permutationAt(n: number, key: number, index: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 0x7fffffff) throw new Error(`permutation: the size must be a whole number from 1 to 2^31 − 1, got ${n}`)
  if (!Number.isInteger(index) || index < 0 || index >= n) throw new Error(`permutation: the index must be a whole number from 0 to ${n - 1}, got ${index}`)
  if (n === 1) return 0
  let bits = 2
  while (2 ** bits < n) bits += 2
  const half = bits / 2
  const mask = (1 << half) - 1
  let x = index
  do {
    let left = Math.floor(x / 2 ** half) & mask
    let right = x & mask
    for (let round = 0; round < 4; round++) {
      const next = (left ^ (hash32(key, right, round) & mask)) >>> 0
      left = right
      right = next
    }
    x = left * 2 ** half + right
  } while (x >= n)
  return x
}
