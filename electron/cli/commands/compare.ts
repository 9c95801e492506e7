import { compareProfiles, DEFAULT_BOOTSTRAP_SEED } from '../../../shared/engine/fit/compare'
import { messageOf } from '../../../shared/ipc/result'
import { CliError } from '../errors'
import { EXIT_OK, type CommandRun } from '../types'
import { parseCommandArgs, printJson, seedOption } from './args'
import { formatNumber, readReleaseCsvFile } from './fit'

const USAGE = 'nanoforge compare REF.csv TEST.csv [--seed N] [--json]'

/**
 * `nanoforge compare REF.csv TEST.csv [--json]` (cli.md): f1 and f2 of two release profiles,
 * the time points used, whether the regulatory conditions of use are met (each reported in
 * `notes`) and, when they are not, a seeded bootstrap 90 % interval of f2 (`--seed N`).
 */
export const runCompare: CommandRun = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, seed: { type: 'string' } }, { min: 2, max: 2, usage: USAGE })
  const seed = seedOption(values, DEFAULT_BOOTSTRAP_SEED)
  const [refFile, testFile] = positionals as [string, string]
  const ref = readReleaseCsvFile(refFile)
  const test = readReleaseCsvFile(testFile)
  for (const w of ref.warnings) io.stderr(`${refFile}: warning: ${w}\n`)
  for (const w of test.warnings) io.stderr(`${testFile}: warning: ${w}\n`)
  let result
  try {
    result = compareProfiles(ref, test, { seed })
  } catch (error) {
    throw new CliError('bad-input', 'invalid-input', `${refFile} vs ${testFile}: ${messageOf(error)}`)
  }
  if (values.json === true) {
    printJson(io, result)
    return EXIT_OK
  }
  const lines = [
    `f1 = ${formatNumber(result.f1)}   (0-15: similar)`,
    `f2 = ${formatNumber(result.f2)}   (50-100: similar)`,
    `time points used (h): ${result.timePointsUsed.map((t) => formatNumber(t)).join(', ')}`,
    `reference mean %: ${result.referenceMeanPct.map((v) => formatNumber(v)).join(', ')}`,
    `test mean %:      ${result.testMeanPct.map((v) => formatNumber(v)).join(', ')}`,
    `conditions of use met: ${result.conditionsMet ? 'yes' : 'no'}`,
  ]
  if (result.bootstrap) {
    lines.push(`bootstrap f2 90 % interval: ${formatNumber(result.bootstrap.ci90[0])} - ${formatNumber(result.bootstrap.ci90[1])} (median ${formatNumber(result.bootstrap.median)}, seed ${result.bootstrap.seed}, ${result.bootstrap.iterations} resamples)`)
  }
  lines.push('', ...result.notes.map((n) => `- ${n}`))
  io.stdout(`${lines.join('\n')}\n`)
  return EXIT_OK
}

/** The command entry (same as runCompare), for the CLI registry. */
export const run: CommandRun = runCompare
