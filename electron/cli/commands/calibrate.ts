import type { DesignLibrary } from '../../db/library-core'
import { createMeasurementStore } from '../../db/measurements'
import { createProfileStore, NewProfileSchema, type CalibrationProfile } from '../../db/profiles'
import { terminalSafe } from '../../../shared/design/schema-text'
import { CALIBRATION_PARAMETER_IDS, type CalibrationParameterId, type CalibrationResult } from '../../../shared/engine/calibrate'
import {
  DEFAULT_CALIBRATION_SAMPLES, MAX_CALIBRATION_SAMPLES, MIN_CALIBRATION_SAMPLES, calibrationRuns, profileOfJob, runCalibrationJob,
  samplerSettings, studiesFromSources, type MeasurementSource, type SourcedStudy,
} from '../../../shared/engine/calibrate/job'
import { CliError, type FailureIssue } from '../errors'
import { EXIT_OK, type CliIo, type CommandRun } from '../types'
import { intOption, parseCommandArgs, printJson, seedOption, stringOption } from './args'
import { withLibrary } from './library-access'

const USAGE = 'nanoforge calibrate DESIGN_ID... [--parameters LIST] [--samples N] [--seed S] [--name NAME] [--db FILE] [--json]'

const DEFAULT_NAME = 'calibration'

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
  const sources: MeasurementSource[] = []
  designIds.forEach((designId) => {
    const usable = measurements.list({ designId }).filter((m) => m.kind === 'biodistribution' || m.kind === 'release')
    if (usable.length === 0) {
      issues.push({ path: `DESIGN_ID[${args.findIndex((a) => designId.startsWith(a))}]`, message: `design ${designId} has no in-vivo biodistribution or release measurement (attach one with nanoforge measure add)` })
      return
    }
    for (const m of usable) {
      const design = library.getDesign(designId, m.version)?.design
      if (design === undefined) issues.push({ path: `measurement ${m.id}`, message: `design ${designId} has no version ${m.version}` })
      else sources.push({ measurement: m, design })
    }
  })
  const { studies, issues: dataIssues } = studiesFromSources(sources)
  issues.push(...dataIssues)
  if (issues.length > 0) throw new CliError('bad-input', 'invalid-input', `${issues.length} problem(s) with the designs' measurements; nothing was calibrated.`, issues)
  return { designIds, studies }
}

/**
 * Progress of the whole job on stderr (stdout stays the result), about every tenth: the
 * posterior run, then one run per leave-one-study-out fold, each of the same length.
 */
function progressReporter(io: CliIo): (fraction: number, stage: string) => void {
  let lastTenth = -1
  return (fraction, stage) => {
    const tenth = Math.floor(10 * fraction)
    if (tenth !== lastTenth && stage !== 'done') { lastTenth = tenth; io.stderr(`calibrate: ${Math.round(100 * fraction)} % (${stage})\n`) }
  }
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
  const samples = intOption(values, 'samples', MIN_CALIBRATION_SAMPLES, MAX_CALIBRATION_SAMPLES) ?? DEFAULT_CALIBRATION_SAMPLES
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
    const folds = calibrationRuns(studies.length) - 1
    const progress = json ? undefined : progressReporter(io)
    if (progress) io.stderr(`calibrate: ${studies.length} stud${studies.length === 1 ? 'y' : 'ies'} from ${designIds.length} design(s); ${settings.chains} chains × (${settings.warmup} warm-up + ${settings.draws}) iterations, then ${folds} leave-one-study-out run(s)\n`)
    const job = runCalibrationJob(studies.map((s) => s.study), { samples, seed, ...(parameters ? { parameters } : {}), ...(progress ? { onProgress: progress } : {}) })
    const result = job.result
    if (result.status !== 'converged') {
      throw new CliError('not-converged', 'not-converged',
        `The posterior did not converge (R-hat max ${fmt(result.diagnostics.rHatMax)}, ESS min ${fmt(result.diagnostics.essMin)}); it is not reported and no profile was saved. Run longer (--samples more than ${samples}).`,
        result.reasons.map((r) => ({ path: /^(R-hat|bulk ESS) of (\w+)/.exec(r)?.[2] ?? 'diagnostics', message: r })))
    }
    const profileInput = profileOfJob(job, studies, { name, seed, ...(parameters ? { parameters } : {}), designIds })
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

/**
 * The within-2-fold line of a profile in words, never a bare dash: no scored point (release
 * curves only), or no leave-one-study-out because there was one study to learn from.
 */
function within2FoldText(w: CalibrationProfile['summary']['within2Fold'], studies: number): string {
  if (w.before === null) return 'no in-vivo point to score within 2-fold (release curves inform the fit but are not scored)'
  const held = w.leaveOneOut !== null
    ? `leave-one-study-out ${share(w.leaveOneOut)}`
    : studies < 2 ? 'no leave-one-study-out (one study: none can be held out)' : 'leave-one-study-out — (no held-out study had in-vivo points, or no fold converged)'
  return `before ${share(w.before)}, after ${share(w.after)}, ${held}`
}

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
    `Points within 2-fold: ${within2FoldText(w, p.provenance.measurements.length)}`,
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
        (p.within2Fold ? `  within 2-fold: ${within2FoldText(p.within2Fold, p.measurements)}` : '') +
        (p.problem ? `  (${p.problem})` : '')) + '\n')
    }
    return EXIT_OK
  })
}
