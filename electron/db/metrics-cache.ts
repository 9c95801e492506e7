import type { VersionMetrics } from '../../shared/ipc/channels/library'
import type { Design } from '../../shared/design/types'
import { upgradeStoredDesign } from '../../shared/design/stored'
import { ENGINE_VERSION } from '../../shared/engine/version'
import { busyAware, type LibraryConnection } from './connection'
import { libraryEngine } from './library-engine'
import type { EngineMetrics } from './metrics'
import { syncDesignHead } from './library-rows'

/**
 * The engine's listing metrics (selectivity, target tissue, half-life, t50, diameter), cached
 * per document hash and engine version in `version_metrics` and copied into each design's head
 * row for sorting, and the deferred worker that fills them after saves.
 *
 * Why deferred: the engine takes ~15 ms per design and a save must stay under 5 ms (issue 5),
 * so a save only schedules the work. Why a cache and not part of the record: the numbers are
 * recomputed whenever the engine changes, so they are not audited and never block a write; a
 * busy writer elsewhere only postpones them.
 */
export interface MetricsCache {
  /**
   * Metrics of a version with this document hash: the cached ones, else computed from
   * `compute()` (and cached when writable), else (no `compute`) empty with the given diameter.
   */
  metricsOf(documentHash: string, fallbackDiameterNm: number | null, compute?: () => Design): VersionMetrics
  /** Computes the metrics of designs saved since the last run (at most `max`); returns how many were filled. */
  computePending(max?: number): number
  /** Starts the deferred worker (unless turned off, closed or read-only); idempotent while one is scheduled. */
  schedule(): void
  /** Stops the deferred worker (before close or a file swap). */
  stop(): void
  /** Designs whose listing metrics are not computed yet. */
  pendingCount(): number
  /** Forgets head metrics of another engine version (after a restore), then schedules the worker. */
  invalidateOtherEngines(): void
  /**
   * On open: forgets head metrics of another engine version and schedules the worker when
   * some are pending. Looks first with a read, because an UPDATE takes the write lock even
   * when it matches no row and would make every open wait for another writer.
   */
  refreshOnOpen(): void
}

/** Options of {@link createMetricsCache}. */
export interface MetricsCacheOptions {
  /** Compute after saves on a timer (default true) instead of only on request. */
  readonly deferred?: boolean
}

/** Designs computed per timer tick by the deferred worker (~15 ms each). */
const METRICS_BATCH = 2

const SQL = {
  cachedMetrics: `
    SELECT selectivity_index, target_tissue, blood_half_life_h, t50_plasma_h, hydrodynamic_diameter_nm, engine_version
    FROM version_metrics WHERE document_hash = ? AND engine_version = ?`,
  insertMetrics: `
    INSERT OR REPLACE INTO version_metrics (document_hash, engine_version, computed_at, selectivity_index, target_tissue,
      blood_half_life_h, t50_plasma_h, hydrodynamic_diameter_nm, error)
    VALUES (@hash, @engine, @now, @si, @tissue, @halfLife, @t50, @dh, @error)`,
  pendingHeads: `
    SELECT id, document_hash, latest_version FROM designs
    WHERE metrics_engine_version IS NULL AND latest_version > 0 ORDER BY seq DESC LIMIT ?`,
  pendingCount: 'SELECT count(*) AS n FROM designs WHERE metrics_engine_version IS NULL AND latest_version > 0',
  document: 'SELECT document FROM design_versions WHERE design_id = ? AND version = ?',
} as const

interface MetricsRow {
  readonly selectivity_index: number | null
  readonly target_tissue: string | null
  readonly blood_half_life_h: number | null
  readonly t50_plasma_h: number | null
  readonly hydrodynamic_diameter_nm: number | null
  readonly engine_version: string
}

export function createMetricsCache(conn: LibraryConnection, options: MetricsCacheOptions = {}): MetricsCache {
  let timer: ReturnType<typeof setTimeout> | undefined

  const cached = (hash: string): MetricsRow | undefined =>
    conn.statement(SQL.cachedMetrics).get(hash, ENGINE_VERSION) as MetricsRow | undefined

  const store = (hash: string, m: EngineMetrics): void => {
    conn.statement(SQL.insertMetrics).run({
      hash, engine: m.engineVersion, now: new Date().toISOString(), si: m.selectivityIndex, tissue: m.targetTissue,
      halfLife: m.bloodHalfLifeH, t50: m.t50PlasmaH, dh: m.hydrodynamicDiameterNm, error: m.error,
    })
  }

  const computePending = (max: number): number => {
    if (conn.readOnly) return 0
    const rows = conn.statement(SQL.pendingHeads).all(Math.max(1, Math.trunc(max))) as Array<{ id: string; document_hash: string; latest_version: number }>
    let filled = 0
    for (const row of rows) {
      if (cached(row.document_hash) === undefined) {
        const doc = conn.statement(SQL.document).get(row.id, row.latest_version) as { document: string } | undefined
        if (doc === undefined) continue
        const metrics = libraryEngine().computeEngineMetrics(upgradeStoredDesign(JSON.parse(doc.document)))
        busyAware(() => conn.db.transaction(() => {
          store(row.document_hash, metrics)
          syncDesignHead(conn.db, row.id)
        }).immediate())
      } else {
        busyAware(() => syncDesignHead(conn.db, row.id))
      }
      filled++
    }
    return filled
  }

  const schedule = (): void => {
    if (options.deferred === false || timer !== undefined || conn.closed || conn.readOnly) return
    timer = setTimeout(() => {
      timer = undefined
      if (conn.closed) return
      let filled: number
      try {
        filled = computePending(METRICS_BATCH)
      } catch {
        return // busy or closed: the next save schedules again
      }
      if (filled > 0) schedule()
    }, 0)
    timer.unref?.()
  }

  const pendingCount = (): number => (conn.statement(SQL.pendingCount).get() as { n: number }).n

  return {
    metricsOf(hash, fallbackDiameter, compute) {
      const row = cached(hash)
      if (row !== undefined) return toMetrics(row)
      if (compute === undefined) return emptyMetrics(fallbackDiameter)
      const m = libraryEngine().computeEngineMetrics(compute())
      if (!conn.readOnly) {
        try {
          busyAware(() => store(hash, m))
        } catch {
          // A busy writer elsewhere: the numbers are still right, only not cached.
        }
      }
      return {
        selectivityIndex: m.selectivityIndex, targetTissue: m.targetTissue, bloodHalfLifeH: m.bloodHalfLifeH,
        t50PlasmaH: m.t50PlasmaH, hydrodynamicDiameterNm: m.hydrodynamicDiameterNm, engineVersion: m.engineVersion,
      }
    },

    computePending: (max = Number.MAX_SAFE_INTEGER) => computePending(max),
    schedule,
    stop() {
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
    },
    pendingCount,

    invalidateOtherEngines() {
      conn.db.prepare('UPDATE designs SET metrics_engine_version = NULL WHERE metrics_engine_version IS NOT @engine').run({ engine: ENGINE_VERSION })
      schedule()
    },

    refreshOnOpen() {
      if (conn.readOnly || conn.schemaVersion < 3) return
      try {
        const stale = conn.db.prepare('SELECT 1 FROM designs WHERE metrics_engine_version IS NOT NULL AND metrics_engine_version <> @engine LIMIT 1')
          .get({ engine: ENGINE_VERSION })
        if (stale !== undefined) {
          conn.db.prepare('UPDATE designs SET metrics_engine_version = NULL WHERE metrics_engine_version IS NOT NULL AND metrics_engine_version <> @engine')
            .run({ engine: ENGINE_VERSION })
        }
        if (pendingCount() > 0) schedule()
      } catch {
        // Busy: the listing keeps the old numbers until the next open.
      }
    },
  }
}

function toMetrics(row: MetricsRow): VersionMetrics {
  return {
    selectivityIndex: row.selectivity_index,
    targetTissue: row.target_tissue,
    bloodHalfLifeH: row.blood_half_life_h,
    t50PlasmaH: row.t50_plasma_h,
    hydrodynamicDiameterNm: row.hydrodynamic_diameter_nm,
    engineVersion: row.engine_version,
  }
}

function emptyMetrics(hydrodynamicDiameterNm: number | null): VersionMetrics {
  return { selectivityIndex: null, targetTissue: null, bloodHalfLifeH: null, t50PlasmaH: null, hydrodynamicDiameterNm, engineVersion: '' }
}
