import { useId, useRef, useState } from 'react'
import { MAX_BUNDLE_TEXT_LENGTH, type ChannelResponse } from '../../../shared/ipc/contract'
import { getApi } from '../../bridge'
import { downloadText } from '../../lib/download'
import { exportDesigns } from './export-designs'
import { specText } from '../../../shared/quality/specs'
import { useLibraryStore } from '../../stores/library-store'
import './transfer.css'

type ImportSummary = ChannelResponse<'library:import'>

/** What the last export or import did. */
type Outcome =
  | { readonly kind: 'exported'; readonly text: string }
  | { readonly kind: 'imported'; readonly fileName: string; readonly summary: ImportSummary }
  | { readonly kind: 'error'; readonly text: string; readonly issues: ReadonlyArray<{ readonly path: string; readonly message: string }> }
  | null

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/**
 * Moving work between offline machines: export the selected designs (every version and
 * measurement) as one bundle file, and import a bundle file chosen by the user. Also
 * exports the stored summary metrics of the selected designs as CSV (library:metricsCsv).
 *
 * Why: the renderer never touches the file system; export is a download of the text the host
 * produced, import reads the chosen file in the browser and hands its text to the host, which
 * validates it completely before writing anything. The result says what was added, what was
 * already there (skipped) and, for a bad bundle, every problem with its path.
 */
export function TransferPanel(): React.JSX.Element {
  const id = useId()
  const selected = useLibraryStore((s) => s.selected)
  const [outcome, setOutcome] = useState<Outcome>(null)
  const [busy, setBusy] = useState(false)
  const fileRef = useRef<HTMLInputElement>(null)

  const exportSelected = async (): Promise<void> => {
    if (selected.length === 0) return
    setBusy(true)
    const result = await exportDesigns(selected)
    setOutcome(result.ok ? { kind: 'exported', text: result.text } : { kind: 'error', text: result.text, issues: result.issues })
    setBusy(false)
  }

  const exportMetrics = async (): Promise<void> => {
    if (selected.length === 0) return
    setBusy(true)
    try {
      const res = await getApi().metricsCsv({ items: selected.map((designId) => ({ designId })) })
      if (!res.ok) setOutcome({ kind: 'error', text: `Metrics not exported: ${res.message}`, issues: res.issues ?? [] })
      else {
        downloadText(res.value.csv, res.value.fileName, 'text/csv')
        setOutcome({ kind: 'exported', text: `Exported the stored metrics of ${selected.length} design${selected.length === 1 ? '' : 's'} to ${res.value.fileName}.` })
      }
    } catch (e) {
      setOutcome({ kind: 'error', text: `Metrics not exported: ${messageOf(e)}`, issues: [] })
    } finally {
      setBusy(false)
    }
  }

  const importFile = async (file: File): Promise<void> => {
    setBusy(true)
    try {
      if (file.size === 0) {
        setOutcome({ kind: 'error', text: `Not imported: ${file.name} is empty.`, issues: [] })
        return
      }
      const text = await file.text()
      if (text.length > MAX_BUNDLE_TEXT_LENGTH) {
        setOutcome({ kind: 'error', text: `Not imported: ${file.name} is larger than the ${Math.round(MAX_BUNDLE_TEXT_LENGTH / 1024 / 1024)} MB a bundle may be.`, issues: [] })
        return
      }
      const res = await getApi().importBundle({ bundle: text })
      if (!res.ok) {
        setOutcome({ kind: 'error', text: `Nothing was imported from ${file.name}: ${res.message}`, issues: res.issues ?? [] })
        return
      }
      setOutcome({ kind: 'imported', fileName: file.name, summary: res.value })
      await useLibraryStore.getState().changed(`Imported ${file.name}.`)
    } catch (e) {
      setOutcome({ kind: 'error', text: `Nothing was imported from ${file.name}: ${messageOf(e)}`, issues: [] })
    } finally {
      setBusy(false)
      // Let the same file be chosen again (e.g. after fixing it).
      if (fileRef.current) fileRef.current.value = ''
    }
  }

  return (
    <section className="transfer-panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Move designs between machines</h3>
      <div className="transfer-actions">
        <button type="button" disabled={busy || selected.length === 0} onClick={() => void exportSelected()}>
          Export selected ({selected.length})
        </button>
        <button type="button" disabled={busy || selected.length === 0} onClick={() => void exportMetrics()}>
          Export metrics CSV ({selected.length})
        </button>
        <label className="transfer-import">
          Import bundle file
          <input
            ref={fileRef}
            type="file"
            accept=".json,.nfbundle,application/json"
            disabled={busy}
            onChange={(e) => {
              const f = e.target.files?.[0]
              if (f) void importFile(f)
            }}
          />
        </label>
      </div>
      {selected.length === 0 && <p className="transfer-hint">Tick designs in the list to export them as one bundle file.</p>}
      <div aria-live="polite" className="transfer-result">
        {outcome?.kind === 'exported' && <p className="transfer-ok">{outcome.text}</p>}
        {outcome?.kind === 'imported' && <ImportResult fileName={outcome.fileName} summary={outcome.summary} />}
        {outcome?.kind === 'error' && (
          <div className="transfer-error" role="alert">
            <p>{outcome.text}</p>
            {outcome.issues.length > 0 && (
              <ul aria-label="Problems in the bundle">
                {outcome.issues.map((i, k) => <li key={`${k}-${i.path}`}><code>{i.path || '(top level)'}</code>: {i.message}</li>)}
              </ul>
            )}
          </div>
        )}
      </div>
    </section>
  )
}

/** What an import added and skipped, and designs imported under a new id because of a conflict. */
function ImportResult({ fileName, summary: s }: { readonly fileName: string; readonly summary: ImportSummary }): React.JSX.Element {
  return (
    <div className="transfer-ok" role="status">
      <p>Imported {fileName}:</p>
      <ul aria-label="Import result">
        <li>{plural(s.designsAdded, 'design')} added</li>
        <li>{plural(s.versionsAdded, 'version')} added, {s.versionsSkipped} already here (skipped)</li>
        <li>{plural(s.measurementsAdded, 'measurement')} added, {s.measurementsSkipped} already here (skipped)</li>
        {s.specsAdded !== undefined && s.specsAdded + (s.specsSkipped ?? 0) + (s.specConflicts?.length ?? 0) > 0 ? (
          <li>{plural(s.specsAdded, 'specification limit')} added to projects, {s.specsSkipped ?? 0} already here (skipped)</li>
        ) : null}
        {s.profilesAdded !== undefined && s.profilesAdded + (s.profilesSkipped ?? 0) > 0 ? (
          <li>{plural(s.profilesAdded, 'calibration profile')} added{(s.profiles ?? []).filter((p) => p.version !== p.sourceVersion).map((p) => ` (“${p.name}” is version ${p.version} here, ${p.sourceVersion} in the bundle)`).join('')}, {s.profilesSkipped ?? 0} already here (skipped)</li>
        ) : null}
        {s.conflicts.map((c) => (
          <li key={c.sourceDesignId}>Design {c.sourceDesignId} imported as a new design {c.importedAsDesignId}: {c.reason}</li>
        ))}
        {(s.specConflicts ?? []).map((c) => (
          <li key={`${c.projectId}-${c.attribute}`} className="transfer-conflict">
            Specification not changed: {c.reason} (here {specText(c.local, c.attribute)}, bundle {specText(c.bundle, c.attribute)}).
          </li>
        ))}
      </ul>
      {s.backupId && <p className="transfer-hint">A backup was taken before importing ({s.backupId}).</p>}
    </div>
  )
}
