/**
 * Issue 17 figures. `sweepSamplesPerSecondPerCore`: the throughput of one core on a sweep
 * (sampling, validation, engine, Parquet encoding), the number a cluster's run time is
 * planned from (10^6 samples on N nodes of C cores take about 10^6 / (rate · N · C) s).
 * `sweep10kMs`: a 10,000-sample sweep as a user runs it on this machine, `nanoforge sweep
 * SPEC --out DIR` (every core through the design pool; process start-up included) followed
 * by `nanoforge merge DIR --out FILE`. `sweepCohortSamplesPerSecondPerCore`: the same for a
 * virtual-cohort sweep (each sample the design in one virtual patient of the RA cohort, every
 * registry and response metric), which runs on one thread per shard.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { newDesign } from '../shared/design/defaults'
import { evaluateSerially } from '../shared/analysis/evaluate'
import { canonicalSpecJson, parseSweepSpec } from '../shared/sweep/spec'
import { evaluateShard } from '../shared/sweep/shard'
import { encodeSweepParquet } from '../shared/sweep/parquet'
import { defaultWorkerCount } from '../electron/cli/commands/design-pool'
import raCohort from '../resources/cohorts/ra.nanoforge-cohort.json' with { type: 'json' }
import type { Benchmark, Figure } from './harness'

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..')
const BIN = join(ROOT, 'bin', 'nanoforge.js')

/** The issue 13 goal's knobs on the default design, every metric, 72 h. */
function spec(samples: number): Record<string, unknown> {
  return {
    format: 'nanoforge.sweep', version: 1, base: newDesign(), method: 'latin-hypercube', samples, seed: 1,
    vary: [
      { path: 'core.diameterNm', min: 50, max: 250 },
      { path: 'coatings[0].graftingDensityPerNm2', min: 0.05, max: 1.0 },
      { path: 'core.material', options: ['plga-50-50', 'plga-75-25', 'pla'] },
    ],
  }
}

function cli(args: ReadonlyArray<string>): void {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`nanoforge ${args.join(' ')} failed (${r.status}): ${r.stderr}`)
}

export const sweepBenchmarks: Benchmark = {
  name: 'sweep',
  async run(): Promise<Figure[]> {
    // one core: 2,000 samples on this thread after a 100-sample warm-up
    const parsed = parseSweepSpec(spec(2100))
    if (!parsed.ok) throw new Error(`bench sweep spec: ${JSON.stringify(parsed.errors)}`)
    const sweep = parsed.sweep
    await evaluateShard(sweep, { start: 0, end: 100 }, evaluateSerially)
    const t0 = performance.now()
    const table = await evaluateShard(sweep, { start: 100, end: 2100 }, evaluateSerially)
    encodeSweepParquet(table, sweep.knobs, sweep.spec.metrics, { specHash: 'bench', spec: canonicalSpecJson(sweep.spec), engineVersion: 'bench', shard: null, start: 100, end: 2100 })
    const perCore = 2000 / ((performance.now() - t0) / 1000)

    // one core, virtual cohort: 300 patients after a 20-patient warm-up
    const d = newDesign()
    const cohortSpec = parseSweepSpec({
      format: 'nanoforge.sweep', version: 1, base: { ...d, context: { ...d.context, species: 'human' } }, method: 'virtual-cohort', cohort: raCohort,
      samples: 320, seed: 1, vary: [{ path: 'core.diameterNm', min: 50, max: 250 }],
    })
    if (!cohortSpec.ok) throw new Error(`bench cohort sweep spec: ${JSON.stringify(cohortSpec.errors)}`)
    await evaluateShard(cohortSpec.sweep, { start: 0, end: 20 }, evaluateSerially)
    const t2 = performance.now()
    await evaluateShard(cohortSpec.sweep, { start: 20, end: 320 }, evaluateSerially)
    const cohortPerCore = 300 / ((performance.now() - t2) / 1000)

    const dir = mkdtempSync(join(tmpdir(), 'nanoforge-sweep-bench-'))
    try {
      const file = join(dir, 'spec.json')
      writeFileSync(file, JSON.stringify(spec(10_000)))
      const t1 = performance.now()
      cli(['sweep', file, '--out', join(dir, 'shards')])
      cli(['merge', join(dir, 'shards'), '--out', join(dir, 'sweep.parquet')])
      const tenK = performance.now() - t1
      return [
        { name: 'sweepSamplesPerSecondPerCore', value: perCore, unit: 'samples/s', note: 'one thread: sampling, validation, engine (every metric, 72 h), Parquet; 3 knobs, Latin hypercube' },
        { name: 'sweepCohortSamplesPerSecondPerCore', value: cohortPerCore, unit: 'samples/s', note: 'one thread: virtual cohort (RA cohort, default design in a person, 1 knob), every registry and response metric, 72 h' },
        {
          name: 'sweep10kMs', value: tenK, unit: 'ms', target: 30_000,
          note: `nanoforge sweep (${defaultWorkerCount()} worker(s) on ${availableParallelism()} cores, start-up included) + merge; ${Math.round(10_000 / (tenK / 1000))} samples/s`,
        },
      ]
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  },
}
