/**
 * What a calibration learns from: studies (one in-vivo biodistribution study or one release
 * profile each), their observations, the engine's prediction of every observation under a
 * set of multipliers, and the checks that refuse bad input with its path.
 *
 * Why a study holds a BiodistributionInput (not a Design): the study's own species and dose
 * may differ from the design's context (BiodistributionMeasurementData stores them), so the
 * input is built once, for the study, by {@link biodistributionStudyFromMeasurement}.
 */
import type { Design } from '../../design/types'
import type { DoseBasisId, SpeciesId } from '../../catalog/ids'
import { deriveProperties } from '../../design/derived'
import { biodistributionInputFromDesign } from '../pbpk/from-design'
import { resolveParameters } from '../pbpk/parameters'
import { deriveMetrics, intravascularBloodMassG, runModel, tissueMassesG } from '../pbpk/simulate'
import { BIODISTRIBUTION_KEYS, bloodSampleScale, residualizingLabelPercentDose, type BiodistributionInput, type BiodistributionKey } from '../pbpk/types'
import { predictRelease } from '../release'
import type { ReleaseEnvironmentId } from '../release/triggers'
import { calibratedInput, perturbationOf, releasedFractionWithMultiplier, type Multipliers } from './parameters'

/** One measured biodistribution number. */
export type BiodistributionObservation =
  | {
    /** % of injected dose in the whole tissue, or per gram (the model's tissue mass). */
    readonly quantity: 'percentDose' | 'percentDosePerG'
    readonly tissue: BiodistributionKey
    readonly timeH: number
    /** Mean; for a censored point, the limit of quantification. */
    readonly value: number
    readonly sd?: number
    /** True when the value was below the LOQ: `value` then holds the LOQ. */
    readonly censored?: boolean
  }
  | {
    /** Blood half-life, h (the engine's first halving of the blood concentration). */
    readonly quantity: 'bloodHalfLifeH'
    readonly value: number
    readonly sd?: number
    readonly censored?: false
  }

/** An in-vivo study: one design in one context, its observations and how they were counted. */
export interface BiodistributionStudy {
  readonly kind: 'biodistribution'
  readonly id: string
  readonly input: BiodistributionInput
  /** `intact`: intact particles; `label`: a residualizing label (intact + degraded carrier in the tissue). */
  readonly counting: 'intact' | 'label'
  readonly observations: ReadonlyArray<BiodistributionObservation>
}

/** A measured release profile with the engine's nominal curve at the same times. */
export interface ReleaseStudy {
  readonly kind: 'release'
  readonly id: string
  readonly timesH: ReadonlyArray<number>
  /** Mean % released at each time. */
  readonly meanPercent: ReadonlyArray<number>
  /** SD over replicates, % released (null with one replicate). */
  readonly sdPercent: ReadonlyArray<number | null>
  /** The engine's released fraction (0–1) at each time with nominal parameters. */
  readonly nominalFraction: ReadonlyArray<number>
  readonly environment: ReleaseEnvironmentId
}

/** Either kind of study. */
export type CalibrationStudy = BiodistributionStudy | ReleaseStudy

/** Bad calibration input: `path` names the offending field (e.g. `studies[1].observations[4].value`). */
export class CalibrationInputError extends Error {
  constructor(readonly path: string, message: string) {
    super(`${path}: ${message}`)
    this.name = 'CalibrationInputError'
  }
}

const positiveFinite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0

/** Checks every study; throws {@link CalibrationInputError} at the first problem, with its path. */
export function checkStudies(studies: ReadonlyArray<CalibrationStudy>): void {
  if (studies.length === 0) throw new CalibrationInputError('studies', 'at least one study is needed')
  const ids = new Set<string>()
  studies.forEach((s, i) => {
    const at = `studies[${i}]`
    if (typeof s.id !== 'string' || s.id === '') throw new CalibrationInputError(`${at}.id`, 'a study needs a non-empty id')
    if (ids.has(s.id)) throw new CalibrationInputError(`${at}.id`, `id '${s.id}' is used by two studies`)
    ids.add(s.id)
    if (s.kind === 'release') {
      const n = s.timesH.length
      if (n === 0) throw new CalibrationInputError(`${at}.timesH`, 'at least one time point')
      if (s.meanPercent.length !== n || s.sdPercent.length !== n || s.nominalFraction.length !== n) {
        throw new CalibrationInputError(at, `timesH has ${n} points but meanPercent/sdPercent/nominalFraction have ${s.meanPercent.length}/${s.sdPercent.length}/${s.nominalFraction.length}`)
      }
      s.timesH.forEach((t, j) => { if (!(Number.isFinite(t) && t >= 0)) throw new CalibrationInputError(`${at}.timesH[${j}]`, `time ${t} is not a finite number ≥ 0`) })
      s.meanPercent.forEach((v, j) => { if (!Number.isFinite(v)) throw new CalibrationInputError(`${at}.meanPercent[${j}]`, `${v} is not a number`) })
      s.sdPercent.forEach((v, j) => { if (v !== null && !(Number.isFinite(v) && v >= 0)) throw new CalibrationInputError(`${at}.sdPercent[${j}]`, `SD ${v} is not a number ≥ 0`) })
      s.nominalFraction.forEach((v, j) => { if (!(Number.isFinite(v) && v >= 0 && v <= 1)) throw new CalibrationInputError(`${at}.nominalFraction[${j}]`, `${v} is not a fraction in [0, 1]`) })
      return
    }
    if (s.observations.length === 0) throw new CalibrationInputError(`${at}.observations`, 'at least one observation')
    s.observations.forEach((o, j) => {
      const oa = `${at}.observations[${j}]`
      if (!positiveFinite(o.value)) {
        throw new CalibrationInputError(`${oa}.value`, `${o.value} cannot enter a log-normal likelihood (it must be > 0); a value below the limit of quantification is given as censored at the LOQ`)
      }
      if (o.sd !== undefined && !(Number.isFinite(o.sd) && o.sd >= 0)) throw new CalibrationInputError(`${oa}.sd`, `SD ${o.sd} is not a number ≥ 0`)
      if (o.quantity === 'bloodHalfLifeH') return
      if (!(BIODISTRIBUTION_KEYS as ReadonlyArray<string>).includes(o.tissue)) {
        throw new CalibrationInputError(`${oa}.tissue`, `'${o.tissue}' is not a tissue: use ${BIODISTRIBUTION_KEYS.join(', ')}`)
      }
      if (o.quantity === 'percentDosePerG' && (o.tissue === 'excreted' || o.tissue === 'degraded')) {
        throw new CalibrationInputError(`${oa}.tissue`, `'${o.tissue}' has no mass, so no %ID per gram`)
      }
      if (!(Number.isFinite(o.timeH) && o.timeH > 0)) throw new CalibrationInputError(`${oa}.timeH`, `time ${o.timeH} h must be a finite number > 0 (t = 0 is the dose itself)`)
    })
  })
}

/** Solver tolerances of calibration runs (those of the Monte Carlo, pbpk/monte-carlo.ts). */
export const CALIBRATION_RTOL = 3e-3
/** See {@link CALIBRATION_RTOL}; %ID. */
export const CALIBRATION_ATOL = 1e-4

/** Output times a study needs: 0 and every observation time (sorted). */
export function studyTimesH(study: BiodistributionStudy): number[] {
  const set = new Set<number>([0])
  for (const o of study.observations) if (o.quantity !== 'bloodHalfLifeH') set.add(o.timeH)
  if (set.size === 1) set.add(24) // half-life only: a horizon long enough to see it in most cases (else extrapolated)
  return [...set].sort((a, b) => a - b)
}

/**
 * The engine's value of every observation of a biodistribution study under the multipliers,
 * in observation order. One PBPK run (particle states only; no release hazard needed).
 */
export function predictBiodistributionStudy(study: BiodistributionStudy, m: Multipliers): number[] {
  const input = calibratedInput(study.input, m)
  const times = studyTimesH(study)
  const resolved = resolveParameters(input, perturbationOf(m))
  const run = runModel(resolved.params, input, times, CALIBRATION_RTOL, CALIBRATION_ATOL)
  const metrics = deriveMetrics(run, input)
  const curves = study.counting === 'label'
    ? residualizingLabelPercentDose(metrics.percentDose, metrics.degradedInTissuePercentDose)
    : metrics.percentDose
  const masses = tissueMassesG(run.params)
  // a lab's "%ID in blood" is what a blood sample reads (bloodSampleScale); %ID per gram of
  // blood is that concentration either way
  const bloodSample = bloodSampleScale({ intravascularBloodMassG: intravascularBloodMassG(run.params), tissueMassG: masses })
  return study.observations.map((o) => {
    if (o.quantity === 'bloodHalfLifeH') return Number.isFinite(run.bloodHalfLifeH) ? run.bloodHalfLifeH : 1e6
    const v = curves[o.tissue][times.indexOf(o.timeH)]!
    if (o.quantity === 'percentDose') return o.tissue === 'blood' ? v * bloodSample : v
    return v / masses[o.tissue]!
  })
}

/** The engine's % released at each time of a release study under the release multiplier. */
export function predictReleaseStudy(study: ReleaseStudy, m: Multipliers): number[] {
  const rate = m.releaseRate ?? 1
  return study.nominalFraction.map((f) => 100 * releasedFractionWithMultiplier(f, rate))
}

/** The engine's prediction of every observation of a study (biodistribution or release). */
export function predictStudy(study: CalibrationStudy, m: Multipliers): number[] {
  return study.kind === 'release' ? predictReleaseStudy(study, m) : predictBiodistributionStudy(study, m)
}

/** The fields of a stored biodistribution measurement the calibration reads (BiodistributionMeasurementData). */
export interface BiodistributionMeasurementLike {
  readonly species: SpeciesId
  readonly doseMgPerKg: number
  readonly doseBasis: DoseBasisId
  readonly timesH: ReadonlyArray<number>
  readonly tissues: Readonly<Partial<Record<BiodistributionKey, {
    readonly percentInjectedDose: ReadonlyArray<number | null>
    readonly sdPercentInjectedDose?: ReadonlyArray<number | null>
  }>>>
  /** The study's limit of quantification, %ID, as stored with it (`measure add --loq`). */
  readonly loqPercentInjectedDose?: number
}

/** Options of {@link biodistributionStudyFromMeasurement}. */
export interface BiodistributionStudyOptions {
  readonly id: string
  /** The design the measurement is attached to (validated). */
  readonly design: Design
  readonly data: BiodistributionMeasurementLike
  /** Default `intact`. */
  readonly counting?: 'intact' | 'label'
  /**
   * Limit of quantification, %ID: values at or below it are censored at it. Default: the
   * one stored with the measurement (`data.loqPercentInjectedDose`), so the CLI, the app and
   * the suggest loop censor what the lab said is below the LOQ without being told again.
   */
  readonly loqPercentDose?: number
}

/**
 * A study from a stored in-vivo measurement: the design evaluated in the study's species and
 * dose, one %ID observation per measured tissue and time (t = 0 rows are skipped: they are
 * the dose itself, not a measurement of it), SDs where the file has them. A value of 0
 * without an LOQ is refused with its path (a log-normal likelihood cannot take 0).
 */
export function biodistributionStudyFromMeasurement(options: BiodistributionStudyOptions): BiodistributionStudy {
  const { design, data } = options
  const loq = options.loqPercentDose ?? data.loqPercentInjectedDose
  if (loq !== undefined && !positiveFinite(loq)) {
    throw new CalibrationInputError(options.loqPercentDose !== undefined ? 'loqPercentDose' : 'data.loqPercentInjectedDose', `${loq} is not a number > 0`)
  }
  const inContext: Design = { ...design, context: { ...design.context, species: data.species, dose: { mgPerKg: data.doseMgPerKg, basis: data.doseBasis } } }
  const input = biodistributionInputFromDesign(inContext, deriveProperties(inContext))
  const observations: BiodistributionObservation[] = []
  for (const tissue of BIODISTRIBUTION_KEYS) {
    const t = data.tissues[tissue]
    if (!t) continue
    data.timesH.forEach((timeH, i) => {
      const value = t.percentInjectedDose[i] ?? null
      if (value === null || timeH <= 0) return
      const sd = t.sdPercentInjectedDose?.[i] ?? null
      if (loq !== undefined && value <= loq) {
        observations.push({ quantity: 'percentDose', tissue, timeH, value: loq, censored: true })
        return
      }
      if (!(value > 0)) {
        throw new CalibrationInputError(`data.tissues.${tissue}.percentInjectedDose[${i}]`, `${value} %ID at ${timeH} h cannot enter a log-normal likelihood: attach the study with its limit of quantification (nanoforge measure add --biodistribution FILE --loq X) so it is counted as below it`)
      }
      observations.push({ quantity: 'percentDose', tissue, timeH, value, ...(sd !== null ? { sd } : {}) })
    })
  }
  if (observations.length === 0) throw new CalibrationInputError('data.tissues', 'no measured value after t = 0')
  return { kind: 'biodistribution', id: options.id, input, counting: options.counting ?? 'intact', observations }
}

/** Options of {@link releaseStudyFromMeasurement}. */
export interface ReleaseStudyOptions {
  readonly id: string
  readonly design: Design
  /** ReleaseMeasurementData: times, replicate columns of % released (null = blank). */
  readonly data: { readonly timesH: ReadonlyArray<number>; readonly replicates: ReadonlyArray<ReadonlyArray<number | null>> }
  /** The release environment the experiment stands for (default plasma: buffer at pH 7.4). */
  readonly environment?: ReleaseEnvironmentId
}

/**
 * A study from a stored release profile: mean and SD over the non-blank replicates at each
 * time (times where all are blank are dropped), and the engine's nominal released fraction
 * at those times in the chosen environment.
 */
export function releaseStudyFromMeasurement(options: ReleaseStudyOptions): ReleaseStudy {
  const timesH: number[] = []
  const meanPercent: number[] = []
  const sdPercent: Array<number | null> = []
  options.data.timesH.forEach((t, i) => {
    const values: number[] = []
    options.data.replicates.forEach((col) => { const v = col[i]; if (v !== null && v !== undefined) values.push(v) })
    if (values.length === 0) return
    const mean = values.reduce((a, b) => a + b, 0) / values.length
    const sd = values.length > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1)) : null
    timesH.push(t)
    meanPercent.push(mean)
    sdPercent.push(sd)
  })
  if (timesH.length === 0) throw new CalibrationInputError('data.replicates', 'every cell is blank')
  const environment = options.environment ?? 'plasma'
  const prediction = predictRelease(options.design, { timesH })
  return { kind: 'release', id: options.id, timesH, meanPercent, sdPercent, nominalFraction: prediction.environments[environment].fractionReleased, environment }
}
