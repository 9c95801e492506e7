import { create } from 'zustand'
import type { ChannelResponse } from '../../shared/ipc/contract'
import { getApi } from '../bridge'

/** What the host said about the library: versions, path, read-only state (`app:info`). */
export type AppInfo = ChannelResponse<'app:info'>

/** A failed backup as the app shows it: the host's message and when the attempt failed (ISO). */
export interface BackupWarning {
  readonly message: string
  readonly at: string
}

/** The backup fields a host answer may carry (`app:info`, or a write that triggered a backup). */
export interface BackupWarningAnswer {
  readonly backupWarning?: string
  readonly backupWarningAt?: string
}

/**
 * The standing backup warning after an `app:info` answer: the answer is the whole truth (the
 * host keeps the warning while the most recent backup attempt failed), so no warning in it
 * clears ours.
 */
export function warningFromInfo(info: BackupWarningAnswer): BackupWarning | null {
  if (info.backupWarning === undefined) return null
  return { message: info.backupWarning, at: info.backupWarningAt ?? '' }
}

/**
 * The standing backup warning after a write's answer (`design:save`, `library:duplicate`,
 * `library:rename`, `library:restoreVersion`).
 *
 * Why a write without a warning keeps the current one: the host adds `backupWarning` only when
 * that write's own backup failed; a write that took no backup (one was taken today, or daily
 * backups are off) says nothing about the standing state, so the caller asks `app:info` next.
 */
export function warningAfterWrite(current: BackupWarning | null, answer: BackupWarningAnswer, nowIso: string): BackupWarning | null {
  return answer.backupWarning !== undefined ? { message: answer.backupWarning, at: nowIso } : current
}

/**
 * What a write's confirmation says when its backup failed: the change is saved (the write was
 * committed), the backup is not, and what to do about it.
 */
export function savedButBackupFailedText(savedText: string, warning: string): string {
  const done = savedText.replace(/[.\s]+$/, '')
  return `${done}, but the backup failed: ${warning} ${BACKUP_ADVICE}`
}

/** What to do about a failed backup, in one sentence (shown with every backup warning). */
export const BACKUP_ADVICE =
  'Make sure the "backups" folder beside the library file is a folder you can write to and the disk has space, then press "Back up now".'

/** "14:05, 6 Dec 2026" in the user's locale; the ISO text itself when it is not a date. */
export function warningTimeText(iso: string): string {
  const ms = Date.parse(iso)
  if (!Number.isFinite(ms)) return iso
  return new Date(ms).toLocaleString(undefined, { hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'short', year: 'numeric' })
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

/** State of the footer's status line. */
export interface AppInfoState {
  readonly info: AppInfo | null
  /** Why `app:info` failed, when it did. */
  readonly error: string | null
  /** The failed backup the app shows until a later answer has none; null while backups work. */
  readonly backupWarning: BackupWarning | null
  /** A "Back up now" from the status line is running. */
  readonly backingUp: boolean
  /** What the last "Back up now" from the status line did, when it failed. */
  readonly backupNowError: string | null
  /** Asks the host for `app:info` (the standing backup warning included). */
  refresh: () => Promise<void>
  /** Takes a write's answer: shows its backup warning at once, then asks the host for the standing state. */
  noteWrite: (answer: BackupWarningAnswer) => Promise<void>
  /** Takes a backup now (the retry the warning offers); the warning goes when it succeeds. */
  backupNow: () => Promise<boolean>
}

/**
 * App information and the standing backup warning (zustand, one store per concern).
 *
 * Why a store: the footer shows the warning, but the writes that learn of it live in the
 * design store, the library store and the history dialog; they all report here, and the
 * warning stays on screen (it does not expire) until the host answers without one.
 */
export const useAppInfoStore = create<AppInfoState>()((set, get) => {
  // Answers can arrive out of order (a refresh after a write, the first load); the last asked wins.
  let seq = 0
  return {
    info: null,
    error: null,
    backupWarning: null,
    backingUp: false,
    backupNowError: null,

    refresh: async () => {
      const mine = ++seq
      try {
        const res = await getApi().appInfo({})
        if (mine !== seq) return
        if (res.ok) set({ info: res.value, error: null, backupWarning: warningFromInfo(res.value) })
        else set({ error: res.message })
      } catch (e) {
        if (mine === seq) set({ error: messageOf(e) })
      }
    },

    noteWrite: async (answer) => {
      set((s) => ({ backupWarning: warningAfterWrite(s.backupWarning, answer, new Date().toISOString()) }))
      await get().refresh()
    },

    backupNow: async () => {
      set({ backingUp: true, backupNowError: null })
      try {
        const res = await getApi().backupNow({})
        set({ backupNowError: res.ok ? null : `No backup taken: ${res.message}` })
        return res.ok
      } catch (e) {
        set({ backupNowError: `No backup taken: ${messageOf(e)}` })
        return false
      } finally {
        set({ backingUp: false })
        await get().refresh()
      }
    },
  }
})
