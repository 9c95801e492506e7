/**
 * Virtual cohorts (issue #15): covariates of a disease's patients sampled with their
 * correlations, each patient simulated, percentiles of every metric over the cohort.
 *
 * A cohort file names, for each covariate, a marginal distribution (normal, or lognormal
 * given by its arithmetic mean and SD), optional bounds, and its source; sex-specific
 * marginals for height and weight; and rank-free correlations between covariates, applied
 * through a Gaussian copula: z = L·ε (L the Cholesky factor of the correlation matrix,
 * ε independent standard normals), each covariate its marginal's quantile at z. An individual
 * outside a bound, or that the patient file rules refuse (a BMI outside 12-70), is drawn again.
 */
import { z } from 'zod'
import { DISEASE_IDS, type DiseaseId } from '../catalog/ids'
import type { Design } from '../design/types'
import { predictRelease } from '../engine/release'
import { mulberry32, type Uniform } from '../engine/random'
import { quantileSorted } from '../engine/quantile'
import { standardNormal } from '../engine/pbpk/random'
import { METRICS, T50_RELEASE_HORIZON_H, type MetricId } from '../metrics/registry'
import { activityScaleOf } from './activity'
import { validatePatient, zodIssues, type Patient, type PatientIssue } from './schema'
import { checkDesignForPatient, responseHorizonH as patientResponseHorizonH, simulatePatient, type PatientSimulation } from './simulate-patient'

export const COHORT_FORMAT = 'nanoforge.cohort'
export const COHORT_VERSION = 1

/** The covariates a cohort samples, in the order of the correlation matrix. */
export const COVARIATES = ['ageY', 'heightCm', 'bodyWeightKg', 'egfrMlPerMin', 'activity'] as const
export type Covariate = (typeof COVARIATES)[number]

const source = z.string({ error: 'is missing; cite where the distribution comes from' }).min(1, { message: 'must cite a source' })

const DistributionSchema = z.object({
  distribution: z.enum(['normal', 'lognormal'], { error: (i) => `must be "normal" or "lognormal", got ${JSON.stringify(i.input)}` }),
  mean: z.number({ error: 'must be a number (the arithmetic mean)' }).finite(),
  sd: z.number({ error: 'must be a number (the standard deviation)' }).finite().positive({ message: 'must be above 0' }),
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  source,
}).strict()
  .refine((d) => d.min === undefined || d.max === undefined || d.min < d.max, { message: 'min must be below max', path: ['min'] })
  .refine((d) => d.distribution === 'normal' || d.mean > 0, { message: 'a lognormal needs a positive mean', path: ['mean'] })

type Distribution = z.infer<typeof DistributionSchema>

const BySexSchema = z.object({ female: DistributionSchema, male: DistributionSchema }).strict()
const CovariateSchema = z.union([DistributionSchema, BySexSchema], { error: 'must be a distribution {distribution, mean, sd, source} or {female: …, male: …}' })

const CohortSchema = z.object({
  format: z.literal(COHORT_FORMAT, { error: (i) => `must be "${COHORT_FORMAT}", got ${JSON.stringify(i.input)}; this is not a NanoForge cohort file` }),
  version: z.literal(COHORT_VERSION, { error: (i) => `must be ${COHORT_VERSION}, got ${JSON.stringify(i.input)}` }),
  name: z.string().max(200).optional(),
  disease: z.enum(DISEASE_IDS, { error: (i) => `must be one of ${DISEASE_IDS.join(', ')}, got ${JSON.stringify(i.input)}` }),
  femaleFraction: z.object({ value: z.number().min(0).max(1), source }).strict(),
  covariates: z.object({
    ageY: CovariateSchema,
    heightCm: CovariateSchema,
    bodyWeightKg: CovariateSchema,
    egfrMlPerMin: CovariateSchema,
    activity: z.object({ scale: z.string() }).passthrough(),
  }).strict(),
  correlations: z.array(z.object({
    between: z.tuple([z.enum(COVARIATES), z.enum(COVARIATES)]),
    rho: z.number().min(-1).max(1),
    source,
  }).strict()).default([]),
}).strict()

/** A validated cohort. */
export interface Cohort {
  readonly name?: string
  readonly disease: DiseaseId
  readonly femaleFraction: number
  readonly marginals: Readonly<Record<Exclude<Covariate, 'activity'>, Distribution | { readonly female: Distribution; readonly male: Distribution }>>
  readonly activityScale: string
  readonly activity: Distribution
  /** Lower Cholesky factor of the correlation matrix (COVARIATES order). */
  readonly cholesky: ReadonlyArray<ReadonlyArray<number>>
}

export type CohortValidation = { readonly valid: true; readonly cohort: Cohort } | { readonly valid: false; readonly errors: PatientIssue[] }

/** Lower Cholesky factor of a symmetric matrix, or null when it is not positive definite. */
export function cholesky(a: ReadonlyArray<ReadonlyArray<number>>): number[][] | null {
  const n = a.length
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0))
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j]!
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!
      if (i === j) {
        if (!(s > 1e-12)) return null
        l[i]![i] = Math.sqrt(s)
      } else {
        l[i]![j] = s / l[j]![j]!
      }
    }
  }
  return l
}

/** Validates a cohort document; every problem with its path. */
export function validateCohort(input: unknown): CohortValidation {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { valid: false, errors: [{ path: '', message: 'a cohort must be a JSON object' }] }
  const parsed = CohortSchema.safeParse(input)
  if (!parsed.success) return { valid: false, errors: zodIssues(parsed.error) }
  const c = parsed.data
  const errors: PatientIssue[] = []
  const { scale, ...activityRest } = c.covariates.activity
  const activity = DistributionSchema.safeParse(activityRest)
  if (!activity.success) errors.push(...zodIssues(activity.error, 'covariates.activity'))
  if (!activityScaleOf(c.disease, scale)) errors.push({ path: 'covariates.activity.scale', message: `${c.disease} has no activity scale "${scale}"` })
  const n = COVARIATES.length
  const r: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)))
  c.correlations.forEach((k, idx) => {
    const [a, b] = k.between
    const i = COVARIATES.indexOf(a)
    const j = COVARIATES.indexOf(b)
    if (i === j) errors.push({ path: `correlations[${idx}].between`, message: `a covariate (${a}) cannot be correlated with itself` })
    else if (r[i]![j] !== 0) errors.push({ path: `correlations[${idx}].between`, message: `${a} and ${b} are correlated twice` })
    else { r[i]![j] = k.rho; r[j]![i] = k.rho }
  })
  const l = cholesky(r)
  if (!l && errors.length === 0) errors.push({ path: 'correlations', message: 'the correlations are not a valid (positive-definite) correlation matrix' })
  if (errors.length > 0 || !activity.success || !l) return { valid: false, errors }
  return {
    valid: true,
    cohort: {
      ...(c.name !== undefined ? { name: c.name } : {}),
      disease: c.disease, femaleFraction: c.femaleFraction.value,
      marginals: { ageY: c.covariates.ageY, heightCm: c.covariates.heightCm, bodyWeightKg: c.covariates.bodyWeightKg, egfrMlPerMin: c.covariates.egfrMlPerMin },
      activityScale: scale, activity: activity.data, cholesky: l,
    },
  }
}

/** The marginal's value at standard-normal score z (normal: μ + σz; lognormal by its arithmetic mean and SD). */
export function marginalValue(d: Distribution, zScore: number): number {
  if (d.distribution === 'normal') return d.mean + d.sd * zScore
  const s2 = Math.log(1 + (d.sd * d.sd) / (d.mean * d.mean))
  return Math.exp(Math.log(d.mean) - s2 / 2 + Math.sqrt(s2) * zScore)
}

const inside = (d: Distribution, v: number): boolean => (d.min === undefined || v >= d.min) && (d.max === undefined || v <= d.max)

/** Most draws per individual before the cohort is declared impossible. */
const MAX_DRAWS = 1000

/** Samples `n` patients of a cohort with a seeded generator (same cohort, n and seed → same patients). */
export function sampleCohort(cohort: Cohort, n: number, seed: number): { patients: Patient[]; redrawn: number } {
  const u: Uniform = mulberry32(seed)
  const patients: Patient[] = []
  let redrawn = 0
  for (let p = 0; p < n; p++) {
    for (let attempt = 0; ; attempt++) {
      if (attempt >= MAX_DRAWS) throw new Error(`cohort: no valid individual in ${MAX_DRAWS} draws (patient ${p + 1}); the distributions' bounds or the BMI limits exclude nearly everyone`)
      const sex = u() < cohort.femaleFraction ? 'female' : 'male'
      const eps = COVARIATES.map(() => standardNormal(u))
      const zs = cohort.cholesky.map((row) => row.reduce((sum, lij, j) => sum + lij * eps[j]!, 0))
      const values = {} as Record<Covariate, number>
      let ok = true
      COVARIATES.forEach((cov, i) => {
        const m = cov === 'activity' ? cohort.activity : cohort.marginals[cov]
        const d = 'distribution' in m ? m : m[sex]
        const v = marginalValue(d, zs[i]!)
        if (!inside(d, v)) ok = false
        values[cov] = v
      })
      if (ok) {
        const candidate = validatePatient({
          format: 'nanoforge.patient', version: 1, sex, ageY: values.ageY, bodyWeightKg: values.bodyWeightKg, heightCm: values.heightCm,
          egfrMlPerMin: values.egfrMlPerMin, disease: cohort.disease, activity: { scale: cohort.activityScale, value: values.activity },
        })
        if (candidate.valid) {
          patients.push(candidate.patient)
          break
        }
      }
      redrawn++
    }
  }
  return { patients, redrawn }
}

/** p5/p50/p95 of one metric over the cohort (null when no patient has a value). */
export interface Percentiles { readonly p5: number | null; readonly p50: number | null; readonly p95: number | null }

/** Response metrics reported per patient besides the registry's. */
export const RESPONSE_METRICS = ['targetExposureRatio', 'systemicExposureRatio', 'benefitRatio', 'harmRatio', 'targetOccupancy', 'cortisolSuppression'] as const
export type ResponseMetric = (typeof RESPONSE_METRICS)[number]

/**
 * Words of the response metrics (the metric registry labels its own), for the CLI's table and
 * the app's cohort view. Ratios are particles ÷ the same dose of free drug; occupancy and
 * suppression are fractions 0-1.
 */
export const RESPONSE_METRIC_LABELS: Readonly<Record<ResponseMetric, string>> = {
  targetExposureRatio: 'Target exposure ÷ free drug',
  systemicExposureRatio: 'Systemic exposure ÷ free drug',
  benefitRatio: 'Target occupancy ÷ free drug',
  harmRatio: 'Cortisol suppression ÷ free drug',
  targetOccupancy: 'Target receptor occupancy',
  cortisolSuppression: 'Cortisol suppression',
}

function responseMetric(s: PatientSimulation, m: ResponseMetric): number | null {
  const r = s.response
  switch (m) {
    case 'targetExposureRatio': return r.versusFreeDrug.targetExposureRatio
    case 'systemicExposureRatio': return r.versusFreeDrug.systemicExposureRatio
    case 'benefitRatio': return r.versusFreeDrug.benefitRatio
    case 'harmRatio': return r.versusFreeDrug.harmRatio
    case 'targetOccupancy': return r.target?.kind === 'drug' ? r.target.particle.effect : null
    case 'cortisolSuppression': return r.systemic?.particle.effect ?? null
  }
}

/** Result of {@link runCohort}: the contract of `nanoforge population --json`. */
export interface CohortResult {
  readonly n: number
  readonly seed: number
  readonly hours: number
  /**
   * The hours every patient's response counts (decided once for the cohort, in its typical
   * patient: {@link cohortResponseHorizonH}); at least `hours`.
   */
  readonly responseHorizonH: number
  readonly disease: DiseaseId
  /** Individuals drawn again (outside a bound or the patient rules). */
  readonly redrawn: number
  readonly metrics: Readonly<Record<MetricId | ResponseMetric, Percentiles>>
  /** The patients at the extremes of one metric, to open one by one as patient files. */
  readonly extremes: { readonly metric: MetricId | ResponseMetric; readonly lowest: { readonly value: number; readonly patient: Patient }; readonly highest: { readonly value: number; readonly patient: Patient } } | null
}

/** Options of {@link runCohort}. */
export interface RunCohortOptions {
  readonly n: number
  readonly seed: number
  readonly hours?: number
  readonly onProgress?: (done: number, total: number) => void
}

/** One patient's value of every registry and response metric (null: not defined for this design). */
export type CohortRow = Readonly<Record<MetricId | ResponseMetric, number | null>>

/**
 * The cohort's typical patient: each covariate at its marginal's median (z = 0; the majority
 * sex's marginal where they differ by sex), the sex of the majority. Deterministic: it depends on
 * the cohort file only, not on n, the seed or the draws.
 */
export function typicalPatient(cohort: Cohort): Patient {
  const sex = cohort.femaleFraction >= 0.5 ? 'female' : 'male'
  const median = (cov: Covariate): number => {
    const m = cov === 'activity' ? cohort.activity : cohort.marginals[cov]
    const d = 'distribution' in m ? m : m[sex]
    const v = marginalValue(d, 0)
    return Math.min(d.max ?? v, Math.max(d.min ?? v, v))
  }
  const checked = validatePatient({
    format: 'nanoforge.patient', version: 1, sex, ageY: median('ageY'), bodyWeightKg: median('bodyWeightKg'), heightCm: median('heightCm'),
    egfrMlPerMin: median('egfrMlPerMin'), disease: cohort.disease, activity: { scale: cohort.activityScale, value: median('activity') },
  })
  if (!checked.valid) throw new Error(`cohort: the typical patient (each covariate at its median) is not a valid patient: ${checked.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`)
  return checked.patient
}

/**
 * The response horizon of a cohort, decided once before its patients are simulated (and before
 * they are split over workers): the doubling rule of simulatePatient (the estimate's hours,
 * doubled while > 5 % of the dose is still inside particles, at most 30 days) applied in the
 * cohort's typical patient. Every patient's response then counts the same hours, so the
 * percentiles compare like with like and no row depends on which worker or slice computed it.
 */
export function cohortResponseHorizonH(design: Design, cohort: Cohort, hours: number): number {
  return patientResponseHorizonH(design, typicalPatient(cohort), hours)
}

/**
 * Each patient's metrics: the design simulated in each (no dose tailoring), the response counted
 * to the cohort's `responseHorizonH` ({@link cohortResponseHorizonH}). A t50 not reached
 * within the horizon is read from one long release run (patient-independent), as
 * evaluateDesign does. Pure and per patient, so a cohort split over workers gives the rows of
 * one run.
 */
export function cohortRows(design: Design, patients: ReadonlyArray<Patient>, hours: number, responseHorizonH: number, onProgress?: (done: number, total: number) => void): CohortRow[] {
  let longRelease: ReturnType<typeof predictRelease> | undefined
  return patients.map((patient, i) => {
    const sim = simulatePatient(design, patient, { hours, tailorDose: false, responseHorizonH, exposureTarget: false })
    const row = {} as Record<MetricId | ResponseMetric, number | null>
    for (const m of METRICS) {
      let v = m.extract(sim)
      if (v === null && m.id.startsWith('t50')) {
        longRelease ??= predictRelease(design, { hours: T50_RELEASE_HORIZON_H })
        const env = m.id === 't50PlasmaH' ? 'plasma' : m.id === 't50InflamedH' ? 'inflamed' : 'endolysosome'
        v = longRelease.environments[env].t50H ?? T50_RELEASE_HORIZON_H
      }
      row[m.id] = v
    }
    for (const m of RESPONSE_METRICS) row[m] = responseMetric(sim, m)
    onProgress?.(i + 1, patients.length)
    return row
  })
}

/** What a cohort summary says about its run besides the rows. */
export interface CohortRunInfo {
  readonly seed: number
  readonly hours: number
  readonly responseHorizonH: number
  readonly disease: DiseaseId
  readonly redrawn: number
}

/**
 * p5/p50/p95 of every metric over the patients' rows (in the patients' order), and the
 * patients at the extremes of the target exposure ratio (else of the target AUC).
 */
export function summarizeCohort(patients: ReadonlyArray<Patient>, rows: ReadonlyArray<CohortRow>, info: CohortRunInfo): CohortResult {
  if (rows.length !== patients.length) throw new Error(`summarizeCohort: ${rows.length} rows for ${patients.length} patients`)
  const ids = [...METRICS.map((m) => m.id), ...RESPONSE_METRICS]
  const metrics = {} as Record<MetricId | ResponseMetric, Percentiles>
  for (const id of ids) {
    const sorted = rows.map((r) => r[id]).filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b)
    metrics[id] = sorted.length === 0
      ? { p5: null, p50: null, p95: null }
      : { p5: quantileSorted(sorted, 0.05), p50: quantileSorted(sorted, 0.5), p95: quantileSorted(sorted, 0.95) }
  }
  const extremeMetric: MetricId | ResponseMetric = rows.some((r) => r.targetExposureRatio !== null) ? 'targetExposureRatio' : 'targetAucPercentDoseH'
  const ev = rows.map((r) => r[extremeMetric])
  let lo = -1
  let hi = -1
  ev.forEach((v, i) => {
    if (v === null) return
    if (lo < 0 || v < ev[lo]!) lo = i
    if (hi < 0 || v > ev[hi]!) hi = i
  })
  return {
    n: patients.length, seed: info.seed, hours: info.hours, responseHorizonH: info.responseHorizonH, disease: info.disease, redrawn: info.redrawn, metrics,
    extremes: lo < 0 ? null : { metric: extremeMetric, lowest: { value: ev[lo]!, patient: patients[lo]! }, highest: { value: ev[hi]!, patient: patients[hi]! } },
  }
}

/**
 * Simulates a cohort: n patients sampled from `cohort`, the response horizon decided once
 * ({@link cohortResponseHorizonH}), the design in each (no dose tailoring), percentiles of every registry metric and response metric
 * ({@link cohortRows}, {@link summarizeCohort}).
 */
export function runCohort(design: Design, cohort: Cohort, options: RunCohortOptions): CohortResult {
  const hours = options.hours ?? 72
  const { patients, redrawn } = sampleCohort(cohort, options.n, options.seed)
  if (patients.length > 0) checkDesignForPatient(design, patients[0]!)
  const horizonH = cohortResponseHorizonH(design, cohort, hours)
  const rows = cohortRows(design, patients, hours, horizonH, options.onProgress)
  return summarizeCohort(patients, rows, { seed: options.seed, hours, responseHorizonH: horizonH, disease: cohort.disease, redrawn })
}
