import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseSweepSpec } from '../../../shared/sweep/spec'
import { shardRange, type SweepTable } from '../../../shared/sweep/shard'
import { decodeSweepParquet, encodeSweepParquet, readSweepInfo, sweepColumnNames, SweepFileError, type SweepFileInfo } from '../../../shared/sweep/parquet'
import type { KnobValue } from '../../../shared/analysis/design-paths'
import type { DesignIssue } from '../../../shared/design/types'
import { CliError } from '../errors'
import { EXIT_OK, type CommandRun } from '../types'
import { UsageError, parseCommandArgs, printJson, stringOption } from './common'
import { specHash, toArrayBuffer, writeFileAtomically } from './sweep'
import { COVARIATE_COLUMNS } from '../../../shared/sweep/cohort'

const USAGE = 'nanoforge merge DIR --out FILE [--format parquet|csv] [--json]'

/** One shard file found in the folder, with its provenance. */
interface FoundShard {
  readonly name: string
  readonly path: string
  readonly info: SweepFileInfo
  readonly rows: number
  readonly columnNames: ReadonlyArray<string>
}

/**
 * Checks a folder of shard files and returns them in shard order, or every problem at once
 * as a bad-input {@link CliError} naming the files: files that are not shards, shards of
 * another sweep (another spec hash or engine version, or another number of shards), missing
 * and duplicate shards, and shards whose rows are not the samples they should hold.
 */
export function checkShards(dir: string, exclude: string | undefined): { shards: FoundShard[]; info: SweepFileInfo } {
  let names: string[]
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.parquet') && !n.startsWith('.')).sort()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CliError('bad-input', 'not-found', `${dir} is not a folder of shard files (${code === 'ENOENT' ? 'it does not exist' : 'it is a file'}).`)
    throw error
  }
  const issues: DesignIssue[] = []
  const found: FoundShard[] = []
  for (const name of names) {
    const path = join(dir, name)
    if (exclude !== undefined && resolve(path) === exclude) continue
    if (!statSync(path).isFile()) continue
    try {
      const read = readSweepInfo(toArrayBuffer(readFileSync(path)))
      if (read.info.shard === null) {
        issues.push({ path: name, message: 'is a merged sweep, not a shard; move it out of the shard folder' })
        continue
      }
      found.push({ name, path, ...read })
    } catch (error) {
      if (!(error instanceof SweepFileError)) throw error
      issues.push({ path: name, message: `${error.message}; it is not a shard of a NanoForge sweep` })
    }
  }
  if (found.length === 0) {
    throw new CliError('bad-input', 'no-shards', `${dir} holds no shard files (shard-IIIII-of-NNNNN.parquet written by nanoforge sweep --shard I/N --out ${dir}).`, issues.length > 0 ? issues : undefined)
  }

  // the sweep is the spec hash, engine version and shard count most files share; the others are foreign
  const keyOf = (s: FoundShard): string => `${s.info.specHash} ${s.info.engineVersion} ${s.info.shard!.count}`
  const groups = new Map<string, FoundShard[]>()
  for (const s of found) groups.set(keyOf(s), [...(groups.get(keyOf(s)) ?? []), s])
  const [mainKey, shards] = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0]!
  const main = shards[0]!.info
  for (const [key, group] of groups) {
    if (key === mainKey) continue
    for (const s of group) {
      const why = s.info.specHash !== main.specHash
        ? `is a shard of another sweep (spec hash ${s.info.specHash.slice(0, 12)}…, not ${main.specHash.slice(0, 12)}…)`
        : s.info.engineVersion !== main.engineVersion
          ? `was computed by engine ${s.info.engineVersion}, the other shards by ${main.engineVersion}; re-run it with this engine`
          : `is shard ${s.info.shard!.index}/${s.info.shard!.count}, but the other shards split the sweep into ${main.shard!.count}`
      issues.push({ path: s.name, message: why })
    }
  }

  // the spec inside the files must be the one the hash names, and valid
  if (specHash(main.spec) !== main.specHash) {
    issues.push({ path: shards[0]!.name, message: 'its spec does not match its spec hash; the file was altered' })
    throw new CliError('bad-input', 'invalid-shards', `${dir}: the shards cannot be merged.`, issues)
  }
  const parsed = parseSweepSpec(JSON.parse(main.spec) as unknown)
  if (!parsed.ok) {
    issues.push({ path: shards[0]!.name, message: `its spec is not a valid sweep spec for this NanoForge: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}` })
    throw new CliError('bad-input', 'invalid-shards', `${dir}: the shards cannot be merged.`, issues)
  }
  const sweep = parsed.sweep
  const count = main.shard!.count
  const expectedColumns = sweepColumnNames(sweep.knobs, sweep.spec.metrics, sweep.cohort !== undefined).join(',')
  const byIndex = new Map<number, FoundShard[]>()
  for (const s of shards) byIndex.set(s.info.shard!.index, [...(byIndex.get(s.info.shard!.index) ?? []), s])
  const missing: number[] = []
  const ordered: FoundShard[] = []
  for (let i = 0; i < count; i++) {
    const at = byIndex.get(i) ?? []
    if (at.length === 0) { missing.push(i); continue }
    if (at.length > 1) {
      for (const s of at) issues.push({ path: s.name, message: `is shard ${i}/${count}, which is present ${at.length} times (${at.map((x) => x.name).join(', ')}); keep one` })
      continue
    }
    const s = at[0]!
    const want = shardRange(i, count, sweep.spec.samples)
    if (s.info.start !== want.start || s.info.end !== want.end || s.rows !== want.end - want.start) {
      issues.push({ path: s.name, message: `should hold samples ${want.start}-${want.end - 1} (${want.end - want.start} rows) but holds ${s.info.start}-${s.info.end - 1} (${s.rows} rows)` })
      continue
    }
    if (s.columnNames.join(',') !== expectedColumns) {
      issues.push({ path: s.name, message: `has columns ${s.columnNames.join(', ')}; the sweep's are ${expectedColumns.split(',').join(', ')}` })
      continue
    }
    ordered.push(s)
  }
  for (const s of shards) {
    if (s.info.shard!.index >= count) issues.push({ path: s.name, message: `names shard ${s.info.shard!.index} of ${count}, which does not exist` })
  }
  if (missing.length > 0) {
    issues.unshift({
      path: dir,
      message: `missing shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of ${count} (re-run each with nanoforge sweep SPEC --shard I/${count} --out ${dir}, or sbatch --array=${missing.join(',')} sweep.sbatch)`,
    })
  }
  if (issues.length > 0) throw new CliError('bad-input', 'invalid-shards', `${dir}: the shards cannot be merged.`, issues)
  return { shards: ordered, info: main }
}

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
function csvField(value: KnobValue | null): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(value) // shortest text that reads back to the same double
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/**
 * `nanoforge merge DIR --out FILE`: checks that DIR holds every shard of one sweep once
 * (same spec hash, same engine, rows as expected) and writes the rows in sample order as
 * Parquet (default) or CSV. Nothing is written when a check fails.
 */
export const runMerge: CommandRun = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, {
    json: { type: 'boolean' }, out: { type: 'string' }, format: { type: 'string' },
  }, { min: 1, max: 1, usage: USAGE })
  const json = values.json === true
  const out = stringOption(values, 'out')
  if (out === undefined) throw new UsageError(`--out FILE is missing: where the merged table is written.\nUsage: ${USAGE}`)
  const format = stringOption(values, 'format') ?? (out.toLowerCase().endsWith('.csv') ? 'csv' : 'parquet')
  if (format !== 'parquet' && format !== 'csv') throw new UsageError(`--format must be parquet or csv, got '${format}'.`)
  const dir = positionals[0]!
  const { shards, info } = checkShards(dir, resolve(out))
  const parsed = parseSweepSpec(JSON.parse(info.spec) as unknown)
  if (!parsed.ok) throw new Error('merge: the spec was checked and must parse')
  const { knobs, spec } = parsed.sweep
  const covariateCount = parsed.sweep.cohort ? COVARIATE_COLUMNS.length : 0

  // concatenate in shard order = sample order; check each row is the sample it should be
  const names = sweepColumnNames(knobs, spec.metrics, covariateCount > 0)
  const columns: Array<Array<KnobValue | null>> = names.map(() => [])
  for (const s of shards) {
    let decoded
    try {
      decoded = await decodeSweepParquet(toArrayBuffer(readFileSync(s.path)))
    } catch (error) {
      if (error instanceof SweepFileError) throw new CliError('bad-input', 'invalid-shards', `${dir}: the shards cannot be merged.`, [{ path: s.name, message: error.message }])
      throw error
    }
    const sample = decoded.columns[0]!
    for (let r = 0; r < decoded.rows; r++) {
      if (sample[r] !== s.info.start + r) {
        throw new CliError('bad-input', 'invalid-shards', `${dir}: the shards cannot be merged.`, [{ path: s.name, message: `row ${r} is sample ${String(sample[r])}, not ${s.info.start + r}` }])
      }
    }
    decoded.columns.forEach((c, j) => { for (const v of c) columns[j]!.push(v) })
  }
  const rows = columns[0]!.length
  const errorColumn = columns[names.length - 1]!
  const failed = errorColumn.filter((e) => e !== null).length
  const merged: SweepFileInfo = { specHash: info.specHash, spec: info.spec, engineVersion: info.engineVersion, shard: null, start: 0, end: spec.samples }
  if (format === 'parquet') {
    const table: SweepTable = {
      sample: columns[0] as number[],
      knobs: columns.slice(1, 1 + knobs.length) as KnobValue[][],
      ...(covariateCount > 0 ? { covariates: columns.slice(1 + knobs.length, 1 + knobs.length + covariateCount) as KnobValue[][] } : {}),
      metrics: columns.slice(1 + knobs.length + covariateCount, 1 + knobs.length + covariateCount + spec.metrics.length) as Array<Array<number | null>>,
      error: errorColumn as Array<string | null>,
    }
    writeFileAtomically(out, new Uint8Array(encodeSweepParquet(table, knobs, spec.metrics, merged)))
  } else {
    // provenance travels in two constant columns: a CSV has no metadata of its own
    const lines: string[] = [[...names, 'specHash', 'engineVersion'].map((n) => csvField(n)).join(',')]
    const tail = `,${info.specHash},${csvField(info.engineVersion)}`
    for (let r = 0; r < rows; r++) lines.push(columns.map((c) => csvField(c[r] ?? null)).join(',') + tail)
    writeFileAtomically(out, `${lines.join('\n')}\n`)
  }
  const summary = {
    file: out, format, rows, shards: shards.length, specHash: info.specHash, engineVersion: info.engineVersion,
    failedSamples: failed, columns: names,
  }
  if (json) {
    printJson(io, summary)
    return EXIT_OK
  }
  io.stdout(`Merged ${shards.length} shard(s) of sweep ${info.specHash.slice(0, 12)}… (${rows} samples, ${failed} without a result) into ${out} (${format}).\n`)
  return EXIT_OK
}
