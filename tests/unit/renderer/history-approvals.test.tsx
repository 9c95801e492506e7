// @vitest-environment jsdom
/**
 * The History panel shows the approvals of the open version (issue #16), read-only, as the
 * host reports them: a real library and the real `library:history` handler behind the bridge,
 * both sides of the contract schema-checked (no fake of the history data).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir, userInfo } from 'node:os'
import { cleanup, render, screen, within } from '@testing-library/react'
import { contract, type Channel } from '../../../shared/ipc/contract'
import { createHandlers } from '../../../electron/services/handlers'
import { openDesignLibrary, type DesignLibrary } from '../../../electron/db/library'
import { approveVersion } from '../../../electron/db/approvals'
import { HistoryDialog } from '../../../renderer/features/history/history-dialog'
import { useDesignStore } from '../../../renderer/stores/design-store'
import type { Design } from '../../../shared/design/types'

// Not ../electron/helpers: its import.meta.url is not a file URL under jsdom; tests run from the repository root.
const loadExample = (name: string): Design => JSON.parse(readFileSync(join(process.cwd(), 'tests', 'fixtures', 'designs', name), 'utf8')) as Design
let temp: { dir: string; cleanup: () => void }
let library: DesignLibrary

/** The bridge the renderer sees, every method calling the host's handler with both schemas checked. */
function bridgeTo(handlers: ReturnType<typeof createHandlers>): NonNullable<typeof window.nanoApi> {
  const api: Record<string, (req: unknown) => Promise<unknown>> = {}
  for (const channel of Object.keys(contract) as Channel[]) {
    const spec = contract[channel] as { method: string; req: { parse: (x: unknown) => unknown }; res: { parse: (x: unknown) => unknown } }
    api[spec.method] = async (req) => {
      const result = await (handlers[channel] as (r: unknown) => unknown)(spec.req.parse(req ?? {})) as { ok: boolean; value?: unknown }
      return result.ok ? { ...result, value: spec.res.parse(result.value) } : result
    }
  }
  return api as unknown as NonNullable<typeof window.nanoApi>
}

beforeEach(() => {
  const made = mkdtempSync(join(tmpdir(), 'nanoforge-history-'))
  temp = { dir: made, cleanup: () => rmSync(made, { recursive: true, force: true }) }
  library = openDesignLibrary({ path: join(temp.dir, 'library.db'), deferredMetrics: false, dailyBackup: false })
  window.nanoApi = bridgeTo(createHandlers(library, { host: 'web', appVersion: 'test' }))
  useDesignStore.getState().newDesign()
})
afterEach(() => {
  cleanup()
  delete window.nanoApi
  library.close()
  temp.cleanup()
})

describe('History panel: approvals of the open version', () => {
  it('lists the meaning, signer and time of each approval of the open version, and says when there is none', async () => {
    const design = loadExample('lupus-rbc-silica.nanoforge.json')
    const id = library.saveDesign(design).designId
    library.saveDesign({ ...design, notes: 'second' }, { designId: id })
    approveVersion(library, { designId: id, version: 1, meaning: 'reviewed', signerName: 'Dr. Ada Lovelace' }, new Date('2026-12-01T10:00:00.000Z'))
    approveVersion(library, { designId: id, version: 1, meaning: 'approved for synthesis' }, new Date('2026-12-02T10:00:00.000Z'))

    // Nothing open: the latest version (2), which has no approval.
    const first = render(<HistoryDialog designId={id} onClose={() => undefined} />)
    expect((await screen.findByRole('heading', { name: 'Approvals of version 2 (latest)' }))).toBeTruthy()
    expect(screen.getByText('No approvals of this version.')).toBeTruthy()
    first.unmount()

    // Version 1 open in the form: its two approvals, oldest first.
    useDesignStore.setState({ designId: id, version: 1 })
    render(<HistoryDialog designId={id} onClose={() => undefined} />)
    const table = await screen.findByRole('table', { name: 'Approvals of version 1' })
    expect(screen.getByRole('heading', { name: 'Approvals of version 1 (open)' })).toBeTruthy()
    const rows = within(table).getAllByRole('row').slice(1)
    const me = userInfo().username
    expect(rows.map((r) => within(r).getAllByRole('cell').slice(0, 2).map((c) => c.textContent))).toEqual([
      ['reviewed', `Dr. Ada Lovelace (${me})`],
      ['approved for synthesis', me],
    ])
    expect(rows.map((r) => r.querySelector('time')!.getAttribute('dateTime'))).toEqual(['2026-12-01T10:00:00.000Z', '2026-12-02T10:00:00.000Z'])
    // Read-only: no control to change or withdraw a signature.
    expect(within(table).queryAllByRole('button')).toEqual([])
  })
})
