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
  /** CRC-32 of every byte before the footer (the column data), hex; absent in files written before it. */
  dataCrc32: 'nanoforge.sweep.dataCrc32',
  /** CRC-32 of the footer's layout (schema, row groups, column chunks, row count), hex. */
  layoutCrc32: 'nanoforge.sweep.layoutCrc32',
} as const

/**
 * CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum zip and PNG use to detect
 * damaged bytes. Hand-written: twelve lines of a standard algorithm, not worth a dependency; it
 * is checked against the standard check value crc32("123456789") = 0xCBF43926.
 */
const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** Where a Parquet file's footer starts: its length is the 4 bytes before the closing magic. */
function footerStart(bytes: Uint8Array): number {
  if (bytes.length < 12) return -1
  const len = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(bytes.length - 8, true)
  return bytes.length - 8 - len
}

const hex8 = (n: number): string => n.toString(16).padStart(8, '0')

/**
 * CRC-32 of the parts of a Parquet footer the decoder trusts to find and read the data: the
 * schema, the row groups with their column chunks (offsets, sizes, encodings, codecs) and the
 * row count — everything but the key-value metadata that carries this checksum.
 */
function layoutCrc(metadata: ReturnType<typeof parquetMetadata>): number {
  const text = JSON.stringify({ schema: metadata.schema, rowGroups: metadata.row_groups, rows: metadata.num_rows },
    (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
  // the UTF-16 code units as bytes (this runs where TextEncoder is not typed: the shared layer)
  const units = new Uint8Array(text.length * 2)
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i)
    units[2 * i] = u & 0xff
    units[2 * i + 1] = u >>> 8
  }
  return crc32(units)
}

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
  const createdBy = `nanoforge engine ${info.engineVersion}`
  // the checksum goes in the footer, which follows the data: write once to learn the data's
  // bytes, then again with their CRC-32 (the writer is deterministic, so the data are the same)
  const first = new Uint8Array(parquetWriteBuffer({ columnData, kvMetadata, createdBy }))
  const dataCrc = crc32(first.subarray(0, footerStart(first)))
  const layout = layoutCrc(parquetMetadata(first.buffer.slice(first.byteOffset, first.byteOffset + first.byteLength)))
  const out = parquetWriteBuffer({
    columnData, createdBy,
    kvMetadata: [...kvMetadata, { key: META.dataCrc32, value: hex8(dataCrc) }, { key: META.layoutCrc32, value: hex8(layout) }],
  })
  const bytes = new Uint8Array(out)
  if (crc32(bytes.subarray(0, footerStart(bytes))) !== dataCrc || layoutCrc(parquetMetadata(out)) !== layout) {
    throw new Error('sweep file: the Parquet writer wrote different column data or layout twice')
  }
  return out
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
  // a damaged footer can decode into entries of the wrong shape: keep only well-formed ones
  const entries = Array.isArray(metadata.key_value_metadata) ? metadata.key_value_metadata : []
  const kv = new Map<string, string>()
  for (const e of entries as ReadonlyArray<unknown>) {
    if (typeof e === 'object' && e !== null && typeof (e as { key?: unknown }).key === 'string') {
      const value = (e as { value?: unknown }).value
      kv.set((e as { key: string }).key, typeof value === 'string' ? value : '')
    }
  }
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
  // damaged column data can send the Parquet decoder into a loop it never leaves (found by the
  // shard fuzz), so the data are checked against the checksum written with them before decoding
  const crcText = kv.get(META.dataCrc32)
  if (crcText !== undefined) {
    const all = new Uint8Array(bytes)
    const end = footerStart(all)
    if (!/^[0-9a-f]{8}$/.test(crcText) || end < 4 || hex8(crc32(all.subarray(0, end))) !== crcText) {
      throw new SweepFileError('has column data that do not match the checksum written with them (CRC-32): the file is damaged')
    }
    // a damaged footer can point the decoder at the wrong bytes of intact data
    let layout: number
    try {
      layout = layoutCrc(metadata)
    } catch {
      throw new SweepFileError('has a damaged layout in its metadata')
    }
    if (kv.get(META.layoutCrc32) !== hex8(layout)) throw new SweepFileError('has a layout (schema, row groups) that does not match the checksum written with it (CRC-32): the file is damaged')
  }
  // the root schema element is first; its children are the columns
  const schema = Array.isArray(metadata.schema) ? metadata.schema : []
  const columnNames = schema.slice(1).map((s) => (typeof s === 'object' && s !== null && typeof s.name === 'string' ? s.name : ''))
  if (columnNames.length === 0 || columnNames.some((n) => n === '') || new Set(columnNames).size !== columnNames.length) {
    throw new SweepFileError('has a damaged column list in its metadata')
  }
  const rows = Number(metadata.num_rows)
  if (!Number.isSafeInteger(rows) || rows < 0) throw new SweepFileError(`has a row count that is not a whole number (${String(metadata.num_rows)})`)
  return { info, rows, columnNames }
}

/** Reads a whole sweep file; throws {@link SweepFileError} for a file that is not one. */
export async function decodeSweepParquet(bytes: ArrayBuffer): Promise<DecodedSweepFile> {
  const { info, rows, columnNames } = readSweepInfo(bytes)
  const columns: Array<Array<KnobValue | null>> = columnNames.map(() => new Array<KnobValue | null>(rows).fill(null))
  // onComplete, not onChunk: hyparquet awaits every column before it calls onComplete, so a
  // damaged chunk rejects the one promise awaited here (with onChunk, a callback that throws on
  // a damaged chunk becomes an unhandled rejection)
  let read: unknown[][] = []
  try {
    await parquetRead({ file: bytes, columns: columnNames, rowFormat: 'array', onComplete: (r) => { read = r as unknown[][] } })
  } catch (error) {
    throw new SweepFileError(`could not be read to the end (${error instanceof Error ? error.message : String(error)}); the file may be cut short`)
  }
  if (read.length !== rows) throw new SweepFileError(`holds ${read.length} rows where its metadata says ${rows}; the file may be damaged`)
  read.forEach((row, r) => {
    columnNames.forEach((_, c) => {
      const v = Array.isArray(row) ? row[c] : undefined
      columns[c]![r] = typeof v === 'number' || typeof v === 'string' ? v : typeof v === 'bigint' ? Number(v) : null
    })
  })
  return { info, columnNames, columns, rows }
}
