/**
 * Every published in-vivo row beside the engine's estimate of it (issue #10): the whole
 * validation set as a reader browses it — paper, what was measured, published value, engine,
 * ratio, calibration or held out. The app's validation table and `nanoforge validation` read it;
 * the scores the README states are measured by the tests over the same rows.
 */
import { IN_VIVO_ROW_FILES } from './in-vivo-rows'
import { engineOnPublishedRow, paperLabel, readoutOf } from './published-like'
import { designOfRow, type PublishedRow } from './published-rows'

/** One published row as a reader sees it. */
export interface ValidationRowView {
  readonly id: string
  /** The rows file it belongs to (its theme: first held-out set, blind set, stealth spleen, …). */
  readonly file: string
  readonly set: PublishedRow['set']
  readonly paper: string
  readonly citation: string
  readonly designName: string
  readonly species: string
  readonly material: string
  readonly readout: string
  readonly unit: string
  readonly published: number
  readonly engine: number | null
  readonly engineProblem?: string
  /** engine ÷ published; null when the engine could not run. */
  readonly ratio: number | null
  readonly within2Fold: boolean | null
}

/** The view of one row, with the engine's estimate of it. */
export function validationRowView(file: string, row: PublishedRow): ValidationRowView {
  const design = designOfRow(row)
  const engine = engineOnPublishedRow(row)
  const ratio = engine.value === null ? null : engine.value / row.value
  return {
    id: row.id, file, set: row.set, paper: paperLabel(row), citation: row.source, designName: design.name,
    species: design.context.species, material: design.core.material, readout: readoutOf(row), unit: row.unit, published: row.value,
    engine: engine.value, ...(engine.problem !== undefined ? { engineProblem: engine.problem } : {}),
    ratio, within2Fold: ratio === null ? null : ratio >= 0.5 && ratio <= 2,
  }
}

/** Every representable in-vivo row of every file (rows marked notRepresentable are left out), in file order. */
export function validationTable(set?: PublishedRow['set']): ValidationRowView[] {
  return Object.entries(IN_VIVO_ROW_FILES).flatMap(([file, f]) =>
    f.rows.filter((r) => r.notRepresentable === undefined && (set === undefined || r.set === set)).map((r) => validationRowView(file, r)))
}
