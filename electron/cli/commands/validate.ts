import { EXIT_BAD_INPUT, EXIT_OK, type CommandRun } from '../types'
import { formatIssues, parseCommandArgs, printJson, readDesignFile } from './common'

const USAGE = 'nanoforge validate FILE [--json]'

/**
 * `nanoforge validate FILE [--json]`: checks a design file against the design format.
 *
 * Why: scripts and reviewers can check files without the app. Prints
 * `{"valid": true, "warnings": [...]}` (exit 0) or `{"valid": false, "errors": [...]}`
 * (exit 2, every problem with its JSON path, also on stderr), per cli.md.
 */
export const runValidate: CommandRun = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, { min: 1, max: 1, usage: USAGE })
  const file = positionals[0]!
  const result = readDesignFile(file)
  const json = values.json === true
  if (!result.valid) {
    const n = result.errors.length
    io.stderr(`${file}: ${n} ${n === 1 ? 'problem' : 'problems'}\n${formatIssues(result.errors)}\n`)
    if (result.warnings.length > 0) io.stderr(`Warnings:\n${formatIssues(result.warnings)}\n`)
    if (json) printJson(io, { valid: false, errors: result.errors, warnings: result.warnings })
    return EXIT_BAD_INPUT
  }
  if (json) {
    printJson(io, { valid: true, warnings: result.warnings })
  } else {
    io.stdout(`${file}: valid design "${result.design.name}"` +
      `${result.warnings.length > 0 ? ` with ${result.warnings.length} warning(s)` : ''}\n`)
    if (result.warnings.length > 0) io.stdout(`${formatIssues(result.warnings)}\n`)
  }
  return EXIT_OK
}
