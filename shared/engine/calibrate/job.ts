/**
 * One calibration job as the CLI (`nanoforge calibrate`) and the app's Calibrate dialog run it
 * (issue #14): the studies built from the measurements attached to design versions, the
 * sampler settings for a number of posterior samples, the posterior run, leave-one-study-out,
 * the contract summary, and the profile to save. Pure (no database, no worker): the callers
 * read the library and save the profile, each in its own way.
 *
 * Why one module: the dialog and the CLI must produce the same profile from the same data and
 * settings (same seed → same numbers), so the orchestration is written once.
 */
import type { Design } from '../../design/types'
import type { Measurement } from '../../ipc/channels/measurement'
import { MAX_PROFILE_DRAWS, type CalibrationProfile, type NewCalibrationProfile } from '../../ipc/channels/profile'
import { ENGINE_VERSION } from '../version'
import type { ProfilePosterior } from './apply'
import { calibrate, posteriorMedianMultipliers, type CalibrateOptions, type CalibrationResult } from './calibrate'
import { designDomain } from './domain'
import { leaveOneStudyOut, type LosoResult } from './loso'
import { CALIBRATION_PARAMETER_IDS, type CalibrationParameterId } from './parameters'
import { CalibrationInputError, biodistributionStudyFromMeasurement, releaseStudyFromMeasurement, type CalibrationStudy } from './studies'
import { contractSummary, type CalibrationContractSummary } from './summary'

/** Chains of every calibration (R-hat compares them; 4 as Vehtari et al. 2021 §4.4 recommend). */
export const CALIBRATION_CHAINS = 4
/**
 * Default posterior samples (kept draws over all chains): 4000 a chain, the core's default.
 * Measured on the bench's synthetic lab (3 studies × 6 tissues × 6 times, 5 informed
 * parameters): 8000 was refused (R-hat of mpsKRel 1.024), 16,000 converged (R-hat ≤ 1.007).
 */
export const DEFAULT_CALIBRATION_SAMPLES = 16_000
/** Fewest samples: the diagnostics need 4 kept draws a chain. */
export const MIN_CALIBRATION_SAMPLES = 4 * CALIBRATION_CHAINS
/** Most samples one run takes (~25,000 iterations a chain; minutes on this machine for 3 studies). */
export const MAX_CALIBRATION_SAMPLES = 100_000
/** Warm-up iterations a chain: as many as kept, at most the core's default 1000. */
const MAX_WARMUP = 1000

/** How the sampler runs for `samples` posterior samples: kept draws and warm-up per chain. */
export function samplerSettings(samples: number): { chains: number; draws: number; warmup: number } {
  const draws = Math.ceil(samples / CALIBRATION_CHAINS)
  return { chains: CALIBRATION_CHAINS, draws, warmup: Math.min(MAX_WARMUP, draws) }
}

/** A measurement attached to a design version, with that version's document. */
export interface MeasurementSource {
  readonly measurement: Measurement
  readonly design: Design
}

/** A study of the calibration and where it came from. */
export interface SourcedStudy {
  readonly study: CalibrationStudy
  readonly measurement: Measurement
  readonly design: Design
  /** The species the study was done in (the design's own for a release profile). */
  readonly species: string
}

/** A measurement that cannot become a study, named. */
export interface StudyIssue { readonly path: string; readonly message: string }

/**
 * The studies of a set of measurements: every in-vivo biodistribution measurement and release
 * profile (other kinds are not calibration data and are skipped), each evaluated with the
 * design version it is attached to. Data the likelihood cannot take is an issue naming the
 * measurement and the field, never dropped silently.
 */
export function studiesFromSources(sources: ReadonlyArray<MeasurementSource>): { studies: SourcedStudy[]; issues: StudyIssue[] } {
  const studies: SourcedStudy[] = []
  const issues: StudyIssue[] = []
  for (const { measurement: m, design } of sources) {
    try {
      if (m.kind === 'biodistribution') {
        studies.push({ study: biodistributionStudyFromMeasurement({ id: m.id, design, data: m.data }), measurement: m, design, species: m.data.species })
      } else if (m.kind === 'release') {
        studies.push({ study: releaseStudyFromMeasurement({ id: m.id, design, data: m.data }), measurement: m, design, species: design.context.species })
      }
    } catch (error) {
      if (!(error instanceof CalibrationInputError)) throw error
      issues.push({ path: error.path, message: `measurement ${m.id} (design ${m.designId} version ${m.version}): ${error.message.slice(error.path.length + 2)}` })
    }
  }
  return { studies, issues }
}

/** Options of {@link runCalibrationJob}. */
export interface CalibrationJobOptions {
  /** Parameters to calibrate (default: all six). */
  readonly parameters?: ReadonlyArray<CalibrationParameterId>
  /** Posterior samples kept over all chains. */
  readonly samples: number
  readonly seed: number
  /**
   * Progress of the whole job, 0–1: the posterior run, then one run per leave-one-study-out
   * fold, each of the same length; `stage` says which.
   */
  readonly onProgress?: (fraction: number, stage: string) => void
}

/** What a job produced. */
export interface CalibrationJob {
  readonly result: CalibrationResult
  /** Null when the posterior did not converge (nothing to check) or with fewer than two studies. */
  readonly loso: LosoResult | null
  readonly summary: CalibrationContractSummary
  readonly settings: { readonly chains: number; readonly draws: number; readonly warmup: number }
}

/** Runs the number of calibrations the job takes: the posterior, then one per study when there are two or more. */
export function calibrationRuns(studies: number): number {
  return 1 + (studies >= 2 ? studies : 0)
}

/**
 * The posterior, then (when it converged, with two studies or more) leave-one-study-out:
 * each study predicted by a calibration on the others with the same settings.
 */
export function runCalibrationJob(studies: ReadonlyArray<CalibrationStudy>, options: CalibrationJobOptions): CalibrationJob {
  const settings = samplerSettings(options.samples)
  const base: CalibrateOptions = { ...settings, seed: options.seed, ...(options.parameters ? { parameters: options.parameters } : {}) }
  const runs = calibrationRuns(studies.length)
  const progress = (run: number, stage: string): CalibrateOptions['onProgress'] =>
    options.onProgress ? (done, total) => options.onProgress!((run + done / total) / runs, stage) : undefined
  const withProgress = (run: number, stage: string): CalibrateOptions => {
    const p = progress(run, stage)
    return p ? { ...base, onProgress: p } : base
  }
  const result = calibrate(studies, withProgress(0, 'posterior'))
  let loso: LosoResult | null = null
  if (result.status === 'converged' && studies.length >= 2) {
    let fold = 0
    loso = leaveOneStudyOut(studies, (training) => {
      fold++
      const r = calibrate(training, withProgress(fold, `leave-one-study-out ${fold}/${studies.length}`))
      return r.status === 'converged' ? posteriorMedianMultipliers(r) : null
    })
  }
  options.onProgress?.(1, 'done')
  return { result, loso, summary: contractSummary(result, studies, loso ?? undefined), settings }
}

/** At most {@link MAX_PROFILE_DRAWS} pooled draws, evenly thinned, rounded to 1e-6 in ln m. */
export function thinnedDraws(result: CalibrationResult): number[][] {
  const pooled = result.posteriorDrawsLn
  const step = Math.ceil(pooled.length / MAX_PROFILE_DRAWS)
  const out: number[][] = []
  for (let i = 0; i < pooled.length && out.length < MAX_PROFILE_DRAWS; i += step) out.push(Array.from(pooled[i]!, (v) => Math.round(v * 1e6) / 1e6))
  return out
}

/**
 * The profile to save from a converged job: the summary with the leave-one-study-out folds,
 * the thinned draws, the diagnostics, and the provenance (designs and versions, measurements,
 * the training domain for the distance warning). Throws for a job without a posterior.
 */
export function profileOfJob(
  job: CalibrationJob, studies: ReadonlyArray<SourcedStudy>,
  options: { readonly name: string; readonly seed: number; readonly parameters?: ReadonlyArray<CalibrationParameterId>; readonly designIds: ReadonlyArray<string> },
): NewCalibrationProfile {
  const { result, loso, summary } = job
  if (result.status !== 'converged') throw new Error(`calibration has no posterior to save: ${result.reasons.join('; ')}`)
  const finite = (v: number): number | null => (Number.isFinite(v) ? v : null)
  return {
    name: options.name, engineVersion: ENGINE_VERSION, seed: options.seed, parameters: options.parameters ? [...options.parameters] : [...CALIBRATION_PARAMETER_IDS],
    summary: {
      parameters: summary.parameters, within2Fold: summary.within2Fold, notIdentifiable: [...summary.notIdentifiable],
      leaveOneOut: loso ? {
        folds: loso.folds.map((f) => ({ heldOut: f.heldOut, points: f.before.points, before: finite(f.before.share), after: f.after ? finite(f.after.share) : null })),
        failedFolds: [...loso.failedFolds],
      } : null,
    },
    draws: { sampled: [...result.sampled], ln: thinnedDraws(result) },
    diagnostics: { ...result.diagnostics, acceptance: [...result.diagnostics.acceptance], converged: true },
    provenance: {
      designs: options.designIds.map((designId) => ({ designId, versions: [...new Set(studies.filter((s) => s.measurement.designId === designId).map((s) => s.measurement.version))].sort((a, b) => a - b) })),
      measurements: studies.map((s) => ({ id: s.measurement.id, designId: s.measurement.designId, version: s.measurement.version, kind: s.measurement.kind as 'biodistribution' | 'release' })),
      observations: result.provenance.observations,
      errorModel: { ...result.provenance.errorModel },
      domain: designDomain(studies.map((s) => ({ design: s.design, species: s.species }))),
    },
  }
}

/** What a saved profile gives an estimate (estimateWithProfile): posterior medians, draws and the training domain. */
export function posteriorOfProfile(p: Pick<CalibrationProfile | NewCalibrationProfile, 'summary' | 'draws' | 'provenance'>): ProfilePosterior {
  const medians: Partial<Record<CalibrationParameterId, number>> = {}
  for (const [id, s] of Object.entries(p.summary.parameters)) if (s?.posterior) medians[id as CalibrationParameterId] = s.posterior.median
  return { medians, sampled: p.draws.sampled, drawsLn: p.draws.ln, domain: p.provenance.domain }
}
