/**
 * Fitting of measured release data (brief §1.6): model library, multi-start bounded NLLS,
 * f1/f2 comparison and CSV import.
 */
export { fitModels, defaultModelIds, type FitOptions, type FitResult, type ModelFit, type ModelFitFailure, type ReleaseData } from './fit-models'
export { listModels, getReleaseModel, RELEASE_MODELS, REQUIRED_MODEL_IDS, type ModelListing, type ReleaseModelDef } from './models'
export { compareProfiles, f1Factor, f2Factor, DEFAULT_BOOTSTRAP_SEED, type ProfileComparison, type ComparisonCondition, type BootstrapF2, type CompareOptions } from './compare'
export { parseReleaseCsv, timeUnitFromHeader, type ParsedReleaseCsv, type ReleaseCsvErrors, type CsvIssue } from './csv'
export { boundedLevenbergMarquardt, type LeastSquaresProblem, type LmOptions, type LmResult } from './lm'
export { goodnessOfFit, replicateMeanSd, type GoodnessOfFit } from './stats'
export { mulberry32, normalSource } from './random'
