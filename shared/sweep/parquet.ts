/**
 * A sweep's table as an Apache Parquet file (issue 17), written with hyparquet-writer and read
 * with hyparquet (pure JavaScript, no native build, no WebAssembly: the same code runs in the
 * CLI, on a cluster node and, later, in the app).
 *
 * Columns: `sample` (INT32, the sample index), one per knob named by its path (DOUBLE, INT32
 * for a whole-number knob, UTF-8 for a categorical one), for a virtual-cohort sweep the
 * patient's covariates (`patient.sex` UTF-8, the others DOUBLE; cohort.ts), one per recorded
 * metric (DOUBLE, null when the sample has no result), and `error` (UTF-8, null when it has).
 * Provenance is in the file's key-value metadata: the spec hash, the canonical spec itself
 * (so a merged file says exactly what was swept), the engine version, and the shard and the
 * sample range the file holds. Nothing time- or host-dependent is written, so the same rows
 * give the same bytes.
 */
import { parquetMetadata, parquetRead } from 'hyparquet'
import { parquetWriteBuffer, type ColumnSource } from 'hyparquet-writer'
import type { Knob } from '../analysis/knobs'
import type { KnobValue } from '../analysis/design-paths'
import type { SweepTable } from './shard'
import { COVARIATE_COLUMNS, type SweepMetricId } from './cohort'

/** Metadata keys of a sweep file. */
export const META = {
  format: 'nanoforge.format',
  specHash: 'nanoforge.sweep.specHash',
  spec: 'nanoforge.sweep.spec',
  engineVersion: 'nanoforge.engineVersion',
  shard: 'nanoforge.sweep.shard',
  start: 'nanoforge.sweep.sampleStart',
  end: 'nanoforge.sweep.sampleEnd',
} as const

/** The `nanoforge.format` value of a sweep table. */
export const SWEEP_ROWS_FORMAT = 'nanoforge.sweep.rows/1'

/** Provenance of one file. `shard` is null for a merged file. */
export interface SweepFileInfo {
  readonly specHash: string
  /** The canonical spec JSON. */
  readonly spec: string
  readonly engineVersion: string
  readonly shard: { readonly index: number; readonly count: number } | null
  /** The samples [start, end) the file holds. */
  readonly start: number
  readonly end: number
}

/** The column names of a sweep table, in file order (`patients`: a virtual-cohort sweep's covariate columns). */
export function sweepColumnNames(knobs: ReadonlyArray<Knob>, metrics: ReadonlyArray<SweepMetricId>, patients = false): string[] {
  return ['sample', ...knobs.map((k) => k.path), ...(patients ? COVARIATE_COLUMNS : []), ...metrics, 'error']
}

/** Encodes a table and its provenance as Parquet bytes (with covariate columns when the table has them). */
export function encodeSweepParquet(table: SweepTable, knobs: ReadonlyArray<Knob>, metrics: ReadonlyArray<SweepMetricId>, info: SweepFileInfo): ArrayBuffer {
  const rows = table.sample.length
  if (rows !== info.end - info.start) throw new Error(`sweep file: ${rows} rows for samples ${info.start}-${info.end - 1}`)
  const covariates = table.covariates ?? []
  if (covariates.length !== 0 && covariates.length !== COVARIATE_COLUMNS.length) throw new Error(`sweep file: ${covariates.length} covariate columns, not ${COVARIATE_COLUMNS.length}`)
  const columnData: ColumnSource[] = [
    { name: 'sample', data: Int32Array.from(table.sample), type: 'INT32', nullable: false },
    ...knobs.map((k, d): ColumnSource => (k.kind === 'categorical'
      ? { name: k.path, data: table.knobs[d]!.map(String), type: 'STRING', nullable: false }
      : k.kind === 'integer'
        ? { name: k.path, data: Int32Array.from(table.knobs[d]! as number[]), type: 'INT32', nullable: false }
        : { name: k.path, data: Float64Array.from(table.knobs[d]! as number[]), type: 'DOUBLE', nullable: false })),
    ...covariates.map((column, c): ColumnSource => (COVARIATE_COLUMNS[c] === 'patient.sex'
      ? { name: COVARIATE_COLUMNS[c]!, data: column.map(String), type: 'STRING', nullable: false }
      : { name: COVARIATE_COLUMNS[c]!, data: Float64Array.from(column as number[]), type: 'DOUBLE', nullable: false })),
    ...metrics.map((m, j): ColumnSource => ({ name: m, data: table.metrics[j]!, type: 'DOUBLE' })),
    { name: 'error', data: table.error, type: 'STRING' },
  ]
  const kvMetadata = [
    { key: META.format, value: SWEEP_ROWS_FORMAT },
    { key: META.specHash, value: info.specHash },
    { key: META.spec, value: info.spec },
    { key: META.engineVersion, value: info.engineVersion },
    { key: META.shard, value: info.shard ? `${info.shard.index}/${info.shard.count}` : 'merged' },
    { key: META.start, value: String(info.start) },
    { key: META.end, value: String(info.end) },
  ]
  return parquetWriteBuffer({ columnData, kvMetadata, createdBy: `nanoforge engine ${info.engineVersion}` })
}

/** A sweep file as read: its provenance, column names and columns. */
export interface DecodedSweepFile {
  readonly info: SweepFileInfo
  readonly columnNames: ReadonlyArray<string>
  /** One array per column, `rows` long. */
  readonly columns: ReadonlyArray<ReadonlyArray<KnobValue | null>>
  readonly rows: number
}

/** Why a file is not a sweep file: thrown by {@link decodeSweepParquet}. */
export class SweepFileError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SweepFileError'
  }
}

/** Reads the provenance only (the footer); throws {@link SweepFileError} for a file that is not a sweep file. */
export function readSweepInfo(bytes: ArrayBuffer): { info: SweepFileInfo; rows: number; columnNames: string[] } {
  let metadata
  try {
    metadata = parquetMetadata(bytes)
  } catch (error) {
    throw new SweepFileError(`is not a readable Parquet file (${error instanceof Error ? error.message : String(error)})`)
  }
  const kv = new Map((metadata.key_value_metadata ?? []).map((e) => [e.key, e.value ?? '']))
  if (kv.get(META.format) !== SWEEP_ROWS_FORMAT) throw new SweepFileError(`is a Parquet file but not a NanoForge sweep table (no ${META.format} = ${SWEEP_ROWS_FORMAT} in its metadata)`)
  const need = (key: string): string => {
    const v = kv.get(key)
    if (v === undefined || v === '') throw new SweepFileError(`has no ${key} in its metadata`)
    return v
  }
  const wholeOf = (key: string): number => {
    const v = need(key)
    if (!/^\d+$/.test(v)) throw new SweepFileError(`has ${key} = "${v}", not a whole number`)
    return Number(v)
  }
  const shardText = need(META.shard)
  let shard: SweepFileInfo['shard'] = null
  if (shardText !== 'merged') {
    const m = /^(\d+)\/(\d+)$/.exec(shardText)
    if (!m) throw new SweepFileError(`has ${META.shard} = "${shardText}", not I/N`)
    shard = { index: Number(m[1]), count: Number(m[2]) }
  }
  const info: SweepFileInfo = {
    specHash: need(META.specHash), spec: need(META.spec), engineVersion: need(META.engineVersion),
    shard, start: wholeOf(META.start), end: wholeOf(META.end),
  }
  // the root schema element is first; its children are the columns
  const columnNames = metadata.schema.slice(1).map((s) => s.name)
  return { info, rows: Number(metadata.num_rows), columnNames }
}

/** Reads a whole sweep file; throws {@link SweepFileError} for a file that is not one. */
export async function decodeSweepParquet(bytes: ArrayBuffer): Promise<DecodedSweepFile> {
  const { info, rows, columnNames } = readSweepInfo(bytes)
  const columns: Array<Array<KnobValue | null>> = columnNames.map(() => new Array<KnobValue | null>(rows).fill(null))
  const index = new Map(columnNames.map((n, i) => [n, i]))
  try {
    await parquetRead({
      file: bytes,
      onChunk: (chunk) => {
        const target = columns[index.get(chunk.columnName)!]!
        const data = chunk.columnData as ArrayLike<unknown>
        for (let r = chunk.rowStart; r < chunk.rowEnd; r++) {
          const v = data[r - chunk.rowStart]
          target[r] = typeof v === 'number' || typeof v === 'string' ? v : typeof v === 'bigint' ? Number(v) : null
        }
      },
    })
  } catch (error) {
    throw new SweepFileError(`could not be read to the end (${error instanceof Error ? error.message : String(error)}); the file may be cut short`)
  }
  return { info, columnNames, columns, rows }
}
