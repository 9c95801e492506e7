import type { DesignLibrary } from '../../db/library-core'
import { createMeasurementStore } from '../../db/measurements'
import { createProfileStore, MAX_PROFILE_DRAWS, NewProfileSchema, type CalibrationProfile, type NewCalibrationProfile } from '../../db/profiles'
import type { Measurement } from '../../../shared/ipc/channels/measurement'
import type { Design } from '../../../shared/design/types'
import { terminalSafe } from '../../../shared/design/schema-text'
import {
  CALIBRATION_PARAMETER_IDS, CalibrationInputError, biodistributionStudyFromMeasurement, calibrate, contractSummary,
  leaveOneStudyOut, posteriorMedianMultipliers, releaseStudyFromMeasurement,
  type CalibrateOptions, type CalibrationParameterId, type CalibrationResult, type CalibrationStudy, type LosoResult,
} from '../../../shared/engine/calibrate'
import { designDomain } from '../../../shared/engine/calibrate/domain'
import { ENGINE_VERSION } from '../../../shared/engine/version'
import { CliError, type FailureIssue } from '../errors'
import { EXIT_OK, type CliIo, type CommandRun } from '../types'
import { intOption, parseCommandArgs, printJson, seedOption, stringOption } from './args'
import { withLibrary } from './library-access'

const USAGE = 'nanoforge calibrate DESIGN_ID... [--parameters LIST] [--samples N] [--seed S] [--name NAME] [--db FILE] [--json]'

/** Chains of every calibration the CLI runs (R-hat compares them; 4 as Vehtari et al. 2021 §4.4 recommend). */
const CHAINS = 4
/**
 * Default posterior samples (kept draws over all chains): 4000 a chain, the core's default.
 * Measured on the bench's synthetic lab (3 studies × 6 tissues × 6 times, 5 informed
 * parameters): 8000 was refused (R-hat of mpsKRel 1.024), 16,000 converged (R-hat ≤ 1.007).
 */
const DEFAULT_SAMPLES = 16_000
/** Fewest samples: the diagnostics need 4 kept draws a chain. */
const MIN_SAMPLES = 4 * CHAINS
/** Most samples one call runs (~25,000 iterations a chain; minutes on this machine for 3 studies). */
const MAX_SAMPLES = 100_000
/** Warm-up iterations a chain: as many as kept, at most the core's default 1000. */
const MAX_WARMUP = 1000
const DEFAULT_NAME = 'calibration'

/** How the sampler runs for `samples` posterior samples: kept draws and warm-up per chain. */
export function samplerSettings(samples: number): { chains: number; draws: number; warmup: number } {
  const draws = Math.ceil(samples / CHAINS)
  return { chains: CHAINS, draws, warmup: Math.min(MAX_WARMUP, draws) }
}

/** `--parameters LIST`: comma-separated ids, each a calibration parameter (bad-input naming the one that is not). */
function parametersOption(text: string | undefined): CalibrationParameterId[] | undefined {
  if (text === undefined) return undefined
  const ids = text.split(',').map((s) => s.trim()).filter((s) => s !== '')
  const issues: FailureIssue[] = []
  for (const id of ids) {
    if (!(CALIBRATION_PARAMETER_IDS as ReadonlyArray<string>).includes(id)) {
      issues.push({ path: '--parameters', message: `'${id}' is not a calibration parameter: use ${CALIBRATION_PARAMETER_IDS.join(', ')}` })
    }
  }
  if (ids.length === 0) issues.push({ path: '--parameters', message: `no parameter given: use ${CALIBRATION_PARAMETER_IDS.join(', ')}` })
  if (issues.length > 0) throw new CliError('bad-input', 'invalid-input', `--parameters '${text}' is not valid; nothing was calibrated.`, issues)
  return [...new Set(ids)] as CalibrationParameterId[]
}

/** A study of the calibration and where it came from. */
interface SourcedStudy {
  readonly study: CalibrationStudy
  readonly measurement: Measurement
  readonly design: Design
  /** The species the study was done in (the design's own for a release profile). */
  readonly species: string
}

/**
 * The studies of the designs named on the command line: every live in-vivo biodistribution
 * measurement and release profile of every version, each evaluated with the design version
 * it is attached to. Unknown ids, designs without such data and data the likelihood cannot
 * take are bad input, named.
 */
function studiesOf(library: DesignLibrary, args: ReadonlyArray<string>): { designIds: string[]; studies: SourcedStudy[] } {
  const measurements = createMeasurementStore(library)
  const designIds: string[] = []
  const issues: FailureIssue[] = []
  args.forEach((text, i) => {
    const resolved = library.resolveDesignId(text)
    if (!resolved.ok) issues.push({ path: `DESIGN_ID[${i}]`, message: resolved.message })
    else if (!designIds.includes(resolved.designId)) designIds.push(resolved.designId)
  })
  if (issues.length > 0) throw new CliError('bad-input', 'not-found', `${issues.length} design id(s) not usable; nothing was calibrated.`, issues)
  const studies: SourcedStudy[] = []
  designIds.forEach((designId) => {
    const usable = measurements.list({ designId }).filter((m) => m.kind === 'biodistribution' || m.kind === 'release')
    if (usable.length === 0) {
      issues.push({ path: `DESIGN_ID[${args.findIndex((a) => designId.startsWith(a))}]`, message: `design ${designId} has no in-vivo biodistribution or release measurement (attach one with nanoforge measure add)` })
      return
    }
    for (const m of usable) {
      const design = library.getDesign(designId, m.version)?.design
      if (design === undefined) {
        issues.push({ path: `measurement ${m.id}`, message: `design ${designId} has no version ${m.version}` })
        continue
      }
      try {
        if (m.kind === 'biodistribution') {
          studies.push({ study: biodistributionStudyFromMeasurement({ id: m.id, design, data: m.data }), measurement: m, design, species: m.data.species })
        } else if (m.kind === 'release') {
          studies.push({ study: releaseStudyFromMeasurement({ id: m.id, design, data: m.data }), measurement: m, design, species: design.context.species })
        }
      } catch (error) {
        if (!(error instanceof CalibrationInputError)) throw error
        issues.push({ path: error.path, message: `measurement ${m.id} (design ${designId} version ${m.version}): ${error.message.slice(error.path.length + 2)}` })
      }
    }
  })
  if (issues.length > 0) throw new CliError('bad-input', 'invalid-input', `${issues.length} problem(s) with the designs' measurements; nothing was calibrated.`, issues)
  return { designIds, studies }
}

/**
 * Progress of the whole job on stderr (stdout stays the result), about every tenth: the
 * posterior run, then one run per leave-one-study-out fold, each of the same length.
 */
function progressReporter(io: CliIo, runs: number): (run: number, what: string) => (done: number, total: number) => void {
  let lastTenth = -1
  return (run, what) => (done, total) => {
    const overall = (run + done / total) / runs
    const tenth = Math.floor(10 * overall)
    if (tenth !== lastTenth) { lastTenth = tenth; io.stderr(`calibrate: ${Math.round(100 * overall)} % (${what})\n`) }
  }
}

/** At most {@link MAX_PROFILE_DRAWS} pooled draws, evenly thinned, rounded to 1e-6 in ln m. */
function thinnedDraws(result: CalibrationResult): number[][] {
  const pooled = result.posteriorDrawsLn
  const step = Math.ceil(pooled.length / MAX_PROFILE_DRAWS)
  const out: number[][] = []
  for (let i = 0; i < pooled.length && out.length < MAX_PROFILE_DRAWS; i += step) out.push(Array.from(pooled[i]!, (v) => Math.round(v * 1e6) / 1e6))
  return out
}

/**
 * `nanoforge calibrate DESIGN_ID... [--parameters LIST] [--samples N] [--seed S] [--name NAME]
 * [--db FILE] [--json]` (issue #14): Bayesian calibration of the engine's multipliers on the
 * in-vivo biodistribution and release measurements attached to the designs, leave-one-study-out
 * check, and the posterior saved as the next version of the named profile. A posterior whose
 * chains did not converge is refused (exit 1, `not-converged`, the reasons) and nothing is
 * written.
 */
export const runCalibrate: CommandRun = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, {
    db: { type: 'string' }, json: { type: 'boolean' }, parameters: { type: 'string' }, samples: { type: 'string' },
    seed: { type: 'string' }, name: { type: 'string' },
  }, { min: 1, max: 1000, usage: USAGE })
  const json = values.json === true
  const parameters = parametersOption(stringOption(values, 'parameters'))
  const samples = intOption(values, 'samples', MIN_SAMPLES, MAX_SAMPLES) ?? DEFAULT_SAMPLES
  const seed = seedOption(values)
  const nameChecked = NewProfileSchema.shape.name.safeParse(stringOption(values, 'name') ?? DEFAULT_NAME)
  if (!nameChecked.success) {
    throw new CliError('bad-input', 'invalid-input', '--name is not a valid profile name; nothing was calibrated.',
      nameChecked.error.issues.map((i) => ({ path: '--name', message: i.message })))
  }
  const name = nameChecked.data
  return withLibrary(values, io, 'update', (library) => {
    // a library that cannot be written refuses before minutes of sampling, not after
    library.requireWritable()
    const { designIds, studies } = studiesOf(library, positionals)
    const settings = samplerSettings(samples)
    const options: CalibrateOptions = { ...settings, seed, ...(parameters ? { parameters } : {}) }
    const calibrationStudies = studies.map((s) => s.study)
    const folds = calibrationStudies.length >= 2 ? calibrationStudies.length : 0
    const progress = json ? undefined : progressReporter(io, 1 + folds)
    if (progress) io.stderr(`calibrate: ${studies.length} stud${studies.length === 1 ? 'y' : 'ies'} from ${designIds.length} design(s); ${settings.chains} chains × (${settings.warmup} warm-up + ${settings.draws}) iterations, then ${folds} leave-one-study-out run(s)\n`)
    const result = calibrate(calibrationStudies, { ...options, ...(progress ? { onProgress: progress(0, 'posterior') } : {}) })
    if (result.status !== 'converged') {
      throw new CliError('not-converged', 'not-converged',
        `The posterior did not converge (R-hat max ${fmt(result.diagnostics.rHatMax)}, ESS min ${fmt(result.diagnostics.essMin)}); it is not reported and no profile was saved. Run longer (--samples more than ${samples}).`,
        result.reasons.map((r) => ({ path: /^(R-hat|bulk ESS) of (\w+)/.exec(r)?.[2] ?? 'diagnostics', message: r })))
    }
    // leave-one-study-out: each study predicted by a calibration on the others (same settings)
    let loso: LosoResult | undefined
    if (folds > 0) {
      let fold = 0
      loso = leaveOneStudyOut(calibrationStudies, (training) => {
        fold++
        const r = calibrate(training, { ...options, ...(progress ? { onProgress: progress(fold, `leave-one-study-out ${fold}/${folds}`) } : {}) })
        return r.status === 'converged' ? posteriorMedianMultipliers(r) : null
      })
    }
    const summary = contractSummary(result, calibrationStudies, loso)
    const finite = (v: number): number | null => (Number.isFinite(v) ? v : null)
    const profileInput: NewCalibrationProfile = {
      name, engineVersion: ENGINE_VERSION, seed, parameters: parameters ?? [...CALIBRATION_PARAMETER_IDS],
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
        designs: designIds.map((designId) => ({ designId, versions: [...new Set(studies.filter((s) => s.measurement.designId === designId).map((s) => s.measurement.version))].sort((a, b) => a - b) })),
        measurements: studies.map((s) => ({ id: s.measurement.id, designId: s.measurement.designId, version: s.measurement.version, kind: s.measurement.kind as 'biodistribution' | 'release' })),
        observations: result.provenance.observations,
        errorModel: { ...result.provenance.errorModel },
        domain: designDomain(studies.map((s) => ({ design: s.design, species: s.species }))),
      },
    }
    const saved = createProfileStore(library).save(profileInput)
    if (json) {
      printJson(io, contractJson(saved, result, library.path))
    } else {
      io.stdout(formatProfile(saved, result))
    }
    return EXIT_OK
  })
}

/** The contract JSON of issue #14 (plus the detail the profile keeps). */
function contractJson(p: CalibrationProfile, result: CalibrationResult, database: string): unknown {
  return {
    profile: { id: p.id, name: p.name, version: p.version, createdAt: p.createdAt, engineVersion: p.engineVersion, seed: p.seed },
    parameters: p.summary.parameters,
    diagnostics: {
      rHatMax: p.diagnostics.rHatMax, essMin: p.diagnostics.essMin, converged: true,
      chains: p.diagnostics.chains, warmup: p.diagnostics.warmup, draws: p.diagnostics.draws, rHatLimit: p.diagnostics.rHatLimit, essLimit: p.diagnostics.essLimit,
      perParameter: Object.fromEntries(result.parameters.filter((r) => r.rHat !== null).map((r) => [r.id, { rHat: r.rHat, essBulk: r.essBulk }])),
    },
    within2Fold: p.summary.within2Fold,
    leaveOneOut: p.summary.leaveOneOut,
    notIdentifiable: p.summary.notIdentifiable,
    provenance: p.provenance,
    database,
  }
}

function fmt(v: number | null | undefined, digits = 3): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : Number(v.toPrecision(digits)).toString()
}

const share = (v: number | null): string => (v === null ? '—' : `${Math.round(100 * v)} %`)

function formatProfile(p: CalibrationProfile, result: CalibrationResult): string {
  const rows = result.parameters.map((r) => {
    const s = p.summary.parameters[r.id]!
    const interval = (x: { median: number; ci95: readonly [number, number] } | null): string => (x === null ? '(not informed: prior kept)' : `${fmt(x.median)} [${fmt(x.ci95[0])}, ${fmt(x.ci95[1])}]`)
    return `  ${r.id.padEnd(19)} prior ${interval(s.prior).padEnd(22)} posterior ${interval(s.posterior)}`
  })
  const w = p.summary.within2Fold
  return [
    terminalSafe(`Saved calibration profile ${p.id} (${p.name} version ${p.version})`),
    `Multipliers (median [95 % interval]; 1 = the engine's nominal value):`,
    ...rows,
    `Diagnostics: R-hat max ${fmt(p.diagnostics.rHatMax, 4)} (≤ ${p.diagnostics.rHatLimit}), bulk ESS min ${Math.round(p.diagnostics.essMin)} (≥ ${p.diagnostics.essLimit})`,
    `Points within 2-fold: before ${share(w.before)}, after ${share(w.after)}, leave-one-study-out ${share(w.leaveOneOut)}`,
    ...p.summary.notIdentifiable.map((n) => `Not identifiable: ${n}`),
    '',
  ].join('\n')
}

/**
 * `nanoforge db profiles [--db FILE] [--json]`: the calibration profiles of the library, newest
 * first. JSON: `{ "profiles": [{ id, name, version, createdAt, engineVersion, seed, parameters,
 * designs, measurements, within2Fold }] }`.
 */
export const runDbProfiles: CommandRun = async (args, io) => {
  const usage = 'nanoforge db profiles [--db FILE] [--json]'
  const { values } = parseCommandArgs(args, { db: { type: 'string' }, json: { type: 'boolean' } }, { min: 0, max: 0, usage })
  return withLibrary(values, io, 'read', (library) => {
    const profiles = createProfileStore(library).list()
    if (values.json === true) {
      printJson(io, { profiles })
      return EXIT_OK
    }
    if (profiles.length === 0) io.stderr('No calibration profiles (make one with nanoforge calibrate).\n')
    for (const p of profiles) {
      io.stdout(terminalSafe(`${p.id.slice(0, 8)}  ${p.name} v${p.version}  ${p.createdAt}  engine ${p.engineVersion}  ${p.parameters.join(',')}  ` +
        `${p.designs} design(s), ${p.measurements} measurement(s)` +
        (p.within2Fold ? `  within 2-fold ${share(p.within2Fold.before)} → ${share(p.within2Fold.after)} (LOSO ${share(p.within2Fold.leaveOneOut)})` : '') +
        (p.problem ? `  (${p.problem})` : '')) + '\n')
    }
    return EXIT_OK
  })
}
