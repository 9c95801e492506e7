import { Fragment, useEffect, useId, useMemo, useState } from 'react'
import type { DesignSpecsResponse, Measurement } from '../../../shared/ipc/channels/measurement'
import { cqaCounts, evaluateCqas } from '../../../shared/quality/evaluate'
import { specText } from '../../../shared/quality/specs'
import { STATUS_WORDS, predictedText, readingsText } from '../../../shared/report/cqa'
import type { z } from 'zod'
import { getApi } from '../../bridge'
import { useDesignStore } from '../../stores/design-store'
import { FileUnderProject, SpecEditor } from './spec-editor'
import { useLibraryReadOnlyReason } from '../../stores/library-read-only'
import type { CqaAttributeId } from '../../../shared/quality/attributes'

type Specs = z.infer<typeof DesignSpecsResponse>

/**
 * Critical quality attributes of the open saved version against its project's specification
 * (issue #16): attribute, limit, what was measured on this version, what the engine predicts
 * (or the design states), and pass / FAIL / not measured / no spec. The same rows as the
 * review report's section 2.3 and `nanoforge db specs show --design` (shared/quality/evaluate.ts).
 *
 * The limits are the project's: each row's "Edit limit" opens {@link SpecEditor} under it
 * (`measurement:setSpec` / `measurement:clearSpec`, the store functions of `nanoforge db specs
 * set|clear`, each change logged in the audit trail), and the table reads the specification
 * again after a change. A design in no project is offered the library's projects to file it under.
 * In a library opened read-only the editors are disabled up front, with the host's reason beside
 * them, instead of refusing a limit only after it was typed.
 */
export function CqaTable({ items }: { readonly items: ReadonlyArray<Measurement> }): React.JSX.Element | null {
  const designId = useDesignStore((s) => s.designId)
  const version = useDesignStore((s) => s.version)
  const design = useDesignStore((s) => s.design)
  const dirty = useDesignStore((s) => s.dirty)
  const readOnly = useLibraryReadOnlyReason()
  const readOnlyId = useId()
  const [specs, setSpecs] = useState<Specs | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  // The open editor and the last write's notice belong to the design they were made on: another
  // design opened shows neither (kept with their design id rather than reset in an effect).
  const [editState, setEditState] = useState<{ readonly designId: string | null; readonly attribute: CqaAttributeId } | null>(null)
  const [noticeState, setNoticeState] = useState<{ readonly designId: string | null; readonly text: string } | null>(null)
  // A library that turned read-only (a restore opened it so) closes an open editor.
  const editing = editState !== null && editState.designId === designId && readOnly === null ? editState.attribute : null
  const notice = noticeState !== null && noticeState.designId === designId ? noticeState.text : null
  const setEditing = (attribute: CqaAttributeId | null): void => setEditState(attribute === null ? null : { designId, attribute })
  /** Bumped after a write, so the specification is read again. */
  const [reload, setReload] = useState(0)
  const changed = (message: string): void => {
    setEditState(null)
    setNoticeState({ designId, text: message })
    setReload((n) => n + 1)
  }

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
  }, [designId, version, items.length, reload])

  const rows = useMemo(() => {
    try {
      return evaluateCqas(design, items.filter((m) => m.version === version), specs?.specs ?? [])
    } catch {
      return null // a design the engine cannot evaluate: its own errors are shown by the form
    }
  }, [design, items, version, specs])

  if (designId === null || version === null || rows === null) return null
  const counts = cqaCounts(rows)
  const project = specs?.project ?? null
  return (
    <section className="cqa-table" aria-label="Quality attributes against specifications">
      <h4>Quality attributes against specifications (version {version})</h4>
      <p className="fit-footnote" data-testid="cqa-source">
        {problem !== null ? `The specification could not be read: ${problem}`
          : specs === null ? 'Reading the specification…'
            : specs.project === null ? 'This design is in no project, so no specification applies. Limits are set per project: file the design under one to set them here.'
              : `Specification of the project “${specs.project.name}”${specs.lastChange ? `, last changed ${specs.lastChange.at.slice(0, 10)} by ${specs.lastChange.osUser}` : ''}. Limits are inclusive; every reading of this version must meet its limit.`}
      </p>
      {specs !== null && specs.project === null ? <FileUnderProject designId={designId} onFiled={changed} blocked={readOnly} blockedId={readOnlyId} /> : null}
      {readOnly !== null ? <p id={readOnlyId} className="attach-reason" data-testid="cqa-read-only">{readOnly}</p> : null}
      {notice !== null ? <p className="measurement-notice" role="status">{notice}</p> : null}
      {dirty ? <p className="attach-reason">The form has unsaved edits: the predictions below are of the edited design, not exactly version {version}.</p> : null}
      <table className="fit-table">
        <thead>
          <tr><th scope="col">Attribute</th><th scope="col">Specification</th><th scope="col">Measured (this version)</th><th scope="col">Predicted</th><th scope="col">Status</th>{project !== null ? <th scope="col"><span className="visually-hidden">Limit</span></th> : null}</tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <Fragment key={r.attribute}>
              <tr data-attribute={r.attribute} data-status={r.status}>
                <th scope="row">{r.unit === '' ? r.label : `${r.label} (${r.unit})`}</th>
                <td>{r.spec === null ? '—' : specText(r.spec, r.attribute)}{r.spec !== null && r.spec.note !== '' ? <span className="spec-note-text" title={r.spec.note}> ({r.spec.note})</span> : null}</td>
                <td>{readingsText(r)}</td>
                <td>{predictedText(r)}</td>
                <td className={`cqa-status cqa-${r.status.replace(' ', '-')}`}>{STATUS_WORDS[r.status]}</td>
                {project !== null ? (
                  <td>
                    <button type="button" aria-label={`Edit limit of ${r.label}`} aria-expanded={editing === r.attribute}
                      disabled={readOnly !== null} aria-describedby={readOnly !== null ? readOnlyId : undefined} onClick={() => setEditing(editing === r.attribute ? null : r.attribute)}>
                      Edit limit
                    </button>
                  </td>
                ) : null}
              </tr>
              {project !== null && editing === r.attribute ? (
                <tr className="spec-edit-row">
                  <td colSpan={6}>
                    <SpecEditor
                      projectId={project.projectId}
                      projectName={project.name}
                      attribute={r.attribute}
                      current={specs?.specs.find((l) => l.attribute === r.attribute) ?? null}
                      onDone={changed}
                      onCancel={() => setEditing(null)}
                    />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
      <p className="fit-footnote" data-testid="cqa-counts">{counts.pass} pass, {counts.fail} fail, {counts['not measured']} not measured, {counts['no spec']} without a limit. A prediction is shown with whether it would meet the limit; only measurements pass.</p>
    </section>
  )
}
