/**
 * The compare view's metrics table as CSV (issue 5: "a metrics table that exports to CSV").
 *
 * Why pure and in shared/: the main process answers `library:metricsCsv` with it, and the
 * renderer or the CLI can produce the same file from data it already holds.
 */

/** One row of the metrics table: a design version and its metrics (null = not evaluated). */
export interface MetricsCsvRow {
  readonly designId: string
  readonly version: number
  readonly name: string
  readonly coreMaterial: string
  readonly coreDiameterNm: number
  readonly disease: string
  readonly hydrodynamicDiameterNm: number | null
  readonly selectivityIndex: number | null
  readonly targetTissue: string | null
  readonly bloodHalfLifeH: number | null
  readonly t50PlasmaH: number | null
  readonly engineVersion: string
}

/** Column header (with units, as the app shows them) and how to read the cell. */
const COLUMNS: ReadonlyArray<readonly [string, (r: MetricsCsvRow) => string | number | null]> = [
  ['design_id', (r) => r.designId],
  ['version', (r) => r.version],
  ['name', (r) => r.name],
  ['core_material', (r) => r.coreMaterial],
  ['core_diameter_nm', (r) => r.coreDiameterNm],
  ['disease', (r) => r.disease],
  ['hydrodynamic_diameter_nm', (r) => r.hydrodynamicDiameterNm],
  ['selectivity_index', (r) => r.selectivityIndex],
  ['target_tissue', (r) => r.targetTissue],
  ['blood_half_life_h', (r) => r.bloodHalfLifeH],
  ['t50_plasma_h', (r) => r.t50PlasmaH],
  ['engine_version', (r) => r.engineVersion],
]

/**
 * Quotes a CSV field per RFC 4180 (quotes doubled; fields with comma, quote or line break
 * quoted). Text starting with `=`, `+`, `-` or `@` gets a leading apostrophe so a spreadsheet
 * never runs a design name as a formula (OWASP "CSV injection").
 */
export function csvField(value: string | number | null): string {
  if (value === null) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  let text = value
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The metrics table as CSV text: a header row with units, one row per design version, CRLF line ends. */
export function metricsToCsv(rows: ReadonlyArray<MetricsCsvRow>): string {
  const lines = [COLUMNS.map(([h]) => h).join(',')]
  for (const row of rows) lines.push(COLUMNS.map(([, read]) => csvField(read(row))).join(','))
  return `${lines.join('\r\n')}\r\n`
}
