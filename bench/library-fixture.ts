/**
 * A generated design library of many designs for the library benchmarks (issue 5:
 * dbSaveMedianMs, dbListFirstPageMs sorted by a metric, dbSearchMs on 100,000 designs).
 *
 * Why a generator instead of 100,000 saves: saves are fsync'd one by one (synchronous=FULL)
 * and the engine takes ~15 ms per design, so a realistic library would take hours to build.
 * This writes the same rows a save plus the deferred metrics worker would write (designs,
 * immutable versions through the same FTS trigger, the metrics cache and the denormalised
 * listing columns), in one transaction, with plausible varied designs and seeded synthetic
 * engine metrics (marked with the current engine version so nothing is recomputed).
 */
import { createHash } from 'node:crypto'
import { newDesign } from '../shared/design/defaults'
import { canonicalDesignJson, normaliseDesign } from '../shared/design/normalise'
import { CORE_MATERIAL_IDS, DISEASE_IDS } from '../shared/catalog/ids'
import type { Design } from '../shared/design/types'
import { ENGINE_VERSION } from '../shared/engine/version'
import { openDesignLibrary, summariseDesign, type DesignLibrary } from '../electron/db/library'

/** Options of {@link generateLibrary}. */
export interface GenerateLibraryOptions {
  /** Database file to create (must not hold a library yet). */
  readonly path: string
  /** How many designs (default 100,000). */
  readonly count?: number
  /** Seed of the pseudo-random variation (default 1). */
  readonly seed?: number
}

/** What {@link generateLibrary} made: the open library and words that occur in it, for search benchmarks. */
export interface GeneratedLibrary {
  readonly library: DesignLibrary
  readonly count: number
  /** A word found in about 10 % of design names (a broad search: thousands of matches to count). */
  readonly searchWord: string
}

const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'lead', 'screen', 'batch', 'tolerogenic', 'stealth', 'pilot',
  'kappa', 'sigma', 'omega', 'zeta', 'theta', 'lambda', 'vega', 'orion', 'lyra', 'draco']

/**
 * Creates a library of `count` plausible designs in one transaction and returns it open
 * (writable, deferred metrics off, daily backup off) for the benchmarks.
 */
export function generateLibrary(options: GenerateLibraryOptions): GeneratedLibrary {
  const count = options.count ?? 100_000
  let state = (options.seed ?? 1) >>> 0 || 1
  const rand = (): number => {
    // xorshift32: fast, seeded, reproducible.
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) / 2 ** 32
  }
  const pick = <T>(list: ReadonlyArray<T>): T => list[Math.floor(rand() * list.length)]!
  const library = openDesignLibrary({ path: options.path, deferredMetrics: false, dailyBackup: false })
  const db = library.connection
  const base = newDesign()
  const insertDesign = db.prepare(`INSERT INTO designs (id, seq, name, created_at, updated_at, latest_version, core_material, disease,
    document_hash, hydrodynamic_diameter_nm, selectivity_index, target_tissue, blood_half_life_h, t50_plasma_h, metrics_engine_version)
    VALUES (@id, @seq, @name, @at, @at, 1, @core, @disease, @hash, @dh, @si, @tissue, @half, @t50, @engine)`)
  const insertVersion = db.prepare(`INSERT INTO design_versions (design_id, version, created_at, note, document, document_hash,
    engine_version, summary, name, core_material, core_diameter_nm, hydrodynamic_diameter_nm, disease)
    VALUES (@id, 1, @at, '', @document, @hash, @engine, @summary, @name, @core, @diameter, @dh, @disease)`)
  const insertMetrics = db.prepare(`INSERT OR IGNORE INTO version_metrics (document_hash, engine_version, computed_at, selectivity_index,
    target_tissue, blood_half_life_h, t50_plasma_h, hydrodynamic_diameter_nm, error) VALUES (@hash, @engine, @at, @si, @tissue, @half, @t50, @dh, NULL)`)
  const insertTag = db.prepare('INSERT INTO design_tags (design_id, tag, created_at) VALUES (?, ?, ?)')
  const start = Date.UTC(2020, 0, 1)
  db.transaction(() => {
    const firstSeq = ((db.prepare('SELECT coalesce(max(seq), 0) AS s FROM designs').get() as { s: number }).s) + 1
    for (let i = 0; i < count; i++) {
      const name = `${pick(WORDS)} ${pick(WORDS)} ${i}`
      const design: Design = {
        ...base,
        name,
        core: { material: pick(CORE_MATERIAL_IDS), diameterNm: Math.round(30 + rand() * 370) },
        payload: { ...base.payload, loadingPctWw: Math.round(rand() * 200) / 10 },
        context: { ...base.context, disease: pick(DISEASE_IDS) },
      }
      const hash = createHash('sha256').update(canonicalDesignJson(design), 'utf8').digest('hex')
      const summary = summariseDesign(design)
      const dh = typeof summary.hydrodynamicDiameterNm === 'number' ? summary.hydrodynamicDiameterNm : null
      const row = {
        id: `bench-${String(i).padStart(8, '0')}-${hash.slice(0, 12)}`,
        seq: firstSeq + i,
        name,
        at: new Date(start + i * 60_000).toISOString(),
        core: design.core.material,
        disease: design.context.disease,
        diameter: design.core.diameterNm,
        hash,
        dh,
        si: rand() < 0.02 ? null : Math.exp(rand() * 4 - 1),
        tissue: pick(['spleen+liver-apc', 'joints', 'kidneys', 'lymph-nodes']),
        half: 0.2 + rand() * 12,
        t50: rand() < 0.3 ? null : rand() * 72,
        engine: ENGINE_VERSION,
        document: JSON.stringify(normaliseDesign(design)),
        summary: JSON.stringify(summary),
      }
      insertDesign.run(row)
      insertVersion.run(row)
      insertMetrics.run(row)
      if (i % 10 === 0) insertTag.run(row.id, pick(['lead', 'screen', 'in vivo']), row.at)
    }
  }).immediate()
  db.exec('ANALYZE')
  return { library, count, searchWord: 'orion' }
}
