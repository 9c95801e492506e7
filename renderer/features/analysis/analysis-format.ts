/**
 * What the sensitivity panel shows, as pure functions of a result document
 * (shared/analysis/design-sensitivity.ts, parameter-sensitivity.ts): readable knob and
 * parameter names, rows sorted by importance, and numbers written without e-notation.
 *
 * Why apart from the components: the ranking and the names are what a design review reads,
 * so they are tested on their own (tests/unit/renderer/analysis), and the components stay
 * drawing only. No science here: every index comes from shared/analysis.
 */
import { pathLabelWithUnit } from '../../../shared/design/fields'
import { formatQuantity } from '../../../shared/design/format'
import type { IndexRow } from '../../../shared/analysis/design-sensitivity'
import { getMetric, type MetricId } from '../../../shared/metrics/registry'
import { TISSUE_LABELS } from '../biodistribution/biodistribution-model'
import { csvCell } from '../compare/compare-metrics'

/** Which sensitivity method; the words the panel offers for each. */
export const METHOD_LABELS = {
  local: 'Local (one knob at a time, at this design)',
  morris: 'Morris screening (whole range)',
  sobol: 'Sobol variance shares (whole range)',
} as const

/** What the analysis varies. */
export type SensitivityOver = 'design' | 'parameters'
export const OVER_LABELS: Readonly<Record<SensitivityOver, string>> = {
  design: 'Design knobs',
  parameters: 'Engine assumptions',
}

/** A design knob's name as the form labels it, with its unit ("Core diameter (nm)"). */
export function knobLabel(path: string): string {
  return pathLabelWithUnit(path)
}

/**
 * What each of the Monte Carlo's multipliers multiplies (shared/engine/pbpk/modifiers/types.ts,
 * ParameterPerturbation): per organ the tissue:blood partition coefficient P, the
 * permeability-surface coefficient PAC, the phagocytic uptake rate K_max, its release rate
 * K_rel and the phagocytic capacity; for the disease, the excess over 1 of its PAC and K_max
 * multipliers.
 */
const PARAMETER_WORDS: Readonly<Record<string, string>> = {
  partition: 'partition coefficient',
  permeability: 'capillary permeability',
  kMax: 'phagocytic uptake rate',
  kRel: 'phagocytic release rate',
  capacity: 'phagocytic capacity',
}

/**
 * An engine parameter's name: `organs.liver.kMax` → "Liver phagocytic uptake rate";
 * `diseasePermeability` → "Inflamed tissue extra permeability". Unknown paths are returned
 * as words rather than as code.
 */
export function parameterLabel(path: string): string {
  if (path === 'diseasePermeability') return 'Inflamed tissue extra permeability'
  if (path === 'diseaseKMax') return 'Inflamed tissue extra uptake rate'
  const m = /^organs\.(\w+)\.(\w+)$/.exec(path)
  if (m) {
    const organ = (TISSUE_LABELS as Readonly<Record<string, string>>)[m[1]!] ?? m[1]!
    return `${organ} ${PARAMETER_WORDS[m[2]!] ?? m[2]!.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`
  }
  return path.replace(/\./g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
}

/** The name of a row's knob for what was varied. */
export function rowLabel(over: SensitivityOver, path: string): string {
  return over === 'design' ? knobLabel(path) : parameterLabel(path)
}

/** A metric's name with its unit ("Blood half-life (h)"), from the registry. */
export function metricLabel(id: MetricId): string {
  const m = getMetric(id)
  return m.unit ? `${m.label} (${m.unit})` : m.label
}

/** A number for a chart or table: 3 significant digits, ×10ⁿ when tiny or huge, '—' when missing. */
export function indexText(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—'
  if (v === 0) return '0'
  const abs = Math.abs(v)
  if (abs >= 1e6 || abs < 1e-3) return formatQuantity(v)
  return String(Number(v.toPrecision(3)))
}

/** One bar of the tornado: the normalised local coefficient ∂ln y/∂ln x of one knob. */
export interface TornadoRow {
  readonly path: string
  readonly label: string
  readonly coefficient: number
}

/** The tornado's rows, largest |∂ln y/∂ln x| first; knobs without a defined coefficient listed apart. */
export function tornadoRows(rows: ReadonlyArray<IndexRow>, over: SensitivityOver): { bars: TornadoRow[]; undefinedFor: string[] } {
  const bars: TornadoRow[] = []
  const undefinedFor: string[] = []
  for (const r of rows) {
    if (!('coefficient' in r)) continue
    if (r.coefficient === null || !Number.isFinite(r.coefficient)) undefinedFor.push(rowLabel(over, r.knob))
    else bars.push({ path: r.knob, label: rowLabel(over, r.knob), coefficient: r.coefficient })
  }
  // ties keep the document order (Array.prototype.sort is stable)
  bars.sort((a, b) => Math.abs(b.coefficient) - Math.abs(a.coefficient))
  return { bars, undefinedFor }
}

/** One Sobol bar pair: first-order and total index with their bootstrap 95 % intervals. */
export interface SobolRow {
  readonly path: string
  readonly label: string
  readonly first: number
  readonly total: number
  readonly firstCi95: readonly [number, number]
  readonly totalCi95: readonly [number, number]
}

/** Sobol rows, largest total index first (non-finite indices sort last). */
export function sobolRows(rows: ReadonlyArray<IndexRow>, over: SensitivityOver): SobolRow[] {
  const out: SobolRow[] = []
  for (const r of rows) {
    if (!('total' in r)) continue
    out.push({ path: r.knob, label: rowLabel(over, r.knob), first: r.first, total: r.total, firstCi95: r.firstCi95, totalCi95: r.totalCi95 })
  }
  const key = (v: number): number => (Number.isFinite(v) ? v : Number.NEGATIVE_INFINITY)
  return out.sort((a, b) => key(b.total) - key(a.total))
}

/** One Morris point: μ* (importance) and σ (nonlinearity or interaction), in metric units. */
export interface MorrisRow {
  readonly path: string
  readonly label: string
  readonly muStar: number
  readonly sigma: number
}

/** Morris rows, largest μ* first. */
export function morrisRows(rows: ReadonlyArray<IndexRow>, over: SensitivityOver): MorrisRow[] {
  const out: MorrisRow[] = []
  for (const r of rows) if ('muStar' in r) out.push({ path: r.knob, label: rowLabel(over, r.knob), muStar: r.muStar, sigma: r.sigma })
  const key = (v: number): number => (Number.isFinite(v) ? v : Number.NEGATIVE_INFINITY)
  return out.sort((a, b) => key(b.muStar) - key(a.muStar))
}

/** At most this many rows are drawn (62 engine parameters: the ones that matter say it). */
export const MAX_CHART_ROWS = 15

/**
 * Every index of a sensitivity result as CSV, one row per metric and knob, for slides and
 * papers (the app's table shows one metric and the 15 largest). Knobs are named as the panel
 * names them, with the path beside it so a script can join on it; numbers are written in full
 * (no rounding: this is data, not display). Columns by method: local `coefficient`; Morris
 * `mu_star`, `sigma`; Sobol `first`, its 95 % interval, `total`, its 95 % interval.
 */
export function sensitivityCsv(result: { readonly method: 'local' | 'morris' | 'sobol'; readonly over: SensitivityOver; readonly indices: Readonly<Record<string, ReadonlyArray<IndexRow>>> }): string {
  const numbers: Record<typeof result.method, ReadonlyArray<string>> = {
    local: ['coefficient'],
    morris: ['mu_star', 'sigma'],
    sobol: ['first', 'first_ci95_low', 'first_ci95_high', 'total', 'total_ci95_low', 'total_ci95_high'],
  }
  const cell = (v: number | null | undefined): string => (v === null || v === undefined || !Number.isFinite(v) ? '' : String(v))
  const lines = [['metric', 'metric_label', 'knob', 'knob_label', ...numbers[result.method]].join(',')]
  for (const [metric, rows] of Object.entries(result.indices)) {
    for (const r of rows) {
      const values = 'coefficient' in r ? [cell(r.coefficient)]
        : 'muStar' in r ? [cell(r.muStar), cell(r.sigma)]
          : 'total' in r ? [cell(r.first), cell(r.firstCi95[0]), cell(r.firstCi95[1]), cell(r.total), cell(r.totalCi95[0]), cell(r.totalCi95[1])]
            : []
      lines.push([metric, csvCell(metricLabel(metric as MetricId)), r.knob, csvCell(rowLabel(result.over, r.knob)), ...values].join(','))
    }
  }
  return `${lines.join('\n')}\n`
}
