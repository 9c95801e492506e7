import { simulateDesign } from '../../../shared/engine/simulate'
import { EXIT_BAD_INPUT, EXIT_OK, type CommandRun } from '../types'
import { UsageError, fail, numberOption, parseCommandArgs, printJson, readDesignFile, stringOption } from './common'

const USAGE = 'nanoforge simulate FILE [--hours H] [--json]'
const MAX_HOURS = 24 * 90

/**
 * `nanoforge simulate FILE [--hours H] [--json]`: evaluates one design (default horizon 72 h)
 * and prints the derived properties, release per environment, biodistribution and selectivity
 * (docs/cli.md), plus the engine version and the assumptions behind the numbers.
 *
 * Why the same `simulateDesign` as the app: one engine, three faces; a script and the app
 * must agree to the last digit for the same design.
 */
export const runSimulate: CommandRun = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, hours: { type: 'string' } }, { min: 1, max: 1, usage: USAGE })
  const hours = numberOption(values, 'hours') ?? 72
  if (hours <= 0 || hours > MAX_HOURS) {
    throw new UsageError(`--hours must be a number above 0 and at most ${MAX_HOURS} h, got '${stringOption(values, 'hours')}'.`)
  }
  const file = positionals[0]!
  const checked = readDesignFile(file)
  if (!checked.valid) {
    return fail(io, values.json === true, EXIT_BAD_INPUT, 'invalid-design', `${file}: ${checked.errors.length} problem(s); nothing was simulated.`, checked.errors)
  }
  const result = simulateDesign(checked.design, { hours }, checked.warnings)
  if (values.json === true) {
    printJson(io, result)
    return EXIT_OK
  }
  for (const w of result.warnings) io.stderr(`warning: ${w}\n`)
  io.stdout(formatSummary(checked.design.name, result, hours))
  return EXIT_OK
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
