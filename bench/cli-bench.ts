/**
 * Start-up of the `nanoforge` command as a user runs it without npm in the way:
 * `node bin/nanoforge.js ...` in a new process each time (issue 11 item 9). Wall time per
 * call, median of 7 after 2 warm-up calls (tsx's transform cache warm, as after the first run).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Benchmark } from './harness'

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..')
const BIN = join(ROOT, 'bin', 'nanoforge.js')

function run(args: ReadonlyArray<string>): void {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`nanoforge ${args.join(' ')} failed (${result.status}): ${result.stderr}`)
}

function medianCallMs(args: ReadonlyArray<string>, iterations = 7, warmup = 2): number {
  for (let i = 0; i < warmup; i++) run(args)
  const samples: number[] = []
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now()
    run(args)
    samples.push(performance.now() - t0)
  }
  samples.sort((a, b) => a - b)
  return samples[samples.length >> 1]!
}

export const cliBenchmarks: Benchmark = {
  name: 'cli',
  run: () => {
    const dir = mkdtempSync(join(tmpdir(), 'nanoforge-cli-bench-'))
    try {
      const db = join(dir, 'lib.db')
      run(['db', 'save', join(ROOT, 'tests', 'fixtures', 'designs', 'lupus-rbc-silica.nanoforge.json'), '--db', db])
      return [
        { name: 'cliHelpMs', value: medianCallMs(['--help']), unit: 'ms', target: 1200, note: 'node bin/nanoforge.js --help, new process' },
        { name: 'cliDbListMs', value: medianCallMs(['db', 'list', '--db', db, '--json']), unit: 'ms', target: 1200, note: 'node bin/nanoforge.js db list, one design, new process' },
      ]
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  },
}
