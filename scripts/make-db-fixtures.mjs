/**
 * Writes one small design-library fixture per released schema version into tests/fixtures/db/
 * (library-v1.db, library-v2.db, ...), so the upgrade test can open each and migrate it to the
 * latest schema (issue 5, "a fixture database of every schema version ever released";
 * docs/security.md §5, PK-Sim's field failures).
 *
 * Run: node --import tsx scripts/make-db-fixtures.mjs [--force]
 *
 * A fixture is a record of what a released version wrote: existing files are never replaced
 * unless --force is given (only do that for a version that was never released). Each version's
 * rows are written with the SQL of that version, fixed ids and fixed dates.
 */
import Database from 'better-sqlite3'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDatabase } from '../electron/db/database.ts'
import { MIGRATIONS } from '../electron/db/migrations.ts'
import { openDesignLibrary } from '../electron/db/library.ts'
import { approveVersion } from '../electron/db/approvals.ts'
import { setSpecLimit } from '../electron/db/specs.ts'
import { canonicalDesignJson, normaliseDesign } from '../shared/design/normalise.ts'
import { createHash } from 'node:crypto'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const outDir = join(root, 'tests', 'fixtures', 'db')
const force = process.argv.includes('--force')
const example = (name) => JSON.parse(readFileSync(join(root, 'tests', 'fixtures', 'designs', name), 'utf8'))
const designs = [
  ['00000000-0000-4000-8000-000000000001', example('t1d-tolerogenic-plga.nanoforge.json')],
  ['00000000-0000-4000-8000-000000000002', example('lupus-rbc-silica.nanoforge.json')],
  ['00000000-0000-4000-8000-000000000003', example('ra-folate-peg-liposome.nanoforge.json')],
]

/** Inserts designs with two versions each using only v1 columns, as NanoForge with schema v1 did. */
function writeV1Rows(db) {
  const insertDesign = db.prepare(`INSERT INTO designs (id, seq, name, created_at, updated_at, latest_version)
    VALUES (?, ?, ?, ?, ?, ?)`)
  const insertVersion = db.prepare(`INSERT INTO design_versions (design_id, version, created_at, note, document, document_hash,
    engine_version, summary, name, core_material, core_diameter_nm, hydrodynamic_diameter_nm, disease)
    VALUES (?, ?, ?, ?, ?, ?, '0.1.0', '{}', ?, ?, ?, NULL, ?)`)
  db.transaction(() => {
    designs.forEach(([id, base], i) => {
      const v2 = { ...base, core: { ...base.core, diameterNm: base.core.diameterNm + 10 } }
      insertDesign.run(id, i + 1, v2.name, `2025-0${i + 1}-01T09:00:00.000Z`, `2025-0${i + 1}-02T09:00:00.000Z`, 2)
      ;[base, v2].forEach((d, j) => {
        insertVersion.run(id, j + 1, `2025-0${i + 1}-0${j + 1}T09:00:00.000Z`, j === 0 ? 'first' : 'bigger core',
          JSON.stringify(normaliseDesign(d)), createHash('sha256').update(canonicalDesignJson(d), 'utf8').digest('hex'),
          d.name, d.core.material, d.core.diameterNm, d.context.disease)
      })
    })
  })()
}

function writeV2Rows(db) {
  writeV1Rows(db)
  db.prepare(`INSERT INTO measurements (id, design_id, version, kind, label, measured_on, created_at, data, deleted_at)
    VALUES ('10000000-0000-4000-8000-000000000001', ?, 2, 'dls', 'batch A', '2025-01-15', '2025-01-15T10:00:00.000Z', ?, NULL)`)
    .run(designs[0][0], JSON.stringify({ zAverageNm: 212, pdi: 0.11 }))
}

function writeV3Rows(path, migrations = MIGRATIONS.slice(0, 3), more = () => {}) {
  const library = openDesignLibrary({ path, deferredMetrics: false, dailyBackup: false, migrations })
  writeV2Rows(library.connection)
  more(library.connection)
  // Denormalised columns as v3 keeps them, then v3 features: tags, a note, metrics, trash.
  library.computePendingMetrics()
  library.addTag(designs[0][0], 'lead')
  library.addTag(designs[1][0], 'in vivo')
  library.setNote(designs[0][0], 'Repeat DLS')
  const project = library.createProject('Autoimmune screen')
  library.moveToProject([designs[0][0], designs[1][0]], project.projectId)
  library.trashDesign(designs[2][0])
  library.close()
}

/**
 * v4: one calibration profile learned on design 1 (the PLGA particle) from an in-vivo
 * biodistribution measurement of its version 2, as NanoForge with schema v4 stores it: a
 * posterior summary, a thinned sample of draws (ln multipliers), diagnostics and provenance.
 * The numbers are small and hand-written (a record of the row format, not of a real run).
 * Provenance records measurement ids as text (no foreign key: a profile stays a record of
 * what it was learned from); the measurement itself is not in the file, so the measurement
 * rows of every fixture stay the v2 DLS row the upgrade test counts.
 */
function writeV4Rows(db) {
  const designId = designs[0][0]
  const measurementId = '10000000-0000-4000-8000-000000000002'
  const interval = (median, lo, hi) => ({ median, ci95: [lo, hi] })
  const prior = interval(1, 0.3965, 2.5220)
  const row = {
    id: '20000000-0000-4000-8000-000000000001', name: 'PLGA mouse liver', version: 1, created_at: '2025-02-02T09:00:00.000Z',
    engine_version: '0.1.0', seed: 1, parameters: ['liverKMax', 'spleenKMax'],
    summary: {
      parameters: {
        liverKMax: { prior, posterior: interval(1.8, 1.4, 2.3), informed: true, widthRatio: 0.27 },
        spleenKMax: { prior, posterior: interval(0.9, 0.5, 1.6), informed: true, widthRatio: 0.63 },
      },
      within2Fold: { before: 0.67, after: 1, leaveOneOut: null },
      notIdentifiable: [],
      leaveOneOut: null,
    },
    draws: { sampled: ['liverKMax', 'spleenKMax'], ln: [[0.58, -0.1], [0.6, -0.12], [0.55, -0.08], [0.61, -0.11]] },
    diagnostics: {
      rHatMax: 1.004, essMin: 780, converged: true, chains: 4, warmup: 1000, draws: 2000, acceptance: [0.31, 0.3, 0.32, 0.29],
      evaluations: 12004, rHatLimit: 1.01, essLimit: 400, engineFailures: 0,
    },
    provenance: {
      designs: [{ designId, versions: [2] }],
      measurements: [{ id: measurementId, designId, version: 2, kind: 'biodistribution' }],
      observations: 9,
      errorModel: { defaultCv: 0.3 },
      domain: { hydrodynamicDiameterNm: [410, 410], coreMaterials: ['plga-75-25'], surfaces: ['bare'], species: ['mouse'], diseases: ['type-1-diabetes'] },
    },
  }
  db.prepare(`INSERT INTO calibration_profiles (id, name, version, created_at, engine_version, seed, parameters, summary, draws, diagnostics, provenance)
    VALUES (@id, @name, @version, @created_at, @engine_version, @seed, @parameters, @summary, @draws, @diagnostics, @provenance)`).run({
    ...row, parameters: JSON.stringify(row.parameters), summary: JSON.stringify(row.summary), draws: JSON.stringify(row.draws),
    diagnostics: JSON.stringify(row.diagnostics), provenance: JSON.stringify(row.provenance),
  })
}

/**
 * v5: the v4 file upgraded by NanoForge with schema v5 (so its trail starts with the genesis
 * entry of an upgrade, anchoring the six existing versions), then two v5 writes through the
 * library: design 1 version 2 signed "reviewed" by a named signer, and a tag
 * added to design 2 (an audit entry each). Nothing that the upgrade test counts changes (no
 * version, no measurement). The entries carry the time and OS user of the run that wrote the
 * file: a fixture is a record of what a release wrote, not of a fixed clock.
 */
function writeV5(path) {
  writeV3Rows(path, MIGRATIONS.slice(0, 4), writeV4Rows)
  const library = openDesignLibrary({ path, deferredMetrics: false, dailyBackup: false, migrations: MIGRATIONS.slice(0, 5), backupDir: join(outDir, '.fixture-backups') })
  approveVersion(library, { designId: designs[0][0], version: 2, meaning: 'reviewed', signerName: 'Ada Reviewer' })
  library.addTag(designs[1][0], 'reviewed')
  library.close()
  rmSync(join(outDir, '.fixture-backups'), { recursive: true, force: true })
}

/**
 * v6: the v5 file upgraded by NanoForge with schema v6 (the measurements table rebuilt for the
 * `quality` kind, `project_specs` added), then two specification limits of the project
 * "Autoimmune screen" set through the library (an audit entry each): size 150 to 250 nm and
 * PDI at most 0.2. No measurement is added (the upgrade test counts the v2 DLS row).
 */
function writeV6(path) {
  writeV5(path)
  const library = openDesignLibrary({ path, deferredMetrics: false, dailyBackup: false, migrations: MIGRATIONS.slice(0, 6), backupDir: join(outDir, '.fixture-backups') })
  const project = library.listProjects().find((p) => p.name === 'Autoimmune screen')
  setSpecLimit(library, project.projectId, { attribute: 'zAverageNm', min: 150, max: 250, note: 'splenic filtration above ~250 nm' })
  setSpecLimit(library, project.projectId, { attribute: 'pdi', min: null, max: 0.2, note: '' })
  library.close()
  rmSync(join(outDir, '.fixture-backups'), { recursive: true, force: true })
}

mkdirSync(outDir, { recursive: true })
const writers = { 1: (db) => writeV1Rows(db), 2: (db) => writeV2Rows(db), 3: null, 4: 'v4', 5: 'v5', 6: 'v6' }
for (const migration of MIGRATIONS) {
  const path = join(outDir, `library-v${migration.version}.db`)
  if (existsSync(path) && !force) {
    console.log(`kept ${path} (released fixtures are never regenerated; --force to replace)`)
    continue
  }
  rmSync(path, { force: true })
  const writer = writers[migration.version]
  if (writer === undefined) throw new Error(`No fixture writer for schema version ${migration.version}: add one.`)
  if (writer === null) {
    writeV3Rows(path)
  } else if (writer === 'v4') {
    writeV3Rows(path, MIGRATIONS.slice(0, 4), writeV4Rows)
  } else if (writer === 'v5') {
    writeV5(path)
  } else if (writer === 'v6') {
    writeV6(path)
  } else {
    const opened = openDatabase(path, { migrations: MIGRATIONS.slice(0, migration.version) })
    writer(opened.db)
    opened.close()
  }
  // One self-contained, compact file (no -wal) to commit.
  const db = new Database(path)
  db.pragma('journal_mode = DELETE')
  db.exec('VACUUM')
  db.close()
  console.log(`wrote ${path}`)
}
