import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fixturePath, makeTempDir } from '../helpers'
import { runInProcess } from '../cli/support/in-process'

let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = makeTempDir('nanoforge-cli-db-')))
afterEach(() => cleanup())


const run = runInProcess

describe('nanoforge db export / import / backups / restore', () => {
  it('exports designs to a bundle and imports them into another library without duplicates', async () => {
    const a = join(dir, 'a.db')
    const b = join(dir, 'b.db')
    const saved1 = JSON.parse((await run('db', 'save', fixturePath('lupus-rbc-silica.nanoforge.json'), '--db', a, '--json')).stdout) as { designId: string }
    const saved2 = JSON.parse((await run('db', 'save', fixturePath('t1d-tolerogenic-plga.nanoforge.json'), '--db', a, '--json')).stdout) as { designId: string }
    const bundle = join(dir, 'out.nanoforge-bundle.json')
    const exported = await run('db', 'export', saved1.designId.slice(0, 8), saved2.designId, '--out', bundle, '--db', a, '--json')
    expect(exported.code).toBe(0)
    expect(JSON.parse(exported.stdout)).toMatchObject({ designs: 2, versions: 2 })
    expect(JSON.parse(readFileSync(bundle, 'utf8'))).toMatchObject({ format: 'nanoforge.bundle', version: 2 })
    expect((await run('db', 'export', saved1.designId, '--out', bundle, '--db', a)).code).toBe(2)

    const first = await run('db', 'import', bundle, '--db', b, '--json')
    expect(first.code).toBe(0)
    expect(JSON.parse(first.stdout)).toMatchObject({ designsAdded: 2, versionsAdded: 2 })
    const second = await run('db', 'import', bundle, '--db', b, '--json')
    expect(JSON.parse(second.stdout)).toMatchObject({ designsAdded: 0, versionsAdded: 0, versionsSkipped: 2 })
    const listed = JSON.parse((await run('db', 'list', '--db', b, '--json')).stdout) as { total: number }
    expect(listed.total).toBe(2)
  })

  it('rejects a bad bundle with exit 2, every problem with its path, and imports nothing', async () => {
    const b = join(dir, 'b.db')
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, JSON.stringify({ format: 'nanoforge.bundle', version: 1, exportedAt: 'x', engineVersion: 'x', designs: [{ designId: 'abc' }] }))
    const result = await run('db', 'import', bad, '--db', b, '--json')
    expect(result.code).toBe(2)
    const error = (JSON.parse(result.stdout) as { error: { code: string; reason: string; issues: Array<{ path: string }> } }).error
    expect(error.code).toBe('bad-input')
    expect(error.reason).toBe('invalid-bundle')
    expect(error.issues.map((i) => i.path)).toContain('designs[0].versions')
    // Checked before the library is opened: no library file was created for it.
    expect(existsSync(b)).toBe(false)
    expect(JSON.parse((await run('db', 'list', '--db', b, '--json')).stdout)).toMatchObject({ error: { reason: 'no-library' } })
  })

  it('lists backups and restores one, keeping the current file', async () => {
    const a = join(dir, 'a.db')
    await run('db', 'save', fixturePath('lupus-rbc-silica.nanoforge.json'), '--db', a)
    const bundle = join(dir, 'x.json')
    const saved = JSON.parse((await run('db', 'save', fixturePath('t1d-tolerogenic-plga.nanoforge.json'), '--db', a, '--json')).stdout) as { designId: string }
    await run('db', 'export', saved.designId, '--out', bundle, '--db', a)
    // The daily backup was taken right after the first save (the library had none).
    const backups = JSON.parse((await run('db', 'backups', '--db', a, '--json')).stdout) as { backups: Array<{ backupId: string; reason: string }> }
    expect(backups.backups.length).toBeGreaterThan(0)
    const oldest = backups.backups[backups.backups.length - 1]!
    const restored = await run('db', 'restore', oldest.backupId, '--db', a, '--json')
    expect(restored.code).toBe(0)
    const value = JSON.parse(restored.stdout) as { safetyBackupId: string; readOnly: boolean }
    expect(value.readOnly).toBe(false)
    expect(JSON.parse((await run('db', 'list', '--db', a, '--json')).stdout)).toMatchObject({ total: 1 })
    const after = JSON.parse((await run('db', 'backups', '--db', a, '--json')).stdout) as { backups: Array<{ backupId: string }> }
    expect(after.backups.map((b) => b.backupId)).toContain(value.safetyBackupId)
    expect((await run('db', 'restore', 'no-such-backup.db', '--db', a)).code).toBe(2)
  })
})
