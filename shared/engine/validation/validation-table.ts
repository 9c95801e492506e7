/**
 * Every published in-vivo row beside the engine's estimate of it (issue #10): the whole
 * validation set as a reader browses it (validation-row-view.ts). `nanoforge validation` reads
 * it; the app builds the same views from rows it loads on demand and estimates in its worker
 * pool. The scores the README states are measured by the tests over the same rows.
 */
import { IN_VIVO_ROW_FILES } from './in-vivo-rows'
import { disagreementsOf } from './between-study'
import { engineOnPublishedRow } from './published-like'
import type { PublishedRow } from './published-rows'
import { validationRowView, type ValidationRowView } from './validation-row-view'

export type { ValidationRowView } from './validation-row-view'

/** Every representable in-vivo row of every file (rows marked notRepresentable are left out), in file order. */
export function validationTable(set?: PublishedRow['set']): ValidationRowView[] {
  const all = Object.values(IN_VIVO_ROW_FILES).flatMap((f) => f.rows.filter((r) => r.notRepresentable === undefined))
  const disagreement = disagreementsOf(all)
  return Object.entries(IN_VIVO_ROW_FILES).flatMap(([file, f]) =>
    f.rows.filter((r) => r.notRepresentable === undefined && (set === undefined || r.set === set)).map((r) => validationRowView(file, r, engineOnPublishedRow(r), disagreement(r))))
}
