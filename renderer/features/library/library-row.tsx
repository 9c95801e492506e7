import { useId, useState } from 'react'
import { formatQuantity } from '../../../shared/design/format'
import type { LibraryItem } from '../../../shared/ipc/contract'
import { catalogName } from '../../scene/scene-palette'
import { useLibraryStore } from '../../stores/library-store'
import { exportDesigns } from '../transfer/export-designs'

/** "25 Nov 2025, 14:03" in the user's locale; the raw ISO text if unparseable. */
export function formatDate(iso: string): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return iso
  return new Date(t).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
}

/** One-line description of a saved design for its list entry and accessible name. */
export function summaryLine(d: Pick<LibraryItem, 'coreMaterial' | 'coreDiameterNm' | 'disease' | 'latestVersion'>): string {
  // the app's one number format: a design from the optimiser can carry 131.543007751 nm
  return `${catalogName(d.coreMaterial)}, ${formatQuantity(d.coreDiameterNm, 'nm')}, ${catalogName(d.disease)}, version ${d.latestVersion}`
}

/**
 * The stored summary metrics of a design, with units ("SI 3.2 · t50 12 h · 145 nm"); metrics
 * the engine could not compute are left out.
 */
export function metricsLine(m: LibraryItem['metrics']): string {
  const parts: string[] = []
  if (m.selectivityIndex !== null) parts.push(`SI ${formatQuantity(m.selectivityIndex)}`)
  if (m.t50PlasmaH !== null) parts.push(`t50 ${formatQuantity(m.t50PlasmaH, 'h')}`)
  if (m.hydrodynamicDiameterNm !== null) parts.push(`${formatQuantity(m.hydrodynamicDiameterNm, 'nm')} hydrodynamic`)
  if (m.bloodHalfLifeH !== null) parts.push(`blood t½ ${formatQuantity(m.bloodHalfLifeH, 'h')}`)
  return parts.join(' · ')
}

/**
 * One design in the library: a tick box for comparison/export, the open button (name,
 * summary, metrics, date), its tags, and an "Actions" disclosure with duplicate, rename,
 * history, tag editing and move to trash.
 *
 * Why: the open button keeps the design's name as its accessible name and the action
 * buttons are named by what they do, so each row reads as "name … Actions" to a screen
 * reader and keyboard users reach every action without a pointer. Nothing is changed until
 * the host confirms; failures show in the panel's status line.
 */
export function LibraryRow({ item, isOpen, selected, onOpen }: {
  readonly item: LibraryItem
  readonly isOpen: boolean
  readonly selected: boolean
  readonly onOpen: () => void
}): React.JSX.Element {
  const toggleSelected = useLibraryStore((s) => s.toggleSelected)
  const [actionsOpen, setActionsOpen] = useState(false)
  const metrics = metricsLine(item.metrics)
  return (
    <li className="library-row" data-design-id={item.designId}>
      <div className="library-row-main">
        <input
          type="checkbox"
          className="library-select"
          aria-label={`Select ${item.name}`}
          checked={selected}
          onChange={() => toggleSelected(item.designId)}
        />
        <button type="button" className="library-item" aria-current={isOpen ? 'true' : undefined} onClick={onOpen}>
          <span className="library-name">{item.name}</span>
          <span className="library-meta">
            {summaryLine(item)} · {formatDate(item.updatedAt)}
          </span>
          {metrics && <span className="library-metrics">{metrics}</span>}
        </button>
      </div>
      {item.tags.length > 0 && (
        <ul className="library-tags" aria-label="Tags">
          {item.tags.map((t) => <li key={t} className="library-tag">{t}</li>)}
        </ul>
      )}
      {item.note && <p className="library-note">{item.note}</p>}
      <details className="library-actions" onToggle={(e) => setActionsOpen(e.currentTarget.open)}>
        <summary>Actions</summary>
        {actionsOpen && <RowActions item={item} />}
      </details>
    </li>
  )
}

/**
 * The actions of one design, rendered only while its disclosure is open (a long list stays
 * light, and closed rows expose no hidden controls).
 */
function RowActions({ item }: { readonly item: LibraryItem }): React.JSX.Element {
  const { duplicate, rename, moveToTrash, addTag, removeTag, openHistory, notify, setNote, moveToProject } = useLibraryStore.getState()
  const projects = useLibraryStore((s) => s.projects)
  const projectSelectId = useId()
  const [renaming, setRenaming] = useState(false)
  const [note, setNoteText] = useState(item.note)
  const [newName, setNewName] = useState(item.name)
  const [newTag, setNewTag] = useState('')
  return (
    <>
      <div className="library-action-buttons">
        <button type="button" onClick={() => void duplicate(item.designId)}>Duplicate</button>
        <button type="button" onClick={() => { setNewName(item.name); setRenaming((r) => !r) }} aria-expanded={renaming}>Rename…</button>
        <button type="button" onClick={() => openHistory(item.designId)}>History</button>
        <button
          type="button"
          onClick={() => void exportDesigns([item.designId]).then((r) => notify({ kind: r.ok ? 'ok' : 'error', message: r.text }))}
        >
          Export
        </button>
        <button type="button" className="library-danger" onClick={() => void moveToTrash(item.designId)}>Move to trash</button>
      </div>
      {renaming && (
        <form
          className="library-inline-form"
          onSubmit={(e) => {
            e.preventDefault()
            void rename(item.designId, newName).then((ok) => {
              if (ok) setRenaming(false)
            })
          }}
        >
          <label>
            New name
            <input type="text" value={newName} maxLength={200} onChange={(e) => setNewName(e.target.value)} />
          </label>
          <button type="submit">Save name</button>
        </form>
      )}
      <form
        className="library-inline-form"
        onSubmit={(e) => {
          e.preventDefault()
          void addTag(item.designId, newTag).then((ok) => {
            if (ok) setNewTag('')
          })
        }}
      >
        <label>
          New tag
          <input type="text" value={newTag} maxLength={64} onChange={(e) => setNewTag(e.target.value)} />
        </label>
        <button type="submit">Add tag</button>
      </form>
      {item.tags.length > 0 && (
        <div className="library-tag-remove">
          {item.tags.map((t) => (
            <button key={t} type="button" aria-label={`Remove tag ${t}`} onClick={() => void removeTag(item.designId, t)}>
              {t} ×
            </button>
          ))}
        </div>
      )}
      {projects.length > 0 && (
        <div className="library-inline-form">
          <label htmlFor={projectSelectId}>Project</label>
          <select
            id={projectSelectId}
            value={item.projectId ?? ''}
            onChange={(e) => void moveToProject([item.designId], e.target.value === '' ? null : e.target.value)}
          >
            <option value="">No project</option>
            {projects.map((p) => <option key={p.projectId} value={p.projectId}>{p.name}</option>)}
          </select>
        </div>
      )}
      <form
        className="library-inline-form library-note-form"
        onSubmit={(e) => {
          e.preventDefault()
          void setNote(item.designId, note)
        }}
      >
        <label>
          Design note
          <textarea value={note} maxLength={20_000} rows={2} onChange={(e) => setNoteText(e.target.value)} />
        </label>
        <button type="submit" disabled={note === item.note}>Save note</button>
      </form>
    </>
  )
}
