import Database from 'better-sqlite3'
import { copyFileSync, existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MIGRATIONS, SCHEMA_VERSION } from '../../../../electron/db/migrations'
import { openDesignLibrary } from '../../../../electron/db/library'
import { REPO_ROOT, makeTempDir } from '../helpers'

const FIXTURE_DIR = join(REPO_ROOT, 'tests', 'fixtures', 'db')

let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = makeTempDir()))
afterEach(() => cleanup())

/** The whole schema as SQLite stores it, in a stable order. */
function schemaOf(db: Database.Database): Array<Record<string, unknown>> {
  return db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as Array<Record<string, unknown>>
}

function userVersion(path: string): number {
  const db = new Database(path, { readonly: true })
  try {
    return Number(db.pragma('user_version', { simple: true }))
  } finally {
    db.close()
  }
}

describe('fixture databases of every released schema version', () => {
  it('has one committed fixture per migration', () => {
    const files = readdirSync(FIXTURE_DIR).filter((f) => /^library-v\d+\.db$/.test(f)).sort()
    expect(files).toEqual(MIGRATIONS.map((m) => `library-v${m.version}.db`).sort())
    for (const m of MIGRATIONS) expect(userVersion(join(FIXTURE_DIR, `library-v${m.version}.db`))).toBe(m.version)
  })

  for (const migration of MIGRATIONS) {
    it(`upgrades library-v${migration.version}.db to the latest schema, equal to a fresh library, keeping every row`, () => {
      const path = join(dir, `from-v${migration.version}.db`)
      copyFileSync(join(FIXTURE_DIR, `library-v${migration.version}.db`), path)
      const library = openDesignLibrary({ path, deferredMetrics: false, dailyBackup: false })
      const fresh = openDesignLibrary({ path: join(dir, 'fresh.db'), deferredMetrics: false, dailyBackup: false })
      try {
        expect(library.readOnly).toBe(false)
        expect(library.schemaVersion).toBe(SCHEMA_VERSION)
        expect(schemaOf(library.connection)).toEqual(schemaOf(fresh.connection))
        if (migration.version < SCHEMA_VERSION) {
          expect(library.backupPath).toBeDefined()
          expect(existsSync(library.backupPath!)).toBe(true)
          expect(userVersion(library.backupPath!)).toBe(migration.version)
        }
        expect(String(library.connection.pragma('integrity_check', { simple: true }))).toBe('ok')
        expect(String(library.connection.pragma('foreign_key_check', { simple: true }) ?? 'none')).toBe('none')

        // Every fixture holds three designs with two versions each (one trashed from v3 on).
        const ids = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003']
        for (const id of ids) {
          expect(library.history(id)!.map((v) => v.note)).toEqual(['first', 'bigger core'])
          expect(library.getDesign(id, 2)!.design.core.diameterNm).toBe(library.getDesign(id, 1)!.design.core.diameterNm + 10)
        }
        const listed = library.listLibrary({ sortBy: 'name' })
        expect(listed.total + library.listTrash().total).toBe(3)
        expect(listed.items.every((i) => i.coreMaterial !== '' && i.disease !== '' && i.latestVersion === 2)).toBe(true)
        // Listing metrics of old designs are filled after the upgrade, then sortable.
        library.computePendingMetrics()
        expect(library.pendingMetricsCount()).toBe(0)
        const sorted = library.listLibrary({ sortBy: 'selectivityIndex' }).items.map((i) => i.metrics.selectivityIndex)
        expect(sorted.every((v) => v !== null)).toBe(true)
        expect(sorted).toEqual([...sorted].sort((a, b) => b! - a!))
        expect(library.listLibrary({ query: 'lupus' }).total).toBeGreaterThan(0)
        if (migration.version >= 2) {
          const m = library.connection.prepare('SELECT kind, version FROM measurements').all()
          expect(m).toEqual([{ kind: 'dls', version: 2 }])
        }
        // And the upgraded library takes new saves on top of the old rows.
        const base = library.getDesign(ids[0]!)!.design
        expect(library.saveDesign(base, { designId: ids[0]! }).version).toBe(3)
      } finally {
        library.close()
        fresh.close()
      }
    })
  }
})
