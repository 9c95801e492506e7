/**
 * Nanoparticle PBPK biodistribution and tissue-selectivity engine (science brief Part 2).
 */
export { simulateBiodistribution, simulateWithPerturbation, defaultOutputTimesH, runModel, deriveMetrics, releasedPercentDoseOfRun, outputTimes, type RawRun, type DerivedMetrics } from './simulate'
export { monteCarloBiodistribution, monteCarloRun, monteCarloSamples, summarizeMonteCarlo, sampleStream, samplePerturbation, SELECTIVITY_METRICS, type Band, type CurveBand, type MonteCarloOptions, type MonteCarloRangeOptions, type MonteCarloResult, type MonteCarloRun, type MonteCarloSamples, type SelectivityMetric } from './monte-carlo'
export { resolveParameters, renalFilteredFraction, bindingProbability, type ModelParameters, type CompartmentParameters, type ParameterPerturbation, type ResolvedParameters } from './parameters'
export { biodistributionInputFromDesign, surfaceZetaMv, particleDoseMgPerKg } from './from-design'
export { ORGAN_KEYS, PBPK_DATA, pbpkAssumptionsUnder, uncitedNumbersIn, type OrganKey } from './data'
export { BIODISTRIBUTION_KEYS, bloodSampleScale, residualizingLabelPercentDose, type BiodistributionInput, type BiodistributionKey, type BiodistributionLigand, type BiodistributionResult, type IndividualPhysiology, type ImagingResult, type PbpkAssumption, type PbpkCoreClass, type ReleaseEnvironment, type ReleaseHazard, type SelectivityResult, type SimulateOptions } from './types'
