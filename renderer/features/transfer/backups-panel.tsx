import { useState } from 'react'
import type { ChannelResponse } from '../../../shared/ipc/contract'
import { getApi } from '../../bridge'
import { formatDate } from '../library/library-row'
import { useLibraryStore } from '../../stores/library-store'
import { useAppInfoStore } from '../../stores/app-info-store'

type Backups = ChannelResponse<'library:listBackups'>
type Message = { readonly kind: 'ok' | 'error' | 'warning'; readonly text: string } | null

/** "1.2 MB", "830 kB" (decimal units, as file managers show them). */
export function sizeText(bytes: number): string {
  if (bytes >= 1e6) return `${(bytes / 1e6).toPrecision(3)} MB`
  if (bytes >= 1e3) return `${(bytes / 1e3).toPrecision(3)} kB`
  return `${bytes} B`
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

/**
 * The library's backups: list them (newest first, with why each was taken), take one now,
 * and restore one after a second, explicit confirmation.
 *
 * Why: backups are taken before every migration and import and daily (issue 5, "Trust");
 * restoring one must be possible from the app, and must itself be undoable, so the host
 * backs up the current library first and the message names that safety backup. The list is
 * loaded only when the section is opened.
 */
export function BackupsPanel(): React.JSX.Element {
  const [backups, setBackups] = useState<Backups | null>(null)
  const [message, setMessage] = useState<Message>(null)
  const [busy, setBusy] = useState(false)
  const [confirming, setConfirming] = useState<string | null>(null)

  const load = async (): Promise<void> => {
    try {
      const res = await getApi().listBackups({})
      if (res.ok) setBackups(res.value)
      else setMessage({ kind: 'error', text: `Could not list the backups: ${res.message}` })
    } catch (e) {
      setMessage({ kind: 'error', text: `Could not list the backups: ${messageOf(e)}` })
    }
  }

  const backupNow = async (): Promise<void> => {
    setBusy(true)
    try {
      const res = await getApi().backupNow({})
      setMessage(res.ok ? { kind: 'ok', text: `Backup taken (${res.value.backupId}, ${sizeText(res.value.sizeBytes)}).` } : { kind: 'error', text: `No backup taken: ${res.message}` })
      // A backup that works clears the footer's warning; one that fails raises it (the host keeps both).
      await Promise.all([load(), useAppInfoStore.getState().refresh()])
    } catch (e) {
      setMessage({ kind: 'error', text: `No backup taken: ${messageOf(e)}` })
    } finally {
      setBusy(false)
    }
  }

  const restore = async (backupId: string): Promise<void> => {
    if (confirming !== backupId) {
      setConfirming(backupId)
      setMessage({ kind: 'warning', text: `Restoring replaces the whole library with ${backupId}. The library as it is now is backed up first. Press "Confirm restore" to go ahead.` })
      return
    }
    setConfirming(null)
    setBusy(true)
    try {
      const res = await getApi().restoreBackup({ backupId })
      if (!res.ok) {
        setMessage({ kind: 'error', text: `Not restored: ${res.message}` })
        return
      }
      setMessage({ kind: 'ok', text: `Restored ${res.value.restoredBackupId}. The library as it was is kept as ${res.value.safetyBackupId}.` })
      await Promise.all([load(), useAppInfoStore.getState().refresh(), useLibraryStore.getState().changed(`Library restored from ${res.value.restoredBackupId}.`)])
    } catch (e) {
      setMessage({ kind: 'error', text: `Not restored: ${messageOf(e)}` })
    } finally {
      setBusy(false)
    }
  }

  return (
    <details
      className="backups-panel"
      onToggle={(e) => {
        if (e.currentTarget.open && backups === null) void load()
      }}
    >
      <summary>Backups</summary>
      <button type="button" disabled={busy} onClick={() => void backupNow()}>Back up now</button>
      {message && <p className={`transfer-message ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>{message.text}</p>}
      {backups && (
        <>
          <p className="transfer-hint">Kept in {backups.directory}</p>
          {backups.backups.length === 0 && <p className="transfer-hint">No backups yet.</p>}
          <ul className="backups-list" aria-label="Backups">
            {backups.backups.map((b) => (
              <li key={b.backupId}>
                <span>{formatDate(b.createdAt)} · {b.reason} · {sizeText(b.sizeBytes)}</span>
                <button type="button" disabled={busy} aria-label={`${confirming === b.backupId ? 'Confirm restore' : 'Restore'} backup ${b.backupId}`} onClick={() => void restore(b.backupId)}>
                  {confirming === b.backupId ? 'Confirm restore' : 'Restore'}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </details>
  )
}
