import { useEffect, useMemo, useState } from 'react'
import { unitText } from '../../../shared/design/display-names'
import { fieldDef, optionLabel } from '../../../shared/design/fields'
import { scoreIntervalText, shareWithin2FoldText as share, validationRowsToCsv, type ValidationRowView } from '../../../shared/engine/validation/validation-row-view'
import { downloadText } from '../../lib/download'
import { formatValue } from '../biodistribution/biodistribution-model'
import { OverlayDialog } from '../compare/overlay-dialog'
import { loadValidationTable } from './published-like-client'
import { PapersDiffer } from './papers-differ'

/** The species field's label, from the design's one source (shared/design/fields.ts). */
const SPECIES_LABEL = fieldDef('context.species')!.label

type SetFilter = 'all' | 'calibration' | 'validation'
type OutcomeFilter = 'all' | 'within' | 'outside'
type Order = 'file' | 'error'


/** The rows a reader asked for: set, outcome, species, words, order. Pure, for the dialog and its test. */
export function filterValidationRows(
  rows: ReadonlyArray<ValidationRowView>,
  f: { readonly set: SetFilter; readonly outcome: OutcomeFilter; readonly species: string; readonly text: string; readonly order: Order },
): ValidationRowView[] {
  const words = f.text.trim().toLowerCase().split(/\s+/).filter(Boolean)
  const out = rows.filter((r) =>
    (f.set === 'all' || r.set === f.set)
    && (f.outcome === 'all' || (f.outcome === 'within' ? r.within2Fold === true : r.within2Fold !== true))
    && (f.species === 'all' || r.species === f.species)
    && words.every((w) => `${r.paper} ${r.designName} ${r.readout} ${r.material} ${r.citation}`.toLowerCase().includes(w)))
  if (f.order === 'error') {
    const err = (r: ValidationRowView): number => (r.ratio === null ? Infinity : Math.abs(Math.log(r.ratio)))
    out.sort((a, b) => err(b) - err(a))
  }
  return out
}

/**
 * Every published in-vivo row beside the engine's estimate of it (validation-table.ts), to
 * browse and filter: the evidence behind the held-out score, row by row, each paper cited.
 */
export function ValidationTableDialog({ onClose }: { readonly onClose: () => void }): React.JSX.Element {
  const [rows, setRows] = useState<ReadonlyArray<ValidationRowView> | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [set, setSet] = useState<SetFilter>('validation')
  const [outcome, setOutcome] = useState<OutcomeFilter>('all')
  const [species, setSpecies] = useState('all')
  const [text, setText] = useState('')
  const [order, setOrder] = useState<Order>('file')

  useEffect(() => {
    const load = loadValidationTable()
    let live = true
    load.promise.then((r) => { if (live) setRows(r) }, (e: unknown) => { if (live) setError(e instanceof Error ? e.message : String(e)) })
    return () => {
      live = false
      load.cancel()
    }
  }, [])

  const shown = useMemo(() => (rows ? filterValidationRows(rows, { set, outcome, species, text, order }) : []), [rows, set, outcome, species, text, order])
  const speciesList = useMemo(() => [...new Set((rows ?? []).map((r) => r.species))].sort(), [rows])
  const heldOut = useMemo(() => (rows ?? []).filter((r) => r.set === 'validation'), [rows])
  // 10 000 resamples of the papers: once per load, not per render
  const heldOutInterval = useMemo(() => (heldOut.length > 0 ? scoreIntervalText(heldOut) : null), [heldOut])

  return (
    <OverlayDialog title="Published rows and the engine" onClose={onClose} className="validation-table-dialog">
      {error !== null ? <p className="pl-error" role="alert">Could not score the published rows: {error}</p> : null}
      {rows === null && error === null ? <p className="pl-note" role="status">Scoring every published row with the engine…</p> : null}
      {rows !== null ? (
        <>
          <p className="pl-summary">
            Every published in-vivo row the engine is checked against, beside its estimate of that experiment (catalog parameters).
            Held out, never used to set a parameter: {share(heldOut)} within 2-fold{heldOutInterval !== null ? `, ${heldOutInterval} (papers resampled, since rows of one paper hit or miss together)` : ''}; calibration: {share(rows.filter((r) => r.set === 'calibration'))}.
            Hover a paper for its citation.
          </p>
          <div className="vt-filters">
            <label>Rows <select value={set} onChange={(e) => setSet(e.target.value as SetFilter)}>
              <option value="all">All</option><option value="validation">Held out</option><option value="calibration">Calibration</option>
            </select></label>
            <label>Outcome <select value={outcome} onChange={(e) => setOutcome(e.target.value as OutcomeFilter)}>
              <option value="all">All</option><option value="within">Within 2-fold</option><option value="outside">Outside 2-fold</option>
            </select></label>
            <label>{SPECIES_LABEL} <select value={species} onChange={(e) => setSpecies(e.target.value)}>
              <option value="all">All</option>{speciesList.map((s) => <option key={s} value={s}>{optionLabel('context.species', s)}</option>)}
            </select></label>
            <label>Order <select value={order} onChange={(e) => setOrder(e.target.value as Order)}>
              <option value="file">As published sets</option><option value="error">Largest error first</option>
            </select></label>
            <label>Search <input type="search" value={text} placeholder="paper, particle, read-out" onChange={(e) => setText(e.target.value)} /></label>
            <span className="pl-note" role="status">{shown.length} of {rows.length} rows</span>
            <button type="button" onClick={() => downloadText(validationRowsToCsv(shown), 'nanoforge-published-rows.csv', 'text/csv')}>Download these rows (CSV)</button>
          </div>
          <table className="pl-table vt-table" aria-label="Published rows and the engine">
            <thead>
              <tr>
                <th scope="col">Paper</th><th scope="col">Particle</th><th scope="col">Read-out</th>
                <th scope="col">Published</th><th scope="col">Engine</th><th scope="col" title="Engine ÷ published">Ratio</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.id} data-row={r.id} className={r.within2Fold === true ? undefined : 'pl-off'}>
                  <th scope="row" title={r.citation}>{r.paper}<span className="pl-set">{r.set === 'calibration' ? 'calibration' : 'held out'} · {r.species}</span></th>
                  <td>{r.designName}</td>
                  <td>{r.readout}</td>
                  <td>{formatValue(r.published)} {unitText(r.unit)}</td>
                  <td title={r.engineProblem}>{r.engine === null ? '—' : `${formatValue(r.engine)} ${unitText(r.unit)}`}</td>
                  <td>
                    {r.ratio === null ? '—' : `${formatValue(r.ratio)}×`}
                    <PapersDiffer disagreement={r.papersDisagree} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </OverlayDialog>
  )
}
