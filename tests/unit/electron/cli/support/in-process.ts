import { main } from '../../../../../electron/cli/main'

/** What one in-process run of the CLI's `main` printed and returned. */
export interface InProcessRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs `nanoforge ...args` through the CLI's `main` in this process (no child process: fast,
 * and what the command prints is collected as text). For the real process, see cli-process.ts.
 */
export async function runInProcess(...args: string[]): Promise<InProcessRun> {
  let stdout = ''
  let stderr = ''
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) })
  return { code, stdout, stderr }
}
