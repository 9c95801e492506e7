/**
 * Brief H9 item 4 (issue 11 item 4, "a failing backup is silent"): the app surfaces a failed
 * backup. The contract carries it: `app:info.backupWarning` (+ `backupWarningAt`) while the
 * last backup attempt failed, and `backupWarning` on the answer of the write whose daily
 * backup failed (`design:save`, `library:duplicate|rename|restoreVersion`). A backup that
 * succeeds clears it. Checked through the real pipeline and over HTTP against the web host.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDesignLibrary, type DesignLibrary } from '../../../../electron/db/library'
import { dispatch } from '../../../../electron/services/dispatch'
import { createHandlers } from '../../../../electron/services/handlers'
import { startWebHost } from '../../../../electron/web/server'
import { contract } from '../../../../shared/ipc/contract'
import type { Handlers } from '../../../../shared/ipc/contract'
import { loadExample, makeTempDir } from '../helpers'

let temp: ReturnType<typeof makeTempDir>
let path: string
let designId: string
beforeEach(() => {
  temp = makeTempDir('nanoforge-backup-warning-')
  path = join(temp.dir, 'lib.db')
  // A library with one design and no backup yet, so the next open wants its daily backup.
  const seed = openDesignLibrary({ path, deferredMetrics: false, dailyBackup: false })
  designId = seed.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
  seed.close()
  // The backup folder is unusable: a file stands where it should be.
  writeFileSync(join(temp.dir, 'backups'), 'not a folder')
})
afterEach(() => temp.cleanup())

function valueOf<T>(result: { ok: boolean; value?: unknown }): T {
  expect(result.ok).toBe(true)
  return result.value as T
}

describe('a failed backup reaches the renderer through the contract', () => {
  let library: DesignLibrary
  let handlers: Handlers
  const warnings: string[] = []
  beforeEach(() => {
    warnings.length = 0
    library = openDesignLibrary({ path, deferredMetrics: false, onWarning: (m) => warnings.push(m) })
    handlers = createHandlers(library, { host: 'electron', appVersion: 't' })
  })
  afterEach(() => library.close())

  it('app:info says so from the open on; the save whose daily backup failed says so; a good backup clears it', async () => {
    // The open tried its daily backup and failed: logged, and kept for app:info.
    expect(warnings.some((w) => /daily backup failed/.test(w))).toBe(true)
    const info = valueOf<{ backupWarning?: string; backupWarningAt?: string }>(await dispatch(handlers, 'app:info', {}))
    expect(info.backupWarning).toMatch(/daily backup failed .*library itself is fine/)
    expect(Date.parse(info.backupWarningAt!)).toBeLessThanOrEqual(Date.now())
    expect(contract['app:info'].res.safeParse(info).success).toBe(true)

    // The save is committed and its answer carries the warning of its own failed backup.
    const saved = valueOf<{ version: number; backupWarning?: string }>(await dispatch(handlers, 'design:save', { design: loadExample('lupus-rbc-silica.nanoforge.json'), designId }))
    expect(saved.version).toBe(2)
    expect(saved.backupWarning).toMatch(/daily backup failed .*your change was saved/)
    expect(library.history(designId)).toHaveLength(2)
    const renamed = valueOf<{ backupWarning?: string }>(await dispatch(handlers, 'library:rename', { designId, name: 'Renamed' }))
    expect(renamed.backupWarning).toMatch(/daily backup failed/)

    // The folder is usable again: a manual backup succeeds and the warning is gone.
    rmSync(join(temp.dir, 'backups'))
    mkdirSync(join(temp.dir, 'backups'))
    expect((await dispatch(handlers, 'library:backupNow', {})).ok).toBe(true)
    expect(valueOf<{ backupWarning?: string }>(await dispatch(handlers, 'app:info', {})).backupWarning).toBeUndefined()
    // And the next save (no backup due now) carries none.
    const next = valueOf<{ backupWarning?: string }>(await dispatch(handlers, 'design:save', { design: loadExample('lupus-rbc-silica.nanoforge.json'), designId }))
    expect(next.backupWarning).toBeUndefined()
  })

  it('a save that took no backup carries no warning, while app:info still shows the standing one', async () => {
    const dailyOff = openDesignLibrary({ path, deferredMetrics: false, dailyBackup: false })
    try {
      const quiet = createHandlers(dailyOff, { host: 'web', appVersion: 't' })
      expect(valueOf<{ backupWarning?: string }>(await dispatch(quiet, 'app:info', {})).backupWarning).toBeUndefined()
      // A manual backup fails: an error for that call, and a standing warning.
      expect(await dispatch(quiet, 'library:backupNow', {})).toMatchObject({ ok: false })
      expect(valueOf<{ backupWarning?: string }>(await dispatch(quiet, 'app:info', {})).backupWarning).toMatch(/manual backup failed/)
      // This save takes no backup (daily backups off), so its answer carries nothing.
      const saved = valueOf<{ backupWarning?: string }>(await dispatch(quiet, 'design:save', { design: loadExample('lupus-rbc-silica.nanoforge.json') }))
      expect(saved.backupWarning).toBeUndefined()
      expect(valueOf<{ backupWarning?: string }>(await dispatch(quiet, 'app:info', {})).backupWarning).toMatch(/manual backup failed/)
    } finally {
      dailyOff.close()
    }
  })
})

describe('over HTTP against the web host', () => {
  it('app:info and design:save answer the backup warning', async () => {
    const renderer = join(temp.dir, 'renderer')
    mkdirSync(renderer)
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>t</title>')
    const logged: string[] = []
    const host = await startWebHost({ port: 0, dbPath: path, rendererDir: renderer, onWarning: (m) => logged.push(m) })
    try {
      const post = async (channel: string, body: unknown): Promise<{ ok: boolean; value?: Record<string, unknown> }> => {
        const res = await fetch(`${host.url}/api/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
        return (await res.json()) as { ok: boolean; value?: Record<string, unknown> }
      }
      expect((await post('app:info', {})).value?.backupWarning).toMatch(/backup failed/)
      expect((await post('design:save', { design: loadExample('lupus-rbc-silica.nanoforge.json') })).value?.backupWarning).toMatch(/backup failed/)
      expect(logged.length).toBeGreaterThanOrEqual(2)
    } finally {
      await host.close()
    }
  })
})
