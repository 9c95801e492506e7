/**
 * Issue 11, "Proof": kill -9 during save, import, backup and restore, at every named step
 * (electron/db/faults.ts) and at spread-out random times, repeated. After each kill: the
 * library passes integrity_check, nothing committed before is lost, the interrupted change is
 * there whole or not at all, only verified backups are listed, and the next open clears the
 * leftovers (`.partial-<pid>` backups, `.restoring-<pid>` staging copies).
 *
 * Everything runs on real SQLite files through the real `node bin/nanoforge.js` processes.
 */
import Database from 'better-sqlite3'
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exportBundle } from '../../../../electron/db/bundle'
import { openDesignLibrary } from '../../../../electron/db/library'
import { APPLICATION_ID } from '../../../../electron/db/migrations'
import { FAULT_POINTS, type FaultPoint } from '../../../../electron/db/faults'
import type { Design } from '../../../../shared/design/types'
import { EXAMPLE_FILES, fixturePath, loadExample, makeTempDir } from '../helpers'
import { oneJson, runCli, type CliRun } from '../cli/support/cli-process'

let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = makeTempDir('nanoforge-faults-')))
afterEach(() => cleanup())

const DESIGN = fixturePath(EXAMPLE_FILES[2])

/** Design ids and version count, read with a plain connection (not the code under test). */
function contents(path: string): { integrity: string; ids: string[]; versions: number } {
  const db = new Database(path, { readonly: true })
  try {
    return {
      integrity: String(db.pragma('integrity_check', { simple: true })),
      ids: (db.prepare('SELECT id FROM designs ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id),
      versions: (db.prepare('SELECT count(*) AS n FROM design_versions').get() as { n: number }).n,
    }
  } finally {
    db.close()
  }
}

/** A library of `count` designs (two versions each) and no backups; returns the ids. */
function seedLibrary(path: string, count: number): string[] {
  const library = openDesignLibrary({ path, deferredMetrics: false, dailyBackup: false })
  try {
    const ids: string[] = []
    for (let i = 0; i < count; i++) {
      const design = loadExample(EXAMPLE_FILES[i % 3]!)
      const id = library.saveDesign({ ...design, name: `seed ${i}` }).designId
      library.saveDesign({ ...design, name: `seed ${i}`, core: { ...design.core, diameterNm: design.core.diameterNm + 1 } }, { designId: id })
      ids.push(id)
    }
    return ids
  } finally {
    library.close()
  }
}

/** A bundle of `count` new designs written to `file`; returns their ids. */
function writeBundle(file: string, count: number): string[] {
  const path = join(dir, `bundle-source-${count}.db`)
  const library = openDesignLibrary({ path, deferredMetrics: false, dailyBackup: false })
  try {
    const ids: string[] = []
    for (let i = 0; i < count; i++) {
      const design = JSON.parse(readFileSync(fixturePath(EXAMPLE_FILES[i % 3]!), 'utf8')) as Design
      ids.push(library.saveDesign({ ...design, name: `imported ${i}` }).designId)
    }
    writeFileSync(file, JSON.stringify(exportBundle(library, ids)))
    return ids
  } finally {
    library.close()
  }
}

/** Integrity, application id and schema of one backup file, checked independently. */
function backupIsVerified(path: string): boolean {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    return db.pragma('integrity_check', { simple: true }) === 'ok' &&
      Number(db.pragma('application_id', { simple: true })) === APPLICATION_ID &&
      Number(db.pragma('user_version', { simple: true })) >= 1
  } finally {
    db.close()
  }
}

/** `db backups --json`; asserts every listed backup is verified; returns their ids. */
async function listedBackups(path: string): Promise<string[]> {
  const run = await runCli(['db', 'backups', '--db', path, '--json'])
  expect(run.code, run.stderr).toBe(0)
  const doc = oneJson<{ directory: string; backups: Array<{ backupId: string; path: string }> }>(run)
  for (const b of doc.backups) expect(backupIsVerified(b.path), `${b.backupId} is listed but not verified`).toBe(true)
  return doc.backups.map((b) => b.backupId)
}

/** Leftovers of interrupted backups and restores next to the library and in its backups. */
function leftovers(path: string): string[] {
  const folder = join(path, '..')
  const backups = join(folder, 'backups')
  return [
    ...readdirSync(folder).filter((f) => f.includes('.restoring')),
    ...(existsSync(backups) ? readdirSync(backups).filter((f) => f.includes('.partial')) : []),
  ]
}

function expectKilled(run: CliRun): void {
  expect(run.signal, `expected SIGKILL, got exit ${run.code}: ${run.stderr}`).toBe('SIGKILL')
}

/** After a kill: the next writer opens, tidies, and works; then nothing is left over. */
async function expectCleanAfterNextWrite(path: string): Promise<void> {
  const save = await runCli(['db', 'save', DESIGN, '--db', path, '--json'])
  expect(save.code, save.stderr).toBe(0)
  expect(leftovers(path)).toEqual([])
  expect(contents(path).integrity).toBe('ok')
}

describe('kill -9 at every named step', () => {
  it('names every step the tests below hit', () => {
    expect([...FAULT_POINTS].sort()).toEqual([
      'backup:renamed', 'backup:verified', 'backup:written', 'import:backup-taken', 'import:committed',
      'restore:replaced', 'restore:safety-taken', 'restore:staged', 'save:committed',
    ])
  })

  it('save: killed right after its commit, the new version is there and intact', async () => {
    const path = join(dir, 'lib.db')
    const ids = seedLibrary(path, 2)
    const before = contents(path)
    const run = await runCli(['db', 'save', DESIGN, '--design', ids[0]!, '--db', path, '--json'], { env: { NANOFORGE_FAULT_POINT: 'save:committed' } })
    expectKilled(run)
    expect(run.stdout).toBe('')
    const after = contents(path)
    expect(after.integrity).toBe('ok')
    expect(after.ids).toEqual(before.ids)
    expect(after.versions).toBe(before.versions + 1)
    await listedBackups(path)
    await expectCleanAfterNextWrite(path)
  }, 60_000)

  const importPoints: FaultPoint[] = ['backup:written', 'backup:verified', 'backup:renamed', 'import:backup-taken', 'import:committed']
  for (const point of importPoints) {
    it(`import (with its backup first): killed at ${point}, the import is all or nothing and only verified backups are listed`, async () => {
      const path = join(dir, 'lib.db')
      const seeded = seedLibrary(path, 2)
      const bundle = join(dir, 'new.bundle')
      const incoming = writeBundle(bundle, 3)
      const before = contents(path)
      const run = await runCli(['db', 'import', bundle, '--db', path, '--json'], { env: { NANOFORGE_FAULT_POINT: point } })
      expectKilled(run)
      const after = contents(path)
      expect(after.integrity).toBe('ok')
      for (const id of seeded) expect(after.ids).toContain(id)
      const imported = incoming.filter((id) => after.ids.includes(id))
      expect(imported.length === 0 || imported.length === incoming.length).toBe(true)
      expect(imported.length).toBe(point === 'import:committed' ? incoming.length : 0)
      if (imported.length === 0) expect(after).toEqual(before)
      const backups = await listedBackups(path)
      // The first backup is the daily one on open, then the one before the import. A backup
      // is listed (verified) once it got its name; before that nothing is.
      const expected: Record<string, number> = { 'backup:written': 0, 'backup:verified': 0, 'backup:renamed': 1, 'import:backup-taken': 2, 'import:committed': 2 }
      expect(backups.length).toBe(expected[point])
      if (point === 'backup:written' || point === 'backup:verified') expect(leftovers(path).some((f) => f.includes('.partial'))).toBe(true)
      await expectCleanAfterNextWrite(path)
      // Importing again after the kill finishes the job exactly once.
      const again = await runCli(['db', 'import', bundle, '--db', path, '--json'])
      expect(again.code, again.stderr).toBe(0)
      const final = contents(path)
      for (const id of incoming) expect(final.ids.filter((x) => x === id)).toHaveLength(1)
    }, 90_000)
  }

  const restorePoints: FaultPoint[] = ['restore:staged', 'restore:safety-taken', 'restore:replaced']
  for (const point of restorePoints) {
    it(`restore: killed at ${point}, the library is the old one or the restored one, whole, and leftovers are cleared`, async () => {
      const path = join(dir, 'lib.db')
      seedLibrary(path, 1)
      const backupRun = await runCli(['db', 'save', DESIGN, '--db', path, '--json']) // takes the daily backup first
      expect(backupRun.code, backupRun.stderr).toBe(0)
      const [backupId] = await listedBackups(path)
      expect(backupId).toBeDefined()
      const restoredState = contents(join(dir, 'backups', backupId!))
      const before = contents(path)
      expect(before.ids).not.toEqual(restoredState.ids)
      const run = await runCli(['db', 'restore', backupId!, '--db', path, '--json'], { env: { NANOFORGE_FAULT_POINT: point } })
      expectKilled(run)
      const after = contents(path)
      expect(after.integrity).toBe('ok')
      const whole = (after.ids.join() === before.ids.join() && after.versions === before.versions) ||
        (after.ids.join() === restoredState.ids.join() && after.versions === restoredState.versions)
      expect(whole, JSON.stringify({ before, after, restoredState })).toBe(true)
      if (point === 'restore:replaced') expect(after.ids).toEqual(restoredState.ids)
      else expect(after.ids).toEqual(before.ids)
      await listedBackups(path)
      await expectCleanAfterNextWrite(path)
    }, 90_000)
  }

  it('restore onto a damaged library (the file is replaced): killed after staging or after the swap, never torn', async () => {
    for (const point of ['restore:staged', 'restore:replaced'] as const) {
      const path = join(dir, point.replace(':', '-'), 'lib.db')
      const ids = seedLibrary(path, 2)
      const library = openDesignLibrary({ path, deferredMetrics: false, dailyBackup: false })
      const backup = library.backup('manual')
      library.close()
      const bytes = readFileSync(path)
      bytes.fill(0x5a, 4096 * 2, bytes.length)
      writeFileSync(path, bytes)
      const run = await runCli(['db', 'restore', backup.backupId, '--db', path, '--json'], { env: { NANOFORGE_FAULT_POINT: point } })
      expectKilled(run)
      if (point === 'restore:replaced') {
        expect(contents(path)).toMatchObject({ integrity: 'ok', ids: [...ids].sort() })
      } else {
        // Still the damaged file (untouched), and the restore can simply be run again.
        const retry = await runCli(['db', 'restore', backup.backupId, '--db', path, '--json'])
        expect(retry.code, retry.stderr).toBe(0)
        expect(contents(path)).toMatchObject({ integrity: 'ok', ids: [...ids].sort() })
      }
      await listedBackups(path)
      await expectCleanAfterNextWrite(path)
    }
  }, 120_000)
})

describe('kill -9 at spread-out times, repeated', () => {
  it('an import of 30 designs killed 8 times at different moments: always all or nothing, backups verified, nothing lost', async () => {
    const seedPath = join(dir, 'seed', 'lib.db')
    const seeded = seedLibrary(seedPath, 3)
    const bundle = join(dir, 'big.bundle')
    const incoming = writeBundle(bundle, 30)
    // How long one whole import takes on this machine (start-up, daily backup, backup before
    // the import, the transaction, the metrics after it); the kills land across that span.
    const timed = join(dir, 'timed', 'lib.db')
    mkdirSync(join(timed, '..'))
    copyFileSync(seedPath, timed)
    const started = Date.now()
    const full = await runCli(['db', 'import', bundle, '--db', timed, '--json'])
    const wholeMs = Date.now() - started
    expect(full.code, full.stderr).toBe(0)
    const delaysMs = [0.15, 0.3, 0.45, 0.6, 0.7, 0.8, 0.88, 0.95].map((f) => Math.round(f * wholeMs))
    const outcomes: string[] = []
    for (const delay of delaysMs) {
      // Each kill starts from the same seeded library.
      const path = join(dir, `run-${delay}`, 'lib.db')
      mkdirSync(join(path, '..'))
      copyFileSync(seedPath, path)
      const run = await runCli(['db', 'import', bundle, '--db', path, '--json'], { killAfterMs: delay })
      const after = contents(path)
      expect(after.integrity).toBe('ok')
      for (const id of seeded) expect(after.ids).toContain(id)
      const imported = incoming.filter((id) => after.ids.includes(id)).length
      expect([0, incoming.length]).toContain(imported)
      if (run.signal === null) {
        // Finished before the kill: then it said so, truthfully.
        expect(run.code, run.stderr).toBe(0)
        expect(imported).toBe(incoming.length)
      }
      outcomes.push(`${delay} ms: ${run.signal ?? `exit ${run.code}`}, ${imported === 0 ? 'nothing' : 'all'} imported`)
      await listedBackups(path)
      await expectCleanAfterNextWrite(path)
    }
    expect(outcomes.filter((o) => o.includes('SIGKILL')).length, outcomes.join('\n')).toBeGreaterThanOrEqual(4)
  }, 240_000)
})
