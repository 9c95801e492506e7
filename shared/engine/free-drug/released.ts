/**
 * The drug a design's particles release, over time (issue #15, exposure targets): the cumulative
 * amount released (in blood, in the target and elsewhere — all of it reaches the circulation in
 * the free-drug model, model.ts) at the engine's output times, read from the same PBPK run that
 * `simulateDesign` makes (same parameters, output times and tolerances), so its last value is
 * the estimate's drugReleased* sum at the horizon.
 */
import type { Design } from '../../design/types'
import { deriveProperties } from '../../design/derived'
import { biodistributionInputFromDesign, outputTimes, releasedPercentDoseOfRun, resolveParameters, runModel, type IndividualPhysiology } from '../pbpk'
import { releaseHazard } from '../release'

/** Cumulative drug released, % of the drug dose, at each output time. */
export interface ReleasedTimeCourse {
  readonly timesH: ReadonlyArray<number>
  readonly releasedPercentDose: ReadonlyArray<number>
}

/**
 * The released-drug time course of `design` over `hours`, in `individual` (a virtual patient's
 * body) or the species' reference body. Throws for a design whose drug is not coupled to the
 * particles (no drug block in the engine: nothing is released).
 */
export function releasedDrugTimeCourse(design: Design, hours: number, individual?: { readonly bodyWeightKg: number; readonly physiology: IndividualPhysiology }): ReleasedTimeCourse {
  const reference = biodistributionInputFromDesign(design, deriveProperties(design), releaseHazard(design))
  const input = individual ? { ...reference, bodyWeightKg: individual.bodyWeightKg, physiology: individual.physiology } : reference
  const times = outputTimes({ hours })
  const { params } = resolveParameters(input)
  const run = runModel(params, input, times)
  if (!run.layout.coupled) throw new Error('releasedDrugTimeCourse: the design carries no drug coupled to the particles, so none is released')
  const releasedPercentDose = releasedPercentDoseOfRun(run)
  return { timesH: times, releasedPercentDose }
}
