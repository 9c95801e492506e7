import { useEffect, useId } from 'react'
import { useDesignStore } from '../../stores/design-store'
import { COMPARE_MAX, COMPARE_MIN, useLibraryStore } from '../../stores/library-store'
import { CompareDialog } from '../compare/compare-dialog'
import { ComparisonReportButton } from '../report/comparison-report-button'
import { CalibrateDialog } from '../calibrate/calibrate-dialog'
import { useCalibrateStore } from '../calibrate/calibrate-store'
import { HistoryDialog } from '../history/history-dialog'
import { BackupsPanel } from '../transfer/backups-panel'
import { TransferPanel } from '../transfer/transfer-panel'
import { GettingStarted } from '../welcome/getting-started'
import { LibraryControls } from './library-controls'
import { formatDate, LibraryRow, summaryLine } from './library-row'
import './library.css'

export { summaryLine } from './library-row'

/**
 * The saved-design library: search, sort and filters, the list of designs (or the trash),
 * the selection for comparing and exporting, import, and the comparison and history
 * overlays it opens.
 *
 * Why: each entry's open control is a real button inside a list, so it is in the tab order
 * and announced with its name and summary without custom key handling; the open design is
 * marked with aria-current. Searching, sorting and filtering are done by the host (same
 * query as `nanoforge db list`). Deleting moves to a trash the user can restore from.
 */
export function LibraryPanel(): React.JSX.Element {
  const id = useId()
  const {
    items, total, query, loading, error, loaded, setQuery, view, setView, trash, trashTotal,
    selected, notice, compareIds, historyId, filters, clearSelection, openCompare, closeCompare,
    closeHistory, openHistory, restoreFromTrash,
  } = useLibraryStore()
  const openDesign = useDesignStore((s) => s.open)
  const openId = useDesignStore((s) => s.designId)
  const filtersSet = filters.tag !== '' || filters.disease !== '' || filters.coreMaterial !== '' || filters.projectId !== ''
  const filtered = query.trim() !== '' || filtersSet
  const canCompare = selected.length >= COMPARE_MIN && selected.length <= COMPARE_MAX
  const calibrateIds = useCalibrateStore((s) => s.dialogDesignIds)

  useEffect(() => {
    void useLibraryStore.getState().refreshTags()
    void useLibraryStore.getState().refreshProjects()
  }, [])

  return (
    <nav className="library-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Library</h2>
      <div className="library-views" role="group" aria-label="Library view">
        <button type="button" aria-pressed={view === 'designs'} onClick={() => setView('designs')}>Designs</button>
        <button type="button" aria-pressed={view === 'trash'} onClick={() => setView('trash')}>Trash{trashTotal > 0 ? ` (${trashTotal})` : ''}</button>
      </div>
      {notice && (
        <p className={`library-notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>{notice.message}</p>
      )}

      {view === 'designs' && (
        <>
          <input
            type="search"
            className="library-search"
            aria-label="Search designs"
            placeholder="Search designs"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <LibraryControls />
          {error && <p className="library-error" role="alert">Could not load the library: {error}</p>}
          <p className="library-count" aria-live="polite">
            {!loaded ? 'Loading…' : `${total} design${total === 1 ? '' : 's'}${filtered ? ' found' : ''}${loading ? ' (updating…)' : ''}`}
          </p>
          <div className="library-selection" role="group" aria-label="Selected designs">
            <button
              type="button"
              disabled={!canCompare}
              onClick={() => openCompare(selected)}
              title={canCompare ? undefined : `Tick ${COMPARE_MIN} to ${COMPARE_MAX} designs to compare them`}
            >
              Compare selected ({selected.length})
            </button>
            <ComparisonReportButton designIds={selected} />
            <button type="button" disabled={selected.length === 0} onClick={() => useCalibrateStore.getState().openDialog(selected)}
              title={selected.length === 0 ? 'Tick the designs whose in-vivo and release data the engine should learn from' : undefined}>
              Calibrate selected ({selected.length})
            </button>
            {openId && (
              <button type="button" onClick={() => openHistory(openId)}>History of the open design</button>
            )}
            {selected.length > 0 && <button type="button" onClick={clearSelection}>Clear selection</button>}
          </div>
          {selected.length > COMPARE_MAX && <p className="library-hint">Compare takes at most {COMPARE_MAX} designs; untick some.</p>}
          <ul className="library-list" aria-label="Saved designs">
            {items.map((d) => (
              <LibraryRow
                key={d.designId}
                item={d}
                isOpen={d.designId === openId}
                selected={selected.includes(d.designId)}
                onOpen={() => void openDesign(d.designId)}
              />
            ))}
          </ul>
          {loaded && items.length === 0 && !error && (
            <p className="library-empty">{!filtered ? 'No saved designs yet. Save one from the form.' : filtersSet ? 'No design matches the search and filters.' : 'No design matches the search.'}</p>
          )}
          <GettingStarted />
          <TransferPanel />
          <BackupsPanel />
        </>
      )}

      {view === 'trash' && (
        <>
          <p className="library-count" aria-live="polite">{trashTotal} design{trashTotal === 1 ? '' : 's'} in the trash</p>
          <ul className="library-list" aria-label="Designs in the trash">
            {trash.map((d) => (
              <li key={d.designId} className="library-row library-trashed">
                <span className="library-name">{d.name}</span>
                <span className="library-meta">{summaryLine(d)} · deleted {formatDate(d.deletedAt)}</span>
                <button type="button" aria-label={`Restore ${d.name}`} onClick={() => void restoreFromTrash(d.designId)}>Restore</button>
              </li>
            ))}
          </ul>
          {trash.length === 0 && <p className="library-empty">The trash is empty.</p>}
        </>
      )}

      {compareIds && <CompareDialog key={compareIds.join(',')} designIds={compareIds} onClose={closeCompare} />}
      {calibrateIds && <CalibrateDialog key={calibrateIds.join(',')} designIds={calibrateIds} onClose={() => useCalibrateStore.getState().closeDialog()} />}
      {historyId && <HistoryDialog key={historyId} designId={historyId} onClose={closeHistory} />}
    </nav>
  )
}
