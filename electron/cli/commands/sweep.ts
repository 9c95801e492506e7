import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'
import { canonicalSpecJson, parseSweepSpec, type ResolvedSweep } from '../../../shared/sweep/spec'
import { evaluateShard, parseShardText, shardRange, MAX_SHARDS, SWEEP_BATCH, type ShardRange } from '../../../shared/sweep/shard'
import { encodeSweepParquet, readSweepInfo, SweepFileError } from '../../../shared/sweep/parquet'
import { ENGINE_VERSION } from '../../../shared/engine/version'
import { CliError } from '../errors'
import { EXIT_BAD_INPUT, EXIT_OK, type CommandRun } from '../types'
import { UsageError, fail, intOption, parseCommandArgs, printJson, readJsonFile, stringOption } from './common'
import { POOL_MIN_EVALUATIONS, workersOption } from './optimize'
import { createDesignPool } from './design-pool'

const USAGE = 'nanoforge sweep SPEC (--out DIR [--shard I/N] | --slurm DIR [--array N] [--partition P] [--time T]) [--workers K] [--json]'

/** The SHA-256 of the canonical spec, hex: what every shard and merged file carries. */
export function specHash(canonical: string): string {
  return createHash('sha256').update(canonical, 'utf8').digest('hex')
}

/** A checked spec file: the resolved sweep, its canonical JSON and hash. */
export interface SweepSpecFile {
  readonly sweep: ResolvedSweep
  readonly canonical: string
  readonly hash: string
}

/** Most bytes of a cohort file a spec names (they are a few kB). */
const MAX_COHORT_FILE_BYTES = 1_000_000

/**
 * Reads and checks a sweep spec file; bad input is a {@link CliError} with every issue at its
 * JSON path. A virtual-cohort spec may name its cohort file (`"cohort": "ra.nanoforge-cohort.json"`,
 * relative to the spec's folder): it is read here and put into the spec, so the canonical spec
 * (spec.json of a --slurm folder, every shard and merged file) carries the cohort itself and
 * its hash changes when the distributions do.
 */
export function readSweepSpec(file: string): SweepSpecFile {
  const read = readJsonFile(file)
  if (!read.ok) throw new CliError('bad-input', 'invalid-input', `${file}: cannot be read`, read.issues)
  let json = read.json
  let cohortFile: string | undefined
  if (typeof json === 'object' && json !== null && !Array.isArray(json) && typeof (json as Record<string, unknown>).cohort === 'string') {
    const named = (json as Record<string, unknown>).cohort as string
    cohortFile = resolve(dirname(resolve(file)), named)
    const cohort = readJsonFile(cohortFile, MAX_COHORT_FILE_BYTES)
    if (!cohort.ok) throw new CliError('bad-input', 'invalid-input', `${file}: the cohort file it names cannot be read`, cohort.issues.map((i) => ({ path: 'cohort', message: `${cohortFile}: ${i.message}` })))
    json = { ...(json as Record<string, unknown>), cohort: cohort.json }
  }
  const parsed = parseSweepSpec(json)
  if (!parsed.ok) {
    // a problem inside the named cohort file says which file it is in
    const errors = cohortFile === undefined ? parsed.errors : parsed.errors.map((e) => (e.path.startsWith('cohort') ? { path: e.path, message: `${e.message} (in ${cohortFile})` } : e))
    throw new CliError('bad-input', 'invalid-input', `${file}: ${parsed.errors.length} problem(s) in the sweep spec`, errors)
  }
  const canonical = canonicalSpecJson(parsed.sweep.spec)
  return { sweep: parsed.sweep, canonical, hash: specHash(canonical) }
}

/** The file name of shard I of N: zero-padded, so a directory listing is in shard order. */
export function shardFileName(index: number, count: number): string {
  const pad = (n: number): string => String(n).padStart(5, '0')
  return `shard-${pad(index)}-of-${pad(count)}.parquet`
}

/**
 * Writes bytes to `file` through a temporary name in the same folder and a rename, so a
 * shard that is killed while writing leaves no half file under the final name (a merge then
 * reports it missing instead of reading a cut file).
 */
export function writeFileAtomically(file: string, bytes: Uint8Array | string): void {
  const partial = join(resolve(file, '..'), `.${file.split(/[\\/]/).pop()!}.partial-${process.pid}`)
  try {
    writeFileSync(partial, bytes)
    renameSync(partial, file)
  } catch (error) {
    rmSync(partial, { force: true })
    throw error
  }
}

/**
 * `nanoforge sweep SPEC --out DIR [--shard I/N]`: evaluates shard I of N of a sweep spec
 * (default: the whole sweep, 0/1) and writes its rows as DIR/shard-IIIII-of-NNNNN.parquet.
 * `--slurm DIR` instead writes a Slurm job array of N shards and a dependent merge job.
 */
export const runSweep: CommandRun = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, {
    json: { type: 'boolean' }, shard: { type: 'string' }, out: { type: 'string' }, workers: { type: 'string' },
    slurm: { type: 'string' }, array: { type: 'string' }, partition: { type: 'string' }, time: { type: 'string' },
  }, { min: 1, max: 1, usage: USAGE })
  const json = values.json === true
  const slurmDir = stringOption(values, 'slurm')
  const out = stringOption(values, 'out')
  if (slurmDir !== undefined) {
    if (out !== undefined || values.shard !== undefined) throw new UsageError(`--slurm writes job scripts; --out and --shard belong to a shard run, not to --slurm.\nUsage: ${USAGE}`)
    return writeSlurmJobs(positionals[0]!, slurmDir, values, json, io)
  }
  for (const only of ['array', 'partition', 'time'] as const) {
    if (values[only] !== undefined) throw new UsageError(`--${only} is an option of --slurm.\nUsage: ${USAGE}`)
  }
  if (out === undefined) throw new UsageError(`--out DIR is missing: the folder the shard file is written to.\nUsage: ${USAGE}`)
  const shardText = stringOption(values, 'shard') ?? '0/1'
  const shard = parseShardText(shardText)
  if (shard === null) throw new UsageError(`--shard must be I/N with 0 ≤ I < N (I as $SLURM_ARRAY_TASK_ID counts from 0), got '${shardText}'.`)
  const workers = workersOption(values)
  const file = positionals[0]!
  const spec = readSweepSpec(file)
  let range: ShardRange
  try {
    range = shardRange(shard.index, shard.count, spec.sweep.spec.samples)
  } catch (error) {
    throw new UsageError(`--shard ${shardText}: ${error instanceof Error ? error.message : String(error)}.`)
  }

  mkdirSync(out, { recursive: true })
  const target = join(out, shardFileName(range.index, range.count))
  if (existsSync(target)) {
    // re-running a shard replaces its own file; a shard of another sweep is never overwritten
    let other: string | undefined
    try {
      const held = readSweepInfo(toArrayBuffer(readFileSync(target)))
      if (held.info.specHash !== spec.hash) other = `shard ${shardText} of another sweep (spec hash ${held.info.specHash.slice(0, 12)}…)`
    } catch (error) {
      if (!(error instanceof SweepFileError)) throw error
      other = `a file that is not a sweep shard (${error.message})`
    }
    if (other !== undefined) {
      return fail(io, json, EXIT_BAD_INPUT, 'exists', `${target} already holds ${other}; nothing was written. Give another --out folder, or remove that file if it is not needed.`)
    }
  }

  const started = performance.now()
  const size = range.end - range.start
  const pool = createDesignPool(size >= POOL_MIN_EVALUATIONS ? workers : 1)
  let lastTenth = -1
  let table
  try {
    table = await evaluateShard(spec.sweep, range, pool.evaluate, (done, total) => {
      const tenth = Math.floor((10 * done) / total)
      if (tenth !== lastTenth && total > SWEEP_BATCH) { lastTenth = tenth; io.stderr(`sweep ${shardText}: ${done}/${total} samples\n`) }
    }, pool.patients)
  } finally {
    await pool.close()
  }
  const bytes = encodeSweepParquet(table, spec.sweep.knobs, spec.sweep.spec.metrics, {
    specHash: spec.hash, spec: spec.canonical, engineVersion: ENGINE_VERSION,
    shard: { index: range.index, count: range.count }, start: range.start, end: range.end,
  })
  writeFileAtomically(target, new Uint8Array(bytes))
  const seconds = (performance.now() - started) / 1000
  const failed = table.error.filter((e) => e !== null).length
  const summary = {
    file: target, specHash: spec.hash, engineVersion: ENGINE_VERSION, shard: { index: range.index, count: range.count },
    samples: { start: range.start, end: range.end }, rows: size, failedSamples: failed, workers: pool.workers, seconds,
  }
  if (json) {
    printJson(io, summary)
    return EXIT_OK
  }
  io.stdout(`Shard ${range.index}/${range.count}: samples ${range.start}-${range.end - 1} (${size}) in ${seconds.toFixed(1)} s on ${pool.workers} worker(s) → ${target}\n`)
  if (failed > 0) io.stdout(`${failed} sample(s) gave no valid design or no result; their reasons are in the 'error' column.\n`)
  return EXIT_OK
}

/** A Node Buffer's bytes as an ArrayBuffer of exactly that length. */
export function toArrayBuffer(buffer: Buffer): ArrayBuffer {
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer
}

/** Default shards of a Slurm run: about 10,000 samples (≈ 30 s on one core) each, at most 1000. */
export function defaultArraySize(samples: number): number {
  return Math.max(1, Math.min(1000, samples, Math.ceil(samples / 10_000)))
}

/** Single-quotes a word for sh. */
function shellWord(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}

/** Slurm's --time formats: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS. */
const SLURM_TIME = /^(\d+|\d+:\d{2}|\d+:\d{2}:\d{2}|\d+-\d+|\d+-\d+:\d{2}|\d+-\d+:\d{2}:\d{2})$/

/** The entry point a job runs: this install's bin/nanoforge.js, with the node running now. */
const CLI_ENTRY = fileURLToPath(new URL('../../../bin/nanoforge.js', import.meta.url))

/**
 * `--slurm DIR`: writes DIR/spec.json (the canonical spec, so later edits of SPEC cannot
 * change a running sweep), DIR/sweep.sbatch (a job array, task I running shard I/N into
 * DIR/shards), DIR/merge.sbatch (the merge into DIR/sweep.parquet) and DIR/submit.sh (submits
 * the array, then the merge with --dependency=afterok on it).
 */
function writeSlurmJobs(file: string, dirText: string, values: Readonly<Record<string, string | boolean | undefined>>, json: boolean, io: Parameters<CommandRun>[1]): number {
  const spec = readSweepSpec(file)
  const samples = spec.sweep.spec.samples
  const count = intOption(values, 'array', 1, MAX_SHARDS) ?? defaultArraySize(samples)
  if (count > samples) throw new UsageError(`--array ${count}: ${count} shards for ${samples} samples would leave shards empty; use at most ${samples}.`)
  const partition = stringOption(values, 'partition')
  if (partition !== undefined && !/^[A-Za-z0-9_.,-]+$/.test(partition)) throw new UsageError(`--partition must be a partition name (letters, digits, _ . , -), got '${partition}'.`)
  const time = stringOption(values, 'time')
  if (time !== undefined && !SLURM_TIME.test(time)) throw new UsageError(`--time must be a Slurm time limit (minutes, MM:SS, HH:MM:SS or D-HH:MM:SS), got '${time}'.`)
  const workers = intOption(values, 'workers', 1, 64) ?? 1
  const dir = resolve(dirText)
  // #SBATCH lines are not shell: a path there cannot be quoted
  if (!/^[A-Za-z0-9_./+@-]+$/.test(dir)) throw new UsageError(`--slurm ${dirText}: the job folder's path may hold only letters, digits and _ . / + @ - (Slurm's #SBATCH lines cannot quote spaces or %), got '${dir}'.`)
  mkdirSync(join(dir, 'logs'), { recursive: true })
  mkdirSync(join(dir, 'shards'), { recursive: true })
  const specFile = join(dir, 'spec.json')
  if (existsSync(specFile) && readFileSync(specFile, 'utf8') !== spec.canonical) {
    return fail(io, json, EXIT_BAD_INPUT, 'exists', `${dir} already holds the jobs of another sweep (its spec.json differs); nothing was written. Give another --slurm folder.`)
  }
  const name = `nanoforge-sweep-${spec.hash.slice(0, 8)}`
  const common = [
    ...(partition !== undefined ? [`#SBATCH --partition=${partition}`] : []),
    ...(time !== undefined ? [`#SBATCH --time=${time}`] : []),
  ]
  const node = shellWord(process.execPath)
  const cli = shellWord(CLI_ENTRY)
  const sweepScript = [
    '#!/bin/bash',
    `# NanoForge sweep ${spec.hash}: ${samples} samples in ${count} shards (written by nanoforge sweep --slurm).`,
    '# Re-run failed shards alone with: sbatch --array=2,5 sweep.sbatch ; then: sbatch merge.sbatch',
    `#SBATCH --job-name=${name}`,
    `#SBATCH --array=0-${count - 1}`,
    '#SBATCH --ntasks=1',
    `#SBATCH --cpus-per-task=${workers}`,
    `#SBATCH --output=${dir}/logs/shard-%a.out`,
    `#SBATCH --error=${dir}/logs/shard-%a.err`,
    ...common,
    'set -euo pipefail',
    `exec ${node} ${cli} sweep ${shellWord(specFile)} --shard "\${SLURM_ARRAY_TASK_ID}/${count}" --out ${shellWord(join(dir, 'shards'))} --workers ${workers}`,
    '',
  ].join('\n')
  const mergeScript = [
    '#!/bin/bash',
    `# Merges the ${count} shards of NanoForge sweep ${spec.hash} into sweep.parquet (checks every shard is there once, of this sweep).`,
    `#SBATCH --job-name=${name}-merge`,
    '#SBATCH --ntasks=1',
    '#SBATCH --cpus-per-task=1',
    `#SBATCH --output=${dir}/logs/merge.out`,
    `#SBATCH --error=${dir}/logs/merge.err`,
    ...common,
    'set -euo pipefail',
    `exec ${node} ${cli} merge ${shellWord(join(dir, 'shards'))} --out ${shellWord(join(dir, 'sweep.parquet'))}`,
    '',
  ].join('\n')
  const submitScript = [
    '#!/bin/sh',
    '# Submits the shard array, then the merge as a job that starts only when every shard succeeded.',
    'set -eu',
    'cd "$(dirname "$0")"',
    'array=$(sbatch --parsable sweep.sbatch)',
    'array=${array%%;*}',
    'merge=$(sbatch --parsable --dependency=afterok:"$array" merge.sbatch)',
    'merge=${merge%%;*}',
    'echo "submitted: shard array $array, merge $merge (after every shard succeeded)"',
    '',
  ].join('\n')
  writeFileAtomically(specFile, spec.canonical)
  writeFileAtomically(join(dir, 'sweep.sbatch'), sweepScript)
  writeFileAtomically(join(dir, 'merge.sbatch'), mergeScript)
  writeFileAtomically(join(dir, 'submit.sh'), submitScript)
  const summary = {
    folder: dir, specHash: spec.hash, samples, shards: count, workersPerShard: workers,
    files: { spec: specFile, sweep: join(dir, 'sweep.sbatch'), merge: join(dir, 'merge.sbatch'), submit: join(dir, 'submit.sh') },
    shardsFolder: join(dir, 'shards'), merged: join(dir, 'sweep.parquet'),
    submit: `sh ${join(dir, 'submit.sh')}`,
  }
  if (json) {
    printJson(io, summary)
    return EXIT_OK
  }
  io.stdout([
    `Wrote a Slurm job array of ${count} shard(s) for ${samples} samples and a dependent merge job in ${dir}.`,
    `Submit both with:  sh ${join(dir, 'submit.sh')}`,
    `The merged table appears as ${join(dir, 'sweep.parquet')}; shard logs are in ${join(dir, 'logs')}.`,
    'A failed shard is re-run alone with  sbatch --array=I sweep.sbatch  and then  sbatch merge.sbatch.',
    '',
  ].join('\n'))
  return EXIT_OK
}
