/**
 * Release-kinetics engine (brief PART 1): prediction from the design and the sphere/erosion
 * building blocks. Fitting of measured data lives in shared/engine/fit.
 */
export { predictRelease, releaseHazard, DEFAULT_RELEASE_HOURS, DEFAULT_RELEASE_POINTS, HAZARD_CAP_PER_H, HAZARD_MIN_AGE_H } from './predict'
export type { EnvironmentRelease, PredictReleaseOptions, ReleaseAssumption, ReleaseHazard, ReleaseHazardAllEnvironments, ReleasePrediction } from './types'
export { RELEASE_ENVIRONMENT_IDS, type ReleaseEnvironmentId } from './triggers'
export { RELEASE_CATALOG, type EvidenceTag, type Quantity, type ReleaseMechanism } from './catalog'
export {
  sphereFractionReleased, sphereFractionSeries, sphereFractionShortTime, sphereTauForFraction,
  bakerLonsdaleFraction, SPHERE_SWITCH_TAU,
} from './sphere-diffusion'
export { releasedFractionFunction, releaseSpeedSpreadLog10 } from './predict'
export {
  RELEASE_METHOD_KINDS, RELEASE_METHOD_LABELS, apparentFractions, apparentTransferRatePerH, crossesMembrane, firstOrderRateFromControl,
  freeShareInDonor, membraneLaggedFractions, type InVitroConditions, type ReleaseMethodKind,
} from './in-vitro'
export { APPARENT_SEARCH_LIMIT_H, apparentTimeToFractionH, inVitroConditionsFor, predictApparentRelease, type ApparentRelease, type ReleaseMethod } from './apparent-release'
