/**
 * Where sample i of a sweep lies in the unit hypercube [0, 1]^k (issue 17), for the three
 * point methods (a virtual cohort's knobs use the Latin hypercube), computed from (method, seed, sample count, i) alone: any shard computes
 * any sample without the others, so every split of the samples gives the same rows.
 *
 * - grid: the full factorial of the knobs' levels, the first knob varying slowest (nested
 *   loops in `vary` order). A numeric knob with L levels sits at u = j/(L − 1), both ends
 *   included; a categorical knob takes every option, at the middle of its interval
 *   (j + 1/2)/n, which knobs.ts maps back to option j.
 * - latin-hypercube (McKay, Beckman & Conover 1979, Technometrics 21:239-245): in every
 *   dimension d the N samples fall one in each of the N strata [j/N, (j + 1)/N):
 *   u_{i,d} = (π_d(i) + U_{i,d})/N with π_d a seeded permutation of 0..N−1 and U_{i,d}
 *   uniform on [0, 1). π_d is evaluated element-wise (random.ts), never stored.
 * - sobol: point i of the Sobol' sequence with a seeded digital shift (sobol.ts). Its balance
 *   is best for N a power of two (2^m points fill every dyadic box of volume 2^−m once).
 */
import { hash32, permutationAt, uniformAt } from './random'
import { SOBOL_MAX_DIMENSIONS, sobolPoint, sobolShifts } from './sobol'

/** A method that places the knobs' points in the unit hypercube. */
export type PointMethod = 'grid' | 'latin-hypercube' | 'sobol'

/**
 * A sampling method of the sweep spec: the three point methods, or `virtual-cohort` (each
 * sample a virtual patient, cohort.ts; its knobs, if any, on a Latin hypercube).
 */
export type SweepMethod = PointMethod | 'virtual-cohort'
export const SWEEP_METHODS: ReadonlyArray<SweepMethod> = ['grid', 'latin-hypercube', 'sobol', 'virtual-cohort']

/** The point method of a sweep method: a virtual cohort's knobs are spread by a Latin hypercube. */
export function pointMethodOf(method: SweepMethod): PointMethod {
  return method === 'virtual-cohort' ? 'latin-hypercube' : method
}

/** Everything that decides the unit points of a sweep. */
export interface SamplingPlan {
  readonly method: PointMethod
  /** Total number of samples N. */
  readonly samples: number
  readonly seed: number
  /** Grid only: the number of levels of each knob (a categorical knob's number of options). */
  readonly levels?: ReadonlyArray<number>
  /** Grid only: which knobs are categorical (their levels sit mid-interval). */
  readonly categorical?: ReadonlyArray<boolean>
  /** Number of dimensions k (knobs). */
  readonly dimensions: number
}

/**
 * Stream of the LHS permutation keys. A sample's jitter uses streams 0..k−1 at its own index;
 * the key of dimension d is the word at index d of this stream, which no sample uses.
 */
const LHS_KEY_STREAM = 0x1a7e

/** The seeded 32-bit key of dimension d's LHS permutation. */
function lhsKey(seed: number, dimension: number): number {
  return hash32(seed, dimension, LHS_KEY_STREAM)
}

/**
 * A prepared plan: the per-dimension constants (Sobol' shifts, LHS keys) computed once, and
 * `point(i)` for any sample.
 */
export interface PreparedSampling {
  readonly plan: SamplingPlan
  point(index: number): number[]
}

/** Prepares a plan; throws with a reason when the plan cannot be sampled. */
export function prepareSampling(plan: SamplingPlan): PreparedSampling {
  const { method, samples, seed, dimensions } = plan
  if (!Number.isInteger(dimensions) || dimensions < 1) throw new Error(`sweep: at least one knob is needed, got ${dimensions}`)
  if (!Number.isInteger(samples) || samples < 1) throw new Error(`sweep: the number of samples must be a whole number ≥ 1, got ${samples}`)
  const check = (index: number): void => {
    if (!Number.isInteger(index) || index < 0 || index >= samples) throw new Error(`sweep: sample ${index} does not exist (samples 0 to ${samples - 1})`)
  }
  if (method === 'grid') {
    const levels = plan.levels
    if (!levels || levels.length !== dimensions || levels.some((l) => !Number.isInteger(l) || l < 1)) {
      throw new Error('sweep: a grid needs a whole number of levels (≥ 1) for every knob')
    }
    const categorical = plan.categorical ?? levels.map(() => false)
    const total = levels.reduce((a, b) => a * b, 1)
    if (total !== samples) throw new Error(`sweep: a grid of ${levels.join(' × ')} levels has ${total} points, not ${samples}`)
    return {
      plan,
      point(index) {
        check(index)
        const u = new Array<number>(dimensions)
        let rest = index
        // the last knob varies fastest
        for (let d = dimensions - 1; d >= 0; d--) {
          const l = levels[d]!
          u[d] = gridUnit(rest % l, l, categorical[d] === true)
          rest = Math.floor(rest / l)
        }
        return u
      },
    }
  }
  if (method === 'latin-hypercube') {
    const keys = Array.from({ length: dimensions }, (_, d) => lhsKey(seed, d))
    return {
      plan,
      point(index) {
        check(index)
        return keys.map((key, d) => (permutationAt(samples, key, index) + uniformAt(seed, index, d)) / samples)
      },
    }
  }
  if (method === 'sobol') {
    if (dimensions > SOBOL_MAX_DIMENSIONS) throw new Error(`sweep: the Sobol' sequence is provided for at most ${SOBOL_MAX_DIMENSIONS} knobs, got ${dimensions}; use latin-hypercube`)
    const shifts = sobolShifts(dimensions, seed)
    return { plan, point: (index) => { check(index); return sobolPoint(index, dimensions, shifts) } }
  }
  throw new Error(`sweep: unknown sampling method '${String(method)}'`)
}

/**
 * Grid level j of a knob with `levels` levels as a unit coordinate: j/(L − 1) for a numeric
 * knob (ends included; a single level sits at the middle), (j + 1/2)/n for a categorical one.
 */
export function gridUnit(level: number, levels: number, categorical: boolean): number {
  if (categorical) return (level + 0.5) / levels
  return levels === 1 ? 0.5 : level / (levels - 1)
}
