import { useEffect, useRef, useState } from 'react'
import type { Design } from '../../../shared/design/types'
import { unitText } from '../../../shared/design/display-names'
import { publishedLikeSummary } from '../../../shared/engine/validation/published-like'
import { withinTwoFold } from '../../../shared/engine/validation/published-rows'
import { useDesignStore } from '../../stores/design-store'
import { formatValue } from '../biodistribution/biodistribution-model'
import { createPublishedLikeClient, type PublishedLikeAnswer, type PublishedLikeClient } from './published-like-client'
import { PapersDiffer } from './papers-differ'
import { ValidationTableDialog } from './validation-table-dialog'
import './published-like.css'

/** How long the design must rest before it is looked up (ms): a slider drag asks once, at the end. */
const SETTLE_MS = 250

/**
 * Published experiments like the design on screen (shared/engine/validation/published-like.ts):
 * what was measured on particles like it, the engine's estimate of each of those experiments,
 * and of this design in the same experiment. Closed by default: the rows load, and the engine
 * runs on them in the shared pool, only while it is open.
 */
export function PublishedLikePanel(): React.JSX.Element {
  const design = useDesignStore((s) => s.design)
  const valid = useDesignStore((s) => s.validation.valid)
  const [open, setOpen] = useState(false)
  const [answer, setAnswer] = useState<PublishedLikeAnswer | null>(null)
  const [askedFor, setAskedFor] = useState<Design | null>(null)
  const [browsing, setBrowsing] = useState(false)
  const client = useRef<PublishedLikeClient | null>(null)

  useEffect(() => {
    if (!open) return
    const c = createPublishedLikeClient(setAnswer)
    client.current = c
    return () => {
      c.dispose()
      client.current = null
    }
  }, [open])

  useEffect(() => {
    if (!open || !valid) return
    const timer = setTimeout(() => {
      client.current?.ask(design)
      setAskedFor(design)
    }, SETTLE_MS)
    return () => clearTimeout(timer)
  }, [open, valid, design])

  const current = askedFor === design
  return (
    <details className="published-like" open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Published experiments like this design</summary>
      <p className="pl-actions"><button type="button" onClick={() => setBrowsing(true)}>Every published row and the engine…</button></p>
      {browsing ? <ValidationTableDialog onClose={() => setBrowsing(false)} /> : null}
      {!valid ? <p className="pl-note">Fix the design's problems to look up published experiments like it.</p> : null}
      {valid && answer === null ? <p className="pl-note" role="status">Looking up published experiments…</p> : null}
      {answer && !answer.ok ? <p className="pl-error" role="alert">Could not list published experiments: {answer.message}</p> : null}
      {answer?.ok ? (
        <div className={current ? undefined : 'is-updating'}>
          <p className="pl-summary">{publishedLikeSummary(answer.experiments)}</p>
          {answer.experiments.length > 0 ? (
            <table className="pl-table" aria-label="Published experiments like this design">
              <thead>
                <tr>
                  <th scope="col">Paper</th>
                  <th scope="col">Particle and how it differs</th>
                  <th scope="col">Read-out</th>
                  <th scope="col">Published</th>
                  <th scope="col" title="The engine's estimate of the published experiment: its particle, dose and time">Engine, that experiment</th>
                  <th scope="col" title="Engine ÷ published">Ratio</th>
                  <th scope="col" title="The engine's estimate of the design on screen, at its own dose, in the same read-out">This design</th>
                </tr>
              </thead>
              <tbody>
                {answer.experiments.map((e) => {
                  const ratio = e.engine === null ? null : e.engine / e.published
                  const off = ratio !== null && !withinTwoFold(ratio)
                  return (
                    <tr key={e.id} data-row={e.id} className={off ? 'pl-off' : undefined}>
                      <th scope="row" title={e.citation}>
                        {e.paper}
                        <span className="pl-set">{e.set === 'calibration' ? 'calibration' : 'held out'}</span>
                        <button type="button" className="pl-open" title={`Open the published particle (“${e.designName}”) as a new, unsaved design`} onClick={() => useDesignStore.getState().newDesign(e.design)}>Open</button>
                      </th>
                      <td>{e.designName}{e.differences.length > 0 ? <span className="pl-diff">{e.differences.join('; ')}</span> : null}</td>
                      <td>{e.readout}</td>
                      <td>{formatValue(e.published)} {unitText(e.unit)}</td>
                      <td title={e.engineProblem}>{e.engine === null ? '—' : `${formatValue(e.engine)} ${unitText(e.unit)}`}</td>
                      <td>
                        {ratio === null ? '—' : `${formatValue(ratio)}×`}
                        <PapersDiffer disagreement={e.papersDisagree} />
                      </td>
                      <td title={e.thisDesignProblem}>{e.thisDesign === null ? '—' : `${formatValue(e.thisDesign)} ${unitText(e.unit)}`}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          ) : null}
          <p className="pl-note">Engine columns use the catalog parameters (no calibration profile). Calibration rows set engine parameters; held-out rows never did. Hover a paper for its citation.</p>
        </div>
      ) : null}
    </details>
  )
}
