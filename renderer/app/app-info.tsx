import { useEffect, useState } from 'react'
import type { ChannelResponse } from '../../shared/ipc/contract'
import { getApi } from '../bridge'

/**
 * Footer line: app and engine versions, where the design library lives, and whether it
 * opened read-only.
 *
 * Why: "data in one portable SQLite file" (vision) is only useful if the user can see which
 * file; a read-only library (damaged, newer, locked) must be visible before a save fails.
 */
export function AppInfoLine(): React.JSX.Element {
  const [info, setInfo] = useState<ChannelResponse<'app:info'> | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    void getApi().appInfo({}).then((res) => {
      if (!live) return
      if (res.ok) setInfo(res.value)
      else setError(res.message)
    })
    return () => {
      live = false
    }
  }, [])
  if (error) return <p className="app-info app-info-error">Library unavailable: {error}</p>
  if (!info) return <p className="app-info">Connecting…</p>
  return (
    <p className="app-info">
      NanoForge {info.appVersion} · engine {info.engineVersion} · library <code>{info.databasePath}</code>
      {info.readOnly && <strong className="read-only"> · read-only{info.readOnlyReason ? `: ${info.readOnlyReason}` : ''}</strong>}
    </p>
  )
}
