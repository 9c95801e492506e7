import { unitText } from '../../../shared/design/display-names'
import { paperOutcomesOf, scoreIntervalText, shareWithin2FoldText } from '../../../shared/engine/validation/validation-row-view'
import { paperBootstrapInterval } from '../../../shared/engine/validation/score-interval'
import { validationTable, type ValidationRowView } from '../../../shared/engine/validation/validation-table'
import { EXIT_OK, type CommandRun } from '../types'
import { UsageError, parseCommandArgs, printJson, stringOption } from './common'

const USAGE = 'nanoforge validation [--set calibration|held-out] [--misses] [--json]'

const num = (x: number | null): string => (x === null ? '—' : String(Number(x.toPrecision(3))))

/** "51 of 87 (59 %) within 2-fold, 95 % interval 44–75 % over 34 papers". */
const score = (rows: ReadonlyArray<ValidationRowView>): string => `${shareWithin2FoldText(rows)} within 2-fold, ${scoreIntervalText(rows)}`

/**
 * `nanoforge validation [--set calibration|held-out] [--misses] [--json]`: every published
 * in-vivo row beside the engine's estimate of it (shared/engine/validation/validation-table.ts) —
 * `{"rows": [{"id", "file", "set", "paper", "citation", "designName", "species", "material",
 * "readout", "unit", "published", "engine", "ratio", "within2Fold", "papersDisagree"?: {"fold", "paper"}}],
 * "summary": {"calibration":
 * {"rows", "within2Fold", "papers", "interval95"}, "heldOut": {…the same}}}`, `interval95` the
 * [lower, upper] share within 2-fold when the set's papers are resampled (score-interval.ts:
 * rows of one paper hit or miss together). The summary counts every row of
 * the set(s) asked for, `--misses` only shortens the list; the release rows (in-vitro) are scored
 * by the tests, not here.
 */
export const runValidation: CommandRun = async (args, io) => {
  const { values } = parseCommandArgs(args, { json: { type: 'boolean' }, set: { type: 'string' }, misses: { type: 'boolean' } }, { min: 0, max: 0, usage: USAGE })
  const set = stringOption(values, 'set')
  if (set !== undefined && set !== 'calibration' && set !== 'held-out') throw new UsageError(`--set must be calibration or held-out, got '${set}'.`)
  const all = validationTable(set === undefined ? undefined : set === 'calibration' ? 'calibration' : 'validation')
  const rows = values.misses === true ? all.filter((r) => r.within2Fold !== true) : all
  // the score is always of every row of the set(s) asked for; --misses only shortens the listing
  const calibration = all.filter((r) => r.set === 'calibration')
  const heldOut = all.filter((r) => r.set === 'validation')
  const count = (rs: ReadonlyArray<ValidationRowView>): { rows: number; within2Fold: number; papers: number; interval95: readonly [number, number] | null } => {
    const papers = paperOutcomesOf(rs)
    return { rows: rs.length, within2Fold: rs.filter((r) => r.within2Fold === true).length, papers: papers.length, interval95: papers.length > 0 ? paperBootstrapInterval(papers) : null }
  }
  if (values.json === true) {
    printJson(io, { rows, summary: { calibration: count(calibration), heldOut: count(heldOut) } })
    return EXIT_OK
  }
  const scores = [heldOut.length > 0 ? `held out ${score(heldOut)}` : '', calibration.length > 0 ? `calibration ${score(calibration)}` : ''].filter(Boolean).join('; ')
  io.stdout(`Published in-vivo rows, engine with its catalog parameters: ${scores}${values.misses === true ? `; the ${rows.length} outside 2-fold follow` : ''}\n`)
  let file = ''
  for (const r of rows) {
    if (r.file !== file) {
      file = r.file
      io.stdout(`\n${file}\n`)
    }
    const mark = r.within2Fold === true ? 'ok  ' : 'MISS'
    const unit = unitText(r.unit)
    const peers = r.papersDisagree ? ` [papers differ ×${num(r.papersDisagree.fold)}: ${r.papersDisagree.paper}]` : ''
    io.stdout(`${mark} ${r.set === 'calibration' ? 'cal ' : 'held'} ${r.paper}: ${r.designName} — ${r.readout}: published ${num(r.published)} ${unit}, engine ${num(r.engine)} ${unit} (${r.ratio === null ? r.engineProblem ?? '—' : `${num(r.ratio)}×`})${peers}\n`)
  }
  return EXIT_OK
}
