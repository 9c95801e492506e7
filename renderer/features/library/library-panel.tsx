import { useId } from 'react'
import type { DesignSummary } from '../../../shared/ipc/contract'
import { catalogName } from '../../scene/scene-palette'
import { useDesignStore } from '../../stores/design-store'
import { useLibraryStore } from '../../stores/library-store'

/** "25 Nov 2025, 14:03" in the user's locale; the raw ISO text if unparseable. */
function formatDate(iso: string): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return iso
  return new Date(t).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
}

/** One-line description of a saved design for its list entry and accessible name. */
export function summaryLine(d: DesignSummary): string {
  return `${catalogName(d.coreMaterial)}, ${d.coreDiameterNm} nm, ${catalogName(d.disease)}, version ${d.latestVersion}`
}

/**
 * The saved-design library: a search box and the list of designs (name, core, diameter,
 * disease, latest version, date). Activating an entry (click, Enter or Space) opens its
 * latest version in the form.
 *
 * Why: each entry is a real button inside a list, so it is in the tab order and announced
 * with its name and summary without custom key handling; the open design is marked with
 * aria-current. Searching is done by the host (same query as `nanoforge db list`).
 */
export function LibraryPanel(): React.JSX.Element {
  const id = useId()
  const { items, total, query, loading, error, loaded, setQuery } = useLibraryStore()
  const openDesign = useDesignStore((s) => s.open)
  const openId = useDesignStore((s) => s.designId)
  return (
    <nav className="library-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Library</h2>
      <input
        type="search"
        className="library-search"
        aria-label="Search designs"
        placeholder="Search designs"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {error && <p className="library-error" role="alert">Could not load the library: {error}</p>}
      <p className="library-count" aria-live="polite">
        {!loaded ? 'Loading…' : `${total} design${total === 1 ? '' : 's'}${query.trim() ? ' found' : ''}${loading ? ' (updating…)' : ''}`}
      </p>
      <ul className="library-list" aria-label="Saved designs">
        {items.map((d) => (
          <li key={d.designId}>
            <button
              type="button"
              className="library-item"
              aria-current={d.designId === openId ? 'true' : undefined}
              onClick={() => void openDesign(d.designId)}
            >
              <span className="library-name">{d.name}</span>
              <span className="library-meta">
                {summaryLine(d)} · {formatDate(d.updatedAt)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {loaded && items.length === 0 && !error && (
        <p className="library-empty">{query.trim() ? 'No design matches the search.' : 'No saved designs yet. Save one from the form.'}</p>
      )}
    </nav>
  )
}
