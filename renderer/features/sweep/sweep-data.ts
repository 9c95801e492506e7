/**
 * A merged sweep (issue 17) read back into the app: the Parquet table `nanoforge merge`
 * writes (provenance and the whole spec in its metadata) or its CSV form (the spec hash and
 * engine version in two constant columns, no spec), turned into one numeric column per knob
 * and metric that the filters, charts and tables read.
 *
 * Why typed arrays: a sweep has 10⁵–10⁶ rows; one Float64Array per axis (NaN where a sample
 * has no value, a category's index for a choice knob) keeps filtering a tight loop and the
 * memory at 8 bytes a cell. Names and units come from the design field definitions
 * (shared/design/fields.ts) and the metric registry, never from the column names.
 *
 * Every refusal is a {@link SweepOpenError} whose message names the file and what is wrong.
 */
import { decodeSweepParquet, sweepColumnNames, SweepFileError, type SweepFileInfo } from '../../../shared/sweep/parquet'
import { canonicalSpecJson, parseSweepSpec, type ResolvedSweep } from '../../../shared/sweep/spec'
import { defaultScale, LOG_SCALE_MIN_RATIO, type Knob, type KnobScale } from '../../../shared/analysis/knobs'
import { fieldDef, optionLabel, pathLabel } from '../../../shared/design/fields'
import { isMetricId, METRIC_BY_ID, type MetricDirection } from '../../../shared/metrics/registry'
import { COVARIATE_COLUMNS, isResponseMetric, type SweepMetricId } from '../../../shared/sweep/cohort'
import { RESPONSE_METRIC_LABELS } from '../../../shared/patient/cohort'
import { PATIENT_FIELDS, PATIENT_SEXES, type PatientNumberKey } from '../../../shared/patient/schema'
import { activityScaleOf } from '../../../shared/patient/activity'
import type { Cohort } from '../../../shared/patient/cohort'

/** Why a file cannot be shown as a sweep; the message starts with the file's name. */
export class SweepOpenError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SweepOpenError'
  }
}

/** One knob or metric of the table, ready to filter and draw. */
export interface SweepAxis {
  /** The column's name in the file: the knob's path, the covariate's `patient.…` or the metric's id (never shown). */
  readonly key: string
  /** A knob of the design, a virtual patient's covariate (virtual-cohort sweeps), or a metric. */
  readonly role: 'knob' | 'patient' | 'metric'
  /** The name people read ("Core diameter", "Selectivity index"). */
  readonly label: string
  /** The one spelling of the unit ('' for none). */
  readonly unit: string
  /** A choice knob: `values` hold an index into `categories`. */
  readonly categorical: boolean
  /** Option ids of a choice knob, in the spec's order; [] otherwise. */
  readonly categories: ReadonlyArray<string>
  /** Display names of `categories`. */
  readonly categoryLabels: ReadonlyArray<string>
  /** Whole-number knob (ligands per particle). */
  readonly integer: boolean
  /** How the axis is drawn: a knob as it was sampled, a metric (or a knob of a CSV without its spec) on a log axis when it spans {@link METRIC_LOG_RATIO}× or more. */
  readonly scale: KnobScale
  /** Ends of the axis: a knob's sampled range, a metric's smallest and largest finite value. */
  readonly domain: readonly [number, number]
  /** Which way a metric is better (undefined for a knob). */
  readonly direction?: MetricDirection
  /** One value per row; NaN where the sample has none (a failed sample's metrics). */
  readonly values: Float64Array
}

/** A sweep as the viewer holds it. */
export interface SweepData {
  readonly fileName: string
  readonly format: 'parquet' | 'csv'
  readonly rows: number
  /** The sample index of each row. */
  readonly sample: Float64Array
  /** Knobs (in `vary` order), then a virtual cohort's covariates, then metrics. */
  readonly axes: ReadonlyArray<SweepAxis>
  /** Why a sample has no metrics; null when it has. */
  readonly error: ReadonlyArray<string | null>
  /** Rows with a reason in `error`. */
  readonly failed: number
  readonly specHash: string
  readonly engineVersion: string
  /** The shard a file holds, or null for a merged sweep. */
  readonly shard: SweepFileInfo['shard']
  /** The checked spec (base design, knobs, method), or null: a CSV does not carry it until the user gives the spec file. */
  readonly sweep: ResolvedSweep | null
}

/**
 * A metric is drawn on a log axis when its finite values are all positive and span a decade
 * or more: the rule by which a knob's range is sampled log-uniformly (shared/analysis/knobs.ts,
 * defaultScale), so a selectivity index from 0.1 to 6 is read per factor rather than with all
 * but the top values squeezed against the bottom of the axis.
 */
export const METRIC_LOG_RATIO = LOG_SCALE_MIN_RATIO

/** Parquet's magic number, at the start and end of every Parquet file. */
const PARQUET_MAGIC = 'PAR1'

/** The last three columns of a merged sweep CSV (shared/sweep/parquet.ts's table plus the provenance `nanoforge merge` adds). */
const CSV_TAIL = ['error', 'specHash', 'engineVersion'] as const

/** SHA-256 of a text, hex (WebCrypto: the renderer and the tests' Node both have it). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

function isParquet(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false
  const text = (from: number): string => String.fromCharCode(...bytes.subarray(from, from + 4))
  return text(0) === PARQUET_MAGIC && text(bytes.length - 4) === PARQUET_MAGIC
}

/** Reads a sweep file of either form; throws {@link SweepOpenError} with the reason. */
export async function readSweepFile(fileName: string, bytes: ArrayBuffer): Promise<SweepData> {
  const view = new Uint8Array(bytes)
  if (view.length === 0) throw new SweepOpenError(`${fileName} is empty.`)
  if (isParquet(view)) return readParquet(fileName, bytes)
  if (String.fromCharCode(...view.subarray(0, 4)) === PARQUET_MAGIC) {
    throw new SweepOpenError(`${fileName} starts as a Parquet file but does not end as one: it is cut short or damaged. Copy it again, or merge the shards again (nanoforge merge).`)
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(view)
  } catch {
    throw new SweepOpenError(`${fileName} is neither a Parquet file nor text: open the sweep.parquet or the .csv that nanoforge merge wrote.`)
  }
  return readCsv(fileName, text)
}

async function readParquet(fileName: string, bytes: ArrayBuffer): Promise<SweepData> {
  let decoded
  try {
    decoded = await decodeSweepParquet(bytes)
  } catch (error) {
    if (error instanceof SweepFileError) throw new SweepOpenError(`${fileName} ${error.message}.`)
    throw error
  }
  const { info } = decoded
  if (await sha256Hex(info.spec) !== info.specHash) {
    throw new SweepOpenError(`${fileName}: its spec does not match its spec hash, so the file was altered after it was written; it cannot be trusted to say what was swept.`)
  }
  let json: unknown
  try {
    json = JSON.parse(info.spec)
  } catch {
    throw new SweepOpenError(`${fileName}: the spec in its metadata is not JSON.`)
  }
  const parsed = parseSweepSpec(json)
  if (!parsed.ok) {
    throw new SweepOpenError(`${fileName}: its spec is not a sweep spec this NanoForge reads (${parsed.errors.slice(0, 3).map((e) => `${e.path || 'spec'}: ${e.message}`).join('; ')}).`)
  }
  const sweep = parsed.sweep
  const covariates = sweep.cohort ? COVARIATE_COLUMNS : []
  const expected = sweepColumnNames(sweep.knobs, sweep.spec.metrics, covariates.length > 0)
  if (decoded.columnNames.join('\n') !== expected.join('\n')) {
    throw new SweepOpenError(`${fileName}: its columns are not the ones its spec names (${expected.length} expected, ${decoded.columnNames.length} found); the file was not written by nanoforge sweep or merge.`)
  }
  if (decoded.rows !== info.end - info.start) {
    throw new SweepOpenError(`${fileName} says it holds samples ${info.start}–${info.end - 1} but has ${decoded.rows} rows.`)
  }
  const rows = decoded.rows
  const sample = new Float64Array(rows)
  const sampleColumn = decoded.columns[0]!
  for (let r = 0; r < rows; r++) sample[r] = Number(sampleColumn[r])
  const errorColumn = decoded.columns[decoded.columns.length - 1]!
  const error = errorColumn.map((e) => (typeof e === 'string' ? e : null))
  const knobAxes = sweep.knobs.map((k, d) => knobAxis(fileName, k, decoded.columns[1 + d]!))
  const patientAxes = covariates.map((key, c) => patientAxis(fileName, key, decoded.columns[1 + sweep.knobs.length + c]!, sweep.cohort))
  const metricAxes = sweep.spec.metrics.map((m, j) => metricAxis(m, decoded.columns[1 + sweep.knobs.length + covariates.length + j]!))
  return {
    fileName, format: 'parquet', rows, sample, axes: [...knobAxes, ...patientAxes, ...metricAxes], error,
    failed: error.filter((e) => e !== null).length, specHash: info.specHash, engineVersion: info.engineVersion,
    shard: info.shard, sweep,
  }
}

/** A knob's column from the spec's knob: its sampled range and scale, choices as indices. */
function knobAxis(fileName: string, knob: Knob, column: ReadonlyArray<unknown>): SweepAxis {
  const def = fieldDef(knob.path)
  const label = pathLabel(knob.path)
  const values = new Float64Array(column.length)
  if (knob.kind === 'categorical') {
    const index = new Map(knob.options.map((o, i) => [o, i]))
    for (let r = 0; r < column.length; r++) {
      const i = index.get(String(column[r]))
      if (i === undefined) throw new SweepOpenError(`${fileName}: row ${r + 1} gives ${label} the value "${String(column[r])}", which is not one of the sweep's options.`)
      values[r] = i
    }
    return {
      key: knob.path, role: 'knob', label, unit: '', categorical: true, categories: knob.options,
      categoryLabels: knob.options.map((o) => optionLabel(knob.path, o)), integer: false, scale: 'linear',
      domain: [0, knob.options.length - 1], values,
    }
  }
  for (let r = 0; r < column.length; r++) {
    const v = column[r]
    values[r] = typeof v === 'number' ? v : Number.NaN
  }
  return {
    key: knob.path, role: 'knob', label, unit: def?.unit ?? knob.unit, categorical: false, categories: [], categoryLabels: [],
    integer: knob.kind === 'integer', scale: knob.scale, domain: [knob.min, knob.max], values,
  }
}

/** The smallest and largest finite value, or null when there is none. */
export function finiteRange(values: Float64Array): readonly [number, number] | null {
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  return lo <= hi ? [lo, hi] : null
}

/**
 * A virtual patient's covariate column: sex as a choice (female, male), the numbers with the
 * patient file's labels and units (PATIENT_FIELDS), the activity on the cohort's scale (its
 * name when the spec is known, else "Disease activity"). The axis spans the data.
 */
function patientAxis(fileName: string, key: string, column: ArrayLike<unknown>, cohort: Cohort | undefined): SweepAxis {
  if (key === 'patient.sex') {
    const categories = PATIENT_SEXES.map((s) => s.id)
    const values = new Float64Array(column.length)
    for (let r = 0; r < column.length; r++) {
      const i = (categories as ReadonlyArray<unknown>).indexOf(column[r])
      if (i < 0) throw new SweepOpenError(`${fileName}: row ${r + 1} gives the patient's sex as "${String(column[r])}", not female or male.`)
      values[r] = i
    }
    return {
      key, role: 'patient', label: 'Sex', unit: '', categorical: true, categories, categoryLabels: PATIENT_SEXES.map((s) => s.label),
      integer: false, scale: 'linear', domain: [0, categories.length - 1], values,
    }
  }
  const values = new Float64Array(column.length)
  for (let r = 0; r < column.length; r++) {
    const v = column[r]
    values[r] = typeof v === 'number' ? v : Number(v)
    if (!Number.isFinite(values[r]!)) throw new SweepOpenError(`${fileName}: row ${r + 1} has no number for the patient's ${key.slice('patient.'.length)}.`)
  }
  const range = finiteRange(values) ?? [0, 1]
  const field = key.slice('patient.'.length)
  const scale = field === 'activity' && cohort ? activityScaleOf(cohort.disease, cohort.activityScale) : undefined
  const words = field === 'activity'
    ? { label: scale ? `Disease activity (${scale.label})` : 'Disease activity', unit: scale && scale.unit !== 'score' ? scale.unit : '' }
    : { label: PATIENT_FIELDS[field as PatientNumberKey]?.label ?? field, unit: PATIENT_FIELDS[field as PatientNumberKey]?.unit ?? '' }
  return { key, role: 'patient', ...words, categorical: false, categories: [], categoryLabels: [], integer: false, scale: 'linear', domain: range, values }
}

/** A metric's column: label, unit and direction from the registry (a patient response metric: its label, no direction); axis from the data. */
function metricAxis(id: SweepMetricId, column: ReadonlyArray<unknown>): SweepAxis {
  const values = new Float64Array(column.length)
  for (let r = 0; r < column.length; r++) {
    const v = column[r]
    values[r] = typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN
  }
  return dataAxis(id, 'metric', values)
}

function dataAxis(key: string, role: 'knob' | 'metric', values: Float64Array): SweepAxis {
  const range = finiteRange(values) ?? [0, 1]
  const metric = role === 'metric' && isMetricId(key) ? METRIC_BY_ID[key] : undefined
  const response = role === 'metric' && isResponseMetric(key) ? RESPONSE_METRIC_LABELS[key] : undefined
  const def = metric || response ? undefined : fieldDef(key)
  return {
    key, role, label: metric ? metric.label : response ?? pathLabel(key), unit: metric ? metric.unit : def?.unit ?? '',
    categorical: false, categories: [], categoryLabels: [], integer: def?.integer === true,
    scale: defaultScale(range[0], range[1]),
    domain: range,
    ...(metric ? { direction: metric.direction } : {}),
    values,
  }
}

/**
 * Splits CSV text into records of fields (RFC 4180: fields quoted with ", "" inside quotes,
 * CRLF or LF line ends). Throws with the line of an unclosed quote.
 *
 * Why two paths: a sweep CSV has 10⁵–10⁶ lines and quotes only in the odd error message, so
 * a line without a quote is split whole (≈ 50× faster than reading it a character at a
 * time); a line with one is read character by character, line breaks inside quotes included.
 */
export function parseCsvRecords(text: string): string[][] {
  const records: string[][] = []
  const n = text.length
  let i = 0
  let line = 1
  let nextQuote = text.indexOf('"')
  while (i < n) {
    let end = text.indexOf('\n', i)
    if (end < 0) end = n
    if (nextQuote >= 0 && nextQuote < i) nextQuote = text.indexOf('"', i)
    if (nextQuote < 0 || nextQuote >= end) {
      const record = text.charCodeAt(end - 1) === 13 ? text.slice(i, end - 1) : text.slice(i, end)
      records.push(record.split(','))
      i = end + 1
      line++
      continue
    }
    const read = readQuotedRecord(text, i, line)
    records.push(read.fields)
    i = read.next
    line = read.line
    nextQuote = text.indexOf('"', i)
  }
  return records
}

/** One record that holds a quote, read a character at a time from `from`; returns where the next record starts. */
function readQuotedRecord(text: string, from: number, startLine: number): { fields: string[]; next: number; line: number } {
  const fields: string[] = []
  let field = ''
  let quoted = false
  let line = startLine
  let quoteLine = startLine
  let i = from
  const n = text.length
  while (i < n) {
    const c = text[i]!
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue }
        quoted = false
        i++
        continue
      }
      if (c === '\n') line++
      field += c
      i++
      continue
    }
    if (c === '"' && field === '') { quoted = true; quoteLine = line; i++; continue }
    if (c === ',') { fields.push(field); field = ''; i++; continue }
    if (c === '\r' && text[i + 1] === '\n') { i++; continue }
    if (c === '\n') { fields.push(field); return { fields, next: i + 1, line: line + 1 } }
    field += c
    i++
  }
  if (quoted) throw new Error(`a quoted field opened on line ${quoteLine} is never closed`)
  fields.push(field)
  return { fields, next: n, line }
}

/**
 * The CSV form of a merged sweep: `sample`, the knobs by path, the metrics by id, `error`,
 * then `specHash` and `engineVersion` (the same on every row). Without the spec, a choice
 * knob's options are the values that occur (in the field's option order) and a numeric
 * knob's axis spans its data.
 */
async function readCsv(fileName: string, text: string): Promise<SweepData> {
  let records: string[][]
  try {
    records = parseCsvRecords(text)
  } catch (error) {
    throw new SweepOpenError(`${fileName} is not a readable CSV: ${error instanceof Error ? error.message : String(error)}.`)
  }
  const header = records[0] ?? []
  const shape = 'a merged sweep CSV starts with the columns sample, then the knobs, the metrics, error, specHash and engineVersion (nanoforge merge DIR --out FILE.csv)'
  if (header[0] !== 'sample' || header.length < 5 || CSV_TAIL.some((name, i) => header[header.length - CSV_TAIL.length + i] !== name)) {
    const first = (text.split(/\r?\n/, 1)[0] ?? '').slice(0, 80)
    throw new SweepOpenError(`${fileName} is not a sweep table: ${shape}; its first line is "${first}".`)
  }
  const middle = header.slice(1, header.length - CSV_TAIL.length)
  const isMetricColumn = (name: string): boolean => isMetricId(name) || isResponseMetric(name)
  const metricsFrom = middle.findIndex(isMetricColumn)
  // a virtual cohort's covariate columns sit between the knobs and the metrics, all or none
  const patientFrom = middle.indexOf(COVARIATE_COLUMNS[0]!)
  const hasPatients = patientFrom >= 0 && COVARIATE_COLUMNS.every((c, i) => middle[patientFrom + i] === c) && patientFrom + COVARIATE_COLUMNS.length === metricsFrom
  const knobsEnd = hasPatients ? patientFrom : metricsFrom
  if (metricsFrom < 0 || (knobsEnd < 1 && !hasPatients)) {
    throw new SweepOpenError(`${fileName}: ${metricsFrom === 0 ? 'no knob column before the metrics' : 'no metric column (metrics are named by their ids, such as selectivityIndex)'}; ${shape}.`)
  }
  const knobKeys = middle.slice(0, knobsEnd)
  const patientKeys = hasPatients ? COVARIATE_COLUMNS : []
  const metricKeys = middle.slice(metricsFrom)
  for (const key of knobKeys) {
    if (fieldDef(key) === undefined) {
      throw new SweepOpenError(`${fileName}: the column "${key}" is neither a design field nor a metric${key.startsWith('patient.') ? ` (a virtual cohort's columns are ${COVARIATE_COLUMNS.join(', ')}, all of them, just before the metrics)` : ''}.`)
    }
  }
  for (const key of metricKeys) {
    if (!isMetricColumn(key)) throw new SweepOpenError(`${fileName}: the column "${key}" comes after the metrics but is not a metric${fieldDef(key) ? ' (knob columns come before the metrics)' : ''}.`)
  }
  const body = records.slice(1).filter((r) => !(r.length === 1 && r[0] === ''))
  if (body.length === 0) throw new SweepOpenError(`${fileName} has the columns of a sweep but no rows.`)
  const rows = body.length
  const width = header.length
  const sample = new Float64Array(rows)
  const columns = middle.map(() => new Array<string>(rows))
  const error: Array<string | null> = new Array<string | null>(rows)
  let specHash = ''
  let engineVersion = ''
  for (let r = 0; r < rows; r++) {
    const rec = body[r]!
    const line = r + 2
    if (rec.length !== width) throw new SweepOpenError(`${fileName}, line ${line}: ${rec.length} fields where the header has ${width}.`)
    const s = rec[0]!
    if (!/^\d+$/.test(s)) throw new SweepOpenError(`${fileName}, line ${line}: the sample "${s}" is not a whole number.`)
    sample[r] = Number(s)
    for (let c = 0; c < middle.length; c++) columns[c]![r] = rec[1 + c]!
    const e = rec[width - 3]!
    error[r] = e === '' ? null : e
    const hash = rec[width - 2]!
    const engine = rec[width - 1]!
    if (r === 0) {
      if (!/^[0-9a-f]{64}$/.test(hash)) throw new SweepOpenError(`${fileName}, line ${line}: specHash "${hash.slice(0, 70)}" is not a SHA-256 in hex.`)
      specHash = hash
      engineVersion = engine
    } else if (hash !== specHash || engine !== engineVersion) {
      throw new SweepOpenError(`${fileName}, line ${line}: a ${hash !== specHash ? 'spec hash' : 'engine version'} unlike the first row's; the file mixes rows of different sweeps.`)
    }
  }
  const axes: SweepAxis[] = []
  knobKeys.forEach((key, c) => {
    const def = fieldDef(key)!
    const cells = columns[c]!
    if (def.kind === 'choice') {
      const seen = new Set(cells)
      const known = def.options?.map((o) => o.value) ?? []
      const categories = [...known.filter((o) => seen.has(o)), ...[...seen].filter((o) => !known.includes(o)).sort()]
      const index = new Map(categories.map((o, i) => [o, i]))
      const values = new Float64Array(rows)
      for (let r = 0; r < rows; r++) values[r] = index.get(cells[r]!)!
      axes.push({
        key, role: 'knob', label: pathLabel(key), unit: '', categorical: true, categories,
        categoryLabels: categories.map((o) => optionLabel(key, o)), integer: false, scale: 'linear',
        domain: [0, Math.max(0, categories.length - 1)], values,
      })
      return
    }
    axes.push(dataAxis(key, 'knob', numberColumn(fileName, cells, pathLabel(key), false)))
  })
  patientKeys.forEach((key, c) => {
    const cells = columns[knobKeys.length + c]!
    axes.push(patientAxis(fileName, key, key === 'patient.sex' ? cells : numberColumn(fileName, cells, `the patient's ${key.slice('patient.'.length)}`, false), undefined))
  })
  metricKeys.forEach((key, j) => {
    const label = isMetricId(key) ? METRIC_BY_ID[key].label : RESPONSE_METRIC_LABELS[key as keyof typeof RESPONSE_METRIC_LABELS]
    const values = numberColumn(fileName, columns[knobKeys.length + patientKeys.length + j]!, label, true)
    axes.push(dataAxis(key, 'metric', values))
  })
  return {
    fileName, format: 'csv', rows, sample, axes, error, failed: error.filter((e) => e !== null).length,
    specHash, engineVersion, shard: null, sweep: null,
  }
}

function numberColumn(fileName: string, cells: ReadonlyArray<string>, label: string, nullable: boolean): Float64Array {
  const values = new Float64Array(cells.length)
  for (let r = 0; r < cells.length; r++) {
    const t = cells[r]!
    if (t === '') {
      if (!nullable) throw new SweepOpenError(`${fileName}, line ${r + 2}: ${label} is empty; every sample has a value of every knob.`)
      values[r] = Number.NaN
      continue
    }
    const v = Number(t)
    if (!Number.isFinite(v)) throw new SweepOpenError(`${fileName}, line ${r + 2}: ${label} is "${t.slice(0, 40)}", not a number.`)
    values[r] = v
  }
  return values
}

/**
 * Gives a CSV sweep its spec: the JSON the sweep was run with (the file given to
 * `nanoforge sweep`, or spec.json in a `--slurm` folder). Accepted only when its canonical
 * form hashes to the file's spec hash, so the base design is the one the rows came from;
 * the knobs' axes then take the spec's ranges and scales.
 */
export async function attachSpec(data: SweepData, specFileName: string, specText: string): Promise<SweepData> {
  let json: unknown
  try {
    json = JSON.parse(specText)
  } catch (error) {
    throw new SweepOpenError(`${specFileName} is not JSON (${error instanceof Error ? error.message : String(error)}).`)
  }
  const parsed = parseSweepSpec(json)
  if (!parsed.ok) {
    throw new SweepOpenError(`${specFileName} is not a sweep spec: ${parsed.errors.slice(0, 4).map((e) => `${e.path || 'spec'}: ${e.message}`).join('; ')}.`)
  }
  const hash = await sha256Hex(canonicalSpecJson(parsed.sweep.spec))
  if (hash !== data.specHash) {
    throw new SweepOpenError(`${specFileName} is not the spec of this sweep: its hash begins ${hash.slice(0, 12)}…, the sweep's ${data.specHash.slice(0, 12)}…. Give the spec the sweep was run with.`)
  }
  const sweep = parsed.sweep
  const columns = sweepColumnNames(sweep.knobs, sweep.spec.metrics, sweep.cohort !== undefined).slice(1, -1)
  if (columns.join('\n') !== data.axes.map((a) => a.key).join('\n')) {
    throw new SweepOpenError(`${data.fileName}: its columns are not the knobs and metrics its spec names; the table was edited after nanoforge merge wrote it.`)
  }
  const axes = data.axes.map((a, d): SweepAxis => {
    // the activity's scale is named by the cohort the spec carries
    if (a.key === 'patient.activity' && sweep.cohort) return patientAxis(data.fileName, a.key, a.values, sweep.cohort)
    const knob = sweep.knobs[d]
    if (a.role !== 'knob' || !knob) return a
    if (knob.kind === 'categorical') {
      // re-index the choices in the spec's order
      const values = new Float64Array(a.values.length)
      for (let r = 0; r < values.length; r++) {
        const id = a.categories[a.values[r]!]!
        const i = knob.options.indexOf(id)
        if (i < 0) throw new SweepOpenError(`${data.fileName}, line ${r + 2}: ${a.label} is "${id}", which is not one of the spec's options.`)
        values[r] = i
      }
      return { ...a, categories: knob.options, categoryLabels: knob.options.map((o) => optionLabel(knob.path, o)), domain: [0, knob.options.length - 1], values }
    }
    return { ...a, scale: knob.scale, domain: [knob.min, knob.max], integer: knob.kind === 'integer' }
  })
  return { ...data, axes, sweep }
}
