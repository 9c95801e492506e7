import { METRIC_BY_ID, REPORTED_QUANTITIES, type MetricId } from '../../../shared/metrics/registry'
import { DERIVED_QUANTITIES } from '../../../shared/design/fields'
import type { DesignSimulation } from '../../../shared/engine/simulate'
import { formatQuantity } from '../../../shared/design/format'

/** One summary metric of an estimate, with its unit and how to read it off a simulation. */
export interface MetricDef {
  readonly id: string
  readonly label: string
  readonly unit: string
  /** Null when the estimate has no value (e.g. t50 not reached within the horizon). */
  readonly read: (s: DesignSimulation) => number | null
}

/** A metric of the shared registry (shared/metrics/registry.ts): its label and unit are written there once. */
function fromRegistry(id: MetricId): MetricDef {
  const m = METRIC_BY_ID[id]
  return { id, label: m.label, unit: m.unit, read: m.extract }
}

/**
 * The metrics table of the comparison, in display order. Metrics the analyses and the CLI
 * share come from their registry; the few only this table shows are defined here.
 *
 * Why: these are the numbers the estimate panels show for one design (derived diameter,
 * release t50/t80 and burst per environment from the release engine, blood half-life and the
 * selectivity metrics of the PBPK engine, brief PART 1-2), so a comparison reads the same as
 * the live view. Percent values are converted from fractions here, once.
 */
export const COMPARE_METRICS: ReadonlyArray<MetricDef> = [
  fromRegistry('hydrodynamicDiameterNm'),
  { id: 'particlesPerMg', label: DERIVED_QUANTITIES.particlesPerMg.label, unit: DERIVED_QUANTITIES.particlesPerMg.unit, read: (s) => s.derived.particlesPerMg },
  fromRegistry('t50PlasmaH'),
  fromRegistry('t50InflamedH'),
  { id: 't80PlasmaH', ...REPORTED_QUANTITIES.t80PlasmaH, read: (s) => s.release.environments.plasma.t80H },
  { id: 'burstPlasmaPercent', ...REPORTED_QUANTITIES.burstPlasmaPercent, read: (s) => 100 * s.release.environments.plasma.burstFraction1H },
  fromRegistry('bloodHalfLifeH'),
  fromRegistry('selectivityIndex'),
  fromRegistry('targetAucPercentDoseH'),
  { id: 'targetPeakPercentDose', ...REPORTED_QUANTITIES.targetPeakPercentDose, read: (s) => s.selectivity.targetPeakPercentDose },
  fromRegistry('targetToLiverSpleenAucRatio'),
  fromRegistry('drugReleasedInTargetPercentDose'),
  { id: 'drugReleasedOffTargetPercentDose', ...REPORTED_QUANTITIES.drugReleasedOffTargetPercentDose, read: (s) => s.selectivity.drugReleasedOffTargetPercentDose },
]

/** A value for the table: 4 significant digits (×10ⁿ when very large or small), or 'not reached' for a missing time. */
export function metricText(value: number | null): string {
  if (value === null) return 'not reached'
  if (!Number.isFinite(value)) return String(value)
  const abs = Math.abs(value)
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return formatQuantity(value, '', 4)
  return String(Number(value.toPrecision(4)))
}

/** Quotes a CSV cell when it holds a comma, quote or line break (RFC 4180 §2.6-2.7). */
export function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** One column of the comparison: a design's name and its estimate (null while computing or failed). */
export interface MetricsColumn {
  readonly name: string
  readonly simulation: DesignSimulation | null
}

/**
 * The metrics table as CSV text: a header row `metric,unit,<design names…>`, then one row per
 * metric with full-precision numbers (empty cell when not reached or not computed), CRLF
 * line ends (RFC 4180).
 *
 * Why: the exported file is read by spreadsheets and scripts, so numbers are not rounded the
 * way the on-screen table is, and units live in their own column instead of inside numbers.
 */
export function metricsCsv(columns: ReadonlyArray<MetricsColumn>, hours: number): string {
  const lines = [['metric', 'unit', ...columns.map((c) => c.name)].map(csvCell).join(',')]
  for (const m of COMPARE_METRICS) {
    const cells = columns.map((c) => {
      const v = c.simulation ? m.read(c.simulation) : null
      return v === null ? '' : String(v)
    })
    lines.push([m.label, m.unit, ...cells].map(csvCell).join(','))
  }
  lines.push(['horizon', 'h', ...columns.map(() => String(hours))].map(csvCell).join(','))
  return `${lines.join('\r\n')}\r\n`
}

/** A file name from design names: letters, digits and dashes only, at most 80 characters. */
export function safeFileName(base: string, extension: string): string {
  const cleaned = base.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80)
  return `${cleaned || 'nanoforge'}.${extension}`
}

