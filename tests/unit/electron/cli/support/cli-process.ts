import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { REPO_ROOT } from '../../helpers'

/** What one run of the real `nanoforge` process did. */
export interface CliRun {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** The entry a user runs: `node bin/nanoforge.js` (no npx in the way). */
export const BIN = join(REPO_ROOT, 'bin', 'nanoforge.js')

/**
 * Runs `node bin/nanoforge.js ...args` as its own process. `env` adds variables (e.g.
 * NANOFORGE_FAULT_POINT); NANOFORGE_DB is removed so no test touches a real library.
 * `prefix` runs it under another program (e.g. `unshare -rm sh -c`).
 */
export function runCli(args: ReadonlyArray<string>, options: { readonly env?: NodeJS.ProcessEnv; readonly killAfterMs?: number } = {}): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env }
  delete env.NANOFORGE_DB
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  if (options.killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), options.killAfterMs).unref()
  return collect(child)
}

/** Collects a child's output until it exits. */
export function collect(child: ChildProcess): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString('utf8')))
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
}

/** Parses stdout as exactly one JSON document (throws, naming the text, when it is not). */
export function oneJson<T = Record<string, unknown>>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T
  } catch {
    throw new Error(`stdout is not one JSON document (exit ${run.code}):\n${run.stdout}\nstderr:\n${run.stderr}`)
  }
}

/** The `{"error": {...}}` document a failing --json command prints. */
export interface ErrorDocument {
  readonly error: { readonly code: string; readonly reason: string; readonly message: string; readonly written?: boolean }
}

/**
 * A second process holding the library's write lock (BEGIN IMMEDIATE plus an uncommitted
 * change) until `release()`; resolves once the lock is taken.
 */
export async function holdWriteLock(path: string): Promise<{ release: () => Promise<void> }> {
  const script = `
    const Database = require('better-sqlite3')
    const db = new Database(${JSON.stringify(path)})
    db.exec('BEGIN IMMEDIATE')
    db.prepare("UPDATE designs SET note = 'uncommitted, held by the other process' WHERE 1").run()
    process.stdout.write('locked\\n')
    process.stdin.once('data', () => { db.exec('ROLLBACK'); db.close(); process.exit(0) })
  `
  const child = spawn(process.execPath, ['-e', script], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] })
  await waitForLine(child, 'locked')
  return {
    release: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.stdin!.write('go\n')
    }),
  }
}

/** Resolves when the child printed `line` on stdout; rejects if it exits first. */
export function waitForLine(child: ChildProcess, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()))
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.split('\n').includes(line)) resolve()
    })
    child.once('exit', (code) => reject(new Error(`the helper process exited (${code}) before '${line}': ${err}`)))
  })
}
