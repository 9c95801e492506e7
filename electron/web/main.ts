import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { defaultDatabasePath } from '../db/paths'
import { startWebHost, type WebHost } from './server'
import { messageOf } from '../../shared/ipc/result'

/** Port of the web host when `--port` is not given. */
export const DEFAULT_WEB_PORT = 5180

const USAGE = `Usage: npm run web -- [--port PORT] [--db FILE] [--host HOST] [--renderer DIR]

Serves the built renderer and the IPC contract over HTTP on a loopback address only.
  --port PORT      TCP port (default ${DEFAULT_WEB_PORT}; 0 picks a free port)
  --db FILE        design library (default: the desktop app's, or $NANOFORGE_DB)
  --host HOST      127.0.0.1 (default), ::1 or localhost; other addresses are refused
  --renderer DIR   built renderer folder (default out/renderer)
`

/** Parsed command line of the web host. */
export interface WebHostArgs {
  readonly port: number
  readonly host: string
  readonly dbPath: string
  readonly rendererDir: string
}

/**
 * Parses the web host's arguments; throws an Error whose message is meant for the user.
 *
 * Why exported: `scripts/web.mjs` and tests share one parser.
 */
export function parseWebHostArgs(argv: ReadonlyArray<string>, repoRoot: string = defaultRepoRoot()): WebHostArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      db: { type: 'string' },
      host: { type: 'string' },
      renderer: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  })
  const port = values.port === undefined ? DEFAULT_WEB_PORT : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535, got '${values.port ?? ''}'.`)
  }
  return {
    port,
    host: values.host ?? '127.0.0.1',
    dbPath: resolve(values.db ?? defaultDatabasePath()),
    rendererDir: resolve(values.renderer ?? resolve(repoRoot, 'out', 'renderer')),
  }
}

/**
 * Entry of `npm run web`: starts the loopback web host and prints exactly one line
 * containing `listening` and the URL (tests and scripts wait for it), then runs until
 * SIGINT or SIGTERM, closing the server and checkpointing the database on the way out.
 * Returns the exit code.
 */
export async function main(argv: ReadonlyArray<string>): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE)
    return 0
  }
  let args: WebHostArgs
  try {
    args = parseWebHostArgs(argv)
  } catch (error) {
    process.stderr.write(`${messageOf(error)}\n\n${USAGE}`)
    return 2
  }
  let host: WebHost
  try {
    host = await startWebHost({ ...args, appVersion: readAppVersion(), onWarning: (message) => process.stderr.write(`Warning: ${message}\n`) })
  } catch (error) {
    process.stderr.write(`The web host did not start: ${messageOf(error)}\n`)
    return 1
  }
  process.stderr.write(`Design library: ${args.dbPath}\n`)
  if (host.readOnlyReason !== undefined) process.stderr.write(`The design library is read-only: ${host.readOnlyReason}\n`)
  process.stdout.write(`NanoForge web host listening on ${host.url}\n`)
  await new Promise<void>((resolveStop) => {
    const stop = (): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolveStop()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  await host.close()
  return 0
}

function defaultRepoRoot(): string {
  return resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..')
}

function readAppVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(resolve(defaultRepoRoot(), 'package.json'), 'utf8')) as { version?: unknown }
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0-dev'
  } catch {
    return '0.0.0-dev'
  }
}

