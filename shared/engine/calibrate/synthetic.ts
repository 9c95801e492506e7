/**
 * A synthetic "lab" for proofs and benchmarks: biodistribution studies whose values are the
 * engine's predictions under known (hidden) multipliers times log-normal noise, seeded.
 * Why in the engine (not in a test): the benchmark, the tests and the coming next-experiment
 * loop (issue #14) all need the same generator.
 */
import type { BiodistributionInput, BiodistributionKey } from '../pbpk/types'
import { standardNormal, type Uniform } from '../pbpk/random'
import { sigmaLnFromCv, type Multipliers } from './parameters'
import { predictBiodistributionStudy, type BiodistributionStudy } from './studies'

/** Options of {@link syntheticBiodistributionStudy}. */
export interface SyntheticStudyOptions {
  readonly id: string
  readonly input: BiodistributionInput
  readonly tissues: ReadonlyArray<BiodistributionKey>
  readonly timesH: ReadonlyArray<number>
  /** The hidden truth. */
  readonly truth: Multipliers
  /** Between-animal CV of the noise (log-normal, median = the engine's value). */
  readonly cv: number
  readonly uniform: Uniform
  readonly counting?: 'intact' | 'label'
  /** When true, each observation carries SD = cv × its value (as a lab's table would). */
  readonly withSd?: boolean
}

/** One study of %ID in every tissue at every time: engine(truth) × exp(σ·z), σ = √ln(1 + cv²). */
export function syntheticBiodistributionStudy(o: SyntheticStudyOptions): BiodistributionStudy {
  const skeleton: BiodistributionStudy = {
    kind: 'biodistribution', id: o.id, input: o.input, counting: o.counting ?? 'intact',
    observations: o.tissues.flatMap((tissue) => o.timesH.map((timeH) => ({ quantity: 'percentDose' as const, tissue, timeH, value: 1 }))),
  }
  const mu = predictBiodistributionStudy(skeleton, o.truth)
  const sigma = sigmaLnFromCv(o.cv)
  return {
    ...skeleton,
    observations: skeleton.observations.map((obs, i) => {
      const value = mu[i]! * Math.exp(sigma * standardNormal(o.uniform))
      return o.withSd ? { ...obs, value, sd: o.cv * value } : { ...obs, value }
    }),
  }
}
