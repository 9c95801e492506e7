/**
 * Release-kinetics engine (brief PART 1): prediction from the design and the sphere/erosion
 * building blocks. Fitting of measured data lives in shared/engine/fit.
 */
export { predictRelease, releaseHazard, DEFAULT_RELEASE_HOURS, DEFAULT_RELEASE_POINTS, HAZARD_CAP_PER_H, HAZARD_MIN_AGE_H } from './predict'
export type { EnvironmentRelease, PredictReleaseOptions, ReleaseAssumption, ReleaseHazard, ReleasePrediction } from './types'
export { RELEASE_ENVIRONMENT_IDS, type ReleaseEnvironmentId } from './triggers'
export { RELEASE_CATALOG, type EvidenceTag, type Quantity, type ReleaseMechanism } from './catalog'
export {
  sphereFractionReleased, sphereFractionSeries, sphereFractionShortTime, sphereTauForFraction,
  bakerLonsdaleFraction, SPHERE_SWITCH_TAU,
} from './sphere-diffusion'
