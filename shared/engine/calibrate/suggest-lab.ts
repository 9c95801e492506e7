/**
 * What the lab's measurements say about the goal's metrics (issue #14, next experiment): the
 * residual ln(lab ÷ engine with the profile) of every metric a stored measurement can give,
 * and, per metric, the measurement that would inform it.
 *
 * Like for like: a lab number is compared with the engine's number computed by the same rule
 * at the same points, never with the engine's exact metric. A target AUC from five sampled
 * times is a trapezoid; the engine's AUC at those five times by the same trapezoid is what it
 * is compared with, so the quadrature error cancels in the ratio and the residual is the
 * engine's error alone. The residual is then used as the discrepancy of the metric itself
 * (an assumption: the ratio over the sampled window holds over the horizon).
 *
 * Metrics a measurement gives:
 * - in-vivo biodistribution (%ID, the study's species and dose):
 *   - liverSpleenAt24hPercentDose: liver and spleen both measured at 24 h;
 *   - targetAucPercentDoseH: the target tissue at ≥ 2 times after 0 (trapezoid from 0 %ID at t = 0);
 *   - targetToLiverSpleenAucRatio: target, liver and spleen at the same ≥ 2 times (ratio of trapezoids);
 * - in-vitro release (% released, its environment): the t50 of that environment, by linear
 *   interpolation of the mean curve through (0, 0), when both lab and engine pass 50 % within
 *   the measured times.
 * Censored values (below the LOQ) are not used for a residual (their value is only a bound).
 */
import type { Design } from '../../design/types'
import type { MetricId } from '../../metrics/registry'
import type { BiodistributionKey } from '../pbpk/types'
import type { ReleaseEnvironmentId } from '../release/triggers'
import { simulateWithMultipliers } from './apply'
import { DEFAULT_ERROR_MODEL, sigmaLnOf, type ErrorModel } from './likelihood'
import type { Multipliers } from './parameters'
import {
  biodistributionStudyFromMeasurement, predictBiodistributionStudy, predictReleaseStudy, releaseStudyFromMeasurement,
  type BiodistributionMeasurementLike,
} from './studies'
import type { LabPoint } from './suggest'

/** A stored in-vivo biodistribution measurement with the design version it is attached to. */
export interface LabBiodistribution {
  readonly kind: 'biodistribution'
  readonly id: string
  readonly design: Design
  readonly data: BiodistributionMeasurementLike
  readonly loqPercentDose?: number
}

/** A stored release profile with its design version. */
export interface LabRelease {
  readonly kind: 'release'
  readonly id: string
  readonly design: Design
  readonly data: { readonly timesH: ReadonlyArray<number>; readonly replicates: ReadonlyArray<ReadonlyArray<number | null>> }
  /** Default plasma (the calibration's default, studies.ts). */
  readonly environment?: ReleaseEnvironmentId
}

/** Either kind. */
export type LabMeasurement = LabBiodistribution | LabRelease

/** Lab points and what could not be used, in words. */
export interface LabPointsResult {
  readonly points: LabPoint[]
  readonly notes: string[]
}

/**
 * The measurement that informs each metric, in words a lab can act on: what the Suggest
 * answer names as "what would settle it".
 */
export const SETTLING_MEASUREMENT: Readonly<Record<MetricId, string>> = {
  selectivityIndex: 'in-vivo biodistribution (%ID) of the target tissue and the main organs at several times up to the horizon',
  targetAucPercentDoseH: 'in-vivo %ID in the target tissue at several times up to the horizon',
  targetToLiverSpleenAucRatio: 'in-vivo %ID in the target tissue, liver and spleen at the same several times',
  drugReleasedInTargetPercentDose: 'drug (not particle) in the target tissue over time, e.g. LC-MS of tissue homogenates',
  drugReleasedInBloodPercentDose: 'free drug in plasma over time',
  bloodHalfLifeH: 'blood %ID at several early times (e.g. 0.25, 1, 4, 8, 24 h)',
  t50PlasmaH: 'in-vitro release in buffer at pH 7.4 until past 50 % released',
  t50InflamedH: 'in-vitro release at pH 6.8 with H2O2 (inflamed-tissue conditions) until past 50 % released',
  t50EndolysosomeH: 'in-vitro release at pH 5.0 until past 50 % released',
  hydrodynamicDiameterNm: 'DLS Z-average of the batch',
  liverSpleenAt24hPercentDose: 'in-vivo %ID in liver and spleen at 24 h',
}

const T50_METRIC: Readonly<Record<ReleaseEnvironmentId, MetricId>> = {
  plasma: 't50PlasmaH', inflamed: 't50InflamedH', endolysosome: 't50EndolysosomeH',
}

/** ∫ y dt by the trapezoid rule through (0, 0) and the points (times ascending, all > 0). */
export function trapezoidFromZero(timesH: ReadonlyArray<number>, values: ReadonlyArray<number>): number {
  let s = 0
  let t0 = 0
  let y0 = 0
  timesH.forEach((t, i) => {
    s += 0.5 * (t - t0) * (y0 + values[i]!)
    t0 = t
    y0 = values[i]!
  })
  return s
}

/**
 * First time a curve through (0, 0) and the points reaches `level`, by linear interpolation
 * between the bracketing points; null when it does not within the points.
 */
export function interpolatedCrossingH(timesH: ReadonlyArray<number>, values: ReadonlyArray<number>, level: number): number | null {
  let t0 = 0
  let y0 = 0
  for (let i = 0; i < timesH.length; i++) {
    const t = timesH[i]!
    const y = values[i]!
    if (y >= level) return y === y0 ? t : t0 + ((level - y0) / (y - y0)) * (t - t0)
    t0 = t
    y0 = y
  }
  return null
}

const residual = (lab: number, engine: number): number | null =>
  lab > 0 && engine > 0 && Number.isFinite(lab) && Number.isFinite(engine) ? Math.log(lab / engine) : null

function biodistributionPoint(m: LabBiodistribution, medians: Multipliers, model: ErrorModel, notes: string[]): LabPoint | null {
  const study = biodistributionStudyFromMeasurement({ id: m.id, design: m.design, data: m.data, ...(m.loqPercentDose !== undefined ? { loqPercentDose: m.loqPercentDose } : {}) })
  const engine = predictBiodistributionStudy(study, medians)
  // tissue → time → { lab, engine, sd }
  const table = new Map<BiodistributionKey, Map<number, { lab: number; engine: number; sd?: number }>>()
  study.observations.forEach((o, i) => {
    if (o.quantity === 'bloodHalfLifeH' || o.censored === true) return
    const row = table.get(o.tissue) ?? new Map<number, { lab: number; engine: number; sd?: number }>()
    row.set(o.timeH, { lab: o.value, engine: engine[i]!, ...(o.sd !== undefined ? { sd: o.sd } : {}) })
    table.set(o.tissue, row)
  })
  const residualLn: Partial<Record<MetricId, number>> = {}
  const noiseSdLn: Partial<Record<MetricId, number>> = {}
  const defaultSd = sigmaLnOf(1, undefined, model)

  const liver = table.get('liver')?.get(24)
  const spleen = table.get('spleen')?.get(24)
  if (liver && spleen) {
    const r = residual(liver.lab + spleen.lab, liver.engine + spleen.engine)
    if (r !== null) {
      residualLn.liverSpleenAt24hPercentDose = r
      // SD of a sum of independent readings; the CV of the sum sets σ of its log (likelihood.ts)
      noiseSdLn.liverSpleenAt24hPercentDose = liver.sd !== undefined && spleen.sd !== undefined
        ? sigmaLnOf(liver.lab + spleen.lab, Math.hypot(liver.sd, spleen.sd), model)
        : defaultSd
    }
  }
  // the target tissue of the design in the study's context (the engine's own choice)
  const inContext: Design = { ...m.design, context: { ...m.design.context, species: m.data.species, dose: { mgPerKg: m.data.doseMgPerKg, basis: m.data.doseBasis } } }
  const targetKey = simulateWithMultipliers(inContext, medians, 24).selectivity.targetTissue as BiodistributionKey | null
  const target = targetKey !== null ? table.get(targetKey) : undefined
  if (target && target.size >= 2) {
    const times = [...target.keys()].sort((a, b) => a - b)
    const r = residual(trapezoidFromZero(times, times.map((t) => target.get(t)!.lab)), trapezoidFromZero(times, times.map((t) => target.get(t)!.engine)))
    if (r !== null) {
      residualLn.targetAucPercentDoseH = r
      noiseSdLn.targetAucPercentDoseH = defaultSd
    }
    const l = table.get('liver')
    const s = table.get('spleen')
    const common = times.filter((t) => l?.has(t) && s?.has(t))
    if (l && s && common.length >= 2) {
      const auc = (row: Map<number, { lab: number; engine: number }>, side: 'lab' | 'engine'): number => trapezoidFromZero(common, common.map((t) => row.get(t)![side]))
      const labRatio = auc(target, 'lab') / (auc(l, 'lab') + auc(s, 'lab'))
      const engineRatio = auc(target, 'engine') / (auc(l, 'engine') + auc(s, 'engine'))
      const rr = residual(labRatio, engineRatio)
      if (rr !== null) {
        residualLn.targetToLiverSpleenAucRatio = rr
        noiseSdLn.targetToLiverSpleenAucRatio = defaultSd
      }
    }
  }
  if (Object.keys(residualLn).length === 0) {
    notes.push(`measurement ${m.id}: no goal metric can be read from it (needs liver and spleen at 24 h, or the target tissue${targetKey ? ` (${targetKey})` : ''} at 2 or more times)`)
    return null
  }
  return { design: m.design, residualLn, noiseSdLn, source: m.id }
}

function releasePoint(m: LabRelease, medians: Multipliers, model: ErrorModel, notes: string[]): LabPoint | null {
  const environment = m.environment ?? 'plasma'
  const study = releaseStudyFromMeasurement({ id: m.id, design: m.design, data: m.data, environment })
  const engine = predictReleaseStudy(study, medians)
  const order = study.timesH.map((_, i) => i).filter((i) => study.timesH[i]! > 0).sort((a, b) => study.timesH[a]! - study.timesH[b]!)
  const times = order.map((i) => study.timesH[i]!)
  const labT50 = interpolatedCrossingH(times, order.map((i) => study.meanPercent[i]!), 50)
  const engineT50 = interpolatedCrossingH(times, order.map((i) => engine[i]!), 50)
  const r = labT50 !== null && engineT50 !== null ? residual(labT50, engineT50) : null
  if (r === null) {
    notes.push(`measurement ${m.id}: ${labT50 === null ? 'the measured release' : 'the engine\'s release'} does not reach 50 % within the measured times, so its t50 is not used`)
    return null
  }
  const metric = T50_METRIC[environment]
  return { design: m.design, residualLn: { [metric]: r }, noiseSdLn: { [metric]: sigmaLnOf(1, undefined, model) }, source: m.id }
}

/**
 * The lab points of stored measurements under the profile's posterior medians: one point per
 * measurement that gives at least one metric; the others are listed in `notes` with the reason.
 */
export function labPointsFromMeasurements(
  measurements: ReadonlyArray<LabMeasurement>, medians: Multipliers, errorModel: ErrorModel = DEFAULT_ERROR_MODEL,
): LabPointsResult {
  const points: LabPoint[] = []
  const notes: string[] = []
  for (const m of measurements) {
    const p = m.kind === 'biodistribution' ? biodistributionPoint(m, medians, errorModel, notes) : releasePoint(m, medians, errorModel, notes)
    if (p !== null) points.push(p)
  }
  return { points, notes }
}
