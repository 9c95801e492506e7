/**
 * One list of the scalar metrics that every analysis, chart and export shares (issue 13):
 * sensitivity indices, the optimiser's objectives and constraints, and the goal file all
 * name a metric by its id here, so a label, a unit or a direction is written once.
 *
 * Every metric is read from the result of the same composition `nanoforge simulate` uses
 * ({@link simulateDesign}); this module never reaches into the engine's internals.
 */
import type { Design } from '../design/types'
import { simulateDesign, type DesignSimulation } from '../engine/simulate'
import { predictRelease } from '../engine/release'

/**
 * Which way a metric is better: `higher` (exposure of the target), `lower` (off-target
 * exposure), or `target` (a value is good when near what the design is for, e.g. a release
 * half-time matched to the dosing interval; the goal file gives the target).
 */
export type MetricDirection = 'higher' | 'lower' | 'target'

/** Every metric id, in display order. */
export const METRIC_IDS = [
  'selectivityIndex',
  'targetAucPercentDoseH',
  'targetToLiverSpleenAucRatio',
  'drugReleasedInTargetPercentDose',
  'drugReleasedInBloodPercentDose',
  'bloodHalfLifeH',
  't50PlasmaH',
  't50InflamedH',
  't50EndolysosomeH',
  'hydrodynamicDiameterNm',
  'liverSpleenAt24hPercentDose',
] as const
/** One of {@link METRIC_IDS}. */
export type MetricId = (typeof METRIC_IDS)[number]

/** One metric: how it is named, its unit, which way is better, and how it is read. */
export interface MetricDefinition {
  readonly id: MetricId
  readonly label: string
  /** Unit as shown next to the number ('' for a ratio). */
  readonly unit: string
  readonly direction: MetricDirection
  /** One sentence: what the number is. */
  readonly description: string
  /**
   * Reads the metric from one simulation. Null only when the simulation's horizon is too
   * short to define it (a t50 not reached); {@link evaluateDesign} resolves those.
   */
  readonly extract: (simulation: DesignSimulation) => number | null
}

/** Time at which liver + spleen exposure is read for `liverSpleenAt24hPercentDose`, h. */
export const LIVER_SPLEEN_READ_TIME_H = 24

/**
 * Value of a sampled curve at `tH` by linear interpolation between output times (the
 * default grid contains 24 h, so this is normally an exact read).
 */
function valueAt(timesH: ReadonlyArray<number>, values: ReadonlyArray<number>, tH: number): number {
  const n = timesH.length
  if (n === 0) return Number.NaN
  if (tH <= timesH[0]!) return values[0]!
  for (let i = 1; i < n; i++) {
    const t1 = timesH[i]!
    if (tH <= t1) {
      const t0 = timesH[i - 1]!
      const f = t1 === t0 ? 1 : (tH - t0) / (t1 - t0)
      return values[i - 1]! + f * (values[i]! - values[i - 1]!)
    }
  }
  return values[n - 1]!
}

/** The registry: one definition per id, in {@link METRIC_IDS} order. */
export const METRICS: ReadonlyArray<MetricDefinition> = [
  {
    id: 'selectivityIndex', label: 'Selectivity index', unit: '', direction: 'higher',
    description: 'Target AUC per gram of target tissue over the AUC per gram of all other organs: (AUC_target ÷ m_target) ÷ (AUC_others ÷ m_others).',
    extract: (s) => s.selectivity.selectivityIndex,
  },
  {
    id: 'targetAucPercentDoseH', label: 'Target AUC', unit: '%ID·h', direction: 'higher',
    description: 'Particles in the target tissue integrated over the horizon.',
    extract: (s) => s.selectivity.targetAucPercentDoseH,
  },
  {
    id: 'targetToLiverSpleenAucRatio', label: 'Target ÷ (liver + spleen) AUC', unit: '', direction: 'higher',
    description: 'Target AUC divided by the liver plus spleen AUC over the horizon.',
    extract: (s) => s.selectivity.targetToLiverSpleenAucRatio,
  },
  {
    id: 'drugReleasedInTargetPercentDose', label: 'Drug released in target', unit: '% of drug dose', direction: 'higher',
    description: 'Percent of the loaded drug released in the target (tissue and its phagocytes) by the horizon.',
    extract: (s) => s.selectivity.drugReleasedInTargetPercentDose,
  },
  {
    id: 'drugReleasedInBloodPercentDose', label: 'Drug released in blood', unit: '% of drug dose', direction: 'lower',
    description: 'Percent of the loaded drug released in blood by the horizon (systemic exposure).',
    extract: (s) => s.selectivity.drugReleasedInBloodPercentDose,
  },
  {
    id: 'bloodHalfLifeH', label: 'Blood half-life', unit: 'h', direction: 'higher',
    description: 'Time for particles in blood to halve (extrapolated from the terminal slope when they do not halve within the horizon).',
    extract: (s) => s.biodistribution.bloodHalfLifeH,
  },
  {
    id: 't50PlasmaH', label: 't50 in plasma', unit: 'h', direction: 'target',
    description: 'Time to 50 % of the drug released in plasma (pH 7.4).',
    extract: (s) => s.release.environments.plasma.t50H,
  },
  {
    id: 't50InflamedH', label: 't50 in inflamed tissue', unit: 'h', direction: 'target',
    description: 'Time to 50 % of the drug released in inflamed tissue (pH 6.8, raised H2O2 and MMP).',
    extract: (s) => s.release.environments.inflamed.t50H,
  },
  {
    id: 't50EndolysosomeH', label: 't50 in the endolysosome', unit: 'h', direction: 'target',
    description: 'Time to 50 % of the drug released in the endolysosome (pH 5.0).',
    extract: (s) => s.release.environments.endolysosome.t50H,
  },
  {
    id: 'hydrodynamicDiameterNm', label: 'Hydrodynamic diameter', unit: 'nm', direction: 'target',
    description: 'Diameter of the whole particle including coatings and ligands.',
    extract: (s) => s.derived.hydrodynamicDiameterNm,
  },
  {
    id: 'liverSpleenAt24hPercentDose', label: 'Liver + spleen at 24 h', unit: '%ID', direction: 'lower',
    description: 'Percent of the injected particles in liver plus spleen at 24 h.',
    extract: (s) => valueAt(s.biodistribution.timesH, s.biodistribution.percentDose.liver, LIVER_SPLEEN_READ_TIME_H)
      + valueAt(s.biodistribution.timesH, s.biodistribution.percentDose.spleen, LIVER_SPLEEN_READ_TIME_H),
  },
]

const BY_ID: ReadonlyMap<string, MetricDefinition> = new Map(METRICS.map((m) => [m.id, m]))

/** The registry keyed by id (for code that names a metric it knows exists). */
export const METRIC_BY_ID = Object.fromEntries(METRICS.map((m) => [m.id, m])) as Readonly<Record<MetricId, MetricDefinition>>

/**
 * Numbers the app and the reports show that are not optimisable metrics (no goal or
 * sensitivity reads them): their label and unit, written once here beside the metrics.
 */
export const REPORTED_QUANTITIES = {
  targetPeakPercentDose: { label: 'Target peak', unit: '%ID' },
  t50H: { label: 't50', unit: 'h' },
  t80H: { label: 't80', unit: 'h' },
  t80PlasmaH: { label: 't80 in plasma', unit: 'h' },
  burstFraction1H: { label: 'Burst (first 1 h)', unit: '%' },
  burstPlasmaPercent: { label: 'Released in plasma in the first hour', unit: '%' },
  releaseRateMultiplier: { label: 'Rate vs plasma', unit: '×' },
  drugReleasedOffTargetPercentDose: { label: 'Drug released off target', unit: '% of drug dose' },
} as const satisfies Readonly<Record<string, { readonly label: string; readonly unit: string }>>

/** True when `id` names a registered metric. */
export function isMetricId(id: string): id is MetricId {
  return BY_ID.has(id)
}

/** The definition of a metric; throws with the list of ids for an unknown one. */
export function getMetric(id: string): MetricDefinition {
  const m = BY_ID.get(id)
  if (m === undefined) throw new Error(`Unknown metric '${id}'; the metrics are ${METRIC_IDS.join(', ')}.`)
  return m
}

/** Options of {@link evaluateDesign}. */
export interface EvaluateDesignOptions {
  /** Horizon of the biodistribution (AUCs, drug released), h; default 72 as `nanoforge simulate`; at least 24. */
  readonly hours?: number
}

/**
 * The release horizon used when a t50 is not reached within the simulation's horizon, h:
 * 90 days, the longest horizon `nanoforge simulate` accepts. A t50 beyond it is reported as
 * this value (a right-censored lower bound) and listed in `censored`.
 */
export const T50_RELEASE_HORIZON_H = 24 * 90

/** Every metric of one design, with the ids whose value is only a lower bound. */
export interface DesignEvaluation {
  readonly metrics: Readonly<Record<MetricId, number>>
  /** Metrics whose true value exceeds the reported one (a t50 beyond {@link T50_RELEASE_HORIZON_H}). */
  readonly censored: ReadonlyArray<MetricId>
}

const T50_ENV: Partial<Record<MetricId, 'plasma' | 'inflamed' | 'endolysosome'>> = {
  t50PlasmaH: 'plasma', t50InflamedH: 'inflamed', t50EndolysosomeH: 'endolysosome',
}

/**
 * Every registered metric of one valid design: one {@link simulateDesign} run, read through
 * the registry's extractors.
 *
 * Why the release-only extension: a slow-releasing design does not reach t50 within the
 * biodistribution horizon, but an optimiser aiming at t50 = 48 h (or a sensitivity on t50)
 * needs a number that keeps growing with slower release. Only then is the release engine
 * (cheap, no ODE) re-run to {@link T50_RELEASE_HORIZON_H}; the biodistribution is not re-run.
 */
export function evaluateDesignDetailed(design: Design, options: EvaluateDesignOptions = {}): DesignEvaluation {
  const hours = options.hours ?? 72
  if (!(hours >= LIVER_SPLEEN_READ_TIME_H)) {
    throw new Error(`evaluateDesign: the horizon must be at least ${LIVER_SPLEEN_READ_TIME_H} h (liver + spleen are read at 24 h), got ${hours}.`)
  }
  const simulation = simulateDesign(design, { hours })
  const metrics = {} as Record<MetricId, number>
  const censored: MetricId[] = []
  let longRelease: ReturnType<typeof predictRelease> | undefined
  for (const m of METRICS) {
    let value = m.extract(simulation)
    const env = T50_ENV[m.id]
    if (value === null && env !== undefined) {
      longRelease ??= predictRelease(design, { hours: T50_RELEASE_HORIZON_H })
      value = longRelease.environments[env].t50H
      if (value === null) {
        value = T50_RELEASE_HORIZON_H
        censored.push(m.id)
      }
    }
    if (value === null || !Number.isFinite(value)) throw new Error(`evaluateDesign: metric ${m.id} is not a finite number (${String(value)}).`)
    metrics[m.id] = value
  }
  return { metrics, censored }
}

/** Every registered metric of one valid design (see {@link evaluateDesignDetailed}). */
export function evaluateDesign(design: Design, options: EvaluateDesignOptions = {}): Record<MetricId, number> {
  return { ...evaluateDesignDetailed(design, options).metrics }
}
