import { useEffect, useMemo, useState } from 'react'
import type { DesignSpecsResponse, Measurement } from '../../../shared/ipc/channels/measurement'
import { cqaCounts, evaluateCqas } from '../../../shared/quality/evaluate'
import { specText } from '../../../shared/quality/specs'
import { STATUS_WORDS, predictedText, readingsText } from '../../../shared/report/cqa'
import type { z } from 'zod'
import { getApi } from '../../bridge'
import { useDesignStore } from '../../stores/design-store'

type Specs = z.infer<typeof DesignSpecsResponse>

/**
 * Critical quality attributes of the open saved version against its project's specification
 * (issue #16): attribute, limit, what was measured on this version, what the engine predicts
 * (or the design states), and pass / FAIL / not measured / no spec. The same rows as the
 * review report's section 2.3 and `nanoforge db specs show --design` (shared/quality/evaluate.ts).
 *
 * Why the limits are read, not edited, here: they are the project's, set with `nanoforge db
 * specs set` and logged in the audit trail; the table says where they come from.
 */
export function CqaTable({ items }: { readonly items: ReadonlyArray<Measurement> }): React.JSX.Element | null {
  const designId = useDesignStore((s) => s.designId)
  const version = useDesignStore((s) => s.version)
  const design = useDesignStore((s) => s.design)
  const dirty = useDesignStore((s) => s.dirty)
  const [specs, setSpecs] = useState<Specs | null>(null)
  const [problem, setProblem] = useState<string | null>(null)

  useEffect(() => {
    if (designId === null) return
    let live = true
    void getApi().designSpecs({ designId }).then((res) => {
      if (!live) return
      if (res.ok) {
        setSpecs(res.value)
        setProblem(null)
      } else {
        setSpecs(null)
        setProblem(res.message)
      }
    })
    return () => {
      live = false
    }
  }, [designId, version, items.length])

  const rows = useMemo(() => {
    try {
      return evaluateCqas(design, items.filter((m) => m.version === version), specs?.specs ?? [])
    } catch {
      return null // a design the engine cannot evaluate: its own errors are shown by the form
    }
  }, [design, items, version, specs])

  if (designId === null || version === null || rows === null) return null
  const counts = cqaCounts(rows)
  return (
    <section className="cqa-table" aria-label="Quality attributes against specifications">
      <h4>Quality attributes against specifications (version {version})</h4>
      <p className="fit-footnote" data-testid="cqa-source">
        {problem !== null ? `The specification could not be read: ${problem}`
          : specs === null ? 'Reading the specification…'
            : specs.project === null ? 'This design is in no project, so no specification applies. Limits are set per project (nanoforge db specs set).'
              : `Specification of the project “${specs.project.name}”${specs.lastChange ? `, last changed ${specs.lastChange.at.slice(0, 10)} by ${specs.lastChange.osUser}` : ''}. Limits are inclusive; every reading of this version must meet its limit.`}
      </p>
      {dirty ? <p className="attach-reason">The form has unsaved edits: the predictions below are of the edited design, not exactly version {version}.</p> : null}
      <table className="fit-table">
        <thead>
          <tr><th scope="col">Attribute</th><th scope="col">Specification</th><th scope="col">Measured (this version)</th><th scope="col">Predicted</th><th scope="col">Status</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.attribute} data-attribute={r.attribute} data-status={r.status}>
              <th scope="row">{r.unit === '' ? r.label : `${r.label} (${r.unit})`}</th>
              <td>{r.spec === null ? '—' : specText(r.spec, r.attribute)}</td>
              <td>{readingsText(r)}</td>
              <td>{predictedText(r)}</td>
              <td className={`cqa-status cqa-${r.status.replace(' ', '-')}`}>{STATUS_WORDS[r.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="fit-footnote" data-testid="cqa-counts">{counts.pass} pass, {counts.fail} fail, {counts['not measured']} not measured, {counts['no spec']} without a limit. A prediction is shown with whether it would meet the limit; only measurements pass.</p>
    </section>
  )
}
