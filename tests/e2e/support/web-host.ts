import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Repository root (tests/e2e/support → ../../..). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')

/** A running loopback web host with its own throw-away database. */
export interface RunningWebHost {
  /** Base URL printed by the host, e.g. `http://127.0.0.1:40123/`. */
  readonly url: string
  /** Origin of `url`, for checking that requests stay on the host. */
  readonly origin: string
  readonly dbPath: string
  /** Everything the host wrote to stderr so far (for failure messages). */
  readonly stderr: () => string
  /** Stops the host (SIGTERM, then SIGKILL after a grace period) and deletes the temp dir. */
  readonly stop: () => Promise<void>
}

/** Options of {@link startWebHost}. */
export interface StartWebHostOptions {
  /** Use this database instead of a fresh temp one (kept after stop). */
  readonly dbPath?: string
  /** How long to wait for the `listening` line (the host may build the renderer first). */
  readonly timeoutMs?: number
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true)
  return new Promise((res) => {
    const timer = setTimeout(() => res(false), ms)
    child.once('exit', () => {
      clearTimeout(timer)
      res(true)
    })
  })
}

/**
 * Starts `node scripts/web.mjs --port 0 --db <tmp>` and resolves once it prints its
 * `listening` line with the URL.
 *
 * Why: the e2e suite drives the real renderer against the real services and SQLite
 * database through the same web host a reviewer would run; port 0 lets the OS pick a free
 * port so parallel runs never collide. The wait is event-driven (stdout line), not a sleep.
 */
export async function startWebHost(options: StartWebHostOptions = {}): Promise<RunningWebHost> {
  const ownDir = options.dbPath ? null : mkdtempSync(join(tmpdir(), 'nanoforge-e2e-'))
  const dbPath = options.dbPath ?? join(ownDir as string, 'library.db')
  const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts', 'web.mjs'), '--port', '0', '--db', dbPath], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'test' },
  })
  let stderr = ''
  let stdout = ''
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk
  })

  const cleanup = (): void => {
    if (ownDir) rmSync(ownDir, { recursive: true, force: true })
  }

  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      rej(new Error(`web host did not print 'listening' within ${options.timeoutMs ?? 90_000} ms.\nstdout:\n${stdout}\nstderr:\n${stderr}`))
    }, options.timeoutMs ?? 90_000)
    child.stdout?.setEncoding('utf8')
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk
      for (const line of stdout.split('\n')) {
        if (!line.includes('listening')) continue
        const m = /https?:\/\/[^\s]+/.exec(line)
        if (m) {
          clearTimeout(timer)
          res(m[0])
          return
        }
      }
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      rej(new Error(`web host exited before listening (code ${code}, signal ${signal}).\nstdout:\n${stdout}\nstderr:\n${stderr}`))
    })
  }).catch((e: unknown) => {
    cleanup()
    throw e
  })

  const base = url.endsWith('/') ? url : `${url}/`
  return {
    url: base,
    origin: new URL(base).origin,
    dbPath,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        if (!(await waitForExit(child, 10_000))) {
          child.kill('SIGKILL')
          await waitForExit(child, 5_000)
        }
      }
      cleanup()
    },
  }
}
