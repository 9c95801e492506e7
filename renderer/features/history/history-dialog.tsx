import { useCallback, useEffect, useId, useState } from 'react'
import { formatQuantity } from '../../../shared/design/format'
import type { ChannelResponse } from '../../../shared/ipc/contract'
import type { Result } from '../../../shared/ipc/result'
import { getApi } from '../../bridge'
import { OverlayDialog } from '../compare/overlay-dialog'
import { useDesignStore } from '../../stores/design-store'
import { useLibraryStore } from '../../stores/library-store'
import { savedButBackupFailedText, useAppInfoStore } from '../../stores/app-info-store'
import { diffValueText, fieldLabel } from './field-label'
import { labelWithUnit } from '../../../shared/design/fields'
import { getMetric } from '../../../shared/metrics/registry'

type History = ChannelResponse<'library:history'>
type Diff = ChannelResponse<'library:diff'>
type Message = { readonly kind: 'ok' | 'error' | 'warning'; readonly text: string } | null

/** "25 Nov 2025, 14:03" in the user's locale; the raw ISO text if unparseable. */
export function formatDateTime(iso: string): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return iso
  return new Date(t).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' })
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

/** The history of a design; a throwing bridge becomes a failed Result. */
async function fetchHistory(designId: string): Promise<Result<History>> {
  try {
    return await getApi().designHistory({ designId })
  } catch (e) {
    return { ok: false, code: 'internal', message: messageOf(e) }
  }
}

/**
 * Every version of one design (date, note, key metrics), a field-by-field diff between any
 * two of them with units, and "Restore this version", which the host saves as a new version
 * (history is never rewritten) and which is then loaded into the form.
 *
 * Why: versions are immutable, so restoring is an append; the form is only replaced when it
 * holds no unsaved edits, otherwise the user is told where the restored version is and
 * nothing they typed is lost.
 */
export function HistoryDialog({ designId, onClose }: { readonly designId: string; readonly onClose: () => void }): React.JSX.Element {
  const uid = useId()
  const [history, setHistory] = useState<History | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [fromVersion, setFromVersion] = useState<number | null>(null)
  const [toVersion, setToVersion] = useState<number | null>(null)
  const [diff, setDiff] = useState<Diff | null>(null)
  const [diffError, setDiffError] = useState<string | null>(null)
  const [message, setMessage] = useState<Message>(null)
  const [busy, setBusy] = useState(false)
  const [confirmOpen, setConfirmOpen] = useState<number | null>(null)

  const load = useCallback(async (): Promise<History | null> => {
    const res = await fetchHistory(designId)
    if (!res.ok) {
      setError(res.message)
      return null
    }
    setError(null)
    setHistory(res.value)
    return res.value
  }, [designId])

  useEffect(() => {
    let live = true
    void fetchHistory(designId).then((res) => {
      if (!live) return
      if (!res.ok) {
        setError(res.message)
        return
      }
      setHistory(res.value)
      const n = res.value.versions.length
      const latest = res.value.versions[n - 1]?.version ?? null
      setToVersion(latest)
      setFromVersion(res.value.versions[Math.max(0, n - 2)]?.version ?? latest)
    })
    return () => {
      live = false
    }
  }, [designId])

  useEffect(() => {
    if (fromVersion === null || toVersion === null) return
    let live = true
    void getApi().diffVersions({ from: { designId, version: fromVersion }, to: { designId, version: toVersion } })
      .then((res) => {
        if (!live) return
        setDiff(res.ok ? res.value : null)
        setDiffError(res.ok ? null : res.message)
      }, (e: unknown) => {
        if (live) setDiffError(messageOf(e))
      })
    return () => {
      live = false
    }
  }, [designId, fromVersion, toVersion])

  const openVersion = async (version: number): Promise<void> => {
    const { dirty, designId: openId } = useDesignStore.getState()
    if (dirty && confirmOpen !== version) {
      setConfirmOpen(version)
      setMessage({ kind: 'warning', text: `The form has unsaved changes${openId === designId ? ' to this design' : ''}. Press "Open" on version ${version} again to discard them and open it.` })
      return
    }
    setConfirmOpen(null)
    const ok = await useDesignStore.getState().open(designId, version)
    setMessage(ok ? { kind: 'ok', text: `Opened version ${version} in the form.` } : { kind: 'error', text: `Could not open version ${version}: ${statusText()}` })
  }

  const restore = async (version: number): Promise<void> => {
    setBusy(true)
    try {
      const res = await getApi().restoreVersion({ designId, version })
      if (!res.ok) {
        setMessage({ kind: 'error', text: `Version ${version} was not restored: ${res.message}` })
        return
      }
      const created = res.value.version
      // The restore is committed; a backup it triggered may have failed (the footer keeps that).
      const backupWarning = res.value.backupWarning
      void useAppInfoStore.getState().noteWrite(res.value)
      const told = (m: NonNullable<Message>): Message => (backupWarning === undefined || m.kind === 'error'
        ? m
        : { kind: 'warning', text: savedButBackupFailedText(m.text, backupWarning) })
      const h = await load()
      if (h) {
        setFromVersion(version)
        setToVersion(created)
      }
      await useLibraryStore.getState().changed(`Version ${version} restored as version ${created}.`)
      if (useDesignStore.getState().dirty) {
        setMessage(told({ kind: 'warning', text: `Version ${version} restored as version ${created}. The form still holds your unsaved changes; open version ${created} when you are ready.` }))
        return
      }
      const opened = await useDesignStore.getState().open(designId, created)
      setMessage(told(opened
        ? { kind: 'ok', text: `Version ${version} restored as version ${created} and opened in the form.` }
        : { kind: 'error', text: `Version ${version} restored as version ${created}, but it could not be opened: ${statusText()}` }))
    } catch (e) {
      setMessage({ kind: 'error', text: `Version ${version} was not restored: ${messageOf(e)}` })
    } finally {
      setBusy(false)
    }
  }

  const versions = history?.versions ?? []
  const latest = versions[versions.length - 1]?.version
  // The version open in the form when it is this design's, else the latest: its approvals are shown.
  const openState = useDesignStore((s) => (s.designId === designId ? s.version : null))
  const shownVersion = versions.find((v) => v.version === openState) ?? versions[versions.length - 1]
  return (
    <OverlayDialog title={history ? `History of ${history.name}` : 'History'} onClose={onClose} className="history-dialog">
      {error && <p className="history-message error" role="alert">Could not load the history: {error}</p>}
      {!history && !error && <p className="compare-status">Loading history…</p>}
      {message && <p className={`history-message ${message.kind}`} role="status">{message.text}</p>}
      {history && (
        <>
          <section aria-label="Versions">
            <h3>{versions.length} version{versions.length === 1 ? '' : 's'}</h3>
            <table className="compare-table history-table" aria-label="Versions">
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Saved</th>
                  <th scope="col">Note</th>
                  <th scope="col">Name</th>
                  {/* Named and unitted as the metric registry names them (one spelling with compare). */}
                  <th scope="col">{labelWithUnit(getMetric('selectivityIndex'))}</th>
                  <th scope="col">{labelWithUnit(getMetric('t50PlasmaH'))}</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {[...versions].reverse().map((v) => (
                  <tr key={v.version} data-version={v.version}>
                    <th scope="row">{v.version}{v.version === latest ? ' (latest)' : ''}</th>
                    <td><time dateTime={v.createdAt}>{formatDateTime(v.createdAt)}</time></td>
                    <td className="history-note">{v.note || '—'}</td>
                    <td>{v.name}</td>
                    <td>{v.metrics.selectivityIndex === null ? '—' : formatQuantity(v.metrics.selectivityIndex)}</td>
                    <td>{v.metrics.t50PlasmaH === null ? 'not reached' : formatQuantity(v.metrics.t50PlasmaH)}</td>
                    <td>
                      <span className="history-actions">
                        <button type="button" aria-label={`Open version ${v.version}`} onClick={() => void openVersion(v.version)}>Open</button>
                        {v.version !== latest && (
                          <button type="button" aria-label={`Restore this version (version ${v.version})`} disabled={busy} onClick={() => void restore(v.version)}>
                            Restore this version
                          </button>
                        )}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          {shownVersion && (
            <section aria-label="Approvals">
              {/* Read-only: approvals are signed with `nanoforge db approve` and cannot be changed (issue #16). */}
              <h3>Approvals of version {shownVersion.version}{shownVersion.version === openState ? ' (open)' : ' (latest)'}</h3>
              {(shownVersion.approvals ?? []).length === 0
                ? <p className="compare-status">No approvals of this version.</p>
                : (
                  <table className="compare-table history-approvals" aria-label={`Approvals of version ${shownVersion.version}`}>
                    <thead>
                      <tr>
                        <th scope="col">Meaning</th>
                        <th scope="col">Signed by</th>
                        <th scope="col">Signed</th>
                      </tr>
                    </thead>
                    <tbody>
                      {(shownVersion.approvals ?? []).map((a) => (
                        <tr key={`${a.at}-${a.signerUser}-${a.meaning}`}>
                          <td>{a.meaning}</td>
                          <td>{a.signerName === a.signerUser ? a.signerName : `${a.signerName} (${a.signerUser})`}</td>
                          <td><time dateTime={a.at}>{formatDateTime(a.at)}</time></td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
            </section>
          )}

          <section aria-label="Differences between versions">
            <div className="compare-toolbar">
              <h3>Differences</h3>
              <span className="select-field">
                <label htmlFor={`${uid}-1`}>From version</label>
                <select id={`${uid}-1`} value={fromVersion ?? ''} onChange={(e) => setFromVersion(Number(e.target.value))}>
                  {versions.map((v) => <option key={v.version} value={v.version}>{v.version}</option>)}
                </select>
              </span>
              <span className="select-field">
                <label htmlFor={`${uid}-2`}>To version</label>
                <select id={`${uid}-2`} value={toVersion ?? ''} onChange={(e) => setToVersion(Number(e.target.value))}>
                  {versions.map((v) => <option key={v.version} value={v.version}>{v.version}</option>)}
                </select>
              </span>
            </div>
            {diffError && <p className="history-message error" role="alert">Could not compare the versions: {diffError}</p>}
            {diff && diff.changes.length === 0 && (
              <p className="compare-status">
                {fromVersion === toVersion ? 'Pick two different versions to see what changed.' : `Versions ${fromVersion} and ${toVersion} have the same parameters.`}
              </p>
            )}
            {diff && diff.changes.length > 0 && (
              <table className="compare-table" aria-label={`Changes from version ${diff.from.version} to version ${diff.to.version}`}>
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Unit</th>
                    <th scope="col">Version {diff.from.version}</th>
                    <th scope="col">Version {diff.to.version}</th>
                  </tr>
                </thead>
                <tbody>
                  {diff.changes.map((c) => (
                    <tr key={c.path} className="differs" data-path={c.path}>
                      {/* The JSON path stays available as a tooltip for whoever edits files by hand. */}
                      <th scope="row" title={c.path}>{fieldLabel(c.path)}</th>
                      <td>{c.unit || '—'}</td>
                      <td className="diff-value">{diffValueText(c.path, c.before, c.unit)}</td>
                      <td className="diff-value">{diffValueText(c.path, c.after, c.unit)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </OverlayDialog>
  )
}

/** The design store's last status message, for error reports after an open. */
function statusText(): string {
  const s = useDesignStore.getState().status
  return 'message' in s ? s.message : 'unknown problem'
}
