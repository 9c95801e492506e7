import { evaluateFlags } from '../../../shared/flags/evaluate'
import { EXIT_BAD_INPUT, EXIT_OK, type CommandRun } from '../types'
import { fail, parseCommandArgs, printJson, readDesignFile } from './common'

const USAGE = 'nanoforge flags FILE [--json]'

/**
 * `nanoforge flags FILE [--json]`: the translation flags of a design (issue #16) —
 * `{"flags": [{"id", "severity": "info|caution|concern", "title", "why", "source", "evidence",
 * "measure"}]}`, most serious first. The same rules as the app (shared/flags), no simulation.
 */
export const runFlags: CommandRun = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, { min: 1, max: 1, usage: USAGE })
  const file = positionals[0]!
  const checked = readDesignFile(file)
  if (!checked.valid) {
    return fail(io, values.json === true, EXIT_BAD_INPUT, 'invalid-design', `${file}: ${checked.errors.length} problem(s); no flags evaluated.`, checked.errors)
  }
  const flags = evaluateFlags(checked.design)
  if (values.json === true) {
    printJson(io, { flags })
    return EXIT_OK
  }
  if (flags.length === 0) io.stdout(`${checked.design.name}: no translation flags\n`)
  for (const f of flags) {
    io.stdout(`[${f.severity}] ${f.title}\n  why: ${f.why}\n  measure: ${f.measure}\n  source: ${f.source}\n\n`)
  }
  return EXIT_OK
}
