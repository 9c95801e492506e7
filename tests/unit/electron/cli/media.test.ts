/**
 * Issue 11 items 3 and 8 on real media: a read-only location and a full disk.
 *
 * Method (works as root, where chmod does not stop writes): each scenario runs in a private
 * mount namespace (`unshare -rm`), so its mounts disappear with the process:
 * - read-only: the test folder is bind-mounted read-only onto itself (writes fail with EROFS
 *   for every user, root included);
 * - disk full: a 3 MB tmpfs is mounted on the test folder and filled to the last byte.
 * The CLI then runs as a normal child process inside that namespace
 * (tests/unit/electron/cli/support/media-scenario.mjs).
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDesignLibrary } from '../../../../electron/db/library'
import { exportBundle } from '../../../../electron/db/bundle'
import type { Design } from '../../../../shared/design/types'
import { EXAMPLE_FILES, REPO_ROOT, fixturePath, loadExample, makeTempDir } from '../helpers'
import { BIN } from './support/cli-process'

let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = makeTempDir('nanoforge-media-')))
afterEach(() => cleanup())

interface Run { code: number | null; stdout: string; stderr: string }
interface Report { runs: Record<string, Run>; checks: Record<string, unknown> }

function scenario(args: string[]): Report {
  const result = spawnSync('unshare', ['-rm', process.execPath, join(REPO_ROOT, 'tests/unit/electron/cli/support/media-scenario.mjs'), ...args],
    { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 })
  if (result.error !== undefined) throw new Error(`unshare is needed for this test (util-linux): ${result.error.message}`)
  if (result.status !== 0) throw new Error(`the scenario failed (${result.status}): ${result.stderr}`)
  return JSON.parse(result.stdout) as Report
}

function seed(path: string, design: Design): string {
  const library = openDesignLibrary({ path, deferredMetrics: false, dailyBackup: false })
  try {
    const id = library.saveDesign(design, { note: 'seed' }).designId
    library.computePendingMetrics()
    return id
  } finally {
    library.close()
  }
}

function errorOf(run: Run): { code: string; reason: string; message: string; written?: boolean } {
  return (JSON.parse(run.stdout) as { error: { code: string; reason: string; message: string; written?: boolean } }).error
}

describe('a library on a read-only location (read-only bind mount)', () => {
  it('opens read-only with the reason "read-only location", lists its designs, and refuses writes as io (nothing written)', () => {
    const folder = join(dir, 'media')
    mkdirSync(folder)
    const id = seed(join(folder, 'lib.db'), loadExample('lupus-rbc-silica.nanoforge.json'))
    const report = scenario(['read-only', folder, id, fixturePath(EXAMPLE_FILES[1]), BIN])
    expect(report.checks.writableAfterMount).toBe(false)
    expect(report.checks.probeError).toBe('EROFS')

    const list = report.runs.list!
    expect(list.code, list.stderr).toBe(0)
    expect(JSON.parse(list.stdout)).toMatchObject({ total: 1, items: [{ designId: id }] })
    expect(list.stderr).not.toMatch(/damaged/)
    expect(JSON.parse(report.runs.history!.stdout)).toMatchObject({ designId: id, versions: [{ version: 1, note: 'seed' }] })
    expect(JSON.parse(report.runs.backups!.stdout)).toMatchObject({ backups: [] })

    for (const name of ['save', 'measure']) {
      const run = report.runs[name]!
      expect(run.code, run.stderr).toBe(1)
      const error = errorOf(run)
      expect(error).toMatchObject({ code: 'io', reason: 'read-only', written: false })
      expect(error.message).toMatch(/read-only location/)
      expect(error.message).not.toMatch(/damaged/)
    }
    // Nothing new appeared on the medium (no -wal, -shm, backups).
    expect(report.checks.files).toEqual(['lib.db'])
  }, 120_000)
})

describe('a full disk (tmpfs filled to the last byte)', () => {
  it('refuses writes as io/disk-full with "nothing written", leaves no partial file, and loses nothing', () => {
    const seedPath = join(dir, 'seed.db')
    const id = seed(seedPath, loadExample('lupus-rbc-silica.nanoforge.json'))
    // A bundle with two other designs to import.
    const other = openDesignLibrary({ path: join(dir, 'other.db'), deferredMetrics: false, dailyBackup: false })
    for (const name of EXAMPLE_FILES.slice(1)) other.saveDesign(JSON.parse(readFileSync(fixturePath(name), 'utf8')) as Design)
    const bundlePath = join(dir, 'two.bundle')
    const bundle = exportBundle(other, other.listLibrary().items.map((d) => d.designId))
    other.close()
    writeFileSync(bundlePath, JSON.stringify(bundle))
    const folder = join(dir, 'full')
    mkdirSync(folder)

    const report = scenario(['disk-full', folder, seedPath, fixturePath(EXAMPLE_FILES[2]), BIN, bundlePath])
    expect(report.checks.fillError).toBe('ENOSPC')
    const before = report.checks.before as { integrity: string; designs: number; versions: number }
    expect(before).toMatchObject({ integrity: 'ok', designs: 1, versions: 1 })

    for (const name of ['save', 'import', 'export']) {
      const run = report.runs[name]!
      expect(run.code, `${name}: ${run.stderr}`).toBe(1)
      const error = errorOf(run)
      expect(error.code, `${name}: ${error.message}`).toBe('io')
      expect(error.message).toMatch(/nothing (was )?(written|imported|saved)/i)
    }
    expect(errorOf(report.runs.save!).written).toBe(false)
    expect(errorOf(report.runs.import!).written).toBe(false)
    // No half-written bundle, and no unverified backup under a backup's name.
    expect(report.checks.exportLeftovers).toEqual([])
    expect((report.checks.backupsWhileFull as string[]).filter((f) => f.endsWith('.db'))).toEqual([])

    // Space freed: the library is intact, unchanged, and takes the next save.
    expect(report.checks.after).toEqual(before)
    const list = report.runs.listAfter!
    expect(list.code).toBe(0)
    expect(JSON.parse(list.stdout)).toMatchObject({ total: 1, items: [{ designId: id }] })
    expect(report.runs.saveAfter!.code, report.runs.saveAfter!.stderr).toBe(0)
    expect(report.checks.afterSave).toMatchObject({ integrity: 'ok', designs: 2, versions: 2 })
    // Every backup file left is a verified one (the daily backup taken after the space came back).
    for (const name of report.checks.backupFilesAfter as string[]) expect(name).toMatch(/^lib-backup-daily-.*\.db$/)
  }, 180_000)
})
