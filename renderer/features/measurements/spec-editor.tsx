import { useEffect, useId, useState } from 'react'
import { cqaAttribute, type CqaAttribute, type CqaAttributeId } from '../../../shared/quality/attributes'
import { MAX_SPEC_NOTE, type SpecLimit, type SpecLimitValues } from '../../../shared/quality/specs'
import { formatQuantity } from '../../../shared/design/format'
import { getApi } from '../../bridge'
import { useLibraryStore } from '../../stores/library-store'
import { parseNumberField } from './add-readings'

/** One problem of a limit being typed, at the request's path (`spec.min`), as the host reports it. */
export interface SpecDraftIssue {
  readonly path: string
  readonly message: string
}

/**
 * The typed limit as the `measurement:setSpec` request's `spec`, or what is wrong with the text
 * (a box that holds something that is not a number). Empty boxes are "no limit on that side";
 * every rule about the values themselves (inside the attribute's range, min ≤ max, at least one
 * side) is the host's one schema (shared/quality/specs.ts SpecLimitInput), answered with its
 * paths, so it is not restated here.
 */
export function specDraftToInput(attribute: CqaAttributeId, minText: string, maxText: string, note: string):
  { readonly ok: true; readonly spec: SpecLimitValues } | { readonly ok: false; readonly issues: SpecDraftIssue[] } {
  const issues: SpecDraftIssue[] = []
  const side = (text: string, path: string): number | null => {
    if (text.trim() === '') return null
    const n = parseNumberField(text.replace('\u2212', '-'))
    if (n === null) issues.push({ path, message: `“${text.trim()}” is not a number` })
    return n
  }
  const min = side(minText, 'spec.min')
  const max = side(maxText, 'spec.max')
  if (issues.length > 0) return { ok: false, issues }
  return { ok: true, spec: { attribute, min, max, note } }
}

/**
 * The values an attribute's limit may take, in words, from the registry's bounds
 * (shared/quality/attributes.ts): "above 0 nm, at most 100,000 nm".
 */
export function allowedRangeText(a: CqaAttribute): string {
  // Bounds are round validation numbers (0, 1, 100, 10^6): written out whole with thousands
  // separators ("1,000,000 EU/mL"), never as 1.00000 × 10⁶ nor as an unreadable 1000000.
  const n = (v: number): string => (Number.isInteger(v) ? `${v.toLocaleString('en-US')}${a.unit === '' ? '' : ` ${a.unit}`}` : formatQuantity(v, a.unit, 6))
  return a.minExclusive === true ? `above ${n(a.min)}, at most ${n(a.max)}` : `from ${n(a.min)} to ${n(a.max)}`
}

/** A failed write's words: what was refused and that nothing was written. */
function refusalText(res: { readonly code: string; readonly message: string; readonly issues?: ReadonlyArray<SpecDraftIssue> }): string {
  if (res.code === 'read-only') return `The library is read-only (${res.message}); nothing was written.`
  if (res.issues !== undefined && res.issues.length > 0) return `${res.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}. Nothing was written.`
  return `${res.message} Nothing was written.`
}

/**
 * Sets or clears one attribute's limit of a project, inline under its row of the CQA table
 * (issue #16). The unit and the allowed range come from the attribute registry; the write is
 * `measurement:setSpec` / `measurement:clearSpec`, the same store functions and audit entries as
 * `nanoforge db specs set|clear`. A refused limit keeps what was typed and names the field.
 */
export function SpecEditor({ projectId, projectName, attribute, current, onDone, onCancel }: {
  readonly projectId: string
  readonly projectName: string
  readonly attribute: CqaAttributeId
  readonly current: SpecLimit | null
  /** Called after a write that changed the specification (the table reloads it). */
  readonly onDone: (message: string) => void
  readonly onCancel: () => void
}): React.JSX.Element {
  const id = useId()
  const a = cqaAttribute(attribute)
  const unit = a.unit === '' ? '' : ` (${a.unit})`
  const [minText, setMinText] = useState(current?.min === null || current === null ? '' : String(current.min))
  const [maxText, setMaxText] = useState(current?.max === null || current === null ? '' : String(current.max))
  const [note, setNote] = useState(current?.note ?? '')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const save = async (): Promise<void> => {
    const draft = specDraftToInput(attribute, minText, maxText, note)
    if (!draft.ok) {
      setProblem(`${draft.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}. Nothing was written.`)
      return
    }
    setBusy(true)
    const res = await getApi().setSpecLimit({ projectId, spec: draft.spec })
    setBusy(false)
    if (!res.ok) {
      setProblem(refusalText(res))
      return
    }
    setProblem(null)
    onDone(`${a.label}: limit set for the project “${projectName}” (logged in the audit trail).${res.value.backupWarning !== undefined ? ` ${res.value.backupWarning}` : ''}`)
  }
  const clear = async (): Promise<void> => {
    setBusy(true)
    const res = await getApi().clearSpecLimit({ projectId, attribute })
    setBusy(false)
    if (!res.ok) {
      setProblem(refusalText(res))
      return
    }
    setProblem(null)
    onDone(res.value.cleared ? `${a.label}: limit removed from the project “${projectName}” (logged in the audit trail).` : `${a.label} had no limit; nothing was written.`)
  }

  return (
    <form
      className="spec-editor"
      aria-label={`Limit of ${a.label}`}
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <div className="reading-row">
        <label htmlFor={`${id}-min`}>Lower limit{unit}</label>
        <input id={`${id}-min`} type="text" inputMode="decimal" value={minText} onChange={(e) => setMinText(e.target.value)} />
        <label htmlFor={`${id}-max`}>Upper limit{unit}</label>
        <input id={`${id}-max`} type="text" inputMode="decimal" value={maxText} onChange={(e) => setMaxText(e.target.value)} />
        <label htmlFor={`${id}-note`}>Justification</label>
        <input id={`${id}-note`} className="spec-note" type="text" maxLength={MAX_SPEC_NOTE} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <p className="fit-footnote">
        Inclusive; leave a side empty for no limit on it. {a.label} is {allowedRangeText(a)}. The limit applies to every design of the project “{projectName}”.
      </p>
      {problem !== null ? <p className="measurement-notice error" role="alert">{problem}</p> : null}
      <div className="draft-actions">
        <button type="submit" disabled={busy}>Save limit</button>
        {current !== null ? <button type="button" disabled={busy} onClick={() => void clear()}>Clear limit</button> : null}
        <button type="button" disabled={busy} onClick={onCancel}>Cancel</button>
      </div>
    </form>
  )
}

/**
 * For a design in no project: limits are the project's, so offer the library's projects to
 * file the design under, through the library panel's own store (`library:moveToProject`; the
 * panel's list and its project picker follow), or say where to create one. The list is the
 * store's, so a project created in the Library panel appears here at once. `blocked` (a library
 * opened read-only) disables the picker, pointing at the element `blockedId` that says why.
 */
export function FileUnderProject({ designId, onFiled, blocked = null, blockedId }: {
  readonly designId: string
  readonly onFiled: (message: string) => void
  readonly blocked?: string | null
  readonly blockedId?: string
}): React.JSX.Element | null {
  const id = useId()
  const projects = useLibraryStore((s) => s.projects)
  const [chosen, setChosen] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => {
    void useLibraryStore.getState().refreshProjects()
  }, [designId])

  if (projects.length === 0) {
    // Creating a project is a write too: a read-only library gets only the reason (shown by the table).
    if (blocked !== null) return null
    return <p className="fit-footnote" data-testid="cqa-no-projects">To set limits, create a project in the Library panel (New project name, Create project) and file this design under it; the limits are then set here.</p>
  }
  const target = projects.find((p) => p.projectId === chosen) ?? projects[0]!
  const file = async (): Promise<void> => {
    const filed = await useLibraryStore.getState().moveToProject([designId], target.projectId)
    if (!filed) {
      const notice = useLibraryStore.getState().notice
      setProblem(`Not filed: ${notice?.message ?? 'the library refused the change'}`)
      return
    }
    setProblem(null)
    onFiled(`Design filed under the project “${target.name}”.`)
  }
  return (
    <form
      className="reading-row"
      aria-label="File under a project"
      onSubmit={(e) => {
        e.preventDefault()
        if (blocked === null) void file()
      }}
    >
      <label htmlFor={`${id}-project`}>File this design under the project</label>
      <select id={`${id}-project`} value={target.projectId} disabled={blocked !== null} onChange={(e) => setChosen(e.target.value)}>
        {projects.map((p) => <option key={p.projectId} value={p.projectId}>{p.name}</option>)}
      </select>
      <button type="submit" disabled={blocked !== null} aria-describedby={blocked !== null ? blockedId : undefined}>File under project</button>
      {problem !== null ? <span className="measurement-notice error" role="alert">{problem}</span> : null}
    </form>
  )
}
