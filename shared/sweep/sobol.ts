/**
 * The Sobol' sequence (Sobol' 1967, USSR Comput. Math. Math. Phys. 7(4):86-112), point by
 * point: point i is computed from i alone (Antonov & Saleev 1979, USSR Comput. Math. Math.
 * Phys. 19(1):252-256, Gray-code order), so a shard needs no earlier point.
 *
 *   x_i = ⊕_{j ≥ 1, bit j−1 of g(i) set} v_j,   g(i) = i ⊕ ⌊i/2⌋,   u = x_i / 2^32
 *
 * Direction numbers v_j = m_j · 2^(32−j) come from the primitive polynomial of degree s
 * with coefficients a and the initial m_1..m_s of Joe & Kuo 2008 (SIAM J. Sci. Comput.
 * 30:2635-2654, table new-joe-kuo-6.21201), by the recurrence of Bratley & Fox 1988 (ACM
 * TOMS 14:88-100, eq. 2):
 *
 *   v_j = v_{j−s} ⊕ (v_{j−s} >> s) ⊕ ⊕_{k=1}^{s−1} a_k v_{j−k}   (j > s)
 *
 * Dimension 1 is the van der Corput sequence (every m_j = 1). A seed gives a random digital
 * shift (every coordinate's bits XOR-ed with a seeded 32-bit word; Dick & Pillichshammer 2010,
 * "Digital Nets and Sequences", Cambridge UP, §4.4): the point set keeps its net structure
 * and the sweep's seed changes the points, as for the other methods.
 */
import { hash32 } from './random'

/**
 * Joe & Kuo 2008, new-joe-kuo-6.21201, dimensions 2-21: [s, a, m_1 … m_s]. Evidence [C]:
 * the same numbers as the table shipped with SciPy's scipy.stats.qmc.Sobol (its `poly`
 * encodes a with the leading and trailing 1 bits; checked for every row here); the first
 * points of the sequence are checked against SciPy's in the tests.
 */
const JOE_KUO: ReadonlyArray<readonly [number, number, ...number[]]> = [
  [1, 0, 1],
  [2, 1, 1, 3],
  [3, 1, 1, 3, 1],
  [3, 2, 1, 1, 1],
  [4, 1, 1, 1, 3, 3],
  [4, 4, 1, 3, 5, 13],
  [5, 2, 1, 1, 5, 5, 17],
  [5, 4, 1, 1, 5, 5, 5],
  [5, 7, 1, 1, 7, 11, 19],
  [5, 11, 1, 1, 5, 1, 1],
  [5, 13, 1, 1, 1, 3, 11],
  [5, 14, 1, 3, 5, 5, 31],
  [6, 1, 1, 3, 3, 9, 7, 49],
  [6, 13, 1, 1, 1, 15, 21, 21],
  [6, 16, 1, 3, 1, 13, 27, 49],
  [6, 19, 1, 1, 1, 15, 7, 5],
  [6, 22, 1, 3, 1, 15, 13, 25],
  [6, 25, 1, 1, 5, 5, 19, 61],
  [7, 1, 1, 3, 7, 11, 23, 15, 103],
  [7, 4, 1, 3, 7, 13, 13, 15, 69],
]

/** The most dimensions (knobs) this module provides. */
export const SOBOL_MAX_DIMENSIONS = JOE_KUO.length + 1

/** Bits per coordinate: the sequence has 2^32 distinct points per dimension. */
const BITS = 32

/** The 32 direction numbers of one dimension (0-based: dimension 0 is van der Corput). */
function directionNumbers(dimension: number): Uint32Array {
  const v = new Uint32Array(BITS)
  if (dimension === 0) {
    for (let j = 0; j < BITS; j++) v[j] = (2 ** (BITS - 1 - j)) >>> 0
    return v
  }
  const [s, a, ...m] = JOE_KUO[dimension - 1]!
  for (let j = 0; j < s; j++) v[j] = (m[j]! * 2 ** (BITS - 1 - j)) >>> 0
  for (let j = s; j < BITS; j++) {
    let x = (v[j - s]! ^ (v[j - s]! >>> s)) >>> 0
    for (let k = 1; k < s; k++) if ((a >>> (s - 1 - k)) & 1) x = (x ^ v[j - k]!) >>> 0
    v[j] = x
  }
  return v
}

const DIRECTIONS: ReadonlyArray<Uint32Array> = Array.from({ length: SOBOL_MAX_DIMENSIONS }, (_, d) => directionNumbers(d))

/** The seeded random digital shift of each dimension (seed null: no shift, the plain sequence). */
export function sobolShifts(dimensions: number, seed: number | null): Uint32Array {
  const out = new Uint32Array(dimensions)
  if (seed !== null) for (let d = 0; d < dimensions; d++) out[d] = hash32(seed, d, 0x50b0)
  return out
}

/**
 * Point `index` (0-based, below 2^32) of the `dimensions`-dimensional Sobol' sequence in
 * [0, 1)^d, XOR-shifted by `shifts` ({@link sobolShifts}).
 */
export function sobolPoint(index: number, dimensions: number, shifts: Uint32Array = new Uint32Array(dimensions)): number[] {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > SOBOL_MAX_DIMENSIONS) {
    throw new Error(`Sobol: the sequence is provided for 1 to ${SOBOL_MAX_DIMENSIONS} dimensions, got ${dimensions}`)
  }
  if (!Number.isInteger(index) || index < 0 || index >= 2 ** BITS) throw new Error(`Sobol: the point index must be a whole number from 0 to 2^32 − 1, got ${index}`)
  const gray = (index ^ Math.floor(index / 2)) >>> 0
  const out: number[] = []
  for (let d = 0; d < dimensions; d++) {
    const v = DIRECTIONS[d]!
    let x = shifts[d] ?? 0
    for (let j = 0, g = gray; g !== 0; j++, g >>>= 1) if (g & 1) x = (x ^ v[j]!) >>> 0
    out.push(x / 2 ** BITS)
  }
  return out
}
