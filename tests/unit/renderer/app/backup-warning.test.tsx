// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { ok, err } from '../../../../shared/ipc/result'
import type { NanoApi } from '../../../../shared/ipc/contract'
import { newDesign } from '../../../../shared/design/defaults'
import { AppInfoLine } from '../../../../renderer/app/app-info'
import {
  savedButBackupFailedText, useAppInfoStore, warningAfterWrite, warningFromInfo,
} from '../../../../renderer/stores/app-info-store'
import { useDesignStore } from '../../../../renderer/stores/design-store'
import { useLibraryStore } from '../../../../renderer/stores/library-store'
import { createFakeNanoApi, type FakeNanoApi } from '../support/fake-nano-api'

/**
 * Brief H14 item 1: the renderer shows a failed backup. The fake host below follows the
 * contract the host documents (shared/ipc/channels/design.ts and library.ts; exercised for
 * real in tests/unit/electron/services/backup-warning.test.ts): a write whose daily backup
 * fails is committed and answers `backupWarning`; `app:info` answers the standing warning
 * (with `backupWarningAt`) while the most recent backup attempt failed; a backup that
 * succeeds clears it; a write that takes no backup answers none. The end-to-end test against
 * the real web host is tests/e2e/backup-warning.e2e.ts.
 */

const FAILED_AT = '2026-12-06T10:15:00.000Z'
const DAILY = 'The daily backup failed (ENOTDIR: not a directory); your change was saved. The next save tries again.'

interface BackupHost {
  broken: boolean
  /** The host's standing warning (what app:info answers). */
  standing: { message: string; at: string } | undefined
  /** True once today's backup was taken (later writes take none). */
  backedUpToday: boolean
}

/** The fake NanoApi with the host's backup behaviour on top. */
function withBackups(api: FakeNanoApi, host: BackupHost): FakeNanoApi {
  const target = api as unknown as Record<string, unknown>
  const dailyBackup = (): string | undefined => {
    if (host.backedUpToday) return undefined
    if (host.broken) {
      host.standing = { message: DAILY, at: FAILED_AT }
      return DAILY
    }
    host.backedUpToday = true
    host.standing = undefined
    return undefined
  }
  const save = api.saveDesign.bind(api)
  target.saveDesign = (async (req) => {
    const res = await save(req)
    if (!res.ok) return res
    const warning = dailyBackup()
    return ok(warning === undefined ? res.value : { ...res.value, backupWarning: warning })
  }) satisfies NanoApi['saveDesign']
  target.renameDesign = (async (req) => {
    const warning = dailyBackup()
    return ok({ designId: req.designId, version: 2, ...(warning === undefined ? {} : { backupWarning: warning }) })
  }) satisfies NanoApi['renameDesign']
  target.appInfo = (async () => ok({
    appVersion: 'test', engineVersion: 'test', databasePath: '/lab/library.db', readOnly: false, host: 'web' as const,
    ...(host.standing ? { backupWarning: host.standing.message, backupWarningAt: host.standing.at } : {}),
  })) satisfies NanoApi['appInfo']
  target.backupNow = (async () => {
    if (host.broken) {
      host.standing = { message: 'The manual backup failed (ENOTDIR: not a directory); the library itself is fine.', at: FAILED_AT }
      return err('io', 'The backup could not be written: ENOTDIR: not a directory.')
    }
    host.standing = undefined
    host.backedUpToday = true
    return ok({ backupId: 'library-backup-manual-1.db', createdAt: FAILED_AT, sizeBytes: 4096, reason: 'manual' })
  }) satisfies NanoApi['backupNow']
  return api
}

let host: BackupHost
let api: FakeNanoApi

beforeEach(() => {
  host = { broken: true, standing: undefined, backedUpToday: false }
  api = withBackups(createFakeNanoApi(), host)
  window.nanoApi = api
  useDesignStore.getState().replace(newDesign(), null, null)
  useAppInfoStore.setState({ info: null, error: null, backupWarning: null, backingUp: false, backupNowError: null })
  useLibraryStore.setState({ notice: null })
})
afterEach(() => {
  cleanup()
  delete window.nanoApi
})

describe('the rules of the standing warning', () => {
  it('app:info is the whole truth: its warning is shown, its silence clears ours', () => {
    expect(warningFromInfo({ backupWarning: 'x failed', backupWarningAt: FAILED_AT })).toEqual({ message: 'x failed', at: FAILED_AT })
    expect(warningFromInfo({})).toBeNull()
  })

  it('a write raises the warning it carries, and a write without one leaves the standing one for app:info to settle', () => {
    const standing = { message: 'old', at: FAILED_AT }
    expect(warningAfterWrite(null, { backupWarning: 'new' }, '2026-12-06T11:00:00.000Z')).toEqual({ message: 'new', at: '2026-12-06T11:00:00.000Z' })
    expect(warningAfterWrite(standing, {}, '2026-12-06T11:00:00.000Z')).toBe(standing)
    expect(warningAfterWrite(null, {}, '2026-12-06T11:00:00.000Z')).toBeNull()
  })

  it('the confirmation says saved, then that the backup failed, then what to do', () => {
    const text = savedButBackupFailedText('Saved version 3', DAILY)
    expect(text.startsWith('Saved version 3, but the backup failed: The daily backup failed')).toBe(true)
    expect(text).toMatch(/"backups" folder .* then press "Back up now"\.$/)
    // A confirmation that ends in a full stop is not doubled up.
    expect(savedButBackupFailedText('Duplicated as a new design (version 1).', DAILY)).toMatch(/^Duplicated as a new design \(version 1\), but/)
  })
})

describe('a save whose backup failed', () => {
  it('is reported saved with the warning; the footer keeps it through a save that took no backup; a good backup clears it', async () => {
    expect(await useDesignStore.getState().save()).toBe(true)
    const status = useDesignStore.getState().status
    expect(status.kind).toBe('warning')
    expect(status.kind === 'idle' ? '' : status.message).toMatch(/^Saved version 1, but the backup failed: The daily backup failed .*your change was saved/)
    expect(api.stored.size).toBe(1)
    await waitFor(() => expect(useAppInfoStore.getState().backupWarning).toEqual({ message: DAILY, at: FAILED_AT }))

    // Today's backup is still owed, so the next save retries and fails again: still a warning.
    useDesignStore.getState().setCoreDiameterNm(150)
    expect(await useDesignStore.getState().save()).toBe(true)
    expect(useDesignStore.getState().status.kind).toBe('warning')

    // The folder is fixed and a backup taken: the footer clears.
    host.broken = false
    expect(await useAppInfoStore.getState().backupNow()).toBe(true)
    expect(useAppInfoStore.getState().backupWarning).toBeNull()
    // The next save takes no backup (one was taken today) and carries none.
    useDesignStore.getState().setCoreDiameterNm(160)
    expect(await useDesignStore.getState().save()).toBe(true)
    expect(useDesignStore.getState().status).toEqual({ kind: 'saved', message: 'Saved version 3' })
    await waitFor(() => expect(api.calls.filter((c) => c === 'saveDesign')).toHaveLength(3))
    expect(useAppInfoStore.getState().backupWarning).toBeNull()
  })

  it('a save that took no backup does not clear a warning the host still holds', async () => {
    host.standing = { message: 'The manual backup failed (disk full); the library itself is fine.', at: FAILED_AT }
    host.backedUpToday = true
    await useAppInfoStore.getState().refresh()
    expect(useAppInfoStore.getState().backupWarning?.message).toMatch(/manual backup failed/)
    expect(await useDesignStore.getState().save()).toBe(true)
    expect(useDesignStore.getState().status).toEqual({ kind: 'saved', message: 'Saved version 1' })
    await useAppInfoStore.getState().refresh()
    expect(useAppInfoStore.getState().backupWarning?.message).toMatch(/manual backup failed/)
  })

  it('a rename in the library says the same in its notice', async () => {
    expect(await useLibraryStore.getState().rename('d-1', 'Renamed')).toBe(true)
    const notice = useLibraryStore.getState().notice
    expect(notice?.kind).toBe('warning')
    expect(notice?.message).toMatch(/^Renamed to "Renamed" \(saved as version 2\), but the backup failed: The daily backup failed/)
    await waitFor(() => expect(useAppInfoStore.getState().backupWarning?.message).toBe(DAILY))
  })
})

describe('the footer', () => {
  it('shows the library, then the failure with its time and what to do; a failed retry says why; a good one clears it', async () => {
    host.standing = { message: DAILY, at: FAILED_AT }
    render(<AppInfoLine />)
    await screen.findByText('/lab/library.db')
    const alert = await screen.findByRole('alert')
    // The time is written in the reader's locale; the failure's minute is in it.
    const minutes = String(new Date(FAILED_AT).getMinutes()).padStart(2, '0')
    expect(alert.textContent).toMatch(new RegExp(`^Backup failed at .*:${minutes}.*\\. The daily backup failed`))
    expect(alert.textContent).toContain('"backups" folder beside the library file')

    fireEvent.click(screen.getByRole('button', { name: 'Back up now' }))
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/No backup taken: The backup could not be written/))
    expect(screen.getByRole('alert').textContent).toMatch(/manual backup failed/)

    host.broken = false
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Back up now' }))
    })
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull())
    expect(screen.getByText('/lab/library.db')).toBeTruthy()
  })

  it('shows no warning while backups work', async () => {
    render(<AppInfoLine />)
    await screen.findByText('/lab/library.db')
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.queryByRole('button', { name: 'Back up now' })).toBeNull()
  })
})
