/**
 * Bayesian calibration of the engine on a lab's data (issue #14, engine core): parameter set
 * and priors, likelihood, adaptive Metropolis sampler, R-hat/ESS diagnostics, identifiability
 * and leave-one-study-out checks.
 */
export * from './parameters'
export * from './likelihood'
export * from './studies'
export * from './diagnostics'
export * from './sampler'
export * from './identifiability'
export * from './calibrate'
export * from './loso'
export * from './synthetic'
export * from './summary'
export * from './profile'
