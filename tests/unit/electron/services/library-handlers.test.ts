/**
 * A refused library request writes nothing (issue 11, truthful under faults). Reading a
 * version's metrics fills the metrics cache, so a multi-item request must find every item before
 * it reads any: `library:metricsCsv` once read the first item's metrics and then refused the
 * second, leaving the first one's cache row behind (found by the IPC fuzz, ipc-fuzz.test.ts).
 */
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDesignLibrary, type DesignLibrary } from '../../../../electron/db/library'
import { dispatch } from '../../../../electron/services/dispatch'
import { createHandlers } from '../../../../electron/services/handlers'
import { loadExample, makeTempDir } from '../helpers'

let temp: ReturnType<typeof makeTempDir>
let library: DesignLibrary
let designId: string
beforeEach(() => {
  temp = makeTempDir('nanoforge-library-handlers-')
  // deferredMetrics off: no worker fills the cache behind the test's back
  library = openDesignLibrary({ path: join(temp.dir, 'lib.db'), deferredMetrics: false, dailyBackup: false })
  designId = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
})
afterEach(() => {
  library.close()
  temp.cleanup()
})

/** Every row of every table, as text: what "the database did not change" compares. */
function dump(): string {
  const db = library.connection
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]
  return tables.map((t) => `${t}:${JSON.stringify(db.prepare(`SELECT * FROM "${t.replaceAll('"', '""')}"`).raw().all())}`).join('\n')
}

describe('library:metricsCsv', () => {
  it('refuses a request whose second item does not exist, and writes nothing (not even the first item\'s metrics)', async () => {
    const handlers = createHandlers(library, { host: 'electron', appVersion: 't' })
    const before = dump()
    const refused = await dispatch(handlers, 'library:metricsCsv', { items: [{ designId, version: 1 }, { designId: '00000000-0000-4000-8000-000000000000' }] })
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.code).toBe('not-found')
    expect(dump()).toBe(before)
    // the same first item alone is answered, and only then is its metrics row written
    const answered = await dispatch(handlers, 'library:metricsCsv', { items: [{ designId, version: 1 }] })
    expect(answered.ok).toBe(true)
    expect(dump()).not.toBe(before)
  })
})
