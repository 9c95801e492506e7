import { simulateDesign } from '../../../shared/engine/simulate'
import type { MonteCarloResult } from '../../../shared/engine/pbpk'
import { EXIT_BAD_INPUT, EXIT_OK, type CommandRun } from '../types'
import { UsageError, fail, intOption, numberOption, parseCommandArgs, printJson, readDesignFile, seedOption, stringOption } from './common'
import { createDesignPool, defaultWorkerCount } from './design-pool'

const USAGE = 'nanoforge simulate FILE [--hours H] [--samples N [--seed S] [--workers W]] [--json]'
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
  }, { min: 1, max: 1, usage: USAGE })
  const hours = numberOption(values, 'hours') ?? 72
  if (hours <= 0 || hours > MAX_HOURS) {
    throw new UsageError(`--hours must be a number above 0 and at most ${MAX_HOURS} h, got '${stringOption(values, 'hours')}'.`)
  }
  const samples = intOption(values, 'samples', 2, MAX_SAMPLES)
  if (samples === undefined && (values.seed !== undefined || values.workers !== undefined)) {
    throw new UsageError('--seed and --workers apply to the Monte Carlo band: give --samples N as well.')
  }
  const seed = seedOption(values)
  const workers = intOption(values, 'workers', 1, 64) ?? defaultWorkerCount()
  const file = positionals[0]!
  const checked = readDesignFile(file)
  if (!checked.valid) {
    return fail(io, values.json === true, EXIT_BAD_INPUT, 'invalid-design', `${file}: ${checked.errors.length} problem(s); nothing was simulated.`, checked.errors)
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
  if (values.json === true) {
    printJson(io, uncertainty ? { ...result, uncertainty } : result)
    return EXIT_OK
  }
  for (const w of result.warnings) io.stderr(`warning: ${w}\n`)
  io.stdout(formatSummary(checked.design.name, result, hours))
  if (uncertainty) io.stdout(formatBands(uncertainty))
  return EXIT_OK
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
      `${d.ligandsPerParticle} ligands (spacing ${fmt(d.ligandSpacingNm)} nm), ${fmt(d.particlesPerMg)} particles/mg`,
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
    `Drug released: ${fmt(s.drugReleasedInTargetPercentDose)} % of dose in the target, ${fmt(s.drugReleasedInBloodPercentDose)} % in blood`, '')
  return lines.join('\n')
}
