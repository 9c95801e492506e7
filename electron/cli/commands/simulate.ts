import { simulateDesign } from '../../../shared/engine/simulate'
import type { MonteCarloResult } from '../../../shared/engine/pbpk'
import { foldErrorByReadoutSentence, foldErrorSentence, predictionIntervalJson, predictionIntervalSentence } from '../../../shared/engine/validation/measured-accuracy'
import { EXIT_BAD_INPUT, EXIT_OK, type CommandRun } from '../types'
import { UsageError, fail, intOption, numberOption, parseCommandArgs, printJson, readDesignFile, seedOption, stringOption } from './common'
import { createDesignPool, defaultWorkerCount } from './design-pool'
import { runSimulateWithPatient, targetOccupancyOption } from './patient-file'
import { withLibrary } from './library-access'
import { CliError } from '../errors'
import { createProfileStore, profileFreshness, type CalibrationProfile } from '../../db/profiles'
import { estimateWithProfile, type ProfileEstimate } from '../../../shared/engine/calibrate/apply'
import { posteriorOfProfile } from '../../../shared/engine/calibrate/job'
import { ENGINE_VERSION } from '../../../shared/engine/version'
import { terminalSafe } from '../../../shared/design/schema-text'
import { formatQuantity } from '../../../shared/design/format'

const USAGE = 'nanoforge simulate FILE [--hours H] [--samples N [--seed S] [--workers W]] [--profile ID [--db FILE]] [--patient PATIENT.json [--target-occupancy X]] [--json]'
const MAX_HOURS = 24 * 90
/** Most Monte Carlo samples one call runs (about 20 s on one core of this machine). */
const MAX_SAMPLES = 10_000
/** Below this many samples the CLI samples on its own thread: a worker takes ~1.3 s to start (tsx loading the engine), a sample ~2 ms. */
const POOL_MIN_SAMPLES = 2000

/**
 * `nanoforge simulate FILE [--hours H] [--samples N [--seed S] [--workers W]] [--json]`:
 * evaluates one design (default horizon 72 h) and prints the derived properties, release per
 * environment, biodistribution and selectivity (docs/cli.md), plus the engine version and the
 * assumptions behind the numbers. With `--samples`, also the Monte Carlo band of every curve
 * and metric (`uncertainty`, the app's "Compute uncertainty"), its samples split over worker
 * threads; the band does not depend on the number of workers.
 *
 * Why the same `simulateDesign` as the app: one engine, three faces; a script and the app
 * must agree to the last digit for the same design.
 */
export const runSimulate: CommandRun = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, {
    json: { type: 'boolean' }, hours: { type: 'string' }, samples: { type: 'string' }, seed: { type: 'string' }, workers: { type: 'string' },
    profile: { type: 'string' }, db: { type: 'string' },
    patient: { type: 'string' }, 'target-occupancy': { type: 'string' },
  }, { min: 1, max: 1, usage: USAGE })
  const profileId = stringOption(values, 'profile')
  if (profileId === undefined && values.db !== undefined) throw new UsageError('--db names the library of a calibration profile: give --profile ID as well.')
  const hours = numberOption(values, 'hours') ?? 72
  if (hours <= 0 || hours > MAX_HOURS) {
    throw new UsageError(`--hours must be a number above 0 and at most ${MAX_HOURS} h, got '${stringOption(values, 'hours')}'.`)
  }
  const samples = intOption(values, 'samples', 2, MAX_SAMPLES)
  if (samples === undefined && (values.workers !== undefined || (values.seed !== undefined && profileId === undefined))) {
    throw new UsageError('--seed and --workers apply to the Monte Carlo band: give --samples N as well.')
  }
  const seed = seedOption(values)
  const workers = intOption(values, 'workers', 1, 64) ?? defaultWorkerCount()
  const file = positionals[0]!
  const checked = readDesignFile(file)
  if (!checked.valid) {
    return fail(io, values.json === true, EXIT_BAD_INPUT, 'invalid-design', `${file}: ${checked.errors.length} problem(s); nothing was simulated.`, checked.errors)
  }
  if (values.patient !== undefined) {
    // a virtual patient (issue #15): the design in the patient's physiology, versus free drug
    if (samples !== undefined || profileId !== undefined) throw new UsageError('--patient does not combine with --samples or --profile: those estimate the reference body.')
    return runSimulateWithPatient(io, values.json === true, checked.design, checked.warnings, stringOption(values, 'patient')!, hours, targetOccupancyOption(stringOption(values, 'target-occupancy')))
  }
  if (values['target-occupancy'] !== undefined) throw new UsageError('--target-occupancy applies to dose tailoring in a patient: give --patient PATIENT.json as well.')
  // --profile: read the profile first (an unknown id is bad input before any engine run)
  let profile: { readonly stored: CalibrationProfile; readonly estimate: ProfileEstimate; readonly freshness: string[] } | undefined
  if (profileId !== undefined) {
    let stored: CalibrationProfile | undefined
    let freshness: string[] = []
    const code = await withLibrary(values, io, 'read', (library) => {
      const found = createProfileStore(library).resolve(profileId)
      if (!found.ok) {
        throw new CliError(found.reason === 'unreadable' ? 'io' : 'bad-input', found.reason === 'ambiguous' ? 'ambiguous-id' : found.reason,
          `${found.message} Nothing was simulated.`, [{ path: '--profile', message: found.message }])
      }
      stored = found.profile
      freshness = profileFreshness(library, stored)
      return EXIT_OK
    })
    if (stored === undefined) return code
    profile = { stored, freshness, estimate: estimateWithProfile(checked.design, posteriorOfProfile(stored), { hours, seed }) }
  }
  const result = simulateDesign(checked.design, { hours }, checked.warnings)
  let uncertainty: MonteCarloResult | undefined
  if (samples !== undefined) {
    // the same band on any number of workers (per-sample random streams)
    const pool = createDesignPool(samples >= POOL_MIN_SAMPLES ? workers : 1)
    try {
      uncertainty = await pool.uncertainty(checked.design, samples, seed, hours)
    } finally {
      await pool.close()
    }
  }
  const profileJson = profile ? profileSection(profile.stored, profile.estimate, profile.freshness) : undefined
  if (values.json === true) {
    printJson(io, { ...result, accuracy: predictionIntervalJson(), ...(uncertainty ? { uncertainty } : {}), ...(profileJson ? { profile: profileJson } : {}) })
    return EXIT_OK
  }
  for (const w of result.warnings) io.stderr(`warning: ${w}\n`)
  io.stdout(formatSummary(checked.design.name, result, hours))
  if (uncertainty) io.stdout(formatBands(uncertainty))
  if (profileJson) {
    for (const w of profileJson.warnings) io.stderr(`warning (profile): ${w}\n`)
    io.stdout(formatProfileBands(profileJson, profile!.estimate))
  }
  return EXIT_OK
}

/**
 * The `profile` key of `simulate --json` (additive: every other key is the uncalibrated
 * estimate, unchanged): which profile, the multipliers of the point estimate, the estimate at
 * the posterior medians, the bands over posterior draws, and the warnings (design far from the
 * profile's designs; profile learned with another engine version; lab data added to or deleted
 * from its designs since it was learned).
 */
function profileSection(p: CalibrationProfile, e: ProfileEstimate, freshness: ReadonlyArray<string>): {
  id: string; name: string; version: number; engineVersion: string; multipliers: ProfileEstimate['multipliers']
  estimate: ProfileEstimate['estimate']; bands: ProfileEstimate['bands']; warnings: string[]
} {
  const warnings = [...e.warnings]
  if (p.engineVersion !== ENGINE_VERSION) {
    warnings.push(`the profile was learned with engine ${p.engineVersion}; this is engine ${ENGINE_VERSION}: its multipliers correct the older engine (calibrate again)`)
  }
  warnings.push(...freshness)
  return { id: p.id, name: p.name, version: p.version, engineVersion: p.engineVersion, multipliers: e.multipliers, estimate: e.estimate, bands: e.bands, warnings }
}

/** The calibrated estimate and its band (median [2.5 %, 97.5 %] over posterior draws). */
function formatProfileBands(p: ReturnType<typeof profileSection>, e: ProfileEstimate): string {
  const band = (b: { median: number; lower: number; upper: number }): string => `${fmt(b.median)} [${fmt(b.lower)}, ${fmt(b.upper)}]`
  const multipliers = Object.entries(p.multipliers).map(([id, m]) => `${id} × ${fmt(m ?? 1)}`).join(', ')
  const last = e.bands.timesH.length - 1
  return [
    terminalSafe(`With calibration profile ${p.name} v${p.version} (${p.id.slice(0, 8)}): ${multipliers || 'no multiplier informed'}; band over ${e.bands.samples} posterior draws`),
    `  blood half-life ${fmt(e.estimate.bloodHalfLifeH)} h, band ${band(e.bands.bloodHalfLifeH)} h`,
    `  selectivity index ${fmt(e.estimate.selectivity.selectivityIndex)}, band ${band(e.bands.selectivity.selectivityIndex)}`,
    `  target AUC ${fmt(e.estimate.selectivity.targetAucPercentDoseH)} %ID·h, band ${band(e.bands.selectivity.targetAucPercentDoseH)}`,
    `  liver at the horizon ${fmt(e.bands.percentDose.liver.median[last] ?? null)} [${fmt(e.bands.percentDose.liver.lower[last] ?? null)}, ${fmt(e.bands.percentDose.liver.upper[last] ?? null)}] %ID, ` +
      `spleen ${fmt(e.bands.percentDose.spleen.median[last] ?? null)} [${fmt(e.bands.percentDose.spleen.lower[last] ?? null)}, ${fmt(e.bands.percentDose.spleen.upper[last] ?? null)}] %ID`,
    '',
  ].join('\n')
}

/** The Monte Carlo bands of the summary's key numbers (median [2.5 %, 97.5 %]). */
function formatBands(u: MonteCarloResult): string {
  const band = (b: { median: number; lower: number; upper: number }): string => `${fmt(b.median)} [${fmt(b.lower)}, ${fmt(b.upper)}]`
  return [
    `Uncertainty (${u.samples} samples, seed ${u.seed}; median [95 % band] over the uncertain parameters, CV ${Math.round(100 * u.coefficientOfVariation)} %)`,
    `  blood half-life ${band(u.bloodHalfLifeH)} h`,
    `  selectivity index ${band(u.selectivity.selectivityIndex)}`,
    `  target AUC ${band(u.selectivity.targetAucPercentDoseH)} %ID·h`,
    `  drug released in the target ${band(u.selectivity.drugReleasedInTargetPercentDose)} % of dose`,
    '',
  ].join('\n')
}

function fmt(value: number | null, digits = 3): string {
  return value === null ? '—' : Number(value.toPrecision(digits)).toString()
}

function formatSummary(name: string, r: ReturnType<typeof simulateDesign>, hours: number): string {
  const d = r.derived
  const lines = [
    `${name} (engine ${r.engineVersion}, ${hours} h)`,
    '',
    `Hydrodynamic diameter ${fmt(d.hydrodynamicDiameterNm)} nm, shell ${fmt(d.shellThicknessNm)} nm, PEG ${d.pegRegime}, ` +
      `${d.ligandsPerParticle} ligands (spacing ${fmt(d.ligandSpacingNm)} nm), ${formatQuantity(d.particlesPerMg)} particles/mg`,
    '',
    'Release        t50 (h)   t80 (h)   burst 1 h',
  ]
  for (const [env, e] of Object.entries(r.release.environments)) {
    lines.push(`${env.padEnd(14)} ${fmt(e.t50H).padStart(7)}   ${fmt(e.t80H).padStart(7)}   ${(100 * e.burstFraction1H).toFixed(1)} %`)
  }
  const last = r.biodistribution.timesH.length - 1
  lines.push('', `Biodistribution at ${hours} h (% of injected particles); blood half-life ${fmt(r.biodistribution.bloodHalfLifeH)} h`)
  for (const [key, series] of Object.entries(r.biodistribution.percentDose)) {
    lines.push(`  ${key.padEnd(10)} ${series[last]!.toFixed(2).padStart(7)}   AUC ${fmt(r.biodistribution.aucPercentDoseH[key as keyof typeof r.biodistribution.aucPercentDoseH])} %ID·h`)
  }
  const s = r.selectivity
  lines.push('', `Selectivity (target ${s.targetTissue ?? 'none'}): index ${fmt(s.selectivityIndex)}, target AUC ${fmt(s.targetAucPercentDoseH)} %ID·h`,
    `Drug released: ${fmt(s.drugReleasedInTargetPercentDose)} % of dose in the target, ${fmt(s.drugReleasedInBloodPercentDose)} % in blood`, '',
    `Accuracy: ${predictionIntervalSentence()} ${foldErrorSentence()} ${foldErrorByReadoutSentence()}`, '')
  return lines.join('\n')
}
