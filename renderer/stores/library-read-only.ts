import { useEffect } from 'react'
import { useAppInfoStore, type AppInfo } from './app-info-store'

/**
 * Why nothing can be written to the library, in the words shown beside a disabled control
 * (a limit editor, a reading's Add button, the design form's Save); null while the library is
 * writable or before the host has said (`app:info`).
 *
 * Why up front: a library opened read-only (damaged, written by a newer NanoForge, on a
 * read-only disk, opened read-only on request) refuses every write; letting the scientist type
 * a limit or a reading and only then answering "read-only" wastes the typing and looks like a
 * fault. The host's reason is quoted so the way out (update NanoForge, restore a backup, copy
 * the file) is on the screen.
 */
export function readOnlyReasonOf(info: Pick<AppInfo, 'readOnly' | 'readOnlyReason'> | null): string | null {
  if (info === null || !info.readOnly) return null
  const why = (info.readOnlyReason ?? '').trim()
  return `The library is read-only${why === '' ? '.' : `: ${why.replace(/\.?$/, '.')}`} Nothing can be changed in it here.`
}

/**
 * {@link readOnlyReasonOf} of the library the app has open. The footer asks the host for
 * `app:info` when the app starts; a panel shown without the footer (a test, a future window)
 * asks once itself, so the answer never depends on what else is on the screen.
 */
export function useLibraryReadOnlyReason(): string | null {
  const info = useAppInfoStore((s) => s.info)
  const known = info !== null
  useEffect(() => {
    if (!known) void useAppInfoStore.getState().refresh()
  }, [known])
  return readOnlyReasonOf(info)
}
