/**
 * Reader for measured release CSV files (cli.md `fit`: header row, first column time, each
 * further column one replicate of % released), tolerant of real lab exports.
 */

/** A problem found in the file, with its 1-based line number (0 when not tied to a line). */
export interface CsvIssue {
  readonly line: number
  readonly message: string
}

/** Parsed release data. */
export interface ParsedReleaseCsv {
  readonly ok: true
  readonly timesH: number[]
  /** replicates[j][i] = % released of replicate column j at timesH[i]; NaN = blank cell. */
  readonly replicates: number[][]
  readonly replicateNames: string[]
  /** Unit found in the time header and the factor applied to reach hours. */
  readonly timeUnit: string
  readonly warnings: string[]
}

/** Failure: every problem found, each with its line number. */
export interface ReleaseCsvErrors {
  readonly ok: false
  readonly errors: CsvIssue[]
}

const UNIT_FACTORS: ReadonlyArray<{ readonly re: RegExp; readonly unit: string; readonly toHours: number }> = [
  { re: /^(s|sec|secs|second|seconds)$/, unit: 's', toHours: 1 / 3600 },
  { re: /^(min|mins|minute|minutes|m)$/, unit: 'min', toHours: 1 / 60 },
  { re: /^(h|hr|hrs|hour|hours|std)$/, unit: 'h', toHours: 1 },
  { re: /^(d|day|days)$/, unit: 'd', toHours: 24 },
  { re: /^(w|wk|wks|week|weeks)$/, unit: 'week', toHours: 168 },
]

/** Unit of a time header such as `time (min)`, `t_h`, `Time [d]`, `hours`, `time/h`, `Time, h`. */
export function timeUnitFromHeader(header: string): { unit: string; toHours: number } | { error: string } | null {
  const h = header.trim().toLowerCase()
  const candidates: string[] = []
  const bracket = /[([{]\s*([a-z]+)\s*[)\]}]/.exec(h)
  if (bracket?.[1]) candidates.push(bracket[1])
  const sep = /^(?:time|t|zeit|temps|tiempo)\s*[_/,:\s-]\s*([a-z]+)\s*$/.exec(h)
  if (sep?.[1]) candidates.push(sep[1])
  candidates.push(h)
  for (const c of candidates) {
    for (const u of UNIT_FACTORS) if (u.re.test(c)) return { unit: u.unit, toHours: u.toHours }
  }
  if (bracket?.[1] || sep?.[1]) return { error: `unknown time unit '${bracket?.[1] ?? sep?.[1]}' in header '${header.trim()}' (use s, min, h, d or week)` }
  return null
}

/**
 * Splits one CSV line on `sep`, honouring double quotes ("a;b" stays one cell, "" is a quote).
 * Shared by every lab-file reader (release curves, in-vivo biodistribution).
 */
export function splitLine(line: string, sep: string): string[] {
  const cells: string[] = []
  let cur = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') { cur += '"'; i++ } else quoted = false
      } else cur += ch
    } else if (ch === '"') quoted = true
    else if (ch === sep) { cells.push(cur); cur = '' }
    else cur += ch
  }
  cells.push(cur)
  return cells.map((c) => c.trim())
}

/**
 * Parses a number cell: decimal comma allowed when `decimalComma` (dots are then thousands
 * separators), a trailing % accepted; blank, `NA`, `n/a`, `NaN`, `nd`, `-` mean not measured.
 */
export function parseCell(cell: string, decimalComma: boolean): number | 'blank' | 'bad' {
  let s = cell.trim()
  if (s === '' || /^(na|n\/a|nan|nd|-|—)$/i.test(s)) return 'blank'
  s = s.replace(/\s*%$/, '')
  if (decimalComma) {
    if (/^[+-]?\d{1,3}(\.\d{3})+(,\d*)?$/.test(s)) s = s.replace(/\./g, '') // 1.234,5: dots are thousands separators
    s = s.replace(',', '.')
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return 'bad'
  const v = Number(s)
  return Number.isFinite(v) ? v : 'bad'
}

/**
 * Parses release data from CSV text. Accepts comma, semicolon or tab separators (semicolon and
 * tab files may use a decimal comma, detected from the data; dots are then thousands separators), a BOM, CRLF, quoted cells, blank cells (missing replicate
 * values), `%` after numbers, blank lines and `#` comment lines. The first header cell may name
 * the time unit (`time (min)`, `t_h`, `Time [d]`, `hours`...), converted to hours; without a
 * unit hours are assumed with a warning. Rows are sorted by time if needed (warning). Returns
 * every problem with its line number when the file cannot be read.
 */
export function parseReleaseCsv(text: string): ParsedReleaseCsv | ReleaseCsvErrors {
  const errors: CsvIssue[] = []
  const warnings: string[] = []
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  const rows: Array<{ line: number; text: string }> = []
  lines.forEach((l, i) => {
    if (l.trim() !== '' && !l.trim().startsWith('#')) rows.push({ line: i + 1, text: l })
  })
  const header = rows[0]
  if (!header) return { ok: false, errors: [{ line: 0, message: 'the file is empty: expected a header row and data rows' }] }
  const sep = header.text.includes(';') ? ';' : header.text.includes('\t') ? '\t' : ','
  // Decimal comma only with a non-comma separator, and only if some data cell uses one; then
  // dots in 1.234,5-style (or 1.440) numbers are thousands separators.
  const decimalComma = sep !== ',' && rows.slice(1).some((r) => /\d,\d/.test(r.text))
  const headerCells = splitLine(header.text, sep)
  if (parseCell(headerCells[0] ?? '', decimalComma) !== 'bad' && parseCell(headerCells[0] ?? '', decimalComma) !== 'blank') {
    errors.push({ line: header.line, message: 'a header row is required (e.g. "time (h),rep1,rep2,rep3"); the first line holds numbers' })
    return { ok: false, errors }
  }
  if (headerCells.length < 2) {
    errors.push({ line: header.line, message: `expected a time column and at least one replicate column separated by '${sep === '\t' ? 'tab' : sep}', found one column` })
    return { ok: false, errors }
  }
  const unit = timeUnitFromHeader(headerCells[0] ?? '')
  let toHours = 1
  let timeUnit = 'h'
  if (unit === null) {
    warnings.push(`no time unit in header '${headerCells[0]}': times read as hours`)
  } else if ('error' in unit) {
    errors.push({ line: header.line, message: unit.error })
  } else {
    toHours = unit.toHours
    timeUnit = unit.unit
  }
  const nRep = headerCells.length - 1
  const replicateNames = headerCells.slice(1).map((c, j) => c || `replicate ${j + 1}`)
  const timesH: number[] = []
  const lineOf: number[] = []
  const reps: number[][] = Array.from({ length: nRep }, () => [])
  let blanks = 0
  let percentSigns = false
  for (const row of rows.slice(1)) {
    const cells = splitLine(row.text, sep)
    // trailing empty cells (Excel exports) are not extra columns
    while (cells.length > nRep + 1 && cells[cells.length - 1] === '') cells.pop()
    if (cells.length > nRep + 1) {
      errors.push({ line: row.line, message: `${cells.length} cells but the header has ${nRep + 1} columns${sep === ',' && /\d,\d/.test(row.text) ? ' (a decimal comma needs ";" as the separator)' : ''}` })
      continue
    }
    const t = parseCell(cells[0] ?? '', decimalComma)
    if (t === 'blank') { errors.push({ line: row.line, message: 'time is missing' }); continue }
    if (t === 'bad') { errors.push({ line: row.line, message: `time '${cells[0]}' is not a number` }); continue }
    if (t < 0) { errors.push({ line: row.line, message: `time ${t} is negative` }); continue }
    let rowOk = true
    const values: number[] = []
    for (let j = 0; j < nRep; j++) {
      const raw = cells[j + 1] ?? ''
      if (/%\s*$/.test(raw)) percentSigns = true
      const v = parseCell(raw, decimalComma)
      if (v === 'bad') {
        errors.push({ line: row.line, message: `column ${j + 2} ('${replicateNames[j]}'): '${raw}' is not a number` })
        rowOk = false
      } else if (v === 'blank') {
        values.push(NaN)
        blanks++
      } else values.push(v)
    }
    if (!rowOk) continue
    timesH.push(t * toHours)
    lineOf.push(row.line)
    values.forEach((v, j) => (reps[j] as number[]).push(v))
  }
  if (errors.length === 0 && timesH.length === 0) errors.push({ line: header.line, message: 'no data rows after the header' })
  // duplicate times
  const order = timesH.map((_, i) => i).sort((a, b) => (timesH[a] as number) - (timesH[b] as number))
  for (let k = 1; k < order.length; k++) {
    const a = order[k - 1] as number
    const b = order[k] as number
    if (timesH[a] === timesH[b]) errors.push({ line: lineOf[b] as number, message: `time ${timesH[b]} h repeats line ${lineOf[a]}` })
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) }
  if (order.some((v, i) => v !== i)) warnings.push('rows were not in time order; sorted by time')
  const sortedTimes = order.map((i) => timesH[i] as number)
  let replicates = reps.map((col) => order.map((i) => col[i] as number))
  // drop replicate columns with no value at all
  const empty = replicates.map((col) => col.every((v) => Number.isNaN(v)))
  if (empty.some(Boolean)) {
    warnings.push(`column(s) ${empty.map((e, j) => (e ? `'${replicateNames[j]}'` : '')).filter(Boolean).join(', ')} hold no values and were ignored`)
    replicates = replicates.filter((_, j) => !empty[j])
  }
  const names = replicateNames.filter((_, j) => !empty[j])
  if (replicates.length === 0) return { ok: false, errors: [{ line: header.line, message: 'no replicate column holds any value' }] }
  if (blanks > 0) warnings.push(`${blanks} blank cell(s) treated as missing replicate values`)
  if (percentSigns) warnings.push("'%' signs after values were ignored (values are read as % released)")
  let maxV = -Infinity
  let minV = Infinity
  for (const col of replicates) for (const v of col) if (Number.isFinite(v)) { maxV = Math.max(maxV, v); minV = Math.min(minV, v) }
  if (maxV <= 1.5 && maxV > 0) warnings.push(`all values are <= ${maxV}: they look like fractions, but are read as % released`)
  if (maxV > 120 || minV < -5) warnings.push(`values range from ${minV} to ${maxV} %: check the file holds % released`)
  if (toHours !== 1) warnings.push(`times converted from ${timeUnit} to hours`)
  return { ok: true, timesH: sortedTimes, replicates, replicateNames: names, timeUnit, warnings }
}
