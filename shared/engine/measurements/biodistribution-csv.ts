/**
 * Reader for measured in-vivo biodistribution CSV files: a header row `time (h)` then one
 * column per tissue key (`liver`, `spleen`, ... from BIODISTRIBUTION_KEYS, any subset) of
 * mean % of injected dose (whole tissue), and optional `<tissue> sd` columns.
 *
 * Why a reader of its own (not the release reader): the columns are named tissues with
 * optional SD partners rather than anonymous replicates, and a misspelt tissue must be
 * reported by name. Pure TypeScript so the app, the CLI and the tests read files alike.
 */
import { parseCell, splitLine, timeUnitFromHeader, type CsvIssue } from '../fit/csv'
import { BIODISTRIBUTION_KEYS, type BiodistributionKey } from '../pbpk/types'

/** Most time rows read (the contract bound MAX_BIODISTRIBUTION_TIME_POINTS). */
const MAX_ROWS = 100
/** Highest % of injected dose accepted (the contract bound MAX_MEASURED_PERCENT_DOSE). */
const MAX_PERCENT = 120

/** One tissue as read: means and, when the file has an SD column, SDs (null = blank). */
export interface ParsedTissue {
  readonly percentInjectedDose: Array<number | null>
  readonly sdPercentInjectedDose?: Array<number | null>
}

/** A readable biodistribution file. */
export interface ParsedBiodistributionCsv {
  readonly ok: true
  readonly timesH: number[]
  readonly tissues: Partial<Record<BiodistributionKey, ParsedTissue>>
  /** Unit found in the time header (converted to hours). */
  readonly timeUnit: string
  readonly warnings: string[]
}

/** An unreadable file: every problem with its 1-based line number. */
export interface BiodistributionCsvErrors {
  readonly ok: false
  readonly errors: CsvIssue[]
}

/** What a column header names: a tissue's mean or its SD, or an error message. */
function readHeader(cell: string): { key: BiodistributionKey; sd: boolean } | { error: string } {
  // "Liver", "liver (%ID)", "liver sd", "liver_SD", "Liver SD (%ID)" → key + sd flag.
  const text = cell.toLowerCase().replace(/[([{][^)\]}]*[)\]}]/g, ' ').replace(/[_-]/g, ' ').replace(/\s+/g, ' ').trim()
  const sd = /\s(sd|s\.d\.|stdev|std)$/.test(text)
  const name = sd ? text.replace(/\s(sd|s\.d\.|stdev|std)$/, '').trim() : text
  if ((BIODISTRIBUTION_KEYS as ReadonlyArray<string>).includes(name)) return { key: name as BiodistributionKey, sd }
  return { error: `column '${cell}' is not a tissue: use ${BIODISTRIBUTION_KEYS.join(', ')} (and '<tissue> sd' for SDs)` }
}

/**
 * Parses biodistribution CSV text. Comma, semicolon or tab separated (decimal comma with ';'
 * or tab), BOM, CRLF, quotes, blank lines and `#` comments accepted; blank, `NA` or `nd`
 * cells are "not measured". The time header may name its unit (min, h, d, week), converted
 * to hours. Refused, with line numbers: unknown or repeated tissue columns, an SD column
 * without its tissue, non-numbers, negative times or values, values above 120 %ID,
 * repeated times, an SD where the mean is blank, more than 100 rows.
 */
export function parseBiodistributionCsv(text: string): ParsedBiodistributionCsv | BiodistributionCsvErrors {
  const errors: CsvIssue[] = []
  const warnings: string[] = []
  const rows: Array<{ line: number; text: string }> = []
  text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).forEach((l, i) => {
    if (l.trim() !== '' && !l.trim().startsWith('#')) rows.push({ line: i + 1, text: l })
  })
  const header = rows[0]
  if (!header) return { ok: false, errors: [{ line: 0, message: 'the file is empty: expected a header row "time (h),liver,spleen,..." and data rows' }] }
  const sep = header.text.includes(';') ? ';' : header.text.includes('\t') ? '\t' : ','
  const decimalComma = sep !== ',' && rows.slice(1).some((r) => /\d,\d/.test(r.text))
  const cells = splitLine(header.text, sep)
  while (cells.length > 1 && cells[cells.length - 1] === '') cells.pop()
  const first = parseCell(cells[0] ?? '', decimalComma)
  if (first !== 'bad' && first !== 'blank') {
    return { ok: false, errors: [{ line: header.line, message: 'a header row is required (e.g. "time (h),liver,liver sd,spleen"); the first line holds numbers' }] }
  }
  if (cells.length < 2) {
    return { ok: false, errors: [{ line: header.line, message: `expected a time column and at least one tissue column separated by '${sep === '\t' ? 'tab' : sep}'` }] }
  }
  const unit = timeUnitFromHeader(cells[0] ?? '')
  let toHours = 1
  let timeUnit = 'h'
  if (unit === null) warnings.push(`no time unit in header '${cells[0]}': times read as hours`)
  else if ('error' in unit) errors.push({ line: header.line, message: unit.error })
  else {
    toHours = unit.toHours
    timeUnit = unit.unit
  }
  const columns: Array<{ key: BiodistributionKey; sd: boolean } | null> = []
  const seen = new Map<string, number>()
  cells.slice(1).forEach((cell, j) => {
    const h = readHeader(cell)
    if ('error' in h) {
      errors.push({ line: header.line, message: h.error })
      columns.push(null)
      return
    }
    const id = `${h.key}${h.sd ? ' sd' : ''}`
    if (seen.has(id)) errors.push({ line: header.line, message: `column ${j + 2} ('${cell}') repeats column ${seen.get(id)}` })
    seen.set(id, j + 2)
    columns.push(h)
  })
  for (const c of columns) {
    if (c?.sd && !columns.some((o) => o !== null && !o.sd && o.key === c.key)) {
      errors.push({ line: header.line, message: `column '${c.key} sd' has no '${c.key}' column of means` })
    }
  }
  if (errors.length > 0) return { ok: false, errors }

  const width = columns.length + 1
  const timesH: number[] = []
  const lineOf: number[] = []
  const values: Array<Array<number | null>> = columns.map(() => [])
  let percentSigns = false
  for (const row of rows.slice(1)) {
    const rowCells = splitLine(row.text, sep)
    while (rowCells.length > width && rowCells[rowCells.length - 1] === '') rowCells.pop()
    if (rowCells.length > width) {
      errors.push({ line: row.line, message: `${rowCells.length} cells but the header has ${width} columns${sep === ',' && /\d,\d/.test(row.text) ? ' (a decimal comma needs ";" as the separator)' : ''}` })
      continue
    }
    const t = parseCell(rowCells[0] ?? '', decimalComma)
    if (t === 'blank') { errors.push({ line: row.line, message: 'time is missing' }); continue }
    if (t === 'bad') { errors.push({ line: row.line, message: `time '${rowCells[0]}' is not a number` }); continue }
    if (t < 0) { errors.push({ line: row.line, message: `time ${t} is negative` }); continue }
    const rowValues: Array<number | null> = []
    let rowOk = true
    columns.forEach((c, j) => {
      const raw = rowCells[j + 1] ?? ''
      if (/%\s*$/.test(raw)) percentSigns = true
      const v = parseCell(raw, decimalComma)
      const name = `column ${j + 2} ('${cells[j + 1]}')`
      if (v === 'bad') { errors.push({ line: row.line, message: `${name}: '${raw}' is not a number` }); rowOk = false }
      else if (v === 'blank') rowValues.push(null)
      else if (v < 0) { errors.push({ line: row.line, message: `${name}: ${v} is negative` }); rowOk = false }
      else if (!c!.sd && v > MAX_PERCENT) { errors.push({ line: row.line, message: `${name}: ${v} % of injected dose is above ${MAX_PERCENT}` }); rowOk = false }
      else if (c!.sd && v > 100) { errors.push({ line: row.line, message: `${name}: an SD of ${v} % of injected dose is above 100` }); rowOk = false }
      else rowValues.push(v)
    })
    if (!rowOk) continue
    columns.forEach((c, j) => {
      if (!c!.sd || rowValues[j] === null) return
      const mean = columns.findIndex((o) => o !== null && !o.sd && o.key === c!.key)
      if (rowValues[mean] === null) { errors.push({ line: row.line, message: `'${c!.key} sd' is given but '${c!.key}' is blank` }); rowOk = false }
    })
    if (!rowOk) continue
    timesH.push(t * toHours)
    lineOf.push(row.line)
    rowValues.forEach((v, j) => values[j]!.push(v))
  }
  if (errors.length === 0 && timesH.length === 0) errors.push({ line: header.line, message: 'no data rows after the header' })
  if (timesH.length > MAX_ROWS) errors.push({ line: lineOf[MAX_ROWS] ?? 0, message: `at most ${MAX_ROWS} time rows (this file has ${timesH.length})` })
  const order = timesH.map((_, i) => i).sort((a, b) => timesH[a]! - timesH[b]!)
  for (let k = 1; k < order.length; k++) {
    const a = order[k - 1]!
    const b = order[k]!
    if (timesH[a] === timesH[b]) errors.push({ line: lineOf[b]!, message: `time ${timesH[b]} h repeats line ${lineOf[a]}` })
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) }
  if (order.some((v, i) => v !== i)) warnings.push('rows were not in time order; sorted by time')

  const tissues: Partial<Record<BiodistributionKey, ParsedTissue>> = {}
  const dropped: string[] = []
  for (const key of BIODISTRIBUTION_KEYS) {
    const meanIndex = columns.findIndex((c) => c !== null && !c.sd && c.key === key)
    if (meanIndex < 0) continue
    const means = order.map((i) => values[meanIndex]![i]!)
    if (means.every((v) => v === null)) {
      dropped.push(key)
      continue
    }
    const sdIndex = columns.findIndex((c) => c !== null && c.sd && c.key === key)
    const sds = sdIndex >= 0 ? order.map((i) => values[sdIndex]![i]!) : undefined
    tissues[key] = sds !== undefined && sds.some((v) => v !== null) ? { percentInjectedDose: means, sdPercentInjectedDose: sds } : { percentInjectedDose: means }
  }
  if (dropped.length > 0) warnings.push(`column(s) ${dropped.map((k) => `'${k}'`).join(', ')} hold no values and were ignored`)
  if (Object.keys(tissues).length === 0) return { ok: false, errors: [{ line: header.line, message: 'no tissue column holds any value' }] }
  let max = 0
  for (const t of Object.values(tissues)) for (const v of t.percentInjectedDose) if (v !== null) max = Math.max(max, v)
  if (max > 0 && max <= 1) warnings.push(`all values are <= ${max}: they look like fractions, but are read as % of injected dose`)
  if (max > 100) warnings.push(`a value of ${max} % of injected dose is above 100: check the file`)
  if (percentSigns) warnings.push("'%' signs after values were ignored (values are read as % of injected dose)")
  if (toHours !== 1) warnings.push(`times converted from ${timeUnit} to hours`)
  return { ok: true, timesH: order.map((i) => timesH[i]!), tissues, timeUnit, warnings }
}
