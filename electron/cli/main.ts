import { readFileSync } from 'node:fs'
import { COMMANDS, type CommandSpec } from './commands/index'
import { CliError, classifyError, reportFailure, withWriteState } from './errors'
import { EXIT_OK, type CliIo } from './types'

/** stdout/stderr of the real process. */
const PROCESS_IO: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
}

/**
 * The usage text: every registered command with its synopsis and summary.
 *
 * Why generated: the registry is the single list, so help can never miss a command.
 */
export function usage(prefix?: string): string {
  const entries = [...COMMANDS].filter(([name]) => prefix === undefined || name.startsWith(`${prefix} `))
  const width = Math.max(...entries.map(([name]) => name.length))
  const lines = entries.map(([name, spec]) => `  nanoforge ${name.padEnd(width)}  ${spec.usage}\n      ${spec.summary}`)
  return [
    'NanoForge: design drug-delivery nanoparticles (command line).',
    '',
    'Usage:',
    ...lines,
    '',
    'Options: --json prints one JSON document on stdout (messages go to stderr).',
    '         --db FILE uses that design library instead of the desktop app\'s ($NANOFORGE_DB).',
    'Exit codes: 0 success, 2 bad input (reasons on stderr), 1 anything else (busy, disk, internal).',
    'Errors under --json: one {"error": {"code": "busy|bad-input|io|internal", "reason", "message"}} on stdout.',
    '',
  ].join('\n')
}

/**
 * Entry of the `nanoforge` command (bin/nanoforge.js runs it through tsx). Every failure goes
 * through `classifyError`/`reportFailure` (errors.ts): under --json exactly one
 * `{"error": {...}}` document on stdout, whatever failed.
 *
 * Why it returns the exit code instead of exiting: tests and other entry points can call it
 * in-process, and pending writes (WAL checkpoint on close) finish before the process ends.
 * Exit codes per cli.md: 0 success, 2 bad input, 1 anything else.
 */
export async function main(argv: ReadonlyArray<string>, io: CliIo = PROCESS_IO): Promise<number> {
  const [first, second] = argv
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout(usage())
    return EXIT_OK
  }
  if (first === '--version' || first === '-V') {
    io.stdout(`${readAppVersion()}\n`)
    return EXIT_OK
  }
  const json = argv.includes('--json')
  const found = findCommand(argv)
  if (found === undefined) {
    const group = [...COMMANDS.keys()].some((name) => name.startsWith(`${first} `))
    if (group && (second === undefined || second === '--help' || second === '-h')) {
      io.stdout(usage(first))
      return EXIT_OK
    }
    const what = group ? `${first} ${second ?? ''}`.trim() : first
    return reportFailure(io, json, classifyError(new CliError('bad-input', 'usage', `Unknown command '${what}'. Run 'nanoforge --help' for the list.`)))
  }
  const [name, spec, rest] = found
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`Usage: nanoforge ${name} ${spec.usage}\n  ${spec.summary}\n`)
    return EXIT_OK
  }
  try {
    return await spec.run(rest, io)
  } catch (error) {
    // Whatever escaped the command (usage errors, bad input files, busy, a full disk, a bug):
    // the one mapper. A failure that reaches here happened before the library was opened
    // (withLibrary reports its own, with the real write state), so a writing command wrote
    // nothing.
    const classified = classifyError(error)
    const failure = classified.code === 'internal' ? { ...classified, message: `nanoforge ${name} failed: ${classified.message}` } : classified
    return reportFailure(io, json, spec.writes === true ? withWriteState(failure, 0, undefined) : failure)
  }
}

/** The longest registered command matching the first words of argv, with the remaining args. */
function findCommand(argv: ReadonlyArray<string>): [string, CommandSpec, ReadonlyArray<string>] | undefined {
  for (const words of [3, 2, 1]) {
    if (argv.length < words) continue
    const name = argv.slice(0, words).join(' ')
    const spec = COMMANDS.get(name)
    if (spec !== undefined) return [name, spec, argv.slice(words)]
  }
  return undefined
}

function readAppVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown }
    return typeof pkg.version === 'string' ? pkg.version : 'unknown'
  } catch {
    return 'unknown'
  }
}
