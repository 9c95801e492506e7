/**
 * The library's metrics cache and its deferred worker (electron/db/metrics-cache.ts): listing
 * metrics computed after saves on a timer, cached per document hash and engine version, never
 * written by a read-only library, and forgotten when the engine version changes.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openDesignLibrary, type DesignLibrary } from '../../../../electron/db/library'
import { computeEngineMetrics } from '../../../../electron/db/metrics'
import { ENGINE_VERSION } from '../../../../shared/engine/version'
import { EXAMPLE_FILES, fileHash, loadExample, makeTempDir } from '../helpers'

let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = makeTempDir()))
afterEach(() => cleanup())

const cachedRows = (library: DesignLibrary): number =>
  (library.connection.prepare('SELECT count(*) AS n FROM version_metrics').get() as { n: number }).n

function saveExamples(library: DesignLibrary): string[] {
  return EXAMPLE_FILES.map((f) => library.saveDesign(loadExample(f)).designId)
}

describe('metrics cache', () => {
  it('fills every design saved by the deferred worker, more than one timer batch, without a request', async () => {
    const library = openDesignLibrary({ path: join(dir, 'lib.db'), dailyBackup: false })
    try {
      saveExamples(library)
      // A save only schedules the work (a save must stay fast); nothing is computed yet.
      expect(library.pendingMetricsCount()).toBe(EXAMPLE_FILES.length)
      await vi.waitFor(() => expect(library.pendingMetricsCount()).toBe(0), { timeout: 10_000, interval: 20 })
      expect(library.listLibrary().items.every((i) => i.metrics.engineVersion === ENGINE_VERSION)).toBe(true)
    } finally {
      library.close()
    }
  })

  it('computes nothing by itself when deferred metrics are off, and a close with a scheduled worker is quiet', async () => {
    const library = openDesignLibrary({ path: join(dir, 'lib.db'), dailyBackup: false, deferredMetrics: false })
    saveExamples(library)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(library.pendingMetricsCount()).toBe(EXAMPLE_FILES.length)
    library.close()

    const deferred = openDesignLibrary({ path: join(dir, 'lib.db'), dailyBackup: false })
    deferred.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json'))
    deferred.close()
    // The timer set by the save must not run on the closed connection.
    await new Promise((resolve) => setTimeout(resolve, 50))
  })

  it('answers the engine\'s own numbers for a version, cached once per document and engine version', () => {
    const library = openDesignLibrary({ path: join(dir, 'lib.db'), dailyBackup: false, deferredMetrics: false })
    try {
      const [id] = saveExamples(library)
      const direct = computeEngineMetrics(library.getDesign(id!)!.design)
      expect(cachedRows(library)).toBe(0)
      const first = library.versionMetrics(id!)
      expect(first).toEqual({
        selectivityIndex: direct.selectivityIndex, targetTissue: direct.targetTissue, bloodHalfLifeH: direct.bloodHalfLifeH,
        t50PlasmaH: direct.t50PlasmaH, hydrodynamicDiameterNm: direct.hydrodynamicDiameterNm, engineVersion: ENGINE_VERSION,
      })
      expect(cachedRows(library)).toBe(1)
      expect(library.versionMetrics(id!)).toEqual(first)
      expect(cachedRows(library)).toBe(1)
      // History reads the cache only: the version's numbers are there, no other version computed.
      expect(library.history(id!)![0]!.metrics).toEqual(first)
      expect(library.versionMetrics('no-such-design')).toBeUndefined()
    } finally {
      library.close()
    }
  })

  it('a read-only library computes on request but never writes, and its worker does nothing', () => {
    const path = join(dir, 'lib.db')
    const writer = openDesignLibrary({ path, dailyBackup: false, deferredMetrics: false })
    const [id] = saveExamples(writer)
    writer.close()
    const before = fileHash(path)
    const reader = openDesignLibrary({ path, readonly: true, dailyBackup: false })
    try {
      expect(reader.readOnly).toBe(true)
      expect(reader.versionMetrics(id!)?.engineVersion).toBe(ENGINE_VERSION)
      expect(reader.computePendingMetrics()).toBe(0)
      expect(reader.pendingMetricsCount()).toBe(EXAMPLE_FILES.length)
      expect(cachedRows(reader)).toBe(0)
    } finally {
      reader.close()
    }
    expect(fileHash(path)).toBe(before)
  })

  it('forgets head metrics of another engine version on a writable open, so they are computed again', () => {
    const path = join(dir, 'lib.db')
    const writer = openDesignLibrary({ path, dailyBackup: false, deferredMetrics: false })
    saveExamples(writer)
    expect(writer.computePendingMetrics()).toBe(EXAMPLE_FILES.length)
    writer.close()
    const raw = new Database(path)
    raw.prepare("UPDATE designs SET metrics_engine_version = 'an-older-engine'").run()
    raw.close()

    const reopened = openDesignLibrary({ path, dailyBackup: false, deferredMetrics: false })
    try {
      expect(reopened.pendingMetricsCount()).toBe(EXAMPLE_FILES.length)
      // The cache rows of this engine are still there: refilling is a copy, not a new computation.
      expect(reopened.computePendingMetrics()).toBe(EXAMPLE_FILES.length)
      expect(cachedRows(reopened)).toBe(EXAMPLE_FILES.length)
      expect(reopened.listLibrary().items.every((i) => i.metrics.engineVersion === ENGINE_VERSION)).toBe(true)
    } finally {
      reopened.close()
    }
  })
})
