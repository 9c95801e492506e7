/**
 * One published in-vivo row as a reader browses it beside the engine (issue #10): paper, what
 * was measured, published value, engine, ratio, calibration or held out. No row file is imported
 * here, so the app's worker pool can build views without carrying the rows (validation-table.ts
 * builds the whole table for the CLI).
 */
import { paperLabel, readoutOf } from './published-like'
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
  /**
   * Where another paper measured the same design (between-study.ts), the widest ratio between
   * their published values and that paper: a miss against a paper its peers disagree with is not
   * the engine's alone.
   */
  readonly papersDisagree?: { readonly fold: number; readonly paper: string }
}

/** The view of one row with the engine's estimate of it (null with the reason when it could not run). */
export function validationRowView(
  file: string, row: PublishedRow, engine: { readonly value: number | null; readonly problem?: string },
  disagreement?: { readonly fold: number; readonly other: PublishedRow },
): ValidationRowView {
  const design = designOfRow(row)
  const ratio = engine.value === null ? null : engine.value / row.value
  return {
    id: row.id, file, set: row.set, paper: paperLabel(row), citation: row.source, designName: design.name,
    species: design.context.species, material: design.core.material, readout: readoutOf(row), unit: row.unit, published: row.value,
    engine: engine.value, ...(engine.problem !== undefined ? { engineProblem: engine.problem } : {}),
    ratio, within2Fold: ratio === null ? null : ratio >= 0.5 && ratio <= 2,
    ...(disagreement !== undefined ? { papersDisagree: { fold: disagreement.fold, paper: paperLabel(disagreement.other) } } : {}),
  }
}
