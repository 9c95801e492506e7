/**
 * One published in-vivo row as a reader browses it beside the engine (issue #10): paper, what
 * was measured, published value, engine, ratio, calibration or held out. No row file is imported
 * here, so the app's worker pool can build views without carrying the rows (validation-table.ts
 * builds the whole table for the CLI).
 */
import { csvField } from '../../design/metrics-csv'
import { studyOfRow } from './between-study'
import { paperLabel, readoutOf } from './published-like'
import { designOfRow, withinTwoFold, type PublishedRow } from './published-rows'
import { outcomesByPaper, paperBootstrapInterval, type PaperOutcome } from './score-interval'

/** One published row as a reader sees it. */
export interface ValidationRowView {
  readonly id: string
  /** The rows file it belongs to (its theme: first held-out set, blind set, stealth spleen, …). */
  readonly file: string
  readonly set: PublishedRow['set']
  /** The paper's key, one per publication (between-study.ts studyOfRow): what rows are grouped by. */
  readonly study: string
  /** The paper as a reader names it ("Choi 2011"); two papers may share it. */
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
   * Where another paper's value of the same design differs more than 2-fold (between-study.ts),
   * the widest ratio and that paper: a miss against a paper its peers dispute is not the engine's
   * alone.
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
    id: row.id, file, set: row.set, study: studyOfRow(row), paper: paperLabel(row), citation: row.source, designName: design.name,
    species: design.context.species, material: design.core.material, readout: readoutOf(row), unit: row.unit, published: row.value,
    engine: engine.value, ...(engine.problem !== undefined ? { engineProblem: engine.problem } : {}),
    ratio, within2Fold: ratio === null ? null : withinTwoFold(ratio),
    ...(disagreement !== undefined ? { papersDisagree: { fold: disagreement.fold, paper: paperLabel(disagreement.other) } } : {}),
  }
}

/** "51 of 87 (59 %)": how many of the rows are within 2-fold (the app's dialog and `nanoforge validation`). */
export function shareWithin2FoldText(rows: ReadonlyArray<ValidationRowView>): string {
  const within = rows.filter((r) => r.within2Fold === true).length
  return `${within} of ${rows.length}${rows.length > 0 ? ` (${Math.round((100 * within) / rows.length)} %)` : ''}`
}

/**
 * The rows by paper, each with how many of its rows are within 2-fold (a row the engine cannot
 * run counts as outside, as in {@link shareWithin2FoldText}): what the score's interval resamples.
 */
export function paperOutcomesOf(rows: ReadonlyArray<ValidationRowView>): PaperOutcome[] {
  return outcomesByPaper(rows, (r) => r.study, (r) => r.within2Fold === true)
}

/**
 * "95 % interval 44–75 % over 34 papers": the paper bootstrap of the share within 2-fold
 * (score-interval.ts), in whole per cent. `more` adds papers scored elsewhere (the release rows).
 */
export function scoreIntervalText(rows: ReadonlyArray<ValidationRowView>, more: ReadonlyArray<PaperOutcome> = []): string {
  const papers = [...paperOutcomesOf(rows), ...more]
  const [lo, hi] = paperBootstrapInterval(papers)
  return `95 % interval ${Math.round(100 * lo)}–${Math.round(100 * hi)} % over ${papers.length} papers`
}

/** The columns of the validation rows as CSV: header and how each is read. */
const CSV_COLUMNS: ReadonlyArray<readonly [string, (r: ValidationRowView) => string | number | null]> = [
  ['id', (r) => r.id],
  ['set', (r) => (r.set === 'calibration' ? 'calibration' : 'held-out')],
  ['paper', (r) => r.paper],
  ['citation', (r) => r.citation],
  ['particle', (r) => r.designName],
  ['species', (r) => r.species],
  ['core', (r) => r.material],
  ['read_out', (r) => r.readout],
  ['unit', (r) => r.unit],
  ['published', (r) => r.published],
  ['engine', (r) => r.engine],
  ['engine_over_published', (r) => r.ratio],
  ['within_2_fold', (r) => (r.within2Fold === null ? null : r.within2Fold ? 'yes' : 'no')],
  ['other_paper_fold', (r) => r.papersDisagree?.fold ?? null],
  ['other_paper', (r) => r.papersDisagree?.paper ?? null],
]

/** Validation rows as CSV text (RFC 4180 fields, formula-safe text, CRLF line ends), in the order given. */
export function validationRowsToCsv(rows: ReadonlyArray<ValidationRowView>): string {
  const lines = [CSV_COLUMNS.map(([h]) => h).join(',')]
  for (const r of rows) lines.push(CSV_COLUMNS.map(([, read]) => csvField(read(r))).join(','))
  return `${lines.join('\r\n')}\r\n`
}
