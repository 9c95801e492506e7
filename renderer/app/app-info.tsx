import { useEffect } from 'react'
import { BACKUP_ADVICE, useAppInfoStore, warningTimeText } from '../stores/app-info-store'

/**
 * Footer: app and engine versions, where the design library lives, whether it opened
 * read-only, and, while the most recent backup attempt failed, that warning with its time and
 * a "Back up now" to retry.
 *
 * Why: "data in one portable SQLite file" (vision) is only useful if the user can see which
 * file; a read-only library (damaged, newer, locked) must be visible before a save fails; and
 * a backup that fails must be seen where the library is named, for as long as it is true (it
 * never expires: it goes when the host answers without it).
 */
export function AppInfoLine(): React.JSX.Element {
  const info = useAppInfoStore((s) => s.info)
  const error = useAppInfoStore((s) => s.error)
  useEffect(() => {
    void useAppInfoStore.getState().refresh()
  }, [])
  return (
    <>
      {error && !info
        ? <p className="app-info app-info-error">Library unavailable: {error}</p>
        : !info
          ? <p className="app-info">Connecting…</p>
          : (
            <p className="app-info">
              NanoForge {info.appVersion} · engine {info.engineVersion} · library <code>{info.databasePath}</code>
              {info.readOnly && <strong className="read-only"> · read-only{info.readOnlyReason ? `: ${info.readOnlyReason}` : ''}</strong>}
            </p>
          )}
      <BackupWarningLine />
    </>
  )
}

/** The standing backup warning, with what to do and a retry; nothing while backups work. */
function BackupWarningLine(): React.JSX.Element | null {
  const warning = useAppInfoStore((s) => s.backupWarning)
  const backingUp = useAppInfoStore((s) => s.backingUp)
  const retryError = useAppInfoStore((s) => s.backupNowError)
  const backupNow = useAppInfoStore((s) => s.backupNow)
  if (!warning) return null
  return (
    <div className="backup-warning" role="alert" data-testid="backup-warning">
      <p>
        <strong>Backup failed{warning.at ? ` at ${warningTimeText(warning.at)}` : ''}.</strong> {warning.message} {BACKUP_ADVICE}
        {retryError && <span className="backup-retry-error"> {retryError}</span>}
      </p>
      <button type="button" disabled={backingUp} onClick={() => void backupNow()}>
        {backingUp ? 'Backing up…' : 'Back up now'}
      </button>
    </div>
  )
}
