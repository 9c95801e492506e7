/**
 * Every registered metric of a design under a set of calibration multipliers: the engine
 * "with a profile" as the next-experiment search needs it (issue #14). With no multiplier
 * (all 1) it gives the numbers of `nanoforge simulate` (evaluateDesign), which the tests check.
 *
 * Where each multiplier acts is the calibration's own rule (apply.ts): the biodistribution
 * through simulateWithMultipliers, and the release-rate multiplier m on the hazard in every
 * environment, so the released fraction is F_m(t) = 1 − (1 − F(t))^m (parameters.ts). The
 * t50 metrics therefore move with m: F_m(t50) = ½ ⇔ F(t50) = 1 − 2^(−1/m), found on the
 * release model's own F(t) by bracketing and bisection.
 */
import type { Design } from '../../design/types'
import { deriveProperties } from '../../design/derived'
import { METRICS, T50_RELEASE_HORIZON_H, type MetricId } from '../../metrics/registry'
import { predictRelease, releasedFractionFunction, type EnvironmentRelease, type ReleasePrediction } from '../release'
import type { DesignSimulation } from '../simulate'
import { ENGINE_VERSION } from '../version'
import { simulateWithMultipliers } from './apply'
import type { Multipliers } from './parameters'

const T50_ENVIRONMENT: Partial<Record<MetricId, 'plasma' | 'inflamed' | 'endolysosome'>> = {
  t50PlasmaH: 'plasma', t50InflamedH: 'inflamed', t50EndolysosomeH: 'endolysosome',
}

/**
 * First time F(t) ≥ target within `horizonH`, or null. F is scanned on a log grid from
 * 1 s (48 points a decade, so a crossing is bracketed within a factor 1.05) and the bracket
 * is bisected to 1e-9 relative.
 */
export function crossingTimeH(fraction: (tH: number) => number, target: number, horizonH: number): number | null {
  const start = 1 / 3600
  if (fraction(start) >= target) return start
  const steps = Math.ceil(48 * Math.log10(horizonH / start))
  let lo = start
  for (let i = 1; i <= steps; i++) {
    const hi = Math.min(horizonH, start * Math.pow(horizonH / start, i / steps))
    if (fraction(hi) >= target) {
      let a = lo
      let b = hi
      for (let it = 0; it < 80 && b - a > 1e-9 * b; it++) {
        const mid = 0.5 * (a + b)
        if (fraction(mid) >= target) b = mid
        else a = mid
      }
      return 0.5 * (a + b)
    }
    lo = hi
  }
  return null
}

/** The release prediction with every environment's t50 under the release-rate multiplier m. */
function releaseWithRate(design: Design, release: ReleasePrediction, m: number): ReleasePrediction {
  const target = 1 - Math.pow(0.5, 1 / m)
  const environments = {} as Record<keyof ReleasePrediction['environments'], EnvironmentRelease>
  for (const env of ['plasma', 'inflamed', 'endolysosome'] as const) {
    const f = releasedFractionFunction(design, env)
    const horizon = release.environments[env].timesH.at(-1) ?? 72
    environments[env] = { ...release.environments[env], t50H: crossingTimeH(f, target, horizon) }
  }
  return { ...release, environments }
}

/**
 * Every metric of METRICS for the design under multipliers `m`, at horizon `hours`. A t50
 * not reached within the horizon is looked for up to T50_RELEASE_HORIZON_H and reported as
 * that value beyond it (evaluateDesignDetailed's rule). Throws when the engine fails or a
 * metric is not finite (the caller decides what a failed candidate means).
 */
export function metricsWithMultipliers(design: Design, m: Multipliers, hours = 72): Record<MetricId, number> {
  const rate = m.releaseRate ?? 1
  const nominalRelease = predictRelease(design, { hours })
  const release = rate === 1 ? nominalRelease : releaseWithRate(design, nominalRelease, rate)
  const bio = simulateWithMultipliers(design, m, hours)
  const simulation: DesignSimulation = {
    engineVersion: ENGINE_VERSION, derived: deriveProperties(design), release, biodistribution: bio, selectivity: bio.selectivity,
    warnings: [], assumptions: [],
  }
  const out = {} as Record<MetricId, number>
  for (const metric of METRICS) {
    let value = metric.extract(simulation)
    const env = T50_ENVIRONMENT[metric.id]
    if (value === null && env !== undefined) {
      if (rate === 1) {
        value = predictRelease(design, { hours: T50_RELEASE_HORIZON_H }).environments[env].t50H
      } else {
        value = crossingTimeH(releasedFractionFunction(design, env), 1 - Math.pow(0.5, 1 / rate), T50_RELEASE_HORIZON_H)
      }
      value ??= T50_RELEASE_HORIZON_H
    }
    if (value === null || !Number.isFinite(value)) throw new Error(`metric ${metric.id} is not a finite number (${String(value)}) under the profile's multipliers`)
    out[metric.id] = value
  }
  return out
}
