// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { BackupsPanel, sizeText } from '../../../../renderer/features/transfer/backups-panel'
import { createFakeLibraryApi, type FakeLibraryApi } from './support/fake-library-api'

let api: FakeLibraryApi

beforeEach(() => {
  api = createFakeLibraryApi()
  window.nanoApi = api
})

afterEach(() => {
  cleanup()
  delete window.nanoApi
})

function open(): void {
  const details = document.querySelector('details.backups-panel') as HTMLDetailsElement
  details.open = true
  fireEvent(details, new Event('toggle'))
}

describe('BackupsPanel', () => {
  it('lists backups when opened, takes one now, and restores only after confirmation', async () => {
    render(<BackupsPanel />)
    expect(api.calls.some((c) => c.method === 'listBackups')).toBe(false) // nothing loaded while closed
    open()
    expect(await screen.findByText('No backups yet.')).toBeTruthy()
    expect(screen.getByText('Kept in /lab/backups')).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Back up now' }))
    const list = screen.getByRole('list', { name: 'Backups' })
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1))
    expect(within(list).getByRole('listitem').textContent).toMatch(/manual · 4\.10 kB/)

    fireEvent.click(within(list).getByRole('button', { name: 'Restore backup library-1.db' }))
    expect(screen.getByRole('status').textContent).toMatch(/replaces the whole library/)
    expect(api.calls.some((c) => c.method === 'restoreBackup')).toBe(false)
    fireEvent.click(within(list).getByRole('button', { name: 'Confirm restore backup library-1.db' }))
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/Restored library-1\.db\. The library as it was is kept as library-2\.db/))
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2))
  })

  it('says why a restore failed', async () => {
    render(<BackupsPanel />)
    open()
    fireEvent.click(await screen.findByRole('button', { name: 'Back up now' }))
    const restore = await screen.findByRole('button', { name: 'Restore backup library-1.db' })
    fireEvent.click(restore)
    api.failNext = { method: 'restoreBackup', message: 'the backup failed integrity_check' }
    fireEvent.click(screen.getByRole('button', { name: 'Confirm restore backup library-1.db' }))
    expect((await screen.findByRole('alert')).textContent).toBe('Not restored: the backup failed integrity_check')
  })

  it('writes sizes in decimal units', () => {
    expect(sizeText(512)).toBe('512 B')
    expect(sizeText(4096)).toBe('4.10 kB')
    expect(sizeText(2_500_000)).toBe('2.50 MB')
  })
})
